// The scanner: turns text into a flat token stream that covers every character, trivia
// included (whitespace, line breaks, comments), so that the tokens give back the input exactly.
// Tokens live in parallel arrays (kind, start, end) to keep large files cheap.
import type { Finding } from '../diagnostics';

export const Tok = {
  EOF: 0,
  Whitespace: 1,
  Newline: 2,
  LineComment: 3,
  BlockComment: 4,
  /** `[A-Za-z_][A-Za-z0-9_.-]*`: kinds, ids, keys and bare values such as `ubuntu-22.04`. */
  Word: 5,
  String: 6,
  Number: 7,
  /** A number directly followed by letters: `512MiB`, `500m`, `45s`. */
  Quantity: 8,
  Colon: 9,
  Semicolon: 10,
  LBrace: 11,
  RBrace: 12,
  LBracket: 13,
  RBracket: 14,
  Comma: 15,
  Arrow: 16,
  Unknown: 17,
} as const;
export type TokKind = (typeof Tok)[keyof typeof Tok];

export function isTrivia(kind: number): boolean {
  return kind === Tok.Whitespace || kind === Tok.LineComment || kind === Tok.BlockComment;
}

/**
 * The token stream, in typed arrays for speed. Whitespace (spaces, tabs, form feeds, BOM) is
 * not stored: it is exactly the gaps between tokens, so tokens plus gaps give back the text
 * (see `pieces`). Line breaks and comments are tokens.
 */
export interface TokenStream {
  readonly text: string;
  /** Number of tokens, the final EOF included. */
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Every piece of the text in order: each token, and each whitespace gap as `Tok.Whitespace`. */
export function* pieces(tokens: TokenStream): Generator<{ kind: number; start: number; end: number }> {
  let at = 0;
  for (let i = 0; i < tokens.count; i++) {
    const s = tokens.starts[i];
    if (s > at) yield { kind: Tok.Whitespace, start: at, end: s };
    if (tokens.ends[i] > s) yield { kind: tokens.kinds[i], start: s, end: tokens.ends[i] };
    at = tokens.ends[i];
  }
}

/** For a Quantity token: where its unit starts. */
export function unitStart(text: string, start: number, end: number): number {
  let u = end;
  while (u > start && isLetter(text.charCodeAt(u - 1))) u--;
  return u;
}

/** For a String token: whether its closing quote is present. */
export function isTerminated(text: string, start: number, end: number): boolean {
  if (end - start < 2 || text.charCodeAt(end - 1) !== 34) return false;
  // The last quote is escaped if an odd number of backslashes precede it.
  let b = 0;
  for (let i = end - 2; i > start && text.charCodeAt(i) === 92; i--) b++;
  return b % 2 === 0;
}

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
/** Characters that may continue a word: letters, digits, `_`, `.`, `-`. */
function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 46 || c === 45;
}

/** Scan the whole text. Never throws; problems become `syntax` findings. */
/** Does a line comment (`#` or `//`) start at offset `i`? */
export function startsLineComment(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47);
}

/**
 * From `from`, past blanks (space, tab, vertical tab, form feed, BOM) and block comments, read as
 * `scan` reads them (an unclosed block comment runs to the end): the offset of the next line
 * break, line comment or token, or `limit` when there is none before it. For callers that look
 * at a few characters next to an offset without scanning the whole text (fix builders).
 */
export function skipInlineTrivia(text: string, from: number, limit = text.length): number {
  let i = from;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xfeff || c === 12 || c === 11) i++;
    else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return limit;
      i = close + 2;
    } else return i;
  }
  return limit;
}

