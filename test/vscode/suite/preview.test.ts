// The preview in a real VS Code (code-server + Chromium): the command opens one webview panel per
// document (re-running it reveals the same one), the webview shows the model (it reports the
// version it drew and how many elements carry a source id), an edit updates it, a broken edit
// keeps the last diagram, the cursor highlights the node under it, and a click in the diagram
// (a `reveal` message, through the same validation as a real one) selects the node's id in the
// editor. Uses the extension's test hook (PREVIEW_TEST_HOOK_COMMAND, registered only outside
// production), which exposes what the panel posted and what its webview reported.
import * as assert from 'assert';
import * as vscode from 'vscode';
import fc from 'fast-check';
import { OPEN_PREVIEW_TO_SIDE_COMMAND, PREVIEW_TEST_HOOK_COMMAND, type PreviewTestApi } from '../../../src/extension/preview';
import { PREVIEW_VIEW_TYPE } from '../../../src/shared/previewProtocol';
import { closeAllEditors, openFixture, waitForEvent, waitUntil } from './helpers';

const RENDER_TIMEOUT_MS = 20_000;

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && (t.input.viewType === PREVIEW_VIEW_TYPE || t.input.viewType.endsWith(`-${PREVIEW_VIEW_TYPE}`)));
}

async function testApi(): Promise<PreviewTestApi> {
  const api = await vscode.commands.executeCommand<PreviewTestApi>(PREVIEW_TEST_HOOK_COMMAND);
  assert.ok(api && typeof api.probe === 'function', 'the extension registers its preview test hook in test mode');
  return api;
}

/** Waits until the webview of `document` reports it has drawn the document's current version. */
async function rendered(api: PreviewTestApi, document: vscode.TextDocument, what: string): Promise<{ version: number; elements: number }> {
  await waitUntil(() => api.probe(document.uri)?.lastRendered?.version === document.version, `${what} (version ${document.version})`, RENDER_TIMEOUT_MS).catch((e: Error) => {
    throw new Error(`${e.message}; probe: ${JSON.stringify(api.probe(document.uri))}`);
  });
  return api.probe(document.uri)!.lastRendered!;
}

