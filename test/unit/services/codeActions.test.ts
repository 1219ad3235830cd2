// Code actions: quick fixes from the checks, "suppress with a reason" and "fix all safe
// problems". Every fix and every suppression on every fixture, example, rule example and
// generated model is applied: the result parses (no new syntax errors), the finding is gone,
// and the tokens outside the edits are unchanged. "Fix all" converges.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze, CHECKS, exampleCode, type Finding, type TextEdit } from '../../../src/core';
import { Project } from '../../../src/core/project';
import {
  applyTextEdits,
  codeActions,
  compatibleSafeFixes,
  createLanguageService,
  diffEdits,
  FIX_ALL_KIND,
  fixAll,
  suppression,
  SUPPRESS_REASON_PLACEHOLDER,
} from '../../../src/core/services';
import { generateModel } from '../../../bench/generate';
import { parseAnnotated } from '../../helpers/annotations';
import { damaged, editProblems } from '../../helpers/fixSafety';
import { EXAMPLES, FIXTURES, strataFiles } from '../../helpers/paths';
import { at, withCursor } from './cursor';

interface Doc {
  readonly name: string;
  readonly text: string;
  /** What the rule's examples are checked against (drift), if anything. */
  readonly deployment?: import('../../../src/core/drift/compare').Deployment;
}

function corpus(): Doc[] {
  const docs: Doc[] = [];
  for (const file of [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)]) docs.push({ name: file.slice(FIXTURES.length - 'test/fixtures'.length), text: fs.readFileSync(file, 'utf8') });
  for (const check of CHECKS) {
    check.meta.examples.invalid.forEach((ex, i) => docs.push({ name: `rule ${check.meta.name} invalid example ${i + 1}`, text: parseAnnotated(exampleCode(ex)).text, deployment: check.meta.examples.deployment }));
  }
  // Layouts the fix helpers must handle: a block comment spanning lines right after `{`, a
  // first statement on the `{` line, a `{` on the next line, no block, tabs.
  const edges = [
    'host h { os: debian-12\n  engine e {\n    container web { /* a\n b */ image: "x:1"; app y }\n  }\n}\n',
    'host h { os: debian-12\n  engine e {\n    container web "Web" { image: "x:1"\n      app y }\n  }\n}\n',
    'host h { os: debian-12\n  engine e {\n    container web\n    {\n      app y\n    }\n  }\n}\n',
    'host h { os: debian-12\n  engine e {\n    container web "W"\n  }\n}\n',
    'host h {\n  os: debian-12\n  container web { image: "x:1"; app y } # trailing\n}\n',
    'host h {\n\tos: debian-12\n\tengine e {\n\t\tcontainer web { image: "a\\"{b/*"; app y }\n\t}\n}\n',
    'host h { os: debian-12\n  engine e {\n    container web { # see /* and "quotes\n      app y\n    } /* x */\n  }\n}\n',
  ];
  edges.forEach((text, i) => docs.push({ name: `edge layout ${i + 1}`, text }));
  for (const size of [60, 160]) {
    const g = generateModel(size).text;
    docs.push({ name: `generated ${size}`, text: g });
    docs.push({ name: `generated ${size}, damaged`, text: damaged(g) });
    docs.push({ name: `generated ${size}, damaged, CRLF`, text: damaged(g).replace(/\n/g, '\r\n') });
  }
  return docs;
}

