// Drift in a real VS Code (code-server + Chromium): test/vscode/workspace/drift holds a model, a
// compose file as its deployment, and a strata.config.json whose "sources" names the compose
// file's folder. The editor shows the drift finding at the model's line with the compose line as
// a related location, updates it when the compose file changes on disk (not through an editor),
// and the quick fix "Update the model from the deployment" writes the deployed values.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, describeDiagnostic, ruleOf, waitForDiagnostics, workspaceUri } from './helpers';
import { ARTIFACTS, recordScreenshot } from '../../helpers/screenshots';
import { takeScreenshot } from './index';

const TIMEOUT_MS = 20_000;
const uri = (name: string) => workspaceUri(`drift/${name}`);
const drift = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => ruleOf(d) === 'drift');
const FIX_TITLE = 'Update the model from the deployment';

describe('Drift from "sources" in strata.config.json', () => {
  const compose = uri('deploy/compose.yaml');
  let composeOnDisk: Uint8Array;
  before(async () => {
    composeOnDisk = await vscode.workspace.fs.readFile(compose);
  });
  after(async () => {
    await vscode.workspace.fs.writeFile(compose, composeOnDisk);
    await closeAllEditors();
  });

  it('shows drift live, follows a source file changed on disk, and the quick fix updates the model', async () => {
    const model = uri('model.strata');
    const editor = await vscode.window.showTextDocument(model, { preview: false });

    // The memory limit of web differs (128MiB modelled, mem_limit 256m deployed); api matches.
    let ds = await waitForDiagnostics(model, (d) => drift(d).length > 0, 'a drift finding from deploy/compose.yaml', TIMEOUT_MS);
    assert.deepStrictEqual(
      drift(ds).map((d) => d.message),
      ["Service 'web' differs from the deployment (compose service shop/web): memory limit 128MiB in the model, 256MiB deployed."],
      ds.map(describeDiagnostic).join('\n'),
    );
    const first = drift(ds)[0];
    assert.strictEqual(first.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(editor.document.getText(first.range), 'web', 'reported at the id of the modelled container');
    const related = first.relatedInformation ?? [];
    assert.strictEqual(related.length, 1);
    assert.ok(related[0].location.uri.path.endsWith('/drift/deploy/compose.yaml'), related[0].location.uri.toString());
    const composeLines = new TextDecoder().decode(composeOnDisk).split('\n');
    assert.match(composeLines[related[0].location.range.start.line], /^ {4}image: nginx:1\.27$/, 'the related location is the service web in the compose file');

    // Keep a picture: the finding in the editor and the Problems panel.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('editor.action.marker.next');
    if (await takeScreenshot('drift-diagnostics')) recordScreenshot(path.join(ARTIFACTS, 'drift-diagnostics.png'), { kind: 'editor', file: 'test/vscode/workspace/drift/model.strata' });

    // The deployment changes on disk: web now runs nginx 1.28.
    await vscode.workspace.fs.writeFile(compose, new TextEncoder().encode(composeLines.join('\n').replace('image: nginx:1.27', 'image: nginx:1.28')));
    ds = await waitForDiagnostics(model, (d) => drift(d).some((x) => x.message.includes('image tag 1.27 in the model, 1.28 deployed')), 'the drift finding updated after compose.yaml changed on disk', TIMEOUT_MS);
    assert.deepStrictEqual(
      drift(ds).map((d) => d.message),
      ["Service 'web' differs from the deployment (compose service shop/web): image tag 1.27 in the model, 1.28 deployed; memory limit 128MiB in the model, 256MiB deployed."],
    );

    // The quick fix writes both deployed values into the model, and the drift goes.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', model, drift(ds)[0].range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === FIX_TITLE);
    assert.ok(fix?.edit, `no "${FIX_TITLE}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /container web \{\n {6}image: "nginx:1\.28"\n {6}memory: 256MiB\n/);
    await waitForDiagnostics(model, (d) => drift(d).length === 0, 'no drift once the model says what is deployed', TIMEOUT_MS);
  });
});
