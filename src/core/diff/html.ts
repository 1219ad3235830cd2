// The diff picture as one self-contained HTML page: what was compared, the headline, the SVG
// picture inline, and every change in a table (node, where in the tree, where in the files,
// what the mark says). In a project diff each place names its file ("apps.strata:4"), as the
// text and Markdown outputs do. The page skeleton, its policy (`default-src 'none'`: no script
// can run, nothing is fetched) and its escaping are the render page's own (output/html.ts).
import { escapeHtml, pageClose, pageOpen } from '../output/html';
import type { Theme } from '../render/theme';
import { nodePlace } from './diff';
import { diffHeadline } from './format';
import type { DiffPicture, PictureNode } from './picture';
import { renderDiffSvg } from './svg';
import { idPath } from './picture';
import { lineCell, markLines, pathText } from './words';

export interface DiffHtmlOptions {
  readonly theme?: Theme;
  readonly file?: string;
  readonly baseLabel?: string;
  readonly headLabel?: string;
  /**
   * How a project's file is shown (the CLI: relative to the current folder), for the places of
   * nodes; the places the diff itself carries (properties, findings) are shown as it has them.
   */
  readonly showFile?: (file: string) => string;
}

/** The page. Deterministic. */
export function renderDiffHtml(picture: DiffPicture, options: DiffHtmlOptions = {}): string {
  const theme = options.theme ?? 'light';
  const title = `Strata diff${options.file !== undefined ? `: ${options.file}` : ''}`;
  const out = pageOpen(title, theme);
  if (options.baseLabel !== undefined || options.headLabel !== undefined) out.push(`<p class="muted">Compared ${escapeHtml(options.baseLabel ?? 'base')} with ${escapeHtml(options.headLabel ?? 'head')}.</p>`);
  out.push(`<p><strong>${escapeHtml(diffHeadline(picture.diff))}.</strong></p>`);
  out.push(`<figure>${renderDiffSvg(picture, { theme })}</figure>`);
  const rows = picture.nodes.filter((p) => markLines(p).length > 0);
  out.push('<h2>Changes</h2>');
  if (rows.length) {
    const places = rows.map((p) => placeOf(picture, p, options.showFile));
    const inFiles = places.some((x) => x.file !== undefined);
    out.push('<table class="changes">', `<thead><tr><th>node</th><th>where</th><th>${inFiles ? 'file:line' : 'line'}</th><th>change</th></tr></thead>`, '<tbody>');
    rows.forEach((p, i) => {
      const name = `${p.node.kind} ${p.node.id ?? '(no id)'}`;
      const base = p.mark === 'removed' || p.mark === 'ghost' ? ' (base)' : '';
      out.push(`<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(pathText(idPath(p.node)))}</td><td>${escapeHtml(lineCell(places[i]) + base)}</td><td>${markLines(p, inFiles).map(escapeHtml).join('<br>')}</td></tr>`);
    });
    out.push('</tbody>', '</table>');
    if (rows.some((p) => p.mark === 'removed' || p.mark === 'ghost')) out.push('<p class="muted">Places marked (base) are in the base version: removed nodes and the old places of moved ones.</p>');
  } else out.push('<p>No architectural change.</p>');
  out.push(...pageClose());
  return out.join('\n');
}

/** Where a row's node is declared: in the base for removed nodes and old places, else in the head. */
function placeOf(picture: DiffPicture, p: PictureNode, showFile: ((file: string) => string) | undefined): { line: number; file?: string } {
  const x = nodePlace(p.mark === 'removed' || p.mark === 'ghost' ? picture.base : picture.head, p.node);
  return x.file !== undefined && showFile ? { ...x, file: showFile(x.file) } : x;
}
