// Names and labels shared by the two pictures (the layered SVG and the mermaid flowchart): what a
// node is called, how kinds are counted in words, how detail parts are joined, how a kernel is
// named, and the tenant palette (its light colours are the mermaid classes and the light theme).
import type { Kernel, ModelNode } from '../model/model';
import type { Kind } from '../syntax/ast';
import { effectiveRuntime, kernelOsText } from '../model/queries';
import { plural } from './text';

/** Singular and plural of each kind as a picture says it ("VM", "VMs"). */
export const KIND_PLURAL: Readonly<Record<Kind, readonly [string, string]>> = {
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

/** "3 VMs", "1 engine". */
export function countOfKind(n: number, kind: Kind): string {
  return plural(n, KIND_PLURAL[kind][0], KIND_PLURAL[kind][1]);
}

/** The name a picture shows for a node: its label, else its id, else "(unnamed vm)". */
export function nameOf(n: ModelNode): string {
  return n.label ?? n.id ?? `(unnamed ${n.kind})`;
}

/** The non-empty parts joined with " · " (missing and empty parts are left out). */
export function join(parts: readonly (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' · ');
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

/**
 * The tenant palette in light colours: tenant i (declared first, in document order, then used
 * but undeclared) is drawn with entry `i % TENANT_COLOURS`, as class `tn{i}` in both pictures.
 * The dark and high-contrast themes (theme.ts) have their own colours for the same classes.
 */
export const TENANT_PALETTE: readonly { readonly fill: string; readonly stroke: string }[] = [
  { fill: '#ffd6e0', stroke: '#c2255c' },
  { fill: '#c3fae8', stroke: '#087f5b' },
  { fill: '#ffec99', stroke: '#e67700' },
  { fill: '#e5dbff', stroke: '#6741d9' },
  { fill: '#d3f9d8', stroke: '#2b8a3e' },
  { fill: '#d0ebff', stroke: '#1864ab' },
  { fill: '#ffe8cc', stroke: '#d9480f' },
  { fill: '#e9ecef', stroke: '#343a40' },
];

/** How many tenant colours the palette has; tenant i uses class `tn{i % TENANT_COLOURS}`. */
export const TENANT_COLOURS = TENANT_PALETTE.length;

/**
 * Tenant name → palette index: declared tenants first (document order), then used but undeclared.
 * A name given twice (the diff picture passes both versions' tenants) keeps its first index.
 */
export function tenantIndexOf(tenants: Iterable<string>, nodes: readonly ModelNode[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const name of tenants) if (!index.has(name)) index.set(name, index.size);
  for (const n of nodes) if (n.tenant !== undefined && !index.has(n.tenant)) index.set(n.tenant, index.size);
  return index;
}

/** The tenant colour class of a tenant index: "tn3". */
export function tenantClass(index: number): string {
  return `tn${index % TENANT_COLOURS}`;
}
