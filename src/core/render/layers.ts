// The layered SVG: the seeds' picture of stacks drawn from the model. Per host a column built
// bottom-up (hardware, host OS, hypervisor, then per VM its virtual hardware, guest OS, engine,
// containers, apps), hosts side by side, groups as frames, kernel boundaries as dashed outlines
// around everything that shares one kernel, tenants as colours, findings as badges, links as
// arrows. Pure and deterministic: no layout engine, no DOM, no recursion (sizes are computed
// bottom-up over a pre-order list, positions top-down), so any model renders in linear time.
import type { Analysis } from '../index';
import type { Finding, Severity } from '../diagnostics';
import type { Kernel, ModelNode } from '../model/model';
import type { Kind } from '../syntax/ast';
import { findHypervisor } from '../catalogue';
import { effectiveRuntime, hypervisorType, kernelOsText } from '../model/queries';
import { escapeXml, formatCount, plural, textWidth, truncate } from './text';
import { TENANT_COLOURS, type Theme, layersCss } from './theme';

export type { Theme } from './theme';
export { layersCss } from './theme';

export interface LayersOptions {
  theme?: Theme;
  /** Draw links as arrows between workloads (default true). */
  showLinks?: boolean;
  /** Id of a node to draw highlighted (the node at the editor's cursor). */
  highlightId?: string;
  /** Ids of nodes whose content is drawn folded into a "+N …" summary. */
  collapsed?: ReadonlySet<string>;
  /**
   * Ids of nodes never folded automatically (a summary the user clicked to expand).
   * Nodes in `collapsed` stay folded.
   */
  expanded?: ReadonlySet<string>;
  /**
   * At most this many nodes are drawn (default 2000). Beyond it the content of the largest
   * engines, then VMs, hypervisors, hosts and groups is folded into summaries, and a note says so.
   */
  maxNodes?: number;
  /** Embed the stylesheet in the SVG (default true). Without it, load `layersCss()` yourself. */
  embedStyle?: boolean;
  /** A CSP nonce put on the embedded `<style>` (base64 characters only; others are dropped). */
  styleNonce?: string;
}

export const DEFAULT_MAX_NODES = 2000;
/** Boxes nested deeper than this are folded (deep nested virtualization stays drawable). */
export const MAX_DRAW_DEPTH = 48;

// Geometry, px.
const MARGIN = 16;
const PAD = 8; // inside frames
const GAP = 10; // between siblings in a row
const VGAP = 6; // between a row and the layer below it
const BAR_GAP = 2; // between stacked layer bars
const BAR1 = 22; // one-line bar
const BAR2 = 34; // two-line bar
const STRIP = 18; // kernel label strip
const HEADER = 24; // group title
const TEXT_PAD = 7;
const MIN_W = 76;
const MAX_LABEL_W = 280; // bars wider than their text only when their content is
const ROOT_WRAP = 1800;
const GROUP_WRAP = 1600;
const ROW_GAP = 24; // between wrapped rows
const FONT = 12;
const FONT_SMALL = 11;
const BADGE_H = 16;
const KB = 3; // kernel boundary offset from what it encloses
const LINK_SPACE = 48; // above the diagram, for arcs over the top row

type BarClass = 'hw' | 'vhw' | 'oshost' | 'osguest' | 'hv' | 'eng' | 'pod' | 'ctr' | 'app' | 'other' | 'sum';

interface Bar {
  readonly cls: BarClass;
  readonly main: string;
  readonly detail: string | undefined;
  readonly h: number;
  /** Drawn inside a frame that has the tenant colour (so the bar itself stays neutral)? */
  readonly tenantClass: string | undefined;
  y: number;
  /** Estimated text widths, px (measured once). */
  mainW: number;
  detailW: number;
}

