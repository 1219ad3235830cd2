// Format Document and Format Selection: the core's formatter with the editor's indentation
// options. The core returns no edits for a file with syntax errors; no language logic here.
import * as vscode from 'vscode';
import { formatDocument, formatRange, type FormatResult } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toOffset, toRange } from './analysisCache';

export function registerFormatting(context: vscode.ExtensionContext, cache: AnalysisCache): void {
  const toEdits = (document: vscode.TextDocument, result: FormatResult): vscode.TextEdit[] => {
    const analysis = cache.getAnalysis(document);
    return result.edits.map((e) => vscode.TextEdit.replace(toRange(analysis, e.span), e.newText));
  };
  const options = (o: vscode.FormattingOptions) => ({ tabSize: o.tabSize, insertSpaces: o.insertSpaces });
  const provider: vscode.DocumentFormattingEditProvider & vscode.DocumentRangeFormattingEditProvider = {
    provideDocumentFormattingEdits(document, o) {
      return toEdits(document, formatDocument(cache.getAnalysis(document).text, options(o)));
    },
    provideDocumentRangeFormattingEdits(document, range, o) {
      const analysis = cache.getAnalysis(document);
      const span = { start: toOffset(analysis, range.start), end: toOffset(analysis, range.end) };
      return toEdits(document, formatRange(analysis.text, span, options(o)));
    },
  };
  context.subscriptions.push(
    vscode.languages.registerDocumentFormattingEditProvider(STRATA_SELECTOR, provider),
    vscode.languages.registerDocumentRangeFormattingEditProvider(STRATA_SELECTOR, provider),
  );
}
