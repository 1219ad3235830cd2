// The incremental project analysis (core/project, model/projectBinder.ts, checks/run.ts) against
// a from-scratch one: random edits to a generated project (values, deleted and repeated lines,
// new extensions, links, tenants and their trust, suppression comments, services on one host,
// misplaced nodes, new and deleted files),
// and after each, the project's model and findings equal those of parsing every file again,
// `bindFiles` and `runChecksOnFiles`.
import * as assert from 'node:assert/strict';
import { type Finding, type Model, type ModelNode, bindFiles, nodeFile, parse, runChecksOnFiles } from '../../src/core';
import { Project } from '../../src/core/project';
import { generateProject } from '../../bench/generateProject';

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fromScratch(files: ReadonlyMap<string, string>): { model: Model; findings: Finding[] } {
  const names = [...files.keys()].sort();
  const parsed = names.map((file) => ({ file, text: files.get(file)!, result: parse(files.get(file)!, file) }));
  const bound = bindFiles(parsed.map((p) => p.result.tree));
  const findings = parsed.length ? runChecksOnFiles(parsed.map((p) => ({ file: p.file, text: p.text, tree: p.result.tree, syntaxFindings: p.result.diagnostics })), bound) : [];
  return { model: bound.model, findings };
}

const nodeKey = (n: ModelNode | undefined) => (n ? `${nodeFile(n)}@${n.decl.start}` : '-');

/** The model as plain text: every node with what the binder worked out, kernels, links, ids, tenants. */
function describeModel(m: Model): string[] {
  const out: string[] = [];
  for (const n of m.nodes) {
    out.push(`${nodeKey(n)} ${n.kind} ${n.id} parent=${nodeKey(n.parent)} depth=${n.depth} children=${n.children.map(nodeKey).join(',')} tenant=${n.tenant}/${nodeKey(n.tenantFrom)} service=${n.service} kernel=${n.kernel?.key} props=${JSON.stringify(n.props)}`);
  }
  out.push(`roots ${m.roots.map(nodeKey).join(',')}`);
  for (const [kind, list] of m.byKind) out.push(`${kind}: ${list.map(nodeKey).join(',')}`);
  for (const k of m.kernels) out.push(`kernel ${k.key} ${k.kind} owner=${nodeKey(k.owner)} base=${k.base?.key} workloads=${k.workloads.map(nodeKey).join(',')} tenants=${k.tenants.join(',')}`);
  for (const l of m.links) out.push(`link ${nodeKey(l.from)} -> ${nodeKey(l.to)} ${l.label} at ${l.decl.start}`);
  for (const id of [...m.byId.keys()].sort()) out.push(`id ${id} ${nodeKey(m.byId.get(id))}`);
  for (const [name, t] of m.tenants) out.push(`tenant ${name} ${nodeKey(t.node)}`);
  return out;
}

/** Findings in a canonical order (the order among findings at the same place is not part of the contract). */
function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => JSON.stringify(f)).sort();
}

/** Equal lists of lines; else a failure naming the lines only one side has (a whole model is too long to diff). */
function sameLines(actual: readonly string[], expected: readonly string[], what: string): void {
  if (actual.length === expected.length && actual.every((l, i) => l === expected[i])) return;
  const a = new Set(actual);
  const e = new Set(expected);
  const extra = actual.filter((l) => !e.has(l)).slice(0, 5);
  const missing = expected.filter((l) => !a.has(l)).slice(0, 5);
  assert.fail(`${what}\nonly incremental:\n  ${extra.join('\n  ')}\nonly from scratch:\n  ${missing.join('\n  ')}${!extra.length && !missing.length ? '\n(the same lines in another order)' : ''}`);
}

const SNIPPETS = [
  'tenant shop { trust: public }',
  'tenant finance { trust: restricted }',
  'tenant lab { trust: public }',
  'extend vm2-1 { engine extra1 { runtime: kata } }',
  'extend extra1 { container xc1 { image: "x:latest"; tenant: lab; app xa1 } }',
  'extend eng3-2 { container dup1 { memory: 64GiB; tenant: finance; service: svc1 } }',
  'extend host5 { memory: 1GiB }',
  'extend nowhere { container lost }',
  // single-host-service (all instances on host2, until one lands elsewhere) and invalid-nesting
  // (its fix names an id no file has: bad1-engine, then bad1-engine2).
  'extend eng2-1 {\n  container solo1 { service: solo }\n  container solo2 { service: solo }\n}',
  'extend eng3-1 { container solo3 { service: solo } }',
  'extend vm4-2 {\n  container bad1 { memory: 1GiB }\n}',
  'extend eng5-1 { container bad1-engine }',
  // A file that extends its own node (when it changes, its old extension must not come back).
  'host own1 { cpu: 2 }\nextend own1 { memory: 1GiB }',
  'c1-1-1 -> c2-1-1 "REST"',
  'app9 -> nowhere',
  '# strata-ignore memory-overcommit: measured',
  '    service: svc2',
  '    tenant: lab',
  '    runtime: gvisor',
  '    os: windows-2022',
  '  container c1-1-1 { memory: 1GiB }',
  'host host3 { cpu: 2 }',
  'cpu: 4',
  '}',
  'extend',
];

