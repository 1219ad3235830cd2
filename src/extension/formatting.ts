// Format Document and Format Selection: the core's formatter with the editor's indentation
// options. The core returns no edits for a file with syntax errors; no language logic here.
import * as vscode from 'vscode';
import type { FormatResult, LanguageService } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toOffset, toRange } from './analysisCache';

export function registerFormatting(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const toEdits = (document: vscode.TextDocument, result: FormatResult): vscode.TextEdit[] => {
    const analysis = cache.getAnalysis(document);
    return result.edits.map((e) => vscode.TextEdit.replace(toRange(analysis, e.span), e.newText));
  };
  const options = (o: vscode.FormattingOptions) => ({ tabSize: o.tabSize, insertSpaces: o.insertSpaces });
  const provider: vscode.DocumentFormattingEditProvider & vscode.DocumentRangeFormattingEditProvider = {
    provideDocumentFormattingEdits(document, o) {
      return toEdits(document, service.format(cache.getAnalysis(document), options(o)));
    },
    provideDocumentRangeFormattingEdits(document, range, o) {
      const analysis = cache.getAnalysis(document);
      const span = { start: toOffset(analysis, range.start), end: toOffset(analysis, range.end) };
      return toEdits(document, service.formatRange(analysis, span, options(o)));
    },
  };
  context.subscriptions.push(
    vscode.languages.registerDocumentFormattingEditProvider(STRATA_SELECTOR, provider),
    vscode.languages.registerDocumentRangeFormattingEditProvider(STRATA_SELECTOR, provider),
  );
}
