// Helpers that build fixes as text edits: insert a property into a node, replace a word, and
// work out indentation, so that a fix changes only what it must and keeps the file's style.
import type { TextEdit } from '../diagnostics';
import type { ModelNode } from '../model/model';
import type { Span } from '../syntax/ast';

export function lineStartAt(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s - 1) !== 13) s--;
  return s;
}

/** The whitespace at the start of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const s = lineStartAt(text, offset);
  let e = s;
  while (e < text.length && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9)) e++;
  return text.slice(s, e);
}

/** The file's line break: CRLF if it uses CRLF, else LF. */
export function eol(text: string): string {
  return text.indexOf('\r\n') >= 0 ? '\r\n' : '\n';
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

/** Insert `key: value` as the first statement of a node, keeping the block's layout. */
export function insertProperty(text: string, node: ModelNode, key: string, value: string): TextEdit {
  const decl = node.decl;
  const body = decl.body;
  const line = `${key}: ${value}`;
  if (!body) {
    const at = decl.label ? decl.label.end : decl.id ? decl.id.end : decl.kindSpan.end;
    return { span: { start: at, end: at }, newText: ` { ${line} }` };
  }
  const afterOpen = body.open + 1;
  // Is the block on one line (`container c { app x }`)?
  const nl = text.slice(afterOpen, body.close >= 0 ? body.close : text.length).search(/[\r\n]/);
  if (nl < 0) {
    const firstIsSpace = text.charCodeAt(afterOpen) === 32;
    const empty = body.statements.length === 0;
    return {
      span: { start: afterOpen, end: afterOpen },
      newText: empty ? ` ${line} ` : firstIsSpace ? ` ${line};` : ` ${line}; `,
    };
  }
  const first = body.statements[0];
  const indent = first ? indentAt(text, first.start) : indentAt(text, decl.start) + indentUnit(text);
  // Insert right after the `{` line's end.
  let at = afterOpen + nl;
  const br = eol(text);
  if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10) at += 2;
  else at += 1;
  return { span: { start: at, end: at }, newText: `${indent}${line}${br}` };
}
