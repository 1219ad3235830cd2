// The formatter: golden fixtures (test/fixtures/format: `x.strata` formats to
// `x.expected.strata`), then the safety properties on every fixture and example and on
// generated files: idempotent, the syntax tree (without positions) unchanged, comments, CRLF and
// BOM kept, no edits at all on syntax errors, range formatting confined to its lines.
// Generated files come from a grammar-aware fast-check generator of valid Strata with random
// whitespace, separators and comments (seed 20261123; STRATA_FUZZ_RUNS sets the run count).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { KINDS, LineIndex, MAX_DEPTH, parse, type TextEdit } from '../../../src/core';
import { applyTextEdits, formatDocument, formatRange, formatText, sameShape, treeShape, type FormatOptions } from '../../../src/core/services';
import { generateModel } from '../../../bench/generate';
import { EXAMPLES, FIXTURES, strataFiles } from '../../helpers/paths';

const SEED = 20261123;
const RUNS = Number(process.env.STRATA_FUZZ_RUNS ?? 500);
const FORMAT_FIXTURES = path.join(FIXTURES, 'format');

const shape = (text: string) => treeShape(parse(text).tree);
const hasSyntaxErrors = (text: string) => parse(text).diagnostics.length > 0;

/** The formatter's promises for one text, as assertions. */
function assertSafe(text: string, what: string, options: FormatOptions = {}): string {
  const r = formatDocument(text, options);
  if (hasSyntaxErrors(text)) {
    assert.equal(r.status, 'syntax-errors', what);
    assert.deepEqual(r.edits, [], `${what}: no edits on a file with syntax errors`);
    return text;
  }
  assert.equal(r.status, 'formatted', `${what}: the formatter's own safety check refused its result`);
  assert.equal(applyTextEdits(text, r.edits), r.text, `${what}: the edits give the text`);
  assert.equal(hasSyntaxErrors(r.text), false, `${what}: formatting added syntax errors`);
  assert.equal(shape(r.text), shape(text), `${what}: formatting changed the syntax tree`);
  const again = formatDocument(r.text, options);
  assert.deepEqual(again.edits, [], `${what}: not idempotent; the second run changes ${JSON.stringify(again.edits.slice(0, 3))}\n--- first result:\n${r.text}`);
  if (text.charCodeAt(0) === 0xfeff) assert.equal(r.text.charCodeAt(0), 0xfeff, `${what}: BOM lost`);
  const firstBreak = /\r\n|\n|\r/.exec(text)?.[0];
  if (firstBreak === '\r\n') assert.ok(!/\n/.test(r.text.replace(/\r\n/g, '')), `${what}: a bare LF in a CRLF file`);
  // Edits are sorted, do not overlap and touch only whitespace and separators.
  for (let i = 0; i < r.edits.length; i++) {
    const e = r.edits[i];
    if (i > 0) assert.ok(r.edits[i - 1].span.end <= e.span.start, `${what}: edits overlap or are out of order`);
    assert.match(text.slice(e.span.start, e.span.end), /^[\s;\ufeff]*$/, `${what}: an edit replaces more than whitespace`);
    assert.match(e.newText, /^[\s;\ufeff]*$/, `${what}: an edit inserts more than whitespace`);
  }
  return r.text;
}

/** Formats each line range and checks that nothing outside its lines changes. */
function assertRangeConfined(text: string, first: number, last: number, what: string): void {
  const lines = new LineIndex(text);
  const span = { start: lines.lineStart(first), end: lines.lineEnd(last) };
  const r = formatRange(text, span);
  if (hasSyntaxErrors(text)) return assert.deepEqual(r.edits, []);
  assert.equal(r.status, 'formatted', what);
  for (const e of r.edits) {
    assert.ok(e.span.start >= span.start && e.span.end <= span.end, `${what}: edit ${JSON.stringify(e)} outside lines ${first}-${last}`);
  }
  assert.equal(shape(r.text), shape(text), `${what}: range formatting changed the tree`);
}

