// headlineTotals (what `strata diff` compares) gives the same values as the fields of the same
// names in computeStats' totals, for every example and fixture model: only the numbering of the
// cited sources may differ (computeStats numbers its own; the diff shows sums without them), so
// the sums are compared without their `from`. And the diff's stats are those totals.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { computeStats, headlineTotals } from '../../src/core/analysis/stats';
import { diffTexts } from '../../src/core/diff';
import { EXAMPLES, FIXTURES, strataFiles } from '../helpers/paths';

const withoutSources = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'from' ? undefined : v)));

describe('headlineTotals', () => {
  const files = [...strataFiles(EXAMPLES), ...strataFiles(path.join(FIXTURES, 'diff'))];
  it(`equals computeStats' totals on ${files.length} models, and the diff from an empty model reports them`, () => {
    assert.ok(files.length > 20);
    let shared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const analysis = analyze(text);
      const stats = computeStats(analysis);
      const t = stats.total;
      const h = headlineTotals(analysis);
      const expected = {
        hosts: t.hosts,
        vms: t.vms,
        containers: t.containers,
        apps: t.apps,
        kernels: t.kernels,
        osInstances: t.osInstances,
        guestOsMemory: t.guestOsMemory,
        guestOsDisk: t.guestOsDisk,
        hypervisorOverhead: t.hypervisorOverhead,
        allocated: { cpu: t.allocated.cpu, memory: t.allocated.memory },
        capacity: t.capacity,
      };
      assert.deepEqual(withoutSources(h), withoutSources(expected), `${file}: totals`);
      const d = diffTexts('', text).stats;
      assert.equal(d.vms.after, t.vms, `${file}: diff vms`);
      assert.equal(d.memoryAllocated.after, t.allocated.memory, `${file}: diff memory`);
      assert.equal(d.guestOsMemory.after, t.guestOsMemory.value, `${file}: diff guest OS memory`);
      assert.equal(d.sharedKernels.after, stats.sharedKernels.length, `${file}: diff shared kernels`);
      assert.deepEqual(
        d.newlyShared.map((k) => [k.kernel, k.tenants]),
        stats.kernels.filter((k) => k.shared).map((k) => [k.key, k.tenants]),
        `${file}: newly shared kernels`,
      );
      shared += stats.sharedKernels.length;
    }
    assert.ok(shared > 0, 'some model shares a kernel');
  });
});
