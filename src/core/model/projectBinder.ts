// Binding a project again after an edit, reusing what the edit did not touch (core/project).
//
// The unit of reuse is a *unit*: one top-level node of some file together with everything the
// `extend` statements of any file add into its subtree. Everything the binder works out for a
// node (children, properties, inherited tenant and service, kernel) depends only on its unit, so
// a unit whose top-level declaration and whose list of extensions are the very same syntax
// objects as last time (a file's syntax objects live as long as its text is unchanged) is
// reused as it was. What spans units is redone on every bind, and is cheap: which unit each id
// and each extension belongs to (from per-file summaries of the ids, kept with the parse),
// duplicate ids, unknown extensions, links, tenants, and the model's lists put together.
//
// The result equals `bindFiles` of the same trees (test/unit/projectIncremental.test.ts applies
// random edits and compares): the same nodes in the same order, kernels, links and facts.
import type { Finding } from '../diagnostics';
import type { Kind, Name, Property } from '../syntax/ast';
import { type DeclNode, type ExtendNode, type FileTree, REF_EXTEND, REF_LINK, REF_NODE, REF_PROPERTY, type SyntaxStore, storeOf } from '../syntax/tree';
import type { Kernel, Model, ModelNode, ResolvedLink } from './model';
import { type BindFacts, type Bound, LinkRef, Walker, extendNode, finishNodes, newByKind, preOrder, tenantsOf } from './binder';

/** One unit, bound: a top-level node with its extensions (see above). */
export interface BoundUnit {
  readonly root: ModelNode;
  readonly decl: DeclNode;
  readonly extensions: readonly ExtendNode[];
  /** The unit on its own as a model (its nodes, kinds and kernels; `byId`, `links`, `tenants` are the project's). */
  readonly model: Model;
  /** What the binder noticed in the unit (`duplicateIds`, `topLevelProperties` and `unknownExtensions` are the project's). */
  readonly facts: BindFacts;
  /** For the checks (checks/run.ts): what they found in this unit alone, and under which settings. */
  checked?: { readonly key: unknown; readonly findings: readonly Finding[] };
}

export interface ProjectBound extends Bound {
  /** The units, in the order of their top-level nodes (file by file). */
  readonly units: readonly BoundUnit[];
  /** How many units were bound anew (the rest were reused). */
  readonly rebound: number;
}

/** What a block declares, as the binder walks it: ids in pre-order, and the `extend`s it meets. */
interface BlockSummary {
  readonly decls: readonly DeclNode[];
  readonly extensions: readonly ExtendNode[];
}

interface FileSummary {
  readonly store: SyntaxStore;
  /** Top-level statements: node (its ref position and block summary), link, property or extension. */
  readonly tops: readonly ({ readonly ref: number; readonly decl: DeclNode; readonly block: BlockSummary } | { readonly link: number } | { readonly prop: number } | { readonly ext: ExtendNode })[];
}

const fileSummaries = new WeakMap<FileTree, FileSummary>();
const extensionSummaries = new WeakMap<ExtendNode, BlockSummary>();

/** The statements in refs[refStart, refStart + refCount) of the store, walked as the binder walks them (extension blocks skipped). */
function summarize(store: SyntaxStore, refStart: number, refCount: number): BlockSummary {
  const decls: DeclNode[] = [];
  const extensions: ExtendNode[] = [];
  const refs = store.refs.data;
  const stack: number[] = [refStart, refStart + refCount];
  while (stack.length) {
    const end = stack[stack.length - 1];
    const i = stack[stack.length - 2];
    if (i >= end) {
      stack.length -= 2;
      continue;
    }
    stack[stack.length - 2] = i + 1;
    const ref = refs[i];
    const tag = ref & 3;
    if (tag === REF_NODE) {
      const d = store.decls[ref >> 2];
      decls.push(d);
      if (d.open >= 0) stack.push(d.refStart, d.refStart + d.refCount);
    } else if (tag === REF_EXTEND) extensions.push(store.extensions[ref >> 2]);
  }
  return { decls, extensions };
}

function fileSummary(tree: FileTree): FileSummary {
  let s = fileSummaries.get(tree);
  if (s) return s;
  const file = storeOf(tree);
  const store = file.store;
  const refs = store.refs.data;
  const tops: FileSummary['tops'][number][] = [];
  for (let k = file.refStart; k < file.refStart + file.refCount; k++) {
    const ref = refs[k];
    const tag = ref & 3;
    if (tag === REF_NODE) {
      const decl = store.decls[ref >> 2];
      tops.push({ ref: k, decl, block: summarize(store, k, 1) });
    } else if (tag === REF_LINK) tops.push({ link: ref >> 2 });
    else if (tag === REF_PROPERTY) tops.push({ prop: ref >> 2 });
    else tops.push({ ext: store.extensions[ref >> 2] });
  }
  s = { store, tops };
  fileSummaries.set(tree, s);
  return s;
}

