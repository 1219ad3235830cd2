// Projects (language version 2): the files under a strata.config.json form one model. extend,
// ids, links and tenants across files; findings in the file that declares what they concern,
// related locations in theirs; the incremental project cache; include/exclude; the CLI.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Finding, analyze, parse } from '../../src/core';
import { Project, analyzeProject, globToRegExp, layoutProjects } from '../../src/core/project';
import { parseConfig } from '../../src/core/config';
import { ROOT } from '../helpers/paths';
import { applyTextEdits } from '../../src/core/services/codeActions';
import { complete, definition, documentHighlights, documentSymbols, references, rename, workspaceSymbols } from '../../src/core/services';

const PLATFORM = `tenant shop
tenant finance
host h1 {
  os: ubuntu-22.04
  cpu: 16
  memory: 64GiB
  hypervisor kvm1 {
    product: kvm
    vm shared {
      os: ubuntu-22.04
      cpu: 4
      memory: 8GiB
      engine e1 { product: docker }
    }
  }
}
`;
const TEAM_A = `extend e1 {
  container web {
    image: "a/web:1.0"
    memory: 1GiB
    tenant: shop
  }
}
web -> api
`;
const TEAM_B = `extend e1 {
  container api {
    image: "b/api:2.0"
    memory: 1GiB
    tenant: finance
  }
}
`;

const files = (extra: Record<string, string> = {}) =>
  Object.entries({ '/p/platform.strata': PLATFORM, '/p/team-a.strata': TEAM_A, '/p/team-b.strata': TEAM_B, ...extra }).map(([file, text]) => ({ file, text }));

const brief = (f: Finding) => `${f.file} ${f.rule}`;
/** A project of a platform file and a team file that extends it. */
const platformAndTeam = (platform: string, team: string) =>
  analyzeProject([
    { file: '/p/platform.strata', text: platform },
    { file: '/p/team.strata', text: team },
  ]);

