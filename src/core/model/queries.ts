// Questions about the model that several checks, the renderers and the editor ask.
import { findHypervisor } from '../catalogue';
import { kernelOsText } from './kernels';
import type { Kind } from '../syntax/ast';
import type { Kernel, Model, ModelNode } from './model';

export { KERNEL_KIND_NAMES, containerFamily, effectiveRuntime, isRuntimeKernel, isVmKernel, kernelOsText } from './kernels';

/** A hypervisor's type: its `type` property, else its product's catalogue type. */
export function hypervisorType(node: ModelNode): 1 | 2 | undefined {
  return node.props.type ?? (node.props.product ? findHypervisor(node.props.product)?.type : undefined);
}

/** The project file a node is declared in (core/project), or undefined in a lone file. */
export function nodeFile(node: ModelNode): string | undefined {
  return (node.decl as { store?: { file?: string } }).store?.file;
}

/** The nearest enclosing host or VM (the machine a node runs on). */
export function machineOf(node: ModelNode): ModelNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.kind === 'host' || p.kind === 'vm') return p;
  return undefined;
}

/** The physical host a node runs on. */
export function hostOf(node: ModelNode): ModelNode | undefined {
  for (let p: ModelNode | undefined = node; p; p = p.parent) if (p.kind === 'host') return p;
  return undefined;
}

/** The outermost host at or above a node (a host written inside another counts as part of it). */
export function outermostHost(node: ModelNode | undefined): ModelNode | undefined {
  let top: ModelNode | undefined;
  for (let p = node; p; p = p.parent) if (p.kind === 'host') top = p;
  return top;
}

/**
 * A short description of a kernel for messages: "the guest kernel of vm 'node1' (ubuntu-22.04)",
 * "the Linux host kernel of host 'kvm1' (under its kvm hypervisor)", "the gVisor sandbox of pod 'p1'".
 */
export function describeKernel(k: Kernel): string {
  const owner = `${k.owner.kind} '${k.owner.id ?? '?'}'`;
  switch (k.kind) {
    case 'host':
    case 'guest': {
      const os = kernelOsText(k);
      return `the ${k.kind} kernel of ${owner}${os ? ` (${os})` : ''}`;
    }
    case 'sandbox':
      return `the gVisor sandbox kernel of ${owner}`;
    case 'microvm':
      return `the ${k.runtime === 'firecracker' ? 'Firecracker' : 'Kata'} micro-VM kernel of ${owner}`;
    case 'utility-vm':
      return `the Hyper-V utility-VM kernel of ${owner}`;
  }
}

/** "vm 'node1'" */
export function describeNode(n: ModelNode): string {
  return `${n.kind} '${n.id ?? '?'}'`;
}

/**
 * The nodes that take a share of a machine's resources: the nearest VMs, containers and apps
 * below it, looking through hypervisors, engines and pods. In document order.
 */
export function allocationChildren(node: ModelNode): ModelNode[] {
  const out: ModelNode[] = [];
  collectAllocations(node, out);
  return out;
}

/**
 * The sum of `key` over the allocation children that set it, added in the order of
 * `allocationChildren` (so the total is the same double). Builds no array: checks ask this of
 * every machine and need the list only when they report.
 */
export function allocatedTotal(node: ModelNode, key: 'cpu' | 'memory'): number {
  return addAllocated(node, key, 0);
}

// Both recurse through hypervisors, engines and pods only; nesting depth is bounded by the
// parser's MAX_DEPTH.
function collectAllocations(node: ModelNode, out: ModelNode[]): void {
  for (const c of node.children) {
    if (isAllocation(c.kind)) out.push(c);
    else if (isPassThrough(c.kind)) collectAllocations(c, out);
  }
}

function addAllocated(node: ModelNode, key: 'cpu' | 'memory', total: number): number {
  for (const c of node.children) {
    if (isAllocation(c.kind)) {
      const v = c.props[key];
      if (v !== undefined) total += v;
    } else if (isPassThrough(c.kind)) total = addAllocated(c, key, total);
  }
  return total;
}

const isAllocation = (kind: Kind) => kind === 'vm' || kind === 'container' || kind === 'app';
const isPassThrough = (kind: Kind) => kind === 'hypervisor' || kind === 'engine' || kind === 'pod';

/** How many of a node's children are of a kind (counted without building a list). */
export function countChildren(node: ModelNode, kind: Kind): number {
  let n = 0;
  for (const c of node.children) if (c.kind === kind) n++;
  return n;
}

/** The nodes of the given kinds, kind by kind, each in document order. */
export function ofKind(model: Model, ...kinds: Kind[]): ModelNode[] {
  if (kinds.length === 1) return model.byKind.get(kinds[0]) as ModelNode[];
  const out: ModelNode[] = [];
  return out.concat(...kinds.map((k) => model.byKind.get(k) ?? []));
}
