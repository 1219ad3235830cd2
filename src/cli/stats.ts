// `strata stats`: what one model costs and how well it isolates, as aligned text for terminals,
// JSON (the core's ModelStats / WhatIfResult, documented in docs/analysis.md) or markdown tables
// for PR comments; `--what-if containerize|isolate-tenants` reports a scenario instead.
// Exit codes: 0 done (findings do not matter here), 2 usage, read or configuration error.
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import type { Analysis } from '../core';
import { type Report, type ReportTable, SCENARIOS, type Scenario, computeStats, statsReport, whatIf, whatIfReport } from '../core/analysis';
import { mdText } from '../core/output/markdown';
import { terminalText } from '../core/output/findings';
import { ConfigLoader, type LoadedConfig, formatConfigProblems } from './config';
import { INPUT_OPTIONS, IoError, inputLimit } from './io';
import { stringifyJson } from '../core/text/controls';
import { STDIN_ID, loadArgument, shownPath } from './projects';
import type { Io } from './main';

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export async function runStats(args: readonly string[], io: Io): Promise<number> {
  let values: { format?: string; 'what-if'?: string; 'max-input-size'?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string', short: 'f' }, 'what-if': { type: 'string' }, ...INPUT_OPTIONS },
      allowPositionals: true,
    }));
  } catch (e) {
    io.err(`strata stats: ${(e as Error).message}\n`);
    return 2;
  }
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    io.err(`strata stats: unknown format '${values.format}'. Use one of: ${FORMATS.join(', ')}.\n`);
    return 2;
  }
  const scenario = values['what-if'] as Scenario | undefined;
  if (scenario !== undefined && !SCENARIOS.includes(scenario)) {
    io.err(`strata stats: unknown --what-if '${scenario}'. Use one of: ${SCENARIOS.join(', ')}.\n`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.err('strata stats: name one .strata file, project folder or folder (or - for stdin), e.g. `strata stats examples/three-way.strata`.\n');
    return 2;
  }
  const arg = positionals[0];
  let limit: number;
  try {
    limit = inputLimit(values['max-input-size']);
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    io.err(`strata stats: ${e.message}\n`);
    return 2;
  }
  const configs = new ConfigLoader();
  const jobs: { analysis: Analysis; config: LoadedConfig; title: string }[] = [];
  // The models the argument names (a file stands for its whole project; - is stdin).
  const loadedModels = loadArgument(arg, configs, (t) => io.err(t), 'stats', undefined, limit);
  if (!loadedModels) return 2;
  for (const loaded of loadedModels) {
    const model = loaded.model;
    const title = model.folder !== undefined ? `${shownPath(model.folder) || '.'} (project: ${model.files.map((f) => path.basename(f.shown)).join(', ')})` : model.files[0].id === STDIN_ID ? 'stdin' : model.files[0].shown;
    jobs.push({ analysis: loaded.whole, config: model.config, title });
  }
  let configErrors = false;
  for (const c of new Set(jobs.map((j) => j.config))) {
    if (c.problems.some((p) => p.severity === 'error')) configErrors = true;
    if (c.problems.length) io.err(formatConfigProblems(c));
  }
  const results: unknown[] = [];
  for (const { analysis, config, title } of jobs) {
    // Several models: each report under its name (JSON: a list of { model, stats }).
    const heading = jobs.length > 1 ? (format === 'markdown' ? `## ${mdText(title)}\n\n` : format === 'text' ? `== ${terminalText(title)}\n` : '') : '';
    if (scenario) {
      const result = whatIf(scenario, analysis, config.options.settings);
      if (format === 'json') results.push(jobs.length > 1 ? { model: title, whatIf: result } : result);
      else io.out(heading + render(whatIfReport(result), format));
    } else {
      const stats = computeStats(analysis, config.options.settings);
      if (format === 'json') results.push(jobs.length > 1 ? { model: title, stats } : stats);
      else io.out(heading + render(statsReport(stats), format));
    }
  }
  if (format === 'json') io.out(`${stringifyJson(jobs.length > 1 ? results : results[0], 2)}\n`);
  return configErrors ? 2 : 0;
}

