// The binder: turns the syntax tree into the model. It resolves containment, ids, links,
// inherited tenant and service, validates property values against the schemas, and works out
// the kernel every workload runs on. It reports nothing itself: it records facts that the
// structure checks turn into findings. Iterative (no recursion), so depth cannot overflow.
import { findOs, findRuntime, findEngine } from '../catalogue';
import { parseDecimal, sliceInterned } from '../syntax/intern';
import { type Kind, KINDS, type Link, type Property } from '../syntax/ast';
import { type DeclNode, type FileTree, NO_VALUE, REF_LINK, REF_PROPERTY, type SyntaxStore, storeOf } from '../syntax/tree';
import { type Kernel, type KernelKind, type Model, type ModelNode, type NodeProps, EMPTY_PROPERTIES, type ResolvedLink, type TenantDecl } from './model';
import { type PropertySpec, type Validated, cachedValidation, propertySpec, validateValue } from './schemas';
import { Tok, unitStart } from '../syntax/scanner';

/** What the binder noticed that checks report on. */
export interface BindFacts {
  /** Properties written outside any node. */
  readonly topLevelProperties: Property[];
  readonly unknownProperties: { node: ModelNode; prop: Property }[];
  readonly invalidValues: { node: ModelNode; prop: Property; message: string }[];
  /** A key written a second time in the same node (the first one counts). */
  readonly repeatedProperties: { node: ModelNode; prop: Property; first: Property }[];
  /** Nodes whose id repeats an earlier node's id. */
  readonly duplicateIds: { node: ModelNode; first: ModelNode }[];
}

export interface Bound {
  readonly model: Model;
  readonly facts: BindFacts;
}

interface MutableNode extends ModelNode {
  props: NodeProps;
  children: readonly ModelNode[];
}

/** The children of every node that has none (most nodes are leaves). */
const NO_CHILDREN: readonly ModelNode[] = Object.freeze([]);

/**
 * Bind a parsed file: `tree` is what `parse(text)` returned (a FileTree: bind reads the flat
 * tables it keeps; a plain FileNode, e.g. one that went through JSON, is a TypeError). Never
 * throws on any tree the parser returns.
 */
