// Publishes the core's findings as VS Code diagnostics while the user types: debounced per
// document, never publishing results for a superseded document version, cleared on close.
// All state lives in the closure of `registerDiagnostics`; every listener is a disposable in
// `context.subscriptions`.
import * as vscode from 'vscode';
import { type Analysis, analyze, ruleDocPath, type AnalyzeOptions, type Finding, type LineIndex, type Severity } from '../core';
import { type AnalysisCache, toLocation, toRange } from './analysisCache';
import type { EditorProject } from './projects';
import type { LanguageService } from '../core/services';
import type { ProjectAnalysis } from '../core/project';

/** The part of the core's `analyze` that diagnostics need; injectable so tests can make it throw. */
export type Analyzer = (text: string, options?: AnalyzeOptions) => { readonly findings: readonly Finding[]; readonly lines: LineIndex };

export const DIAGNOSTIC_SOURCE = 'strata';
export const INTERNAL_ERROR_RULE = 'internal-error';
const LANGUAGE_ID = 'strata';
/** Schemes of real, editable documents; `git:` and similar views would only duplicate problems. */
const VALIDATED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);
const DEFAULT_DEBOUNCE_MS = 200;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function isStrataDocument(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID && VALIDATED_SCHEMES.has(document.uri.scheme);
}

/**
 * Analyzes `text` and converts the findings to diagnostics for the document at `uri`.
 * Never throws: a failing analyzer (or conversion) becomes one `internal-error` diagnostic on
 * the first line, so a bug in one check never leaves the user without feedback or breaks the
 * extension.
 */
export function computeDiagnostics(
  text: string,
  uri: vscode.Uri,
  extensionUri: vscode.Uri,
  analyzer: Analyzer = analyze,
  options: AnalyzeOptions = {},
): vscode.Diagnostic[] {
  try {
    const { findings, lines } = analyzer(text, options);
    return findings.map((finding) => toDiagnostic(finding, lines, uri, extensionUri));
  } catch (e) {
    return [internalErrorDiagnostic(text, e, extensionUri)];
  }
}

function toDiagnostic(finding: Finding, lines: LineIndex, uri: vscode.Uri, extensionUri: vscode.Uri, analysis?: Analysis): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange({ lines }, finding.span), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: vscode.Uri.joinPath(extensionUri, ruleDocPath(finding.rule)) };
  if (finding.related?.length) {
    // In a project, a related location may be in another file (`r.file`, a URI string).
    diagnostic.relatedInformation = finding.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          r.line !== undefined && r.file !== undefined
            ? new vscode.Location(sourceUri(r.file, uri), new vscode.Position(Math.max(0, r.line - 1), 0))
            : analysis && r.file !== undefined
              ? toLocation(analysis, { ...r.span, file: r.file }, uri)
              : new vscode.Location(uri, toRange({ lines }, r.span)),
          r.message,
        ),
    );
  }
  return diagnostic;
}

/** A deployment source named relative to the workspace (as the editor's drift reads them). */
function sourceUri(file: string, model: vscode.Uri): vscode.Uri {
  const folder = vscode.workspace.getWorkspaceFolder(model) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, file) : vscode.Uri.file(file);
}

function internalErrorDiagnostic(text: string, error: unknown, extensionUri: vscode.Uri): vscode.Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  const firstLineEnd = text.search(/\r|\n/);
  const range = new vscode.Range(0, 0, 0, firstLineEnd === -1 ? text.length : firstLineEnd);
  const diagnostic = new vscode.Diagnostic(
    range,
    `Strata could not check this file because of an internal error (${reason}). Other features still work; please report this with the file.`,
    vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: INTERNAL_ERROR_RULE, target: vscode.Uri.joinPath(extensionUri, ruleDocPath(INTERNAL_ERROR_RULE)) };
  return diagnostic;
}

interface ValidationSettings {
  readonly enabled: boolean;
  readonly debounceMs: number;
}

function readSettings(document: vscode.TextDocument): ValidationSettings {
  const config = vscode.workspace.getConfiguration('strata.validation', document);
  const debounceMs = config.get<number>('debounceMs', DEFAULT_DEBOUNCE_MS);
  return {
    enabled: config.get<boolean>('enabled', true),
    debounceMs: Number.isFinite(debounceMs) && debounceMs >= 0 ? debounceMs : DEFAULT_DEBOUNCE_MS,
  };
}

/**
 * Keeps the `strata` diagnostic collection in step with the open Strata documents. Validates
 * every open document at once, re-validates on change after `strata.validation.debounceMs`,
 * clears on close, and follows changes to the `strata.validation` settings, to strata.config.json
 * and to the `strata.rules` / `strata.thresholds` settings (see ./config.ts).
 */
