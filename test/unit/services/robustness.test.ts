// Every service, at every offset of every fixture (and at the end of every prefix of them, as a
// person typing it would see), answers without throwing, with spans inside the text; rename
// edits from anywhere keep the text analyzable with the same findings. Random text, token soup
// and generated models through the same services are in the fuzz suite (test/fuzz).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze, type Analysis, type Span } from '../../../src/core';
import {
  complete,
  definition,
  documentHighlights,
  documentSymbols,
  foldingRanges,
  hover,
  prepareRename,
  references,
  rename,
  selectionRangeAt,
} from '../../../src/core/services';
import { EXAMPLES, FIXTURES, strataFiles } from '../../helpers/paths';
import { applyEdits } from './cursor';

const files = [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)].map((f) => ({ name: f.slice(FIXTURES.length - 'fixtures'.length), text: fs.readFileSync(f, 'utf8') }));

function inside(span: Span, text: string, what: string): void {
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: span ${JSON.stringify(span)} outside a text of ${text.length}`);
}

function everyServiceAt(a: Analysis, offset: number): void {
  const text = a.text;
  for (const item of complete(a, offset)) inside(item.span, text, 'completion');
  for (const trigger of [':', ' ', '>']) complete(a, offset, { triggerCharacter: trigger });
  const h = hover(a, offset);
  if (h) inside(h.span, text, 'hover');
  for (const s of definition(a, offset)) inside(s, text, 'definition');
  for (const s of references(a, offset)) inside(s, text, 'references');
  for (const s of documentHighlights(a, offset)) inside(s.span, text, 'highlights');
  const p = prepareRename(a, offset);
  if (!('error' in p)) inside(p.span, text, 'prepareRename');
  inside(selectionRangeAt(a, offset).span, text, 'selection');
}

describe('services: robustness', function () {
  this.timeout(120_000);

  for (const { name, text } of files) {
    it(`${name}: every service at every offset`, () => {
      const a = analyze(text);
      documentSymbols(a);
      foldingRanges(a);
      for (let offset = 0; offset <= text.length; offset++) everyServiceAt(a, offset);
    });
  }

  it('completion and hover at the end of every prefix of every fixture (typing it)', () => {
    for (const { text } of files) {
      const step = Math.max(1, Math.floor(text.length / 400));
      for (let end = 0; end <= text.length; end += step) {
        const prefix = text.slice(0, end);
        const a = analyze(prefix);
        complete(a, end);
        hover(a, Math.max(0, end - 1));
      }
    }
  });

  it('renaming any name to a fresh one keeps the findings', () => {
    for (const { name, text } of files.filter((f) => f.name.includes('services') || f.name.includes('example'))) {
      const a = analyze(text);
      const before = a.findings.map((f) => f.rule).sort();
      const seen = new Set<string>();
      for (let offset = 0; offset <= text.length; offset++) {
        const p = prepareRename(a, offset);
        if ('error' in p || seen.has(`${p.symbol.kind}:${p.symbol.name}`)) continue;
        seen.add(`${p.symbol.kind}:${p.symbol.name}`);
        const r = rename(a, offset, 'fresh_name-1');
        assert.ok(!('error' in r), `${name} @${offset}: ${'error' in r ? r.error : ''}`);
        assert.deepEqual(analyze(applyEdits(text, r.edits)).findings.map((f) => f.rule).sort(), before, `${name}: renaming ${p.symbol.kind} '${p.symbol.name}'`);
      }
    }
  });

  it('the lazy analysis gives the same findings as analyze', () => {
    for (const { text } of files) assert.deepEqual(analyze(text, { lazyChecks: true }).findings, analyze(text).findings);
  });
});
