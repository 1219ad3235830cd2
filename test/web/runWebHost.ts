// Runs the extension in VS Code's *web worker* extension host, the one vscode.dev and github.dev
// use, and its suite (test/web/suite) inside that host, offline: code-server 4.100.3 (VS Code
// 1.100.3) serves the workbench, headless Chromium opens it as an extension development window.
//
// code-server has two extension hosts: its Node host on the server and a web worker in the
// browser. An extension with both `main` and `browser` runs in the Node host there (its
// extensionKind defaults to ["workspace", "web"]). Phase 1 forces the web worker host with the
// user setting `"remote.extensionKind": { "strata.strata-diagrams": ["web"] }` (in the test's
// user-data-dir), as a user would. (The workbench payload `["extensionDevelopmentKind", "web"]`
// is not enough in code-server 4.100.3: the suite then runs in the Node host, which the suite's
// own checks report. STRATA_WEB_FORCE=payload tries it.)
// The suite is bundled with esbuild for the browser (the worker host fetches `extensionTestsPath`
// and evaluates it with only `vscode` to require). It checks that it really is in a web worker
// (WorkerGlobalScope, no `process.versions.node`, ExtensionKind.UI, the bundle's exports), then
// diagnostics, completion, hover, outline, navigation, the layered preview and the Markdown
// fence hook. It reports through files in the workspace folder and asks for a screenshot
// (.test-artifacts/web-host.png).
//
// Phase 2: VS Code's real Markdown preview. code-server ships its Markdown extension without the
// browser build, so it runs in the Node host and can only call `extendMarkdownIt` of an extension
// in the same host: this phase opens a Markdown file with ```strata fences in a window where the
// extension runs in the Node host (no payload), opens the preview from the command palette as a
// person would, and looks into the preview's frames for the diagram, its findings and the untouched
// js block (.test-artifacts/markdown-preview-vscode.png).
// Usage: `npm run test:web` (after `npm run compile && npm run build`).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { ensureCodeServer, withSession } from '../vscode/runCodeServer';
import type { WebTestReport } from './suite/index';

const ROOT = path.resolve(__dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SUITE_SOURCE = path.join(ROOT, 'test/web/suite/index.ts');
/** Inside the extension's folder: the workbench runs a test entry in the host of the extension it belongs to. */
const SUITE_BUNDLE = path.join(ROOT, 'out/test/web/worker/suite.js');
const FIXTURES = path.join(ROOT, 'test/web/workspace');
const ARTIFACTS = path.join(ROOT, '.test-artifacts');
const EXTENSION_ID = 'strata.strata-diagrams';
const OVERALL_TIMEOUT_MS = Number(process.env.STRATA_WEB_TIMEOUT_MS ?? 4 * 60_000);
const VERBOSE = !!process.env.STRATA_WEB_VERBOSE;
/** How phase 1 forces the web worker host: `setting` (default, works) or `payload` (does not, in code-server 4.100.3). */
const FORCE = process.env.STRATA_WEB_FORCE === 'payload' ? 'payload' : 'setting';

function log(message: string): void {
  process.stdout.write(`[runWebHost] ${message}\n`);
}

/** Bundles the worker suite (with mocha's browser build and markdown-it) into one CommonJS file. */
async function bundleSuite(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [SUITE_SOURCE],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha's browser build mentions `process` behind its own shim; nothing else may need Node.
    define: { 'process.env.NODE_ENV': '"test"' },
  });
}

const remote = (port: number, p: string) => `vscode-remote://127.0.0.1:${port}${p}`;

function url(port: number, folder: string, payload: [string, string][]): string {
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Phase 1: `folder` as an extension development window whose extension runs in the web worker host. */
function webWorkerUrl(port: number, folder: string): string {
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(port, ROOT)],
    ['extensionTestsPath', remote(port, SUITE_BUNDLE)],
  ];
  if (FORCE === 'payload') payload.push(['extensionDevelopmentKind', 'web']);
  return url(port, folder, payload);
}

