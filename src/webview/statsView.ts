// The Stats view: the analysis's reports (capacity and allocation, kernels and OS overhead,
// cold starts, the containers-vs-VMs comparison, then the what-if scenarios) as headings, lines
// and tables, built from DOM text nodes only. Until the extension has sent them it says so.
import type { Report, StatsPayload } from '../shared/previewProtocol';

function text(tag: string, content: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

function renderReport(report: Report, into: HTMLElement): void {
  const article = document.createElement('article');
  article.className = 'report';
  article.appendChild(text('h2', report.title));
  for (const section of report.sections) {
    article.appendChild(text('h3', section.title));
    for (const line of section.lines ?? []) article.appendChild(text('p', line, 'line'));
    const table = section.table;
    if (table) {
      const t = document.createElement('table');
      if (table.layout === 'blocks') t.className = 'blocks';
      const head = t.createTHead().insertRow();
      for (const c of table.columns) head.appendChild(text('th', c));
      const numeric = new Set(table.numeric ?? []);
      const body = t.createTBody();
      for (const row of table.rows) {
        const tr = body.insertRow();
        row.forEach((cell, i) => {
          const td = tr.insertCell();
          td.textContent = cell;
          if (numeric.has(i)) td.className = 'num';
        });
      }
      const wrap = document.createElement('div');
      wrap.className = 'table-wrap';
      wrap.appendChild(t);
      article.appendChild(wrap);
    }
    for (const note of section.notes ?? []) article.appendChild(text('p', note, 'note-line'));
  }
  into.appendChild(article);
}

/** Fills `host` with the reports, the analysis's error, or a note that they are on their way. */
export function renderStats(host: HTMLElement, stats: StatsPayload | undefined): void {
  host.replaceChildren();
  if (!stats) {
    host.appendChild(text('p', 'Computing the stats…', 'placeholder'));
    return;
  }
  if (stats.error) host.appendChild(text('p', stats.error, 'placeholder error'));
  for (const report of stats.reports) renderReport(report, host);
}