function extensionSummary(ext: ExtendNode): BlockSummary {
  let s = extensionSummaries.get(ext);
  if (!s) extensionSummaries.set(ext, (s = summarize(ext.store, ext.refStart, ext.refCount)));
  return s;
}

/** A unit as planned from the summaries, before it is bound (or found bound already). */
interface Plan {
  readonly store: SyntaxStore;
  readonly ref: number;
  readonly decl: DeclNode;
  readonly extensions: ExtendNode[];
  unit?: InternalUnit;
}

interface InternalUnit extends BoundUnit {
  readonly byId: Map<string, ModelNode>;
  /** The unit's links from its own block, then those of each extension (`extensionLinks[i]` ends where the i-th extension's end). */
  readonly linkRefs: readonly { store: SyntaxStore; index: number }[];
  readonly mainLinks: number;
  readonly extensionLinkEnds: readonly number[];
}

/**
 * Binds a project's trees, reusing the units of the previous bind that did not change. Keep one
 * per project; `bind` with the project's trees in order after each change.
 */
export class ProjectBinder {
  private units = new Map<DeclNode, InternalUnit>();

  bind(trees: readonly FileTree[]): ProjectBound {
    const files = trees.map(fileSummary);
    // Which unit each id belongs to (the first declaration of an id counts), as bindFiles meets them.
    const plans: Plan[] = [];
    const idPlan = new Map<string, Plan>();
    const duplicates: { decl: DeclNode; plan: Plan }[] = [];
    const extensions: ExtendNode[] = [];
    const topLevelProperties: Property[] = [];
    const declare = (decls: readonly DeclNode[], plan: Plan) => {
      for (const d of decls) {
        const id = d.idText;
        if (id === undefined) continue;
        if (idPlan.has(id)) duplicates.push({ decl: d, plan });
        else idPlan.set(id, plan);
      }
    };
    for (const f of files) {
      for (const t of f.tops) {
        if ('decl' in t) {
          const plan: Plan = { store: f.store, ref: t.ref, decl: t.decl, extensions: [] };
          plans.push(plan);
          declare(t.block.decls, plan);
          for (const e of t.block.extensions) extensions.push(e);
        } else if ('ext' in t) extensions.push(t.ext);
        else if ('prop' in t) topLevelProperties.push(f.store.property(t.prop));
      }
    }
    // Extensions, as bindFiles applies them: passes until nothing changes, an extension's own
    // extensions joining the pass they are met in.
    const applied: { ext: ExtendNode; plan: Plan }[] = [];
    let waiting = extensions;
    for (let progress = true; progress && waiting.length; ) {
      progress = false;
      const next: ExtendNode[] = [];
      for (let i = 0; i < waiting.length; i++) {
        const ext = waiting[i];
        const plan = ext.targetText !== undefined ? idPlan.get(ext.targetText) : undefined;
        if (!plan) {
          next.push(ext);
          continue;
        }
        progress = true;
        plan.extensions.push(ext);
        applied.push({ ext, plan });
        const s = extensionSummary(ext);
        declare(s.decls, plan);
        for (const e of s.extensions) waiting.push(e);
      }
      waiting = next;
    }
    const unknownExtensions: Name[] = [];
    for (const ext of waiting) if (ext.target) unknownExtensions.push(ext.target);

    // Bind the units that changed; reuse the others.
    const fresh = new Map<DeclNode, InternalUnit>();
    let rebound = 0;
    for (const plan of plans) {
      const old = this.units.get(plan.decl);
      if (old && sameList(old.extensions, plan.extensions)) plan.unit = old;
      else {
        plan.unit = bindUnit(plan);
        rebound++;
      }
      fresh.set(plan.decl, plan.unit);
    }
    this.units = fresh;
    const units = plans.map((p) => p.unit!);

    // The project's model, put together from the units.
    const byId = new ProjectIds(idPlan);
    const nodes: ModelNode[] = [];
    const kernels: Kernel[] = [];
    const byKind = newByKind();
    for (const u of units) {
      append(nodes, u.model.nodes);
      append(kernels, u.model.kernels);
      for (const [kind, list] of u.model.byKind) if (list.length) append(byKind.get(kind as Kind)!, list);
    }
    const links: ResolvedLink[] = [];
    const unitOfPlan = new Map<DeclNode, InternalUnit>();
    for (const p of plans) unitOfPlan.set(p.decl, p.unit!);
    for (const f of files) {
      for (const t of f.tops) {
        if ('link' in t) links.push(new LinkRef(f.store, t.link, byId));
        else if ('decl' in t) {
          const u = unitOfPlan.get(t.decl)!;
          for (let i = 0; i < u.mainLinks; i++) links.push(new LinkRef(u.linkRefs[i].store, u.linkRefs[i].index, byId));
        }
      }
    }
    for (const { ext, plan } of applied) {
      const u = plan.unit!;
      const k = plan.extensions.indexOf(ext);
      const from = k === 0 ? u.mainLinks : u.extensionLinkEnds[k - 1];
      for (let i = from; i < u.extensionLinkEnds[k]; i++) links.push(new LinkRef(u.linkRefs[i].store, u.linkRefs[i].index, byId));
    }
    const model: Model = { nodes, roots: units.map((u) => u.root), byKind, byId, links, tenants: tenantsOf(byKind.get('tenant')!), kernels };
    for (const u of units) (u.model as { byId: ReadonlyMap<string, ModelNode> }).byId = byId;
    for (const u of units) (u.model as { links: readonly ResolvedLink[] }).links = links;
    for (const u of units) (u.model as { tenants: Model['tenants'] }).tenants = model.tenants;
    const duplicateIds = duplicates.map(({ decl, plan }) => ({ node: plan.unit!.model.nodes.find((n) => n.decl === decl)!, first: byId.get(decl.idText!)! }));
    const facts: BindFacts = {
      topLevelProperties,
      duplicateIds,
      unknownExtensions,
      unknownProperties: units.flatMap((u) => u.facts.unknownProperties),
      invalidValues: units.flatMap((u) => u.facts.invalidValues),
      repeatedProperties: units.flatMap((u) => u.facts.repeatedProperties),
    };
    return { model, facts, units, rebound };
  }
}

