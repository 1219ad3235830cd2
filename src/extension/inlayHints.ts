// Inlay hints: the core's "⟨tenant: shop · kernel: node1⟩" after each workload's header,
// switched by `strata.inlayHints.enabled` (and the editor's own `editor.inlayHints.enabled`).
import * as vscode from 'vscode';
import type { LanguageService } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toOffset } from './analysisCache';

export const INLAY_HINTS_SETTING = 'strata.inlayHints.enabled';

export function registerInlayHints(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.InlayHintsProvider = {
    onDidChangeInlayHints: changed.event,
    provideInlayHints(document, range) {
      if (!vscode.workspace.getConfiguration('strata.inlayHints', document).get<boolean>('enabled', true)) return [];
      const analysis = cache.getAnalysis(document);
      const span = { start: toOffset(analysis, range.start), end: toOffset(analysis, range.end) };
      return service.inlayHints(analysis, span).map((h) => {
        const p = analysis.lines.positionAt(h.offset);
        const hint = new vscode.InlayHint(new vscode.Position(p.line, p.character), h.label);
        hint.tooltip = h.tooltip;
        hint.paddingLeft = true;
        return hint;
      });
    },
  };
  context.subscriptions.push(
    changed,
    vscode.languages.registerInlayHintsProvider(STRATA_SELECTOR, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('strata.inlayHints')) changed.fire();
    }),
  );
}
