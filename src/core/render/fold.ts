// Folding for the layered SVG: which nodes are drawn as a "+N …" summary instead of their
// content. The user's folds (collapsed ids) always apply; past `maxNodes` the largest engines,
// then VMs, hypervisors, hosts and groups, then any other node with content are folded until the
// picture fits, never the ones the user expanded. When even that is too many (200,000 hosts side
// by side), the top level is folded too: the first top-level nodes that fit are drawn and the
// rest become one summary, so output and memory stay bounded for any model. Pure; linear per
// tier apart from one sort of that tier's candidates.
import type { Model, ModelNode } from '../model/model';
import type { Kind } from '../syntax/ast';
import { countOfKind } from './labels';
import { formatCount } from './text';

export const DEFAULT_MAX_NODES = 2000;

export interface FoldOptions {
  /** Ids of nodes whose content is drawn folded. */
  readonly collapsed?: Iterable<string>;
  /** Ids of nodes never folded automatically (nodes in `collapsed` stay folded). */
  readonly expanded?: ReadonlySet<string>;
  /** At most this many nodes are drawn (default DEFAULT_MAX_NODES). */
  readonly maxNodes?: number;
}

export interface Folds {
  /** The nodes whose content is drawn as one summary box. */
  readonly folded: ReadonlySet<ModelNode>;
  /**
   * How many top-level nodes (tenants not counted) are drawn, in order; the rest are one summary.
   * Infinity when all are drawn.
   */
  readonly topLevelShown: number;
  /** A note for the picture's header when nodes were folded automatically. */
  readonly note: string | undefined;
}

/** Decide which nodes are folded. `drawable` is how many nodes the picture has (tenants not counted). */
export function planFolds(model: Model, drawable: number, options: FoldOptions): Folds {
  const maxNodes = options.maxNodes !== undefined && options.maxNodes >= 1 ? options.maxNodes : DEFAULT_MAX_NODES;
  const folded = new Set<ModelNode>();
  for (const id of options.collapsed ?? []) {
    const n = model.byId.get(id);
    if (n && n.children.length > 0) folded.add(n);
  }
  const autoFolded = autoFold(model.nodes, folded, maxNodes, options.expanded);
  const topLevelShown = autoFolded.total > maxNodes ? topLevelThatFits(model.nodes, autoFolded.below, maxNodes) : Infinity;
  const parts: string[] = [];
  if (autoFolded.count > 0) parts.push(`The content of ${autoFolded.what} is folded into summaries (dashed boxes).`);
  if (topLevelShown !== Infinity) {
    const top = model.roots.reduce((n, r) => n + (r.kind === 'tenant' ? 0 : 1), 0);
    parts.push(`Only the first ${formatCount(topLevelShown)} of ${formatCount(top)} top-level nodes are drawn; the other ${formatCount(top - topLevelShown)} are one summary.`);
  }
  const note = parts.length > 0 ? `Large model: ${formatCount(drawable)} nodes, more than the ${formatCount(maxNodes)} drawn at once. ${parts.join(' ')}` : undefined;
  return { folded, topLevelShown, note };
}

/** How many top-level nodes fit in `max` drawn nodes, with one left for the summary of the rest. */
function topLevelThatFits(nodes: readonly ModelNode[], below: Int32Array, max: number): number {
  let used = 1;
  let shown = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.parent !== undefined || n.kind === 'tenant') continue;
    if (used + 1 + below[i] > max) break;
    used += 1 + below[i];
    shown++;
  }
  return shown;
}

interface FoldResult {
  readonly count: number;
  readonly what: string;
  /** Nodes drawn after folding, and per node (pre-order index) how many are drawn below it. */
  readonly total: number;
  readonly below: Int32Array;
}

/** The kinds folded first, largest first within each; then (undefined) any node with content. */
const FOLD_TIERS: readonly (Kind | undefined)[] = ['engine', 'vm', 'hypervisor', 'host', 'group', undefined];

/**
 * Fold the largest engines, then VMs, hypervisors, hosts and groups until at most `max` nodes
 * are drawn (each summary counts as one). Adds to `folded`; returns what it folded. Linear per
 * tier apart from one sort of that tier's candidates.
 */
function autoFold(nodes: readonly ModelNode[], folded: Set<ModelNode>, max: number, expanded: ReadonlySet<string> | undefined): FoldResult {
  const index = new Map<ModelNode, number>();
  for (let i = 0; i < nodes.length; i++) index.set(nodes[i], i);
  const visibleCount = (): { total: number; below: Int32Array } => {
    // below[i]: visible nodes strictly below node i, given the current folds.
    const below = new Int32Array(nodes.length);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      if (n.kind === 'tenant') continue;
      let s = 0;
      for (const c of n.children) if (c.kind !== 'tenant') s += 1 + below[index.get(c)!];
      below[i] = folded.has(n) && n.children.length > 0 ? 1 : s;
    }
    let total = 0;
    for (const r of nodes) if (r.parent === undefined && r.kind !== 'tenant') total += 1 + below[index.get(r)!];
    return { total, below };
  };
  let { total, below } = visibleCount();
  if (total <= max) return { count: 0, what: '', total, below };
  const counts = new Map<Kind, number>();
  let count = 0;
  for (const tier of FOLD_TIERS) {
    if (total <= max) break;
    const candidates: number[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if ((tier === undefined || n.kind === tier) && below[i] > 1 && !folded.has(n) && !(n.id !== undefined && expanded?.has(n.id))) candidates.push(i);
    }
    candidates.sort((a, b) => below[b] - below[a] || a - b);
    // Largest first; once enough is folded, fold the ones as large as the last too, so equal
    // siblings look alike (never half of a row of identical VMs folded).
    let last = -1;
    for (const i of candidates) {
      if (total <= max && below[i] !== last) break;
      const n = nodes[i];
      let hidden = false;
      for (let p = n.parent; p && !hidden; p = p.parent) hidden = folded.has(p);
      if (hidden) continue;
      folded.add(n);
      total -= below[i] - 1;
      last = below[i];
      count++;
      counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
    }
    ({ total, below } = visibleCount());
  }
  const what = [...counts].map(([k, n]) => countOfKind(n, k)).join(', ');
  return { count, what, total, below };
}
