// A model as GitHub-flavoured Markdown for a pull request or a README: the mermaid diagram in a
// fenced block (GitHub draws it), the findings as a table and a stats summary. Also the Markdown
// escaping that `strata diff` shares. All user text (ids, labels, tenants, messages quoting
// values, file names) goes through `mdText`/`mdId`: it can start no block, close no table cell,
// form no link, HTML tag, emphasis, math or code span, and mention nobody.
import type { Analysis } from '../index';
import type { Finding, Severity } from '../diagnostics';
import { SEVERITY_ORDER } from '../diagnostics';
import { computeStats, type ModelStats } from '../analysis/stats';
import { formatCores, formatSum, formatRatio, list, plural } from '../analysis/format';
import { formatBytes } from '../catalogue';
import type { Kernel, ModelNode } from '../model/model';
import { describeKernel, outermostHost } from '../model/queries';
import { DEFAULT_MERMAID_MAX_NODES, renderMermaid } from '../render/mermaid';
import { visibleBidi } from '../text/controls';

const ZWSP = '\u200B';
// Line breaks, other controls and lone surrogates: a table row or a list item is one line.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * User text as inline Markdown text that reads the same when rendered: safe in a paragraph, a
 * list item, a heading or a table cell. Line breaks become spaces; `\` `` ` `` `*` `_` `[` `]`
 * `|` `~` `#` `$` are backslash-escaped; `<` `>` `&` become entities (no tag, autolink or
 * entity can form); a leading `-` `+` `=` or `1.` cannot start a list or heading; `@` before a
 * word gets a zero-width space so it mentions nobody (nor forms an e-mail link); the `:` of `://`
 * and the `.` of `www.` are backslash-escaped, so GitHub's autolinks cannot turn a URL into a link.
 * Bidirectional controls are shown as `<U+202E>` (they would reorder what the reader sees).
 */