/** Phase 2: the extension in the Node host (the default), with a Markdown file open. */
function nodeHostUrl(port: number, folder: string, file: string): string {
  return url(port, folder, [
    ['extensionDevelopmentPath', remote(port, ROOT)],
    ['openFile', remote(port, file)],
  ]);
}

/** The web worker host for this extension in the user settings (phase 1), or not (phase 2). */
function setWebWorkerSetting(userDataDir: string, on: boolean): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (on) settings['remote.extensionKind'] = { [EXTENSION_ID]: ['web'] };
  else delete settings['remote.extensionKind'];
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

async function consoleText(message: ConsoleMessage): Promise<string> {
  const args = await Promise.all(message.args().map((a) => a.jsonValue().catch(() => undefined)));
  const header = typeof args[0] === 'string' ? /^%c\s*(\w+)$/.exec(args[0]) : null;
  if (header) return util.format(...args.slice(2));
  return args.length ? util.format(...args) : message.text();
}

function isNoise(text: string): boolean {
  return /ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|open-vsx|marketplace|^Failed to load resource/i.test(text);
}

/** How many ```strata diagrams each frame of the page shows (the Markdown preview is a nested webview). */
async function strataFencesInFrames(page: Page): Promise<{ frames: number; diagrams: number; findings: number; codeBlocks: number }> {
  let diagrams = 0;
  let findings = 0;
  let codeBlocks = 0;
  const frames = page.frames();
  for (const frame of frames) {
    const counts = await frame
      .evaluate(() => {
        const d = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
        return { diagrams: d.querySelectorAll('.strata-md svg.strata').length, findings: d.querySelectorAll('.strata-md-finding').length, code: d.querySelectorAll('code.language-js').length };
      })
      .catch(() => ({ diagrams: 0, findings: 0, code: 0 }));
    diagrams += counts.diagrams;
    findings += counts.findings;
    codeBlocks += counts.code;
  }
  return { frames: frames.length, diagrams, findings, codeBlocks };
}

/** Records the page's console (forwarding errors and the suite's spec lines) and workers. */
function watchPage(page: Page): { workers: Set<string> } {
  const workers = new Set<string>();
  page.on('console', (message) => {
    void consoleText(message).then((text) => {
      if (VERBOSE || ((message.type() === 'error' || /\b(passing|failing)\b|✔|^\s+\d+\) /.test(text)) && !isNoise(text))) {
        process.stdout.write(`[workbench ${message.type()}] ${text}\n`);
      }
    });
  });
  page.on('pageerror', (error) => process.stdout.write(`[workbench pageerror] ${error.message}\n`));
  page.on('worker', (w) => workers.add(w.url()));
  return { workers };
}

