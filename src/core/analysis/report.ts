// Stats and what-if results as a report: titled sections of lines and tables of plain strings,
// which the CLI prints as aligned text or markdown (and the preview can show as HTML). Every
// figure keeps its citation ("[S1]", "(set in the model)"); the last section lists the sources.
import type { Figure, SourceRef, Sum } from './figures';
import { formatCores, formatFigure, formatRatio, formatSum, formatValue, list, plural } from './format';
import type { Allocation, ModelStats, Resources } from './stats';
import type { ScenarioTotals, WhatIfResult } from './whatIf';

export interface ReportTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns to align right (numbers). */
  readonly numeric?: readonly number[];
  /** `blocks`: long cells; text output prints one block per row instead of a grid. */
  readonly layout?: 'grid' | 'blocks';
}

export interface ReportSection {
  readonly title: string;
  readonly lines?: readonly string[];
  readonly table?: ReportTable;
  /** Lines after the table (notes, "and N more"). */
  readonly notes?: readonly string[];
}

export interface Report {
  readonly title: string;
  readonly sections: readonly ReportSection[];
}

export interface ReportOptions {
  /** Most rows per table (kernels, VMs, workloads); the rest are counted in a note. Default 200. */
  readonly maxRows?: number;
}

function capped(rows: string[][], max: number): { rows: string[][]; notes: string[] } {
  if (rows.length <= max) return { rows, notes: [] };
  return { rows: rows.slice(0, max), notes: [`… and ${rows.length - max} more rows (the JSON output has them all).`] };
}

function used(alloc: number, cap: number | undefined, ratio: number | undefined, fmt: (n: number) => string): string {
  if (cap === undefined) return alloc ? `${fmt(alloc)} / ?` : '';
  return `${fmt(alloc)} / ${fmt(cap)} (${formatRatio(ratio)})`;
}

function allocationCells(cap: Resources, a: Allocation): string[] {
  const bytes = (n: number) => formatValue(n, 'bytes');
  return [
    used(a.cpu, cap.cpu, a.cpuRatio, formatCores) + (a.cpuAboveWarnRatio ? ' ⚠' : ''),
    used(a.memory, cap.memory, a.memoryRatio, bytes),
    a.disk === 0 ? (cap.disk !== undefined ? `– / ${bytes(cap.disk)}` : '') : used(a.disk, cap.disk, a.diskRatio, bytes),
  ];
}

/** "18 GiB / 16 GiB (1.13): 14 GiB + ≥ 4 GiB [S1]": the memory a machine must hold with its OSes. */
function withOsCell(cap: Resources, a: Allocation): string {
  if (a.osShare.count === 0 && a.osShare.missing.length === 0) return '–';
  const bytes = (n: number) => formatValue(n, 'bytes');
  return `${used(a.memoryWithOs, cap.memory, a.memoryWithOsRatio, bytes)}: ${bytes(a.memory)} + ${formatSum(a.osShare)}`;
}

function sumCell(s: Sum): string {
  return s.count === 0 && s.missing.length === 0 ? '–' : formatSum(s);
}

function figureCell(f: Figure | undefined): string {
  return f ? formatFigure(f) : '–';
}

function sourcesSection(sources: readonly SourceRef[]): ReportSection {
  return {
    title: 'Sources',
    lines: sources.flatMap((s) => [
      `[${s.id}] ${s.publisher} — ${s.title}${s.ref ? ` — ${s.ref}` : s.url ? ` — ${s.url}` : ''}${s.ref && s.url ? ` (${s.url})` : ''}${s.thirdParty ? ' (third-party)' : ''}`,
      ...(s.notes ?? []).map((n) => `    ${n}`),
    ]),
    notes: [
      '≥ marks a vendor minimum (the real footprint is higher), ≤ an upper bound, ≈ a measurement under the source\'s conditions, ~ an order-of-magnitude estimate. Override any figure in the model: `startup:` on a VM or container, `size:` on a container or app.',
    ],
  };
}

