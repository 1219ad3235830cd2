// The diff picture as one self-contained HTML page: the headline, the SVG picture inline, and
// every change in a table (node, where, what the mark says). The page skeleton, its policy
// (`default-src 'none'`: no script can run, nothing is fetched) and its escaping are the
// render page's own (output/html.ts).
import { escapeHtml, pageClose, pageOpen } from '../output/html';
import type { Theme } from '../render/theme';
import { diffHeadline } from './format';
import type { DiffPicture } from './picture';
import { renderDiffSvg } from './svg';
import { idPath } from './picture';
import { markLines, pathText } from './words';

export interface DiffHtmlOptions {
  readonly theme?: Theme;
  readonly file?: string;
  readonly baseLabel?: string;
  readonly headLabel?: string;
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
    out.push('<table class="changes">', '<thead><tr><th>node</th><th>where</th><th>change</th></tr></thead>', '<tbody>');
    for (const p of rows) {
      const name = `${p.node.kind} ${p.node.id ?? '(no id)'}`;
      out.push(`<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(pathText(idPath(p.node)))}</td><td>${markLines(p).map(escapeHtml).join('<br>')}</td></tr>`);
    }
    out.push('</tbody>', '</table>');
  } else out.push('<p>No architectural change.</p>');
  out.push(...pageClose());
  return out.join('\n');
}
