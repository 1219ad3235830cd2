// "Strata: Import from Compose / Kubernetes / VMs…" (strata.import): pick deployment files or
// folders, import them with the core (the same importer as `strata import`), show the model as an
// untitled Strata document with the preview beside it, then offer to save it. Bad input is shown
// as one message listing each problem with its file and line; nothing is opened then. The three
// questions it asks (which files, save?, where?) and that message go through ImportPrompts, which
// the integration tests replace (IMPORT_TEST_HOOK_COMMAND, outside production) to answer them as a
// person would and to read the message (VS Code refuses to show modal dialogs to a test run).
import * as vscode from 'vscode';
import { importSources, type SourceFile } from '../core/import';

export const IMPORT_COMMAND = 'strata.import';
export const IMPORT_TEST_HOOK_COMMAND = 'strata.import.testHook';

/** The questions the import asks the user. */
export interface ImportPrompts {
  /** The files or folders to import; undefined when the user cancels. */
  pickSources(): Thenable<readonly vscode.Uri[] | undefined>;
  /** Whether to save the imported model, given what the import did. */
  confirmSave(summary: string): Thenable<boolean>;
  /** Where to save it; undefined when the user cancels. */
  pickTarget(suggested: vscode.Uri | undefined): Thenable<vscode.Uri | undefined>;
  /** Tells the user the input could not be imported: `message`, with one line per problem in `detail`. */
  showErrors(message: string, detail: string): void;
}

/** What the integration tests may change (through IMPORT_TEST_HOOK_COMMAND). */
export interface ImportTestApi {
  /** Answers the import's questions with `prompts` instead of dialogs (undefined: the dialogs again). */
  setPrompts(prompts: ImportPrompts | undefined): void;
}

const dialogs: ImportPrompts = {
  pickSources: () =>
    vscode.window.showOpenDialog({
      canSelectMany: true,
      canSelectFiles: true,
      canSelectFolders: true,
      openLabel: 'Import',
      title: 'Import from Compose / Kubernetes / VMs',
      filters: { 'Deployment files': ['yaml', 'yml', 'json', 'xml', 'tfstate'], 'All files': ['*'] },
    }),
  confirmSave: async (summary) => (await vscode.window.showInformationMessage(`${summary} Save the model?`, 'Save As…')) !== undefined,
  pickTarget: (suggested) => vscode.window.showSaveDialog({ filters: { Strata: ['strata'] }, saveLabel: 'Save model', defaultUri: suggested }),
  showErrors: (message, detail) => void vscode.window.showErrorMessage(message, { modal: true, detail }),
};
let prompts: ImportPrompts = dialogs;
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
  const picked = uris ?? (await prompts.pickSources());
  if (!picked || picked.length === 0) return undefined;
  const files = await readAll(picked);
  const result = importSources(files);
  if (!result.text) {
    const lines = result.errors.slice(0, 10).map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
    prompts.showErrors(`Strata could not import ${files.length === 1 ? files[0].name : `${files.length} files`}: ${result.errors.length} ${result.errors.length === 1 ? 'problem' : 'problems'}.`, lines.join('\n'));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'strata', content: result.text });
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND);
  const n = result.unmapped.length;
  const summary = `Imported ${files.length} ${files.length === 1 ? 'file' : 'files'}${n ? `; ${n} ${n === 1 ? 'thing' : 'things'} read but not mapped ${n === 1 ? 'is' : 'are'} listed at the top` : ''}.`;
  if (await prompts.confirmSave(summary)) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const target = await prompts.pickTarget(folder ? vscode.Uri.joinPath(folder.uri, 'imported.strata') : undefined);
    if (target) {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(doc.getText()));
      await vscode.window.showTextDocument(target);
    }
  }
  return doc;
}

export function registerImport(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(IMPORT_COMMAND, (uri?: vscode.Uri, uris?: vscode.Uri[]) => importDeployment(uris ?? (uri instanceof vscode.Uri ? [uri] : undefined))));
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    const api: ImportTestApi = {
      setPrompts: (p) => {
        prompts = p ?? dialogs;
      },
    };
    context.subscriptions.push(vscode.commands.registerCommand(IMPORT_TEST_HOOK_COMMAND, () => api));
  }
}
