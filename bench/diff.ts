// `node out/bench/diff.js [sizes]`: the diff picture of two versions of a generated model (a
// container added, one removed, a memory limit removed, the rest unchanged) against rendering
// one version, in the same run: the ratio is what the target (within 2x) is about. Both
// start from analysed models: "diff picture" is the semantic diff, the union and the SVG;
// "render" is the layered SVG of the head. Also with everything drawn (--full vs maxNodes ∞).
import { analyze } from '../src/core';
import { buildDiffPicture, diffAnalyses, renderDiffSvg } from '../src/core/diff';
import { renderLayersSvg } from '../src/core/render/layers';
import { generateModel } from './generate';
import { time } from './timing';

const sizes = (process.argv[2] ?? '1000,5000').split(',').map(Number);
console.log(`Strata diff-picture bench: median ms, analysed models (Node ${process.version})\n`);
console.log('nodes'.padStart(7), 'render ms'.padStart(10), 'diff pic ms'.padStart(12), 'ratio'.padStart(6), 'render all'.padStart(11), 'diff --full'.padStart(12), 'ratio'.padStart(6));
for (const size of sizes) {
  const g = generateModel(size);
  const head = g.text
    .replace(/(container c1-1-1 \{[^}]*?)memory: 512MiB\n/, '$1')
    .replace(/\n\s*container c1-2-2 \{[^}]*\{[^}]*\}\s*\}/, '')
    .replace(/(container c1-1-2 \{)/, 'container added1 { image: "acme/new:1.0.0"; memory: 256MiB; app added-app }\n        $1');
  if (head === g.text) throw new Error('the bench change did not apply');
  const a = analyze(g.text);
  const b = analyze(head);
  const renderMs = time(() => renderLayersSvg(b));
  const diffMs = time(() => renderDiffSvg(buildDiffPicture(a, b, diffAnalyses(a, b))));
  const allMs = time(() => renderLayersSvg(b, { maxNodes: Infinity }), 5);
  const fullMs = time(() => renderDiffSvg(buildDiffPicture(a, b, diffAnalyses(a, b), { full: true })), 5);
  console.log(
    String(g.nodes).padStart(7),
    renderMs.toFixed(1).padStart(10),
    diffMs.toFixed(1).padStart(12),
    (diffMs / renderMs).toFixed(2).padStart(6),
    allMs.toFixed(1).padStart(11),
    fullMs.toFixed(1).padStart(12),
    (fullMs / allMs).toFixed(2).padStart(6),
  );
}
console.log('\nTarget: the diff picture within 2x of rendering one version (ratio ≤ 2).');
