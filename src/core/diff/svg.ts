// The diff picture as a layered SVG: the union of both versions (picture.ts) drawn with the
// layered diagram's own boxes, layout and drawing (render/boxes.ts, layout.ts, svg.ts), laid out
// once, so unchanged boxes keep their places. Each changed box carries its mark in colour AND in
// text: "+" added (green, solid), "−" removed (red, dashed, faded, where it was), "→" moved
// (amber, at its new place, "moved from …", with a dashed arrow from its ghost "⇠" at the old
// place), "~" changed (amber, "memory: 2GiB → (removed)"). Findings introduced and resolved are
// badges ("⚠ 1 new", "✓ 1 resolved"); a kernel newly shared by tenants is ringed and named; a
// legend says what each mark means; unchanged parts fold into "… N unchanged" boxes. Pure and
// deterministic; every piece of user text goes through escapeXml (render/text.ts).
import type { ModelNode, ResolvedLink } from '../model/model';
import { type Box, type BoxTree, bar, makeBox, newBox, orderBySharedKernel } from '../render/boxes';
import { nameOf, tenantIndexOf } from '../render/labels';
import { BADGE_H, BAR1, BAR2, FONT, FONT_SMALL, LINK_SPACE, MARGIN, ROOT_WRAP, measureBoxes, placeBoxes } from '../render/layout';
import { drawBoxes, drawLinks, f, svgOpen, textEl } from '../render/svg';
import { escapeXml, textWidth } from '../render/text';
import { type Rules, type Theme, themedCss } from '../render/theme';
import { plural } from '../analysis/format';
import { diffHeadline } from './format';
import { MARK_SYMBOL, type DiffPicture, type LinkMark, type PictureNode } from './picture';
import { changeText, findingText, hiddenText, kindCounts, legendEntries, markLines, pathText, shareText, worstSeverity } from './words';

export interface DiffSvgOptions {
  readonly theme?: Theme;
  /** Embed the stylesheet (default true). */
  readonly embedStyle?: boolean;
  /** A CSP nonce for the embedded `<style>`. */
  readonly styleNonce?: string;
  /** The model's path, the base and the head as the reader should see them (for the title). */
  readonly file?: string;
  readonly baseLabel?: string;
  readonly headLabel?: string;
}

/** Room above the top boxes for badges that sit on their top edge. */
const BADGE_ROOM = 10;
const HEADER_W = 560;