describe('projects: one model across files', () => {
  it('extend places each team\'s containers into the platform\'s VM: shared-kernel-tenants on the VM, related in both team files', () => {
    const p = analyzeProject(files());
    assert.deepEqual(p.findings.map(brief), ['/p/platform.strata shared-kernel-tenants']);
    const f = p.findings[0];
    assert.equal(f.nodeId, 'shared');
    assert.deepEqual(f.related!.map((r) => r.file).sort(), ['/p/team-a.strata', '/p/team-b.strata']);
    const e1 = p.model.byId.get('e1')!;
    assert.deepEqual(e1.children.map((c) => c.id), ['web', 'api']);
    assert.equal(p.model.byId.get('web')!.kernel!.owner.id, 'shared');
    // The link in team-a names a node of team-b.
    assert.equal(p.model.links[0].to?.id, 'api');
  });

  it('file order does not matter: the same findings whatever order the files come in', () => {
    const a = analyzeProject(files());
    const b = analyzeProject(files().reverse());
    assert.deepEqual(b.findings, a.findings);
  });

  it('a duplicate id across files names the other file, and its related location is in that file', () => {
    const p = analyzeProject(files({ '/p/team-c.strata': 'host h1 { os: debian-12 }\n' }));
    const dup = p.findings.find((f) => f.rule === 'duplicate-id')!;
    assert.equal(dup.file, '/p/team-c.strata');
    assert.match(dup.message, /already used by the host declared in platform\.strata/);
    assert.equal(dup.related![0].file, '/p/platform.strata');
    assert.equal(PLATFORM.slice(dup.related![0].span.start, dup.related![0].span.end), 'h1');
  });

  it('extend of an id no file declares is unknown-reference in the extending file, with a suggestion', () => {
    const p = analyzeProject(files({ '/p/team-c.strata': 'extend sharde { memory: 4GiB }\n' }));
    const f = p.findings.find((x) => x.rule === 'unknown-reference')!;
    assert.equal(f.file, '/p/team-c.strata');
    assert.match(f.message, /No file of this project declares a node 'sharde'.*Did you mean 'shared'\?/);
  });

  it('setting through extend a property the node already sets is duplicate-property at the extension, related in the declaring file', () => {
    const text = 'extend shared { memory: 4GiB }\n';
    const p = analyzeProject(files({ '/p/team-c.strata': text }));
    const f = p.findings.find((x) => x.rule === 'duplicate-property')!;
    assert.equal(f.file, '/p/team-c.strata');
    assert.equal(text.slice(f.span.start, f.span.end), 'memory');
    assert.equal(f.related![0].file, '/p/platform.strata');
    assert.equal(p.model.byId.get('shared')!.props.memory, 8 * 1024 ** 3, 'the first value counts');
  });

  it('overcommit counts the workloads every file adds; a property added by extend counts', () => {
    const big = 'extend e1 {\n  container batch {\n    image: "c/batch:1"\n    memory: 7GiB\n    tenant: shop\n  }\n}\n';
    const p = analyzeProject(files({ '/p/team-c.strata': big }));
    const f = p.findings.find((x) => x.rule === 'memory-overcommit')!;
    assert.equal(f.file, '/p/platform.strata');
    assert.ok(f.related!.some((r) => r.file === '/p/team-c.strata'));
    const os = analyzeProject(files({ '/p/team-c.strata': 'extend h1 { arch: arm64 }\n' }));
    assert.equal(os.model.byId.get('h1')!.props.arch, 'arm64');
  });

  it('tenant: values may name a tenant declared in another file (no unknown-tenant)', () => {
    const p = analyzeProject(files());
    assert.equal(p.findings.filter((f) => f.rule === 'unknown-tenant').length, 0);
    assert.equal(p.model.byId.get('web')!.tenant, 'shop');
  });

  it('a lone file may extend its own nodes; extend inside a block is a syntax error', () => {
    const a = analyze('host h { os: debian-12 }\nextend h { app web }\n');
    assert.deepEqual(a.findings.map((f) => f.rule), []);
    assert.deepEqual(a.model.byId.get('h')!.children.map((c) => c.id), ['web']);
    const b = analyze('host h {\n  os: debian-12\n  extend h { app web }\n}\n');
    assert.match(b.findings[0].message, /'extend' may only stand at the top level/);
    const c = analyze('extend nowhere { app x }\n');
    assert.equal(c.findings[0].rule, 'unknown-reference');
    assert.equal(c.findings[0].file, undefined, 'a lone file\'s findings carry no file');
  });

  it('a suppression silences findings of its own file only, even where offsets of two files coincide', () => {
    // The comment on host h1 spans offsets 0–70 of a.strata; the unknown link end is at offset 7 of
    // b.strata. It concerns no node, so only its own file's nodes could own it: none does.
    const a = 'host h1 {  # strata-ignore unknown-reference: pending the new gateway\n  os: debian-12\n  memory: 8GiB\n  engine e1 {\n    container web { image: "a/web:1.0"; memory: 1GiB }\n  }\n}\n';
    const p = analyzeProject([
      { file: '/p/a.strata', text: a },
      { file: '/p/b.strata', text: 'web -> nowhere "x"\n' },
    ]);
    assert.deepEqual(p.findings.map(brief), ['/p/a.strata unused-suppression', '/p/b.strata unknown-reference']);
  });

  it("a suppression in a team file applies to the container its extend adds to another file's engine", () => {
    // The link end 'gateway' concerns no node: its owner is found by offset, among the team
    // file's own nodes (which hang from the platform file's host, not from a root of their own).
    const platform = 'host h1 {\n  os: debian-12\n  memory: 8GiB\n  engine e1 { }\n}\n';
    const team = 'extend e1 {\n  container web {  # strata-ignore unknown-reference: the gateway is deployed next sprint\n    image: "a/web:1.0"\n    memory: 1GiB\n    web -> gateway\n  }\n}\n';
    const p = platformAndTeam(platform, team);
    assert.deepEqual(p.findings.map(brief), []);
    // Without the comment, the finding is there, in the team file.
    const bare = platformAndTeam(platform, team.replace(/ {2}# strata-ignore[^\n]*/, ''));
    assert.deepEqual(bare.findings.map(brief), ['/p/team.strata unknown-reference']);
  });

  it('an unused suppression in the second file is reported there, and its fix removes it from that file', () => {
    const platform = 'host h1 {\n  os: debian-12\n  memory: 8GiB\n  engine e1 { }\n}\n';
    const team = 'extend e1 {\n  # strata-ignore privileged-container: the agent needs the host\n  container web {\n    image: "a/web:1.0"\n    memory: 1GiB\n  }\n}\n';
    const p = platformAndTeam(platform, team);
    assert.deepEqual(p.findings.map(brief), ['/p/team.strata unused-suppression']);
    const f = p.findings[0];
    assert.equal(team.slice(f.span.start, f.span.end), '# strata-ignore privileged-container: the agent needs the host');
    const fixed = applyTextEdits(team, f.fixes![0].edits);
    assert.equal(fixed, 'extend e1 {\n  container web {\n    image: "a/web:1.0"\n    memory: 1GiB\n  }\n}\n');
  });

  it('extend, extend: and extend -> x keep their meanings (a word, a property key, a link end)', () => {
    const a = analyze('host extend { os: debian-12 }\nextend -> extend\n');
    assert.equal(a.model.byId.get('extend')?.kind, 'host');
    assert.equal(a.model.links.length, 1);
  });
});

describe('projects: the incremental cache', () => {
  it('re-parses only the changed file and recomputes only after a change', () => {
    const project = new Project();
    for (const f of files()) project.set(f.file, f.text);
    const first = project.analysis();
    assert.equal(project.analysis(), first, 'cached until a file changes');
    const treeA = first.fileAnalysis('/p/team-a.strata')!.tree;
    assert.equal(project.set('/p/team-b.strata', TEAM_B), false, 'the same text is no change');
    project.set('/p/team-b.strata', TEAM_B.replace('finance', 'shop'));
    const second = project.analysis();
    assert.notEqual(second, first);
    assert.equal(second.fileAnalysis('/p/team-a.strata')!.tree, treeA, 'team-a was not parsed again');
    // The tenants no longer differ: the finding in platform.strata is gone; platform and team-b changed.
    assert.deepEqual(second.findings.map(brief), []);
    assert.deepEqual(second.changedSince(first), ['/p/platform.strata', '/p/team-b.strata']);
  });

  it('deleting the file that declares a node makes the extensions unknown references (and what they declared is gone)', () => {
    const project = new Project();
    for (const f of files()) project.set(f.file, f.text);
    project.delete('/p/platform.strata');
    const findings = project.analysis().findings;
    assert.deepEqual(findings.map(brief), ['/p/team-a.strata unknown-reference', '/p/team-a.strata unknown-reference', '/p/team-a.strata unknown-reference', '/p/team-b.strata unknown-reference']);
    assert.match(findings[0].message, /No file of this project declares a node 'e1'/);
    assert.match(findings[1].message, /There is no node 'web' for this link/);
  });

  it('parse(text, file) stamps every span with the file; parse(text) stamps none', () => {
    const t = parse('host h { os: debian-12 }\nh -> x\n', '/p/a.strata').tree;
    assert.equal((t.statements[0] as { id?: { file?: string } }).id?.file, '/p/a.strata');
    const lone = parse('host h { os: debian-12 }\n').tree;
    assert.equal(Object.hasOwn((lone.statements[0] as { id: object }).id, 'file'), false);
  });
});

describe('projects: editor services across files', () => {
  const at = (text: string, needle: string) => text.indexOf(needle) + 1;
  it('definition of an extend target and references of a link end name their files', () => {
    const p = analyzeProject(files());
    const a = p.fileAnalysis('/p/team-a.strata')!;
    const def = definition(a, at(TEAM_A, 'e1'));
    assert.deepEqual(def.map((d) => `${d.file} ${PLATFORM.slice(d.start, d.end)}`), ['/p/platform.strata e1']);
    const refs = references(a, at(TEAM_A, 'api'));
    assert.deepEqual(refs.map((r) => r.file), ['/p/team-a.strata', '/p/team-b.strata']);
    // Highlights stay in the file.
    assert.deepEqual(documentHighlights(a, at(TEAM_A, 'api')).length, 1);
  });

  it('rename edits every file that writes the name', () => {
    const p = analyzeProject(files());
    const r = rename(p.fileAnalysis('/p/platform.strata')!, at(PLATFORM, 'e1 {'), 'engine-a');
    assert.ok('edits' in r);
    assert.deepEqual(r.edits.map((e) => e.span.file), ['/p/platform.strata', '/p/team-a.strata', '/p/team-b.strata']);
    const clash = rename(p.fileAnalysis('/p/team-a.strata')!, at(TEAM_A, 'web'), 'api');
    assert.ok('error' in clash && /already the id of container 'api' \(line 2 of team-b\.strata\)/.test(clash.error), JSON.stringify(clash));
  });

  it('the outline of a file shows its own nodes; workspace symbols span the files; completion offers every file\'s ids', () => {
    const p = analyzeProject(files());
    assert.deepEqual(documentSymbols(p.fileAnalysis('/p/team-a.strata')!).map((s) => s.name), ['web']);
    assert.deepEqual(workspaceSymbols(p.fileAnalysis('/p/team-a.strata')!, 'a').map((s) => `${s.name} ${s.span.file}`), ['finance /p/platform.strata', 'shared /p/platform.strata', 'api /p/team-b.strata']);
    const text = TEAM_A + 'web -> ';
    const q = new Project();
    for (const f of files()) q.set(f.file, f.file === '/p/team-a.strata' ? text : f.text);
    const labels = complete(q.analysis().fileAnalysis('/p/team-a.strata')!, text.length).map((c) => c.label);
    assert.ok(labels.includes('api') && labels.includes('shared'), labels.join(','));
  });
});

describe('projects: layout, include and exclude', () => {
  it('globs: * within a folder, ** across folders, {a,b}', () => {
    assert.ok(globToRegExp('**/*.strata').test('a.strata'));
    assert.ok(globToRegExp('**/*.strata').test('x/y/a.strata'));
    assert.ok(!globToRegExp('*.strata').test('x/a.strata'));
    assert.ok(globToRegExp('teams/{a,b}.strata').test('teams/b.strata'));
    assert.ok(globToRegExp('drafts').test('drafts/x.strata'));
  });

  it('a file belongs to the nearest config above it; include/exclude narrow it; files with no config are alone', () => {
    const configs = new Map([
      ['/w/p', { exclude: ['drafts/**'] }],
      ['/w/p/nested', {}],
    ]);
    const { projects, alone } = layoutProjects(['/w/p/a.strata', '/w/p/drafts/d.strata', '/w/p/nested/n.strata', '/w/lone.strata', '/w/p/sub/b.strata'], configs);
    assert.deepEqual(projects, [
      { folder: '/w/p', files: ['/w/p/a.strata', '/w/p/sub/b.strata'] },
      { folder: '/w/p/nested', files: ['/w/p/nested/n.strata'] },
    ]);
    assert.deepEqual(alone, ['/w/lone.strata', '/w/p/drafts/d.strata']);
  });

  it('strata.config.json accepts include and exclude (lists of strings) and rejects other shapes', () => {
    const ok = parseConfig('{ "include": ["teams/*.strata"], "exclude": ["drafts/**"] }');
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.files, { include: ['teams/*.strata'], exclude: ['drafts/**'] });
    const bad = parseConfig('{ "include": "teams/*.strata" }');
    assert.match(bad.problems[0].message, /"include" must be a list of glob patterns/);
  });
});

describe('projects: the CLI', function () {
  this.timeout(60_000);
  const CLI = path.join(ROOT, 'dist', 'cli.js');
  const strata = (args: string[], cwd: string) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  };
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-project-'));
    fs.mkdirSync(path.join(dir, 'p', 'teams'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'p', 'strata.config.json'), '{ "exclude": ["drafts/**"] }\n');
    fs.writeFileSync(path.join(dir, 'p', 'platform.strata'), PLATFORM);
    fs.writeFileSync(path.join(dir, 'p', 'teams', 'team-a.strata'), TEAM_A);
    fs.writeFileSync(path.join(dir, 'p', 'teams', 'team-b.strata'), TEAM_B);
    fs.mkdirSync(path.join(dir, 'p', 'drafts'));
    fs.writeFileSync(path.join(dir, 'p', 'drafts', 'wip.strata'), 'extend nothing-yet { app x }\n');
    fs.writeFileSync(path.join(dir, 'lone.strata'), 'host solo { os: debian-12 }\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check of one file checks its whole project; JSON related[].file names the other files', () => {
    const r = strata(['check', '--format', 'json', path.join('p', 'teams', 'team-a.strata')], dir);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { file: string; rule: string; related?: { file?: string }[] }[];
    assert.deepEqual(json.map((f) => `${f.file} ${f.rule}`), [`${path.join('p', 'platform.strata')} shared-kernel-tenants`]);
    assert.deepEqual(json[0].related!.map((x) => x.file).sort(), [path.join('p', 'teams', 'team-a.strata'), path.join('p', 'teams', 'team-b.strata')]);
  });

  it('check of a folder checks every project and lone file in it; excluded files are left out', () => {
    const r = strata(['check', '.'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /in 4 files/);
    assert.doesNotMatch(r.out, /wip\.strata/);
  });

  it('SARIF relatedLocations carry their own file URIs', () => {
    const r = strata(['check', '--format', 'sarif', 'p'], dir);
    const log = JSON.parse(r.out);
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'shared-kernel-tenants');
    const uris = result.relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string } } }) => l.physicalLocation.artifactLocation.uri).sort();
    assert.deepEqual(uris, ['p/teams/team-a.strata', 'p/teams/team-b.strata']);
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'p/platform.strata');
  });

  it('stats and render of a project file show the whole project', () => {
    const stats = strata(['stats', '--format', 'json', path.join('p', 'platform.strata')], dir);
    assert.equal(stats.code, 0, stats.err);
    const json = JSON.parse(stats.out) as { workloads: { id: string; kind: string }[]; sharedKernels: string[] };
    assert.deepEqual(json.workloads.filter((w) => w.kind === 'container').map((w) => w.id).sort(), ['api', 'web']);
    assert.deepEqual(json.sharedKernels, ['guest:shared']);
    const svg = strata(['render', path.join('p', 'teams', 'team-b.strata')], dir);
    assert.equal(svg.code, 0, svg.err);
    assert.match(svg.out, /web/);
    assert.match(svg.out, /api/);
  });

  it('diff of two project folders compares whole projects', () => {
    const head = path.join(dir, 'head');
    fs.cpSync(path.join(dir, 'p'), head, { recursive: true });
    fs.writeFileSync(path.join(head, 'teams', 'team-b.strata'), TEAM_B.replace('tenant: finance', 'tenant: shop'));
    const r = strata(['diff', '--format', 'json', 'p', 'head'], dir);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.deepEqual(d.properties.map((x: { id: string; key: string; file: string }) => `${x.id} ${x.key} ${x.file}`), [`api tenant ${path.join('head', 'teams', 'team-b.strata')}`]);
    assert.equal(d.findings.resolved.length, 1);
    // The HTML page names the files as the JSON does: relative to where strata runs.
    const html = strata(['diff', '--format', 'html', 'p', 'head'], dir);
    assert.equal(html.code, 0, html.err);
    const esc = (x: string) => x.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
    const b = esc(path.join('head', 'teams', 'team-b.strata'));
    assert.match(html.out, /<th>file:line<\/th>/);
    assert.match(html.out, new RegExp(`<td>container api</td><td>h1 › kvm1 › shared › e1</td><td>${b}:2</td><td>~ changed<br>~ tenant: finance → shop \\(${b}:5\\)`));
    assert.doesNotMatch(html.out, new RegExp(esc(dir)), 'no absolute path');
  });
});
