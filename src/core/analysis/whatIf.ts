// What-if scenarios over a model, as data (the CLI and the preview format them):
//   containerize     every VM whose whole workload is one app or one container gives up its guest
//                    OS: the workload runs as a container on the kernel of the machine under the
//                    hypervisor. Reports the kernels, memory, disk and start-up saved, and the
//                    isolation given up (tenants that would then share a kernel).
//   isolate-tenants  every kernel shared by two or more tenants keeps one tenant (the one with the
//                    most workloads; the first in the file on a tie) and moves each other tenant
//                    into a VM of its own, with the kernel's OS. Reports the VMs, kernels, memory,
//                    disk and start-up added. Moving every tenant would add one VM more than needed:
//                    once the others leave, the last tenant is alone on its kernel.
import { containerStartTime, findOs, GENERAL_VM_BOOT_ESTIMATE } from '../catalogue';
import type { Analysis } from '../index';
import type { Kernel, ModelNode, OsFamily } from '../model/model';
import { effectiveRuntime, machineOf, ofKind } from '../model/queries';
import { type Figure, type SourceRef, type Sum, sum } from './figures';
import { hypervisorOverheadFor, osDisk, osMemory, osOf } from './estimates';
import { type Facts, coldStart, gatherFacts, isWorkload, kernelTenants } from './stats';
import { nodeName } from './format';

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
  readonly sources: readonly SourceRef[];
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

/** VMs booting above a machine (the machine itself if it is a VM), outermost first. */
function vmBootsAbove(machine: ModelNode | undefined, facts: Facts): Figure[] {
  const out: Figure[] = [];
  for (let p = machine; p; p = p.parent) if (p.kind === 'vm') out.unshift(facts.vmStats.get(p)!.boot);
  return out;
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
  const finish = (scenario: Scenario, isolation: WhatIfResult['isolation']): WhatIfResult =>
    facts.book.finalize({ scenario, before: totals(base, hvExpected), after: totals(after, hvExpected), changes, skipped, assumptions, startup, isolation });
  return { facts, book: facts.book, base, hvExpected, after, changes, skipped, assumptions, startup, finish };
}

/**
 * containerize: every VM whose whole workload is one app or one container becomes a container on
 * the kernel of the machine below its hypervisor. When that machine has no `os` (a type 1
 * hypervisor on bare metal), the VMs' own OS is assumed as the shared host OS, one per OS family,
 * and the assumption is stated. VMs that need another OS family than the machine runs are skipped.
 */
export function containerize(analysis: Analysis): WhatIfResult {
  const run = startScenario(analysis);
  const { facts, book, after, changes, skipped, assumptions, startup } = run;
  const assumed = new Map<string, KernelRef>();
  const pairs = new PairCollector();
  const onTarget = new Map<string, { tenant: string; workload: string; existing: boolean }[]>();

  for (const vm of ofKind(analysis.model, 'vm')) {
    const work = vmWork(vm);
    if (!work) continue;
    const id = nodeName(vm);
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
        const f = containerStartTime(runtime);
        return f ? book.figure(f, 'ms') : undefined;
      })();
    startup.push({ workload: nodeName(work), before, after: sum([...vmBootsAbove(machine, facts), start], 'ms', start ? [] : [nodeName(work)]) });

    if (!sandboxed) {
      const entries = onTarget.get(to.key) ?? existingTenants.map((e) => ({ ...e, existing: true }));
      for (const t of tenantsOf(work)) entries.push({ tenant: t, workload: nodeName(work), existing: false });
      onTarget.set(to.key, entries);
    }
  }
  for (const [kernel, entries] of onTarget) pairs.add(kernel, entries);

  return run.finish('containerize', { newlyShared: pairs.pairs, resolved: [] });
}

/** The one app or container that is a VM's whole workload, or undefined. */
function vmWork(vm: ModelNode): ModelNode | undefined {
  const work: ModelNode[] = [];
  const stack = [...vm.children];
  while (stack.length) {
    const c = stack.pop()!;
    if (c.kind === 'vm' || c.kind === 'hypervisor') return undefined;
    if (c.kind === 'container' || c.kind === 'app') work.push(c);
    else if (c.kind === 'engine' || c.kind === 'pod') stack.push(...c.children);
  }
  return work.length === 1 ? work[0] : undefined;
}

