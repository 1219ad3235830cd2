// The semantic architecture diff of two versions of a model: which nodes were added, removed or
// moved (same id, another parent), which properties changed (as written, units and all), which
// links came and went, which findings a change introduces or resolves, and what it does to the
// numbers a reviewer cares about (kernels, OS instances, guest-OS overhead, allocation, tenants
// sharing a kernel). Nodes are matched by id; a rename is a removal plus an addition, and pairs
// that look like one are listed as possible renames. Pure: text in, plain JSON-safe data out.
import { type Analysis, type AnalyzeOptions, analyze } from '../index';
import type { Severity } from '../diagnostics';
import type { Kind } from '../syntax/ast';
import type { Kernel, ModelNode } from '../model/model';
import { describeKernel, nodeFile } from '../model/queries';
import { type HeadlineTotals, headlineTotals } from '../analysis/stats';
import type { Sum } from '../analysis/figures';
import { formatSum } from '../analysis/format';

/** The version of the JSON shape; bumped on any incompatible change. */
export const DIFF_VERSION = 1;

/** A node as the diff reports it. */
export interface DiffNode {
  readonly id: string;
  readonly kind: Kind;
  readonly label?: string;
  /** Ids of the enclosing nodes, outermost first (empty at the top of the file). */
  readonly path: readonly string[];
  /** One-based line of the declaration (in the head for added nodes, in the base for removed ones). */
  readonly line: number;
  /** In a project diff: the file the line is in. */
  readonly file?: string;
}

export interface MovedNode {
  readonly id: string;
  readonly kind: Kind;
  /** Enclosing ids before and after, outermost first. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Nodes inside it that moved along (not listed on their own). */
  readonly carried: number;
  /** One-based line in the head. */
  readonly line: number;
  /** In a project diff: the file the line is in. */
  readonly file?: string;
}

/** Two nodes of the same kind, one removed and one added, that look like a rename. */
export interface PossibleRename {
  readonly kind: Kind;
  readonly from: string;
  readonly to: string;
  /** Why they look alike. */
  readonly reason: 'same place and properties' | 'same children';
}

export interface PropertyChange {
  readonly id: string;
  readonly kind: Kind;
  /** The property key; `(label)` for the quoted label after the id. */
  readonly key: string;
  /** The value as written (units and quotes as in the source); absent when the property was added / removed. */
  readonly before?: string;
  readonly after?: string;
  /** Written differently but the same value (e.g. `1GiB` → `1024MiB`). */
  readonly sameValue?: true;
  /** One-based line (head, or base when removed). */
  readonly line: number;
  /** In a project diff: the file the line is in. */
  readonly file?: string;
}

export interface DiffLink {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly line: number;
  /** In a project diff: the file the line is in. */
  readonly file?: string;
}

export interface DiffFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly nodeId?: string;
  /** One-based line (head for introduced findings, base for resolved ones). */
  readonly line: number;
  /** In a project diff: the file the line is in. */
  readonly file?: string;
}

export interface Delta {
  readonly before: number;
  readonly after: number;
}

/** A sum of sourced figures before and after, with its readable form ("≥ 2 GiB"). */
export interface SumDelta extends Delta {
  readonly unit: 'bytes' | 'ms';
  readonly beforeText: string;
  readonly afterText: string;
}

/** A kernel shared by several tenants. */
export interface KernelShare {
  /** The kernel's key, e.g. `guest:node1`. */
  readonly kernel: string;
  /** "the guest kernel of vm 'node1' (ubuntu-22.04)". */
  readonly description: string;
  /** Its tenants (head; base for kernels no longer shared). */
  readonly tenants: readonly string[];
  /** Tenants on it now that were not before (all of them for a new kernel). */
  readonly newTenants: readonly string[];
}