export function mdText(s: string): string {
  let t = visibleBidi(s)
    .replace(CONTROLS, ' ')
    .replace(/[\\`*_[\]|~#$]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => ENTITIES[c])
    .replace(/@(?=\w)/g, `@${ZWSP}`)
    // GitHub's autolinks: `scheme://…` and `www.…` (an e-mail address is broken by the @ rule).
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.');
  // Block starters that backslash escapes above do not cover (only at the start of a line).
  t = t.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  return t;
}

/** An id as inline code when it is made of plain characters, else as escaped text. */
export function mdId(s: string): string {
  return /^[A-Za-z0-9_.:/-]+$/.test(s) ? `\`${s}\`` : mdText(s);
}

/** A fenced code block whose fence is longer than any run of backticks in `body`. */
export function mdFence(info: string, body: string): string {
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body.endsWith('\n') ? body : body + '\n'}${fence}`;
}

/** A table; cells are Markdown already (escape user text with `mdText`). */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** `<details>` around long content; the summary is Strata's own text (no user text). */
export function mdDetails(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '⛔ error', warning: '⚠️ warning', info: 'ℹ️ info' };

/** Where a rule's page is linked from generated Markdown and HTML. */
export type RuleDocs = (rule: string) => string | undefined;

/** The default: the rule's page in Strata's docs folder (`docs/rules/<rule>.md`). */
export const defaultRuleDocs: RuleDocs = (rule) => `docs/rules/${encodeURIComponent(rule)}.md`;

/** A rule name, linked to its page when there is one. */
export function mdRule(rule: string, docs: RuleDocs = defaultRuleDocs): string {
  const href = docs(rule);
  return href ? `[${mdText(rule)}](${href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})` : mdText(rule);
}

/** "2 errors, 1 warning, 3 infos", or "no findings". */
export function findingCounts(findings: readonly { readonly severity: Severity }[]): string {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  const parts: string[] = [];
  if (c.error) parts.push(plural(c.error, 'error'));
  if (c.warning) parts.push(plural(c.warning, 'warning'));
  if (c.info) parts.push(plural(c.info, 'info', 'infos'));
  return parts.length ? parts.join(', ') : 'no findings';
}

// ---------------------------------------------------------------------------------------------
// The stats summary, as plain-text rows that each format escapes (shared with the HTML page).

export interface SummaryRow {
  readonly label: string;
  /** Plain text (may hold user text: escape it for the output format). */
  readonly value: string;
}

export interface HostRow {
  readonly host: string;
  readonly cpu: string;
  readonly memory: string;
  readonly kernels: string;
  readonly osInstances: string;
}

export interface StatsSummary {
  readonly rows: readonly SummaryRow[];
  /** One row per host, when the model has more than one. */
  readonly hosts: readonly HostRow[];
  /** Whether some figure is a vendor minimum (≥), so the output can say what ≥ means. */
  readonly hasMinimum: boolean;
}

const KERNEL_KINDS = [
  ['host', 'host'],
  ['guest', 'guest'],
  ['sandbox', 'gVisor sandbox'],
  ['microvm', 'micro-VM'],
] as const;

function kernelBreakdown(k: ModelStats['total']['kernels']): string {
  const parts = KERNEL_KINDS.filter(([key]) => k[key] > 0).map(([key, name]) => `${k[key]} ${name}`);
  return parts.length ? `${k.total} (${parts.join(', ')})` : String(k.total);
}

function allocationText(allocated: number, capacity: number | undefined, ratio: number | undefined, format: (n: number) => string, unit = ''): string {
  if (capacity === undefined) return allocated > 0 ? `${format(allocated)}${unit} allocated (capacity not set)` : 'capacity not set';
  return `${format(allocated)} of ${format(capacity)}${unit}${ratio !== undefined ? ` (${formatRatio(ratio)})` : ''}`;
}

/** The tenants sharing each shared kernel: "retail, partners on the guest kernel of vm 'w1' (ubuntu-22.04)". */
function sharedKernelLines(analysis: Analysis, stats: ModelStats): string[] {
  const byKey = new Map<string, Kernel>(analysis.model.kernels.map((k) => [k.key, k]));
  return stats.kernels.filter((k) => k.shared).map((k) => `${list(k.tenants, 8)} on ${byKey.has(k.key) ? describeKernel(byKey.get(k.key)!) : k.key}`);
}

/** The stats summary of a model: counts, kernels, OS instances, overhead, shared kernels, allocation. */
export function statsSummary(analysis: Analysis, stats: ModelStats = computeStats(analysis)): StatsSummary {
  const t = stats.total;
  const rows: SummaryRow[] = [];
  rows.push({ label: 'hosts, VMs, containers, apps', value: `${t.hosts}, ${t.vms}, ${t.containers}, ${t.apps}` });
  rows.push({ label: 'kernels', value: kernelBreakdown(t.kernels) });
  rows.push({ label: 'OS instances', value: `${t.osInstances} (${t.kernels.host} host OS, ${t.kernels.guest} guest OS)` });
  let hasMinimum = false;
  if (t.vms > 0) {
    rows.push({ label: 'guest-OS overhead', value: `${formatSum(t.guestOsMemory, false)} memory, ${formatSum(t.guestOsDisk, false)} disk` });
    hasMinimum ||= t.guestOsMemory.bound === 'min' || t.guestOsDisk.bound === 'min';
  }
  const shared = sharedKernelLines(analysis, stats);
  rows.push({ label: 'tenants sharing a kernel', value: shared.length ? shared.join('; ') : t.tenants.length > 1 ? 'none: each kernel serves at most one tenant' : 'none' });
  const a = t.allocated;
  rows.push({ label: 'CPU allocated', value: allocationText(a.cpu, t.capacity.cpu, a.cpuRatio, formatCores, ' cores') });
  rows.push({ label: 'memory allocated', value: allocationText(a.memory, t.capacity.memory, a.memoryRatio, formatBytes) });
  const hosts: HostRow[] =
    stats.hosts.length > 1
      ? stats.hosts.map((h) => ({
          host: h.id,
          cpu: allocationText(h.allocated.cpu, h.capacity.cpu, h.allocated.cpuRatio, formatCores, ' cores'),
          memory: allocationText(h.allocated.memory, h.capacity.memory, h.allocated.memoryRatio, formatBytes),
          kernels: kernelBreakdown(h.kernels),
          osInstances: String(h.osInstances),
        }))
      : [];
  return { rows, hosts, hasMinimum };
}

// ---------------------------------------------------------------------------------------------
// The document.

export interface MarkdownOptions {
  /** Shown as the heading, e.g. the file name. */
  readonly title?: string;
  /** Heading level of the title (default 2); sections are one level below. */
  readonly headingLevel?: 1 | 2 | 3 | 4;
  /** Where rule names link to (default `docs/rules/<rule>.md`). */
  readonly ruleDocs?: RuleDocs;
  /** Most findings listed (default 500); the rest are counted. */
  readonly maxFindings?: number;
}

/** Mermaid's default `maxTextSize`: above it mermaid draws an error instead of the diagram. */
export const MERMAID_MAX_TEXT = 50_000;

/** The mermaid text for Markdown (of the whole model, or of `only` these hosts): summarised further while it is too long for mermaid to draw. */
export function mermaidForMarkdown(analysis: Analysis, only?: readonly ModelNode[]): { text: string; note?: string } {
  let max = DEFAULT_MERMAID_MAX_NODES;
  let r = renderMermaid(analysis, { maxNodes: max, only });
  while (r.text.length > MERMAID_MAX_TEXT && max > 1) {
    max = Math.max(1, Math.floor(max / 2));
    r = renderMermaid(analysis, { maxNodes: max, only });
  }
  if (r.text.length > MERMAID_MAX_TEXT) return { text: '', note: `The model (${plural(r.nodeCount, 'node')}) is too large for a mermaid diagram.` };
  return { text: r.text, ...(r.truncated ? { note: r.error ?? `The diagram is summarised: the model has ${plural(r.nodeCount, 'node')}.` } : {}) };
}

/**
 * A model with 2 to `SPLIT_DIAGRAM_MAX_HOSTS` hosts and more than this many nodes gets one
 * diagram per host: one diagram of it all is scaled down to the comment's width until its text
 * cannot be read. (Larger models are summarised in one diagram.)
 */
export const SPLIT_DIAGRAM_ABOVE_NODES = 30;
export const SPLIT_DIAGRAM_MAX_HOSTS = 12;

/** The outermost hosts, in the order of the file. */
function topHosts(analysis: Analysis): ModelNode[] {
  return analysis.model.nodes.filter((n) => n.kind === 'host' && hostOf(n) === n);
}

const hostOf = outermostHost;

export interface MarkdownDiagram {
  /** Set when the model is drawn one host per diagram. */
  readonly host?: ModelNode;
  readonly text: string;
  readonly note?: string;
}

/** The mermaid diagrams of the Markdown output: one of the whole model, or one per host. */
export function markdownDiagrams(analysis: Analysis): MarkdownDiagram[] {
  const hosts = topHosts(analysis);
  const drawn = analysis.model.nodes.reduce((k, n) => (n.kind === 'tenant' ? k : k + 1), 0);
  if (hosts.length < 2 || hosts.length > SPLIT_DIAGRAM_MAX_HOSTS || drawn <= SPLIT_DIAGRAM_ABOVE_NODES || drawn > DEFAULT_MERMAID_MAX_NODES) return [mermaidForMarkdown(analysis)];
  return hosts.map((host) => ({ host, ...mermaidForMarkdown(analysis, [host]) }));
}

/** `host esx-a: Dell R750 #1 (in group fra-dc2: Frankfurt)`. */
function hostHeading(h: ModelNode): string {
  const name = h.id !== undefined ? `host ${h.id}${h.label !== undefined ? `: ${h.label}` : ''}` : `host ${h.label ?? '(unnamed)'}`;
  const groups: string[] = [];
  for (let p = h.parent; p; p = p.parent) if (p.kind === 'group') groups.unshift(p.id !== undefined ? `${p.id}${p.label !== undefined ? `: ${p.label}` : ''}` : (p.label ?? '(unnamed)'));
  return groups.length ? `${name} (in group ${groups.join(' › ')})` : name;
}

/** The diagram section: one mermaid diagram, or one per host and the links between hosts. */
function diagramSection(analysis: Analysis, heading: string): string[] {
  const out: string[] = [];
  const diagrams = markdownDiagrams(analysis);
  if (diagrams.length > 1) out.push(`One diagram per host (${diagrams.length} hosts). Dashed frames are kernels: what is inside one frame shares that kernel.`, '');
  for (const d of diagrams) {
    if (d.host) out.push(`${heading} ${mdText(hostHeading(d.host))}`, '');
    if (d.text) out.push(mdFence('mermaid', d.text), '');
    if (d.note) out.push(`> ${mdText(d.note)}`, '');
  }
  if (diagrams.length > 1) {
    const across = analysis.model.links.filter((l) => {
      const a = hostOf(l.from);
      const b = hostOf(l.to);
      return a !== undefined && b !== undefined && a !== b;
    });
    if (across.length) {
      out.push('Links between hosts:', '');
      const end = (n: ModelNode) => mdText(`${n.id ?? '?'} (host ${hostOf(n)!.id ?? '?'})`);
      out.push(mdTable(['from', 'to', 'label'], across.map((l) => [end(l.from!), end(l.to!), l.label !== undefined ? mdText(l.label) : ''])), '');
    }
  }
  return out;
}

/** Findings sorted by severity, then position. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.start - b.span.start);
}

/** A model as Markdown: heading, mermaid diagram, findings table and stats summary. Deterministic. */
export function renderMarkdown(analysis: Analysis, options: MarkdownOptions = {}): string {
  const level = options.headingLevel ?? 2;
  const h = (n: number) => '#'.repeat(Math.min(6, n));
  const docs = options.ruleDocs ?? defaultRuleDocs;
  const maxFindings = options.maxFindings ?? 500;
  const out: string[] = [];
  out.push(`${h(level)} ${options.title !== undefined ? mdText(options.title) : 'Strata model'}`, '');

  out.push(...diagramSection(analysis, h(level + 1)));

  out.push(`${h(level + 1)} Findings`, '');
  const findings = sortFindings(analysis.findings);
  const counts = findingCounts(findings);
  out.push(`${counts[0].toUpperCase()}${counts.slice(1)}.`, '');
  if (findings.length) {
    const shown = findings.slice(0, maxFindings);
    const rows = shown.map((f) => [SEVERITY_LABEL[f.severity], mdRule(f.rule, docs), String(analysis.lines.positionAt(f.span.start).line + 1), mdText(f.message)]);
    out.push(mdTable(['severity', 'rule', 'line', 'message'], rows, ['l', 'l', 'r', 'l']), '');
    if (findings.length > shown.length) out.push(`…and ${plural(findings.length - shown.length, 'more finding')} (run \`strata check\` for all).`, '');
  }

  out.push(`${h(level + 1)} Summary`, '');
  const s = statsSummary(analysis);
  out.push(
    mdTable(
      ['measure', 'value'],
      s.rows.map((r) => [r.label, mdText(r.value)]),
    ),
    '',
  );
  if (s.hosts.length) {
    out.push(
      'Per host:',
      '',
      mdTable(
        ['host', 'CPU allocated', 'memory allocated', 'kernels', 'OS instances'],
        s.hosts.map((r) => [mdId(r.host), mdText(r.cpu), mdText(r.memory), mdText(r.kernels), r.osInstances]),
        ['l', 'l', 'l', 'l', 'r'],
      ),
      '',
    );
  }
  if (s.hasMinimum) out.push('_≥: at least, from vendor minimum requirements._', '');
  return out.join('\n');
}
