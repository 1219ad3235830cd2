// strata.config.json in a real VS Code: found above the model and read through
// vscode.workspace.fs (the extension uses no Node file API, so this also works in virtual and
// remote workspaces), applied to the diagnostics, followed when it is created, changed or
// deleted, and its own problems shown on it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, ruleOf, waitForDiagnostics, workspaceUri } from './helpers';

const MODEL = 'host h1 {\n  os: debian-12\n  memroy: 4GiB\n  engine e { container c { image: "a:latest"; memory: 1GiB; app x } }\n}\n';

const severityOf = (ds: readonly vscode.Diagnostic[], rule: string) => ds.find((d) => ruleOf(d) === rule)?.severity;

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

describe('strata.config.json', () => {
  const folder = workspaceUri('configured/deeper');
  const model = vscode.Uri.joinPath(folder, 'model.strata');
  // One folder above the model: the lookup walks up.
  const config = workspaceUri('configured/strata.config.json');

  before(async () => {
    await vscode.workspace.fs.createDirectory(folder);
    await write(model, MODEL);
  });
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri('configured'), { recursive: true, useTrash: false });
  });

  it('applies the nearest config above the model, and follows it as it changes and goes', async () => {
    await write(config, JSON.stringify({ rules: { 'unknown-property': 'off', 'mutable-image-tag': 'error' } }));
    await vscode.window.showTextDocument(model, { preview: false });
    let ds = await waitForDiagnostics(model, (d) => severityOf(d, 'mutable-image-tag') === vscode.DiagnosticSeverity.Error, 'mutable-image-tag raised to an error by the config');
    assert.strictEqual(severityOf(ds, 'unknown-property'), undefined, 'unknown-property is off');

    await write(config, JSON.stringify({ rules: { 'unknown-property': 'error' } }));
    ds = await waitForDiagnostics(model, (d) => severityOf(d, 'unknown-property') === vscode.DiagnosticSeverity.Error, 'the changed config applied');
    assert.strictEqual(severityOf(ds, 'mutable-image-tag'), vscode.DiagnosticSeverity.Warning, 'back to its default');

    await vscode.workspace.fs.delete(config);
    await waitForDiagnostics(model, (d) => severityOf(d, 'unknown-property') === vscode.DiagnosticSeverity.Warning, 'the defaults once the config is gone');
  });

  it('shows the config file’s own problems on it, and its valid parts still apply', async () => {
    await write(config, '{ "rules": { "no-such-rule": "off", "unknown-property": "off" } }\n');
    const document = await vscode.workspace.openTextDocument(config);
    const problems = await waitForDiagnostics(document.uri, (d) => d.some((x) => x.source === 'strata-config'), 'a strata-config diagnostic on the config file');
    assert.ok(problems.some((p) => /no-such-rule/.test(p.message)), problems.map((p) => p.message).join('\n'));
    await vscode.window.showTextDocument(model, { preview: false });
    await waitForDiagnostics(model, (d) => d.length > 0 && severityOf(d, 'unknown-property') === undefined, 'the valid part (unknown-property off) applied');
  });
});
