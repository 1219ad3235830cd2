// The mermaid view: the model as a flowchart with nested subgraphs (host > hypervisor > vm >
// kernel > engine > pod > container, apps as nodes). Pure text generation; mermaid itself lives
// only in the webview. Ids are generated (`n0`, `n1`, … in pre-order; `k0`, … for kernels),
// never user text; user text appears only inside quoted, escaped labels (`escapeMermaidLabel`),
// so it can open no directive, comment, click handler, style or new statement.
import type { Analysis } from '../index';
import type { Severity } from '../diagnostics';
import type { Kernel, ModelNode } from '../model/model';
import type { Kind } from '../syntax/ast';
import { findHypervisor } from '../catalogue';
import { effectiveRuntime, hypervisorType, isRuntimeKernel, outermostHost } from '../model/queries';
import { countOfKind, join, kernelLabel, nameOf, TENANT_PALETTE, tenantClass, tenantIndexOf } from './labels';
import { formatCount, plural } from './text';
import { visibleBidi } from '../text/controls';

export interface MermaidOptions {
  direction?: 'TB' | 'LR';
  /** Above this many nodes (default 500) only hosts are drawn, with counts. */
  maxNodes?: number;
  /**
   * Draw only these top nodes and what they hold (e.g. one host of a larger model), with the
   * links between them; default: the whole model.
   */
  only?: readonly ModelNode[];
}

export interface MermaidResult {
  readonly text: string;
  /** True when the model was too large and only hosts are drawn. */
  readonly truncated: boolean;
  /** Nodes in the model (tenants not counted). */
  readonly nodeCount: number;
  /** A message for the viewer when the diagram is not the whole model. */
  readonly error?: string;
}

/** Mermaid slows down badly near 1,000 nodes (about 10 s in headless Chromium). */
export const DEFAULT_MERMAID_MAX_NODES = 500;
const MAX_LABEL = 120;
const MAX_DEPTH = 48;

// Mermaid reads labels in several passes before and after parsing, so user text is defused for
// each while keeping what the user sees (checked against mermaid 11.17 in Chromium, with
// `htmlLabels: false`, where only `#lt;` `#gt;` `#amp;` of the entity codes display correctly):
// - `"` would end the quoted label: it becomes the look-alike `”` (U+201D). (`#quot;` is
//   displayed literally as "&quot;" in SVG labels.)
// - `<` `>` `&` become `#lt;` `#gt;` `#amp;` (markup is never formed, and they display right).
// - `%%` (a comment, or a `%%{init}%%` directive, which mermaid finds even inside strings),
//   `#word;` (an entity the user did not mean), mermaid's own entity placeholders (`ﬂ°`, `¶ß`),
//   a backslash (`\n` spelled out breaks the line) and a leading backtick (a markdown string)
//   are broken up by a zero-width space.
// - Line breaks and other controls (which would end the statement) become spaces; bidirectional
//   controls are shown as `<U+202E>` (the text is also printed to terminals and Markdown).
// - When the label contains `style` or `classDef`, `:` becomes `∶` (U+2236): mermaid's
//   `style…:…#…;` pre-processing would otherwise eat a `;`.
const ZWSP = '\u200B';
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MARKUP: Readonly<Record<string, string>> = { '&': '#amp;', '<': '#lt;', '>': '#gt;' };

/**
 * Make user text safe inside a quoted mermaid label (`["…"]` or `|"…"|`) and keep it readable.
 * The result has no `"`, no `%%`, no line break, no `<` `>` `&`, spells no entity and cannot
 * start a markdown string; it is cut at `max` characters with an ellipsis.
 */
