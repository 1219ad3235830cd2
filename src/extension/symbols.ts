// Outline, breadcrumbs, folding and expand-selection in the editor: the core's symbols, folding
// and selection-range services, converted to VS Code types. The icon for each Strata kind is
// chosen here (the core knows nothing of VS Code's symbol kinds).
import * as vscode from 'vscode';
import type { Kind } from '../core';
import type { DocumentSymbol, LanguageService, SelectionRange } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toLocation, toOffset, toRange } from './analysisCache';
import type { Analysis } from '../core';

/** The outline icon of each kind. */
export const SYMBOL_KINDS: Record<Kind, vscode.SymbolKind> = {
  group: vscode.SymbolKind.Namespace,
  host: vscode.SymbolKind.Module,
  hypervisor: vscode.SymbolKind.Package,
  vm: vscode.SymbolKind.Class,
  engine: vscode.SymbolKind.Interface,
  pod: vscode.SymbolKind.Struct,
  container: vscode.SymbolKind.Object,
  app: vscode.SymbolKind.Function,
  tenant: vscode.SymbolKind.Key,
};

export function registerSymbols(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const symbolProvider: vscode.DocumentSymbolProvider = {
    provideDocumentSymbols(document) {
      const analysis = cache.getAnalysis(document);
      return service.documentSymbols(analysis).map((s) => toDocumentSymbol(analysis, s));
    },
  };
  const foldingProvider: vscode.FoldingRangeProvider = {
    provideFoldingRanges(document) {
      return service.foldingRanges(cache.getAnalysis(document)).map(
        (r) => new vscode.FoldingRange(r.startLine, r.endLine, r.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined),
      );
    },
  };
  const selectionProvider: vscode.SelectionRangeProvider = {
    provideSelectionRanges(document, positions) {
      const analysis = cache.getAnalysis(document);
      return service.selectionRanges(analysis, positions.map((p) => toOffset(analysis, p))).map((r) => toSelectionRange(analysis, r));
    },
  };
  // Workspace symbols (Ctrl+T): the nodes of every loaded project, and of the open lone files.
  const workspaceProvider: vscode.WorkspaceSymbolProvider = {
    provideWorkspaceSymbols(query) {
      const out: vscode.SymbolInformation[] = [];
      const seen = new Set<string>();
      const add = (analysis: Analysis, uri: vscode.Uri) => {
        for (const s of service.workspaceSymbols(analysis, query)) {
          const at = toLocation(analysis, s.span, uri);
          const key = `${at.uri.toString()}#${s.span.start}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(new vscode.SymbolInformation(s.name, SYMBOL_KINDS[s.kind], s.container ?? '', at));
        }
      };
      for (const p of cache.projects?.all() ?? []) {
        const first = p.project.files[0];
        const view = first ? p.project.analysis().fileAnalysis(first) : undefined;
        if (view) add(view, vscode.Uri.parse(first));
      }
      for (const d of vscode.workspace.textDocuments) {
        if (d.languageId === 'strata' && !cache.projects?.known(d.uri)) add(cache.getAnalysis(d), d.uri);
      }
      return out;
    },
  };
  context.subscriptions.push(
    vscode.languages.registerWorkspaceSymbolProvider(workspaceProvider),
    vscode.languages.registerDocumentSymbolProvider(STRATA_SELECTOR, symbolProvider, { label: 'Strata' }),
    vscode.languages.registerFoldingRangeProvider(STRATA_SELECTOR, foldingProvider),
    vscode.languages.registerSelectionRangeProvider(STRATA_SELECTOR, selectionProvider),
  );
}

function toDocumentSymbol(analysis: Analysis, symbol: DocumentSymbol): vscode.DocumentSymbol {
  // Iterative: models can nest deeply.
  const convert = (s: DocumentSymbol) =>
    new vscode.DocumentSymbol(s.name, s.detail, SYMBOL_KINDS[s.kind], toRange(analysis, s.span), toRange(analysis, s.selectionSpan));
  const root = convert(symbol);
  const stack: [DocumentSymbol, vscode.DocumentSymbol][] = [[symbol, root]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    for (const child of from.children) {
      const c = convert(child);
      to.children.push(c);
      stack.push([child, c]);
    }
  }
  return root;
}

function toSelectionRange(analysis: Analysis, range: SelectionRange): vscode.SelectionRange {
  const spans: SelectionRange[] = [];
  for (let r: SelectionRange | undefined = range; r; r = r.parent) spans.push(r);
  let result: vscode.SelectionRange | undefined;
  for (let i = spans.length - 1; i >= 0; i--) result = new vscode.SelectionRange(toRange(analysis, spans[i].span), result);
  return result!;
}