/** The stats of a model as a report. */
export function statsReport(stats: ModelStats, options: ReportOptions = {}): Report {
  const max = options.maxRows ?? 200;
  const t = stats.total;
  const k = t.kernels;
  const kernelKinds = [
    k.host ? `${k.host} host` : '',
    k.guest ? `${k.guest} guest` : '',
    k.sandbox ? `${k.sandbox} gVisor sandbox` : '',
    k.microvm ? `${k.microvm} micro-VM` : '',
  ].filter(Boolean);
  const sections: ReportSection[] = [];
  sections.push({
    title: 'Summary',
    lines: [
      `${plural(t.hosts, 'host')}, ${plural(t.vms, 'VM')}, ${plural(t.containers, 'container')}, ${plural(t.apps, 'app')}; ${plural(t.tenants.length, 'tenant')}.`,
      `${plural(k.total, 'kernel')}${kernelKinds.length ? ` (${kernelKinds.join(', ')})` : ''}; ${plural(t.osInstances, 'OS instance')} (host + guest).`,
      `Guest-OS overhead: ${formatSum(t.guestOsMemory)} of memory and ${formatSum(t.guestOsDisk)} of disk inside the VMs' allocations; hypervisor overhead ${sumCell(t.hypervisorOverhead)} on top.`,
      stats.sharedKernels.length
        ? `${plural(stats.sharedKernels.length, 'kernel')} shared by more than one tenant: ${list(stats.sharedKernels.map((key) => describeKernelKey(stats, key)))}.`
        : 'No kernel is shared by two tenants.',
      `Findings: ${plural(stats.findings.errors, 'error')}, ${plural(stats.findings.warnings, 'warning')}, ${plural(stats.findings.infos, 'info')} (\`strata check\` lists them).`,
    ],
  });

  const hostRows = stats.hosts.map((h) => [h.id, ...allocationCells(h.capacity, h.allocated), withOsCell(h.capacity, h.allocated)]);
  hostRows.push(['total', ...allocationCells(t.capacity, t.allocated), withOsCell(t.capacity, t.allocated)]);
  sections.push({
    title: 'Capacity and allocation (allocated / physical, ratio)',
    table: { columns: ['host', 'CPU cores', 'memory', 'disk (VMs)', 'memory with the OSes'], rows: hostRows },
    notes: [
      'Allocated: the CPU and memory set on the VMs, containers and apps directly on each host (looking through hypervisors and engines), and the disk set on its VMs. All set in the model.',
      'Memory with the OSes: the allocated memory plus the host OS (for a type 2 hypervisor, the desktop OS it runs on) and the hypervisor\'s overhead per VM, at their catalogue minimums; each VM\'s guest OS takes its share inside the VM (see the VM table).',
      ...(stats.hosts.some((h) => h.allocated.cpuAboveWarnRatio) ? ['⚠ CPU allocated above the configured overcommit ratio (cpuOvercommitRatio).'] : []),
    ],
  });

  const overheadRows = stats.hosts.map((h) => [
    h.id,
    h.os ?? (h.hypervisors.some((hv) => hv.type === 1) ? '(type 1 hypervisor)' : '–'),
    String(h.kernels.total),
    String(h.osInstances),
    sumCell(h.hostOsMemory),
    sumCell(h.guestOsMemory),
    sumCell(h.guestOsDisk),
    sumCell(h.hypervisorOverhead),
  ]);
  overheadRows.push(['total', '', String(k.total), String(t.osInstances), sumCell(t.hostOsMemory), sumCell(t.guestOsMemory), sumCell(t.guestOsDisk), sumCell(t.hypervisorOverhead)]);
  sections.push({
    title: 'Kernels and OS overhead per host',
    table: {
      columns: ['host', 'host OS', 'kernels', 'OS instances', 'host-OS memory', 'guest-OS memory', 'guest-OS disk', 'hypervisor overhead'],
      rows: overheadRows,
      numeric: [2, 3],
    },
    notes: [
      'A VM\'s `memory` and `disk` are allocations; the guest OS takes its share of them. Sandbox (gVisor) and micro-VM kernels count as kernels but not as OS instances.',
      ...(stats.hosts.some((h) => !h.os && h.hypervisors.some((hv) => hv.type === 1))
        ? ['A type 1 hypervisor runs on the hardware without a host OS (it has a small kernel of its own, e.g. ESXi\'s VMkernel, not counted here).']
        : []),
    ],
  });

  if (stats.vms.length) {
    const rows = stats.vms.map((v) => [
      v.id,
      v.host ?? '–',
      v.os ?? '–',
      v.allocated.memory !== undefined ? formatValue(v.allocated.memory, 'bytes') : '–',
      v.osShare.count || v.osShare.missing.length ? `${formatValue(v.memoryWithOs, 'bytes')}${v.allocated.memory ? ` (${formatRatio(v.memoryWithOs / v.allocated.memory)})` : ''}` : '–',
      figureCell(v.guestOsMemory),
      figureCell(v.guestOsDisk),
      figureCell(v.hypervisorOverhead),
      v.boot ? formatFigure(v.boot) : 'unsourced',
    ]);
    const c = capped(rows, max);
    sections.push({
      title: 'VMs',
      table: { columns: ['VM', 'host', 'guest OS', 'memory (allocated)', 'with the guest OS', 'guest-OS memory', 'guest-OS disk', 'hypervisor overhead', 'boot'], rows: c.rows },
      notes: [
        ...c.notes,
        'With the guest OS: what the VM\'s memory has to hold, its workloads\' memory plus its guest OS minimum (ratio to the allocation).',
        ...(stats.vms.some((v) => !v.boot) ? ['Boot "unsourced": no checkable boot figure exists for a general-purpose VM (only Firecracker\'s ≤ 125 ms to guest init); set `startup:` on the VM.'] : []),
      ],
    });
  }

  if (stats.kernels.length) {
    const rows = stats.kernels.map((kn) => [kn.key, kn.kind, kn.os ?? '–', kn.host ?? '–', String(kn.workloads), kn.tenants.join(', ') || '–', kn.shared ? `⚠ ${kn.tenants.length} tenants` : '']);
    const c = capped(rows, max);
    sections.push({
      title: 'Tenants per kernel',
      table: { columns: ['kernel', 'kind', 'OS', 'host', 'workloads', 'tenants', 'shared'], rows: c.rows, numeric: [4] },
      notes: c.notes,
    });
  }

  if (stats.workloads.length) {
    const rows = stats.workloads.map((w) => [
      w.id,
      w.kind,
      w.host ?? '–',
      w.steps.length ? w.steps.map((s) => `${s.step === 'vm-boot' ? 'boot' : 'start'} ${s.node} ${s.figure ? formatFigure(s.figure) : '(no figure)'}`).join(' + ') : 'none: the host OS is already up',
      w.steps.length ? formatSum(w.total) : '0',
    ]);
    const c = capped(rows, max);
    sections.push({
      title: 'Estimated cold start per workload',
      table: { columns: ['workload', 'kind', 'host', 'what starts', 'total'], rows: c.rows },
      notes: ["The app's own start-up is not modelled: these are the platform's start times (VM boot, container start)."].concat(c.notes),
    });
  }

  const cmp = stats.comparison;
  const hasDirect = cmp.counts.direct > 0;
  sections.push({
    title: `Containers vs VMs in this model (the seeds' table [${cmp.seedSource}], with this model's numbers)`,
    table: {
      columns: [
        '',
        `VMs (${cmp.counts.vms})`,
        `containers (${cmp.counts.containers})`,
        ...(hasDirect ? [`apps straight on a host OS (${cmp.counts.direct})`] : []),
        `the seeds say [${cmp.seedSource}]`,
      ],
      rows: cmp.rows.map((r) => [r.title, r.vms, r.containers, ...(hasDirect ? [r.direct ?? ''] : []), `VM: "${r.seed.vm}" Container: "${r.seed.container}"`]),
      layout: 'blocks',
    },
  });

  sections.push(sourcesSection(stats.sources));
  return { title: 'Strata stats', sections };
}

