// Property tests (fast-check, fixed seed): random text, token soup and mangled fixtures never
// make parse or analyze throw; ranges stay inside the document; tokens give back the input.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { analyze } from '../../src/core';
import { Tok, pieces } from '../../src/core/syntax/scanner';
import { EXAMPLES, FIXTURES, strataFiles } from '../helpers/paths';

const SEED = 20261123;
const RUNS = Number(process.env.STRATA_FUZZ_RUNS ?? 1000);

const corpus = [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)].map((f) => fs.readFileSync(f, 'utf8'));

const TOKENS = [
  'host', 'vm', 'hypervisor', 'engine', 'pod', 'container', 'app', 'tenant', 'group', 'h1', 'web', 'ubuntu-22.04',
  '{', '}', '[', ']', ':', ';', ',', '->', '"', '"x"', '\\', '#', '//', '/*', '*/', '\n', '\r\n', ' ', '\t',
  '4GiB', '500m', '45s', '0.5', '1.4.2', 'memory', 'cpu', 'os', 'tenant:', 'runtime', 'gvisor', 'kata', 'true',
  '# strata-ignore missing-os: x', '\u0000', '\ud800', '😀', 'é',
];

function checkInvariants(text: string): void {
  const a = analyze(text);
  let joined = '';
  for (const piece of pieces(a.tokens)) {
        if (piece.kind === Tok.Whitespace) assert.match(text.slice(piece.start, piece.end), /^[ \t\f\v\ufeff]+$/);
        joined += text.slice(piece.start, piece.end);
      }
  assert.equal(joined, text);
  for (const f of a.findings) {
    assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `finding range ${JSON.stringify(f.span)} in ${text.length}`);
    for (const r of f.related ?? []) assert.ok(r.span.start >= 0 && r.span.end <= text.length);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.span.start >= 0 && e.span.end <= text.length && e.span.start <= e.span.end);
  }
  assert.equal(a.findings.filter((f) => f.rule === 'internal-error').length, 0, 'no check crashed');
}

describe('properties (fast-check)', function () {
  this.timeout(300_000);

  it('random Unicode text: never throws, ranges inside, lossless', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkInvariants), { seed: SEED, numRuns: RUNS });
  });

  it('token soup: never throws, ranges inside, lossless', () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((t) => t.join(''));
    fc.assert(fc.property(soup, checkInvariants), { seed: SEED, numRuns: RUNS });
  });

  it('mangled fixtures (cuts, duplications, insertions): never throws', () => {
    const mangled = fc
      .tuple(fc.integer({ min: 0, max: corpus.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...TOKENS)), { maxLength: 6 }))
      .map(([i, ops]) => {
        let t = corpus[i];
        for (const [pos, len, op, tok] of ops) {
          const at = t.length ? pos % t.length : 0;
          if (op === 0) t = t.slice(0, at) + t.slice(at + len);
          else if (op === 1) t = t.slice(0, at) + t.slice(at, at + len) + t.slice(at);
          else t = t.slice(0, at) + tok + t.slice(at);
        }
        return t;
      });
    fc.assert(fc.property(mangled, checkInvariants), { seed: SEED, numRuns: RUNS });
  });
});
