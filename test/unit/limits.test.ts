// Limits: very deep nesting, very long lines and very long files never overflow the stack or
// hang, and the number of findings stays bounded. (Speed is measured by `npm run bench`.)
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { MAX_DEPTH } from '../../src/core/syntax/parser';

function assertSane(text: string): ReturnType<typeof analyze> {
  const a = analyze(text);
  for (const f of a.findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length);
  assert.equal(a.findings.filter((f) => f.rule === 'internal-error').length, 0);
  return a;
}

describe('limits', function () {
  this.timeout(60_000);

  for (const depth of [1_000, 10_000, 100_000]) {
    it(`nested nodes ${depth.toLocaleString('en')} deep: one "nested too deeply" error, no overflow`, () => {
      const a = assertSane('group g {\n'.repeat(depth) + '}\n'.repeat(depth));
      assert.equal(a.findings.filter((f) => /Nested too deeply/.test(f.message)).length, 1);
      assert.ok(a.model.nodes.length <= MAX_DEPTH + 1);
    });
    it(`bare braces ${depth.toLocaleString('en')} deep: no overflow, bounded findings`, () => {
      const a = assertSane('{'.repeat(depth) + '}'.repeat(depth));
      assert.ok(a.findings.length <= 1001);
    });
  }

  it('a nesting just under the limit binds and checks every level', () => {
    const depth = MAX_DEPTH - 1;
    const a = assertSane('group g0 {\n' + Array.from({ length: depth - 1 }, (_, i) => `group g${i + 1} {\n`).join('') + '}\n'.repeat(depth));
    assert.equal(a.model.nodes.length, depth);
    assert.equal(a.findings.length, 0);
  });

  it('a single 1 MB line of junk: bounded findings ("N more" summary)', () => {
    const a = assertSane('@'.repeat(1_000_000));
    assert.ok(a.findings.length <= 1001, `${a.findings.length} findings`);
  });

  it('1 MB of double quotes', () => {
    const a = assertSane('"'.repeat(1_000_000));
    assert.ok(a.findings.length <= 1001);
  });

  it('a 1 MB line of valid statements separated by semicolons', () => {
    const a = assertSane('host h { os: debian-12; ' + Array.from({ length: 40_000 }, (_, i) => `app a${i}`).join('; ') + ' }');
    assert.equal(a.model.nodes.length, 40_001);
    for (const f of a.findings) assert.ok((f.related?.length ?? 0) <= 50, 'related locations are capped');
  });

  it('100,000 lines', () => {
    const lines: string[] = [];
    for (let h = 0; lines.length < 100_000; h++) lines.push(`host h${h} {`, '  os: debian-12', '  cpu: 4', '  memory: 8GiB', `  app a${h} { memory: 1GiB }`, '}');
    const a = assertSane(lines.join('\n'));
    assert.ok(a.model.nodes.length > 30_000);
    assert.equal(a.findings.length, 0);
  });

  it('many errors: at most 1,000 syntax findings plus one summary', () => {
    const a = assertSane('host h { memory: : x }\n'.repeat(5_000));
    const syntax = a.findings.filter((f) => f.rule === 'syntax');
    assert.equal(syntax.length, 1001);
    assert.match(syntax[syntax.length - 1].message, /more syntax errors are not shown/);
  });

  it('astral characters, lone surrogates and CRLF: offset ↔ position is the identity', () => {
    const text = 'host h1 { os: "😀\ud800x" }\r\n# é 😀\r\nhost h2 { os: debian-12 }\r\n';
    const a = assertSane(text);
    for (let o = 0; o <= text.length; o++) {
      const p = a.lines.positionAt(o);
      const back = a.lines.offsetAt(p);
      // Offsets inside a CRLF pair map to the line end; everything else round-trips.
      if (!(text[o - 1] === '\r' && text[o] === '\n')) assert.equal(back, o, `offset ${o}`);
    }
  });
});
