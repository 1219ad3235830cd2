// The public facade of the Strata core: text in, plain data out. No vscode, no Node built-ins,
// no DOM. The extension, the CLI, the webview and the tests are thin callers of this module.
import type { Finding, Severity } from './diagnostics';
import type { Model } from './model/model';
import type { FileNode } from './syntax/ast';
import { LineIndex } from './text/lineIndex';

export * from './diagnostics';
export * from './syntax/ast';
export * from './model/model';
export { LineIndex } from './text/lineIndex';
export type { Position, Range } from './text/lineIndex';

export interface AnalyzeOptions {
  /** Per-rule severity overrides; `off` disables a rule. */
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
}

export interface Analysis {
  readonly text: string;
  readonly tree: FileNode;
  readonly model: Model;
  /** Every finding, sorted by position, suppressions applied. */
  readonly findings: readonly Finding[];
  readonly lines: LineIndex;
}

/** Parse, bind and check a Strata document. Never throws. */
export function analyze(text: string, _options: AnalyzeOptions = {}): Analysis {
  // Placeholder until the parser lands (same commit series).
  const tree: FileNode = { type: 'file', start: 0, end: text.length, statements: [], comments: [] };
  const model: Model = { nodes: [], roots: [], byId: new Map(), links: [], tenants: new Map(), kernels: [] };
  return { text, tree, model, findings: [], lines: new LineIndex(text) };
}

/** Path, relative to the package root, of a rule's documentation page. */
export function ruleDocPath(rule: string): string {
  return `docs/rules/${rule}.md`;
}
