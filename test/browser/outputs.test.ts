// The XSS corpus (corpus.ts) through what the command line writes, opened in real Chromium:
// - Markdown: `strata render --format markdown`, `strata stats --format markdown` and
//   `strata diff --format markdown`, rendered by markdown-it with raw HTML allowed and URLs
//   linkified (more permissive than GitHub, which also sanitizes) and shown with no policy at
//   all, so escaping alone must hold: no link may form either, but to the rule pages;
// - HTML: `strata render --format html -o page.html`, the file the CLI wrote, as a browser opens
//   it: its Content-Security-Policy must be there and strict, nothing may run or load, and no
//   policy report may fire (the page does not even try);
// - SVG: `strata render -o diagram.svg`, opened as a top-level SVG document (where a <script>
//   or an onload would run), with no policy.
// Nothing may run (no dialog, no `__pwned`, no page error), nothing may load (no request besides
// the page itself), the DOM holds no event attribute, script, frame or external reference.
// Controls show the harness can fail: unescaped payloads are caught in each kind of page, and
// the HTML page's policy alone stops payloads injected into it (with violation reports).
import { visibleBidi } from '../../src/core/text/controls';
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../src/core';
import { HTML_CSP } from '../../src/core/output/html';
import { ROOT } from '../helpers/paths';
import { launchBrowser } from './harness';
import { PAYLOADS, hostileDocuments } from './corpus';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const ORIGIN = 'http://outputs.strata.test';

interface Recorder {
  dialogs: string[];
  requests: string[];
  console: string[];
  errors: string[];
}

interface Opened {
  page: Page;
  rec: Recorder;
  close(): Promise<void>;
}

/** Serves `body` at a made-up origin (a real navigation) and records everything else that is asked for. */
async function open(browser: Browser, body: string | Buffer, contentType: string, file = 'page'): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const url = `${ORIGIN}/${file}`;
  const rec: Recorder = { dialogs: [], requests: [], console: [], errors: [] };
  page.on('dialog', (d) => {
    rec.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => rec.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => rec.errors.push(e.message));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.fulfill({ status: 200, contentType, body });
    rec.requests.push(u);
    return route.abort();
  });
  await page.addInitScript(`(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  })()`);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(100); // onload, ontoggle, animations: let anything that could fire, fire
  return { page, rec, close: () => context.close() };
}

interface DomFacts {
  pwned: unknown;
  violations: string[];
  scripts: number;
  handlers: string[];
  active: string[];
}

/** Hovers, focuses and toggles every element once, then reports what an injection would leave. */
async function facts(page: Page): Promise<DomFacts> {
  return (await page.evaluate(`(() => {
    const all = Array.from(document.querySelectorAll('*'));
    for (const el of all.slice(0, 5000)) for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart']) el.dispatchEvent(new Event(type));
    const handlers = [];
    for (const el of all) for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) handlers.push(el.tagName + ' ' + a.name);
    const active = [];
    for (const el of document.querySelectorAll('iframe, frame, object, embed, img, image, video, audio, source, link, base, meta[http-equiv="refresh" i], form, foreignObject, use, animate, set, style[src]')) active.push(el.tagName);
    for (const el of document.querySelectorAll('[href], [src], [xlink\\\\:href], [action], [formaction], [data]')) {
      for (const name of ['href', 'src', 'xlink:href', 'action', 'formaction', 'data']) {
        const v = el.getAttribute(name);
        if (v !== null && !/^(#|docs\\/rules\\/[\\w-]+\\.md$)/.test(v)) active.push(el.tagName + ' ' + name + '=' + v);
      }
    }
    return { pwned: window.__pwned, violations: window.__violations, scripts: document.querySelectorAll('script').length, handlers, active };
  })()`)) as DomFacts;
}

async function assertInert(o: Opened, what: string): Promise<void> {
  const f = await facts(o.page);
  await o.page.waitForTimeout(20);
  assert.deepStrictEqual(o.rec.dialogs, [], `${what}: a dialog opened`);
  assert.deepStrictEqual(o.rec.errors, [], `${what}: page errors`);
  assert.deepStrictEqual(o.rec.requests, [], `${what}: requests left the page`);
  assert.deepStrictEqual(o.rec.console, [], `${what}: console messages`);
  assert.strictEqual(f.pwned, undefined, `${what}: a payload ran`);
  assert.strictEqual(f.scripts, 0, `${what}: a script element`);
  assert.deepStrictEqual(f.handlers, [], `${what}: event attributes`);
  assert.deepStrictEqual(f.active, [], `${what}: active or loading elements`);
  assert.deepStrictEqual(f.violations, [], `${what}: policy reports (the page tried to load or run something)`);
}