/** Phase 1: the suite in the web worker extension host. Returns what went wrong (empty: passed). */
async function phaseWebWorker(browser: Browser, port: number, workspace: string): Promise<string[]> {
  const reportDir = path.join(workspace, '.web-test');
  fs.mkdirSync(reportDir, { recursive: true });
  // A fresh profile per phase: nothing (untitled backups, layout) carries over between windows.
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const problems: string[] = [];
  let watcher: fs.FSWatcher | undefined;
  try {
    let exited: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => {
      exited = resolve;
    });
    // The workbench calls this when the suite's run() settles: 0 when it resolved, 1 when not.
    await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
    const { workers } = watchPage(page);

    // The screenshot handshake with the suite (see suite/index.ts): each request is a file
    // `screenshot-request-<name>` (renamed into place whole) holding the selectors to wait for;
    // it is served once, on the folder's change event, and never deleted (deleting it raced the
    // suite's own write of it). The answer is `screenshot-done-<name>`.
    const shots: string[] = [];
    const served = new Set<string>();
    let queue = Promise.resolve();
    const serve = (file: string) => {
      const m = /^screenshot-request-([a-z0-9-]+)$/i.exec(file);
      if (!m || served.has(m[1])) return;
      const name = m[1];
      served.add(name);
      queue = queue.then(async () => {
        let waitFor: string[] = [];
        try {
          waitFor = (JSON.parse(fs.readFileSync(path.join(reportDir, file), 'utf8')) as { waitFor?: string[] }).waitFor ?? [];
        } catch (e) {
          problems.push(`screenshot '${name}': unreadable request (${(e as Error).message})`);
        }
        for (const selector of waitFor) {
          await page
            .locator(selector)
            .first()
            .waitFor({ state: 'visible', timeout: 20_000 })
            .catch(() => problems.push(`screenshot '${name}': the workbench never showed ${selector}`));
        }
        const shot = path.join(ARTIFACTS, `${name}.png`);
        await page.screenshot({ path: shot }).catch((e: Error) => problems.push(`screenshot '${name}' failed: ${e.message}`));
        shots.push(path.relative(ROOT, shot));
        fs.writeFileSync(path.join(reportDir, `screenshot-done-${name}`), '');
      });
    };
    watcher = fs.watch(reportDir, (_event, file) => {
      if (file) serve(String(file));
    });
    for (const file of fs.readdirSync(reportDir)) serve(file);

    const started = Date.now();
    log(`phase 1: the suite in the web worker extension host (forced by ${FORCE === 'payload' ? 'the payload extensionDevelopmentKind=web' : 'the user setting remote.extensionKind'})`);
    await page.goto(webWorkerUrl(port, workspace));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), OVERALL_TIMEOUT_MS);
    });
    const result = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    if (!shots.length) {
      const file = path.join(ARTIFACTS, 'web-host.png');
      await page.screenshot({ path: file }).catch(() => undefined);
      shots.push(path.relative(ROOT, file));
    }

    // What the suite wrote.
    const reportFile = path.join(reportDir, 'report.json');
    const report = fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as WebTestReport) : undefined;
    if (result === 'timeout') problems.push(`the suite did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`);
    else if (result !== 0) problems.push(`the suite failed (exit ${result})`);
    if (!report) problems.push('the suite wrote no report (did it run in an extension host at all?)');
    else {
      for (const t of report.passed) log(`  ✔ ${t.title}${t.ms !== undefined ? ` (${t.ms} ms)` : ''}`);
      for (const t of report.failed) log(`  ✘ ${t.title}\n${t.error.replace(/^/gm, '      ')}`);
      log(`  host: ${JSON.stringify(report.host)}`);
      if (report.host.worker !== true || report.host.nodeVersion !== null || report.host.extensionKind !== 'UI') problems.push('the suite did not run in the web worker extension host');
      if (report.passed.length === 0) problems.push('no test passed');
    }
    log(`  workers started by the page: ${workers.size}`);
    for (const shot of shots) log(`  screenshot: ${shot}`);
    log(`  phase 1 took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    watcher?.close();
    await page.context().close().catch(() => undefined);
  }
  return problems;
}

/** Phase 2: VS Code's Markdown preview of a file with ```strata fences, driven as a person would. */
async function phaseMarkdownPreview(browser: Browser, port: number, workspace: string): Promise<string[]> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const problems: string[] = [];
  const started = Date.now();
  try {
    watchPage(page);
    log('phase 2: VS Code\'s Markdown preview with the extension in the Node host');
    await page.goto(nodeHostUrl(port, workspace, path.join(workspace, 'notes.md')));
    // The Markdown file is open once its text is in an editor.
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'Platform notes' }).first().waitFor({ timeout: 60_000 });
    // The command palette, as a person would; the Markdown extension's commands appear once the
    // Node extension host has reported its extensions, so look again until they do.
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Markdown: Open Preview to the Side' }).first();
    const paletteDeadline = Date.now() + 45_000;
    for (;;) {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F1');
      await input.waitFor({ timeout: 10_000 });
      await input.fill('>Markdown: Open Preview to the Side');
      if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
      await page.keyboard.press('Escape');
      if (Date.now() > paletteDeadline) throw new Error('the command "Markdown: Open Preview to the Side" never appeared in the palette');
      await page.waitForTimeout(1_000);
    }
    await row.click();
    // The preview is a webview: its content is in a frame nested in the workbench's iframe.
    let counts = await strataFencesInFrames(page);
    const deadline = Date.now() + 45_000;
    while (counts.diagrams === 0 && Date.now() < deadline) {
      await page.waitForTimeout(250);
      counts = await strataFencesInFrames(page);
    }
    await page.waitForTimeout(500);
    counts = await strataFencesInFrames(page);
    const file = path.join(ARTIFACTS, 'markdown-preview-vscode.png');
    await page.screenshot({ path: file });
    log(`  preview frames: ${JSON.stringify(counts)}`);
    log(`  screenshot: ${path.relative(ROOT, file)}`);
    if (counts.diagrams !== 1) problems.push(`the Markdown preview shows ${counts.diagrams} strata diagrams (expected 1)`);
    if (counts.findings < 2) problems.push(`the Markdown preview lists ${counts.findings} findings under the diagram (expected 2)`);
    if (counts.codeBlocks !== 1) problems.push('the Markdown preview lost the js code block');
    log(`  phase 2 took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    problems.push(`driving the Markdown preview failed: ${(e as Error).message.split('\n')[0]}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'markdown-preview-vscode.png') }).catch(() => undefined);
  } finally {
    await page.context().close().catch(() => undefined);
  }
  return problems;
}

