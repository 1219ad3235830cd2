// The little of VS Code's built-in git extension (`vscode.git`, API version 1) that "Compare
// with…" uses: the repository of a file, a file's text at a revision, the revisions to pick
// from, and which files a revision has that the working tree no longer has. Typed here by hand
// (the extension publishes no types package); only what is used. The git extension is absent in
// the web extension host (vscode.dev) and disabled when `git.enabled` is false: `gitApi()` then
// answers undefined and the caller offers the other ways to compare.
import * as vscode from 'vscode';

export interface GitRef {
  readonly type: number; // 0 head (branch), 1 remote head, 2 tag
  readonly name?: string;
  readonly commit?: string;
  readonly remote?: string;
}

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly status: number;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly refs?: readonly GitRef[]; readonly HEAD?: { readonly name?: string; readonly commit?: string } };
  /** The file's text at `ref` (a path in the file system); rejects when the file is not in `ref`. */
  show(ref: string, path: string): Promise<string>;
  getCommit(ref: string): Promise<{ readonly hash: string }>;
  /** The working tree's changes against `ref`. */
  diffWith(ref: string): Promise<GitChange[]>;
  getRefs?(query?: unknown): Promise<GitRef[]>;
}

interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The git extension's API, or undefined when there is none (web host) or git is disabled. */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) return undefined;
    return exports.getAPI(1);
  } catch {
    return undefined;
  }
}

/** The repository that holds `uri` (a `file:` URI), opened if git has not found it yet. */
export async function repositoryOf(uri: vscode.Uri): Promise<GitRepository | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const api = await gitApi();
  if (!api) return undefined;
  const known = api.getRepository(uri);
  if (known) return known;
  try {
    return (await api.openRepository?.(vscode.Uri.joinPath(uri, '..'))) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Branches and tags to compare with, local branches first, each once. */
export async function refsOf(repository: GitRepository): Promise<GitRef[]> {
  let refs: readonly GitRef[] = repository.state.refs ?? [];
  if (refs.length === 0 && repository.getRefs) {
    try {
      refs = await repository.getRefs();
    } catch {
      refs = [];
    }
  }
  const seen = new Set<string>();
  const out: GitRef[] = [];
  for (const type of [0, 2, 1]) {
    for (const r of refs) {
      const name = refName(r);
      if (r.type !== type || name === undefined || seen.has(name)) continue;
      seen.add(name);
      out.push(r);
    }
  }
  return out;
}

/** A ref as git accepts it: `main`, `origin/main`, `v1.0`. */
export function refName(r: GitRef): string | undefined {
  if (r.name === undefined) return undefined;
  return r.type === 1 && r.remote !== undefined && !r.name.startsWith(`${r.remote}/`) ? `${r.remote}/${r.name}` : r.name;
}

/**
 * The text of the file at `uri` (a `file:` URI) in `ref`, or undefined when `ref` does not have
 * it (a file added since). The git extension takes file system paths: this is the one place a
 * URI becomes one (only `file:` URIs have a repository).
 */
export async function showAt(repository: GitRepository, ref: string, uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme !== 'file') return undefined;
  try {
    return await repository.show(ref, uri.fsPath);
  } catch {
    return undefined;
  }
}

/** Status values (the git extension's `Status` enum) of a file the working tree no longer has. */
export const DELETED_STATUSES: ReadonlySet<number> = new Set([2 /* INDEX_DELETED */, 6 /* DELETED */]);

/**
 * What the left side of a diff editor is, when it is a `git:` URI: its `ref` (`HEAD`, a commit,
 * `~` for the index, `` for the working tree). Undefined for any other URI.
 */
export function gitUriRef(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'git') return undefined;
  try {
    const query = JSON.parse(uri.query) as { ref?: unknown };
    return typeof query.ref === 'string' ? query.ref : undefined;
  } catch {
    return undefined;
  }
}
