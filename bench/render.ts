// `node out/bench/render.js [sizes]`: median time of the layered SVG (default folding, and
// everything drawn) and of the mermaid text for generated models, after analysis.
import { analyze } from '../src/core';
import { renderLayersSvg } from '../src/core/render/layers';
import { renderMermaid } from '../src/core/render/mermaid';
import { generateModel } from './generate';
import { time } from './timing';

const sizes = (process.argv[2] ?? '100,1000,5000').split(',').map(Number);
console.log(`Strata render bench: median ms per render of an analysed model (Node ${process.version})\n`);
console.log('nodes'.padStart(7), 'svg ms'.padStart(8), 'KiB'.padStart(7), 'drawn'.padStart(7), 'svg all ms'.padStart(11), 'KiB'.padStart(7), 'mermaid ms'.padStart(11), '  mermaid');
for (const size of sizes) {
  const g = generateModel(size);
  const a = analyze(g.text);
  let svg = '';
  let all = '';
  let mermaid = renderMermaid(a);
  const svgMs = time(() => (svg = renderLayersSvg(a)));
  const allMs = time(() => (all = renderLayersSvg(a, { maxNodes: Infinity })));
  const mermaidMs = time(() => (mermaid = renderMermaid(a)));
  const drawn = (svg.match(/<g class="node /g) ?? []).length;
  console.log(
    String(g.nodes).padStart(7),
    svgMs.toFixed(1).padStart(8),
    (svg.length / 1024).toFixed(0).padStart(7),
    String(drawn).padStart(7),
    allMs.toFixed(1).padStart(11),
    (all.length / 1024).toFixed(0).padStart(7),
    mermaidMs.toFixed(1).padStart(11),
    `  ${mermaid.truncated ? 'hosts only' : 'full'}`,
  );
}
console.log('\nsvg: default options (above 2,000 nodes content is folded); svg all: maxNodes Infinity.');