export interface StatsDelta {
  readonly hosts: Delta;
  readonly vms: Delta;
  readonly containers: Delta;
  readonly apps: Delta;
  readonly kernels: Delta & { readonly host: Delta; readonly guest: Delta; readonly sandbox: Delta; readonly microvm: Delta };
  readonly osInstances: Delta;
  readonly guestOsMemory: SumDelta;
  readonly guestOsDisk: SumDelta;
  readonly hypervisorOverhead: SumDelta;
  /** Cores and bytes allocated to VMs, containers and apps, and the hosts' capacity. */
  readonly cpuAllocated: Delta;
  readonly memoryAllocated: Delta;
  readonly cpuCapacity: Delta;
  readonly memoryCapacity: Delta;
  /** Number of kernels shared by more than one tenant. */
  readonly sharedKernels: Delta;
  readonly newlyShared: readonly KernelShare[];
  /** Kernels already shared that gained tenants. */
  readonly moreTenants: readonly KernelShare[];
  readonly noLongerShared: readonly KernelShare[];
}

export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface ArchitectureDiff {
  readonly version: typeof DIFF_VERSION;
  /** Whether the architecture changed at all: nodes, links, or a property's value (not only how it is written). */
  readonly changed: boolean;
  readonly nodes: {
    readonly added: readonly DiffNode[];
    readonly removed: readonly DiffNode[];
    readonly moved: readonly MovedNode[];
    readonly possibleRenames: readonly PossibleRename[];
  };
  readonly properties: readonly PropertyChange[];
  readonly links: { readonly added: readonly DiffLink[]; readonly removed: readonly DiffLink[] };
  readonly findings: {
    readonly introduced: readonly DiffFinding[];
    readonly resolved: readonly DiffFinding[];
    /** Findings in both versions. */
    readonly unchanged: number;
    readonly before: FindingCounts;
    readonly after: FindingCounts;
  };
  readonly stats: StatsDelta;
}

export interface DiffOptions extends AnalyzeOptions {}

/** Diff two versions of a model's text (analysed with `options`). Never throws. */
export function diffTexts(base: string, head: string, options: DiffOptions = {}): ArchitectureDiff {
  return diffAnalyses(analyze(base, options), analyze(head, options));
}

/** Diff two analysed versions of a model. */
export function diffAnalyses(base: Analysis, head: Analysis): ArchitectureDiff {
  const baseNodes = base.model.byId;
  const headNodes = head.model.byId;

  const added: DiffNode[] = [];
  const removed: DiffNode[] = [];
  const moved: MovedNode[] = [];
  const properties: PropertyChange[] = [];
  const movedIds = new Set<string>();

  for (const [id, h] of headNodes) {
    const b = baseNodes.get(id);
    if (!b || b.kind !== h.kind) {
      added.push(diffNode(head, h));
      continue;
    }
    const parentBefore = b.parent?.id;
    const parentAfter = h.parent?.id;
    if (parentBefore !== parentAfter) {
      moved.push({ id, kind: h.kind, from: pathOf(b), to: pathOf(h), carried: 0, ...place(head, declAt(h)) });
      movedIds.add(id);
    }
    const changes = propertyChanges(base, b, head, h);
    if (changes.length) properties.push(...changes);
  }
  for (const [id, b] of baseNodes) {
    const h = headNodes.get(id);
    if (!h || h.kind !== b.kind) removed.push(diffNode(base, b));
  }
  // Count the nodes carried along by each move (nodes whose own parent is unchanged).
  if (moved.length) {
    const carried = new Map<string, number>();
    for (const [id, h] of headNodes) {
      const b = baseNodes.get(id);
      if (!b || b.kind !== h.kind || movedIds.has(id) || pathOf(b).join('\0') === pathOf(h).join('\0')) continue;
      for (let p = h.parent; p; p = p.parent) {
        if (p.id !== undefined && movedIds.has(p.id)) {
          carried.set(p.id, (carried.get(p.id) ?? 0) + 1);
          break;
        }
      }
    }
    for (let i = 0; i < moved.length; i++) moved[i] = { ...moved[i], carried: carried.get(moved[i].id) ?? 0 };
  }

  const links = diffLinks(base, head);
  const findings = diffFindings(base, head);
  const stats = diffStats(base, head, headlineTotals(base), headlineTotals(head));
  return {
    version: DIFF_VERSION,
    changed: added.length + removed.length + moved.length + properties.filter((p) => !p.sameValue).length + links.added.length + links.removed.length > 0,
    nodes: { added, removed, moved, possibleRenames: possibleRenames(base, head, removed, added, baseNodes, headNodes) },
    properties,
    links,
    findings,
    stats,
  };
}

