// The XSS corpus (corpus.ts) through every user-text path into the preview, in real Chromium with
// the real CSP: labels of hosts, VMs, containers and apps, tenant labels, images, link labels and
// an unknown OS (which also reaches a finding). Layers view, Findings view and Mermaid view (real
// mermaid). Nothing may run (no dialog, no `__pwned`, no page error), nothing may load (no request
// off the test server, no CSP report), the DOM holds no event attribute and no foreignObject, and
// the label text comes back exactly. A last test bypasses the renderers' escaping and hands the
// webview hostile SVG directly: its sanitizer and the CSP must still hold.
import * as assert from 'node:assert';
import type { Browser } from 'playwright-core';
import { analyze } from '../../src/core';
import { FakeExtension, PreviewServer, launchBrowser } from './harness';
import { PAYLOADS, hostileDocuments, hostileMermaidDocuments } from './corpus';

declare const window: Record<string, unknown>;
declare const document: { querySelectorAll(s: string): ArrayLike<DomElement>; querySelector(s: string): DomElement | null };
interface DomElement {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ name: string; value: string }>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(s: string): DomElement | null;
}

interface DomReport {
  eventAttributes: string[];
  foreignObjects: number;
  scripts: string[];
  frames: number;
  pwned: unknown;
}

/** What a successful injection would leave in the page. */
async function domReport(ext: FakeExtension): Promise<DomReport> {
  return ext.page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    const eventAttributes: string[] = [];
    for (const el of all) for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) eventAttributes.push(`${el.tagName} ${a.name}`);
    return {
      eventAttributes,
      foreignObjects: document.querySelectorAll('foreignObject, foreignobject').length,
      scripts: Array.from(document.querySelectorAll('script')).map((s) => s.getAttribute('src') ?? 'inline'),
      // The one frame the preview makes itself (mermaid's, empty, no src) is not a payload's.
      frames:
        document.querySelectorAll('iframe:not(#strata-mermaid-frame:not([src]):not([srcdoc])), object, embed, img, link[rel="stylesheet"]:not([href$="preview.css"])').length +
        Array.from(document.querySelectorAll('image, use, a')).filter((e) => {
          const href = e.getAttribute('href') ?? e.getAttribute('xlink:href');
          return href !== null && !href.startsWith('#');
        }).length,
      pwned: window.__pwned,
    };
  });
}

async function assertNothingHappened(ext: FakeExtension, where: string): Promise<void> {
  const dom = await domReport(ext);
  assert.deepStrictEqual(ext.dialogs, [], `${where}: a dialog opened`);
  assert.deepStrictEqual(ext.pageErrors, [], `${where}: page errors`);
  assert.deepStrictEqual(ext.foreignRequests, [], `${where}: requests left the page`);
  assert.deepStrictEqual(await ext.violations(), [], `${where}: CSP reports`);
  assert.deepStrictEqual(dom.eventAttributes, [], `${where}: event attributes in the DOM`);
  assert.strictEqual(dom.foreignObjects, 0, `${where}: foreignObject in the DOM`);
  assert.strictEqual(dom.frames, 0, `${where}: frames, images or external references in the DOM`);
  assert.ok(dom.scripts.every((s) => /\/webview\/(preview|mermaidView)\.js$/.test(s)), `${where}: scripts ${dom.scripts.join(', ')}`);
  assert.strictEqual(dom.pwned, undefined, `${where}: a payload ran`);
  assert.ok(!ext.console.some((m) => /pwned|alert/i.test(m.text)), `${where}: console ${JSON.stringify(ext.console)}`);
}