interface Box {
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
  /** Summary boxes: what they stand for. */
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

interface Row {
  readonly items: Box[];
  w: number;
  h: number;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Render the analysis as a standalone layered SVG. Pure and deterministic: the same analysis
 * and options give the same string. All user text is escaped; the SVG has no script, no
 * foreignObject, no event attributes and no external references.
 */
export function renderLayersSvg(analysis: Analysis, options: LayersOptions = {}): string {
  const theme: Theme = options.theme === 'dark' || options.theme === 'high-contrast' ? options.theme : 'light';
  const model = analysis.model;
  const findings = analysis.findings;
  const syntaxErrors = findings.reduce((n, f) => n + (f.rule === 'syntax' ? 1 : 0), 0);
  const notes: string[] = [];
  if (syntaxErrors > 0) notes.push(`The file has ${plural(syntaxErrors, 'syntax error')}: showing what could be read.`);

  // Tenants: declared first (document order), then used but undeclared (first use).
  const tenantIndex = new Map<string, number>();
  for (const name of model.tenants.keys()) tenantIndex.set(name, tenantIndex.size);
  for (const n of model.nodes) if (n.tenant !== undefined && !tenantIndex.has(n.tenant)) tenantIndex.set(n.tenant, tenantIndex.size);

  const drawable = model.nodes.filter((n) => n.kind !== 'tenant');
  if (drawable.length === 0) return renderEmpty(theme, notes, options, tenantIndex.size > 0);

  // Which nodes are folded.
  const maxNodes = options.maxNodes !== undefined && options.maxNodes >= 1 ? options.maxNodes : DEFAULT_MAX_NODES;
  const folded = new Set<ModelNode>();
  for (const id of options.collapsed ?? []) {
    const n = model.byId.get(id);
    if (n && n.children.length > 0) folded.add(n);
  }
  const autoFolded = autoFold(model.nodes, folded, maxNodes, options.expanded);
  if (autoFolded.count > 0) {
    notes.push(
      `Large model: ${formatCount(drawable.length)} nodes, more than the ${formatCount(maxNodes)} drawn at once. ` +
        `The content of ${autoFolded.what} is folded into summaries (dashed boxes).`,
    );
  }

  // Findings by node id.
  const byNode = new Map<string, Finding[]>();
  let loose = 0;
  for (const f of findings) {
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
  for (let i = model.roots.length - 1; i >= 0; i--) stack.push({ node: model.roots[i], parent: root, depth: 0 });
  while (stack.length) {
    const { node, parent, depth } = stack.pop()!;
    if (node.kind === 'tenant') continue;
    const box = makeBox(node, analysis.text, tenantIndex);
    boxes.push(box);
    boxOf.set(node, box);
    parent.children.push(box);
    const list = node.id !== undefined ? byNode.get(node.id) : undefined;
    if (list && model.byId.get(node.id!) === node) box.findings = list;
    if (node.children.length === 0) continue;
    const fold = folded.has(node) || depth + 1 >= MAX_DRAW_DEPTH;
    if (fold) {
      if (!folded.has(node)) depthCapped++;
      const sum = makeSummary(node, byNode);
      boxes.push(sum);
      box.children.push(sum);
      summaryOf.set(node, sum);
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], parent: box, depth: depth + 1 });
  }
  if (depthCapped > 0) notes.push(`Nesting deeper than ${MAX_DRAW_DEPTH} levels is folded into summaries.`);

  // Children that share the box's own kernel go first, so its boundary is one outline.
  for (const b of boxes) {
    const k = b.kernel;
    if (!k || (k.kind !== 'host' && k.kind !== 'guest') || b.children.length === 0) continue;
    const shares = (c: Box) => (c.kind === 'summary' ? true : c.node!.kernel === k);
    const yes = b.children.filter(shares);
    if (yes.length !== b.children.length) b.children = yes.concat(b.children.filter((c) => !shares(c)));
    b.sharing = yes.length;
  }

  // Sizes, bottom-up (reverse pre-order visits children before parents).
  for (let i = boxes.length - 1; i >= 0; i--) measure(boxes[i]);

  // Header: title, counts, legend, notes. Laid out after the diagram width is known.
  const header = buildHeader(analysis, tenantIndex, notes, loose, Math.max(root.w, 560));
  const width = Math.ceil(Math.max(root.w, header.w) + 2 * MARGIN);
  const links = options.showLinks !== false && model.links.length > 0;
  root.x = MARGIN;
  root.y = MARGIN + header.h + (links ? LINK_SPACE : 0);
  root.ah = root.h;
  for (const b of boxes) place(b);
  const height = Math.ceil(root.y + root.h + MARGIN);

