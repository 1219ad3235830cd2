// What encoding a file's bytes are in, as far as the CLI needs to know: UTF-8 (with or without a
// byte order mark), UTF-16 or UTF-32 (which it names, so the user knows what to convert from),
// or bytes that are not valid UTF-8 (with where the first bad byte is). Pure: bytes in, a verdict
// out.

export type Encoding =
  | { readonly kind: 'utf-8'; readonly bom: boolean }
  | { readonly kind: 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be'; readonly bom: boolean }
  /** Not valid UTF-8: `offset` is the first byte that is not part of a valid sequence, on `line` (one-based). */
  | { readonly kind: 'invalid-utf-8'; readonly offset: number; readonly line: number };

const NAMES: Record<string, string> = { 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'utf-32le': 'UTF-32 LE', 'utf-32be': 'UTF-32 BE' };

/** The encoding's usual name, e.g. "UTF-16 LE"; for iconv drop the space. */
export function encodingName(e: Encoding): string {
  if (e.kind === 'utf-8') return e.bom ? 'UTF-8 with BOM' : 'UTF-8';
  if (e.kind === 'invalid-utf-8') return 'not UTF-8';
  return NAMES[e.kind];
}

export function detectEncoding(bytes: Uint8Array): Encoding {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { kind: 'utf-32le', bom: true };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { kind: 'utf-32be', bom: true };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { kind: 'utf-16le', bom: true };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { kind: 'utf-16be', bom: true };
  const bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  const unmarked = utf16WithoutBom(b);
  if (unmarked) return { kind: unmarked, bom: false };
  const offset = firstInvalidUtf8(b);
  if (offset < 0) return { kind: 'utf-8', bom };
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return { kind: 'invalid-utf-8', offset, line };
}

/**
 * UTF-16 text without a byte order mark, recognised the way editors do: in the first 4 KiB, at
 * least 4 code units and a third of them with a zero high byte (ASCII text in UTF-16), all on one
 * side. Text in UTF-8 has no zero bytes at all.
 */
function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const units = n / 2;
  if (oddZeros >= units / 3 && evenZeros === 0) return 'utf-16le';
  if (evenZeros >= units / 3 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number; // the lowest valid second byte (no overlong forms, no surrogates)
    let max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = c === 0xe0 ? 0xa0 : 0x80;
      if (c === 0xed) max = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = c === 0xf0 ? 0x90 : 0x80;
      if (c === 0xf4) max = 0x8f;
    } else return i;
    if (i + need >= b.length) return i; // cut short at the end
    if (b[i + 1] < min || b[i + 1] > max) return i;
    for (let k = 2; k <= need; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += need + 1;
  }
  return -1;
}
