// `strata check`: validate files and print findings as text, JSON, GitHub annotations or SARIF.
// With `--fix`, first apply every safe fix to the files (written atomically by ./io.ts: a
// temporary file in the same folder, then a rename, so a killed run leaves the old file or the
// new one); a file that is not valid UTF-8 is refused and left as it is. `-` reads stdin.
import { parseArgs } from 'node:util';
import { analyze } from '../core';
import { Project } from '../core/project';
import { fixAll } from '../core/services/codeActions';
import { type FileFindings, countFindings, toGithub, toJson, toText } from '../core/output/findings';
import * as path from 'node:path';
import type { Deployment } from '../core/drift/compare';
import { ConfigLoader, type LoadedConfig, formatConfigProblems } from './config';
import { DeploymentLoader } from './deployment';
import { toSarif } from '../core/output/sarif';
import { INPUT_OPTIONS, describeError, inputLimit, writeFileAtomic } from './io';
import { stringifyJson } from '../core/text/controls';
import { type CliModel, UsageError, collectModels, fileFindings, loadModel, nativePath } from './projects';
import type { Io } from './main';

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;

declare const STRATA_VERSION: string | undefined;

export async function runCheck(args: readonly string[], io: Io): Promise<number> {
  let values: { format?: string; 'max-warnings'?: string; fix?: boolean; against?: string[]; 'max-input-size'?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string', short: 'f' }, 'max-warnings': { type: 'string' }, fix: { type: 'boolean' }, against: { type: 'string', multiple: true }, ...INPUT_OPTIONS },
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
    // Digits only: Number() would also take '', ' ', '0x10', '1e3' and '-0'.
    maxWarnings = /^[0-9]+$/.test(values['max-warnings']) ? Number(values['max-warnings']) : NaN;
    if (!Number.isSafeInteger(maxWarnings)) {
      io.err(`strata check: --max-warnings takes a whole number of 0 or more, not '${values['max-warnings']}'.\n`);
      return 2;
    }
  }
  let limit: number;
  try {
    limit = inputLimit(values['max-input-size']);
  } catch (e) {
    io.err(`strata check: ${(e as Error).message}\n`);
    return 2;
  }
  if (values.fix && positionals.includes('-')) {
    io.err('strata check: --fix rewrites files in place, so it cannot take stdin (-); name the files.\n');
    return 2;
  }
  if (positionals.length === 0) {
    io.err('strata check: name the .strata files or folders to check, e.g. `strata check examples/`.\n');
    return 2;
  }
  const configs = new ConfigLoader();
  let models: CliModel[];
  try {
    models = collectModels(positionals, configs);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`strata check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (models.length === 0) {
    io.err(`strata check: no .strata files found in ${positionals.join(', ')}.\n`);
    return 2;
  }
  const deployments = new DeploymentLoader();
  const badSources = new Set<string>();
  /** The deployment a model is checked against: --against, else the config's sources. */
  const deploymentFor = (loaded: LoadedConfig): Deployment | undefined => {
    const against = values.against && values.against.length ? values.against : undefined;
    const sources = against ?? loaded.options.sources;
    if (!sources || sources.length === 0) return undefined;
    const base = against || !loaded.file ? process.cwd() : path.dirname(loaded.file);
    const d = deployments.load(sources, base);
    for (const p of d.problems) {
      if (badSources.has(p)) continue;
      badSources.add(p);
      io.err(`strata check: cannot read a deployment source: ${p}\n`);
    }
    if (d.problems.length) unreadable = true;
    return d.deployment;
  };
  const results: FileFindings[] = [];
  let unreadable = false;
  let fixesApplied = 0;
  let filesFixed = 0;
  for (const model of models) {
    // The config's deployment sources (`drift`) apply to the whole model.
    const deployment = deploymentFor(model.config);
    const options = deployment ? { ...model.config.options, deployment } : model.config.options;
    let loaded = loadModel(model, options, limit);
    for (const u of loaded.unreadable) {
      io.err(`strata check: ${u.message}\n`);
      unreadable = true;
    }
    if (values.fix) {
      // Each file's safe fixes, judged on the whole model (a project's other files as they are).
      const project = new Project(options);
      for (const f of loaded.files) project.set(f.id, f.text);
      let changed = false;
      for (const f of loaded.files) {
        const findingsOf = (t: string) => {
          if (!loaded.project) return analyze(t, options);
          project.set(f.id, t);
          return project.analysis().fileAnalysis(f.id)!;
        };
        if (f.notRewritable) {
          io.err(`strata check: ${f.notRewritable}\n`);
          unreadable = true;
          continue;
        }
        const fixed = fixAll(f.text, { first: f.analysis, analyze: findingsOf });
        project.set(f.id, fixed.text);
        if (fixed.applied === 0) continue;
        const target = loaded.project ? nativePath(f.id) : f.shown;
        try {
          writeFileAtomic(target, fixed.text);
          fixesApplied += fixed.applied;
          filesFixed++;
          changed = true;
        } catch (e) {
          io.err(`strata check: cannot write '${f.shown}': ${describeError(e)}. It is unchanged.\n`);
          project.set(f.id, f.text);
          unreadable = true;
        }
      }
      if (changed) loaded = loadModel(model, options, limit);
    }
    results.push(...fileFindings(loaded));
  }
  if (format === 'json') io.out(stringifyJson(toJson(results), 2) + '\n');
  else if (format === 'github') io.out(toGithub(results));
  else if (format === 'sarif') io.out(stringifyJson(toSarif(results, { toolVersion: typeof STRATA_VERSION === 'string' ? STRATA_VERSION : undefined, cwd: process.cwd() }), 2) + '\n');
  else io.out(toText(results));
  if (values.fix) {
    // Beside machine-readable output, the count goes to stderr.
    const report = `strata check: applied ${fixesApplied} safe ${fixesApplied === 1 ? 'fix' : 'fixes'} in ${filesFixed} ${filesFixed === 1 ? 'file' : 'files'}.\n`;
    if (format === 'text') io.out(report);
    else io.err(report);
  }
  // An invalid strata.config.json is a configuration error (exit 2); its valid parts still applied.
  const badConfigs = configs.withProblems();
  for (const c of badConfigs) io.err(formatConfigProblems(c, undefined, format));
  if (unreadable || badConfigs.some((c) => c.problems.some((p) => p.severity === 'error'))) return 2;
  const c = countFindings(results);
  if (c.errors > 0) return 1;
  if (c.warnings > maxWarnings) {
    if (format === 'text') io.err(`strata check: ${c.warnings} warnings is more than --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