export function escapeMermaidLabel(s: string, max = MAX_LABEL): string {
  let t = visibleBidi(s).replace(CONTROLS, ' ');
  if (t.length > max) {
    let end = max - 1;
    const c = t.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    t = t.slice(0, end) + '\u2026';
  }
  t = t
    .replace(/#(?=\w+;)/g, `#${ZWSP}`)
    .replace(/%(?=%)/g, `%${ZWSP}`)
    .replace(/[\uFB02\u00B6\\]/g, (ch) => ch + ZWSP)
    .replace(/"/g, '\u201D')
    .replace(/[&<>]/g, (ch) => MARKUP[ch]);
  if (t.startsWith('`')) t = ZWSP + t;
  if (/style|classDef/.test(t)) t = t.replace(/:/g, '\u2236');
  return t;
}

/** A quoted, escaped label: `"…"`. */
function q(s: string): string {
  return `"${escapeMermaidLabel(s)}"`;
}

const CLASS_DEFS: readonly string[] = [
  'classDef host fill:#eef1f4,stroke:#818b98',
  'classDef hypervisor fill:#eadfff,stroke:#8250df',
  'classDef vm fill:#f6f8fa,stroke:#59636e',
  'classDef engine fill:#d8f5e3,stroke:#1a7f37',
  'classDef pod fill:#f6f8fa,stroke:#818b98',
  'classDef container fill:#ffffff,stroke:#59636e',
  'classDef app fill:#fff8c5,stroke:#9a6700',
  'classDef group fill:none,stroke:#818b98,stroke-dasharray:6 3',
  'classDef kernel fill:none,stroke:#0969da,stroke-width:2px,stroke-dasharray:8 4',
  'classDef hostKernel fill:none,stroke:#bc4c00,stroke-width:2px,stroke-dasharray:8 4',
  'classDef sandbox stroke:#1a7f37,stroke-width:2px,stroke-dasharray:4 3',
  'classDef summary fill:#f6f8fa,stroke:#59636e,stroke-dasharray:4 3',
  'classDef sevError stroke:#cf222e,stroke-width:3px',
  'classDef sevWarning stroke:#bf8700,stroke-width:3px',
  'classDef sevInfo stroke:#0969da,stroke-width:2px',
  // Tenants: the light colours of the shared palette (labels.ts).
  ...TENANT_PALETTE.map((c, i) => `classDef tn${i} fill:${c.fill}`),
];

/**
 * The model as mermaid flowchart text. Deterministic. Above `maxNodes` the result is a summary
 * (one node per host with counts) with `truncated: true` and an `error` to show the user.
 */
export function renderMermaid(analysis: Analysis, options: MermaidOptions = {}): MermaidResult {
  const direction = options.direction === 'LR' ? 'LR' : 'TB';
  const max = options.maxNodes !== undefined && options.maxNodes >= 1 ? options.maxNodes : DEFAULT_MERMAID_MAX_NODES;
  const model = analysis.model;
  const only = options.only ? new Set(options.only) : undefined;
  const inside = (n: ModelNode): boolean => {
    for (let p: ModelNode | undefined = n; p; p = p.parent) if (only!.has(p)) return true;
    return false;
  };
  const nodes = model.nodes.filter((n) => n.kind !== 'tenant' && (!only || inside(n)));
  const nodeCount = nodes.length;
  if (nodeCount === 0) {
    return { text: `flowchart ${direction}\n  empty["Nothing to draw yet. Declare a host to see the diagram."]\n`, truncated: false, nodeCount };
  }
  const ids = new Map<ModelNode, string>();
  for (const n of nodes) ids.set(n, `n${ids.size}`);
  const tenantIndex = tenantIndexOf(model.tenants.keys(), nodes);

  if (nodeCount > max) return summarised(analysis, nodes, ids, direction, max, nodeCount);

  const lines: string[] = [`flowchart ${direction}`];
  const classes = new Map<string, string[]>(); // class → ids
  const addClass = (cls: string, id: string) => {
    const list = classes.get(cls);
    if (list) list.push(id);
    else classes.set(cls, [id]);
  };

  // Worst severity per node id, for a class.
  const worst = new Map<string, Severity>();
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  for (const f of analysis.findings) {
    if (f.nodeId === undefined) continue;
    const w = worst.get(f.nodeId);
    if (w === undefined || rank[f.severity] < rank[w]) worst.set(f.nodeId, f.severity);
  }

  // Pre-order walk with an explicit stack; `end` markers close subgraphs.
  type Item = { node: ModelNode; depth: number } | { end: true; depth: number } | { kernel: Kernel; members: ModelNode[]; depth: number; id: string };
  const stack: Item[] = [];
  const roots = options.only ? options.only.filter((n) => n.kind !== 'tenant') : model.roots.filter((n) => n.kind !== 'tenant');
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i], depth: 1 });
  let kernelCount = 0;
  let capped = false;
  while (stack.length) {
    const item = stack.pop()!;
    const indent = '  '.repeat(Math.min(item.depth, 24));
    if ('end' in item) {
      lines.push(`${indent}end`);
      continue;
    }
    if ('kernel' in item) {
      lines.push(`${indent}subgraph ${item.id}[${q(kernelLabel(item.kernel))}]`);
      stack.push({ end: true, depth: item.depth });
      for (let i = item.members.length - 1; i >= 0; i--) stack.push({ node: item.members[i], depth: item.depth + 1 });
      continue;
    }
    const n = item.node;
    const id = ids.get(n)!;
    const children = n.children.filter((c) => c.kind !== 'tenant');
    const label = labelOf(n);
    const sev = n.id !== undefined && model.byId.get(n.id) === n ? worst.get(n.id) : undefined;
    addClass(n.kind, id);
    if (n.tenant !== undefined && (n.kind === 'vm' || n.kind === 'pod' || n.kind === 'container' || n.kind === 'app')) addClass(tenantClass(tenantIndex.get(n.tenant)!), id);
    if (n.kernel && n.kernel.owner === n && isRuntimeKernel(n.kernel)) addClass('sandbox', id);
    if (sev) addClass(sev === 'error' ? 'sevError' : sev === 'warning' ? 'sevWarning' : 'sevInfo', id);
    if (children.length === 0 || item.depth >= MAX_DEPTH) {
      if (children.length > 0) {
        capped = true;
        lines.push(`${indent}${id}[${q(`${label} (+${plural(countBelow(n), 'nested node')})`)}]`);
      } else lines.push(`${indent}${id}[${q(label)}]`);
      continue;
    }
    lines.push(`${indent}subgraph ${id}[${q(label)}]`);
    stack.push({ end: true, depth: item.depth });
    // Host and guest kernels: the workloads that share the kernel go in a kernel subgraph.
    const k = n.kernel && n.kernel.owner === n && (n.kernel.kind === 'host' || n.kernel.kind === 'guest') ? n.kernel : undefined;
    let rest = children;
    if (k) {
      const members = children.filter((c) => c.kernel === k);
      rest = children.filter((c) => c.kernel !== k);
      const kid = `k${kernelCount++}`;
      addClass(k.kind === 'host' ? 'hostKernel' : 'kernel', kid);
      for (let i = rest.length - 1; i >= 0; i--) stack.push({ node: rest[i], depth: item.depth + 1 });
      if (members.length > 0) stack.push({ kernel: k, members, depth: item.depth + 1, id: kid });
      else lines.push(`${indent}  ${kid}[${q(kernelLabel(k))}]`);
      continue;
    }
    for (let i = rest.length - 1; i >= 0; i--) stack.push({ node: rest[i], depth: item.depth + 1 });
  }
  // A kernel owner without children (a host with only an `os`) still shows its kernel.
  for (const k of model.kernels) {
    if ((k.kind === 'host' || k.kind === 'guest') && ids.has(k.owner) && k.owner.children.every((c) => c.kind === 'tenant')) {
      const kid = `k${kernelCount++}`;
      lines.push(`  ${kid}[${q(kernelLabel(k))}]`);
      lines.push(`  ${kid} --- ${ids.get(k.owner)!}`);
      addClass(k.kind === 'host' ? 'hostKernel' : 'kernel', kid);
    }
  }

  for (const l of model.links) {
    const a = l.from && ids.get(l.from);
    const b = l.to && ids.get(l.to);
    if (!a || !b) continue;
    lines.push(l.label !== undefined ? `  ${a} -->|${q(l.label)}| ${b}` : `  ${a} --> ${b}`);
  }
  emitClasses(lines, classes);
  return { text: lines.join('\n') + '\n', truncated: false, nodeCount, ...(capped ? { error: `Nesting deeper than ${MAX_DEPTH} levels is folded.` } : {}) };
}

