// Helpers that build fixes as text edits: insert a property into a node, replace a word, and
// work out indentation, so that a fix changes only what it must and keeps the file's style.
import type { TextEdit } from '../diagnostics';
import type { ModelNode } from '../model/model';
import type { Span } from '../syntax/ast';
import { skipInlineTrivia, startsLineComment } from '../syntax/scanner';
import { lineStart } from '../text/lineIndex';

/**
 * The offset where the line holding `offset` starts. On the first line of a file that begins
 * with a byte order mark, that is after the mark: text inserted at a line start (a suppression
 * comment, a wrapped block) must not push the BOM off the start of the file.
 */
export function lineStartAt(text: string, offset: number): number {
  const s = lineStart(text, offset);
  return s === 0 && offset > 0 && text.charCodeAt(0) === 0xfeff ? 1 : s;
}

/** The whitespace at the start of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const s = lineStartAt(text, offset);
  let e = s;
  while (e < text.length && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9)) e++;
  return text.slice(s, e);
}

const eolOf = { text: '', eol: '\n' };

/** The file's line break: CRLF if it uses CRLF, else LF. */
export function eol(text: string): string {
  // Fixes ask once per finding, and a file of LF lines is searched to its end: remember the
  // answer for the last text asked about.
  if (text !== eolOf.text) {
    eolOf.text = text;
    eolOf.eol = text.indexOf('\r\n') >= 0 ? '\r\n' : '\n';
  }
  return eolOf.eol;
}

/** The indentation unit the file uses (two spaces unless a tab- or four-space-indented line shows otherwise). */
export function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return '  ';
  return m[1].startsWith('\t') ? '\t' : m[1].length >= 4 && m[1].length % 4 === 0 ? '    ' : '  ';
}

export function replace(span: Span, newText: string): TextEdit {
  return { span: { start: span.start, end: span.end }, newText };
}

/**
 * Insert `key: value` as the first statement of a node, keeping the block's layout. Undefined
 * when the node has no block and its header ends in an unterminated label: the string runs to
 * the end of the line, so a block written after it would land inside the string.
 */
export function insertProperty(text: string, node: ModelNode, key: string, value: string): TextEdit | undefined {
  const decl = node.decl;
  const body = decl.body;
  const line = `${key}: ${value}`;
  if (!body) {
    if (decl.label && !decl.label.terminated) return undefined;
    const at = decl.label ? decl.label.end : decl.id ? decl.id.end : decl.kindSpan.end;
    return { span: { start: at, end: at }, newText: ` { ${line} }` };
  }
  const afterOpen = body.open + 1;
  // Is the block on one line (`container c { app x }`)? Line breaks inside a block comment do
  // not count: the property must go after the comment, not into it.
  const limit = body.close >= 0 ? body.close : text.length;
  const br0 = lineBreakAfter(text, afterOpen, limit);
  const nl = br0 < 0 ? -1 : br0 - afterOpen;
  // On one line, or something follows the `{` on its line: the property goes right after the
  // `{`. (The next line may belong to a block opened on the `{` line, `{ image: "x"; app a {`,
  // or to something the parser skipped, `{ e {`.)
  if (nl < 0 || firstContent(text, afterOpen, afterOpen + nl) >= 0) {
    const firstIsSpace = text.charCodeAt(afterOpen) === 32;
    const empty = body.statements.length === 0 && nl < 0;
    return {
      span: { start: afterOpen, end: afterOpen },
      newText: empty ? ` ${line} ` : firstIsSpace ? ` ${line};` : ` ${line}; `,
    };
  }
  const first = body.statements[0];
  // Insert right after the `{` line's end.
  let at = afterOpen + nl;
  // The first statement's indentation (it starts a later line), else one level in.
  const indent = first ? indentAt(text, first.start) : indentAt(text, decl.start) + indentUnit(text);
  const br = eol(text);
  if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10) at += 2;
  else at += 1;
  return { span: { start: at, end: at }, newText: `${indent}${line}${br}` };
}

/** The offset of the first character in text[from, limit) that is not whitespace or a comment; -1 when there is none. */
function firstContent(text: string, from: number, limit: number): number {
  const i = skipInlineTrivia(text, from, limit);
  // A line comment runs to the line end.
  return i >= limit || startsLineComment(text, i) ? -1 : i;
}

/**
 * The offset of the first line break in text[from, limit) that is not inside a block comment or
 * a string (a line comment ends at the line break, which counts); -1 when there is none.
 */
function lineBreakAfter(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      // A line comment: whatever it holds, it ends at the line break.
      while (i < limit && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      return i < limit ? i : -1;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 2;
    } else if (c === 34) {
      i++;
      while (i < limit) {
        const d = text.charCodeAt(i);
        if (d === 92 && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else if (d === 10 || d === 13) break;
        else i++;
      }
    } else i++;
  }
  return -1;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Does the statement that ends at `offset` end there: is the next thing (past blanks and
 * comments) a `;`, a line break, a `}` or the end of the file? When not, a syntax error follows
 * and the parser skipped what stands there as part of this statement.
 */
function endsStatement(text: string, offset: number): boolean {
  const i = skipInlineTrivia(text, offset);
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 59 || c === 10 || c === 13 || c === 125 || startsLineComment(text, i);
}

/**
 * Removes one statement: with its `;` and the blanks after it, and the whole line when nothing
 * else stands on it (so no empty line is left behind). Comments on the line are kept.
 * Undefined when removing it would change how the parser reads what stands after it: when a
 * syntax error follows the statement on its line, and, with `unclosedBlocks` (the file has a
 * block that is never closed, so the parser closes blocks by indentation), when the statement
 * starts its line and something follows it there (a node keyword that comes to start its line
 * can end open blocks).
 */
export function removeStatement(text: string, span: Span, unclosedBlocks = false): TextEdit | undefined {
  if (!endsStatement(text, span.end)) return undefined;
  let end = span.end;
  let e = end;
  while (e < text.length && isBlank(text.charCodeAt(e))) e++;
  if (text.charCodeAt(e) === 59 /* ; */) {
    end = e + 1;
    e = end;
    while (e < text.length && isBlank(text.charCodeAt(e))) e++;
  }
  const lineStart = lineStartAt(text, span.start);
  let before = lineStart;
  while (before < span.start && isBlank(text.charCodeAt(before))) before++;
  const atLineEnd = e >= text.length || text.charCodeAt(e) === 10 || text.charCodeAt(e) === 13;
  if (before === span.start && atLineEnd) {
    let after = e;
    if (text.charCodeAt(after) === 13 && text.charCodeAt(after + 1) === 10) after += 2;
    else if (after < text.length) after += 1;
    else if (lineStart > 0) {
      // The last line of the file: take the line break before it instead.
      const from = lineStart - (text.charCodeAt(lineStart - 1) === 10 && text.charCodeAt(lineStart - 2) === 13 ? 2 : 1);
      return { span: { start: from, end: e }, newText: '' };
    }
    return { span: { start: lineStart, end: after }, newText: '' };
  }
  // Other statements, a comment or a `}` share the line: remove this one and its blanks only.
  const next = text.charCodeAt(e);
  if (unclosedBlocks && before === span.start && !(next === 35 || next === 125 || (next === 47 && text.charCodeAt(e + 1) === 47))) return undefined;
  return { span: { start: span.start, end: e }, newText: '' };
}

