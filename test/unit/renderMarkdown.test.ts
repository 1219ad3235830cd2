// `strata render --format markdown|html`: golden files (test/fixtures/diff/render/, rewritten
// with UPDATE_SNAPSHOTS=1), the Markdown's structure as a GFM parser reads it, escaping of every
// kind of user text, the HTML page's policy (no scripts, nothing fetched), the command line, and
// in a real Chromium (when /usr/bin/chromium exists): the hostile-label corpus in the HTML page
// runs nothing and loads nothing, and the Markdown of every example draws with the real mermaid
// the way GitHub renders a ```mermaid block.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { chromium, type Browser } from 'playwright-core';
import { type Analysis, analyze } from '../../src/core';
import { renderMermaid } from '../../src/core/render/mermaid';
import { HTML_CSP, renderHtml } from '../../src/core/output/html';
import { MERMAID_MAX_TEXT, mdFence, mdId, mdText, markdownDiagrams, renderMarkdown } from '../../src/core/output/markdown';
import { generateModel } from '../../bench/generate';
import { PAYLOADS, hostileDocuments } from '../browser/corpus';
import { OUR_TAGS, assertTablesHold, fences } from './renderHelpers';
import { EXAMPLES, FIXTURES, ROOT, strataFiles } from '../helpers/paths';

const GOLDEN = path.join(FIXTURES, 'diff', 'render');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MERMAID_JS = path.join(ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

function golden(file: string, actual: string): void {
  const p = path.join(GOLDEN, file);
  if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(p)) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(p, actual);
    return;
  }
  const expected = fs.readFileSync(p, 'utf8');
  if (expected !== actual) {
    const out = p.replace(/(\.[a-z]+)$/, '.actual$1');
    fs.writeFileSync(out, actual);
    assert.fail(`${file} differs from its golden file (the output is in ${path.relative(ROOT, out)}). If the change is intended, run with UPDATE_SNAPSHOTS=1.`);
  }
}

const read = (f: string) => fs.readFileSync(f, 'utf8');
const md = new MarkdownIt({ html: true });

const INPUTS: Record<string, string> = {
  ...Object.fromEntries(strataFiles(EXAMPLES).map((f) => [path.relative(EXAMPLES, f).replace(/[\\/]/g, '-').replace(/\.strata$/, ''), f])),
  hostile: path.join(FIXTURES, 'render', 'hostile.strata'),
  empty: path.join(FIXTURES, 'render', 'empty.strata'),
};

