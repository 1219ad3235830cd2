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
  /** Top-level nodes (their units' plans) and links, in order: where the project's links come from. */
  readonly linkTops: readonly ({ readonly plan: Plan } | { readonly link: number })[];
  /** The properties written at the top level (indexes in the store). */
  readonly topProperties: readonly number[];
  /** The units of the file's top-level nodes (kept with the parse: a unit stays bound while they do). */
  readonly plans: readonly Plan[];
  /** The `extend`s the binder meets walking the file (not inside extension blocks), in walk order. */
  readonly extensions: readonly ExtendNode[];
  /** Their states (`walked[i]` is that of `extensions[i]`). */
  readonly walked: readonly ExtensionState[];
  /** Whether some extension block of the file holds an `extend` (then the project is bound in passes). */
  readonly nested: boolean;
  /** Every declaration with an id in the file, as the project's id index holds them. */
  readonly declarers: readonly Declarer[];
}

/** A unit as planned: its top-level declaration, and the extensions this bind gives it. */
interface Plan {
  readonly file: FileSummary;
  readonly store: SyntaxStore;
  readonly ref: number;
  readonly decl: DeclNode;
  extensions: ExtendNode[];
  unit?: InternalUnit;
}

/** An `extend` statement's part in the current bind: applied (to which unit, when) or not. */
interface ExtensionState {
  readonly ext: ExtendNode;
  readonly file: FileSummary;
  /** Its place among the file's walked extensions (`FileSummary.extensions`), or -1 for one inside an extension block. */
  readonly index: number;
  /** The unit it is applied to now (undefined: not applied), and, after a bind in passes, its place in their order. */
  plan: Plan | undefined;
  order: number;
  /** Whether its target is declared more than once or only by an extension (see ProjectBinder). */
  complex: boolean;
}

/** A declaration with an id: in a unit's own block (`plan`) or in an extension's block (`extension`). */
interface Declarer {
  readonly id: string;
  readonly decl: DeclNode;
  /** Its place in walk order: among the file's own declarations, or its extension's. */
  readonly pos: number;
  readonly plan?: Plan;
  readonly extension?: ExtensionState;
}

const fileSummaries = new WeakMap<FileTree, FileSummary>();
const extensionSummaries = new WeakMap<ExtendNode, BlockSummary>();
const extensionStates = new WeakMap<ExtendNode, ExtensionState>();

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
  const known = fileSummaries.get(tree);
  if (known) return known;
  const file = storeOf(tree);
  const store = file.store;
  const refs = store.refs.data;
  const linkTops: FileSummary['linkTops'][number][] = [];
  const topProperties: number[] = [];
  const plans: Plan[] = [];
  const extensions: ExtendNode[] = [];
  const walked: ExtensionState[] = [];
  const declarers: Declarer[] = [];
  const s: FileSummary = { store, linkTops, topProperties, plans, extensions, walked, nested: false, declarers };
  for (let k = file.refStart; k < file.refStart + file.refCount; k++) {
    const ref = refs[k];
    const tag = ref & 3;
    if (tag === REF_NODE) {
      const plan: Plan = { file: s, store, ref: k, decl: store.decls[ref >> 2], extensions: [] };
      plans.push(plan);
      linkTops.push({ plan });
      const block = summarize(store, k, 1);
      // Main declarations come first in `declarers`: their place there is their walk order in the file.
      for (const decl of block.decls) if (decl.idText !== undefined) declarers.push({ id: decl.idText, decl, pos: declarers.length, plan });
      for (const e of block.extensions) extensions.push(e);
    } else if (tag === REF_LINK) linkTops.push({ link: ref >> 2 });
    else if (tag === REF_PROPERTY) topProperties.push(ref >> 2);
    else extensions.push(store.extensions[ref >> 2]);
  }
  const walkedAt = new Map(extensions.map((e, i) => [e, i]));
  // Every extension of the file (nested ones too) declares its ids, counted once it is applied.
  for (const ext of store.extensions) {
    const extension: ExtensionState = { ext, file: s, index: walkedAt.get(ext) ?? -1, plan: undefined, order: 0, complex: false };
    extensionStates.set(ext, extension);
    if (extension.index >= 0) walked[extension.index] = extension;
    extensionSummary(ext).decls.forEach((decl, pos) => decl.idText !== undefined && declarers.push({ id: decl.idText, decl, pos, extension }));
  }
  (s as { nested: boolean }).nested = store.extensions.length > extensions.length;
  fileSummaries.set(tree, s);
  return s;
}

