// The seeds' VM-vs-container table (overhead, performance, OS, start-up time, storage, isolation),
// filled in with one model's numbers. Each row keeps the seed's own words beside what this model
// shows for its VMs, its containers and (when it has them) its apps running straight on a host OS.
import { SEED_CONTAINERS_AND_VMS } from '../catalogue/sources';
import { GVISOR_VS_RUNC_START } from '../catalogue/startup';
import type { Analysis } from '../index';
import type { ModelNode } from '../model/model';
import { effectiveRuntime, hypervisorType, ofKind } from '../model/queries';
import { type Figure, sum } from './figures';
import { formatFigure, formatRatio, formatSum, list, nodeName, plural } from './format';
import { BASE_IMAGES } from './images';
import type { Facts, HostStats, KernelStats, ModelTotals, WorkloadStart } from './stats';

export type Aspect = 'overhead' | 'performance' | 'os' | 'startup' | 'storage' | 'isolation';

export interface ComparisonRow {
  readonly aspect: Aspect;
  /** The seed table's row title. */
  readonly title: string;
  /** The seed's words (seed 002's table), verbatim. */
  readonly seed: { readonly vm: string; readonly container: string };
  /** This model's VMs, containers, and apps straight on a host OS (absent when there are none). */
  readonly vms: string;
  readonly containers: string;
  readonly direct?: string;
}

export interface Comparison {
  /** How many VMs, containers and apps straight on a host OS the model has. */
  readonly counts: { readonly vms: number; readonly containers: number; readonly direct: number };
  /** The source id of the seed table. */
  readonly seedSource: string;
  readonly rows: readonly ComparisonRow[];
}

/** Seed 002's table, verbatim ("Containers and Virtual Machine (VM)", Conclusion). */
export const SEED_TABLE: Readonly<Record<Aspect, { title: string; vm: string; container: string }>> = {
  overhead: {
    title: 'Overhead',
    vm: 'A lot of overhead since you we virtualize all hardware.',
    container: 'Almost none since we run the container directly on the host OS with the container engine.',
  },
  performance: {
    title: 'Performance',
    vm: 'there is a small performance hit because of the virtual hardware.',
    container: 'Almost no performance hit compared to running the application natively on a host OS.',
  },
  os: { title: 'OS', vm: 'Each virtual machine has its own OS.', container: 'We use the host OS.' },
  startup: {
    title: 'Startup time',
    vm: 'takes a few minutes to start the OS and the application.',
    container: 'it takes a few milliseconds to start the application.',
  },
  storage: {
    title: 'Storage',
    vm: 'Lots of storage space wasted because of the OS.',
    container: 'Container images are small; we only have the application and its dependencies.',
  },
  isolation: { title: 'Isolation', vm: 'Fully isolated', container: 'Isolated on the process level so could be less secure.' },
};

const NONE = 'none in this model';

interface Parts {
  readonly hosts: readonly HostStats[];
  readonly total: ModelTotals;
  readonly kernels: readonly KernelStats[];
  readonly workloads: readonly WorkloadStart[];
}


function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => (n > 1 ? `${v} ×${n}` : v)).join(', ');
}