  // Draw.
  const out: string[] = [];
  out.push(svgOpen(width, height, theme, options));
  out.push(`<rect class="bg" x="0" y="0" width="${width}" height="${height}"/>`);
  out.push(header.svg);
  const hl = options.highlightId;
  for (let i = 1; i < boxes.length; i++) drawBox(boxes[i], out, hl);
  for (const b of boxes) if (b.kernel) drawKernel(b, out);
  if (links) drawLinks(analysis, boxOf, summaryOf, out);
  out.push('</svg>\n');
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Folding

interface FoldResult {
  readonly count: number;
  readonly what: string;
}

const FOLD_TIERS: readonly Kind[] = ['engine', 'vm', 'hypervisor', 'host', 'group'];
const KIND_PLURAL: Readonly<Record<string, [string, string]>> = {
  group: ['group', 'groups'],
  host: ['host', 'hosts'],
  hypervisor: ['hypervisor', 'hypervisors'],
  vm: ['VM', 'VMs'],
  engine: ['engine', 'engines'],
  pod: ['pod', 'pods'],
  container: ['container', 'containers'],
  app: ['app', 'apps'],
  tenant: ['tenant', 'tenants'],
};

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
  if (total <= max) return { count: 0, what: '' };
  const counts = new Map<Kind, number>();
  let count = 0;
  for (const tier of FOLD_TIERS) {
    if (total <= max) break;
    const candidates: number[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n.kind === tier && below[i] > 1 && !folded.has(n) && !(n.id !== undefined && expanded?.has(n.id))) candidates.push(i);
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
      counts.set(tier, (counts.get(tier) ?? 0) + 1);
    }
    ({ total, below } = visibleCount());
  }
  const what = [...counts].map(([k, n]) => plural(n, KIND_PLURAL[k][0], KIND_PLURAL[k][1])).join(', ');
  return { count, what };
}

// ---------------------------------------------------------------------------------------------
// Boxes

function newBox(node: ModelNode | undefined, kind: Box['kind'], init: Partial<Pick<Box, 'framed' | 'frameCls' | 'header' | 'bars' | 'kernel' | 'stripText' | 'wrap' | 'tenantClass'>>): Box {
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

function bar(cls: BarClass, main: string, detail: string | undefined, tenantClass?: string): Bar {
  return { cls, main, detail: detail || undefined, h: detail ? BAR2 : BAR1, tenantClass, y: 0, mainW: -1, detailW: -1 };
}

function nameOf(n: ModelNode): string {
  return n.label ?? n.id ?? `(unnamed ${n.kind})`;
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

function join(parts: readonly (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' · ');
}

function tenantClassOf(n: ModelNode, tenants: ReadonlyMap<string, number>): string | undefined {
  if (n.tenant === undefined) return undefined;
  return `tn${tenants.get(n.tenant)! % TENANT_COLOURS}`;
}

/** The tenant named in the detail line where it is set (inherited tenants show by colour). */
function ownTenant(n: ModelNode): string | undefined {
  return n.tenantFrom === n && n.tenant !== undefined ? `tenant ${n.tenant}` : undefined;
}

function makeBox(n: ModelNode, text: string, tenants: ReadonlyMap<string, number>): Box {
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
      return newBox(n, n.kind, { framed: true, frameCls: 'frm-pod', bars: [bar('pod', name, join([kindAndId(n), ownTenant(n)]))], kernel: own, stripText: own && kernelLabel(own), tenantClass: tc });
    }
    case 'container': {
      const own = k && k.owner === n ? k : undefined;
      const detail = join([n.props.image ?? kindAndId(n), quantity(n, 'memory', text), cpuText(n, 'CPU', text), n.props.privileged === true && 'privileged', ownTenant(n)]);
      return newBox(n, n.kind, { framed: true, frameCls: 'frm-ctr', bars: [bar('ctr', name, detail)], kernel: own, stripText: own && kernelLabel(own), tenantClass: tc });
    }
    case 'app':
      return newBox(n, n.kind, { bars: [bar('app', name, join([kindAndId(n), quantity(n, 'memory', text), ownTenant(n)]), tc)], tenantClass: tc });
    default:
      return newBox(n, n.kind, { bars: [bar('other', name, n.kind)] });
  }
}

/** "kernel: ubuntu-22.04 (guest of node1)", "kernel: gVisor sandbox", "kernel: kata micro-VM". */
export function kernelLabel(k: Kernel): string {
  const owner = k.owner.id ?? nameOf(k.owner);
  switch (k.kind) {
    case 'host':
      return `kernel: ${kernelOsText(k) ?? '?'} (host of ${owner})`;
    case 'guest':
      return `kernel: ${kernelOsText(k) ?? '?'} (guest of ${owner})`;
    // Drawn inside their owner's box, so the owner goes without saying.
    case 'sandbox':
      return 'kernel: gVisor sandbox';
    case 'microvm': {
      const rt = effectiveRuntime(k.owner);
      return `kernel: ${rt === 'firecracker' ? 'Firecracker' : 'kata'} micro-VM`;
    }
    case 'utility-vm':
      return 'kernel: Hyper-V utility VM';
  }
}