function strata(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/**
 * markdown-it, more permissive than GitHub: raw HTML passes through unsanitized. Links form from
 * URLs as GitHub's autolinks do (`scheme://`); markdown-it's fuzzy matching of bare domains and
 * Unicode e-mail domains has no GitHub counterpart and is off (`www.` and e-mail autolinks are
 * covered by the mdText cases in test/unit/renderMarkdown.test.ts).
 */
const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

const markdownPage = (markdown: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>md</title></head><body>${md.render(markdown)}</body></html>`;

/** What a table cell shows of a message: whitespace collapsed (the Markdown has no line breaks), no zero-width spaces. */
const shown = (s: string) => s.replace(/\u200B/g, '').replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ').replace(/\s+/g, ' ').trim();

describe('CLI outputs with the XSS corpus in Chromium', function () {
  this.timeout(240_000);
  let browser: Browser;
  let dir: string;
  const docs = hostileDocuments(PAYLOADS, 40);
  let pages = 0;

  before(async () => {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-outputs-'));
    fs.writeFileSync(path.join(dir, 'empty.strata'), '');
    docs.forEach((d, i) => fs.writeFileSync(path.join(dir, `hostile-${i}.strata`), d.text));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    // 8 places per payload (tenant, host, VM, container and app labels, image, link label, OS)
    // in 5 outputs (render markdown, stats markdown, diff markdown, render html, render svg).
    console.log(`      CLI outputs: ${PAYLOADS.length} payloads × 8 places × 5 outputs = ${PAYLOADS.length * 8 * 5} placements, ${pages} pages in Chromium`);
  });

  docs.forEach((doc, i) => {
    const file = `hostile-${i}.strata`;

    it(`document ${i + 1}/${docs.length}: render, stats and diff Markdown, rendered with raw HTML allowed, run and load nothing`, async () => {
      const render = strata(['render', file, '--format', 'markdown', '-o', `hostile-${i}.md`], dir);
      assert.strictEqual(render.code, 0, render.err);
      const stats = strata(['stats', file, '--format', 'markdown'], dir);
      assert.strictEqual(stats.code, 0, stats.err);
      const diff = strata(['diff', 'empty.strata', file, '--format', 'markdown'], dir);
      assert.ok(diff.code === 0 || diff.code === 1, diff.err);
      const outputs: [string, string][] = [
        ['render --format markdown', fs.readFileSync(path.join(dir, `hostile-${i}.md`), 'utf8')],
        ['stats --format markdown', stats.out],
        ['diff --format markdown', diff.out],
      ];
      for (const [what, markdown] of outputs) {
        const o = await open(browser, markdownPage(markdown), 'text/html; charset=utf-8', `${what.split(' ')[0]}.html`);
        pages++;
        try {
          await assertInert(o, `${file}: ${what}`);
          if (what.startsWith('render')) {
            // The findings table shows each message as its text (what the escaping is for).
            const cells = (await o.page.evaluate(`Array.from(document.querySelectorAll('table')[0].querySelectorAll('tbody tr')).map((tr) => tr.cells[3].textContent)`)) as string[];
            const a = analyze(doc.text);
            const sorted = [...a.findings].sort((x, y) => ({ error: 0, warning: 1, info: 2 })[x.severity] - ({ error: 0, warning: 1, info: 2 })[y.severity] || x.span.start - y.span.start);
            // Markdown shows bidirectional controls as <U+202E> (Trojan Source), as every text channel does.
            assert.deepStrictEqual(cells.map(shown), sorted.slice(0, cells.length).map((f) => shown(visibleBidi(f.message))));
            assert.ok(sorted.some((f) => PAYLOADS.some((p) => p.length > 10 && f.message.includes(p))), 'some finding quotes a payload');
          }
        } finally {
          await o.close();
        }
      }
    });

    it(`document ${i + 1}/${docs.length}: the HTML page the CLI writes has its policy, runs nothing, loads nothing`, async () => {
      const r = strata(['render', file, '--format', 'html', '-o', `hostile-${i}.html`], dir);
      assert.strictEqual(r.code, 0, r.err);
      const html = fs.readFileSync(path.join(dir, `hostile-${i}.html`));
      const o = await open(browser, html, 'text/html; charset=utf-8', `hostile-${i}.html`);
      pages++;
      try {
        const head = (await o.page.evaluate(`(() => {
          const first = document.head.firstElementChild, second = first && first.nextElementSibling;
          const meta = document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]');
          return { first: first && first.outerHTML, second: second && second.getAttribute('http-equiv'), policies: Array.from(meta).map((m) => m.getAttribute('content')), inBody: document.body.querySelectorAll('meta').length };
        })()`)) as { first: string; second: string; policies: string[]; inBody: number };
        assert.strictEqual(head.first, '<meta charset="utf-8">');
        assert.strictEqual(head.second, 'Content-Security-Policy', 'the policy comes right after the charset, before any content');
        assert.deepStrictEqual(head.policies, [HTML_CSP], 'exactly one policy, the strict one');
        assert.strictEqual(head.inBody, 0);
        await assertInert(o, `${file}: render --format html`);
      } finally {
        await o.close();
      }
    });

    it(`document ${i + 1}/${docs.length}: the SVG the CLI writes, opened as a document, runs nothing and loads nothing`, async () => {
      const r = strata(['render', file, '-o', `hostile-${i}.svg`], dir);
      assert.strictEqual(r.code, 0, r.err);
      const svg = fs.readFileSync(path.join(dir, `hostile-${i}.svg`));
      const o = await open(browser, svg, 'image/svg+xml', `hostile-${i}.svg`);
      pages++;
      try {
        const root = await o.page.evaluate(`document.documentElement.tagName + ' ' + document.documentElement.namespaceURI`);
        assert.strictEqual(root, 'svg http://www.w3.org/2000/svg', 'the browser parsed it as an SVG document');
        await assertInert(o, `${file}: render --format svg`);
        // Every node's tooltip starts with `kind id "label"`: the label text came through exactly.
        const titles = (await o.page.evaluate(`Array.from(document.querySelectorAll('g.node[data-id]')).map((g) => [g.getAttribute('data-id'), (g.querySelector('title') || {}).textContent || ''])`)) as [string, string][];
        const byId = new Map(titles);
        let checked = 0;
        for (const [id, label] of doc.labels) {
          const kind = ({ h: 'host', v: 'vm', c: 'container', a: 'app' } as Record<string, string>)[id[0]];
          if (!kind || !byId.has(id)) continue;
          assert.strictEqual(byId.get(id)!.split('\n')[0], `${kind} ${id} "${label}"`);
          checked++;
        }
        assert.ok(checked >= doc.labels.size / 2, `only ${checked} labels checked`);
      } finally {
        await o.close();
      }
    });
  });

  describe('controls: the harness catches what it is looking for', () => {
    const RAW = `<script>window.__pwned=1</script><img src="https://evil.invalid/x.png" onerror="window.__pwned=1"><iframe src="https://evil.invalid/"></iframe><link rel="stylesheet" href="https://evil.invalid/x.css">${PAYLOADS.join('\n')}`;

    it('unescaped payloads in Markdown rendered with html: true run and load', async () => {
      const o = await open(browser, markdownPage(`| a |\n|---|\n| x |\n\n${RAW}\n`), 'text/html; charset=utf-8');
      try {
        await assert.rejects(assertInert(o, 'raw markdown'));
        const f = await facts(o.page);
        assert.ok(f.pwned === 1 || o.rec.dialogs.length > 0, 'a payload ran');
        assert.ok(o.rec.requests.some((u) => u.startsWith('https://evil.invalid/')), 'a request left');
      } finally {
        await o.close();
      }
    });

    it('the HTML page’s policy alone stops payloads injected into it (and reports them); without it they run', async () => {
      const r = strata(['render', 'hostile-0.strata', '--format', 'html'], dir);
      assert.strictEqual(r.code, 0, r.err);
      const injected = r.out.replace('<main>', `<main>${RAW}`);
      const withPolicy = await open(browser, injected, 'text/html; charset=utf-8');
      try {
        const f = await facts(withPolicy.page);
        assert.strictEqual(f.pwned, undefined, 'nothing ran under the policy');
        assert.deepStrictEqual(withPolicy.rec.dialogs, []);
        assert.deepStrictEqual(withPolicy.rec.requests, [], 'nothing was fetched under the policy');
        assert.ok(f.violations.some((v) => v.startsWith('script-src')), `the policy blocked the scripts: ${f.violations.slice(0, 5).join(', ')}`);
        assert.ok(f.violations.some((v) => /^(img-src|frame-src|style-src|default-src)/.test(v)), 'the policy blocked the loads');
      } finally {
        await withPolicy.close();
      }
      const withoutPolicy = await open(browser, injected.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), 'text/html; charset=utf-8');
      try {
        const f = await facts(withoutPolicy.page);
        assert.ok(f.pwned === 1 || withoutPolicy.rec.dialogs.length > 0, 'without the policy a payload runs');
        assert.ok(withoutPolicy.rec.requests.length > 0, 'without the policy requests leave');
      } finally {
        await withoutPolicy.close();
      }
    });

    it('a script or an onload in an SVG document runs', async () => {
      const o = await open(browser, '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=1</script></svg>', 'image/svg+xml');
      try {
        const f = await facts(o.page);
        assert.strictEqual(f.pwned, 1);
      } finally {
        await o.close();
      }
    });
  });
});
