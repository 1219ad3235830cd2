// Code actions over findings: each finding's fixes from its check (quick fixes), "suppress with
// a reason" (a `# strata-ignore <rule>: <reason>` comment on the line before the node that owns
// the finding), and "fix all safe problems", which applies safe fixes round after round until
// none is left. Pure: everything is text edits on UTF-16 offsets; the editor maps them.
import type { Finding, Fix, TextEdit } from '../diagnostics';
import { analyze, type Analysis, type AnalyzeOptions } from '../index';
import { eol, indentAt, indentUnit, lineStartAt } from '../checks/edits';
import { treeHasUnclosedBlock } from '../syntax/tree';
import { findingNode } from '../checks/suppressions';
import type { ModelNode } from '../model/model';
import { describeNode } from '../model/queries';
import type { Span } from '../syntax/ast';
import { columnOf } from '../text/lineIndex';

/** The kind of the "fix all" source action, under VS Code's `source.fixAll`. */
export const FIX_ALL_KIND = 'source.fixAll.strata';
/** The reason written by the suppress action; the editor turns it into a tab stop. */
export const SUPPRESS_REASON_PLACEHOLDER = 'TODO: why this is acceptable';
export const FIX_ALL_TITLE = 'Fix all safe problems in this file';
/** Rounds of "fix all" before it gives up (each round re-analyses the fixed text). */
export const FIX_ALL_MAX_ROUNDS = 10;

/** Findings that cannot be suppressed with a comment: they are about the file, not a node. */
const NOT_SUPPRESSIBLE = new Set(['syntax', 'internal-error', 'invalid-suppression', 'unused-suppression']);

export type CodeActionKind = 'quickfix' | typeof FIX_ALL_KIND;

export interface CodeAction {
  readonly title: string;
  readonly kind: CodeActionKind;
  /** Non-overlapping edits on the analysed text. */
  readonly edits: readonly TextEdit[];
  /** The findings the action resolves (for the editor to attach its diagnostics). */
  readonly findings: readonly Finding[];
  /** The one obvious fix: set when a finding has exactly one fix. */
  readonly isPreferred: boolean;
  /** Whether the fix may be applied unreviewed (always false for suppressions). */
  readonly safe: boolean;
  /**
   * For suppressions: where the reason placeholder is, as offsets into `edits[edit].newText`,
   * so an editor can offer it as a snippet tab stop.
   */
  readonly placeholder?: { readonly edit: number; readonly start: number; readonly end: number };
}

export interface CodeActionOptions {
  /** Only actions of these kinds (default: all). */
  readonly only?: readonly CodeActionKind[];
  /** How "fix all" analyses its later rounds' text (see `FixAllOptions.analyze`). */
  readonly reanalyze?: Reanalyze;
}

/**
 * Analyses another text of the same document as its analysis was made: with the same options
 * and, for a file of a project, together with the project's other files.
 */
export type Reanalyze = (text: string) => { readonly findings: readonly Finding[] };

/** Does a finding's span meet the requested span (touching counts: a cursor at either end)? */
function meets(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * The code actions for the findings that meet `span` (a selection or a cursor): each fix of each
 * finding, then one "suppress" action per rule and node, then "fix all" when the file has a
 * safe fix.
 */
export function codeActions(analysis: Analysis, span: Span, options: CodeActionOptions = {}): CodeAction[] {
  const wants = (kind: CodeActionKind) => !options.only || options.only.includes(kind);
  const out: CodeAction[] = [];
  const here = analysis.findings.filter((f) => meets(f.span, span));
  if (wants('quickfix')) {
    for (const f of here) {
      const fixes = f.fixes ?? [];
      for (const fix of fixes) {
        out.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, findings: [f], isPreferred: fixes.length === 1, safe: fix.safe });
      }
    }
    // One suppression per rule and node, however many findings it silences there.
    const byRuleAndNode = new Map<string, { s: SuppressionEdit; rule: string; findings: Finding[] }>();
    for (const f of here) {
      const s = suppression(analysis, f);
      if (!s) continue;
      const key = `${f.rule}@${s.node.decl.start}`;
      const same = byRuleAndNode.get(key);
      if (same) same.findings.push(f);
      else byRuleAndNode.set(key, { s, rule: f.rule, findings: [f] });
    }
    for (const { s, rule, findings } of byRuleAndNode.values()) {
      out.push({
        title: `Suppress '${rule}' for ${describeNode(s.node)}: …`,
        kind: 'quickfix',
        edits: [s.edit],
        findings,
        isPreferred: false,
        safe: false,
        placeholder: { edit: 0, start: s.placeholder.start, end: s.placeholder.end },
      });
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const all = fixAllAction(analysis, options.reanalyze);
    if (all) out.push(all);
  }
  return out;
}

