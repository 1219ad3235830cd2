// The typing test: types into a Strata file in the real VS Code workbench (code-server + headless
// Chromium) with real keystrokes, as a person would, and watches the finding appear and go away
// on screen. runCodeServer runs it after the integration suite (`npm run test:vscode`), in the
// same code-server, in a window of its own on a fresh copy of test/vscode/typing-workspace.
//
// What a person does, and what the test waits for (read from the DOM once per animation frame;
// no fixed sleeps):
//  1. Opens typing.strata with Quick Open (Ctrl+P), opens the Problems panel from the status bar,
//     and sees a clean file ("Strata: no problems", "No problems have been detected").
//  2. Clicks at the end of the `os:` line, presses Enter and types
//     `app reports "Reports" { memroy: 512MiB }` key by key (quotes and braces auto-close and
//     are typed over).
//  3. Waits until the warning is on screen: a warning squiggle in the editor, a Problems row
//     "… has no property 'memroy' …", 1 warning in the status bar (VS Code's count and Strata's
//     item), a problem badge on the tab and in the explorer. Screenshot typing-warning.png.
//  4. Double-clicks `memroy` and types `memory`.
//  5. Waits until the finding is gone everywhere: no squiggle, no Problems row, "No Problems",
//     "Strata: no problems", no badges.
//     Screenshot typing-fixed.png.
//  6. Saves (Ctrl+S) after 3. and after 5., and checks each time that the file holds exactly what
//     was typed.
// It fails (with the screen's state and typing-failure.png) when a finding never appears or
// never clears, or the text differs.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

export const TYPING_FIXTURES = path.resolve(__dirname, '../../../test/vscode/typing-workspace');
const FILE = 'typing.strata';
/** The line typed after `  os: debian-12` (the editor keeps the two-space indent). */
const TYPED = 'app reports "Reports" { memroy: 512MiB }';
const MISSPELT = 'memroy';
const CORRECT = 'memory';
const WARNING_MESSAGE = "has no property 'memroy'";
/** Milliseconds between keystrokes: a fast typist, and well under the 200 ms debounce. */
const KEY_DELAY_MS = 35;
const STEP_TIMEOUT_MS = 20_000;
const STRATA_STATUS = '[id="strata.strata-diagrams.strata.status"]';
const PROBLEMS_STATUS = '[id="status.problems"]';

export interface TypingResult {
  /** From the last keystroke of the typed line until the warning was on screen. */
  readonly warningShownMs: number;
  /** From the last keystroke of the fix until the finding was gone from the screen. */
  readonly warningGoneMs: number;
  readonly totalMs: number;
}

/** What the screen shows, read in the page (the function runs in the browser). */
interface ScreenState {
  squiggles: { error: number; warning: number; info: number };
  strataStatus: string;
  problemsStatus: string;
  problemsRows: string[];
  problemsEmptyMessage: string;
  /** Problem badges (the "1" after the file name) on the editor tab and in the explorer. */
  badges: { tab: number; explorer: number };
}

// The functions given to page.evaluate run in the browser; these are the globals they use (this
// program is compiled without the DOM library).
declare function requestAnimationFrame(callback: () => void): number;
declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null; getAttribute(name: string): string | null }>;
  querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null;
};

function readScreen(selectors: { strata: string; problems: string }): ScreenState {
  const count = (selector: string) => document.querySelectorAll(`.monaco-editor .view-overlays ${selector}, .monaco-editor .view-lines ${selector}`).length;
  const text = (selector: string) => (document.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const rows = Array.from(document.querySelectorAll('.markers-panel .monaco-list-row')).map((row) => (row.getAttribute('aria-label') ?? row.textContent ?? '').replace(/\s+/g, ' ').trim());
  return {
    squiggles: { error: count('.squiggly-error'), warning: count('.squiggly-warning'), info: count('.squiggly-info') },
    strataStatus: text(selectors.strata),
    problemsStatus: document.querySelector(selectors.problems)?.getAttribute('aria-label') ?? '',
    problemsRows: rows,
    problemsEmptyMessage: text('.markers-panel .message-box-container'),
    badges: {
      tab: document.querySelectorAll('.tabs-container .tab .monaco-icon-label[class*="monaco-decoration-itemBadge"]').length,
      explorer: document.querySelectorAll('.explorer-folders-view .monaco-icon-label[class*="monaco-decoration-itemBadge"]').length,
    },
  };
}

const SELECTORS = { strata: STRATA_STATUS, problems: PROBLEMS_STATUS };

/** Resolves once `predicate(screen)` holds, reading the screen once per animation frame. */
async function waitForScreen(page: Page, what: string, predicate: (s: ScreenState) => boolean): Promise<ScreenState> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const screen = await page.evaluate(readScreen, SELECTORS);
    if (predicate(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`Timed out after ${STEP_TIMEOUT_MS / 1000} s waiting for ${what}. The screen shows: ${JSON.stringify(screen)}`);
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  }
}

/**
 * Saves with Ctrl+S and checks that the file on disk is `expected`: what was typed arrived, and
 * nothing more (an auto-closed quote or brace typed over must not be doubled).
 */
