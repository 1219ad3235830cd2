// `npm run bench` (import): a generated cluster dump of 500 nodes and 10,000 pods through
// `strata import`, timed in alternation with JSON.parse of the same text (which the import does
// anyway): the ratio of each pair is the figure a loaded machine does not move, the wall-clock
// median the one the budget (2 s) is about, shown with the machine's load at the time. Then the
// imported model through analyze() and the layered SVG renderer, each timed in alternation with
// a generated model of the same number of nodes (bench/generate.ts, the model bench.ts and
// render.ts measure), so the imported model's figures read against theirs.
import * as os from 'node:os';
import { analyze } from '../src/core';
import { importSources } from '../src/core/import';
import { renderLayersSvg } from '../src/core/render/layers';
import { generateClusterDump } from './clusterDump';
import { generateModel } from './generate';
import { type Pair, timePair } from './timing';

const NODES = 500;
const PODS = 10_000;
const BUDGET_MS = 2000;

const load = () => os.loadavg()[0].toFixed(1);
const cores = os.availableParallelism?.() ?? os.cpus().length;
const text = generateClusterDump(NODES, PODS);
console.log(`\nStrata bench: import of a cluster dump (${NODES} nodes, ${PODS} pods, ${(text.length / 1e6).toFixed(1)} MB of kubectl JSON; Node ${process.version}, ${cores} cores, load ${load()})`);
console.log('Medians of alternating runs; ratios are medians of the pairs\' ratios (wall clock, and CPU time of the process).\n');

let model = '';
const imp = timePair(
  () => JSON.parse(text),
  () => {
    const r = importSources([{ name: 'cluster.json', text }]);
    if (r.errors.length || !r.text) throw new Error(`the generated dump did not import: ${JSON.stringify(r.errors.slice(0, 3))}`);
    model = r.text;
  },
  7,
  10_000,
);
const within = imp.b < BUDGET_MS;
console.log(`  JSON.parse of the dump (baseline)  ${imp.a.toFixed(0).padStart(6)} ms   CPU ${imp.cpuA.toFixed(0).padStart(5)} ms`);
console.log(`  strata import                      ${imp.b.toFixed(0).padStart(6)} ms   CPU ${imp.cpuB.toFixed(0).padStart(5)} ms   ${imp.cpuRatio.toFixed(1)}x JSON.parse (CPU), ${imp.ratio.toFixed(1)}x (wall); budget ${BUDGET_MS} ms: ${within ? 'within' : 'OVER'} (load ${load()} on ${cores} cores, ${imp.runs} runs)`);

const a = analyze(model);
const generated = generateModel(a.model.nodes.length);
const ga = analyze(generated.text);
console.log(`\n  imported model: ${(model.length / 1e6).toFixed(1)} MB, ${a.model.nodes.length} nodes, ${a.findings.length} findings; a generated model of as many nodes (bench/generate.ts): ${(generated.text.length / 1e6).toFixed(1)} MB, ${ga.model.nodes.length} nodes, ${ga.findings.length} findings`);
// Per node and per MB of text: the imported model carries a source comment per node, so it has
// about twice the text of the generated one for as many nodes.
const perNode = (ms: number, text?: string) => `${((ms * 1000) / a.model.nodes.length).toFixed(0)} µs/node${text ? `, ${(text.length / 1e6 / (ms / 1000)).toFixed(0)} MB/s` : ''}`;
const row = (name: string, p: Pair, perText: boolean) =>
  console.log(
    `  ${name.padEnd(34)} ${p.b.toFixed(0).padStart(6)} ms   ${perNode(p.b, perText ? model : undefined)}; the generated model ${p.a.toFixed(0)} ms, ${perNode(p.a, perText ? generated.text : undefined)}; imported ÷ generated ${p.cpuRatio.toFixed(2)}x (CPU), ${p.ratio.toFixed(2)}x (wall)`,
  );
row('analyze (parse+bind+check)', timePair(() => analyze(generated.text), () => analyze(model), 5, 3000), true);
row('layered SVG', timePair(() => renderLayersSvg(ga), () => renderLayersSvg(a), 5, 3000), false);
if (!within) process.exitCode = 1;