/** Distinct figures (same value and origin) of a list, formatted, e.g. "~1 min (estimate) [S4]". */
function distinctFigures(figures: readonly Figure[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of figures) {
    const text = formatFigure(f);
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out;
}

function kernelWords(keys: readonly string[], byKey: ReadonlyMap<string, KernelStats>): string {
  return list(
    keys.map((k) => {
      const s = byKey.get(k);
      if (!s) return k;
      const what = s.kind === 'host' ? `host '${s.owner}'` : s.kind === 'guest' ? `VM '${s.owner}'` : `${s.kind === 'sandbox' ? 'gVisor sandbox' : 'micro-VM'} of '${s.owner}'`;
      return s.os ? `${what}, ${s.os}` : what;
    }),
    4,
  );
}

/** Fills in the seed table with this model's numbers. */
export function compare(analysis: Analysis, facts: Facts, parts: Parts): Comparison {
  const model = analysis.model;
  const { book } = facts;
  const seedSource = book.cite(SEED_CONTAINERS_AND_VMS);
  const byKey = new Map(parts.kernels.map((k) => [k.key, k]));

  const vms = ofKind(model, 'vm');
  const containers = ofKind(model, 'container');
  const direct = ofKind(model, 'app').filter((a) => a.parent?.kind === 'host');
  const vmStats = vms.map((v) => facts.vmStats.get(v)!);
  const t = parts.total;

  // --- VMs ---------------------------------------------------------------------------------
  const guestKernels = vms.filter((v) => v.kernel?.kind === 'guest');
  const hypervisors = new Map<string, ModelNode>();
  for (const v of vms) if (v.parent?.kind === 'hypervisor') hypervisors.set(nodeName(v.parent), v.parent);
  const hvWords = list(
    [...hypervisors.values()].map((hv) => {
      const type = hypervisorType(hv);
      return `'${nodeName(hv)}'${hv.props.product ? ` (${hv.props.product}${type ? `, type ${type}` : ''})` : type ? ` (type ${type})` : ''}`;
    }),
    3,
  );
  const topVms = vms.filter((v) => v.parent?.kind === 'hypervisor' && v.parent.parent?.kind === 'host');
  const vcpus = topVms.reduce((s, v) => s + (v.props.cpu ?? 0), 0) / 1000;
  const vmHosts = new Set(topVms.map((v) => v.parent!.parent!));
  const vmCores = [...vmHosts].reduce((s, h) => s + (h.props.cpu ?? 0), 0) / 1000;
  const vmGuestKernelsShared = parts.kernels.filter((k) => k.kind === 'guest' && k.shared);

  // --- containers --------------------------------------------------------------------------
  const containerKernels = [...new Set(containers.map((c) => c.kernel?.key).filter((k): k is string => k !== undefined))];
  const containerKernelSet = new Set(containerKernels);
  const sharedKinds = containerKernels.filter((k) => byKey.get(k)?.kind === 'host' || byKey.get(k)?.kind === 'guest');
  const sharedKindSet = new Set(sharedKinds);
  const ownKernels = containerKernels.filter((k) => !sharedKindSet.has(k));
  const ownKernelSet = new Set(ownKernels);
  const inVms = containers.filter((c) => {
    for (let p = c.parent; p; p = p.parent) if (p.kind === 'vm') return true;
    return false;
  });
  const runtimes = new Map<string, ModelNode[]>();
  for (const c of containers) {
    const r = effectiveRuntime(c);
    const list = runtimes.get(r);
    if (list) list.push(c);
    else runtimes.set(r, [c]);
  }
  const containerCpu = containers.reduce((s, c) => s + (c.props.cpu ?? 0), 0) / 1000;
  const containerSharedKernels = parts.kernels.filter((k) => k.shared && containerKernelSet.has(k.key));
  const containerStorage = sum(
    containers.map((c) => facts.storages.get(c)),
    'bytes',
    containers.filter((c) => !facts.storages.get(c)).map(nodeName),
  );

  // --- apps straight on a host OS -----------------------------------------------------------
  const directKernels = [...new Set(direct.map((a) => a.kernel?.key).filter((k): k is string => k !== undefined))];
  const directKernelSet = new Set(directKernels);
  const directStorage = sum(
    direct.map((a) => facts.storages.get(a)),
    'bytes',
  );

  const rows: ComparisonRow[] = [];
  const row = (aspect: Aspect, vmsText: string, containersText: string, directText: string) => {
    const seed = SEED_TABLE[aspect];
    rows.push({
      aspect,
      title: seed.title,
      seed: { vm: seed.vm, container: seed.container },
      vms: vms.length ? vmsText : NONE,
      containers: containers.length ? containersText : NONE,
      ...(direct.length ? { direct: directText } : {}),
    });
  };

  // Overhead: memory.
  {
    const hv = t.hypervisorOverhead.count ? `; hypervisor ${formatSum(t.hypervisorOverhead)} on top` : '';
    const vmText = `${plural(vms.length, 'VM')}, ${plural(guestKernels.length, 'guest OS', 'guest OSes')}: ${formatSum(t.guestOsMemory)} of guest-OS memory${hv}`;
    const rt = t.runtimeOverhead;
    const perContainer = [...runtimes]
      .map(([r, cs]) => {
        const f = facts.runtimeOverheads.get(cs[0]);
        return f ? `${r} ${formatFigure(f)} each` : undefined;
      })
      .filter((x): x is string => x !== undefined);
    const ctrText = `no guest OS; container runtime ${rt.count ? formatSum(rt, false) + ' in all' : 'overhead not measured'}${perContainer.length ? ` (${perContainer.join('; ')})` : ''}`;
    row('overhead', vmText, ctrText, `${plural(direct.length, 'app')}: no guest OS, no runtime, no isolation layer`);
  }

  // Performance: virtual hardware vs the kernel directly.
  {
    const ratio = vmCores > 0 ? `; ${vcpus} vCPUs on ${vmCores} physical cores (${formatRatio(vcpus / vmCores)} per core)` : '';
    const vmText = `virtual CPUs through ${hypervisors.size ? `hypervisor ${hvWords}` : 'a hypervisor'}${ratio}`;
    const limits = containerCpu > 0 ? `; CPU limits ${Math.round(containerCpu * 1000) / 1000} cores in all` : '';
    const ctrText = `processes on the kernel, no virtual hardware${inVms.length ? ` (${inVms.length} of them inside VMs, so on virtual CPUs)` : ''}${limits}`;
    row('performance', vmText, ctrText, 'native: processes on the host OS');
  }

  // OS and kernels.
  {
    const oses = countBy(guestKernels.map((v) => v.props.os!));
    const withOs = [...vmHosts].filter((h) => h.props.os).length;
    const hostOs = vmHosts.size
      ? withOs === vmHosts.size
        ? `; plus ${plural(withOs, 'host OS', 'host OSes')} under the hypervisor`
        : withOs === 0
          ? '; no host OS (type 1 hypervisor on the hardware)'
          : `; plus ${plural(withOs, 'host OS', 'host OSes')} (${vmHosts.size - withOs} host${vmHosts.size - withOs === 1 ? '' : 's'} without one)`
      : '';
    const vmText = `each VM its own: ${plural(guestKernels.length, 'guest kernel')}${oses ? ` (${oses})` : ''}${vms.length > guestKernels.length ? `; ${vms.length - guestKernels.length} without an os` : ''}${hostOs}`;
    let ctrText = sharedKinds.length
      ? `${plural(containers.filter((c) => c.kernel && sharedKindSet.has(c.kernel.key)).length, 'container')} share ${plural(sharedKinds.length, 'kernel')} (${kernelWords(sharedKinds, byKey)})`
      : 'no shared kernel';
    if (ownKernels.length) {
      const sandboxRuntimes = [...runtimes].filter(([, cs]) => cs.some((c) => c.kernel && ownKernelSet.has(c.kernel.key))).map(([r]) => r);
      ctrText += `; ${plural(ownKernels.length, 'sandbox or micro-VM kernel')} of their own (${sandboxRuntimes.join(', ')})`;
    }
    const noKernel = containers.filter((c) => !c.kernel).length;
    if (noKernel) ctrText += `; ${noKernel} on no known kernel (no os)`;
    row('os', vmText, ctrText, `${plural(direct.length, 'app')} share ${plural(directKernels.length, 'kernel')} (${kernelWords(directKernels, byKey)})`);
  }

  // Start-up time.
  {
    const known = vmStats.map((v) => v.boot).filter((f): f is Figure => f !== undefined);
    const boots = distinctFigures(known);
    const unsourced = vmStats.length - known.length;
    const vmText = [
      boots.length ? `boot ${boots.join(' to ')}${boots.length === 1 && known.length > 1 ? ' each' : ''}` : '',
      unsourced ? `${plural(unsourced, 'VM')}: boot unsourced (no checkable figure for a general-purpose VM; the seed says "minutes" [${seedSource}]; set \`startup:\`)` : '',
    ]
      .filter((x) => x)
      .join('; ');
    const starts = [...runtimes].map(([r, cs]) => {
      const figs = cs.map((c) => facts.containerStarts.get(c)).filter((f): f is Figure => f !== undefined);
      const words = distinctFigures(figs);
      const none = cs.length - figs.length;
      return words.length ? `${words.join(', ')} (${r})${none ? `, ${none} unsourced` : ''}` : `${r}: unsourced`;
    });
    // gVisor beside runc: only one benchmark measured both, through `docker run`; say so.
    if (runtimes.has('gvisor') && runtimes.has('runc')) {
      starts.push(
        `like for like, one benchmark through docker run: runc ${formatFigure(book.figure(GVISOR_VS_RUNC_START.runc, 'ms'))}, gvisor ${formatFigure(book.figure(GVISOR_VS_RUNC_START.gvisor, 'ms'))}`,
      );
    }
    const ctrText = `start ${starts.join('; ')}${inVms.length ? `; plus the VM's boot for the ${plural(inVms.length, 'container')} inside VMs when the VM is cold` : ''}`;
    row('startup', vmText, ctrText, 'no platform start-up: they start with their host OS (their own start-up is not modelled)');
  }

  // Storage.
  {
    const vmText = `${formatSum(t.guestOsDisk)} of guest-OS disk${guestKernels.length > 1 && vmStats[0]?.guestOsDisk ? ` (${formatFigure(vmStats[0].guestOsDisk, false)} each)` : ''}`;
    let ctrText: string;
    if (containerStorage.count === 0) {
      const alpine = BASE_IMAGES[0];
      ctrText = `no guest-OS disk; image sizes not set (set \`size:\`), for scale a base image such as ${alpine.name} is ${formatFigure(book.figure(alpine.size, 'bytes'))}`;
    } else ctrText = `no guest-OS disk; images ${formatSum(containerStorage)}`;
    row('storage', vmText, ctrText, `no extra OS disk${directStorage.count ? `; apps ${formatSum(directStorage)}` : ''}`);
  }

  // Isolation.
  {
    const vmText = vmGuestKernelsShared.length
      ? `own kernel per VM, but ${plural(vmGuestKernelsShared.length, 'guest kernel')} shared by tenants: ${vmGuestKernelsShared.map((k) => `'${k.owner}' (${k.tenants.join(', ')})`).join('; ')}`
      : `${plural(guestKernels.length, 'guest kernel')}, one per VM: VMs share only the hardware and the hypervisor; no kernel shared by two tenants`;
    const ctrText = containerSharedKernels.length
      ? `namespaces and cgroups on a shared kernel; tenants sharing a kernel: ${containerSharedKernels.map((k) => `${kernelWords([k.key], byKey)} (${k.tenants.join(', ')})`).join('; ')}`
      : `namespaces and cgroups on ${plural(sharedKinds.length, 'shared kernel')}${ownKernels.length ? ` (${ownKernels.length} sandboxed with a kernel of their own)` : ''}; no kernel shared by two tenants`;
    const directShared = parts.kernels.filter((k) => k.shared && directKernelSet.has(k.key));
    const directText = `none between them: ${plural(direct.length, 'app')} as plain processes on ${plural(directKernels.length, 'OS', 'OSes')}${directShared.length ? `; tenants sharing a kernel: ${directShared.map((k) => `${kernelWords([k.key], byKey)} (${k.tenants.join(', ')})`).join('; ')}` : ''}`;
    row('isolation', vmText, ctrText, directText);
  }

  return { counts: { vms: vms.length, containers: containers.length, direct: direct.length }, seedSource, rows };
}

