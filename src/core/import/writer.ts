// Writes an imported model as .strata text that is readable and stable: a header naming the
// inputs, the summary of what was not mapped, tenants, then machines, then links; children in a
// fixed kind order and by id (numbers in ids compared as numbers); each node after a comment that
// says where it was read. Ids are made unique by stable key order, so the same input gives
// byte-identical text.
import type { Kind } from '../syntax/ast';
import { visibleControls } from '../text/controls';
import { str as quote } from './build';
import type { ImportLink, ImportNode, SourceRef, Unmapped } from './types';

const KIND_ORDER: Readonly<Record<Kind, number>> = { tenant: 0, group: 1, host: 2, hypervisor: 3, vm: 4, engine: 5, pod: 6, container: 7, app: 8 };

/** Ids in natural order: runs of digits compare as numbers (`pod-2` before `pod-10`). */
export function compareIds(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca >= 48 && ca <= 57 && cb >= 48 && cb <= 57) {
      let ei = i;
      let ej = j;
      while (ei < a.length && a.charCodeAt(ei) >= 48 && a.charCodeAt(ei) <= 57) ei++;
      while (ej < b.length && b.charCodeAt(ej) >= 48 && b.charCodeAt(ej) <= 57) ej++;
      // Without leading zeros, the longer run is the larger number (compared in place: sorting
      // ten thousand pods compares a lot of ids).
      while (i < ei - 1 && a.charCodeAt(i) === 48) i++;
      while (j < ej - 1 && b.charCodeAt(j) === 48) j++;
      if (ei - i !== ej - j) return ei - i - (ej - j);
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d < 0 ? -1 : 1;
      }
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface WriteInput {
  readonly files: readonly string[];
  readonly tenants: readonly ImportNode[];
  readonly roots: readonly ImportNode[];
  readonly links: readonly ImportLink[];
  readonly unmapped: readonly Unmapped[];
}


/** Nodes with the same key under the same parent become one (their children joined). */
export function mergeByKey(nodes: readonly ImportNode[]): ImportNode[] {
  const byKey = new Map<string, ImportNode>();
  let merged = false;
  for (const n of nodes) {
    const prev = byKey.get(n.key);
    if (!prev) byKey.set(n.key, n);
    else {
      if (!merged) for (const [k, v] of byKey) byKey.set(k, { ...v, children: [...v.children] });
      merged = true;
      byKey.get(n.key)!.children.push(...n.children);
    }
  }
  const out = merged ? [...byKey.values()] : [...nodes];
  // Only groups, hosts and hypervisors are shared between readers; below them keys are unique.
  return out.map((n) => (n.kind === 'group' || n.kind === 'host' || n.kind === 'hypervisor' ? { ...n, children: mergeByKey(n.children) } : n));
}

