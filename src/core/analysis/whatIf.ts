// What-if scenarios over a model, as data (the CLI and the preview format them):
//   containerize     every VM whose whole workload is one small app or one small container (the
//                    same test and threshold as `vm-for-single-app`) gives up its guest OS: the
//                    workload runs as a container on the kernel of the machine under the
//                    hypervisor. Reports the kernels, memory, disk and start-up saved, and the
//                    isolation given up (tenants that would then share a kernel).
//   isolate-tenants  every kernel shared by two or more tenants keeps one tenant (the one with the
//                    most workloads; the first in the file on a tie); each other tenant moves into
//                    ONE new VM of its own per physical host (not one per kernel it leaves), with
//                    the kernels' OS. Reports the VMs, kernels, memory, disk and start-up added,
//                    and next to it the sandbox alternative (gVisor, Kata or Hyper-V isolation)
//                    with its memory and start-up cost. Moving every tenant would add one VM more
//                    than needed: once the others leave, the last tenant is alone on its kernel.
import { containerStartTime, findOs, findRuntime, formatBytes, vmBootTime } from '../catalogue';
import { type CheckSettings, DEFAULT_SETTINGS } from '../checks/types';
import type { Analysis } from '../index';
import type { Kernel, ModelNode, OsFamily } from '../model/model';
import { allocationChildren, containerFamily, effectiveRuntime, hostOf, machineOf, ofKind } from '../model/queries';
import { type Figure, type SourceRef, type Sum, sum } from './figures';
import { list, nodeName, plural } from './format';
import { engineOf, hypervisorOverheadFor, osDisk, osMemory, osOf } from './estimates';
import { type Facts, coldStart, gatherFacts, isWorkload, kernelTenants } from './stats';

export type Scenario = 'containerize' | 'isolate-tenants';
export const SCENARIOS: readonly Scenario[] = ['containerize', 'isolate-tenants'];

/** The model-wide figures a scenario changes. */
export interface ScenarioTotals {
  readonly vms: number;
  readonly kernels: number;
  /** Host plus guest OS instances. */
  readonly osInstances: number;
  /** Minimum memory and disk of every host and guest OS. */
  readonly osMemory: Sum;
  readonly osDisk: Sum;
  readonly hypervisorOverhead: Sum;
}

/** A kernel a workload runs on, before or after the change. */
export interface KernelRef {
  /** The kernel's key, or `assumed:<host>:<family>` / `new:<vm>` for kernels the scenario adds. */
  readonly key: string;
  /** The node that owns it (the new VM's name for isolate-tenants). */
  readonly owner: string;
  readonly os?: string;
  /** The kernel does not exist in the model: the scenario assumes or adds it. */
  readonly assumed?: true;
}

export interface ScenarioChange {
  /** containerize: the VM that goes; isolate-tenants: the tenant that moves. */
  readonly subject: string;
  readonly description: string;
  readonly from?: KernelRef;
  readonly to: KernelRef;
  /** The workloads (containers and apps) that move. */
  readonly workloads: readonly string[];
}

export interface TenantPair {
  readonly kernel: string;
  readonly tenants: readonly [string, string];
  /** One workload of each tenant on that kernel. */
  readonly workloads: readonly [string, string];
}

export interface StartupChange {
  readonly workload: string;
  readonly before: Sum;
  readonly after: Sum;
}

export interface WhatIfResult {
  readonly scenario: Scenario;
  readonly before: ScenarioTotals;
  readonly after: ScenarioTotals;
  readonly changes: readonly ScenarioChange[];
  /** Candidates left as they are, and why. */
  readonly skipped: readonly { readonly node: string; readonly reason: string }[];
  /** What the scenario had to assume, in words. */
  readonly assumptions: readonly string[];
  readonly startup: readonly StartupChange[];
  readonly isolation: {
    /** Tenant pairs that would share a kernel after the change and do not before. */
    readonly newlyShared: readonly TenantPair[];
    /** Tenant pairs that share a kernel before the change and no longer after it. */
    readonly resolved: readonly TenantPair[];
  };
  /**
   * isolate-tenants: the sandbox alternative to the new VMs, with its cost (absent when nothing
   * moves): the moving workloads stay where they are under a sandboxing runtime. `sandbox` is
   * the first of `sandboxOptions`.
   */
  readonly sandbox?: SandboxOption;
  readonly sandboxOptions?: readonly SandboxOption[];
  readonly sources: readonly SourceRef[];
}

