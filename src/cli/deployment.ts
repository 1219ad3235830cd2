// Reads deployment sources for the drift rule (`strata check --against`, `sources` in
// strata.config.json) through the importer, once per distinct set of sources.
import * as path from 'node:path';
import { readSources } from '../core/import';
import type { Deployment } from '../core/drift/compare';
import { collectSourceFiles, readSourceFiles } from './import';

export interface LoadedDeployment {
  readonly deployment?: Deployment;
  /** `file:line: message`, one per problem; the deployment is not used when there are any. */
  readonly problems: readonly string[];
}

export class DeploymentLoader {
  private readonly cache = new Map<string, LoadedDeployment>();

  /** The deployment read from `sources` (files or folders; relative ones against `base`). */
  load(sources: readonly string[], base = process.cwd()): LoadedDeployment {
    const resolved = sources.map((s) => (path.isAbsolute(s) ? s : path.relative(process.cwd(), path.resolve(base, s)) || '.'));
    const key = resolved.join('\u0000');
    const cached = this.cache.get(key);
    if (cached) return cached;
    let loaded: LoadedDeployment;
    try {
      const names = collectSourceFiles(resolved);
      const { files, problems } = readSourceFiles(names);
      const r = readSources(files);
      const all = [...problems, ...r.errors.map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`)];
      loaded = all.length ? { problems: all } : { deployment: { workloads: r.workloads, files: files.map((f) => f.name) }, problems: [] };
    } catch (e) {
      loaded = { problems: [(e as Error).message] };
    }
    this.cache.set(key, loaded);
    return loaded;
  }
}
