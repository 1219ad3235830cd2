// Project configuration in the editor: the VS Code settings `strata.rules` and
// `strata.thresholds.*` merged with the nearest strata.config.json above the document, and
// diagnostics on an invalid strata.config.json. Precedence: the file wins, key by key (a rule or
// threshold the file sets overrides the same setting; the settings fill in the rest), because the
// file is the project's shared, committed choice and settings are one user's defaults.
// An open config file is read from the editor (unsaved edits apply at once), others through
// `vscode.workspace.fs`, so the lookup works in every workspace VS Code can open: local, remote,
// virtual (vscode.dev, GitHub repositories) and in the web extension host. No Node API here.
// The config file is data: it is parsed as JSON by the core (src/core/config), never run.
import * as vscode from 'vscode';
import { type AnalyzeOptions, LineIndex } from '../core';
import { CONFIG_FILE_NAME, type FileSelection, type ParsedConfig, configOptions, mergeOptions, parseConfig, withoutSilencing } from '../core/config';
import { registerDeployment } from './deployment';

export const CONFIG_DIAGNOSTIC_SOURCE = 'strata-config';

export interface ConfigService extends vscode.Disposable {
  /**
   * The options to analyse this document with (settings merged with its strata.config.json).
   * Resolves at once from the cache once the document's folder has been looked up.
   */
  getAnalyzeOptions(document: vscode.TextDocument): Promise<AnalyzeOptions>;
  /**
   * The strata.config.json that applies to a file (the nearest one above it) and the files it
   * selects, or undefined when there is none: the file is then a model of its own.
   */
  configOf(uri: vscode.Uri): Promise<{ readonly uri: vscode.Uri; readonly files: FileSelection } | undefined>;
  /** Fires when a config file or a `strata.rules` / `strata.thresholds` setting changes. */
  readonly onDidChange: vscode.Event<void>;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/**
 * Can a document at `uri` have a strata.config.json? Local files, and files of the workspace's
 * own file systems (a virtual or remote workspace folder's scheme); not the read-only views of
 * other versions (`git:` diffs and the like), which keep the settings alone.
 */
function inWorkspaceFileSystem(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' || (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === uri.scheme);
}

function isConfigUri(uri: vscode.Uri): boolean {
  return baseName(uri) === CONFIG_FILE_NAME && inWorkspaceFileSystem(uri);
}

/** The folder above `uri` (query and fragment dropped), or undefined at the root (`/`, `/c:`). */
export function parentFolder(uri: vscode.Uri): vscode.Uri | undefined {
  const p = uri.path.replace(/\/+$/, '');
  if (p === '' || /^\/[A-Za-z]:$/.test(p)) return undefined;
  const cut = p.lastIndexOf('/');
  if (cut < 0) return undefined;
  return uri.with({ path: cut === 0 ? '/' : p.slice(0, cut), query: '', fragment: '' });
}

/** The options the VS Code settings give for a document (invalid values are left out). */
export function settingsOptions(document: vscode.TextDocument | undefined): AnalyzeOptions {
  const config = vscode.workspace.getConfiguration('strata', document);
  const rules = config.get<unknown>('rules');
  const thresholds: Record<string, unknown> = {};
  const ratio = config.get<unknown>('thresholds.cpuOvercommitRatio');
  const small = config.get<unknown>('thresholds.smallAppMemory');
  if (ratio !== undefined && ratio !== null) thresholds.cpuOvercommitRatio = ratio;
  if (small !== undefined && small !== null && small !== '') thresholds.smallAppMemory = small;
  const value = {
    ...(rules && typeof rules === 'object' && Object.keys(rules).length ? { rules } : {}),
    ...(Object.keys(thresholds).length ? { thresholds } : {}),
  };
  return configOptions(value).options;
}

/** Creates the configuration service and registers it (and its diagnostics) with the extension. */
export function registerConfig(context: vscode.ExtensionContext): ConfigService {
  const collection = vscode.languages.createDiagnosticCollection(CONFIG_DIAGNOSTIC_SOURCE);
  const changed = new vscode.EventEmitter<void>();
  /** Folder URI → the config file that applies to it (null: none), as it is being looked up. */
  const lookups = new Map<string, Promise<vscode.Uri | null>>();
  /** Config file URI → its parsed content, as it is being read. */
  const parsed = new Map<string, Promise<ParsedConfig>>();

  const publish = (uri: vscode.Uri, text: string, result: ParsedConfig): void => {
    const lines = new LineIndex(text);
    const diagnostics = result.problems.map((p) => {
      const { start, end } = lines.rangeOf(p.span);
      const d = new vscode.Diagnostic(
        new vscode.Range(start.line, start.character, end.line, end.character),
        p.message,
        p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = CONFIG_DIAGNOSTIC_SOURCE;
      return d;
    });
    collection.set(uri, diagnostics);
  };

  /** The config file's text: from its open editor, else from the file system. */
  const readText = async (uri: vscode.Uri): Promise<string> => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  };

  /** Parses a config file (cached until it changes); never rejects. Its problems become diagnostics. */
  const load = (uri: vscode.Uri): Promise<ParsedConfig> => {
    const key = uri.toString();
    const cached = parsed.get(key);
    if (cached) return cached;
    // Set before the first await below, so the checks after it can tell whether this read is still the latest.
    let pending: Promise<ParsedConfig> | undefined = undefined;
    pending = (async (): Promise<ParsedConfig> => {
      let text: string;
      try {
        text = await readText(uri);
      } catch (e) {
        // Gone or unreadable: no options from it, and no diagnostics on a file that is not there.
        if (parsed.get(key) === pending) collection.delete(uri);
        return {
          options: {},
          problems: [{ message: `Cannot read ${CONFIG_FILE_NAME}: ${(e as { code?: string }).code ?? String(e)}.`, span: { start: 0, end: 0 }, severity: 'error' }],
        } satisfies ParsedConfig;
      }
      let result: ParsedConfig;
      try {
        result = parseConfig(text);
      } catch (e) {
        // parseConfig never throws; if it ever does, say so on the file instead of failing validation.
        result = { options: {}, problems: [{ message: `Strata could not read this file (internal error: ${String(e)}).`, span: { start: 0, end: 0 }, severity: 'error' }] };
      }
      // A newer read of the same file (it changed meanwhile) publishes its own problems.
      if (parsed.get(key) === pending) publish(uri, text, result);
      return result;
    })();
    parsed.set(key, pending);
    return pending;
  };

  const isFile = async (uri: vscode.Uri): Promise<boolean> => {
    try {
      return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
    } catch {
      return false;
    }
  };

  /** The nearest config file in `dir` or above it (cached per folder until a config file is created or deleted). */
  const findConfig = (dir: vscode.Uri): Promise<vscode.Uri | null> => {
    const key = dir.toString();
    const known = lookups.get(key);
    if (known) return known;
    const pending = (async () => {
      const candidate = vscode.Uri.joinPath(dir, CONFIG_FILE_NAME);
      if (await isFile(candidate)) return candidate;
      const parent = parentFolder(dir);
      return parent ? findConfig(parent) : null;
    })();
    lookups.set(key, pending);
    return pending;
  };

  const fire = (): void => changed.fire();
  /** Reads a config file again (it changed, opened or closed), then tells the listeners. */
  const reload = (uri: vscode.Uri): void => {
    parsed.delete(uri.toString());
    void load(uri).then(fire);
  };

  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
  // The config's `sources`: drift diagnostics, re-checked when a source file changes.
  const deployments = registerDeployment(context);
  context.subscriptions.push(
    deployments,
    deployments.onDidChange(() => fire()),
    collection,
    changed,
    watcher,
    watcher.onDidCreate((uri) => {
      lookups.clear();
      reload(uri);
    }),
    watcher.onDidChange((uri) => reload(uri)),
    watcher.onDidDelete((uri) => {
      parsed.delete(uri.toString());
      lookups.clear();
      collection.delete(uri);
      fire();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (isConfigUri(d.uri)) reload(d.uri);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && isConfigUri(e.document.uri)) reload(e.document.uri);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // Back to the file as saved (unsaved edits are gone); a file that is not there any more
      // (an untitled or deleted one) loses its diagnostics.
      if (isConfigUri(d.uri)) reload(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('strata.rules') || e.affectsConfiguration('strata.thresholds')) fire();
    }),
    // Trusting the workspace applies its settings and config files in full.
    vscode.workspace.onDidGrantWorkspaceTrust(fire),
  );
  // Config files already open get their diagnostics at once.
  for (const d of vscode.workspace.textDocuments) if (isConfigUri(d.uri)) void load(d.uri);

