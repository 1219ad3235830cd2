// The binder: turns the syntax tree into the model. It resolves containment, ids, links,
// inherited tenant and service, validates property values against the schemas, and works out
// the kernel every workload runs on (model/kernels.ts). It reports nothing itself: it records facts that the
// structure checks turn into findings. Iterative (no recursion), so depth cannot overflow.
import { parseDecimal, sliceInterned } from '../syntax/intern';
import { type Kind, KINDS, type Link, type Name, type Property } from '../syntax/ast';
import { type BlockTable, type DeclNode, type ExtendNode, type FileTree, NO_VALUE, REF_EXTEND, REF_LINK, REF_PROPERTY, type SyntaxStore, storeOf } from '../syntax/tree';
import { type Kernel, type Model, type ModelNode, type NodeProps, EMPTY_PROPERTIES, type PropertyTable, type ResolvedLink, type TenantDecl } from './model';
import { type PropertySpec, type Validated, cachedValidation, propertySpec, validateValue } from './schemas';
import { Tok, unitStart } from '../syntax/scanner';
import { assignKernel } from './kernels';

export { effectiveRuntime } from './kernels';

/** What the binder noticed that checks report on. */
export interface BindFacts {
  /** Properties written outside any node. */
  readonly topLevelProperties: Property[];
  readonly unknownProperties: { node: ModelNode; prop: Property }[];
  readonly invalidValues: { node: ModelNode; prop: Property; message: string }[];
  /** A key written a second time in the same node (the first one counts), by its block or an `extend`. */
  readonly repeatedProperties: { node: ModelNode; prop: Property; first: Property }[];
  /** Nodes whose id repeats an earlier node's id (in this file or, in a project, an earlier file). */
  readonly duplicateIds: { node: ModelNode; first: ModelNode }[];
  /** `extend ID` statements whose ID no file declares: the id as written. */
  readonly unknownExtensions: Name[];
}

export interface Bound {
  readonly model: Model;
  readonly facts: BindFacts;
}

interface MutableNode extends ModelNode {
  props: NodeProps;
  children: readonly ModelNode[];
  propDecls: PropertyTable;
}

/** The children of every node that has none (most nodes are leaves). */
const NO_CHILDREN: readonly ModelNode[] = Object.freeze([]);
/** The properties of every node that has none yet: a node gets its own object with its first valid property. */
const NO_PROPS: NodeProps = Object.freeze({});

/**
 * Bind a parsed file: `tree` is what `parse(text)` returned (a FileTree: bind reads the flat
 * tables it keeps; a plain FileNode, e.g. one that went through JSON, does not type-check).
 * Never throws on any tree the parser returns.
 */
export function bind(tree: FileTree, text: string): Bound {
  void text; // the tree keeps its text (syntax/tree.ts)
  return bindFiles([tree]);
}

/**
 * Bind the files of a project (core/project) into one model, in the order given: ids are shared,
 * links and `tenant:` values may name nodes of any file, and `extend ID { … }` adds its block to
 * the node ID wherever it is declared. Each tree must come from `parse`. Checks and kernels see
 * one model and need not know that it came from several files. Never throws.
 */
export function bindFiles(trees: readonly FileTree[]): Bound {
  const nodes: ModelNode[] = [];
  const byId = new Map<string, ModelNode>();
  const linkRefs: { store: SyntaxStore; index: number }[] = [];
  const extensions: ExtendNode[] = [];
  const facts: BindFacts = { topLevelProperties: [], unknownProperties: [], invalidValues: [], repeatedProperties: [], duplicateIds: [], unknownExtensions: [] };
  const walker = new Walker(nodes, byId, linkRefs, extensions, facts);
  let roots: ModelNode[] = [];
  for (const tree of trees) {
    const file = storeOf(tree);
    const top = walker.walk(file.store, file.refStart, file.refCount, undefined);
    roots = roots.length ? roots.concat(top) : top;
  }

  // Extensions, once every file's declarations are known: each block is walked as if it stood
  // in its target's block (its children become the target's, its properties the target's).
  // An extension may target a node that another extension declares: retry until nothing changes.
  // An `extend` inside an extension's block joins the list being gone through (so it is tried
  // in the same pass as its parent).
  let extended = false;
  let waiting = extensions;
  for (let progress = true; progress && waiting.length; ) {
    progress = false;
    const next: ExtendNode[] = [];
    walker.extensions = waiting;
    for (const ext of waiting) {
      const target = ext.targetText !== undefined ? (byId.get(ext.targetText) as MutableNode | undefined) : undefined;
      if (!target) next.push(ext);
      else {
        progress = extended = true;
        extendNode(target, ext, walker);
      }
    }
    waiting = next;
  }
  for (const ext of waiting) if (ext.target) facts.unknownExtensions.push(ext.target);
  // With extensions, nodes were appended out of order: put them back in pre-order.
  const ordered = extended ? preOrder(roots, nodes.length) : nodes;

  // Inheritance and kernels, in pre-order so parents are done before children. Properties
  // were all attached during the walks above (a node's properties precede or follow its children
  // in the text, so this second pass is needed).
  const kernels: Kernel[] = [];
  const byKind = newByKind();
  finishNodes(ordered, kernels, byKind);
  const links: ResolvedLink[] = linkRefs.map((r) => new LinkRef(r.store, r.index, byId));
  return { model: { nodes: ordered, roots, byKind, byId, links, tenants: tenantsOf(byKind.get('tenant')!), kernels }, facts };
}

