// The preview of a project file in Chromium with the real bundle: the whole project drawn, what
// each file contributes marked (a coloured edge per file, a legend naming the files), a click
// on another file's node asking for that node; and the focus control narrowing the picture to a
// VM, a tenant or a service (typed, picked or Shift+clicked), kept across live updates and
// reloads. Screenshots: .test-artifacts/preview-project-*.png.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis } from '../../src/core';
import { Project } from '../../src/core/project';
import { ARTIFACTS, usePreviewBrowser } from './harness';
import { ROOT } from '../helpers/paths';

const DIR = path.join(ROOT, 'examples', 'platform');
const FILES = ['platform.strata', 'shop.strata', 'payments.strata'].map((f) => ({ file: `file://${path.join(DIR, f)}`, text: fs.readFileSync(path.join(DIR, f), 'utf8') }));
const SHOP = FILES[1].file;

/** The extension's analysis of shop.strata: its view of the project (the other files as on disk). */
function shopAnalyzer(): (text: string) => Analysis {
  const project = new Project();
  for (const f of FILES) project.set(f.file, f.text);
  return (text: string) => {
    project.set(SHOP, text);
    return project.analysis().fileAnalysis(SHOP)!;
  };
}

describe('preview of a project in Chromium', function () {
  this.timeout(60_000);
  const preview = usePreviewBrowser();

  it('draws every file’s nodes, marks what each file contributes with a legend, and a click asks for the node of another file', async () => {
    const ext = await preview.open(FILES[1].text, { viewport: { width: 1300, height: 800 }, analyzer: shopAnalyzer() });
    try {
      const page = ext.page;
      // Nodes of all three files.
      for (const [id, file] of [['rack1', 'platform.strata'], ['storefront', 'shop.strata'], ['fraud', 'payments.strata']]) {
        assert.equal(await page.locator(`#layers-canvas g.node[data-id="${id}"][data-file="${file}"]`).count(), 1, `${id} from ${file}`);
      }
      // A marker where each file's contribution starts, coloured by file, and a legend naming the files.
      const markers = await page.locator('#layers-canvas rect.ff').evaluateAll((els) => els.map((e) => `${e.getAttribute('class')} ${e.getAttribute('fill')} ${e.closest('g.node')?.getAttribute('data-id')}`));
      const colourOf = (id: string) => markers.find((m) => m.endsWith(` ${id}`))?.split(' ')[2];
      assert.ok(colourOf('storefront') && colourOf('fraud') && colourOf('rack1'), markers.join('\n'));
      assert.notEqual(colourOf('storefront'), colourOf('fraud'));
      assert.notEqual(colourOf('storefront'), colourOf('rack1'));
      assert.equal(colourOf('web'), undefined, 'an app in its container’s file carries no marker of its own');
      const legend = await page.locator('#layers-canvas g.legend text').allTextContents();
      for (const name of ['platform.strata', 'shop.strata (this file)', 'payments.strata']) assert.ok(legend.includes(name), `legend: ${legend.join(' | ')}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-project-files.png') });
      // A click on a node of payments.strata asks the extension to reveal it (PreviewPanel.revealId opens its file).
      await page.locator('#layers-canvas g.node[data-id="fraud"] rect').first().click();
      await ext.waitFor(() => ext.received.some((m) => m.type === 'reveal' && m.id === 'fraud'), 'a reveal of fraud');
      assert.deepStrictEqual(ext.pageErrors, []);
    } finally {
      await ext.close();
    }
  });

  it('the focus control narrows the picture to a VM, a tenant or a service, and keeps it across live updates and a reload', async () => {
    const ext = await preview.open(FILES[1].text, { viewport: { width: 1300, height: 800 }, analyzer: shopAnalyzer() });
    try {
      const page = ext.page;
      const drawn = () => page.locator('#layers-canvas g.node[data-id]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-id')))].sort());
      const all = await drawn();
      assert.ok(all.includes('ledger-vm') && all.includes('storefront'));
      // The datalist offers the model's hosts, VMs, tenants and services.
      const options = await page.locator('#focus-choices option').evaluateAll((els) => els.map((e) => e.getAttribute('value')));
      for (const o of ['host rack1', 'vm apps-vm', 'vm ledger-vm', 'tenant shop', 'tenant payments', 'service fraud']) assert.ok(options.includes(o), options.join(', '));

      // Typed: the ledger VM, with its ancestors and one hop of links (cart -> ledger), not the apps VM's other content.
      let version = ext.received.filter((m) => m.type === 'rendered').length;
      await page.fill('#focus-input', 'vm ledger-vm');
      await page.press('#focus-input', 'Enter');
      await ext.waitFor(() => ext.focus === 'node:ledger-vm' && ext.received.filter((m) => m.type === 'rendered').length > version, 'the focused picture');
      let now = await drawn();
      assert.deepStrictEqual(now, ['apps-vm', 'cart', 'ctr1', 'esx1', 'fraud', 'ledger', 'ledger-vm', 'rack1'].sort());
      assert.match(await page.locator('#layers-canvas .note-box').first().textContent() ?? '', /Focused on vm 'ledger-vm' with its context: 8 of 12 nodes/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-project-focus-vm.png') });

      // Kept across a live update (an edit in this file).
      version = ext.version;
      await ext.edit(FILES[1].text.replace('memory: 4GiB', 'memory: 5GiB'));
      await ext.waitForRendered(version + 1);
      assert.deepStrictEqual(await drawn(), now);
      assert.equal(await page.inputValue('#focus-input'), 'vm ledger-vm');

      // Shift+click on a node focuses it.
      let rendered = ext.received.filter((m) => m.type === 'rendered').length;
      await page.locator('#layers-canvas g.node[data-id="ledger"] rect').first().click({ modifiers: ['Shift'] });
      await ext.waitFor(() => ext.focus === 'node:ledger' && ext.received.filter((m) => m.type === 'rendered').length > rendered, 'the picture of ledger');
      assert.deepStrictEqual(await drawn(), ['apps-vm', 'cart', 'ctr1', 'esx1', 'fraud', 'ledger', 'ledger-vm', 'rack1'].sort());
      assert.equal(await page.inputValue('#focus-input'), 'ledger');
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-project-focus-ledger.png') });
      // The webview keeps the choice in its state (what a reload restores: the last test).
      await page.waitForFunction(() => (globalThis as unknown as { __state?: { focus?: string } }).__state?.focus === 'node:ledger');

      // A service, picked from the list: its instance, the other workloads on its kernel, one hop of links.
      rendered = ext.received.filter((m) => m.type === 'rendered').length;
      await page.fill('#focus-input', 'service storefront');
      await page.press('#focus-input', 'Enter');
      await ext.waitFor(() => ext.focus === 'service:storefront' && ext.received.filter((m) => m.type === 'rendered').length > rendered, 'the service picture');
      now = await drawn();
      for (const id of ['storefront', 'web', 'cart', 'fraud', 'apps-vm']) assert.ok(now.includes(id), `${id} in ${now.join(',')}`);
      for (const id of ['ledger-vm', 'ledger']) assert.ok(!now.includes(id), `${id} is not in the storefront's context`);

      // "All" shows everything again.
      rendered = ext.received.filter((m) => m.type === 'rendered').length;
      await page.click('#focus-clear');
      await ext.waitFor(() => ext.focus === undefined && ext.received.filter((m) => m.type === 'rendered').length > rendered, 'the whole picture again');
      assert.deepStrictEqual(await drawn(), all);
      assert.deepStrictEqual(ext.pageErrors, []);
      assert.deepStrictEqual(ext.invalid, []);
    } finally {
      await ext.close();
    }
  });

  it('a focus naming nothing in the model shows everything and says so', async () => {
    const ext = await preview.open(FILES[1].text, { analyzer: shopAnalyzer(), state: { uri: 'file:///work/example.strata', view: 'layers', themeChoice: 'auto', showLinks: true, focus: 'node:gone' } });
    try {
      assert.equal(ext.focus, 'node:gone', 'the saved focus is sent with ready');
      assert.match(await ext.page.locator('#layers-canvas .note-box').first().textContent() ?? '', /Nothing named 'gone' to focus on: showing everything/);
      assert.equal(await ext.page.locator('#focus-input.missing').count(), 1);
    } finally {
      await ext.close();
    }
  });
});
