// A page that shows Markdown as GitHub does in a pull-request comment or a README: markdown-it
// without raw HTML (GitHub's sanitizer strips it), a few rules of GitHub's look, and ```mermaid
// fences drawn by a real mermaid build (strict, no HTML labels), in headless Chromium.
import MarkdownIt from 'markdown-it';
import type { Page } from 'playwright-core';

export const GITHUB_CSS = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 980px; margin: 16px auto; padding: 16px 24px; border: 1px solid #d1d9e0; border-radius: 6px; }
h2, h3 { border-bottom: 1px solid #d1d9e0b3; padding-bottom: .3em; }
table { border-collapse: collapse; margin: 12px 0; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: #818b981f; padding: .2em .4em; border-radius: 6px; font-size: 85%; }
blockquote { color: #59636e; border-left: .25em solid #d1d9e0; margin: 0; padding: 0 1em; }
a { color: #0969da; }
.mermaid-block { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px; overflow: auto; }
`;

/** The raw HTML elements GitHub keeps in Markdown (a part of its sanitizer's allowlist). */
export const GITHUB_HTML_ELEMENTS: readonly string[] = ['details', 'summary', 'sub', 'sup', 'br', 'b', 'i', 'strong', 'em', 'code', 'kbd', 'p', 'div', 'span'];

/**
 * Markdown to HTML as GitHub renders it; a ```mermaid fence becomes a block for `drawMermaid`.
 * Raw HTML is escaped, unless `html` (then the caller checks that only GITHUB_HTML_ELEMENTS came
 * through, which GitHub would keep too).
 */
export function githubHtml(markdown: string, options: { readonly html?: boolean } = {}): string {
  const md = new MarkdownIt({ html: options.html === true, linkify: false });
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const t = tokens[idx];
    if (t.info.trim() !== 'mermaid') return fence(tokens, idx, options, env, self);
    return `<div class="mermaid-block" data-src="${md.utils.escapeHtml(t.content)}"></div>`;
  };
  return `<!DOCTYPE html><html><head><style>${GITHUB_CSS}</style></head><body><main>${md.render(markdown)}</main></body></html>`;
}

export interface DrawnMermaid {
  readonly ok: boolean;
  readonly error?: string;
  readonly clusters?: number;
  readonly nodes?: number;
  readonly text?: string;
  /** Each box's computed stroke and the start of its text: "rgb(26, 127, 55) + added · container importer". */
  readonly strokes?: string[];
}

/** Loads the mermaid build at `mermaidJs` into the page and draws every mermaid block. */
export async function drawMermaid(page: Page, mermaidJs: string): Promise<DrawnMermaid[]> {
  await page.addScriptTag({ path: mermaidJs });
  return (await page.evaluate(`(async () => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false, flowchart: { htmlLabels: false } });
    const out = [];
    let i = 0;
    for (const block of document.querySelectorAll('.mermaid-block')) {
      try {
        const { svg } = await mermaid.render('m' + i++, block.dataset.src);
        block.innerHTML = svg;
        out.push({
          ok: true,
          clusters: block.querySelectorAll('g.cluster').length,
          nodes: block.querySelectorAll('g.node').length,
          text: block.textContent,
          strokes: [...block.querySelectorAll('g.node rect, g.cluster rect')].map((r) => getComputedStyle(r).stroke + ' ' + (r.closest('g.node, g.cluster')?.textContent ?? '').slice(0, 80)),
        });
      } catch (e) {
        out.push({ ok: false, error: String(e && e.message || e) });
      }
    }
    return out;
  })()`)) as DrawnMermaid[];
}
