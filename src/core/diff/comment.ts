// The pull-request comment of `strata diff --format markdown`: the title and headline, ONE
// picture of the change (a mermaid flowchart GitHub draws, with a text mark on every changed
// node), its legend, a summary table, and the full list of changes folded into <details>.
// User text is escaped for Markdown (`mdText`) and for mermaid (`escapeMermaidLabel`).
import { mdDetails, mdFence, mdText } from '../output/markdown';
import { plural } from '../analysis/format';
import { MARK_SYMBOL, type DiffPicture } from './picture';
import { renderDiffMermaid } from './mermaid';
import { type DiffFormatOptions, diffMarkdownHead, diffMarkdownSections, diffSummaryTable } from './format';

/** The comment as Markdown. Deterministic. */
export function diffComment(picture: DiffPicture, options: DiffFormatOptions = {}): string {
  const d = picture.diff;
  const out = [...diffMarkdownHead(d, options)];
  if (d.changed || picture.nodes.some((p) => p.introduced.length || p.resolved.length)) {
    const m = renderDiffMermaid(picture);
    if (m.text) out.push(mdFence('mermaid', m.text), '');
    const legend = [
      `${MARK_SYMBOL.added} added`,
      `${MARK_SYMBOL.removed} removed (dashed)`,
      `${MARK_SYMBOL.moved} moved (${MARK_SYMBOL.ghost} its old place)`,
      `${MARK_SYMBOL.changed} changed: before → after`,
      '⚠ finding introduced',
      '✓ finding resolved',
    ];
    const folded = picture.folded && picture.hiddenCount > 0 ? ` Unchanged parts are folded: ${plural(picture.hiddenCount, 'node')} not drawn.` : '';
    out.push(`<sub>${mdText(legend.join(' · '))}.${mdText(folded)}</sub>`, '');
    if (m.note) out.push(`> ${mdText(m.note)}`, '');
  }
  out.push(diffSummaryTable(d), '');
  out.push(mdDetails('The full list: findings, kernels, stats, nodes, properties, links', diffMarkdownSections(d, options).join('\n').trimEnd()), '');
  return out.join('\n');
}
