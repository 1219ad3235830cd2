// "Strata: Compare with…": the preview in diff mode, the change from another version of the model
// to the document (src/core/diff draws it). The other version is HEAD, a branch, tag or commit
// (read through VS Code's git extension, ./gitApi.ts), or another .strata file. A file of a
// project is compared as its whole project, as `strata diff --git` does: every file of the
// project at that revision, the files deleted since included. Where git is missing (the web
// extension host) or disabled, only "another file" is offered. Also: the base of a diff editor
// that shows a Strata document (Source Control's "Open Changes"), which the preview offers.
import * as vscode from 'vscode';
import type { AnalysisCache } from './analysisCache';
import { isStrataDocument } from './diagnostics';
import { selects } from '../core/project';
import { readText } from './projects';
import type { CompareBase } from './previewDiff';
import { DELETED_STATUSES, type GitRepository, gitUriRef, refName, refsOf, repositoryOf, showAt } from './gitApi';

export const COMPARE_COMMAND = 'strata.compareWith';

/** Opens the preview of `document` in diff mode against `base`. */
export type OpenComparison = (document: vscode.TextDocument, base: CompareBase) => Promise<void>;

interface Choice extends vscode.QuickPickItem {
  readonly action: 'head' | 'ref' | 'file';
}

export function registerCompare(context: vscode.ExtensionContext, cache: AnalysisCache, open: OpenComparison): void {
  context.subscriptions.push(
    // `ref` (for scripts and tests): compare with this revision without asking.
    vscode.commands.registerCommand(COMPARE_COMMAND, async (resource?: unknown, ref?: unknown) => {
      const document = await targetDocument(resource);
      if (!document) return;
      const repository = await repositoryOf(document.uri);
      let base: CompareBase | undefined;
      try {
        if (typeof ref === 'string' && repository) base = await gitBase(repository, ref, document, cache);
        else base = await pickBase(document, repository, cache);
      } catch (e) {
        void vscode.window.showErrorMessage(`Strata: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (base) await open(document, base);
    }),
  );
}

async function targetDocument(resource: unknown): Promise<vscode.TextDocument | undefined> {
  if (resource instanceof vscode.Uri) return vscode.workspace.openTextDocument(resource);
  const active = vscode.window.activeTextEditor?.document;
  if (active && isStrataDocument(active)) return active;
  void vscode.window.showInformationMessage('Strata: open a .strata file to compare it with another version.');
  return undefined;
}

async function pickBase(document: vscode.TextDocument, repository: GitRepository | undefined, cache: AnalysisCache): Promise<CompareBase | undefined> {
  const choices: Choice[] = [];
  if (repository) {
    choices.push(
      { action: 'head', label: 'HEAD', description: 'the last commit' },
      { action: 'ref', label: 'A branch, tag or commit…' },
    );
  }
  choices.push({ action: 'file', label: 'Another .strata file…', description: repository ? undefined : document.uri.scheme === 'file' ? 'no git repository holds this file' : 'git is not available here' });
  const choice =
    choices.length === 1
      ? choices[0]
      : await vscode.window.showQuickPick(choices, { title: 'Strata: Compare with…', placeHolder: `Show the change from which version to ${fileName(document.uri)}?` });
  if (!choice) return undefined;
  if (choice.action === 'file') return fileBase(document, cache);
  const ref = choice.action === 'head' ? 'HEAD' : await pickRef(repository!);
  return ref === undefined ? undefined : gitBase(repository!, ref, document, cache);
}

async function pickRef(repository: GitRepository): Promise<string | undefined> {
  const typed = '$(edit) Type a commit, tag or branch…';
  const items: vscode.QuickPickItem[] = (await refsOf(repository)).map((r) => ({
    label: refName(r)!,
    description: [r.type === 2 ? 'tag' : r.type === 1 ? 'remote branch' : 'branch', r.commit?.slice(0, 8)].filter(Boolean).join(' · '),
  }));
  items.push({ label: typed });
  const picked = await vscode.window.showQuickPick(items, { title: 'Strata: Compare with a branch, tag or commit', placeHolder: 'The version to compare with' });
  if (!picked) return undefined;
  if (picked.label !== typed) return picked.label;
  const value = await vscode.window.showInputBox({ title: 'Strata: Compare with a commit', prompt: 'A commit, tag or branch (e.g. HEAD~1, a1b2c3d, origin/main)', validateInput: (v) => (v.trim() === '' ? 'Type a revision.' : undefined) });
  return value?.trim() || undefined;
}

/** Another .strata file (and, when it is part of a project, its whole project). */
async function fileBase(document: vscode.TextDocument, cache: AnalysisCache): Promise<CompareBase | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `Strata: Compare ${fileName(document.uri)} with…`,
    openLabel: 'Compare',
    canSelectMany: false,
    filters: { Strata: ['strata'] },
    defaultUri: vscode.Uri.joinPath(document.uri, '..'),
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  const project = await cache.projects?.projectOf(uri);
  if (project) {
    const analysis = project.project.analysis();
    const files = new Map(analysis.files.map((f) => [f, analysis.textOf(f) ?? '']));
    return { label: fileName(uri), kind: 'files', files, project: true };
  }
  let text: string;
  try {
    text = await readText(uri);
  } catch (e) {
    throw new Error(`cannot read ${fileName(uri)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { label: fileName(uri), kind: 'files', files: new Map([[uri.toString(), text]]), project: false };
}

/** The model at `ref`: the file, or every file of its project, as git has them there. */
export async function gitBase(repository: GitRepository, ref: string, document: vscode.TextDocument, cache: AnalysisCache): Promise<CompareBase> {
  try {
    await repository.getCommit(ref);
  } catch {
    throw new Error(`'${ref}' is not a commit in the git repository at ${repository.rootUri.path}.`);
  }
  const show = (uri: vscode.Uri) => showAt(repository, ref, uri);
  const project = await cache.projects?.projectOf(document.uri);
  if (!project) {
    const text = await show(document.uri);
    const files = new Map<string, string>();
    if (text !== undefined) files.set(document.uri.toString(), text);
    return { label: text === undefined ? `${ref} (the file is new: not in ${ref})` : ref, kind: 'files', files, project: false };
  }
  const files = new Map<string, string>();
  const now = project.project.files;
  for (const file of now) {
    const uri = vscode.Uri.parse(file);
    const text = await show(uri);
    if (text !== undefined) files.set(file, text);
  }
  // Files of the project at `ref` that the working tree no longer has.
  let changes: readonly { originalUri: vscode.Uri; status: number }[] = [];
  try {
    changes = await repository.diffWith(ref);
  } catch {
    changes = [];
  }
  const folder = project.folder.path.replace(/\/$/, '') + '/';
  for (const c of changes) {
    const uri = c.originalUri;
    const id = uri.toString();
    if (!DELETED_STATUSES.has(c.status) || files.has(id) || !uri.path.endsWith('.strata') || !uri.path.startsWith(folder)) continue;
    if (!selects(project.folder.path, project.selection, uri.path)) continue;
    const text = await show(uri);
    if (text !== undefined) files.set(id, text);
  }
  return { label: ref, kind: 'files', files, project: true };
}

/**
 * The base of a diff editor that shows `document` on its right (Source Control's "Open Changes",
 * "Compare with Selected"): the left side's text, as a change of this file within its project.
 */
export async function diffEditorBase(document: vscode.TextDocument): Promise<CompareBase | undefined> {
  const key = document.uri.toString();
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  // The active tab first: the diff editor the user is looking at.
  tabs.sort((a, b) => Number(b.isActive) - Number(a.isActive));
  for (const tab of tabs) {
    const input = tab.input;
    if (!(input instanceof vscode.TabInputTextDiff) || input.modified.toString() !== key) continue;
    let text: string;
    try {
      text = (await vscode.workspace.openTextDocument(input.original)).getText();
    } catch {
      continue;
    }
    return { label: sideLabel(input.original), kind: 'replace', file: key, text };
  }
  return undefined;
}

/** How the left side of a diff editor is named: its git revision, else its file name. */
function sideLabel(uri: vscode.Uri): string {
  const ref = gitUriRef(uri);
  if (ref === undefined) return fileName(uri);
  if (ref === '~' || ref === '') return 'the index (staged)';
  return /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 8) : ref;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}
