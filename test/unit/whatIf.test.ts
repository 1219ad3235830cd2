// What-if scenarios: containerize (single-workload VMs become containers on a shared kernel) and
// isolate-tenants (each tenant sharing a kernel moves into a VM of its own), as data.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { containerize, isolateTenants, whatIf, whatIfReport } from '../../src/core/analysis';
import { EXAMPLES, FIXTURES, strataFiles } from '../helpers/paths';

const GiB = 1024 ** 3;
const MB = 1000 ** 2;
const fixture = (name: string) => analyze(fs.readFileSync(path.join(FIXTURES, 'stats', name), 'utf8'));

const THREE_VMS = `
host virt { cpu: 16; memory: 64GiB
  hypervisor esxi-b { product: esxi
    vm vm-api { cpu: 2; memory: 3GiB; os: ubuntu-22.04; app api-vm { cpu: 2; memory: 1GiB } }
    vm vm-web { cpu: 1; memory: 3GiB; os: ubuntu-22.04; app web-vm { cpu: 1; memory: 512MiB } }
    vm vm-batch { cpu: 4; memory: 4GiB; os: ubuntu-22.04; app batch-vm { cpu: 4; memory: 2GiB } }
  }
}`;

describe('what-if: containerize', () => {
  it('turns three single-app VMs on a type 1 hypervisor into containers on one assumed host kernel', () => {
    const r = containerize(analyze(THREE_VMS));
    assert.equal(r.scenario, 'containerize');
    assert.deepEqual(
      r.changes.map((c) => c.subject),
      ['vm-api', 'vm-web', 'vm-batch'],
    );
    assert.deepEqual(
      r.changes.map((c) => c.to.key),
      ['assumed:virt:linux', 'assumed:virt:linux', 'assumed:virt:linux'],
    );
    assert.equal(r.changes[0].to.assumed, true);
    assert.equal(r.before.vms, 3);
    assert.equal(r.after.vms, 0);
    assert.equal(r.before.kernels, 3);
    assert.equal(r.after.kernels, 1, 'three guest kernels become one (assumed) host kernel');
    assert.equal(r.before.osMemory.value, 6 * GiB);
    assert.equal(r.after.osMemory.value, 2 * GiB);
    assert.equal(r.before.osDisk.value - r.after.osDisk.value, 20 * GiB);
    assert.equal(r.after.hypervisorOverhead.value, 0);
    assert.match(r.assumptions[0], /host 'virt' has no os: it is assumed to run ubuntu-22\.04 \(the OS of VM 'vm-api'\)/);
    assert.deepEqual(
      r.startup.map((s) => [s.workload, s.before.missing, s.after.value]),
      [
        ['api-vm', ['vm-api'], 33.4],
        ['web-vm', ['vm-web'], 33.4],
        ['batch-vm', ['vm-batch'], 33.4],
      ],
    );
    assert.deepEqual(r.isolation.newlyShared, []);
  });

  it('lists the tenant pairs that would then share a kernel, and leaves sandboxed, multi-app and Windows VMs alone', () => {
    const r = containerize(fixture('containerize-tenants.strata'));
    assert.deepEqual(
      r.changes.map((c) => c.subject),
      ['fin-vm', 'lab-vm'],
    );
    assert.deepEqual(r.changes[0].to, { key: 'host:h1', owner: 'h1', os: 'ubuntu-24.04' });
    assert.match(r.changes[1].description, /its container 'lab-box' runs in its own gVisor sandbox on the kernel of 'h1'/);
    assert.deepEqual(r.isolation.newlyShared, [{ kernel: 'host:h1', tenants: ['shop', 'finance'], workloads: ['shop-web', 'ledger'] }]);
    assert.deepEqual(r.skipped, [{ node: 'win-vm', reason: "its windows workload cannot share the linux kernel of host 'h1'" }]);
    assert.ok(!r.changes.some((c) => c.subject === 'big-vm'), 'a VM with two apps stays');
    assert.equal(r.before.kernels - r.after.kernels, 2);
    assert.deepEqual(r.assumptions, []);
  });

  it('keeps the start time of the container that moves (gvisor) and uses the target engine\'s runc for an app', () => {
    const r = containerize(fixture('containerize-tenants.strata'));
    const lab = r.startup.find((s) => s.workload === 'lab-box')!;
    assert.equal(lab.after.value, 1144);
    assert.equal(lab.before.value, 1144, 'the VM boot it saves is unsourced, so not counted');
    assert.deepEqual(lab.before.missing, ['lab-vm']);
    const ledger = r.startup.find((s) => s.workload === 'ledger')!;
    assert.equal(ledger.after.value, 1193, 'runc through Docker (docker1), the figure measured with Docker');
  });

  it('honours the small-app threshold of vm-for-single-app: a VM for a 12 GiB app stays, with the reason', () => {
    const a = analyze(fs.readFileSync(path.join(FIXTURES, 'domain-review', '18-containerize-threshold.strata'), 'utf8'));
    const flagged = a.findings.filter((f) => f.rule === 'vm-for-single-app').map((f) => f.nodeId);
    const r = containerize(a);
    assert.deepEqual(
      r.changes.map((c) => c.subject),
      flagged,
      'containerize moves exactly the VMs vm-for-single-app reports',
    );
    assert.match(r.skipped.find((x) => x.node === 'big-db')!.reason, /12 GiB, above the 2 GiB small-app threshold of vm-for-single-app/);
    const wider = containerize(a, { smallAppMemory: 16 * GiB });
    assert.ok(wider.changes.some((c) => c.subject === 'big-db'), 'the configured threshold applies');
  });

  it('has nothing to do on a model without single-workload VMs', () => {
    const r = containerize(analyze('host h { os: debian-12\n app a\n app b }'));
    assert.deepEqual(r.changes, []);
    assert.deepEqual(r.before, r.after);
    assert.match(whatIfReport(r).sections[0].lines![0], /nothing to containerize/);
  });
});

