// `computeStats`: what a model costs and how well it isolates, per host and in total. Physical
// capacity vs what is allocated, kernels and OS instances, guest-OS memory and disk, hypervisor
// and runtime overhead, tenants per kernel, cold start per workload, and the seeds' VM-vs-
// container comparison filled in with this model's numbers. Pure data (JSON-safe); every
// number says where it came from (`from: 'model'` or a source id in `sources`).
import type { Analysis } from '../index';
import { type CheckSettings, DEFAULT_SETTINGS } from '../checks/types';
import type { Kernel, KernelKind, ModelNode } from '../model/model';
import { allocatedTotal, allocationChildren, hypervisorType, ofKind } from '../model/queries';
import { type Figure, type SourceRef, type Sum, SourceBook, addSums, sum, zero } from './figures';
import { containerStart, hypervisorOverhead, osDisk, osMemory, osOf, runtimeOverhead, storage, vmBoot } from './estimates';
import { type Comparison, compare } from './comparison';
import { nodeName } from './format';

/** The version of the JSON shape; bumped on any incompatible change. */
export const STATS_VERSION = 1;

export interface Resources {
  /** Cores (hosts) or vCPUs/CPU limits (allocations). */
  readonly cpu?: number;
  /** Bytes. */
  readonly memory?: number;
  /** Bytes. */
  readonly disk?: number;
}

/** What a host's VMs, containers and apps are given, against what it has. */
export interface Allocation {
  /** Sums over the nearest VMs, containers and apps (those that set the value). */
  readonly cpu: number;
  readonly memory: number;
  readonly disk: number;
  /** allocated ÷ capacity, when the host sets the capacity. */
  readonly cpuRatio?: number;
  readonly memoryRatio?: number;
  readonly diskRatio?: number;
  /** True when the CPU ratio is above the configured warning ratio (`cpuOvercommitRatio`). */
  readonly cpuAboveWarnRatio?: true;
  /**
   * The memory the operating systems take beside the workloads: a host's OS (for a type 2
   * hypervisor, the desktop OS it runs on) and the hypervisor's overhead per VM; in a VM, its
   * guest OS (and a nested hypervisor's overhead per inner VM). Vendor minimums: a lower bound.
   */
  readonly osShare: Sum;
  /** `memory` plus `osShare`: what the machine's memory has to hold. */
  readonly memoryWithOs: number;
  /** memoryWithOs ÷ capacity, when the machine sets its memory. */
  readonly memoryWithOsRatio?: number;
  /** Ids of the nearest VMs, containers and apps that set no cpu / no memory. */
  readonly withoutCpu: readonly string[];
  readonly withoutMemory: readonly string[];
}

export interface KernelCounts {
  readonly host: number;
  readonly guest: number;
  readonly sandbox: number;
  readonly microvm: number;
  /** Hyper-V utility VMs (Windows containers under `runtime: hyperv`). */
  readonly 'utility-vm': number;
  readonly total: number;
}

export interface OverheadTotals {
  /** Minimum memory and disk of the hosts' own OSes. */
  readonly hostOsMemory: Sum;
  readonly hostOsDisk: Sum;
  /** Minimum memory and disk of the guest OSes (inside the VMs' allocations). */
  readonly guestOsMemory: Sum;
  readonly guestOsDisk: Sum;
  /** Memory the hypervisors need per VM, on top of the VMs' allocations. */
  readonly hypervisorOverhead: Sum;
  /** Memory the container runtimes need per container (or per micro-VM pod). */
  readonly runtimeOverhead: Sum;
  /** Disk of container images and apps (`size:` or a known base image). */
  readonly imageStorage: Sum;
}

export interface HostStats extends OverheadTotals {
  readonly id: string;
  readonly label?: string;
  readonly os?: string;
  readonly capacity: Resources;
  readonly allocated: Allocation;
  readonly kernels: KernelCounts;
  /** Host plus guest OS instances (sandbox and micro-VM kernels are not OS installs). */
  readonly osInstances: number;
  readonly vms: number;
  readonly containers: number;
  readonly apps: number;
  /** Hypervisors on the host, with their type (1: on the hardware, 2: on the host OS). */
  readonly hypervisors: readonly { readonly id: string; readonly product?: string; readonly type?: 1 | 2 }[];
}