function describeKernelKey(stats: ModelStats, key: string): string {
  const k = stats.kernels.find((x) => x.key === key);
  return k ? `${key} (${k.tenants.join(', ')})` : key;
}

function delta(before: Sum, after: Sum): string {
  const d = after.value - before.value;
  if (d === 0) return '0';
  return `${d > 0 ? '+' : '−'}${formatValue(Math.abs(d), before.unit)}`;
}

function count(before: number, after: number): string {
  const d = after - before;
  return d === 0 ? '0' : d > 0 ? `+${d}` : `−${-d}`;
}

function totalsRows(b: ScenarioTotals, a: ScenarioTotals): string[][] {
  return [
    ['VMs', String(b.vms), String(a.vms), count(b.vms, a.vms)],
    ['kernels', String(b.kernels), String(a.kernels), count(b.kernels, a.kernels)],
    ['OS instances (host + guest)', String(b.osInstances), String(a.osInstances), count(b.osInstances, a.osInstances)],
    ['OS memory (minimums)', sumCell(b.osMemory), sumCell(a.osMemory), delta(b.osMemory, a.osMemory)],
    ['OS disk (minimums)', sumCell(b.osDisk), sumCell(a.osDisk), delta(b.osDisk, a.osDisk)],
    ['hypervisor overhead', sumCell(b.hypervisorOverhead), sumCell(a.hypervisorOverhead), delta(b.hypervisorOverhead, a.hypervisorOverhead)],
  ];
}

const SCENARIO_TITLES = {
  containerize: 'What if every single-workload VM became a container on a shared kernel?',
  'isolate-tenants': 'What if every tenant sharing a kernel moved into a VM of its own?',
} as const;

