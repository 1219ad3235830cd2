// The diff picture as a mermaid flowchart, for the pull-request comment: the union of both
// versions as nested subgraphs, each changed node with a class (colour) AND a text mark
// ("+ added", "− removed", "→ moved from …", "~ memory: 1GiB → (removed)", "⚠ new warning …"),
// so the marks survive GitHub's sanitizer, greyscale and a failed style. Ids are generated
// (`n0`, … in the picture's pre-order; `h0`, … for hidden-node counts), never user text; user
// text appears only in quoted labels escaped by `escapeMermaidLabel`, the mermaid view's own
// rules (it opens no directive, comment, click handler, style or statement). Checked against
// mermaid 10.9 (GitHub) and 11 in Chromium.
import { escapeMermaidLabel, labelOf } from '../render/mermaid';
import { plural } from '../analysis/format';
import type { DiffPicture, PictureNode } from './picture';
import { SEVERITY_SIGN, changeText, hiddenText, kindCounts, markText, shareText, worstSeverity } from './words';
import type { DiffFinding } from './diff';

export interface DiffMermaidResult {
  readonly text: string;
  /** Nodes drawn (hidden-node counts included). */
  readonly drawn: number;
  /** Set when the picture is too large for mermaid and was cut; say so to the reader. */
  readonly note?: string;
}

/** Mermaid slows down badly near 1,000 nodes; GitHub refuses large diagrams. */
export const DIFF_MERMAID_MAX_NODES = 400;
/** Mermaid's default `maxTextSize`. */
const MAX_TEXT = 50_000;
const MAX_DEPTH = 40;
/** Label parts per node: the mark, changes and findings beyond it are counted ("+3 more"). */
const MAX_LINES = 4;

// Colours that read on GitHub's light and dark themes; the text marks carry the meaning.
const CLASS_DEFS = [
  'classDef added fill:#dafbe1,stroke:#1a7f37,stroke-width:3px,color:#0d2818',
  'classDef removed fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:6 4,color:#6e7781,opacity:0.75',
  'classDef moved fill:#fff8c5,stroke:#bf8700,stroke-width:3px,color:#3b2300',
  'classDef ghost fill:#ffffff,stroke:#bf8700,stroke-width:1px,stroke-dasharray:3 3,color:#6e7781',
  'classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#3b2300',
  'classDef unchanged fill:#f6f8fa,stroke:#8c959f,color:#1f2328',
  'classDef hidden fill:#ffffff,stroke:#8c959f,stroke-dasharray:2 2,color:#59636e',
  'classDef shared stroke:#cf222e,stroke-width:4px',
  'classDef finding stroke:#bf8700,stroke-width:3px',
];

