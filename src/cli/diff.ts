// `strata diff`: the semantic architecture diff of two versions of a model, from two files or
// from git (`--git <rev> <file>`: the base is `git show <rev>:<file>`, the head the file on
// disk). Git is run here, never in the core, with arguments passed as an array (no shell).
// Exit codes: 0 done; 1 `--fail-on` was reached; 2 usage, read, git or configuration error.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../core';
import { type ArchitectureDiff, buildDiffPicture, diffAnalyses, diffComment, diffToText } from '../core/diff';
import { terminalText } from '../core/output/findings';
import { ConfigLoader, formatConfigProblems } from './config';
import { INPUT_OPTIONS, IoError, inputLimit, readInput } from './io';
import { stringifyJson } from '../core/text/controls';
import type { Io } from './main';

const FORMATS = ['text', 'markdown', 'json'] as const;
const FAIL_ON = ['new-errors', 'new-warnings'] as const;

class DiffError extends Error {}

export async function runDiff(args: readonly string[], io: Io): Promise<number> {
  let values: { format?: string; git?: string; 'fail-on'?: string; full?: boolean; 'max-input-size'?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string', short: 'f' }, git: { type: 'string' }, 'fail-on': { type: 'string' }, full: { type: 'boolean' }, ...INPUT_OPTIONS },
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

  let baseText: string;
  let headText: string;
  let baseLabel: string;
  let headLabel: string;
  const headFile = positionals[wanted - 1];
  try {
    const limit = inputLimit(values['max-input-size']);
    const read = (file: string) => readInput(file, limit).text;
    headText = read(headFile);
    if (git !== undefined) {
      const base = gitShow(git, headFile);
      baseText = base ?? '';
      baseLabel = base === undefined ? `${git} (the file is new: not in ${git})` : git;
      headLabel = 'the working tree';
    } else {
      baseText = read(positionals[0]);
      baseLabel = positionals[0] === '-' ? 'stdin' : positionals[0];
      headLabel = headFile === '-' ? 'stdin' : headFile;
    }
  } catch (e) {
    if (e instanceof DiffError || e instanceof IoError) {
      io.err(`strata diff: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  // The head's strata.config.json applies to both versions, so a config change is not a model change.
  const config = new ConfigLoader().forModel(headFile);
  if (config.problems.length) io.err(formatConfigProblems(config));
  const base = analyze(baseText, config.options);
  const head = analyze(headText, config.options);
  const diff = diffAnalyses(base, head, config.options);
  const labels = { file: headFile, baseLabel, headLabel };
  if (format === 'json') io.out(stringifyJson({ file: headFile, base: baseLabel, head: headLabel, ...diff }, 2) + '\n');
  else if (format === 'markdown') io.out(diffComment(buildDiffPicture(base, head, diff, { full: values.full }), labels));
  else io.out(terminalText(diffToText(diff, labels)));
  if (config.problems.some((p) => p.severity === 'error')) return 2;
  return gate(diff, failOn, io);
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
 * The file's text at `rev` (`git show <rev>:./<name>`, run in the file's folder), or undefined
 * when the revision exists but the file is not in it (a new file).
 */
function gitShow(rev: string, file: string): string | undefined {
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
  try {
    return run(['show', spec]);
  } catch (e) {
    const why = ((e as { stderr?: string }).stderr ?? '').trim();
    throw new DiffError(`git show ${spec} failed${why ? `: ${why.split('\n')[0]}` : ''}.`);
  }
}
