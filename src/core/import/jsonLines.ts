// Where the values of a JSON text were written. JSON.parse gives no positions, so one scan of the
// text finds the line of each value the importer may name in a comment or an error: every value
// down to three levels (`items[3].spec`) and every array element down to a given depth
// (`values.root_module.child_modules[0].resources[3]`). The result mirrors the JSON's first
// levels in a few typed arrays: keys are kept as offsets into the text (no string per key) and
// values that are not looked into are just their line, so a dump of ten thousand pods costs
// about a hundred bytes per pod and no objects for the garbage collector to trace.

export type JsonPathPart = string | number;

/** How deep JSON values get their own line (a pod's containers: the pod's `spec` line, with the full path beside it). */
export const JSON_LINE_DEPTH = 3;

export interface JsonLines {
  /** The 1-based line of the value at `path`, or of its nearest recorded ancestor; undefined when none is recorded. */
  lineOf(path: readonly JsonPathPart[]): number | undefined;
}

/** An Int32Array that grows as values are added. */
class Ints {
  data = new Int32Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/** Objects with more keys than this get a map from key to child on their first look-up. */
const KEYS_SCANNED = 16;

/**
 * Scans valid JSON (the text JSON.parse accepted) once. Containers deeper than `maxDepth` are
 * skipped by bracket counting alone. Never throws: a text that is not valid JSON gives the lines
 * found before the problem.
 *
 * A value is encoded as one number: a leaf's line (0 when it is not recorded), or, for a
 * container the scan looked into, -(its index + 1). Per container: its own line (0 when not
 * recorded), whether it is an array, and where its children's values (and, for objects, their
 * keys' offsets) start in the children's arrays, where they are stored together when it closes.
 */
export function jsonLines(text: string, maxDepth = JSON_LINE_DEPTH): JsonLines {
  const n = text.length;
  let i = 0;
  // Lines are counted up to where a value is recorded, each newline found once by indexOf.
  let line = 1;
  let nextNewline = text.indexOf('\n');
  if (nextNewline < 0) nextNewline = n;
  const lineAt = (pos: number): number => {
    while (nextNewline < pos) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
      if (nextNewline < 0) nextNewline = n;
    }
    return line;
  };
  /** The index of the closing quote of the string opened at `q`; n when it is not closed. */
  const stringEnd = (q: number): number => {
    let j = q + 1;
    for (;;) {
      const e = text.indexOf('"', j);
      if (e < 0) return n;
      let k = e - 1;
      while (text.charCodeAt(k) === 92) k--;
      if ((e - 1 - k) % 2 === 0) return e;
      j = e + 1;
    }
  };
  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
      i++;
    }
  };
  /** Moves past the container opened at i, from bracket to bracket (the regular expression jumps over the rest), skipping strings whole. */
  const skipContainer = () => {
    let open = 0;
    STRUCTURE.lastIndex = i;
    while (STRUCTURE.test(text)) {
      const k = STRUCTURE.lastIndex - 1;
      const c = text.charCodeAt(k);
      if (c === 34) STRUCTURE.lastIndex = stringEnd(k) + 1;
      else if (c === 123 || c === 91) open++;
      else if (--open === 0) {
        i = k + 1;
        return;
      }
    }
    i = n;
  };

  // Containers, by index.
  const cLine = new Ints();
  const cArray = new Ints();
  const cFirst = new Ints();
  const cCount = new Ints();
  // Children of the closed containers, each container's together: value, key start and key end
  // (the offset of the key's closing quote, negated when the key has escapes).
  const kValue = new Ints();
  const kStart = new Ints();
  const kEnd = new Ints();
  // The children of the open containers, one list per depth (one container is open per depth).
  const open: { value: number[]; start: number[]; end: number[]; count: number }[] = [];

  /** Reads the value at i, which has `depth` parts in its path, and returns its encoding. */
  const value = (depth: number, recorded: boolean): number => {
    const c = text.charCodeAt(i);
    const own = recorded ? lineAt(i) : 0;
    if (c === 34) {
      i = stringEnd(i) + 1;
      return own;
    }
    if (c !== 123 && c !== 91) {
      // A number, true, false or null.
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 44 || d === 93 || d === 125 || d === 32 || d === 10 || d === 13 || d === 9) break;
        i++;
      }
      return own;
    }
    if (depth >= maxDepth) {
      skipContainer();
      return own;
    }
    const isArray = c === 91;
    const close = isArray ? 93 : 125;
    const index = cLine.length;
    cLine.push(own);
    cArray.push(isArray ? 1 : 0);
    cFirst.push(0);
    cCount.push(0);
    const kids = (open[depth] ??= { value: [], start: [], end: [], count: 0 });
    kids.count = 0;
    // Children deeper than three levels are recorded only as array elements.
    const kidsRecorded = depth + 1 <= 3 || isArray;
    i++;
    skipSpace();
    if (text.charCodeAt(i) === close) i++;
    else {
      while (i < n) {
        skipSpace();
        let start = 0;
        let end = 0;
        if (!isArray) {
          end = stringEnd(i);
          start = i + 1;
          for (let k = start; k < end; k++) {
            if (text.charCodeAt(k) === 92) {
              end = -end;
              break;
            }
          }
          i = Math.abs(end) + 1;
          skipSpace();
          i++; // the colon
          skipSpace();
        }
        const v = value(depth + 1, kidsRecorded);
        kids.value[kids.count] = v;
        kids.start[kids.count] = start;
        kids.end[kids.count] = end;
        kids.count++;
        skipSpace();
        const d = text.charCodeAt(i++);
        if (d !== 44) break; // the closing bracket (or the end of a text that is not JSON)
      }
    }
    cFirst.data[index] = kValue.length;
    cCount.data[index] = kids.count;
    for (let k = 0; k < kids.count; k++) {
      kValue.push(kids.value[k]);
      kStart.push(kids.start[k]);
      kEnd.push(kids.end[k]);
    }
    return -(index + 1);
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  skipSpace();
  const root = i < n ? value(0, true) : 0;

  const byKey = new Map<number, Map<string, number>>();
  const keyAt = (k: number): string => {
    const end = kEnd.data[k];
    return end < 0 ? (JSON.parse(text.slice(kStart.data[k] - 1, 1 - end)) as string) : text.slice(kStart.data[k], end);
  };
  /** The position of `key` among the children of object `c`, or -1. */
  const keyIndex = (c: number, key: string): number => {
    const first = cFirst.data[c];
    const count = cCount.data[c];
    if (count > KEYS_SCANNED) {
      let keys = byKey.get(c);
      if (!keys) {
        byKey.set(c, (keys = new Map()));
        // The first of two equal keys is the one recorded.
        for (let k = count - 1; k >= 0; k--) keys.set(keyAt(first + k), k);
      }
      return keys.get(key) ?? -1;
    }
    for (let k = 0; k < count; k++) {
      const start = kStart.data[first + k];
      const end = kEnd.data[first + k];
      if (end < 0 ? keyAt(first + k) === key : end - start === key.length && text.startsWith(key, start)) return k;
    }
    return -1;
  };
  return {
    lineOf(path) {
      let cur = root;
      let best: number | undefined;
      for (let k = 0; ; k++) {
        if (cur >= 0) return cur > 0 ? cur : best;
        const c = -cur - 1;
        if (cLine.data[c] > 0) best = cLine.data[c];
        if (k === path.length) return best;
        const part = path[k];
        const at = cArray.data[c] ? (Number.isInteger(part) ? (part as number) : -1) : typeof part === 'string' ? keyIndex(c, part) : -1;
        if (at < 0 || at >= cCount.data[c]) return best;
        cur = kValue.data[cFirst.data[c] + at];
      }
    },
  };
}

/** A quote or bracket: what bracket matching stops at. */
const STRUCTURE = /["[\]{}]/g;
