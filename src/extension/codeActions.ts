// Quick fixes and "fix all" in the editor: the core's code actions at the cursor, with the
// diagnostics they resolve attached, the suppression reason as a snippet tab stop, and
// `source.fixAll.strata` for "Fix All" and `editor.codeActionsOnSave`. Quick fixes are keyed on
// the diagnostics the editor passes in (same rule, overlapping range), so a finding that is not
// shown (a rule turned off in strata.config.json, validation disabled) offers no fix.
// No language logic here.
import * as vscode from 'vscode';
import type { Analysis, Finding } from '../core';
import { FIX_ALL_KIND, type CodeAction, type CodeActionKind, type LanguageService } from '../core/services';
import { type AnalysisCache, STRATA_SELECTOR, toOffset, toRange } from './analysisCache';

/** `source.fixAll.strata`: under `source.fixAll`, so "fix all on save" includes it. */
export const FIX_ALL_CODE_ACTION_KIND = vscode.CodeActionKind.SourceFixAll.append('strata');

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

/** The diagnostics of the request that show these findings (same rule, overlapping or equal range). */
function diagnosticsFor(analysis: Analysis, findings: readonly Finding[], diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) =>
    findings.some((f) => {
      if (ruleOf(d) !== f.rule) return false;
      const r = toRange(analysis, f.span);
      return d.range.isEqual(r) || d.range.intersection(r) !== undefined;
    }),
  );
}

/** A core code action as a VS Code one, its edits on `document`. */
export function toCodeAction(document: vscode.TextDocument, analysis: Analysis, action: CodeAction, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction {
  const kind = action.kind === FIX_ALL_KIND ? FIX_ALL_CODE_ACTION_KIND : vscode.CodeActionKind.QuickFix;
  const result = new vscode.CodeAction(action.title, kind);
  const edit = new vscode.WorkspaceEdit();
  const placeholder = action.placeholder;
  if (placeholder) {
    // The reason becomes the first tab stop, its default the placeholder text (what a plain
    // application of the edit inserts).
    edit.set(
      document.uri,
      action.edits.map((e, i) => {
        const range = toRange(analysis, e.span);
        if (i !== placeholder.edit) return new vscode.SnippetTextEdit(range, new vscode.SnippetString().appendText(e.newText));
        const snippet = new vscode.SnippetString()
          .appendText(e.newText.slice(0, placeholder.start))
          .appendPlaceholder(e.newText.slice(placeholder.start, placeholder.end))
          .appendText(e.newText.slice(placeholder.end));
        return new vscode.SnippetTextEdit(range, snippet);
      }),
    );
  } else {
    for (const e of action.edits) edit.replace(document.uri, toRange(analysis, e.span), e.newText);
  }
  result.edit = edit;
  result.isPreferred = action.isPreferred;
  const attached = diagnosticsFor(analysis, action.findings, diagnostics);
  if (attached.length) result.diagnostics = attached;
  return result;
}

export function registerCodeActions(context: vscode.ExtensionContext, cache: AnalysisCache, service: LanguageService): void {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, range, ctx) {
      const only: CodeActionKind[] = [];
      if (!ctx.only || ctx.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(ctx.only)) only.push('quickfix');
      // "Fix all" re-analyses the text: computed only when source actions are asked for (the
      // Source Action menu, Fix All, fix on save), never for the light bulb.
      if (ctx.only && (ctx.only.contains(FIX_ALL_CODE_ACTION_KIND) || FIX_ALL_CODE_ACTION_KIND.contains(ctx.only))) only.push(FIX_ALL_KIND);
      if (only.length === 0) return [];
      const analysis = cache.getAnalysis(document);
      const span = { start: toOffset(analysis, range.start), end: toOffset(analysis, range.end) };
      return service.codeActions(analysis, span, { only, reanalyze: (text) => cache.analyzeAsIf(document, text) })
        .map((a) => toCodeAction(document, analysis, a, ctx.diagnostics))
        .filter((a) => !a.kind || !vscode.CodeActionKind.QuickFix.contains(a.kind) || (a.diagnostics?.length ?? 0) > 0);
    },
  };
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(STRATA_SELECTOR, provider, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND],
    }),
  );
}
