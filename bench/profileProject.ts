// Not part of `npm run bench`: where a project's cold open or keystrokes spend their time.
//   node out/bench/profileProject.js cold|team|platform [out.cpuprofile]
// profiles (with the inspector, so the set-up is left out) three cold opens, or twenty
// keystrokes in one team or platform file after a cold open, and writes a .cpuprofile for
// Chrome's DevTools or `node --cpu-prof`-style analysis.
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import { Project } from '../src/core/project';
import { generateProject } from './generateProject';

const which = process.argv[2] ?? 'team';
const out = process.argv[3] ?? `project-${which}.cpuprofile`;
const g = generateProject(2000);
let project = new Project();
for (const f of g.files) project.set(f.file, f.text);
project.analysis();
const target = g.files.find((f) => f.file.includes(which === 'platform' ? '/platform/' : '/teams/'))!;
let text = target.text;

const session = new Session();
session.connect();
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));

void (async () => {
  await post('Profiler.enable');
  await post('Profiler.start');
  const t = performance.now();
  if (which === 'cold') {
    for (let i = 0; i < 3; i++) {
      project = new Project();
      for (const f of g.files) project.set(f.file, f.text);
      project.analysis();
    }
  } else {
    let previous = project.analysis();
    for (let i = 0; i < 20; i++) {
      text = text.replace(/memory: (\d+)(MiB|GiB)/, (_m, n: string, u: string) => `memory: ${Number(n) + 1}${u}`);
      project.set(target.file, text);
      const a = project.analysis();
      for (const file of a.changedSince(previous)) void a.fileAnalysis(file)!.findings.length;
      previous = a;
    }
  }
  const ms = performance.now() - t;
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  fs.writeFileSync(out, JSON.stringify(profile));
  console.log(`${which}: ${ms.toFixed(0)} ms profiled, written to ${out}`);
  session.disconnect();
})();
