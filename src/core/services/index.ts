// The editor services of the core: pure functions from an analysis (and an offset or a span) to
// plain data, one file a feature, no editor protocol. Spans are UTF-16 offsets; the editor layer
// converts them with the analysis's LineIndex.
//
// `createLanguageService()` is the one way in, as vscode-markdown-languageservice's is: the
// extension (desktop and web) makes one in `activate` and builds every provider from it, so this
// interface is the list of what the editor gets from the core. Each function is also exported on
// its own, for the tests and the CLI.
import type { Analysis } from '../index';
import type { Finding } from '../diagnostics';
import type { Span } from '../syntax/ast';
import { complete, resolveCompletionItem, type CompletionItem, type CompletionOptions } from './completion';
import { hover, type Hover } from './hover';
import { documentSymbols, workspaceSymbols, type DocumentSymbol, type WorkspaceSymbol } from './symbols';
import { foldingRanges, type FoldingRange } from './folding';
import { selectionRanges, type SelectionRange } from './selectionRanges';
import { definition, documentHighlights, references, type Highlight } from './navigation';
import { prepareRename, rename, type PrepareRenameResult, type RenameResult } from './rename';
import { codeActions, fixAll, type CodeAction, type CodeActionOptions, type FixAllResult, type Reanalyze } from './codeActions';
import { formatDocument, formatRange, type FormatOptions, type FormatResult } from './format';
import { codeLenses, type CodeLens } from './codeLens';
import { encodeSemanticTokens, semanticTokens } from './semanticTokens';
import { inlayHints, type InlayHint } from './inlayHints';

export * from './context';
export * from './completion';
export * from './hover';
export * from './symbols';
export * from './folding';
export * from './selectionRanges';
export * from './navigation';
export * from './rename';
export * from './codeActions';
export * from './format';
export * from './codeLens';
export * from './semanticTokens';
export * from './inlayHints';

/** Every editor feature, over analyses the caller keeps (one per document version). */
export interface LanguageService {
  /** Diagnostics: the analysis's findings (syntax errors and every check's), in document order. */
  diagnostics(analysis: Analysis): readonly Finding[];
  complete(analysis: Analysis, offset: number, options?: CompletionOptions): CompletionItem[];
  /** Fills in the documentation of an item `complete` left without (a node's, built on demand). */
  resolveCompletionItem(analysis: Analysis, item: CompletionItem): CompletionItem;
  hover(analysis: Analysis, offset: number): Hover | undefined;
  /** The outline: one symbol a node, nested as the nodes are. */
  documentSymbols(analysis: Analysis): DocumentSymbol[];
  /** The nodes whose name matches `query` (a project's analysis: of every file). */
  workspaceSymbols(analysis: Analysis, query: string): WorkspaceSymbol[];
  foldingRanges(analysis: Analysis): FoldingRange[];
  selectionRanges(analysis: Analysis, offsets: readonly number[]): SelectionRange[];
  definition(analysis: Analysis, offset: number): Span[];
  references(analysis: Analysis, offset: number, options?: { includeDeclaration?: boolean }): Span[];
  documentHighlights(analysis: Analysis, offset: number): Highlight[];
  prepareRename(analysis: Analysis, offset: number): PrepareRenameResult;
  rename(analysis: Analysis, offset: number, newName: string): RenameResult;
  /** Quick fixes, suppressions and "fix all" for the findings that meet `span`. */
  codeActions(analysis: Analysis, span: Span, options?: CodeActionOptions): CodeAction[];
  /**
   * Every safe fix, round after round (the `strata.fixAll` command). `reanalyze` analyses a later
   * round's text as `analysis` was made: with the same options and, in a project, with the other
   * files (else a suppression of a finding only the whole project has would look unused).
   */
  fixAll(analysis: Analysis, reanalyze?: Reanalyze): FixAllResult;
  format(analysis: Analysis, options?: FormatOptions): FormatResult;
  formatRange(analysis: Analysis, span: Span, options?: FormatOptions): FormatResult;
  codeLenses(analysis: Analysis): CodeLens[];
  inlayHints(analysis: Analysis, range?: Span): InlayHint[];
  /** Semantic tokens in LSP's relative encoding (`SEMANTIC_TOKENS_LEGEND`), of `range` or the whole text. */
  semanticTokens(analysis: Analysis, range?: Span): number[];
}

/** The editor services as one object. They hold no state: any number may exist. */
export function createLanguageService(): LanguageService {
  return {
    diagnostics: (analysis) => analysis.findings,
    complete,
    resolveCompletionItem,
    hover,
    documentSymbols: (analysis) => documentSymbols(analysis),
    workspaceSymbols: (analysis, query) => workspaceSymbols(analysis, query),
    foldingRanges,
    selectionRanges,
    definition,
    references,
    documentHighlights,
    prepareRename,
    rename,
    codeActions,
    fixAll: (analysis, reanalyze) => fixAll(analysis.text, { first: analysis, ...(reanalyze ? { analyze: reanalyze } : {}) }),
    format: (analysis, options) => formatDocument(analysis.text, options),
    formatRange: (analysis, span, options) => formatRange(analysis.text, span, options),
    codeLenses,
    inlayHints,
    semanticTokens: (analysis, range) => encodeSemanticTokens(analysis, semanticTokens(analysis, range)),
  };
}
