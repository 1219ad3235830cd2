// The preview webview's program (dist/webview/preview.js). It shows what the extension sends:
// the layered SVG (kept, with its zoom and pan, until a newer good one arrives: never blank), an
// error banner, the findings, the stats, and, loaded on demand, the mermaid view. It reports
// clicks (reveal a node or a finding), the user's view, theme and toggles, and PNG exports.
// Every message it receives is validated (src/shared/previewProtocol.ts); anything else is ignored and logged.
import {
  THEMES,
  THEME_CHOICES,
  VIEWS,
  MAX_REPORTED_MARKS,
  parseMessage,
  previewState,
  toWebviewMessage,
  type FindingItem,
  type FromWebviewMessage,
  type MermaidPayload,
  type PreviewState,
  type Theme,
  type ThemeChoice,
  type UpdateMessage,
  type View,
  type ZoomState,
} from '../shared/previewProtocol';
import { PanZoom, ZOOM_STEP } from './panZoom';
import { parseSvg, showSvg } from './svgInsert';
import { MERMAID_FRAME_ID, pageStyleNonce } from './nonces';
import { renderFindings } from './findingsView';
import { renderStats } from './statsView';
import { createCompareBar } from './compareBar';
import { svgToPngBase64 } from './png';
import type { StrataMermaid } from './mermaidView';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
/** This page's script nonce: given to the lazily loaded mermaid script only. */
const SCRIPT_NONCE = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
/** This page's style nonce: given to the diagram's own <style> only. */
const STYLE_NONCE = pageStyleNonce();

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`preview: #${id} is missing`);
  return el as T;
}

function post(message: FromWebviewMessage): void {
  vscode.postMessage(message);
}

function log(level: 'info' | 'warn' | 'error', message: string): void {
  post({ type: 'log', level, message: message.slice(0, 4000) });
}

// ---------------------------------------------------------------------------------------------
// State: restored from the previous incarnation of this webview when there is one.

const saved = parseMessage(previewState, vscode.getState());
const body = document.body;
const initialChoice = body.dataset.themeChoice as ThemeChoice | undefined;

let uri: string | undefined = saved?.uri;
let view: View = saved?.view ?? 'layers';
let themeChoice: ThemeChoice = saved?.themeChoice ?? (initialChoice && THEME_CHOICES.includes(initialChoice) ? initialChoice : 'auto');
let showLinks: boolean = saved?.showLinks ?? body.dataset.showLinks !== 'false';
let last: UpdateMessage | undefined;
let highlightId: string | null = null;
let layersSvg: SVGSVGElement | undefined;
/** False until the first diagram was fitted to the window (a restored panel keeps its zoom). */
let fitted = saved?.zoom !== undefined;

let persistTimer: ReturnType<typeof setTimeout> | undefined;
function persist(): void {
  if (persistTimer !== undefined) return;
  persistTimer = setTimeout(() => {
    persistTimer = undefined;
    if (uri === undefined) return;
    const state: PreviewState = { uri, view, themeChoice, showLinks, zoom: fitted ? layersZoom.current : undefined };
    vscode.setState(state);
  }, 100);
}

// ---------------------------------------------------------------------------------------------
// Theme: VS Code's body class unless the user picked one.

