// A model as one self-contained HTML page: the layered SVG inline, the findings and the stats
// summary as tables, inline CSS, no scripts and nothing fetched. A Content-Security-Policy meta
// tag (`default-src 'none'`) is the first thing in <head>, so even if escaping ever failed no
// script could run and nothing could be loaded. All user text goes through `escapeHtml`.
import type { Analysis } from '../index';
import { renderLayersSvg } from '../render/layers';
import type { Theme } from '../render/theme';
import { escapeXml } from '../render/text';
import { type RuleDocs, defaultRuleDocs, findingCounts, sortFindings, statsSummary } from './markdown';
import { plural } from '../analysis/format';

/** The page's policy: inline styles only, images only as data: URIs, nothing else at all. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface HtmlOptions {
  /** The page title and heading, e.g. the file name. */
  readonly title?: string;
  readonly theme?: Theme;
  /** Where rule names link to (default `docs/rules/<rule>.md`, relative). */
  readonly ruleDocs?: RuleDocs;
  /** Most findings listed (default 500); the rest are counted. */
  readonly maxFindings?: number;
}

/** Text for HTML content and attribute values: `&<>"'` become references; characters HTML cannot hold become U+FFFD. */
export function escapeHtml(s: string): string {
  return escapeXml(s);
}

const PAGE_CSS: Readonly<Record<Theme, string>> = {
  light: 'color-scheme:light;--fg:#1f2328;--muted:#59636e;--bg:#ffffff;--line:#d1d9e0;--head:#f6f8fa;--err:#cf222e;--warn:#9a6700;--info:#0969da',
  dark: 'color-scheme:dark;--fg:#f0f6fc;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--head:#151b23;--err:#ff7b72;--warn:#d29922;--info:#58a6ff',
  'high-contrast': 'color-scheme:dark;--fg:#ffffff;--muted:#ffffff;--bg:#000000;--line:#ffffff;--head:#000000;--err:#ff6b6b;--warn:#ffd700;--info:#4fc3ff',
};

function css(theme: Theme): string {
  return [
    `:root{${PAGE_CSS[theme]}}`,
    'body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}',
    'main{max-width:1280px;margin:0 auto;padding:24px}',
    'h1{font-size:22px;margin:0 0 16px;overflow-wrap:anywhere}',
    'h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}',
    'figure{margin:0;overflow:auto;border:1px solid var(--line);border-radius:6px}',
    'figure svg{display:block;max-width:100%;height:auto}',
    'table{border-collapse:collapse;margin:8px 0}',
    'th,td{border:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top;overflow-wrap:anywhere}',
    'th{background:var(--head)}',
    '.findings th,.findings td:not(.msg){white-space:nowrap;overflow-wrap:normal}',
    'td.n{text-align:right;font-variant-numeric:tabular-nums}',
    '.error{color:var(--err);font-weight:600}.warning{color:var(--warn);font-weight:600}.info{color:var(--info);font-weight:600}',
    'a{color:var(--info)}',
    'p.muted,caption{color:var(--muted)}',
    'caption{text-align:left;padding:2px 0}',
  ].join('\n');
}

/** A link to a rule's page; only relative paths and http(s) URLs become links. */
function ruleCell(rule: string, docs: RuleDocs): string {
  const href = docs(rule);
  // http(s) or a relative reference (no scheme before the first / ? #): never javascript: or data:.
  const safe = href !== undefined && (/^https?:\/\//i.test(href) || !/^[^/?#]*:/.test(href));
  if (!safe) return escapeHtml(rule);
  return `<a href="${escapeHtml(href)}">${escapeHtml(rule)}</a>`;
}

/** The start of a self-contained page (policy first, inline styles), up to its `<h1>`; close it with `pageClose()`. */
export function pageOpen(title: string, theme: Theme): string[] {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)} · Strata</title>`,
    `<style>\n${css(theme)}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
  ];
}

/** The end of a page `pageOpen` started. */
export function pageClose(): string[] {
  return ['</main>', '</body>', '</html>', ''];
}

/** The model as a self-contained HTML page. Deterministic. */
export function renderHtml(analysis: Analysis, options: HtmlOptions = {}): string {
  const theme = options.theme ?? 'light';
  const docs = options.ruleDocs ?? defaultRuleDocs;
  const maxFindings = options.maxFindings ?? 500;
  const title = options.title ?? 'Strata model';
  const out = pageOpen(title, theme);

  const svg = renderLayersSvg(analysis, { theme }).replace(/^<\?xml[^>]*\?>\s*/, '');
  out.push(`<figure>${svg}</figure>`);

  const findings = sortFindings(analysis.findings);
  const counts = findingCounts(findings);
  out.push('<h2>Findings</h2>', `<p>${counts[0].toUpperCase()}${counts.slice(1)}.</p>`);
  if (findings.length) {
    out.push('<table class="findings">', '<thead><tr><th>severity</th><th>rule</th><th>line</th><th>message</th></tr></thead>', '<tbody>');
    for (const f of findings.slice(0, maxFindings)) {
      const line = analysis.lines.positionAt(f.span.start).line + 1;
      out.push(`<tr><td class="${f.severity}">${f.severity}</td><td>${ruleCell(f.rule, docs)}</td><td class="n">${line}</td><td class="msg">${escapeHtml(f.message)}</td></tr>`);
    }
    out.push('</tbody>', '</table>');
    if (findings.length > maxFindings) out.push(`<p class="muted">…and ${plural(findings.length - maxFindings, 'more finding')} (run <code>strata check</code> for all).</p>`);
  }

  const s = statsSummary(analysis);
  out.push('<h2>Summary</h2>', '<table class="stats">', '<tbody>');
  for (const r of s.rows) out.push(`<tr><th scope="row">${escapeHtml(r.label)}</th><td>${escapeHtml(r.value)}</td></tr>`);
  out.push('</tbody>', '</table>');
  if (s.hosts.length) {
    out.push('<p>Per host:</p>', '<table class="hosts">', '<thead><tr><th>host</th><th>CPU allocated</th><th>memory allocated</th><th>kernels</th><th>OS instances</th></tr></thead>', '<tbody>');
    for (const h of s.hosts) out.push(`<tr><td>${escapeHtml(h.host)}</td><td>${escapeHtml(h.cpu)}</td><td>${escapeHtml(h.memory)}</td><td>${escapeHtml(h.kernels)}</td><td class="n">${escapeHtml(h.osInstances)}</td></tr>`);
    out.push('</tbody>', '</table>');
  }
  if (s.hasMinimum) out.push('<p class="muted">≥: at least, from vendor minimum requirements.</p>');
  out.push(...pageClose());
  return out.join('\n');
}
