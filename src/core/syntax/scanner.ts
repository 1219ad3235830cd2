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

export interface TokenStream {
  readonly text: string;
  readonly count: number;
  readonly kinds: readonly number[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** For Quantity tokens: the offset where the unit begins; 0 otherwise. */
  readonly unitStarts: readonly number[];
  /** For String tokens: 1 when the closing quote is present. */
  readonly terminated: readonly number[];
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
export function scan(text: string, diagnostics: Finding[]): TokenStream {
  const kinds: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const unitStarts: number[] = [];
  const terminated: number[] = [];
  const n = text.length;
  let i = 0;

  const push = (kind: number, start: number, end: number, unit = 0, term = 0) => {
    kinds.push(kind);
    starts.push(start);
    ends.push(end);
    unitStarts.push(unit);
    terminated.push(term);
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
      push(Tok.Whitespace, start, i);
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
      } else if (i > unitStart) push(Tok.Quantity, start, i, unitStart);
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
      push(Tok.String, start, i, 0, closed);
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
  return { text, count: kinds.length, kinds, starts, ends, unitStarts, terminated };
}

/** Unescape the body of a string token (`\"` and `\\`; other backslashes stay as written). */
export function unescapeString(raw: string, terminated: boolean): string {
  const body = raw.slice(1, terminated ? raw.length - 1 : raw.length);
  if (body.indexOf('\\') < 0) return body;
  return body.replace(/\\(["\\])/g, '$1');
}
