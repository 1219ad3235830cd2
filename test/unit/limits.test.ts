// Limits: very deep nesting, very long lines and very long files never overflow the stack or
// hang anywhere (parser, checks, editor services, formatter, both renderers, Markdown), and the
// number of findings and outline entries stays bounded. Each input's time per layer is printed
// (speed itself is measured by `npm run bench`; the bounds here only catch a hang).
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { renderMarkdown } from '../../src/core/output/markdown';
import { renderLayersSvg } from '../../src/core/render/layers';
import { renderMermaid } from '../../src/core/render/mermaid';
import { MAX_DEPTH } from '../../src/core/syntax/parser';
import {
  MAX_SYMBOLS,
  codeActions,
  codeLenses,
  complete,
  documentSymbols,
  foldingRanges,
  formatDocument,
  hover,
  inlayHints,
  selectionRangeAt,
  semanticTokens,
} from '../../src/core/services';

/** Every layer on one text; returns ms per layer. */
function everything(text: string): Record<string, number> {
  const ms: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    ms[name] = performance.now() - t0;
    return r;
  };
  const a = time('analyze', () => analyze(text));
  for (const f of a.findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length);
  assert.equal(a.findings.filter((f) => f.rule === 'internal-error').length, 0);
  const mid = text.length >> 1;
  time('services', () => {
    complete(a, mid);
    hover(a, mid);
    selectionRangeAt(a, mid);
    codeActions(a, { start: 0, end: text.length });
    foldingRanges(a);
    semanticTokens(a);
    inlayHints(a, { start: 0, end: text.length });
    codeLenses(a);
  });
  const symbols = time('symbols', () => documentSymbols(a));
  let listed = 0;
  for (const stack = [...symbols]; stack.length; listed++) stack.push(...stack.pop()!.children);
  assert.ok(listed <= MAX_SYMBOLS, `${listed} outline entries`);
  time('format', () => formatDocument(text));
  time('svg', () => renderLayersSvg(a));
  time('mermaid', () => renderMermaid(a));
  time('markdown', () => renderMarkdown(a));
  return ms;
}

const figures: string[] = [];
function sane(name: string, text: string): ReturnType<typeof analyze> {
  const ms = everything(text);
  const total = Object.values(ms).reduce((x, y) => x + y, 0);
  const mb = text.length / 1e6;
  figures.push(`${name.padEnd(44)} ${(text.length / 1e3).toFixed(0).padStart(6)} KB  ${total.toFixed(0).padStart(6)} ms  ${mb >= 0.1 ? `${(total / mb).toFixed(0).padStart(5)} ms/MB` : '          '}  (${Object.entries(ms).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')})`);
  return analyze(text);
}

describe('limits', function () {
  this.timeout(120_000);
  after(() => {
    console.log('      every layer on each input (analyze, services, symbols, format, svg, mermaid, markdown):');
    for (const f of figures) console.log(`        ${f}`);
  });

  for (const depth of [1_000, 10_000, 100_000]) {
    it(`nested nodes ${depth.toLocaleString('en')} deep: one "nested too deeply" error, no overflow anywhere`, () => {
      const a = sane(`nested nodes ${depth.toLocaleString('en')} deep`, 'group g {\n'.repeat(depth) + '}\n'.repeat(depth));
      assert.equal(a.findings.filter((f) => /Nested too deeply/.test(f.message)).length, 1);
      assert.ok(a.model.nodes.length <= MAX_DEPTH + 1);
    });
    it(`bare braces ${depth.toLocaleString('en')} deep: no overflow anywhere, bounded findings`, () => {
      const a = sane(`bare braces ${depth.toLocaleString('en')} deep`, '{'.repeat(depth) + '}'.repeat(depth));
      assert.ok(a.findings.length <= 1001);
    });
  }

  it('a nesting just under the limit binds and checks every level, and every layer copes', () => {
    const depth = MAX_DEPTH - 1;
    const a = sane(`nesting of ${depth} (just under the limit)`, 'group g0 {\n' + Array.from({ length: depth - 1 }, (_, i) => `group g${i + 1} {\n`).join('') + '}\n'.repeat(depth));
    assert.equal(a.model.nodes.length, depth);
    assert.equal(a.findings.length, 0);
  });

  it('a single 1 MB line of junk: bounded findings ("N more" summary)', () => {
    const a = sane('a 1 MB line of junk', '@'.repeat(1_000_000));
    assert.ok(a.findings.length <= 1001, `${a.findings.length} findings`);
  });

  it('1 MB of double quotes', () => {
    const a = sane('1 MB of double quotes', '"'.repeat(1_000_000));
    assert.ok(a.findings.length <= 1001);
  });

  it('a 1 MB line of valid statements separated by semicolons', () => {
    const a = sane('one line of 40,000 statements', 'host h { os: debian-12; ' + Array.from({ length: 40_000 }, (_, i) => `app a${i}`).join('; ') + ' }');
    assert.equal(a.model.nodes.length, 40_001);
    for (const f of a.findings) assert.ok((f.related?.length ?? 0) <= 50, 'related locations are capped');
  });

  for (const size of [10_000, 100_000]) {
    it(`${size.toLocaleString('en')} lines`, () => {
      const lines: string[] = [];
      for (let h = 0; lines.length < size; h++) lines.push(`host h${h} {`, '  os: debian-12', '  cpu: 4', '  memory: 8GiB', `  app a${h} { memory: 1GiB }`, '}');
      const a = sane(`${size.toLocaleString('en')} lines`, lines.join('\n'));
      assert.ok(a.model.nodes.length > size / 3.5);
      assert.equal(a.findings.length, 0);
    });
  }

  it('many errors: at most 1,000 syntax findings plus one summary', () => {
    const a = sane('5,000 lines with a syntax error each', 'host h { memory: : x }\n'.repeat(5_000));
    const syntax = a.findings.filter((f) => f.rule === 'syntax');
    assert.equal(syntax.length, 1001);
    assert.match(syntax[syntax.length - 1].message, /more syntax errors are not shown/);
  });

  it('astral characters, lone surrogates and CRLF: offset ↔ position is the identity', () => {
    const text = 'host h1 { os: "😀\ud800x" }\r\n# é 😀\r\nhost h2 { os: debian-12 }\r\n';
    const a = analyze(text);
    for (let o = 0; o <= text.length; o++) {
      const p = a.lines.positionAt(o);
      const back = a.lines.offsetAt(p);
      // Offsets inside a CRLF pair map to the line end; everything else round-trips.
      if (!(text[o - 1] === '\r' && text[o] === '\n')) assert.equal(back, o, `offset ${o}`);
    }
  });
});