  return {
    async getAnalyzeOptions(document: vscode.TextDocument): Promise<AnalyzeOptions> {
      const fromSettings = settingsOptions(document);
      if (document.isUntitled || !inWorkspaceFileSystem(document.uri)) return fromSettings;
      try {
        const dir = parentFolder(document.uri);
        const file = dir ? await findConfig(dir) : null;
        if (!file) return fromSettings;
        const options = (await load(file)).options;
        // Restricted mode: the repository may make checking stricter, never hide findings (the
        // workspace's own settings of that kind are left out by VS Code: restrictedConfigurations).
        return await deployments.withDeployment(mergeOptions(fromSettings, vscode.workspace.isTrusted ? options : withoutSilencing(options).options), parentFolder(file));
      } catch {
        return fromSettings;
      }
    },
    async configOf(uri: vscode.Uri) {
      if (uri.scheme === 'untitled' || !inWorkspaceFileSystem(uri)) return undefined;
      try {
        const dir = parentFolder(uri);
        const file = dir ? await findConfig(dir) : null;
        return file ? { uri: file, files: (await load(file)).files ?? {} } : undefined;
      } catch {
        return undefined;
      }
    },
    onDidChange: changed.event,
    dispose(): void {
      collection.dispose();
      changed.dispose();
      watcher.dispose();
    },
  };
}
