// `npm run test:fuzz`: the long fuzz run. Runs the fuzz suite (test/fuzz/*.test.js) with
// 200,000 inputs and a fresh seed (printed, so a failure can be replayed), unless
// STRATA_FUZZ_RUNS, STRATA_FUZZ_SEED or STRATA_FUZZ_SECONDS (a time budget) say otherwise, e.g.
//   STRATA_FUZZ_SECONDS=600 npm run test:fuzz     # ten minutes, however many inputs that is
//   STRATA_FUZZ_SEED=20261123 STRATA_FUZZ_RUNS=10000 npm run test:fuzz   # the CI run
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

process.env.STRATA_FUZZ_RUNS ??= process.env.STRATA_FUZZ_SECONDS ? '100000000' : '200000';
process.env.STRATA_FUZZ_SEED ??= String(Date.now() % 2 ** 31);

const mocha = new Mocha({ timeout: 0, reporter: 'spec' });
for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
mocha.run((failures) => {
  process.exitCode = failures ? 1 : 0;
});
