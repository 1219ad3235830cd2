// `strata check`: validate files and print findings as text, JSON or GitHub annotations.
import { parseArgs } from 'node:util';
import { analyze } from '../core';
import { type FileFindings, countFindings, toGithub, toJson, toText } from '../core/output/findings';
import { UsageError, collectFiles, readText } from './files';
import type { Io } from './main';

const FORMATS = ['text', 'json', 'github'] as const;

export async function runCheck(args: readonly string[], io: Io): Promise<number> {
  let values: { format?: string; 'max-warnings'?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string', short: 'f' }, 'max-warnings': { type: 'string' } },
      allowPositionals: true,
    }));
  } catch (e) {
    io.err(`strata check: ${(e as Error).message}\n`);
    return 2;
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.err(`strata check: unknown format '${format}'. Use one of: ${FORMATS.join(', ')}.\n`);
    return 2;
  }
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      io.err(`strata check: --max-warnings takes a whole number of 0 or more, not '${values['max-warnings']}'.\n`);
      return 2;
    }
  }
  if (positionals.length === 0) {
    io.err('strata check: name the .strata files or folders to check, e.g. `strata check examples/`.\n');
    return 2;
  }
  let files: string[];
  try {
    files = collectFiles(positionals);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`strata check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (files.length === 0) {
    io.err(`strata check: no .strata files found in ${positionals.join(', ')}.\n`);
    return 2;
  }
  const results: FileFindings[] = [];
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      text = readText(file);
    } catch (e) {
      io.err(`strata check: cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.\n`);
      unreadable = true;
      continue;
    }
    const a = analyze(text);
    results.push({ file, findings: a.findings, lines: a.lines });
  }
  if (format === 'json') io.out(JSON.stringify(toJson(results), null, 2) + '\n');
  else if (format === 'github') io.out(toGithub(results));
  else io.out(toText(results));
  if (unreadable) return 2;
  const c = countFindings(results);
  if (c.errors > 0) return 1;
  if (c.warnings > maxWarnings) {
    if (format === 'text') io.err(`strata check: ${c.warnings} warnings is more than --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
