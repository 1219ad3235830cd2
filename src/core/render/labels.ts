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

/** A tenant colour: the fill of the tenant's boxes and their outline. */
export interface TenantColour {
  readonly fill: string;
  readonly stroke: string;
}

/**
 * The tenant palette, per theme: tenant i (declared first, in document order, then used but
 * undeclared) is drawn with entry `i % TENANT_COLOURS`, as class `tn{i}` in both pictures (the
 * light colours are also the mermaid view's tenant classes). Its hues keep away from green, red
 * and amber: those are the diff picture's marks (added, removed, moved and changed) and the
 * findings' severities, so no tenant's box can be taken for a change or a warning (a test checks
 * the distance of hues). Grape, indigo, blue, violet and grey: the grey last, as it looks like a
 * box without a tenant; the tenant is also named in text.
 */
export const TENANT_PALETTES: Readonly<Record<'light' | 'dark' | 'high-contrast', readonly TenantColour[]>> = {
  light: [
    { fill: '#f3d9fa', stroke: '#9c36b5' },
    { fill: '#dbe4ff', stroke: '#3b5bdb' },
    { fill: '#d0ebff', stroke: '#1864ab' },
    { fill: '#e5dbff', stroke: '#6741d9' },
    { fill: '#e9ecef', stroke: '#495057' },
  ],
  dark: [
    { fill: '#44204f', stroke: '#e599f7' },
    { fill: '#1f2a63', stroke: '#91a7ff' },
    { fill: '#123c63', stroke: '#74c0fc' },
    { fill: '#3b2a73', stroke: '#b197fc' },
    { fill: '#343a40', stroke: '#ced4da' },
  ],
  'high-contrast': [
    { fill: '#000000', stroke: '#f08cff' },
    { fill: '#000000', stroke: '#8da2ff' },
    { fill: '#000000', stroke: '#5cc8ff' },
    { fill: '#000000', stroke: '#c9a7ff' },
    { fill: '#000000', stroke: '#ffffff' },
  ],
};

/** The light palette (the mermaid view's tenant classes). */
export const TENANT_PALETTE: readonly TenantColour[] = TENANT_PALETTES.light;

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
