// The boxes of the layered SVG: one box a drawn node (bars for its layers, a frame, a kernel
// strip, badges for its findings) plus one summary box a folded node, built in pre-order with an
// explicit stack, so any depth builds without recursion. Boxes carry no position yet: layout.ts
// measures and places them; svg.ts draws them.
import type { Analysis } from '../index';
import type { Finding } from '../diagnostics';
import type { Kernel, ModelNode } from '../model/model';
import type { Kind } from '../syntax/ast';
import { findHypervisor } from '../catalogue';
import { containerFamily, effectiveRuntime, hypervisorType } from '../model/queries';
import { countOfKind, join, kernelLabel, nameOf, tenantClass } from './labels';
import { BAR1, BAR2, GROUP_WRAP, ROOT_WRAP } from './layout';
import { plural } from './text';

/** Boxes nested deeper than this are folded (deep nested virtualization stays drawable). */
export const MAX_DRAW_DEPTH = 48;

export type BarClass = 'hw' | 'vhw' | 'oshost' | 'osguest' | 'hv' | 'eng' | 'pod' | 'ctr' | 'app' | 'other' | 'sum';

export interface Bar {
  readonly cls: BarClass;
  readonly main: string;
  readonly detail: string | undefined;
  readonly h: number;
  /** Drawn inside a frame that has the tenant colour (so the bar itself stays neutral)? */
  readonly tenantClass: string | undefined;
  /** More classes for the bar's rect, e.g. `fam-windows` (a container's OS family). */
  readonly extra: string | undefined;
  /** Findings badged on this bar (an OS bar carries those about its kernel), else the box's go on its first bar. */
  findings: Finding[] | undefined;
  y: number;
  /** Estimated text widths, px (measured once). */
  mainW: number;
  detailW: number;
}

export interface Box {
  readonly node: ModelNode | undefined;
  /** For summaries: the folded node. */
  readonly kind: Kind | 'summary' | 'root';
  /** Drawn with a frame (cleared by `measure` when the frame would be empty). */
  framed: boolean;
  readonly frameCls: string | undefined;
  readonly header: string | undefined;
  readonly bars: Bar[];
  /** The kernel this box owns and outlines (host/guest via its OS bar, sandbox/micro-VM around it). */
  readonly kernel: Kernel | undefined;
  readonly stripText: string | undefined;
  readonly wrap: number; // row wrap width, 0 = one row
  readonly tenantClass: string | undefined;
  children: Box[];
  /** How many leading children share this box's kernel (host/guest kernels). */
  sharing: number;
  /** Findings to badge on this box. */
  findings: Finding[] | undefined;
  /** Extra classes on the box's `<g>` (the diff picture's marks, e.g. `d-added`). */
  marks: string | undefined;
  /** Summary boxes: what they stand for (undefined for the summary of top-level nodes not drawn). */
  summaryOf: ModelNode | undefined;
  summaryTitle: string | undefined;
  // Layout results.
  w: number;
  h: number;
  contentW: number;
  rows: Row[];
  x: number;
  y: number;
  ah: number; // allotted height (≥ h): framed boxes stretch to it
  stripY: number;
}

export interface Row {
  readonly items: Box[];
  w: number;
  h: number;
}

/** The boxes of one picture: the root (holding the top boxes), every box in pre-order, and the way back from a node to its box. */
export interface BoxTree {
  readonly root: Box;
  /** Every box in pre-order, the root first: parents before their children. */
  readonly boxes: readonly Box[];
  /** A drawn node → its box. */
  readonly boxOf: ReadonlyMap<ModelNode, Box>;
  /** A folded node → its summary box. */
  readonly summaryOf: ReadonlyMap<ModelNode, Box>;
  /** The summary of the top-level nodes not drawn, and those nodes (links to them end there). */
  readonly overflow: { readonly box: Box; readonly roots: ReadonlySet<ModelNode> } | undefined;
  /** How many nodes were folded because they nest deeper than MAX_DRAW_DEPTH. */
  readonly depthCapped: number;
  /** Findings (other than syntax errors) not tied to a drawn node. */
  readonly loose: number;
}

/**
 * Build the boxes of the model: `folded` nodes get a summary box instead of their content;
 * `tenants` maps tenant names to palette indexes (labels.ts `tenantIndexOf`). Children that share
 * a box's own kernel go first, so its kernel boundary is one outline.
 */