/** The picture as a standalone SVG. Same picture and options, same string. */
export function renderDiffSvg(picture: DiffPicture, options: DiffSvgOptions = {}): string {
  const theme: Theme = options.theme === 'dark' || options.theme === 'high-contrast' ? options.theme : 'light';
  const tenants = tenantIndexOf([...picture.head.model.tenants.keys(), ...picture.base.model.tenants.keys()], picture.nodes.map((p) => p.node));

  // Boxes of the visible nodes, in pre-order; hidden children become one "… N unchanged" box, last.
  const root = newBox(undefined, 'root', { wrap: ROOT_WRAP });
  const boxes: Box[] = [root];
  const boxOf = new Map<ModelNode, Box>();
  const boxOfPicture = new Map<PictureNode, Box>();
  type Item = { p: PictureNode; parent: Box } | { hiddenOf: PictureNode; parent: Box };
  const stack: Item[] = [];
  const pushKids = (kids: readonly PictureNode[], parent: Box) => {
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].visible) stack.push({ p: kids[i], parent });
  };
  pushKids(picture.roots, root);
  while (stack.length) {
    const item = stack.pop()!;
    if ('hiddenOf' in item) {
      const p = item.hiddenOf;
      const s = newBox(p.node, 'summary', { bars: [bar('sum', `… ${plural(p.hiddenCount, 'unchanged node')}`, kindCounts(p.hidden))] });
      s.summaryOf = p.node;
      s.summaryTitle = hiddenText(p.hidden);
      boxes.push(s);
      item.parent.children.push(s);
      continue;
    }
    const p = item.p;
    const box = boxFor(picture, p, tenants);
    boxes.push(box);
    item.parent.children.push(box);
    boxOfPicture.set(p, box);
    if (p.mark !== 'ghost') boxOf.set(p.node, box);
    if (p.mark === 'ghost') continue;
    if (p.hiddenCount > 0) stack.push({ hiddenOf: p, parent: box });
    pushKids(p.children, box);
  }
  if (picture.hiddenTop.size > 0) {
    let n = 0;
    for (const c of picture.hiddenTop.values()) n += c;
    // It stands for the first hidden top-level node (the drawing needs a node for its attributes).
    const first = picture.roots.find((r) => !r.visible)!.node;
    const s = newBox(first, 'summary', { bars: [bar('sum', `… ${plural(n, 'unchanged node')}`, kindCounts(picture.hiddenTop))] });
    s.summaryOf = first;
    s.summaryTitle = `… unchanged, hidden: ${kindCounts(picture.hiddenTop)}`;
    boxes.push(s);
    root.children.push(s);
  }
  orderBySharedKernel(boxes);
  const tree: BoxTree = { root, boxes, boxOf, summaryOf: new Map(), overflow: undefined, depthCapped: 0, loose: 0 };
  measureBoxes(tree);

  const header = buildHeader(picture, options, Math.max(root.w, HEADER_W));
  const width = Math.ceil(Math.max(root.w, header.w) + 2 * MARGIN);
  const links = picture.links.length > 0;
  placeBoxes(tree, MARGIN, MARGIN + header.h + BADGE_ROOM + (links ? LINK_SPACE : 0));
  const height = Math.ceil(root.y + root.h + MARGIN);

  const out: string[] = [];
  out.push(svgOpen(width, height, theme, { embedStyle: options.embedStyle, styleNonce: options.styleNonce, extraCss: diffCss(), ariaLabel: 'Strata architecture diff' }));
  out.push(`<rect class="bg" x="0" y="0" width="${width}" height="${height}"/>`);
  out.push(header.svg);
  drawBoxes(tree, out, undefined);
  drawMoves(picture, boxOfPicture, out);
  for (const [p, b] of boxOfPicture) drawOverlays(p, b, out);
  if (links) {
    for (const mark of ['unchanged', 'removed', 'added'] as const) {
      const list = linksOf(picture, mark);
      if (!list.length) continue;
      out.push(`<g class="d-links d-links-${mark}">`);
      drawLinks(list, tree, out);
      out.push('</g>');
    }
  }
  out.push('</svg>\n');
  return out.join('');
}

/** A node's box with its mark: the symbol before its name, what changed in its detail line, a class for the colours. */
function boxFor(picture: DiffPicture, p: PictureNode, tenants: ReadonlyMap<string, number>): Box {
  const n = p.node;
  if (p.mark === 'ghost') {
    const g = newBox(n, n.kind, { bars: [bar('sum', `${MARK_SYMBOL.ghost} ${nameOf(n)}`, `old place · moved to ${pathText(p.path ?? [])}`)] });
    g.marks = 'd-ghost';
    return g;
  }
  const text = p.mark === 'removed' ? picture.base.text : picture.head.text;
  let b = makeBox(n, text, tenants);
  const share = shareText(p);
  const marks = [p.mark !== 'unchanged' ? `d-${p.mark}` : '', p.share ? 'd-share' : ''].filter(Boolean).join(' ');
  const sym = MARK_SYMBOL[p.mark];
  const said = p.mark === 'moved' ? `moved from ${pathText(p.path ?? [])}` : p.changes.length ? p.changes.map(changeText).join(' · ') : '';
  if (b.header !== undefined && sym) b = { ...b, header: `${sym} ${b.header}${said ? ` (${said})` : ''}` };
  else if (b.bars.length && (sym || said)) {
    const first = b.bars[0];
    const detail = [said, p.mark === 'moved' && p.changes.length ? p.changes.map(changeText).join(' · ') : '', first.detail].filter(Boolean).join(' · ');
    b.bars[0] = { ...first, main: sym ? `${sym} ${first.main}` : first.main, detail: detail || undefined, h: detail ? BAR2 : BAR1 };
  }
  if (share && b.stripText !== undefined) b = { ...b, stripText: `${share} · ${b.stripText}` };
  b.marks = marks || undefined;
  return b;
}