const corpus = [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)].map((f) => ({ name: path.relative(FIXTURES, f), text: fs.readFileSync(f, 'utf8') }));

describe('services: format', () => {
  describe('golden fixtures (test/fixtures/format)', () => {
    const inputs = fs.readdirSync(FORMAT_FIXTURES).filter((f) => f.endsWith('.strata') && !f.endsWith('.expected.strata')).sort();
    for (const file of inputs) {
      it(file, () => {
        const input = fs.readFileSync(path.join(FORMAT_FIXTURES, file), 'utf8');
        const expectedFile = path.join(FORMAT_FIXTURES, file.replace(/\.strata$/, '.expected.strata'));
        const actual = formatText(input);
        if (process.env.UPDATE_SNAPSHOTS) fs.writeFileSync(expectedFile, actual);
        assert.equal(actual, fs.readFileSync(expectedFile, 'utf8'));
        assertSafe(input, file);
      });
    }
  });

  describe('options', () => {
    const text = 'host h {\nos: debian-12\n  engine e {\n      container c { memory: 1GiB; image: "x:1"; app y }\n  }\n}\n';
    it('indents with the editor’s tab size', () => {
      assert.equal(formatText(text, { tabSize: 4 }), 'host h {\n    os: debian-12\n    engine e {\n        container c { memory: 1GiB; image: "x:1"; app y }\n    }\n}\n');
    });
    it('indents with tabs when spaces are off', () => {
      assert.equal(formatText(text, { tabSize: 8, insertSpaces: false }), 'host h {\n\tos: debian-12\n\tengine e {\n\t\tcontainer c { memory: 1GiB; image: "x:1"; app y }\n\t}\n}\n');
    });
  });

  describe('line breaks, BOM, empty files', () => {
    it('keeps CRLF and the BOM', () => {
      assert.equal(formatText('\ufeffhost h {\r\n    os: debian-12  \r\n\r\n\r\n  app a }'), '\ufeffhost h {\r\n  os: debian-12\r\n\r\n  app a\r\n}\r\n');
    });
    it('leaves an empty file empty and empties a file of blank lines', () => {
      assert.deepEqual(formatDocument('').edits, []);
      assert.equal(formatText('  \n\t\n'), '');
      assert.equal(formatText('\ufeff\n\n'), '\ufeff');
    });
    it('adds one final line break, and keeps a lone comment', () => {
      assert.equal(formatText('host h { os: debian-12 }'), 'host h { os: debian-12 }\n');
      assert.equal(formatText('# just a comment'), '# just a comment\n');
    });
  });

  describe('minimal edits', () => {
    it('returns no edits for a formatted file', () => {
      const text = fs.readFileSync(path.join(FORMAT_FIXTURES, 'language-page.expected.strata'), 'utf8');
      assert.deepEqual(formatDocument(text).edits, []);
    });
    it('changes only the lines that need it, one edit per gap part', () => {
      const text = 'host h {\n  os: debian-12   \n      app a\n}\n';
      const edits = formatDocument(text).edits;
      assert.deepEqual(edits, [
        { span: { start: 24, end: 27 }, newText: '' },
        { span: { start: 28, end: 34 }, newText: '  ' },
      ] satisfies TextEdit[]);
    });
  });

  describe('the safety check', () => {
    it('tells trees apart by content, not by position', () => {
      const a = parse('host h { os: debian-12; app a }\n').tree;
      assert.equal(sameShape(a, parse('host   h {\n  os: debian-12\n  app a\n}\n').tree), true);
      assert.equal(sameShape(a, parse('host h { os: debian-11; app a }\n').tree), false);
      assert.equal(sameShape(a, parse('host h { os: debian-12; app a; app b }\n').tree), false);
      assert.equal(sameShape(a, parse('host h { os: debian-12 /* c */; app a }\n').tree), false, 'comments count');
      for (const { text } of corpus) assert.equal(sameShape(parse(text).tree, parse(formatText(text)).tree), treeShape(parse(text).tree) === treeShape(parse(formatText(text)).tree));
    });
  });

  describe('range formatting', () => {
    const messy = fs.readFileSync(path.join(FORMAT_FIXTURES, 'language-page.strata'), 'utf8');
    it('touches only the lines of the range', () => {
      const lines = new LineIndex(messy);
      for (let first = 0; first < lines.lineCount; first++) {
        for (const len of [0, 1, 3]) assertRangeConfined(messy, first, Math.min(lines.lineCount - 1, first + len), `lines ${first}-${first + len}`);
      }
    });
    it('formats the selected lines as the document formatter would', () => {
      const lines = new LineIndex(messy);
      const line = messy.split('\n').findIndex((l) => l.includes('memory:512GiB'));
      const r = formatRange(messy, { start: lines.lineStart(line), end: lines.lineEnd(line) });
      assert.equal(r.text.split('\n')[line], '  memory: 512GiB');
      assert.equal(r.text.split('\n').filter((l, i) => l !== messy.split('\n')[i]).length, 1);
    });
    it('does not touch the line a selection ends at the start of', () => {
      const text = 'host h {\n      os: debian-12\n      app a\n}\n';
      const r = formatRange(text, { start: 9, end: text.indexOf('      app') });
      assert.equal(r.text, 'host h {\n  os: debian-12\n      app a\n}\n');
    });
    it('gives nothing when the file has syntax errors', () => {
      assert.deepEqual(formatRange('host h {\n   os: : x\n}\n', { start: 0, end: 5 }).edits, []);
    });
  });

  describe('every fixture and example', () => {
    for (const { name, text } of corpus) {
      it(name, () => {
        const formatted = assertSafe(text, name);
        const crlf = '\ufeff' + text.replace(/^\ufeff/, '').replace(/\r?\n/g, '\r\n');
        const expected = hasSyntaxErrors(text) ? crlf : '\ufeff' + formatted.replace(/^\ufeff/, '').replace(/\r?\n/g, '\r\n');
        assert.equal(assertSafe(crlf, `${name} (BOM, CRLF)`), expected);
        assertSafe(text, `${name} (tabs)`, { insertSpaces: false });
        const lines = new LineIndex(text);
        for (let i = 0; i < lines.lineCount; i += 3) assertRangeConfined(text, i, Math.min(lines.lineCount - 1, i + 2), `${name} lines ${i}-${i + 2}`);
      });
    }
  });

  describe('limits', function () {
    this.timeout(60_000);
    it(`formats nesting ${MAX_DEPTH} deep, and leaves deeper files alone`, () => {
      const deep = (n: number) => 'group g0 {'.concat(...Array.from({ length: n - 1 }, (_, i) => ` group g${i + 1} {`), ' }'.repeat(n), '\n');
      const nested = (n: number) => Array.from({ length: n }, (_, i) => `group g${i} {`).join('\n') + '\n' + '}\n'.repeat(n);
      assertSafe(deep(MAX_DEPTH), 'one-line deep');
      const formatted = assertSafe(nested(MAX_DEPTH), 'multi-line deep');
      assert.ok(formatted.includes(`\n${'  '.repeat(MAX_DEPTH - 1)}group g${MAX_DEPTH - 1} {`));
      assert.deepEqual(formatDocument(nested(MAX_DEPTH + 5)).edits, []);
    });
    it('formats a generated 5,000-node model, idempotently, in well under a second', () => {
      const text = generateModel(5000).text.replace(/^( +)/gm, (m) => ' '.repeat(m.length * 2));
      const started = Date.now();
      const out = assertSafe(text, 'generated 5000');
      assert.equal(out, generateModel(5000).text);
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    });
  });

  describe(`generated files (fast-check, seed ${SEED}, ${RUNS} runs)`, function () {
    this.timeout(Math.max(60_000, RUNS * 50));
    it('are formatted idempotently with the tree, comments, CRLF and BOM unchanged; ranges stay in their lines', () => {
      fc.assert(
        fc.property(strataFile, ({ text }) => {
          assert.equal(hasSyntaxErrors(text), false, `the generator made an invalid file:\n${text}\n${JSON.stringify(parse(text).diagnostics.map((d) => d.message))}`);
          assertSafe(text, 'generated');
          const lines = new LineIndex(text);
          const first = text.length % lines.lineCount;
          assertRangeConfined(text, first, Math.min(lines.lineCount - 1, first + (text.length % 4)), 'generated range');
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------
// A generator of valid Strata text: a random tree of nodes, properties and links, written out
// with random (but valid) layout: spaces and tabs, `;` or line breaks, blank lines, one-line
// and multi-line blocks, `{` on the next line, trailing and own-line comments, multi-line block
// comments and lists; sometimes CRLF, sometimes a BOM.

type GValue = { t: 'scalar'; text: string } | { t: 'list'; items: string[] };
type GStatement =
  | { t: 'node'; kind: string; id: string; label?: string; body?: GStatement[] }
  | { t: 'prop'; key: string; value: GValue }
  | { t: 'link'; from: string; to: string; label?: string };

const kindSet = new Set<string>(KINDS);
const idArb = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,6}$/).filter((s) => !kindSet.has(s) && s !== 'true' && s !== 'false');
const stringArb = fc
  .array(fc.constantFrom('a', 'b', ' ', '#', '/', '*', '{', '}', ';', ':', '-', '>', 'é', '😀', '\\"', '\\\\'), { maxLength: 8 })
  .map((parts) => `"${parts.join('')}"`);
const scalarArb = fc.oneof(
  fc.constantFrom('4', '0.5', '64', '512MiB', '4GiB', '500m', '45s', 'true', 'false', 'ubuntu-22.04', 'runc', 'host', 'bridge', 'x86_64', '1.4.2'),
  stringArb,
  idArb,
);
const valueArb: fc.Arbitrary<GValue> = fc.oneof(
  { weight: 4, arbitrary: scalarArb.map((text) => ({ t: 'scalar' as const, text })) },
  { weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 4 }).map((items) => ({ t: 'list' as const, items })) },
);
const propArb: fc.Arbitrary<GStatement> = fc.record({
  t: fc.constant('prop' as const),
  key: fc.stringMatching(/^[a-z][a-z_]{0,6}$/),
  value: valueArb,
});
const linkArb: fc.Arbitrary<GStatement> = fc.record(
  { t: fc.constant('link' as const), from: idArb, to: idArb, label: stringArb },
  { requiredKeys: ['t', 'from', 'to'] },
);
const { statements } = fc.letrec<{ statement: GStatement; statements: GStatement[]; node: GStatement }>((tie) => ({
  statement: fc.oneof({ maxDepth: 4, depthIdentifier: 'tree' }, propArb, linkArb, tie('node')),
  statements: fc.array(tie('statement'), { maxLength: 5, depthIdentifier: 'tree' }),
  node: fc.record(
    { t: fc.constant('node' as const), kind: fc.constantFrom(...KINDS), id: idArb, label: stringArb, body: tie('statements') },
    { requiredKeys: ['t', 'kind', 'id'] },
  ),
}));

/** Writes statements with layout decided by a stream of random numbers. */
function write(tree: GStatement[], choices: number[]): string {
  let c = 0;
  const pick = (n: number) => choices[c++ % choices.length] % n;
  const chance = (percent: number) => pick(100) < percent;
  const ws = () => ['', '', ' ', ' ', '  ', '\t', ' \t '][pick(7)];
  const ws1 = () => [' ', ' ', '  ', '\t', '   '][pick(5)];
  const indent = () => ' '.repeat(pick(7)) + (chance(10) ? '\t' : '');
  const commentText = () => ['x', 'note: a -> b { }', 'strata', ' * / #', '😀 é'][pick(5)];
  const blockComment = (multiLine: boolean) => `/*${commentText()}${multiLine && chance(40) ? `\n${indent()}more ${commentText()}` : ''}*/`;
  const lineComment = () => (chance(50) ? '#' : '//') + (chance(70) ? ' ' : '') + commentText();
  /** Optional block comments between two tokens on a line (`multiLine`: they may span lines). */
  const between = (multiLine: boolean, needsSpace: boolean) => {
    let s = needsSpace ? ws1() : ws();
    if (chance(8)) s += blockComment(multiLine) + (needsSpace ? ws1() : ws());
    return s;
  };
  const newlines = () => '\n'.repeat(1 + (chance(25) ? 1 + pick(2) : 0));

  const value = (v: GValue, multiLine: boolean): string => {
    if (v.t === 'scalar') return v.text;
    let s = '[' + ws();
    v.items.forEach((item, i) => {
      s += item;
      const last = i === v.items.length - 1;
      if (!last || chance(20)) s += ws() + ',';
      if (multiLine && chance(25)) s += (chance(30) ? ws1() + lineComment() : ws()) + newlines() + indent();
      else s += last ? ws() : ws1();
    });
    return s + ']';
  };

  /** One statement, without separators. */
  const statement = (s: GStatement, depth: number, multiLine: boolean): string => {
    if (s.t === 'prop') return `${s.key}${between(multiLine, false)}:${between(multiLine, false)}${value(s.value, multiLine)}`;
    if (s.t === 'link') return `${s.from}${between(multiLine, false)}->${between(multiLine, false)}${s.to}${s.label !== undefined ? between(multiLine, false) + s.label : ''}`;
    let head = `${s.kind}${ws1()}${s.id}${s.label !== undefined ? between(multiLine, false) + s.label : ''}`;
    if (!s.body) return head;
    const bodyMultiLine = multiLine && (s.body.length > 1 ? chance(70) : chance(40));
    if (multiLine && chance(15)) head += (chance(30) ? ws1() + lineComment() : ws()) + newlines() + indent();
    else head += ws();
    return head + '{' + block(s.body, depth + 1, bodyMultiLine) + '}';
  };

  /** The inside of a block (or of the file): statements and separators, starting after `{`. */
  const block = (body: GStatement[], depth: number, multiLine: boolean): string => {
    let s = '';
    if (!multiLine) {
      s += ws();
      if (chance(10)) s += ';' + ws();
      body.forEach((st, i) => {
        s += statement(st, depth, false);
        if (i < body.length - 1) s += ws() + ';' + (chance(10) ? ';' : '') + ws1();
        else s += chance(15) ? ws() + ';' + ws() : ws();
        if (chance(5)) s += blockComment(false) + ws();
      });
      if (body.length && !s.endsWith(' ') && !s.endsWith('\t')) s += ' ';
      return s;
    }
    // Multi-line: a trailing comment after `{` sometimes, then one statement per line (or `;`).
    if (depth > 0 && chance(15)) s += ws1() + lineComment();
    s += newlines();
    body.forEach((st) => {
      if (chance(12)) s += indent() + (chance(50) ? lineComment() : blockComment(true)) + newlines();
      s += indent() + statement(st, depth, true);
      if (chance(15)) {
        s += ws() + ';' + ws(); // several statements on a line
        return;
      }
      if (chance(15)) s += ws1() + (chance(60) ? lineComment() : blockComment(false));
      s += ws() + (chance(10) ? ';' : '') + newlines();
    });
    if (chance(10)) s += indent() + lineComment() + newlines();
    return s + indent();
  };

  let text = block(tree, 0, true);
  if (chance(10)) text = text.trimEnd(); // no final line break
  if (chance(20)) text = text.replace(/\n/g, '\r\n');
  if (chance(10)) text = '\ufeff' + text;
  return text;
}

const strataFile = fc.tuple(statements, fc.array(fc.nat(), { minLength: 64, maxLength: 64 })).map(([tree, choices]) => ({ tree, text: write(tree, choices) }));
