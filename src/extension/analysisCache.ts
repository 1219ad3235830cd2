// One analysis per document version, shared by every language feature: completion, hover,
// symbols, navigation and rename ask `getAnalysis(document)` and the text is parsed and bound
// once per version (checks run on the first read of `findings`). Entries are dropped when a
// document closes, and only the newest version of each document is kept. Also the editor-edge
// conversions between the core's offsets/spans and VS Code positions/ranges.
import * as vscode from 'vscode';
import type { Analysis, Span } from '../core';
import { analyzeLazily } from '../core/services';

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, { version: number; analysis: Analysis }>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly analyzer: (text: string) => Analysis = analyzeLazily) {
    this.subscription = vscode.workspace.onDidCloseTextDocument((document) => this.entries.delete(document.uri.toString()));
  }

  /** The analysis of the document's current text, computed at most once per version. */
  getAnalysis(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version) return entry.analysis;
    const analysis = this.analyzer(document.getText());
    this.entries.set(key, { version: document.version, analysis });
    return analysis;
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}

/** Creates the cache and registers it for disposal with the extension. */
export function createAnalysisCache(context: vscode.ExtensionContext): AnalysisCache {
  const cache = new AnalysisCache();
  context.subscriptions.push(cache);
  return cache;
}

/** The strata documents the language features serve (the same language id diagnostics use). */
export const STRATA_SELECTOR: vscode.DocumentSelector = { language: 'strata' };

export function toRange(analysis: Analysis, span: Span): vscode.Range {
  const { start, end } = analysis.lines.rangeOf(span);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

export function toOffset(analysis: Analysis, position: vscode.Position): number {
  return analysis.lines.offsetAt({ line: position.line, character: position.character });
}
