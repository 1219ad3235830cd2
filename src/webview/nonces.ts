// The page's CSP nonces, as the preview page (src/extension/previewHtml.ts) hands them over: the
// script nonce on the `<script>` elements, the style nonce on the stylesheet `<link>`. Browsers
// hide a nonce from attributes but keep it in the `nonce` property, which is read here. Also the
// id of the frame mermaid runs in, which the preview and the mermaid bundle both name.

/** The style nonce: given to the diagram's own `<style>` (and mermaid's), never to a script. */
export function pageStyleNonce(): string {
  return document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.nonce ?? '';
}

/** The id of the frame the preview makes for mermaid (see main.ts `loadMermaid`). */
export const MERMAID_FRAME_ID = 'strata-mermaid-frame';
