// Diff mode's bar above the diagram: what the preview compares the document with and, when the
// change is shown, what changed; its button shows the change (an offer from a diff editor) or
// the model again. The text is set with textContent only (labels come from file and branch names).
import type { ComparePayload } from '../shared/previewProtocol';

export interface CompareBar {
  /** Shows the bar for `payload`, or hides it (no comparison). */
  show(payload: ComparePayload | undefined): void;
}

export function createCompareBar(bar: HTMLElement, text: HTMLElement, button: HTMLButtonElement, toggle: (on: boolean) => void): CompareBar {
  let active = false;
  button.addEventListener('click', () => toggle(!active));
  return {
    show(payload) {
      if (!payload) {
        bar.hidden = true;
        return;
      }
      active = payload.active;
      if (payload.error !== undefined) text.textContent = `Compared with ${payload.base}: ${payload.error}`;
      else if (payload.active) text.textContent = `The change from ${payload.base} to this version${payload.headline ? `: ${payload.headline}.` : '.'} Click a marked box to go to it.`;
      else text.textContent = `This file is open in a diff editor against ${payload.base}.`;
      button.textContent = payload.active ? 'Show the model' : 'Show the change';
      button.title = payload.active ? 'Draw this version of the model without the change marks' : `Draw one picture of the change from ${payload.base}: added, removed, moved and changed boxes marked`;
      bar.hidden = false;
    },
  };
}