export function buildBoxes(analysis: Analysis, folded: ReadonlySet<ModelNode>, tenants: ReadonlyMap<string, number>, topLevelShown = Infinity): BoxTree {
  const model = analysis.model;
  // Findings by node id.
  const byNode = new Map<string, Finding[]>();
  let loose = 0;
  for (const f of analysis.findings) {
    if (f.nodeId !== undefined && model.byId.has(f.nodeId)) {
      const list = byNode.get(f.nodeId);
      if (list) list.push(f);
      else byNode.set(f.nodeId, [f]);
    } else if (f.rule !== 'syntax') loose++;
  }

  // Build the boxes in pre-order with an explicit stack.
  const root = newBox(undefined, 'root', { wrap: ROOT_WRAP });
  const boxes: Box[] = [root];
  const boxOf = new Map<ModelNode, Box>();
  const summaryOf = new Map<ModelNode, Box>(); // folded node → its summary box
  let depthCapped = 0;
  const stack: { node: ModelNode; parent: Box; depth: number }[] = [];
  // Top-level nodes past `topLevelShown` are not drawn: one summary stands for them all.
  const shownRoots: ModelNode[] = [];
  const hiddenRoots = new Set<ModelNode>();
  for (const r of model.roots) {
    if (r.kind === 'tenant') continue;
    if (shownRoots.length < topLevelShown) shownRoots.push(r);
    else hiddenRoots.add(r);
  }
  for (let i = shownRoots.length - 1; i >= 0; i--) stack.push({ node: shownRoots[i], parent: root, depth: 0 });
  while (stack.length) {
    const { node, parent, depth } = stack.pop()!;
    if (node.kind === 'tenant') continue;
    const box = makeBox(node, analysis.text, tenants);
    boxes.push(box);
    boxOf.set(node, box);
    parent.children.push(box);
    const list = node.id !== undefined ? byNode.get(node.id) : undefined;
    if (list && model.byId.get(node.id!) === node) placeFindings(box, node, list);
    if (node.children.length === 0) continue;
    const fold = folded.has(node) || depth + 1 >= MAX_DRAW_DEPTH;
    if (fold) {
      if (!folded.has(node)) depthCapped++;
      const sum = makeSummary(node, node.children, byNode);
      boxes.push(sum);
      box.children.push(sum);
      summaryOf.set(node, sum);
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], parent: box, depth: depth + 1 });
  }

  let overflow: BoxTree['overflow'];
  if (hiddenRoots.size > 0) {
    const sum = makeSummary(undefined, [...hiddenRoots], byNode);
    boxes.push(sum);
    root.children.push(sum);
    overflow = { box: sum, roots: hiddenRoots };
  }

  orderBySharedKernel(boxes);
  return { root, boxes, boxOf, summaryOf, overflow, depthCapped, loose };
}

/** Children that share the box's own kernel go first, so its boundary is one outline (sets `sharing`). */
export function orderBySharedKernel(boxes: readonly Box[]): void {
  for (const b of boxes) {
    const k = b.kernel;
    if (!k || (k.kind !== 'host' && k.kind !== 'guest') || b.children.length === 0) continue;
    const shares = (c: Box) => (c.kind === 'summary' ? true : c.node!.kernel === k);
    const yes = b.children.filter(shares);
    if (yes.length !== b.children.length) b.children = yes.concat(b.children.filter((c) => !shares(c)));
    b.sharing = yes.length;
  }
}

/** A box with nothing laid out yet. */
export function newBox(node: ModelNode | undefined, kind: Box['kind'], init: Partial<Pick<Box, 'framed' | 'frameCls' | 'header' | 'bars' | 'kernel' | 'stripText' | 'wrap' | 'tenantClass'>>): Box {
  return {
    node,
    kind,
    framed: init.framed ?? false,
    frameCls: init.frameCls,
    header: init.header,
    bars: init.bars ?? [],
    kernel: init.kernel,
    stripText: init.stripText,
    wrap: init.wrap ?? 0,
    tenantClass: init.tenantClass,
    children: [],
    sharing: 0,
    findings: undefined,
    marks: undefined,
    summaryOf: undefined,
    summaryTitle: undefined,
    w: 0,
    h: 0,
    contentW: 0,
    rows: [],
    x: 0,
    y: 0,
    ah: 0,
    stripY: 0,
  };
}

