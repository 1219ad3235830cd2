// One analysis per document version, shared by every feature: diagnostics, the preview,
// completion, hover, symbols, navigation, rename and the rest ask `getAnalysis(document)`, and the
// text is parsed and bound once per version (checks run on the first read of `findings`).
// Diagnostics pass the document's analyze options (strata.config.json and the rule settings);
// the others get the analysis of the current version with the options diagnostics used last, so
// a quick fix and the squiggle it fixes come from the same findings. Entries are dropped when a
// document closes, and only the newest version of each document is kept. Also the editor-edge
// conversions between the core's offsets/spans and VS Code positions/ranges.
import * as vscode from 'vscode';
import type { Analysis, AnalyzeOptions, LineIndex, Span } from '../core';
import type { ProjectService } from './projects';
import { analyze } from '../core';

interface Entry {
  readonly version: number;
  /** The options the analysis was made with, as JSON (options are small plain data). */
  readonly optionsKey: string;
  readonly analysis: Analysis;
}

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** The options diagnostics last asked with, by document. */
  private readonly lastOptions = new Map<string, AnalyzeOptions>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly analyzer: (text: string, options?: AnalyzeOptions) => Analysis = (text, options) => analyze(text, { ...options, lazyChecks: true }),
    /** The projects (./projects.ts): a project file's analysis is its view of the whole project's. */
    readonly projects?: ProjectService,
  ) {
    this.subscription = vscode.workspace.onDidCloseTextDocument((document) => {
      this.entries.delete(document.uri.toString());
      this.lastOptions.delete(document.uri.toString());
    });
  }

  /**
   * The analysis of the document's current text, computed at most once per version and options.
   * Without `options`: any analysis of the current version, else one with the options last given.
   */
  getAnalysis(document: vscode.TextDocument, options?: AnalyzeOptions): Analysis {
    const key = document.uri.toString();
    if (options) this.lastOptions.set(key, options);
    const wanted = options ?? this.lastOptions.get(key) ?? {};
    const project = this.projects?.known(document.uri);
    if (project) {
      // The project keeps every file's parse; only a changed text is parsed again, and the
      // project's analysis is redone only after a change (core/project).
      if (options) this.projects!.setOptions(project, options);
      // Open documents are what the project sees (their unsaved text), this one and the others.
      for (const d of vscode.workspace.textDocuments) {
        if (d !== document && !d.isClosed && this.projects!.known(d.uri) === project) project.project.set(d.uri.toString(), d.getText());
      }
      project.project.set(key, document.getText());
      const view = project.project.analysis().fileAnalysis(key);
      if (view) return view;
    }
    const optionsKey = JSON.stringify(wanted);
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version && (options === undefined || entry.optionsKey === optionsKey)) return entry.analysis;
    const analysis = this.analyzer(document.getText(), wanted);
    this.entries.set(key, { version: document.version, optionsKey, analysis });
    return analysis;
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
    this.lastOptions.clear();
  }
}

/** Creates the one cache (over the projects) and registers it for disposal with the extension. */
export function createAnalysisCache(context: vscode.ExtensionContext, projects: ProjectService): AnalysisCache {
  const cache = new AnalysisCache(undefined, projects);
  context.subscriptions.push(cache);
  return cache;
}

/** A span's location: in its own file of the project (`span.file`, a URI string), else in `uri`. */
export function toLocation(analysis: Analysis, span: Span, uri: vscode.Uri): vscode.Location {
  const own = span.file !== undefined && span.file !== analysis.file ? analysis.project?.fileAnalysis(span.file) : undefined;
  return own ? new vscode.Location(vscode.Uri.parse(span.file!), toRange(own, span)) : new vscode.Location(uri, toRange(analysis, span));
}

/** The strata documents the language features serve (the same language id diagnostics use). */
export const STRATA_SELECTOR: vscode.DocumentSelector = { language: 'strata' };

/** A span of an analysed text as a VS Code range (an analysis, or anything with its line index). */
export function toRange(analysis: { readonly lines: LineIndex }, span: Span): vscode.Range {
  const { start, end } = analysis.lines.rangeOf(span);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

export function toOffset(analysis: Analysis, position: vscode.Position): number {
  return analysis.lines.offsetAt({ line: position.line, character: position.character });
}