function bindUnit(plan: Plan): InternalUnit {
  const nodes: ModelNode[] = [];
  const byId = new Map<string, ModelNode>();
  const linkRefs: { store: SyntaxStore; index: number }[] = [];
  const facts: BindFacts = { topLevelProperties: [], unknownProperties: [], invalidValues: [], repeatedProperties: [], duplicateIds: [], unknownExtensions: [] };
  // The extensions the walks meet were planned already (ProjectBinder.bind): not collected again.
  const walker = new Walker(nodes, byId, linkRefs, [], facts);
  const [root] = walker.walk(plan.store, plan.ref, 1, undefined);
  const mainLinks = linkRefs.length;
  const extensionLinkEnds: number[] = [];
  for (const ext of plan.extensions) {
    walker.extensions = [];
    // The target is the unit's first node with that id: the project's first, as planned.
    extendNode(byId.get(ext.targetText!)!, ext, walker);
    extensionLinkEnds.push(linkRefs.length);
  }
  const ordered = plan.extensions.length ? preOrder([root], nodes.length) : nodes;
  const kernels: Kernel[] = [];
  const byKind = newByKind();
  finishNodes(ordered, kernels, byKind);
  const model: Model = { nodes: ordered, roots: [root], byKind, byId, links: [], tenants: new Map(), kernels };
  return {
    root,
    decl: plan.decl,
    extensions: plan.extensions,
    model,
    facts: { ...facts, duplicateIds: [], unknownExtensions: [] },
    byId,
    linkRefs,
    mainLinks,
    extensionLinkEnds,
  };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function append<T>(to: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}

/** The project's nodes by id: the unit each id was planned in knows its node (the first with that id). */
class ProjectIds implements ReadonlyMap<string, ModelNode> {
  constructor(private readonly plans: ReadonlyMap<string, Plan>) {}
  get(id: string): ModelNode | undefined {
    return this.plans.get(id)?.unit!.byId.get(id);
  }
  has(id: string): boolean {
    return this.plans.has(id);
  }
  get size(): number {
    return this.plans.size;
  }
  *entries(): IterableIterator<[string, ModelNode]> {
    for (const id of this.plans.keys()) yield [id, this.get(id)!];
  }
  keys(): IterableIterator<string> {
    return this.plans.keys();
  }
  *values(): IterableIterator<ModelNode> {
    for (const id of this.plans.keys()) yield this.get(id)!;
  }
  forEach(fn: (value: ModelNode, key: string, map: ReadonlyMap<string, ModelNode>) => void): void {
    for (const [id, node] of this.entries()) fn(node, id, this);
  }
  [Symbol.iterator](): IterableIterator<[string, ModelNode]> {
    return this.entries();
  }
}