describe('what-if: isolate-tenants', () => {
  it('keeps the tenant with the most workloads and moves each other tenant into a VM with the kernel\'s OS', () => {
    const r = isolateTenants(fixture('shared-host.strata'));
    assert.deepEqual(
      r.changes.map((c) => [c.subject, c.to.key, c.to.os, c.workloads]),
      [
        ['finance', 'new:finance-vm', 'rhel-9', ['f1']],
        ['lab', 'new:lab-vm', 'rhel-9', ['l1']],
      ],
    );
    assert.match(r.changes[0].description, /'shop' stays/);
    assert.equal(r.after.vms - r.before.vms, 2);
    assert.equal(r.after.kernels - r.before.kernels, 2);
    assert.equal(r.after.osMemory.value - r.before.osMemory.value, 2 * 1.5 * GiB, 'two RHEL 9 minimums');
    assert.equal(r.after.osDisk.value - r.before.osDisk.value, 2 * 10 * GiB);
    assert.ok(r.after.hypervisorOverhead.value > 0, 'the host has a KVM hypervisor for the new VMs');
    assert.deepEqual(
      r.isolation.resolved.map((p) => p.tenants),
      [
        ['shop', 'finance'],
        ['shop', 'lab'],
        ['finance', 'lab'],
      ],
    );
    assert.deepEqual(
      r.startup.map((s) => [s.workload, s.after.value, s.after.missing]),
      [
        ['f1', 33.4, ['finance-vm']],
        ['l1', 33.4, ['lab-vm']],
      ],
      'a new KVM VM has no checkable boot figure: named as missing, not ~1 min',
    );
  });

  it('moves a tenant into ONE new VM however many shared kernels it leaves on a host', () => {
    const r = isolateTenants(analyze(fs.readFileSync(path.join(FIXTURES, 'domain-review', '19-isolate-three-tenants.strata'), 'utf8')));
    assert.deepEqual(
      r.changes.map((c) => [c.subject, c.to.owner, c.workloads]),
      [
        ['b', 'b-vm', ['b1', 'b2']],
        ['c', 'c-vm', ['c1', 'c2']],
      ],
    );
    assert.match(r.changes[0].description, /leaves the kernel of VM 'v1' \('a' stays\) and the kernel of VM 'v2' \('a' stays\) for one new VM 'b-vm'/);
    assert.equal(r.after.vms - r.before.vms, 2);
    assert.equal(r.after.osInstances - r.before.osInstances, 2);
  });

  it('shows the sandbox alternative with its cost: gVisor minus runc from one benchmark, and Kata', () => {
    const r = isolateTenants(analyze(fs.readFileSync(path.join(FIXTURES, 'domain-review', '19-isolate-three-tenants.strata'), 'utf8')));
    assert.equal(r.sandbox?.runtime, 'gvisor');
    assert.equal(r.sandbox?.sandboxes, 4, 'one per lone container');
    assert.equal(Math.round(r.sandbox!.memory.value), 4 * 19.6 * MB, 'runsc 23.7 MB minus runc 4.1 MB, gVisor\'s density run');
    assert.deepEqual(r.sandbox?.nestedVirtualization, [], 'gVisor needs no hardware virtualization');
    const kata = r.sandboxOptions!.find((o) => o.runtime === 'kata')!;
    assert.deepEqual(kata.nestedVirtualization, ['v1', 'v2'], 'Kata inside the VMs needs nested virtualization');
    assert.equal(kata.memory.count, 4);
    const report = whatIfReport(r);
    const section = report.sections.find((x) => x.title.startsWith('Instead of VMs'))!;
    assert.ok(section, 'the report shows the sandbox option next to the VM option');
    assert.match(section.table!.rows.map((row) => row.join(' | ')).join('\n'), /gvisor \| 4 \| ≈ 74\.8 MiB/);
  });

  it('offers Hyper-V isolation, not gVisor or Kata, for Windows containers', () => {
    const r = isolateTenants(
      analyze(
        'host w { os: windows-server-2022\n engine d { product: docker\n container a { image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"; memory: 1GiB; tenant: x }\n container b { image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"; memory: 1GiB; tenant: y } } }',
      ),
    );
    assert.deepEqual(
      r.sandboxOptions?.map((o) => o.runtime),
      ['hyperv'],
    );
  });

  it('places the new VM beside a shared guest kernel\'s VM, on the same hypervisor', function () {
    const file = path.join(EXAMPLES, 'regulated-platform.strata');
    if (!fs.existsSync(file)) this.skip();
    const r = isolateTenants(analyze(fs.readFileSync(file, 'utf8')));
    assert.equal(r.changes.length, 1);
    assert.equal(r.changes[0].subject, 'partners');
    assert.match(r.changes[0].description, /new VM 'partners-vm' \(ubuntu-22\.04\) on hypervisor/);
    assert.equal(r.after.vms - r.before.vms, 1);
  });

  it('states the assumption when the host has no hypervisor', () => {
    const r = isolateTenants(analyze('host h { os: debian-12\n engine e { container a { tenant: x; memory: 1GiB; app a1 }\n container b { tenant: y; memory: 1GiB; app b1 } } }'));
    assert.equal(r.changes.length, 1);
    assert.match(r.assumptions[0], /host 'h' has no hypervisor/);
    assert.deepEqual(r.after.hypervisorOverhead.missing, [], 'no overhead is expected where no hypervisor exists');
  });

  it('has nothing to do when no kernel is shared', () => {
    const r = whatIf('isolate-tenants', analyze('host h { os: debian-12\n engine e { container a { tenant: x; memory: 1GiB; app a1 } } }'));
    assert.deepEqual(r.changes, []);
    assert.match(whatIfReport(r).sections[0].lines![0], /nothing to isolate/);
  });
});

describe('what-if: robustness', () => {
  it('never throws on any fixture or example, and cites only listed sources', () => {
    for (const file of [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)]) {
      const a = analyze(fs.readFileSync(file, 'utf8'));
      for (const r of [containerize(a), isolateTenants(a)]) {
        const ids = new Set(r.sources.map((s) => s.id));
        const json = JSON.stringify(r);
        for (const m of json.matchAll(/\bS\d+\b/g)) assert.ok(ids.has(m[0]), `${file}: ${m[0]}`);
        assert.ok(!json.includes('\uE000'), 'no provisional citation left');
        whatIfReport(r);
      }
    }
  });
});
