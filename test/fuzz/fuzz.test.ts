// The fuzz suite (fast-check): random Unicode, token soup, valid files with random layout,
// grammar-aware models and mutated fixtures, every one through everything the core does with a
// document (test/fuzz/invariants.ts). In the unit run (CI): 10,000 inputs with a fixed seed.
// `npm run test:fuzz` runs the long version (test/fuzz/long.ts).
//   STRATA_FUZZ_RUNS     inputs in all (default 10,000), shared by the generators below
//   STRATA_FUZZ_SEED     the seed (default 20261123)
//   STRATA_FUZZ_SECONDS  a time budget: each generator stops after its share of it
//   STRATA_FUZZ_ONLY     run one generator (unicode, soup, layout, model, mutated, positions)
//   STRATA_FUZZ_PATH     with the seed and ONLY of a failure: replay just that failing case
// On a failure: the seed, the path and the shrunk counterexample are printed with the command
// that replays it, and the input is written to out/fuzz-failures/<generator>-<seed>.json in the
// format of test/fixtures/fuzz (copy it there when the bug is fixed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from '../../src/core';
import { hasSyntaxErrors } from '../helpers/formatSafety';
import { ROOT } from '../helpers/paths';
import { corpus, modelFile, mutated, positionText, strataFile, tokenSoup, unicodeText } from './generators';
import { exercise, figures, newFigures, resetFigures, type Probe } from './invariants';

export const SEED = Number(process.env.STRATA_FUZZ_SEED ?? 20261123);
export const TOTAL_RUNS = Number(process.env.STRATA_FUZZ_RUNS ?? 10_000);
const SECONDS = process.env.STRATA_FUZZ_SECONDS ? Number(process.env.STRATA_FUZZ_SECONDS) : undefined;
const ONLY = process.env.STRATA_FUZZ_ONLY;
const REPLAY = process.env.STRATA_FUZZ_PATH;
/** How long fast-check may shrink a failing input. */
const SHRINK_SECONDS = 20;

const probe: fc.Arbitrary<Probe> = fc.record({ offsets: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), pick: fc.nat() });

/** The generators and their shares of the runs. */
/** `valid`: the generator promises text without syntax errors (checked too). */
const GENERATORS: readonly { name: string; slug: string; share: number; arbitrary: () => fc.Arbitrary<string>; valid?: true }[] = [
  { name: 'random Unicode (lone surrogates, controls, BOM, CR, astral)', slug: 'unicode', share: 0.15, arbitrary: () => unicodeText },
  { name: 'token soup of the language’s real tokens', slug: 'soup', share: 0.15, arbitrary: () => tokenSoup },
  { name: 'valid syntax with random layout', slug: 'layout', share: 0.2, arbitrary: () => strataFile, valid: true },
  { name: 'grammar-aware models (real kinds, properties, catalogue)', slug: 'model', share: 0.25, arbitrary: () => modelFile },
  { name: 'fixtures, examples and models with cuts, duplications and insertions', slug: 'mutated', share: 0.2, arbitrary: () => mutated(corpus()) },
  { name: 'position encoding (astral, combining, CRLF, lone CR and surrogates)', slug: 'positions', share: 0.05, arbitrary: () => positionText },
];

/** Runs per generator: shares of the total, rounded, adding up to exactly the total. */
function runsPerGenerator(total: number): number[] {
  const runs = GENERATORS.map((g) => Math.floor(g.share * total));
  runs[runs.length - 1] += total - runs.reduce((x, y) => x + y, 0);
  return runs;
}

describe(`fuzz (fast-check, seed ${SEED}, ${SECONDS ? `${SECONDS} s` : `${TOTAL_RUNS.toLocaleString('en')} inputs`})`, function () {
  this.timeout(SECONDS ? SECONDS * 1000 + 600_000 : Math.max(120_000, TOTAL_RUNS * 30));
  const runs = runsPerGenerator(TOTAL_RUNS);
  let started = 0;
  let failed = 0;
  let thrown = 0;

  before(() => {
    resetFigures();
    started = Date.now();
  });

  GENERATORS.forEach((g, i) => {
    (ONLY === undefined || ONLY === g.slug ? it : it.skip)(`${g.name}: ${SECONDS ? `${Math.round(g.share * SECONDS)} s` : `${runs[i].toLocaleString('en')} inputs`}`, () => {
      // Shrinking re-runs everything on each smaller candidate: after SHRINK_SECONDS it stops
      // (candidates then pass) and the smallest failing input so far is reported.
      let failedAt: number | undefined;
      const scratch = newFigures();
      const details = fc.check(
        fc.property(g.arbitrary(), probe, (text, p) => {
          if (failedAt !== undefined && Date.now() - failedAt > SHRINK_SECONDS * 1000) return true;
          try {
            if (g.valid) assert.equal(hasSyntaxErrors(text), false, `the generator made an invalid file: ${JSON.stringify(parse(text).diagnostics.map((d) => d.message))}`);
            exercise(text, p, failedAt === undefined ? figures : scratch);
            return true;
          } catch (e) {
            failedAt ??= Date.now();
            throw e;
          }
        }),
        { seed: SEED, numRuns: runs[i], ...(SECONDS ? { interruptAfterTimeLimit: SECONDS * 1000 * g.share } : {}), ...(REPLAY ? { path: REPLAY } : {}) },
      );
      if (!details.failed) return;
      failed++;
      if (!(details.errorInstance instanceof Error && details.errorInstance.name === 'AssertionError')) thrown++;
      const [text, p] = details.counterexample!;
      const dir = path.join(ROOT, 'out', 'fuzz-failures');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${g.slug}-${SEED}.json`);
      const found = details.errorInstance instanceof Error ? details.errorInstance.message.split('\n')[0] : String(details.errorInstance);
      fs.writeFileSync(file, JSON.stringify({ found, text, probe: p, seed: SEED, path: details.counterexamplePath }, null, 2) + '\n');
      const error = details.errorInstance instanceof Error ? details.errorInstance.stack ?? details.errorInstance.message : String(details.errorInstance);
      throw new Error(
        `${fc.defaultReportMessage(details)}\n\nThe input is saved in ${path.relative(ROOT, file)}. To replay it:\n` +
          `  STRATA_FUZZ_SEED=${SEED} STRATA_FUZZ_RUNS=${TOTAL_RUNS} STRATA_FUZZ_ONLY=${g.slug} STRATA_FUZZ_PATH="${details.counterexamplePath}" npx mocha --no-config --timeout 0 out/test/fuzz/fuzz.test.js\n\nThe failure:\n${error}`,
      );
    });
  });

  after(() => {
    const seconds = (Date.now() - started) / 1000;
    const f = figures;
    // The figures, printed so that every run shows them. Throws and broken invariants count the
    // generators that failed (each stops at its first failure).
    console.log(
      `      fuzz: ${f.inputs.toLocaleString('en')} inputs in ${seconds.toFixed(1)} s (seed ${SEED}): ${thrown} throws, ${failed - thrown} broken invariants; ` +
        `${f.clean.toLocaleString('en')} without syntax errors (${f.reformatted.toLocaleString('en')} reformatted), ${f.findings.toLocaleString('en')} findings, ` +
        `${f.fixes.toLocaleString('en')} fixes and ${f.suppressions.toLocaleString('en')} suppressions applied, ${f.renames.toLocaleString('en')} renames, ` +
        `${f.serviceCalls.toLocaleString('en')} service calls`,
    );
  });
});
