// The diff picture as people see it, in headless Chromium, for three realistic changes: a tenant's
// container added to a shared VM (a kernel newly shared), a VM moved to another host, a memory
// limit removed.
// - In the preview's diff mode (the real webview page, bundle and CSP; the update built by the
//   host's own code, src/extension/previewDiff.ts), light and dark: the marked boxes, their words,
//   the legend, the colours of each theme, the bar that names the base, the button back to the
//   model. Screenshots: .test-artifacts/preview-diff-<change>-<theme>.png.
// - The pull-request comment (`strata diff --format markdown`) rendered as GitHub shows it:
//   markdown-it without raw HTML, the ```mermaid fence drawn by mermaid 10.9 and by mermaid 11
//   (GitHub has used both), strict. Screenshots: .test-artifacts/github-diff-<change>-mermaid<major>.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { buildDiffPicture, diffAnalyses, diffComment } from '../../src/core/diff';
import { ARTIFACTS, usePreviewBrowser } from './harness';
import { GITHUB_HTML_ELEMENTS, drawMermaid, githubHtml } from './githubPage';
import { FIXTURES, ROOT } from '../helpers/paths';

declare const getComputedStyle: (e: unknown) => { stroke: string; fill: string };

const DIR = path.join(FIXTURES, 'diff');

interface Change {
  readonly name: string;
  /** What the picture must show marked, as `mark:id`, in drawing order. */
  readonly marked: readonly string[];
  /** Words the picture must say. */
  readonly words: readonly string[];
  /** Legend entries. */
  readonly legend: readonly string[];
}

const CHANGES: readonly Change[] = [
  {
    name: 'tenant-container-added',
    marked: ['added:importer', 'added:import'],
    words: ['+ importer', 'kernel newly shared', '⚠ 1 new'],
    legend: ['+ added', '⚠ kernel newly shared by tenants', '⚠ N new: findings introduced'],
  },
  {
    name: 'vm-moved-host',
    marked: ['ghost:report-vm', 'moved:report-vm'],
    words: ['→ report-vm', 'moved from', 'old place'],
    legend: ['→ moved', '⇠ old place'],
  },
  {
    name: 'memory-limit-removed',
    marked: ['changed:api'],
    words: ['~ api', 'memory: 2GiB → (removed)', '⚠ 1 new'],
    legend: ['~ changed'],
  },
];

const read = (name: string, which: string) => fs.readFileSync(path.join(DIR, name, `${which}.strata`), 'utf8');

/** The stroke colours of the marks per theme (src/core/diff/svg.ts), as Chromium computes them. */
const STROKES = {
  light: { added: 'rgb(26, 127, 55)', moved: 'rgb(191, 135, 0)', changed: 'rgb(191, 135, 0)', ring: 'rgb(207, 34, 46)' },
  dark: { added: 'rgb(63, 185, 80)', moved: 'rgb(210, 153, 34)', changed: 'rgb(210, 153, 34)', ring: 'rgb(248, 81, 73)' },
} as const;