/** The drawn rectangle of a box: framed boxes fill their allotted height; bar stacks sit at its bottom. */
function rectOf(b: Box): { x: number; y: number; w: number; h: number } {
  const h = b.framed ? b.ah : b.h;
  return { x: b.x, y: b.framed ? b.y : b.y + b.ah - b.h, w: b.w, h };
}

/** A dashed amber arrow from each ghost to where its node went. */
function drawMoves(picture: DiffPicture, boxOf: ReadonlyMap<PictureNode, Box>, out: string[]): void {
  const movedById = new Map<string, PictureNode>();
  for (const p of picture.nodes) if (p.mark === 'moved' && p.node.id !== undefined) movedById.set(p.node.id, p);
  for (const [p, gb] of boxOf) {
    if (p.mark !== 'ghost' || p.node.id === undefined) continue;
    const to = movedById.get(p.node.id);
    const tb = to && boxOf.get(to);
    if (!tb) continue;
    const a = rectOf(gb);
    const b = rectOf(tb);
    const x1 = a.x + a.w / 2;
    const y1 = a.y;
    const x2 = b.x + b.w / 2;
    const y2 = b.y;
    const lift = Math.min(LINK_SPACE + 40, 30 + Math.abs(x2 - x1) * 0.15);
    const top = Math.min(y1, y2) - lift;
    out.push(
      `<g class="d-move" data-id="${escapeXml(p.node.id)}"><title>${escapeXml(`${p.node.kind} ${p.node.id} moved from ${pathText(to!.path ?? [])} to ${pathText(p.path ?? [])}`)}</title>` +
        `<path class="d-movepath" d="M${f(x1)},${f(y1)}C${f(x1)},${f(top)} ${f(x2)},${f(top)} ${f(x2)},${f(y2)}" marker-end="url(#strata-arrow)"/></g>`,
    );
  }
}

/** The ring around a newly shared kernel's owner and the finding badges on a box's top edge. */
function drawOverlays(p: PictureNode, b: Box, out: string[]): void {
  const r = rectOf(b);
  const idAttr = p.node.id !== undefined ? ` data-id="${escapeXml(p.node.id)}"` : '';
  if (p.share && p.share.change !== 'no longer shared') {
    out.push(`<rect class="d-ring"${idAttr} x="${f(r.x - 4)}" y="${f(r.y - 4)}" width="${f(r.w + 8)}" height="${f(r.h + 8)}" rx="8"><title>${escapeXml(shareText(p)!)}</title></rect>`);
  }
  let x = r.x + r.w - 6;
  const pill = (cls: string, label: string, title: string, data: string) => {
    const w = Math.ceil(textWidth(label, FONT_SMALL, true)) + 14;
    x -= w;
    out.push(
      `<g class="d-badge ${cls}"${idAttr}${data}><title>${escapeXml(title)}</title>` +
        `<rect class="${cls}" x="${f(x)}" y="${f(r.y - BADGE_H / 2)}" width="${w}" height="${BADGE_H}" rx="8"/>` +
        `<text class="bt" x="${f(x + w / 2)}" y="${f(r.y + 4)}">${escapeXml(label)}</text></g>`,
    );
    x -= 4;
  };
  if (p.resolved.length) pill('d-resolved', `✓ ${p.resolved.length} resolved`, p.resolved.map((fd) => findingText(fd, false)).join('\n'), ` data-resolved="${p.resolved.length}"`);
  if (p.introduced.length) {
    const worst = worstSeverity(p.introduced);
    pill(`sev-${worst}`, `${worst === 'error' ? '⛔' : worst === 'warning' ? '⚠' : 'ℹ'} ${p.introduced.length} new`, p.introduced.map((fd) => findingText(fd, true)).join('\n'), ` data-introduced="${p.introduced.length}"`);
  }
  // Everything the mark says, for a reader who hovers (and for screen readers).
  const lines = markLines(p);
  if (lines.length) out.push(`<g class="d-says"${idAttr}><title>${escapeXml(lines.join('\n'))}</title></g>`);
}