function extensionSummary(ext: ExtendNode): BlockSummary {
  let s = extensionSummaries.get(ext);
  if (!s) extensionSummaries.set(ext, (s = summarize(ext.store, ext.refStart, ext.refCount)));
  return s;
}

function extensionState(ext: ExtendNode): ExtensionState {
  return extensionStates.get(ext)!;
}

interface InternalUnit extends BoundUnit {
  readonly byId: ReadonlyMap<string, ModelNode>;
  /** The unit's links from its own block, then those of each extension (`extensionLinks[i]` ends where the i-th extension's end). */
  readonly linkRefs: readonly { store: SyntaxStore; index: number }[];
  readonly mainLinks: number;
  readonly extensionLinkEnds: readonly number[];
}

/**
 * Binds a project's trees, reusing the units of the previous bind that did not change. Keep one
 * per project; `bind` with the project's trees in order after each change.
 *
 * The ids: an index of every declaration of the project's files by id, kept from bind to bind
 * (a changed file's declarations leave it, a new file's join it), so a bind looks ids up instead
 * of collecting them again. An id's declaration is, as in `bindFiles`, the first in a unit's own
 * block (by file, then walk order), else the first in an extension applied so far (by the order
 * they were applied in, then walk order).
 *
 * The extensions: in the usual project every `extend` names a node declared once, in a unit's
 * own block, and no extension block holds an `extend`. Then each extension goes to the unit of
 * that declaration whatever else the project holds, in file order, and a bind redoes only the
 * extensions of the files that changed and those whose target's declarations changed (a *delta*
 * bind). Otherwise (an extension `complex`: its target declared twice, or by an extension) the
 * bind goes through every extension in passes, as `bindFiles` does.
 */
export class ProjectBinder {
  private readonly index = new Map<string, Declarer | Declarer[]>();
  /** Ids with more than one declaration (where order decides, and duplicates are). */
  private readonly repeated = new Set<string>();
  private files = new Set<FileSummary>();
  private fileOrder = new Map<FileSummary, number>();
  /** The walked extensions of the project's files by target id. */
  private readonly byTarget = new Map<string, ExtensionState | ExtensionState[]>();
  /** How many walked extensions are complex, and how many files have extensions in extension blocks. */
  private complexCount = 0;
  private nestedFiles = 0;
  /** Whether the last bind left the extensions as a delta bind keeps them (`applied` then follows file order). */
  private simple = false;
  /** The walked extensions that apply to nothing (after a delta bind). */
  private readonly unresolved = new Set<ExtensionState>();
  /** The extensions applied in the last bind in passes, in order. */
  private passApplied: readonly ExtendNode[] = [];
  /** Counts binds: a model answers for its own bind (ProjectIds). */
  private current = 0;

  get currentBind(): number {
    return this.current;
  }