export function scan(text: string, diagnostics: Finding[]): TokenStream {
  const n = text.length;
  let cap = Math.max(16, n >> 2);
  let kinds = new Uint8Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let count = 0;
  let i = 0;

  const push = (kind: number, start: number, end: number) => {
    if (count === cap) {
      cap *= 2;
      const k = new Uint8Array(cap);
      k.set(kinds);
      kinds = k;
      const s = new Int32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Int32Array(cap);
      e.set(ends);
      ends = e;
    }
    kinds[count] = kind;
    starts[count] = start;
    ends[count] = end;
    count++;
  };
  const error = (start: number, end: number, message: string) => {
    diagnostics.push({ rule: 'syntax', severity: 'error', message, span: { start, end } });
  };

  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xfeff || c === 12 || c === 11) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 32 || d === 9 || d === 12 || d === 11) i++;
        else break;
      }
    } else if (c === 10) {
      i++;
      push(Tok.Newline, start, i);
    } else if (c === 13) {
      i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
      push(Tok.Newline, start, i);
    } else if (c === 35 /* # */ || (c === 47 && text.charCodeAt(i + 1) === 47) /* // */) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) break;
        i++;
      }
      push(Tok.LineComment, start, i);
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* /* */) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        i = n;
        error(start, start + 2, "This comment is never closed: add '*/' where it should end.");
      } else i = close + 2;
      push(Tok.BlockComment, start, i);
    } else if (isWordStart(c)) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (!isWordPart(d)) break;
        // `web->db`: the `-` belongs to the arrow, not the word.
        if (d === 45 && text.charCodeAt(i + 1) === 62) break;
        i++;
      }
      push(Tok.Word, start, i);
    } else if (isDigit(c)) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        i += 2;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      const unitStart = i;
      while (i < n && isLetter(text.charCodeAt(i))) i++;
      if (i < n && isWordPart(text.charCodeAt(i)) && !(text.charCodeAt(i) === 45 && text.charCodeAt(i + 1) === 62)) {
        // Something like `1.4.2` or `2x-large`: one word that starts with a digit.
        while (i < n && isWordPart(text.charCodeAt(i)) && !(text.charCodeAt(i) === 45 && text.charCodeAt(i + 1) === 62)) i++;
        push(Tok.Word, start, i);
      } else if (i > unitStart) push(Tok.Quantity, start, i);
      else push(Tok.Number, start, i);
    } else if (c === 34 /* " */) {
      i++;
      let closed = 0;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */ && i + 1 < n && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) {
          i += 2;
        } else if (d === 34) {
          i++;
          closed = 1;
          break;
        } else if (d === 10 || d === 13) break;
        else i++;
      }
      if (!closed) error(start, i, 'This string has no closing quote: strings end on the line they start, with ".');
      push(Tok.String, start, i);
    } else {
      i++;
      let kind: number = Tok.Unknown;
      switch (c) {
        case 58: kind = Tok.Colon; break;
        case 59: kind = Tok.Semicolon; break;
        case 123: kind = Tok.LBrace; break;
        case 125: kind = Tok.RBrace; break;
        case 91: kind = Tok.LBracket; break;
        case 93: kind = Tok.RBracket; break;
        case 44: kind = Tok.Comma; break;
        case 45:
          if (text.charCodeAt(i) === 62) {
            i++;
            kind = Tok.Arrow;
          }
          break;
        default:
          // Keep surrogate pairs together so a range never splits a character.
          if (c >= 0xd800 && c <= 0xdbff && i < n) {
            const d = text.charCodeAt(i);
            if (d >= 0xdc00 && d <= 0xdfff) i++;
          }
      }
      push(kind, start, i);
    }
  }
  push(Tok.EOF, n, n);
  return { text, count, kinds: kinds.subarray(0, count), starts: starts.subarray(0, count), ends: ends.subarray(0, count) };
}

/** Unescape the body of the string token text[start, end): `\\"` and `\\\\`; other backslashes stay as written. */
export function unescapeString(text: string, start: number, end: number, terminated: boolean): string {
  const body = text.slice(start + 1, terminated ? end - 1 : end);
  if (body.indexOf('\\') < 0) return body;
  return body.replace(/\\(["\\])/g, '$1');
}
