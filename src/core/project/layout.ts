// Which project a file belongs to (the language page, "Projects"): the nearest folder at or above
// it that holds a strata.config.json, if the config's `include` / `exclude` take it in. Paths are
// '/'-separated strings (file-system paths with forward slashes, or URI paths); this module never
// reads the disk: callers list the files and read the configs.
import type { FileSelection } from '../config/parse';
import { globMatcher } from './globs';

/** The default `include`: every .strata file under the project folder. */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.strata'];
/** Always left out: dependencies and version-control folders. */
export const ALWAYS_EXCLUDED: readonly string[] = ['**/node_modules/**', '**/.git/**'];

/** The folder of a path: everything before its last '/' ('' for a bare name). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `path` relative to `folder` (which must contain it), '/'-separated. */
export function relativeTo(folder: string, path: string): string {
  return folder === '' ? path : path.slice(folder.length + 1);
}

/**
 * The project folder of a .strata file: the nearest folder at or above it whose config is in
 * `configFolders` (the folders that hold a strata.config.json), or undefined when none is.
 */
export function projectFolderOf(file: string, configFolders: ReadonlySet<string>): string | undefined {
  let folder = folderOf(file);
  for (;;) {
    if (configFolders.has(folder)) return folder;
    if (folder === '') return undefined;
    folder = folderOf(folder);
  }
}

/** Whether a project's config selects a file under its folder (its own include/exclude). */
export function selects(folder: string, selection: FileSelection, file: string): boolean {
  const rel = relativeTo(folder, file);
  if (globMatcher(ALWAYS_EXCLUDED)(rel) || globMatcher(ALWAYS_EXCLUDED)('/' + rel)) return false;
  if (!globMatcher(selection.include ?? DEFAULT_INCLUDE)(rel)) return false;
  return !(selection.exclude && globMatcher(selection.exclude)(rel));
}

export interface ProjectLayout {
  /** The project folder (that holds the config). */
  readonly folder: string;
  /** Its .strata files, sorted (the order the model is bound in; the meaning does not depend on it). */
  readonly files: readonly string[];
}

/**
 * Sort .strata files into projects. `configs` maps each project folder to its file selection.
 * Files with no config above them are models of their own (`alone`); a file under a config that
 * its include/exclude leave out is in `alone` too (it is checked as a model of its own, as in
 * version 1), unless `dropExcluded`.
 */
export function layoutProjects(
  files: readonly string[],
  configs: ReadonlyMap<string, FileSelection>,
  dropExcluded = false,
): { projects: ProjectLayout[]; alone: string[] } {
  const folders = new Set(configs.keys());
  const byFolder = new Map<string, string[]>();
  const alone: string[] = [];
  for (const file of files) {
    const folder = projectFolderOf(file, folders);
    if (folder === undefined) alone.push(file);
    else if (selects(folder, configs.get(folder)!, file)) {
      const list = byFolder.get(folder);
      if (list) list.push(file);
      else byFolder.set(folder, [file]);
    } else if (!dropExcluded) alone.push(file);
  }
  const projects = [...byFolder.entries()].map(([folder, list]) => ({ folder, files: [...list].sort() })).sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  return { projects, alone: alone.sort() };
}