/** A layer bar: one line (`main`) or two (`main` and `detail`). */
export function bar(cls: BarClass, main: string, detail: string | undefined, tenantClass?: string, extra?: string): Bar {
  return { cls, main, detail: detail || undefined, h: detail ? BAR2 : BAR1, tenantClass, extra, findings: undefined, y: 0, mainW: -1, detailW: -1 };
}

/** Rules whose findings are about a node's kernel (its OS), not its hardware: badged on the OS bar. */
const KERNEL_RULES: ReadonlySet<string> = new Set(['shared-kernel-tenants', 'unisolated-apps']);

/**
 * The findings of a box, placed where they belong: those about the node's kernel (and problems
 * in its `os` value) on its OS bar; the rest stay on the box (its header or first bar).
 */
function placeFindings(box: Box, node: ModelNode, list: Finding[]): void {
  const osBar = box.bars.find((b) => b.cls === 'oshost' || b.cls === 'osguest');
  const os = node.propDecls.get('os');
  const onOs = (f: Finding) => KERNEL_RULES.has(f.rule) || (os !== undefined && f.span.start >= os.start && f.span.end <= os.end);
  const kernel = osBar ? list.filter(onOs) : [];
  if (osBar && kernel.length) osBar.findings = kernel;
  const rest = kernel.length ? list.filter((f) => !kernel.includes(f)) : list;
  box.findings = rest.length ? rest : undefined;
}



/** "vm ledger-vm" when the node has a label (so the id is not lost), else "vm". */
function kindAndId(n: ModelNode): string {
  return n.label !== undefined && n.id !== undefined ? `${n.kind} ${n.id}` : n.kind;
}

/** A quantity as written ("512 GiB"), else undefined when the property did not validate. */
function quantity(n: ModelNode, key: 'cpu' | 'memory' | 'disk' | 'size', text: string): string | undefined {
  if (n.props[key] === undefined) return undefined;
  const v = n.propDecls.get(key)?.value;
  if (!v) return undefined;
  if (v.type === 'quantity') return `${v.value} ${v.unit}`;
  if (v.type === 'number') return String(v.value);
  return text.slice(v.start, v.end);
}

function cpuText(n: ModelNode, unit: string, text: string): string | undefined {
  if (n.props.cpu === undefined) return undefined;
  const q = quantity(n, 'cpu', text);
  return q?.endsWith(' m') ? `${q.slice(0, -2)}m CPU` : `${q} ${unit}`;
}


function tenantClassOf(n: ModelNode, tenants: ReadonlyMap<string, number>): string | undefined {
  if (n.tenant === undefined) return undefined;
  return tenantClass(tenants.get(n.tenant)!);
}

/** The tenant named in the detail line where it is set (inherited tenants show by colour). */
function ownTenant(n: ModelNode): string | undefined {
  return n.tenantFrom === n && n.tenant !== undefined ? `tenant ${n.tenant}` : undefined;
}

