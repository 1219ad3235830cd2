// Zoom and pan of one viewport: the wheel zooms around the pointer, a drag pans, buttons and keys
// zoom in, out, to fit and to 100 %. The state is a plain {scale, x, y} applied as a CSS
// transform on the canvas (through the CSSOM, which the CSP allows), so replacing the canvas's
// content on an update keeps the view where the user left it.
import type { ZoomState } from '../shared/previewProtocol';

const MIN_SCALE = 0.02;
const MAX_SCALE = 16;
const STEP = 1.25;
/** A pointer that moved less than this (px) between down and up made a click, not a drag. */
const CLICK_SLOP = 4;

export class PanZoom {
  private state: ZoomState = { scale: 1, x: 0, y: 0 };
  private drag: { id: number; startX: number; startY: number; x: number; y: number; moved: boolean } | undefined;
  /** True right after a drag ended, so the click that follows it is not taken as a reveal. */
  private dragged = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
    private readonly onChange: (state: ZoomState) => void,
  ) {
    viewport.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    viewport.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    viewport.addEventListener('pointermove', (e) => this.onPointerMove(e));
    viewport.addEventListener('pointerup', (e) => this.onPointerUp(e));
    viewport.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    viewport.addEventListener('keydown', (e) => this.onKey(e));
    // Swallow the click that ends a drag (capture phase: before the diagram's click handler).
    viewport.addEventListener(
      'click',
      (e) => {
        if (this.dragged) {
          e.stopPropagation();
          e.preventDefault();
          this.dragged = false;
        }
      },
      true,
    );
  }

  get current(): ZoomState {
    return { ...this.state };
  }

  set(state: ZoomState): void {
    const scale = clamp(state.scale, MIN_SCALE, MAX_SCALE);
    this.state = { scale, x: clampOffset(state.x), y: clampOffset(state.y) };
    this.apply();
  }

  /** Zooms by `factor` around a point of the viewport (default: its centre). */
  zoomBy(factor: number, cx?: number, cy?: number): void {
    const { width, height } = this.viewport.getBoundingClientRect();
    const px = cx ?? width / 2;
    const py = cy ?? height / 2;
    const scale = clamp(this.state.scale * factor, MIN_SCALE, MAX_SCALE);
    const k = scale / this.state.scale;
    this.set({ scale, x: px - (px - this.state.x) * k, y: py - (py - this.state.y) * k });
  }

  /** 100 %: actual size, top-left corner in view. */
  reset(): void {
    this.set({ scale: 1, x: 0, y: 0 });
  }

  /** Fits the content into the viewport (never enlarging it past 100 %). */
  fit(): void {
    const size = this.contentSize();
    if (!size) return;
    const { width, height } = this.viewport.getBoundingClientRect();
    if (width <= 0 || height <= 0) return;
    const margin = 16;
    const scale = clamp(Math.min((width - 2 * margin) / size.width, (height - 2 * margin) / size.height, 1), MIN_SCALE, MAX_SCALE);
    // Centred across, from the top down (a diagram is read from its title); whole pixels, so
    // that at 100 % the text stays crisp and the edges do not blend.
    this.set({ scale, x: Math.round((width - size.width * scale) / 2), y: margin });
  }

  /** Pans (without zooming) so that `rect` (client coordinates) is inside the viewport. */
  ensureVisible(rect: DOMRect): void {
    const view = this.viewport.getBoundingClientRect();
    const inside = rect.left >= view.left && rect.right <= view.right && rect.top >= view.top && rect.bottom <= view.bottom;
    if (inside || view.width <= 0) return;
    const dx = view.left + view.width / 2 - (rect.left + rect.width / 2);
    const dy = view.top + view.height / 2 - (rect.top + rect.height / 2);
    this.set({ scale: this.state.scale, x: Math.round(this.state.x + dx), y: Math.round(this.state.y + dy) });
  }

  /** The unscaled size of the canvas's content (the SVG's own width and height). */
  private contentSize(): { width: number; height: number } | undefined {
    const svg = this.canvas.firstElementChild;
    if (!(svg instanceof SVGSVGElement)) return undefined;
    const width = svg.width.baseVal.value || svg.getBoundingClientRect().width / this.state.scale;
    const height = svg.height.baseVal.value || svg.getBoundingClientRect().height / this.state.scale;
    return width > 0 && height > 0 ? { width, height } : undefined;
  }

  private apply(): void {
    const { scale, x, y } = this.state;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    this.onChange(this.current);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const view = this.viewport.getBoundingClientRect();
    // Pixel deltas from a mouse wheel are ~100 per notch; trackpad pinches (ctrlKey) are small.
    const delta = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
    const factor = Math.exp(-delta * (e.ctrlKey ? 0.01 : 0.0015));
    this.zoomBy(factor, e.clientX - view.left, e.clientY - view.top);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 && e.button !== 1) return;
    if (e.target instanceof Element && e.target.closest('button, a, input, select')) return;
    this.drag = { id: e.pointerId, startX: e.clientX, startY: e.clientY, x: this.state.x, y: this.state.y, moved: false };
    this.dragged = false;
  }

  private onPointerMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.startX;
    const dy = e.clientY - d.startY;
    if (!d.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
    if (!d.moved) {
      d.moved = true;
      this.viewport.setPointerCapture(e.pointerId);
      this.viewport.classList.add('dragging');
    }
    this.set({ scale: this.state.scale, x: d.x + dx, y: d.y + dy });
  }

  private onPointerUp(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    this.drag = undefined;
    this.viewport.classList.remove('dragging');
    if (d.moved) {
      this.dragged = true;
      if (this.viewport.hasPointerCapture(e.pointerId)) this.viewport.releasePointerCapture(e.pointerId);
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const pan = 40;
    const keys: Record<string, () => void> = {
      '+': () => this.zoomBy(STEP),
      '=': () => this.zoomBy(STEP),
      '-': () => this.zoomBy(1 / STEP),
      '0': () => this.reset(),
      f: () => this.fit(),
      ArrowLeft: () => this.set({ ...this.state, x: this.state.x + pan }),
      ArrowRight: () => this.set({ ...this.state, x: this.state.x - pan }),
      ArrowUp: () => this.set({ ...this.state, y: this.state.y + pan }),
      ArrowDown: () => this.set({ ...this.state, y: this.state.y - pan }),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }
}

export const ZOOM_STEP = STEP;

/** Offsets stay within what the persisted state accepts (shared/previewProtocol.ts). */
function clampOffset(v: number): number {
  return Number.isFinite(v) ? Math.min(1e7, Math.max(-1e7, v)) : 0;
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : 1;
}
