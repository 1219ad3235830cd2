// Test entry of the web extension host test (test/web/runWebHost.ts): loaded by VS Code's web
// worker extension host through `extensionTestsPath`, as one file bundled by esbuild (the worker
// host fetches it and evaluates it as CommonJS with only `vscode` to require: no Node, no file
// system, no mocha from node_modules). Mocha's own browser build runs the suite.
//
// The worker cannot reach the launcher directly, so everything it has to say goes through the
// workspace folder (a folder on the code-server machine, written with `vscode.workspace.fs`):
// `.web-test/report.json` (each test's result and what the host is) and a screenshot handshake
// (`screenshot-request-<name>` written here, `screenshot-done-<name>` written by the launcher).
import * as vscode from 'vscode';

/** The parts of mocha's browser build used here. */
interface BrowserMocha {
  setup(options: { ui: string; reporter?: string; timeout?: number; color?: boolean }): BrowserMocha;
  run(done: (failures: number) => void): {
    on(event: 'pass', f: (test: { fullTitle(): string; duration?: number }) => void): void;
    on(event: 'fail', f: (test: { fullTitle(): string }, error: Error) => void): void;
  };
}

export interface WebTestReport {
  passed: { title: string; ms?: number }[];
  failed: { title: string; error: string }[];
  /** Facts about the extension host the suite ran in (see webHost.test.ts). */
  host: Record<string, unknown>;
}

/** Shared with webHost.test.ts: facts the tests learn about the host, written into the report. */
export const hostFacts: Record<string, unknown> = {};

/** The launcher waits up to 20 s for the selectors, then takes the screenshot: room for both. */
const SCREENSHOT_TIMEOUT_MS = 30_000;

function reportDir(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the web host test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, '.web-test');
}

async function write(name: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(reportDir(), name), new TextEncoder().encode(text));
}

async function exists(name: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(reportDir(), name));
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks the launcher for a screenshot of the workbench once every CSS selector in `waitFor` is
 * visible in it, and waits for the launcher's answer (`screenshot-done-<name>`, watched for).
 * The request is written under a temporary name and renamed, so the launcher only ever sees a
 * whole request, and the launcher never deletes it: it once did, between VS Code's write of the
 * request and the stat that ends `workspace.fs.writeFile`, which then failed with EntryNotFound.
 * Throws when no answer comes.
 */
export async function screenshot(name: string, waitFor: readonly string[] = []): Promise<void> {
  const done = `screenshot-done-${name}`;
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(reportDir(), done));
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const saved = new Promise<'saved'>((resolve) => {
      watcher.onDidCreate(() => resolve('saved'));
      watcher.onDidChange(() => resolve('saved'));
    });
    const draft = vscode.Uri.joinPath(reportDir(), `${name}.request-draft`);
    await vscode.workspace.fs.writeFile(draft, new TextEncoder().encode(JSON.stringify({ waitFor })));
    await vscode.workspace.fs.rename(draft, vscode.Uri.joinPath(reportDir(), `screenshot-request-${name}`), { overwrite: true });
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), SCREENSHOT_TIMEOUT_MS);
    });
    // A missed file event is not a missing screenshot: look once more before failing.
    if ((await Promise.race([saved, timeout])) === 'timeout' && !(await exists(done))) {
      throw new Error(`the launcher did not save the screenshot '${name}' within ${SCREENSHOT_TIMEOUT_MS / 1000} s`);
    }
  } finally {
    clearTimeout(timer);
    watcher.dispose();
  }
}

export function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mocha = require('mocha/mocha.js') as BrowserMocha;
  // `spec` writes with console.log, which the launcher may show; `setup` defines describe/it.
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 30_000, color: false });
  // Required after setup, which defines describe/it on the global object.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./webHost.test');
  const report: WebTestReport = { passed: [], failed: [], host: hostFacts };
  return new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run(resolve);
      runner.on('pass', (t) => report.passed.push({ title: t.fullTitle(), ms: t.duration }));
      runner.on('fail', (t, e) => report.failed.push({ title: t.fullTitle(), error: String(e?.stack ?? e) }));
    } catch (e) {
      reject(e);
    }
  }).then(async (failures) => {
    await write('report.json', JSON.stringify(report, null, 2));
    if (failures > 0) throw new Error(`${failures} of the web extension host tests failed.`);
  });
}