  bind(trees: readonly FileTree[]): ProjectBound {
    const files = trees.map(fileSummary);
    const now = new Set(files);
    // The extensions that come and go, and those to resolve again: the new ones, and those whose
    // target gains or loses a declaration (those of files that stay; a new file's are all new).
    const recheck = new Set<ExtensionState>();
    const touch = (id: string) => {
      const e = this.byTarget.get(id);
      if (!e) return;
      if (Array.isArray(e)) for (const st of e) recheck.add(st);
      else recheck.add(e);
    };
    const left: ExtensionState[] = [];
    const entered: FileSummary[] = [];
    const gone = [...this.files].filter((f) => !now.has(f));
    for (const f of gone) {
      for (const st of f.walked) {
        const id = st.ext.targetText;
        const e = id !== undefined ? this.byTarget.get(id) : undefined;
        if (e === st) this.byTarget.delete(id!);
        else if (Array.isArray(e)) {
          const rest = e.filter((x) => x !== st);
          this.byTarget.set(id!, rest.length === 1 ? rest[0] : rest);
        }
        if (st.complex) this.complexCount--;
        st.complex = false;
        this.unresolved.delete(st);
        left.push(st);
      }
      if (f.nested) {
        this.nestedFiles--;
        for (const e of f.store.extensions) if (extensionState(e).index < 0) extensionState(e).plan = undefined;
      }
    }
    // (Once the extensions of the files gone are out of `byTarget`, so that none is resolved again.)
    for (const f of gone) {
      for (const d of f.declarers) {
        this.remove(d);
        touch(d.id);
      }
    }
    // The extensions to check again because their target gains a declaration are those of files
    // that stay: with none (a first bind), every extension is checked below anyway.
    const staying = files.some((f) => this.files.has(f));
    for (const f of files) {
      if (this.files.has(f)) continue;
      entered.push(f);
      for (const d of f.declarers) {
        this.add(d);
        if (staying) touch(d.id);
      }
      for (const st of f.walked) {
        if (st.ext.targetText === undefined) continue;
        const e = this.byTarget.get(st.ext.targetText);
        if (Array.isArray(e)) e.push(st);
        else this.byTarget.set(st.ext.targetText, e ? [e, st] : st);
      }
      if (f.nested) this.nestedFiles++;
    }
    this.files = now;
    this.fileOrder = new Map(files.map((f, i) => [f, i]));
    const bind = ++this.current;
    for (const f of entered) for (const st of f.walked) recheck.add(st);
    for (const st of recheck) {
      const complex = this.isComplex(st);
      if (complex !== st.complex) this.complexCount += complex ? 1 : -1;
      st.complex = complex;
    }

    const plans: Plan[] = [];
    const topLevelProperties: Property[] = [];
    for (const f of files) {
      for (const p of f.plans) plans.push(p);
      for (const i of f.topProperties) topLevelProperties.push(f.store.property(i));
    }
    const changed = this.simple && this.complexCount === 0 && this.nestedFiles === 0 ? this.applyDelta(entered, left, recheck) : this.applyInPasses(files, left);

    // Bind the units that changed; reuse the others.
    let rebound = 0;
    for (const plan of changed ?? plans) {
      if (changed && !now.has(plan.file)) continue;
      if (plan.unit && sameList(plan.unit.extensions, plan.extensions)) continue;
      plan.unit = bindUnit(plan);
      rebound++;
    }
    const units = plans.map((p) => p.unit!);

    // The project's model, put together from the units: its lists of every node, kernel and kind
    // are made when first asked for (a keystroke's checks read the units, not these).
    const byId = new ProjectIds(this, bind);
    const links: ResolvedLink[] = [];
    for (const f of files) {
      for (const t of f.linkTops) {
        if ('link' in t) links.push(new LinkRef(f.store, t.link, byId));
        else {
          const u = t.plan.unit!;
          for (let i = 0; i < u.mainLinks; i++) links.push(new LinkRef(u.linkRefs[i].store, u.linkRefs[i].index, byId));
        }
      }
    }
    // Then the links of extension blocks, in the order the extensions were applied.
    const extensionLinks: { state: ExtensionState; unit: InternalUnit; from: number; to: number }[] = [];
    for (const plan of plans) {
      const u = plan.unit!;
      if (u.linkRefs.length === u.mainLinks) continue;
      for (let k = 0; k < u.extensions.length; k++) {
        const from = k === 0 ? u.mainLinks : u.extensionLinkEnds[k - 1];
        if (u.extensionLinkEnds[k] > from) extensionLinks.push({ state: extensionState(u.extensions[k]), unit: u, from, to: u.extensionLinkEnds[k] });
      }
    }
    extensionLinks.sort((a, b) => this.compareApplied(a.state, b.state));
    for (const { unit: u, from, to } of extensionLinks) for (let i = from; i < to; i++) links.push(new LinkRef(u.linkRefs[i].store, u.linkRefs[i].index, byId));

    const tenantNodes: ModelNode[] = [];
    for (const u of units) append(tenantNodes, u.model.byKind.get('tenant')!);
    const model = new ProjectModel(units, byId, links, tenantsOf(tenantNodes));
    byId.model = model;
    for (const u of units) {
      const m = u.model as { byId: ReadonlyMap<string, ModelNode>; links: readonly ResolvedLink[]; tenants: Model['tenants'] };
      m.byId = byId;
      m.links = links;
      m.tenants = model.tenants;
    }
    const duplicateIds: BindFacts['duplicateIds'] = [];
    for (const id of this.repeated) {
      const ordered = this.declarersOf(id);
      for (let i = 1; i < ordered.length; i++) {
        const d = ordered[i];
        const unit = (d.plan ?? d.extension!.plan!).unit!;
        duplicateIds.push({ node: unit.model.nodes.find((n) => n.decl === d.decl)!, first: byId.get(id)! });
      }
    }
    const unknownExtensions: Name[] = [];
    if (this.simple) {
      const rest = [...this.unresolved].sort((a, b) => this.compareApplied(a, b));
      for (const st of rest) unknownExtensions.push(st.ext.target!);
    } else for (const ext of this.passUnresolved) unknownExtensions.push(ext.target!);
    const facts = new ProjectFacts(units, topLevelProperties, duplicateIds, unknownExtensions);
    return { model, facts, units, rebound };
  }

