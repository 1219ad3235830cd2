// The formatter's promises as assertions, shared by the formatter's tests
// (test/unit/services/format.test.ts) and the fuzz suite (test/fuzz): idempotent, the syntax
// tree (without positions) unchanged, only whitespace and separators edited, comments, CRLF and
// BOM kept, no edits at all on syntax errors, range formatting confined to its lines.
import * as assert from 'node:assert/strict';
import { LineIndex, parse, scan, Tok } from '../../src/core';
import { applyTextEdits, formatDocument, formatRange, treeShape, type FormatOptions } from '../../src/core/services';

export const shape = (text: string): string => treeShape(parse(text).tree);
export const hasSyntaxErrors = (text: string): boolean => parse(text).diagnostics.length > 0;

/** The formatter's promises for one text, as assertions. Returns the formatted text. */
export function assertSafe(text: string, what: string, options: FormatOptions = {}): string {
  const r = formatDocument(text, options);
  if (hasSyntaxErrors(text)) {
    assert.equal(r.status, 'syntax-errors', what);
    assert.deepEqual(r.edits, [], `${what}: no edits on a file with syntax errors`);
    return text;
  }
  assert.equal(r.status, 'formatted', `${what}: the formatter's own safety check refused its result`);
  assert.equal(applyTextEdits(text, r.edits), r.text, `${what}: the edits give the text`);
  assert.equal(hasSyntaxErrors(r.text), false, `${what}: formatting added syntax errors`);
  assert.equal(shape(r.text), shape(text), `${what}: formatting changed the syntax tree`);
  const again = formatDocument(r.text, options);
  assert.deepEqual(again.edits, [], `${what}: not idempotent; the second run changes ${JSON.stringify(again.edits.slice(0, 3))}\n--- first result:\n${r.text}`);
  if (text.charCodeAt(0) === 0xfeff) assert.equal(r.text.charCodeAt(0), 0xfeff, `${what}: BOM lost`);
  // The file's line break style (its first line break between tokens) is kept: every line break
  // the formatter writes has it (those inside block comments are the user's).
  const style = lineBreaks(text)[0];
  if (style !== undefined) for (const b of lineBreaks(r.text)) assert.equal(JSON.stringify(b), JSON.stringify(style), `${what}: a line break that is not the file's style`);
  // Edits are sorted, do not overlap and touch only whitespace and separators.
  for (let i = 0; i < r.edits.length; i++) {
    const e = r.edits[i];
    if (i > 0) assert.ok(r.edits[i - 1].span.end <= e.span.start, `${what}: edits overlap or are out of order`);
    assert.match(text.slice(e.span.start, e.span.end), /^[\s;\ufeff]*$/, `${what}: an edit replaces more than whitespace`);
    assert.match(e.newText, /^[\s;\ufeff]*$/, `${what}: an edit inserts more than whitespace`);
  }
  // So everything else (words, strings, comments, braces) is kept, in order.
  const content = (t: string) => t.replace(/[\s;\ufeff]+/g, '');
  assert.equal(content(r.text), content(text), `${what}: formatting changed more than whitespace and separators`);
  return r.text;
}

/** The line breaks between tokens (not those inside comments or strings), in order. */
function lineBreaks(text: string): string[] {
  const t = scan(text, []);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) if (t.kinds[i] === Tok.Newline) out.push(text.slice(t.starts[i], t.ends[i]));
  return out;
}

/** Formats a range of lines and checks that nothing outside those lines changes. */
export function assertRangeConfined(text: string, first: number, last: number, what: string): void {
  const lines = new LineIndex(text);
  const span = { start: lines.lineStart(first), end: lines.lineEnd(last) };
  const r = formatRange(text, span);
  if (hasSyntaxErrors(text)) return assert.deepEqual(r.edits, []);
  assert.equal(r.status, 'formatted', what);
  for (const e of r.edits) {
    assert.ok(e.span.start >= span.start && e.span.end <= span.end, `${what}: edit ${JSON.stringify(e)} outside lines ${first}-${last}`);
  }
  assert.equal(shape(r.text), shape(text), `${what}: range formatting changed the tree`);
}
