// CodeLens over each host: how many kernels run on it, which tenants share it, and what its
// workloads are given against what it has ("2 kernels · tenants: finance, shop · CPU 24/64
// cores · memory 96 GiB/512 GiB"). Computed for the hosts the file declares, in one pass over
// the nodes of their units (in a project, a host's subtree lies in its unit, whatever files
// add to it): a request costs what the file's hosts hold, not what the project holds.
import type { Analysis } from '../index';
import { formatBytes, formatCpu } from '../catalogue';
import type { ModelNode } from '../model/model';
import { allocationChildren, hostOf } from '../model/queries';
import type { Span } from '../syntax/ast';
import { fileNodes, fileUnitModels } from './context';

export interface HostSummary {
  readonly host: ModelNode;
  /** Kernels owned by the host or anything in it (host, guest, sandbox and micro-VM kernels). */
  readonly kernels: number;
  /** Effective tenants of everything in the host, sorted. */
  readonly tenants: readonly string[];
  /** CPUs given to the host's direct workloads (VMs, containers, apps), and the host's cores. */
  readonly cpu: { readonly allocated: number; readonly capacity: number | undefined; readonly workloads: number };
  /** Bytes given to the host's direct workloads, and the host's memory. */
  readonly memory: { readonly allocated: number; readonly capacity: number | undefined; readonly workloads: number };
}

export interface CodeLens {
  /** Where the lens stands: the host's keyword (the lens shows on that line). */
  readonly span: Span;
  readonly title: string;
  /** A longer explanation for a tooltip. */
  readonly tooltip: string;
  readonly nodeId: string | undefined;
  readonly summary: HostSummary;
}

/** One summary per host the file declares, in document order. */
function hostSummaries(analysis: Analysis): HostSummary[] {
  const hosts = fileNodes(analysis).filter((n) => n.kind === 'host');
  if (!hosts.length) return [];
  const kernels = new Map<ModelNode, number>();
  const tenants = new Map<ModelNode, Set<string>>();
  for (const unit of fileUnitModels(analysis)) {
    if (!unit.byKind.get('host')?.length) continue;
    for (const k of unit.kernels) {
      const h = hostOf(k.owner);
      if (h) kernels.set(h, (kernels.get(h) ?? 0) + 1);
    }
    for (const n of unit.nodes) {
      if (n.tenant === undefined || n.kind === 'tenant') continue;
      const h = hostOf(n);
      if (!h) continue;
      let set = tenants.get(h);
      if (!set) tenants.set(h, (set = new Set()));
      set.add(n.tenant);
    }
  }
  return hosts.map((host) => {
    let cpu = 0;
    let cpuWorkloads = 0;
    let memory = 0;
    let memoryWorkloads = 0;
    for (const c of allocationChildren(host)) {
      if (c.props.cpu !== undefined) {
        cpu += c.props.cpu;
        cpuWorkloads++;
      }
      if (c.props.memory !== undefined) {
        memory += c.props.memory;
        memoryWorkloads++;
      }
    }
    return {
      host,
      kernels: kernels.get(host) ?? 0,
      tenants: [...(tenants.get(host) ?? [])].sort(),
      cpu: { allocated: cpu, capacity: host.props.cpu, workloads: cpuWorkloads },
      memory: { allocated: memory, capacity: host.props.memory, workloads: memoryWorkloads },
    };
  });
}

/** Millicores as cores, with the one CPU formatter the checks use. */
function cores(millicores: number): string {
  return formatCpu(millicores);
}

/** "2 kernels · tenants: finance, shop · CPU 24/64 cores · memory 96 GiB/512 GiB" */
export function summaryTitle(s: HostSummary): string {
  const parts = [`${s.kernels} ${s.kernels === 1 ? 'kernel' : 'kernels'}`];
  parts.push(s.tenants.length ? `${s.tenants.length === 1 ? 'tenant' : 'tenants'}: ${s.tenants.join(', ')}` : 'no tenants');
  if (s.cpu.capacity !== undefined) parts.push(`CPU ${cores(s.cpu.allocated)}/${cores(s.cpu.capacity)} cores`);
  else if (s.cpu.workloads) parts.push(`CPU ${cores(s.cpu.allocated)} cores given`);
  if (s.memory.capacity !== undefined) parts.push(`memory ${formatBytes(s.memory.allocated)}/${formatBytes(s.memory.capacity)}`);
  else if (s.memory.workloads) parts.push(`memory ${formatBytes(s.memory.allocated)} given`);
  return parts.join(' · ');
}

function summaryTooltip(s: HostSummary): string {
  const id = s.host.id ?? '?';
  const lines = [
    `${s.kernels} operating-system ${s.kernels === 1 ? 'kernel runs' : 'kernels run'} on host '${id}' (its own, guests' and sandboxes').`,
    s.tenants.length ? `Tenants on it: ${s.tenants.join(', ')}.` : 'No workload on it has a tenant.',
  ];
  const what = (w: number) => `${w} workload${w === 1 ? '' : 's'}`;
  if (s.cpu.capacity !== undefined || s.cpu.workloads) {
    lines.push(`CPU: ${cores(s.cpu.allocated)} given to ${what(s.cpu.workloads)}${s.cpu.capacity !== undefined ? ` of ${cores(s.cpu.capacity)} cores` : ' (the host has no cpu set)'}.`);
  }
  if (s.memory.capacity !== undefined || s.memory.workloads) {
    lines.push(`Memory: ${formatBytes(s.memory.allocated)} given to ${what(s.memory.workloads)}${s.memory.capacity !== undefined ? ` of ${formatBytes(s.memory.capacity)}` : ' (the host has no memory set)'}.`);
  }
  return lines.join('\n');
}

/** A lens over each host the file declares. */
export function codeLenses(analysis: Analysis): CodeLens[] {
  return hostSummaries(analysis).map((summary) => ({
    span: { start: summary.host.decl.kindSpan.start, end: summary.host.decl.kindSpan.end },
    title: summaryTitle(summary),
    tooltip: summaryTooltip(summary),
    nodeId: summary.host.id,
    summary,
  }));
}
