// The formatter: canonical layout as minimal whitespace edits. It never touches a token: only
// the gaps between tokens (spaces, line breaks, and the `;` separators it may drop or add)
// change, so comments, strings and values are kept byte for byte. A file with syntax errors
// gets no edits at all, and every result is re-parsed and compared with the original tree
// before it is returned (a guard that the tests show never fires).
//
// The canonical layout:
// - Indentation: one unit (2 spaces, or the editor's tab size / tabs) per open block; lines of
//   a multi-line list one unit deeper than the property, its `]` at the property's level.
// - A block whose `{` and `}` are on one line stays on one line: `host laptop { os: windows-11;
//   hypervisor vbox { product: virtualbox } }`, with `; ` between statements, one space inside
//   the braces, and `{}` when empty.
// - A block that spans lines (and the file itself) has one statement per line: a break after
//   `{` and before `}`, and a `;` between statements becomes a line break.
// - `key: value`, `a -> b "label"`, `[a, b]`, one space between header words and before `{`
//   (a `{` on the line after its header moves up to it).
// - At most one blank line; none at the start of the file, right after `{` or right before `}`;
//   no trailing whitespace; one final line break (none for an empty file).
// - Comments stay where they are, each on its own line at the indentation of what follows, or
//   at the end of a line with the spaces the author put before it (so aligned comments stay
//   aligned). Block comments are kept verbatim, inner lines included.
// - Line breaks: the file's first line break (CRLF or LF) everywhere; a byte order mark stays.
import type { TextEdit } from '../diagnostics';
import type { FileNode, Span } from '../syntax/ast';
import { parse } from '../syntax/parser';
import { Tok } from '../syntax/scanner';
import { LineIndex } from '../text/lineIndex';

export interface FormatOptions {
  /** Spaces per indentation level (default 2). */
  readonly tabSize?: number;
  /** Indent with spaces (default) or with one tab per level. */
  readonly insertSpaces?: boolean;
}

export interface FormatResult {
  /** Minimal edits, in document order, none overlapping; each keeps the tree unchanged on its own. */
  readonly edits: TextEdit[];
  /** The formatted text (the input when there are no edits). */
  readonly text: string;
  /**
   * `formatted`: edits computed and verified (maybe none); `syntax-errors`: the file does not
   * parse cleanly, so nothing is touched; `refused`: the safety check found a change to the
   * tree and dropped every edit (a formatter bug: please report it).
   */
  readonly status: 'formatted' | 'syntax-errors' | 'refused';
}

const enum Mode {
  Start,
  End,
  Multi,
  OneLine,
  List,
  Brace,
}

interface Frame {
  readonly list: boolean;
  readonly oneLine: boolean;
}

/** Formats a whole document. */
export function formatDocument(text: string, options: FormatOptions = {}): FormatResult {
  return run(text, options, undefined);
}

/**
 * Formats the lines that `span` touches (a selection ending at the start of a line does not
 * touch that line). Only edits inside those lines are returned.
 */
export function formatRange(text: string, span: Span, options: FormatOptions = {}): FormatResult {
  return run(text, options, span);
}

/** The formatted text (the input itself when it has syntax errors). */
export function formatText(text: string, options: FormatOptions = {}): string {
  return formatDocument(text, options).text;
}

