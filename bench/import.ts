// `npm run bench` (import): a generated cluster dump of 500 nodes and 10,000 pods through
// `strata import` (JSON.parse of the same text timed alongside as the baseline), then the imported
// model through analyze() and the layered SVG renderer.
import { analyze } from '../src/core';
import { importSources } from '../src/core/import';
import { renderLayersSvg } from '../src/core/render/layers';
import { generateClusterDump } from './clusterDump';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time<T>(f: () => T, runs: number): { ms: number; value: T } {
  const t: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = f();
    t.push(performance.now() - t0);
  }
  return { ms: median(t), value };
}

const NODES = 500;
const PODS = 10_000;
const BUDGET_MS = 2000;
const text = generateClusterDump(NODES, PODS);
console.log(`\nStrata bench: import of a cluster dump (${NODES} nodes, ${PODS} pods, ${(text.length / 1e6).toFixed(1)} MB of kubectl JSON), median of 5 runs\n`);
const json = time(() => JSON.parse(text), 5);
const imp = time(() => importSources([{ name: 'cluster.json', text }]), 5);
if (imp.value.errors.length || !imp.value.text) throw new Error(`the generated dump did not import: ${JSON.stringify(imp.value.errors.slice(0, 3))}`);
const model = imp.value.text;
const a = time(() => analyze(model), 3);
const svg = time(() => renderLayersSvg(a.value), 3);
console.log(`  JSON.parse (baseline)      ${json.ms.toFixed(0).padStart(6)} ms`);
console.log(`  strata import              ${imp.ms.toFixed(0).padStart(6)} ms  (${(imp.ms / json.ms).toFixed(1)}x JSON.parse; budget ${BUDGET_MS} ms: ${imp.ms < BUDGET_MS ? 'within' : 'OVER'})`);
console.log(`  imported model             ${(model.length / 1e6).toFixed(1)} MB, ${a.value.model.nodes.length} nodes, ${a.value.findings.length} findings`);
console.log(`  analyze (parse+bind+check) ${a.ms.toFixed(0).padStart(6)} ms`);
console.log(`  layered SVG                ${svg.ms.toFixed(0).padStart(6)} ms`);
if (imp.ms >= BUDGET_MS) process.exitCode = 1;
