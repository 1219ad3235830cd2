// Projects in a real VS Code (code-server + Chromium): the files under test/vscode/workspace/project
// (a strata.config.json, a platform file and two team files joined by `extend`) are one model.
// Diagnostics of a file follow edits in another file and files created on disk; definition,
// references and rename work across the files; the preview of one file redraws when a file it
// does not show directly changes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { OPEN_PREVIEW_TO_SIDE_COMMAND, PREVIEW_TEST_HOOK_COMMAND, type PreviewTestApi } from '../../../src/extension/preview';
import { closeAllEditors, waitForDiagnostics, waitUntil, workspaceUri } from './helpers';

const TIMEOUT_MS = 20_000;
const uri = (name: string) => workspaceUri(`project/${name}`);
const rules = (ds: readonly vscode.Diagnostic[]) => ds.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
const base = (u: vscode.Uri) => u.path.slice(u.path.lastIndexOf('/') + 1);

async function open(name: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(uri(name), { preview: false });
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const i = document.getText().indexOf(needle);
  assert.ok(i >= 0, `'${needle}' not in ${base(document.uri)}`);
  return document.positionAt(i + delta);
}

describe('Strata projects (several files, one model)', () => {
  // Leaves the platform file and its preview (the whole project) open for the launcher's final
  // screenshot (.test-artifacts/vscode-final.png): this suite runs last.
  after(async () => {
    const platform = await open('platform.strata');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
    const api = await vscode.commands.executeCommand<PreviewTestApi>(PREVIEW_TEST_HOOK_COMMAND);
    await waitUntil(() => (api.probe(platform.document.uri)?.lastRendered?.elements ?? 0) > 0, 'the project preview drawn for the screenshot', TIMEOUT_MS).catch(() => undefined);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });

  afterEach(async () => {
    // Put the edited files back as they were on disk.
    for (const d of vscode.workspace.textDocuments) if (d.isDirty) await vscode.window.showTextDocument(d).then(() => vscode.commands.executeCommand('workbench.action.files.revert'));
    await closeAllEditors();
  });

  it('diagnostics of the platform file follow an edit in a team file, and a file created on disk', async () => {
    await open('shop.strata');
    const platform = uri('platform.strata');
    // The two teams' containers share the VM's kernel: reported in the file that declares the VM,
    // with related locations in both team files (never opened).
    const shared = await waitForDiagnostics(platform, (ds) => rules(ds).includes('shared-kernel-tenants'), 'shared-kernel-tenants on apps-vm', TIMEOUT_MS);
    const finding = shared.find((d) => rules([d])[0] === 'shared-kernel-tenants')!;
    assert.deepStrictEqual(finding.relatedInformation!.map((r) => base(r.location.uri)).sort(), ['payments.strata', 'shop.strata']);

    // Edit the payments file (an open, unsaved edit): its container joins the shop tenant.
    const payments = await open('payments.strata');
    const at = payments.document.getText().indexOf('tenant: payments');
    await payments.edit((b) => b.replace(new vscode.Range(payments.document.positionAt(at), payments.document.positionAt(at + 'tenant: payments'.length)), 'tenant: shop'));
    await waitForDiagnostics(platform, (ds) => !rules(ds).includes('shared-kernel-tenants'), 'the finding to go once both containers are the shop tenant', TIMEOUT_MS);

    // A new file written on disk (not through an editor) puts another tenant on the VM.
    const created = uri('audit.strata');
    await vscode.workspace.fs.writeFile(created, new TextEncoder().encode('extend ctr1 {\n  container audit {\n    image: "ops/audit:1.0.0"\n    memory: 1GiB\n    tenant: payments\n  }\n}\n'));
    try {
      await waitForDiagnostics(platform, (ds) => rules(ds).includes('shared-kernel-tenants'), 'the finding back after audit.strata is created', TIMEOUT_MS);
      await vscode.workspace.fs.delete(created);
      await waitForDiagnostics(platform, (ds) => !rules(ds).includes('shared-kernel-tenants'), 'the finding gone again after audit.strata is deleted', TIMEOUT_MS);
    } finally {
      await vscode.workspace.fs.delete(created).then(undefined, () => undefined);
    }
  });

  it('an extend of an id no file declares is unknown-reference in the extending file', async () => {
    const shop = await open('shop.strata');
    await waitForDiagnostics(uri('platform.strata'), (ds) => rules(ds).includes('shared-kernel-tenants'), 'the project analysed', TIMEOUT_MS);
    await shop.edit((b) => b.insert(new vscode.Position(shop.document.lineCount, 0), '\nextend ctr9 { container x { image: "a/x:1"; memory: 1GiB } }\n'));
    const ds = await waitForDiagnostics(shop.document.uri, (d) => rules(d).includes('unknown-reference'), 'unknown-reference on ctr9', TIMEOUT_MS);
    assert.match(ds.find((d) => rules([d])[0] === 'unknown-reference')!.message, /No file of this project declares a node 'ctr9'.*Did you mean 'ctr1'\?/);
  });

  it('"fix all" in a project file keeps a suppression of a finding only the whole project has', async () => {
    // The suppression silences shared-kernel-tenants on apps-vm, which exists only because the two
    // team files put their containers there; the repeated `cpu` is the one safe fix. Fixing must
    // remove the repeated line and nothing else: after the first round, the file is still analysed
    // with the team files, so the suppression is still used.
    const platform = await open('platform.strata');
    const document = platform.document;
    const original = document.getText();
    await platform.edit((b) => {
      b.insert(positionOf(document, '  cpu: 32\n', 0), '  cpu: 32\n');
      b.insert(positionOf(document, '    vm apps-vm', 0), '    # strata-ignore shared-kernel-tenants: accepted for the pilot\n');
    });
    const edited = document.getText();
    await waitForDiagnostics(document.uri, (ds) => rules(ds).includes('duplicate-property') && !rules(ds).includes('shared-kernel-tenants') && !rules(ds).includes('unused-suppression'), 'duplicate-property only (the suppression used)', TIMEOUT_MS);
    assert.strictEqual(await vscode.commands.executeCommand('strata.fixAll'), 1);
    assert.strictEqual(document.getText(), edited.replace('  cpu: 32\n  cpu: 32\n', '  cpu: 32\n'));
    assert.notStrictEqual(document.getText(), original, 'the suppression comment is still there');
    await waitForDiagnostics(document.uri, (ds) => ds.length === 0, 'no finding left in platform.strata', TIMEOUT_MS);
  });

  it('go to definition and find references cross files', async () => {
    const shop = await open('shop.strata');
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', shop.document.uri, positionOf(shop.document, 'ctr1'));
    assert.strictEqual(defs.length, 1);
    const def = defs[0] as vscode.Location;
    assert.strictEqual(base(def.uri), 'platform.strata');
    const platform = await vscode.workspace.openTextDocument(def.uri);
    assert.strictEqual(platform.getText(def.range), 'ctr1');

    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', shop.document.uri, positionOf(shop.document, 'ledger "charge"'));
    assert.deepStrictEqual(refs.map((r) => `${base(r.uri)}:${r.range.start.line + 1}`).sort(), ['payments.strata:2', 'shop.strata:10']);
    const ctr1 = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', shop.document.uri, positionOf(shop.document, 'ctr1'));
    assert.deepStrictEqual(ctr1.map((r) => base(r.uri)).sort(), ['payments.strata', 'platform.strata', 'shop.strata']);
  });

  it('rename is one WorkspaceEdit over every file that writes the name', async () => {
    const platform = await open('platform.strata');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', platform.document.uri, positionOf(platform.document, 'ctr1'), 'containers');
    const files = edit.entries().map(([u, edits]) => `${base(u)}:${edits.map((e) => e.newText).join(',')}`).sort();
    assert.deepStrictEqual(files, ['payments.strata:containers', 'platform.strata:containers', 'shop.strata:containers']);
    assert.ok(await vscode.workspace.applyEdit(edit));
    for (const name of ['platform.strata', 'shop.strata', 'payments.strata']) {
      const d = await vscode.workspace.openTextDocument(uri(name));
      assert.ok(d.getText().includes('containers') && !d.getText().includes('ctr1'), `${name} renamed`);
    }
    // The renamed model still holds together: no unknown reference anywhere.
    await waitForDiagnostics(uri('shop.strata'), (ds) => !rules(ds).includes('unknown-reference'), 'no unknown-reference after the rename', TIMEOUT_MS);
  });

  it('the preview of one file shows the whole project and redraws when another file changes', async () => {
    const shop = await open('shop.strata');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
    const api = await vscode.commands.executeCommand<PreviewTestApi>(PREVIEW_TEST_HOOK_COMMAND);
    const drawn = () => api.probe(shop.document.uri)?.drawnIds ?? [];
    await waitUntil(() => drawn().includes('ledger') && drawn().includes('apps-vm'), 'the preview of shop.strata to draw the platform and payments nodes', TIMEOUT_MS);
    // An edit in payments.strata, which the preview does not show directly.
    const payments = await vscode.workspace.openTextDocument(uri('payments.strata'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(payments.uri, new vscode.Position(payments.lineCount, 0), '\nextend ctr1 { container fraud { image: "payments/fraud:1.0.0"; memory: 1GiB } }\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitUntil(() => drawn().includes('fraud'), `the preview to redraw with 'fraud' (drawn: ${drawn().join(', ')})`, TIMEOUT_MS);
  });
});