/**
 * Where a span is in a model that may span files (core/project): its 1-based line in its own
 * file, the file's name (only for a project), and the text it covers.
 */
function place(a: Analysis, span: { start: number; end?: number; file?: string }): { line: number; file?: string } {
  const own = span.file !== undefined && a.project ? (a.project.fileAnalysis(span.file) ?? a) : a;
  return { line: own.lines.positionAt(span.start).line + 1, ...(span.file !== undefined && a.project ? { file: span.file } : {}) };
}

function sliceOf(a: Analysis, span: { start: number; end: number; file?: string }): string {
  const text = span.file !== undefined && a.project ? (a.project.textOf(span.file) ?? a.text) : a.text;
  return text.slice(span.start, span.end);
}

/** Where a node is declared: its 1-based line and, in a project, its file (as the analysis names it). */
export function nodePlace(a: Analysis, n: ModelNode): { line: number; file?: string } {
  return place(a, declAt(n));
}

/** A node's declaration as a span with its file. */
function declAt(n: ModelNode): { start: number; file?: string } {
  const file = nodeFile(n);
  return file !== undefined ? { start: n.decl.start, file } : { start: n.decl.start };
}

function pathOf(n: ModelNode): string[] {
  const out: string[] = [];
  for (let p = n.parent; p; p = p.parent) out.push(p.id ?? `(${p.kind})`);
  return out.reverse();
}

function diffNode(a: Analysis, n: ModelNode): DiffNode {
  return { id: n.id!, kind: n.kind, ...(n.label !== undefined ? { label: n.label } : {}), path: pathOf(n), ...place(a, declAt(n)) };
}

/** Each property's value as written, by key (the first statement of a repeated key). */
function writtenProps(a: Analysis, n: ModelNode): Map<string, { text: string; at: { start: number; file?: string } }> {
  const m = new Map<string, { text: string; at: { start: number; file?: string } }>();
  for (const [key, p] of n.propDecls) m.set(key, { text: p.value ? sliceOf(a, p.value) : '', at: p });
  return m;
}

const NO_CHANGES: readonly PropertyChange[] = [];

/**
 * Whether two nodes' property statements are the same keys in the same order, each written the
 * same: the common case (most nodes of a change are untouched), told without building the maps.
 */
function sameWrittenProps(base: Analysis, b: ModelNode, head: Analysis, h: ModelNode): boolean {
  const bs = b.propDecls.values();
  const hs = h.propDecls.values();
  if (bs.length !== hs.length) return false;
  for (let i = 0; i < bs.length; i++) {
    const x = bs[i];
    const y = hs[i];
    if (x.key.text !== y.key.text || !x.value !== !y.value) return false;
    if (x.value && sliceOf(base, x.value) !== sliceOf(head, y.value!)) return false;
  }
  return true;
}

function propertyChanges(base: Analysis, b: ModelNode, head: Analysis, h: ModelNode): readonly PropertyChange[] {
  if (b.label === h.label && sameWrittenProps(base, b, head, h)) return NO_CHANGES;
  const out: PropertyChange[] = [];
  const id = h.id!;
  if (b.label !== h.label) {
    out.push({
      id,
      kind: h.kind,
      key: '(label)',
      ...(b.label !== undefined ? { before: sliceOf(base, b.decl.label!) } : {}),
      ...(h.label !== undefined ? { after: sliceOf(head, h.decl.label!) } : {}),
      ...place(head, declAt(h)),
    });
  }
  const before = writtenProps(base, b);
  const after = writtenProps(head, h);
  for (const [key, av] of after) {
    const bv = before.get(key);
    if (bv && bv.text === av.text) continue;
    const same = bv !== undefined && sameValue(b.props as Record<string, unknown>, h.props as Record<string, unknown>, key);
    out.push({ id, kind: h.kind, key, ...(bv ? { before: bv.text } : {}), after: av.text, ...(same ? { sameValue: true as const } : {}), ...place(head, av.at) });
  }
  for (const [key, bv] of before) if (!after.has(key)) out.push({ id, kind: h.kind, key, before: bv.text, ...place(base, bv.at) });
  return out;
}

