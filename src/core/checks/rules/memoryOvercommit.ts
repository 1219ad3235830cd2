// memory-overcommit: the memory given to a machine's VMs, containers and apps exceeds its own.
import { findOs, formatBytes, hypervisorVmOverhead } from '../../catalogue';
import type { ModelNode } from '../../model/model';
import type { Span } from '../../syntax/ast';
import { allocatedTotal, allocationChildren, describeNode, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const memoryOvercommit: Check = {
  meta: {
    name: 'memory-overcommit',
    category: 'overhead',
    defaultSeverity: 'warning',
    summary: 'The memory of the VMs, containers or apps inside a node, with the operating systems\' share (host OS, guest OS, hypervisor overhead), adds up to more than the node has.',
    rationale:
      'Memory cannot be shared out twice, and the operating system takes its share first: the host OS (on a laptop, the desktop OS a type 2 hypervisor runs on), the hypervisor\'s own overhead per VM, and in a VM its guest OS. When the parts add up to more than the whole, the parts cannot all use what they were promised at once: the hypervisor swaps or balloons VMs, and a kernel under pressure OOM-kills containers — usually at the busiest moment.',
    howToFix: 'Give the node more memory, lower the allocations, or move a workload to another machine. Leave room for the operating system: a Windows 11 laptop keeps at least 4 GiB for itself before its VMs get any.',
    fix: 'none',
    sources: [
      'Kubernetes — "Resource Management for Pods and Containers" and "Node-pressure Eviction": memory limits are enforced by OOM kills under pressure.',
      'Operating-system minimums and per-VM hypervisor overheads: the Strata catalogue (each figure with its source; osinfo-db, Microsoft, Canonical, VMware, KubeVirt).',
    ],
    examples: {
      valid: ['host h1 {\n  memory: 64GiB\n  hypervisor esx1 {\n    product: esxi\n    vm a { memory: 32GiB; os: debian-12; app x; app y }\n    vm b { memory: 16GiB; os: debian-12; app z; app w }\n  }\n}'],
      invalid: [
        'host laptop {\n  memory: 16GiB\n  ^^^^^^ 18.5 GiB\n  os: windows-11\n  hypervisor vbox {\n    product: virtualbox\n    vm dev { memory: 12GiB; os: ubuntu-24.04; app ide }\n    vm db { memory: 2.5GiB; os: debian-12; app pg }\n  }\n}',
        'host h1 {\n  memory: 64GiB\n  ^^^^^^ 80 GiB\n  hypervisor esx1 {\n    product: esxi\n    vm a { memory: 48GiB; os: debian-12; app x; app y }\n    vm b { memory: 32GiB; os: debian-12; app z; app w }\n  }\n}',
      ],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'host', 'vm', 'container')) {
      const capacity = node.props.memory;
      if (capacity === undefined) continue;
      const given = allocatedTotal(node, 'memory');
      const total = given + osShares(node);
      if (total <= capacity) continue;
      const shares: Share[] = [];
      osShares(node, shares);
      const parts = allocationChildren(node).filter((c) => c.props.memory !== undefined);
      // Only a node that gives memory to something is overcommitted (a bare VM smaller than its
      // OS minimum is left alone: vendor minimums are install-time figures).
      if (parts.length === 0) continue;
      const prop = node.propDecls.get('memory')!;
      const what = parts.length === 1 ? `The workload in ${describeNode(node)} is` : `The ${parts.length} workloads in ${describeNode(node)} are`;
      const named = list(shares.map((x) => `${formatBytes(x.bytes)} for ${x.what}`));
      // When the shares are too small to change the rounded total, say so rather than "144 GiB, that is 144 GiB".
      const sum = !shares.length ? '' : formatBytes(total) === formatBytes(given) ? `, plus ${named}` : `; with ${named}, that is ${formatBytes(total)}`;
      ctx.report({
        node,
        span: prop.key,
        message: `${what} given ${formatBytes(given)} of memory${sum}, but it has ${formatBytes(capacity)} (${Math.round((total / capacity) * 100)}%). They cannot all use their share at once; add memory or move a workload.`,
        related: [
          ...shares.filter((x) => x.span).map((x) => ({ span: x.span!, message: `${x.what}: ${formatBytes(x.bytes)} (${x.basis}).` })),
          ...parts.map((c) => ({ span: c.propDecls.get('memory')!, message: `${describeNode(c)}: ${formatBytes(c.props.memory!)}.` })),
        ],
      });
    }
  },
};

interface Share {
  readonly bytes: number;
  /** "windows-11", "the esxi overhead of 2 VMs" */
  readonly what: string;
  readonly basis: string;
  readonly span?: Span;
}

/**
 * What a host's or VM's memory holds before its workloads, in bytes: its own OS (a host OS, also
 * the desktop OS a type 2 hypervisor runs on, or a VM's guest OS) at its catalogue minimum, and
 * the memory each hypervisor on it needs per VM where a source gives a figure. Each share is
 * described in `out` when it is given (only for a finding: most nodes have none).
 */
function osShares(node: ModelNode, out?: Share[]): number {
  let total = 0;
  if (node.kind === 'container') return total;
  const os = node.props.os ? findOs(node.props.os) : undefined;
  // A Firecracker micro-VM runs a minimal guest kernel and rootfs: its own specification boots
  // one in 128 MiB all told, so an installer's minimum (osinfo-db's alpine 128 MiB) does not apply.
  const microVm = node.kind === 'vm' && node.parent?.kind === 'hypervisor' && node.parent.props.product === 'firecracker';
  if (os?.minMemory && !microVm) {
    total += os.minMemory.value;
    out?.push({ bytes: os.minMemory.value, what: os.id, basis: `its catalogue minimum, ${os.minMemory.source.publisher}`, span: node.propDecls.get('os')?.value });
  }
  for (const hv of node.children) {
    if (hv.kind !== 'hypervisor' || !hv.props.product) continue;
    let bytes = 0;
    let vms = 0;
    for (const vm of hv.children) {
      if (vm.kind !== 'vm') continue;
      const f = hypervisorVmOverhead(hv.props.product, vm.props.memory ?? 0, (vm.props.cpu ?? 0) / 1000);
      if (!f) continue;
      bytes += f.value;
      vms++;
    }
    total += bytes;
    if (vms) out?.push({ bytes, what: `the ${hv.props.product} overhead of ${vms} VM${vms === 1 ? '' : 's'}`, basis: 'per-VM overhead from the catalogue', span: hv.decl.id ?? hv.decl.kindSpan });
  }
  return total;
}

/** "a", "a and b", "a, b and c" */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