function makeSummary(node: ModelNode, byNode: ReadonlyMap<string, Finding[]>): Box {
  // Count what is folded, by kind, and gather its findings (iteratively).
  const counts = new Map<Kind, number>();
  const fs = new Set<Finding>();
  const stack = [...node.children];
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
  const parts = order.filter((k) => counts.has(k)).map((k) => plural(counts.get(k)!, KIND_PLURAL[k][0], KIND_PLURAL[k][1]));
  const main = `+${parts[0] ?? plural(total, 'node')}`;
  const detail = parts.length > 1 ? parts.slice(1).join(' · ') : 'folded';
  const b = newBox(node, 'summary', { bars: [bar('sum', main, detail)] });
  b.summaryOf = node;
  b.summaryTitle = `${plural(total, 'node')} folded: ${parts.join(', ')}`;
  b.findings = fs.size > 0 ? [...fs].sort((a, c) => a.span.start - c.span.start) : undefined;
  return b;
}

// ---------------------------------------------------------------------------------------------
// Layout

function badgeWidth(fs: readonly Finding[] | undefined): number {
  return fs ? 12 + String(fs.length).length * 7 : 0;
}

function barTextWidth(b: Bar): number {
  b.mainW = textWidth(b.main, FONT, true);
  b.detailW = b.detail !== undefined ? textWidth(b.detail, FONT_SMALL) : 0;
  return Math.max(b.mainW, b.detailW);
}

function measure(b: Box): void {
  // Own text (bars, header, kernel strip), capped so long labels truncate instead of widening.
  const badge = badgeWidth(b.findings);
  let own = MIN_W;
  for (const br of b.bars) own = Math.max(own, Math.min(MAX_LABEL_W, barTextWidth(br)) + 2 * TEXT_PAD + (br === b.bars[0] && badge ? badge + 4 : 0));
  if (b.header !== undefined) own = Math.max(own, Math.min(MAX_LABEL_W, textWidth(b.header, 13, true)) + 2 * TEXT_PAD + (badge ? badge + 4 : 0));
  if (b.stripText !== undefined) own = Math.max(own, Math.min(MAX_LABEL_W, textWidth(b.stripText, FONT_SMALL, true)) + 2 * TEXT_PAD);

  // Children in rows (one row for layers; wrapped rows for groups and the root, aiming at a
  // landscape picture: rows about as wide as the square root of the area times 1.6).
  let wrap = 0;
  if (b.wrap > 0) {
    let area = 0;
    for (const c of b.children) area += (c.w + GAP) * (c.h + ROW_GAP);
    wrap = Math.max(b.wrap, Math.sqrt(area * 1.6));
  }
  const rows: Row[] = [];
  let cur: Row | undefined;
  for (const c of b.children) {
    if (!cur || (wrap > 0 && cur.w + GAP + c.w > wrap && cur.items.length > 0)) {
      cur = { items: [], w: 0, h: 0 };
      rows.push(cur);
    }
    cur.w += (cur.items.length ? GAP : 0) + c.w;
    cur.h = Math.max(cur.h, c.h);
    cur.items.push(c);
  }
  b.rows = rows;
  let rowsW = 0;
  let rowsH = 0;
  for (const r of rows) {
    rowsW = Math.max(rowsW, r.w);
    rowsH += r.h;
  }
  if (rows.length > 1) rowsH += (rows.length - 1) * ROW_GAP;

  const inner = b.kind === 'root' ? rowsW : Math.max(own, rowsW);
  b.contentW = inner;
  // A framed box with nothing inside it is drawn as its bars alone.
  const frame = b.framed && (rows.length > 0 || b.stripText !== undefined || b.header !== undefined);
  const pad = frame ? PAD : 0;
  let h = 0;
  for (const br of b.bars) h += br.h;
  if (b.bars.length > 1) h += (b.bars.length - 1) * BAR_GAP;
  if (b.stripText !== undefined) h += STRIP + (b.bars.length ? BAR_GAP : 0);
  if (rows.length) h += rowsH + (h > 0 ? VGAP : 0);
  if (b.header !== undefined) h += HEADER;
  b.w = inner + 2 * pad;
  b.h = h + 2 * pad;
  b.framed = frame;
}

function place(b: Box): void {
  const pad = b.framed ? PAD : 0;
  const left = b.x + pad;
  let bottom = b.y + b.ah - pad;
  // Layer bars, bottom-up.
  for (const br of b.bars) {
    br.y = bottom - br.h;
    bottom = br.y - BAR_GAP;
  }
  if (b.bars.length) bottom += BAR_GAP;
  if (b.stripText !== undefined) {
    b.stripY = bottom - (b.bars.length ? BAR_GAP : 0) - STRIP;
    bottom = b.stripY;
  }
  if (b.rows.length === 0) return;
  if (b.bars.length || b.stripText !== undefined) bottom -= VGAP;
  // Rows stack upwards from `bottom` (the last row lowest); the first row is at the top. The
  // root and groups read top-down, so place rows from the top of their content area.
  const rowsH = b.rows.reduce((s, r) => s + r.h, 0) + (b.rows.length - 1) * ROW_GAP;
  let top = bottom - rowsH;
  for (const r of b.rows) {
    let x = left;
    for (const c of r.items) {
      c.x = x;
      c.y = top;
      c.ah = r.h;
      x += c.w + GAP;
    }
    top += r.h + ROW_GAP;
  }
}

