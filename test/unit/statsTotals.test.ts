// computeTotals (what `strata diff` compares) gives the same totals and kernels as computeStats,
// for every example and fixture model: only the numbering of the cited sources may differ (each
// result numbers its own), so the figures are compared without their `from`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { computeStats, computeTotals } from '../../src/core/analysis/stats';
import { EXAMPLES, FIXTURES, strataFiles } from '../helpers/paths';

const withoutSources = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'from' ? undefined : v)));

describe('computeTotals', () => {
  const files = [...strataFiles(EXAMPLES), ...strataFiles(path.join(FIXTURES, 'diff'))];
  it(`equals computeStats' totals and kernels on ${files.length} models`, () => {
    assert.ok(files.length > 20);
    for (const file of files) {
      const analysis = analyze(fs.readFileSync(file, 'utf8'));
      const stats = computeStats(analysis, { cpuOvercommitWarnRatio: 2 });
      const totals = computeTotals(analysis, { cpuOvercommitWarnRatio: 2 });
      assert.deepEqual(withoutSources(totals.total), withoutSources(stats.total), `${file}: total`);
      assert.deepEqual(totals.kernels, stats.kernels, `${file}: kernels`);
      assert.deepEqual(totals.sharedKernels, stats.sharedKernels, `${file}: shared kernels`);
      // Every source the totals cite is in their own list.
      const cited = new Set(JSON.stringify(totals.total).match(/"S\d+"/g)?.map((s) => s.slice(1, -1)) ?? []);
      for (const id of cited) assert.ok(totals.sources.some((s) => s.id === id), `${file}: ${id} listed`);
    }
  });
});