function render(report: Report, format: 'text' | 'markdown'): string {
  // Text goes to a terminal: no escape sequence from a label may reach it.
  return format === 'markdown' ? toMarkdown(report) : terminalText(toText(report));
}

// ---------------------------------------------------------------------------------------------
// Text: aligned columns, long cells wrapped; wide tables as one block per row.
// ---------------------------------------------------------------------------------------------

const MIN_CELL = 12;
const WIDTH = 110;

/** Display width: code points (the report uses no double-width characters). */
function width(s: string): number {
  return [...s].length;
}

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && width(line) + 1 + width(word) > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

/** Column widths: each column's longest cell, the widest shrunk in turn until the table fits. */
function columnWidths(t: ReportTable): number[] {
  const widths = t.columns.map((c, i) => Math.max(width(c), ...t.rows.map((r) => width(r[i] ?? ''))));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > WIDTH) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= MIN_CELL) break;
    widths[widest]--;
  }
  return widths;
}

function gridText(t: ReportTable): string[] {
  const widths = columnWidths(t);
  const numeric = new Set(t.numeric ?? []);
  const out: string[] = [];
  const line = (cells: readonly string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i]));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let y = 0; y < height; y++) out.push(wrapped.map((w, i) => pad(w[y] ?? '', widths[i], numeric.has(i))).join('  ').trimEnd());
  };
  line(t.columns);
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of t.rows) line(r);
  return out;
}

function blocksText(t: ReportTable): string[] {
  const labels = t.columns.slice(1);
  const labelWidth = Math.max(...labels.map(width)) + 2;
  const out: string[] = [];
  for (const r of t.rows) {
    out.push(r[0]);
    labels.forEach((label, i) => {
      const lines = wrap(r[i + 1] ?? '', Math.max(30, WIDTH - labelWidth - 2));
      lines.forEach((l, y) => out.push(`  ${pad(y === 0 ? label : '', labelWidth, false)}${l}`));
    });
    out.push('');
  }
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function toText(report: Report): string {
  const out: string[] = [report.title, '='.repeat(width(report.title)), ''];
  for (const s of report.sections) {
    out.push(s.title, '-'.repeat(Math.min(WIDTH, width(s.title))));
    for (const l of s.lines ?? []) {
      // A line indented with spaces keeps its indent on every wrapped line (the sources' notes).
      const indent = /^ */.exec(l)![0];
      out.push(...wrap(l.slice(indent.length), WIDTH - indent.length).map((w) => indent + w));
    }
    if (s.table) out.push(...(s.table.layout === 'blocks' ? blocksText(s.table) : gridText(s.table)));
    for (const n of s.notes ?? []) out.push(...wrap(n, WIDTH));
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown: GitHub tables, for PR comments.
// ---------------------------------------------------------------------------------------------

/**
 * Text from the model (ids, labels, values) and from the report, as Markdown text that renders
 * as written: the core's `mdText`, which Markdown, HTML, links, autolinks, mentions and table
 * cells cannot escape (the same escaping as `strata render --format markdown` and `strata diff`).
 */
const cell = mdText;

function toMarkdown(report: Report): string {
  const out: string[] = [`## ${mdText(report.title)}`, ''];
  for (const s of report.sections) {
    out.push(`### ${mdText(s.title)}`, '');
    if (s.lines?.length) {
      // Indented lines (the sources' notes) become nested items.
      for (const l of s.lines) out.push(l.startsWith(' ') ? `  - ${mdText(l.trim())}` : `- ${mdText(l)}`);
      out.push('');
    }
    if (s.table) {
      const t = s.table;
      const numeric = new Set(t.numeric ?? []);
      out.push(`| ${t.columns.map(cell).join(' | ')} |`);
      out.push(`|${t.columns.map((_, i) => (numeric.has(i) ? '---:' : '---')).join('|')}|`);
      for (const r of t.rows) out.push(`| ${r.map((c, i) => (i === 0 && t.layout === 'blocks' ? `**${cell(c)}**` : cell(c))).join(' | ')} |`);
      out.push('');
    }
    if (s.notes?.length) {
      for (const n of s.notes) out.push(`_${mdText(n)}_`, '');
    }
  }
  return out.join('\n');
}
