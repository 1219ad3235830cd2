// Caret annotations for check tests: a line of only `^` (after spaces), optionally followed by
// text, marks an expected finding on the line above: its columns and a part of its message.
export interface Expected {
  /** Zero-based line in the cleaned text. */
  readonly line: number;
  readonly startCol: number;
  readonly endCol: number;
  readonly messagePart: string;
}

const MARKER = /^(\s*)(\^+)\s*(.*)$/;

export function parseAnnotated(source: string): { text: string; expected: Expected[] } {
  const out: string[] = [];
  const expected: Expected[] = [];
  for (const line of source.split('\n')) {
    const m = MARKER.exec(line);
    if (m && out.length > 0) {
      expected.push({ line: out.length - 1, startCol: m[1].length, endCol: m[1].length + m[2].length, messagePart: m[3].trim() });
    } else out.push(line);
  }
  return { text: out.join('\n'), expected };
}

/** Remove marker lines (for docs). */
export function stripAnnotations(source: string): string {
  return parseAnnotated(source).text;
}
