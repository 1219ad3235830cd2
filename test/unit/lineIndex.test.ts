// Position encoding: LineIndex (src/core/text/lineIndex.ts) is the one place offsets become
// {line, character}; the extension (analysisCache.ts, diagnostics.ts, config.ts, inlayHints.ts,
// previewPanel.ts), the CLI outputs (text, JSON, GitHub, SARIF) and the HTML/Markdown line numbers
// all go through it. Characters are UTF-16 code units, as in VS Code and LSP. What it must do:
// - offset → position → offset is the identity for every offset (an offset between the CR and
//   the LF of a CRLF is not a position: it maps to the line's end, as in VS Code);
// - position → offset → position is the identity for every valid position;
// - it agrees with a reference converter that splits lines the way VS Code's text model does
//   (CRLF, LF and a lone CR are line breaks; U+2028, U+2029 and U+0085 are not), on emoji,
//   astral characters, lone surrogates, a BOM and mixed line breaks, fixed and random (fast-check).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, LineIndex } from '../../src/core';

/** A reference converter, written the obvious way: lines as VS Code's text model splits them. */
class Reference {
  readonly lines: string[] = [];
  readonly starts: number[] = [];
  constructor(readonly text: string) {
    const re = /\r\n|\r|\n/g;
    let at = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      this.lines.push(text.slice(at, m.index));
      this.starts.push(at);
      at = m.index + m[0].length;
    }
    this.lines.push(text.slice(at));
    this.starts.push(at);
  }
  offsetAt(line: number, character: number): number {
    return this.starts[line] + character;
  }
  positionAt(offset: number): { line: number; character: number } {
    let line = 0;
    while (line + 1 < this.starts.length && this.starts[line + 1] <= offset) line++;
    return { line, character: Math.min(offset - this.starts[line], this.lines[line].length) };
  }
}

const insideCrlf = (text: string, o: number) => text[o - 1] === '\r' && text[o] === '\n';

type Index = Pick<LineIndex, 'lineCount' | 'positionAt' | 'offsetAt' | 'lineStart' | 'lineEnd'>;

function assertRoundTrips(text: string, make: (text: string) => Index = (t) => new LineIndex(t)): void {
  const index = make(text);
  const ref = new Reference(text);
  const what = JSON.stringify(text.length > 80 ? text.slice(0, 80) + '…' : text);
  assert.equal(index.lineCount, ref.lines.length, `${what}: line count`);
  for (let o = 0; o <= text.length; o++) {
    const p = index.positionAt(o);
    assert.deepEqual(p, ref.positionAt(o), `${what}: positionAt(${o})`);
    assert.ok(p.line >= 0 && p.line < index.lineCount && p.character >= 0 && p.character <= ref.lines[p.line].length, `${what}: positionAt(${o}) is a valid position`);
    const back = index.offsetAt(p);
    if (insideCrlf(text, o)) assert.equal(back, o - 1, `${what}: ${o} inside a CRLF maps to the line end`);
    else assert.equal(back, o, `${what}: offset ${o} → ${JSON.stringify(p)} → ${back}`);
  }
  for (let line = 0; line < ref.lines.length; line++) {
    assert.equal(index.lineStart(line), ref.starts[line], `${what}: lineStart(${line})`);
    assert.equal(index.lineEnd(line), ref.starts[line] + ref.lines[line].length, `${what}: lineEnd(${line})`);
    for (let character = 0; character <= ref.lines[line].length; character++) {
      const o = index.offsetAt({ line, character });
      assert.equal(o, ref.offsetAt(line, character), `${what}: offsetAt(${line}:${character})`);
      assert.deepEqual(index.positionAt(o), { line, character }, `${what}: ${line}:${character} → ${o} → back`);
    }
  }
}

const CASES: readonly string[] = [
  '',
  'host h1 { os: debian-12 }',
  'a\nb\r\nc\rd',
  '\r\n\r\n',
  '\n\r',
  '\r\r\n\n',
  '\ufeffhost h { os: "😀" }\r\n',
  '😀\r\n🐳🚀\n𝕏\r',
  'lone \ud800 high, lone \udc00 low, pair \ud83d\ude00, reversed \ude00\ud83d\r\n',
  'x\u2028y\u2029z\u0085w\r\n',
  '\t\t# é 中文 한국어 😀\r\n  host h2 "𝕏 label" {}\r\n',
  'ends in a lone CR\r',
  'ends in CRLF\r\n',
];

describe('position encoding (LineIndex)', () => {
  it('round-trips every offset and every position on emoji, astral, lone surrogates, BOM, CRLF, lone CR', () => {
    for (const text of CASES) assertRoundTrips(text);
  });

  it('counts UTF-16 code units: a position after an emoji is two characters further', () => {
    const index = new LineIndex('a😀b\r\n𝕏c');
    assert.deepEqual(index.positionAt(3), { line: 0, character: 3 });
    assert.deepEqual(index.positionAt(4), { line: 0, character: 4 });
    assert.deepEqual(index.positionAt(6), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(8), { line: 1, character: 2 });
    assert.equal(index.offsetAt({ line: 1, character: 2 }), 8);
  });

  it('clamps what is outside the text instead of throwing', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
    assert.equal(index.offsetAt({ line: -1, character: 0 }), 0);
    assert.equal(index.offsetAt({ line: 7, character: 0 }), 6);
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2, 'past the end of a line: its end, not into the CRLF');
  });

  it('finding ranges of a model full of emoji and CRLF select exactly the finding’s text', () => {
    const text = '\ufeff# 😀 model\r\nhost h1 "🐳 rack" {\r\n  os: "𝕏-os 😀"\r\n  memroy: 4GiB\r\n}\r\nh1 -> n😀pe\r\n';
    const a = analyze(text);
    const ref = new Reference(text);
    assert.ok(a.findings.length >= 2);
    for (const f of a.findings) {
      const r = a.lines.rangeOf(f.span);
      assert.equal(ref.offsetAt(r.start.line, r.start.character), f.span.start, f.message);
      assert.equal(ref.offsetAt(r.end.line, r.end.character), f.span.end, f.message);
    }
  });

  it('round-trips random text (fast-check, seed 20261201, 2,000 runs)', () => {
    const pieces = ['a', 'host', ' ', '\t', '\n', '\r', '\r\n', '\ufeff', '😀', '𝕏', '\ud800', '\udfff', 'é', '\u2028', '\u0085', '"', '{', '}'];
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        assertRoundTrips(text);
      }),
      { seed: 20261201, numRuns: 2000 },
    );
  });

  it('(the checks can fail: a converter that ignores CR, or counts code points, is caught)', () => {
    // As if lines were split at LF only (a lone CR and the CR of a CRLF are ordinary characters).
    const lfOnly = (t: string) => new LineIndex(t.replace(/\r/g, ' '));
    assert.throws(() => assertRoundTrips('a\rb', lfOnly), /line count/);
    assert.throws(() => assertRoundTrips('a\r\nb', lfOnly), /positionAt\(2\)/);
    // As if characters were code points: an emoji counts once.
    const codePoints = (t: string): Index => {
      const real = new LineIndex(t);
      return {
        lineCount: real.lineCount,
        lineStart: (l) => real.lineStart(l),
        lineEnd: (l) => real.lineEnd(l),
        positionAt: (o) => {
          const p = real.positionAt(o);
          return { line: p.line, character: [...t.slice(real.lineStart(p.line), o)].length };
        },
        offsetAt: (p) => real.offsetAt(p),
      };
    };
    assert.throws(() => assertRoundTrips('a😀b', codePoints), /positionAt\(3\)/);
    assertRoundTrips('a😀b');
  });
});