function vscodeTheme(): Theme {
  const c = body.classList;
  if (c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

function effectiveTheme(): Theme {
  return themeChoice === 'auto' ? vscodeTheme() : themeChoice;
}

let appliedTheme: Theme | undefined;
/** Swaps the diagrams' theme class (their stylesheets hold every theme: no new rendering needed). */
function applyTheme(): void {
  const theme = effectiveTheme();
  body.dataset.theme = theme;
  for (const svg of document.querySelectorAll<SVGSVGElement>('#layers-canvas > svg')) setThemeClass(svg, theme);
  if (appliedTheme !== undefined && appliedTheme !== theme) {
    postOptions();
    void refreshMermaid();
  }
  appliedTheme = theme;
}

function setThemeClass(svg: SVGSVGElement, theme: Theme): void {
  for (const t of THEMES) svg.classList.remove(`theme-${t}`);
  svg.classList.add(`theme-${theme}`);
}

new MutationObserver(() => {
  if (themeChoice === 'auto') applyTheme();
}).observe(body, { attributes: true, attributeFilter: ['class'] });

function postOptions(): void {
  post({ type: 'options', view, theme: effectiveTheme(), showLinks });
  persist();
}

// ---------------------------------------------------------------------------------------------
// Layers view

const layersViewport = $('view-layers');
const layersCanvas = $('layers-canvas');
const layersPlaceholder = $('layers-placeholder');
const zoomLevel = $('zoom-level');

function showZoom(z: ZoomState): void {
  zoomLevel.textContent = `${Math.round(z.scale * 100)}%`;
}

const layersZoom = new PanZoom(layersViewport, layersCanvas, (z) => {
  if (view === 'layers') showZoom(z);
  persist();
});
if (saved?.zoom) layersZoom.set(saved.zoom);

function showLayers(message: UpdateMessage): void {
  if (message.svg === undefined) return; // a version with syntax errors: keep the last good diagram
  const parsed = parseSvg(message.svg, STYLE_NONCE);
  if (!parsed) {
    log('error', `version ${message.version}: the diagram is not well-formed SVG; keeping the previous one`);
    return;
  }
  if (parsed.removed > 0) log('warn', `version ${message.version}: removed ${parsed.removed} unsafe elements or attributes from the diagram`);
  setThemeClass(parsed.svg, effectiveTheme());
  showSvg(layersCanvas, parsed.svg);
  layersSvg = parsed.svg;
  layersPlaceholder.hidden = true;
  applyHighlight(false);
  if (!fitted && view === 'layers') {
    layersZoom.fit();
    fitted = true;
  }
  post({ type: 'rendered', version: message.version, elements: layersCanvas.querySelectorAll('[data-id]').length, ...(message.compare?.active ? { marked: markedNodes() } : {}) });
}

/** The nodes the diff picture shows marked, as `mark:id`, in drawing order (diff mode). */
function markedNodes(): string[] {
  const out: string[] = [];
  for (const g of Array.from(layersCanvas.querySelectorAll('g.node[data-id]'))) {
    const mark = ['added', 'removed', 'moved', 'changed', 'ghost'].find((m) => g.classList.contains(`d-${m}`));
    if (mark && out.length < MAX_REPORTED_MARKS) out.push(`${mark}:${g.getAttribute('data-id')}`);
  }
  return out;
}

function applyHighlight(scroll: boolean): void {
  for (const el of Array.from(layersCanvas.querySelectorAll('.hl'))) el.classList.remove('hl');
  if (highlightId === null) return;
  // The node's own group (its frame and bars); other elements with the id (badges, the kernel
  // outline) keep their look.
  const selector = `[data-id="${CSS.escape(highlightId)}"]`;
  let targets = layersCanvas.querySelectorAll(`g.node${selector}`);
  if (targets.length === 0) targets = layersCanvas.querySelectorAll(selector);
  for (const el of Array.from(targets)) el.classList.add('hl');
  if (scroll && targets.length > 0 && view === 'layers') layersZoom.ensureVisible(targets[0].getBoundingClientRect());
}

// A click reveals the element's source; on a "+N …" summary it unfolds it; Alt+click folds.
layersCanvas.addEventListener('click', (e) => {
  if (!(e.target instanceof Element)) return;
  const summary = e.target.closest('[data-collapsed="true"][data-id]');
  const target = summary ?? e.target.closest('[data-id]');
  const id = target?.getAttribute('data-id');
  if (!id) return;
  if (summary) post({ type: 'fold', id, folded: false });
  else if (e.altKey) post({ type: 'fold', id, folded: true });
  else post({ type: 'reveal', id });
});

// ---------------------------------------------------------------------------------------------
// Mermaid view: mermaid is a separate bundle, loaded the first time this view opens.

const mermaidViewport = $('view-mermaid');
const mermaidCanvas = $('mermaid-canvas');
const mermaidNote = $('mermaid-note');
const mermaidZoom = new PanZoom(mermaidViewport, mermaidCanvas, (z) => {
  if (view === 'mermaid') showZoom(z);
});
let mermaidPayload: MermaidPayload | undefined;
let mermaidShown: string | undefined;
let mermaidFitted = false;
let mermaidBusy = false;
let mermaidAgain = false;
let mermaidLoader: Promise<StrataMermaid> | undefined;

/**
 * Loads mermaid into a frame of its own: an empty same-origin frame (no src, so nothing is
 * fetched for it and it has this page's policy), laid out but out of sight, that runs the mermaid
 * bundle (by the script nonce) and nothing else. What mermaid needs to lay out text under the CSP
 * is arranged in that frame's realm (see mermaidView.ts), so this page's prototypes and parser
 * never change, not even while a diagram renders. The result comes back as a string and is
 * cleaned by `parseSvg` like any other SVG.
 */
function loadMermaid(): Promise<StrataMermaid> {
  mermaidLoader ??= new Promise<StrataMermaid>((resolve, reject) => {
    const src = body.dataset.mermaidSrc;
    if (!src) return reject(new Error('no mermaid bundle'));
    const frame = document.createElement('iframe');
    frame.id = MERMAID_FRAME_ID;
    frame.title = 'mermaid layout';
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    // Through the CSSOM (the CSP forbids style attributes): mermaid measures text, so the frame is
    // laid out, but it is never seen.
    Object.assign(frame.style, { position: 'absolute', left: '-100000px', top: '0', width: '4000px', height: '4000px', border: '0', visibility: 'hidden' });
    document.body.appendChild(frame);
    const win = frame.contentWindow;
    const doc = frame.contentDocument;
    if (!win || !doc) return reject(new Error('no frame for mermaid'));
    win.strataStyleNonce = STYLE_NONCE;
    const script = doc.createElement('script');
    script.nonce = SCRIPT_NONCE;
    script.src = src;
    script.onload = () => (win.strataMermaid ? resolve(win.strataMermaid) : reject(new Error('the mermaid bundle did not register')));
    script.onerror = () => reject(new Error('the mermaid bundle could not be loaded'));
    doc.head.appendChild(script);
  }).catch((e: unknown) => {
    mermaidLoader = undefined;
    document.getElementById(MERMAID_FRAME_ID)?.remove();
    throw e;
  });
  return mermaidLoader;
}

function setMermaidNote(text: string, kind: 'info' | 'error'): void {
  mermaidNote.textContent = text;
  mermaidNote.className = `note ${kind}`;
  mermaidNote.hidden = text === '';
}

async function refreshMermaid(): Promise<void> {
  const payload = mermaidPayload;
  if (view !== 'mermaid' || !payload) return;
  const theme = effectiveTheme();
  const key = `${theme}\n${payload.text}`;
  if (key === mermaidShown) return;
  if (mermaidBusy) {
    mermaidAgain = true;
    return;
  }
  mermaidBusy = true;
  try {
    const notes: string[] = [];
    if (payload.error) notes.push(payload.error);
    else if (payload.truncated) notes.push(`This model has ${payload.nodeCount} nodes, more than mermaid draws well: only a summary is shown. The Layers view shows everything.`);
    if (!payload.text.trim()) {
      setMermaidNote(notes.join(' ') || 'Nothing to draw.', 'info');
      mermaidShown = key;
      return;
    }
    if (!mermaidCanvas.firstElementChild) setMermaidNote('Loading mermaid…', 'info');
    const api = await loadMermaid();
    const result = await api.render(payload.text, theme);
    const parsed = result.svg !== undefined ? parseSvg(result.svg, STYLE_NONCE) : undefined;
    if (parsed) {
      showSvg(mermaidCanvas, parsed.svg);
      if (!mermaidFitted) {
        mermaidZoom.fit();
        mermaidFitted = true;
      }
      setMermaidNote(notes.join(' '), 'info');
    } else {
      // Never blank: the last mermaid diagram (if any) stays, with the reason it was not redrawn.
      const reason = result.error ?? 'mermaid returned no diagram';
      setMermaidNote(`Mermaid could not draw this model: ${reason}`, 'error');
      log('warn', `mermaid: ${reason}`);
    }
    mermaidShown = key;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    setMermaidNote(`Mermaid could not be loaded: ${reason}`, 'error');
    log('error', `mermaid: ${reason}`);
  } finally {
    mermaidBusy = false;
    if (mermaidAgain) {
      mermaidAgain = false;
      void refreshMermaid();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Findings and stats views (rendered when shown)

const findingsList = $('findings-list');
const findingsEmpty = $('findings-empty');
const findingCount = $('finding-count');
const statsContent = $('stats-content');
let findingsDirty = true;
let statsDirty = true;

function revealFinding(f: FindingItem): void {
  post({ type: 'revealSpan', start: f.start, end: f.end });
}

function refreshSideViews(): void {
  if (view === 'findings' && findingsDirty && last) {
    renderFindings(findingsList, findingsEmpty, last.findings, last.findingCount, revealFinding);
    findingsDirty = false;
  }
  if (view === 'stats' && statsDirty) {
    renderStats(statsContent, last?.stats);
    statsDirty = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Banner: the first syntax error, over the last good diagram.

const banner = $('banner');
const bannerText = $<HTMLButtonElement>('banner-reveal');
let bannerSpan: { start: number; end: number } | undefined;

function showBanner(message: UpdateMessage): void {
  const error = message.error;
  if (!error) {
    banner.hidden = true;
    bannerSpan = undefined;
    return;
  }
  const kept = message.svg === undefined && layersSvg !== undefined ? ' The diagram shows the last version without syntax errors.' : '';
  bannerText.textContent = `Syntax error on line ${error.line}, column ${error.column}: ${error.message}.${kept}`;
  bannerSpan = { start: error.start, end: error.end };
  banner.hidden = false;
}

bannerText.addEventListener('click', () => {
  if (bannerSpan) post({ type: 'revealSpan', ...bannerSpan });
});

// ---------------------------------------------------------------------------------------------
// Diff mode: the bar that says what the document is compared with

const compareBar = createCompareBar($('compare-bar'), $('compare-text'), $<HTMLButtonElement>('compare-toggle'), (on) => post({ type: 'compare', on }));

// ---------------------------------------------------------------------------------------------
// Toolbar

const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('.tabs [data-view]'));
const sections = Array.from(document.querySelectorAll<HTMLElement>('main > .view'));
/** Toolbar groups that apply to some views only (`data-for`: the views). */
const viewGroups = Array.from(document.querySelectorAll<HTMLElement>('.toolbar [data-for]'));

function setView(next: View, notify: boolean): void {
  view = next;
  for (const tab of tabs) tab.setAttribute('aria-selected', String(tab.dataset.view === next));
  for (const section of sections) section.hidden = section.dataset.view !== next;
  for (const group of viewGroups) group.hidden = !(group.dataset.for ?? '').split(' ').includes(next);
  showZoom(next === 'mermaid' ? mermaidZoom.current : layersZoom.current);
  if (next === 'layers' && !fitted && layersSvg) {
    layersZoom.fit();
    fitted = true;
  }
  refreshSideViews();
  void refreshMermaid();
  if (notify) postOptions();
}

for (const tab of tabs) {
  tab.addEventListener('click', () => {
    const next = tab.dataset.view as View;
    if (VIEWS.includes(next) && next !== view) setView(next, true);
  });
}

function activeZoom(): PanZoom {
  return view === 'mermaid' ? mermaidZoom : layersZoom;
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-zoom]')) {
  button.addEventListener('click', () => {
    const z = activeZoom();
    switch (button.dataset.zoom) {
      case 'in':
        z.zoomBy(ZOOM_STEP);
        break;
      case 'out':
        z.zoomBy(1 / ZOOM_STEP);
        break;
      case 'fit':
        z.fit();
        break;
      case 'reset':
        z.reset();
        break;
    }
    if (view === 'layers') fitted = true;
  });
}

const linksToggle = $<HTMLInputElement>('show-links');
linksToggle.checked = showLinks;
linksToggle.addEventListener('change', () => {
  showLinks = linksToggle.checked;
  postOptions();
});

const themeSelect = $<HTMLSelectElement>('theme-choice');
themeSelect.value = themeChoice;
themeSelect.addEventListener('change', () => {
  const next = themeSelect.value as ThemeChoice;
  if (!THEME_CHOICES.includes(next)) return;
  themeChoice = next;
  persist();
  applyTheme();
});

$('export-svg').addEventListener('click', () => post({ type: 'exportSvg' }));
$('copy-mermaid').addEventListener('click', () => post({ type: 'copyMermaid' }));
$('export-png').addEventListener('click', () => {
  if (!layersSvg) return;
  svgToPngBase64(layersSvg).then(
    (data) => post({ type: 'exportPng', data }),
    (e: unknown) => log('error', `PNG export failed: ${e instanceof Error ? e.message : String(e)}`),
  );
});

// ---------------------------------------------------------------------------------------------
// Messages from the extension

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseMessage(toWebviewMessage, event.data);
  if (!message) {
    const type = typeof event.data === 'object' && event.data !== null && 'type' in event.data ? String((event.data as { type: unknown }).type).slice(0, 40) : typeof event.data;
    log('warn', `ignored an invalid message (${type})`);
    return;
  }
  switch (message.type) {
    case 'update':
      onUpdate(message);
      break;
    case 'highlight':
      highlightId = message.id;
      applyHighlight(true);
      break;
  }
});

function onUpdate(message: UpdateMessage): void {
  if (last && message.uri === last.uri && message.version < last.version) return; // out of order: older than what is shown
  if (last && message.uri !== last.uri) {
    // The panel now follows another document: its own zoom starts afresh.
    fitted = false;
    mermaidFitted = false;
  }
  // The diff picture and the model's diagram differ in size: fit the one that comes in.
  if (message.svg !== undefined && (last?.compare?.active ?? false) !== (message.compare?.active ?? false)) fitted = false;
  last = message;
  uri = message.uri;
  document.title = message.title;
  showLayers(message);
  showBanner(message);
  compareBar.show(message.compare);
  if (!layersSvg) layersPlaceholder.textContent = message.error ? 'Nothing to show yet: fix the syntax error above.' : 'Nothing to show yet.';
  findingCount.textContent = message.findingCount > 0 ? String(message.findingCount) : '';
  findingsDirty = true;
  statsDirty = true;
  refreshSideViews();
  if (message.mermaid) mermaidPayload = message.mermaid;
  void refreshMermaid();
  persist();
}

// ---------------------------------------------------------------------------------------------
// Start

applyTheme();
themeSelect.value = themeChoice;
setView(view, false);
post({ type: 'ready', view, theme: effectiveTheme(), showLinks });
