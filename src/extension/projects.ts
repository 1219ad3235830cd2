// Projects in the editor (the language page, "Projects"): the .strata files under a
// strata.config.json are one model. This service finds a document's project, reads the project's
// other files through `vscode.workspace.fs` (so it works in local, remote and virtual workspaces
// and in the web extension host: no Node API), keeps them in the core's incremental `Project`
// (core/project: a file is parsed again only when its text changes), and follows the files on
// disk with a file system watcher: created, changed (saved elsewhere, or by git), deleted and
// renamed files update the model, and `onDidChange` tells diagnostics and the preview.
// Open documents are authoritative: their unsaved text is what the project sees.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, type FileSelection } from '../core/config';
import { Project, selects } from '../core/project';
import type { AnalyzeOptions } from '../core';
import type { ConfigService } from './config';

/** A project as the editor holds it. */
export interface EditorProject {
  /** The folder that holds the config. */
  readonly folder: vscode.Uri;
  readonly config: vscode.Uri;
  readonly selection: FileSelection;
  /** The core project; file ids are URI strings. */
  readonly project: Project;
  /** The options it was last analysed with (as JSON). */
  optionsKey: string;
}

/** Folders never searched for model files. */
const SKIPPED = new Set(['node_modules', '.git']);
/** At most this many .strata files are read for one project (a guard against a mistaken root). */
export const MAX_PROJECT_FILES = 5000;

export class ProjectService implements vscode.Disposable {
  /** By config URI. */
  private readonly projects = new Map<string, Promise<EditorProject | undefined>>();
  private readonly loaded = new Map<string, EditorProject>();
  /** Document URI → its project's config URI, once known (null: a lone file). */
  private readonly membership = new Map<string, string | null>();
  private readonly changed = new vscode.EventEmitter<EditorProject | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when a project's files change on disk or its config changes (undefined: every project). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly config: ConfigService) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.strata');
    this.disposables.push(
      watcher,
      this.changed,
      watcher.onDidCreate((uri) => void this.fileCreated(uri)),
      watcher.onDidChange((uri) => void this.fileChanged(uri)),
      watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.fileChanged(d.uri)),
      // A config created, changed or deleted may move files between projects: start again.
      config.onDidChange(() => {
        this.projects.clear();
        this.loaded.clear();
        this.membership.clear();
        this.changed.fire(undefined);
      }),
    );
  }

  /** The project of a document if it is already loaded (synchronous; see `projectOf`). */
  known(uri: vscode.Uri): EditorProject | undefined {
    const config = this.membership.get(uri.toString());
    return config ? this.loaded.get(config) : undefined;
  }

  /** Whether the document is known to be a model of its own (no project takes it in). */
  knownAlone(uri: vscode.Uri): boolean {
    return this.membership.get(uri.toString()) === null;
  }

  /** Every loaded project. */
  all(): EditorProject[] {
    return [...this.loaded.values()];
  }

  /** The project a document belongs to, its files read on first ask; undefined for a lone file. */
  async projectOf(uri: vscode.Uri): Promise<EditorProject | undefined> {
    const key = uri.toString();
    const found = await this.config.configOf(uri);
    if (!found || !selects(found.uri.with({ path: parentPath(found.uri.path) }).path, found.files, uri.path)) {
      this.membership.set(key, null);
      return undefined;
    }
    const configKey = found.uri.toString();
    let pending = this.projects.get(configKey);
    if (!pending) {
      pending = this.load(found.uri, found.files);
      this.projects.set(configKey, pending);
    }
    const project = await pending;
    if (project && this.projects.get(configKey) === pending) {
      this.membership.set(key, configKey);
      if (!project.project.has(key)) project.project.set(key, await readText(uri));
    }
    return project;
  }

  /** Set a project's analyse options (from its config and the settings); true when they changed. */
  setOptions(p: EditorProject, options: AnalyzeOptions): boolean {
    const key = JSON.stringify(options);
    if (key === p.optionsKey) return false;
    p.optionsKey = key;
    p.project.setOptions(options);
    return true;
  }

  private async load(config: vscode.Uri, selection: FileSelection): Promise<EditorProject | undefined> {
    const folder = config.with({ path: parentPath(config.path) });
    const project = new Project();
    const files = await listModelFiles(folder, selection);
    await Promise.all(
      files.map(async (uri) => {
        try {
          project.set(uri.toString(), await readText(uri));
        } catch {
          // Unreadable (deleted meanwhile, no permission): not part of the model.
        }
      }),
    );
    const p: EditorProject = { folder, config, selection, project, optionsKey: '{}' };
    this.loaded.set(config.toString(), p);
    for (const f of project.files) this.membership.set(f, config.toString());
    return p;
  }

  /** The loaded project whose folder takes in a file at `uri`, if any. */
  private owner(uri: vscode.Uri): EditorProject | undefined {
    let best: EditorProject | undefined;
    for (const p of this.loaded.values()) {
      if (p.folder.scheme !== uri.scheme || p.folder.authority !== uri.authority) continue;
      if (!uri.path.startsWith(p.folder.path.replace(/\/$/, '') + '/')) continue;
      if (!best || p.folder.path.length > best.folder.path.length) best = p;
    }
    return best && selects(best.folder.path, best.selection, uri.path) ? best : undefined;
  }

  private async fileCreated(uri: vscode.Uri): Promise<void> {
    const p = this.owner(uri);
    if (!p || (await this.config.configOf(uri))?.uri.toString() !== p.config.toString()) return;
    try {
      p.project.set(uri.toString(), await readText(uri));
    } catch {
      return;
    }
    this.membership.set(uri.toString(), p.config.toString());
    this.changed.fire(p);
  }

  /** Changed on disk (saved, or changed by git or another program), or closed: read it again. */
  private async fileChanged(uri: vscode.Uri): Promise<void> {
    const p = this.known(uri);
    if (!p) return;
    // An open document is read from the editor (its unsaved text is what the user sees).
    let text: string;
    try {
      text = await readText(uri);
    } catch {
      return;
    }
    if (p.project.set(uri.toString(), text)) this.changed.fire(p);
  }

  private fileDeleted(uri: vscode.Uri): void {
    const p = this.known(uri) ?? this.owner(uri);
    this.membership.delete(uri.toString());
    // A deleted folder: every file under it.
    const prefix = uri.toString().replace(/\/$/, '') + '/';
    let gone = false;
    for (const q of p ? [p] : this.all()) {
      for (const f of q.project.files) {
        if (f === uri.toString() || f.startsWith(prefix)) gone = q.project.delete(f) || gone;
      }
      if (gone) this.changed.fire(q);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** A file's text: from its open document (unsaved edits included), else from the file system. */
export async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open && !open.isClosed) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/**
 * The .strata files of a project folder that its config selects, through `vscode.workspace.fs`.
 * A sub-folder with a strata.config.json of its own is another project and is not entered.
 */
export async function listModelFiles(folder: vscode.Uri, selection: FileSelection): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  const queue: vscode.Uri[] = [folder];
  while (queue.length && out.length < MAX_PROJECT_FILES) {
    const dir = queue.shift()!;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue;
    }
    if (dir.toString() !== folder.toString() && entries.some(([name]) => name === CONFIG_FILE_NAME)) continue;
    for (const [name, type] of entries) {
      const uri = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        if (!SKIPPED.has(name)) queue.push(uri);
      } else if (name.endsWith('.strata') && selects(folder.path, selection, uri.path)) out.push(uri);
    }
  }
  return out;
}
