// Project configuration in the editor: the VS Code settings `strata.rules` and
// `strata.thresholds.*` merged with the nearest strata.config.json above the document, and
// diagnostics on an invalid strata.config.json. Precedence: the file wins, key by key (a rule or
// threshold the file sets overrides the same setting; the settings fill in the rest), because the
// file is the project's shared, committed choice and settings are one user's defaults.
// An open config file is read from the editor (unsaved edits apply at once), others from disk.
// Only `file:` documents look for a config file (Node fs); other schemes use the settings alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type AnalyzeOptions, LineIndex } from '../core';
import { CONFIG_FILE_NAME, type ParsedConfig, configOptions, mergeOptions, parseConfig } from '../core/config';

export const CONFIG_DIAGNOSTIC_SOURCE = 'strata-config';

export interface ConfigService extends vscode.Disposable {
  /** The options to analyse this document with (settings merged with its strata.config.json). */
  getAnalyzeOptions(document: vscode.TextDocument): AnalyzeOptions;
  /** Fires when a config file or a `strata.rules` / `strata.thresholds` setting changes. */
  readonly onDidChange: vscode.Event<void>;
}

function isConfigUri(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && path.basename(uri.fsPath) === CONFIG_FILE_NAME;
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
  /** Folder → the config file that applies to it (null: none). */
  const lookups = new Map<string, string | null>();
  /** Config file path → its parsed content. */
  const parsed = new Map<string, ParsedConfig>();

  const publish = (file: string, text: string, result: ParsedConfig): void => {
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
    collection.set(vscode.Uri.file(file), diagnostics);
  };

  /** Parses a config file from its open editor, else from disk; never throws. */
  const load = (file: string): ParsedConfig => {
    const cached = parsed.get(file);
    if (cached) return cached;
    let text: string;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    try {
      text = open ? open.getText() : fs.readFileSync(file, 'utf8');
    } catch (e) {
      const result: ParsedConfig = {
        options: {},
        problems: [{ message: `Cannot read ${CONFIG_FILE_NAME}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`, span: { start: 0, end: 0 }, severity: 'error' }],
      };
      parsed.set(file, result);
      return result;
    }
    let result: ParsedConfig;
    try {
      result = parseConfig(text);
    } catch (e) {
      // parseConfig never throws; if it ever does, say so on the file instead of failing validation.
      result = { options: {}, problems: [{ message: `Strata could not read this file (internal error: ${String(e)}).`, span: { start: 0, end: 0 }, severity: 'error' }] };
    }
    parsed.set(file, result);
    publish(file, text, result);
    return result;
  };

  const findConfig = (dir: string): string | undefined => {
    const seen: string[] = [];
    let current = dir;
    let found: string | null = null;
    for (;;) {
      const known = lookups.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      seen.push(current);
      const candidate = path.join(current, CONFIG_FILE_NAME);
      let exists = false;
      try {
        exists = fs.statSync(candidate).isFile();
      } catch {
        exists = false;
      }
      if (exists) {
        found = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const d of seen) lookups.set(d, found);
    return found ?? undefined;
  };

  const fire = (): void => changed.fire();

  const onConfigFileEvent = (uri: vscode.Uri, created: boolean): void => {
    parsed.delete(uri.fsPath);
    if (created) lookups.clear();
    fire();
  };

  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
  context.subscriptions.push(
    collection,
    changed,
    watcher,
    watcher.onDidCreate((uri) => onConfigFileEvent(uri, true)),
    watcher.onDidChange((uri) => onConfigFileEvent(uri, false)),
    watcher.onDidDelete((uri) => {
      parsed.delete(uri.fsPath);
      lookups.clear();
      collection.delete(uri);
      fire();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (isConfigUri(d.uri)) {
        parsed.delete(d.uri.fsPath);
        load(d.uri.fsPath);
      }
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && isConfigUri(e.document.uri)) {
        parsed.delete(e.document.uri.fsPath);
        load(e.document.uri.fsPath);
        fire();
      }
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // Back to the file on disk (unsaved edits are gone).
      if (isConfigUri(d.uri)) {
        parsed.delete(d.uri.fsPath);
        if (fs.existsSync(d.uri.fsPath)) load(d.uri.fsPath);
        else collection.delete(d.uri);
        fire();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('strata.rules') || e.affectsConfiguration('strata.thresholds')) fire();
    }),
  );
  // Config files already open get their diagnostics at once.
  for (const d of vscode.workspace.textDocuments) if (isConfigUri(d.uri)) load(d.uri.fsPath);

  return {
    getAnalyzeOptions(document: vscode.TextDocument): AnalyzeOptions {
      const fromSettings = settingsOptions(document);
      if (document.uri.scheme !== 'file') return fromSettings;
      try {
        const file = findConfig(path.dirname(document.uri.fsPath));
        return file ? mergeOptions(fromSettings, load(file).options) : fromSettings;
      } catch {
        return fromSettings;
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
