// CodeLens over each host: the core's summary (kernels, tenants, allocation) as a line above
// it. The lens is text only for now (a later version may open the preview at the host).
// Hidden with `strata.codeLens.enabled: false`.
import * as vscode from 'vscode';
import type { LanguageService } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toRange } from './analysisCache';

export function registerCodeLens(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!vscode.workspace.getConfiguration('strata.codeLens', document).get<boolean>('enabled', true)) return [];
      const analysis = cache.getAnalysis(document);
      // An empty command id shows the title as plain text, not as a link.
      return service.codeLenses(analysis).map((lens) => new vscode.CodeLens(toRange(analysis, lens.span), { title: lens.title, tooltip: lens.tooltip, command: '' }));
    },
  };
  context.subscriptions.push(
    changed,
    vscode.languages.registerCodeLensProvider(STRATA_SELECTOR, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('strata.codeLens')) changed.fire();
    }),
  );
}