export function registerDiagnostics(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const projects = cache.projects;
  /** The project analysis each project's diagnostics were last published from. */
  const published = new WeakMap<EditorProject, ProjectAnalysis>();

  /**
   * Publish the diagnostics of every file of a project whose findings (or text) changed since
   * the last publication: an edit in one file updates the files it affects, open or not.
   */
  const publishProject = (p: EditorProject): void => {
    const previous = published.get(p);
    let analysis: ProjectAnalysis;
    try {
      analysis = p.project.analysis();
    } catch (e) {
      for (const file of p.project.files) collection.set(vscode.Uri.parse(file), [internalErrorDiagnostic('', e, context.extensionUri)]);
      return;
    }
    if (previous === analysis) return;
    for (const file of analysis.changedSince(previous)) {
      const view = analysis.fileAnalysis(file)!;
      const uri = vscode.Uri.parse(file);
      try {
        collection.set(uri, service.diagnostics(view).map((f) => toDiagnostic(f, view.lines, uri, context.extensionUri, view)));
      } catch (e) {
        collection.set(uri, [internalErrorDiagnostic(view.text, e, context.extensionUri)]);
      }
    }
    if (previous) for (const file of previous.files) if (!analysis.textOf(file)) collection.delete(vscode.Uri.parse(file));
    published.set(p, analysis);
  };
  /** Pending debounced validations, by document URI. */
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const cancel = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    const timer = pending.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      pending.delete(key);
    }
  };

  /** The latest validation started for each document: an older one that finishes later is dropped. */
  const latest = new Map<string, number>();
  let runs = 0;

  const validateNow = async (document: vscode.TextDocument): Promise<void> => {
    cancel(document);
    if (document.isClosed || !isStrataDocument(document)) return;
    if (!readSettings(document).enabled) {
      collection.delete(document.uri);
      return;
    }
    const key = document.uri.toString();
    const run = ++runs;
    latest.set(key, run);
    const version = document.version;
    // The document's options, kept by the cache for every feature. Finding the strata.config.json
    // may read the file system (vscode.workspace.fs) the first time.
    const options = await cache.resolveOptions(document);
    // A file of a project: the whole project's findings (its files read once, through workspace.fs).
    const project = projects ? await projects.projectOf(document.uri) : undefined;
    // The text may have moved on, the document closed or a newer validation started meanwhile;
    // stale results must never replace newer ones.
    if (latest.get(key) !== run || document.isClosed || document.version !== version) return;
    if (project) {
      projects!.setOptions(project, options);
      try {
        cache.getAnalysis(document, options);
      } catch {
        // publishProject reports it
      }
      publishProject(project);
      return;
    }
    // The shared analysis of this version (./analysisCache.ts): the features that asked first
    // already parsed it, and they get these findings.
    const analyzer: Analyzer = (_text, opts) => {
      const analysis = cache.getAnalysis(document, opts);
      return { findings: service.diagnostics(analysis), lines: analysis.lines };
    };
    const diagnostics = computeDiagnostics(document.getText(), document.uri, context.extensionUri, analyzer, options);
    if (latest.get(key) !== run || document.isClosed || document.version !== version) return;
    collection.set(document.uri, diagnostics);
  };

  const schedule = (document: vscode.TextDocument): void => {
    if (!isStrataDocument(document)) return;
    const settings = readSettings(document);
    if (!settings.enabled) {
      cancel(document);
      collection.delete(document.uri);
      return;
    }
    cancel(document);
    const version = document.version;
    const timer = setTimeout(() => {
      pending.delete(document.uri.toString());
      if (document.version === version) void validateNow(document);
    }, settings.debounceMs);
    pending.set(document.uri.toString(), timer);
  };

  const validateAllOpen = (): void => {
    for (const document of vscode.workspace.textDocuments) {
      if (isStrataDocument(document)) void validateNow(document);
    }
  };

  context.subscriptions.push(
    collection,
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
    vscode.workspace.onDidOpenTextDocument((document) => void validateNow(document)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      cancel(document);
      latest.delete(document.uri.toString());
      // A project's file keeps its diagnostics (the project reads it from disk again).
      if (!projects?.known(document.uri)) collection.delete(document.uri);
    }),
    ...(projects
      ? [
          projects.onDidChange((p) => {
            if (p) publishProject(p);
            else validateAllOpen();
          }),
        ]
      : []),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('strata.validation')) validateAllOpen();
    }),
    ...(cache.config ? [cache.config.onDidChange(validateAllOpen)] : []),
  );

  validateAllOpen();
}
