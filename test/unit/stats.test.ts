// `computeStats` and `strata stats`: the seeds' three-way comparison reproduced with sources,
// figures set in the model overriding the catalogue, every number citing where it came from,
// and no crash on any fixture.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { type ModelStats, computeStats, findBaseImage, formatFigure, parseImageRef, statsReport } from '../../src/core/analysis';
import { EXAMPLES, FIXTURES, ROOT, strataFiles } from '../helpers/paths';

const GiB = 1024 ** 3;
const MB = 1000 ** 2;
const CLI = path.join(ROOT, 'dist', 'cli.js');

function strata(args: string[], cwd = ROOT): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The seeds' three-way comparison: examples/three-way.strata, or this copy if it is missing. */
const THREE_WAY_FALLBACK = `
host metal { cpu: 16; memory: 64GiB; disk: 2TB; os: ubuntu-22.04
  app api-metal { cpu: 2; memory: 1GiB }
  app web-metal { cpu: 1; memory: 512MiB }
  app batch-metal { cpu: 4; memory: 2GiB }
}
host virt { cpu: 16; memory: 64GiB; disk: 2TB
  hypervisor esxi-b { product: esxi
    vm vm-api { cpu: 2; memory: 3GiB; os: ubuntu-22.04; app api-vm { cpu: 2; memory: 1GiB } }
    vm vm-web { cpu: 1; memory: 3GiB; os: ubuntu-22.04; app web-vm { cpu: 1; memory: 512MiB } }
    vm vm-batch { cpu: 4; memory: 4GiB; os: ubuntu-22.04; app batch-vm { cpu: 4; memory: 2GiB } }
  }
}
host boxes { cpu: 16; memory: 64GiB; disk: 2TB; os: ubuntu-22.04
  engine docker-c { product: docker; runtime: runc
    container api-ctr { image: "acme/api:3.1.0"; cpu: 2; memory: 1GiB; app api-c { cpu: 2; memory: 1GiB } }
    container web-ctr { image: "acme/web:3.1.0"; cpu: 1; memory: 512MiB; app web-c { cpu: 1; memory: 512MiB } }
    container batch-ctr { image: "acme/batch:3.1.0"; cpu: 4; memory: 2GiB; app batch-c { cpu: 4; memory: 2GiB } }
  }
}
`;
const THREE_WAY_FILE = path.join(EXAMPLES, 'three-way.strata');
const threeWayText = (): string => (fs.existsSync(THREE_WAY_FILE) ? fs.readFileSync(THREE_WAY_FILE, 'utf8') : THREE_WAY_FALLBACK);

/** Every `from` in a result (figures and sums), and every `[S..]` citation in its text. */
function citations(value: unknown): { from: Set<string>; text: Set<string> } {
  const from = new Set<string>();
  const text = new Set<string>();
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key === 'from') from.add(v);
      for (const m of v.matchAll(/\[([^\]]*)\]/g)) for (const id of m[1].matchAll(/\bS\d+\b/g)) text.add(id[0]);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'sources') walk(x, k);
  };
  walk(value);
  return { from, text };
}