/** The "fix all safe problems" action for an analysis, when it has at least one safe fix. */
function fixAllAction(analysis: Analysis, reanalyze: Reanalyze | undefined): CodeAction | undefined {
  if (!analysis.findings.some((f) => f.fixes?.some((x) => x.safe))) return undefined;
  const result = fixAll(analysis.text, { first: analysis, ...(reanalyze ? { analyze: reanalyze } : {}) });
  if (result.applied === 0) return undefined;
  return {
    title: FIX_ALL_TITLE,
    kind: FIX_ALL_KIND,
    edits: result.edits,
    findings: result.fixed,
    isPreferred: false,
    safe: true,
  };
}

/** The node a finding belongs to, found the way the suppression runner finds it. */
function findingOwner(analysis: Analysis, finding: Finding): ModelNode | undefined {
  return findingNode(analysis.model, finding);
}

export interface SuppressionEdit {
  readonly node: ModelNode;
  readonly edit: TextEdit;
  /** The reason placeholder's offsets in `edit.newText`. */
  readonly placeholder: Span;
}

/**
 * The edit that silences `finding` with `# strata-ignore <rule>: <reason>` on the line before
 * the node that owns it, at the node's indentation. When the node does not start its line (`a {
 * b { ... } }`), the line is broken before the node so the comment can stand right above it.
 * Undefined for findings no comment can silence (syntax errors, findings outside any node).
 */
export function suppression(analysis: Analysis, finding: Finding, reason = SUPPRESS_REASON_PLACEHOLDER): SuppressionEdit | undefined {
  if (NOT_SUPPRESSIBLE.has(finding.rule)) return undefined;
  const node = findingOwner(analysis, finding);
  if (!node) return undefined;
  const decl = node.decl;
  // A finding that is not the analysis's own (a copy) is found by its id, which may name another
  // node of a repeated id: a comment there would silence nothing, so offer nothing.
  if (finding.span.start < decl.start || finding.span.start > Math.max(decl.end, decl.start + 1)) return undefined;
  const text = analysis.text;
  const br = eol(text);
  const lineStart = lineStartAt(text, decl.start);
  const before = text.slice(lineStart, decl.start);
  const head = `# strata-ignore ${finding.rule}: `;
  if (/^[ \t]*$/.test(before)) {
    const newText = `${before}${head}${reason}${br}`;
    const at = before.length + head.length;
    return { node, edit: { span: { start: lineStart, end: lineStart }, newText }, placeholder: { start: at, end: at + reason.length } };
  }
  // Something precedes the node on its line: break the line (dropping the spaces before the node).
  let wsStart = decl.start;
  while (wsStart > lineStart && (text.charCodeAt(wsStart - 1) === 32 || text.charCodeAt(wsStart - 1) === 9)) wsStart--;
  let indent = indentAt(text, decl.start) + indentUnit(text);
  // When a block is never closed, the parser ends open blocks where a node keyword starts a line
  // at or left of the open block's keyword. The node will start a line: it keeps its column (the
  // lines after it are measured against it), which must be right of its parent's keyword, or the
  // comment would change how the rest of the file is read.
  if (treeHasUnclosedBlock(analysis.tree)) {
    const column = columnOf(text, decl.start);
    const parent = node.parent?.decl;
    if (parent && column <= columnOf(text, parent.start)) return undefined;
    indent = ' '.repeat(column);
  }
  const prefix = `${br}${indent}${head}`;
  const newText = `${prefix}${reason}${br}${indent}`;
  return {
    node,
    edit: { span: { start: wsStart, end: decl.start }, newText },
    placeholder: { start: prefix.length, end: prefix.length + reason.length },
  };
}

/** The text with non-overlapping edits applied (edits that overlap an earlier one are skipped). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.span.start < at || e.span.end < e.span.start || e.span.end > text.length) continue;
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** Do two edits conflict? Overlapping or touching spans (two inserts at one point) do. */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  return a.span.start <= b.span.end && b.span.start <= a.span.end;
}

/**
 * The safe fixes of these findings that can be applied together: in document order, a fix is
 * taken when none of its edits meets an edit already taken (the rest wait for the next round).
 */
