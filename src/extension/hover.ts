// Hover in the editor: the core's hover service at the cursor, shown as markdown over the
// word it is about. No language logic here.
import * as vscode from 'vscode';
import type { LanguageService } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toOffset, toRange } from './analysisCache';

export function registerHover(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const analysis = cache.getAnalysis(document);
      const result = service.hover(analysis, toOffset(analysis, position));
      if (!result) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(result.contents), toRange(analysis, result.span));
    },
  };
  context.subscriptions.push(vscode.languages.registerHoverProvider(STRATA_SELECTOR, provider));
}
