// The Strata preview: "Strata: Open Preview" and "Open Preview to the Side" (editor title button,
// Ctrl/Cmd+K V), one panel per document, restored after a reload by a panel serializer,
// following the active Strata editor (`strata.preview.followActiveEditor`), updated as the text
// changes and highlighting the node at the cursor. The panels live in this function's closure
// and are disposed with the extension. The webview program is src/webview (a browser page); the messages
// between the two are defined (and validated) in src/shared/previewProtocol.ts.
import * as vscode from 'vscode';
import type { AnalysisCache } from './analysisCache';
import { isStrataDocument } from './diagnostics';
import { PREVIEW_VIEW_TYPE, parseMessage, previewState } from '../shared/previewProtocol';
import { PreviewPanel, readPreviewSettings, webviewOptions, type PanelProbe } from './previewPanel';
import { diffEditorBase, registerCompare } from './compare';

export const OPEN_PREVIEW_COMMAND = 'strata.openPreview';
export const OPEN_PREVIEW_TO_SIDE_COMMAND = 'strata.openPreviewToSide';
/**
 * Registered only when the extension runs for tests or development (never in a user's editor):
 * returns a `PreviewTestApi`. Not contributed, so it is not in the command palette.
 */
export const PREVIEW_TEST_HOOK_COMMAND = 'strata.preview.testHook';

/** What the integration tests may ask about the previews (through PREVIEW_TEST_HOOK_COMMAND). */
export interface PreviewTestApi {
  /** The version of the last update posted to the preview of `uri`, and the last one its webview showed. */
  probe(uri: vscode.Uri): PanelProbe | undefined;
  /** Handles `message` as if the preview of `uri` had sent it (validated like a real message). */
  simulateMessage(uri: vscode.Uri, message: unknown): Promise<void>;
}

export function registerPreview(context: vscode.ExtensionContext, cache: AnalysisCache): void {
  const log = vscode.window.createOutputChannel('Strata Preview', { log: true });
  /** Panels by the URI of the document they show. */
  const panels = new Map<string, PreviewPanel>();
  /** The panel used last: the one that follows the active editor. */
  let lastActive: PreviewPanel | undefined;

  const attach = (webviewPanel: vscode.WebviewPanel, document: vscode.TextDocument): PreviewPanel => {
    const preview = new PreviewPanel(webviewPanel, document, context.extensionUri, log, {
      activated: (p) => (lastActive = p),
      disposed: (p) => {
        if (panels.get(p.key) === p) panels.delete(p.key);
        if (lastActive === p) lastActive = undefined;
      },
    }, cache);
    panels.set(preview.key, preview);
    lastActive = preview;
    return preview;
  };

  const targetDocument = async (resource: unknown): Promise<vscode.TextDocument | undefined> => {
    if (resource instanceof vscode.Uri) return vscode.workspace.openTextDocument(resource);
    const active = vscode.window.activeTextEditor?.document;
    if (active && isStrataDocument(active)) return active;
    void vscode.window.showInformationMessage('Strata: open a .strata file to preview it.');
    return undefined;
  };

  /** Offers the change of a diff editor that shows the panel's document, or withdraws the offer. */
  const offerDiff = async (preview: PreviewPanel): Promise<void> => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === preview.key);
    const base = document ? await diffEditorBase(document) : undefined;
    if (preview.key === document?.uri.toString()) preview.offerComparison(base);
  };

  const open = async (resource: unknown, toSide: boolean): Promise<PreviewPanel | undefined> => {
    const document = await targetDocument(resource);
    if (!document) return undefined;
    const existing = panels.get(document.uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, toSide);
      return existing;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Strata Preview',
      { viewColumn: column, preserveFocus: toSide },
      { ...webviewOptions(context.extensionUri), retainContextWhenHidden: false, enableFindWidget: false },
    );
    const preview = attach(panel, document);
    void offerDiff(preview);
    return preview;
  };

  const follow = (editor: vscode.TextEditor | undefined): void => {
    if (!editor || !isStrataDocument(editor.document)) return;
    const key = editor.document.uri.toString();
    if (panels.has(key) || !lastActive || !readPreviewSettings(editor.document.uri).followActiveEditor) return;
    const preview = lastActive;
    panels.delete(preview.key);
    preview.retarget(editor.document);
    panels.set(preview.key, preview);
    void offerDiff(preview);
  };

  registerCompare(context, cache, async (document, base) => {
    const preview = await open(document.uri, true);
    preview?.compareWith(base);
  });

  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (resource?: unknown) => open(resource, false)),
    vscode.commands.registerCommand(OPEN_PREVIEW_TO_SIDE_COMMAND, (resource?: unknown) => open(resource, true)),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = parseMessage(previewState, state);
        let document: vscode.TextDocument | undefined;
        try {
          if (saved) document = await vscode.workspace.openTextDocument(vscode.Uri.parse(saved.uri, true));
        } catch (e) {
          log.warn(`not restoring a preview of ${saved?.uri}: ${e instanceof Error ? e.message : String(e)}`);
        }
        // The webview restores its own view, zoom and theme from the same state.
        if (document && !panels.has(document.uri.toString())) void offerDiff(attach(panel, document));
        else panel.dispose();
      },
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      panels.get(e.document.uri.toString())?.documentChanged(e.document);
      // A preview shows its whole project: an edit in any file of it redraws it.
      const project = cache.projects?.known(e.document.uri);
      if (project) for (const p of panels.values()) if (p.key !== e.document.uri.toString() && cache.projects?.known(p.uri) === project) p.refresh();
    }),
    // Files of a project changed on disk (saved elsewhere, created, deleted, renamed, changed by
    // git), or a strata.config.json or the settings changed (undefined): redraw what they touch.
    ...(cache.projects
      ? [
          cache.projects.onDidChange((project) => {
            for (const p of panels.values()) if (!project || cache.projects?.known(p.uri) === project) p.refresh();
          }),
        ]
      : []),
    // A document's options (strata.config.json, the rule settings) changed: its findings may differ.
    cache.onDidChangeOptions((uri) => panels.get(uri.toString())?.refresh()),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      panels.get(e.textEditor.document.uri.toString())?.cursorMoved(e.textEditor.document, e.selections[0].active);
    }),
    vscode.window.onDidChangeActiveTextEditor(follow),
    // A diff editor opened or closed on a previewed document: offer its change, or stop offering.
    vscode.window.tabGroups.onDidChangeTabs(() => {
      for (const p of panels.values()) void offerDiff(p);
    }),
    { dispose: () => [...panels.values()].forEach((p) => p.dispose()) },
  );

  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    const api: PreviewTestApi = {
      probe: (uri) => panels.get(uri.toString())?.probe,
      simulateMessage: async (uri, message) => {
        const preview = panels.get(uri.toString());
        if (!preview) throw new Error(`no preview of ${uri.toString()}`);
        await preview.handleMessage(message);
      },
    };
    context.subscriptions.push(vscode.commands.registerCommand(PREVIEW_TEST_HOOK_COMMAND, () => api));
  }
}
