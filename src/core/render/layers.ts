// The layered SVG: the picture of stacks drawn from the model. Per host a column built
// bottom-up (hardware, host OS, hypervisor, then per VM its virtual hardware, guest OS, engine,
// containers, apps), hosts side by side, groups as frames, kernel boundaries as dashed outlines
// around everything that shares one kernel, tenants as colours, findings as badges, links as
// arrows. Pure and deterministic: no layout engine, no DOM, no recursion, so any model renders in
// linear time. The steps each have their module:
//   fold.ts    which nodes are drawn as a "+N …" summary
//   boxes.ts   the model → boxes (bars, frames, kernel strips, badges), in pre-order
//   layout.ts  sizes bottom-up, positions top-down
//   header.ts  title, counts, legend, notes
//   svg.ts     laid-out boxes → SVG text
// labels.ts holds the names and labels this picture shares with the mermaid view (mermaid.ts).
import type { Analysis } from '../index';
import { buildBoxes, MAX_DRAW_DEPTH } from './boxes';
import { DEFAULT_MAX_NODES, planFolds } from './fold';
import { buildHeader, renderEmpty } from './header';
import { tenantIndexOf } from './labels';
import { LINK_SPACE, MARGIN, measureBoxes, placeBoxes } from './layout';
import { drawBoxes, drawLinks, svgOpen } from './svg';
import { formatCount, plural } from './text';
import type { Theme } from './theme';

export type { Theme } from './theme';
export { layersCss } from './theme';
export { kernelLabel } from './labels';
export { DEFAULT_MAX_NODES } from './fold';
export { MAX_DRAW_DEPTH } from './boxes';

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

/**
 * Render the analysis as a standalone layered SVG. Pure and deterministic: the same analysis
 * and options give the same string. All user text is escaped; the SVG has no script, no
 * foreignObject, no event attributes and no external references.
 */
export function renderLayersSvg(analysis: Analysis, options: LayersOptions = {}): string {
  const theme: Theme = options.theme === 'dark' || options.theme === 'high-contrast' ? options.theme : 'light';
  const model = analysis.model;
  const syntaxErrors = analysis.findings.reduce((n, f) => n + (f.rule === 'syntax' ? 1 : 0), 0);
  const notes: string[] = [];
  if (syntaxErrors > 0) notes.push(`The file has ${plural(syntaxErrors, 'syntax error')}: showing what could be read.`);

  const tenantIndex = tenantIndexOf(model.tenants.keys(), model.nodes);

  const drawable = model.nodes.filter((n) => n.kind !== 'tenant');
  if (drawable.length === 0) return renderEmpty(theme, notes, options, tenantIndex.size > 0);

  const folds = planFolds(model, drawable.length, options);
  if (folds.note !== undefined) notes.push(folds.note);
  const tree = buildBoxes(analysis, folds.folded, tenantIndex, folds.topLevelShown);
  // Links are bounded like boxes: at most as many arrows as nodes drawn.
  const maxLinks = options.maxNodes !== undefined && options.maxNodes >= 1 ? options.maxNodes : DEFAULT_MAX_NODES;
  if (options.showLinks !== false && model.links.length > maxLinks) notes.push(`At most ${formatCount(maxLinks)} of the ${formatCount(model.links.length)} links are drawn.`);
  if (tree.depthCapped > 0) notes.push(`Nesting deeper than ${MAX_DRAW_DEPTH} levels is folded into summaries.`);
  const root = tree.root;
  measureBoxes(tree);

  // Header: title, counts, legend, notes. Laid out after the diagram width is known.
  const header = buildHeader(analysis, tenantIndex, notes, tree.loose, Math.max(root.w, 560));
  const width = Math.ceil(Math.max(root.w, header.w) + 2 * MARGIN);
  const links = options.showLinks !== false && model.links.length > 0;
  placeBoxes(tree, MARGIN, MARGIN + header.h + (links ? LINK_SPACE : 0));
  const height = Math.ceil(root.y + root.h + MARGIN);

  // Draw.
  const out: string[] = [];
  out.push(svgOpen(width, height, theme, options));
  out.push(`<rect class="bg" x="0" y="0" width="${width}" height="${height}"/>`);
  out.push(header.svg);
  drawBoxes(tree, out, options.highlightId);
  if (links) drawLinks(model.links, tree, out, maxLinks);
  out.push('</svg>\n');
  return out.join('');
}
