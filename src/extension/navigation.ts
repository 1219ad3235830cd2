// Go to definition, find references and document highlights in the editor, for node ids,
// tenants and services: the core's navigation service, converted to VS Code locations (in a
// project, in whichever of its files the name is written).
import * as vscode from 'vscode';
import type { LanguageService } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toLocation, toOffset, toRange } from './analysisCache';

export function registerNavigation(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const definitionProvider: vscode.DefinitionProvider = {
    provideDefinition(document, position) {
      const analysis = cache.getAnalysis(document);
      return service.definition(analysis, toOffset(analysis, position)).map((span) => toLocation(analysis, span, document.uri));
    },
  };
  const referenceProvider: vscode.ReferenceProvider = {
    provideReferences(document, position, context) {
      const analysis = cache.getAnalysis(document);
      return service.references(analysis, toOffset(analysis, position), { includeDeclaration: context.includeDeclaration }).map((span) => toLocation(analysis, span, document.uri));
    },
  };
  const highlightProvider: vscode.DocumentHighlightProvider = {
    provideDocumentHighlights(document, position) {
      const analysis = cache.getAnalysis(document);
      return service.documentHighlights(analysis, toOffset(analysis, position)).map(
        (h) => new vscode.DocumentHighlight(toRange(analysis, h.span), h.kind === 'write' ? vscode.DocumentHighlightKind.Write : vscode.DocumentHighlightKind.Read),
      );
    },
  };
  context.subscriptions.push(
    vscode.languages.registerDefinitionProvider(STRATA_SELECTOR, definitionProvider),
    vscode.languages.registerReferenceProvider(STRATA_SELECTOR, referenceProvider),
    vscode.languages.registerDocumentHighlightProvider(STRATA_SELECTOR, highlightProvider),
  );
}
