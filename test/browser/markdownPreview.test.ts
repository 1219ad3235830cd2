// ```strata fences in a Markdown preview, in a real headless Chromium: the real `markdown-it`
// with the extension's plugin (src/core/render/markdownIt.ts) renders Markdown documents, and the
// HTML is loaded under a policy like VS Code's Markdown preview (no script at all here; styles
// inline; images only data:). The diagram must be there and drawn, other fences untouched, the
// theme must follow VS Code's body class, and with the XSS corpus in every label nothing may run
// (no dialog, no `__pwned`, no page error), nothing may load (no request, no CSP report) and the
// labels must come back exactly, with the policy and without it (escaping alone holds).
// Screenshots: .test-artifacts/markdown-preview.png (light) and markdown-preview-dark.png.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Browser, Page } from 'playwright-core';
import { strataMarkdownItPlugin } from '../../src/core/render/markdownIt';
import { ROOT, EXAMPLES } from '../helpers/paths';
import { ARTIFACTS, launchBrowser } from './harness';
import { PAYLOADS, hostileDocuments } from './corpus';

// The callbacks given to page.evaluate run in the page; these are their globals (this program is
// compiled without the DOM library).
declare const window: Record<string, unknown>;
declare const document: {
  addEventListener(type: 'securitypolicyviolation', f: (e: { violatedDirective: string; blockedURI: string }) => void): void;
  querySelectorAll(s: string): ArrayLike<DomElement>;
  querySelector(s: string): DomElement | null;
  body: { classList: { value: string } };
};
declare function getComputedStyle(e: DomElement): { fill: string; display: string };
interface DomElement {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ name: string; value: string }>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(s: string): DomElement | null;
  getBoundingClientRect(): { width: number; height: number };
}