/** The links of one mark, as the layered drawing takes them, labels marked in text. */
function linksOf(picture: DiffPicture, mark: LinkMark): ResolvedLink[] {
  const sign = mark === 'added' ? `${MARK_SYMBOL.added} ` : mark === 'removed' ? `${MARK_SYMBOL.removed} ` : '';
  return picture.links
    .filter((l) => l.mark === mark)
    .map((l) => ({ decl: l.link.decl, from: l.from.node, to: l.to.node, label: sign ? `${sign}${l.label ?? mark}` : l.label }));
}

interface Header {
  readonly svg: string;
  readonly w: number;
  readonly h: number;
}

/** Title, headline, legend and the folding note. */
function buildHeader(picture: DiffPicture, options: DiffSvgOptions, maxW: number): Header {
  const out: string[] = [];
  let y = MARGIN + 16;
  const title = `Strata diff${options.file !== undefined ? `: ${options.file}` : ''}${options.baseLabel !== undefined || options.headLabel !== undefined ? ` (${options.baseLabel ?? 'base'} → ${options.headLabel ?? 'head'})` : ''}`;
  out.push(textEl('tt', MARGIN, y, title, maxW, 15));
  let w = Math.min(maxW, textWidth(title, 15, true));
  for (const line of wrap(`${diffHeadline(picture.diff)}.`, maxW, FONT)) {
    y += 18;
    out.push(textEl('tn', MARGIN, y, line, maxW, FONT));
    w = Math.max(w, textWidth(line, FONT));
  }
  // Legend: one sample box per mark present, then the badges and the ring, in words.
  y += 10;
  const items: { swatch: string; label: string }[] = legendEntries(picture.marks).map((e) => ({
    swatch: `<g class="d-${e.mark}"><rect class="b-ctr" x="0" y="0" width="26" height="14" rx="3"/></g>`,
    label: e.text,
  }));
  if (picture.nodes.some((p) => p.introduced.length)) items.push({ swatch: `<rect class="sev-warning" x="0" y="0" width="26" height="14" rx="7"/>`, label: '⚠ N new: findings introduced' });
  if (picture.nodes.some((p) => p.resolved.length)) items.push({ swatch: `<rect class="d-resolved" x="0" y="0" width="26" height="14" rx="7"/>`, label: '✓ N resolved: findings resolved' });
  if (picture.nodes.some((p) => p.share && p.share.change !== 'no longer shared')) items.push({ swatch: `<rect class="d-ring" x="1" y="1" width="24" height="12" rx="3"/>`, label: '⚠ kernel newly shared by tenants' });
  if (items.length) {
    let x = MARGIN;
    let rowY = y;
    for (const it of items) {
      const iw = 32 + textWidth(it.label, FONT) + 18;
      if (x > MARGIN && x + iw > MARGIN + maxW) {
        x = MARGIN;
        rowY += 20;
      }
      out.push(`<g class="legend" transform="translate(${f(x)},${f(rowY)})">${it.swatch}<text class="tn" x="32" y="11">${escapeXml(it.label)}</text></g>`);
      x += iw;
      w = Math.max(w, x - MARGIN);
    }
    y = rowY + 20;
  }
  if (picture.folded && picture.hiddenCount > 0) {
    const note = `Unchanged parts are folded: ${plural(picture.hiddenCount, 'node')} not drawn (the dashed "… unchanged" boxes; strata diff --full draws them).`;
    const lines = wrap(note, maxW - 20, FONT);
    const lineW = Math.min(maxW, Math.max(...lines.map((l) => textWidth(l, FONT))) + 20);
    y += 4;
    out.push(`<g class="note-box"><rect class="note" x="${MARGIN}" y="${f(y)}" width="${f(lineW)}" height="${6 + 16 * lines.length}" rx="3"/>`);
    lines.forEach((l, i) => out.push(textEl('tn', MARGIN + 10, y + 15 + 16 * i, l, lineW - 20, FONT)));
    out.push('</g>');
    y += 6 + 16 * lines.length;
    w = Math.max(w, lineW);
  }
  y += 14;
  return { svg: out.join(''), w, h: y - MARGIN };
}