function run(text: string, options: FormatOptions, range: Span | undefined): FormatResult {
  const parsed = parse(text);
  if (parsed.diagnostics.length > 0) return { edits: [], text, status: 'syntax-errors' };
  let edits = computeEdits(text, parsed.tokens, options);
  if (range) {
    const lines = new LineIndex(text);
    const first = lines.positionAt(range.start).line;
    let last = lines.positionAt(range.end).line;
    if (range.end > range.start && last > first && lines.lineStart(last) === range.end) last--;
    const from = lines.lineStart(first);
    const to = lines.lineEnd(last);
    edits = edits.filter((e) => e.span.start >= from && e.span.end <= to);
  }
  if (edits.length === 0) return { edits, text, status: 'formatted' };
  const out = apply(text, edits);
  const again = parse(out);
  if (again.diagnostics.length > 0 || treeShape(again.tree) !== treeShape(parsed.tree)) return { edits: [], text, status: 'refused' };
  return { edits, text: out, status: 'formatted' };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

const POSITION_KEYS = new Set(['start', 'end', 'open', 'close', 'kindSpan']);

/** The syntax tree without positions, as a string: equal shapes mean equal trees. */
export function treeShape(tree: FileNode): string {
  return JSON.stringify(tree, (key, value) => (POSITION_KEYS.has(key) ? undefined : value));
}

/** A gap between two kept tokens: its span and what it holds. */
interface Gap {
  readonly start: number;
  readonly end: number;
  /** Line breaks in the gap. */
  readonly newlines: number;
  readonly semicolons: number;
}

function computeEdits(text: string, tokens: ReturnType<typeof parse>['tokens'], options: FormatOptions): TextEdit[] {
  const { kinds, starts, ends, count } = tokens;
  const tabSize = Math.max(1, Math.min(16, Math.floor(options.tabSize ?? 2) || 2));
  const unit = options.insertSpaces === false ? '\t' : ' '.repeat(tabSize);
  const lines = new LineIndex(text);

  // The kept tokens: everything but line breaks, `;` and the end of file. Gaps between them are
  // rewritten; the tokens themselves never are.
  const kept: number[] = [];
  for (let t = 0; t < count; t++) {
    const k = kinds[t];
    if (k !== Tok.Newline && k !== Tok.Semicolon && k !== Tok.EOF) kept.push(t);
  }
  // The file's first line break sets the style (CRLF stays CRLF).
  const br = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';

  const gapBetween = (from: number, to: number): Gap => {
    let newlines = 0;
    let semicolons = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) newlines++;
      else if (c === 13) {
        newlines++;
        if (text.charCodeAt(i + 1) === 10) i++;
      } else if (c === 59) semicolons++;
    }
    return { start: from, end: to, newlines, semicolons };
  };

  // Where each `{` closes, to tell one-line blocks from multi-line ones.
  const closeOf = new Map<number, number>();
  {
    const open: number[] = [];
    for (const t of kept) {
      if (kinds[t] === Tok.LBrace) open.push(t);
      else if (kinds[t] === Tok.RBrace) {
        const o = open.pop();
        if (o !== undefined) closeOf.set(o, t);
      }
    }
  }

  const edits: TextEdit[] = [];
  const emit = (gap: Gap, wanted: string) => pushEdits(text, gap, wanted, edits);
  const isComment = (t: number) => t >= 0 && (kinds[t] === Tok.LineComment || kinds[t] === Tok.BlockComment);
  const isKind = (t: number, k: number) => t >= 0 && kinds[t] === k;

  const stack: Frame[] = [];
  let depth = 0; // open blocks
  const indent = (n: number) => unit.repeat(Math.max(0, n));
  const breakTo = (blank: boolean, n: number) => br + (blank ? br : '') + indent(n);

  /** Spacing between two tokens on one line. */
  const spacing = (a: number, b: number): string => {
    if (isComment(a) || isComment(b)) return ' ';
    const kb = kinds[b];
    const ka = kinds[a];
    if (kb === Tok.Colon || kb === Tok.Comma || kb === Tok.RBracket) return '';
    if (ka === Tok.LBracket) return '';
    if (ka === Tok.LBrace && kb === Tok.RBrace) return '';
    return ' ';
  };
  /** The spaces before a comment at the end of a line: the author's, or one. */
  const trailingSpace = (gap: Gap): string => {
    const raw = text.slice(gap.start, gap.end);
    const tail = raw.slice(raw.lastIndexOf(';') + 1);
    return /^[ \t]+$/.test(tail) ? tail : ' ';
  };

  /** The new text of each gap of a region: `prev`, its comments, `next` (-1: start / end of file). */
  const layout = (mode: Mode, prev: number, next: number, comments: readonly number[], gaps: readonly Gap[]): string[] => {
    const items = [prev, ...comments, next];
    const before = (j: number) => items[j];
    const after = (j: number) => items[j + 1];
    const n = gaps.length;
    const out: string[] = [];
    switch (mode) {
      case Mode.Start: {
        // Leading comments (or nothing): no indentation, no blank line before the first.
        for (let j = 0; j < n; j++) {
          if (j === 0) out.push(bom);
          else if (next < 0 && j === n - 1) out.push(br);
          else if (gaps[j].newlines === 0 && !isKind(before(j), Tok.LineComment)) out.push(' ');
          else out.push(breakTo(gaps[j].newlines >= 2, 0));
        }
        return out;
      }
      case Mode.End:
      case Mode.Multi: {
        const needsBreak =
          mode === Mode.End ||
          gaps.some((g) => g.newlines > 0 || g.semicolons > 0) ||
          isKind(prev, Tok.LBrace) ||
          isKind(next, Tok.RBrace) ||
          comments.some((c) => kinds[c] === Tok.LineComment);
        if (!needsBreak) {
          for (let j = 0; j < n; j++) out.push(spacing(before(j), after(j)));
          return out;
        }
        let broke = false;
        for (let j = 0; j < n; j++) {
          const last = j === n - 1;
          if (mode === Mode.End && last) {
            out.push(br);
            continue;
          }
          if (!broke && gaps[j].newlines === 0 && !last && !isKind(before(j), Tok.LineComment)) {
            // A comment at the end of the line of the statement before it.
            out.push(trailingSpace(gaps[j]));
            continue;
          }
          if (broke && gaps[j].newlines === 0 && isKind(before(j), Tok.BlockComment)) {
            // Something after a block comment that stands on its own line: keep them together.
            out.push(' ');
            continue;
          }
          const level = isKind(after(j), Tok.RBrace) ? depth - 1 : depth;
          const blank = gaps[j].newlines >= 2 && !(isKind(prev, Tok.LBrace) && !broke) && !(last && isKind(next, Tok.RBrace));
          out.push(breakTo(blank, level));
          broke = true;
        }
        return out;
      }
      case Mode.OneLine: {
        const boundary = gaps.some((g) => g.semicolons > 0) && !isKind(prev, Tok.LBrace) && !isKind(next, Tok.RBrace);
        for (let j = 0; j < n; j++) out.push(j === 0 && boundary ? '; ' : spacing(before(j), after(j)));
        return out;
      }
      case Mode.List: {
        for (let j = 0; j < n; j++) {
          if (gaps[j].newlines > 0 || isKind(before(j), Tok.LineComment)) {
            out.push(breakTo(gaps[j].newlines >= 2, isKind(after(j), Tok.RBracket) ? depth : depth + 1));
          } else out.push(spacing(before(j), after(j)));
        }
        return out;
      }
      case Mode.Brace: {
        for (let j = 0; j < n; j++) out.push(isKind(before(j), Tok.LineComment) ? breakTo(false, depth) : ' ');
        return out;
      }
    }
  };

  // Walk the significant tokens (not comments); each region between two of them holds the
  // comments in between and is laid out as a whole.
  let prev = -1; // previous significant token (-1: start of file)
  let i = 0;
  for (;;) {
    const comments: number[] = [];
    while (i < kept.length && isComment(kept[i])) comments.push(kept[i++]);
    const next = i < kept.length ? kept[i] : -1; // -1: end of file
    const gaps: Gap[] = [];
    let from = prev < 0 ? 0 : ends[prev];
    for (const t of [...comments, next]) {
      const to = t < 0 ? text.length : starts[t];
      gaps.push(gapBetween(from, to));
      if (t >= 0) from = ends[t];
    }
    const top = stack.length ? stack[stack.length - 1] : undefined;
    let mode: Mode;
    if (prev < 0) mode = Mode.Start;
    else if (next < 0) mode = Mode.End;
    else if (top?.list) mode = Mode.List;
    else if (kinds[next] === Tok.LBrace) mode = Mode.Brace;
    else if (top?.oneLine) mode = Mode.OneLine;
    else mode = Mode.Multi;
    const wanted = layout(mode, prev, next, comments, gaps);
    for (let j = 0; j < gaps.length; j++) emit(gaps[j], wanted[j]);
    if (next < 0) break;

    // Pass the token: open or close a block or a list.
    const k = kinds[next];
    if (k === Tok.LBrace) {
      const close = closeOf.get(next);
      const oneLine = close !== undefined && lines.positionAt(starts[next]).line === lines.positionAt(starts[close]).line;
      stack.push({ list: false, oneLine });
      depth++;
    } else if (k === Tok.RBrace) {
      if (stack.length && !stack[stack.length - 1].list) {
        stack.pop();
        depth--;
      }
    } else if (k === Tok.LBracket) stack.push({ list: true, oneLine: false });
    else if (k === Tok.RBracket && stack.length && stack[stack.length - 1].list) stack.pop();
    prev = next;
    i++;
  }
  return edits;
}

