// What a reviewer sees: the Markdown that `strata render --format markdown` writes for each
// example, rendered the way GitHub shows a pull-request comment (markdown-it without raw HTML,
// as GitHub's sanitizer strips it; ```mermaid fences drawn by the real mermaid, strict), in
// headless Chromium. Screenshots: .test-artifacts/github-markdown-<example>.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Browser } from 'playwright-core';
import { analyze } from '../../src/core';
import { renderMarkdown, SPLIT_DIAGRAM_ABOVE_NODES } from '../../src/core/output/markdown';
import { ARTIFACTS, exampleFiles, launchBrowser } from './harness';
import { ROOT } from '../helpers/paths';

const MERMAID_JS = path.join(ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

// A few rules of GitHub's Markdown look: enough that the screenshot reads like a PR comment.
const GITHUB_CSS = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 980px; margin: 16px auto; padding: 16px 24px; border: 1px solid #d1d9e0; border-radius: 6px; }
h2, h3 { border-bottom: 1px solid #d1d9e0b3; padding-bottom: .3em; }
table { border-collapse: collapse; margin: 12px 0; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: #818b981f; padding: .2em .4em; border-radius: 6px; font-size: 85%; }
blockquote { color: #59636e; border-left: .25em solid #d1d9e0; margin: 0; padding: 0 1em; }
a { color: #0969da; }
.mermaid-block { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px; overflow: auto; }
`;

describe('Markdown output as GitHub shows it (mermaid in Chromium)', () => {
  let browser: Browser;
  const md = new MarkdownIt({ html: false, linkify: false });
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const t = tokens[idx];
    if (t.info.trim() !== 'mermaid') return fence(tokens, idx, options, env, self);
    return `<div class="mermaid-block" data-src="${md.utils.escapeHtml(t.content)}"></div>`;
  };

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const file of exampleFiles()) {
    const name = path.basename(file, '.strata');
    it(`${name}: the diagram draws, every finding is a table row, the summary is a table (screenshot)`, async () => {
      const analysis = analyze(fs.readFileSync(file, 'utf8'));
      const markdown = renderMarkdown(analysis, { title: `examples/${name}.strata` });
      const html = md.render(markdown);
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('dialog', (d) => {
        errors.push(`dialog ${d.message()}`);
        void d.dismiss();
      });
      try {
        await page.setContent(`<!DOCTYPE html><html><head><style>${GITHUB_CSS}</style></head><body><main>${html}</main></body></html>`);
        await page.addScriptTag({ path: MERMAID_JS });
        const drawn = (await page.evaluate(`(async () => {
          mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false, flowchart: { htmlLabels: false } });
          const out = [];
          let i = 0;
          for (const block of document.querySelectorAll('.mermaid-block')) {
            try {
              const { svg } = await mermaid.render('m' + i++, block.dataset.src);
              block.innerHTML = svg;
              out.push({ ok: true, clusters: block.querySelectorAll('g.cluster').length, nodes: block.querySelectorAll('g.node').length, text: block.textContent });
            } catch (e) {
              out.push({ ok: false, error: String(e && e.message || e) });
            }
          }
          return out;
        })()`)) as { ok: boolean; error?: string; clusters?: number; nodes?: number; text?: string }[];
        // One diagram, or one per host when the model has several hosts and is not small.
        const hosts = analysis.model.nodes.filter((n) => n.kind === 'host').length;
        const split = hosts > 1 && analysis.model.nodes.filter((n) => n.kind !== 'tenant').length > SPLIT_DIAGRAM_ABOVE_NODES;
        assert.equal(drawn.length, split ? hosts : 1, 'mermaid diagrams');
        for (const d of drawn) assert.ok(d.ok, `mermaid failed: ${d.error}`);
        // Every node of the model with an id is drawn, as a subgraph (with children) or a node.
        const ids = analysis.model.nodes.filter((n) => n.id !== undefined && n.kind !== 'tenant' && (!split || n.kind !== 'group')).map((n) => n.id!);
        const text = drawn.map((d) => d.text).join('\n');
        for (const id of ids) assert.ok(text.includes(id), `${name}: ${id} is in a diagram`);
        // Split per host, the headings name each host and its groups.
        const pageText = (await page.evaluate('document.body.innerText')) as string;
        for (const g of analysis.model.nodes.filter((n) => split && n.kind === 'group' && n.id !== undefined)) assert.ok(pageText.includes(`group ${g.id}`), `${name}: group ${g.id} is named`);
        const boxes = drawn.reduce((k, d) => k + d.clusters! + d.nodes!, 0);
        assert.ok(boxes >= ids.length, `${boxes} clusters and nodes for ${ids.length} ids`);
        const rows = await page.$$eval('h3 + p + table tbody tr, table tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
        for (const f of analysis.findings) assert.ok(rows.some((r) => r.includes(f.message)), `${name}: a row for "${f.message}"`);
        const headings = await page.$$eval('h3', (hs) => hs.map((h) => h.textContent));
        assert.ok(headings.includes('Summary'), headings.join(' | '));
        assert.deepEqual(errors, []);
        await page.screenshot({ path: path.join(ARTIFACTS, `github-markdown-${name}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    });
  }
});
