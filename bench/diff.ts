// `node out/bench/diff.js [sizes]`: the diff picture of two versions of a generated model (a
// container added, one removed, a memory limit removed, the rest unchanged) against rendering
// one version, in the same run: the ratio is what the target (within 2x) is about. Both
// start from analysed models: "diff picture" is the semantic diff (with the totals it compares),
// the union and the SVG; "render" is the layered SVG of the head. The two are timed in
// alternation and each ratio is the median of the ratios of each pair (see timePair), so a slow
// spell of a shared machine slows both sides alike; the target is judged on CPU time, which other
// processes on the machine do not inflate (wall-clock ratios are shown beside). Also with
// everything drawn (--full vs maxNodes ∞).
import { analyze } from '../src/core';
import { buildDiffPicture, diffAnalyses, renderDiffSvg } from '../src/core/diff';
import { renderLayersSvg } from '../src/core/render/layers';
import { generateModel } from './generate';
import { timePair } from './timing';

const sizes = (process.argv[2] ?? '1000,5000').split(',').map(Number);
console.log(`Strata diff-picture bench: analysed models; median ms; ratios are medians over alternating runs (Node ${process.version})\n`);
console.log('nodes'.padStart(7), 'render ms'.padStart(10), 'diff pic ms'.padStart(12), 'cpu ratio'.padStart(10), 'wall ratio'.padStart(11), 'runs'.padStart(5), '  |', 'all: render'.padStart(11), 'diff --full'.padStart(12), 'cpu ratio'.padStart(10), 'wall ratio'.padStart(11));
let worst = 0;
for (const size of sizes) {
  const g = generateModel(size);
  const head = g.text
    .replace(/(container c1-1-1 \{[^}]*?)memory: 512MiB\n/, '$1')
    .replace(/\n\s*container c1-2-2 \{[^}]*\{[^}]*\}\s*\}/, '')
    .replace(/(container c1-1-2 \{)/, 'container added1 { image: "acme/new:1.0.0"; memory: 256MiB; app added-app }\n        $1');
  if (head === g.text) throw new Error('the bench change did not apply');
  const a = analyze(g.text);
  const b = analyze(head);
  const folded = timePair(
    () => renderLayersSvg(b),
    () => renderDiffSvg(buildDiffPicture(a, b, diffAnalyses(a, b))),
  );
  const full = timePair(
    () => renderLayersSvg(b, { maxNodes: Infinity }),
    () => renderDiffSvg(buildDiffPicture(a, b, diffAnalyses(a, b), { full: true })),
    5,
  );
  worst = Math.max(worst, folded.cpuRatio);
  console.log(
    String(g.nodes).padStart(7),
    folded.cpuA.toFixed(1).padStart(10),
    folded.cpuB.toFixed(1).padStart(12),
    folded.cpuRatio.toFixed(2).padStart(10),
    folded.ratio.toFixed(2).padStart(11),
    String(folded.runs).padStart(5),
    '  |',
    full.cpuA.toFixed(1).padStart(11),
    full.cpuB.toFixed(1).padStart(12),
    full.cpuRatio.toFixed(2).padStart(10),
    full.ratio.toFixed(2).padStart(11),
  );
}
console.log(`\nms are CPU ms. Target: the diff picture within 2x of rendering one version (cpu ratio ≤ 2): ${worst <= 2 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}).`);