/**
 * What the web bundle may not contain: a `require` of anything but `vscode` (the worker host has
 * no other module), or Node globals (the build resolves no Node module, but a global such as
 * `Buffer` or `__dirname` would only fail when the code using it runs).
 */
export function auditWebBundle(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const problems: string[] = [];
  const requires = new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
  requires.delete('vscode');
  if (requires.size) problems.push(`the web bundle requires ${[...requires].join(', ')}`);
  for (const name of ['Buffer', 'setImmediate', 'global']) {
    if (new RegExp(`(^|[^.\\w$])${name}\\s*[.(\\[]`).test(code)) problems.push(`the web bundle uses the Node global ${name}`);
  }
  for (const name of ['__dirname', '__filename']) if (new RegExp(`(^|[^.\\w$])${name}(?![\\w$])`).test(code)) problems.push(`the web bundle uses ${name}`);
  // path-browserify's resolve() mentions process.cwd() (never called: the extension does not resolve paths).
  const processUses = [...code.matchAll(/(^|[^.\w$])process\.(\w+)/g)].map((m) => m[2]).filter((p) => p !== 'cwd');
  if (processUses.length) problems.push(`the web bundle uses process.${[...new Set(processUses)].join(', process.')}`);
  return problems;
}

async function main(): Promise<number> {
  const t0 = Date.now();
  ensureCodeServer();
  const web = path.join(ROOT, 'dist/web/extension.js');
  if (!fs.existsSync(web)) throw new Error('dist/web/extension.js is missing: run `npm run build` first');
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);
  const audit = auditWebBundle(web);
  if (audit.length) {
    for (const p of audit) log(`FAILED: ${p}`);
    return 1;
  }
  await bundleSuite();
  log(`web bundle dist/web/extension.js ${(fs.statSync(web).size / 1024).toFixed(1)} KiB; suite bundle ${(fs.statSync(SUITE_BUNDLE).size / 1024).toFixed(1)} KiB`);

  return withSession(
    {
      prefix: 'strata-web-',
      fixtures: FIXTURES,
      prepare: ({ userDataDir }) => setWebWorkerSetting(userDataDir, FORCE === 'setting'),
      output: (line) => {
        if (VERBOSE || (/error/i.test(line) && !isNoise(line))) process.stdout.write(`[code-server] ${line}\n`);
      },
      log,
    },
    async ({ userDataDir, workspace, port, browser }) => {
      const problems = [...(await phaseWebWorker(browser, port, workspace))];
      if (!process.env.STRATA_WEB_SKIP_MARKDOWN) {
        // A new window reads the user settings afresh: without the setting, the extension is in the Node host.
        setWebWorkerSetting(userDataDir, false);
        problems.push(...(await phaseMarkdownPreview(browser, port, workspace)));
      }
      if (problems.length) {
        for (const p of problems) log(`FAILED: ${p}`);
        if (!VERBOSE) log('(STRATA_WEB_VERBOSE=1 shows the workbench and code-server logs)');
        return 1;
      }
      log(`passed; total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return 0;
    },
  );
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`[runWebHost] ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
