// The bound model: what the syntax tree means. Containment, ids, links, effective tenant and
// service (inherited downwards), validated property values and the kernel each node runs on.
import type { Kind, Link, NodeDecl, Property, Span } from '../syntax/ast';

export type OsFamily = 'linux' | 'windows' | 'bsd' | 'macos';

/**
 * Validated property values in canonical units. Only values that passed validation appear here;
 * invalid ones are reported by `invalid-value` and left out.
 */
export interface NodeProps {
  /** Cores (host) or vCPUs (vm) or cores (container/app; `500m` = 0.5). */
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

export type KernelKind =
  /** The kernel of a host's operating system. */
  | 'host'
  /** The kernel of a VM's guest operating system. */
  | 'guest'
  /** gVisor's per-container user-space kernel. */
  | 'sandbox'
  /** A kata or firecracker micro-VM kernel per pod or lone container. */
  | 'microvm';

export interface Kernel {
  /** Stable key, e.g. `host:rack1`, `guest:node1`, `sandbox:web`, `microvm:pod1`. */
  readonly key: string;
  readonly kind: KernelKind;
  /** The node that owns the kernel: a host, a vm, a pod or a container. */
  readonly owner: ModelNode;
  /** OS catalogue id, when known (host and guest kernels). */
  readonly os: string | undefined;
  /** The kernel's OS family; `undefined` when the OS is unknown to the catalogue. */
  readonly family: OsFamily | undefined;
  /** Every node whose `kernel` is this one (engines, pods, containers, apps), in document order. */
  readonly workloads: ModelNode[];
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
