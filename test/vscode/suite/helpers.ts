// Helpers for the integration tests that run inside VS Code: open fixtures from the test
// workspace, and wait for events (never for a fixed time) with a timeout that names what was
// awaited.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'strata.strata-diagrams';
const DEFAULT_TIMEOUT_MS = 10_000;

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (the launcher opens a copy of test/vscode/workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a fixture of the test workspace in an editor and returns its document. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const editor = await vscode.window.showTextDocument(workspaceUri(name), { preview: false });
  return editor.document;
}

/**
 * Resolves with the first value for which `predicate` holds, checked now and then on every
 * `event`; rejects after `timeoutMs` with a message that says what was awaited.
 */
export function waitForEvent<E, T>(
  event: vscode.Event<E>,
  check: () => T | undefined,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const now = check();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const subscription = event(() => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
}

/** Waits until the diagnostics of `uri` satisfy `predicate`; resolves with them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  const check = () => {
    const diagnostics = vscode.languages.getDiagnostics(uri);
    return predicate(diagnostics) ? diagnostics : undefined;
  };
  return waitForEvent(vscode.languages.onDidChangeDiagnostics, check, `${what} (${uri.path})`, timeoutMs).catch((e: Error) => {
    const got = vscode.languages.getDiagnostics(uri).map(describeDiagnostic);
    throw new Error(`${e.message}; diagnostics now: ${JSON.stringify(got)}`);
  });
}

/**
 * Waits for a condition that VS Code offers no event for (such as an extension becoming
 * active), by checking it on every turn of a short interval until the timeout.
 */
export function waitUntil(condition: () => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function hasRule(rule: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => diagnostics.some((d) => ruleOf(d) === rule);
}

/** A compact, comparable description of a diagnostic, for assertions and failure messages. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const severity = ['error', 'warning', 'info', 'hint'][d.severity];
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${severity} ${ruleOf(d)}: ${d.message}`;
}

/** Closes every editor, discarding unsaved changes, so each test starts from a clean window. */
export async function closeAllEditors(): Promise<void> {
  const tabCount = () => vscode.window.tabGroups.all.reduce((n, group) => n + group.tabs.length, 0);
  // Reverting first keeps VS Code from asking whether to save a changed file.
  for (let guard = tabCount(); tabCount() > 0 && guard > 0; guard--) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
