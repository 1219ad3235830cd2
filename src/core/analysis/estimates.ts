// Sourced estimates per node, each overridable in the model: VM boot time, container start time,
// guest-OS memory and disk, hypervisor overhead per VM, container runtime overhead, image size.
// A VM's own `memory`/`disk` are allocations (what the hypervisor hands out), never overheads:
// the overhead of a VM is the guest OS inside that allocation plus what the hypervisor needs.
import { containerStartTime, findOs, findRuntime, hypervisorVmOverhead, vmBootTime } from '../catalogue';
import type { OsEntry } from '../catalogue/types';
import { containerFamily, effectiveRuntime } from '../model/queries';
import type { ModelNode } from '../model/model';
import { type Figure, type SourceBook, modelFigure } from './figures';
import { findBaseImage } from './images';

/**
 * Boot time of a VM: its `startup:`, else the figure for its hypervisor product and guest OS
 * family (only Firecracker has one: at most 125 ms to the guest's init). Undefined otherwise:
 * no checkable boot figure exists for a general-purpose VM (see VM_BOOT_UNSOURCED).
 */
export function vmBoot(vm: ModelNode, book: SourceBook): Figure | undefined {
  if (vm.props.startup !== undefined) return modelFigure(vm.props.startup, 'ms', vm.id, 'startup');
  const hv = vm.parent?.kind === 'hypervisor' ? vm.parent : undefined;
  const t = vmBootTime(hv?.props.product, vm.kernel?.family ?? osOf(vm)?.family);
  return t ? book.figure(t.figure, 'ms', t.bound) : undefined;
}

/** The engine a container or pod runs under. */
export function engineOf(node: ModelNode): ModelNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.kind === 'engine') return p;
  return undefined;
}

/**
 * Start time of a container: its `startup:`, else the figure for its runtime, engine and OS
 * family, compared like with like (see containerStartTime in the catalogue: runc and gVisor
 * through Docker from one benchmark; runc without Docker a runtime-only lower bound). Undefined
 * for Windows and LXC containers and runtimes without a measured figure.
 */
export function containerStart(container: ModelNode, book: SourceBook): Figure | undefined {
  if (container.props.startup !== undefined) return modelFigure(container.props.startup, 'ms', container.id, 'startup');
  const t = containerStartTime(effectiveRuntime(container), engineOf(container)?.props.product, containerFamily(container));
  return t ? book.figure(t.figure, 'ms', t.bound) : undefined;
}

/** The catalogue entry of a host's or VM's `os`, if known. */
export function osOf(node: ModelNode): OsEntry | undefined {
  return node.props.os ? findOs(node.props.os) : undefined;
}

/** Memory an OS instance needs: the vendor (or osinfo-db) minimum, a lower bound. */
export function osMemory(os: OsEntry | undefined, book: SourceBook): Figure | undefined {
  return os?.minMemory ? book.figure(os.minMemory, 'bytes', 'min') : undefined;
}

/** Disk an OS instance needs: the vendor (or osinfo-db) minimum, a lower bound. */
export function osDisk(os: OsEntry | undefined, book: SourceBook): Figure | undefined {
  return os?.minDisk ? book.figure(os.minDisk, 'bytes', 'min') : undefined;
}

/**
 * Memory the hypervisor needs per VM, where a source documents it: the ESXi sample table (a
 * minimum: it is the figure for the smallest VM), Firecracker's VMM bound, and the KubeVirt
 * formula for KVM. Undefined for products without a sourced figure.
 */
export function hypervisorOverhead(vm: ModelNode, book: SourceBook): Figure | undefined {
  const hv = vm.parent?.kind === 'hypervisor' ? vm.parent : undefined;
  return hv?.props.product ? hypervisorOverheadFor(hv.props.product, vm.props.memory ?? 0, (vm.props.cpu ?? 0) / 1000, book) : undefined;
}

/** The per-VM overhead of a hypervisor product for a VM of this size (see hypervisorOverhead). */
export function hypervisorOverheadFor(product: string, memory: number, vcpus: number, book: SourceBook): Figure | undefined {
  // The same figure memory-overcommit counts (catalogue/hypervisors.ts).
  const sourced = hypervisorVmOverhead(product, memory, vcpus);
  if (!sourced) return undefined;
  if (product === 'kvm') return { ...book.figure(sourced, 'bytes'), estimate: true };
  return book.figure(sourced, 'bytes', product === 'firecracker' ? 'max' : 'min');
}

/**
 * Memory the container runtime itself needs for one container (gVisor's Sentry, a kata micro-VM,
 * runc's bookkeeping), where measured. Undefined for runtimes without a figure.
 */
export function runtimeOverhead(container: ModelNode, book: SourceBook): Figure | undefined {
  const runtime = findRuntime(effectiveRuntime(container));
  if (!runtime?.memoryOverhead) return undefined;
  return book.figure(runtime.memoryOverhead, 'bytes', runtime.id === 'firecracker' ? 'max' : undefined);
}

/**
 * Disk a container or app takes: its `size:`, else (containers) the size of a known base image
 * its `image` names. Undefined otherwise (an application image's size is not known).
 */
export function storage(node: ModelNode, book: SourceBook): Figure | undefined {
  if (node.props.size !== undefined) return modelFigure(node.props.size, 'bytes', node.id, 'size');
  if (node.kind === 'container' && node.props.image) {
    const base = findBaseImage(node.props.image);
    if (base) return book.figure(base.size, 'bytes');
  }
  return undefined;
}
