// Folding ranges: node blocks that span lines, block comments that span lines, and runs of two
// or more line comments. Folding is about lines, so the answer is in zero-based lines (from the
// analysis's LineIndex, the one place offsets become lines).
import type { Analysis } from '../index';
import type { Statement } from '../syntax/ast';

export interface FoldingRange {
  /** Zero-based line of the fold's first line (the one that stays visible). */
  readonly startLine: number;
  /** Zero-based last line folded away. */
  readonly endLine: number;
  readonly kind: 'block' | 'comment';
}

/** Every folding range, sorted by start line. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const { lines, text } = analysis;
  const out: FoldingRange[] = [];
  const lineOf = (offset: number) => lines.positionAt(offset).line;

  const stack: (readonly Statement[])[] = [analysis.tree.statements];
  while (stack.length) {
    for (const s of stack.pop()!) {
      if ((s.type !== 'node' && s.type !== 'extend') || !s.body) continue;
      stack.push(s.body.statements);
      const startLine = lineOf(s.body.open);
      let endLine: number;
      if (s.body.close >= 0) {
        const closeLine = lineOf(s.body.close);
        // Keep a `}` that starts its line visible; fold it away with the content otherwise.
        const onlyBrace = /^[ \t]*$/.test(text.slice(lines.lineStart(closeLine), s.body.close));
        endLine = onlyBrace ? closeLine - 1 : closeLine;
      } else endLine = lineOf(Math.max(s.body.open, s.end - 1));
      if (endLine > startLine) out.push({ startLine, endLine, kind: 'block' });
    }
  }

  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: 'comment' });
    run = undefined;
  };
  for (const c of analysis.tree.comments) {
    const first = lineOf(c.start);
    const last = lineOf(c.end);
    if (c.block) {
      flush();
      if (last > first) out.push({ startLine: first, endLine: last, kind: 'comment' });
      continue;
    }
    // A line comment alone on its line extends a run of such comments on consecutive lines.
    const alone = /^[ \t]*$/.test(text.slice(lines.lineStart(first), c.start));
    if (alone && run && first === run.end + 1) run.end = first;
    else {
      flush();
      if (alone) run = { start: first, end: first };
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
