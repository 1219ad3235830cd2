// The architecture diff for people: Markdown for a pull-request comment (a headline, then
// tables; long lists folded into <details>) and plain text for a terminal. JSON is the data
// itself (`ArchitectureDiff`). User text is escaped for Markdown with `mdText`/`mdId`, and for
// terminals every control character (escape sequences included) becomes a space.
import { formatBytes } from '../catalogue';
import { list, plural } from '../analysis/format';
import { SEVERITY_LABEL, type RuleDocs, defaultRuleDocs, findingCounts, mdDetails, mdId, mdRule, mdTable, mdText } from '../output/markdown';
import type { ArchitectureDiff, Delta, DiffFinding, DiffNode, KernelShare, SumDelta } from './diff';
import type { Severity } from '../diagnostics';
import { SEVERITY_ORDER } from '../diagnostics';
import { lineCell } from './words';

export interface DiffFormatOptions {
  /** The model's path as the reader should see it. */
  readonly file?: string;
  /** What the base is, e.g. `origin/main` or the base file's path. */
  readonly baseLabel?: string;
  /** What the head is, e.g. `working tree` or the head file's path. */
  readonly headLabel?: string;
  /** Markdown: where rule names link to (default `docs/rules/<rule>.md`). */
  readonly ruleDocs?: RuleDocs;
  /** Markdown: heading level of the title (default 3, to sit inside a PR comment). */
  readonly headingLevel?: 1 | 2 | 3 | 4;
  /** Markdown: tables with more rows than this are folded into <details> (default 10). */
  readonly foldAbove?: number;
}

const MINUS = '\u2212';

function signed(n: number, format: (n: number) => string = fmtNumber): string {
  if (n === 0) return '±0';
  return n > 0 ? `+${format(n)}` : `${MINUS}${format(-n)}`;
}

function fmtNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

const cores = (n: number) => `${fmtNumber(n)} ${n === 1 ? 'core' : 'cores'}`;

function changedDelta(d: Delta): boolean {
  return d.before !== d.after;
}

function sortFindings(f: readonly DiffFinding[]): DiffFinding[] {
  return [...f].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line);
}

/** "1 error, 2 warnings" of the introduced findings at or above a severity. */
function countAtLeast(findings: readonly DiffFinding[], severity: Severity): number {
  return findings.filter((f) => SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[severity]).length;
}

/** The statistics rows: [what, before, after, change]; only what changed, kernels and OS instances always. */
function statRows(d: ArchitectureDiff): [string, string, string, string][] {
  const s = d.stats;
  const rows: [string, string, string, string][] = [];
  const num = (label: string, x: Delta, always = false, format: (n: number) => string = fmtNumber) => {
    if (always || changedDelta(x)) rows.push([label, format(x.before), format(x.after), signed(x.after - x.before, format)]);
  };
  const sum = (label: string, x: SumDelta) => {
    if (x.beforeText !== x.afterText) rows.push([label, x.beforeText, x.afterText, signed(x.after - x.before, x.unit === 'bytes' ? formatBytes : fmtNumber)]);
  };
  num('kernels', s.kernels, true);
  for (const [key, name] of [
    ['host', 'host kernels'],
    ['guest', 'guest kernels'],
    ['sandbox', 'gVisor sandbox kernels'],
    ['microvm', 'micro-VM kernels'],
  ] as const)
    num(`· ${name}`, s.kernels[key]);
  num('OS instances', s.osInstances, true);
  sum('guest-OS memory (overhead)', s.guestOsMemory);
  sum('guest-OS disk (overhead)', s.guestOsDisk);
  sum('hypervisor memory (overhead)', s.hypervisorOverhead);
  num('kernels shared by tenants', s.sharedKernels, s.sharedKernels.before + s.sharedKernels.after > 0);
  num('hosts', s.hosts);
  num('VMs', s.vms);
  num('containers', s.containers);
  num('apps', s.apps);
  num('CPU allocated', s.cpuAllocated, false, cores);
  num('CPU capacity', s.cpuCapacity, false, cores);
  num('memory allocated', s.memoryAllocated, false, formatBytes);
  num('memory capacity', s.memoryCapacity, false, formatBytes);
  return rows;
}

