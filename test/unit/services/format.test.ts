// The formatter: golden fixtures (test/fixtures/format: `x.strata` formats to
// `x.expected.strata`), then the safety properties (test/helpers/formatSafety.ts) on every
// fixture and example: idempotent, the syntax tree (without positions) unchanged, comments, CRLF
// and BOM kept, no edits at all on syntax errors, range formatting confined to its lines.
// The same properties on 10,000 generated and mangled files are in the fuzz suite (test/fuzz).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex, MAX_DEPTH, parse, type TextEdit } from '../../../src/core';
import { formatDocument, formatRange, formatText, sameShape, treeShape } from '../../../src/core/services';
import { generateModel } from '../../../bench/generate';
import { assertRangeConfined, assertSafe, hasSyntaxErrors } from '../../helpers/formatSafety';
import { EXAMPLES, FIXTURES, strataFiles } from '../../helpers/paths';

const FORMAT_FIXTURES = path.join(FIXTURES, 'format');

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
});

