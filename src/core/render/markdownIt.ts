// ```strata fences in Markdown, drawn as the layered diagram with their findings: the pure fence
// renderer (`renderStrataFence`, text in, HTML out) and a markdown-it plugin that uses it (VS Code's
// Markdown preview calls the extension's `extendMarkdownIt`). No markdown-it import: the plugin
// only needs the renderer's rule table, typed structurally here, so the core stays dependency-free.
//
// Strict output: no script, no event attribute, no external reference. The SVG comes from
// `renderLayersSvg` (which escapes all user text); everything this file writes itself goes through
// `escapeXml`, whose `&<>"'` escaping is also correct for HTML text and attribute values. A model
// with syntax errors still shows the diagram of what parsed and lists its errors; if anything
// throws, the fence becomes an escaped error note and the source, never a blank or an exception.
import { analyze, type Analysis } from '../index';
import type { Finding, Severity } from '../diagnostics';
import { layersCss, renderLayersSvg } from './layers';
import { escapeXml, plural } from './text';
import type { Theme } from './theme';

export interface StrataFenceOptions {
  /**
   * `auto` (default) follows the host page's theme class on an ancestor (VS Code's webviews set
   * `vscode-light`, `vscode-dark`, `vscode-high-contrast` on `<body>`); light without one.
   */
  theme?: Theme | 'auto';
  /** Draw links between workloads (default true). */
  showLinks?: boolean;
  /** Most nodes drawn before the largest parts are folded into summaries (default 1000). */
  maxNodes?: number;
  /** Most findings listed under the diagram; the rest are counted (default 100). */
  maxFindings?: number;
  /**
   * Zero-based line, in the Markdown document, of the fence's first content line. Given, the
   * findings name lines of the Markdown document; otherwise lines of the fence (from 1).
   */
  firstLine?: number;
}

export const DEFAULT_FENCE_MAX_NODES = 1000;
export const DEFAULT_FENCE_MAX_FINDINGS = 100;

/** Class of the fence's root element; `strata-md-auto` is added when the theme follows the page. */
export const FENCE_CLASS = 'strata-md';

