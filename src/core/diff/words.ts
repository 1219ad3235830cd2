// The words of the diff picture, shared by every picture format (SVG, HTML, mermaid, the
// editor's preview): what each mark says next to a node, property changes as "before → after",
// finding badges, kernel sharing and the counts of what is folded away. Plain text: each format
// escapes it for its own channel.
import type { Kind } from '../syntax/ast';
import { list, plural } from '../analysis/format';
import { countOfKind } from '../render/labels';
import { MARK_SYMBOL, type Mark, type PictureNode } from './picture';
import type { DiffFinding, PropertyChange } from './diff';

const KIND_ORDER: readonly Kind[] = ['group', 'host', 'hypervisor', 'vm', 'engine', 'pod', 'container', 'app'];

/** "3 containers, 1 app" for counts by kind, in containment order. */
export function kindCounts(counts: ReadonlyMap<Kind, number>): string {
  return KIND_ORDER.filter((k) => (counts.get(k) ?? 0) > 0)
    .map((k) => countOfKind(counts.get(k)!, k))
    .join(', ');
}

/** A path of ids: "rack1 › esx1", or "(top level)". */
export function pathText(path: readonly string[]): string {
  return path.length ? path.join(' › ') : '(top level)';
}

/** The mark line of a node: "+ added", "→ moved from rack1 › esx1", "⇠ old place: moved to rack2", "" when unchanged. */
export function markText(p: PictureNode): string {
  switch (p.mark) {
    case 'added':
      return `${MARK_SYMBOL.added} added`;
    case 'removed':
      return `${MARK_SYMBOL.removed} removed`;
    case 'moved':
      return `${MARK_SYMBOL.moved} moved from ${pathText(p.path ?? [])}`;
    case 'ghost':
      return `${MARK_SYMBOL.ghost} old place of ${p.node.kind} ${p.node.id ?? ''}: moved to ${pathText(p.path ?? [])}`;
    case 'changed':
      return `${MARK_SYMBOL.changed} changed`;
    default:
      return '';
  }
}

/** "memory: 1GiB → (removed)", "cpu: (not set) → 2", "label: "a" → "b"". */
export function changeText(c: PropertyChange): string {
  const key = c.key === '(label)' ? 'label' : c.key;
  return `${key}: ${c.before ?? '(not set)'} → ${c.after ?? '(removed)'}`;
}

/** One line per finding badge: "⚠ new warning memory-overcommit: …", "✓ resolved no-memory-limit: …". */
export function findingText(f: DiffFinding, introduced: boolean): string {
  return `${introduced ? `${SEVERITY_SIGN[f.severity]} new ${f.severity}` : '✓ resolved'} ${f.rule}: ${f.message}`;
}

/** The short badge text: "⚠ 1 new", "✓ 2 resolved". */
export function badgeText(n: number, introduced: boolean, worst: DiffFinding['severity'] = 'warning'): string {
  return introduced ? `${SEVERITY_SIGN[worst]} ${n} new` : `✓ ${n} resolved`;
}

export const SEVERITY_SIGN: Readonly<Record<DiffFinding['severity'], string>> = { error: '⛔', warning: '⚠', info: 'ℹ' };

/** The worst severity among findings ('info' when empty). */
export function worstSeverity(fs: readonly DiffFinding[]): DiffFinding['severity'] {
  if (fs.some((f) => f.severity === 'error')) return 'error';
  return fs.some((f) => f.severity === 'warning') ? 'warning' : 'info';
}

/** The kernel-sharing line of a kernel's owner: "⚠ kernel newly shared by shop, finance". */
export function shareText(p: PictureNode): string | undefined {
  const s = p.share;
  if (!s) return undefined;
  switch (s.change) {
    case 'newly shared':
      return `⚠ kernel newly shared by tenants ${list(s.kernel.tenants, 8)}`;
    case 'more tenants':
      return `⚠ more tenants on a shared kernel: ${list(s.kernel.newTenants, 8)} joined`;
    case 'no longer shared':
      return `✓ kernel no longer shared (was ${list(s.kernel.tenants, 8)})`;
  }
}

/** "… 4 unchanged hidden: 3 containers, 1 app". */
export function hiddenText(counts: ReadonlyMap<Kind, number>): string {
  let n = 0;
  for (const c of counts.values()) n += c;
  return `… ${plural(n, 'unchanged node')} hidden: ${kindCounts(counts)}`;
}

/** A place in a project diff names its file: "apps.strata:12"; in a one-file diff, the line alone. */
export function lineCell(x: { readonly line: number; readonly file?: string }): string {
  return x.file !== undefined ? `${x.file}:${x.line}` : String(x.line);
}

/**
 * Every line a node's mark carries, in order: the mark, property changes, kernel sharing,
 * findings. With `inFiles`, each property change and finding in a project diff ends with its
 * place, " (apps.strata:3)", as the text output writes it (a property set in an `extend` block
 * may be in another file than its node).
 */
export function markLines(p: PictureNode, inFiles = false): string[] {
  const out: string[] = [];
  const at = (x: { readonly line: number; readonly file?: string }) => (inFiles && x.file !== undefined ? ` (${lineCell(x)})` : '');
  const m = markText(p);
  if (m) out.push(m);
  for (const c of p.changes) out.push(`${MARK_SYMBOL.changed} ${changeText(c)}${at(c)}`);
  const s = shareText(p);
  if (s) out.push(s);
  for (const f of p.introduced) out.push(`${findingText(f, true)}${at(f)}`);
  for (const f of p.resolved) out.push(`${findingText(f, false)}${at(f)}`);
  return out;
}

/** The legend's entries for the marks present: symbol and words. */
export function legendEntries(marks: readonly Mark[]): { mark: Mark; text: string }[] {
  const words: Record<Mark, string> = {
    added: 'added (green, solid)',
    removed: 'removed (red, dashed, faded; where it was)',
    moved: 'moved (amber, at its new place)',
    ghost: 'old place of a moved node (amber outline)',
    changed: 'changed (amber): before → after',
    unchanged: 'unchanged',
  };
  return marks.map((mark) => ({ mark, text: `${MARK_SYMBOL[mark]} ${words[mark]}` }));
}