export interface VmStats {
  readonly id: string;
  readonly host?: string;
  readonly hypervisor?: string;
  readonly product?: string;
  readonly os?: string;
  /** The VM's allocation (what the hypervisor hands it), from the model. */
  readonly allocated: Resources;
  readonly guestOsMemory?: Figure;
  readonly guestOsDisk?: Figure;
  readonly hypervisorOverhead?: Figure;
  /** Absent when no checkable figure exists (every hypervisor but Firecracker): unsourced. */
  readonly boot?: Figure;
  /** What the VM's memory has to hold: its workloads' memory plus its guest OS (see Allocation). */
  readonly osShare: Sum;
  readonly memoryWithOs: number;
  /** Number of nearest containers, apps and nested VMs inside. */
  readonly workloads: number;
}

export interface KernelStats {
  readonly key: string;
  readonly kind: KernelKind;
  /** The node that owns the kernel (host, vm, pod or container). */
  readonly owner: string;
  readonly ownerKind: string;
  readonly host?: string;
  readonly os?: string;
  readonly family?: string;
  /** The distinct tenants of the containers and apps on this kernel. */
  readonly tenants: readonly string[];
  /** Containers and apps on this kernel. */
  readonly workloads: number;
  /** More than one tenant shares this kernel. */
  readonly shared: boolean;
}

export interface StartStep {
  /** What starts: `vm-boot` or `container-start`. */
  readonly step: 'vm-boot' | 'container-start';
  readonly node: string;
  /** Undefined when no figure exists (a runtime without a measured start time). */
  readonly figure?: Figure;
}

export interface WorkloadStart {
  readonly id: string;
  readonly kind: 'container' | 'app';
  readonly host?: string;
  readonly kernel?: string;
  /** What has to start, outermost first. Empty for an app on a host OS that is already up. */
  readonly steps: readonly StartStep[];
  /** The sum of the steps (ms); the app's own start-up is not modelled. */
  readonly total: Sum;
}

export interface ModelTotals extends OverheadTotals {
  readonly hosts: number;
  readonly vms: number;
  readonly containers: number;
  readonly apps: number;
  readonly capacity: Resources;
  readonly allocated: Allocation;
  readonly kernels: KernelCounts;
  readonly osInstances: number;
  readonly tenants: readonly string[];
}

export interface ModelStats {
  readonly version: typeof STATS_VERSION;
  readonly hosts: readonly HostStats[];
  readonly vms: readonly VmStats[];
  readonly total: ModelTotals;
  readonly kernels: readonly KernelStats[];
  /** Keys of the kernels shared by more than one tenant. */
  readonly sharedKernels: readonly string[];
  readonly workloads: readonly WorkloadStart[];
  readonly comparison: Comparison;
  readonly findings: { readonly errors: number; readonly warnings: number; readonly infos: number };
  readonly sources: readonly SourceRef[];
}


/** Everything computeStats and the what-ifs need, gathered in one pass over the model. */
export interface Facts {
  readonly book: SourceBook;
  readonly hostOfNode: Map<ModelNode, ModelNode | undefined>;
  readonly vmStats: Map<ModelNode, VmStats>;
  readonly containerStarts: Map<ModelNode, Figure | undefined>;
  readonly runtimeOverheads: Map<ModelNode, Figure | undefined>;
  /** Containers of a micro-VM pod whose runtime overhead is counted once, on the pod's first container. */
  readonly overheadCountedOnPod: Set<ModelNode>;
  readonly storages: Map<ModelNode, Figure | undefined>;
}

