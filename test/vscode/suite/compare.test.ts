// "Strata: Compare with…" in a real VS Code (code-server + Chromium), through the built-in git
// extension on a scratch git repository: the model is committed, a tenant's container is added
// on disk, and "Compare with HEAD" (picked in the quick pick, as a user would) opens the preview
// in diff mode; the webview reports the nodes its picture shows marked (read from the drawn SVG),
// so the added container must be there, marked `added`. A click on it reveals it in the head
// version. Then the same change seen from Source Control's diff editor ("Open Changes"): the
// preview offers the change and shows it when asked. Last, a project: the change is in another
// file of the project, and comparing one file with HEAD shows it (the whole project is compared,
// as `strata diff --git` does).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { PREVIEW_TEST_HOOK_COMMAND, type PreviewTestApi } from '../../../src/extension/preview';
import { COMPARE_COMMAND } from '../../../src/extension/compare';
import { FIXTURES } from '../../helpers/paths';
import { closeAllEditors, waitUntil } from './helpers';

const RENDER_TIMEOUT_MS = 30_000;
const CASE = path.join(FIXTURES, 'diff', 'tenant-container-added');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh repository with `files` committed, then `changed` written over them (not committed). */
function scratchRepository(name: string, files: Record<string, string>, changed: Record<string, string>): string {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const dir = path.join(root, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, '-c', 'user.name=Strata Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'the base');
  for (const [f, text] of Object.entries(changed)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): { toGitUri(uri: vscode.Uri, ref: string): vscode.Uri };
}

/** The user's `git.enabled` before the suite turned git on (restored after it). */
let gitEnabledBefore: boolean | undefined;

async function enableGit(): Promise<void> {
  // The test window starts with git disabled (runCodeServer's user settings); the git extension
  // builds its model when the setting turns true.
  gitEnabledBefore = vscode.workspace.getConfiguration('git').inspect<boolean>('enabled')?.globalValue;
  await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  assert.ok(extension, 'the built-in git extension is installed');
  const exports = extension.isActive ? extension.exports : await extension.activate();
  await waitUntil(() => exports.enabled, 'the git extension to be enabled', 20_000);
}

async function testApi(): Promise<PreviewTestApi> {
  const api = await vscode.commands.executeCommand<PreviewTestApi>(PREVIEW_TEST_HOOK_COMMAND);
  assert.ok(api && typeof api.probe === 'function', 'the extension registers its preview test hook in test mode');
  return api;
}

/** Waits until the preview of `document` reports a drawn diff picture of its current version with `mark:id` marked. */
async function shownMarked(api: PreviewTestApi, document: vscode.TextDocument, expected: string): Promise<readonly string[]> {
  await waitUntil(
    () => {
      const p = api.probe(document.uri);
      return p?.lastRendered?.version === document.version && p.compare?.active === true && (p.marked ?? []).includes(expected);
    },
    `the diff picture to show ${expected}`,
    RENDER_TIMEOUT_MS,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; probe: ${JSON.stringify(api.probe(document.uri))}`);
  });
  return api.probe(document.uri)!.marked!;
}

/**
 * Opens `file` and runs "Strata: Compare with…", answering its quick pick with `label` as a user
 * would; returns the document and the labels the pick offered.
 */
async function compareWith(file: string, label: string): Promise<{ document: vscode.TextDocument; offered: string[] }> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
  const original = window.showQuickPick;
  const offered: string[][] = [];
  window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
    const list = await items;
    offered.push(list.map((i) => i.label));
    return list.find((i) => i.label === label);
  }) as unknown as typeof vscode.window.showQuickPick;
  try {
    await vscode.commands.executeCommand(COMPARE_COMMAND);
  } finally {
    window.showQuickPick = original;
  }
  return { document, offered: offered[0] ?? [] };
}

describe('Strata: Compare with…', function () {
  this.timeout(90_000);
  const made: string[] = [];

  before(enableGit);
  afterEach(closeAllEditors);
  after(async () => {
    await vscode.workspace.getConfiguration('git').update('enabled', gitEnabledBefore, vscode.ConfigurationTarget.Global);
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('"Compare with HEAD" on a scratch git repository: the added container is marked, and a click reveals it', async () => {
    const before = fs.readFileSync(path.join(CASE, 'before.strata'), 'utf8');
    const after = fs.readFileSync(path.join(CASE, 'after.strata'), 'utf8');
    const dir = scratchRepository('compare-lone', { 'model.strata': before }, { 'model.strata': after });
    made.push(dir);
    const { document, offered } = await compareWith(path.join(dir, 'model.strata'), 'HEAD');
    assert.deepStrictEqual(offered, ['HEAD', 'A branch, tag or commit…', 'Another .strata file…'], 'git is there: its versions are offered');

    const api = await testApi();
    const marked = await shownMarked(api, document, 'added:importer');
    assert.deepStrictEqual(api.probe(document.uri)?.compare, { base: 'HEAD', active: true, offered: false });
    // Only what changed is marked: the unchanged containers are drawn but not marked.
    assert.ok(!marked.some((m) => m.endsWith(':web')), `web did not change: ${JSON.stringify(marked)}`);

    // A click on the marked box reveals it in the head version (the document on disk).
    await api.simulateMessage(document.uri, { type: 'reveal', id: 'importer' });
    const active = vscode.window.activeTextEditor;
    assert.ok(active && active.document.uri.toString() === document.uri.toString(), 'the head version is the active editor');
    assert.strictEqual(active.document.getText(active.selection), 'importer');
    assert.strictEqual(active.selection.start.line, after.split('\n').findIndex((l) => l.includes('container importer')));

    // "Show the model" leaves diff mode: the next picture has no marks.
    await api.simulateMessage(document.uri, { type: 'compare', on: false });
    await waitUntil(() => api.probe(document.uri)?.compare === undefined && api.probe(document.uri)?.marked === undefined, 'the preview to leave diff mode', RENDER_TIMEOUT_MS);
  });

  it('offers the change of a Source Control diff editor and draws it when asked', async () => {
    const dir = scratchRepository(
      'compare-scm',
      { 'model.strata': fs.readFileSync(path.join(CASE, 'before.strata'), 'utf8') },
      { 'model.strata': fs.readFileSync(path.join(CASE, 'after.strata'), 'utf8') },
    );
    made.push(dir);
    const uri = vscode.Uri.file(path.join(dir, 'model.strata'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    // Source Control's "Open Changes": a diff editor with the index's version (a git: URI, read
    // by the git extension) on the left and the file on the right.
    const gitExports = vscode.extensions.getExtension<GitExtension>('vscode.git')!.exports;
    const left = gitExports.getAPI(1).toGitUri(uri, '~');
    await vscode.commands.executeCommand('vscode.diff', left, uri, 'model.strata (Working Tree)');
    await waitUntil(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === uri.toString() && t.input.original.scheme === 'git')),
      'the git diff editor',
    );
    await vscode.commands.executeCommand('strata.openPreviewToSide', uri);
    const api = await testApi();
    await waitUntil(() => api.probe(uri)?.compare?.offered === true, 'the preview to offer the change', RENDER_TIMEOUT_MS).catch((e: Error) => {
      throw new Error(`${e.message}; probe: ${JSON.stringify(api.probe(uri))}`);
    });
    assert.deepStrictEqual(api.probe(uri)?.compare, { base: 'the index (staged)', active: false, offered: true }, 'offered, not forced');
    assert.strictEqual(api.probe(uri)?.marked, undefined, 'the model itself is drawn until the user asks');
    await api.simulateMessage(uri, { type: 'compare', on: true });
    await shownMarked(api, document, 'added:importer');
  });

  it('compares a file of a project as its whole project: a change in another file is shown', async () => {
    const config = '{ "include": ["**/*.strata"] }\n';
    const hosts = 'host rack1 {\n  cpu: 32\n  memory: 128GiB\n  os: ubuntu-22.04\n  engine docker1 { product: docker }\n}\n';
    const apps = 'extend docker1 {\n  container web { image: "acme/web:1.4.2"; memory: 512MiB; app nginx }\n}\n';
    const appsAfter = 'extend docker1 {\n  container web { image: "acme/web:1.4.2"; memory: 512MiB; app nginx }\n  container queue { image: "rabbitmq:3.13.1"; memory: 1GiB; app rabbit }\n}\n';
    const dir = scratchRepository('compare-project', { 'strata.config.json': config, 'hosts.strata': hosts, 'apps.strata': apps }, { 'apps.strata': appsAfter });
    made.push(dir);
    const { document } = await compareWith(path.join(dir, 'hosts.strata'), 'HEAD');
    const api = await testApi();
    const marked = await shownMarked(api, document, 'added:queue');
    assert.ok(!marked.includes('added:web') && !marked.includes('removed:web'), `web is in both versions: ${JSON.stringify(marked)}`);
  });
});