// ---------------------------------------------------------------------------------------------
// Drawing

function svgOpen(width: number, height: number, theme: Theme, options: LayersOptions): string {
  const style = options.embedStyle === false ? '' : `<style${nonceAttr(options.styleNonce)}>\n${layersCss()}\n</style>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="strata theme-${theme}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Strata layered diagram">` +
    style +
    `<defs><marker id="strata-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0,0L10,5L0,10z"/></marker></defs>`
  );
}

function nonceAttr(nonce: string | undefined): string {
  const clean = nonce?.replace(/[^A-Za-z0-9+/=_-]/g, '');
  return clean ? ` nonce="${clean}"` : '';
}

/** A coordinate: integers as they are, others rounded to one decimal. */
function f(n: number): string {
  return (n | 0) === n ? '' + n : '' + Math.round(n * 10) / 10;
}

function nodeAttrs(b: Box, hl: string | undefined): string {
  const n = b.summaryOf ?? b.node!;
  const kind = b.kind === 'summary' ? 'summary' : n.kind;
  const cls = `node k-${kind}${n.id !== undefined && n.id === hl && b.kind !== 'summary' ? ' hl' : ''}`;
  const id = n.id !== undefined ? ` data-id="${escapeXml(n.id)}"` : '';
  return `class="${cls}"${id} data-kind="${kind}" data-start="${n.decl.start}"${b.kind === 'summary' ? ' data-collapsed="true"' : ''}`;
}

function nodeTitle(b: Box): string {
  if (b.kind === 'summary') return b.summaryTitle!;
  const n = b.node!;
  const lines = [`${n.kind} ${n.id ?? '(no id)'}${n.label !== undefined ? ` "${n.label}"` : ''}`];
  if (b.bars[0]?.detail !== undefined) lines.push(b.bars[0].detail);
  for (let i = 1; i < b.bars.length; i++) lines.push(b.bars[i].main);
  if (n.tenant !== undefined) lines.push(`tenant: ${n.tenant}${n.tenantFrom !== n ? ' (inherited)' : ''}`);
  if (n.service !== undefined) lines.push(`service: ${n.service}`);
  if (n.kernel) lines.push(kernelLabel(n.kernel));
  return lines.join('\n');
}

function drawBox(b: Box, out: string[], hl: string | undefined): void {
  const attrs = nodeAttrs(b, hl);
  const idAttr = b.node?.id !== undefined ? ` data-id="${escapeXml(b.node.id)}"` : '';
  out.push(`<g ${attrs}><title>${escapeXml(nodeTitle(b))}</title>`);
  const left = b.x + (b.framed ? PAD : 0);
  const innerW = b.contentW;
  if (b.framed) {
    const cls = `${b.frameCls}${b.tenantClass ? ` tnt ${b.tenantClass}` : ''}`;
    out.push(`<rect class="${cls}"${idAttr} x="${f(b.x)}" y="${f(b.y)}" width="${f(b.w)}" height="${f(b.ah)}" rx="6"/>`);
  }
  if (b.header !== undefined) {
    const maxW = b.w - 2 * TEXT_PAD - (b.findings ? badgeWidth(b.findings) + 4 : 0);
    out.push(textEl('th', b.x + TEXT_PAD, b.y + 17, b.header, maxW, 13));
    if (b.findings) badge(b.findings, b.x + b.w - badgeWidth(b.findings) - 5, b.y + 4, out, idAttr);
  }
  for (let i = 0; i < b.bars.length; i++) {
    const br = b.bars[i];
    // A container drawn without its frame carries the tenant colour on its bar.
    const tc = br.tenantClass ?? (!b.framed && i === 0 ? b.tenantClass : undefined);
    const tint = tc ? ` tnt ${tc}` : '';
    out.push(`<rect class="b-${br.cls}${tint}"${idAttr} x="${f(left)}" y="${f(br.y)}" width="${f(innerW)}" height="${br.h}" rx="3"/>`);
    const withBadge = i === 0 && b.findings !== undefined && b.header === undefined;
    const maxW = innerW - 2 * TEXT_PAD - (withBadge ? badgeWidth(b.findings) + 4 : 0);
    if (br.detail === undefined) out.push(textEl('tx', left + TEXT_PAD, br.y + 15, br.main, maxW, FONT, '', br.mainW));
    else {
      out.push(textEl('tx', left + TEXT_PAD, br.y + 14, br.main, maxW, FONT, '', br.mainW));
      out.push(textEl('td', left + TEXT_PAD, br.y + 28, br.detail, maxW, FONT_SMALL, '', br.detailW));
    }
    if (withBadge) badge(b.findings!, left + innerW - badgeWidth(b.findings) - 4, br.y + (br.h - BADGE_H) / 2, out, idAttr);
  }
  if (b.stripText !== undefined && b.kernel) {
    out.push(textEl(`tk tk-${b.kernel.kind}`, left + TEXT_PAD, b.stripY + 13, b.stripText, innerW - 2 * TEXT_PAD, FONT_SMALL));
  }
  out.push('</g>');
}