/** True for the info string of a Strata fence: its first word is `strata` (any case). */
export function isStrataFenceInfo(info: string): boolean {
  const word = /^\s*([^\s{]+)/.exec(info)?.[1];
  return word !== undefined && word.toLowerCase() === 'strata';
}

const AUTO_THEMES: readonly (readonly [string, Theme])[] = [
  ['.vscode-dark', 'dark'],
  // High contrast light themes may carry `vscode-high-contrast` too; they keep the light drawing.
  ['.vscode-high-contrast:not(.vscode-high-contrast-light)', 'high-contrast'],
];

let autoCss: string | undefined;

/**
 * The rules that recolour an `auto` fence's diagram (drawn light) when an ancestor carries a dark or
 * high contrast theme class: the diagram's own per-theme rules, re-scoped from `.strata.theme-X`
 * to `<page theme> .strata-md-auto .strata` (one more class, so they win over the light rules).
 */
export function autoThemeCss(): string {
  if (autoCss !== undefined) return autoCss;
  const out: string[] = [];
  const lines = layersCss().split('\n');
  for (const [pageClass, theme] of AUTO_THEMES) {
    const scope = `.strata.theme-${theme}`;
    for (const line of lines) {
      if (!line.startsWith(scope + ' ') && !line.startsWith(scope + '{')) continue;
      out.push(line.split(scope).join(`${pageClass} .${FENCE_CLASS}-auto .strata`));
    }
  }
  return (autoCss = out.join('\n'));
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * One ```strata fence as HTML: the layered SVG and a compact list of the findings. Pure and
 * deterministic; never throws.
 */
export function renderStrataFence(source: string, options: StrataFenceOptions = {}): string {
  const theme: Theme | 'auto' = options.theme === 'light' || options.theme === 'dark' || options.theme === 'high-contrast' ? options.theme : 'auto';
  const rootClass = theme === 'auto' ? `${FENCE_CLASS} ${FENCE_CLASS}-auto` : `${FENCE_CLASS} ${FENCE_CLASS}-${theme}`;
  let analysis: Analysis | undefined;
  try {
    analysis = analyze(source);
    const svg = renderLayersSvg(analysis, {
      theme: theme === 'auto' ? 'light' : theme,
      showLinks: options.showLinks !== false,
      maxNodes: positiveInt(options.maxNodes, DEFAULT_FENCE_MAX_NODES),
    });
    return (
      `<div class="${rootClass}">` +
      (theme === 'auto' ? `<style>${autoThemeCss()}</style>` : '') +
      `<div class="${FENCE_CLASS}-diagram">${svg}</div>` +
      findingsHtml(analysis, options) +
      `</div>\n`
    );
  } catch (error) {
    return failedHtml(source, error, analysis, options);
  }
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function lineOf(analysis: Analysis, f: Finding, options: StrataFenceOptions): number {
  const line = analysis.lines.positionAt(f.span.start).line;
  const first = options.firstLine !== undefined && Number.isFinite(options.firstLine) && options.firstLine >= 0 ? Math.floor(options.firstLine) : undefined;
  return first !== undefined ? first + line + 1 : line + 1;
}

/** The summary line and the findings, most severe first, then by position. */
function findingsHtml(analysis: Analysis, options: StrataFenceOptions): string {
  const findings = analysis.findings;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  if (findings.length === 0) return `<p class="${FENCE_CLASS}-summary ${FENCE_CLASS}-clean">Strata: no findings.</p>`;
  const parts: string[] = [];
  if (counts.error) parts.push(plural(counts.error, 'error'));
  if (counts.warning) parts.push(plural(counts.warning, 'warning'));
  if (counts.info) parts.push(plural(counts.info, 'note'));
  const max = positiveInt(options.maxFindings, DEFAULT_FENCE_MAX_FINDINGS);
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.f.span.start - b.f.span.start || a.i - b.i)
    .slice(0, max);
  const out = [`<p class="${FENCE_CLASS}-summary">Strata: ${parts.join(', ')}</p>`, `<ul class="${FENCE_CLASS}-findings">`];
  for (const { f } of sorted) {
    const sev = SEVERITY_RANK[f.severity] !== undefined ? f.severity : 'info';
    out.push(
      `<li class="${FENCE_CLASS}-finding ${FENCE_CLASS}-${sev}">` +
        `<span class="${FENCE_CLASS}-sev">${sev}</span> ` +
        `<span class="${FENCE_CLASS}-line">line ${lineOf(analysis, f, options)}</span> ` +
        `<span class="${FENCE_CLASS}-message">${escapeXml(f.message)}</span> ` +
        `<code class="${FENCE_CLASS}-rule">${escapeXml(f.rule)}</code>` +
        `</li>`,
    );
  }
  if (findings.length > max) out.push(`<li class="${FENCE_CLASS}-more">… and ${findings.length - max} more</li>`);
  out.push('</ul>');
  return out.join('');
}

/** What a fence shows when drawing it threw: the reason and the source, both escaped. */
function failedHtml(source: string, error: unknown, analysis: Analysis | undefined, options: StrataFenceOptions): string {
  let reason = 'unknown error';
  try {
    reason = error instanceof Error ? error.message : String(error);
  } catch {
    // an object whose toString throws: keep the generic reason
  }
  let findings = '';
  try {
    if (analysis) findings = findingsHtml(analysis, options);
  } catch {
    findings = '';
  }
  return (
    `<div class="${FENCE_CLASS} ${FENCE_CLASS}-failed">` +
    `<p class="${FENCE_CLASS}-summary ${FENCE_CLASS}-error">Strata could not draw this diagram: ${escapeXml(reason)}</p>` +
    findings +
    `<pre><code class="language-strata">${escapeXml(source)}</code></pre>` +
    `</div>\n`
  );
}

// ---------------------------------------------------------------------------------------------
// The markdown-it plugin

/** The part of a markdown-it token the plugin reads. */
interface FenceToken {
  info: string;
  content: string;
  map: [number, number] | null;
}

// markdown-it's rule signature, loosely typed so that any markdown-it instance fits.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RenderRule = (tokens: any[], idx: number, options: any, env: any, self: any) => string;

/** The part of a markdown-it instance the plugin needs. */
export interface MarkdownItLike {
  renderer: { rules: { fence?: RenderRule } };
}

/**
 * The markdown-it plugin: ```strata fences become `renderStrataFence` output; every other fence
 * goes to the rule that was there before. `options` may be a function, asked at every fence (so
 * an editor can pass its current settings).
 */
export function strataMarkdownItPlugin(md: MarkdownItLike, options?: StrataFenceOptions | (() => StrataFenceOptions)): void {
  const previous = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, mdOptions, env, self) => {
    const token = tokens[idx] as FenceToken;
    if (!isStrataFenceInfo(String(token.info ?? ''))) {
      return previous ? previous(tokens, idx, mdOptions, env, self) : self.renderToken(tokens, idx, mdOptions);
    }
    let opts: StrataFenceOptions = {};
    try {
      opts = (typeof options === 'function' ? options() : options) ?? {};
    } catch {
      opts = {};
    }
    const start = Array.isArray(token.map) && Number.isInteger(token.map[0]) ? token.map[0] : undefined;
    const html = renderStrataFence(String(token.content ?? ''), start !== undefined ? { ...opts, firstLine: start + 1 } : opts);
    // VS Code's preview syncs scrolling by `code-line` elements with a `data-line` (the source line).
    return start !== undefined ? `<div class="code-line" data-line="${start}">${html}</div>\n` : html;
  };
}