async function saveAndCompare(page: Page, file: string, expected: string, when: string): Promise<void> {
  const dirtyTab = page.locator('.tabs-container .tab.dirty', { hasText: path.basename(file) });
  if ((await dirtyTab.count()) !== 1) throw new Error(`the editor tab of ${path.basename(file)} is not marked as changed ${when}`);
  await page.keyboard.press('Control+S');
  // The tab loses its "changed" dot once code-server has written the file.
  await dirtyTab.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  const saved = fs.readFileSync(file, 'utf8');
  if (saved !== expected) throw new Error(`the file saved ${when} differs from what was typed:\n--- expected\n${expected}--- saved\n${saved}`);
}

/**
 * Runs the typing test in a new page of `browser`; `url(folder)` is the workbench URL that opens
 * `folder` with the extension under development. `workspace` must be a fresh copy of
 * TYPING_FIXTURES. Rejects when the test fails.
 */
export async function runTypingTest(options: {
  browser: Browser;
  url: (folder: string) => string;
  workspace: string;
  artifacts: string;
  log: (message: string) => void;
}): Promise<TypingResult> {
  const { browser, workspace, artifacts, log } = options;
  const started = Date.now();
  const file = path.join(workspace, FILE);
  const original = fs.readFileSync(file, 'utf8');
  const anchor = '  os: debian-12\n';
  if (!original.includes(anchor)) throw new Error(`${FILE} has no line '${anchor.trim()}' to type after`);
  const typed = original.replace(anchor, `${anchor}  ${TYPED}\n`);
  const fixed = original.replace(anchor, `${anchor}  ${TYPED.replace(MISSPELT, CORRECT)}\n`);

  // Screenshots of an earlier run would tell about that run.
  for (const name of ['typing-warning.png', 'typing-fixed.png', 'typing-failure.png']) fs.rmSync(path.join(artifacts, name), { force: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => log(`[typing pageerror] ${error.message}`));
  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, name) });
  try {
    await page.goto(options.url(workspace));

    // 1. Open the file with Quick Open, once the explorer lists it (the folder is loaded).
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(FILE, { delay: KEY_DELAY_MS });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
    await page.keyboard.press('Enter');
    const osLine = page.locator('.monaco-editor .view-lines .view-line', { hasText: 'os: debian-12' });
    await osLine.waitFor();
    // The extension is active and has checked the file: its status bar item says so.
    await waitForScreen(page, 'the Strata status bar item to report a clean file', (s) => s.strataStatus.includes('Strata: no problems'));
    // The status bar's problem count opens the Problems panel (and would close it if it were open).
    if (!(await page.locator('.markers-panel').isVisible())) await page.locator(PROBLEMS_STATUS).click();
    await waitForScreen(page, 'the Problems panel to show no problems', (s) => s.problemsRows.length === 0 && /No problems have been detected/.test(s.problemsEmptyMessage));

    // 2. Click into the editor at the end of the os line and type a new line, key by key.
    await osLine.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(TYPED, { delay: KEY_DELAY_MS });
    const typedAt = Date.now();
    // Close a completion list, if one is open, without accepting anything.
    await page.keyboard.press('Escape');

    // 3. The warning appears: squiggle, Problems row, status bar.
    const shown = await waitForScreen(
      page,
      `the unknown-property warning for '${MISSPELT}' on screen`,
      (s) =>
        s.squiggles.warning > 0 &&
        s.squiggles.error === 0 &&
        s.strataStatus.includes('0 errors, 1 warning') &&
        /Warnings: 1\b/.test(s.problemsStatus) &&
        s.problemsRows.some((r) => r.includes(WARNING_MESSAGE)) &&
        s.badges.tab > 0 &&
        s.badges.explorer > 0,
    );
    const warningShownMs = Date.now() - typedAt;
    await shot('typing-warning.png');
    log(`typing: warning on screen ${warningShownMs} ms after the last keystroke (${shown.problemsRows.find((r) => r.includes(WARNING_MESSAGE))})`);

    await saveAndCompare(page, file, typed, 'after typing the line');

    // 4. Put it right: double-click the misspelt word and type over it.
    await page.locator('.monaco-editor .view-lines .view-line span', { hasText: new RegExp(`^${MISSPELT}$`) }).last().dblclick();
    await page.locator('[id="status.editor.selection"]', { hasText: `(${MISSPELT.length} selected)` }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.type(CORRECT, { delay: KEY_DELAY_MS });
    const fixedAt = Date.now();
    await page.keyboard.press('Escape');

    // 5. The finding goes away everywhere.
    await waitForScreen(
      page,
      'the warning to go away',
      (s) =>
        s.squiggles.warning + s.squiggles.error + s.squiggles.info === 0 &&
        s.strataStatus.includes('Strata: no problems') &&
        s.problemsStatus === 'No Problems' &&
        s.problemsRows.length === 0 &&
        s.badges.tab + s.badges.explorer === 0,
    );
    const warningGoneMs = Date.now() - fixedAt;
    await shot('typing-fixed.png');
    log(`typing: warning gone ${warningGoneMs} ms after the last keystroke of the fix`);

    // 6. Save and compare the file with what was typed.
    await saveAndCompare(page, file, fixed, 'after the fix');
    return { warningShownMs, warningGoneMs, totalMs: Date.now() - started };
  } catch (e) {
    await shot('typing-failure.png').catch(() => undefined);
    throw e;
  } finally {
    await page.close().catch(() => undefined);
  }
}