const BOLD_CLASSES = /^(?:tx|th|tk|tt|bt)\b/;

/** A `<text>` element, truncated to `maxW` with an ellipsis; the full text is the element's own `<title>` when cut. */
function textEl(cls: string, x: number, y: number, s: string, maxW: number, size: number, extra = '', width = -1): string {
  // `width`, when the caller measured it already, spares measuring again in the common case.
  const shown = width >= 0 && width <= maxW ? s : truncate(s, Math.max(maxW, size), size, BOLD_CLASSES.test(cls));
  const title = shown === s ? '' : `<title>${escapeXml(s)}</title>`;
  return `<text class="${cls}" x="${f(x)}" y="${f(y)}"${extra}>${title}${escapeXml(shown)}</text>`;
}

function badge(fs: readonly Finding[], x: number, y: number, out: string[], idAttr: string): void {
  let worst: Severity = 'info';
  for (const s of SEVERITIES) if (fs.some((x) => x.severity === s)) {
    worst = s;
    break;
  }
  const w = badgeWidth(fs);
  const title = fs.map((x) => `${x.severity} ${x.rule}: ${x.message}`).join('\n');
  out.push(
    `<g class="badge sev-${worst}"${idAttr} data-severity="${worst}" data-count="${fs.length}"><title>${escapeXml(title)}</title>` +
      `<rect class="sev-${worst}"${idAttr} x="${f(x)}" y="${f(y)}" width="${w}" height="${BADGE_H}" rx="8"/>` +
      `<text class="bt" x="${f(x + w / 2)}" y="${f(y + 12)}">${fs.length}</text></g>`,
  );
}

/** The kernel boundary: an outline around the OS layer and every child that shares its kernel. */
function drawKernel(b: Box, out: string[]): void {
  const k = b.kernel!;
  const idAttr = b.node?.id !== undefined ? ` data-id="${escapeXml(b.node.id)}"` : '';
  const head = `<path class="kb kb-${k.kind}"${idAttr} data-kind="kernel" data-kernel="${escapeXml(k.key)}"`;
  const title = `<title>${escapeXml(kernelLabel(k))}${k.workloads.length ? escapeXml(`\nshared by ${k.workloads.length}: ${k.workloads.slice(0, 12).map((w) => w.id ?? w.kind).join(', ')}${k.workloads.length > 12 ? ', …' : ''}`) : ''}</title>`;
  if (k.kind === 'sandbox' || k.kind === 'microvm' || k.kind === 'utility-vm') {
    // Inside the container's or pod's frame: its own small kernel.
    const x = b.x + KB;
    const y = b.y + KB;
    out.push(`${head} d="M${f(x)},${f(y)}h${f(b.w - 2 * KB)}v${f(b.ah - 2 * KB)}h${f(-(b.w - 2 * KB))}z">${title}</path>`);
    return;
  }
  const left = b.x + (b.framed ? PAD : 0) - KB;
  const right = b.x + (b.framed ? PAD : 0) + b.contentW + KB;
  const osBar = b.bars[b.bars.length - 1];
  const bottom = osBar.y + osBar.h + KB / 2 + 0.5;
  const stripTop = b.stripY - 1;
  let d: string;
  if (b.sharing === 0) {
    d = `M${f(left)},${f(bottom)}H${f(right)}V${f(stripTop)}H${f(left)}z`;
  } else {
    const shared = b.children.slice(0, b.sharing);
    const last = shared[shared.length - 1];
    let top = Infinity;
    for (const c of shared) top = Math.min(top, c.framed ? c.y : c.y + c.ah - c.h);
    top -= KB;
    const x1 = b.sharing === b.children.length ? right : last.x + last.w + KB;
    d = x1 >= right ? `M${f(left)},${f(bottom)}H${f(right)}V${f(top)}H${f(left)}z` : `M${f(left)},${f(bottom)}H${f(right)}V${f(stripTop)}H${f(x1)}V${f(top)}H${f(left)}z`;
  }
  out.push(`${head} d="${d}">${title}</path>`);
}