/** The runtime a new container on a machine would use: its first engine's, else runc (Docker's default). */
function targetRuntime(machine: ModelNode): string {
  const engine = machine.children.find((c) => c.kind === 'engine');
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

/**
 * isolate-tenants: on every kernel that two or more tenants share, the tenant with the most
 * workloads stays and each other tenant moves into a new VM with the kernel's OS, next to the
 * kernel's VM (guest kernels) or on the host's hypervisor (host kernels).
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
    const [stay, ...move] = ranked;
    const os = kernel.os ?? nearestOs(kernel.owner);
    const machine = kernel.kind === 'guest' ? kernel.owner : kernel.kind === 'host' ? kernel.owner : machineOf(kernel.owner);
    const hypervisor = kernel.kind === 'guest' && kernel.owner.parent?.kind === 'hypervisor' ? kernel.owner.parent : machine?.children.find((c) => c.kind === 'hypervisor');
    if (!hypervisor && machine) {
      const note = `${machine.kind} '${nodeName(machine)}' has no hypervisor: the new VMs need one (type 2 on its OS, or KVM); its overhead is not counted.`;
      if (!assumptions.includes(note)) assumptions.push(note);
    }
    if (!os) {
      const note = `The kernel of '${nodeName(kernel.owner)}' has no known OS: the new VMs' guest-OS figures are unknown.`;
      if (!assumptions.includes(note)) assumptions.push(note);
    }
    const osEntry = os ? findOs(os) : undefined;
    for (const [tenant, workloads] of move) {
      const vmName = freshName(`${tenant}-vm`);
      const key = `new:${vmName}`;
      const memory = (osEntry?.minMemory?.value ?? 0) + workloads.reduce((s, w) => s + (w.props.memory ?? 0), 0);
      const cpu = Math.max(1, workloads.reduce((s, w) => s + (w.props.cpu ?? 0), 0));
      after.vms++;
      after.kernels++;
      after.osInstances++;
      after.osMemory.set(key, osMemory(osEntry, book));
      after.osDisk.set(key, osDisk(osEntry, book));
      const hvFigure = hypervisor?.props.product ? hypervisorOverheadFor(hypervisor.props.product, memory, cpu, book) : undefined;
      after.hypervisor.set(key, hvFigure);
      if (hypervisor) hvExpected.add(key);
      const to: KernelRef = { key, owner: vmName, ...(os ? { os } : {}), assumed: true };
      changes.push({
        subject: tenant,
        description: `Tenant '${tenant}' leaves ${describeKernelShort(kernel)} for a new VM '${vmName}'${os ? ` (${os})` : ''}${hypervisor ? ` on hypervisor '${nodeName(hypervisor)}'` : ''}; '${stay[0]}' stays.`,
        from: kernelRef(kernel),
        to,
        workloads: workloads.map(nodeName),
      });
      const boot = book.figure(GENERAL_VM_BOOT_ESTIMATE, 'ms');
      for (const w of workloads) {
        const before = coldStart(w, facts);
        // The new VM stands beside the kernel's VM (guest kernel), so that VM's boot drops out.
        const outer = vmBootsAbove(kernel.kind === 'guest' ? machineOf(kernel.owner) : machine, facts);
        const start = w.kind === 'container' ? facts.containerStarts.get(w) : undefined;
        startup.push({ workload: nodeName(w), before: before.total, after: sum([...outer, boot, start], 'ms', w.kind === 'container' && !start ? [nodeName(w)] : []) });
      }
    }
  }

  return run.finish('isolate-tenants', { newlyShared: [], resolved: resolved.pairs });
}

function nearestOs(n: ModelNode): string | undefined {
  for (let p = n.parent; p; p = p.parent) if ((p.kind === 'host' || p.kind === 'vm') && p.props.os) return p.props.os;
  return undefined;
}

function describeKernelShort(k: Kernel): string {
  const what = k.kind === 'host' ? 'host' : k.kind === 'guest' ? 'VM' : k.kind === 'sandbox' ? 'gVisor sandbox' : 'micro-VM';
  return `the kernel of ${what} '${nodeName(k.owner)}'`;
}

/** Runs a scenario by name. */
export function whatIf(scenario: Scenario, analysis: Analysis): WhatIfResult {
  return scenario === 'containerize' ? containerize(analysis) : isolateTenants(analysis);
}