describe('stats: the seeds\' three-way comparison', () => {
  let stats: ModelStats;
  before(() => {
    stats = computeStats(analyze(threeWayText()));
  });
  const host = (id: string) => stats.hosts.find((h) => h.id === id)!;
  const source = (id: string) => stats.sources.find((s) => s.id === id)!;

  it('counts one kernel on bare metal, three guest kernels under the hypervisor, one shared by the containers', () => {
    assert.equal(host('metal').kernels.total, 1);
    assert.equal(host('virt').kernels.guest, 3);
    assert.equal(host('virt').kernels.host, 0, 'a type 1 hypervisor needs no host OS');
    assert.equal(host('boxes').kernels.total, 1);
    assert.equal(stats.total.kernels.total, 5);
    assert.equal(stats.total.osInstances, 5);
    const boxes = stats.kernels.find((k) => k.key === 'host:boxes')!;
    assert.equal(boxes.workloads, 6, 'three containers and their three apps');
    assert.deepEqual(stats.sharedKernels, []);
  });

  it('puts the guest-OS storage overhead in gigabytes, the containers\' in megabytes, with the sources', () => {
    const vm = stats.total.guestOsDisk;
    assert.equal(vm.value, 30 * GiB, '3 × 10 GiB (osinfo-db minimum for ubuntu-22.04)');
    assert.equal(vm.bound, 'min');
    assert.match(source(vm.from[0]).title, /osinfo-db .*ubuntu-22\.04/);
    const storage = stats.comparison.rows.find((r) => r.aspect === 'storage')!;
    assert.match(storage.vms, /≥ 30 GiB \[S\d+\] of guest-OS disk/);
    assert.match(storage.containers, /no guest-OS disk/);
    assert.match(storage.containers, /alpine is ≈ 7\.9 MiB \[S\d+\]/, 'a base image in megabytes, for scale');
    assert.equal(stats.total.guestOsMemory.value, 6 * GiB);
  });

  it('leaves a general-purpose VM boot unsourced and starts runc through Docker at the figure measured with Docker', () => {
    assert.equal(stats.vms[0].boot, undefined, 'no checkable boot figure for an Ubuntu VM on ESXi');
    const inVm = stats.workloads.find((w) => w.id === 'api-vm')!;
    assert.deepEqual(inVm.total.missing, ['vm-api'], 'the cold start names the VM whose boot is unsourced');
    const ctr = stats.workloads.find((w) => w.id === 'api-ctr')!;
    assert.equal(ctr.total.value, 1193, 'docker run with runc, gVisor\'s startup benchmark (it includes Docker itself)');
    assert.match(source(ctr.total.from[0]).title, /startup/);
    const startup = stats.comparison.rows.find((r) => r.aspect === 'startup')!;
    assert.match(startup.vms, /3 VMs: boot unsourced/);
    assert.doesNotMatch(startup.vms, /1 min/);
    assert.match(startup.containers, /≈ 1\.2 s \[S\d+\] \(runc\)/);
    assert.equal(startup.seed.vm, 'takes a few minutes to start the OS and the application.');
  });

  it('fills in every row of the seeds\' table for VMs, containers and the bare-metal apps', () => {
    assert.deepEqual(
      stats.comparison.rows.map((r) => r.aspect),
      ['overhead', 'performance', 'os', 'startup', 'storage', 'isolation'],
    );
    assert.deepEqual(stats.comparison.counts, { vms: 3, containers: 3, direct: 3 });
    const os = stats.comparison.rows.find((r) => r.aspect === 'os')!;
    assert.match(os.vms, /3 guest kernels \(ubuntu-22\.04 ×3\)/);
    assert.match(os.vms, /no host OS \(type 1 hypervisor/);
    assert.match(os.containers, /3 containers share 1 kernel \(host 'boxes', ubuntu-22\.04\)/);
    assert.match(os.direct!, /3 apps share 1 kernel/);
    for (const r of stats.comparison.rows) assert.ok(r.vms && r.containers && r.direct, r.aspect);
  });

  it('compares capacity and allocation per host, with ratios', () => {
    const virt = host('virt');
    assert.equal(virt.capacity.cpu, 16);
    assert.equal(virt.allocated.cpu, 7);
    assert.equal(virt.allocated.cpuRatio, 0.438);
    assert.equal(virt.allocated.memory, 10 * GiB);
    assert.equal(stats.total.allocated.memory, 17 * GiB);
    assert.equal(stats.total.capacity.memory, 192 * GiB);
  });

  it('cites every figure: each source id is listed, and each listed source is cited', () => {
    const { from, text } = citations(stats);
    const ids = new Set(stats.sources.map((s) => s.id));
    for (const f of [...from, ...text]) if (f !== 'model') assert.ok(ids.has(f), `${f} is listed`);
    for (const id of ids) assert.ok(from.has(id) || text.has(id), `${id} is cited`);
    assert.deepEqual(
      stats.sources.map((s) => s.id),
      stats.sources.map((_, i) => `S${i + 1}`),
    );
  });

  it('is plain JSON (stable shape, version 1)', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(stats)), stats);
    assert.equal(stats.version, 1);
  });
});

