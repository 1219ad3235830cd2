// Catalogue tests: every figure carries a source, ids are unique and lowercase, the ids the
// language page names are present with the right family/type, numbers are positive bytes or ms,
// and the helpers (lookups, image family, did-you-mean, formatting) behave.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CRUN_START,
  ENGINE_CATALOGUE,
  GVISOR_START,
  GVISOR_VS_RUNC_START,
  HYPERVISOR_CATALOGUE,
  MICRO_VM_BOOT,
  OS_CATALOGUE,
  RUNC_DOCKER_START,
  RUNC_START,
  RUNTIME_CATALOGUE,
  SEED_CLAIMS,
  catalogueIds,
  VM_BOOT_UNSOURCED,
  containerStartTime,
  containerStartUnsourced,
  didYouMean,
  findEngine,
  findHypervisor,
  findOs,
  findRuntime,
  formatBytes,
  formatDuration,
  kvmOverheadEstimate,
  osFamilyOfImage,
  type Source,
  type Sourced,
  vmBootTime,
} from '../../src/core/catalogue';
import { ROOT } from '../helpers/paths';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const MB = 1000 ** 2;
const GB = 1000 ** 3;

function assertSource(s: Source | undefined, where: string): void {
  assert.ok(s, `${where}: no source`);
  assert.equal(typeof s.publisher, 'string', `${where}: publisher`);
  assert.ok(s.publisher.trim().length > 0, `${where}: empty publisher`);
  assert.ok(s.title.trim().length > 0, `${where}: empty title`);
  if (s.url !== undefined) assert.match(s.url, /^https?:\/\//, `${where}: url`);
}

function assertSourced(f: Sourced | undefined, where: string): void {
  if (f === undefined) return;
  assertSource(f.source, where);
  assert.equal(typeof f.value, 'number', `${where}: value type`);
  assert.ok(Number.isFinite(f.value) && f.value > 0, `${where}: value ${f.value} must be positive`);
}

/** Every Source reachable from one entry. */
function sourcesOf(entry: object): Source[] {
  const out: Source[] = [];
  for (const v of Object.values(entry)) {
    if (v && typeof v === 'object') {
      if ('publisher' in v && 'title' in v) out.push(v as Source);
      else if ('source' in v) out.push((v as Sourced).source);
    }
  }
  return out;
}

describe('catalogue', () => {
  describe('ids', () => {
    const tables = { os: OS_CATALOGUE, hypervisor: HYPERVISOR_CATALOGUE, engine: ENGINE_CATALOGUE, runtime: RUNTIME_CATALOGUE } as const;
    for (const [kind, table] of Object.entries(tables)) {
      it(`${kind} ids are unique and lowercase`, () => {
        const ids = table.map((e) => e.id);
        assert.equal(new Set(ids).size, ids.length, `duplicate ${kind} id`);
        for (const id of ids) assert.match(id, /^[a-z0-9][a-z0-9.-]*$/, `${kind} id '${id}'`);
      });
      it(`catalogueIds('${kind}') lists the ${kind} ids in order`, () => {
        assert.deepEqual(catalogueIds(kind as keyof typeof tables), table.map((e) => e.id));
      });
    }

    it('catalogueIds returns a fresh array each time', () => {
      const a = catalogueIds('os');
      a.push('zzz');
      assert.ok(!catalogueIds('os').includes('zzz'));
    });
  });

  describe('sources', () => {
    it('every entry and every figure has a source with publisher and title', () => {
      for (const os of OS_CATALOGUE) {
        for (const k of ['minMemory', 'minDisk', 'installSize', 'recommendedMemory', 'recommendedDisk'] as const) assertSourced(os[k], `${os.id}.${k}`);
        for (const s of sourcesOf(os)) assertSource(s, os.id);
        assert.ok(os.summary.trim().length > 0 && os.name.trim().length > 0, os.id);
      }
      for (const h of HYPERVISOR_CATALOGUE) {
        assertSource(h.typeSource, `${h.id}.typeSource`);
        assertSourced(h.vmOverhead, `${h.id}.vmOverhead`);
        assert.ok(h.summary.trim().length > 0, h.id);
      }
      for (const r of RUNTIME_CATALOGUE) {
        assertSource(r.isolationSource, `${r.id}.isolationSource`);
        assertSourced(r.startTime, `${r.id}.startTime`);
        assertSourced(r.memoryOverhead, `${r.id}.memoryOverhead`);
        assert.ok(r.summary.trim().length > 0, r.id);
      }
      for (const e of ENGINE_CATALOGUE) {
        assertSource(e.source, `${e.id}.source`);
        assert.ok(e.summary.trim().length > 0, e.id);
      }
    });

    it('third-party figures are flagged', () => {
      const ws = findOs('windows-server-2022');
      assert.equal(ws?.installSize?.source.thirdParty, true);
      assert.equal(ws?.minMemory?.source.thirdParty, undefined);
    });

    it('snapshot refs look like owner/repo@commit:path or a project path', () => {
      const all: Source[] = [
        ...OS_CATALOGUE.flatMap(sourcesOf),
        ...HYPERVISOR_CATALOGUE.flatMap(sourcesOf),
        ...RUNTIME_CATALOGUE.flatMap(sourcesOf),
        ...ENGINE_CATALOGUE.flatMap(sourcesOf),
        RUNC_DOCKER_START.source,
        ...Object.values(SEED_CLAIMS).map((c) => c.source),
      ];
      for (const s of all) {
        if (s.ref === undefined) continue;
        assert.match(s.ref, /^([\w.-]+\/[\w.-]+(@[0-9a-f]{7,40})?:\S+|shared\/(seeds|guides)\/\S+)$/, `${s.title}: ref '${s.ref}'`);
      }
    });
  });

  describe('operating systems', () => {
    const required = [
      'ubuntu-24.04', 'ubuntu-22.04', 'ubuntu-18.04', 'debian-12', 'rhel-9', 'rocky-9', 'alpine-3.19',
      'amazon-linux-2023', 'fedora-coreos', 'flatcar', 'talos', 'windows-server-2022', 'windows-server-2019',
      'windows-11', 'windows-10', 'macos', 'freebsd-14',
    ];
    it('has every required id with the right family', () => {
      for (const id of required) assert.ok(findOs(id), `missing ${id}`);
      for (const id of ['windows-server-2022', 'windows-server-2019', 'windows-11', 'windows-10']) assert.equal(findOs(id)?.family, 'windows', id);
      for (const id of required.filter((i) => i.startsWith('ubuntu') || ['debian-12', 'rhel-9', 'rocky-9', 'alpine-3.19', 'talos', 'flatcar', 'fedora-coreos', 'amazon-linux-2023'].includes(i))) {
        assert.equal(findOs(id)?.family, 'linux', id);
      }
      assert.equal(findOs('freebsd-14')?.family, 'bsd');
      assert.equal(findOs('macos')?.family, 'macos');
    });

    it('leaves out what no source gave', () => {
      assert.equal(findOs('ubuntu-18.10'), undefined);
      for (const id of ['amazon-linux-2023', 'flatcar', 'bottlerocket', 'alma-8', 'macos']) {
        const os = findOs(id)!;
        assert.ok(os.unsourced, `${id} says why it has no figures`);
        assert.equal(os.minMemory, undefined, id);
        assert.equal(os.minDisk, undefined, id);
        assert.equal(os.installSize, undefined, id);
      }
    });

    it('stores sizes in bytes, as the source prints the unit', () => {
      assert.equal(findOs('ubuntu-22.04')?.minMemory?.value, 2 * GiB);
      assert.equal(findOs('ubuntu-22.04')?.minDisk?.value, 10 * GiB);
      assert.equal(findOs('ubuntu-24.04')?.minMemory?.value, 1.5 * GB);
      assert.equal(findOs('alpine-3.19')?.minMemory?.value, 128 * MiB);
      assert.equal(findOs('rhel-9')?.minMemory?.value, 1.5 * GiB);
      assert.equal(findOs('windows-server-2022')?.minMemory?.value, 512 * MB);
      assert.match(findOs('windows-server-2022')?.minMemory?.note ?? '', /Desktop Experience/);
      assert.equal(findOs('windows-server-2022')?.minDisk?.value, 32 * GB);
      assert.equal(findOs('windows-server-2022')?.installSize?.value, 6.12 * GB);
      assert.equal(findOs('windows-11')?.minMemory?.value, 4 * GiB);
      assert.equal(findOs('freebsd-14')?.minMemory?.value, 96 * MB);
      for (const os of OS_CATALOGUE) {
        if (os.minMemory) assert.ok(os.minMemory.value >= 64 * MiB && os.minMemory.value <= 16 * GiB, `${os.id} minMemory in bytes`);
        if (os.minDisk) assert.ok(os.minDisk.value >= 512 * MiB && os.minDisk.value <= 256 * GiB, `${os.id} minDisk in bytes`);
        if (os.minMemory && os.recommendedMemory) assert.ok(os.recommendedMemory.value >= os.minMemory.value, `${os.id} recommended ≥ minimum`);
        if (os.minDisk && os.recommendedDisk) assert.ok(os.recommendedDisk.value >= os.minDisk.value, `${os.id} recommended disk ≥ minimum`);
      }
    });
  });

  describe('hypervisors', () => {
    it('has the language page types', () => {
      for (const id of ['esxi', 'kvm', 'xen', 'hyper-v', 'proxmox', 'firecracker']) assert.equal(findHypervisor(id)?.type, 1, id);
      for (const id of ['virtualbox', 'vmware-workstation', 'vmware-fusion', 'parallels', 'qemu']) assert.equal(findHypervisor(id)?.type, 2, id);
      for (const id of ['nutanix-ahv', 'cloud-hypervisor']) assert.equal(findHypervisor(id)?.type, 1, id);
    });

    it('says where the type is contested or unsourced', () => {
      assert.match(findHypervisor('kvm')?.typeNote ?? '', /contested/i);
      assert.match(findHypervisor('parallels')?.typeNote ?? '', /unsourced/i);
      assert.match(findHypervisor('qemu')?.typeNote ?? '', /TCG/);
    });

    it('has per-VM overhead only where sourced, in bytes', () => {
      assert.equal(findHypervisor('esxi')?.vmOverhead?.value, 20.29 * MB);
      assert.match(findHypervisor('esxi')?.vmOverhead?.note ?? '', /256 MB/);
      assert.equal(findHypervisor('firecracker')?.vmOverhead?.value, 5 * MiB);
      for (const id of ['xen', 'hyper-v', 'virtualbox', 'vmware-workstation', 'vmware-fusion', 'parallels', 'qemu', 'proxmox']) {
        assert.equal(findHypervisor(id)?.vmOverhead, undefined, id);
      }
    });

    it('estimates KVM overhead with the KubeVirt formula', () => {
      const e = kvmOverheadEstimate(4 * GiB, 2);
      assert.equal(e.value, Math.round(0.002 * 4 * GiB + 218 * MiB + 16 * MiB));
      assert.match(e.source.ref ?? '', /openshift-docs/);
      assert.equal(kvmOverheadEstimate(0, 0, 1).value, 234 * MiB);
      assert.equal(kvmOverheadEstimate(Number.NaN, -1).value, 218 * MiB);
    });
  });

  describe('engines and runtimes', () => {
    it('has the language page engines, with known default runtimes', () => {
      for (const id of ['docker', 'containerd', 'cri-o', 'podman', 'lxc']) {
        const e = findEngine(id);
        assert.ok(e, id);
        assert.ok(findRuntime(e.defaultRuntime), `${id} default runtime '${e.defaultRuntime}' is a catalogue runtime`);
      }
      assert.match(findEngine('lxc')?.summary ?? '', /own low-level runtime/);
    });

    it('has the language page runtimes with their isolation', () => {
      assert.equal(findRuntime('runc')?.isolation, 'shared-kernel');
      assert.equal(findRuntime('crun')?.isolation, 'shared-kernel');
      assert.equal(findRuntime('gvisor')?.isolation, 'user-space-kernel');
      assert.equal(findRuntime('kata')?.isolation, 'micro-vm');
      assert.equal(findRuntime('firecracker')?.isolation, 'micro-vm');
    });

    it('carries the sourced start times (ms) and memory overheads (bytes)', () => {
      assert.equal(findRuntime('crun')?.startTime?.value, 16.9);
      assert.equal(findRuntime('runc')?.startTime?.value, 33.4);
      assert.equal(findRuntime('kata')?.startTime?.value, 390);
      assert.equal(findRuntime('gvisor')?.startTime?.value, 1144);
      assert.equal(findRuntime('firecracker')?.startTime?.value, 125);
      assert.equal(findRuntime('kata')?.memoryOverhead?.value, 127_220 * 1000);
      assert.equal(findRuntime('gvisor')?.memoryOverhead?.value, 23.7 * MB);
      assert.equal(findRuntime('runc')?.memoryOverhead?.value, 4.1 * MB);
      assert.equal(findRuntime('crun')?.memoryOverhead, undefined);
      assert.ok(findRuntime('gvisor')!.memoryOverhead!.value > 16 * KiB);
    });
  });

  describe('start-up', () => {
    it('gives each container start a figure for its runtime, engine and OS family, like with like', () => {
      // Through Docker, runc and gVisor come from one benchmark (gVisor's startup.csv, docker run).
      assert.equal(containerStartTime('runc', 'docker', 'linux')?.figure, RUNC_DOCKER_START);
      assert.equal(containerStartTime('gvisor', 'docker', 'linux')?.figure, GVISOR_START);
      assert.equal(RUNC_DOCKER_START.source, GVISOR_START.source, 'one measurement for the pair');
      assert.equal(GVISOR_VS_RUNC_START.runc, RUNC_DOCKER_START);
      // Without Docker: crun's README measured the runtime alone, a lower bound on a start through an engine.
      assert.deepEqual(containerStartTime('runc', 'containerd', 'linux'), { figure: RUNC_START, bound: 'min' });
      assert.deepEqual(containerStartTime('crun', 'podman', 'linux'), { figure: CRUN_START, bound: 'min' });
      assert.equal(containerStartTime('kata', 'containerd', 'linux')?.figure.value, 390);
      assert.deepEqual(containerStartTime('firecracker', 'containerd', 'linux'), { figure: MICRO_VM_BOOT, bound: 'max' });
      // Windows containers and LXC system containers have no checkable figure: not runc's 33 ms.
      assert.equal(containerStartTime('runc', 'docker', 'windows'), undefined);
      assert.equal(containerStartTime('hyperv', 'docker', 'windows'), undefined);
      assert.equal(containerStartTime('runc', 'lxc', 'linux'), undefined);
      assert.match(containerStartUnsourced('runc', 'lxc', 'linux') ?? '', /OS boot in a container/);
      assert.match(containerStartUnsourced('runc', 'docker', 'windows') ?? '', /Windows containers/);
      assert.equal(containerStartUnsourced('runc', 'docker', 'linux'), undefined);
      assert.equal(containerStartTime('toString', undefined, 'linux'), undefined);
    });

    it('boots a Firecracker micro-VM in at most 125 ms and leaves every other VM unsourced', () => {
      assert.deepEqual(vmBootTime('firecracker', 'linux'), { figure: MICRO_VM_BOOT, bound: 'max' });
      assert.equal(MICRO_VM_BOOT.value, 125);
      assert.match(MICRO_VM_BOOT.source.ref ?? '', /firecracker.*SPECIFICATION\.md/);
      for (const hv of ['esxi', 'kvm', 'xen', 'hyper-v', 'proxmox', 'virtualbox', undefined]) assert.equal(vmBootTime(hv, 'linux'), undefined, String(hv));
      assert.equal(vmBootTime('firecracker', 'windows'), undefined, 'Firecracker runs Linux guests');
      assert.match(VM_BOOT_UNSOURCED, /No checkable boot figure/);
      assert.ok(!RUNTIME_CATALOGUE.some((r) => r.startTime?.estimate), 'runtime figures are measurements');
    });

    it('quotes the seeds verbatim (when the seed documents are present)', function () {
      const claims = Object.values(SEED_CLAIMS);
      const seedDir = path.join(ROOT, '..', 'shared', 'seeds');
      if (!fs.existsSync(seedDir)) this.skip();
      for (const c of claims) {
        const text = fs.readFileSync(path.join(ROOT, '..', c.source.ref!), 'utf8');
        assert.ok(text.includes(c.quote), `not in ${c.source.ref}: ${c.quote}`);
      }
    });
  });

  describe('lookups', () => {
    it('return undefined for unknown ids', () => {
      assert.equal(findOs('ubuntu-99.04'), undefined);
      assert.equal(findHypervisor('bhyve'), undefined);
      assert.equal(findEngine('rkt'), undefined);
      assert.equal(findRuntime('youki'), undefined);
      assert.equal(findOs(''), undefined);
      assert.equal(findOs('constructor'), undefined);
      assert.equal(findOs('Ubuntu-22.04'), undefined, 'ids are exact');
    });

    it('find known ids', () => {
      assert.equal(findOs('debian-12')?.name, 'Debian 12 (bookworm)');
      assert.equal(findHypervisor('hyper-v')?.id, 'hyper-v');
      assert.equal(findEngine('cri-o')?.id, 'cri-o');
      assert.equal(findRuntime('gvisor')?.id, 'gvisor');
    });
  });

  describe('osFamilyOfImage', () => {
    const windows = [
      'mcr.microsoft.com/windows/nanoserver:ltsc2022',
      'mcr.microsoft.com/windows/servercore:ltsc2019',
      'mcr.microsoft.com/windows/server:ltsc2025',
      'mcr.microsoft.com/windows:ltsc2019',
      'MCR.Microsoft.com/Windows/ServerCore',
      'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022',
      'python:3.12-windowsservercore-ltsc2022',
      'microsoft/nanoserver',
      'registry.example.com/mirror/windows/servercore:ltsc2022',
    ];
    for (const image of windows) it(`'${image}' → windows`, () => assert.equal(osFamilyOfImage(image), 'windows'));
    const other = ['nginx:1.27', 'acme/web:1.4.2', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'ubuntu:22.04', 'mcr.microsoft.com/windowsfoo/bar', ''];
    for (const image of other) it(`'${image}' → undefined`, () => assert.equal(osFamilyOfImage(image), undefined));
  });

  describe('didYouMean', () => {
    const os = catalogueIds('os');
    const hv = catalogueIds('hypervisor');
    it('finds close typos', () => {
      assert.equal(didYouMean('ubunt-22.04', os), 'ubuntu-22.04');
      assert.equal(didYouMean('esxy', hv), 'esxi');
      assert.equal(didYouMean('ubuntu-2204', os), 'ubuntu-22.04');
      assert.equal(didYouMean('debain-12', os), 'debian-12', 'transposition');
      assert.equal(didYouMean('virtualbx', hv), 'virtualbox');
      assert.equal(didYouMean('hyperv', hv), 'hyper-v');
      assert.equal(didYouMean('gvisr', catalogueIds('runtime')), 'gvisor');
    });
    it('is case-insensitive and returns the candidate as spelled', () => {
      assert.equal(didYouMean('ESXI', hv), 'esxi');
      assert.equal(didYouMean('Memroy', ['memory', 'cpu']), 'memory');
      assert.equal(didYouMean('ledger', ['Ledger-VM', 'web']), 'Ledger-VM', 'prefix');
    });
    it('matches prefixes', () => {
      assert.equal(didYouMean('podm', catalogueIds('engine')), 'podman');
      assert.equal(didYouMean('vmware-work', hv), 'vmware-workstation');
      assert.equal(didYouMean('windows-server', os), 'windows-server-2022');
    });
    it('gives up when nothing is close', () => {
      assert.equal(didYouMean('xyzzy', os), undefined);
      assert.equal(didYouMean('xyzzy', hv), undefined);
      assert.equal(didYouMean('xyzzy', [...os, ...hv, ...catalogueIds('engine'), ...catalogueIds('runtime')]), undefined);
      assert.equal(didYouMean('', os), undefined);
      assert.equal(didYouMean('esxi', []), undefined);
      assert.equal(didYouMean('zz', ['ab']), undefined);
    });
  });

  describe('formatting', () => {
    it('formats bytes', () => {
      assert.equal(formatBytes(16 * GiB), '16 GiB');
      assert.equal(formatBytes(512 * MiB), '512 MiB');
      assert.equal(formatBytes(1.5 * GiB), '1.5 GiB');
      assert.equal(formatBytes(900), '900 B');
      assert.equal(formatBytes(0), '0 B');
      assert.equal(formatBytes(2 * KiB), '2 KiB');
      assert.equal(formatBytes(1024 * MiB - 1), '1 GiB');
      assert.equal(formatBytes(4 * 1024 * GiB), '4 TiB');
      assert.equal(formatBytes(-512 * MiB), '-512 MiB');
    });
    it('formats durations', () => {
      assert.equal(formatDuration(125), '125 ms');
      assert.equal(formatDuration(1200), '1.2 s');
      assert.equal(formatDuration(45_000), '45 s');
      assert.equal(formatDuration(60_000), '1 min');
      assert.equal(formatDuration(150_000), '2.5 min');
      assert.equal(formatDuration(16.9), '17 ms');
      assert.equal(formatDuration(999.7), '1 s');
      assert.equal(formatDuration(59_990), '1 min');
      assert.equal(formatDuration(0), '0 ms');
    });
  });
});