/** The Markdown preview's policy, as strict as VS Code's or stricter: nothing but inline styles and data: images. */
const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** Enough of VS Code's markdown.css for a realistic picture, and the extension's preview style. */
const PAGE_CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 14px; line-height: 1.6; padding: 0 26px; max-width: 980px; }
body.vscode-light { background: #ffffff; color: #1f2328; }
body.vscode-dark { background: #1f1f1f; color: #cccccc; --vscode-editorError-foreground: #f85149; --vscode-editorWarning-foreground: #cca700; --vscode-editorInfo-foreground: #3794ff; }
pre { background: rgba(127,127,127,0.1); padding: 12px; border-radius: 4px; overflow: auto; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
${fs.readFileSync(path.join(ROOT, 'media', 'markdown-preview.css'), 'utf8')}`;

const PAGE_URL = 'http://markdown-preview.strata.test/preview.html';

function page(body: string, bodyClass: string, csp: boolean): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${CSP}">` : ''}
<style>${PAGE_CSS}</style></head>
<body class="vscode-body ${bodyClass}">
${body}
</body></html>`;
}

/** What happened on the page: everything that would show a payload ran or a resource loaded. */
interface Recorder {
  dialogs: string[];
  requests: string[];
  console: string[];
  errors: string[];
}

async function open(browser: Browser, html: string, viewport = { width: 1100, height: 900 }): Promise<{ page: Page; rec: Recorder; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport, javaScriptEnabled: true });
  const p = await context.newPage();
  const rec: Recorder = { dialogs: [], requests: [], console: [], errors: [] };
  p.on('dialog', (d) => {
    rec.dialogs.push(d.message());
    void d.dismiss();
  });
  // The page is served at a made-up origin through Playwright's router (a real navigation, so
  // the init script below is in place first); every other request is recorded and refused.
  await p.route('**/*', (route) => {
    const url = route.request().url();
    if (url === PAGE_URL) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    rec.requests.push(url);
    return route.abort();
  });
  p.on('console', (m) => rec.console.push(`${m.type()}: ${m.text()}`));
  p.on('pageerror', (e) => rec.errors.push(e.message));
  // Injected by the browser before the page's own content, policy or not.
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window.__violations as unknown[]).push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await p.goto(PAGE_URL, { waitUntil: 'load' });
  await p.waitForTimeout(150); // let anything that could fire (onload, ontoggle, animations) fire
  return { page: p, rec, close: () => context.close() };
}

async function assertNothingRan(p: Page, rec: Recorder, what: string): Promise<void> {
  assert.deepStrictEqual(rec.dialogs, [], `${what}: no dialog`);
  assert.deepStrictEqual(rec.errors, [], `${what}: no page error`);
  assert.deepStrictEqual(rec.requests, [], `${what}: no request`);
  assert.deepStrictEqual(rec.console, [], `${what}: nothing logged`);
  const report = await p.evaluate(() => {
    const events: string[] = [];
    const all = document.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      const e = all[i]!;
      for (let j = 0; j < e.attributes.length; j++) if (/^on/i.test(e.attributes[j]!.name)) events.push(`${e.tagName} ${e.attributes[j]!.name}`);
    }
    const bad = document.querySelectorAll('.strata-md script, .strata-md img, .strata-md iframe, .strata-md object, .strata-md embed, .strata-md foreignObject, .strata-md a, .strata-md use, .strata-md image, .strata-md link');
    return { events, bad: bad.length, pwned: window.__pwned ?? null, violations: window.__violations as string[], scripts: document.querySelectorAll('script').length };
  });
  assert.deepStrictEqual(report.events, [], `${what}: no event attribute in the DOM`);
  assert.strictEqual(report.bad, 0, `${what}: no active or loading element in a fence`);
  assert.strictEqual(report.scripts, 0, `${what}: no script element`);
  assert.strictEqual(report.pwned, null, `${what}: __pwned unset`);
  assert.deepStrictEqual(report.violations, [], `${what}: no CSP violation`);
}

const DOC = (webShop: string, broken: string) => `# Shop platform: design notes

The web shop runs every part in a container on one host. The diagram below is drawn from the
\`strata\` block by the Strata extension; GitHub shows the block as code.

\`\`\`strata
${webShop.trimEnd()}
\`\`\`

## Work in progress

A model with mistakes still shows what could be read, with its errors:

\`\`\`strata
${broken.trimEnd()}
\`\`\`

Other code blocks stay code:

\`\`\`js
const shop = { hosts: 1, containers: 5 };
\`\`\`
`;

describe('Markdown preview: ```strata fences in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  const md = new MarkdownIt({ html: true, linkify: true }).use(strataMarkdownItPlugin);

  before(async () => {
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  it('draws the diagrams and their findings under the preview policy (screenshot)', async () => {
    const webShop = fs.readFileSync(path.join(EXAMPLES, 'web-shop.strata'), 'utf8');
    const broken = fs.readFileSync(path.join(EXAMPLES, 'broken', 'syntax-errors.strata'), 'utf8');
    const html = md.render(DOC(webShop, broken));
    const { page: p, rec, close } = await open(browser, page(html, 'vscode-light', true));
    try {
      await assertNothingRan(p, rec, 'light');
      const info = await p.evaluate(() => {
        const svgs = document.querySelectorAll('.strata-md svg.strata');
        const sizes: { width: number; height: number }[] = [];
        for (let i = 0; i < svgs.length; i++) sizes.push(svgs[i]!.getBoundingClientRect());
        const bg = document.querySelector('.strata-md svg.strata .bg');
        const findings = document.querySelectorAll('.strata-md-finding');
        const summaries = document.querySelectorAll('.strata-md-summary');
        const texts: string[] = [];
        for (let i = 0; i < summaries.length; i++) texts.push(summaries[i]!.textContent ?? '');
        return {
          sizes,
          bgFill: bg ? getComputedStyle(bg).fill : '',
          findings: findings.length,
          summaries: texts,
          js: document.querySelector('pre code.language-js')?.textContent ?? null,
          nodes: document.querySelectorAll('.strata-md g.node').length,
          worker: document.querySelector('.strata-md g.node[data-id="worker"]') !== null,
          lines: document.querySelectorAll('.code-line[data-line]').length,
        };
      });
      assert.strictEqual(info.sizes.length, 2, 'two diagrams');
      for (const s of info.sizes) assert.ok(s.width > 200 && s.height > 100, `drawn at a real size: ${JSON.stringify(s)}`);
      assert.strictEqual(info.bgFill, 'rgb(255, 255, 255)', 'light theme');
      assert.ok(info.nodes > 10, `nodes drawn: ${info.nodes}`);
      assert.ok(info.worker, 'the broken model draws what follows its syntax errors');
      assert.ok(info.findings >= 5, `findings listed: ${info.findings}`);
      assert.match(info.summaries[0]!, /Strata: 2 warnings/);
      assert.match(info.summaries[1]!, /error/);
      assert.strictEqual(info.js, 'const shop = { hosts: 1, containers: 5 };\n', 'the js fence is untouched');
      assert.strictEqual(info.lines, 2, 'each fence carries its source line');
      await p.screenshot({ path: path.join(ARTIFACTS, 'markdown-preview.png'), fullPage: true });
    } finally {
      await close();
    }
  });

  it('follows the VS Code theme of the page: dark, high contrast, high contrast light (screenshot)', async () => {
    const webShop = fs.readFileSync(path.join(EXAMPLES, 'web-shop.strata'), 'utf8');
    const html = md.render('# Dark\n\n```strata\n' + webShop + '```\n');
    const expected: Record<string, string> = {
      'vscode-dark': 'rgb(30, 30, 30)',
      'vscode-high-contrast': 'rgb(0, 0, 0)',
      'vscode-high-contrast vscode-high-contrast-light': 'rgb(255, 255, 255)',
      'vscode-light': 'rgb(255, 255, 255)',
    };
    for (const [bodyClass, fill] of Object.entries(expected)) {
      const { page: p, rec, close } = await open(browser, page(html, bodyClass, true));
      try {
        await assertNothingRan(p, rec, bodyClass);
        const got = await p.evaluate(() => {
          const bg = document.querySelector('.strata-md svg.strata .bg');
          const text = document.querySelector('.strata-md svg.strata text');
          return { bg: bg ? getComputedStyle(bg).fill : '', text: text ? getComputedStyle(text).fill : '' };
        });
        assert.strictEqual(got.bg, fill, `${bodyClass}: background`);
        assert.notStrictEqual(got.text, got.bg, `${bodyClass}: text differs from its background`);
        if (bodyClass === 'vscode-dark') await p.screenshot({ path: path.join(ARTIFACTS, 'markdown-preview-dark.png'), fullPage: true });
      } finally {
        await close();
      }
    }
  });

  it('control: the recorders do see a payload that is not escaped', async () => {
    const raw = '<div class="strata-md"><img src="https://evil.invalid/x.png" onerror="alert(1)"><svg onload="window.__pwned=1"></svg></div>';
    const open1 = await open(browser, page(raw, 'vscode-light', false));
    try {
      await assert.rejects(assertNothingRan(open1.page, open1.rec, 'control'), /no (dialog|request|event attribute|active)/);
      assert.ok(open1.rec.requests.some((u) => u.includes('evil.invalid')), 'the image request was seen');
    } finally {
      await open1.close();
    }
    const open2 = await open(browser, page(raw, 'vscode-light', true));
    try {
      const violations = await open2.page.evaluate(() => window.__violations as string[]);
      assert.ok(violations.length > 0, 'the policy reports what it blocked');
      assert.deepStrictEqual(open2.rec.dialogs, [], 'and nothing ran under it');
    } finally {
      await open2.close();
    }
  });

  for (const csp of [true, false]) {
    it(`the XSS corpus in every label runs nothing and loads nothing ${csp ? 'under the policy' : 'without a policy (escaping alone)'}`, async () => {
      const docs = hostileDocuments(PAYLOADS, 40);
      const markdown = docs.map((d, i) => `## Hostile ${i}\n\n\`\`\`strata\n${d.text}\`\`\`\n`).join('\n');
      const html = md.render(markdown);
      const { page: p, rec, close } = await open(browser, page(html, 'vscode-light', csp), { width: 1200, height: 800 });
      try {
        await assertNothingRan(p, rec, csp ? 'with CSP' : 'without CSP');
        // Labels come back exactly: each node's <title> names its label.
        const expected = docs.flatMap((d) => [...d.labels].filter(([id]) => /^[hvca]\d+$/.test(id)));
        const titles = await p.evaluate((ids: string[]) => {
          const out: Record<string, string> = {};
          for (const id of ids) out[id] = document.querySelector(`.strata-md g.node[data-id="${id}"] > title`)?.textContent ?? '<missing>';
          return out;
        }, expected.map(([id]) => id));
        let checked = 0;
        for (const [id, label] of expected) {
          assert.ok(titles[id]!.includes(`"${label}"`), `${id}: title ${JSON.stringify(titles[id])} holds ${JSON.stringify(label)}`);
          checked++;
        }
        assert.ok(checked >= PAYLOADS.length * 4, `labels checked: ${checked}`);
        // Finding messages quote the hostile OS names: as text.
        const listed = await p.evaluate(() => document.querySelectorAll('.strata-md-finding').length);
        assert.ok(listed >= docs.length, `findings listed: ${listed}`);
      } finally {
        await close();
      }
    });
  }
});
