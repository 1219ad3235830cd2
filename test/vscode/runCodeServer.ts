// Runs the VS Code integration suite (test/vscode/suite) in a real VS Code without internet:
// code-server 4.100.3 (VS Code 1.100.3, installed from npm into .code-server/) serves the
// workbench, headless Debian Chromium driven by playwright-core opens it as an extension
// development window with `extensionTestsPath`, and the workbench reports the result through
// `codeAutomationExit`. See /work/shared/guides/real-vscode-testing.md for why this route.
// Then, in the same code-server, the typing test (./runTyping.ts) types into a file through the
// browser as a person would and watches the finding appear and go away.
// Usage: `npm run test:vscode` (after `npm run compile && npm run build`).
// STRATA_VSCODE_ONLY=suite or =typing runs only that part.
// STRATA_VSCODE_GREP=pattern runs only the suite tests whose title matches.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { chromium, type Browser, type ConsoleMessage } from 'playwright-core';
import { runTypingTest, TYPING_FIXTURES } from './runTyping';
import { SCREENSHOT_REQUEST } from './suite/index';

const ROOT = path.resolve(__dirname, '../../..');
const CODE_SERVER = path.join(ROOT, '.code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TESTS_ENTRY = path.join(ROOT, 'out/test/vscode/suite/index.js');
const FIXTURES = path.join(ROOT, 'test/vscode/workspace');
const ARTIFACTS = path.join(ROOT, '.test-artifacts');
const OVERALL_TIMEOUT_MS = Number(process.env.STRATA_VSCODE_TIMEOUT_MS ?? 5 * 60_000);
const SERVER_START_TIMEOUT_MS = 60_000;
/** Marks the suite's report in the extension host's console (see suite/index.ts). */
/** The file the suite waits for after asking for its screenshot (in the session's folder). */
const SCREENSHOT_DONE_NAME = 'screenshot.done';
const REPORT_PREFIX = '\u2063strata-test\u2063 ';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

function log(message: string): void {
  process.stdout.write(`[runCodeServer] ${message}\n`);
}

/** Runs scripts/installCodeServer.sh, which does nothing when code-server is installed. */
export function ensureCodeServer(): void {
  const started = Date.now();
  const result = spawnSync('bash', [path.join(ROOT, 'scripts/installCodeServer.sh')], { stdio: 'inherit', cwd: ROOT });
  if (result.status !== 0) throw new Error(`installing code-server failed (exit ${result.status ?? result.signal})`);
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 5) log(`code-server installed in ${seconds.toFixed(0)} s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Writes user settings that keep the workbench quiet and deterministic. */
export function writeUserSettings(userDataDir: string): void {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'git.enabled': false,
    'files.autoSave': 'off',
    'window.confirmBeforeClose': 'never',
  };
  for (const dir of ['User', 'Machine']) {
    fs.mkdirSync(path.join(userDataDir, dir), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, dir, 'settings.json'), JSON.stringify(settings, null, 2));
  }
}

export interface CodeServer {
  readonly process: ChildProcess;
  readonly port: number;
  stop(): void;
}

/** Starts code-server on 127.0.0.1:`port` and resolves once it accepts HTTP requests. */
export async function startCodeServer(options: {
  port: number;
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  output: (line: string) => void;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
}): Promise<CodeServer> {
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${options.port}`,
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    options.folder,
  ];
  // detached: its own process group, so stop() also ends the extension host and other children.
  const child = spawn(CODE_SERVER, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The extension host inherits this environment.
    env: { ...process.env, ...options.env },
  });
  forwardLines(child.stdout, options.output);
  forwardLines(child.stderr, options.output);
  const stop = () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const server: CodeServer = { process: child, port: options.port, stop };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`code-server did not start within ${SERVER_START_TIMEOUT_MS / 1000} s`)), SERVER_START_TIMEOUT_MS);
    const onExit = (code: number | null) => done(new Error(`code-server exited early (code ${code})`));
    const onData = (chunk: Buffer) => {
      if (/HTTP server listening on/.test(chunk.toString())) done();
    };
    function done(error?: Error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      if (error) {
        stop();
        reject(error);
      } else resolve();
    }
    child.once('exit', onExit);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
  return server;
}