  private passUnresolved: readonly ExtendNode[] = [];

  /**
   * A delta bind (see the class comment): the extensions that left are taken off their units, and
   * those to check again go to the unit that declares their target now. The plans whose list of
   * extensions changed (and the new files' plans).
   */
  private applyDelta(entered: readonly FileSummary[], left: readonly ExtensionState[], recheck: ReadonlySet<ExtensionState>): Set<Plan> {
    const changed = new Set<Plan>();
    for (const st of left) {
      if (st.plan) this.detach(st, changed);
    }
    for (const f of entered) {
      for (const p of f.plans) {
        p.extensions = [];
        changed.add(p);
      }
    }
    for (const st of recheck) {
      const e = st.ext.targetText !== undefined ? this.index.get(st.ext.targetText) : undefined;
      // Not complex: no declaration, or one in a unit's own block.
      const plan = e && !Array.isArray(e) ? e.plan : undefined;
      if (!plan && st.ext.targetText !== undefined) this.unresolved.add(st);
      if (plan === st.plan) continue;
      if (st.plan) this.detach(st, changed);
      st.plan = plan;
      if (plan) {
        const list = [...plan.extensions];
        let at = list.length;
        while (at > 0 && this.compareApplied(extensionState(list[at - 1]), st) > 0) at--;
        list.splice(at, 0, st.ext);
        plan.extensions = list;
        changed.add(plan);
        this.unresolved.delete(st);
      }
    }
    return changed;
  }

  private detach(st: ExtensionState, changed: Set<Plan>): void {
    const plan = st.plan!;
    plan.extensions = plan.extensions.filter((e) => e !== st.ext);
    changed.add(plan);
    st.plan = undefined;
  }

