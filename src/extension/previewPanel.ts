// One preview panel: the webview that shows one Strata document (or, when following, the active
// one). Renders in the extension host, debounced, for the latest document version only; keeps
// the last diagram without syntax errors so the webview is never blank; answers the webview's
// messages (validated with zod, see src/shared/previewProtocol.ts): reveal a node or a range, fold and
// unfold, export SVG and PNG, copy the mermaid text. All state lives in this object and dies
// with its panel.
import * as vscode from 'vscode';
import type { Analysis } from '../core';
import { nodeFile, nodeNameSpan } from '../core';
import type { AnalysisCache } from './analysisCache';
import { buildPreviewHtml } from './previewHtml';
import { fromWebviewMessage, parseMessage, type FromWebviewMessage, type Theme, type ThemeChoice, type ToWebviewMessage, type View } from '../shared/previewProtocol';
import { buildSnapshot, firstSyntaxError, innermostNodeId, layersSvg, mermaidPayloadOf } from './previewSnapshot';
import { type CompareBase, type ComparisonOptions, BaseAnalyses, applyComparison, drawComparison } from './previewDiff';

export interface PreviewSettings {
  readonly debounceMs: number;
  readonly followActiveEditor: boolean;
  readonly highlightCursor: boolean;
  readonly maxNodes: number;
  readonly theme: ThemeChoice;
  readonly showLinks: boolean;
}

export const PREVIEW_DEFAULTS: PreviewSettings = {
  debounceMs: 150,
  followActiveEditor: true,
  highlightCursor: true,
  maxNodes: 2000,
  theme: 'auto',
  showLinks: true,
};

export function readPreviewSettings(scope?: vscode.ConfigurationScope): PreviewSettings {
  const c = vscode.workspace.getConfiguration('strata.preview', scope);
  const num = (key: string, fallback: number, min: number, max: number) => {
    const v = c.get<number>(key, fallback);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
  };
  const theme = c.get<string>('theme', PREVIEW_DEFAULTS.theme);
  return {
    debounceMs: num('debounceMs', PREVIEW_DEFAULTS.debounceMs, 0, 5000),
    followActiveEditor: c.get<boolean>('followActiveEditor', PREVIEW_DEFAULTS.followActiveEditor) !== false,
    highlightCursor: c.get<boolean>('highlightCursor', PREVIEW_DEFAULTS.highlightCursor) !== false,
    maxNodes: Math.round(num('maxNodes', PREVIEW_DEFAULTS.maxNodes, 50, 100_000)),
    theme: theme === 'light' || theme === 'dark' || theme === 'high-contrast' ? theme : 'auto',
    showLinks: c.get<boolean>('showLinks', PREVIEW_DEFAULTS.showLinks) !== false,
  };
}

/** What the panel reports to tests (see `PreviewTestApi` in preview.ts). */
export interface PanelProbe {
  readonly lastPostedVersion: number | undefined;
  readonly lastRendered: { readonly version: number; readonly elements: number } | undefined;
  /** The id last sent to highlight (null: none; undefined: nothing sent yet). */
  readonly lastHighlight: string | null | undefined;
  /** The ids of the model last drawn (for a file of a project: every file's nodes). */
  readonly drawnIds: readonly string[];
  /** Diff mode: what the document is compared with, and whether the change is shown. */
  readonly compare: { readonly base: string; readonly active: boolean; readonly offered: boolean } | undefined;
  /** What the webview last reported drawn marked, as `mark:id` (diff mode). */
  readonly marked: readonly string[] | undefined;
}

