// `strata diff`: the semantic architecture diff of two versions of a model, from two files or
// from git (`--git <rev> <file>`: the base is `git show <rev>:<file>`, the head the file on
// disk). Git is run here, never in the core, with arguments passed as an array (no shell).
// Exit codes: 0 done; 1 `--fail-on` was reached; 2 usage, read, git or configuration error.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { type Analysis, analyze } from '../core';
import { analyzeProject, selects } from '../core/project';
import { type ArchitectureDiff, buildDiffPicture, diffAnalyses, diffComment, diffToText, renderDiffHtml, renderDiffSvg } from '../core/diff';
import { THEMES, type Theme } from '../core/render/theme';
import { terminalText } from '../core/output/findings';
import { ConfigLoader, formatConfigProblems } from './config';
import { INPUT_OPTIONS, IoError, decodeInput, describeError, inputLimit, refuseOwnInput, tooLarge, writeFileAtomic } from './io';
import { stringifyJson } from '../core/text/controls';
import { type CliModel, UsageError, collectModels, fileId, loadModel, modelFilePath, nativePath, shownPath } from './projects';
import type { Io } from './main';

const FORMATS = ['text', 'markdown', 'json', 'svg', 'html'] as const;
const FAIL_ON = ['new-errors', 'new-warnings'] as const;

class DiffError extends Error {}

