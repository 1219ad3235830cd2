// The diff picture model: the union of two versions of a model as ONE tree, each node marked
// with what the change did to it, so a renderer lays it out once and unchanged boxes keep their
// places. Added nodes sit where the head has them; removed ones stay where the base had them
// (after the sibling that preceded them there); a moved node sits at its new place and leaves a
// ghost at its old one. Findings introduced and resolved, and kernels newly shared by tenants,
// are attached to the node they concern. By default only what changed is shown: the changed
// nodes, their ancestors and one hop around them (their children and the nodes linked to them);
// the rest is counted, per parent, as hidden. Pure and deterministic: every order is document
// order, so the same two texts give the same picture.
import type { Analysis } from '../index';
import type { Kind } from '../syntax/ast';
import type { ModelNode, ResolvedLink } from '../model/model';
import { type ArchitectureDiff, type DiffFinding, type KernelShare, type PropertyChange } from './diff';

/** What the change did to a node. `ghost` is the old place of a moved node. */
export type Mark = 'added' | 'removed' | 'moved' | 'changed' | 'ghost' | 'unchanged';

/**
 * The text mark of each kind of change, shown beside its colour so it survives greyscale and
 * stripped styles. (`−` is U+2212, the minus sign.)
 */
export const MARK_SYMBOL: Readonly<Record<Mark, string>> = { added: '+', removed: '\u2212', moved: '\u2192', changed: '~', ghost: '\u21E0', unchanged: '' };

/** The word for each mark, for legends, titles and screen readers. */
export const MARK_WORD: Readonly<Record<Mark, string>> = { added: 'added', removed: 'removed', moved: 'moved', changed: 'changed', ghost: 'old place', unchanged: 'unchanged' };

/** How a kernel's sharing changed: tenants newly share it, more tenants joined, or it is no longer shared. */
export type ShareChange = 'newly shared' | 'more tenants' | 'no longer shared';

export interface PictureNode {
  /** Index in `DiffPicture.nodes` (pre-order of the union). */
  readonly index: number;
  /** The node as the head has it (the base's, for removed nodes and ghosts). */
  readonly node: ModelNode;
  readonly mark: Mark;
  /** Moved nodes: the enclosing ids before, outermost first. Ghosts: the enclosing ids after. */
  readonly path?: readonly string[];
  /** Value changes of its properties (written differently but equal values are left out). */
  readonly changes: readonly PropertyChange[];
  readonly introduced: readonly DiffFinding[];
  readonly resolved: readonly DiffFinding[];
  /** Set on the owner of a kernel whose tenants changed. */
  readonly share?: { readonly change: ShareChange; readonly kernel: KernelShare };
  readonly parent: PictureNode | undefined;
  readonly children: readonly PictureNode[];
  /** Drawn (not folded away)? */
  readonly visible: boolean;
  /** For a visible node: its children (and all below them) that are hidden, counted by kind. */
  readonly hidden: ReadonlyMap<Kind, number>;
  /** Sum of `hidden`. */
  readonly hiddenCount: number;
}

export type LinkMark = 'added' | 'removed' | 'unchanged';

export interface PictureLink {
  /** The link as its version declares it (the base's, for a removed link). */
  readonly link: ResolvedLink;
  readonly from: PictureNode;
  readonly to: PictureNode;
  readonly label: string | undefined;
  readonly mark: LinkMark;
}

export interface DiffPicture {
  readonly diff: ArchitectureDiff;
  readonly base: Analysis;
  readonly head: Analysis;
  /** Every node of the union in pre-order (tenant declarations left out). */
  readonly nodes: readonly PictureNode[];
  readonly roots: readonly PictureNode[];
  /** Links whose two ends are visible. */
  readonly links: readonly PictureLink[];
  /** Whether the unchanged parts are folded (false with `full`, or when nothing changed). */
  readonly folded: boolean;
  /** Nodes not drawn. */
  readonly hiddenCount: number;
  /** Hidden top-level nodes and all below them (no visible parent to count them on), by kind. */
  readonly hiddenTop: ReadonlyMap<Kind, number>;
  /** The marks that occur among the visible nodes, in legend order. */
  readonly marks: readonly Mark[];
  /** Findings not tied to a node: introduced and resolved. */
  readonly looseIntroduced: readonly DiffFinding[];
  readonly looseResolved: readonly DiffFinding[];
}

