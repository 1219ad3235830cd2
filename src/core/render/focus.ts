// Focus: narrow a picture of a whole estate to one host, VM (or any node), tenant or service
// with its context, because whole-estate pictures get large. What is kept:
//   - the focus itself: the node and everything in it; for a tenant or a service, every node
//     that belongs to it (its own `tenant:`/`service:` or inherited) and everything in those;
//   - their ancestors, so each stands where it runs (the frames around it, not their other content);
//   - the kernel they share: the owner of each kernel the focused nodes run on, and the other
//     workloads on that kernel (the neighbours a kernel escape would reach), with their ancestors;
//   - one hop of links: the node at the other end of each link that touches the focus (with its
//     ancestors), and the link.
// Pure. `focusAnalysis` gives an analysis of the kept nodes only (views of the model's nodes that
// keep their declarations, so spans, files and clicks still lead to the source), which every
// renderer draws as it draws a whole model.
import type { Analysis } from '../index';
import type { Kernel, Model, ModelNode, ResolvedLink, TenantDecl } from '../model/model';
import type { Kind } from '../syntax/ast';

/** What to focus on: a node by id, or every node of a tenant or a service. */
export type FocusTarget = { readonly node: string } | { readonly tenant: string } | { readonly service: string };

export interface Focus {
  /** The nodes to draw. */
  readonly nodes: ReadonlySet<ModelNode>;
  /** The focused nodes themselves (without their context). */
  readonly core: ReadonlySet<ModelNode>;
  /** How the picture's title names the focus: "vm 'node1'", "tenant 'shop'", "service 'web'". */
  readonly label: string;
}

/** The nodes of `model` that `target` keeps in the picture, or undefined when it names nothing in the model. */
export function focusOn(model: Model, target: FocusTarget): Focus | undefined {
  const core = new Set<ModelNode>();
  let label: string;
  if ('node' in target) {
    const node = model.byId.get(target.node);
    if (!node || node.kind === 'tenant') return undefined;
    addSubtree(core, node);
    label = `${node.kind} '${target.node}'`;
  } else {
    const tenant = 'tenant' in target;
    const name = tenant ? target.tenant : target.service;
    for (const n of model.nodes) {
      if (n.kind === 'tenant') continue;
      const own = tenant ? n.tenant : n.service;
      // The outermost node of the tenant or service: everything in it comes with it.
      if (own === name && !core.has(n)) addSubtree(core, n);
    }
    if (core.size === 0) return undefined;
    label = `${tenant ? 'tenant' : 'service'} '${name}'`;
  }
  const nodes = new Set<ModelNode>(core);
  for (const n of core) {
    addAncestors(nodes, n);
    const k = n.kernel;
    if (k && !core.has(k.owner)) {
      addAncestors(nodes, k.owner);
      nodes.add(k.owner);
      for (const w of k.workloads) {
        nodes.add(w);
        addAncestors(nodes, w);
      }
    }
  }
  for (const l of model.links) {
    if (!l.from || !l.to) continue;
    const other = core.has(l.from) ? l.to : core.has(l.to) ? l.from : undefined;
    if (!other || other.kind === 'tenant') continue;
    nodes.add(other);
    addAncestors(nodes, other);
  }
  return { nodes, core, label };
}

/**
 * The analysis narrowed to a focus: its model holds the kept nodes (each a view of the model's
 * node with only its kept children), their kernels, the links between kept nodes and every tenant
 * declaration; its findings are those about kept nodes. Undefined when the target names nothing.
 */
