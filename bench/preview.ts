// `node out/bench/preview.js [sizes]` (after `npm run compile && node esbuild.js`): the preview's
// first render of generated models, model to painted SVG. In Node: analyze and build the update
// message (layered SVG included), as the extension host does. In headless Chromium, in the page,
// with performance.now(): (a) the plain cost, innerHTML of the SVG + a forced layout + two
// animation frames (the second starts after the first has painted); (b) the real webview, from posting the update to the frame after it reports
// the diagram shown (message, validation, parse, cleaning, insertion, layout, paint).
// Medians of 5 runs (fresh page each, so every one is a first render).
import { analyze } from '../src/core';
import { buildSnapshot } from '../src/extension/previewSnapshot';
import { generateModel } from './generate';
import { FakeExtension, PreviewServer, launchBrowser } from '../test/browser/harness';

// Page-side globals of the functions given to page.evaluate (compiled without the DOM library).
declare const window: Record<string, unknown> & { postMessage(m: unknown, o: string): void };
declare const document: { createElement(t: string): { innerHTML: string; getBoundingClientRect(): unknown; remove(): void }; body: { appendChild(e: unknown): void } };
declare const performance: { now(): number };
declare function requestAnimationFrame(f: () => void): void;

const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function timeNode<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '1000,5000').split(',').map(Number);
  const server = await PreviewServer.start();
  const browser = await launchBrowser();
  const os = await import('node:os');
  console.log(`Strata preview bench: first render, model to painted SVG (median of ${RUNS}; headless Chromium, no GPU; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})\n`);
  console.log(
    'nodes'.padStart(6),
    'maxNodes'.padStart(9),
    'drawn'.padStart(6),
    'SVG KiB'.padStart(8),
    'analyze'.padStart(8),
    'svg+msg'.padStart(8),
    'innerHTML+paint'.padStart(16),
    'webview→painted'.padStart(16),
    'total'.padStart(7),
    ' target',
  );
  try {
    for (const size of sizes) {
      const model = generateModel(size);
      for (const maxNodes of [undefined, 100_000]) {
        const analyzeMs: number[] = [];
        const snapshotMs: number[] = [];
        const rawMs: number[] = [];
        const webviewMs: number[] = [];
        let svgBytes = 0;
        let drawn = 0;
        for (let run = 0; run < RUNS; run++) {
          const [analysis, tA] = timeNode(() => analyze(model.text));
          const [snapshot, tS] = timeNode(() =>
            buildSnapshot({ uri: 'file:///bench.strata', title: 'bench.strata', version: 2, analysis, lastGood: undefined, webviewHasDiagram: false, theme: 'light', showLinks: true, maxNodes, mermaid: false }),
          );
          analyzeMs.push(tA);
          snapshotMs.push(tS);
          const svg = snapshot.message.svg!;
          svgBytes = svg.length;
          // A fresh page showing a tiny model first, so the big one is its first real diagram.
          const ext = await FakeExtension.open(browser, server, 'host warmup { os: debian-12 }');
          try {
            rawMs.push(
              await ext.page.evaluate(async (markup) => {
                // The first frame's callback runs before that frame paints; the second's after it.
                const nextFrames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
                const t0 = performance.now();
                const div = document.createElement('div');
                document.body.appendChild(div);
                div.innerHTML = markup;
                div.getBoundingClientRect();
                await nextFrames();
                const ms = performance.now() - t0;
                div.remove();
                return ms;
              }, svg),
            );
            const result = await ext.page.evaluate(async (message) => {
              const nextFrames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
              const listeners = ((window.__postListeners as ((m: { type: string; elements?: number }) => void)[] | undefined) ??= []);
              const t0 = performance.now();
              const shown = new Promise<number>((resolve) => listeners.push((m) => m.type === 'rendered' && resolve(m.elements ?? 0)));
              window.postMessage(message, '*');
              const elements = await shown;
              await nextFrames();
              return { ms: performance.now() - t0, elements };
            }, snapshot.message);
            webviewMs.push(result.ms);
            drawn = result.elements;
          } finally {
            await ext.close();
          }
        }
        const total = median(analyzeMs) + median(snapshotMs) + median(webviewMs);
        const target = model.nodes <= 1000 ? 500 : 2000;
        console.log(
          String(model.nodes).padStart(6),
          String(maxNodes ?? 'default').padStart(9),
          String(drawn).padStart(6),
          (svgBytes / 1024).toFixed(0).padStart(8),
          median(analyzeMs).toFixed(0).padStart(8),
          median(snapshotMs).toFixed(0).padStart(8),
          median(rawMs).toFixed(0).padStart(16),
          median(webviewMs).toFixed(0).padStart(16),
          total.toFixed(0).padStart(7),
          ` < ${target} ms ${total < target ? 'ok' : 'OVER'}`,
        );
      }
    }
    console.log('\nms; "drawn": elements with a source id in the page; default maxNodes folds the largest parts into "+N" summaries.');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
