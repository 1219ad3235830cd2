// `npm run bench`: parse + bind + all checks on generated models of growing size, with the
// median time, throughput and the ratio to JSON.parse of the equivalent JSON in the same run.
import { analyze } from '../src/core';
import { generateModel } from './generate';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * Median times of `a` and `b`, measured interleaved (a, b, a, b, …) so that load on the machine
 * affects both alike and their ratio stays meaningful.
 */
function timePair(a: () => void, b: () => void, minRuns: number, minMs: number): [number, number] {
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const begin = performance.now();
  while (sa.length < minRuns || performance.now() - begin < minMs) {
    let t0 = performance.now();
    a();
    sa.push(performance.now() - t0);
    t0 = performance.now();
    b();
    sb.push(performance.now() - t0);
    if (sa.length >= 200) break;
  }
  return [median(sa), median(sb)];
}

const sizes = (process.argv[2] ?? '100,1000,10000,50000').split(',').map(Number);
console.log('Strata bench: parse + bind + all checks, median of repeated runs (Node ' + process.version + ')\n');
console.log('nodes'.padStart(7), 'bytes'.padStart(10), 'strata ms'.padStart(10), 'MB/s'.padStart(7), 'JSON.parse ms'.padStart(14), 'ratio'.padStart(7), 'µs/node'.padStart(8));
const rows: { nodes: number; ms: number; jsonMs: number }[] = [];
for (const size of sizes) {
  const g = generateModel(size);
  let findings = 0;
  const [ms, jsonMs] = timePair(() => (findings = analyze(g.text).findings.length), () => JSON.parse(g.json), 7, 2500);
  rows.push({ nodes: g.nodes, ms, jsonMs });
  console.log(
    String(g.nodes).padStart(7),
    String(g.text.length).padStart(10),
    ms.toFixed(2).padStart(10),
    (g.text.length / 1e6 / (ms / 1000)).toFixed(1).padStart(7),
    jsonMs.toFixed(2).padStart(14),
    (ms / jsonMs).toFixed(2).padStart(7) + 'x',
    ((ms * 1000) / g.nodes).toFixed(2).padStart(8),
    `  (${findings} findings)`,
  );
}
// Memory kept by one analysis of the largest model (needs `node --expose-gc`, as `npm run bench` runs it).
const gc = (globalThis as { gc?: () => void }).gc;
if (gc && sizes.length) {
  const g = generateModel(sizes[sizes.length - 1]);
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = analyze(g.text);
  gc();
  const after = process.memoryUsage().heapUsed;
  const external = kept.tokens.kinds.byteLength + kept.tokens.starts.byteLength + kept.tokens.ends.byteLength;
  console.log(`\nMemory kept by the analysis of ${g.nodes} nodes: ${((after - before) / g.nodes).toFixed(0)} bytes per node on the heap, plus ${(external / g.nodes).toFixed(0)} in the token arrays (the text itself: ${(g.text.length / g.nodes).toFixed(0)} bytes per node).`);
}
if (rows.length >= 2) {
  const a = rows.find((r) => r.nodes >= 1000) ?? rows[0];
  const b = rows[rows.length - 1];
  const size = b.nodes / a.nodes;
  console.log(`\nGrowth ${a.nodes} → ${b.nodes} nodes (size ×${size.toFixed(1)}; linear would be equal):`);
  console.log(`  Strata      time ×${(b.ms / a.ms).toFixed(1)}, time per node ×${(b.ms / a.ms / size).toFixed(2)}`);
  console.log(`  JSON.parse  time ×${(b.jsonMs / a.jsonMs).toFixed(1)}, time per node ×${(b.jsonMs / a.jsonMs / size).toFixed(2)} (the same machine's caches and memory, for comparison)`);
}
