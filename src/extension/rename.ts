// Rename in the editor for node ids, tenants and services: the core's rename service. A refusal
// (nothing renamable here, an invalid or clashing name) is thrown as an Error, which VS Code
// shows to the user as the reason.
import * as vscode from 'vscode';
import type { LanguageService } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toLocation, toOffset, toRange } from './analysisCache';

export function registerRename(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const provider: vscode.RenameProvider = {
    prepareRename(document, position) {
      const analysis = cache.getAnalysis(document);
      const result = service.prepareRename(analysis, toOffset(analysis, position));
      if ('error' in result) throw new Error(result.error);
      return { range: toRange(analysis, result.span), placeholder: result.placeholder };
    },
    provideRenameEdits(document, position, newName) {
      const analysis = cache.getAnalysis(document);
      const result = service.rename(analysis, toOffset(analysis, position), newName);
      if ('error' in result) throw new Error(result.error);
      const edit = new vscode.WorkspaceEdit();
      // In a project, every file that writes the name (one WorkspaceEdit over all of them).
      for (const e of result.edits) {
        const at = toLocation(analysis, e.span, document.uri);
        edit.replace(at.uri, at.range, e.newText);
      }
      return edit;
    },
  };
  context.subscriptions.push(vscode.languages.registerRenameProvider(STRATA_SELECTOR, provider));
}