/** Words into lines no wider than `maxW` (a word longer than a line is cut by textEl). */
function wrap(s: string, maxW: number, size: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of s.split(' ')) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && textWidth(next, size) > maxW) {
      lines.push(cur);
      cur = word;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

// The marks' colours per theme; the symbols and words carry the meaning without them.
const BASE: Rules = {
  '.d-removed': 'opacity:0.6',
  '.d-removed>rect': 'stroke-dasharray:6 4;stroke-width:2px',
  '.d-added>rect,.d-moved>rect,.d-changed>rect': 'stroke-width:2.5px',
  '.d-ghost>rect': 'stroke-dasharray:3 3;stroke-width:1.5px',
  '.d-ring': 'fill:none;stroke-width:3px;stroke-dasharray:10 4',
  '.d-movepath': 'fill:none;stroke-width:2px;stroke-dasharray:6 4',
  '.d-links-added .link': 'stroke-width:2.5px',
  '.d-links-removed .link': 'stroke-dasharray:5 4',
  '.d-links-removed': 'opacity:0.7',
};
/** The marks' colours per theme: added (green), removed (red), moved and changed (amber), and the fill of a moved node's old place. */
export const MARK_COLOURS: Readonly<Record<Theme, { readonly green: string; readonly red: string; readonly amber: string; readonly ghostFill: string }>> = {
  light: { green: '#1a7f37', red: '#cf222e', amber: '#bf8700', ghostFill: '#fffdf2' },
  dark: { green: '#3fb950', red: '#f85149', amber: '#d29922', ghostFill: '#2b2410' },
  'high-contrast': { green: '#7dff8a', red: '#ff6b6b', amber: '#ffd700', ghostFill: '#000000' },
};

const colours = ({ green, red, amber, ghostFill }: (typeof MARK_COLOURS)[Theme]): Rules => ({
  '.d-added>rect': `stroke:${green}`,
  '.d-removed>rect': `stroke:${red}`,
  '.d-moved>rect,.d-changed>rect': `stroke:${amber}`,
  '.d-ghost>rect': `stroke:${amber};fill:${ghostFill}`,
  '.d-ring': `stroke:${red}`,
  '.d-movepath': `stroke:${amber}`,
  '.d-resolved': `fill:${green}`,
  '.d-links-added .link': `stroke:${green}`,
  '.d-links-removed .link': `stroke:${red}`,
});

/**
 * The diagram's own colours that share a hue with the marks are greys in the diff picture, where
 * green, red and amber mean a change: the host's OS and kernel (orange), engines and sandbox
 * kernels (green) and the folding note (amber). Layers and kernels are also named in text. A
 * test checks every colour of the picture's stylesheet against the marks.
 */
export const MUTED: Readonly<Record<Theme, { readonly fill: string; readonly stroke: string; readonly text: string }>> = {
  light: { fill: '#eef1f4', stroke: '#818b98', text: '#59636e' },
  dark: { fill: '#2d333b', stroke: '#8b949e', text: '#9da7b3' },
  'high-contrast': { fill: '#000000', stroke: '#ffffff', text: '#ffffff' },
};

const muted = ({ fill, stroke, text }: (typeof MUTED)[Theme]): Rules => ({
  '.b-oshost,.b-eng': `fill:${fill};stroke:${stroke}`,
  '.kb-host,.ks-host,.kb-sandbox,.ks-sandbox': `stroke:${stroke}`,
  '.tk-host,.tk-sandbox': `fill:${text}`,
  '.note': `fill:${fill};stroke:${stroke}`,
});

let cached: string | undefined;

/** The stylesheet of the marks (and the muted colours), every theme included, scoped under `.strata`. */
export function diffCss(): string {
  return (cached ??= themedCss(BASE, {
    light: { ...muted(MUTED.light), ...colours(MARK_COLOURS.light) },
    dark: { ...muted(MUTED.dark), ...colours(MARK_COLOURS.dark) },
    'high-contrast': { ...muted(MUTED['high-contrast']), ...colours(MARK_COLOURS['high-contrast']) },
  }));
}
