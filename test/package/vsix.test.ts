// The VSIX as a user gets it: built by `npm run package` (or taken from $STRATA_VSIX), installed
// with `code-server --install-extension` into an empty extensions folder, and used in a real
// VS Code (code-server 4.100.3 = VS Code 1.100.3, driven by headless Chromium) WITHOUT
// extensionDevelopmentPath, so only what is inside the VSIX runs. A file left out of the VSIX or a
// dependency not bundled makes one of these fail: diagnostics of a .strata file, "Strata: New
// Model" with its templates, the walkthrough, and the preview opened from it.
// Screenshots go to .test-artifacts/vsix-*.png.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureCodeServer, freePort, startCodeServer, writeUserSettings, type CodeServer } from '../vscode/runCodeServer';
import { ROOT } from '../helpers/paths';
import { recordScreenshot } from '../helpers/screenshots';

const CODE_SERVER = path.join(ROOT, '.code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, '.test-artifacts');
const UI_TIMEOUT_MS = 60_000;

interface PackageScript {
  vsixPath(): string;
  listZip(file: string): { name: string; size: number }[];
  checkContents(entries: { name: string }[]): string[];
}
// scripts/package.js is plain JavaScript shared with `npm run package`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packaging = require(path.join(ROOT, 'scripts/package.js')) as PackageScript;

const BROKEN = `# One error on purpose: the id web1 is declared twice.
host web1 { os: debian-12 }
host web1 { os: debian-12 }
`;
const BROKEN_MESSAGE = "The id 'web1' is already used by the host declared earlier.";

function log(message: string): void {
  process.stdout.write(`      [vsix] ${message}\n`);
}

describe('VSIX installed in a real VS Code', function () {
  this.timeout(10 * 60_000);
  const t0 = Date.now();
  let tmp: string;
  let vsix: string;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  /** Errors logged by the workbench and the extension host, to explain a failure. */
  const errors: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);
    ensureCodeServer();
    vsix = process.env.STRATA_VSIX ? path.resolve(process.env.STRATA_VSIX) : buildVsix();
    log(`${path.relative(ROOT, vsix)}: ${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB`);

    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-vsix-'));
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, 'duplicate-web1.strata'), BROKEN);
    writeUserSettings(userDataDir);
    fs.mkdirSync(ARTIFACTS, { recursive: true });

    const installStarted = Date.now();
    const install = spawnSync(CODE_SERVER, ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(install.status, 0, `code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('strata.strata-diagrams-'));
    assert.equal(installed.length, 1, `the extension is in ${extensionsDir}: ${fs.readdirSync(extensionsDir).join(', ')}`);
    log(`installed as ${installed[0]} in ${((Date.now() - installStarted) / 1000).toFixed(1)} s`);

    const port = await freePort();
    server = await startCodeServer({
      port,
      userDataDir,
      extensionsDir,
      folder: workspace,
      output: (line) => {
        if (process.env.STRATA_VSCODE_VERBOSE) process.stdout.write(`[code-server] ${line}\n`);
      },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => process.stdout.write(`[workbench pageerror] ${error.message}\n`));
    // Errors the workbench and the extension host log (offline noise aside) explain a failure.
    page.on('console', (message) => {
      const text = message.text();
      if ((message.type() === 'error' || process.env.STRATA_VSCODE_VERBOSE) && !/ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|marketplace|open-vsx|^Failed to load resource/i.test(text)) {
        process.stdout.write(`[workbench ${message.type()}] ${text}\n`);
        if (message.type() === 'error') errors.push(text.replace(/^%c\s*\w+\s+color:\s*\S+\s*/, ''));
      }
    });
    // No extensionDevelopmentPath: the workbench loads only the installed extensions.
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT_MS });
    log(`workbench up ${((Date.now() - t0) / 1000).toFixed(1)} s after the start`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const file = path.join(ARTIFACTS, `vsix-failed-${(this.currentTest.title.match(/\w+/g) ?? []).slice(0, 4).join('-')}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      log(`screenshot of the failure: ${path.relative(ROOT, file)}`);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  it('contains what runs and nothing else', () => {
    assert.deepEqual(packaging.checkContents(packaging.listZip(vsix)), []);
    // The marketplace icon: a 128 x 128 PNG (width and height are the IHDR chunk's first fields).
    const icon = fs.readFileSync(path.join(ROOT, 'media/icon.png'));
    assert.equal(icon.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  });

  it('activates on a .strata file and shows its diagnostics in the Problems panel', async () => {
    const started = Date.now();
    await quickOpen(page, 'duplicate-web1.strata');
    await page.locator('.tabs-container .tab', { hasText: 'duplicate-web1.strata' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await runCommand(page, 'View: Toggle Problems');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: BROKEN_MESSAGE });
    await problem.first().waitFor({ timeout: UI_TIMEOUT_MS });
    const row = await page.locator('.markers-panel').innerText();
    assert.match(row, /duplicate-id/, 'the diagnostic carries its rule as code');
    assert.match(row, /strata/, 'the diagnostic carries its source');
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-installed.png') });
    log(`diagnostic shown ${((Date.now() - started) / 1000).toFixed(1)} s after opening the file`);
    await runCommand(page, 'View: Toggle Problems'); // closes it again: room for what follows
  });

  it('"Strata: New Model" offers the templates and opens one', async () => {
    await runCommand(page, 'Strata: New Model');
    const quickInput = page.locator('.quick-input-widget');
    for (const label of ['Single host with containers', 'VM platform', 'Multi-tenant Kubernetes on VMs', 'Laptop with a type 2 hypervisor']) {
      await quickInput.locator('.monaco-list-row', { hasText: label }).waitFor({ timeout: UI_TIMEOUT_MS });
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-new-model.png') });
    await quickInput.locator('.monaco-list-row', { hasText: 'Laptop with a type 2 hypervisor' }).click();
    // An untitled editor is named after its first line: the template's title comment.
    await page.locator('.tabs-container .tab.active', { hasText: 'Laptop with a type 2 hypervisor' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.editor-instance .view-lines', { hasText: 'Laptop with a type 2 hypervisor' }).waitFor({ timeout: UI_TIMEOUT_MS });
    // The untitled document is a Strata document: the status bar names its language.
    await page.locator('.statusbar-item', { hasText: /^Strata$/ }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('"Strata: New Model" saves a template where the user says, with the save button', async () => {
    await runCommand(page, 'Strata: New Model');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'VM platform' });
    await row.hover();
    await row.getByRole('button', { name: 'Save as a file first…' }).click();
    // code-server's save dialog is VS Code's own (a quick input with the path, defaulting to the workspace).
    await page.locator('.quick-input-widget', { hasText: 'Save the new VM platform model' }).waitFor({ timeout: UI_TIMEOUT_MS });
    // The dialog fills in its path in steps; wait for the default the command gave it.
    await page.waitForFunction(`document.querySelector('.quick-input-widget input')?.value.endsWith('/workspace/vm-platform.strata')`, undefined, {
      timeout: UI_TIMEOUT_MS,
    });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'vm-platform.strata' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const saved = fs.readFileSync(path.join(tmp, 'workspace', 'vm-platform.strata'), 'utf8');
    assert.equal(saved, fs.readFileSync(path.join(ROOT, 'templates', 'vm-platform.strata'), 'utf8'));
  });

  it("the walkthrough's quick-fix step opens a template whose warning has a quick fix", async () => {
    await openStrataWalkthrough(page);
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('See a warning and its quick fix').first().click();
    await walkthrough.getByRole('button', { name: 'Open an Example with a Warning' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'Single host with containers' }).waitFor({ timeout: UI_TIMEOUT_MS });
    // The warning the template announces, under `worker` (line 40, column 15).
    const status = page.locator('[id="strata.strata-diagrams.strata.status"]');
    await status.filter({ hasText: 'Strata: 0 errors, 1 warning' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+G');
    await page.keyboard.type('40:17');
    await page.keyboard.press('Enter');
    // The squiggle is drawn once line 40 is in view.
    await page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-quick-fix-1-warning.png') });
    recordScreenshot(path.join(ARTIFACTS, 'vsix-quick-fix-1-warning.png'), { kind: 'editor', file: 'templates/single-host.strata' });
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget', { hasText: 'Add a memory limit' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-quick-fix.png') });
    recordScreenshot(path.join(ARTIFACTS, 'vsix-quick-fix.png'), { kind: 'editor', file: 'templates/single-host.strata' });
    // Apply it, as a person would: the preferred fix is the first, focused row.
    await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Add a memory limit' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await status.filter({ hasText: 'Strata: no problems' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.waitForFunction(`document.querySelectorAll('.editor-instance .squiggly-warning').length === 0`, undefined, { timeout: UI_TIMEOUT_MS });
    await page.locator('.editor-instance .view-line', { hasText: 'memory: 512MiB' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-quick-fix-3-fixed.png') });
    recordScreenshot(path.join(ARTIFACTS, 'vsix-quick-fix-3-fixed.png'), { kind: 'editor', file: 'templates/single-host.strata' });
  });

  it('shows the Get Started walkthrough, whose preview step opens a template beside its preview', async () => {
    await openStrataWalkthrough(page);
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Create a model from a template').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await walkthrough.getByText('Open the layered preview').first().click();
    const tryIt = walkthrough.getByRole('button', { name: 'Try It on the VM Platform Template' });
    await tryIt.waitFor({ timeout: UI_TIMEOUT_MS });
    // The step's markdown page (a webview) shows the picture of the template.
    await waitForFrame(page, async (frame) => (await frame.locator('img[src*="vm-platform.svg"]').count()) > 0, errors);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-walkthrough.png') });

    await tryIt.click();
    await page.locator('.tabs-container .tab', { hasText: /^Preview Untitled-\d+/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    // The preview's webview (dist/webview/preview.js from the VSIX) draws the template.
    await waitForFrame(page, async (frame) => (await frame.locator('svg').getByText('Proxmox node 1').count()) > 0, errors);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vsix-preview.png') });
  });

  /** Runs `node scripts/package.js` on the current build (dist/), as `npm run package` does after building. */
  function buildVsix(): string {
    if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
    const started = Date.now();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/package.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, `scripts/package.js failed:\n${result.stdout}\n${result.stderr}`);
    log(`packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return packaging.vsixPath();
  }
});

/** Opens a workspace file as a person would: Ctrl+P, the file name, Enter. */
async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.type(fileName);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: fileName }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

/**
 * Runs a command from the command palette (F1), by its title. Right after the workbench opens, an
 * installed extension's commands may not be registered yet: then the palette is closed and opened
 * again until the command is listed.
 */
async function runCommand(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.type(title);
    const row = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title });
    const listed = await row.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (listed) break;
    if (Date.now() > deadline) throw new Error(`the command palette does not list '${title}'`);
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
}

async function openStrataWalkthrough(page: Page): Promise<void> {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get Started with Strata' }).click();
  await page.locator('.gettingStartedContainer').getByText('Create a model from a template').first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Waits until some frame of the page (webviews are nested iframes) satisfies `test`. */
async function waitForFrame(page: Page, test: (frame: Frame) => Promise<boolean>, errors: readonly string[]): Promise<Frame> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await test(frame).catch(() => false)) return frame;
    }
    // Frames appear and load on their own schedule; Playwright has no event for "some frame has X".
    await page.waitForTimeout(250);
  }
  const logged = errors.length ? ` The workbench logged:\n${errors.slice(-5).map((e) => `  ${e.split('\n')[0]}`).join('\n')}` : '';
  throw new Error(`no webview showed it within ${UI_TIMEOUT_MS / 1000} s.${logged}`);
}
