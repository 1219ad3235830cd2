// Builds the preview's HTML page: the one place its Content-Security-Policy is written. Used by
// the extension for every (re)load of a panel and by the browser tests, so the tests run the real
// page under the real policy. Pure string building: no DOM, no vscode, no Node.
import { THEME_CHOICES, type ThemeChoice } from '../shared/previewProtocol';

export interface PreviewHtmlOptions {
  /** `webview.cspSource`: the origin the webview loads its own resources from. */
  readonly cspSource: string;
  /** Fresh random nonces for this page (see `isNonce`): one for scripts, another for styles. */
  readonly nonces: PageNonces;
  /** URIs (as strings) of the bundles in dist/webview, from `webview.asWebviewUri`. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly mermaidUri: string;
  /** Initial theme choice and links toggle of a new panel (settings); a restored panel keeps its own. */
  readonly themeChoice?: ThemeChoice;
  readonly showLinks?: boolean;
}

/**
 * The page's two nonces: one lets scripts run, the other lets stylesheets apply, so a nonce that
 * reaches a `<style>` (the webview gives it to the diagram's stylesheet) cannot start a script.
 */
export interface PageNonces {
  readonly script: string;
  readonly style: string;
}

/** A nonce is 16 to 64 base64url characters (at least 96 bits of randomness). */
export function isNonce(nonce: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(nonce);
}

/**
 * The policy of the preview page. Nothing is allowed by default; scripts only with this page's
 * script nonce (the preview bundle and, lazily, the mermaid bundle; no inline script, no `eval`,
 * no event-handler attributes); styles from the extension's own files or a `<style>` element that
 * carries the style nonce (the diagram's embedded stylesheet and mermaid's, which the webview
 * marks after checking where they come from); images only from the extension, `data:` and `blob:`
 * (the PNG export draws the SVG through a blob: URL); no `connect-src`, so no fetch at all; no
 * `<base>` (`base-uri 'none'`: relative URLs cannot be redirected) and no form submission
 * (`form-action 'none'`), neither of which `default-src` covers.
 */
export function previewCsp(cspSource: string, nonces: PageNonces): string {
  if (!isNonce(nonces.script) || !isNonce(nonces.style)) throw new Error('previewCsp: each nonce must be 16-64 base64url characters');
  if (nonces.script === nonces.style) throw new Error('previewCsp: the script and style nonces must differ');
  // `webview.cspSource` is one source in desktop VS Code but a space-separated list in web
  // extension hosts: `'self' https://*.vscode-cdn.net` in code-server's web worker host, with the
  // extension's own https location in front on vscode.dev and github.dev. Each must be a plain
  // source expression or the keyword 'self'.
  const sources = cspSource.trim().split(/[ \t]+/);
  if (sources[0] === '' || sources.some((s) => s !== "'self'" && /[;,'"\s]/.test(s))) throw new Error('previewCsp: invalid cspSource');
  const src = sources.join(' ');
  return [
    "default-src 'none'",
    `img-src ${src} data: blob:`,
    `style-src ${src} 'nonce-${nonces.style}'`,
    `script-src 'nonce-${nonces.script}'`,
    `font-src ${src}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ') + ';';
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The complete preview page. The content arrives later, by message. */
export function buildPreviewHtml(o: PreviewHtmlOptions): string {
  const csp = previewCsp(o.cspSource, o.nonces);
  const scriptNonce = attr(o.nonces.script);
  const styleNonce = attr(o.nonces.style);
  const themeChoice = o.themeChoice && THEME_CHOICES.includes(o.themeChoice) ? o.themeChoice : 'auto';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}" nonce="${styleNonce}">
<title>Strata preview</title>
</head>
<body data-mermaid-src="${attr(o.mermaidUri)}" data-theme-choice="${themeChoice}" data-show-links="${o.showLinks === false ? 'false' : 'true'}">
<header class="toolbar" role="toolbar" aria-label="Preview">
  <div class="tabs" role="tablist">
    <button type="button" role="tab" data-view="layers" aria-selected="true">Layers</button>
    <button type="button" role="tab" data-view="mermaid" aria-selected="false">Mermaid</button>
    <button type="button" role="tab" data-view="findings" aria-selected="false">Findings <span class="count" id="finding-count"></span></button>
    <button type="button" role="tab" data-view="stats" aria-selected="false">Stats</button>
  </div>
  <div class="group" data-for="layers mermaid">
    <button type="button" data-zoom="out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
    <span class="zoom-level" id="zoom-level" aria-live="polite">100%</span>
    <button type="button" data-zoom="in" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button type="button" data-zoom="fit" title="Fit to window (F)">Fit</button>
    <button type="button" data-zoom="reset" title="Actual size (0)">100%</button>
  </div>
  <div class="group" data-for="layers mermaid">
    <label title="Show links between workloads"><input type="checkbox" id="show-links" checked> Links</label>
    <label>Theme <select id="theme-choice" title="Diagram theme">
      <option value="auto">Follow VS Code</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
      <option value="high-contrast">High contrast</option>
    </select></label>
  </div>
  <div class="group">
    <button type="button" id="export-svg" title="Save the layered diagram as SVG">Export SVG</button>
    <button type="button" id="export-png" title="Save the layered diagram as PNG">Export PNG</button>
    <button type="button" id="copy-mermaid" title="Copy the mermaid text to the clipboard">Copy Mermaid</button>
  </div>
</header>
<div id="banner" class="banner" role="alert" hidden>
  <button type="button" id="banner-reveal" class="banner-text" title="Show in the editor"></button>
</div>
<div id="compare-bar" class="compare-bar" role="status" hidden>
  <span id="compare-text" class="compare-text"></span>
  <button type="button" id="compare-toggle"></button>
</div>
<main>
  <section id="view-layers" class="view viewport" data-view="layers" tabindex="0" aria-label="Layered diagram">
    <div class="canvas" id="layers-canvas"></div>
    <p class="placeholder" id="layers-placeholder">Rendering&#x2026;</p>
  </section>
  <section id="view-mermaid" class="view viewport" data-view="mermaid" tabindex="0" aria-label="Mermaid diagram" hidden>
    <div class="canvas" id="mermaid-canvas"></div>
    <p class="note" id="mermaid-note" hidden></p>
  </section>
  <section id="view-findings" class="view scroll" data-view="findings" hidden>
    <p class="placeholder" id="findings-empty" hidden>No findings.</p>
    <ul class="findings" id="findings-list"></ul>
  </section>
  <section id="view-stats" class="view scroll" data-view="stats" hidden>
    <div id="stats-content"></div>
  </section>
</main>
<script nonce="${scriptNonce}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
