// "Strata: Import from Compose / Kubernetes / VMs…" (strata.import): pick deployment files or
// folders, import them with the core (the same importer as `strata import`), show the model as an
// untitled Strata document with the preview beside it, then offer to save it. Bad input is shown
// as one message listing each problem with its file and line; nothing is opened then.
import * as vscode from 'vscode';
import { importSources, type SourceFile } from '../core/import';

export const IMPORT_COMMAND = 'strata.import';
const OPEN_PREVIEW_TO_SIDE_COMMAND = 'strata.openPreviewToSide';
const EXTENSIONS = ['.yaml', '.yml', '.json', '.xml', '.tfstate'];

async function readAll(uris: readonly vscode.Uri[]): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const visit = async (uri: vscode.Uri) => {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      for (const [name, type] of (await vscode.workspace.fs.readDirectory(uri)).sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const child = vscode.Uri.joinPath(uri, name);
        if (type & vscode.FileType.Directory) await visit(child);
        else if (EXTENSIONS.some((x) => name.toLowerCase().endsWith(x))) await visit(child);
      }
      return;
    }
    out.push({ name: vscode.workspace.asRelativePath(uri), text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) });
  };
  for (const u of uris) await visit(u);
  return out;
}

/** Imports the given files or folders (or asks for them); resolves to the new document, if any. */
export async function importDeployment(uris?: readonly vscode.Uri[]): Promise<vscode.TextDocument | undefined> {
  const picked =
    uris ??
    (await vscode.window.showOpenDialog({
      canSelectMany: true,
      canSelectFiles: true,
      canSelectFolders: true,
      openLabel: 'Import',
      title: 'Import from Compose / Kubernetes / VMs',
      filters: { 'Deployment files': ['yaml', 'yml', 'json', 'xml', 'tfstate'], 'All files': ['*'] },
    }));
  if (!picked || picked.length === 0) return undefined;
  const files = await readAll(picked);
  const result = importSources(files);
  if (!result.text) {
    const lines = result.errors.slice(0, 10).map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
    void vscode.window.showErrorMessage(`Strata could not import ${files.length === 1 ? files[0].name : `${files.length} files`}: ${result.errors.length} ${result.errors.length === 1 ? 'problem' : 'problems'}.`, { modal: true, detail: lines.join('\n') });
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'strata', content: result.text });
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
  const save = await vscode.window.showInformationMessage(
    `Imported ${files.length} ${files.length === 1 ? 'file' : 'files'}${result.unmapped.length ? `; ${result.unmapped.length} things read but not mapped are listed at the top` : ''}. Save the model?`,
    'Save As…',
  );
  if (save) {
    const target = await vscode.window.showSaveDialog({ filters: { Strata: ['strata'] }, saveLabel: 'Save model', defaultUri: vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'imported.strata') : undefined });
    if (target) {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(doc.getText()));
      await vscode.window.showTextDocument(target);
    }
  }
  return doc;
}

export function registerImport(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(IMPORT_COMMAND, (uri?: vscode.Uri, uris?: vscode.Uri[]) => importDeployment(uris ?? (uri instanceof vscode.Uri ? [uri] : undefined))));
}
