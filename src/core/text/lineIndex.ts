// Converts between offsets (used everywhere inside the core) and zero-based line/character
// positions (used at the edges: the editor, the CLI, JSON output). The one place that does so.
import type { Span } from '../syntax/ast';

export interface Position {
  /** Zero-based line. */
  readonly line: number;
  /** Zero-based UTF-16 code unit offset in the line. */
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** The offset where the line holding `offset` starts: just after the last line break (`\n` or `\r`) before it. */
export function lineStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0) {
    const c = text.charCodeAt(s - 1);
    if (c === 10 || c === 13) break;
    s--;
  }
  return s;
}

/** The column of an offset as the parser counts it (for indentation): UTF-16 units since the last line break. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export class LineIndex {
  /** Offsets at which each line starts. A line ends at `\n`; `\r\n` counts as one break. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /**
   * The position of an offset; offsets outside the text are clamped. An offset between the CR
   * and the LF of a CRLF is not a position of its own: it maps to the end of its line (as in
   * VS Code), so the character never points into a line break.
   */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  /** The offset of a position; positions outside the text are clamped to it. */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + pos.character, end));
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