export function bind(tree: FileTree, text: string): Bound {
  const file = storeOf(tree);
  const store = file.store;
  const refs = store.refs.data;
  const nodes: ModelNode[] = [];
  const byId = new Map<string, ModelNode>();
  const linkIndexes: number[] = [];
  const facts: BindFacts = { topLevelProperties: [], unknownProperties: [], invalidValues: [], repeatedProperties: [], duplicateIds: [] };

  // Pre-order walk over the statement references (syntax/tree.ts: no statement objects are
  // built) with an explicit stack of (reference range, parent); the frame of each depth is
  // reused, so the walk allocates nothing per block. The nodes found in the blocks being walked
  // wait in `pending` (each frame's from its `first`); a block's node takes exactly its own
  // children when the block is done.
  type Frame = { i: number; end: number; parent: MutableNode | undefined; first: number };
  const stack: Frame[] = [];
  let depth = 0;
  const enter = (refStart: number, refCount: number, parent: MutableNode | undefined, first: number) => {
    const f = stack[depth++];
    if (!f) stack.push({ i: refStart, end: refStart + refCount, parent, first });
    else {
      f.i = refStart;
      f.end = refStart + refCount;
      f.parent = parent;
      f.first = first;
    }
  };
  const pending: ModelNode[] = [];
  let pendingCount = 0;
  let roots: readonly ModelNode[] = [];
  enter(file.refStart, file.refCount, undefined, 0);
  while (depth > 0) {
    const f = stack[depth - 1];
    if (f.i >= f.end) {
      depth--;
      if (f.parent) f.parent.children = pendingCount > f.first ? pending.slice(f.first, pendingCount) : NO_CHILDREN;
      else roots = pending.slice(0, pendingCount);
      pendingCount = f.first;
      continue;
    }
    const ref = refs[f.i++];
    const tag = ref & 3;
    const index = ref >> 2;
    if (tag === REF_LINK) {
      linkIndexes.push(index);
      continue;
    }
    if (tag === REF_PROPERTY) {
      if (!f.parent) facts.topLevelProperties.push(store.property(index));
      else addProperty(f.parent, store, index, text, facts);
      continue;
    }
    const s = store.decls[index];
    const node = makeNode(s, f.parent);
    nodes.push(node);
    pending[pendingCount++] = node;
    if (node.id !== undefined) {
      const first = byId.get(node.id);
      if (first) facts.duplicateIds.push({ node, first });
      else byId.set(node.id, node);
    }
    if (s.open >= 0) enter(s.refStart, s.refCount, node, pendingCount);
  }

  // Inheritance and kernels, in pre-order so parents are done before children. Properties
  // were all attached during the walk above (a node's properties precede or follow its children
  // in the text, so this second pass is needed).
  const kernels: Kernel[] = [];
  const byKind = new Map<Kind, ModelNode[]>(KINDS.map((k) => [k, []]));
  for (const n of nodes) {
    const node = n as MutableNode;
    const parent = node.parent;
    byKind.get(node.kind)!.push(node);
    if (node.props.tenant !== undefined) {
      node.tenant = node.props.tenant;
      node.tenantFrom = node;
    } else if (parent && node.kind !== 'tenant') {
      node.tenant = parent.tenant;
      node.tenantFrom = parent.tenantFrom;
    }
    node.service = node.props.service ?? (parent ? parent.service : undefined);
    node.kernel = kernelFor(node, kernels);
    if (node.kernel && node.kind !== 'host' && node.kind !== 'vm') node.kernel.workloads.push(node);
  }

  const links: ResolvedLink[] = linkIndexes.map((i) => new LinkRef(store, i, byId));
  const tenants = new Map<string, TenantDecl>();
  for (const node of byKind.get('tenant')!) if (node.id !== undefined && !tenants.has(node.id)) tenants.set(node.id, { name: node.id, node });
  return { model: { nodes, roots, byKind, byId, links, tenants, kernels }, facts };
}

/** A resolved link; its statement object is built when something asks for it. */
class LinkRef implements ResolvedLink {
  readonly from: ModelNode | undefined;
  readonly to: ModelNode | undefined;
  readonly label: string | undefined;
  constructor(
    private readonly store: SyntaxStore,
    private readonly index: number,
    byId: ReadonlyMap<string, ModelNode>,
  ) {
    const toTok = store.linkToTok.data[index];
    const labelTok = store.linkLabelTok.data[index];
    this.from = byId.get(store.word(store.linkFromTok.data[index]));
    this.to = toTok >= 0 ? byId.get(store.word(toTok)) : undefined;
    this.label = labelTok >= 0 ? store.stringValue(labelTok) : undefined;
  }
  get decl(): Link {
    return this.store.link(this.index);
  }
}

function makeNode(decl: DeclNode, parent: MutableNode | undefined): MutableNode {
  return {
    kind: decl.kind,
    id: decl.idText,
    label: decl.labelText,
    decl,
    parent,
    // A node with a block gets its children when the binder is done with the block.
    children: NO_CHILDREN,
    depth: parent ? parent.depth + 1 : 0,
    props: {},
    // A declaration with a block is its own property table (syntax/tree.ts).
    propDecls: decl.open >= 0 ? decl : EMPTY_PROPERTIES,
    tenant: undefined,
    tenantFrom: undefined,
    service: undefined,
    kernel: undefined,
  };
}

