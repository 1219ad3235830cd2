// `npm run bench` (import): a generated cluster dump of 500 nodes and 10,000 pods through
// `strata import` (JSON.parse of the same text timed alongside as the baseline), then the imported
// model through analyze() and the layered SVG renderer, beside a generated model of the same
// number of nodes (bench/generate.ts, the model the analysis and render benches budget), so the
// imported model's figures compare per node with theirs. CPU time is printed beside the wall
// time: on a shared machine the wall time also counts waiting for a core.
import { analyze } from '../src/core';
import { importSources } from '../src/core/import';
import { renderLayersSvg } from '../src/core/render/layers';
import { generateClusterDump } from './clusterDump';
import { generateModel } from './generate';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time<T>(f: () => T, runs: number): { ms: number; cpuMs: number; value: T } {
  const t: number[] = [];
  const cpu: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = f();
    t.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(t), cpuMs: median(cpu), value };
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
const nodes = a.value.model.nodes.length;
const generated = generateModel(nodes);
const ga = time(() => analyze(generated.text), 3);
const gsvg = time(() => renderLayersSvg(ga.value), 3);
const perNode = (ms: number, n: number) => `${((ms * 1000) / n).toFixed(0)} µs/node`;
console.log(`  JSON.parse (baseline)      ${json.ms.toFixed(0).padStart(6)} ms`);
console.log(`  strata import              ${imp.ms.toFixed(0).padStart(6)} ms  (${(imp.ms / json.ms).toFixed(1)}x JSON.parse; CPU ${imp.cpuMs.toFixed(0)} ms; budget ${BUDGET_MS} ms: ${imp.ms < BUDGET_MS ? 'within' : 'OVER'})`);
console.log(`  imported model             ${(model.length / 1e6).toFixed(1)} MB, ${nodes} nodes, ${a.value.findings.length} findings`);
console.log(`  analyze (parse+bind+check) ${a.ms.toFixed(0).padStart(6)} ms  (${perNode(a.ms, nodes)}; a generated model of ${ga.value.model.nodes.length} nodes: ${ga.ms.toFixed(0)} ms, ${perNode(ga.ms, ga.value.model.nodes.length)})`);
console.log(`  layered SVG                ${svg.ms.toFixed(0).padStart(6)} ms  (the generated model: ${gsvg.ms.toFixed(0)} ms)`);
if (imp.ms >= BUDGET_MS) process.exitCode = 1;