/** The box of one node: its bars, frame, kernel strip and tenant colour; `text` is the source its values are read from. */
export function makeBox(n: ModelNode, text: string, tenants: ReadonlyMap<string, number>): Box {
  const name = nameOf(n);
  const tc = tenantClassOf(n, tenants);
  const k = n.kernel;
  switch (n.kind) {
    case 'group':
      return newBox(n, n.kind, { framed: true, frameCls: 'frm-grp', header: name, wrap: GROUP_WRAP });
    case 'host': {
      const bars = [bar('hw', name, join([kindAndId(n), cpuText(n, 'cores', text), quantity(n, 'memory', text), quantity(n, 'disk', text) && `${quantity(n, 'disk', text)} disk`, n.props.arch]))];
      if (n.props.os !== undefined) bars.push(bar('oshost', `host OS ${n.props.os}`, undefined));
      const own = k && k.owner === n ? k : undefined;
      return newBox(n, n.kind, { framed: true, frameCls: 'frm-host', bars, kernel: own, stripText: own && kernelLabel(own) });
    }
    case 'vm': {
      const bars = [bar('vhw', name, join([kindAndId(n), cpuText(n, 'vCPU', text), quantity(n, 'memory', text), quantity(n, 'disk', text) && `${quantity(n, 'disk', text)} disk`, ownTenant(n)]))];
      if (n.props.os !== undefined) bars.push(bar('osguest', `guest OS ${n.props.os}`, undefined));
      const own = k && k.owner === n ? k : undefined;
      return newBox(n, n.kind, { framed: true, frameCls: 'frm-vm', bars, kernel: own, stripText: own && kernelLabel(own), tenantClass: tc });
    }
    case 'hypervisor': {
      const type = hypervisorType(n);
      const product = n.props.product !== undefined ? (findHypervisor(n.props.product)?.name ?? n.props.product) : undefined;
      return newBox(n, n.kind, { bars: [bar('hv', name, join([kindAndId(n), product, type !== undefined && `type ${type}`]))] });
    }
    case 'engine': {
      const runtime = n.props.runtime ?? (n.props.product !== undefined ? effectiveRuntime(n) : undefined);
      return newBox(n, n.kind, { bars: [bar('eng', name, join([kindAndId(n), n.props.product, runtime]))] });
    }
    case 'pod': {
      const own = k && k.owner === n ? k : undefined;
      // A pod with a sandbox or micro-VM kernel of its own is drawn as that one frame (svg.ts).
      const frameCls = own ? `frm-pod kf` : 'frm-pod';
      return newBox(n, n.kind, { framed: true, frameCls, bars: [bar('pod', name, join([kindAndId(n), ownTenant(n)]))], kernel: own, stripText: own && kernelLabel(own), tenantClass: tc });
    }
    case 'container': {
      const own = k && k.owner === n ? k : undefined;
      // The OS family shows: a Windows container is marked, and one on a kernel of another
      // family (a Linux image on a Windows host, say) is marked as a mismatch.
      const family = containerFamily(n);
      const kernelFamily = k?.family;
      const mismatch = kernelFamily !== undefined && kernelFamily !== family;
      const familyText = mismatch ? `${family} on a ${kernelFamily} kernel` : family !== 'linux' ? family : undefined;
      const extra = [family !== 'linux' && `fam-${family}`, mismatch && 'fam-mismatch'].filter(Boolean).join(' ') || undefined;
      const detail = join([familyText, n.props.image ?? kindAndId(n), quantity(n, 'memory', text), cpuText(n, 'CPU', text), n.props.privileged === true && 'privileged', ownTenant(n)]);
      return newBox(n, n.kind, { framed: true, frameCls: own ? 'frm-ctr kf' : 'frm-ctr', bars: [bar('ctr', name, detail, undefined, extra)], kernel: own, stripText: own && kernelLabel(own), tenantClass: tc });
    }
    case 'app':
      return newBox(n, n.kind, { bars: [bar('app', name, join([kindAndId(n), quantity(n, 'memory', text), ownTenant(n)]), tc)], tenantClass: tc });
    default:
      return newBox(n, n.kind, { bars: [bar('other', name, n.kind)] });
  }
}


/** The summary box of `nodes` and everything below them: the content of `node`, or (undefined) top-level nodes not drawn. */
function makeSummary(node: ModelNode | undefined, nodes: readonly ModelNode[], byNode: ReadonlyMap<string, Finding[]>): Box {
  // Count what is folded, by kind, and gather its findings (iteratively).
  const counts = new Map<Kind, number>();
  const fs = new Set<Finding>();
  const stack = [...nodes];
  let total = 0;
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'tenant') continue;
    total++;
    counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
    const list = n.id !== undefined ? byNode.get(n.id) : undefined;
    if (list) for (const f of list) fs.add(f);
    for (const c of n.children) stack.push(c);
  }
  const order: Kind[] = ['group', 'host', 'hypervisor', 'vm', 'engine', 'pod', 'container', 'app'];
  const parts = order.filter((k) => counts.has(k)).map((k) => countOfKind(counts.get(k)!, k));
  const main = `+${parts[0] ?? plural(total, 'node')}`;
  const detail = parts.length > 1 ? parts.slice(1).join(' · ') : 'folded';
  const b = newBox(node, 'summary', { bars: [bar('sum', main, detail)] });
  b.summaryOf = node;
  b.summaryTitle = node ? `${plural(total, 'node')} folded: ${parts.join(', ')}` : `${plural(total, 'node')} not drawn, to keep the picture small: ${parts.join(', ')}.`;
  b.findings = fs.size > 0 ? [...fs].sort((a, c) => a.span.start - c.span.start) : undefined;
  return b;
}