describe('stats: estimates per node', () => {
  const stats = computeStats(analyze(fs.readFileSync(path.join(FIXTURES, 'stats', 'overrides.strata'), 'utf8')));
  const work = (id: string) => stats.workloads.find((w) => w.id === id)!;

  it('uses `startup:` on a VM and on a container instead of the catalogue, saying so', () => {
    const vm = stats.vms.find((v) => v.id === 'slow')!;
    assert.deepEqual(vm.boot, { value: 45_000, unit: 'ms', from: 'model', node: 'slow', property: 'startup' });
    assert.equal(formatFigure(vm.boot), '45 s (set in the model)');
    assert.deepEqual(work('api').steps[0].figure, { value: 2000, unit: 'ms', from: 'model', node: 'api', property: 'startup' });
  });

  it('takes container start times per runtime (gvisor, runc)', () => {
    assert.equal(work('sandboxed').total.value, 1144);
    assert.equal(work('web').total.value, 1193, 'runc through Docker: the same benchmark as gVisor\'s figure');
    assert.equal(work('legacy').total.value, 45_000, 'an app in a VM waits for the VM');
  });

  it('sizes images from `size:` or a known base image, and knows nothing of application images', () => {
    const s = stats.total.imageStorage;
    assert.equal(s.count, 4);
    assert.equal(s.value, 8.3 * MB + 120 * MB + 2 * 1024 ** 2 + 200 * MB);
    assert.ok(s.from.includes('model'));
    assert.deepEqual(s.missing, []);
  });

  it('uses the KubeVirt formula for a KVM VM, labelled as an estimate', () => {
    const vm = stats.vms.find((v) => v.id === 'slow')!;
    assert.equal(vm.hypervisorOverhead!.estimate, true);
    assert.match(stats.sources.find((x) => x.id === vm.hypervisorOverhead!.from)!.title, /OpenShift/);
  });

  it('lists the kernel two tenants share, and not the gVisor sandbox', () => {
    assert.deepEqual(stats.sharedKernels, ['host:h1']);
    const sandbox = stats.kernels.find((k) => k.kind === 'sandbox')!;
    assert.deepEqual(sandbox.tenants, ['lab']);
    assert.equal(sandbox.shared, false);
    assert.equal(stats.total.kernels.sandbox, 1);
    assert.equal(stats.total.osInstances, 2, 'the sandbox kernel is not an OS install');
  });

  it('marks a host whose CPU allocation is above the configured ratio', () => {
    const text = 'host h { cpu: 2\n os: debian-12\n hypervisor k { product: kvm\n vm a { cpu: 4; os: debian-12; app x; app y }\n vm b { cpu: 4; os: debian-12; app z; app w } } }';
    assert.equal(computeStats(analyze(text)).hosts[0].allocated.cpuAboveWarnRatio, undefined);
    assert.equal(computeStats(analyze(text), { cpuOvercommitWarnRatio: 3 }).hosts[0].allocated.cpuAboveWarnRatio, true);
  });
});

describe('stats: base images', () => {
  it('splits image references like Docker', () => {
    assert.deepEqual(parseImageRef('alpine'), { registry: undefined, path: 'alpine', tag: undefined });
    assert.deepEqual(parseImageRef('docker.io/library/debian:bookworm-slim@sha256:abc'), { registry: 'docker.io', path: 'library/debian', tag: 'bookworm-slim' });
    assert.deepEqual(parseImageRef('localhost:5000/x/y:1'), { registry: 'localhost:5000', path: 'x/y', tag: '1' });
  });

  it('recognises official base images only', () => {
    const name = (image: string) => findBaseImage(image)?.name;
    assert.equal(name('alpine:3.19'), 'alpine');
    assert.equal(name('library/ubuntu:24.04'), 'ubuntu');
    assert.equal(name('debian:bookworm-slim'), 'debian:bookworm-slim');
    assert.equal(name('debian:12'), 'debian');
    assert.equal(name('busybox'), 'busybox');
    assert.equal(name('scratch'), 'scratch');
    assert.equal(name('gcr.io/distroless/static-debian12'), 'distroless/static');
    assert.equal(name('mcr.microsoft.com/windows/nanoserver:ltsc2022'), 'nanoserver');
    assert.equal(name('mcr.microsoft.com/windows/servercore:ltsc2019'), 'servercore:ltsc2019');
    assert.equal(name('mcr.microsoft.com/windows/servercore:ltsc2022'), 'servercore');
    assert.equal(name('acme/alpine:1'), undefined);
    assert.equal(name('acme/web:1.4.2'), undefined);
    assert.equal(name('quay.io/alpine:3'), undefined);
  });
});

describe('stats: robustness', () => {
  it('a clean, well-isolated example has no finding and no kernel shared by tenants', function () {
    const file = path.join(EXAMPLES, 'isolated-clean.strata');
    if (!fs.existsSync(file)) this.skip();
    const a = analyze(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(
      a.findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
    assert.deepEqual(computeStats(a).sharedKernels, []);
  });

  it('never throws on any fixture, example or broken file, and its report always builds', () => {
    const files = [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)];
    assert.ok(files.length > 5);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const s = computeStats(analyze(text));
      assert.ok(statsReport(s).sections.length > 0, file);
      // Every prefix of a small file too (half-typed models).
      if (text.length < 600) for (let i = 0; i < text.length; i += 7) statsReport(computeStats(analyze(text.slice(0, i))));
    }
  });

  it('handles an empty model', () => {
    const s = computeStats(analyze(''));
    assert.equal(s.total.kernels.total, 0);
    assert.deepEqual(s.hosts, []);
    assert.equal(s.comparison.rows[0].vms, 'none in this model');
  });
});