/**
 * Added (or removed) nodes with the ones inside them folded: each node whose parent was added
 * too is left out and counted on its outermost added ancestor.
 */
export function outermost(nodes: readonly DiffNode[]): { node: DiffNode; inside: number }[] {
  const ids = new Set(nodes.map((n) => n.id));
  const out: { node: DiffNode; inside: number }[] = [];
  const top = new Map<string, { node: DiffNode; inside: number }>();
  for (const n of nodes) {
    const anc = n.path.find((p) => ids.has(p) && top.has(p));
    if (anc !== undefined) top.get(anc)!.inside++;
    else {
      const entry = { node: n, inside: 0 };
      top.set(n.id, entry);
      out.push(entry);
    }
  }
  return out;
}

const insideText = (k: number) => (k ? ` (with ${plural(k, 'node')} inside)` : '');

/** For text: "apps.strata:12" or "line 12". */
function at(x: { readonly line: number; readonly file?: string }): string {
  return x.file !== undefined ? `${x.file}:${x.line}` : `line ${x.line}`;
}

/** Whether the diff is of a project (its places carry files): the tables then say "file:line". */
function inFiles(d: ArchitectureDiff): boolean {
  const any = (xs: readonly { readonly file?: string }[]) => xs.some((x) => x.file !== undefined);
  return any(d.nodes.added) || any(d.nodes.removed) || any(d.nodes.moved) || any(d.properties) || any(d.links.added) || any(d.links.removed) || any(d.findings.introduced) || any(d.findings.resolved);
}

function where(path: readonly string[]): string {
  return path.length ? path.join(' › ') : '(top level)';
}

