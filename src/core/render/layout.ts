// Layout of the layered SVG: sizes bottom-up, positions top-down, over the boxes of boxes.ts in
// pre-order (no recursion, no layout engine: linear in the number of boxes). Layout writes the
// geometry fields of each box and bar (w, h, contentW, rows, x, y, ah, stripY; bar y and text
// widths); svg.ts draws from them. A picture other than the layered SVG (a diff, say) can lay out
// its own boxes with `layoutBoxes` and draw them with svg.ts's `drawBoxes`.
import type { Finding } from '../diagnostics';
import type { Bar, Box, BoxTree, Row } from './boxes';
import { textWidth } from './text';

// Geometry, px.
export const MARGIN = 16;
export const PAD = 8; // inside frames
const GAP = 10; // between siblings in a row
const VGAP = 6; // between a row and the layer below it
const BAR_GAP = 2; // between stacked layer bars
export const BAR1 = 22; // one-line bar
export const BAR2 = 34; // two-line bar
const STRIP = 18; // kernel label strip
const HEADER = 24; // group title
export const TEXT_PAD = 7;
const MIN_W = 76;
const MAX_LABEL_W = 280; // bars wider than their text only when their content is
export const ROOT_WRAP = 1800;
export const GROUP_WRAP = 1600;
const ROW_GAP = 24; // between wrapped rows
export const FONT = 12;
export const FONT_SMALL = 11;
export const BADGE_H = 16;
export const KB = 3; // kernel boundary offset from what it encloses
export const LINK_SPACE = 48; // above the diagram, for arcs over the top row

/** Measure every box (sizes, bottom-up). After it, `tree.root.w` and `.h` are the picture's size without margins. */
export function measureBoxes(tree: BoxTree): void {
  // Reverse pre-order visits children before parents.
  for (let i = tree.boxes.length - 1; i >= 0; i--) measure(tree.boxes[i]);
}

/** Place every measured box with the root's top-left corner at (x, y) (positions, top-down). */
export function placeBoxes(tree: BoxTree, x: number, y: number): void {
  const root = tree.root;
  root.x = x;
  root.y = y;
  root.ah = root.h;
  for (const b of tree.boxes) place(b);
}

/** Measure, then place with the root's top-left corner at (x, y). */
export function layoutBoxes(tree: BoxTree, x: number, y: number): void {
  measureBoxes(tree);
  placeBoxes(tree, x, y);
}

export function badgeWidth(fs: readonly Finding[] | undefined): number {
  return fs ? 12 + String(fs.length).length * 7 : 0;
}

function barTextWidth(b: Bar): number {
  b.mainW = textWidth(b.main, FONT, true);
  b.detailW = b.detail !== undefined ? textWidth(b.detail, FONT_SMALL) : 0;
  return Math.max(b.mainW, b.detailW);
}

function measure(b: Box): void {
  // Own text (bars, header, kernel strip), capped so long labels truncate instead of widening.
  const badge = badgeWidth(b.findings);
  let own = MIN_W;
  for (const br of b.bars) {
    const bb = br.findings ? badgeWidth(br.findings) : br === b.bars[0] && b.header === undefined ? badge : 0;
    own = Math.max(own, Math.min(MAX_LABEL_W, barTextWidth(br)) + 2 * TEXT_PAD + (bb ? bb + 4 : 0));
  }
  if (b.header !== undefined) own = Math.max(own, Math.min(MAX_LABEL_W, textWidth(b.header, 13, true)) + 2 * TEXT_PAD + (badge ? badge + 4 : 0));
  if (b.stripText !== undefined) own = Math.max(own, Math.min(MAX_LABEL_W, textWidth(b.stripText, FONT_SMALL, true)) + 2 * TEXT_PAD);

  // Children in rows (one row for layers; wrapped rows for groups and the root, aiming at a
  // landscape picture: rows about as wide as the square root of the area times 1.6).
  let wrap = 0;
  if (b.wrap > 0) {
    let area = 0;
    for (const c of b.children) area += (c.w + GAP) * (c.h + ROW_GAP);
    wrap = Math.max(b.wrap, Math.sqrt(area * 1.6));
  }
  const rows: Row[] = [];
  let cur: Row | undefined;
  for (const c of b.children) {
    if (!cur || (wrap > 0 && cur.w + GAP + c.w > wrap && cur.items.length > 0)) {
      cur = { items: [], w: 0, h: 0 };
      rows.push(cur);
    }
    cur.w += (cur.items.length ? GAP : 0) + c.w;
    cur.h = Math.max(cur.h, c.h);
    cur.items.push(c);
  }
  b.rows = rows;
  let rowsW = 0;
  let rowsH = 0;
  for (const r of rows) {
    rowsW = Math.max(rowsW, r.w);
    rowsH += r.h;
  }
  if (rows.length > 1) rowsH += (rows.length - 1) * ROW_GAP;

  const inner = b.kind === 'root' ? rowsW : Math.max(own, rowsW);
  b.contentW = inner;
  // A framed box with nothing inside it is drawn as its bars alone.
  const frame = b.framed && (rows.length > 0 || b.stripText !== undefined || b.header !== undefined);
  const pad = frame ? PAD : 0;
  let h = 0;
  for (const br of b.bars) h += br.h;
  if (b.bars.length > 1) h += (b.bars.length - 1) * BAR_GAP;
  if (b.stripText !== undefined) h += STRIP + (b.bars.length ? BAR_GAP : 0);
  if (rows.length) h += rowsH + (h > 0 ? VGAP : 0);
  if (b.header !== undefined) h += HEADER;
  b.w = inner + 2 * pad;
  b.h = h + 2 * pad;
  b.framed = frame;
}

function place(b: Box): void {
  const pad = b.framed ? PAD : 0;
  const left = b.x + pad;
  let bottom = b.y + b.ah - pad;
  // Layer bars, bottom-up.
  for (const br of b.bars) {
    br.y = bottom - br.h;
    bottom = br.y - BAR_GAP;
  }
  if (b.bars.length) bottom += BAR_GAP;
  if (b.stripText !== undefined) {
    b.stripY = bottom - (b.bars.length ? BAR_GAP : 0) - STRIP;
    bottom = b.stripY;
  }
  if (b.rows.length === 0) return;
  if (b.bars.length || b.stripText !== undefined) bottom -= VGAP;
  // Rows stack upwards from `bottom` (the last row lowest); the first row is at the top. The
  // root and groups read top-down, so place rows from the top of their content area.
  const rowsH = b.rows.reduce((s, r) => s + r.h, 0) + (b.rows.length - 1) * ROW_GAP;
  let top = bottom - rowsH;
  for (const r of b.rows) {
    let x = left;
    for (const c of r.items) {
      c.x = x;
      c.y = top;
      c.ah = r.h;
      x += c.w + GAP;
    }
    top += r.h + ROW_GAP;
  }
}