function sameValue(b: Record<string, unknown>, h: Record<string, unknown>, key: string): boolean {
  return b[key] !== undefined && b[key] === h[key];
}

function linkKey(l: { from: string; to: string; label?: string }): string {
  return `${l.from}\0${l.to}\0${l.label ?? ''}`;
}

function linksOf(a: Analysis): DiffLink[] {
  return a.model.links.map((l) => ({
    from: l.decl.from.text,
    to: l.decl.to?.text ?? '',
    ...(l.label !== undefined ? { label: l.label } : {}),
    ...place(a, l.decl),
  }));
}

/** Links added and removed, matched as a multiset by from, to and label. */
function diffLinks(base: Analysis, head: Analysis): { added: DiffLink[]; removed: DiffLink[] } {
  const [added, removed] = multisetDiff(linksOf(head), linksOf(base), linkKey);
  return { added, removed };
}

function findingsOf(a: Analysis): DiffFinding[] {
  return a.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...(f.nodeId !== undefined ? { nodeId: f.nodeId } : {}),
    ...place(a, f.file !== undefined ? { start: f.span.start, file: f.file } : f.span),
  }));
}

function counts(a: Analysis): FindingCounts {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of a.findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/** Findings matched by rule, node and message (positions ignored), as a multiset. */
function diffFindings(base: Analysis, head: Analysis): ArchitectureDiff['findings'] {
  const key = (f: DiffFinding) => `${f.rule}\0${f.nodeId ?? ''}\0${f.message}`;
  const h = findingsOf(head);
  const [introduced, resolved] = multisetDiff(h, findingsOf(base), key);
  return { introduced, resolved, unchanged: h.length - introduced.length, before: counts(base), after: counts(head) };
}

/** [items of `a` not in `b`, items of `b` not in `a`], each item matched at most once, order kept. */
function multisetDiff<T>(a: readonly T[], b: readonly T[], key: (t: T) => string): [T[], T[]] {
  const left = new Map<string, number>();
  for (const t of b) left.set(key(t), (left.get(key(t)) ?? 0) + 1);
  const onlyA: T[] = [];
  for (const t of a) {
    const k = key(t);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else onlyA.push(t);
  }
  const used = new Map<string, number>();
  for (const t of a) used.set(key(t), (used.get(key(t)) ?? 0) + 1);
  const onlyB: T[] = [];
  for (const t of b) {
    const k = key(t);
    const n = used.get(k) ?? 0;
    if (n > 0) used.set(k, n - 1);
    else onlyB.push(t);
  }
  return [onlyA, onlyB];
}

/**
 * Removed/added pairs of one kind with the same children, or in the same place with the same
 * properties and label. Linear: each added node is indexed once by both keys.
 */
function possibleRenames(base: Analysis, head: Analysis, removed: readonly DiffNode[], added: readonly DiffNode[], baseNodes: ReadonlyMap<string, ModelNode>, headNodes: ReadonlyMap<string, ModelNode>): PossibleRename[] {
  const propsKey = (a: Analysis, n: ModelNode) => [...writtenProps(a, n)].map(([k, v]) => `${k}=${v.text}`).join('\0');
  const childKey = (n: ModelNode) => (n.children.length ? `${n.kind}\0${n.children.map((c) => c.id ?? '').sort().join('\0')}` : undefined);
  const placeKey = (a: Analysis, n: ModelNode) => `${n.kind}\0${n.parent?.id ?? ''}\0${n.label ?? ''}\0${propsKey(a, n)}`;
  const byChildren = new Map<string, string[]>();
  const byPlace = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, id: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(id);
  for (const a of added) {
    const h = headNodes.get(a.id)!;
    const ck = childKey(h);
    if (ck !== undefined) push(byChildren, ck, a.id);
    push(byPlace, placeKey(head, h), a.id);
  }
  const taken = new Set<string>();
  const first = (ids: readonly string[] | undefined) => ids?.find((id) => !taken.has(id));
  const out: PossibleRename[] = [];
  for (const r of removed) {
    const b = baseNodes.get(r.id)!;
    const ck = childKey(b);
    let to = ck !== undefined ? first(byChildren.get(ck)) : undefined;
    let reason: PossibleRename['reason'] = 'same children';
    if (to === undefined) {
      to = first(byPlace.get(placeKey(base, b)));
      reason = 'same place and properties';
    }
    if (to === undefined) continue;
    taken.add(to);
    out.push({ kind: r.kind, from: r.id, to, reason });
  }
  return out;
}

function delta(before: number, after: number): Delta {
  return { before, after };
}

function sumDelta(b: Sum, a: Sum): SumDelta {
  return { before: b.value, after: a.value, unit: a.unit, beforeText: formatSum(b, false), afterText: formatSum(a, false) };
}

function share(k: Kernel, newTenants: readonly string[]): KernelShare {
  return { kernel: k.key, description: describeKernel(k), tenants: k.tenants, newTenants };
}

/** Shared by more than one tenant? */
const isShared = (k: Kernel | undefined) => k !== undefined && k.tenants.length > 1;

function diffStats(base: Analysis, head: Analysis, bt: HeadlineTotals, ht: HeadlineTotals): StatsDelta {
  const baseKernels = new Map(base.model.kernels.map((k) => [k.key, k]));
  const headKernels = new Map(head.model.kernels.map((k) => [k.key, k]));
  const newlyShared: KernelShare[] = [];
  const moreTenants: KernelShare[] = [];
  const noLongerShared: KernelShare[] = [];
  for (const k of head.model.kernels) {
    if (!isShared(k)) continue;
    const before = baseKernels.get(k.key);
    const newTenants = k.tenants.filter((t) => !before?.tenants.includes(t));
    if (!isShared(before)) newlyShared.push(share(k, newTenants));
    else if (newTenants.length) moreTenants.push(share(k, newTenants));
  }
  for (const k of base.model.kernels) if (isShared(k) && !isShared(headKernels.get(k.key))) noLongerShared.push(share(k, []));
  return {
    hosts: delta(bt.hosts, ht.hosts),
    vms: delta(bt.vms, ht.vms),
    containers: delta(bt.containers, ht.containers),
    apps: delta(bt.apps, ht.apps),
    kernels: {
      ...delta(bt.kernels.total, ht.kernels.total),
      host: delta(bt.kernels.host, ht.kernels.host),
      guest: delta(bt.kernels.guest, ht.kernels.guest),
      sandbox: delta(bt.kernels.sandbox, ht.kernels.sandbox),
      microvm: delta(bt.kernels.microvm, ht.kernels.microvm),
    },
    osInstances: delta(bt.osInstances, ht.osInstances),
    guestOsMemory: sumDelta(bt.guestOsMemory, ht.guestOsMemory),
    guestOsDisk: sumDelta(bt.guestOsDisk, ht.guestOsDisk),
    hypervisorOverhead: sumDelta(bt.hypervisorOverhead, ht.hypervisorOverhead),
    cpuAllocated: delta(bt.allocated.cpu, ht.allocated.cpu),
    memoryAllocated: delta(bt.allocated.memory, ht.allocated.memory),
    cpuCapacity: delta(bt.capacity.cpu ?? 0, ht.capacity.cpu ?? 0),
    memoryCapacity: delta(bt.capacity.memory ?? 0, ht.capacity.memory ?? 0),
    sharedKernels: delta(base.model.kernels.filter(isShared).length, head.model.kernels.filter(isShared).length),
    newlyShared,
    moreTenants,
    noLongerShared,
  };
}