function emitClasses(lines: string[], classes: ReadonlyMap<string, string[]>): void {
  for (const d of CLASS_DEFS) lines.push(`  ${d}`);
  for (const [cls, list] of classes) {
    for (let i = 0; i < list.length; i += 200) lines.push(`  class ${list.slice(i, i + 200).join(',')} ${cls}`);
  }
}

/** A node's label in the mermaid view (kind, id, label and what matters for its kind); plain text. */
export function labelOf(n: ModelNode): string {
  const head = n.label !== undefined && n.id !== undefined ? `${n.kind} ${n.id}: ${n.label}` : `${n.kind} ${nameOf(n)}`;
  switch (n.kind) {
    case 'hypervisor': {
      const t = hypervisorType(n);
      return join([head, n.props.product !== undefined ? (findHypervisor(n.props.product)?.name ?? n.props.product) : undefined, t !== undefined && `type ${t}`]);
    }
    case 'engine':
      return join([head, n.props.product, n.props.runtime ?? (n.props.product !== undefined ? effectiveRuntime(n) : undefined)]);
    case 'vm':
      return join([head, n.props.os && `guest OS ${n.props.os}`, n.tenantFrom === n && n.tenant !== undefined && `tenant ${n.tenant}`]);
    case 'host':
      return join([head, n.props.os && `host OS ${n.props.os}`]);
    case 'container': {
      const own = n.kernel && n.kernel.owner === n ? kernelLabel(n.kernel) : undefined;
      return join([head, n.props.image, own, n.tenantFrom === n && n.tenant !== undefined && `tenant ${n.tenant}`]);
    }
    case 'pod': {
      const own = n.kernel && n.kernel.owner === n ? kernelLabel(n.kernel) : undefined;
      return join([head, own, n.tenantFrom === n && n.tenant !== undefined && `tenant ${n.tenant}`]);
    }
    default:
      return head;
  }
}