describe('Strata preview', () => {
  afterEach(closeAllEditors);

  it('opens beside the editor, draws the model, follows edits and reveals a clicked node', async () => {
    const document = await openFixture('clean.strata');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
    await waitForEvent(vscode.window.tabGroups.onDidChangeTabs, () => (previewTabs().length === 1 ? true : undefined), 'a Strata preview tab');
    const tab = previewTabs()[0];
    assert.strictEqual(tab.label, 'Preview clean.strata');
    assert.notStrictEqual(tab.group.viewColumn, vscode.window.activeTextEditor?.viewColumn, 'the preview opens beside the editor');

    const api = await testApi();
    const first = await rendered(api, document, 'the webview to draw the model');
    assert.ok(first.elements > 0, 'the diagram has elements with source ids');

    // Running the command again reveals the same panel.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
    assert.strictEqual(previewTabs().length, 1);

    // An edit updates the diagram.
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(document.lineCount, 0), '\nhost extra "Extra box" { os: debian-12 }\n'));
    const second = await rendered(api, document, 'the webview to draw the edited model');
    assert.ok(second.elements > first.elements, `more elements after adding a host (${first.elements} → ${second.elements})`);

    // A syntax error: the extension posts the new version without a diagram; the webview keeps
    // the last one (it reports no newer drawing).
    await editor.edit((b) => b.insert(new vscode.Position(document.lineCount, 0), 'host broken {\n  cpu: : :\n'));
    const broken = document.version;
    await waitUntil(() => api.probe(document.uri)?.lastPostedVersion === broken, 'the broken version to be posted', RENDER_TIMEOUT_MS);
    assert.strictEqual(api.probe(document.uri)?.lastRendered?.version, second.version, 'the last good diagram stays');

    // A click in the diagram reveals the node's id in the editor.
    await api.simulateMessage(document.uri, { type: 'reveal', id: 'solo' });
    const active = vscode.window.activeTextEditor;
    assert.ok(active && active.document.uri.toString() === document.uri.toString(), 'the document is the active editor');
    const line = document.lineAt(1).text;
    assert.strictEqual(active.selection.start.line, 1);
    assert.strictEqual(active.document.getText(active.selection), 'solo', `selected ${JSON.stringify(active.document.getText(active.selection))} in ${JSON.stringify(line)}`);
  });

  it('follows the active Strata editor to a document that has no preview of its own', async () => {
    const first = await openFixture('clean.strata');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
    const api = await testApi();
    await rendered(api, first, 'the webview to draw the first file');
    const second = await openFixture('duplicate-id.strata');
    await rendered(api, second, 'the same panel to draw the second file');
    assert.strictEqual(api.probe(first.uri), undefined, 'the panel left the first file');
    assert.strictEqual(previewTabs().length, 1);
    assert.strictEqual(previewTabs()[0].label, 'Preview duplicate-id.strata');
  });

  it('survives 2,000 random messages from the webview (fast-check, fixed seed): no exception, no effect', async () => {
    const document = await openFixture('clean.strata');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
    const api = await testApi();
    await rendered(api, document, 'the webview to draw the model');
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const tabsBefore = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).sort();
    // Near-misses of every message type, and anything at all. Left out: the valid forms that
    // act by design (a save dialog for the exports, a selection for revealSpan).
    const notAnInt = fc.oneof(fc.integer({ max: -1 }), fc.double().filter((d) => !Number.isInteger(d)), fc.string());
    const nearMiss = fc
      .record(
        {
          type: fc.constantFrom('reveal', 'revealSpan', 'fold', 'exportPng', 'exportSvg', 'copyMermaid', 'log', 'run', 'executeCommand', '__proto__'),
          id: fc.oneof(fc.string(), fc.integer(), fc.constant('no-such-node')),
          start: notAnInt,
          end: notAnInt,
          data: fc.oneof(fc.string(), fc.constant('AAAAAAAA')),
          level: fc.constantFrom('info', 'warn', 'debug'),
          message: fc.string(),
          command: fc.constantFrom('workbench.action.closeAllEditors', 'workbench.action.quit'),
          extra: fc.anything(),
        },
        { requiredKeys: ['type'] },
      )
      .filter((m) => !((m.type === 'exportSvg' || m.type === 'copyMermaid') && Object.keys(m).length === 1));
    const messages = fc.sample(fc.oneof(nearMiss, fc.anything({ withNullPrototype: true, withObjectString: true })), { numRuns: 2000, seed: 7 });
    for (const message of messages) await api.simulateMessage(document.uri, message);
    const tabsAfter = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).sort();
    assert.deepStrictEqual(tabsAfter, tabsBefore, 'no editor opened or closed');
    assert.ok(editor.selection.isEqual(new vscode.Selection(0, 0, 0, 0)), 'nothing was revealed');
    assert.strictEqual(document.isDirty, false);
  });

  it('exports SVG and PNG through a save dialog and copies the mermaid text', async () => {
    const document = await openFixture('clean.strata');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
    const api = await testApi();
    await rendered(api, document, 'the webview to draw the model');
    // The dialog is stubbed on the API object the extension shares with this suite (both run
    // as the same extension); the clipboard is the real one.
    const window = vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog };
    const showSaveDialog = window.showSaveDialog;
    const asked: (vscode.Uri | undefined)[] = [];
    const folder = vscode.workspace.workspaceFolders![0].uri;
    let target = vscode.Uri.joinPath(folder, 'exported.svg');
    window.showSaveDialog = async (options) => {
      asked.push(options?.defaultUri);
      return target;
    };
    try {
      await api.simulateMessage(document.uri, { type: 'exportSvg' });
      assert.strictEqual(asked[0]?.path, vscode.Uri.joinPath(folder, 'clean.svg').path, 'the dialog proposes the file name beside the model');
      const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svg, /data-id="solo"/);
      assert.match(svg, /<style>/, 'a standalone SVG with its own stylesheet');

      target = vscode.Uri.joinPath(folder, 'exported.png');
      // A 1×1 PNG, as the webview would send after drawing the SVG on a canvas.
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      await api.simulateMessage(document.uri, { type: 'exportPng', data: png });
      const written = await vscode.workspace.fs.readFile(target);
      assert.deepStrictEqual([...written.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // Not a PNG: refused without asking.
      const dialogs = asked.length;
      await api.simulateMessage(document.uri, { type: 'exportPng', data: 'PGh0bWw+PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0PjwvaHRtbD4=' });
      assert.strictEqual(asked.length, dialogs);

      await vscode.env.clipboard.writeText('before');
      await api.simulateMessage(document.uri, { type: 'copyMermaid' });
      const copied = await vscode.env.clipboard.readText();
      assert.match(copied, /^flowchart /);
      assert.match(copied, /solo/);
    } finally {
      window.showSaveDialog = showSaveDialog;
      for (const name of ['exported.svg', 'exported.png']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, name)).then(undefined, () => undefined);
    }
  });

  it('highlights the node at the cursor and ignores invalid messages', async () => {
    const document = await openFixture('clean.strata');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
    const api = await testApi();
    await rendered(api, document, 'the webview to draw the model');
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(3, 4, 3, 4); // inside `host solo { … }`
    await waitUntil(() => api.probe(document.uri)?.lastHighlight === 'solo', 'the highlight of solo');
    editor.selection = new vscode.Selection(0, 2, 0, 2); // in the comment: no node
    await waitUntil(() => api.probe(document.uri)?.lastHighlight === null, 'the highlight to clear');

    const before = api.probe(document.uri);
    for (const message of [null, 'reveal', { type: 'reveal' }, { type: 'reveal', id: 'solo', extra: 1 }, { type: 'run', command: 'workbench.action.closeWindow' }, { type: 'exportPng', data: 'not base64!' }]) {
      await api.simulateMessage(document.uri, message);
    }
    assert.ok(editor.selection.isEqual(new vscode.Selection(0, 2, 0, 2)), 'an invalid reveal does nothing');
    assert.deepStrictEqual(api.probe(document.uri), before);
  });
});