export function compatibleSafeFixes(findings: readonly Finding[]): { fix: Fix; finding: Finding }[] {
  const candidates: { fix: Fix; finding: Finding }[] = [];
  for (const finding of findings) for (const fix of finding.fixes ?? []) if (fix.safe && fix.edits.length) candidates.push({ fix, finding });
  candidates.sort((a, b) => firstStart(a.fix) - firstStart(b.fix));
  const taken: TextEdit[] = [];
  const out: { fix: Fix; finding: Finding }[] = [];
  for (const c of candidates) {
    if (c.fix.edits.some((e) => taken.some((t) => conflicts(e, t)))) continue;
    // A fix's own edits must not overlap each other either.
    if (c.fix.edits.some((e, i) => c.fix.edits.some((o, j) => j > i && e.span.start < o.span.end && o.span.start < e.span.end))) continue;
    taken.push(...c.fix.edits);
    out.push(c);
  }
  return out;
}

function firstStart(fix: Fix): number {
  let s = Infinity;
  for (const e of fix.edits) s = Math.min(s, e.span.start);
  return s;
}

export interface FixAllOptions {
  readonly analyzeOptions?: AnalyzeOptions;
  readonly maxRounds?: number;
  /** The analysis of the text, when the caller has it (saves the first round's analysis). */
  readonly first?: Pick<Analysis, 'text' | 'findings'>;
  /**
   * Replaces `analyze(text, analyzeOptions)` for the rounds after the first: the editor and the
   * CLI analyse a project's file with the project (tests use it to supply findings with safe fixes).
   */
  readonly analyze?: Reanalyze;
}

export interface FixAllResult {
  /** The text after every round. */
  readonly text: string;
  /** Edits that turn the original text into `text` (the fixes themselves after one round). */
  readonly edits: readonly TextEdit[];
  /** Number of fixes applied, over all rounds. */
  readonly applied: number;
  readonly rounds: number;
  /** True when no safe fix is left (false when the round limit was reached or a round was refused). */
  readonly converged: boolean;
  /** The findings whose fixes were applied in the first round. */
  readonly fixed: readonly Finding[];
}

function syntaxErrors(findings: readonly Finding[]): number {
  let n = 0;
  for (const f of findings) if (f.rule === 'syntax') n++;
  return n;
}

/**
 * Applies every safe fix, re-analyses, and repeats until no safe fix is left or `maxRounds`
 * rounds ran. Fixes in one round never overlap. A round that would add syntax errors is not
 * applied (and fixing stops), so "fix all" never breaks a file.
 */
export function fixAll(text: string, options: FixAllOptions = {}): FixAllResult {
  const run = options.analyze ?? ((t: string) => analyze(t, options.analyzeOptions));
  const maxRounds = options.maxRounds ?? FIX_ALL_MAX_ROUNDS;
  let current = text;
  let findings = options.first && options.first.text === text ? options.first.findings : run(text).findings;
  let applied = 0;
  let rounds = 0;
  let firstEdits: TextEdit[] = [];
  let fixed: Finding[] = [];
  for (;;) {
    const chosen = compatibleSafeFixes(findings);
    if (chosen.length === 0) return result(true);
    if (rounds >= maxRounds) return result(false);
    const edits = chosen.flatMap((c) => c.fix.edits);
    const next = applyTextEdits(current, edits);
    const nextFindings = run(next).findings;
    if (syntaxErrors(nextFindings) > syntaxErrors(findings) || next === current) return result(false);
    if (rounds === 0) {
      firstEdits = edits.map((e) => ({ span: { start: e.span.start, end: e.span.end }, newText: e.newText }));
      fixed = chosen.map((c) => c.finding);
    }
    rounds++;
    applied += chosen.length;
    current = next;
    findings = nextFindings;
  }

  function result(converged: boolean): FixAllResult {
    const edits = rounds === 0 ? [] : rounds === 1 ? firstEdits : diffEdits(text, current);
    return { text: current, edits, applied, rounds, converged, fixed };
  }
}

/** One edit that turns `a` into `b`: the changed middle between their common prefix and suffix. */
export function diffEdits(a: string, b: string): TextEdit[] {
  if (a === b) return [];
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  // Never split a surrogate pair or a CRLF.
  if (p > 0 && p < max && (isLowSurrogate(a.charCodeAt(p)) || (a.charCodeAt(p - 1) === 13 && a.charCodeAt(p) === 10))) p--;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  if (s > 0 && isLowSurrogate(a.charCodeAt(a.length - s))) s--;
  if (s > 0 && a.charCodeAt(a.length - s) === 10 && a.charCodeAt(a.length - s - 1) === 13) s--;
  return [{ span: { start: p, end: a.length - s }, newText: b.slice(p, b.length - s) }];
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
