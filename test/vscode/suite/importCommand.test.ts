// "Strata: Import from Compose / Kubernetes / VMs…" in a real VS Code: the questions it asks
// (which files, save?, where?) are answered through its test hook as a person would answer the
// dialogs. A real-world-shaped cluster dump (test/fixtures/import/k8s-dump, copied into the
// workspace) is imported: the model opens with its preview drawn beside it, and is written where
// the user says, byte for byte what `strata import` gives for the same file. A malformed source
// gives one modal message that names each problem's file and line (read through the hook: VS Code
// refuses to show modal dialogs to a test run); nothing is opened, written or changed then.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { IMPORT_COMMAND, IMPORT_TEST_HOOK_COMMAND, type ImportTestApi } from '../../../src/extension/importCommand';
import { PREVIEW_TEST_HOOK_COMMAND, type PreviewTestApi } from '../../../src/extension/preview';
import { FIXTURES } from '../../helpers/paths';
import { closeAllEditors, hasRule, ruleOf, waitForDiagnostics, waitUntil, workspaceUri } from './helpers';
import { ARTIFACTS, recordScreenshot } from '../../helpers/screenshots';
import { takeScreenshot } from './index';

const TIMEOUT_MS = 30_000;

describe('"Strata: Import from Compose / Kubernetes / VMs…"', () => {
  const sources = workspaceUri('imported-cluster');
  const target = workspaceUri('imported-cluster.strata');
  let api: ImportTestApi;
  before(async () => {
    await vscode.workspace.fs.copy(vscode.Uri.file(path.join(FIXTURES, 'import', 'k8s-dump')), sources, { overwrite: true });
    api = await vscode.commands.executeCommand<ImportTestApi>(IMPORT_TEST_HOOK_COMMAND);
  });
  after(async () => {
    api.setPrompts(undefined);
    await closeAllEditors();
    for (const u of [sources, target]) await vscode.workspace.fs.delete(u, { recursive: true }).then(undefined, () => undefined);
  });

  it('imports the picked folder, previews the model beside it, and writes it where the user says', async () => {
    const asked: string[] = [];
    let drawn = 0;
    api.setPrompts({
      pickSources: async () => {
        asked.push('files');
        return [sources];
      },
      confirmSave: async (summary) => {
        asked.push(`save? ${summary}`);
        // The model is open beside its preview while the user decides.
        const imported = vscode.window.activeTextEditor?.document;
        assert.ok(imported?.isUntitled && imported.languageId === 'strata', 'the imported model is open as an untitled Strata document');
        const preview = await vscode.commands.executeCommand<PreviewTestApi>(PREVIEW_TEST_HOOK_COMMAND);
        await waitUntil(() => (preview.probe(imported.uri)?.lastRendered?.elements ?? 0) > 0, 'the preview of the imported model drawn', TIMEOUT_MS);
        drawn = preview.probe(imported.uri)!.lastRendered!.elements;
        // The picture: the model and its preview, with room for the preview.
        await vscode.commands.executeCommand('workbench.action.closePanel');
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        // What it shows is the golden import of this dump (the same text, the file names aside).
        if (await takeScreenshot('import-preview')) recordScreenshot(path.join(ARTIFACTS, 'import-preview.png'), { kind: 'editor', file: 'test/fixtures/import/k8s-dump.expected.strata' });
        await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
        return true;
      },
      pickTarget: async (suggested) => {
        asked.push(`where? ${suggested ? vscode.workspace.asRelativePath(suggested) : 'no suggestion'}`);
        return target;
      },
      showErrors: (message, detail) => assert.fail(`no error for a good dump: ${message} ${detail}`),
    });

    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(IMPORT_COMMAND);
    assert.ok(doc, 'the command resolves to the imported document');
    assert.deepStrictEqual(asked, ['files', 'save? Imported 1 file; 1 thing read but not mapped is listed at the top.', 'where? imported.strata']);
    assert.ok(drawn > 20, `the preview drew the cluster (${drawn} elements)`);

    // What was written is the document, and the same as the CLI's import of the same file.
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.strictEqual(written, doc.getText());
    const golden = fs.readFileSync(path.join(FIXTURES, 'import', 'k8s-dump.expected.strata'), 'utf8').split('test/fixtures/import/k8s-dump/').join('imported-cluster/');
    assert.strictEqual(written, golden);

    // The saved model is opened and checked: no errors.
    await waitUntil(() => vscode.window.activeTextEditor?.document.uri.toString() === target.toString(), 'the saved model opened', TIMEOUT_MS);
    // A cluster where two tenants' pods share a node's kernel: the finding shows the model was checked.
    const ds = await waitForDiagnostics(target, hasRule('shared-kernel-tenants'), 'the saved model checked', TIMEOUT_MS);
    assert.deepStrictEqual(ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => `${ruleOf(d)}: ${d.message}`), []);
  });

  it('a malformed source: a modal message gives each problem at its file and line; nothing is opened, written or changed', async () => {
    const folder = workspaceUri('bad-import');
    const source = vscode.Uri.joinPath(folder, 'pod.yaml');
    // The model a previous import wrote, where the save dialog would suggest writing the new one.
    const previous = workspaceUri('imported.strata');
    const previousText = '# an earlier import\nhost keep { os: debian-12 }\n';
    await vscode.workspace.fs.copy(vscode.Uri.file(path.join(FIXTURES, 'import', 'bad', 'malformed.yaml')), source, { overwrite: true });
    await vscode.workspace.fs.writeFile(previous, new TextEncoder().encode(previousText));
    const listing = async () => (await vscode.workspace.fs.readDirectory(workspaceUri('.'))).map(([name]) => name).sort();
    try {
      await closeAllEditors();
      const before = await listing();
      const shown: { message: string; detail: string }[] = [];
      api.setPrompts({
        pickSources: async () => [source],
        confirmSave: async () => assert.fail('no save question when the input is bad'),
        pickTarget: async () => assert.fail('no save dialog when the input is bad'),
        showErrors: (message, detail) => shown.push({ message, detail }),
      });
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(IMPORT_COMMAND);
      assert.strictEqual(doc, undefined, 'no imported document');

      // What the modal error message shows (VS Code refuses to open a modal dialog in a test run,
      // so the test reads what the command gives it): the problem at its file and line. The quote
      // opened on line 8 of the file is never closed.
      assert.deepStrictEqual(shown, [
        {
          message: 'Strata could not import bad-import/pod.yaml: 1 problem.',
          detail: 'bad-import/pod.yaml:8: Not valid YAML: the quoted string that starts here (") is never closed, so the rest of the file is read as part of it. Add the closing ".',
        },
      ]);

      assert.strictEqual(vscode.window.visibleTextEditors.length, 0, 'no editor opened');
      assert.deepStrictEqual(
        vscode.workspace.textDocuments.filter((d) => d.isUntitled).map((d) => d.getText().slice(0, 60)),
        [],
        'no untitled model',
      );
      assert.deepStrictEqual(await listing(), before, 'no file written in the workspace');
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(previous)), previousText, 'the earlier model is unchanged');
    } finally {
      for (const u of [folder, previous]) await vscode.workspace.fs.delete(u, { recursive: true }).then(undefined, () => undefined);
    }
  });

  it('nothing is opened when the user cancels the file pick', async () => {
    api.setPrompts({
      pickSources: async () => undefined,
      confirmSave: async () => assert.fail('no save question after a cancel'),
      pickTarget: async () => assert.fail('no save dialog after a cancel'),
      showErrors: (message) => assert.fail(`no error after a cancel: ${message}`),
    });
    await closeAllEditors();
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(IMPORT_COMMAND);
    assert.strictEqual(doc, undefined);
    assert.strictEqual(vscode.window.visibleTextEditors.length, 0);
  });
});