describe('services: code actions', () => {
  describe('quick fixes at the cursor', () => {
    it('offers the check’s fix, preferred when it is the only one, with its finding', () => {
      const { analysis, offset } = at('host h1 {\n  os: debian-12\n  engine e1 { container $0web { image: "nginx:1.27"; app nginx } }\n}\n');
      const actions = codeActions(analysis, { start: offset, end: offset });
      const fix = actions.find((a) => a.title === 'Add a memory limit (512MiB placeholder)');
      assert.ok(fix, actions.map((a) => a.title).join('\n'));
      assert.equal(fix.kind, 'quickfix');
      assert.equal(fix.isPreferred, true);
      assert.deepEqual(fix.findings.map((f) => f.rule), ['no-memory-limit']);
      const fixed = applyTextEdits(analysis.text, fix.edits);
      assert.equal(fixed, 'host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 512MiB; image: "nginx:1.27"; app nginx } }\n}\n');
    });

    it('puts the memory limit at the container’s own level when its `{` line opens another block', () => {
      const text = 'host h1 {\n  os: debian-12\n  engine e1 {\n    container web { image: "nginx:1.27"; app nginx {\n      cpu: 1\n    } }\n  }\n}\n';
      const f = analyze(text).findings.find((x) => x.rule === 'no-memory-limit')!;
      const fixed = applyTextEdits(text, f.fixes![0].edits);
      assert.equal(fixed, text.replace('container web { image', 'container web { memory: 512MiB; image'));
      assert.deepEqual(analyze(fixed).findings.map((x) => x.rule), []);
    });

    it('offers nothing away from findings', () => {
      const { analysis, offset } = at('host h1 {\n  os: $0debian-12\n  app web\n}\n');
      assert.deepEqual(codeActions(analysis, { start: offset, end: offset }), []);
    });

    it('covers every finding a selection meets', () => {
      const marked = 'host h1 {\n  os: debian-12\n  $0memroy: 4GiB\n  dsik: 1TB\n}\n';
      const { text, offset } = withCursor(marked);
      const analysis = analyze(text);
      const end = text.indexOf('1TB');
      const titles = codeActions(analysis, { start: offset, end }).map((a) => a.title);
      assert.ok(titles.includes("Change 'memroy' to 'memory'"), titles.join('\n'));
      assert.ok(titles.includes("Change 'dsik' to 'disk'"), titles.join('\n'));
      assert.ok(titles.includes("Suppress 'unknown-property' for host 'h1': …"), titles.join('\n'));
    });

    it('limits to the requested kinds', () => {
      const { analysis, offset } = at('host h1 { os: debian-12; $0memroy: 4GiB }\n');
      assert.deepEqual(codeActions(analysis, { start: offset, end: offset }, { only: [FIX_ALL_KIND] }), []);
      assert.ok(codeActions(analysis, { start: offset, end: offset }, { only: ['quickfix'] }).length >= 2);
    });
  });

  describe('suppress with a reason', () => {
    it('inserts the comment on the line before the owning node, at its indentation, with a placeholder reason', () => {
      const { analysis, offset } = at('host h1 {\n  os: debian-12\n  engine e1 {\n    container $0web { image: "nginx:1.27"; app nginx }\n  }\n}\n');
      const action = codeActions(analysis, { start: offset, end: offset }).find((a) => a.title.startsWith("Suppress 'no-memory-limit'"));
      assert.ok(action);
      assert.equal(action.title, "Suppress 'no-memory-limit' for container 'web': …");
      const fixed = applyTextEdits(analysis.text, action.edits);
      assert.equal(
        fixed,
        'host h1 {\n  os: debian-12\n  engine e1 {\n    # strata-ignore no-memory-limit: TODO: why this is acceptable\n    container web { image: "nginx:1.27"; app nginx }\n  }\n}\n',
      );
      const p = action.placeholder!;
      assert.equal(action.edits[p.edit].newText.slice(p.start, p.end), SUPPRESS_REASON_PLACEHOLDER);
      assert.deepEqual(analyze(fixed).findings.map((f) => f.rule), []);
    });

    it('breaks the line when the node shares it with its parent, keeping CRLF', () => {
      const text = 'host h1 {\r\n  os: debian-12\r\n  engine e1 { container web { image: "nginx:1.27"; app nginx } }\r\n}\r\n';
      const analysis = analyze(text);
      const finding = analysis.findings.find((f) => f.rule === 'no-memory-limit')!;
      const s = suppression(analysis, finding)!;
      const fixed = applyTextEdits(text, [s.edit]);
      assert.equal(
        fixed,
        'host h1 {\r\n  os: debian-12\r\n  engine e1 {\r\n    # strata-ignore no-memory-limit: TODO: why this is acceptable\r\n    container web { image: "nginx:1.27"; app nginx } }\r\n}\r\n',
      );
      assert.deepEqual(analyze(fixed).findings.map((f) => f.rule), []);
    });

    it('takes a reason of the caller’s', () => {
      const analysis = analyze('host h1 {\n  os: debian-12\n  memory: 8\n}\n');
      const s = suppression(analysis, analysis.findings.find((f) => f.rule === 'invalid-value')!, 'legacy inventory export')!;
      assert.equal(s.edit.newText, '# strata-ignore invalid-value: legacy inventory export\n');
    });

    it('is not offered for syntax errors or findings outside nodes', () => {
      const analysis = analyze('cpu: 4\nhost a { os: debian-12 }\nhost a { os: debian-12 }\nhost b {\n  os:\n}\na -> nowhere\n');
      const rules = analysis.findings.map((f) => f.rule).sort();
      assert.deepEqual(rules, ['duplicate-id', 'invalid-nesting', 'syntax', 'unknown-reference']);
      for (const f of analysis.findings) if (f.rule !== 'duplicate-id') assert.equal(suppression(analysis, f), undefined, f.rule);
    });

    it('lands on the node that has the finding when its id repeats, and silences only that one', () => {
      const text = 'host a { os: debian-12 }\nhost a { os: debian-12 }\n';
      const analysis = analyze(text);
      const s = suppression(analysis, analysis.findings.find((f) => f.rule === 'duplicate-id')!)!;
      const fixed = applyTextEdits(text, [s.edit]);
      assert.equal(fixed, 'host a { os: debian-12 }\n# strata-ignore duplicate-id: TODO: why this is acceptable\nhost a { os: debian-12 }\n');
      assert.deepEqual(analyze(fixed).findings.map((f) => f.rule), []);
      // The finding carries its node: a copy that crossed JSON (as a diagnostic does) lands on the
      // same node, the second 'a', not the first one of that id (issue 14).
      const copy = JSON.parse(JSON.stringify(analysis.findings.find((f) => f.rule === 'duplicate-id')));
      assert.deepEqual(suppression(analysis, copy)?.edit, s.edit);
    });

    it('is one action for several findings of one rule on one node', () => {
      const marked = 'host h1 {\n  os: debian-12\n  engine e { container $0c { memory: 1GiB; image: "a:1"; network: host; pid: host; app x } }\n}\n';
      const { text } = withCursor(marked);
      const analysis = analyze(text);
      const actions = codeActions(analysis, { start: 0, end: text.length }).filter((a) => a.title.startsWith("Suppress 'host-namespace'"));
      assert.equal(actions.length, 1);
      assert.equal(actions[0].findings.length, 2);
      assert.deepEqual(analyze(applyTextEdits(text, actions[0].edits)).findings.map((f) => f.rule), []);
    });
  });

  describe('every fix and every suppression applies cleanly', function () {
    this.timeout(120_000);
    const docs = corpus();
    let fixesTried = 0;
    let suppressionsTried = 0;
    const rulesFixed = new Set<string>();
    const broken: string[] = [];

    for (const doc of docs) {
      it(doc.name, () => {
        const a = analyze(doc.text, { deployment: doc.deployment });
        for (const f of a.findings) {
          const attempts: { what: string; edits: readonly TextEdit[] }[] = (f.fixes ?? []).map((fix) => ({ what: `fix "${fix.title}"`, edits: fix.edits }));
          const s = suppression(a, f);
          if (s) attempts.push({ what: 'suppression', edits: [s.edit] });
          for (const { what, edits } of attempts) {
            const label = `${doc.name}: ${f.rule} at ${f.span.start}: ${what}`;
            const problems = editProblems(doc.text, f, edits, what === 'suppression');
            if (problems.length) broken.push(`${label}: ${problems.join('; ')}`);
            if (what === 'suppression') suppressionsTried++;
            else {
              fixesTried++;
              rulesFixed.add(f.rule);
            }
          }
        }
      });
    }

    after(() => {
      // Printed so the run shows how much was covered.
      console.log(`      ${fixesTried} fixes (rules: ${[...rulesFixed].sort().join(', ')}) and ${suppressionsTried} suppressions applied over ${docs.length} documents`);
    });

    it('(the checker itself catches broken fixes)', () => {
      const text = 'host h1 {\n  os: debian-12\n  memroy: 4GiB\n}\nhost h2 { os: debian-12 }\n';
      const f = analyze(text).findings.find((x) => x.rule === 'unknown-property')!;
      const key = f.span;
      assert.match(editProblems(text, f, [{ span: key, newText: 'memroy' }], false).join(), /still there/);
      assert.match(editProblems(text, f, [{ span: key, newText: 'memory: {' }], false).join(), /syntax errors/);
      assert.match(editProblems(text, f, [{ span: key, newText: 'memory' }, { span: { start: key.start + 2, end: key.end } , newText: '' }], false).join(), /overlap/);
      assert.match(editProblems(text, f, [{ span: key, newText: 'memory: 1GiB /*' }, { span: { start: text.length - 3, end: text.length - 3 }, newText: '*/' }], false).join(), /token/);
      assert.deepEqual(editProblems(text, f, [{ span: key, newText: 'memory' }], false), []);
    });

    it('… with no broken fix or suppression anywhere', () => {
      assert.deepEqual(broken, []);
      assert.ok(fixesTried > 50, `only ${fixesTried} fixes were tried`);
      assert.ok(suppressionsTried > 50, `only ${suppressionsTried} suppressions were tried`);
      // Every rule that declares a fix has been exercised at least once.
      const declared = CHECKS.filter((c) => c.meta.fix !== 'none').map((c) => c.meta.name);
      for (const rule of declared) assert.ok(rulesFixed.has(rule), `no fix of '${rule}' was tried`);
    });
  });

  describe('fix all', () => {
    // These tests give findings with safe fixes through `analyze`; the last ones use the real checks.
    /** Each `TODO` is a finding with a safe fix that makes it `DONE`; `DONE DONE` becomes a new `TODO`. */
    const todoAnalyzer = (text: string) => {
      const findings: Finding[] = [];
      for (const m of text.matchAll(/TODO/g)) {
        const span = { start: m.index!, end: m.index! + 4 };
        findings.push({ rule: 'todo', severity: 'warning', message: 'todo', span, fixes: [{ title: 'Do it', safe: true, edits: [{ span, newText: 'DONE' }] }] });
      }
      for (const m of text.matchAll(/DONE DONE/g)) {
        const span = { start: m.index!, end: m.index! + 9 };
        findings.push({ rule: 'pair', severity: 'info', message: 'pair', span, fixes: [{ title: 'Merge', safe: true, edits: [{ span, newText: 'TODO' }] }] });
      }
      for (const m of text.matchAll(/MAYBE/g)) {
        const span = { start: m.index!, end: m.index! + 5 };
        findings.push({ rule: 'maybe', severity: 'info', message: 'maybe', span, fixes: [{ title: 'Unsafe', safe: false, edits: [{ span, newText: 'NO' }] }] });
      }
      return { findings };
    };

    it('applies every safe fix, re-analyses and converges', () => {
      const r = fixAll('TODO TODO MAYBE\nTODO\n', { analyze: todoAnalyzer });
      // Round 1: three TODOs → DONE; round 2: "DONE DONE" → TODO; round 3: TODO → DONE.
      assert.equal(r.text, 'DONE MAYBE\nDONE\n');
      assert.equal(r.converged, true);
      assert.equal(r.rounds, 3);
      assert.equal(r.applied, 5);
      assert.equal(applyTextEdits('TODO TODO MAYBE\nTODO\n', r.edits), r.text);
    });

    it('gives the fixes themselves as edits after one round', () => {
      const r = fixAll('a TODO b\n', { analyze: todoAnalyzer });
      assert.deepEqual(r.edits, [{ span: { start: 2, end: 6 }, newText: 'DONE' }]);
      assert.equal(r.rounds, 1);
    });

    it('stops at the round limit without converging', () => {
      // A fix that always leaves another finding behind.
      const endless = () => ({ findings: [{ rule: 'grow', severity: 'info' as const, message: 'grow', span: { start: 0, end: 0 }, fixes: [{ title: 'Grow', safe: true, edits: [{ span: { start: 0, end: 0 }, newText: 'x' }] }] }] as Finding[] });
      const r = fixAll('', { analyze: endless, maxRounds: 4 });
      assert.equal(r.text, 'xxxx');
      assert.equal(r.converged, false);
      assert.equal(r.rounds, 4);
    });

    it('refuses a round that adds syntax errors', () => {
      const breaker = (text: string) => ({
        findings: text.includes('{')
          ? ([{ rule: 'x', severity: 'info', message: 'x', span: { start: 0, end: 0 }, fixes: [{ title: 'Break', safe: true, edits: [{ span: { start: text.length, end: text.length }, newText: '{' }] }] }] as Finding[])
          : [],
      });
      const r = fixAll('host a {}\n', { analyze: (t) => ({ findings: [...breaker(t).findings, ...analyze(t).findings] }) });
      assert.equal(r.text, 'host a {}\n');
      assert.equal(r.applied, 0);
      assert.equal(r.converged, false);
    });

    it('never takes overlapping or touching fixes in one round', () => {
      const f = (start: number, end: number, text: string): Finding => ({ rule: 'r', severity: 'info', message: 'm', span: { start, end }, fixes: [{ title: text, safe: true, edits: [{ span: { start, end }, newText: text }] }] });
      const chosen = compatibleSafeFixes([f(0, 4, 'a'), f(2, 6, 'b'), f(4, 4, 'c'), f(7, 9, 'd')]);
      assert.deepEqual(chosen.map((c) => c.fix.title), ['a', 'd']);
    });

    it('analyses the later rounds of a project file with the project, through `reanalyze`', () => {
      // Round 1 removes the repeated cpu. Alone, the platform file has no tenants' containers on
      // apps-vm, so its suppression would look unused and round 2 would delete it; with the team
      // file it still silences shared-kernel-tenants and stays.
      const platform =
        'tenant shop { trust: internal }\ntenant payments { trust: restricted }\nhost rack1 {\n  cpu: 32\n  cpu: 32\n  memory: 256GiB\n  hypervisor esx1 {\n    product: esxi\n' +
        '    # strata-ignore shared-kernel-tenants: accepted for the pilot\n    vm apps-vm {\n      cpu: 8\n      memory: 32GiB\n      os: ubuntu-22.04\n      engine ctr1 { product: containerd }\n    }\n  }\n}\n';
      const teams = 'extend ctr1 {\n  container a { image: "shop/a:1"; memory: 1GiB; tenant: shop }\n  container b { image: "pay/b:1"; memory: 1GiB; tenant: payments }\n}\n';
      const project = new Project();
      project.set('teams.strata', teams);
      project.set('platform.strata', platform);
      const analysis = project.analysis().fileAnalysis('platform.strata')!;
      assert.deepEqual(analysis.findings.map((f) => f.rule), ['duplicate-property']);
      const reanalyze = (text: string) => {
        project.set('platform.strata', text);
        return project.analysis().fileAnalysis('platform.strata')!;
      };
      const service = createLanguageService();
      const fixed = service.fixAll(analysis, reanalyze);
      assert.equal(fixed.text, platform.replace('  cpu: 32\n  cpu: 32\n', '  cpu: 32\n'));
      assert.equal(fixed.applied, 1);
      // The source action ("fix all" on save) takes the same path.
      project.set('platform.strata', platform);
      const action = service.codeActions(analysis, { start: 0, end: 0 }, { only: [FIX_ALL_KIND], reanalyze })[0]!;
      assert.equal(applyTextEdits(platform, action.edits), fixed.text);
    });

    it('does nothing on files with no finding that has a safe fix', () => {
      for (const doc of corpus().slice(0, 20)) {
        const r = fixAll(doc.text);
        assert.equal(r.applied, 0, doc.name);
        assert.equal(r.text, doc.text);
        assert.equal(r.converged, true);
      }
    });
  });

  describe('diffEdits', () => {
    it('replaces only the changed middle, never splitting a CRLF or a surrogate pair', () => {
      assert.deepEqual(diffEdits('abcdef', 'abXYef'), [{ span: { start: 2, end: 4 }, newText: 'XY' }]);
      assert.deepEqual(diffEdits('same', 'same'), []);
      const a = 'a\r\nb';
      const b = 'a\r\r\nb';
      assert.equal(applyTextEdits(a, diffEdits(a, b)), b);
      const e = diffEdits('x\u{1F600}y', 'x\u{1F601}y');
      assert.equal(applyTextEdits('x\u{1F600}y', e), 'x\u{1F601}y');
      assert.equal(e[0].span.end - e[0].span.start, 2);
    });
  });
});
