// Interning of the words that recur in every model (kinds, property keys, catalogue ids, units,
// enum values): the parser returns one shared string for them instead of a new slice of the
// text, which keeps large files cheap to parse and makes comparisons pointer-fast.

const table = new Map<number, string[]>();

function hash(text: string, start: number, end: number): number {
  const len = end - start;
  return (len * 0x1f3d + text.charCodeAt(start) * 0x3b + text.charCodeAt(end - 1) * 7 + text.charCodeAt(start + (len >> 1))) | 0;
}

/** Add words to the table (model/words.ts `registerLanguageWords` adds the language's). */
export function registerWords(words: Iterable<string>): void {
  for (const w of words) {
    if (w.length === 0 || w.length > 24) continue;
    const h = hash(w, 0, w.length);
    const bucket = table.get(h);
    if (!bucket) table.set(h, [w]);
    else if (!bucket.includes(w)) bucket.push(w);
  }
}

/** The text between start and end, as a shared string when it is a registered word. */
export function sliceInterned(text: string, start: number, end: number): string {
  const len = end - start;
  if (len > 0 && len <= 24) {
    const bucket = table.get(hash(text, start, end));
    if (bucket) {
      for (const w of bucket) if (w.length === len && text.startsWith(w, start)) return w;
    }
  }
  return text.slice(start, end);
}

/** Parse the decimal number text[start, end) (digits with an optional fraction) without slicing. */
export function parseDecimal(text: string, start: number, end: number): number {
  let intPart = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) break;
    intPart = intPart * 10 + (c - 48);
  }
  if (i >= end) return intPart <= Number.MAX_SAFE_INTEGER ? intPart : Number(text.slice(start, end));
  const fracDigits = end - i - 1;
  if (fracDigits > 15) return Number(text.slice(start, end));
  let n = intPart;
  for (i++; i < end; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  // One correctly rounded division of two exact integers: the same double Number() gives.
  return n <= Number.MAX_SAFE_INTEGER ? n / 10 ** fracDigits : Number(text.slice(start, end));
}
