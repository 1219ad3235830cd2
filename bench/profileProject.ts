// Not part of `npm run bench`: a driver for `node --cpu-prof out/bench/profileProject.js [cold|team|platform]`
// to see where a project's cold open or keystroke spends its time.
import { Project } from '../src/core/project';
import { generateProject } from './generateProject';

const which = process.argv[2] ?? 'team';
const g = generateProject(2000);
let project = new Project();
for (const f of g.files) project.set(f.file, f.text);
project.analysis();
if (which === 'cold') {
  for (let i = 0; i < 3; i++) {
    project = new Project();
    for (const f of g.files) project.set(f.file, f.text);
    project.analysis();
  }
} else {
  const target = g.files.find((f) => f.file.includes(which === 'team' ? '/teams/' : '/platform/'))!;
  let text = target.text;
  for (let i = 0; i < 10; i++) {
    text = text.replace(/memory: (\d+)(MiB|GiB)/, (_m, n: string, u: string) => `memory: ${Number(n) + 1}${u}`);
    project.set(target.file, text);
    const a = project.analysis();
    for (const file of a.changedSince(undefined)) a.fileAnalysis(file)!.findings.length;
  }
}
