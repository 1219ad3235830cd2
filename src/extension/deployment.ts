// Drift in the editor: when the strata.config.json that applies to a model lists `sources`, the
// sources are read through vscode.workspace.fs (so it works in every workspace VS Code opens),
// imported by the core, and handed to the analysis as its deployment. A change to a source file
// reads it again and re-checks the open models. No Node API here.
import * as vscode from 'vscode';
import type { AnalyzeOptions } from '../core';
import type { Deployment } from '../core/drift/compare';
import { readSources, type SourceFile } from '../core/import';

const SOURCE_EXTENSIONS = ['.yaml', '.yml', '.json', '.xml', '.tfstate'];

export interface DeploymentService extends vscode.Disposable {
  /** The options with `deployment` read from their `sources` (relative to the config's folder). */
  withDeployment(options: AnalyzeOptions & { sources?: readonly string[] }, configDir: vscode.Uri | undefined): Promise<AnalyzeOptions>;
  /** Fires when a source file changes. */
  readonly onDidChange: vscode.Event<void>;
}

async function collect(uri: vscode.Uri, out: vscode.Uri[]): Promise<void> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return;
  }
  if (stat.type & vscode.FileType.Directory) {
    const entries = (await vscode.workspace.fs.readDirectory(uri)).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [name, type] of entries) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = vscode.Uri.joinPath(uri, name);
      if (type & vscode.FileType.Directory) await collect(child, out);
      else if (SOURCE_EXTENSIONS.some((x) => name.toLowerCase().endsWith(x))) out.push(child);
    }
  } else out.push(uri);
}

export function registerDeployment(context: vscode.ExtensionContext): DeploymentService {
  const changed = new vscode.EventEmitter<void>();
  const cache = new Map<string, Promise<Deployment | undefined>>();
  let version = 0;
  const watcher = vscode.workspace.createFileSystemWatcher(`**/*.{${SOURCE_EXTENSIONS.map((x) => x.slice(1)).join(',')}}`);
  const invalidate = (uri: vscode.Uri) => {
    if (uri.path.endsWith('strata.config.json')) return;
    // A source that belongs to a loaded deployment: read it again.
    if (cache.size === 0) return;
    cache.clear();
    version++;
    changed.fire();
  };
  context.subscriptions.push(changed, watcher, watcher.onDidChange(invalidate), watcher.onDidCreate(invalidate), watcher.onDidDelete(invalidate));

  const load = (uris: vscode.Uri[]): Promise<Deployment | undefined> => {
    const key = uris.map((u) => u.toString()).join('\u0000');
    let p = cache.get(key);
    if (!p) {
      p = (async () => {
        const files: vscode.Uri[] = [];
        for (const u of uris) await collect(u, files);
        const sources: SourceFile[] = [];
        for (const f of files) {
          try {
            sources.push({ name: vscode.workspace.asRelativePath(f), text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(f)) });
          } catch {
            // Unreadable: left out (the CLI reports it).
          }
        }
        const r = readSources(sources);
        if (r.errors.length) return undefined;
        const deployment: Deployment = { workloads: r.workloads, files: sources.map((s) => s.name) };
        // The analysis cache keys options by their JSON: a version, not the whole deployment.
        const stamp = version;
        Object.defineProperty(deployment, 'toJSON', { value: () => ({ files: deployment.files, version: stamp }) });
        return deployment;
      })();
      cache.set(key, p);
    }
    return p;
  };

  return {
    async withDeployment(options, configDir) {
      const { sources, ...rest } = options;
      if (!sources || sources.length === 0 || !configDir) return rest;
      const deployment = await load(sources.map((s) => vscode.Uri.joinPath(configDir, s)));
      return deployment ? { ...rest, deployment } : rest;
    },
    onDidChange: changed.event,
    dispose() {
      changed.dispose();
      watcher.dispose();
    },
  };
}
