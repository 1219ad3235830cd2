// Test entry loaded by VS Code's extension host (`extensionTestsPath`), by both launchers:
// runCodeServer (code-server + headless Chromium, offline) and runElectron (desktop VS Code).
// Runs mocha programmatically over every compiled `*.test.js` beside this file.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

/**
 * Set by runCodeServer: there the extension host's console reaches the launcher mixed with the
 * workbench's own log, so the report's lines carry this prefix to be told apart.
 */
const REPORT_PREFIX = process.env.STRATA_TEST_REPORT_PREFIX;
/**
 * Set by runCodeServer: a file it creates once it has saved its screenshot of the workbench.
 * The extension host ends (and its diagnostics vanish) as soon as `run` settles, so the run
 * asks for the screenshot and waits for this file first.
 */
const SCREENSHOT_DONE = process.env.STRATA_TEST_SCREENSHOT_DONE;
const SCREENSHOT_TIMEOUT_MS = 15_000;

function findTests(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) files.push(full);
  }
  return files.sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // The output travels through the browser console or a pipe, not a terminal.
    color: false,
    timeout: 30_000,
    reporter: 'spec',
    // STRATA_VSCODE_GREP=pattern (passed on by runCodeServer) runs only the matching tests.
    ...(process.env.STRATA_TEST_GREP ? { grep: process.env.STRATA_TEST_GREP } : {}),
  });
  const files = findTests(__dirname);
  for (const file of files) mocha.addFile(file);
  const restore = prefixReport();
  return new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (e) {
      reject(e);
    }
  })
    .finally(restore)
    .then(async (failures) => {
      await takeScreenshot();
      if (failures > 0) throw new Error(`${failures} of the VS Code integration tests failed.`);
    });
}

/**
 * Asks the launcher (through the console it reads) for a screenshot and waits until it is saved:
 * `.test-artifacts/<name>.png` (letters, digits and `-`), or the final vscode-final.png without a
 * name. Tests call it to keep a picture of what they showed; resolves to whether it was saved (a
 * no-op under runElectron).
 */
export async function takeScreenshot(name?: string): Promise<boolean> {
  if (!SCREENSHOT_DONE || !REPORT_PREFIX) return false;
  fs.rmSync(SCREENSHOT_DONE, { force: true });
  console.log(`${REPORT_PREFIX}${SCREENSHOT_REQUEST}${name ? `:${name.replace(/[^A-Za-z0-9-]/g, '-')}` : ''}`);
  const started = Date.now();
  while (!fs.existsSync(SCREENSHOT_DONE) && Date.now() - started < SCREENSHOT_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return fs.existsSync(SCREENSHOT_DONE);
}

/** The console line that asks runCodeServer for a screenshot (after the report prefix; `:name` may follow). */
export const SCREENSHOT_REQUEST = 'screenshot-request';

/** Prefixes the reporter's output for the duration of the run. */
function prefixReport(): () => void {
  if (!REPORT_PREFIX) return () => undefined;
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const reporterLog = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => reporterLog(REPORT_PREFIX + util.format(...args));
  return () => {
    base.consoleLog = reporterLog;
  };
}
