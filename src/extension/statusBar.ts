// The status bar item for the active Strata file: "$(layers) Strata: 2 errors, 3 warnings",
// from the published diagnostics (the same numbers as the Problems panel, which a click opens).
// Hidden while the active editor is not a Strata file or `strata.statusBar.enabled` is false.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export const STATUS_BAR_ID = 'strata.status';
/** Outside production: returns what the item shows (an extension cannot read another's items). */
export const STATUS_BAR_TEST_HOOK_COMMAND = 'strata.test.statusBar';

export interface StatusBarState {
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
  readonly command: string | undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The item's text and tooltip for these diagnostics. */
export function statusText(diagnostics: readonly vscode.Diagnostic[]): { text: string; tooltip: string } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    else infos++;
  }
  const text = errors || warnings ? `$(layers) Strata: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : '$(layers) Strata: no problems';
  const tooltip = `Strata: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')} in this file. Click to open the Problems panel.`;
  return { text, tooltip };
}

/** What the status bar says in restricted mode (an untrusted workspace). */
export const RESTRICTED_NOTE =
  'Restricted Mode: Strata ignores what this workspace sets to hide findings (rules turned off or lowered, laxer thresholds, validation turned off) in its settings and strata.config.json files. Trust the workspace to apply them.';

export function registerStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 10);
  item.name = 'Strata';
  item.command = 'workbench.actions.view.problems';
  let visible = false;

  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document;
    if (!document || document.languageId !== 'strata' || !vscode.workspace.getConfiguration('strata.statusBar', document).get<boolean>('enabled', true)) {
      item.hide();
      visible = false;
      return;
    }
    const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const { text, tooltip } = statusText(ours);
    const restricted = !vscode.workspace.isTrusted;
    item.text = restricted ? `${text} $(workspace-untrusted)` : text;
    item.tooltip = restricted ? `${tooltip}\n\n${RESTRICTED_NOTE}` : tooltip;
    item.show();
    visible = true;
  };

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) update();
    }),
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidGrantWorkspaceTrust(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('strata.statusBar')) update();
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    const state = (): StatusBarState => ({ visible, text: item.text, tooltip: String(item.tooltip ?? ''), command: typeof item.command === 'string' ? item.command : item.command?.command });
    context.subscriptions.push(vscode.commands.registerCommand(STATUS_BAR_TEST_HOOK_COMMAND, state));
  }
  update();
}
