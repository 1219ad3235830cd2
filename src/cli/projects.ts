// What the CLI checks, renders or measures: the models named on the command line. A file under a
// strata.config.json stands for its whole project (every .strata file the config takes in, one
// model: the language page, "Projects"); a folder stands for every project and lone file in it; a
// file with no config above it is a model of its own, as in version 1. File access lives here;
// the core's project layer (src/core/project) does the rest.
import * as path from 'node:path';
import { type Analysis, type AnalyzeOptions, analyze } from '../core';
import { type ProjectAnalysis, analyzeProject, selects } from '../core/project';
import type { FileFindings } from '../core/output/findings';
import { type ConfigLoader, type LoadedConfig } from './config';
import { UsageError, collectFiles } from './files';
import { DEFAULT_MAX_INPUT_BYTES, IoError, describeError, notRewritable, readInput } from './io';

/** One model to report on: a project or a lone file. */
export interface CliModel {
  /** The project folder, or undefined for a lone file. */
  readonly folder?: string;
  readonly config: LoadedConfig;
  /**
   * Its files: the path shown to the user and the file's id in the project (a '/'-separated
   * absolute path; `-` for stdin, shown as `<stdin>`).
   */
  readonly files: readonly { readonly shown: string; readonly id: string }[];
}

/** A model read and analysed. */
export interface LoadedModel {
  readonly model: CliModel;
  /**
   * One analysis per file that could be read, in order (a project file's view of the whole model),
   * with why `check --fix` must not rewrite it (bytes that are not UTF-8), if so.
   */
  readonly files: readonly { readonly shown: string; readonly id: string; readonly text: string; readonly analysis: Analysis; readonly notRewritable?: string }[];
  /** The project's analysis (undefined for a lone file). */
  readonly project?: ProjectAnalysis;
  /** The analysis to draw or measure: the whole project, or the lone file's. */
  readonly whole: Analysis;
  /** Files that could not be read, with the one line that says why ("cannot read 'a.strata': …."). */
  readonly unreadable: readonly { readonly shown: string; readonly message: string }[];
}

/** The file id of stdin (`-` on the command line). */
export const STDIN_ID = '-';

/** The path to read a model's file at: `-` for stdin. */
export function modelFilePath(f: { readonly id: string }): string {
  return f.id === STDIN_ID ? '-' : nativePath(f.id);
}

/** A path as a project file id: absolute, with '/' separators. */
export function fileId(file: string): string {
  return path.resolve(file).split(path.sep).join('/');
}

/** A project file id as a path of this platform. */
export function nativePath(id: string): string {
  return id.split('/').join(path.sep);
}

/** How a project file is shown: relative to the current folder when inside it. */
export function shownPath(id: string, cwd = process.cwd()): string {
  const native = nativePath(id);
  const rel = path.relative(cwd, native);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : native;
}

/**
 * The models the arguments name, each once. Throws UsageError for a missing path. A file named
 * directly that its project's config leaves out is checked as a model of its own; files a
 * folder search finds that the config leaves out are skipped. `-` is stdin, a model of its own
 * with the config of the current folder.
 */
export function collectModels(args: readonly string[], configs: ConfigLoader): CliModel[] {
  const models: CliModel[] = [];
  const projects = new Map<string, CliModel>();
  const seenAlone = new Set<string>();
  for (const arg of args) {
    if (arg === '-') {
      if (!seenAlone.has(STDIN_ID)) {
        seenAlone.add(STDIN_ID);
        models.push({ config: configs.forModel('-'), files: [{ shown: '<stdin>', id: STDIN_ID }] });
      }
      continue;
    }
    const named = collectFiles([arg]);
    const direct = named.length === 1 && named[0] === arg;
    for (const file of named) {
      const config = configs.forModel(file);
      if (!config.file) {
        const id = fileId(file);
        if (!seenAlone.has(id)) {
          seenAlone.add(id);
          models.push({ config, files: [{ shown: file, id }] });
        }
        continue;
      }
      const folder = fileId(path.dirname(config.file));
      const selection = config.files ?? {};
      if (!selects(folder, selection, fileId(file))) {
        if (direct && !seenAlone.has(fileId(file))) {
          seenAlone.add(fileId(file));
          models.push({ config, files: [{ shown: file, id: fileId(file) }] });
        }
        continue;
      }
      if (projects.has(folder)) continue;
      const files = collectFiles([path.dirname(config.file)])
        .map((f) => fileId(f))
        .filter((id) => selects(folder, selection, id))
        // A nested folder with its own config is a project of its own.
        .filter((id) => configs.forModel(nativePath(id)).file === config.file)
        .sort()
        .map((id) => ({ shown: shownPath(id), id }));
      const model: CliModel = { folder, config, files };
      projects.set(folder, model);
      models.push(model);
    }
  }
  return models;
}