function countBelow(n: ModelNode): number {
  let c = 0;
  const stack = [...n.children];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'tenant') continue;
    c++;
    for (const y of x.children) stack.push(y);
  }
  return c;
}

/** Hosts only, with counts of what runs on each; links aggregated between hosts. */
function summarised(analysis: Analysis, nodes: readonly ModelNode[], ids: ReadonlyMap<ModelNode, string>, direction: string, max: number, nodeCount: number): MermaidResult {
  const model = analysis.model;
  const lines: string[] = [`flowchart ${direction}`];
  const classes = new Map<string, string[]>();
  const counts = new Map<ModelNode, Map<Kind, number>>();
  const hostOf = outermostHost;
  const hosts = nodes.filter((n) => n.kind === 'host' && hostOf(n) === n);
  for (const n of nodes) {
    if (n.kind === 'host' || n.kind === 'group') continue;
    const h = hostOf(n);
    if (!h) continue;
    let m = counts.get(h);
    if (!m) counts.set(h, (m = new Map()));
    m.set(n.kind, (m.get(n.kind) ?? 0) + 1);
  }
  const shown = hosts.slice(0, max);
  const order: Kind[] = ['vm', 'engine', 'pod', 'container', 'app'];
  for (const h of shown) {
    const id = ids.get(h)!;
    const m = counts.get(h);
    const parts = m ? order.filter((k) => m.has(k)).map((k) => countOfKind(m.get(k)!, k)) : [];
    lines.push(`  ${id}[${q(join([`host ${nameOf(h)}`, h.props.os && `host OS ${h.props.os}`, ...parts]))}]`);
    (classes.get('host') ?? classes.set('host', []).get('host')!).push(id);
  }
  if (hosts.length > shown.length) {
    lines.push(`  more[${q(`+${plural(hosts.length - shown.length, 'more host')}`)}]`);
    classes.set('summary', ['more']);
  }
  // Links between hosts, counted.
  const shownSet = new Set(shown);
  const between = new Map<string, number>();
  for (const l of model.links) {
    const a = l.from && hostOf(l.from);
    const b = l.to && hostOf(l.to);
    if (!a || !b || a === b || !shownSet.has(a) || !shownSet.has(b)) continue;
    const key = `${ids.get(a)!} ${ids.get(b)!}`;
    between.set(key, (between.get(key) ?? 0) + 1);
  }
  for (const [key, n] of [...between].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    const [a, b] = key.split(' ');
    lines.push(`  ${a} -->|${q(plural(n, 'link'))}| ${b}`);
  }
  emitClasses(lines, classes);
  const error = `This model has ${formatCount(nodeCount)} nodes; the mermaid view shows hosts only. Use the Layers view for the full diagram.`;
  return { text: lines.join('\n') + '\n', truncated: true, nodeCount, error };
}
