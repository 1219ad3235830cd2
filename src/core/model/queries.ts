// Questions about the model that several checks, the renderers and the editor ask.
import { findHypervisor, findOs, osFamilyOfImage } from '../catalogue';
import type { Kind } from '../syntax/ast';
import type { Kernel, Model, ModelNode, OsFamily } from './model';

export { effectiveRuntime } from './binder';

/** A hypervisor's type: its `type` property, else its product's catalogue type. */
export function hypervisorType(node: ModelNode): 1 | 2 | undefined {
  return node.props.type ?? (node.props.product ? findHypervisor(node.props.product)?.type : undefined);
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

/** The OS family a container needs: its `os`, else its image's, else linux. */
export function containerFamily(node: ModelNode): OsFamily {
  if (node.props.os) {
    const f = findOs(node.props.os)?.family;
    if (f) return f;
  }
  if (node.props.image) {
    const f = osFamilyOfImage(node.props.image);
    if (f) return f;
  }
  return 'linux';
}

/** A short description of a kernel for messages: "the guest kernel of vm 'node1' (ubuntu-22.04)". */
export function describeKernel(k: Kernel): string {
  const owner = `${k.owner.kind} '${k.owner.id ?? '?'}'`;
  switch (k.kind) {
    case 'host':
      return `the host kernel of ${owner}${k.os ? ` (${k.os})` : ''}`;
    case 'guest':
      return `the guest kernel of ${owner}${k.os ? ` (${k.os})` : ''}`;
    case 'sandbox':
      return `the gVisor sandbox kernel of ${owner}`;
    case 'microvm':
      return `the micro-VM kernel of ${owner}`;
  }
}

/** "vm 'node1'" */
export function describeNode(n: ModelNode): string {
  return `${n.kind} '${n.id ?? '?'}'`;
}

/**
 * The nodes that take a share of a machine's resources: the nearest VMs, containers and apps
 * below it, looking through hypervisors, engines and pods.
 */
export function allocationChildren(node: ModelNode): ModelNode[] {
  const out: ModelNode[] = [];
  const stack = [...node.children].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    if (c.kind === 'vm' || c.kind === 'container' || c.kind === 'app') out.push(c);
    else if (c.kind === 'hypervisor' || c.kind === 'engine' || c.kind === 'pod') for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]);
  }
  return out;
}

/** The nodes of the given kinds, kind by kind, each in document order. */
export function ofKind(model: Model, ...kinds: Kind[]): ModelNode[] {
  if (kinds.length === 1) return model.byKind.get(kinds[0]) as ModelNode[];
  return kinds.flatMap((k) => model.byKind.get(k) ?? []);
}