export async function runDiff(args: readonly string[], io: Io): Promise<number> {
  let values: { format?: string; git?: string; 'fail-on'?: string; full?: boolean; output?: string; theme?: string; 'max-input-size'?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string', short: 'f' }, git: { type: 'string' }, 'fail-on': { type: 'string' }, full: { type: 'boolean' }, output: { type: 'string', short: 'o' }, theme: { type: 'string' }, ...INPUT_OPTIONS },
      allowPositionals: true,
    }));
  } catch (e) {
    io.err(`strata diff: ${(e as Error).message}\n`);
    return 2;
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.err(`strata diff: unknown format '${format}'. Use one of: ${FORMATS.join(', ')}.\n`);
    return 2;
  }
  const theme = values.theme ?? 'light';
  if (!(THEMES as readonly string[]).includes(theme)) {
    io.err(`strata diff: unknown theme '${theme}'. Use one of: ${THEMES.join(', ')}.\n`);
    return 2;
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) {
    io.err(`strata diff: --fail-on takes ${FAIL_ON.join(' or ')}, not '${failOn}'.\n`);
    return 2;
  }
  const git = values.git;
  const wanted = git !== undefined ? 1 : 2;
  if (positionals.length !== wanted) {
    io.err(
      git !== undefined
        ? 'strata diff: with --git, name one .strata file, e.g. `strata diff --git origin/main model.strata`.\n'
        : 'strata diff: name the base and the head file, e.g. `strata diff before.strata after.strata`, or use `--git <rev> <file>`.\n',
    );
    return 2;
  }

  if (positionals.filter((p) => p === '-').length > 1 || (git !== undefined && positionals[0] === '-')) {
    io.err(git !== undefined ? 'strata diff: --git needs the file on disk (its path names it in git), not stdin (-).\n' : 'strata diff: stdin (-) can be only one of the two versions.\n');
    return 2;
  }
  const toFile = values.output !== undefined && values.output !== '-';

  // Each side is a model: a lone file as in version 1, or a whole project (a file of a project,
  // or its folder). With --git, the base is the same files at <rev>.
  const configs = new ConfigLoader();
  let base: Analysis;
  let head: Analysis;
  let baseLabel: string;
  let headLabel: string;
  const headArg = positionals[wanted - 1];
  let headModel: CliModel;
  const inputs: string[] = [];
  try {
    const limit = inputLimit(values['max-input-size']);
    // Before reading: a refused output must not wait for stdin.
    if (toFile) refuseOwnInput(values.output!, positionals);
    headModel = oneModel(headArg, configs);
    const headLoaded = loadModel(headModel, headModel.config.options, limit);
    if (headLoaded.unreadable.length) throw new DiffError(headLoaded.unreadable[0].message);
    head = headLoaded.whole;
    inputs.push(...headModel.files.map(modelFilePath));
    if (git !== undefined) {
      const texts = gitModel(git, headModel, limit);
      base = analyzeSide(headModel, texts);
      const missing = headModel.folder === undefined && texts.size === 0;
      baseLabel = missing ? `${git} (the file is new: not in ${git})` : git;
      headLabel = 'the working tree';
    } else {
      const baseModel = oneModel(positionals[0], configs);
      const baseLoaded = loadModel(baseModel, headModel.config.options, limit);
      if (baseLoaded.unreadable.length) throw new DiffError(baseLoaded.unreadable[0].message);
      base = baseLoaded.whole;
      inputs.push(...baseModel.files.map(modelFilePath));
      baseLabel = positionals[0] === '-' ? 'stdin' : positionals[0];
      headLabel = headArg === '-' ? 'stdin' : headArg;
    }
  } catch (e) {
    if (e instanceof DiffError || e instanceof IoError) {
      io.err(`strata diff: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  // The head's strata.config.json applies to both versions, so a config change is not a model change.
  const config = headModel.config;
  if (config.problems.length) io.err(formatConfigProblems(config));
  const diff = showFiles(diffAnalyses(base, head));
  const labels = { file: headArg, baseLabel, headLabel };
  const picture = () => buildDiffPicture(base, head, diff, { full: values.full });
  let text: string;
  if (format === 'json') text = stringifyJson({ file: headArg, base: baseLabel, head: headLabel, ...diff }, 2) + '\n';
  else if (format === 'markdown') text = diffComment(picture(), labels);
  else if (format === 'svg') text = renderDiffSvg(picture(), { ...labels, theme: theme as Theme });
  else if (format === 'html') text = renderDiffHtml(picture(), { ...labels, theme: theme as Theme, showFile: shownPath });
  else text = terminalText(diffToText(diff, labels));
  if (!toFile) io.out(text);
  else {
    try {
      // Not over any file of either version (a project's other files too).
      refuseOwnInput(values.output!, inputs);
      writeFileAtomic(values.output!, text);
    } catch (e) {
      io.err(e instanceof IoError ? `strata diff: ${e.message}\n` : `strata diff: cannot write '${values.output}': ${describeError(e)}.\n`);
      return 2;
    }
  }
  if (config.problems.some((p) => p.severity === 'error')) return 2;
  return gate(diff, failOn, io);
}

/** The one model an argument names (a file, its project, or a folder holding one project). */
function oneModel(arg: string, configs: ConfigLoader): CliModel {
  let models: CliModel[];
  try {
    models = collectModels([arg], configs);
  } catch (e) {
    if (e instanceof UsageError) throw new DiffError(`cannot read '${arg}': no such file.`);
    throw e;
  }
  if (models.length === 0) throw new DiffError(`no .strata files found in '${arg}'.`);
  if (models.length > 1) throw new DiffError(`'${arg}' holds ${models.length} models (projects or lone files); name one file or one project folder.`);
  return models[0];
}

/** Diff file ids (absolute paths) as the user sees them. */
function showFiles(diff: ArchitectureDiff): ArchitectureDiff {
  return JSON.parse(JSON.stringify(diff), (key, value) => (key === 'file' && typeof value === 'string' ? shownPath(value) : value)) as ArchitectureDiff;
}

/** Analyse one side from texts by file id: a lone file, or a project's files. */
function analyzeSide(model: CliModel, texts: ReadonlyMap<string, string>): Analysis {
  if (model.folder === undefined) return analyze(texts.values().next().value ?? '', model.config.options);
  return analyzeProject(
    [...texts].map(([file, text]) => ({ file, text })),
    model.config.options,
  ).whole();
}

/** Exit code 1 when the introduced findings reach the `--fail-on` severity (warnings include errors). */
function gate(diff: ArchitectureDiff, failOn: string | undefined, io: Io): number {
  if (failOn === undefined) return 0;
  const errors = diff.findings.introduced.filter((f) => f.severity === 'error').length;
  const warnings = diff.findings.introduced.filter((f) => f.severity === 'warning').length;
  const count = failOn === 'new-errors' ? errors : errors + warnings;
  if (count === 0) return 0;
  io.err(`strata diff: the change introduces ${count} new ${failOn === 'new-errors' ? (count === 1 ? 'error' : 'errors') : count === 1 ? 'error or warning' : 'errors or warnings'} (--fail-on ${failOn}).\n`);
  return 1;
}

/**
 * The model's files at `rev`, by file id: a lone file's text (none when it is new), or every
 * file of the project's folder at `rev` that the head's config takes in.
 */
function gitModel(rev: string, model: CliModel, limit: number): Map<string, string> {
  const out = new Map<string, string>();
  if (model.folder === undefined) {
    const text = gitShow(rev, model.files[0].shown, limit);
    if (text !== undefined) out.set(model.files[0].id, text);
    return out;
  }
  const folder = nativePath(model.folder);
  verifyRev(rev, folder);
  const listed = git(['ls-tree', '-r', '--name-only', '--full-name', rev, '--', '.'], folder);
  const top = git(['rev-parse', '--show-toplevel'], folder).trim();
  for (const name of listed.split('\n').filter((n) => n.endsWith('.strata'))) {
    const id = fileId(path.join(top, name));
    if (!selects(model.folder, model.config.files ?? {}, id)) continue;
    const text = gitShow(rev, nativePath(id), limit);
    if (text !== undefined) out.set(id, text);
  }
  return out;
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new DiffError('git is not installed or not on the PATH.');
    const why = (err.stderr ?? '').trim();
    throw new DiffError(`git ${args[0]} failed${why ? `: ${why.split('\n')[0]}` : ''}.`);
  }
}

function verifyRev(rev: string, dir: string): void {
  // A revision starting with '-' would be read as an option by git.
  if (rev === '' || rev.startsWith('-') || /[\0\n\r]/.test(rev)) throw new DiffError(`'${rev}' is not a git revision.`);
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new DiffError('git is not installed or not on the PATH.');
    const why = (err.stderr ?? '').trim();
    throw new DiffError(`'${rev}' is not a commit in the git repository of '${dir}'${why ? `: ${why.split('\n')[0]}` : ''}.`);
  }
}

/**
 * The file's text at `rev` (`git show <rev>:./<name>`, run in the file's folder), or undefined
 * when the revision exists but the file is not in it (a new file).
 */
function gitShow(rev: string, file: string, limit: number): string | undefined {
  // A revision starting with '-' would be read as an option by git.
  if (rev === '' || rev.startsWith('-') || /[\0\n\r]/.test(rev)) throw new DiffError(`'${rev}' is not a git revision.`);
  const dir = path.dirname(path.resolve(file));
  const spec = `${rev}:./${path.basename(file)}`;
  const run = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string; status?: number };
    if (err.code === 'ENOENT') throw new DiffError('git is not installed or not on the PATH.');
    const why = (err.stderr ?? '').trim();
    throw new DiffError(`'${rev}' is not a commit in the git repository of '${file}'${why ? `: ${why.split('\n')[0]}` : ''}.`);
  }
  try {
    run(['cat-file', '-e', spec]);
  } catch {
    return undefined;
  }
  let bytes: Buffer;
  try {
    // Bounded like any other input, and decoded the same way (UTF-16 refused with its name).
    bytes = execFileSync('git', ['show', spec], { cwd: dir, maxBuffer: limit, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOBUFS') throw new IoError(tooLarge(spec, limit));
    const why = ((e as { stderr?: Buffer | string }).stderr ?? '').toString().trim();
    throw new DiffError(`git show ${spec} failed${why ? `: ${why.split('\n')[0]}` : ''}.`);
  }
  return decodeInput(bytes, spec).text;
}