  /** A bind in passes, as `bindFiles` applies extensions: until nothing changes, an extension's own extensions joining the pass they are met in. */
  private applyInPasses(files: readonly FileSummary[], left: readonly ExtensionState[]): undefined {
    this.simple = false;
    for (const st of left) st.plan = undefined;
    const extensions: ExtendNode[] = [];
    for (const f of files) {
      for (const p of f.plans) p.extensions = [];
      for (const e of f.extensions) extensions.push(e);
      for (const e of f.store.extensions) extensionState(e).plan = undefined;
    }
    const applied: ExtendNode[] = [];
    let waiting = extensions;
    for (let progress = true; progress && waiting.length; ) {
      progress = false;
      const next: ExtendNode[] = [];
      for (let i = 0; i < waiting.length; i++) {
        const ext = waiting[i];
        const plan = ext.targetText !== undefined ? this.resolve(ext.targetText) : undefined;
        if (!plan) {
          next.push(ext);
          continue;
        }
        progress = true;
        plan.extensions.push(ext);
        const state = extensionState(ext);
        state.order = applied.length;
        state.plan = plan;
        applied.push(ext);
        for (const e of extensionSummary(ext).extensions) waiting.push(e);
      }
      waiting = next;
    }
    this.passApplied = applied;
    this.passUnresolved = waiting.filter((e) => e.target !== undefined);
    // From a project without complex extensions the passes applied them in file order: the next bind may be a delta.
    if (this.complexCount === 0 && this.nestedFiles === 0) {
      this.simple = true;
      this.unresolved.clear();
      for (const ext of this.passUnresolved) this.unresolved.add(extensionState(ext));
    }
    return undefined;
  }

  /** Whether an extension's target is declared more than once, or only by an extension. */
  private isComplex(st: ExtensionState): boolean {
    if (st.ext.targetText === undefined) return false;
    const e = this.index.get(st.ext.targetText);
    return e !== undefined && (Array.isArray(e) || e.plan === undefined);
  }

  /** The order extensions were applied in: file order after a delta bind, the passes' order otherwise. */
  private compareApplied(a: ExtensionState, b: ExtensionState): number {
    if (!this.simple) return a.order - b.order;
    return this.fileOrder.get(a.file)! - this.fileOrder.get(b.file)! || a.index - b.index;
  }

  /** The unit that declares `id` now (see the class comment), if any. */
  resolve(id: string): Plan | undefined {
    const e = this.index.get(id);
    if (!e) return undefined;
    if (!Array.isArray(e)) return e.plan ?? e.extension!.plan;
    const first = this.declarersOf(id)[0];
    return first ? (first.plan ?? first.extension!.plan) : undefined;
  }

  /** Every id that some declaration in force has, in the order `bindFiles` meets them (own blocks file by file, then extensions as applied). */
  *ids(): IterableIterator<string> {
    const seen = new Set<string>();
    for (const f of this.fileOrder.keys()) {
      for (const d of f.declarers) {
        if (!d.plan || seen.has(d.id)) continue;
        seen.add(d.id);
        yield d.id;
      }
    }
    for (const ext of this.applied()) {
      for (const decl of extensionSummary(ext).decls) {
        if (decl.idText === undefined || seen.has(decl.idText)) continue;
        seen.add(decl.idText);
        yield decl.idText;
      }
    }
  }

  /** The extensions applied now, in the order they were applied. */
  private applied(): readonly ExtendNode[] {
    if (!this.simple) return this.passApplied;
    const out: ExtendNode[] = [];
    for (const f of this.fileOrder.keys()) for (const st of f.walked) if (st.plan) out.push(st.ext);
    return out;
  }

  /** The declarations of `id` in force (own blocks, applied extensions), the one that counts first. */
  private declarersOf(id: string): Declarer[] {
    const e = this.index.get(id);
    const all = !e ? [] : Array.isArray(e) ? e : [e];
    const live = all.filter((d) => d.plan !== undefined || d.extension!.plan !== undefined);
    return live.sort((a, b) => {
      if (a.plan && b.plan) return this.fileOrder.get(a.plan.file)! - this.fileOrder.get(b.plan.file)! || a.pos - b.pos;
      if (a.plan || b.plan) return a.plan ? -1 : 1;
      return this.compareApplied(a.extension!, b.extension!) || a.pos - b.pos;
    });
  }

  private add(d: Declarer): void {
    const e = this.index.get(d.id);
    if (!e) this.index.set(d.id, d);
    else {
      this.index.set(d.id, Array.isArray(e) ? [...e, d] : [e, d]);
      this.repeated.add(d.id);
    }
  }