function forwardLines(stream: NodeJS.ReadableStream | null, output: (line: string) => void): void {
  if (!stream) return;
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) output(line);
  });
  stream.on('end', () => buffer && output(buffer));
}

/** The workbench URL that opens `folder` as an extension development window. */
export function workbenchUrl(port: number, folder: string, payload: [string, string][]): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
  const json = JSON.stringify(payload.map(([key, value]) => [key, remote(value)]));
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(json)}`;
}

/**
 * The text of a browser console message. The workbench logs as `console.log('%c INFO',
 * 'color: ...', format, ...args)`; the extension host's console arrives the same way.
 */
async function consoleText(message: ConsoleMessage): Promise<{ level: string; text: string }> {
  const args = await Promise.all(message.args().map((a) => a.jsonValue().catch(() => undefined)));
  const header = typeof args[0] === 'string' ? /^%c\s*(\w+)$/.exec(args[0]) : null;
  if (header) return { level: header[1].toLowerCase(), text: util.format(...args.slice(2)) };
  return { level: message.type(), text: args.length ? util.format(...args) : message.text() };
}

/**
 * Forwards the suite's report as is, and workbench errors (or everything when verbose), in the
 * order they were logged; `drained` resolves once everything logged so far is written.
 */
function consoleForwarder(onScreenshotRequest: (name: string | undefined) => Promise<void>): { onMessage(message: ConsoleMessage): void; drained(): Promise<void> } {
  let queue = Promise.resolve();
  return {
    onMessage(message) {
      const text = consoleText(message);
      queue = queue.then(async () => {
        const { level, text: line } = await text;
        const request = line.startsWith(REPORT_PREFIX + SCREENSHOT_REQUEST) ? /^(?::([A-Za-z0-9-]+))?$/.exec(line.slice((REPORT_PREFIX + SCREENSHOT_REQUEST).length)) : null;
        if (request) await onScreenshotRequest(request[1]);
        else if (line.startsWith(REPORT_PREFIX)) process.stdout.write(`${line.slice(REPORT_PREFIX.length)}\n`);
        else if (process.env.STRATA_VSCODE_VERBOSE || ((level === 'error' || level === 'err') && !isNoise(line))) {
          process.stdout.write(`[workbench ${level}] ${line}\n`);
        }
      });
    },
    drained: () => queue,
  };
}

/** Errors expected offline (no marketplace, no network) that say nothing about the extension. */
function isNoise(text: string): boolean {
  // "Failed to load resource" names no URL; the request that failed is logged on its own line.
  return /ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|open-vsx|marketplace|^Failed to load resource/i.test(text);
}

/** The folders and the running code-server + Chromium of one test run. */
export interface Session {
  readonly tmp: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  readonly port: number;
  readonly server: CodeServer;
  readonly browser: Browser;
}

/**
 * Runs `run` against a fresh code-server (on a free port, with a copy of `fixtures` as the
 * workspace and quiet user settings) and a headless Chromium; removes everything afterwards,
 * also on Ctrl+C. `prepare` may add to the user data before code-server starts.
 */
export async function withSession(
  options: { prefix: string; fixtures: string; env?: (dirs: { tmp: string }) => Record<string, string>; output: (line: string) => void; prepare?: (dirs: { tmp: string; userDataDir: string }) => void; log: (m: string) => void },
  run: (session: Session) => Promise<number>,
): Promise<number> {
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.cpSync(options.fixtures, workspace, { recursive: true });
  writeUserSettings(userDataDir);
  options.prepare?.({ tmp, userDataDir });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  const port = await freePort();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await startCodeServer({ port, userDataDir, extensionsDir, folder: workspace, env: options.env?.({ tmp }), output: options.output });
    options.log(`code-server 127.0.0.1:${port} ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    return await run({ tmp, userDataDir, extensionsDir, workspace, port, server, browser });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