describe('the diff picture in Chromium: preview diff mode and the PR comment', function () {
  this.timeout(90_000);
  const preview = usePreviewBrowser();

  for (const change of CHANGES) {
    it(`${change.name}: the preview in diff mode marks the change, in light and dark (screenshots)`, async () => {
      for (const theme of ['light', 'dark'] as const) {
        const ext = await preview.open(read(change.name, 'after'), { bodyClass: `vscode-${theme}`, viewport: { width: 1280, height: 800 } });
        try {
          ext.compare = { base: { label: 'HEAD', kind: 'files', files: new Map([[ext.uri, read(change.name, 'before')]]), project: false }, active: true };
          const before = ext.received.length;
          await ext.sendUpdate(true);
          await ext.waitFor(() => ext.received.slice(before).some((m) => m.type === 'rendered' && m.marked !== undefined), 'the diff picture to be drawn');
          const rendered = ext.lastOf('rendered')!;
          assert.deepEqual(rendered.marked, change.marked, 'what the webview shows marked');

          const svgText = (await ext.page.textContent('#layers-canvas > svg')) ?? '';
          for (const w of change.words) assert.ok(svgText.includes(w), `the picture says "${w}"`);
          const legend = await ext.page.$$eval('#layers-canvas g.legend text', (ts) => ts.map((t) => t.textContent ?? ''));
          for (const l of change.legend) assert.ok(legend.some((x) => x.startsWith(l)), `legend "${l}" in ${JSON.stringify(legend)}`);
          assert.match(svgText, /Strata diff: example\.strata \(HEAD → this version\)/);

          // The colours are the theme's: the marks, the ring of a newly shared kernel.
          const svgClass = await ext.page.getAttribute('#layers-canvas > svg', 'class');
          assert.match(svgClass ?? '', new RegExp(`\\btheme-${theme}\\b`));
          for (const m of change.marked) {
            const [mark, id] = m.split(':');
            if (mark === 'ghost' || mark === 'removed') continue;
            const stroke = await ext.page.$eval(`#layers-canvas g.node.d-${mark}[data-id="${id}"] > rect`, (r) => getComputedStyle(r).stroke);
            assert.equal(stroke, STROKES[theme][mark as 'added' | 'moved' | 'changed'], `${m} stroke in ${theme}`);
          }
          if (change.name === 'tenant-container-added') {
            assert.equal(await ext.page.$eval('#layers-canvas rect.d-ring[data-id="shared-vm"]', (r) => getComputedStyle(r).stroke), STROKES[theme].ring);
            // Two tenants, two colours: shop's containers and partner's importer differ.
            const fill = (id: string) => ext.page.$eval(`#layers-canvas g.node[data-id="${id}"] > rect`, (r) => getComputedStyle(r).fill);
            assert.notEqual(await fill('web'), await fill('importer'), 'shop and partner have their own tenant colours');
            assert.equal(await fill('web'), await fill('api'), 'one tenant, one colour');
          }

          // The bar names the base and the change; its button goes back to the model.
          assert.equal(await ext.page.isVisible('#compare-bar'), true);
          assert.match((await ext.page.textContent('#compare-text')) ?? '', /^The change from HEAD to this version: .+\./);
          assert.equal(await ext.page.textContent('#compare-toggle'), 'Show the model');
          assert.deepEqual(ext.pageErrors, []);
          assert.deepEqual(await ext.violations(), []);
          await ext.page.screenshot({ path: path.join(ARTIFACTS, `preview-diff-${change.name}-${theme}.png`) });

          // A click on a marked box reveals it (in the head version).
          const [, firstId] = change.marked.find((m) => !m.startsWith('ghost:'))!.split(':');
          const clicked = ext.received.length;
          await ext.page.locator(`#layers-canvas g.node[data-id="${firstId}"] > rect`).first().click({ position: { x: 6, y: 6 } });
          await ext.waitFor(() => ext.received.slice(clicked).some((m) => m.type === 'reveal'), `a reveal of ${firstId}`);
          assert.deepEqual(ext.received.slice(clicked).find((m) => m.type === 'reveal'), { type: 'reveal', id: firstId });

          const toggled = ext.received.length;
          await ext.page.click('#compare-toggle');
          await ext.waitFor(() => ext.received.slice(toggled).some((m) => m.type === 'rendered'), 'the model to be drawn again');
          assert.deepEqual(ext.received.slice(toggled).find((m) => m.type === 'compare'), { type: 'compare', on: false });
          assert.equal(ext.lastOf('rendered')!.marked, undefined);
          assert.equal(await ext.page.textContent('#compare-toggle'), 'Show the change');
        } finally {
          await ext.close();
        }
      }
    });
  }

  describe('the PR comment as GitHub shows it', () => {
    const MERMAIDS = [
      { major: 10, js: path.join(ROOT, 'node_modules', 'mermaid10', 'dist', 'mermaid.min.js') },
      { major: 11, js: path.join(ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js') },
    ];

    for (const change of CHANGES) {
      for (const mermaid of MERMAIDS) {
        it(`${change.name}: mermaid ${mermaid.major} draws the marked flowchart; the table and the list are there (screenshot)`, async () => {
          const version = (JSON.parse(fs.readFileSync(path.join(path.dirname(mermaid.js), '..', 'package.json'), 'utf8')) as { version: string }).version;
          assert.equal(Number(version.split('.')[0]), mermaid.major, `node_modules has mermaid ${mermaid.major} (${version})`);
          const base = analyze(read(change.name, 'before'));
          const head = analyze(read(change.name, 'after'));
          const markdown = diffComment(buildDiffPicture(base, head, diffAnalyses(base, head)), { file: `${change.name}.strata`, baseLabel: 'main', headLabel: 'this pull request' });
          const page = await preview.browser.newPage({ viewport: { width: 1200, height: 900 } });
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(String(e)));
          try {
            // The comment uses <details>, <summary> and <sub>, which GitHub keeps: rendered as HTML here too.
            await page.setContent(githubHtml(markdown, { html: true }));
            const tags = (await page.$$eval('main *', (els) => [...new Set(els.map((e) => e.localName))])) as string[];
            const markdownTags = ['h3', 'h4', 'p', 'strong', 'em', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'code', 'ul', 'li', 'div'];
            const raw = tags.filter((t) => !markdownTags.includes(t));
            assert.deepEqual(raw.filter((t) => !GITHUB_HTML_ELEMENTS.includes(t)), [], 'only raw HTML that GitHub keeps');
            assert.ok(raw.includes('details') && raw.includes('sub'), `the comment's own HTML: ${raw.join(', ')}`);
            const drawn = await drawMermaid(page, mermaid.js);
            assert.equal(drawn.length, 1, 'one mermaid diagram');
            assert.ok(drawn[0].ok, `mermaid ${version} failed: ${drawn[0].error}`);
            // The marks are words in the labels (they survive a sanitizer that drops styles) ...
            const text = drawn[0].text!;
            for (const m of change.marked) {
              const [mark, id] = m.split(':');
              const word = { added: '+ added', moved: '→ moved', changed: '~ changed', ghost: '⇠ old place', removed: '− removed' }[mark]!;
              assert.ok(text.includes(word) && text.includes(id), `"${word}" and ${id} in the flowchart`);
            }
            // ... and the classDef colours apply: the first marked box has its mark's stroke.
            const [firstMark, firstId] = change.marked.find((m) => !m.startsWith('ghost:'))!.split(':');
            const strokeOf = drawn[0].strokes!.find((s) => s.includes(firstId));
            const expected = { added: 'rgb(26, 127, 55)', moved: 'rgb(191, 135, 0)', changed: 'rgb(154, 103, 0)' }[firstMark as 'added' | 'moved' | 'changed'];
            assert.ok(strokeOf?.startsWith(expected), `${firstId} stroke ${strokeOf} (expected ${expected})`);
            const pageText = (await page.evaluate('document.body.innerText')) as string;
            assert.match(pageText, /change\s+count/);
            assert.match(pageText, /The full list/);
            assert.deepEqual(errors, []);
            await page.screenshot({ path: path.join(ARTIFACTS, `github-diff-${change.name}-mermaid${mermaid.major}.png`), fullPage: true });
          } finally {
            await page.close();
          }
        });
      }
    }
  });
});