/** Links as arrows between the boxes of their ends (folded ends attach to their summary). */
function drawLinks(analysis: Analysis, boxOf: ReadonlyMap<ModelNode, Box>, summaryOf: ReadonlyMap<ModelNode, Box>, out: string[]): void {
  const visible = (n: ModelNode | undefined): Box | undefined => {
    if (!n) return undefined;
    // The outermost folded ancestor's summary wins; otherwise the node's own box.
    let found: Box | undefined;
    for (let p = n.parent; p; p = p.parent) {
      const s = summaryOf.get(p);
      if (s) found = s;
    }
    return found ?? boxOf.get(n);
  };
  out.push('<g class="links">');
  const seen = new Set<string>();
  for (const l of analysis.model.links) {
    const a = visible(l.from);
    const b = visible(l.to);
    if (!a || !b || a === b) continue;
    const key = `${boxKey(a)}>${boxKey(b)}>${l.label ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const ra = rectOf(a);
    const rb = rectOf(b);
    const from = l.from?.id !== undefined ? ` data-from="${escapeXml(l.from.id)}"` : '';
    const to = l.to?.id !== undefined ? ` data-to="${escapeXml(l.to.id)}"` : '';
    const title = `${l.from?.id ?? '?'} → ${l.to?.id ?? '?'}${l.label !== undefined ? ` "${l.label}"` : ''}`;
    out.push(`<g class="lnk" data-kind="link"${from}${to} data-start="${l.decl.start}"><title>${escapeXml(title)}</title>`);
    let d: string;
    let lx: number;
    let ly: number;
    const dx = rb.cx - ra.cx;
    if (Math.abs(rb.cy - ra.cy) < (ra.h + rb.h) / 2 && dx !== 0) {
      // Side by side: an arc over the tops (straight lines would run through the boxes between
      // and lie on top of each other). Longer and leftward links arc higher, so they part.
      const dir = Math.sign(dx);
      const x1 = ra.cx + dir * Math.min(ra.w / 4, 14);
      const x2 = rb.cx - dir * Math.min(rb.w / 4, 14);
      const top = Math.min(ra.y, rb.y);
      const yc = top - Math.min(LINK_SPACE - 8, 16 + 0.08 * Math.abs(x2 - x1) + (dir < 0 ? 8 : 0));
      d = `M${f(x1)},${f(ra.y)}C${f(x1)},${f(yc)} ${f(x2)},${f(yc)} ${f(x2)},${f(rb.y)}`;
      lx = (x1 + x2) / 2;
      ly = (ra.y + rb.y) / 8 + 0.75 * yc - 3;
    } else {
      const [x1, y1] = edgePoint(ra, rb.cx, rb.cy);
      const [x2, y2] = edgePoint(rb, ra.cx, ra.cy);
      d = `M${f(x1)},${f(y1)}L${f(x2)},${f(y2)}`;
      lx = (x1 + x2) / 2;
      ly = (y1 + y2) / 2 - 3;
    }
    out.push(`<path class="link" d="${d}" marker-end="url(#strata-arrow)"/>`);
    if (l.label !== undefined) out.push(textEl('ll', lx, ly, l.label, 160, FONT_SMALL, ' text-anchor="middle"'));
    out.push('</g>');
  }
  out.push('</g>');
}

function boxKey(b: Box): string {
  return `${b.kind === 'summary' ? 's' : 'n'}${(b.summaryOf ?? b.node)!.decl.start}`;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  cx: number;
  cy: number;
}

function rectOf(b: Box): Rect {
  const h = b.framed ? b.ah : b.h;
  const y = b.framed ? b.y : b.y + b.ah - b.h;
  return { x: b.x, y, w: b.w, h, cx: b.x + b.w / 2, cy: y + h / 2 };
}

/** Where the segment from the rect's centre towards (tx, ty) leaves the rect. */
function edgePoint(r: Rect, tx: number, ty: number): [number, number] {
  const dx = tx - r.cx;
  const dy = ty - r.cy;
  if (dx === 0 && dy === 0) return [r.cx, r.cy];
  const sx = dx !== 0 ? r.w / 2 / Math.abs(dx) : Infinity;
  const sy = dy !== 0 ? r.h / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy, 1);
  return [r.cx + dx * s, r.cy + dy * s];
}

// ---------------------------------------------------------------------------------------------
// Header: title, counts, legend, notes

interface Header {
  readonly svg: string;
  readonly w: number;
  readonly h: number;
}

function buildHeader(analysis: Analysis, tenants: ReadonlyMap<string, number>, notes: readonly string[], loose: number, maxW: number): Header {
  const model = analysis.model;
  const out: string[] = [];
  const count = (k: Kind) => model.byKind.get(k)?.length ?? 0;
  const parts = [
    plural(count('host'), 'host'),
    count('vm') && plural(count('vm'), 'VM'),
    count('container') && plural(count('container'), 'container'),
    count('app') && plural(count('app'), 'app'),
    plural(model.kernels.length, 'kernel'),
  ].filter((p): p is string => typeof p === 'string');
  const sev = { error: 0, warning: 0, info: 0 };
  for (const fd of analysis.findings) sev[fd.severity]++;
  const findingText = SEVERITIES.filter((s) => sev[s] > 0).map((s) => plural(sev[s], s)).join(', ') || 'no findings';
  let y = MARGIN + 16;
  const title = `${parts.join(' · ')} — ${findingText}${loose > 0 ? ` (${loose} not tied to a node)` : ''}`;
  out.push(`<text class="tt" x="${MARGIN}" y="${y}">${escapeXml(title)}</text>`);
  let w = textWidth(title, 15, true);
  y += 10;

  // Legend: kernel boundary styles present in the model, then tenants.
  const items: { swatch: string; label: string }[] = [];
  const kinds = new Set(model.kernels.map((k) => k.kind));
  const kernelNames: Record<Kernel['kind'], string> = { host: 'host kernel', guest: 'guest (VM) kernel', sandbox: 'gVisor sandbox kernel', microvm: 'micro-VM kernel', 'utility-vm': 'Hyper-V utility-VM kernel' };
  for (const k of ['host', 'guest', 'sandbox', 'microvm', 'utility-vm'] as const) {
    if (kinds.has(k)) items.push({ swatch: `<path class="kb kb-${k}" d="M0,7H26"/>`, label: kernelNames[k] });
  }
  for (const [name, i] of tenants) {
    const decl = model.tenants.get(name);
    const trust = decl?.node.props.trust;
    items.push({ swatch: `<rect class="tnt tn${i % TENANT_COLOURS}" x="0" y="0" width="26" height="14" rx="3"/>`, label: `tenant ${name}${trust ? ` (${trust})` : decl ? '' : ' (not declared)'}` });
  }
  if (items.length) {
    y += 6;
    let x = MARGIN;
    const rowH = 20;
    let rowY = y;
    for (const it of items) {
      const label = truncate(it.label, 220, FONT);
      const iw = 32 + textWidth(label, FONT) + 18;
      if (x > MARGIN && x + iw > MARGIN + maxW) {
        x = MARGIN;
        rowY += rowH;
      }
      out.push(`<g class="legend" transform="translate(${f(x)},${f(rowY)})">${it.swatch}<text class="tn" x="32" y="11">${escapeXml(label)}</text></g>`);
      x += iw;
      w = Math.max(w, x - MARGIN);
    }
    y = rowY + rowH;
  }
  for (const note of notes) {
    y += 4;
    const lineW = Math.min(maxW, textWidth(note, FONT) + 20);
    out.push(`<g class="note-box"><rect class="note" x="${MARGIN}" y="${f(y)}" width="${f(lineW)}" height="22" rx="3"/>${textEl('tn', MARGIN + 10, y + 15, note, lineW - 20, FONT)}</g>`);
    y += 22;
    w = Math.max(w, lineW);
  }
  y += 14;
  return { svg: out.join(''), w, h: y - MARGIN };
}

function renderEmpty(theme: Theme, notes: readonly string[], options: LayersOptions, hasTenants: boolean): string {
  const lines = [
    hasTenants ? 'Only tenants so far: nothing to draw yet.' : 'Nothing to draw yet.',
    'Declare a host to see its layers, for example:',
    'host web1 { os: debian-12; engine docker1 { container api { image: "acme/api:1.0" } } }',
    ...notes,
  ];
  const width = Math.ceil(Math.max(...lines.map((l) => textWidth(l, 13))) + 2 * MARGIN + 40);
  const height = MARGIN * 2 + lines.length * 22 + 20;
  const out = [svgOpen(width, height, theme, options), `<rect class="bg" x="0" y="0" width="${width}" height="${height}"/>`];
  out.push(`<g class="placeholder"><rect class="b-sum" x="${MARGIN}" y="${MARGIN}" width="${width - 2 * MARGIN}" height="${height - 2 * MARGIN}" rx="6"/>`);
  lines.forEach((l, i) => out.push(`<text class="${i === 0 ? 'th' : 'tn'}" x="${MARGIN + 20}" y="${MARGIN + 26 + i * 22}">${escapeXml(l)}</text>`));
  out.push('</g></svg>\n');
  return out.join('');
}
