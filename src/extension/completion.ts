// Completion in the editor: asks the core's completion service at the cursor and turns its
// items into VS Code completion items (kind icons, snippets, markdown documentation, the range
// the item replaces, and "suggest again" after `os: ` and the like). No language logic here.
import * as vscode from 'vscode';
import type { Analysis } from '../core';
import type { CompletionItem, CompletionItemKind, LanguageService } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toOffset, toRange } from './analysisCache';

const KINDS: Record<CompletionItemKind, vscode.CompletionItemKind> = {
  kind: vscode.CompletionItemKind.Keyword,
  property: vscode.CompletionItemKind.Property,
  catalogue: vscode.CompletionItemKind.EnumMember,
  value: vscode.CompletionItemKind.Value,
  unit: vscode.CompletionItemKind.Unit,
  node: vscode.CompletionItemKind.Reference,
  tenant: vscode.CompletionItemKind.Folder,
  service: vscode.CompletionItemKind.Interface,
  snippet: vscode.CompletionItemKind.Snippet,
};

/** The characters that open a list of their own: values after `:`, link targets after `->`. */
export const TRIGGER_CHARACTERS = [':', '>', ' '];

/**
 * What `resolveCompletionItem` needs to fill in an item's documentation later, kept on the item
 * itself: in a WeakMap beside it, V8's young-generation collector would keep the analysis alive
 * as long as the item is young, whether or not VS Code still holds the item (core/cacheOn.ts).
 */
const PENDING = Symbol('strata.pendingDocumentation');
type Pending = vscode.CompletionItem & { [PENDING]?: { analysis: Analysis; item: CompletionItem } };

export function registerCompletion(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position, _token, completionContext) {
      const analysis = cache.getAnalysis(document);
      const items = service.complete(analysis, toOffset(analysis, position), {
        ...(completionContext.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter ? { triggerCharacter: completionContext.triggerCharacter } : {}),
      });
      return items.map((item) => {
        const result = toCompletionItem(item, toRange(analysis, item.span));
        if (item.documentation === undefined && item.nodeId !== undefined) (result as Pending)[PENDING] = { analysis, item };
        return result;
      });
    },
    resolveCompletionItem(result) {
      const entry = (result as Pending)[PENDING];
      if (!entry) return result;
      const documentation = service.resolveCompletionItem(entry.analysis, entry.item).documentation;
      if (documentation) result.documentation = new vscode.MarkdownString(documentation);
      return result;
    },
  };
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider(STRATA_SELECTOR, provider, ...TRIGGER_CHARACTERS));
}

function toCompletionItem(item: CompletionItem, range: vscode.Range): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, KINDS[item.kind]);
  if (item.detail) result.detail = item.detail;
  if (item.documentation) result.documentation = new vscode.MarkdownString(item.documentation);
  result.insertText = item.snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  result.range = range;
  if (item.sortText) result.sortText = item.sortText;
  if (item.filterText) result.filterText = item.filterText;
  if (item.retrigger) result.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return result;
}