/** A sandboxing runtime for the moving workloads instead of new VMs, and what it costs. */
export interface SandboxOption {
  /** `gvisor` (Linux, needs no hardware virtualization), `kata` (Linux micro-VM per pod), `hyperv` (Windows). */
  readonly runtime: string;
  readonly description: string;
  /** The workloads that would run sandboxed, and how many sandboxes (one per pod or lone container; per container for hyperv). */
  readonly workloads: readonly string[];
  readonly sandboxes: number;
  /** Memory the sandboxes add over the runtime the workloads use today (like with like where one benchmark has both). */
  readonly memory: Sum;
  /** VMs in which this runtime needs nested virtualization (kata, hyperv on a guest kernel). */
  readonly nestedVirtualization: readonly string[];
  readonly startup: readonly StartupChange[];
}


/** Per-node OS figures, so a scenario can drop and add OS instances and re-add the sums. */
interface Ledger {
  readonly osMemory: Map<string, Figure | undefined>;
  readonly osDisk: Map<string, Figure | undefined>;
  readonly hypervisor: Map<string, Figure | undefined>;
  vms: number;
  kernels: number;
  osInstances: number;
}

function ledger(analysis: Analysis, facts: Facts): Ledger {
  const l: Ledger = { osMemory: new Map(), osDisk: new Map(), hypervisor: new Map(), vms: 0, kernels: analysis.model.kernels.length, osInstances: 0 };
  for (const k of analysis.model.kernels) if (k.kind === 'host' || k.kind === 'guest') l.osInstances++;
  for (const h of ofKind(analysis.model, 'host')) {
    if (!h.props.os) continue;
    const os = osOf(h);
    l.osMemory.set(nodeName(h), osMemory(os, facts.book));
    l.osDisk.set(nodeName(h), osDisk(os, facts.book));
  }
  for (const [vm, s] of facts.vmStats) {
    l.vms++;
    if (vm.props.os) {
      l.osMemory.set(s.id, s.guestOsMemory);
      l.osDisk.set(s.id, s.guestOsDisk);
    }
    l.hypervisor.set(s.id, s.hypervisorOverhead);
  }
  return l;
}

function totals(l: Ledger, hypervisorExpected: ReadonlySet<string>): ScenarioTotals {
  const total = (m: Map<string, Figure | undefined>, expected: (id: string) => boolean) =>
    sum(
      [...m.values()],
      'bytes',
      [...m].filter(([id, f]) => !f && expected(id)).map(([id]) => id),
    );
  return {
    vms: l.vms,
    kernels: l.kernels,
    osInstances: l.osInstances,
    osMemory: total(l.osMemory, () => true),
    osDisk: total(l.osDisk, () => true),
    hypervisorOverhead: total(l.hypervisor, (id) => hypervisorExpected.has(id)),
  };
}

function snapshot(l: Ledger): Ledger {
  return { ...l, osMemory: new Map(l.osMemory), osDisk: new Map(l.osDisk), hypervisor: new Map(l.hypervisor) };
}

function kernelRef(k: Kernel): KernelRef {
  return { key: k.key, owner: nodeName(k.owner), ...(k.os ? { os: k.os } : {}) };
}

/** The tenants of a workload and everything inside it (a container's apps may set their own). */
function tenantsOf(w: ModelNode): string[] {
  const out: string[] = [];
  const stack = [w];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.tenant !== undefined && !out.includes(n.tenant)) out.push(n.tenant);
    stack.push(...n.children);
  }
  return out;
}

/**
 * The boots of the VMs above a machine (the machine itself if it is a VM), outermost first, and
 * the VMs among them without a boot figure (unsourced).
 */