  private remove(d: Declarer): void {
    const e = this.index.get(d.id);
    if (!e) return;
    if (!Array.isArray(e)) {
      if (e === d) this.index.delete(d.id);
      return;
    }
    const rest = e.filter((x) => x !== d);
    if (rest.length === 1) {
      this.index.set(d.id, rest[0]);
      this.repeated.delete(d.id);
    } else this.index.set(d.id, rest);
  }
}

function bindUnit(plan: Plan): InternalUnit {
  const nodes: ModelNode[] = [];
  const linkRefs: { store: SyntaxStore; index: number }[] = [];
  const facts: BindFacts = { topLevelProperties: [], unknownProperties: [], invalidValues: [], repeatedProperties: [], duplicateIds: [], unknownExtensions: [] };
  // Only the ids the unit's extensions target are looked up while binding it (each the first node
  // with that id, in walk order); the unit's whole id map is made when something asks for it.
  const targets = new Map<string, ModelNode>();
  const wanted = plan.extensions.length ? new Set(plan.extensions.map((e) => e.targetText!)) : NO_TARGETS;
  // The extensions the walks meet were planned already (ProjectBinder.bind): not collected again.
  const walker = new Walker(nodes, targets, linkRefs, [], facts, wanted);
  const [root] = walker.walk(plan.store, plan.ref, 1, undefined);
  const mainLinks = linkRefs.length;
  const extensionLinkEnds: number[] = [];
  for (const ext of plan.extensions) {
    walker.extensions = [];
    // The target is the unit's first node with that id: the project's first, as planned.
    extendNode(targets.get(ext.targetText!)!, ext, walker);
    extensionLinkEnds.push(linkRefs.length);
  }
  const ordered = plan.extensions.length ? preOrder([root], nodes.length) : nodes;
  const kernels: Kernel[] = [];
  const byKind = newByKind();
  finishNodes(ordered, kernels, byKind);
  // The project's id map replaces `byId` as soon as the bind is done (ProjectBinder.bind).
  const model: Model = { nodes: ordered, roots: [root], byKind, byId: targets, links: [], tenants: NO_TENANTS, kernels };
  return new UnitResult(root, plan.decl, plan.extensions, model, { ...facts, duplicateIds: [], unknownExtensions: [] }, nodes, linkRefs, mainLinks, extensionLinkEnds);
}

const NO_TARGETS: ReadonlySet<string> = new Set();
const NO_TENANTS: Model['tenants'] = new Map();

class UnitResult implements InternalUnit {
  checked?: BoundUnit['checked'];
  private ids: Map<string, ModelNode> | undefined = undefined;

  constructor(
    readonly root: ModelNode,
    readonly decl: DeclNode,
    readonly extensions: readonly ExtendNode[],
    readonly model: Model,
    readonly facts: BindFacts,
    /** The unit's nodes in the order the walks made them (its own block, then each extension's). */
    private readonly walked: readonly ModelNode[],
    readonly linkRefs: readonly { store: SyntaxStore; index: number }[],
    readonly mainLinks: number,
    readonly extensionLinkEnds: readonly number[],
  ) {}

  /** The unit's first node of each id, in walk order; made on first use. */
  get byId(): ReadonlyMap<string, ModelNode> {
    if (!this.ids) {
      this.ids = new Map();
      for (const n of this.walked) if (n.id !== undefined && !this.ids.has(n.id)) this.ids.set(n.id, n);
    }
    return this.ids;
  }
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function append<T>(to: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}

/** The project's model: the units' lists, put together when first read. */
class ProjectModel implements Model {
  private all: { nodes: ModelNode[]; kernels: Kernel[]; byKind: Map<Kind, ModelNode[]> } | undefined;
  readonly roots: readonly ModelNode[];

  constructor(
    private readonly units: readonly BoundUnit[],
    readonly byId: ReadonlyMap<string, ModelNode>,
    readonly links: readonly ResolvedLink[],
    readonly tenants: Model['tenants'],
  ) {
    this.roots = units.map((u) => u.root);
  }