describe('preview XSS corpus in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let server: PreviewServer;
  const documents = hostileDocuments(PAYLOADS, 40);
  const mermaidDocuments = hostileMermaidDocuments(PAYLOADS, 50);
  let placements = 0;
  /** App labels checked in mermaid's output, and those mermaid showed differently. */
  let mermaidChecked = 0;
  const mermaidAltered: string[] = [];

  before(async () => {
    server = await PreviewServer.start();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    // 8 places per payload in the Layers view: tenant, host, VM, container and app labels,
    // image, link label, OS; 2 in the Mermaid view: app label, link label (and every tenth a host label).
    placements = PAYLOADS.length * 8 + PAYLOADS.length * 2;
    console.log(`      XSS corpus: ${PAYLOADS.length} payloads, ${placements} placements in ${documents.length + mermaidDocuments.length} documents`);
    // Mermaid rewrites some label text on its own (entity codes, `%`, `;` before a style-like
    // word, url()); safe, but not the exact text. Listed for the mermaid generator's owners.
    if (mermaidChecked > 0) {
      console.log(`      mermaid: ${mermaidChecked - mermaidAltered.length}/${mermaidChecked} app labels shown exactly; altered by mermaid: ${JSON.stringify(mermaidAltered.slice(0, 12))}${mermaidAltered.length > 12 ? ' …' : ''}`);
    }
  });

  it('has 200+ payloads, and every document parses without syntax errors (the payloads reach the model)', () => {
    assert.ok(PAYLOADS.length >= 200, `${PAYLOADS.length} payloads`);
    for (const d of [...documents, ...mermaidDocuments]) {
      const syntax = analyze(d.text).findings.filter((f) => f.rule === 'syntax');
      assert.deepStrictEqual(syntax.map((f) => f.message), []);
    }
  });

  documents.forEach((doc, i) => {
    it(`document ${i + 1}/${documents.length}: Layers and Findings views stay inert and labels round-trip`, async () => {
      const ext = await FakeExtension.open(browser, server, doc.text, { viewport: { width: 1200, height: 800 } });
      try {
        await assertNothingHappened(ext, 'layers');
        // Hover and click everything once: an event attribute that slipped through would fire.
        await ext.page.evaluate(() => {
          for (const el of Array.from(document.querySelectorAll('#layers-canvas *')).slice(0, 3000)) {
            for (const type of ['mouseover', 'mouseenter', 'focus']) (el as unknown as { dispatchEvent(e: unknown): void }).dispatchEvent(new (window.Event as { new (t: string): unknown })(type));
          }
        });
        // Label text round-trips: the node's tooltip starts with `kind id "label"` exactly.
        const titles = await ext.page.evaluate(() => {
          const out: Record<string, string> = {};
          for (const g of Array.from(document.querySelectorAll('#layers-canvas g.node[data-id]'))) {
            const id = g.getAttribute('data-id')!;
            if (!(id in out)) out[id] = g.querySelector('title')?.textContent ?? '';
          }
          return out;
        });
        const kinds: Record<string, string> = { h: 'host', v: 'vm', c: 'container', a: 'app' };
        let checked = 0;
        for (const [id, label] of doc.labels) {
          const kind = kinds[id[0]];
          if (!kind) continue;
          const title = titles[id];
          assert.ok(title !== undefined, `node ${id} is not drawn`);
          assert.strictEqual(title.split('\n')[0], `${kind} ${id} "${label}"`);
          if (kind === 'container') assert.ok(title.includes(label), `the image of ${id} is not in its tooltip`);
          checked++;
        }
        assert.ok(checked >= doc.labels.size * 0.8, `only ${checked} labels checked`);
        // The Findings view (messages quote user text).
        await ext.page.click('[data-view="findings"][role="tab"]');
        await ext.waitFor(() => ext.lastOf('options')?.view === 'findings', 'the findings view');
        const update = await ext.sendUpdate();
        await ext.page.waitForFunction((n) => document.querySelectorAll('#findings-list .finding').length === n, Math.min(update.findings.length, 1000));
        const shown = await ext.page.evaluate(() => Array.from(document.querySelectorAll('#findings-list .finding .message')).map((e) => e.textContent ?? ''));
        assert.deepStrictEqual(shown, update.findings.map((f) => f.message));
        assert.ok(update.findings.some((f) => PAYLOADS.some((p) => f.message.includes(p))), 'no finding quotes a payload');
        await assertNothingHappened(ext, 'findings');
      } finally {
        await ext.close();
      }
    });
  });

  mermaidDocuments.forEach((doc, i) => {
    it(`document ${i + 1}/${mermaidDocuments.length}: the Mermaid view (real mermaid, strict) stays inert`, async () => {
      const ext = await FakeExtension.open(browser, server, doc.text, { viewport: { width: 1200, height: 800 } });
      try {
        await ext.page.click('[data-view="mermaid"][role="tab"]');
        await ext.page.waitForSelector('#mermaid-canvas svg, #mermaid-note.error:not([hidden])', { timeout: 120_000 });
        assert.strictEqual(await ext.page.isVisible('#mermaid-note.error'), false, (await ext.page.textContent('#mermaid-note')) ?? '');
        await assertNothingHappened(ext, 'mermaid');
        // Label text survives mermaid too. It wraps lines, so compare without whitespace; the
        // generator writes `"` as `”` by design (a quote would end mermaid's label).
        const text = (await ext.page.evaluate(() => document.querySelector('#mermaid-canvas svg')?.textContent ?? '')).replace(/\s+/g, '');
        const expected = (l: string) => l.replace(/\s+/g, '').replace(/"/g, '\u201d');
        const labels = [...doc.labels.values()];
        const missing = labels.filter((l) => !text.includes(expected(l)));
        mermaidChecked += labels.length;
        mermaidAltered.push(...missing);
      } finally {
        await ext.close();
      }
    });
  });

  it('holds without the renderers\' escaping: hostile SVG sent straight to the webview does nothing', async () => {
    const ext = await FakeExtension.open(browser, server, 'host a { os: debian-12 }');
    try {
      const update = await ext.sendUpdate();
      const hostile = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="strata theme-light" width="400" height="300" onload="window.__pwned=1">',
        '<style>rect{fill:red}</style>',
        '<script>window.__pwned=1</script>',
        '<g data-id="a" onclick="window.__pwned=1" onmouseover="alert(1)"><rect width="100" height="50"/><text>ok</text></g>',
        '<style>@import url(https://evil.invalid/x.css);</style>',
        '<foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="window.__pwned=1"/></body></foreignObject>',
        '<a href="javascript:window.__pwned=1"><text y="80">link</text></a>',
        '<a xlink:href="javascript:alert(1)"><text y="90">link2</text></a>',
        '<image href="https://evil.invalid/i.png" width="10" height="10"/>',
        '<use href="https://evil.invalid/s.svg#x"/>',
        '<set attributeName="onmouseover" to="alert(1)"/>',
        '<animate attributeName="href" values="javascript:alert(1)"/>',
        '<rect width="10" height="10" style="fill:url(https://evil.invalid/p.png)"/>',
        '<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.invalid/"></iframe>',
        '</svg>',
      ].join('');
      await ext.send({ ...update, version: update.version + 1, svg: hostile });
      await ext.waitForRendered(update.version + 1);
      await ext.page.locator('#layers-canvas g[data-id="a"] rect').click();
      await ext.page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll('#layers-canvas *'))) {
          for (const type of ['mouseover', 'load', 'focus', 'begin']) (el as unknown as { dispatchEvent(e: unknown): void }).dispatchEvent(new (window.Event as { new (t: string): unknown })(type));
        }
      });
      const report = await domReport(ext);
      assert.deepStrictEqual(report.eventAttributes, []);
      assert.strictEqual(report.foreignObjects, 0);
      assert.strictEqual(report.frames, 0);
      assert.strictEqual(report.pwned, undefined);
      assert.deepStrictEqual(ext.dialogs, []);
      assert.deepStrictEqual(ext.foreignRequests, []);
      // The first <style> is the diagram's own (nonce'd); the second, later one was removed.
      assert.strictEqual(await ext.page.$$eval('#layers-canvas style', (s) => s.length), 1);
      assert.deepStrictEqual(
        await ext.page.$$eval('#layers-canvas a', (as) => as.map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href'))),
        [null, null],
      );
      const log = ext.received.filter((m) => m.type === 'log').map((m) => (m as { message: string }).message);
      assert.ok(log.some((m) => /removed \d+ unsafe/.test(m)), log.join('\n'));
      // The click still maps back to the source.
      assert.deepStrictEqual(ext.lastOf('reveal'), { type: 'reveal', id: 'a' });
      // The style attribute's url() is applied through the CSSOM but, by the CSP, never loaded.
      assert.deepStrictEqual(ext.foreignRequests, []);
    } finally {
      await ext.close();
    }
  });

  it('removes handlers a text match would miss: <g/onclick=…> and <g title=">" onclick=…>', async () => {
    const ext = await FakeExtension.open(browser, server, 'host a { os: debian-12 }');
    try {
      const update = await ext.sendUpdate();
      // Tags the HTML parser reads with an event attribute although no whitespace precedes it, or
      // a quoted ">" comes before it: the handlers must be gone from the page, not only blocked
      // by the CSP.
      const hostile = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="strata theme-light" width="400" height="300">',
        '<g/onclick="window.__pwned=1" data-id="a"><rect width="100" height="50"/></g>',
        '<g title=">" onclick="window.__pwned=2" onmouseover="window.__pwned=3" data-id="b"><rect y="60" width="100" height="50"/></g>',
        '<g title="\'>" ONFOCUS="window.__pwned=4" data-id="c"><rect y="120" width="100" height="50"/></g>',
        '</svg>',
      ].join('');
      await ext.send({ ...update, version: update.version + 1, svg: hostile });
      await ext.waitForRendered(update.version + 1);
      // The three groups are there (the diagram was not refused), without a single handler.
      assert.deepStrictEqual(await ext.page.$$eval('#layers-canvas g[data-id]', (gs) => gs.map((g) => g.getAttribute('data-id'))), ['a', 'b', 'c']);
      const report = await domReport(ext);
      assert.deepStrictEqual(report.eventAttributes, []);
      await ext.page.locator('#layers-canvas g[data-id="a"] rect').click();
      await ext.page.locator('#layers-canvas g[data-id="b"] rect').hover();
      assert.strictEqual(await ext.page.evaluate(() => window.__pwned), undefined);
      const log = ext.received.filter((m) => m.type === 'log').map((m) => (m as { message: string }).message);
      assert.ok(log.some((m) => /removed 4 unsafe/.test(m)), log.join('\n'));
    } finally {
      await ext.close();
    }
  });
});