function vmBootsAbove(machine: ModelNode | undefined, facts: Facts): { figures: Figure[]; missing: string[] } {
  const figures: Figure[] = [];
  const missing: string[] = [];
  for (let p = machine; p; p = p.parent) {
    if (p.kind !== 'vm') continue;
    const boot = facts.vmStats.get(p)!.boot;
    if (boot) figures.unshift(boot);
    else missing.unshift(nodeName(p));
  }
  return { figures, missing };
}

/** A cold start: the VMs above a machine boot, then the workload's own step starts. */
function startAfter(machine: ModelNode | undefined, facts: Facts, steps: readonly { figure: Figure | undefined; node: string }[]): Sum {
  const above = vmBootsAbove(machine, facts);
  return sum([...above.figures, ...steps.map((s) => s.figure)], 'ms', [...above.missing, ...steps.filter((s) => !s.figure).map((s) => s.node)]);
}

function familyOf(os: string | undefined): OsFamily | undefined {
  return os ? findOs(os)?.family : undefined;
}

/** Tenant pairs that a set of moves adds to a kernel that already runs `existing`. */
class PairCollector {
  private readonly seen = new Set<string>();
  readonly pairs: TenantPair[] = [];

  add(kernel: string, entries: readonly { tenant: string; workload: string; existing: boolean }[]): void {
    for (let i = 0; i < entries.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = entries[j];
        const b = entries[i];
        if (a.tenant === b.tenant || (a.existing && b.existing)) continue;
        const [t1, t2] = a.tenant < b.tenant ? [a.tenant, b.tenant] : [b.tenant, a.tenant];
        const key = `${kernel}\u0000${t1}\u0000${t2}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        this.pairs.push({ kernel, tenants: [a.tenant, b.tenant], workloads: [a.workload, b.workload] });
      }
    }
  }
}

/** What both scenarios start from (the model's ledger and a copy to change) and how they end. */
function startScenario(analysis: Analysis) {
  const facts = gatherFacts(analysis);
  const base = ledger(analysis, facts);
  const hvExpected = new Set([...facts.vmStats].filter(([vm]) => vm.parent?.kind === 'hypervisor').map(([, s]) => s.id));
  const after = snapshot(base);
  const changes: ScenarioChange[] = [];
  const skipped: { node: string; reason: string }[] = [];
  const assumptions: string[] = [];
  const startup: StartupChange[] = [];
  const finish = (scenario: Scenario, isolation: WhatIfResult['isolation'], sandboxes: readonly SandboxOption[] = []): WhatIfResult =>
    facts.book.finalize({
      scenario,
      before: totals(base, hvExpected),
      after: totals(after, hvExpected),
      changes,
      skipped,
      assumptions,
      startup,
      isolation,
      ...(sandboxes.length ? { sandbox: sandboxes[0], sandboxOptions: sandboxes } : {}),
    });
  return { facts, book: facts.book, base, hvExpected, after, changes, skipped, assumptions, startup, finish };
}

/**
 * containerize: every VM whose whole workload is one app or one container becomes a container on
 * the kernel of the machine below its hypervisor. When that machine has no `os` (a type 1
 * hypervisor on bare metal), the VMs' own OS is assumed as the shared host OS, one per OS family,
 * and the assumption is stated. VMs that need another OS family than the machine runs are skipped.
 */
export function containerize(analysis: Analysis, settings: Partial<CheckSettings> = {}): WhatIfResult {
  const small = settings.smallAppMemory ?? DEFAULT_SETTINGS.smallAppMemory;
  const run = startScenario(analysis);
  const { facts, book, after, changes, skipped, assumptions, startup } = run;
  const assumed = new Map<string, KernelRef>();
  const pairs = new PairCollector();
  const onTarget = new Map<string, { tenant: string; workload: string; existing: boolean }[]>();

  for (const vm of ofKind(analysis.model, 'vm')) {
    const work = vmWork(vm);
    if (!work) continue;
    const id = nodeName(vm);
    if (work.props.memory !== undefined && work.props.memory > small) {
      skipped.push({
        node: id,
        reason: `its ${work.kind} '${nodeName(work)}' is given ${formatBytes(work.props.memory)}, above the ${formatBytes(small)} small-app threshold of vm-for-single-app: a workload that size may well earn a VM of its own`,
      });
      continue;
    }
    if (!vm.props.os) {
      skipped.push({ node: id, reason: 'it has no os, so there is no guest OS to save' });
      continue;
    }
    const machine = machineOf(vm);
    if (!machine) {
      skipped.push({ node: id, reason: 'it runs on no host or VM' });
      continue;
    }
    const family = familyOf(vm.props.os);
    let to: KernelRef;
    let existingTenants: { tenant: string; workload: string }[] = [];
    if (machine.kernel) {
      if (family && machine.kernel.family && family !== machine.kernel.family) {
        skipped.push({ node: id, reason: `its ${family} workload cannot share the ${machine.kernel.family} kernel of ${machine.kind} '${nodeName(machine)}'` });
        continue;
      }
      to = kernelRef(machine.kernel);
      existingTenants = tenantEntries(machine.kernel);
    } else {
      const key = `assumed:${nodeName(machine)}:${family ?? vm.props.os}`;
      let ref = assumed.get(key);
      if (!ref) {
        ref = { key, owner: nodeName(machine), os: vm.props.os, assumed: true };
        assumed.set(key, ref);
        assumptions.push(
          `${machine.kind} '${nodeName(machine)}' has no os: it is assumed to run ${vm.props.os} (the OS of VM '${id}') as the one shared ${family ?? ''} kernel for the containers.`.replace('  ', ' '),
        );
        after.kernels++;
        after.osInstances++;
        const os = findOs(vm.props.os);
        after.osMemory.set(key, osMemory(os, book));
        after.osDisk.set(key, osDisk(os, book));
      }
      to = ref;
    }
    // The VM, its guest kernel and its hypervisor overhead go.
    after.vms--;
    after.kernels--;
    after.osInstances--;
    after.osMemory.delete(id);
    after.osDisk.delete(id);
    after.hypervisor.delete(id);

    const sandboxed = work.kind === 'container' && work.kernel !== undefined && work.kernel.owner !== vm && work.kernel.kind !== 'guest';
    const runtime = work.kind === 'container' ? effectiveRuntime(work) : targetRuntime(machine);
    changes.push({
      subject: id,
      description:
        work.kind === 'container'
          ? `VM '${id}' goes; its container '${nodeName(work)}' runs ${sandboxed ? `in its own ${work.kernel!.kind === 'sandbox' ? 'gVisor sandbox' : 'micro-VM'} on` : 'on'} ${describeRef(to)}.`
          : `VM '${id}' goes; app '${nodeName(work)}' runs in a container (${runtime}) on ${describeRef(to)}.`,
      from: kernelRef(vm.kernel!),
      to,
      workloads: [nodeName(work)],
    });

    const before = coldStart(work, facts).total;
    const start: Figure | undefined =
      work.kind === 'container' ? facts.containerStarts.get(work) : (() => {
        const t = containerStartTime(runtime, targetEngine(machine)?.props.product, familyOf(vm.props.os) ?? 'linux');
        return t ? book.figure(t.figure, 'ms', t.bound) : undefined;
      })();
    startup.push({ workload: nodeName(work), before, after: startAfter(machine, facts, [{ figure: start, node: nodeName(work) }]) });

    if (!sandboxed) {
      const entries = onTarget.get(to.key) ?? existingTenants.map((e) => ({ ...e, existing: true }));
      for (const t of tenantsOf(work)) entries.push({ tenant: t, workload: nodeName(work), existing: false });
      onTarget.set(to.key, entries);
    }
  }
  for (const [kernel, entries] of onTarget) pairs.add(kernel, entries);

  return run.finish('containerize', { newlyShared: pairs.pairs, resolved: [] });
}

/**
 * The one app or container that is a VM's whole workload, or undefined: the same test as
 * vm-for-single-app (one allocation below it, looking through engines and pods, and not a VM).
 */
function vmWork(vm: ModelNode): ModelNode | undefined {
  const work = allocationChildren(vm);
  return work.length === 1 && work[0].kind !== 'vm' ? work[0] : undefined;
}

/** The engine a new container on a machine would use: its first engine. */
function targetEngine(machine: ModelNode): ModelNode | undefined {
  return machine.children.find((c) => c.kind === 'engine');
}

/** The runtime a new container on a machine would use: its first engine's, else runc (Docker's default). */
function targetRuntime(machine: ModelNode): string {
  const engine = targetEngine(machine);
  return engine ? effectiveRuntime(engine) : 'runc';
}

function describeRef(r: KernelRef): string {
  if (r.key.startsWith('new:')) return `a new VM '${r.owner}'${r.os ? ` (${r.os})` : ''}`;
  return `the ${r.assumed ? 'assumed ' : ''}kernel of '${r.owner}'${r.os ? ` (${r.os})` : ''}`;
}

/** One entry per tenant on a kernel, with its first workload. */
function tenantEntries(kernel: Kernel): { tenant: string; workload: string }[] {
  const out: { tenant: string; workload: string }[] = [];
  for (const w of kernel.workloads) {
    if ((w.kind !== 'container' && w.kind !== 'app') || w.tenant === undefined) continue;
    if (!out.some((e) => e.tenant === w.tenant)) out.push({ tenant: w.tenant, workload: nodeName(w) });
  }
  return out;
}

/** One new VM of isolate-tenants: a moving tenant's workloads on one physical host and OS family. */
interface NewVm {
  readonly tenant: string;
  /** The kernels it leaves, each with the tenant that stays there. */
  readonly kernels: { kernel: Kernel; stay: string }[];
  readonly workloads: ModelNode[];
  readonly os: string | undefined;
  readonly hypervisor: ModelNode | undefined;
  /** The machine whose VMs' boot still precedes the new VM's (the host, or the VM under a nested hypervisor). */
  readonly outer: ModelNode | undefined;
}

/**
 * isolate-tenants: on every kernel that two or more tenants share, the tenant with the most
 * workloads stays and each other tenant moves out. A moving tenant gets ONE new VM per physical
 * host and OS family, whatever number of kernels it leaves there, with the kernels' OS, beside
 * the kernel's VM (guest kernels) or on the host's hypervisor (host kernels). Next to that, the
 * sandbox alternative: the moving workloads stay and run under gVisor or Kata (Linux) or Hyper-V
 * isolation (Windows), with the memory and start-up it costs.
 */
export function isolateTenants(analysis: Analysis): WhatIfResult {
  const run = startScenario(analysis);
  const { facts, book, after, hvExpected, changes, assumptions, startup } = run;
  const resolved = new PairCollector();
  const usedNames = new Set(analysis.model.byId.keys());
  const nextIndex = new Map<string, number>();
  /** `base`, or `base-2`, `base-3`, … : a name no node and no earlier new VM has. */
  const freshName = (base: string): string => {
    let i = nextIndex.get(base) ?? 1;
    let candidate = i === 1 ? base : `${base}-${i}`;
    while (usedNames.has(candidate)) candidate = `${base}-${++i}`;
    nextIndex.set(base, i + 1);
    usedNames.add(candidate);
    return candidate;
  };
  const note = (text: string) => {
    if (!assumptions.includes(text)) assumptions.push(text);
  };

  const groups = new Map<string, NewVm>();
  for (const kernel of analysis.model.kernels) {
    const tenants = kernelTenants(kernel);
    if (tenants.length < 2) continue;
    // Workloads by tenant: the containers and apps (not inside a container) on this kernel.
    const byTenant = new Map<string, ModelNode[]>();
    for (const w of kernel.workloads) {
      if (!isWorkload(w) || w.tenant === undefined) continue;
      const list = byTenant.get(w.tenant);
      if (list) list.push(w);
      else byTenant.set(w.tenant, [w]);
    }
    // Apps inside containers may carry another tenant than their container; count them too.
    for (const w of kernel.workloads) {
      if (w.kind === 'app' && w.parent?.kind === 'container' && w.tenant !== undefined && w.tenant !== w.parent.tenant && !byTenant.has(w.tenant)) {
        byTenant.set(w.tenant, [w.parent]);
      }
    }
    resolved.add(
      kernel.key,
      tenantEntries(kernel).map((e) => ({ ...e, existing: false })),
    );
    const ranked = [...byTenant].sort((a, b) => b[1].length - a[1].length || tenants.indexOf(a[0]) - tenants.indexOf(b[0]));
    const [[stay], ...move] = ranked;
    const os = kernel.os ?? nearestOs(kernel.owner);
    const machine = kernel.kind === 'guest' || kernel.kind === 'host' ? kernel.owner : machineOf(kernel.owner);
    const hypervisor = kernel.kind === 'guest' && kernel.owner.parent?.kind === 'hypervisor' ? kernel.owner.parent : machine?.children.find((c) => c.kind === 'hypervisor');
    if (!hypervisor && machine) note(`${machine.kind} '${nodeName(machine)}' has no hypervisor: the new VMs need one (type 2 on its OS, or KVM); its overhead is not counted.`);
    if (!os) note(`The kernel of '${nodeName(kernel.owner)}' has no known OS: the new VMs' guest-OS figures are unknown.`);
    const host = machine ? hostOf(machine) : undefined;
    for (const [tenant, workloads] of move) {
      const key = `${tenant}\u0000${host ? nodeName(host) : ''}\u0000${familyOf(os) ?? os ?? ''}`;
      const group = groups.get(key);
      if (group) {
        group.kernels.push({ kernel, stay });
        group.workloads.push(...workloads);
      } else {
        groups.set(key, { tenant, kernels: [{ kernel, stay }], workloads: [...workloads], os, hypervisor, outer: kernel.kind === 'guest' ? machineOf(kernel.owner) : machine });
      }
    }
  }

  for (const g of groups.values()) {
    const vmName = freshName(`${g.tenant}-vm`);
    const key = `new:${vmName}`;
    const osEntry = g.os ? findOs(g.os) : undefined;
    const memory = (osEntry?.minMemory?.value ?? 0) + g.workloads.reduce((s, w) => s + (w.props.memory ?? 0), 0);
    // Whole vCPUs (the model holds millicores): enough for the workloads, at least one.
    const cpu = Math.max(1, Math.ceil(g.workloads.reduce((s, w) => s + (w.props.cpu ?? 0), 0) / 1000));
    after.vms++;
    after.kernels++;
    after.osInstances++;
    after.osMemory.set(key, osMemory(osEntry, book));
    after.osDisk.set(key, osDisk(osEntry, book));
    after.hypervisor.set(key, g.hypervisor?.props.product ? hypervisorOverheadFor(g.hypervisor.props.product, memory, cpu, book) : undefined);
    if (g.hypervisor) hvExpected.add(key);
    const left = list(g.kernels.map((k) => `${describeKernelShort(k.kernel)} ('${k.stay}' stays)`));
    changes.push({
      subject: g.tenant,
      description: `Tenant '${g.tenant}' leaves ${left} for one new VM '${vmName}'${g.os ? ` (${g.os})` : ''}${g.hypervisor ? ` on hypervisor '${nodeName(g.hypervisor)}'` : ''}; ${plural(g.workloads.length, 'workload')} move.`,
      from: kernelRef(g.kernels[0].kernel),
      to: { key, owner: vmName, ...(g.os ? { os: g.os } : {}), assumed: true },
      workloads: g.workloads.map(nodeName),
    });
    const boot = vmBootTime(g.hypervisor?.props.product, familyOf(g.os));
    const bootFigure = boot ? book.figure(boot.figure, 'ms', boot.bound) : undefined;
    for (const w of g.workloads) {
      const before = coldStart(w, facts);
      // The new VM stands beside the kernel's VM (guest kernel), so that VM's boot drops out.
      const steps = [{ figure: bootFigure, node: vmName }];
      if (w.kind === 'container') steps.push({ figure: facts.containerStarts.get(w), node: nodeName(w) });
      startup.push({ workload: nodeName(w), before: before.total, after: startAfter(g.outer, facts, steps) });
    }
  }

  const moving = [...groups.values()].flatMap((g) => g.workloads);
  const options = sandboxOptions(moving, facts);
  return run.finish('isolate-tenants', { newlyShared: [], resolved: resolved.pairs }, options);
}

/**
 * The sandbox alternatives for workloads that would otherwise move into new VMs: gVisor and Kata
 * for Linux workloads, Hyper-V isolation for Windows ones (an app straight on an OS would first
 * need a container). Each with the sandboxes it makes, the memory they add and the start-up.
 */
function sandboxOptions(moving: readonly ModelNode[], facts: Facts): SandboxOption[] {
  if (moving.length === 0) return [];
  const windows = moving.some((w) => w.kind === 'container' && containerFamily(w) === 'windows');
  const runtimes = windows ? ['hyperv'] : ['gvisor', 'kata'];
  return runtimes.map((r) => sandboxOption(r, moving, facts));
}

function sandboxOption(runtime: string, moving: readonly ModelNode[], facts: Facts): SandboxOption {
  const { book } = facts;
  const entry = findRuntime(runtime);
  const perPod = runtime !== 'hyperv';
  // One sandbox per pod (gVisor, Kata) or per container (Hyper-V), or per lone container or app.
  const owners = new Set<ModelNode>();
  for (const w of moving) owners.add(perPod && w.parent?.kind === 'pod' ? w.parent : w);
  const figures: (Figure | undefined)[] = [];
  const missing: string[] = [];
  const nested = new Set<string>();
  for (const o of owners) {
    const today = findRuntime(o.kind === 'app' ? 'runc' : effectiveRuntime(o));
    const cost = entry?.memoryOverhead;
    if (!cost) {
      missing.push(nodeName(o));
    } else if (today?.memoryOverhead && today.memoryOverhead.source === cost.source && today.id !== runtime) {
      // One benchmark measured both runtimes: the cost is the difference (like with like).
      figures.push(
        book.figure(
          { ...cost, note: `${entry!.name} minus ${today.name}, one benchmark: ${formatBytes(cost.value)} − ${formatBytes(today.memoryOverhead.value)} per sandbox. ${cost.note ?? ''}`.trim() },
          'bytes',
          undefined,
          cost.value - today.memoryOverhead.value,
        ),
      );
    } else figures.push(book.figure(cost, 'bytes'));
    const machine = machineOf(o);
    if (runtime !== 'gvisor' && machine?.kind === 'vm') nested.add(nodeName(machine));
  }
  const startup: StartupChange[] = [];
  for (const w of moving) {
    const before = coldStart(w, facts);
    const t = containerStartTime(runtime, w.kind === 'container' ? engineOf(w)?.props.product : undefined, w.kind === 'container' ? containerFamily(w) : 'linux');
    const start = t ? book.figure(t.figure, 'ms', t.bound) : undefined;
    startup.push({ workload: nodeName(w), before: before.total, after: startAfter(machineOf(w), facts, [{ figure: start, node: nodeName(w) }]) });
  }
  const what = runtime === 'gvisor' ? 'a gVisor sandbox (user-space kernel) per pod or lone container' : runtime === 'kata' ? 'a Kata micro-VM per pod or lone container' : 'a Hyper-V utility VM per container';
  const description = `Instead of new VMs: ${plural(moving.length, 'workload')} stay where they are under runtime: ${runtime}, ${what} (${plural(owners.size, 'sandbox', 'sandboxes')})${nested.size ? `; needs nested virtualization in ${list([...nested].map((v) => `VM '${v}'`))}` : ''}.`;
  return { runtime, description, workloads: moving.map(nodeName), sandboxes: owners.size, memory: sum(figures, 'bytes', missing), nestedVirtualization: [...nested], startup };
}

function nearestOs(n: ModelNode): string | undefined {
  for (let p = n.parent; p; p = p.parent) if ((p.kind === 'host' || p.kind === 'vm') && p.props.os) return p.props.os;
  return undefined;
}

function describeKernelShort(k: Kernel): string {
  const what = k.kind === 'host' ? 'host' : k.kind === 'guest' ? 'VM' : k.kind === 'sandbox' ? 'gVisor sandbox' : 'micro-VM';
  return `the kernel of ${what} '${nodeName(k.owner)}'`;
}

/** Runs a scenario by name. `settings` gives containerize the small-app threshold of vm-for-single-app. */
export function whatIf(scenario: Scenario, analysis: Analysis, settings: Partial<CheckSettings> = {}): WhatIfResult {
  return scenario === 'containerize' ? containerize(analysis, settings) : isolateTenants(analysis);
}

