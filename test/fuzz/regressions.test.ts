// The regression fixtures of the fuzz suite (test/fixtures/fuzz/*.json): inputs that once broke
// an invariant, each run through the same invariants as the fuzzer's inputs
// (test/fuzz/invariants.ts), with the services probed at every offset and every fix and
// suppression applied, under each of a few option choices.
import * as assert from 'node:assert/strict';
import { regressionFixtures } from './generators';
import { exercise, newFigures } from './invariants';

describe('fuzz regressions (test/fixtures/fuzz)', function () {
  this.timeout(60_000);
  const fixtures = regressionFixtures();

  it('has fixtures, each saying what it found', () => {
    assert.ok(fixtures.length > 0, 'no fixture in test/fixtures/fuzz');
    for (const f of fixtures) {
      assert.equal(typeof f.text, 'string', `${f.name}: "text"`);
      assert.ok(typeof f.found === 'string' && f.found.length > 0, `${f.name}: "found" says what failed`);
    }
  });

  for (const f of fixtures) {
    it(`${f.name}: ${f.found.split('\n')[0].slice(0, 100)}`, () => {
      // Every offset and every fix once; then the other choices `pick` makes (the formatter's
      // options, the theme, the fold) at a few offsets.
      exercise(f.text, { offsets: Array.from({ length: f.text.length + 1 }, (_, i) => i), pick: 0, allFixes: true }, newFigures());
      for (const pick of [1, 2, 3, 4, 5, 6]) exercise(f.text, { offsets: [pick * 7, pick * 31, pick * 101], pick }, newFigures());
    });
  }
});
