// The mermaid bundle (dist/webview/mermaidView.js): loaded by the preview only when the Mermaid
// view is first opened, into a frame of its own (see `loadMermaid` in main.ts), so the preview
// itself stays small and nothing on the preview's page changes while mermaid works. Registers one
// function on the frame's window: render mermaid text to an SVG string, parsing first so that a
// bad diagram yields a message, never a blank view. Mermaid runs in its strict mode with SVG (not
// HTML) labels.
import mermaid from 'mermaid';
import type { Theme } from '../shared/previewProtocol';
import { prepareStyles } from './svgInsert';
import { MERMAID_FRAME_ID } from './nonces';

export interface MermaidRenderResult {
  readonly svg?: string;
  readonly error?: string;
}

export interface StrataMermaid {
  render(text: string, theme: Theme): Promise<MermaidRenderResult>;
}

declare global {
  interface Window {
    strataMermaid?: StrataMermaid;
    /** The preview's style nonce, handed over by the preview before this script loads. */
    strataStyleNonce?: string;
  }
}

/** The preview's style nonce (never the script nonce: that one only starts scripts). */
const NONCE = window.strataStyleNonce ?? '';

let configuredTheme: Theme | undefined;
let counter = 0;

function configure(theme: Theme): void {
  if (configuredTheme === theme) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    htmlLabels: false,
    // Fixed size (not width="100%"): the view zooms and pans it like the layered diagram.
    flowchart: { htmlLabels: false, useMaxWidth: false },
    theme: theme === 'light' ? 'default' : 'dark',
    // Our generator keeps below these; they stop a pathological text from hanging the page.
    maxTextSize: 2_000_000,
    maxEdges: 20_000,
  });
  configuredTheme = theme;
}

function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'str' in e && typeof (e as { str: unknown }).str === 'string') return (e as { str: string }).str;
  return String(e);
}

/**
 * Mermaid lays out its diagram in a hidden element of its document, measuring text styled by a
 * `<style>` element and `style` attributes it creates. The frame has the preview's CSP (no
 * 'unsafe-inline'), which blocks both, so labels would be measured in the wrong font and
 * overflow their boxes. This frame runs nothing but mermaid, so its own realm is arranged for it,
 * once: `<style>` elements get the style nonce (their rules come from mermaid's theme and our
 * generated text, which holds no user-written styles: see src/core/render/mermaid.ts), and
 * `style` attributes go through the CSSOM (`element.style.cssText`), which the CSP does not
 * govern and which cannot run script; mermaid's sanitizer (DOMPurify) parses the finished SVG in
 * an inert document that shares the policy, prepared the same way as the preview prepares it.
 * These are the frame's own prototypes: the preview's page, its elements and its parser are not
 * touched, and the policy itself is unchanged (no 'unsafe-inline', no 'unsafe-eval').
 */
function prepareRealm(): void {
  const setAttribute = Element.prototype.setAttribute;
  const createElement = Document.prototype.createElement;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string): void {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = String(value);
      return;
    }
    setAttribute.call(this, name, value);
  };
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions): HTMLElement {
    const el = createElement.call(this, tagName, options);
    if (el instanceof HTMLStyleElement) el.nonce = NONCE;
    return el;
  } as typeof Document.prototype.createElement;
  const parseFromString = DOMParser.prototype.parseFromString;
  // (DOMPurify passes a TrustedHTML where the browser has Trusted Types; this page does not
  // require them, so its string is as good.)
  DOMParser.prototype.parseFromString = function (this: DOMParser, markup: string, type: DOMParserSupportedType): Document {
    return parseFromString.call(this, prepareStyles(String(markup), NONCE), type);
  };
}

async function render(text: string, theme: Theme): Promise<MermaidRenderResult> {
  configure(theme);
  try {
    await mermaid.parse(text);
  } catch (e) {
    return { error: message(e) };
  }
  const id = `strata-mermaid-${++counter}`;
  try {
    const { svg } = await mermaid.render(id, text);
    return { svg };
  } catch (e) {
    return { error: message(e) };
  } finally {
    // mermaid measures in a temporary element; on failure it may stay behind.
    document.getElementById(`d${id}`)?.remove();
    document.getElementById(id)?.remove();
  }
}

// Only in the frame made for mermaid (never on the preview's own page).
if (window.parent !== window && window.frameElement?.id === MERMAID_FRAME_ID) {
  prepareRealm();
  window.strataMermaid = { render };
}
