// Findings are plain data: a rule name (the public contract), a severity, a message that says
// what is wrong, related locations that say why, and optional fixes as text edits.
import type { Span } from './syntax/ast';

export type Severity = 'error' | 'warning' | 'info';

/** A text edit on the document: replace `span` with `newText` (insert when start === end). */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  /** What the fix does, as a user reads it in a quick-fix menu: "Add a memory limit". */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe fixes may be applied without review ("fix all", `strata check --fix`). */
  readonly safe: boolean;
}

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
  /**
   * The file the location is in when it is not the finding's: a project file (core/project; then
   * `span` is in that file), or a deployment source the model is checked against (`drift`; then
   * `line` is set, 1-based, and `span` is empty and unused).
   */
  readonly file?: string;
  readonly line?: number;
}

export interface Finding {
  /** The check name, e.g. `duplicate-id`; parse errors use `syntax`. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly Fix[];
  /** The id of the model node the finding concerns, when there is one (for badges in diagrams). */
  readonly nodeId?: string;
  /**
   * The project file the finding is in (its span's file: where the node it concerns is declared,
   * or the `extend` block that wrote the statement), when the model has several files. Its fixes
   * edit this file.
   */
  readonly file?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
