// Runs inside VS Code's web worker extension host (see index.ts and ../runWebHost.ts): the same
// host as vscode.dev and github.dev, with no Node. Checks that the host really is that one, then
// that the extension's browser bundle (dist/web/extension.js) gives diagnostics, completion,
// hover, outline, navigation, the layered preview and the Markdown fences there. No Node module
// may be imported here: this file is bundled for the browser.
// The Markdown fences are checked through the extension's `extendMarkdownIt` export: code-server
// ships its built-in Markdown extension without the browser build, so its preview runs in the Node
// host and cannot reach an extension in the worker (in vscode.dev both run in the worker). The
// launcher checks the real Markdown preview separately, with the extension in the Node host.
import * as vscode from 'vscode';
import MarkdownIt from 'markdown-it';
import { hostFacts, screenshot } from './index';

const EXTENSION_ID = 'strata.strata-diagrams';
const TIMEOUT_MS = 20_000;

function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(message);
}

function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls `check` until it gives a value (or throws with `what` after the timeout). */
async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = TIMEOUT_MS): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function markdownOf(contents: vscode.Hover['contents']): string {
  return contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

interface StrataApi {
  extendMarkdownIt<T>(md: T): T;
}

interface PreviewTestApi {
  probe(uri: vscode.Uri): { lastRendered?: { version: number; elements: number } } | undefined;
}

describe('Strata in the web worker extension host', () => {
  let extension: vscode.Extension<StrataApi>;
  let document: vscode.TextDocument;

  before(async () => {
    const found = vscode.extensions.getExtension<StrataApi>(EXTENSION_ID);
    ok(found, `extension ${EXTENSION_ID} is not in this extension host`);
    extension = found;
    document = await vscode.workspace.openTextDocument(workspaceUri('broken.strata'));
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
    await extension.activate();
  });

  it('runs in a web worker with no Node, as a UI-side (web) extension', () => {
    const g = globalThis as Record<string, unknown>;
    const workerScope = g.WorkerGlobalScope as (new () => unknown) | undefined;
    const proc = g.process as { versions?: { node?: string } } | undefined;
    Object.assign(hostFacts, {
      worker: typeof workerScope === 'function' && globalThis instanceof workerScope,
      typeofProcess: typeof proc,
      nodeVersion: proc?.versions?.node ?? null,
      typeofDocument: typeof g.document,
      extensionKind: vscode.ExtensionKind[extension.extensionKind],
      uiKind: vscode.UIKind[vscode.env.uiKind],
      remoteName: vscode.env.remoteName ?? null,
      extensionUri: extension.extensionUri.toString(),
      browserEntry: (extension.packageJSON as { browser?: string }).browser ?? null,
      exports: Object.keys(extension.exports ?? {}),
    });
    ok(hostFacts.worker === true, `not a web worker: ${JSON.stringify(hostFacts)}`);
    ok(hostFacts.nodeVersion === null, `Node is here: ${JSON.stringify(hostFacts)}`);
    ok(hostFacts.typeofDocument === 'undefined', 'a DOM is here: this is not a worker');
    // UI: the extension runs where the workbench runs (the browser), not in code-server's Node host.
    ok(extension.extensionKind === vscode.ExtensionKind.UI, `extensionKind ${hostFacts.extensionKind}`);
    ok(vscode.env.uiKind === vscode.UIKind.Web, 'uiKind is not Web');
    // The exports of an extension in another host are undefined: this host activated the bundle.
    ok(typeof extension.exports?.extendMarkdownIt === 'function', 'activate() of the browser bundle returned extendMarkdownIt');
  });

  it('shows the diagnostics of a file with an error', async () => {
    const diagnostics = await until(() => {
      const all = vscode.languages.getDiagnostics(document.uri);
      return all.some((d) => d.source === 'strata') ? all : undefined;
    }, 'Strata diagnostics on broken.strata');
    const nesting = diagnostics.find((d) => typeof d.code === 'object' && d.code.value === 'invalid-nesting');
    ok(nesting, `invalid-nesting among ${diagnostics.map((d) => d.message).join(' | ')}`);
    ok(nesting.severity === vscode.DiagnosticSeverity.Error, 'an error');
    ok(document.getText(nesting.range).includes('stray'), `range ${document.getText(nesting.range)}`);
    hostFacts.diagnostics = diagnostics.map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${typeof d.code === 'object' ? d.code.value : d.code}: ${d.message}`);
  });

  it('applies a strata.config.json above the file, read through vscode.workspace.fs (no Node file system here)', async () => {
    const folder = workspaceUri('configured/deeper');
    const model = vscode.Uri.joinPath(folder, 'model.strata');
    const encode = (s: string) => new TextEncoder().encode(s);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(workspaceUri('configured/strata.config.json'), encode(JSON.stringify({ rules: { 'unknown-property': 'off', 'mutable-image-tag': 'error' } })));
    await vscode.workspace.fs.writeFile(model, encode('host h1 {\n  os: debian-12\n  memroy: 4GiB\n  engine e { container c { image: "a:latest"; memory: 1GiB; app x } }\n}\n'));
    const doc = await vscode.workspace.openTextDocument(model);
    const rule = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    const diagnostics = await until(() => {
      const all = vscode.languages.getDiagnostics(doc.uri);
      return all.some((d) => rule(d) === 'mutable-image-tag' && d.severity === vscode.DiagnosticSeverity.Error) ? all : undefined;
    }, 'mutable-image-tag raised to an error by strata.config.json');
    ok(!diagnostics.some((d) => rule(d) === 'unknown-property'), 'unknown-property is off by the config');
    hostFacts.configApplied = true;
  });

  it('completes kinds, properties and catalogue values', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'strata', content: 'host h1 {\n  os: \n  engine e1 {\n    \n  }\n}\n' });
    const at = async (line: number, character: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
      return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet && i.kind !== vscode.CompletionItemKind.Text).map(labelOf);
    };
    const os = await at(1, 6);
    ok(os.includes('debian-12') && os.includes('ubuntu-22.04'), `os values: ${os.join(', ')}`);
    const inEngine = await at(3, 4);
    ok(inEngine.includes('container') && inEngine.includes('product'), `in an engine: ${inEngine.join(', ')}`);
    ok(!inEngine.includes('vm'), 'no vm in an engine');
  });

  it('hovers, outlines and navigates', async () => {
    const text = document.getText();
    const pos = (needle: string, delta: number) => document.positionAt(text.indexOf(needle) + delta);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, pos('container api', 11));
    const hover = hovers.map((h) => markdownOf(h.contents)).join('\n');
    ok(/\*\*container\*\* `api`/.test(hover), `hover: ${hover.slice(0, 200)}`);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    ok(symbols.some((s) => s.name.includes('web1')), `outline: ${symbols.map((s) => s.name).join(', ')}`);
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, pos('-> stray', 4));
    const target = targets[0];
    ok(target, 'a definition for the link end');
    const range = 'targetRange' in target ? target.targetRange : target.range;
    ok(document.lineAt(range.start.line).text.includes('container stray'), `definition at line ${range.start.line + 1}`);
  });

  it('offers quick fixes and formats', async () => {
    const nesting = vscode.languages.getDiagnostics(document.uri).find((d) => typeof d.code === 'object' && d.code.value === 'invalid-nesting');
    ok(nesting, 'the invalid-nesting diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, nesting.range);
    ok(actions.some((a) => /Wrap 'stray' in a new engine/.test(a.title)), `quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
    const messy = await vscode.workspace.openTextDocument({ language: 'strata', content: 'host h1 {\nos: debian-12\n      cpu: 4\n}\n' });
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', messy.uri, { tabSize: 2, insertSpaces: true });
    ok(edits && edits.length > 0, 'formatting edits for a badly indented model');
  });

  it('opens the layered preview and its webview draws the diagram', async () => {
    // In web hosts `cspSource` is a list of sources (the extension's http(s) location and the webview origin).
    const probe = vscode.window.createWebviewPanel('strata.cspProbe', 'probe', { viewColumn: vscode.ViewColumn.Two, preserveFocus: true });
    hostFacts.cspSource = probe.webview.cspSource;
    probe.dispose();
    await vscode.commands.executeCommand('strata.openPreviewToSide', document.uri);
    const api = await vscode.commands.executeCommand<PreviewTestApi>('strata.preview.testHook');
    ok(api, 'the preview test hook (development mode)');
    const rendered = await until(() => api.probe(document.uri)?.lastRendered, 'the preview webview to report a drawn diagram');
    ok(rendered.elements > 0, `elements drawn: ${rendered.elements}`);
    hostFacts.previewRendered = rendered;
  });

  it('renders ```strata fences through the extension’s markdown-it hook', () => {
    const md = extension.exports.extendMarkdownIt(new MarkdownIt());
    const html = md.render('```strata\nhost h1 { os: debian-12; engine e1 { product: docker; container c1 { image: "a/b:latest"; memory: 64MiB } } }\n```\n\n```js\nx\n```\n');
    ok(/<div class="strata-md[^"]*"><style>/.test(html) && html.includes('<svg '), 'a diagram');
    ok(html.includes('mutable-image-tag'), 'its findings');
    ok(html.includes('<code class="language-js">x\n</code>'), 'other fences untouched');
  });

  it('reads a project\'s other files through vscode.workspace.fs: a finding from two team files on the platform file', async () => {
    // Only shop.strata is opened; platform.strata and payments.strata are read by the extension.
    await vscode.window.showTextDocument(workspaceUri('project/shop.strata'), { preview: false });
    const platform = workspaceUri('project/platform.strata');
    const found = await until(() => {
      const d = vscode.languages.getDiagnostics(platform).find((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'shared-kernel-tenants');
      return d;
    }, 'shared-kernel-tenants on platform.strata (never opened)');
    const related = (found.relatedInformation ?? []).map((r) => r.location.uri.path.slice(r.location.uri.path.lastIndexOf('/') + 1)).sort();
    ok(related.join(',') === 'payments.strata,shop.strata', `related locations in both team files, got ${related.join(',')}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('leaves the workbench showing the problem and the preview (screenshot)', async () => {
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // The launcher takes it once the editor shows the text and the Problems view lists findings.
    await screenshot('web-host', ['.monaco-editor .view-lines .view-line', '.markers-panel .monaco-list-row']);
  });
});
