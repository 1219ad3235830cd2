// `npm run bench`, projects: a generated project of 200 files and about 100,000 nodes (40
// platform files with the hosts, hypervisors, VMs and engines; 160 team files that `extend` the
// engines with containers). Cold open: every file parsed, bound into one model and checked,
// against JSON.parse of the equivalent JSON in the same run. A keystroke: one team file's text
// changes, and the diagnostics of every affected file are fresh (findings converted to
// line/character), timed at the median and the 95th percentile against the budget of 100 ms
// (plus the debounce). Memory kept per node by the project's analysis (node --expose-gc).
import { Project } from '../src/core/project';

const PLATFORM_FILES = 40;
const TEAM_FILES = 160;
const HOSTS = 2000;

interface Generated {
  files: { file: string; text: string }[];
  json: string;
  nodes: number;
}

function generateProject(): Generated {
  const platform: string[][] = Array.from({ length: PLATFORM_FILES }, () => []);
  const teams: string[][] = Array.from({ length: TEAM_FILES }, () => []);
  const json: unknown[] = [{ kind: 'tenant', id: 'shop', props: { trust: 'internal' } }, { kind: 'tenant', id: 'finance', props: { trust: 'restricted' } }];
  platform[0].push('tenant shop { trust: internal }', 'tenant finance { trust: restricted }');
  let nodes = 2;
  let engine = 0;
  for (let h = 1; h <= HOSTS; h++) {
    const out = platform[h % PLATFORM_FILES];
    out.push(`host host${h} "Rack server ${h}" {`, '  cpu: 64', '  memory: 512GiB', '  disk: 4TB', `  hypervisor hv${h} {`, '    product: esxi');
    const vms: unknown[] = [];
    nodes += 2;
    for (let v = 1; v <= 4; v++) {
      const tenant = v % 2 ? 'shop' : 'finance';
      out.push(`    vm vm${h}-${v} {`, '      cpu: 8', '      memory: 32GiB', '      os: ubuntu-22.04', `      tenant: ${tenant}`, `      engine eng${h}-${v} { product: containerd; runtime: runc }`, '    }');
      nodes += 2;
      const team = teams[engine++ % TEAM_FILES];
      team.push(`extend eng${h}-${v} {`);
      const containers: unknown[] = [];
      for (let c = 1; c <= 5; c++) {
        const id = `c${h}-${v}-${c}`;
        team.push(`  container ${id} {`, `    image: "acme/svc${c}:1.${c}.0"`, '    memory: 512MiB', '    cpu: 500m', `    service: svc${c}`, `    app app${h}-${v}-${c} { memory: 256MiB }`, '  }');
        containers.push({ kind: 'container', id, props: { image: `acme/svc${c}:1.${c}.0`, memory: '512MiB', cpu: '500m', service: `svc${c}` }, children: [{ kind: 'app', id: `app${h}-${v}-${c}`, props: { memory: '256MiB' } }] });
        nodes += 2;
      }
      team.push('}');
      vms.push({ kind: 'vm', id: `vm${h}-${v}`, props: { cpu: 8, memory: '32GiB', os: 'ubuntu-22.04', tenant }, children: [{ kind: 'engine', id: `eng${h}-${v}`, props: { product: 'containerd', runtime: 'runc' }, children: containers }] });
    }
    out.push('  }', '}', '');
    json.push({ kind: 'host', id: `host${h}`, label: `Rack server ${h}`, props: { cpu: 64, memory: '512GiB', disk: '4TB' }, children: [{ kind: 'hypervisor', id: `hv${h}`, props: { product: 'esxi' }, children: vms }] });
  }
  const files = [
    ...platform.map((lines, i) => ({ file: `/bench/platform/platform-${String(i).padStart(2, '0')}.strata`, text: lines.join('\n') + '\n' })),
    ...teams.map((lines, i) => ({ file: `/bench/teams/team-${String(i).padStart(3, '0')}.strata`, text: lines.join('\n') + '\n' })),
  ];
  return { files, json: JSON.stringify(json, null, 2), nodes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

const g = generateProject();
const bytes = g.files.reduce((n, f) => n + f.text.length, 0);
console.log(`Strata project bench: ${g.files.length} files, ${g.nodes} nodes, ${(bytes / 1024 / 1024).toFixed(1)} MiB of Strata (Node ${process.version})`);
console.log(`Baseline: JSON.parse of the equivalent JSON (${(g.json.length / 1024 / 1024).toFixed(1)} MiB), timed beside each row.\n`);

/** Diagnostics as an editor receives them: each affected file's findings with line/character ranges. */
function diagnosticsOf(project: Project, previous: ReturnType<Project['analysis']> | undefined): number {
  const analysis = project.analysis();
  let n = 0;
  for (const file of analysis.changedSince(previous)) {
    const view = analysis.fileAnalysis(file)!;
    for (const f of view.findings) {
      view.lines.rangeOf(f.span);
      n++;
    }
  }
  return n;
}

// Cold open: parse, bind and check every file.
const coldRuns: number[] = [];
const jsonCold: number[] = [];
let project = new Project();
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  JSON.parse(g.json);
  jsonCold.push(performance.now() - t);
  t = performance.now();
  project = new Project();
  for (const f of g.files) project.set(f.file, f.text);
  diagnosticsOf(project, undefined);
  coldRuns.push(performance.now() - t);
}
const cold = median(coldRuns);
const jsonMs = median(jsonCold);
console.log('                                          median      p95   JSON.parse   ratio   budget');
console.log(`cold open (every file)                  ${cold.toFixed(1).padStart(8)} ${p95(coldRuns).toFixed(1).padStart(8)}   ${jsonMs.toFixed(1).padStart(10)}   ${(cold / jsonMs).toFixed(2).padStart(5)}x   3x JSON.parse: ${cold / jsonMs <= 3 ? 'pass' : 'OVER'}`);

// Keystrokes in one team file (a memory value changes), then in a platform file.
for (const which of ['team', 'platform'] as const) {
  const target = g.files.find((f) => f.file.includes(which === 'team' ? '/teams/' : '/platform/'))!;
  const times: number[] = [];
  const jsonTimes: number[] = [];
  let previous = project.analysis();
  let text = target.text;
  for (let i = 0; i < 21; i++) {
    text = text.replace(/memory: (\d+)(MiB|GiB)/, (_m, n: string, u: string) => `memory: ${Number(n) + 1}${u}`);
    let t = performance.now();
    JSON.parse(g.json);
    jsonTimes.push(performance.now() - t);
    t = performance.now();
    project.set(target.file, text);
    diagnosticsOf(project, previous);
    times.push(performance.now() - t);
    previous = project.analysis();
  }
  const m = median(times);
  const p = p95(times);
  console.log(
    `keystroke in a ${which} file: diagnostics`.padEnd(40) +
      `${m.toFixed(1).padStart(8)} ${p.toFixed(1).padStart(8)}   ${median(jsonTimes).toFixed(1).padStart(10)}   ${(m / median(jsonTimes)).toFixed(2).padStart(5)}x   100 ms p95: ${p <= 100 ? 'pass' : 'OVER'}`,
  );
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  project = new Project();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = new Project();
  for (const f of g.files) kept.set(f.file, f.text);
  kept.analysis();
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(`\nMemory kept by the project's analysis: ${((after - before) / g.nodes).toFixed(0)} bytes per node on the heap (the texts: ${(bytes / g.nodes).toFixed(0)} bytes per node).`);
  void kept.files.length;
}
console.log('\nA keystroke re-parses only the edited file; binding the files into one model and running the checks is redone over the whole model (linear, no syntax objects built).');
