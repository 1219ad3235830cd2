// The kernel model: which kernel each node's processes run on. One place decides it (the binder
// calls `assignKernel` for every node in pre-order); checks, stats, what-ifs, hover, inlay hints
// and the picture only read `node.kernel` and `model.kernels`, so they cannot disagree.
// See `KernelKind` in model.ts for the rules (gVisor per pod, a micro-VM per pod, a Hyper-V
// utility VM per Windows container, the Linux or Windows kernel under KVM, Xen and Hyper-V).
import { findEngine, findHypervisor, findOs, findRuntime, osFamilyOfImage } from '../catalogue';
import type { Kernel, KernelKind, ModelNode, OsFamily } from './model';

/** What a kind of kernel is called in messages: "gVisor sandbox", "Hyper-V utility VM". */
export const KERNEL_KIND_NAMES: Readonly<Record<KernelKind, string>> = {
  host: 'host kernel',
  guest: 'guest kernel',
  sandbox: 'gVisor sandbox',
  microvm: 'micro-VM',
  'utility-vm': 'Hyper-V utility VM',
};

/**
 * The OS a host or guest kernel runs: its `os` id, else the family and the hypervisor that
 * implies it ("Linux under kvm", "Windows root partition of hyper-v"); undefined when unknown.
 */
export function kernelOsText(k: Kernel): string | undefined {
  if (k.os) return k.os;
  const hv = k.impliedBy?.props.product;
  if (!hv) return undefined;
  return k.family === 'windows' ? `Windows root partition of ${hv}` : `Linux under ${hv}`;
}

/** Sandbox, micro-VM and utility-VM kernels: a runtime made them, inside one pod or container. */
export function isRuntimeKernel(k: Kernel): boolean {
  return k.kind === 'sandbox' || k.kind === 'microvm' || k.kind === 'utility-vm';
}

/** Kernels of a real VM (micro-VM, utility VM): they need hardware virtualization, nested inside a VM. */
export function isVmKernel(k: Kernel): boolean {
  return k.kind === 'microvm' || k.kind === 'utility-vm';
}

/** The runtime a container or pod runs under: its engine's `runtime`, else the engine's default. */
export function effectiveRuntime(node: ModelNode): string {
  for (let p: ModelNode | undefined = node; p; p = p.parent) {
    if (p.kind === 'engine') return p.props.runtime ?? (p.props.product ? findEngine(p.props.product)?.defaultRuntime : undefined) ?? 'runc';
  }
  return 'runc';
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

/**
 * The hypervisor among a host's or VM's children whose product runs on a general-purpose kernel
 * (KVM, Proxmox VE, Firecracker, Xen, Hyper-V), when the machine sets no `os`.
 */
function kernelHypervisor(machine: ModelNode): ModelNode | undefined {
  for (const c of machine.children) {
    if (c.kind === 'hypervisor' && c.props.product && findHypervisor(c.props.product)?.hostKernel) return c;
  }
  return undefined;
}

/** The kernel of the nearest enclosing node that has one (not counting the node itself). */
function enclosingKernel(node: ModelNode): Kernel | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.kind === 'host' || p.kind === 'vm' || p.kind === 'pod' || p.kind === 'container' || p.kind === 'engine') return p.kernel;
  }
  return undefined;
}

/** The host or guest kernel under a node, looking through sandboxes. */
function machineKernel(node: ModelNode): Kernel | undefined {
  let k = enclosingKernel(node);
  while (k && k.base) k = k.base;
  return k;
}

function newKernel(
  kind: KernelKind,
  owner: ModelNode,
  family: OsFamily | undefined,
  kernels: Kernel[],
  extra: { os?: string; impliedBy?: ModelNode; runtime?: string; base?: Kernel } = {},
): Kernel {
  const kernel: Kernel = {
    key: `${kind}:${owner.id ?? `#${owner.decl.start}`}`,
    kind,
    owner,
    os: extra.os,
    family,
    impliedBy: extra.impliedBy,
    runtime: extra.runtime,
    base: extra.base,
    workloads: [],
    tenants: [],
  };
  kernels.push(kernel);
  return kernel;
}

/** A host's or VM's own kernel: its `os`, else the kernel its hypervisor product runs on. */
function machineOwnKernel(node: ModelNode, kind: 'host' | 'guest', kernels: Kernel[]): Kernel | undefined {
  const os = node.props.os;
  if (os) return newKernel(kind, node, findOs(os)?.family, kernels, { os });
  // An os that failed validation is reported as such: no kernel is guessed under it.
  if (node.propDecls.has('os')) return undefined;
  const hv = kernelHypervisor(node);
  if (!hv) return undefined;
  return newKernel(kind, node, findHypervisor(hv.props.product!)!.hostKernel!.value, kernels, { impliedBy: hv });
}

/** The kernel a pod or container gets from a sandboxing runtime, or the one under it. */
function workloadKernel(node: ModelNode, kernels: Kernel[]): Kernel | undefined {
  const runtime = effectiveRuntime(node);
  const isolation = findRuntime(runtime)?.isolation;
  const parent = node.parent;
  if (isolation === 'user-space-kernel' || isolation === 'micro-vm') {
    // One sandbox or micro-VM per pod, shared by its containers; a lone container gets its own.
    if (node.kind === 'container' && parent?.kind === 'pod' && parent.kernel?.owner === parent) return parent.kernel;
    return newKernel(isolation === 'micro-vm' ? 'microvm' : 'sandbox', node, 'linux', kernels, { runtime, base: machineKernel(node) });
  }
  if (isolation === 'utility-vm' && node.kind === 'container') {
    // Hyper-V isolation: a utility VM per container, with the kernel its image needs.
    return newKernel('utility-vm', node, containerFamily(node), kernels, { runtime, base: machineKernel(node) });
  }
  return enclosingKernel(node);
}

/**
 * Work out `node.kernel` and record the node among its kernel's workloads (and its tenant among
 * the kernel's tenants). Call in pre-order, after `tenant` is set: parents first.
 */
export function assignKernel(node: ModelNode & { kernel: Kernel | undefined }, kernels: Kernel[]): void {
  let kernel: Kernel | undefined;
  switch (node.kind) {
    case 'host':
      kernel = machineOwnKernel(node, 'host', kernels);
      break;
    case 'vm':
      kernel = machineOwnKernel(node, 'guest', kernels);
      break;
    case 'engine':
    case 'app':
      kernel = enclosingKernel(node);
      break;
    case 'pod':
    case 'container':
      kernel = workloadKernel(node, kernels);
      break;
    default:
      kernel = undefined;
  }
  node.kernel = kernel;
  if (!kernel || node.kind === 'host' || node.kind === 'vm') return;
  kernel.workloads.push(node);
  // Tenants' workloads are containers and apps: an engine or pod runs nothing of its own.
  if ((node.kind === 'container' || node.kind === 'app') && node.tenant !== undefined && !kernel.tenants.includes(node.tenant)) kernel.tenants.push(node.tenant);
}