/** An empty list of nodes for every kind. */
export function newByKind(): Map<Kind, ModelNode[]> {
  return new Map<Kind, ModelNode[]>(KINDS.map((k) => [k, []]));
}

/**
 * The second pass over bound nodes, in pre-order so parents are done before children: each
 * node's kind list, inherited tenant and service, and kernel.
 */
export function finishNodes(ordered: readonly ModelNode[], kernels: Kernel[], byKind: Map<Kind, ModelNode[]>): void {
  for (const n of ordered) {
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
    assignKernel(node, kernels);
  }
}

/** Declared tenants by name (the first declaration of each). */
export function tenantsOf(tenantNodes: readonly ModelNode[]): Map<string, TenantDecl> {
  const tenants = new Map<string, TenantDecl>();
  for (const node of tenantNodes) if (node.id !== undefined && !tenants.has(node.id)) tenants.set(node.id, { name: node.id, node });
  return tenants;
}

/** Add an extension's block to its target: properties after the target's own, children after its own. */
export function extendNode(target: ModelNode, ext: ExtendNode, walker: Walker): void {
  const t = target as MutableNode;
  t.propDecls = MergedProperties.of(t.propDecls, ext);
  const added = walker.walk(ext.store, ext.refStart, ext.refCount, t);
  if (added.length) t.children = t.children.length ? t.children.concat(added) : added;
}

/** Every node under `roots`, parents before children, children in order. */
export function preOrder(roots: readonly ModelNode[], count: number): ModelNode[] {
  const out: ModelNode[] = new Array(count);
  let k = 0;
  const stack: ModelNode[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]);
  while (stack.length) {
    const n = stack.pop()!;
    out[k++] = n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  out.length = k;
  return out;
}

/**
 * Walks statement references (syntax/tree.ts: no statement objects are built) with an explicit
 * stack of (reference range, parent); the frame of each depth is reused, so the walk allocates
 * nothing per block. The nodes found in the blocks being walked wait in `pending` (each frame's
 * from its `first`); a block's node takes exactly its own children when the block is done.
 */
export class Walker {
  private readonly stack: { i: number; end: number; parent: MutableNode | undefined; first: number }[] = [];
  private readonly pending: ModelNode[] = [];

  constructor(
    private readonly nodes: ModelNode[],
    private readonly byId: Map<string, ModelNode>,
    private readonly linkRefs: { store: SyntaxStore; index: number }[],
    /** Where the `extend` statements met are appended. */
    public extensions: ExtendNode[],
    private readonly facts: BindFacts,
    /** When given, only these ids go into `byId` (and only their repeats are duplicates). */
    private readonly only?: ReadonlySet<string>,
  ) {}

  /** Walk one block (or a file's top level) under `top`; the nodes directly in it. */
  walk(store: SyntaxStore, refStart: number, refCount: number, top: ModelNode | undefined): ModelNode[] {
    const refs = store.refs.data;
    const { stack, pending, nodes, byId, facts } = this;
    let depth = 0;
    const enter = (start: number, count: number, parent: MutableNode | undefined, first: number) => {
      const f = stack[depth++];
      if (!f) stack.push({ i: start, end: start + count, parent, first });
      else {
        f.i = start;
        f.end = start + count;
        f.parent = parent;
        f.first = first;
      }
    };
    let pendingCount = 0;
    let result: ModelNode[] = [];
    enter(refStart, refCount, top as MutableNode | undefined, 0);
    while (depth > 0) {
      const f = stack[depth - 1];
      if (f.i >= f.end) {
        depth--;
        if (depth > 0) f.parent!.children = pendingCount > f.first ? pending.slice(f.first, pendingCount) : NO_CHILDREN;
        else result = pending.slice(0, pendingCount);
        pendingCount = f.first;
        continue;
      }
      const ref = refs[f.i++];
      const tag = ref & 3;
      const index = ref >> 2;
      if (tag === REF_LINK) {
        this.linkRefs.push({ store, index });
        continue;
      }
      if (tag === REF_EXTEND) {
        this.extensions.push(store.extensions[index]);
        continue;
      }
      if (tag === REF_PROPERTY) {
        if (!f.parent) facts.topLevelProperties.push(store.property(index));
        else addProperty(f.parent, store, index, facts);
        continue;
      }
      const s = store.decls[index];
      const node = makeNode(s, f.parent);
      nodes.push(node);
      pending[pendingCount++] = node;
      if (node.id !== undefined && (this.only === undefined || this.only.has(node.id))) {
        const first = byId.get(node.id);
        if (first) facts.duplicateIds.push({ node, first });
        else byId.set(node.id, node);
      }
      if (s.open >= 0) enter(s.refStart, s.refCount, node, pendingCount);
    }
    return result;
  }
}