describe('project: incremental analysis equals a fresh one', () => {
  for (const seed of [1, 2, 3]) {
    it(`after each of 60 random edits (seed ${seed}), the model and findings equal a from-scratch analysis`, () => {
      const rnd = random(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
      const files = new Map(generateProject(12).files.map((f) => [f.file, f.text]));
      const project = new Project();
      for (const [file, text] of files) project.set(file, text);
      let rebuilt = 0;
      for (let step = 0; step < 60; step++) {
        const names = [...files.keys()];
        const file = pick(names);
        const lines = files.get(file)!.split('\n');
        const at = Math.floor(rnd() * lines.length);
        const what = Math.floor(rnd() * 8);
        let edit = '';
        if (what === 0) {
          lines[at] = lines[at].replace(/\d+/, () => String(Math.floor(rnd() * 200)));
          edit = `number on line ${at}`;
        } else if (what === 1) {
          lines.splice(at, 1);
          edit = `delete line ${at}`;
        } else if (what === 2) {
          lines.splice(at, 0, lines[at]);
          edit = `repeat line ${at}`;
        } else if (what <= 4) {
          const s = pick(SNIPPETS);
          lines.splice(at, 0, s);
          edit = `insert '${s}' at ${at}`;
        } else if (what === 5) {
          // Re-target an extension at another engine (or at a VM), or rename a node.
          lines[at] = lines[at].replace(/\b(eng|vm|c)(\d+)-(\d+)/, (_m, p: string) => `${p}${1 + Math.floor(rnd() * 12)}-${1 + Math.floor(rnd() * 4)}`);
          edit = `re-target line ${at}`;
        } else if (what === 6 && rnd() < 0.5) {
          files.delete(file);
          project.delete(file);
          edit = `delete file ${file}`;
        } else {
          const added = `/bench/teams/new-${step}.strata`;
          files.set(added, `${pick(SNIPPETS)}\n${pick(SNIPPETS)}\n`);
          project.set(added, files.get(added)!);
          edit = `add file ${added}`;
        }
        if (files.has(file) && !edit.startsWith('add')) {
          files.set(file, lines.join('\n'));
          project.set(file, files.get(file)!);
        }
        if (rnd() < 0.3 && step < 59) continue; // sometimes two edits before the next analysis
        const incremental = project.analysis();
        const fresh = fromScratch(files);
        const where = `seed ${seed}, step ${step} (${edit} in ${file})`;
        sameLines(describeModel(incremental.model), describeModel(fresh.model), `model differs at ${where}`);
        sameLines(describeFindings(incremental.findings), describeFindings(fresh.findings), `findings differ at ${where}`);
        rebuilt++;
      }
      assert.ok(rebuilt >= 30, `compared ${rebuilt} times`);
    });
  }

  it("a change of a tenant's trust in another file reaches what the checks kept for the units it does not touch", () => {
    const files = new Map(generateProject(4).files.map((f) => [f.file, f.text]));
    const team = [...files.keys()].find((f) => f.includes('/teams/'))!;
    // A finance container on a shop VM: the VM's kernel is shared by two tenants.
    files.set(team, files.get(team)!.replace('    memory: 512MiB', '    memory: 512MiB\n    tenant: finance'));
    const tenantsFile = '/bench/platform/tenants.strata';
    const project = new Project();
    for (const [file, text] of files) project.set(file, text);
    for (const trust of ['internal', 'public', 'internal']) {
      files.set(tenantsFile, `tenant lab { trust: ${trust} }\n`);
      files.set([...files.keys()].find((f) => f.includes('platform-00'))!, files.get([...files.keys()].find((f) => f.includes('platform-00'))!)!.replace(/tenant shop \{ trust: \w+ \}/, `tenant shop { trust: ${trust} }`));
      for (const [file, text] of files) project.set(file, text);
      const shared = project.analysis().findings.filter((f) => f.rule === 'shared-kernel-tenants');
      assert.equal(shared.length, 1);
      assert.equal(shared[0].severity, trust === 'public' ? 'error' : 'warning', `shop's trust ${trust}`);
      assert.deepEqual(describeFindings(project.analysis().findings), describeFindings(fromScratch(files).findings));
    }
  });

  it('a file that extends its own node, edited and then deleted, leaves nothing of its old extension behind', () => {
    const files = new Map(generateProject(4).files.map((f) => [f.file, f.text]));
    const own = '/bench/teams/own.strata';
    const project = new Project();
    for (const [file, text] of files) project.set(file, text);
    for (const text of ['host own1 { cpu: 2 }\nextend own1 { memory: 1GiB }\nextend eng1-1 { container x1 }\n', 'host own1 { cpu: 4 }\nextend own1 { memory: 2GiB }\nextend eng1-1 { container x1 }\n', undefined]) {
      if (text === undefined) {
        files.delete(own);
        project.delete(own);
      } else {
        files.set(own, text);
        project.set(own, text);
      }
      const fresh = fromScratch(files);
      sameLines(describeModel(project.analysis().model), describeModel(fresh.model), `model differs (${text ?? 'deleted'})`);
      sameLines(describeFindings(project.analysis().findings), describeFindings(fresh.findings), `findings differ (${text ?? 'deleted'})`);
    }
  });

  it('an edit in one team file binds again only the units it extends, and reuses what the checks found in the others', () => {
    const g = generateProject(40);
    const project = new Project();
    for (const f of g.files) project.set(f.file, f.text);
    const before = project.analysis();
    const team = g.files.find((f) => f.file.includes('/teams/'))!;
    project.set(team.file, team.text.replace('memory: 512MiB', 'memory: 90GiB'));
    const after = project.analysis();
    const rebound = new Set(after.model.roots).size - after.model.roots.filter((r) => before.model.roots.includes(r)).length;
    // The team file extends one engine: one host's unit is bound again, the other 39 are the same objects.
    assert.equal(rebound, 1);
    const overcommits = (a: typeof after) => a.findings.filter((f) => f.rule === 'memory-overcommit').length;
    assert.equal(overcommits(after), overcommits(before) + 1, 'the 90 GiB container overcommits its 32 GiB VM');
  });
});
