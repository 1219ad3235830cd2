// Editing commands in the palette's "Strata" category: fix all safe problems in the active
// file, and toggle the inlay hints. No language logic here.
import * as vscode from 'vscode';
import type { LanguageService } from '../core/services';
import { type AnalysisCache, toRange } from './analysisCache';
import { INLAY_HINTS_SETTING } from './inlayHints';

export const FIX_ALL_COMMAND = 'strata.fixAll';
export const TOGGLE_INLAY_HINTS_COMMAND = 'strata.toggleInlayHints';

export function registerCommands(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(FIX_ALL_COMMAND, async (): Promise<number> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'strata') {
        void vscode.window.showInformationMessage('Open a Strata file to fix its problems.');
        return 0;
      }
      const document = editor.document;
      const analysis = cache.getAnalysis(document);
      const result = service.fixAll(analysis, (text) => cache.analyzeAsIf(document, text));
      if (result.applied === 0) {
        void vscode.window.showInformationMessage('Strata: no problem in this file has a safe automatic fix.');
        return 0;
      }
      const edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) edit.replace(document.uri, toRange(analysis, e.span), e.newText);
      if (!(await vscode.workspace.applyEdit(edit))) return 0;
      void vscode.window.showInformationMessage(`Strata: applied ${result.applied} safe ${result.applied === 1 ? 'fix' : 'fixes'}.`);
      return result.applied;
    }),
    vscode.commands.registerCommand(TOGGLE_INLAY_HINTS_COMMAND, async () => {
      const config = vscode.workspace.getConfiguration();
      const now = config.get<boolean>(INLAY_HINTS_SETTING, true);
      await config.update(INLAY_HINTS_SETTING, !now, vscode.ConfigurationTarget.Global);
    }),
  );
}