describe('cli: strata stats', function () {
  this.timeout(30_000);
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `node esbuild.js` first');
  });
  const threeWay = fs.existsSync(THREE_WAY_FILE) ? THREE_WAY_FILE : undefined;

  it('reproduces the seeds\' claims on the three-way example, naming the sources', function () {
    if (!threeWay) this.skip();
    const r = strata(['stats', 'examples/three-way.strata']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /5 kernels \(2 host, 3 guest\)/);
    assert.match(r.out, /each VM its own: 3 guest kernels/);
    assert.match(r.out, /3 containers share 1 kernel/);
    assert.match(r.out, /≥ 30 GiB \[S\d+\] of guest-OS disk/);
    assert.match(r.out, /3 VMs: boot unsourced/);
    assert.match(r.out, /start ≈ 1\.2 s \[S\d+\] \(runc\)/, 'runc through Docker, measured with Docker');
    assert.match(r.out, /startup\.csv/);
    assert.match(r.out, /memory with the OSes/);
    assert.match(r.out, /osinfo-db data\/os\/ubuntu\.com\/ubuntu-22\.04\.xml\.in/);
    assert.match(r.out, /Strata seed documents — Containers and Virtual Machine \(VM\)/);
  });

  it('prints markdown tables and JSON', function () {
    if (!threeWay) this.skip();
    const md = strata(['stats', '--format', 'markdown', 'examples/three-way.strata']);
    assert.equal(md.code, 0);
    assert.match(md.out, /^\| host \| CPU cores \| memory \| disk \(VMs\) \| memory with the OSes \|$/m);
    assert.match(md.out, /^\| \*\*Startup time\*\* \|/m);
    const json = strata(['stats', '--format', 'json', 'examples/three-way.strata']);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.out) as ModelStats;
    assert.equal(parsed.version, 1);
    assert.equal(parsed.total.kernels.total, 5);
  });

  it('runs a what-if', function () {
    if (!threeWay) this.skip();
    const r = strata(['stats', 'examples/three-way.strata', '--what-if', 'containerize']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /3 VMs would go: 2 kernels fewer, 4 GiB less OS memory and 20 GiB less OS disk/);
    assert.match(r.out, /host 'virt' has no os: it is assumed to run ubuntu-22\.04/);
  });

  it('exits 2 on usage and read errors', () => {
    assert.equal(strata(['stats']).code, 2);
    assert.equal(strata(['stats', 'a.strata', 'b.strata']).code, 2);
    assert.match(strata(['stats', '--format', 'xml', 'x.strata']).err, /unknown format 'xml'/);
    assert.match(strata(['stats', '--what-if', 'magic', 'x.strata']).err, /unknown --what-if 'magic'. Use one of: containerize, isolate-tenants/);
    const missing = strata(['stats', 'no-such-file.strata']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read 'no-such-file\.strata': no such file/);
  });

  it('exits 0 on a model with errors (stats are not a gate)', () => {
    const r = strata(['stats', path.join(FIXTURES, 'render', 'broken.strata')]);
    assert.equal(r.code, 0, r.err);
  });
});

describe('stats: capacity includes the operating systems', () => {
  const read = (name: string) => computeStats(analyze(fs.readFileSync(path.join(FIXTURES, 'domain-review', name), 'utf8')));

  it('adds the desktop OS of a type 2 hypervisor to what its VMs are given (16 GiB Windows 11 laptop, 14 GiB of VMs)', () => {
    const stats = read('08-type2-laptop.strata');
    const laptop = stats.hosts.find((h) => h.id === 'laptop')!;
    assert.equal(laptop.allocated.memory, 14 * GiB);
    assert.equal(laptop.allocated.osShare.value, 4 * GiB, 'Windows 11 minimum (osinfo-db)');
    assert.deepEqual(laptop.allocated.osShare.missing, ['dev', 'lab'], 'VirtualBox\'s per-VM overhead is unsourced');
    assert.equal(laptop.allocated.memoryWithOs, 18 * GiB);
    assert.equal(laptop.allocated.memoryWithOsRatio, 1.125);
    const report = statsReport(stats);
    const cap = report.sections.find((s) => s.title.startsWith('Capacity'))!;
    assert.match(cap.table!.rows[0].join(' | '), /18 GiB \/ 16 GiB \(1\.13\): 14 GiB \+ ≥ 4 GiB \[S\d+\], plus dev and lab \(no figure\)/);
  });

  it('adds each VM\'s guest OS to what its workloads are given, and the hypervisor\'s overhead per VM to the host', () => {
    const dev = read('08-type2-laptop.strata').vms.find((v) => v.id === 'dev')!;
    assert.equal(dev.memoryWithOs, 2 * GiB + 1.5 * GiB, 'Ubuntu 22.04 minimum plus two containers');
    const esx = read('15-cpu-overcommit-esxi.strata').hosts[0];
    assert.equal(esx.allocated.osShare.count, 5, 'ESXi overhead for each of the five VMs, no host OS');
    assert.equal(esx.allocated.memoryWithOs, 60 * GiB + Math.round(5 * 20.29 * 1e6));
  });
});

