// "Strata: New Model" (strata.newModel): start a model from one of the templates shipped in the
// extension's templates/ folder (listed, with their descriptions, in templates/templates.json).
// The templates are read through `vscode.workspace.fs` from the installed extension, so they come
// from the VSIX and work in remote and web workbenches too. Picking a template opens it as an
// untitled Strata document; the save button on a template asks where to save it first.
// Links may pass a template id, a target and a follow-up, e.g. the walkthrough's
// `command:strata.newModel?["single-host"]`, `["vm-platform","file"]` or
// `["vm-platform","untitled","preview"]` (then opens the preview beside it).
import * as vscode from 'vscode';
import * as z from 'zod/mini';

export const NEW_MODEL_COMMAND = 'strata.newModel';

const templateSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  label: z.string().check(z.minLength(1)),
  description: z.string(),
  detail: z.optional(z.string()),
  // A plain file name: the manifest can only name files inside templates/.
  file: z.string().check(z.regex(/^[\w-]+\.strata$/)),
});
const manifestSchema = z.array(templateSchema).check(z.minLength(1));
type Template = z.infer<typeof templateSchema>;

/** Where a new model goes: an untitled document, or a file the user picks. */
type Target = 'untitled' | 'file';

const argsSchema = z.tuple([z.optional(z.string()), z.optional(z.enum(['untitled', 'file'])), z.optional(z.literal('preview'))]);
/** The preview's command (src/extension/preview.ts), run on the new document when a link asks. */
const OPEN_PREVIEW_TO_SIDE_COMMAND = 'strata.openPreviewToSide';

export function registerNewModel(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_MODEL_COMMAND, (...args: unknown[]) => newModel(context.extensionUri, args)),
  );
}

/** Runs the command; resolves to the new document's URI, or undefined when cancelled or failed. */
async function newModel(extensionUri: vscode.Uri, args: unknown[]): Promise<vscode.Uri | undefined> {
  const templatesDir = vscode.Uri.joinPath(extensionUri, 'templates');
  let templates: Template[];
  try {
    templates = await readManifest(templatesDir);
  } catch (e) {
    void vscode.window.showErrorMessage(`Strata: the model templates could not be read (${e instanceof Error ? e.message : String(e)}). Reinstalling the extension should restore them.`);
    return undefined;
  }

  // Command links pass JSON arguments; anything else (e.g. a URI from a context menu) means "ask".
  const parsed = argsSchema.safeParse(args.slice(0, 3));
  const [requestedId, requestedTarget, then] = parsed.success ? parsed.data : [];
  let choice: { template: Template; target: Target } | undefined;
  if (requestedId !== undefined) {
    const template = templates.find((t) => t.id === requestedId);
    if (!template) {
      void vscode.window.showErrorMessage(`Strata: there is no template '${requestedId}'. The templates are: ${templates.map((t) => t.id).join(', ')}.`);
      return undefined;
    }
    choice = { template, target: requestedTarget ?? 'untitled' };
  } else {
    choice = await pickTemplate(templates);
  }
  if (!choice) return undefined;

  let content: string;
  try {
    content = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(templatesDir, choice.template.file)));
  } catch (e) {
    void vscode.window.showErrorMessage(`Strata: the template '${choice.template.label}' could not be read (${e instanceof Error ? e.message : String(e)}).`);
    return undefined;
  }
  const uri = choice.target === 'file' ? await saveAndOpen(choice.template, content) : await openUntitled(content);
  if (uri && then === 'preview') await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE_COMMAND, uri);
  return uri;
}

async function readManifest(templatesDir: vscode.Uri): Promise<Template[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(templatesDir, 'templates.json'));
  const result = manifestSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  if (!result.success) throw new Error(`templates.json is not a list of templates: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** A quick pick of the templates: Enter opens an untitled document, the item's button saves first. */
function pickTemplate(templates: readonly Template[]): Promise<{ template: Template; target: Target } | undefined> {
  const saveButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save-as'), tooltip: 'Save as a file first…' };
  type Item = vscode.QuickPickItem & { readonly template: Template };
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = 'Strata: New Model';
  quickPick.placeholder = 'Choose a starting point (Enter opens it unsaved; the save button asks where to save it)';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = templates.map((template) => ({
    label: template.label,
    description: template.description,
    detail: template.detail,
    buttons: [saveButton],
    template,
  }));
  return new Promise((resolve) => {
    let result: { template: Template; target: Target } | undefined;
    const finish = (template: Template, target: Target) => {
      result = { template, target };
      quickPick.hide();
    };
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0];
      if (item) finish(item.template, 'untitled');
    });
    quickPick.onDidTriggerItemButton((e) => finish(e.item.template, 'file'));
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(result);
    });
    quickPick.show();
  });
}

async function openUntitled(content: string): Promise<vscode.Uri> {
  const document = await vscode.workspace.openTextDocument({ language: 'strata', content });
  await vscode.window.showTextDocument(document);
  return document.uri;
}

async function saveAndOpen(template: Template, content: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: `Save the new ${template.label} model`,
    saveLabel: 'Create Model',
    defaultUri: folder ? vscode.Uri.joinPath(folder, template.file) : undefined,
    filters: { Strata: ['strata'] },
  });
  if (!uri) return undefined;
  try {
    // The save dialog has already asked before replacing an existing file.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  } catch (e) {
    void vscode.window.showErrorMessage(`Strata: could not write ${vscode.workspace.asRelativePath(uri)} (${e instanceof Error ? e.message : String(e)}).`);
    return undefined;
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}
