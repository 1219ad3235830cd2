// Characters that must not reach an output channel raw, and how each channel shows them.
// - Control characters: C0 (ESC starts terminal escape sequences: clear the screen, set the
//   window title, OSC 8 links; BEL, backspace, CR rewrite what is shown), DEL and C1 (U+009B is a
//   one-character CSI for terminals that read 8-bit controls).
// - Bidirectional controls, U+202A–U+202E (embeddings, overrides) and U+2066–U+2069 (isolates):
//   they reorder how text is shown, so a label can display differently from what it is ("Trojan
//   Source", CVE-2021-42574).
// Text for people (terminals, GitHub annotations, Markdown, mermaid) shows them as `<U+202E>`, as
// compilers do; formats read by programs (JSON, SARIF, XML/SVG/HTML) keep the exact data with an
// escape of their own (`\u202e`, `&#x202E;`), so their bytes hold none of them raw either.

/** The bidirectional controls of CVE-2021-42574. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

// C0 except tab and line feed, DEL, C1, and the bidirectional controls.
const UNSAFE_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// The same without C0 (which JSON and XML escape or replace themselves).
const UNSAFE_HIGH = /[\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;
const BIDI_ALL = /[\u202A-\u202E\u2066-\u2069]/g;

const hex = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** `<U+202E>`: how a hidden or control character is shown to people. */
export const visibleCodePoint = (c: string): string => `<U+${hex(c)}>`;

/**
 * Text for a terminal (several lines): every control character but line feed and tab, and every
 * bidirectional control, is shown as `<U+XXXX>`, so no text can send an escape sequence or
 * reorder what is shown.
 */
export function visibleControls(s: string): string {
  return isVisibleText(s) ? s : s.replace(UNSAFE_TEXT, visibleCodePoint);
}

/** Whether visibleControls() leaves a text as it is (a scan of its characters, for texts written by the thousand). */
export function isVisibleText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 ? c !== 9 && c !== 10 : c >= 0x7f && (c <= 0x9f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))) return false;
  }
  return true;
}

/** Only the bidirectional controls as `<U+XXXX>` (for channels that handle the others already). */
export function visibleBidi(s: string): string {
  return s.replace(BIDI_ALL, visibleCodePoint);
}

/**
 * `JSON.stringify` whose output holds no DEL, C1, bidirectional control or line/paragraph
 * separator raw: they are written as `\uXXXX` escapes, which parse back to the same strings.
 */
export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_HIGH, (c) => `\\u${hex(c).toLowerCase()}`);
}

/** DEL, C1, bidirectional controls and line/paragraph separators as XML character references. */
export function xmlCharRefs(s: string): string {
  return s.replace(UNSAFE_HIGH, (c) => `&#x${hex(c)};`);
}
