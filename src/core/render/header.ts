// The layered SVG's header (title with counts and findings, legend of kernel boundaries and
// tenants, notes) and the placeholder picture of a model with nothing to draw.
import type { Analysis } from '../index';
import type { Kernel } from '../model/model';
import type { Kind } from '../syntax/ast';
import { tenantClass } from './labels';
import { FONT, MARGIN } from './layout';
import { SEVERITIES, type SvgOpenOptions, f, svgOpen, textEl } from './svg';
import { escapeXml, formatCount, plural, textWidth, truncate } from './text';
import type { Theme } from './theme';

export interface Header {
  readonly svg: string;
  readonly w: number;
  readonly h: number;
}

/** Tenants listed in the legend at most. */
const MAX_LEGEND_TENANTS = 40;

export function buildHeader(analysis: Analysis, tenants: ReadonlyMap<string, number>, notes: readonly string[], loose: number, maxW: number): Header {
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
  let listed = 0;
  for (const [name, i] of tenants) {
    // The legend is bounded like the picture: past MAX_LEGEND_TENANTS one item counts the rest.
    if (listed++ === MAX_LEGEND_TENANTS) {
      items.push({ swatch: '', label: `and ${formatCount(tenants.size - MAX_LEGEND_TENANTS)} more tenants` });
      break;
    }
    const decl = model.tenants.get(name);
    const trust = decl?.node.props.trust;
    const label = decl?.node.props.label ?? decl?.node.label;
    items.push({
      swatch: `<rect class="tnt ${tenantClass(i)}" x="0" y="0" width="26" height="14" rx="3"/>`,
      label: `tenant ${name}${label !== undefined && label !== name ? ` "${label}"` : ''}${trust ? ` (${trust})` : decl ? '' : ' (not declared)'}`,
    });
  }
  if (items.length) {
    y += 6;
    let x = MARGIN;
    const rowH = 20;
    let rowY = y;
    for (const it of items) {
      const label = truncate(it.label, 340, FONT);
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

export function renderEmpty(theme: Theme, notes: readonly string[], options: SvgOpenOptions, hasTenants: boolean): string {
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
