// Cursor markers for the services' tests: a fixture marks the cursor with `$0` (or, when it has
// no `$0`, with `|`), and `withCursor` removes the marker and gives the offset. Also fixture
// expectations written as comments (`# expect: a, b`), and applying text edits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis, type TextEdit } from '../../../src/core';
import { FIXTURES } from '../../helpers/paths';

export interface Cursor {
  readonly text: string;
  readonly offset: number;
}

/** The text without its cursor marker, and the marker's offset. Exactly one marker is required. */
export function withCursor(marked: string): Cursor {
  const marker = marked.includes('$0') ? '$0' : '|';
  const offset = marked.indexOf(marker);
  assert.ok(offset >= 0, `no cursor marker (${marker}) in ${JSON.stringify(marked)}`);
  assert.equal(marked.indexOf(marker, offset + 1), -1, `more than one cursor marker (${marker})`);
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

/** Analyzes a marked text: the analysis and the cursor offset. */
export function at(marked: string): { analysis: Analysis; offset: number; text: string } {
  const { text, offset } = withCursor(marked);
  return { analysis: analyze(text), offset, text };
}

/** The offset of the `n`-th occurrence (0-based) of `needle` in `text`, plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0, n = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `'${needle}' (occurrence ${n}) not found`);
  }
  return i + delta;
}

/** The text a span covers. */
export function textOf(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    assert.ok(e.span.end <= limit, 'edits overlap');
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    limit = e.span.start;
  }
  return out;
}

export const SERVICE_FIXTURES = path.join(FIXTURES, 'services');

/** A fixture file with a cursor marker and its `# key: value` expectation comments. */
export interface CursorFixture extends Cursor {
  readonly name: string;
  readonly expectations: ReadonlyMap<string, string[]>;
}

const LIST_KEYS = new Set(['expect', 'reject', 'exactly', 'snippets']);

/** Every `.strata` fixture in a folder of test/fixtures/services. */
export function cursorFixtures(folder: string): CursorFixture[] {
  const dir = path.join(SERVICE_FIXTURES, folder);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.strata'))
    .sort()
    .map((file) => {
      const marked = fs.readFileSync(path.join(dir, file), 'utf8');
      const expectations = new Map<string, string[]>();
      for (const m of marked.matchAll(/^# ([a-z-]+):[ \t]*(.*)$/gm)) {
        // Lists of labels are comma-separated; any other expectation is one phrase per line.
        const values = LIST_KEYS.has(m[1]) ? m[2].split(',').map((v) => v.trim()).filter(Boolean) : [m[2].trim()];
        expectations.set(m[1], [...(expectations.get(m[1]) ?? []), ...values]);
      }
      return { name: file, expectations, ...withCursor(marked) };
    });
}
