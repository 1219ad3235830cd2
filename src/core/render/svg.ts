// Drawing the layered SVG from laid-out boxes (layout.ts): the `<svg>` element, one `<g>` a box
// with its bars, texts and finding badges, kernel boundaries as dashed outlines, links as arrows.
// Every piece of user text goes through `escapeXml`; the SVG has no script, no foreignObject, no
// event attributes and no external references.
import type { Finding, Severity } from '../diagnostics';
import type { ModelNode, ResolvedLink } from '../model/model';
import { isRuntimeKernel, nodeFile } from '../model/queries';
import type { Box, BoxTree } from './boxes';
import { kernelLabel } from './labels';
import { BADGE_H, FONT, FONT_SMALL, KB, LINK_SPACE, PAD, TEXT_PAD, badgeWidth } from './layout';
import { escapeXml, truncate } from './text';
import { type Theme, layersCss } from './theme';

/** Severities from worst to mildest. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** What the `<svg>` element and its stylesheet need. */
export interface SvgOpenOptions {
  /** Embed the stylesheet (default true). */
  readonly embedStyle?: boolean;
  /** A CSP nonce put on the embedded `<style>` (base64 characters only; others are dropped). */
  readonly styleNonce?: string;
  /** More rules for the embedded stylesheet (another picture's own classes). */
  readonly extraCss?: string;
  /** What the picture is, for screen readers (default "Strata layered diagram"). */
  readonly ariaLabel?: string;
}

/** The opening `<svg>` tag with the stylesheet and the arrowhead marker. */
export function svgOpen(width: number, height: number, theme: Theme, options: SvgOpenOptions): string {
  const style = options.embedStyle === false ? '' : `<style${nonceAttr(options.styleNonce)}>\n${layersCss()}${options.extraCss ? `\n${options.extraCss}` : ''}\n</style>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="strata theme-${theme}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.ariaLabel ?? 'Strata layered diagram')}">` +
    style +
    `<defs><marker id="strata-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0,0L10,5L0,10z"/></marker></defs>`
  );
}

function nonceAttr(nonce: string | undefined): string {
  const clean = nonce?.replace(/[^A-Za-z0-9+/=_-]/g, '');
  return clean ? ` nonce="${clean}"` : '';
}

/** A coordinate: integers as they are, others rounded to one decimal. */
export function f(n: number): string {
  return (n | 0) === n ? '' + n : '' + Math.round(n * 10) / 10;
}