describe('render markdown and html', () => {
  describe('golden files', () => {
    for (const [name, file] of Object.entries(INPUTS)) {
      it(`${name}.md`, () => {
        const out = renderMarkdown(analyze(read(file)), { title: `${name}.strata` });
        golden(`${name}.md`, out);
        assertTablesHold(out);
      });
    }
    for (const [name, theme] of [
      ['web-shop', 'light'],
      ['regulated-platform', 'dark'],
      ['hostile', 'light'],
    ] as const) {
      it(`${name}.${theme}.html`, () => golden(`${name}.${theme}.html`, renderHtml(analyze(read(INPUTS[name])), { title: `${name}.strata`, theme })));
    }
  });

  it('Markdown: a heading, the mermaid diagram in a fence, every finding in a table row with its rule linked, the stats', () => {
    const a = analyze(read(INPUTS['regulated-platform']));
    const out = renderMarkdown(a, { title: 'models/regulated-platform.strata' });
    const tokens = md.parse(out, {});
    assert.equal(tokens[0].type, 'heading_open');
    assert.equal(tokens[0].tag, 'h2');
    assert.equal(tokens[1].content, 'models/regulated-platform.strata');
    // Three hosts and 20+ nodes: one diagram per host, each under a heading naming the host and its group.
    const all = fences(out);
    assert.deepEqual(all.map((f) => f.info), ['mermaid', 'mermaid', 'mermaid']);
    const hosts = a.model.nodes.filter((n) => n.kind === 'host');
    assert.deepEqual(all.map((f) => f.content), hosts.map((h) => renderMermaid(a, { only: [h] }).text));
    for (const h of hosts) assert.match(out, new RegExp(`^### host ${h.id}: Dell R750 \\\\#\\d \\(in group fra-dc2: Frankfurt, data centre 2\\)$`, 'm'));
    // Each node is in exactly one of them.
    for (const n of a.model.nodes.filter((x) => x.kind !== 'tenant' && x.kind !== 'group' && x.id !== undefined)) {
      assert.equal(all.filter((f) => f.content.includes(`${n.kind} ${n.id}`)).length, 1, `${n.kind} ${n.id}`);
    }
    // The links between hosts, which no per-host diagram can draw, are listed.
    assert.match(out, /Links between hosts:\n\n\| from \| to \| label \|\n\| --- \| --- \| --- \|\n\| retail-web-1-ctr \(host esx-a\) \| payments-api-1-ctr \(host kvm-b\) \| card payment \|/);
    const html = md.render(out);
    for (const f of a.findings) assert.ok(html.includes(`<a href="docs/rules/${f.rule}.md">${f.rule}</a>`), f.rule);
    const rows = tokens.filter((t) => t.type === 'tr_open').length;
    assert.ok(rows >= a.findings.length + 1 + 7, 'findings rows, their header and the summary rows');
    for (const label of ['kernels', 'OS instances', 'guest-OS overhead', 'tenants sharing a kernel', 'CPU allocated', 'memory allocated'])
      assert.ok(
        tokens.some((t) => t.type === 'inline' && t.content === label),
        label,
      );
    assert.match(out, /\| tenants sharing a kernel \| retail and partners on the guest kernel of vm 'k8s-w1' \(ubuntu-22\.04\) \|/);
    assert.match(out, /\| kernels \| 12 \(2 host, 6 guest, 4 micro-VM\) \|/);
  });

  it('escapes user text for Markdown: nothing it holds can start a block, a tag, a link, a code span, math or a mention', () => {
    const cases: [string, string][] = [
      ['plain text', 'plain text'],
      ['a | b', 'a \\| b'],
      ['`code`', '\\`code\\`'],
      ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
      ['&amp; &#124;', '&amp;amp; &amp;\\#124;'],
      ['# heading', '\\# heading'],
      ['- item', '\\- item'],
      ['+ item', '\\+ item'],
      ['1. item', '1\\. item'],
      ['2) item', '2\\) item'],
      ['6.5 of 8', '6.5 of 8'],
      ['=== x', '\\=== x'],
      ['line\nbreak\r\nand\u2028more', 'line break  and more'],
      ['*bold* _em_ ~~del~~', '\\*bold\\* \\_em\\_ \\~\\~del\\~\\~'],
      ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
      ['$x^2$', '\\$x^2\\$'],
      ['@everyone and a@b.c', '@\u200Beveryone and a@\u200Bb.c'],
      ['back\\slash', 'back\\\\slash'],
      ['see https://evil.invalid/x', 'see https\\://evil.invalid/x'],
      ['www.evil.invalid and WWW.x.y', 'www\\.evil.invalid and WWW\\.x.y'],
      ['mail a@evil.invalid', 'mail a@\u200Bevil.invalid'],
    ];
    for (const [input, expected] of cases) assert.equal(mdText(input), expected, JSON.stringify(input));
    // What a GFM parser makes of each: the same characters as typed (newlines as spaces), as text.
    for (const [input] of cases) {
      const html = md.render(`| a |\n|---|\n| ${mdText(input)} |\n`);
      assert.doesNotMatch(html.replace(/<\/?(table|thead|tbody|tr|th|td)>/g, ''), /<[a-z/]/i, input);
      const cell = /<td>(.*)<\/td>/.exec(html)![1];
      const decoded = cell.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\u200B/g, '');
      assert.equal(decoded, input.replace(/[\r\n\u2028]/g, ' ').replace(/\s+$/, ''), input);
    }
    // GitHub's autolinks (scheme:// and www.; e-mail is broken by the zero-width space) do not form.
    const linkify = new MarkdownIt({ linkify: true });
    linkify.linkify.set({ fuzzyEmail: false });
    for (const t of ['https://evil.invalid/x', 'HTTP://evil.invalid', 'ftp://evil.invalid/f', 'www.evil.com/x', 'x WWW.example.org']) {
      assert.match(linkify.renderInline(t), /<a /, `${t}: linkify links it unescaped`);
      assert.doesNotMatch(linkify.renderInline(mdText(t)), /<a /, t);
    }
    assert.equal(mdId('web-1'), '`web-1`');
    assert.equal(mdId('a`b'), 'a\\`b');
    assert.equal(mdFence('mermaid', 'a\n```\nb'), '````mermaid\na\n```\nb\n````');
  });

  it('the hostile corpus in labels, images, tenants, links and OS names cannot break the Markdown', () => {
    for (const doc of hostileDocuments(PAYLOADS, 60)) {
      const a = analyze(doc.text);
      const out = renderMarkdown(a, { title: 'evil | <b>title</b>\n# x' });
      assertTablesHold(out);
      const html = md.render(out);
      assert.doesNotMatch(html, OUR_TAGS, 'no tag from user text');
      assert.doesNotMatch(html, /<a href="(?!docs\/rules\/)/, 'no link from user text');
      const diagrams = markdownDiagrams(a);
      const fs0 = fences(out);
      assert.equal(fs0.length, diagrams.length, 'one fence per diagram: user text cannot open or close one');
      assert.deepEqual(fs0.map((f) => f.content), diagrams.map((d) => d.text));
      const headings = 3 + diagrams.filter((d) => d.host).length;
      assert.equal(md.parse(out, {}).filter((t) => t.type === 'heading_open').length, headings, 'only our headings');
    }
  });

  it('keeps a small model with several hosts in one diagram, with its links', () => {
    const a = analyze('host a { os: debian-12\n app x }\nhost b { os: debian-12\n app y }\nx -> y "calls"\n');
    const out = renderMarkdown(a);
    assert.equal(fences(out).length, 1);
    assert.equal(fences(out)[0].content, renderMermaid(a).text);
    assert.match(fences(out)[0].content, /-->\|"calls"\|/);
    assert.doesNotMatch(out, /One diagram per host|Links between hosts/);
  });

  it('summarises a large model for mermaid, says so, and stays under mermaid’s text limit', () => {
    const big = generateModel(1500).text;
    const out = renderMarkdown(analyze(big));
    const [fence] = fences(out);
    assert.ok(fence.content.length <= MERMAID_MAX_TEXT);
    assert.match(out, /^> .*(hosts only|summarised)/m);
  });

  it('an empty model still gives a whole document', () => {
    const out = renderMarkdown(analyze(''));
    assert.match(out, /^## Strata model\n/);
    assert.match(out, /No findings\./);
  });

  it('HTML: one page, the CSP first in <head>, no script, no handler, nothing to fetch, user text escaped', () => {
    for (const doc of hostileDocuments(PAYLOADS, 90)) {
      const page = renderHtml(analyze(doc.text), { title: '</title><script>alert(1)</script>' });
      assert.match(page, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n/);
      assert.equal(HTML_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      // The markup alone (text between tags is escaped user text).
      const markup = page.replace(/>[^<]*</g, '><');
      assert.doesNotMatch(markup, /<script|<iframe|<object|<embed|<link|<img|<foreignObject|<base|<meta http-equiv="refresh"/i);
      assert.doesNotMatch(markup, /\son\w+\s*=/i, 'no event handler attribute');
      assert.doesNotMatch(markup, /\b(?:src|xlink:href)\s*=/i);
      assert.doesNotMatch(markup, /href="(?!docs\/rules\/)/, 'links only to rule pages');
      for (const style of page.match(/<style>[\s\S]*?<\/style>/g) ?? []) assert.doesNotMatch(style, /url\((?!#)|@import|expression\(/i);
      assert.equal((page.match(/<svg /g) ?? []).length, 1, 'the layered SVG inline, once');
      assert.equal((page.slice(0, page.indexOf('</head>')).match(/<title>/g) ?? []).length, 1, 'one page title');
    }
  });

  it('HTML: themes colour the page and the diagram alike', () => {
    const a = analyze(read(INPUTS['web-shop']));
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const page = renderHtml(a, { theme });
      assert.match(page, new RegExp(`class="strata theme-${theme}"`));
      assert.match(page, /color-scheme:(light|dark)/);
    }
  });

  describe('from the command line', function () {
    this.timeout(30_000);
    let dir: string;
    const strata = (args: string[]) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
      return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
    };
    before(function () {
      if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-render-md-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('--format markdown and --format html write what the core renders, titled with the file', () => {
      const file = path.join('examples', 'web-shop.strata');
      const a = analyze(read(path.join(ROOT, file)));
      const m = strata(['render', file, '--format', 'markdown']);
      assert.equal(m.code, 0, m.err);
      assert.equal(m.out, renderMarkdown(a, { title: file }));
      const h = strata(['render', file, '--format', 'html', '--theme', 'dark']);
      assert.equal(h.code, 0, h.err);
      assert.equal(h.out, renderHtml(a, { title: file, theme: 'dark' }));
      const out = path.join(dir, 'web-shop.md');
      assert.equal(strata(['render', file, '-f', 'markdown', '-o', out]).code, 0);
      assert.equal(read(out), m.out);
      const bad = strata(['render', file, '--format', 'pdf']);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /unknown format 'pdf'\. Use one of: svg, mermaid, markdown, html\./);
    });
  });

  describe('in Chromium', function () {
    this.timeout(120_000);
    let browser: Browser | undefined;
    before(async function () {
      if (!fs.existsSync(CHROMIUM)) {
        this.skip();
        return;
      }
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    });
    after(async () => browser?.close());

    it('the HTML page with the hostile corpus runs nothing, fetches nothing, violates no policy and shows every message exactly', async () => {
      for (const doc of hostileDocuments(PAYLOADS, 90)) {
        const a = analyze(doc.text);
        const page = await browser!.newPage();
        const events: string[] = [];
        page.on('dialog', (d) => {
          events.push(`dialog ${d.message()}`);
          void d.dismiss();
        });
        page.on('request', (r) => {
          if (!r.url().startsWith('data:') && r.url() !== 'about:blank') events.push(`request ${r.url()}`);
        });
        page.on('console', (m) => events.push(`console ${m.text()}`));
        await page.setContent(renderHtml(a, { title: 'hostile' }), { waitUntil: 'load' });
        const facts = await page.evaluate(`(() => ({
          pwned: window.__pwned === 1,
          scripts: document.scripts.length,
          handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((x) => /^on/i.test(x.name))).length,
          foreign: document.querySelectorAll('foreignObject, iframe, object, embed, img, link, base').length,
          svgs: document.querySelectorAll('figure > svg').length,
          messages: [...document.querySelectorAll('table.findings tbody tr')].map((tr) => tr.cells[3].textContent),
        }))()`);
        const f = facts as { pwned: boolean; scripts: number; handlers: number; foreign: number; svgs: number; messages: string[] };
        await page.close();
        assert.deepEqual(events, [], 'no dialog, request or console message (CSP violations are logged to the console)');
        assert.deepEqual({ pwned: f.pwned, scripts: f.scripts, handlers: f.handlers, foreign: f.foreign, svgs: f.svgs }, { pwned: false, scripts: 0, handlers: 0, foreign: 0, svgs: 1 });
        const expected = [...a.findings].sort((x, y) => ({ error: 0, warning: 1, info: 2 })[x.severity] - ({ error: 0, warning: 1, info: 2 })[y.severity] || x.span.start - y.span.start);
        assert.deepEqual(
          f.messages,
          expected.map((x) => x.message),
        );
      }
    });

    it('the Markdown of every example draws as GitHub would: each mermaid block renders without error and nothing runs', async () => {
      const page = await browser!.newPage();
      const events: string[] = [];
      page.on('dialog', (d) => {
        events.push(`dialog ${d.message()}`);
        void d.dismiss();
      });
      await page.setContent('<!DOCTYPE html><html><body></body></html>');
      await page.addScriptTag({ path: MERMAID_JS });
      const docs: [string, Analysis][] = [...Object.entries(INPUTS).map(([n, f]) => [n, analyze(read(f))] as [string, Analysis]), ...hostileDocuments(PAYLOADS, 60).map((d, i) => [`hostile-${i}`, analyze(d.text)] as [string, Analysis])];
      for (const [name, a] of docs) {
        const [fence] = fences(renderMarkdown(a));
        const result = (await page.evaluate(
          `(async (text) => {
            mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
            try {
              const { svg } = await mermaid.render('d' + Math.random().toString(36).slice(2), text);
              document.body.innerHTML = svg;
              return { ok: true, pwned: window.__pwned === 1, foreign: document.body.querySelectorAll('script, iframe, [onload], [onerror]').length };
            } catch (e) {
              return { ok: false, error: String(e && e.message || e) };
            }
          })(${JSON.stringify(fence.content)})`,
        )) as { ok: boolean; error?: string; pwned?: boolean; foreign?: number };
        assert.ok(result.ok, `${name}: mermaid failed: ${result.error}`);
        assert.equal(result.pwned, false, name);
        assert.equal(result.foreign, 0, name);
      }
      await page.close();
      assert.deepEqual(events, []);
    });
  });
});
