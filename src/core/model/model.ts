// The bound model: what the syntax tree means. Containment, ids, links, effective tenant and
// service (inherited downwards), validated property values and the kernel each node runs on.
import type { Kind, Link, NodeDecl, Property, Span } from '../syntax/ast';

export type OsFamily = 'linux' | 'windows' | 'bsd' | 'macos';

/**
 * Validated property values in canonical units. Only values that passed validation appear here;
 * invalid ones are reported by `invalid-value` and left out.
 */
export interface NodeProps {
  /**
   * Integer millicores (1 core = 1000): a host's cores, a VM's whole vCPUs, a container's or
   * app's CPU (`500m` = 500, `2` = 2000). Integers so that sums are exact; print with `formatCpu`.
   */
  cpu?: number;
  /** Bytes. */
  memory?: number;
  /** Bytes. */
  disk?: number;
  /** Bytes (app). */
  size?: number;
  /** Catalogue id, e.g. `ubuntu-22.04` (may be unknown to the catalogue: see `unknown-catalog-value`). */
  os?: string;
  arch?: string;
  /** Catalogue id of a hypervisor or engine product. */
  product?: string;
  /** Hypervisor type override. */
  type?: 1 | 2;
  /** Catalogue id of a container runtime. */
  runtime?: string;
  image?: string;
  tenant?: string;
  service?: string;
  privileged?: boolean;
  network?: 'bridge' | 'host' | 'none';
  pid?: 'private' | 'host';
  user?: string;
  /** Milliseconds. */
  startup?: number;
  trust?: 'public' | 'internal' | 'restricted';
  label?: string;
}

/**
 * The kinds of kernel (model/kernels.ts computes them; every check, stats, what-if, hover, inlay
 * hint and the picture read them, so they cannot disagree):
 * - `host`: a physical host's kernel: its `os`, or, without `os`, the Linux or Windows kernel a
 *   hypervisor product runs on (KVM, Proxmox VE, Firecracker: Linux; Xen: its dom0; Hyper-V: the
 *   Windows root partition). ESXi has no general-purpose kernel (the VMkernel): no host kernel.
 * - `guest`: a VM's guest OS kernel (the same rule for a VM without `os` that runs a hypervisor).
 * - `sandbox`: gVisor's user-space kernel (the Sentry): one per pod, shared by the pod's
 *   containers, as runsc does under Kubernetes; a lone container gets its own.
 * - `microvm`: a kata or firecracker micro-VM's guest kernel: one per pod, or per lone container.
 * - `utility-vm`: a Windows container under Hyper-V isolation (`runtime: hyperv`): one utility VM
 *   with its own kernel per container.
 */
export type KernelKind = 'host' | 'guest' | 'sandbox' | 'microvm' | 'utility-vm';

/**
 * One kernel of the model. `owner` is the node that has it (host, vm, pod or container);
 * `workloads` are the nodes that share it (its "shared-by" list); `tenants` the distinct
 * tenants of the containers and apps among them, the one answer to "which tenants share this
 * kernel" for checks, stats and the picture.
 */
export interface Kernel {
  /** Stable key, e.g. `host:rack1`, `guest:node1`, `sandbox:pod1`, `microvm:pod1`, `utility-vm:iis`. */
  readonly key: string;
  readonly kind: KernelKind;
  /** The node that owns the kernel: a host, a vm, a pod or a container. */
  readonly owner: ModelNode;
  /** OS catalogue id, when the owner sets `os` (host and guest kernels). */
  readonly os: string | undefined;
  /** The kernel's OS family; `undefined` when the OS is unknown to the catalogue. */
  readonly family: OsFamily | undefined;
  /**
   * For a host or guest kernel without `os`: the hypervisor whose product runs on that kernel
   * (KVM, Proxmox VE, Firecracker, Xen's dom0, Hyper-V's root partition).
   */
  readonly impliedBy: ModelNode | undefined;
  /** The runtime that made a sandbox, micro-VM or utility-VM kernel (`gvisor`, `kata`, `firecracker`, `hyperv`). */
  readonly runtime: string | undefined;
  /** The host or guest kernel a sandbox, micro-VM or utility VM runs on, when there is one. */
  readonly base: Kernel | undefined;
  /** Every node whose `kernel` is this one (engines, pods, containers, apps), in document order. */
  readonly workloads: ModelNode[];
  /** The distinct tenants of the containers and apps on this kernel, in document order. */
  readonly tenants: string[];
}

export interface ModelNode {
  readonly kind: Kind;
  /** Missing only when the source omitted the id (a syntax error). */
  readonly id: string | undefined;
  readonly label: string | undefined;
  readonly decl: NodeDecl;
  readonly parent: ModelNode | undefined;
  readonly children: readonly ModelNode[];
  /** Nesting depth: 0 for nodes at the top of the file. */
  readonly depth: number;
  readonly props: NodeProps;
  /** The property statements of this node by key (the first one when a key repeats). */
  readonly propDecls: PropertyTable;
  /** Effective tenant: its own `tenant` or the nearest ancestor's. */
  tenant: string | undefined;
  /** The node whose `tenant` property gave the effective tenant. */
  tenantFrom: ModelNode | undefined;
  /** Effective service, inherited like the tenant. */
  service: string | undefined;
  /**
   * The kernel this node's processes run on: a host's own kernel, a VM's guest kernel, the
   * nearest enclosing kernel for engines, pods, containers and apps (or their sandbox kernel);
   * `undefined` where there is none (no `os`, or a hypervisor/group).
   */
  kernel: Kernel | undefined;
}

/**
 * A node's property statements by key (the first one when a key repeats). For a node with a
 * block it is the declaration itself (syntax/tree.ts), a view over the block's statements, so
 * building the model allocates nothing per property.
 */
export interface PropertyTable {
  /** The index of the first property with this key in the syntax tables, or -1. */
  indexOf(key: string): number;
  get(key: string): Property | undefined;
  has(key: string): boolean;
  /** The first statement of each key, in order. */
  values(): Property[];
  [Symbol.iterator](): IterableIterator<[string, Property]>;
}

/** The property table of a node without a block. */
export const EMPTY_PROPERTIES: PropertyTable = {
  indexOf: () => -1,
  get: () => undefined,
  has: () => false,
  values: () => [],
  *[Symbol.iterator]() {},
};

export interface ResolvedLink {
  readonly decl: Link;
  readonly from: ModelNode | undefined;
  readonly to: ModelNode | undefined;
  readonly label: string | undefined;
}

export interface TenantDecl {
  readonly name: string;
  readonly node: ModelNode;
}

export interface Model {
  /** Every node in document order (pre-order). */
  readonly nodes: readonly ModelNode[];
  /** Top-level nodes. */
  readonly roots: readonly ModelNode[];
  /** Nodes of each kind, in document order (every kind has an entry, maybe empty). */
  readonly byKind: ReadonlyMap<Kind, readonly ModelNode[]>;
  /** Nodes by id (the first declaration when an id repeats). */
  readonly byId: ReadonlyMap<string, ModelNode>;
  readonly links: readonly ResolvedLink[];
  /** Declared tenants (`tenant NAME { ... }`) by name. */
  readonly tenants: ReadonlyMap<string, TenantDecl>;
  readonly kernels: readonly Kernel[];
}

/** Where a node is declared: the span of its id if present, else of its kind keyword. */
export function nodeNameSpan(node: ModelNode): Span {
  return node.decl.id ?? node.decl.kindSpan;
}