/**
 * The edits that turn the gap into `wanted`. When both hold line breaks, the part before the
 * first break (trailing spaces), the breaks, and the indentation after the last break are
 * separate edits, so each stays on its own line and a range format can take just its lines.
 */
function pushEdits(text: string, gap: Gap, wanted: string, edits: TextEdit[]): void {
  const original = text.slice(gap.start, gap.end);
  if (original === wanted) return;
  const o = splitAtBreaks(original);
  const w = splitAtBreaks(wanted);
  if (!o || !w) {
    edits.push({ span: { start: gap.start, end: gap.end }, newText: wanted });
    return;
  }
  const headEnd = gap.start + o.head.length;
  const tailStart = gap.end - o.tail.length;
  if (o.head !== w.head) edits.push({ span: { start: gap.start, end: headEnd }, newText: w.head });
  if (o.middle !== w.middle) edits.push({ span: { start: headEnd, end: tailStart }, newText: w.middle });
  if (o.tail !== w.tail) edits.push({ span: { start: tailStart, end: gap.end }, newText: w.tail });
}

function splitAtBreaks(s: string): { head: string; middle: string; tail: string } | undefined {
  const first = s.search(/[\r\n]/);
  if (first < 0) return undefined;
  let last = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r')) + 1;
  if (last <= first) last = first + 1;
  return { head: s.slice(0, first), middle: s.slice(first, last), tail: s.slice(last) };
}