/** The picture as mermaid flowchart text. Deterministic; never throws. */
export function renderDiffMermaid(picture: DiffPicture, options: { maxNodes?: number } = {}): DiffMermaidResult {
  const max = options.maxNodes ?? DIFF_MERMAID_MAX_NODES;
  let visible = picture.nodes.filter((p) => p.visible);
  let note: string | undefined;
  if (visible.length > max) {
    // Keep the changed nodes and their ancestors only; then cut.
    const keep = new Set<PictureNode>();
    for (const p of visible) {
      if (p.mark === 'unchanged' && !p.introduced.length && !p.resolved.length && !p.share) continue;
      for (let a: PictureNode | undefined = p; a && !keep.has(a); a = a.parent) keep.add(a);
    }
    const kept = visible.filter((p) => keep.has(p));
    visible = kept.slice(0, max);
    note = `The change touches ${plural(kept.length, 'node')}: the diagram shows ${visible.length === kept.length ? 'only the changed nodes and what holds them' : `the first ${visible.length} of them`}. The full list below has every change.`;
  }
  const drawn = new Set(visible);
  const ids = new Map<PictureNode, string>();
  for (const p of visible) ids.set(p, `n${p.index}`);
  const lines = ['flowchart TB'];
  const classes = new Map<string, string[]>();
  const addClass = (cls: string, id: string) => (classes.get(cls) ?? classes.set(cls, []).get(cls)!).push(id);
  let hidden = 0;
  let count = 0;

  type Item = { p: PictureNode; depth: number } | { end: true; depth: number };
  const stack: Item[] = [];
  const roots = picture.roots.filter((r) => drawn.has(r));
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ p: roots[i], depth: 1 });
  while (stack.length) {
    const item = stack.pop()!;
    const indent = '  '.repeat(Math.min(item.depth, 20));
    if ('end' in item) {
      lines.push(`${indent}end`);
      continue;
    }
    const p = item.p;
    const id = ids.get(p)!;
    count++;
    addClass(p.mark, id);
    if (p.share && p.share.change !== 'no longer shared') addClass('shared', id);
    else if (p.introduced.length && p.mark === 'unchanged') addClass('finding', id);
    const kids = p.children.filter((c) => drawn.has(c));
    const label = q(nodeLabel(p));
    if ((kids.length === 0 && p.hiddenCount === 0) || item.depth >= MAX_DEPTH) {
      lines.push(`${indent}${id}[${label}]`);
      continue;
    }
    lines.push(`${indent}subgraph ${id}[${label}]`);
    stack.push({ end: true, depth: item.depth });
    if (p.hiddenCount > 0 && p.mark !== 'ghost') {
      const hid = `h${hidden++}`;
      count++;
      addClass('hidden', hid);
      lines.push(`${indent}  ${hid}[${q(hiddenText(p.hidden))}]`);
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ p: kids[i], depth: item.depth + 1 });
  }
  if (picture.hiddenTop.size > 0) {
    lines.push(`  top[${q(`… unchanged, hidden: ${kindCounts(picture.hiddenTop)} (with what they hold)`)}]`);
    addClass('hidden', 'top');
    count++;
  }
  for (const l of picture.links) {
    const a = ids.get(l.from);
    const b = ids.get(l.to);
    if (!a || !b) continue;
    const text = l.mark === 'added' ? `+ added${l.label !== undefined ? `: ${l.label}` : ''}` : l.mark === 'removed' ? `− removed${l.label !== undefined ? `: ${l.label}` : ''}` : l.label;
    const arrow = l.mark === 'removed' ? '-.->' : l.mark === 'added' ? '==>' : '-->';
    lines.push(text !== undefined ? `  ${a} ${arrow}|${q(text)}| ${b}` : `  ${a} ${arrow} ${b}`);
  }
  for (const d of CLASS_DEFS) lines.push(`  ${d}`);
  for (const [cls, list] of classes) for (let i = 0; i < list.length; i += 200) lines.push(`  class ${list.slice(i, i + 200).join(',')} ${cls}`);
  let text = lines.join('\n') + '\n';
  if (text.length > MAX_TEXT) {
    if (max > 1) return renderDiffMermaid(picture, { maxNodes: Math.floor(max / 2) });
    text = '';
    note = 'The change is too large for a diagram. The full list below has every change.';
  }
  return { text, drawn: count, ...(note ? { note } : {}) };
}

/** The node's label: its mark first, then what the mermaid view says of it, then changes and findings. */
function nodeLabel(p: PictureNode): string {
  const parts: string[] = [];
  const mark = markText(p);
  if (p.mark === 'ghost') return mark;
  if (mark) parts.push(mark);
  parts.push(labelOf(p.node));
  const extra: string[] = p.changes.map(changeText);
  const share = shareText(p);
  if (share) extra.push(share);
  // Rules only: the messages are in the comment's full list.
  if (p.introduced.length) extra.push(`${SEVERITY_SIGN[worstSeverity(p.introduced)]} new ${p.introduced.length === 1 ? p.introduced[0].severity : 'findings'}: ${rules(p.introduced)}`);
  if (p.resolved.length) extra.push(`✓ resolved: ${rules(p.resolved)}`);
  const shown = extra.slice(0, MAX_LINES);
  if (extra.length > shown.length) shown.push(`+${extra.length - shown.length} more`);
  return [...parts, ...shown].join(' · ');
}

function rules(fs: readonly DiffFinding[]): string {
  return [...new Set(fs.map((f) => f.rule))].join(', ');
}

function q(s: string): string {
  return `"${escapeMermaidLabel(s, 240)}"`;
}
