// Text helpers shared by the renderers: XML escaping, width estimates (no DOM to measure with)
// and truncation with an ellipsis that never splits a surrogate pair.

import { xmlCharRefs } from '../text/controls';

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even when escaped;
// such characters become U+FFFD so the output stays well-formed whatever the input. DEL, C1 and
// the bidirectional controls are allowed but written as character references, so the output's
// bytes hold none of them raw (a terminal showing the SVG is safe) and the DOM text is exact.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_SPECIAL = /[&<>"']/g;
const XML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escape text for XML content and attribute values (`&<>"'`), replacing characters XML cannot hold. */
export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s; // the common case: nothing to do
  return xmlCharRefs(s.replace(XML_INVALID, '\uFFFD').replace(XML_SPECIAL, (c) => XML_ENTITY[c]));
}

// Advance widths in em of printable ASCII (32..126) in DejaVu Sans, the widest common default
// sans-serif: estimates made with it are an upper bound for Segoe UI, SF, Roboto and Arial.
// prettier-ignore
const ASCII_EM = [
  0.32, 0.4, 0.46, 0.84, 0.64, 0.95, 0.78, 0.28, 0.39, 0.39, 0.5, 0.84, 0.32, 0.36, 0.32, 0.34, // ' '..'/'
  0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.34, 0.34, 0.84, 0.84, 0.84, 0.53, // '0'..'?'
  1.0, 0.68, 0.69, 0.7, 0.77, 0.63, 0.58, 0.78, 0.75, 0.3, 0.3, 0.66, 0.56, 0.86, 0.75, 0.79, // '@'..'O'
  0.6, 0.79, 0.69, 0.64, 0.61, 0.73, 0.68, 0.99, 0.69, 0.61, 0.69, 0.39, 0.34, 0.39, 0.84, 0.5, // 'P'..'_'
  0.5, 0.61, 0.64, 0.55, 0.64, 0.62, 0.35, 0.64, 0.63, 0.28, 0.28, 0.58, 0.28, 0.97, 0.63, 0.61, // '`'..'o'
  0.64, 0.64, 0.41, 0.52, 0.39, 0.63, 0.59, 0.82, 0.59, 0.59, 0.53, 0.64, 0.34, 0.64, 0.84, // 'p'..'~'
];

function charEm(code: number): number {
  if (code >= 32 && code <= 126) return ASCII_EM[code - 32];
  // CJK, Hangul, full-width forms and emoji are about one em wide.
  if ((code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || code >= 0x1f000) return 1.0;
  // Combining marks take no room of their own.
  if (code >= 0x300 && code <= 0x36f) return 0;
  return 0.7;
}

/** Bold (600–700) glyphs are about this much wider than regular ones in DejaVu Sans. */
const BOLD = 1.12;

/**
 * Estimated width in px of `s` set at `fontSize` px in a sans-serif font (an upper bound for
 * common fonts), `bold` for weights 600 and up.
 */
export function textWidth(s: string, fontSize: number, bold = false): number {
  if (bold) fontSize *= BOLD;
  let em = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        em += charEm(0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00));
        i++;
        continue;
      }
    }
    em += charEm(c);
  }
  return em * fontSize;
}

const ELLIPSIS = '\u2026';

/**
 * `s` if it fits in `maxWidth` px, else its longest prefix that fits followed by an ellipsis.
 * Cuts between code points (never inside a surrogate pair).
 */
export function truncate(s: string, maxWidth: number, fontSize: number, bold = false): string {
  if (bold) fontSize *= BOLD;
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const budget = maxWidth - charEm(0x2026) * fontSize;
  let used = 0;
  let end = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.codePointAt(i)!;
    const w = charEm(c) * fontSize;
    if (used + w > budget) break;
    used += w;
    i += c > 0xffff ? 2 : 1;
    end = i;
  }
  return s.slice(0, end).trimEnd() + ELLIPSIS;
}

/** Format a number with thousands separators, deterministically (no locale): 12345 → "12,345". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 container", "3 containers". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}