/** Gathers the per-node estimates once (shared by stats and the what-ifs). */
export function gatherFacts(analysis: Analysis, book = new SourceBook()): Facts {
  const model = analysis.model;
  const hostOfNode = new Map<ModelNode, ModelNode | undefined>();
  for (const n of model.nodes) hostOfNode.set(n, n.kind === 'host' ? n : n.parent ? hostOfNode.get(n.parent) : undefined);
  const vmStats = new Map<ModelNode, VmStats>();
  for (const vm of ofKind(model, 'vm')) {
    const os = osOf(vm);
    const hv = vm.parent?.kind === 'hypervisor' ? vm.parent : undefined;
    const host = hostOfNode.get(vm);
    const s: VmStats = {
      id: nodeName(vm),
      ...(host ? { host: nodeName(host) } : {}),
      ...(hv ? { hypervisor: nodeName(hv) } : {}),
      ...(hv?.props.product ? { product: hv.props.product } : {}),
      ...(vm.props.os ? { os: vm.props.os } : {}),
      allocated: resources(vm),
      ...optional('guestOsMemory', osMemory(os, book)),
      ...optional('guestOsDisk', osDisk(os, book)),
      ...optional('hypervisorOverhead', hypervisorOverhead(vm, book)),
      ...optional('boot', vmBoot(vm, book)),
      workloads: allocationChildren(vm).length,
      osShare: zero('bytes'),
      memoryWithOs: 0,
    };
    vmStats.set(vm, s);
  }
  for (const [vm, s] of vmStats) {
    const share = osShare(vm, vmStats, book);
    vmStats.set(vm, { ...s, osShare: share, memoryWithOs: allocatedTotal(vm, 'memory') + share.value });
  }
  const containerStarts = new Map<ModelNode, Figure | undefined>();
  const runtimeOverheads = new Map<ModelNode, Figure | undefined>();
  const storages = new Map<ModelNode, Figure | undefined>();
  const microVmPods = new Set<ModelNode>();
  const overheadCountedOnPod = new Set<ModelNode>();
  for (const c of ofKind(model, 'container')) {
    containerStarts.set(c, containerStart(c, book));
    // A kata or firecracker pod is one micro-VM: count its overhead once, on its first container.
    const inPod = c.parent?.kind === 'pod' && c.kernel !== undefined && c.kernel.owner === c.parent;
    if (inPod && microVmPods.has(c.parent!)) {
      runtimeOverheads.set(c, undefined);
      overheadCountedOnPod.add(c);
    } else {
      if (inPod) microVmPods.add(c.parent!);
      runtimeOverheads.set(c, runtimeOverhead(c, book));
    }
    storages.set(c, storage(c, book));
  }
  for (const a of ofKind(model, 'app')) if (a.parent?.kind !== 'container' || a.props.size !== undefined) storages.set(a, storage(a, book));
  return { book, hostOfNode, vmStats, containerStarts, runtimeOverheads, overheadCountedOnPod, storages };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function resources(n: ModelNode): Resources {
  return {
    // Stats report cores; the model holds integer millicores (exact sums).
    ...(n.props.cpu !== undefined ? { cpu: n.props.cpu / 1000 } : {}),
    ...(n.props.memory !== undefined ? { memory: n.props.memory } : {}),
    ...(n.props.disk !== undefined ? { disk: n.props.disk } : {}),
  };
}

/**
 * The memory a host's or VM's operating systems take beside its workloads: its own OS (a host's
 * OS, which for a type 2 hypervisor is the desktop OS it runs on; a VM's guest OS) and its
 * hypervisors' overhead for each VM. A kernel the model implies but does not name (a KVM host
 * without `os`) and products without a sourced overhead are listed as missing.
 */
export function osShare(machine: ModelNode, vmStats: ReadonlyMap<ModelNode, VmStats>, book: SourceBook): Sum {
  const figures: (Figure | undefined)[] = [];
  const missing: string[] = [];
  const own = machine.kind === 'vm' ? vmStats.get(machine)?.guestOsMemory : machine.props.os ? osMemory(osOf(machine), book) : undefined;
  if (own) figures.push(own);
  else if (machine.props.os || machine.kernel) missing.push(nodeName(machine));
  for (const hv of machine.children) {
    if (hv.kind !== 'hypervisor') continue;
    for (const vm of hv.children) {
      if (vm.kind !== 'vm') continue;
      const f = vmStats.get(vm)?.hypervisorOverhead;
      if (f) figures.push(f);
      else missing.push(nodeName(vm));
    }
  }
  return sum(figures, 'bytes', missing);
}

/** What `children` (allocation children) are given: cpu in millicores, memory and VM disk in bytes, and who sets no cpu / no memory. */
function addUp(children: readonly ModelNode[]) {
  let cpu = 0;
  let memory = 0;
  let disk = 0;
  const withoutCpu: string[] = [];
  const withoutMemory: string[] = [];
  for (const c of children) {
    if (c.props.cpu !== undefined) cpu += c.props.cpu;
    else withoutCpu.push(nodeName(c));
    if (c.props.memory !== undefined) memory += c.props.memory;
    else withoutMemory.push(nodeName(c));
    if (c.kind === 'vm' && c.props.disk !== undefined) disk += c.props.disk;
  }
  return { cpu, memory, disk, withoutCpu, withoutMemory };
}

function allocation(capacity: Resources, children: readonly ModelNode[], settings: CheckSettings, share: Sum): Allocation {
  const { cpu, memory, disk, withoutCpu, withoutMemory } = addUp(children);
  const ratio = (a: number, b: number | undefined) => (b !== undefined && b > 0 ? round(a / b) : undefined);
  const cpuRatio = ratio(cpu, capacity.cpu !== undefined ? capacity.cpu * 1000 : undefined);
  const memoryRatio = ratio(memory, capacity.memory);
  const diskRatio = ratio(disk, capacity.disk);
  const memoryWithOs = memory + share.value;
  const memoryWithOsRatio = ratio(memoryWithOs, capacity.memory);
  return {
    cpu: cpu / 1000,
    memory,
    disk,
    ...(cpuRatio !== undefined ? { cpuRatio } : {}),
    ...(memoryRatio !== undefined ? { memoryRatio } : {}),
    ...(diskRatio !== undefined ? { diskRatio } : {}),
    ...(cpuRatio !== undefined && cpuRatio > settings.cpuOvercommitWarnRatio ? { cpuAboveWarnRatio: true as const } : {}),
    withoutCpu,
    withoutMemory,
    osShare: share,
    memoryWithOs,
    ...(memoryWithOsRatio !== undefined ? { memoryWithOsRatio } : {}),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function countKernels(kernels: readonly Kernel[]): KernelCounts {
  const c = { host: 0, guest: 0, sandbox: 0, microvm: 0, 'utility-vm': 0, total: 0 };
  for (const k of kernels) {
    c[k.kind]++;
    c.total++;
  }
  return c;
}

/** The distinct tenants of a kernel's containers and apps (engines and pods are not tenants' workloads). */
export function kernelTenants(kernel: Kernel): string[] {
  return kernel.tenants;
}

/** A workload for start-up: a container, or an app not inside a container. */
export function isWorkload(n: ModelNode): boolean {
  return n.kind === 'container' || (n.kind === 'app' && n.parent?.kind !== 'container');
}

/** The cold start of one workload: the VMs around it boot (outermost first), then the container starts. */
export function coldStart(w: ModelNode, facts: Facts): WorkloadStart {
  const vms: ModelNode[] = [];
  for (let p = w.parent; p; p = p.parent) if (p.kind === 'vm') vms.unshift(p);
  const missing: string[] = [];
  const steps: StartStep[] = vms.map((vm) => {
    const boot = facts.vmStats.get(vm)!.boot;
    if (!boot) missing.push(nodeName(vm));
    return { step: 'vm-boot', node: nodeName(vm), ...(boot ? { figure: boot } : {}) };
  });
  if (w.kind === 'container') {
    const f = facts.containerStarts.get(w);
    steps.push({ step: 'container-start', node: nodeName(w), ...(f ? { figure: f } : {}) });
    if (!f) missing.push(nodeName(w));
  }
  const host = facts.hostOfNode.get(w);
  return {
    id: nodeName(w),
    kind: w.kind as 'container' | 'app',
    ...(host ? { host: nodeName(host) } : {}),
    ...(w.kernel ? { kernel: w.kernel.key } : {}),
    steps,
    total: sum(
      steps.map((s) => s.figure),
      'ms',
      missing,
    ),
  };
}

/** The VMs' guest OS memory and disk and their hypervisors' overhead, added up (VMs without a figure listed as missing). */
function guestSums(vs: readonly Pick<VmStats, 'id' | 'guestOsMemory' | 'guestOsDisk' | 'hypervisorOverhead'>[]) {
  return {
    guestOsMemory: sum(
      vs.map((v) => v.guestOsMemory),
      'bytes',
      vs.filter((v) => !v.guestOsMemory).map((v) => v.id),
    ),
    guestOsDisk: sum(
      vs.map((v) => v.guestOsDisk),
      'bytes',
      vs.filter((v) => !v.guestOsDisk).map((v) => v.id),
    ),
    hypervisorOverhead: sum(
      vs.map((v) => v.hypervisorOverhead),
      'bytes',
      vs.filter((v) => !v.hypervisorOverhead).map((v) => v.id),
    ),
  };
}

/** The hosts' capacity added up (cores, bytes); a resource no host sets is absent. */
function capacityOf(hosts: readonly ModelNode[]): Resources {
  const add = (key: keyof Resources) => {
    const vals = hosts.map((h) => h.props[key]).filter((v): v is number => v !== undefined);
    const total = vals.reduce((a, b) => a + b, 0);
    return vals.length ? { [key]: key === 'cpu' ? total / 1000 : total } : {};
  };
  return { ...add('cpu'), ...add('memory'), ...add('disk') };
}

/** The model's headline totals: what `strata diff` compares. */
export interface HeadlineTotals {
  readonly hosts: number;
  readonly vms: number;
  readonly containers: number;
  readonly apps: number;
  readonly kernels: KernelCounts;
  readonly osInstances: number;
  readonly guestOsMemory: Sum;
  readonly guestOsDisk: Sum;
  readonly hypervisorOverhead: Sum;
  /** Cores and bytes allocated to the hosts' VMs, containers and apps. */
  readonly allocated: { readonly cpu: number; readonly memory: number };
  readonly capacity: Resources;
}

/**
 * The headline totals alone, from the VMs and hosts, without the per-workload estimates
 * (container starts, runtime overheads, image sizes) the rest of the stats need: what a diff
 * compares, at a small part of the cost. Same values as the fields of the same names in
 * `computeStats(analysis).total`. Citations stay provisional (the diff shows sums without them).
 */
export function headlineTotals(analysis: Analysis): HeadlineTotals {
  const model = analysis.model;
  const book = new SourceBook();
  const hosts = ofKind(model, 'host');
  const vms = ofKind(model, 'vm');
  const kernels = countKernels(model.kernels);
  const allocated = addUp(hosts.flatMap(allocationChildren));
  return {
    hosts: hosts.length,
    vms: vms.length,
    containers: ofKind(model, 'container').length,
    apps: ofKind(model, 'app').length,
    kernels,
    osInstances: kernels.host + kernels.guest,
    ...guestSums(
      vms.map((vm) => {
        const os = osOf(vm);
        return { id: nodeName(vm), guestOsMemory: osMemory(os, book), guestOsDisk: osDisk(os, book), hypervisorOverhead: hypervisorOverhead(vm, book) };
      }),
    ),
    allocated: { cpu: allocated.cpu / 1000, memory: allocated.memory },
    capacity: capacityOf(hosts),
  };
}

/** The per-host groups and the helpers computeStats and computeTotals share (one pass over the model). */
function tally(analysis: Analysis, settings: Partial<CheckSettings>) {
  const s: CheckSettings = { ...DEFAULT_SETTINGS, ...settings };
  const model = analysis.model;
  const facts = gatherFacts(analysis);
  const { book } = facts;

  const byHost = new Map<ModelNode, { vms: ModelNode[]; containers: ModelNode[]; apps: ModelNode[]; kernels: Kernel[]; storage: ModelNode[] }>();
  for (const h of ofKind(model, 'host')) byHost.set(h, { vms: [], containers: [], apps: [], kernels: [], storage: [] });
  const bucket = (n: ModelNode) => {
    const h = facts.hostOfNode.get(n);
    return h ? byHost.get(h) : undefined;
  };
  for (const vm of ofKind(model, 'vm')) bucket(vm)?.vms.push(vm);
  for (const c of ofKind(model, 'container')) bucket(c)?.containers.push(c);
  for (const a of ofKind(model, 'app')) bucket(a)?.apps.push(a);
  for (const k of model.kernels) bucket(k.owner)?.kernels.push(k);
  for (const n of facts.storages.keys()) bucket(n)?.storage.push(n);

  const hostOsMemoryOf = (h: ModelNode) => sum([osMemory(osOf(h), book)], 'bytes', h.props.os && !osOf(h)?.minMemory ? [nodeName(h)] : []);
  const hostOsDiskOf = (h: ModelNode) => sum([osDisk(osOf(h), book)], 'bytes', h.props.os && !osOf(h)?.minDisk ? [nodeName(h)] : []);
  const overheads = (vms: readonly ModelNode[], containers: readonly ModelNode[], stored: readonly ModelNode[]) => {
    return {
      ...guestSums(vms.map((v) => facts.vmStats.get(v)!)),
      runtimeOverhead: sum(
        containers.map((c) => facts.runtimeOverheads.get(c)),
        'bytes',
        containers.filter((c) => !facts.runtimeOverheads.get(c) && !facts.overheadCountedOnPod.has(c)).map(nodeName),
      ),
      imageStorage: sum(
        stored.map((n) => facts.storages.get(n)),
        'bytes',
        stored.filter((n) => n.kind === 'container' && !facts.storages.get(n)).map(nodeName),
      ),
    };
  };

  const shares = new Map<ModelNode, Sum>();
  for (const h of byHost.keys()) shares.set(h, osShare(h, facts.vmStats, book));
  return { s, model, facts, book, byHost, hostOsMemoryOf, hostOsDiskOf, overheads, shares };
}

/** The model's totals and kernels (citations not yet numbered: the caller finalizes). */
function totalsOf(t: ReturnType<typeof tally>): { total: ModelTotals; kernels: KernelStats[]; sharedKernels: string[] } {
  const { model, facts, s, shares, hostOsMemoryOf, hostOsDiskOf, overheads } = t;
  const allVms = ofKind(model, 'vm');
  const allContainers = ofKind(model, 'container');
  const hostNodes = ofKind(model, 'host');
  const kernels = countKernels(model.kernels);
  const capacity = capacityOf(hostNodes);
  const tenants: string[] = [];
  for (const n of model.nodes) if (n.tenant !== undefined && !tenants.includes(n.tenant)) tenants.push(n.tenant);
  for (const t of model.tenants.keys()) if (!tenants.includes(t)) tenants.push(t);

  const total: ModelTotals = {
    hosts: hostNodes.length,
    vms: allVms.length,
    containers: allContainers.length,
    apps: ofKind(model, 'app').length,
    capacity,
    allocated: allocation(capacity, hostNodes.flatMap(allocationChildren), s, addSums([...shares.values()], 'bytes')),
    kernels,
    osInstances: kernels.host + kernels.guest,
    tenants,
    hostOsMemory: addSums(hostNodes.map(hostOsMemoryOf), 'bytes'),
    hostOsDisk: addSums(hostNodes.map(hostOsDiskOf), 'bytes'),
    ...overheads(allVms, allContainers, [...facts.storages.keys()]),
  };

  const kernelStats: KernelStats[] = model.kernels.map((k) => {
    const t = kernelTenants(k);
    const host = facts.hostOfNode.get(k.owner);
    return {
      key: k.key,
      kind: k.kind,
      owner: nodeName(k.owner),
      ownerKind: k.owner.kind,
      ...(host ? { host: nodeName(host) } : {}),
      ...(k.os ? { os: k.os } : {}),
      ...(k.family ? { family: k.family } : {}),
      tenants: t,
      workloads: k.workloads.filter((w) => w.kind === 'container' || w.kind === 'app').length,
      shared: t.length > 1,
    };
  });

  return { total, kernels: kernelStats, sharedKernels: kernelStats.filter((k) => k.shared).map((k) => k.key) };
}

/**
 * Statistics of an analysed model. `settings` supplies the CPU overcommit ratio that marks a
 * host's allocation (the same threshold `cpu-overcommit` warns at). Never throws on any model
 * the binder returns; values the model does not set are absent or listed as missing.
 */
export function computeStats(analysis: Analysis, settings: Partial<CheckSettings> = {}): ModelStats {
  const t = tally(analysis, settings);
  const { s, model, facts, book, byHost, hostOsMemoryOf, hostOsDiskOf, overheads, shares } = t;
  const hosts: HostStats[] = [];
  for (const [h, b] of byHost) {
    const capacity = resources(h);
    const kernels = countKernels(b.kernels);
    hosts.push({
      id: nodeName(h),
      ...(h.label !== undefined ? { label: h.label } : {}),
      ...(h.props.os ? { os: h.props.os } : {}),
      capacity,
      allocated: allocation(capacity, allocationChildren(h), s, shares.get(h)!),
      kernels,
      osInstances: kernels.host + kernels.guest,
      vms: b.vms.length,
      containers: b.containers.length,
      apps: b.apps.length,
      hypervisors: h.children
        .filter((c) => c.kind === 'hypervisor')
        .map((hv) => {
          const type = hypervisorType(hv);
          return { id: nodeName(hv), ...(hv.props.product ? { product: hv.props.product } : {}), ...(type ? { type } : {}) };
        }),
      hostOsMemory: hostOsMemoryOf(h),
      hostOsDisk: hostOsDiskOf(h),
      ...overheads(b.vms, b.containers, b.storage),
    });
  }

  const { total, kernels: kernelStats, sharedKernels } = totalsOf(t);
  const allVms = ofKind(model, 'vm');
  const workloads = model.nodes.filter(isWorkload).map((w) => coldStart(w, facts));
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of analysis.findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }

  const comparison = compare(analysis, facts, { hosts, total, kernels: kernelStats, workloads });
  return book.finalize({
    version: STATS_VERSION,
    hosts,
    vms: allVms.map((v) => facts.vmStats.get(v)!),
    total,
    kernels: kernelStats,
    sharedKernels,
    workloads,
    comparison,
    findings: counts,
  });
}