async function main(): Promise<number> {
  const t0 = Date.now();
  ensureCodeServer();
  if (!fs.existsSync(TESTS_ENTRY)) throw new Error(`${TESTS_ENTRY} is missing: run \`npm run compile\` first`);
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);

  return withSession(
    {
      prefix: 'strata-vscode-',
      fixtures: FIXTURES,
      env: ({ tmp }) => ({ STRATA_TEST_REPORT_PREFIX: REPORT_PREFIX, STRATA_TEST_SCREENSHOT_DONE: path.join(tmp, SCREENSHOT_DONE_NAME), ...(process.env.STRATA_VSCODE_GREP ? { STRATA_TEST_GREP: process.env.STRATA_VSCODE_GREP } : {}) }),
      output: (line) => {
        if (process.env.STRATA_VSCODE_VERBOSE || (/error/i.test(line) && !isNoise(line))) process.stdout.write(`[code-server] ${line}\n`);
      },
      log,
    },
    async ({ tmp, userDataDir, workspace, port, browser }) => {
      const screenshotDone = path.join(tmp, SCREENSHOT_DONE_NAME);
      const only = process.env.STRATA_VSCODE_ONLY;
      const suiteCode = only === 'typing' ? 0 : await runSuite(browser, port, workspace, screenshotDone);

      let typingCode = 0;
      if (only !== 'suite') {
        // A window of its own on a fresh copy of its fixtures, with the user settings reset (a
        // failed suite test may have left one changed).
        const typingWorkspace = path.join(tmp, 'typing-workspace');
        fs.cpSync(TYPING_FIXTURES, typingWorkspace, { recursive: true });
        writeUserSettings(userDataDir);
        try {
          const result = await runTypingTest({
            browser,
            url: (folder) => workbenchUrl(port, folder, [['extensionDevelopmentPath', ROOT]]),
            workspace: typingWorkspace,
            artifacts: ARTIFACTS,
            log,
          });
          log(`typing test passed in ${(result.totalMs / 1000).toFixed(1)} s (screenshots: .test-artifacts/typing-warning.png, typing-fixed.png)`);
        } catch (e) {
          log(`typing test FAILED: ${(e as Error).message} (screenshot: .test-artifacts/typing-failure.png)`);
          typingCode = 1;
        }
      }
      const code = suiteCode || typingCode;
      log(`${code === 0 ? 'passed' : 'FAILED'}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return code;
    },
  );
}

/** Runs the integration suite in its own window; resolves with 0 when it passed. */
async function runSuite(browser: Browser, port: number, workspace: string, screenshotDone: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const browserStarted = Date.now();
  let exited: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => {
    exited = resolve;
  });
  // The workbench calls this when the suite's run() settles: 0 when it resolved, 1 when not.
  await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
  const screenshot = path.join(ARTIFACTS, 'vscode-final.png');
  let screenshotTaken = false;
  // Named screenshots are the tests' own (takeScreenshot in suite/index.ts); unnamed, the final one.
  const takeScreenshot = async (name?: string) => {
    const file = name ? path.join(ARTIFACTS, `${name}.png`) : screenshot;
    await page.screenshot({ path: file }).catch((e: Error) => log(`screenshot failed: ${e.message}`));
    if (name) log(`screenshot: ${path.relative(ROOT, file)}`);
    else screenshotTaken = true;
    fs.writeFileSync(screenshotDone, '');
  };
  const forwarder = consoleForwarder(takeScreenshot);
  page.on('console', (message) => forwarder.onMessage(message));
  page.on('pageerror', (error) => process.stdout.write(`[workbench pageerror] ${error.message}\n`));

  const url = workbenchUrl(port, workspace, [
    ['extensionDevelopmentPath', ROOT],
    ['extensionTestsPath', TESTS_ENTRY],
  ]);
  await page.goto(url);

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), OVERALL_TIMEOUT_MS);
  });
  const result = await Promise.race([exitCode, timeout]);
  clearTimeout(timer);

  await forwarder.drained();
  if (!screenshotTaken) await takeScreenshot();
  log(`screenshot: ${path.relative(ROOT, screenshot)}`);

  const suiteSeconds = ((Date.now() - browserStarted) / 1000).toFixed(1);
  // Closed so that the typing test's window is the only one; what it logs while shutting down
  // is not the suite's.
  page.removeAllListeners('console');
  await page.close().catch(() => undefined);
  if (result === 'timeout') {
    log(`FAILED: the suite did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`);
    return 1;
  }
  log(`suite ${result === 0 ? 'passed' : 'FAILED'} (exit ${result}) in ${suiteSeconds} s`);
  return result === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`[runCodeServer] ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
