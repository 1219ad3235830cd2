// One analysis per document version, shared by every feature: diagnostics, the preview,
// completion, hover, symbols, navigation, rename and the rest ask `getAnalysis(document)`, and the
// text is parsed and bound once per version (checks run on the first read of `findings`).
// The cache holds the config service (./config.ts, made in `activate`): `resolveOptions(document)`
// resolves a document's analyze options (strata.config.json and the rule settings) and keeps them,
// and every feature then gets the analysis made with them, so a quick fix, the squiggle it fixes
// and the preview's findings come from the same findings. When the config or the settings change,
// the cache resolves the options of its documents again and fires `onDidChangeOptions` for those
// whose options changed (the preview redraws them; diagnostics validate everything anyway).
// Entries are dropped when a document closes, and only the newest version of each document is
// kept. Also the editor-edge conversions between the core's offsets/spans and VS Code
// positions/ranges.
import * as vscode from 'vscode';
import type { Analysis, AnalyzeOptions, LineIndex, Span } from '../core';
import type { ConfigService } from './config';
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
  /** The options each document was last resolved (or asked) with. */
  private readonly lastOptions = new Map<string, AnalyzeOptions>();
  private readonly changedOptions = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires for a document whose options changed after it was analysed (a config or settings change, or its first lookup). */
  readonly onDidChangeOptions = this.changedOptions.event;

  constructor(
    private readonly analyzer: (text: string, options?: AnalyzeOptions) => Analysis = (text, options) => analyze(text, { ...options, lazyChecks: true }),
    /** The projects (./projects.ts): a project file's analysis is its view of the whole project's. */
    readonly projects?: ProjectService,
    /** strata.config.json and the settings (./config.ts): where each document's options come from. */
    readonly config?: ConfigService,
  ) {
    this.subscriptions.push(
      this.changedOptions,
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.entries.delete(document.uri.toString());
        this.lastOptions.delete(document.uri.toString());
      }),
    );
    if (config) {
      this.subscriptions.push(
        config.onDidChange(() => {
          for (const d of vscode.workspace.textDocuments) if (this.lastOptions.has(d.uri.toString())) void this.resolveOptions(d);
        }),
      );
    }
  }

  /**
   * The document's analyze options from the config service, kept for every later `getAnalysis`
   * of it. Resolves at once once its strata.config.json has been looked up. Without a config
   * service, the options last given.
   */
  async resolveOptions(document: vscode.TextDocument): Promise<AnalyzeOptions> {
    const key = document.uri.toString();
    if (!this.config) return this.lastOptions.get(key) ?? {};
    const options = await this.config.getAnalyzeOptions(document);
    const before = this.lastOptions.get(key);
    if (document.isClosed) return options;
    this.lastOptions.set(key, options);
    // The features may already have an analysis made with other options: tell them.
    const analysed = this.entries.get(key);
    const was = analysed ? analysed.optionsKey : before !== undefined ? JSON.stringify(before) : undefined;
    if (was !== undefined && was !== JSON.stringify(options)) this.changedOptions.fire(document.uri);
    return options;
  }

  /**
   * The analysis of the document's current text, computed at most once per version and options.
   * Without `options`: with the document's options (`resolveOptions`, or the options last given).
   */
  getAnalysis(document: vscode.TextDocument, options?: AnalyzeOptions): Analysis {
    const key = document.uri.toString();
    if (options) this.lastOptions.set(key, options);
    const wanted = options ?? this.lastOptions.get(key) ?? {};
    const view = this.projectView(document, document.getText(), options ?? this.lastOptions.get(key));
    if (view) return view;
    const optionsKey = JSON.stringify(wanted);
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version && entry.optionsKey === optionsKey) return entry.analysis;
    const analysis = this.analyzer(document.getText(), wanted);
    this.entries.set(key, { version: document.version, optionsKey, analysis });
    return analysis;
  }

  /**
   * The analysis `text` would have as this document's text: with the document's options and, for
   * a file of a project, with the project's other files. The project keeps the document's own text
   * afterwards. "Fix all" analyses its later rounds this way, so they see what the editor sees.
   */
  analyzeAsIf(document: vscode.TextDocument, text: string): Analysis {
    const options = this.lastOptions.get(document.uri.toString());
    const view = this.projectView(document, text, options);
    this.projects?.known(document.uri)?.project.set(document.uri.toString(), document.getText());
    return view ?? this.analyzer(text, options ?? {});
  }

  /**
   * For a file of a project: its view of the project's analysis with `text` as its text. The
   * project keeps every file's parse; only a changed text is parsed again, and the project's
   * analysis is redone only after a change (core/project).
   */
  private projectView(document: vscode.TextDocument, text: string, options: AnalyzeOptions | undefined): Analysis | undefined {
    const project = this.projects?.known(document.uri);
    if (!project) return undefined;
    if (options) this.projects!.setOptions(project, options);
    // Open documents are what the project sees (their unsaved text), this one and the others.
    for (const d of vscode.workspace.textDocuments) {
      if (d !== document && !d.isClosed && this.projects!.known(d.uri) === project) project.project.set(d.uri.toString(), d.getText());
    }
    const key = document.uri.toString();
    project.project.set(key, text);
    return project.project.analysis().fileAnalysis(key);
  }

  /** The document's options as last resolved or given (a comparison's base is analysed with them too). */
  optionsOf(document: vscode.TextDocument): AnalyzeOptions {
    return this.lastOptions.get(document.uri.toString()) ?? {};
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.entries.clear();
    this.lastOptions.clear();
  }
}

/** Creates the one cache (over the projects and the config) and registers it for disposal with the extension. */
export function createAnalysisCache(context: vscode.ExtensionContext, projects: ProjectService, config: ConfigService): AnalysisCache {
  const cache = new AnalysisCache(undefined, projects, config);
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
