// `strata import`: read deployment artefacts (Kubernetes manifests and cluster dumps, Compose
// files, libvirt domain XML, `terraform show -json`) and write one .strata model. A thin caller:
// it collects and reads the files, calls the core importer, and writes the result atomically.
// Any error in any input means nothing is written (exit 2), so a model is never half imported.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from '../core';
import { importSources, MAX_INPUT_CHARS, type ImportOptions, type SourceFile } from '../core/import';
import { UsageError, collectFiles } from './files';
import { IoError, describeError, readInput, refuseOwnInput, writeFileAtomic } from './io';
import type { Io } from './main';

const INPUT_EXTENSIONS = ['.yaml', '.yml', '.json', '.xml', '.tfstate'];
/** Files named on the command line, and the deployment files under named folders (sorted). */
export function collectSourceFiles(args: readonly string[]): string[] {
  return collectFiles(args, (name) => INPUT_EXTENSIONS.some((x) => name.toLowerCase().endsWith(x)));
}

/** Reads source files for the importer; too-large files are refused before they are read. */
export function readSourceFiles(names: readonly string[]): { files: SourceFile[]; problems: string[] } {
  const files: SourceFile[] = [];
  const problems: string[] = [];
  for (const name of names) {
    try {
      const size = fs.statSync(name).size;
      // UTF-8 takes at least one byte per character: a file this large is over the limit.
      if (size > MAX_INPUT_CHARS * 1.5) {
        problems.push(`${name}:1: The file is ${(size / 1024 / 1024).toFixed(0)} MB; Strata imports files of up to ${MAX_INPUT_CHARS / 1024 / 1024} MB. Split it (for example one \`kubectl get ... -n NAMESPACE -o json\` per namespace) and import the parts together.`);
        continue;
      }
      // Bounded: a device or pipe named as a file (size 0) stops at the limit too.
      files.push({ name, text: readInput(name, Math.ceil(MAX_INPUT_CHARS * 1.5)).text });
    } catch (e) {
      problems.push(e instanceof IoError ? `${name}: ${e.message}` : `${name}: cannot read it: ${describeError(e)}.`);
    }
  }
  return { files, problems };
}

export function parseTenantFrom(value: string | undefined): ImportOptions['tenantFrom'] | string {
  if (value === undefined || value === 'namespace') return { kind: 'namespace' };
  const m = /^label:(.+)$/.exec(value);
  if (m) return { kind: 'label', key: m[1] };
  return `--tenant-from takes 'namespace' or 'label:KEY' (e.g. label:team), not '${value}'.`;
}

export async function runImport(args: readonly string[], io: Io): Promise<number> {
  let values: { output?: string; 'tenant-from'?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...args], options: { output: { type: 'string', short: 'o' }, 'tenant-from': { type: 'string' } }, allowPositionals: true }));
  } catch (e) {
    io.err(`strata import: ${(e as Error).message}\n`);
    return 2;
  }
  const tenantFrom = parseTenantFrom(values['tenant-from']);
  if (typeof tenantFrom === 'string') {
    io.err(`strata import: ${tenantFrom}\n`);
    return 2;
  }
  if (positionals.length === 0) {
    io.err('strata import: name the files or folders to import, e.g. `strata import k8s/ -o cluster.strata` or `strata import compose.yaml`.\n');
    return 2;
  }
  let names: string[];
  try {
    names = collectSourceFiles(positionals);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`strata import: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (names.length === 0) {
    io.err(`strata import: no .yaml, .yml, .json, .xml or .tfstate files in ${positionals.join(', ')}.\n`);
    return 2;
  }
  const { files, problems } = readSourceFiles(names);
  const result = importSources(files, { tenantFrom });
  const errors = [...problems, ...result.errors.map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`)];
  if (errors.length > 0 || result.text === undefined) {
    for (const e of errors) io.err(`${e}\n`);
    io.err(`strata import: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}; nothing was written.\n`);
    return 2;
  }
  const a = analyze(result.text);
  const structureErrors = a.findings.filter((f) => f.severity === 'error');
  if (values.output === undefined || values.output === '-') io.out(result.text);
  else {
    try {
      refuseOwnInput(values.output, names);
      writeFileAtomic(values.output, result.text);
    } catch (e) {
      io.err(e instanceof IoError ? `strata import: ${e.message}\n` : `strata import: cannot write '${values.output}': ${describeError(e)}.\n`);
      return 2;
    }
  }
  const nodes = a.model.nodes.length;
  const where = values.output && values.output !== '-' ? `wrote ${values.output}` : 'imported';
  io.err(
    `strata import: ${where}: ${nodes} nodes from ${files.length} ${files.length === 1 ? 'file' : 'files'}` +
      (result.unmapped.length ? `; ${result.unmapped.length} read but not mapped (listed at the top of the model)` : '') +
      (structureErrors.length ? `; ${structureErrors.length} structure errors (please report this: an import should check clean)` : '') +
      '.\n',
  );
  return 0;
}