/** A what-if result as a report. */
export function whatIfReport(r: WhatIfResult, options: ReportOptions = {}): Report {
  const max = options.maxRows ?? 200;
  const sections: ReportSection[] = [];
  const summary: string[] = [];
  if (r.changes.length === 0) {
    summary.push(r.scenario === 'containerize' ? 'No VM runs a single app or container: nothing to containerize.' : 'No kernel is shared by two tenants: nothing to isolate.');
  } else if (r.scenario === 'containerize') {
    summary.push(
      `${plural(r.changes.length, 'VM')} would go: ${plural(r.before.kernels - r.after.kernels, 'kernel')} fewer, ${delta(r.before.osMemory, r.after.osMemory).replace('−', '')} less OS memory and ${delta(r.before.osDisk, r.after.osDisk).replace('−', '')} less OS disk (vendor minimums).`,
    );
    summary.push(
      r.isolation.newlyShared.length
        ? `Isolation given up: ${plural(r.isolation.newlyShared.length, 'tenant pair')} would share a kernel: ${list(r.isolation.newlyShared.map((p) => `${p.tenants[0]} + ${p.tenants[1]} on ${p.kernel}`))}.`
        : 'No two tenants would share a kernel (but the moved workloads lose the kernel of their own: a kernel bug or container escape now reaches their neighbours).',
    );
  } else {
    summary.push(
      `${plural(r.changes.length, 'tenant')} would move into ${plural(r.after.vms - r.before.vms, 'new VM')}: ${plural(r.after.kernels - r.before.kernels, 'kernel')} more, ${delta(r.before.osMemory, r.after.osMemory).replace('+', '')} more OS memory and ${delta(r.before.osDisk, r.after.osDisk).replace('+', '')} more OS disk (vendor minimums).`,
    );
    summary.push(`Tenant pairs no longer sharing a kernel: ${list(r.isolation.resolved.map((p) => `${p.tenants[0]} + ${p.tenants[1]} on ${p.kernel}`)) || 'none'}.`);
  }
  sections.push({ title: 'Summary', lines: summary });
  if (r.changes.length) {
    const c = capped(
      r.changes.map((ch) => [ch.subject, ch.description]),
      max,
    );
    sections.push({ title: 'Changes', table: { columns: [r.scenario === 'containerize' ? 'VM' : 'tenant', 'change'], rows: c.rows }, notes: c.notes });
  }
  sections.push({ title: 'Before and after', table: { columns: ['', 'before', 'after', 'change'], rows: totalsRows(r.before, r.after), numeric: [3] } });
  if (r.startup.length) {
    const c = capped(
      r.startup.map((s) => [s.workload, formatSum(s.before), formatSum(s.after)]),
      max,
    );
    sections.push({ title: 'Start-up (platform cold start)', table: { columns: ['workload', 'before', 'after'], rows: c.rows }, notes: c.notes });
  }
  const pairs = r.scenario === 'containerize' ? r.isolation.newlyShared : r.isolation.resolved;
  if (pairs.length) {
    const c = capped(
      pairs.map((p) => [p.kernel, `${p.tenants[0]} + ${p.tenants[1]}`, `${p.workloads[0]}, ${p.workloads[1]}`]),
      max,
    );
    sections.push({
      title: r.scenario === 'containerize' ? 'Isolation cost: tenants that would share a kernel' : 'Isolation gained: tenants that no longer share a kernel',
      table: { columns: ['kernel', 'tenants', 'workloads'], rows: c.rows },
      notes: c.notes,
    });
  }
  if (r.sandboxOptions?.length) {
    sections.push({
      title: 'Instead of VMs: sandbox the moving workloads where they are',
      table: {
        columns: ['runtime', 'sandboxes', 'memory added', 'nested virtualization', 'start-up (first workload)'],
        rows: r.sandboxOptions.map((o) => [
          o.runtime,
          String(o.sandboxes),
          formatSum(o.memory),
          o.nestedVirtualization.length ? `needed in ${list(o.nestedVirtualization)}` : 'not needed',
          o.startup.length ? formatSum(o.startup[0].after) : '–',
        ]),
        numeric: [1],
      },
      notes: [
        ...r.sandboxOptions.map((o) => o.description),
        'The VM option above gives each tenant a guest OS and kernel; a sandbox gives it a kernel of its own (gVisor: in user space; Kata, Hyper-V: in a micro-VM) without a guest OS install.',
      ],
    });
  }
  if (r.assumptions.length) sections.push({ title: 'Assumptions', lines: r.assumptions });
  if (r.skipped.length) sections.push({ title: 'Left as they are', lines: r.skipped.map((s) => `${s.node}: ${s.reason}`) });
  sections.push(sourcesSection(r.sources));
  return { title: SCENARIO_TITLES[r.scenario], sections };
}