function sortNodes(nodes: readonly ImportNode[]): ImportNode[] {
  return [...nodes].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareIds(a.id, b.id) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Unique ids: a node whose id no other node wants keeps it; of nodes that want the same id, the
 * first by key keeps it and the later ones (in key order) get `-2`, `-3`... never another node's
 * wanted id. Returns the ids of the nodes that do not keep theirs (none, most often).
 */
function assignIds(all: readonly ImportNode[]): Map<ImportNode, string> {
  const wanted = new Map<string, number>();
  for (const n of all) wanted.set(n.id, (wanted.get(n.id) ?? 0) + 1);
  const renamed = new Map<ImportNode, string>();
  const clashing = all.filter((n) => wanted.get(n.id) !== 1);
  if (clashing.length === 0) return renamed;
  clashing.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const taken = new Set<string>();
  // Two nodes with the same key are the same node met twice: one id.
  const byKey = new Map<string, string>();
  for (const n of clashing) {
    let id = byKey.get(n.key);
    if (id === undefined) {
      id = n.id;
      if (taken.has(id)) {
        for (let i = 2; ; i++) {
          const c = `${n.id}-${i}`;
          if (!taken.has(c) && !wanted.has(c)) {
            id = c;
            break;
          }
        }
      }
      taken.add(id);
      byKey.set(n.key, id);
    }
    if (id !== n.id) renamed.set(n, id);
  }
  return renamed;
}

function walk(nodes: readonly ImportNode[], out: ImportNode[]): void {
  for (const n of nodes) {
    out.push(n);
    walk(n.children, out);
  }
}

export function sourceText(s: SourceRef): string {
  return `${s.file}${s.line !== undefined ? `:${s.line}` : ''}${s.path ? ` ${s.path}` : ''}`;
}

/** One comment line: line breaks become spaces, control and bidi characters are shown as `<U+XXXX>`. */
function comment(text: string): string {
  return visibleControls(text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text : text.replace(/[\r\n]+/g, ' '));
}

/** The .strata text of an imported model. */
export function writeStrata(input: WriteInput): string {
  const tenants = sortNodes(mergeByKey(input.tenants));
  const roots = sortNodes(mergeByKey(input.roots));
  const all: ImportNode[] = [];
  walk(tenants, all);
  walk(roots, all);
  const renamed = assignIds(all);
  const idFor = (n: ImportNode) => (renamed.size > 0 ? (renamed.get(n) ?? n.id) : n.id);
  const parts: string[] = [];
  parts.push(`# Imported by \`strata import\` from ${input.files.length === 1 ? comment(input.files[0]) : `${input.files.length} files`}.`);
  if (input.files.length > 1) for (const f of input.files) parts.push(`#   ${comment(f)}`);
  parts.push('# Generated: run the import again to refresh it. Keep hand-written additions in another file of');
  parts.push('# the project that `extend`s these nodes, so a new import does not overwrite them.');
  if (input.unmapped.length > 0) {
    parts.push('#');
    parts.push(`# Read but not mapped (${input.unmapped.length}):`);
    const sorted = [...input.unmapped].sort((a, b) => compareSource(a.source, b.source) || (a.what < b.what ? -1 : a.what > b.what ? 1 : 0));
    for (const u of sorted) parts.push(`#   ${comment(sourceText({ file: u.source.file, line: u.source.line }))}  ${comment(u.what)}: ${comment(u.why)}`);
  }
  parts.push('');
  // The body is written as pieces joined a thousand at a time, then the chunks joined once: for
  // a cluster of ten thousand pods that is much less work than a string per line, and V8 joins
  // one array of half a million short strings several times slower than the same in chunks.
  // Every 64 chunks are joined into one string that is large enough to be made outside the young
  // generation, so the garbage collector does not copy the text it keeps while the rest is written.
  const blocks: string[] = [];
  const chunks: string[] = [];
  const out: string[] = [];
  const flush = () => {
    chunks.push(out.join(''));
    out.length = 0;
    if (chunks.length === 64) {
      blocks.push(chunks.join(''));
      chunks.length = 0;
    }
  };
  const fileText = new Map<string, string>();
  const sourceComment = (indent: string, s: SourceRef) => {
    let file = fileText.get(s.file);
    if (file === undefined) fileText.set(s.file, (file = comment(s.file)));
    out.push(indent, '# ', file);
    if (s.line !== undefined) out.push(':', String(s.line));
    if (s.path) out.push(' ', comment(s.path));
    out.push('\n');
  };
  const emit = (n: ImportNode, depth: number) => {
    const indent = indentOf(depth);
    if (n.source) sourceComment(indent, n.source);
    if (n.notes) for (const note of n.notes) out.push(indent, '# ', comment(note), '\n');
    if (n.ignore) for (const ig of n.ignore) out.push(indent, '# strata-ignore ', comment(ig), '\n');
    out.push(indent, n.kind, ' ', idFor(n));
    if (n.label !== undefined) out.push(' ', quote(n.label));
    const children = n.children.length > 1 ? sortNodes(n.children) : n.children;
    if (n.props.length === 0 && children.length === 0) {
      out.push('\n');
      if (out.length >= 1024) flush();
      return;
    }
    out.push(' {\n');
    const inner = indentOf(depth + 1);
    for (let i = 0; i < n.props.length; i++) out.push(inner, n.props[i][0], ': ', n.props[i][1], '\n');
    if (out.length >= 1024) flush();
    for (const c of children) emit(c, depth + 1);
    out.push(indent, '}\n');
  };
  for (const t of tenants) emit(t, 0);
  if (tenants.length > 0 && roots.length > 0) out.push('\n');
  roots.forEach((r, i) => {
    if (i > 0) out.push('\n');
    emit(r, 0);
  });
  // Links name their ends by key (the first node of a key gives its id).
  const idOf = new Map<string, string>();
  if (input.links.length > 0) for (const n of all) if (!idOf.has(n.key)) idOf.set(n.key, idFor(n));
  const links = [...input.links]
    .filter((l) => idOf.has(l.from) && idOf.has(l.to))
    .map((l) => ({ ...l, text: `${idOf.get(l.from)} -> ${idOf.get(l.to)}${l.label ? ` ${quote(l.label)}` : ''}` }))
    .sort((a, b) => compareIds(a.text, b.text));
  if (links.length > 0) {
    out.push('\n');
    const done = new Set<string>();
    for (const l of links) {
      if (done.has(l.text)) continue;
      done.add(l.text);
      if (l.source) sourceComment('', l.source);
      out.push(l.text, '\n');
    }
  }
  flush();
  blocks.push(chunks.join(''));
  // The header is the first block, so the text is made by one join.
  blocks[0] = `${parts.join('\n')}\n${blocks[0]}`;
  return blocks.join('');
}

const INDENTS: string[] = [''];

/** Two spaces per level, each made once. */
function indentOf(depth: number): string {
  while (INDENTS.length <= depth) INDENTS.push(`${INDENTS[INDENTS.length - 1]}  `);
  return INDENTS[depth];
}

function compareSource(a: SourceRef, b: SourceRef): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0);
}
