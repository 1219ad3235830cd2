// Entry point of the Strata VS Code extension. Deliberately thin: every language feature is a
// caller of the pure core (`../core`), registered here with its disposables in
// `context.subscriptions`; no state outlives the closures created in `activate`.
import type * as vscode from 'vscode';
import { registerDiagnostics } from './diagnostics';

export function activate(context: vscode.ExtensionContext): void {
  registerDiagnostics(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
