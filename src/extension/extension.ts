// Entry point of the Strata VS Code extension. Deliberately thin: every language feature is a
// caller of the pure core (`../core`), registered here with its disposables in
// `context.subscriptions`; no state outlives the closures created in `activate`.
import type * as vscode from 'vscode';
import { registerDiagnostics } from './diagnostics';
import { registerConfig } from './config';
import { ProjectService } from './projects';
import { registerPreview } from './preview';
import { createAnalysisCache } from './analysisCache';
import { registerCompletion } from './completion';
import { registerHover } from './hover';
import { registerSymbols } from './symbols';
import { registerNavigation } from './navigation';
import { registerRename } from './rename';
import { registerCodeActions } from './codeActions';
import { registerFormatting } from './formatting';
import { registerCodeLens } from './codeLens';
import { registerSemanticTokens } from './semanticTokens';
import { registerInlayHints } from './inlayHints';
import { registerStatusBar } from './statusBar';
import { registerCommands } from './commands';
import { registerNewModel } from './newModel';
import { registerImport } from './importCommand';
import { extendMarkdownIt } from './markdownPlugin';
import { createLanguageService } from '../core/services';

/** What `activate` returns: the Markdown preview's hook (```strata fences, see markdownPlugin.ts). */
export interface StrataExtensionApi {
  extendMarkdownIt: typeof extendMarkdownIt;
}

export function activate(context: vscode.ExtensionContext): StrataExtensionApi {
  // The order does not matter below: each part gets what it needs here. strata.config.json and
  // the settings (./config.ts) decide both the options and which files form a project; the
  // projects (./projects.ts) follow the files on disk; the one analysis cache (./analysisCache.ts)
  // holds both and gives every feature, diagnostics and the preview the same analysis of a
  // document version, made with the document's options (for a project file: its view of the
  // whole project). Every editor feature is built from the one language service of the core
  // (core/services: `createLanguageService`).
  const config = registerConfig(context);
  const projects = new ProjectService(config);
  context.subscriptions.push(projects);
  const cache = createAnalysisCache(context, projects, config);
  const service = createLanguageService();
  registerDiagnostics(context, cache, service);
  registerPreview(context, cache);
  registerCompletion(context, cache, service);
  registerHover(context, cache, service);
  registerSymbols(context, cache, service);
  registerNavigation(context, cache, service);
  registerRename(context, cache, service);
  registerCodeActions(context, cache, service);
  registerFormatting(context, cache, service);
  registerCodeLens(context, cache, service);
  registerSemanticTokens(context, cache, service);
  registerInlayHints(context, cache, service);
  registerStatusBar(context);
  registerCommands(context, cache, service);
  registerNewModel(context);
  registerImport(context);
  return { extendMarkdownIt };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