/** The one-line headline: what a reviewer must know first. Plain text (contains user text). */
export function diffHeadline(d: ArchitectureDiff): string {
  const parts: string[] = [];
  const f = d.findings;
  if (f.introduced.length || f.resolved.length) {
    parts.push(`${f.introduced.length ? `${plural(f.introduced.length, 'finding')} introduced (${findingCounts(f.introduced)})` : 'no finding introduced'}, ${f.resolved.length} resolved`);
  } else parts.push('no finding introduced or resolved');
  const s = d.stats;
  if (changedDelta(s.kernels)) parts.push(`kernels ${s.kernels.before} → ${s.kernels.after}`);
  if (changedDelta(s.osInstances)) parts.push(`OS instances ${s.osInstances.before} → ${s.osInstances.after}`);
  if (s.guestOsMemory.beforeText !== s.guestOsMemory.afterText) parts.push(`guest-OS memory ${s.guestOsMemory.beforeText} → ${s.guestOsMemory.afterText}`);
  for (const k of s.newlyShared) parts.push(`tenants newly sharing a kernel: ${list(k.tenants, 8)} on ${k.description}`);
  for (const k of s.moreTenants) parts.push(`more tenants on a shared kernel: ${list(k.newTenants, 8)} joined ${k.description}`);
  for (const k of s.noLongerShared) parts.push(`no longer sharing a kernel: ${list(k.tenants, 8)} on ${k.description}`);
  const n = d.nodes;
  const changes: string[] = [];
  if (n.added.length) changes.push(`${plural(n.added.length, 'node')} added`);
  if (n.removed.length) changes.push(`${plural(n.removed.length, 'node')} removed`);
  if (n.moved.length) changes.push(`${plural(n.moved.length, 'node')} moved`);
  const props = d.properties.filter((p) => !p.sameValue).length;
  if (props) changes.push(`${plural(props, 'property', 'properties')} changed`);
  const links = d.links.added.length + d.links.removed.length;
  if (links) changes.push(`${plural(links, 'link')} added or removed`);
  parts.push(changes.length ? changes.join(', ') : 'no architectural change');
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** The diff as Markdown for a pull-request comment: title, headline, then the tables. */
export function diffToMarkdown(d: ArchitectureDiff, options: DiffFormatOptions = {}): string {
  return [...diffMarkdownHead(d, options), ...diffMarkdownSections(d, options)].join('\n');
}

/** The title, what was compared, and the headline with its icon (lines of Markdown). */
export function diffMarkdownHead(d: ArchitectureDiff, options: DiffFormatOptions = {}): string[] {
  const level = options.headingLevel ?? 3;
  const out: string[] = [];
  const title = options.file !== undefined ? `Strata: ${mdText(options.file)}` : 'Strata architecture diff';
  out.push(`${'#'.repeat(Math.min(6, level))} ${title}`, '');
  if (options.baseLabel !== undefined || options.headLabel !== undefined) {
    out.push(`Compared ${mdText(options.baseLabel ?? 'base')} with ${mdText(options.headLabel ?? 'head')}.`, '');
  }
  const introducedBad = countAtLeast(d.findings.introduced, 'warning');
  const shareAlarm = d.stats.newlyShared.length + d.stats.moreTenants.length > 0;
  const icon = d.findings.introduced.some((f) => f.severity === 'error') ? '⛔' : introducedBad || shareAlarm ? '⚠️' : d.changed ? '🔎' : '✅';
  out.push(`${icon} **${mdText(diffHeadline(d))}.**`, '');
  return out;
}

/**
 * The summary table of the pull-request comment: how many nodes were added, removed, moved and
 * changed, findings introduced and resolved, and what the change does to kernels, OS instances
 * and the overhead (guest-OS and hypervisor memory). Every row is always there, zero or not.
 */
export function diffSummaryTable(d: ArchitectureDiff): string {
  const n = d.nodes;
  const changedNodes = new Set(d.properties.filter((p) => !p.sameValue).map((p) => p.id)).size;
  const props = d.properties.filter((p) => !p.sameValue).length;
  const f = d.findings;
  const s = d.stats;
  const count = (x: number, what = 'node') => (x ? plural(x, what) : '0');
  const numbers = (x: Delta) => `${fmtNumber(x.before)} → ${fmtNumber(x.after)} (${signed(x.after - x.before)})`;
  const sum = (x: SumDelta) => `${x.beforeText} → ${x.afterText} (${signed(x.after - x.before, x.unit === 'bytes' ? formatBytes : fmtNumber)})`;
  const rows: [string, string][] = [
    ['+ added', count(n.added.length)],
    ['\u2212 removed', count(n.removed.length)],
    ['\u2192 moved', count(n.moved.length)],
    ['~ changed', changedNodes ? `${plural(changedNodes, 'node')} (${plural(props, 'property', 'properties')})` : '0'],
    ['links', `${d.links.added.length} added, ${d.links.removed.length} removed`],
    ['findings introduced', f.introduced.length ? `${f.introduced.length} (${findingCounts(f.introduced)})` : '0'],
    ['findings resolved', f.resolved.length ? `${f.resolved.length} (${findingCounts(f.resolved)})` : '0'],
    ['kernels', numbers(s.kernels)],
    ['OS instances', numbers(s.osInstances)],
    ['overhead: guest-OS memory', sum(s.guestOsMemory)],
    ['overhead: hypervisor memory', sum(s.hypervisorOverhead)],
    ['kernels shared by tenants', numbers(s.sharedKernels)],
  ];
  return mdTable(['change', 'count'], rows.map(([a, b]) => [mdText(a), mdText(b)]), ['l', 'r']);
}

/** Every table of the diff: findings, kernel sharing, stats, nodes, properties, links (lines of Markdown). */
export function diffMarkdownSections(d: ArchitectureDiff, options: DiffFormatOptions = {}): string[] {
  const level = options.headingLevel ?? 3;
  const h = (n: number) => '#'.repeat(Math.min(6, n));
  const docs = options.ruleDocs ?? defaultRuleDocs;
  const fold = options.foldAbove ?? 10;
  const out: string[] = [];
  const lineHeader = inFiles(d) ? 'file:line' : 'line';
  const cell = (x: { readonly line: number; readonly file?: string }) => mdText(lineCell(x));
  const section = (name: string, count: number, table: string) => {
    out.push(`${h(level + 1)} ${name}`, '');
    out.push(count > fold ? mdDetails(`${name}: ${count} rows`, table) : table, '');
  };

  const findingTable = (fs: readonly DiffFinding[]) =>
    mdTable(
      ['severity', 'rule', 'node', lineHeader, 'message'],
      sortFindings(fs).map((f) => [SEVERITY_LABEL[f.severity], mdRule(f.rule, docs), f.nodeId !== undefined ? mdId(f.nodeId) : '', cell(f), mdText(f.message)]),
      ['l', 'l', 'l', 'r', 'l'],
    );
  if (d.findings.introduced.length) section('Findings introduced', d.findings.introduced.length, findingTable(d.findings.introduced));
  if (d.findings.resolved.length) section('Findings resolved', d.findings.resolved.length, findingTable(d.findings.resolved));

  const share = (label: string, ks: readonly KernelShare[], who: (k: KernelShare) => string) => ks.map((k) => `- ${label} ${mdText(k.description)}: ${who(k)}`);
  const shares = [
    ...share('⚠️ newly shared:', d.stats.newlyShared, (k) => `tenants ${k.tenants.map(mdId).join(', ')}`),
    ...share('⚠️ more tenants on', d.stats.moreTenants, (k) => `${k.newTenants.map(mdId).join(', ')} joined (now ${k.tenants.map(mdId).join(', ')})`),
    ...share('✅ no longer shared:', d.stats.noLongerShared, (k) => `was ${k.tenants.map(mdId).join(', ')}`),
  ];
  if (shares.length) out.push(`${h(level + 1)} Tenants sharing a kernel`, '', ...shares, '');

  const stats = statRows(d);
  out.push(`${h(level + 1)} Stats`, '', mdTable(['', 'before', 'after', 'change'], stats.map((r) => [mdText(r[0]), mdText(r[1]), mdText(r[2]), mdText(r[3])]), ['l', 'r', 'r', 'r']), '');

  const nodeRows: string[][] = [];
  const node = (x: { node: DiffNode; inside: number }, change: string) => [change, mdId(x.node.id), x.node.kind, `${mdText(where(x.node.path))}${insideText(x.inside)}`, cell(x.node)];
  for (const x of outermost(d.nodes.added)) nodeRows.push(node(x, 'added'));
  for (const x of outermost(d.nodes.removed)) nodeRows.push(node(x, 'removed'));
  for (const m of d.nodes.moved) nodeRows.push(['moved', mdId(m.id), m.kind, `${mdText(where(m.from))} → ${mdText(where(m.to))}${insideText(m.carried)}`, cell(m)]);
  if (nodeRows.length) {
    section('Nodes', nodeRows.length, mdTable(['change', 'node', 'kind', 'where', lineHeader], nodeRows, ['l', 'l', 'l', 'l', 'r']));
    for (const r of d.nodes.possibleRenames)
      out.push(`_Nodes are matched by id: ${r.kind} ${mdId(r.from)} was removed and ${mdId(r.to)} added (${r.reason}), which looks like a rename._`, '');
  }
  if (d.properties.length) {
    const rows = d.properties.map((p) => [mdId(p.id), mdText(p.key), p.before !== undefined ? mdText(p.before) : '_(not set)_', `${p.after !== undefined ? mdText(p.after) : '_(removed)_'}${p.sameValue ? ' (same value)' : ''}`, cell(p)]);
    section('Properties changed', rows.length, mdTable(['node', 'property', 'before', 'after', lineHeader], rows, ['l', 'l', 'l', 'l', 'r']));
  }
  const linkRows = [
    ...d.links.added.map((l) => ['added', mdId(l.from), mdId(l.to), l.label !== undefined ? mdText(l.label) : '', cell(l)]),
    ...d.links.removed.map((l) => ['removed', mdId(l.from), mdId(l.to), l.label !== undefined ? mdText(l.label) : '', cell(l)]),
  ];
  if (linkRows.length) section('Links', linkRows.length, mdTable(['change', 'from', 'to', 'label', lineHeader], linkRows, ['l', 'l', 'l', 'l', 'r']));
  out.push(`<sub>Findings now: ${countsText(d.findings.after)} (${d.findings.unchanged} unchanged). Lines of removed nodes and resolved findings are in the base version.</sub>`, '');
  return out;
}

/** "2 errors, 1 warning" from counts; "no findings" when all are zero. */
function countsText(c: { readonly errors: number; readonly warnings: number; readonly infos: number }): string {
  const parts = [c.errors ? plural(c.errors, 'error') : '', c.warnings ? plural(c.warnings, 'warning') : '', c.infos ? plural(c.infos, 'info', 'infos') : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no findings';
}

// ---------------------------------------------------------------------------------------------
// Text

const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** User text for a terminal: one line, no escape sequences. */
function t(s: string): string {
  return s.replace(CONTROLS, ' ');
}

/** The diff as plain text for a terminal. */
export function diffToText(d: ArchitectureDiff, options: DiffFormatOptions = {}): string {
  const out: string[] = [];
  const title = options.file !== undefined ? `strata diff ${t(options.file)}` : 'strata diff';
  out.push(options.baseLabel !== undefined || options.headLabel !== undefined ? `${title}: ${t(options.baseLabel ?? 'base')} → ${t(options.headLabel ?? 'head')}` : title);
  out.push(`${t(diffHeadline(d))}.`);
  const finding = (sign: string, f: DiffFinding) => `  ${sign} ${f.severity} ${f.rule} (${t(at(f))}${f.nodeId !== undefined ? `, ${t(f.nodeId)}` : ''}): ${t(f.message)}`;
  if (d.findings.introduced.length) out.push('', 'Findings introduced:', ...sortFindings(d.findings.introduced).map((f) => finding('+', f)));
  if (d.findings.resolved.length) out.push('', 'Findings resolved:', ...sortFindings(d.findings.resolved).map((f) => finding('-', f)));
  const s = d.stats;
  if (s.newlyShared.length || s.moreTenants.length || s.noLongerShared.length) {
    out.push('', 'Tenants sharing a kernel:');
    for (const k of s.newlyShared) out.push(`  + newly shared: ${t(k.description)}: ${t(k.tenants.join(', '))}`);
    for (const k of s.moreTenants) out.push(`  + more tenants on ${t(k.description)}: ${t(k.newTenants.join(', '))} joined (now ${t(k.tenants.join(', '))})`);
    for (const k of s.noLongerShared) out.push(`  - no longer shared: ${t(k.description)} (was ${t(k.tenants.join(', '))})`);
  }
  out.push('', 'Stats:', ...statRows(d).map((r) => `  ${r[0]}: ${r[1]} → ${r[2]} (${r[3]})`));
  const n = d.nodes;
  if (n.added.length || n.removed.length || n.moved.length) {
    out.push('', 'Nodes:');
    for (const { node: x, inside } of outermost(n.added)) out.push(`  + ${x.kind} ${t(x.id)} in ${t(where(x.path))}${insideText(inside)} (${t(at(x))})`);
    for (const { node: x, inside } of outermost(n.removed)) out.push(`  - ${x.kind} ${t(x.id)} from ${t(where(x.path))}${insideText(inside)} (base ${t(at(x))})`);
    for (const m of n.moved) out.push(`  ~ ${m.kind} ${t(m.id)} moved: ${t(where(m.from))} → ${t(where(m.to))}${insideText(m.carried)} (${t(at(m))})`);
    for (const r of n.possibleRenames) out.push(`  (nodes are matched by id: ${r.kind} ${t(r.from)} removed and ${t(r.to)} added look like a rename: ${r.reason})`);
  }
  if (d.properties.length) {
    out.push('', 'Properties:');
    for (const p of d.properties) out.push(`  ${t(p.id)}.${t(p.key)}: ${p.before !== undefined ? t(p.before) : '(not set)'} → ${p.after !== undefined ? t(p.after) : '(removed)'}${p.sameValue ? ' (same value)' : ''}${p.file !== undefined ? ` (${t(at(p))})` : ''}`);
  }
  if (d.links.added.length || d.links.removed.length) {
    out.push('', 'Links:');
    const link = (sign: string, l: { from: string; to: string; label?: string; line: number; file?: string }) =>
      `  ${sign} ${t(l.from)} -> ${t(l.to)}${l.label !== undefined ? ` "${t(l.label)}"` : ''}${l.file !== undefined ? ` (${t(at(l))})` : ''}`;
    out.push(...d.links.added.map((l) => link('+', l)), ...d.links.removed.map((l) => link('-', l)));
  }
  return out.join('\n') + '\n';
}