/**
 * The property table of a node that `extend` blocks add to: its own block first, then each
 * extension in the order bound. A key counts where it is first written.
 */
class MergedProperties implements PropertyTable {
  private constructor(readonly tables: readonly PropertyTable[]) {}

  static of(current: PropertyTable, ext: BlockTable): MergedProperties {
    if (current instanceof MergedProperties) return new MergedProperties([...current.tables, ext]);
    return new MergedProperties(current === EMPTY_PROPERTIES ? [ext] : [current, ext]);
  }

  /** The table where `key` is first written, if any. */
  tableOf(key: string): PropertyTable | undefined {
    for (const t of this.tables) if (t.has(key)) return t;
    return undefined;
  }

  indexOf(key: string): number {
    return this.tableOf(key)?.indexOf(key) ?? -1;
  }
  get(key: string): Property | undefined {
    return this.tableOf(key)?.get(key);
  }
  has(key: string): boolean {
    return this.tableOf(key) !== undefined;
  }
  values(): Property[] {
    const out: Property[] = [];
    const seen = new Set<string>();
    for (const t of this.tables) {
      for (const p of t.values()) {
        if (seen.has(p.key.text)) continue;
        seen.add(p.key.text);
        out.push(p);
      }
    }
    return out;
  }
  *[Symbol.iterator](): IterableIterator<[string, Property]> {
    for (const p of this.values()) yield [p.key.text, p];
  }
}

/** A resolved link; its statement object is built when something asks for it. */
export class LinkRef implements ResolvedLink {
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
  return new BoundNode(decl, parent);
}

/**
 * A node of the model as the binder makes it: one shape for every node, its fields in one place.
 * (Against the object literal it replaced, paired cold opens of the bench project measured the
 * same CPU time within noise.)
 */
class BoundNode implements MutableNode {
  readonly kind: Kind;
  readonly id: string | undefined;
  readonly label: string | undefined;
  // A node with a block gets its children when the binder is done with the block.
  children: readonly ModelNode[] = NO_CHILDREN;
  readonly depth: number;
  props: NodeProps = NO_PROPS;
  // A declaration with a block is its own property table (syntax/tree.ts).
  propDecls: PropertyTable;
  tenant: string | undefined = undefined;
  tenantFrom: ModelNode | undefined = undefined;
  service: string | undefined = undefined;
  kernel: Kernel | undefined = undefined;

  constructor(
    readonly decl: DeclNode,
    readonly parent: MutableNode | undefined,
  ) {
    this.kind = decl.kind;
    this.id = decl.idText;
    this.label = decl.labelText;
    this.depth = parent ? parent.depth + 1 : 0;
    this.propDecls = decl.open >= 0 ? decl : EMPTY_PROPERTIES;
  }
}

/** Property `index` (of the store's table) of a node: validated into `node.props`, or a fact. */
function addProperty(node: MutableNode, store: SyntaxStore, index: number, facts: BindFacts): void {
  const key = store.propKeys[index];
  const table = node.propDecls instanceof MergedProperties ? node.propDecls.tableOf(key) : node.propDecls;
  const first = table ? table.indexOf(key) : -1;
  if (first !== index || (table as BlockTable | undefined)?.store !== store) {
    // Written before: earlier in this block, or (through `extend`) in the node's own block or an
    // earlier extension, maybe in another file.
    if (first >= 0) facts.repeatedProperties.push({ node, prop: store.property(index), first: table!.get(key)! });
    return;
  }
  const spec = propertySpec(node.kind, key);
  if (!spec) {
    facts.unknownProperties.push({ node, prop: store.property(index) });
    return;
  }
  const vt = store.propValueTok.data[index];
  if (vt === NO_VALUE) return; // a syntax error was already reported
  const result = (vt >= 0 ? cachedScalar(spec, store, vt) : undefined) ?? validateValue(spec, store.value(index)!, store.text);
  if (result.ok) {
    if (node.props === NO_PROPS) node.props = {};
    (node.props as Record<string, unknown>)[spec.key] = result.value;
  }
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
