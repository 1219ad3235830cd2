// Where the values of a JSON text were written. JSON.parse gives no positions, so one scan of the
// text finds the line of each value the importer may name in a comment or an error: every value
// down to three levels (`items[3].spec`) and every array element down to a given depth
// (`values.root_module.child_modules[0].resources[3]`). The result is a small tree that mirrors
// the JSON: keys are kept as offsets into the text (no string per key) and values that are not
// looked into are just their line, so a dump of ten thousand pods costs a few objects per pod.

export type JsonPathPart = string | number;

/** How deep JSON values get their own line (a pod's containers: the pod's `spec` line, with the full path beside it). */
export const JSON_LINE_DEPTH = 3;

export interface JsonLines {
  /** The 1-based line of the value at `path`, or of its nearest recorded ancestor; undefined when none is recorded. */
  lineOf(path: readonly JsonPathPart[]): number | undefined;
}

/** A container the scan looked into. */
interface Container {
  /** Its own line, when it is recorded. */
  readonly line: number | undefined;
  readonly isArray: boolean;
  /** Per child, in order: a container looked into, or the child's line (undefined when not recorded). */
  readonly kids: (Container | number | undefined)[];
  /** Objects: where each child's key is written, as offsets of its first character and closing quote (negated when the key has escapes). */
  readonly keyStart: number[] | undefined;
  readonly keyEnd: number[] | undefined;
  /** Large objects: child index by key, built on first look-up. */
  byKey?: Map<string, number>;
}

/**
 * Scans valid JSON (the text JSON.parse accepted) once. Containers deeper than `maxDepth` are
 * skipped by bracket counting alone. Never throws: a text that is not valid JSON gives the lines
 * found before the problem.
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
  /** Reads the value at i, which has `depth` parts in its path. */
  const value = (depth: number, recorded: boolean): Container | number | undefined => {
    const c = text.charCodeAt(i);
    const own = recorded ? lineAt(i) : undefined;
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
    const container: Container = { line: own, isArray, kids: [], keyStart: isArray ? undefined : [], keyEnd: isArray ? undefined : [] };
    // Children deeper than three levels are recorded only as array elements.
    const kidsRecorded = depth + 1 <= 3 || isArray;
    i++;
    skipSpace();
    if (text.charCodeAt(i) === close) {
      i++;
      return container;
    }
    while (i < n) {
      skipSpace();
      if (!isArray) {
        const end = stringEnd(i);
        let escaped = false;
        for (let k = i + 1; k < end && !escaped; k++) escaped = text.charCodeAt(k) === 92;
        container.keyStart!.push(i + 1);
        container.keyEnd!.push(escaped ? -end : end);
        i = end + 1;
        skipSpace();
        i++; // the colon
        skipSpace();
      }
      container.kids.push(value(depth + 1, kidsRecorded));
      skipSpace();
      const d = text.charCodeAt(i++);
      if (d !== 44) break; // the closing bracket (or the end of a text that is not JSON)
    }
    return container;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  skipSpace();
  const root = i < n ? value(0, true) : undefined;

  const keyIndex = (o: Container, key: string): number => {
    const starts = o.keyStart!;
    const ends = o.keyEnd!;
    const keyAt = (k: number) => (ends[k] < 0 ? (JSON.parse(text.slice(starts[k] - 1, 1 - ends[k])) as string) : text.slice(starts[k], ends[k]));
    if (starts.length > 16) {
      if (!o.byKey) {
        o.byKey = new Map();
        // The first of two equal keys is the one recorded.
        for (let k = starts.length - 1; k >= 0; k--) o.byKey.set(keyAt(k), k);
      }
      return o.byKey.get(key) ?? -1;
    }
    for (let k = 0; k < starts.length; k++) {
      if (ends[k] < 0 ? keyAt(k) === key : ends[k] - starts[k] === key.length && text.startsWith(key, starts[k])) return k;
    }
    return -1;
  };
  return {
    lineOf(path) {
      let cur = root;
      let best: number | undefined;
      for (let k = 0; ; k++) {
        if (typeof cur !== 'object') return cur ?? best;
        if (cur.line !== undefined) best = cur.line;
        if (k === path.length) return best;
        const part = path[k];
        const index = cur.isArray ? (typeof part === 'number' ? part : -1) : typeof part === 'string' ? keyIndex(cur, part) : -1;
        if (index < 0 || index >= cur.kids.length) return best;
        cur = cur.kids[index];
      }
    },
  };
}

/** A quote or bracket: what bracket matching stops at. */
const STRUCTURE = /["[\]{}]/g;
