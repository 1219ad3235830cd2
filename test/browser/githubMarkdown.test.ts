// What a reviewer sees: the Markdown that `strata render --format markdown` writes for each
// example, rendered the way GitHub shows a pull-request comment (markdown-it without raw HTML,
// as GitHub's sanitizer strips it; ```mermaid fences drawn by the real mermaid, strict), in
// headless Chromium. Screenshots: .test-artifacts/github-markdown-<example>.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { analyze } from '../../src/core';
import { renderMarkdown, SPLIT_DIAGRAM_ABOVE_NODES } from '../../src/core/output/markdown';
import { ARTIFACTS, exampleFiles, launchBrowser } from './harness';
import { drawMermaid, githubHtml } from './githubPage';
import { ROOT } from '../helpers/paths';

const MERMAID_JS = path.join(ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

describe('Markdown output as GitHub shows it (mermaid in Chromium)', () => {
  let browser: Browser;

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
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('dialog', (d) => {
        errors.push(`dialog ${d.message()}`);
        void d.dismiss();
      });
      try {
        await page.setContent(githubHtml(markdown));
        const drawn = await drawMermaid(page, MERMAID_JS);
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
