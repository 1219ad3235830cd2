// Puts an SVG string (the layered diagram from the extension, or mermaid's output) into the page
// safely: parsed by the browser in an inert template, then cleaned on the parsed elements (never
// by matching the text): no script, no foreignObject, no element outside SVG, no event
// attributes, no animation that could rewrite a link, no external references; its own
// stylesheet allowed by giving it this page's CSP nonce, and its `style` attributes applied
// through the CSSOM (the CSP forbids inline style attributes). The escaping in the renderers is
// the first defence; this and the CSP are the second and third.

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Elements removed with their content wherever they appear. */
const FORBIDDEN = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'audio', 'video', 'canvas', 'set', 'animate', 'animatemotion', 'animatetransform', 'animatecolor', 'handler', 'listener', 'discard', 'meta', 'link', 'base']);

/** Where a `style` attribute waits, unparsed, until it is applied through the CSSOM. */
const STYLE_ATTRIBUTE = 'data-strata-style';

/** Href-like attributes: only local references (`#id`) and inline images stay. */
const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'data']);

/**
 * Prepares SVG markup for parsing in this page without CSP reports (an inert parsed document,
 * mermaid's sanitizer's included, shares the page's policy): the one stylesheet a renderer writes, right after the root's start
 * tag, gets the nonce (user text is escaped and cannot start an element there; a browser
 * serialises a connected nonce'd element with `nonce=""`), and `style` attributes are renamed to
 * be applied through the CSSOM later (only inside tags: text cannot hold a raw `<`).
 */
export function prepareStyles(markup: string, nonce: string): string {
  const withNonce = markup.replace(/^(\s*(?:<\?xml[^>]*\?>\s*)?<svg\b[^>]*>)<style(?:\s+nonce="[^"]*")?>/, (_, open: string) => `${open}<style nonce="${nonce}">`);
  if (!withNonce.includes('style=')) return withNonce;
  return withNonce.replace(/<[^>]*>/g, (tag) => tag.replace(/(\s)style=("[^"]*"|'[^']*')/g, `$1${STYLE_ATTRIBUTE}=$2`));
}

export interface InsertResult {
  readonly svg: SVGSVGElement;
  /** How many elements and attributes the cleaning removed (0 for the extension's own SVG). */
  readonly removed: number;
}

function safeUrl(value: string, element: string): boolean {
  const v = value.trim();
  if (v.startsWith('#')) return true;
  return element === 'image' && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/i.test(v);
}

/**
 * Parses and cleans `markup`. Returns undefined (and leaves the page alone) when it is not one
 * complete SVG element, so a bad or cut-off update never replaces a good diagram with nothing.
 * Parsed by the HTML parser into an inert template (nothing in it runs or loads), which is
 * faster than the XML parser for the multi-megabyte diagrams of large models.
 */
export function parseSvg(markup: string, nonce: string): InsertResult | undefined {
  if (!/<\/svg>\s*$/.test(markup)) return undefined;
  const template = document.createElement('template');
  template.innerHTML = prepareStyles(markup, nonce);
  const content = template.content;
  const root = content.firstElementChild;
  // An HTML tag inside SVG ends the SVG in an HTML parser: more than one top-level element.
  if (!root || content.childElementCount !== 1 || root.namespaceURI !== SVG_NS || root.localName !== 'svg') return undefined;
  let removed = 0;
  let styled = false;
  const inlineStyles: [Element, string][] = [];
  // Every element and every attribute as the browser parsed them: no guess from the text decides
  // what is looked at (`<g/onclick=…>` and `<g title=">" onclick=…>` are parsed like any tag).
  const elements = [root, ...Array.from(root.getElementsByTagName('*'))];
  for (const el of elements) {
    if (el !== root && !root.contains(el)) continue; // inside a subtree removed above
    const name = el.localName.toLowerCase();
    if (el.namespaceURI !== SVG_NS || FORBIDDEN.has(name)) {
      el.remove();
      removed++;
      continue;
    }
    if (name === 'style') {
      // The renderer's (and mermaid's) one stylesheet, first in the root: allowed by the nonce.
      // Any other <style> is not ours and goes.
      if (!styled && el.parentElement === root && el.getAttribute('nonce') === nonce) {
        styled = true;
      } else {
        el.remove();
        removed++;
      }
      continue;
    }
    for (const a of Array.from(el.attributes)) {
      const attrName = a.name.toLowerCase();
      if (attrName.startsWith('on')) {
        el.removeAttributeNode(a);
        removed++;
      } else if (URL_ATTRIBUTES.has(attrName) || (a.namespaceURI === XLINK_NS && a.localName === 'href')) {
        if (!safeUrl(a.value, name)) {
          el.removeAttributeNode(a);
          removed++;
        }
      } else if (attrName === 'style' || attrName === STYLE_ATTRIBUTE) {
        // Colours and sizes only: nothing that loads (url(), image-set(), @import) and no CSS
        // escapes that could spell one.
        if (/\\|url\s*\(|image(-set)?\s*\(|@import|expression\s*\(/i.test(a.value)) removed++;
        else inlineStyles.push([el, a.value]);
        el.removeAttributeNode(a);
      }
    }
  }
  const svg = document.adoptNode(root) as unknown as SVGSVGElement;
  // CSSOM writes are not inline markup: the CSP allows them, and `cssText` cannot run script.
  for (const [el, css] of inlineStyles) (el as SVGElement).style.cssText = css;
  return { svg, removed };
}

/** Replaces the content of `host` with `svg`. */
export function showSvg(host: Element, svg: SVGSVGElement): void {
  host.replaceChildren(svg);
}
