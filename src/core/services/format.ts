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
// - Comments stay where they are: on a line of their own at the indentation of the statements
//   around them, or at the end of a line with the spaces the author put before them (so aligned
//   comments stay aligned). Block comments are kept verbatim, inner lines included.
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
  if (again.diagnostics.length > 0 || !sameShape(again.tree, parsed.tree)) return { edits: [], text, status: 'refused' };
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

/** Are two syntax trees equal but for positions? (`treeShape(a) === treeShape(b)`, without the strings.) */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], y[i])) return false;
    return true;
  }
  // Tree nodes built on demand (syntax/tree.ts) compare by their plain form.
  const x = plainForm(a) as Record<string, unknown>;
  const y = plainForm(b) as Record<string, unknown>;
  for (const k in x) if (!POSITION_KEYS.has(k) && x[k] !== undefined && !sameShape(x[k], y[k])) return false;
  for (const k in y) if (!POSITION_KEYS.has(k) && y[k] !== undefined && x[k] === undefined) return false;
  return true;
}

function plainForm(o: object): object {
  const toJSON = (o as { toJSON?: () => object }).toJSON;
  return typeof toJSON === 'function' ? toJSON.call(o) : o;
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
  // The file's first line break sets the style (CRLF stays CRLF): the first one between tokens,
  // as those are the ones the formatter writes. (A line break inside a block comment stays as it
  // is: taking the style from it would change the style once the breaks before it are gone.)
  let br = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  for (let t = 0; t < count; t++) {
    if (kinds[t] === Tok.Newline) {
      br = text.slice(starts[t], ends[t]);
      break;
    }
  }
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';

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
  const isComment = (t: number) => t >= 0 && (kinds[t] === Tok.LineComment || kinds[t] === Tok.BlockComment);
  const isKind = (t: number, k: number) => t >= 0 && kinds[t] === k;

  const stack: Frame[] = [];
  let depth = 0; // open blocks
  // Line starts by indentation level, built once per level.
  const breaks: string[] = [];
  const blankBreaks: string[] = [];
  const breakTo = (blank: boolean, n: number) => {
    const level = Math.max(0, n);
    const cache = blank ? blankBreaks : breaks;
    return (cache[level] ??= br + (blank ? br : '') + unit.repeat(level));
  };

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

  // The region being laid out: the significant tokens `prev` and `next` (-1: start / end of
  // file), the comments between them, and the gaps between those items (gap j comes before
  // item j: comment j, or `next` after the last comment). Arrays are reused from region to
  // region: a large file has one region per token.
  let prev = -1;
  let next = -1;
  const comments: number[] = [];
  const gapStart: number[] = [];
  const gapEnd: number[] = [];
  const gapNewlines: number[] = [];
  const gapSemicolons: number[] = [];
  const out: string[] = [];
  const before = (j: number) => (j === 0 ? prev : comments[j - 1]);
  const after = (j: number) => (j < comments.length ? comments[j] : next);

  const measureGap = (j: number, from: number, to: number) => {
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
    gapStart[j] = from;
    gapEnd[j] = to;
    gapNewlines[j] = newlines;
    gapSemicolons[j] = semicolons;
  };

  /** The spaces before a comment at the end of a line: the author's, or one. */
  const trailingSpace = (j: number): string => {
    const raw = text.slice(gapStart[j], gapEnd[j]);
    const tail = raw.slice(raw.lastIndexOf(';') + 1);
    return /^[ \t]+$/.test(tail) ? tail : ' ';
  };

  /** Fills `out` with the new text of each gap of the region. */
  const layout = (mode: Mode, n: number): void => {
    out.length = 0;
    switch (mode) {
      case Mode.Start: {
        // Leading comments (or nothing): no indentation, no blank line before the first.
        for (let j = 0; j < n; j++) {
          if (j === 0) out.push(bom);
          else if (next < 0 && j === n - 1) out.push(br);
          else if (gapNewlines[j] === 0 && !isKind(before(j), Tok.LineComment)) out.push(' ');
          else out.push(breakTo(gapNewlines[j] >= 2, 0));
        }
        return;
      }
      case Mode.End:
      case Mode.Multi: {
        let needsBreak = mode === Mode.End || isKind(prev, Tok.LBrace) || isKind(next, Tok.RBrace);
        for (let j = 0; j < n && !needsBreak; j++) needsBreak = gapNewlines[j] > 0 || gapSemicolons[j] > 0 || isKind(after(j), Tok.LineComment);
        if (!needsBreak) {
          for (let j = 0; j < n; j++) out.push(spacing(before(j), after(j)));
          return;
        }
        let broke = false;
        for (let j = 0; j < n; j++) {
          const last = j === n - 1;
          if (mode === Mode.End && last) {
            out.push(br);
            continue;
          }
          if (!broke && gapNewlines[j] === 0 && !last && !isKind(before(j), Tok.LineComment)) {
            // A comment at the end of the line of the statement before it.
            out.push(trailingSpace(j));
            continue;
          }
          if (broke && gapNewlines[j] === 0 && isKind(before(j), Tok.BlockComment)) {
            // Something after a block comment that stands on its own line: keep them together.
            out.push(' ');
            continue;
          }
          const level = isKind(after(j), Tok.RBrace) ? depth - 1 : depth;
          const blank = gapNewlines[j] >= 2 && !(isKind(prev, Tok.LBrace) && !broke) && !(last && isKind(next, Tok.RBrace));
          out.push(breakTo(blank, level));
          broke = true;
        }
        return;
      }
      case Mode.OneLine: {
        let boundary = false;
        for (let j = 0; j < n; j++) if (gapSemicolons[j] > 0) boundary = true;
        boundary = boundary && !isKind(prev, Tok.LBrace) && !isKind(next, Tok.RBrace);
        for (let j = 0; j < n; j++) out.push(j === 0 && boundary ? '; ' : spacing(before(j), after(j)));
        return;
      }
      case Mode.List: {
        for (let j = 0; j < n; j++) {
          if (gapNewlines[j] > 0 || isKind(before(j), Tok.LineComment)) {
            out.push(breakTo(gapNewlines[j] >= 2, isKind(after(j), Tok.RBracket) ? depth : depth + 1));
          } else if (isKind(after(j), Tok.LineComment) && !isKind(before(j), Tok.LBracket)) {
            out.push(trailingSpace(j));
          } else out.push(spacing(before(j), after(j)));
        }
        return;
      }
      case Mode.Brace: {
        for (let j = 0; j < n; j++) out.push(isKind(before(j), Tok.LineComment) ? breakTo(false, depth) : ' ');
        return;
      }
    }
  };

  // Walk the significant tokens (not comments); each region between two of them holds the
  // comments in between and is laid out as a whole.
  let i = 0;
  for (;;) {
    comments.length = 0;
    while (i < kept.length && isComment(kept[i])) comments.push(kept[i++]);
    next = i < kept.length ? kept[i] : -1;
    const n = comments.length + 1;
    let from = prev < 0 ? 0 : ends[prev];
    for (let j = 0; j < n; j++) {
      const t = after(j);
      measureGap(j, from, t < 0 ? text.length : starts[t]);
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
    layout(mode, n);
    for (let j = 0; j < n; j++) pushEdits(text, gapStart[j], gapEnd[j], out[j], edits);
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
function pushEdits(text: string, start: number, end: number, wanted: string, edits: TextEdit[]): void {
  if (end - start === wanted.length) {
    let same = true;
    for (let k = 0; k < wanted.length && same; k++) same = text.charCodeAt(start + k) === wanted.charCodeAt(k);
    if (same) return;
  }
  const original = text.slice(start, end);
  const o = splitAtBreaks(original);
  const w = splitAtBreaks(wanted);
  if (!o || !w) {
    edits.push({ span: { start, end }, newText: wanted });
    return;
  }
  const headEnd = start + o.head.length;
  const tailStart = end - o.tail.length;
  if (o.head !== w.head) edits.push({ span: { start, end: headEnd }, newText: w.head });
  if (o.middle !== w.middle) edits.push({ span: { start: headEnd, end: tailStart }, newText: w.middle });
  if (o.tail !== w.tail) edits.push({ span: { start: tailStart, end }, newText: w.tail });
}

function splitAtBreaks(s: string): { head: string; middle: string; tail: string } | undefined {
  const first = s.search(/[\r\n]/);
  if (first < 0) return undefined;
  let last = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r')) + 1;
  if (last <= first) last = first + 1;
  return { head: s.slice(0, first), middle: s.slice(first, last), tail: s.slice(last) };
}