function nodeAttrs(b: Box, hl: string | undefined): string {
  // The summary of top-level nodes not drawn stands for no one node: nothing to unfold by click.
  if (b.kind === 'summary' && !b.summaryOf) return 'class="node k-summary" data-kind="summary" data-overflow="true"';
  const n = b.summaryOf ?? b.node!;
  const kind = b.kind === 'summary' ? 'summary' : n.kind;
  const cls = `node k-${kind}${n.id !== undefined && n.id === hl && b.kind !== 'summary' ? ' hl' : ''}${b.marks ? ` ${b.marks}` : ''}`;
  const id = n.id !== undefined ? ` data-id="${escapeXml(n.id)}"` : '';
  // In a project: the file that declares the node (what each file contributes is told apart).
  const file = nodeFile(n);
  const fileAttr = file !== undefined ? ` data-file="${escapeXml(baseName(file))}"` : '';
  return `class="${cls}"${id} data-kind="${kind}" data-start="${n.decl.start}"${fileAttr}${b.kind === 'summary' ? ' data-collapsed="true"' : ''}`;
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
  const file = nodeFile(n);
  if (file !== undefined) lines.push(`declared in ${baseName(file)}`);
  return lines.join('\n');
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/**
 * Draw every laid-out box of the tree (the root itself has nothing to draw), then the kernel
 * boundaries over them. `highlightId` is drawn highlighted.
 */
export function drawBoxes(tree: BoxTree, out: string[], highlightId: string | undefined): void {
  const boxes = tree.boxes;
  for (let i = 1; i < boxes.length; i++) drawBox(boxes[i], out, highlightId);
  for (const b of boxes) if (b.kernel) drawKernel(b, out);
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
    out.push(`<rect class="b-${br.cls}${br.extra ? ` ${br.extra}` : ''}${tint}"${idAttr} x="${f(left)}" y="${f(br.y)}" width="${f(innerW)}" height="${br.h}" rx="3"/>`);
    // The box's findings go on its first bar (unless it has a header); a bar may carry its own.
    const fs = br.findings ?? (i === 0 && b.header === undefined ? b.findings : undefined);
    const withBadge = fs !== undefined;
    const maxW = innerW - 2 * TEXT_PAD - (withBadge ? badgeWidth(fs) + 4 : 0);
    if (br.detail === undefined) out.push(textEl('tx', left + TEXT_PAD, br.y + 15, br.main, maxW, FONT, '', br.mainW));
    else {
      out.push(textEl('tx', left + TEXT_PAD, br.y + 14, br.main, maxW, FONT, '', br.mainW));
      out.push(textEl('td', left + TEXT_PAD, br.y + 28, br.detail, maxW, FONT_SMALL, '', br.detailW));
    }
    if (withBadge) badge(fs, left + innerW - badgeWidth(fs) - 4, br.y + (br.h - BADGE_H) / 2, out, idAttr);
  }
  if (b.stripText !== undefined && b.kernel) {
    out.push(textEl(`tk tk-${b.kernel.kind}`, left + TEXT_PAD, b.stripY + 13, b.stripText, innerW - 2 * TEXT_PAD, FONT_SMALL));
  }
  out.push('</g>');
}

const BOLD_CLASSES = /^(?:tx|th|tk|tt|bt)\b/;

/** A `<text>` element, truncated to `maxW` with an ellipsis; the full text is the element's own `<title>` when cut. */
export function textEl(cls: string, x: number, y: number, s: string, maxW: number, size: number, extra = '', width = -1): string {
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
  if (isRuntimeKernel(k)) {
    // A sandbox, micro-VM or utility VM of a pod or container: the boundary IS the box's frame
    // (drawn without its own stroke, class kf), so the pod reads as one micro-VM, not nested outlines.
    const r = 6; // the frame's corner radius
    const w = b.w - 2 * r;
    const h = b.ah - 2 * r;
    out.push(`${head} d="M${f(b.x + r)},${f(b.y)}h${f(w)}a${r},${r} 0 0 1 ${r},${r}v${f(h)}a${r},${r} 0 0 1 ${-r},${r}h${f(-w)}a${r},${r} 0 0 1 ${-r},${-r}v${f(-h)}a${r},${r} 0 0 1 ${r},${-r}z">${title}</path>`);
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
export function drawLinks(links: readonly ResolvedLink[], tree: BoxTree, out: string[], maxLinks = Infinity): void {
  const { boxOf, summaryOf, overflow } = tree;
  const visible = (n: ModelNode | undefined): Box | undefined => {
    if (!n) return undefined;
    // The outermost folded ancestor's summary wins; otherwise the node's own box; a node under a
    // top-level node that is not drawn ends at the summary of those.
    let found: Box | undefined;
    let top = n;
    for (let p = n.parent; p; p = p.parent) {
      const s = summaryOf.get(p);
      if (s) found = s;
      top = p;
    }
    if (overflow?.roots.has(top)) return overflow.box;
    return found ?? boxOf.get(n);
  };
  out.push('<g class="links">');
  const seen = new Set<string>();
  let drawn = 0;
  for (const l of links) {
    if (drawn >= maxLinks) break;
    const a = visible(l.from);
    const b = visible(l.to);
    if (!a || !b || a === b) continue;
    const key = `${boxKey(a)}>${boxKey(b)}>${l.label ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    drawn++;
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
  const n = b.summaryOf ?? b.node;
  return n ? `${b.kind === 'summary' ? 's' : 'n'}${n.decl.start}` : 'overflow';
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