export function focusAnalysis(analysis: Analysis, target: FocusTarget): { readonly analysis: Analysis; readonly focus: Focus } | undefined {
  const focus = focusOn(analysis.model, target);
  if (!focus) return undefined;
  const model = analysis.model;
  const keep = new Set(focus.nodes);
  for (const t of model.byKind.get('tenant') ?? []) keep.add(t);
  const views = new Map<ModelNode, ModelNode>();
  const kernels = new Map<Kernel, Kernel>();
  const viewOf = (n: ModelNode): ModelNode => views.get(n)!;
  // Pre-order, so parents have their views before their children.
  const nodes: ModelNode[] = [];
  for (const n of model.nodes) {
    if (!keep.has(n)) continue;
    const v: ModelNode = Object.create(n, { parent: { value: n.parent ? views.get(n.parent) : undefined, enumerable: true } });
    views.set(n, v);
    nodes.push(v);
  }
  for (const [n, v] of views) Object.defineProperty(v, 'children', { value: n.children.filter((c) => keep.has(c)).map(viewOf), enumerable: true });
  for (const k of model.kernels) {
    if (!keep.has(k.owner)) continue;
    const kv: Kernel = Object.create(k, { owner: { value: viewOf(k.owner), enumerable: true }, workloads: { value: k.workloads.filter((w) => keep.has(w)).map(viewOf), enumerable: true } });
    kernels.set(k, kv);
  }
  for (const kv of kernels.values()) if (kv.base) Object.defineProperty(kv, 'base', { value: kernels.get(kv.base) ?? kv.base, enumerable: true });
  for (const [n, v] of views) if (n.kernel) Object.defineProperty(v, 'kernel', { value: kernels.get(n.kernel), enumerable: true, writable: true });
  const byKind = new Map<Kind, ModelNode[]>();
  for (const [kind, list] of model.byKind) byKind.set(kind, list.filter((n) => keep.has(n)).map(viewOf));
  const byId = new Map<string, ModelNode>();
  for (const [id, n] of model.byId) if (keep.has(n)) byId.set(id, viewOf(n));
  const links: ResolvedLink[] = [];
  for (const l of model.links) if (l.from && l.to && keep.has(l.from) && keep.has(l.to)) links.push({ decl: l.decl, from: viewOf(l.from), to: viewOf(l.to), label: l.label });
  const tenants = new Map<string, TenantDecl>();
  for (const [name, t] of model.tenants) tenants.set(name, { name, node: viewOf(t.node) });
  const focused: Model = { nodes, roots: model.roots.filter((r) => keep.has(r)).map(viewOf), byKind, byId, links, tenants, kernels: [...kernels.values()] };
  const findings = analysis.findings.filter((f) => f.nodeId !== undefined && byId.has(f.nodeId) && focus.nodes.has(model.byId.get(f.nodeId)!));
  // The analysis's other fields (text, tree, lines, tokens, project, file) stay as they are.
  const narrowed: Analysis = Object.create(analysis, { model: { value: focused, enumerable: true }, findings: { value: findings, enumerable: true } });
  return { analysis: narrowed, focus };
}

/** What the preview offers to focus on: hosts, VMs, tenants and services, each with its label. */
export function focusChoices(model: Model): { readonly value: string; readonly label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const kind of ['host', 'vm'] as const) {
    for (const n of model.byKind.get(kind) ?? []) if (n.id !== undefined) out.push({ value: focusValue({ node: n.id }), label: `${kind} ${n.id}` });
  }
  const tenants = new Set<string>(model.tenants.keys());
  const services = new Set<string>();
  for (const n of model.nodes) {
    if (n.tenant !== undefined) tenants.add(n.tenant);
    if (n.service !== undefined) services.add(n.service);
  }
  for (const t of [...tenants].sort()) out.push({ value: focusValue({ tenant: t }), label: `tenant ${t}` });
  for (const s of [...services].sort()) out.push({ value: focusValue({ service: s }), label: `service ${s}` });
  return out;
}

/** A focus as one string ("node:ID", "tenant:NAME", "service:NAME"), for messages and state. */
export function focusValue(target: FocusTarget): string {
  if ('node' in target) return `node:${target.node}`;
  if ('tenant' in target) return `tenant:${target.tenant}`;
  return `service:${target.service}`;
}

/** The target a `focusValue` string names, or undefined for anything else. */
export function parseFocusValue(value: string): FocusTarget | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) return undefined;
  const what = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (what === 'node') return { node: name };
  if (what === 'tenant') return { tenant: name };
  if (what === 'service') return { service: name };
  return undefined;
}

function addSubtree(to: Set<ModelNode>, node: ModelNode): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    to.add(n);
    for (const c of n.children) stack.push(c);
  }
}

function addAncestors(to: Set<ModelNode>, node: ModelNode): void {
  for (let p = node.parent; p && !to.has(p); p = p.parent) to.add(p);
}