/**
 * Read and analyse a model; unreadable files are left out and listed. Every file is read through
 * ./io.ts: bounded by `limit` bytes, UTF-16 and UTF-32 refused with their name.
 */
export function loadModel(model: CliModel, options: AnalyzeOptions = model.config.options, limit = DEFAULT_MAX_INPUT_BYTES): LoadedModel {
  const unreadable: { shown: string; message: string }[] = [];
  const texts: { shown: string; id: string; text: string; notRewritable?: string }[] = [];
  for (const f of model.files) {
    const file = f.id === STDIN_ID ? '-' : model.folder === undefined ? f.shown : nativePath(f.id);
    try {
      const input = readInput(file, limit);
      const refused = notRewritable(input, file);
      texts.push({ ...f, text: input.text, ...(refused ? { notRewritable: refused } : {}) });
    } catch (e) {
      unreadable.push({ shown: f.shown, message: e instanceof IoError ? e.message : `cannot read '${f.shown}': ${describeError(e)}.` });
    }
  }
  if (model.folder === undefined) {
    const only = texts[0];
    const analysis = only ? analyze(only.text, options) : analyze('', options);
    return { model, files: only ? [{ ...only, analysis }] : [], whole: analysis, unreadable };
  }
  const project = analyzeProject(
    texts.map((t) => ({ file: t.id, text: t.text })),
    options,
  );
  return {
    model,
    project,
    files: texts.map((t) => ({ ...t, analysis: project.fileAnalysis(t.id)! })),
    whole: project.whole(),
    unreadable,
  };
}

/** The findings of a loaded model, one entry per file, related locations resolved to their files. */
export function fileFindings(loaded: LoadedModel): FileFindings[] {
  const byId = new Map(loaded.files.map((f) => [f.id, f]));
  const locate = (id: string) => {
    const f = byId.get(id);
    return f ? { file: f.shown, lines: f.analysis.lines } : undefined;
  };
  return loaded.files.map((f) => ({ file: f.shown, findings: f.analysis.findings, lines: f.analysis.lines, ...(loaded.project ? { locate } : {}) }));
}

/**
 * The models one argument names, each read and analysed; undefined (after saying why on stderr,
 * prefixed with `command`) when the path is missing, holds no .strata file or a file is unreadable.
 */
export function loadArgument(arg: string, configs: ConfigLoader, err: (text: string) => void, command: string, options?: AnalyzeOptions, limit = DEFAULT_MAX_INPUT_BYTES): LoadedModel[] | undefined {
  let models: CliModel[];
  try {
    models = collectModels([arg], configs);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`strata ${command}: cannot read '${arg}': no such file or folder.\n`);
    return undefined;
  }
  if (models.length === 0) {
    err(`strata ${command}: no .strata files found in ${arg}.\n`);
    return undefined;
  }
  const out: LoadedModel[] = [];
  for (const model of models) {
    const loaded = loadModel(model, options ?? model.config.options, limit);
    if (loaded.unreadable.length) {
      err(`strata ${command}: ${loaded.unreadable[0].message}\n`);
      return undefined;
    }
    out.push(loaded);
  }
  return out;
}

export { UsageError };