  private lists(): { nodes: ModelNode[]; kernels: Kernel[]; byKind: Map<Kind, ModelNode[]> } {
    if (this.all) return this.all;
    const nodes: ModelNode[] = [];
    const kernels: Kernel[] = [];
    const byKind = newByKind();
    for (const u of this.units) {
      append(nodes, u.model.nodes);
      append(kernels, u.model.kernels);
      for (const [kind, list] of u.model.byKind) if (list.length) append(byKind.get(kind)!, list);
    }
    return (this.all = { nodes, kernels, byKind });
  }
  get nodes(): readonly ModelNode[] {
    return this.lists().nodes;
  }
  get kernels(): readonly Kernel[] {
    return this.lists().kernels;
  }
  get byKind(): ReadonlyMap<Kind, readonly ModelNode[]> {
    return this.lists().byKind;
  }
}

/** The project's facts: those of its units put together when first read, and those across units. */
class ProjectFacts implements BindFacts {
  private all: Pick<BindFacts, 'unknownProperties' | 'invalidValues' | 'repeatedProperties'> | undefined;

  constructor(
    private readonly units: readonly BoundUnit[],
    readonly topLevelProperties: BindFacts['topLevelProperties'],
    readonly duplicateIds: BindFacts['duplicateIds'],
    readonly unknownExtensions: BindFacts['unknownExtensions'],
  ) {}

  private lists(): Pick<BindFacts, 'unknownProperties' | 'invalidValues' | 'repeatedProperties'> {
    return (this.all ??= {
      unknownProperties: this.units.flatMap((u) => u.facts.unknownProperties),
      invalidValues: this.units.flatMap((u) => u.facts.invalidValues),
      repeatedProperties: this.units.flatMap((u) => u.facts.repeatedProperties),
    });
  }
  get unknownProperties(): BindFacts['unknownProperties'] {
    return this.lists().unknownProperties;
  }
  get invalidValues(): BindFacts['invalidValues'] {
    return this.lists().invalidValues;
  }
  get repeatedProperties(): BindFacts['repeatedProperties'] {
    return this.lists().repeatedProperties;
  }
}

/**
 * The project's nodes by id, looked up through the binder's id index and the unit of each id. It
 * answers for the bind that made it; once the binder has bound again (an older analysis asked
 * later), it answers from that analysis's own nodes (the first of each id in document order).
 */
class ProjectIds implements ReadonlyMap<string, ModelNode> {
  private frozen: Map<string, ModelNode> | undefined;
  model: Model | undefined;

  constructor(
    private readonly binder: ProjectBinder,
    private readonly bind: number,
  ) {}

  private stale(): Map<string, ModelNode> | undefined {
    if (this.binder.currentBind === this.bind) return undefined;
    if (!this.frozen) {
      this.frozen = new Map();
      for (const n of this.model?.nodes ?? []) if (n.id !== undefined && !this.frozen.has(n.id)) this.frozen.set(n.id, n);
    }
    return this.frozen;
  }
  get(id: string): ModelNode | undefined {
    const old = this.stale();
    if (old) return old.get(id);
    return this.binder.resolve(id)?.unit!.byId.get(id);
  }
  has(id: string): boolean {
    const old = this.stale();
    return old ? old.has(id) : this.binder.resolve(id) !== undefined;
  }
  get size(): number {
    let n = 0;
    for (const _ of this.keys()) n++;
    return n;
  }
  *entries(): IterableIterator<[string, ModelNode]> {
    for (const id of this.keys()) yield [id, this.get(id)!];
  }
  keys(): IterableIterator<string> {
    const old = this.stale();
    return old ? old.keys() : this.binder.ids();
  }
  *values(): IterableIterator<ModelNode> {
    for (const id of this.keys()) yield this.get(id)!;
  }
  forEach(fn: (value: ModelNode, key: string, map: ReadonlyMap<string, ModelNode>) => void): void {
    for (const [id, node] of this.entries()) fn(node, id, this);
  }
  [Symbol.iterator](): IterableIterator<[string, ModelNode]> {
    return this.entries();
  }
}