/** Webview options: scripts on, no command URIs, resources only from dist/webview. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

// Web APIs only (Web Crypto, btoa/atob, TextEncoder): the same code runs in the Node extension
// host and in the web worker one of vscode.dev / github.dev, which has no `crypto` module or Buffer.

/** A nonce of 24 base64url characters (144 random bits), fresh for every page. */
export function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bytes of a base64 text, or undefined when it is not base64. */
function fromBase64(base64: string): Uint8Array | undefined {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

function fileName(uri: vscode.Uri): string {
  const base = uri.path.split('/').pop() || uri.path;
  return base || 'untitled';
}

export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument;
  /** The webview's options (from its ready/options messages). */
  private view: View = 'layers';
  private theme: Theme = 'light';
  private showLinks = true;
  /** True between the webview's `ready` and the panel being hidden (which discards the webview). */
  private ready = false;
  /** The webview shows a diagram (sent since its last `ready`). */
  private hasDiagram = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The analysis of the last version without syntax errors: what the diagram shows meanwhile. */
  private lastGood: { uri: string; analysis: Analysis } | undefined;
  private readonly folded = new Set<string>();
  private readonly unfolded = new Set<string>();
  private lastHighlight: string | null | undefined;
  private lastPostedVersion: number | undefined;
  private lastRendered: { version: number; elements: number } | undefined;
  private lastMarked: readonly string[] | undefined;
  /**
   * Diff mode: the base the document is compared with. `offered`: it comes from a diff editor
   * showing this document (shown only when the user asks); otherwise from "Compare with…".
   */
  private comparison: { base: CompareBase; active: boolean; offered: boolean } | undefined;
  private readonly bases = new BaseAnalyses();
  /** The base analysis of the last diff picture sent (to tell a removed node from an unknown one). */
  private comparedBase: Analysis | undefined;
  /** The ids of the model last drawn (for a project file: every file's). */
  private drawnIds: readonly string[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    document: vscode.TextDocument,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly hooks: { readonly activated: (panel: PreviewPanel) => void; readonly disposed: (panel: PreviewPanel) => void },
    /** The analyses the editor features share (one per document version). */
    private readonly analyses: AnalysisCache,
  ) {
    this.document = document;
    const settings = readPreviewSettings(document.uri);
    this.showLinks = settings.showLinks;
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'preview-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'preview-dark.svg'),
    };
    this.setTitle();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw)),
      panel.onDidChangeViewState((e) => {
        // A hidden webview is discarded (no retainContextWhenHidden); it says `ready` when back.
        if (!e.webviewPanel.visible) this.ready = false;
        if (e.webviewPanel.active) hooks.activated(this);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = this.html(settings);
    // The document's options (strata.config.json, the settings), if diagnostics have not looked
    // them up yet: the cache fires onDidChangeOptions when they differ from what was drawn.
    void this.analyses.resolveOptions(document);
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  get key(): string {
    return this.document.uri.toString();
  }

  get probe(): PanelProbe {
    const c = this.comparison;
    return {
      lastPostedVersion: this.lastPostedVersion,
      lastRendered: this.lastRendered,
      lastHighlight: this.lastHighlight,
      drawnIds: this.drawnIds,
      compare: c ? { base: c.base.label, active: c.active, offered: c.offered } : undefined,
      marked: this.lastMarked,
    };
  }

  /** The page, with fresh nonces each time it is built. */
  private html(settings: PreviewSettings): string {
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', name)).toString();
    return buildPreviewHtml({
      cspSource: webview.cspSource,
      nonces: { script: makeNonce(), style: makeNonce() },
      scriptUri: asset('preview.js'),
      styleUri: asset('preview.css'),
      mermaidUri: asset('mermaidView.js'),
      themeChoice: settings.theme,
      showLinks: settings.showLinks,
    });
  }

  private setTitle(): void {
    this.panel.title = `Preview ${fileName(this.document.uri)}`;
  }

  /** Shows another document in this panel (following the active editor). */
  retarget(document: vscode.TextDocument): void {
    if (document.uri.toString() === this.key) return;
    this.document = document;
    this.comparison = undefined;
    this.folded.clear();
    this.unfolded.clear();
    this.lastGood = undefined;
    this.hasDiagram = false;
    this.lastHighlight = undefined;
    this.lastPostedVersion = undefined;
    this.setTitle();
    void this.analyses.resolveOptions(document);
    this.renderNow();
  }

  private comparisonOptions(): ComparisonOptions {
    return { theme: this.theme, options: this.analyses.optionsOf(this.document), file: fileName(this.document.uri) };
  }

  /** Shows the change from `base` to the document (diff mode), until the user turns it off. */
  compareWith(base: CompareBase): void {
    this.comparison = { base, active: true, offered: false };
    this.hasDiagram = false;
    this.renderNow(true);
  }

  /**
   * The document is open in a diff editor against `base` (undefined: no longer): the preview
   * offers the change. A comparison the user asked for ("Compare with…") is left alone.
   */
  offerComparison(base: CompareBase | undefined): void {
    const now = this.comparison;
    if (now && !now.offered) return;
    if (!base) {
      if (!now) return;
      this.comparison = undefined;
    } else {
      if (now && now.base.label === base.label && now.base.kind === base.kind && sameBase(now.base, base)) return;
      this.comparison = { base, active: now?.active ?? false, offered: true };
    }
    this.renderNow(true);
  }

  /** The document changed: render again after the debounce, for whatever version is newest then. */
  documentChanged(document: vscode.TextDocument): void {
    this.document = document;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.renderNow();
    }, readPreviewSettings(document.uri).debounceMs);
  }

  /** Something this preview shows changed elsewhere (another file of its project, the config): redraw after the debounce. */
  refresh(): void {
    this.documentChanged(this.document);
  }

  /**
   * The analysis of the document's current version, with the document's options, from the one
   * analysis cache the editor features share (the panel keeps none of its own). For a file of a
   * project it is the file's view of the project's analysis, which changes when another file of
   * the project does: asked of the cache each time (it answers at once when nothing changed).
   */
  private analysis(): Analysis {
    return this.analyses.getAnalysis(this.document);
  }

  /** What the diagram shows: the current version, or the last one without syntax errors. */
  private shownAnalysis(): Analysis {
    const current = this.analysis();
    if (!firstSyntaxError(current)) return current;
    return this.lastGood?.uri === this.key ? this.lastGood.analysis : current;
  }

  private renderNow(forceDiagram = false): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.disposed || !this.ready) return;
    const snapshot = buildSnapshot({
      uri: this.key,
      title: fileName(this.document.uri),
      version: this.document.version,
      analysis: this.analysis(),
      lastGood: this.lastGood?.uri === this.key ? this.lastGood.analysis : undefined,
      webviewHasDiagram: this.hasDiagram,
      forceDiagram,
      theme: this.theme,
      showLinks: this.showLinks,
      folded: this.folded,
      unfolded: this.unfolded,
      maxNodes: readPreviewSettings(this.document.uri).maxNodes,
      mermaid: this.view === 'mermaid',
      stats: this.view === 'stats',
    });
    if (snapshot.renderError !== undefined) {
      const e = snapshot.renderError;
      this.log.error(`drawing ${this.key} v${this.document.version} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
    this.lastGood = snapshot.lastGood ? { uri: this.key, analysis: snapshot.lastGood } : undefined;
    if (this.comparison) {
      const rendering = applyComparison(snapshot.message, snapshot.drawn, this.comparison, this.bases, this.comparisonOptions());
      this.comparedBase = rendering?.base;
      if (snapshot.message.compare?.error !== undefined) this.log.error(`comparing ${this.key} with ${this.comparison.base.label}: ${snapshot.message.compare.error}`);
    } else this.comparedBase = undefined;
    if (snapshot.message.svg !== undefined) this.drawnIds = snapshot.drawn.model.nodes.flatMap((n) => (n.id !== undefined ? [n.id] : []));
    this.post(snapshot.message);
    if (snapshot.message.svg !== undefined) this.hasDiagram = true;
    this.lastPostedVersion = snapshot.message.version;
    this.refreshHighlight();
  }

  private post(message: ToWebviewMessage): void {
    void this.panel.webview.postMessage(message).then(undefined, (e: unknown) => this.log.warn(`posting to the preview failed: ${String(e)}`));
  }

  /** Highlights the innermost node at `position` (the editor's cursor) in the diagram. */
  cursorMoved(document: vscode.TextDocument, position: vscode.Position): void {
    if (document.uri.toString() !== this.key || !this.ready) return;
    if (!readPreviewSettings(document.uri).highlightCursor) return;
    // Positions of an unrendered version would point into stale offsets; the next render
    // highlights again from the editor's cursor.
    if (this.lastPostedVersion !== document.version) return;
    const analysis = this.analysis();
    const id = innermostNodeId(analysis, analysis.lines.offsetAt({ line: position.line, character: position.character }));
    if (id === this.lastHighlight) return;
    this.lastHighlight = id;
    this.post({ type: 'highlight', id });
  }

  private refreshHighlight(): void {
    const mine = (e: vscode.TextEditor | undefined) => e !== undefined && e.document.uri.toString() === this.key;
    const active = vscode.window.activeTextEditor;
    const editor = mine(active) ? active : vscode.window.visibleTextEditors.find(mine);
    if (editor) this.cursorMoved(editor.document, editor.selection.active);
  }

  /** Validates and handles a message from the webview; anything invalid is logged and dropped. */
  async handleMessage(raw: unknown): Promise<void> {
    const message = parseMessage(fromWebviewMessage, raw);
    if (!message) {
      const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : typeof raw;
      this.log.warn(`ignored an invalid message from the preview (${type})`);
      return;
    }
    try {
      await this.dispatch(message);
    } catch (e) {
      this.log.error(`handling ${message.type} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  private async dispatch(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.view = message.view;
        this.theme = message.theme;
        this.showLinks = message.showLinks;
        this.ready = true;
        this.hasDiagram = false;
        this.lastHighlight = undefined;
        this.renderNow();
        return;
      case 'options': {
        // The mermaid text and the stats are computed only for their views: render when one opens.
        const needsRender = message.showLinks !== this.showLinks || (message.view !== this.view && (message.view === 'mermaid' || message.view === 'stats'));
        const linksChanged = message.showLinks !== this.showLinks;
        this.view = message.view;
        // The webview swaps the theme class itself; the theme matters for later renders and exports.
        this.theme = message.theme;
        this.showLinks = message.showLinks;
        if (needsRender) this.renderNow(linksChanged);
        return;
      }
      case 'reveal':
        await this.revealId(message.id);
        return;
      case 'revealSpan':
        await this.revealSpan(message.start, message.end);
        return;
      case 'fold':
        if (message.folded) {
          this.folded.add(message.id);
          this.unfolded.delete(message.id);
        } else {
          this.folded.delete(message.id);
          this.unfolded.add(message.id);
        }
        this.renderNow(true);
        return;
      case 'exportSvg':
        await this.exportSvg();
        return;
      case 'exportPng':
        await this.exportPng(message.data);
        return;
      case 'copyMermaid':
        await this.copyMermaid();
        return;
      case 'rendered':
        this.lastRendered = { version: message.version, elements: message.elements };
        this.lastMarked = message.marked;
        return;
      case 'compare':
        if (!this.comparison || this.comparison.active === message.on) return;
        // Turning off a comparison the user asked for ends it; an offered one stays offered.
        if (!message.on && !this.comparison.offered) this.comparison = undefined;
        else this.comparison.active = message.on;
        this.hasDiagram = false;
        this.renderNow(true);
        return;
      case 'log':
        this.log[message.level](`webview: ${message.message}`);
        return;
    }
  }

  private async revealId(id: string): Promise<void> {
    const analysis = this.analysis();
    const node = analysis.model.byId.get(id) ?? this.lastGood?.analysis.model.byId.get(id);
    if (!node) {
      // A node the change removed: it is only in the base, there is nothing to reveal here.
      if (this.comparison?.active && this.comparedBase?.model.byId.has(id)) {
        void vscode.window.showInformationMessage(`Strata: '${id}' was removed; it is only in ${this.comparison.base.label}.`);
        return;
      }
      this.log.info(`reveal: no node ${JSON.stringify(id)} in ${this.key}`);
      return;
    }
    // A node only in the last good version (the text has errors now): its offsets may have
    // moved a little; revealSpan clamps them to the current text.
    const span = nodeNameSpan(node);
    const file = nodeFile(node);
    if (file !== undefined && file !== this.key) {
      // Declared in another file of the project: go there.
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(file));
      const other = analysis.project?.fileAnalysis(file);
      const range = (other ?? analysis).lines.rangeOf(span);
      const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      const editor = await vscode.window.showTextDocument(document, { viewColumn: this.editorColumn(), preserveFocus: false, preview: false, selection });
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return;
    }
    await this.revealSpan(span.start, span.end);
  }

  /** The editor column beside the preview: where this document is shown, else the other one. */
  private editorColumn(): vscode.ViewColumn {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.key);
    return visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  }

  private async revealSpan(start: number, end: number): Promise<void> {
    const analysis = this.analysis();
    const length = analysis.text.length;
    const a = Math.min(Math.max(0, start), length);
    const b = Math.min(Math.max(a, end), length);
    const range = analysis.lines.rangeOf({ start: a, end: b });
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: this.editorColumn(), preserveFocus: false, preview: false, selection });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private defaultExportUri(extension: string): vscode.Uri | undefined {
    const uri = this.document.uri;
    if (uri.scheme === 'untitled') return vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, `diagram.${extension}`) : undefined;
    const base = fileName(uri).replace(/\.strata$/i, '');
    return vscode.Uri.joinPath(uri, '..', `${base}.${extension}`);
  }

  private async save(data: Uint8Array, extension: 'svg' | 'png', what: string): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      defaultUri: this.defaultExportUri(extension),
      filters: { [extension.toUpperCase()]: [extension] },
      saveLabel: `Export ${extension.toUpperCase()}`,
      title: `Export ${what}`,
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, data);
    vscode.window.setStatusBarMessage(`Strata: saved ${fileName(target)}`, 4000);
  }

  /** The standalone SVG (its own stylesheet, the current theme and options): in diff mode, the diff picture. */
  exportableSvg(): string {
    if (this.comparison?.active) {
      const shown = this.shownAnalysis();
      const drawn = shown.project ? shown.project.whole(shown.file) : shown;
      return drawComparison(drawn, this.comparison.base, this.bases, this.comparisonOptions()).svg;
    }
    return layersSvg(this.shownAnalysis(), {
      theme: this.theme,
      showLinks: this.showLinks,
      folded: this.folded,
      unfolded: this.unfolded,
      maxNodes: readPreviewSettings(this.document.uri).maxNodes,
    });
  }

  private async exportSvg(): Promise<void> {
    await this.save(new TextEncoder().encode(this.exportableSvg()), 'svg', 'the layered diagram as SVG');
  }

  private async exportPng(base64: string): Promise<void> {
    const data = typeof base64 === 'string' ? fromBase64(base64) : undefined;
    if (!data || data.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => data[i] !== b)) {
      this.log.warn('exportPng: the webview sent something that is not a PNG; ignored');
      return;
    }
    await this.save(data, 'png', 'the layered diagram as PNG');
  }

  private async copyMermaid(): Promise<void> {
    const result = mermaidPayloadOf(this.shownAnalysis());
    if (!result.text) {
      void vscode.window.showWarningMessage(`Strata: no mermaid text to copy${result.error ? `: ${result.error}` : '.'}`);
      return;
    }
    await vscode.env.clipboard.writeText(result.text);
    vscode.window.setStatusBarMessage(result.truncated ? 'Strata: mermaid text copied (a summary: the model is large)' : 'Strata: mermaid text copied', 4000);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.hooks.disposed(this);
    this.panel.dispose();
  }
}

function sameBase(a: CompareBase, b: CompareBase): boolean {
  if (a.kind === 'replace' && b.kind === 'replace') return a.file === b.file && a.text === b.text;
  if (a.kind === 'files' && b.kind === 'files') return a.project === b.project && a.files.size === b.files.size && [...a.files].every(([f, t]) => b.files.get(f) === t);
  return false;
}
