// Selection ranges ("expand selection"): from the word under the cursor to its property, link or
// node header, the node, the inside of the enclosing block, that block's node, and so on out to
// the whole file. Each step strictly contains the one before.
import type { Analysis } from '../index';
import type { Span } from '../syntax/ast';
import { locate } from './context';

export interface SelectionRange {
  readonly span: Span;
  readonly parent?: SelectionRange;
}

/** The selection range chain at each offset, innermost first (linked through `parent`). */
export function selectionRanges(analysis: Analysis, offsets: readonly number[]): SelectionRange[] {
  return offsets.map((offset) => selectionRangeAt(analysis, offset));
}

export function selectionRangeAt(analysis: Analysis, offset: number): SelectionRange {
  const { path, enclosing, statement, hit } = locate(analysis, offset);
  // Outermost first; then reversed into a chain.
  const spans: Span[] = [{ start: 0, end: analysis.text.length }];
  for (const frame of path) {
    spans.push(frame.decl);
    const body = frame.decl.body;
    if (body && enclosing.includes(frame)) {
      const inner = trim(analysis.text, body.open + 1, body.close >= 0 ? body.close : frame.decl.end);
      if (inner) spans.push(inner);
    }
  }
  if (statement && statement.type !== 'node') spans.push(statement);
  if (hit && hit.type !== 'comment') {
    if ((hit.type === 'nodeId' || hit.type === 'label' || hit.type === 'kind') && path.length) {
      const decl = path[path.length - 1].decl;
      const headerEnd = decl.label?.end ?? decl.id?.end ?? decl.kindSpan.end;
      spans.push({ start: decl.start, end: headerEnd });
    }
    spans.push(hit.span);
  } else if (hit?.type === 'comment') spans.push(hit.span);

  let chain: SelectionRange | undefined;
  let last: Span | undefined;
  for (const s of spans) {
    const span = { start: s.start, end: s.end };
    if (offset < span.start || offset > span.end) continue; // e.g. a trimmed block when the cursor is in its indentation
    if (last && (span.start < last.start || span.end > last.end)) continue; // not inside: skip
    if (last && span.start === last.start && span.end === last.end) continue;
    chain = { span, ...(chain ? { parent: chain } : {}) };
    last = span;
  }
  return chain!;
}

/** The span [start, end) without leading and trailing whitespace and line breaks, or undefined if empty. */
function trim(text: string, start: number, end: number): Span | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return e > s ? { start: s, end: e } : undefined;
}
