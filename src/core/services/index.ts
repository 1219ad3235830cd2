// The editor services of the core: pure functions from an analysis (and an offset) to plain data,
// one file per feature, no editor protocol. `createLanguageService()` bundles them in the style of
// vscode-css-languageservice; each is also exported on its own. Spans are UTF-16 offsets; the
// editor layer converts them with the analysis's LineIndex.
import type { Analysis } from '../index';
import { complete, resolveCompletionItem, type CompletionItem, type CompletionOptions } from './completion';
import { hover, type Hover } from './hover';
import { documentSymbols, type DocumentSymbol } from './symbols';
import { foldingRanges, type FoldingRange } from './folding';
import { selectionRanges, type SelectionRange } from './selectionRanges';
import { definition, documentHighlights, references, type Highlight } from './navigation';
import { prepareRename, rename, type PrepareRenameResult, type RenameResult } from './rename';
import type { Span } from '../syntax/ast';

export * from './context';
export * from './completion';
export * from './hover';
export * from './symbols';
export * from './folding';
export * from './selectionRanges';
export * from './navigation';
export * from './rename';

/** Every editor service, over analyses the caller keeps (one per document version). */
export interface LanguageService {
  complete(analysis: Analysis, offset: number, options?: CompletionOptions): CompletionItem[];
  resolveCompletionItem(analysis: Analysis, item: CompletionItem): CompletionItem;
  hover(analysis: Analysis, offset: number): Hover | undefined;
  documentSymbols(analysis: Analysis): DocumentSymbol[];
  foldingRanges(analysis: Analysis): FoldingRange[];
  selectionRanges(analysis: Analysis, offsets: readonly number[]): SelectionRange[];
  definition(analysis: Analysis, offset: number): Span[];
  references(analysis: Analysis, offset: number, options?: { includeDeclaration?: boolean }): Span[];
  documentHighlights(analysis: Analysis, offset: number): Highlight[];
  prepareRename(analysis: Analysis, offset: number): PrepareRenameResult;
  rename(analysis: Analysis, offset: number, newName: string): RenameResult;
}

/** The editor services as one object. They hold no state: any number may exist. */
export function createLanguageService(): LanguageService {
  return { complete, resolveCompletionItem, hover, documentSymbols, foldingRanges, selectionRanges, definition, references, documentHighlights, prepareRename, rename };
}
export * from './codeActions';
export * from './format';
export * from './codeLens';
export * from './semanticTokens';
export * from './inlayHints';
