// PNG export: draws the shown SVG (with its own stylesheet) on a canvas through a blob: URL (the
// CSP allows blob: images) and returns the PNG as base64 for the extension to save.

/** Browsers refuse canvases beyond about 16k px a side or 268 M pixels; stay well inside. */
const MAX_SIDE = 16_000;
const MAX_PIXELS = 120_000_000;

export async function svgToPngBase64(svg: SVGSVGElement, pixelRatio = 2): Promise<string> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // The cursor highlight is a view state, not part of the picture.
  for (const el of Array.from(clone.querySelectorAll('.hl'))) el.classList.remove('hl');
  const width = svg.width.baseVal.value || 800;
  const height = svg.height.baseVal.value || 600;
  let ratio = Math.min(pixelRatio, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
  if (!(ratio > 0)) ratio = 1;
  const markup = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.max(1, Math.round(height * ratio));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const dataUrl = canvas.toDataURL('image/png');
    const comma = dataUrl.indexOf(',');
    return dataUrl.slice(comma + 1);
  } finally {
    URL.revokeObjectURL(url);
  }
}