export interface PictureOptions {
  /** Draw every node, not only what changed and what is around it. */
  readonly full?: boolean;
}

interface Draft {
  index: number;
  node: ModelNode;
  mark: Mark;
  path?: string[];
  changes: PropertyChange[];
  introduced: DiffFinding[];
  resolved: DiffFinding[];
  share?: { change: ShareChange; kernel: KernelShare };
  parent: Draft | undefined;
  children: Draft[];
  visible: boolean;
  hidden: Map<Kind, number>;
  hiddenCount: number;
}

const LEGEND_ORDER: readonly Mark[] = ['added', 'removed', 'moved', 'ghost', 'changed'];

/** The ids of a node's ancestors, outermost first (the kind in brackets for a node without id). */
export function idPath(n: ModelNode): string[] {
  const out: string[] = [];
  for (let p = n.parent; p; p = p.parent) out.push(p.id ?? `(${p.kind})`);
  return out.reverse();
}

/** Build the picture of `diff` (computed from `base` and `head` by `diffAnalyses`). */
export function buildDiffPicture(base: Analysis, head: Analysis, diff: ArchitectureDiff, options: PictureOptions = {}): DiffPicture {
  const headById = head.model.byId;
  const baseById = base.model.byId;
  const changesById = new Map<string, PropertyChange[]>();
  for (const p of diff.properties) {
    if (p.sameValue) continue;
    const list = changesById.get(p.id);
    if (list) list.push(p);
    else changesById.set(p.id, [p]);
  }
  const movedIds = new Set(diff.nodes.moved.map((m) => m.id));

  // Head nodes, in pre-order, with their marks.
  const draftOf = new Map<ModelNode, Draft>(); // head or base node → its draft (not ghosts)
  const roots: Draft[] = [];
  const make = (node: ModelNode, mark: Mark, parent: Draft | undefined): Draft => ({
    index: -1,
    node,
    mark,
    changes: [],
    introduced: [],
    resolved: [],
    parent,
    children: [],
    visible: true,
    hidden: new Map(),
    hiddenCount: 0,
  });
  for (const h of head.model.nodes) {
    if (h.kind === 'tenant') continue;
    const parent = h.parent ? draftOf.get(h.parent) : undefined;
    // `id` is read once: on a large file each read of a node's id builds it from the text.
    const id = h.id;
    const first = id !== undefined && headById.get(id) === h;
    const found = first ? baseById.get(id) : undefined;
    const b = found && found.kind === h.kind ? found : undefined;
    let mark: Mark = 'unchanged';
    if (first) {
      if (!b) mark = 'added';
      else if (movedIds.has(id)) mark = 'moved';
      else if (changesById.has(id)) mark = 'changed';
    }
    const d = make(h, mark, parent);
    if (mark === 'moved' && b) d.path = idPath(b);
    if (b) d.changes = changesById.get(id!) ?? [];
    draftOf.set(h, d);
    if (b) draftOf.set(b, d);
    (parent ? parent.children : roots).push(d);
  }

  // Removed nodes and the ghosts of moved ones, at their place in the base.
  const placeInBase = (b: ModelNode, d: Draft) => {
    const parent = b.parent ? draftOf.get(b.parent) : undefined;
    d.parent = parent;
    const list = parent ? parent.children : roots;
    // After the union node of the nearest preceding base sibling that sits in the same list.
    const siblings = b.parent ? b.parent.children : base.model.roots;
    let at = 0;
    for (let i = siblings.indexOf(b) - 1; i >= 0; i--) {
      const prev = siblings[i] === b ? undefined : draftOf.get(siblings[i]);
      const ghost = ghostOf.get(siblings[i]);
      const j = ghost && ghost.parent === parent ? list.indexOf(ghost) : prev && prev.parent === parent ? list.indexOf(prev) : -1;
      if (j >= 0) {
        at = j + 1;
        break;
      }
    }
    list.splice(at, 0, d);
  };
  const ghostOf = new Map<ModelNode, Draft>();
  for (const b of base.model.nodes) {
    if (b.kind === 'tenant' || b.id === undefined || baseById.get(b.id) !== b) continue;
    const h = headById.get(b.id);
    if (!h || h.kind !== b.kind) {
      const d = make(b, 'removed', undefined);
      draftOf.set(b, d);
      placeInBase(b, d);
    } else if (movedIds.has(b.id)) {
      const d = make(b, 'ghost', undefined);
      d.path = idPath(h);
      ghostOf.set(b, d);
      // The ghost's place: draftOf(b) is the moved node itself, so place by the base parent.
      placeInBase(b, d);
    }
  }

  // Findings and kernel sharing, on the node they concern.
  const byId = (id: string | undefined): Draft | undefined => {
    if (id === undefined) return undefined;
    const h = headById.get(id);
    if (h && draftOf.has(h)) return draftOf.get(h);
    const b = baseById.get(id);
    return b ? draftOf.get(b) : undefined;
  };
  const looseIntroduced: DiffFinding[] = [];
  const looseResolved: DiffFinding[] = [];
  for (const f of diff.findings.introduced) {
    const h = f.nodeId !== undefined ? headById.get(f.nodeId) : undefined;
    const d = h ? draftOf.get(h) : undefined;
    if (d) d.introduced.push(f);
    else looseIntroduced.push(f);
  }
  for (const f of diff.findings.resolved) {
    const d = byId(f.nodeId);
    if (d) d.resolved.push(f);
    else looseResolved.push(f);
  }
  const ownerOf = (a: Analysis, key: string) => a.model.kernels.find((k) => k.key === key)?.owner;
  const share = (a: Analysis, list: readonly KernelShare[], change: ShareChange) => {
    for (const k of list) {
      const owner = ownerOf(a, k.kernel);
      const d = owner ? draftOf.get(owner) : undefined;
      if (d && !d.share) d.share = { change, kernel: k };
    }
  };
  share(head, diff.stats.newlyShared, 'newly shared');
  share(head, diff.stats.moreTenants, 'more tenants');
  share(base, diff.stats.noLongerShared, 'no longer shared');

  // Pre-order of the union (explicit stack: any depth).
  const order: Draft[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const d = stack.pop()!;
    d.index = order.length;
    order.push(d);
    for (let i = d.children.length - 1; i >= 0; i--) stack.push(d.children[i]);
  }

  // Links: the head's, and the base's that are gone.
  const links: { link: ResolvedLink; from: Draft; to: Draft; label: string | undefined; mark: LinkMark }[] = [];
  const removedLinks = new Map<string, number>();
  for (const l of diff.links.removed) removedLinks.set(linkKey(l.from, l.to, l.label), (removedLinks.get(linkKey(l.from, l.to, l.label)) ?? 0) + 1);
  const addedLinks = new Map<string, number>();
  for (const l of diff.links.added) addedLinks.set(linkKey(l.from, l.to, l.label), (addedLinks.get(linkKey(l.from, l.to, l.label)) ?? 0) + 1);
  const take = (m: Map<string, number>, k: string) => {
    const n = m.get(k) ?? 0;
    if (n > 0) m.set(k, n - 1);
    return n > 0;
  };
  for (const l of head.model.links) {
    const from = l.from ? draftOf.get(l.from) : undefined;
    const to = l.to ? draftOf.get(l.to) : undefined;
    if (!from || !to) continue;
    links.push({ link: l, from, to, label: l.label, mark: take(addedLinks, linkKey(l.decl.from.text, l.decl.to?.text ?? '', l.label)) ? 'added' : 'unchanged' });
  }
  for (const l of base.model.links) {
    if (!take(removedLinks, linkKey(l.decl.from.text, l.decl.to?.text ?? '', l.label))) continue;
    const from = l.from ? byId(l.from.id) : undefined;
    const to = l.to ? byId(l.to.id) : undefined;
    if (from && to) links.push({ link: l, from, to, label: l.label, mark: 'removed' });
  }

  // What is shown: the changed nodes, their ancestors, their children and the nodes linked to them.
  const interesting = (d: Draft) => d.mark !== 'unchanged' || d.introduced.length > 0 || d.resolved.length > 0 || d.share !== undefined;
  const anyChange = order.some(interesting) || links.some((l) => l.mark !== 'unchanged');
  const folded = options.full !== true && anyChange;
  const hiddenTop = new Map<Kind, number>();
  if (folded) {
    for (const d of order) d.visible = false;
    const show = (d: Draft | undefined) => {
      for (let p = d; p && !p.visible; p = p.parent) p.visible = true;
    };
    for (const d of order) {
      if (!interesting(d)) continue;
      show(d);
      for (const c of d.children) show(c);
    }
    // A kernel whose tenants changed: show the workloads that bring a tenant onto it (who shares it).
    for (const d of order) {
      if (!d.share) continue;
      const a = d.share.change === 'no longer shared' ? base : head;
      const k = a.model.kernels.find((x) => x.key === d.share!.kernel.kernel);
      for (const w of k?.workloads ?? []) if (w.tenant !== undefined && w.tenantFrom === w) show(draftOf.get(w));
    }
    for (const l of links) {
      if (l.mark !== 'unchanged' || interesting(l.from) || interesting(l.to)) {
        show(l.from);
        show(l.to);
      }
    }
    // A "… 1 unchanged node" box would take the room of the node itself: show the node instead.
    for (const d of order) {
      if (!d.visible) continue;
      const hidden = d.children.filter((c) => !c.visible);
      if (hidden.length === 1 && hidden[0].children.length === 0) hidden[0].visible = true;
    }
    // Hidden nodes are counted on their nearest visible ancestor (reverse pre-order: children first).
    const below = new Map<Draft, Map<Kind, number>>();
    for (let i = order.length - 1; i >= 0; i--) {
      const d = order[i];
      if (d.visible) continue;
      const counts = below.get(d) ?? new Map<Kind, number>();
      counts.set(d.node.kind, (counts.get(d.node.kind) ?? 0) + 1);
      const p = d.parent;
      if (p && !p.visible) {
        const pc = below.get(p) ?? below.set(p, new Map()).get(p)!;
        for (const [k, n] of counts) pc.set(k, (pc.get(k) ?? 0) + n);
      } else {
        const into = p ? p.hidden : hiddenTop;
        for (const [k, n] of counts) into.set(k, (into.get(k) ?? 0) + n);
      }
      below.delete(d);
    }
  }
  let hiddenCount = 0;
  for (const d of order) {
    let s = 0;
    for (const n of d.hidden.values()) s += n;
    d.hiddenCount = s;
    hiddenCount += d.visible ? 0 : 1;
  }
  const present = new Set(order.filter((d) => d.visible).map((d) => d.mark));
  return {
    diff,
    base,
    head,
    nodes: order,
    roots,
    links: links.filter((l) => l.from.visible && l.to.visible),
    folded,
    hiddenCount,
    hiddenTop,
    marks: LEGEND_ORDER.filter((m) => present.has(m)),
    looseIntroduced,
    looseResolved,
  };
}


function linkKey(from: string, to: string, label: string | undefined): string {
  return `${from}\0${to}\0${label ?? ''}`;
}
