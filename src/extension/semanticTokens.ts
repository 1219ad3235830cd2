// Semantic highlighting: the core's tokens (ids vs references, catalogue values, tenants and
// services) in the editor's encoding, for the document or a visible range.
import * as vscode from 'vscode';
import { type LanguageService, SEMANTIC_TOKENS_LEGEND } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toOffset } from './analysisCache';

export const LEGEND = new vscode.SemanticTokensLegend([...SEMANTIC_TOKENS_LEGEND.tokenTypes], [...SEMANTIC_TOKENS_LEGEND.tokenModifiers]);

export function registerSemanticTokens(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const provider: vscode.DocumentSemanticTokensProvider & vscode.DocumentRangeSemanticTokensProvider = {
    provideDocumentSemanticTokens(document) {
      const analysis = cache.getAnalysis(document);
      return new vscode.SemanticTokens(new Uint32Array(service.semanticTokens(analysis)));
    },
    provideDocumentRangeSemanticTokens(document, range) {
      const analysis = cache.getAnalysis(document);
      const span = { start: toOffset(analysis, range.start), end: toOffset(analysis, range.end) };
      return new vscode.SemanticTokens(new Uint32Array(service.semanticTokens(analysis, span)));
    },
  };
  context.subscriptions.push(
    vscode.languages.registerDocumentSemanticTokensProvider(STRATA_SELECTOR, provider, LEGEND),
    vscode.languages.registerDocumentRangeSemanticTokensProvider(STRATA_SELECTOR, provider, LEGEND),
  );
}