/** Property `index` (of the store's table) of a node: validated into `node.props`, or a fact. */
function addProperty(node: MutableNode, store: SyntaxStore, index: number, text: string, facts: BindFacts): void {
  const key = store.propKeys[index];
  const first = node.propDecls.indexOf(key);
  if (first !== index) {
    if (first >= 0) facts.repeatedProperties.push({ node, prop: store.property(index), first: store.property(first) });
    return;
  }
  const spec = propertySpec(node.kind, key);
  if (!spec) {
    facts.unknownProperties.push({ node, prop: store.property(index) });
    return;
  }
  const vt = store.propValueTok.data[index];
  if (vt === NO_VALUE) return; // a syntax error was already reported
  const result = (vt >= 0 ? cachedScalar(spec, store, vt) : undefined) ?? validateValue(spec, store.value(index)!, text);
  if (result.ok) (node.props as Record<string, unknown>)[spec.key] = result.value;
  else facts.invalidValues.push({ node, prop: store.property(index), message: result.message });
}

/**
 * The cached validation of the scalar at token t, read from the text (no value object is built).
 * It reads the token as `SyntaxStore.scalar` does (syntax/tree.ts); a miss falls back to that.
 */
function cachedScalar(spec: PropertySpec, store: SyntaxStore, t: number): Validated | undefined {
  const text = store.text;
  const k = store.tokens.kinds[t];
  const s = store.tokens.starts[t];
  const e = store.tokens.ends[t];
  if (k === Tok.Quantity) {
    const u = unitStart(text, s, e);
    return cachedValidation(spec, 'quantity', parseDecimal(text, s, u), sliceInterned(text, u, e));
  }
  if (k === Tok.Number) return cachedValidation(spec, 'number', parseDecimal(text, s, e));
  if (k === Tok.Word) {
    const w = sliceInterned(text, s, e);
    return w === 'true' || w === 'false' ? undefined : cachedValidation(spec, 'word', w);
  }
  return cachedValidation(spec, 'string', store.stringValue(t));
}

/** The nearest enclosing host or VM kernel of a node (not counting the node itself). */
function enclosingKernel(node: ModelNode): Kernel | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.kind === 'host' || p.kind === 'vm' || p.kind === 'pod' || p.kind === 'container' || p.kind === 'engine') return p.kernel;
  }
  return undefined;
}

/** The runtime a container or pod runs under: its engine's `runtime`, else the engine's default. */
export function effectiveRuntime(node: ModelNode): string {
  for (let p: ModelNode | undefined = node; p; p = p.parent) {
    if (p.kind === 'engine') return p.props.runtime ?? (p.props.product ? findEngine(p.props.product)?.defaultRuntime : undefined) ?? 'runc';
  }
  return 'runc';
}

function newKernel(kind: KernelKind, owner: ModelNode, os: string | undefined, kernels: Kernel[]): Kernel {
  const family = kind === 'host' || kind === 'guest' ? (os ? findOs(os)?.family : undefined) : 'linux';
  const kernel: Kernel = { key: `${kind}:${owner.id ?? `#${owner.decl.start}`}`, kind, owner, os, family, workloads: [] };
  kernels.push(kernel);
  return kernel;
}

function kernelFor(node: ModelNode, kernels: Kernel[]): Kernel | undefined {
  switch (node.kind) {
    case 'host':
      return node.props.os ? newKernel('host', node, node.props.os, kernels) : undefined;
    case 'vm':
      return node.props.os ? newKernel('guest', node, node.props.os, kernels) : undefined;
    case 'engine':
    case 'app':
      return enclosingKernel(node);
    case 'pod': {
      const isolation = findRuntime(effectiveRuntime(node))?.isolation;
      return isolation === 'micro-vm' ? newKernel('microvm', node, undefined, kernels) : enclosingKernel(node);
    }
    case 'container': {
      const isolation = findRuntime(effectiveRuntime(node))?.isolation;
      if (isolation === 'user-space-kernel') return newKernel('sandbox', node, undefined, kernels);
      if (isolation === 'micro-vm') {
        // A pod shares one micro-VM; a lone container gets its own.
        if (node.parent?.kind === 'pod') return node.parent.kernel;
        return newKernel('microvm', node, undefined, kernels);
      }
      return enclosingKernel(node);
    }
    default:
      return undefined;
  }
}
