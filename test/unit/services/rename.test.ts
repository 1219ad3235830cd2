// Rename: the edits are applied and the result must analyze with the same findings (no new
// ones), the text outside the renamed ranges must be unchanged, and comments and strings are
// never touched; invalid, reserved and clashing names and unrenamable positions are refused
// with a message.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type TextEdit } from '../../../src/core';
import { prepareRename, rename } from '../../../src/core/services';
import { SERVICE_FIXTURES, applyEdits, offsetOf, textOf } from './cursor';

const text = fs.readFileSync(path.join(SERVICE_FIXTURES, 'references.strata'), 'utf8');
const analysis = analyze(text);

function renamed(offset: number, newName: string, source = text): { result: string; edits: readonly TextEdit[] } {
  const a = source === text ? analysis : analyze(source);
  const r = rename(a, offset, newName);
  assert.ok(!('error' in r), 'error' in r ? r.error : '');
  const result = applyEdits(source, r.edits);
  // Same findings (by rule) before and after: nothing new, nothing lost.
  const rules = (t: string) => analyze(t).findings.map((f) => f.rule).sort();
  assert.deepEqual(rules(result), rules(source), 'the renamed text has the same findings');
  // Outside the renamed ranges the text is unchanged.
  const sorted = [...r.edits].sort((x, y) => x.span.start - y.span.start);
  let from = 0;
  let to = 0;
  for (const e of sorted) {
    const len = e.span.start - from;
    assert.equal(result.slice(to, to + len), source.slice(from, e.span.start), 'unchanged between edits');
    to += len + e.newText.length;
    from = e.span.end;
  }
  assert.equal(result.slice(to), source.slice(from), 'unchanged after the last edit');
  for (const e of r.edits) assert.equal(textOf(source, e.span), a.text.slice(e.span.start, e.span.end));
  return { result, edits: r.edits };
}

const refusal = (offset: number, newName: string, source = text) => {
  const r = rename(source === text ? analysis : analyze(source), offset, newName);
  assert.ok('error' in r, 'refused');
  return r.error;
};

describe('services: rename', () => {
  it('renames a node id: its declaration and every link end, not comments, strings or labels', () => {
    const { result, edits } = renamed(offsetOf(text, 'container web ', 11), 'frontend');
    assert.equal(edits.length, 2);
    assert.match(result, /container frontend "web" \{/);
    assert.match(result, /^frontend -> reports "web calls reports"$/m);
    assert.match(result, /# The word web in this comment and the string "web" below are never touched\./);
    assert.match(result, /image: "acme\/web:1\.4\.2"/);
    assert.match(result, /service: web/, 'a service of the same name is another symbol');
    assert.equal(analyze(result).model.byId.get('frontend')?.kind, 'container');
  });

  it('renames from a link end', () => {
    const { result } = renamed(offsetOf(text, 'web2 -> reports', 10), 'reporting-job');
    assert.equal((result.match(/reporting-job/g) ?? []).length, 4);
    assert.match(result, /service: reporting$/m);
  });

  it('renames a tenant: its declaration and every value, from either', () => {
    for (const offset of [offsetOf(text, 'tenant shop', 8), offsetOf(text, 'tenant: shop', 9, 1)]) {
      const { result, edits } = renamed(offset, 'retail');
      assert.equal(edits.length, 3);
      assert.match(result, /^tenant retail \{ trust: internal \}$/m);
      assert.equal((result.match(/tenant: retail/g) ?? []).length, 2);
      assert.equal(analyze(result).model.byId.get('web')?.tenant, 'retail');
    }
  });

  it('renames a service everywhere it is set', () => {
    const { result, edits } = renamed(offsetOf(text, 'service: web', 10), 'storefront');
    assert.equal(edits.length, 2);
    assert.equal((result.match(/service: storefront/g) ?? []).length, 2);
    assert.match(result, /container web "web"/);
  });

  it('renames a name that appears once, and gives no edits for the same name', () => {
    renamed(offsetOf(text, 'service: reporting', 10), 'reports-svc');
    const same = rename(analysis, offsetOf(text, 'container web ', 11), 'web');
    assert.deepEqual(same, { edits: [] });
  });

  it('prepares the exact range and placeholder', () => {
    const p = prepareRename(analysis, offsetOf(text, 'tenant: finance', 12));
    assert.ok(!('error' in p));
    assert.equal(textOf(text, p.span), 'finance');
    assert.equal(p.placeholder, 'finance');
    assert.equal(p.symbol.kind, 'tenant');
  });

  it('refuses positions that hold no renamable name, saying why', () => {
    const prepared = (offset: number) => {
      const p = prepareRename(analysis, offset);
      assert.ok('error' in p, 'refused');
      return p.error;
    };
    assert.match(prepared(offsetOf(text, 'container web', 2)), /'container' is a node kind \(a reserved word\)/);
    assert.match(prepared(offsetOf(text, 'memory: 512MiB', 2)), /'memory' is a property key/);
    assert.match(prepared(offsetOf(text, 'ubuntu-22.04', 3)), /This value of 'os' is not a name that can be renamed/);
    assert.match(prepared(offsetOf(text, 'The word web', 10)), /Comments are never renamed/);
    assert.match(prepared(offsetOf(text, '"web calls', 3)), /Labels are strings/);
    assert.match(prepared(offsetOf(text, 'container web "web"', 16)), /Labels are strings/);
    assert.match(prepared(offsetOf(text, '    }\n    container web2', 4)), /Only node ids, tenants and services can be renamed/);
    assert.match(refusal(offsetOf(text, 'memory', 1), 'ram'), /'memory' is a property key/);
  });

  it('refuses invalid names', () => {
    const at = offsetOf(text, 'container web ', 11);
    assert.match(refusal(at, 'front end'), /'front end' is not a valid name: use letters, digits, '_' and '-'/);
    assert.match(refusal(at, '9lives'), /not a valid name/);
    assert.match(refusal(at, 'web.v2'), /not a valid name/);
    assert.match(refusal(at, ''), /not a valid name/);
    assert.match(refusal(at, 'container'), /'container' is a reserved word \(a node kind\)/);
    assert.match(refusal(at, 'true'), /'true' is a boolean value/);
  });

  it('refuses names already in use', () => {
    assert.match(refusal(offsetOf(text, 'container web ', 11), 'reports'), /'reports' is already the id of container 'reports' \(line 21\): ids must be unique/);
    assert.match(refusal(offsetOf(text, 'container web ', 11), 'finance'), /'finance' is already the id of tenant 'finance' \(line 4\)/);
    assert.match(refusal(offsetOf(text, 'tenant shop', 8), 'finance'), /'finance' is already the id of tenant 'finance'/);
    assert.match(refusal(offsetOf(text, 'tenant shop', 8), 'rack1'), /'rack1' is already the id of host 'rack1'/);
    assert.match(refusal(offsetOf(text, 'service: web', 10), 'reporting'), /Service 'reporting' already exists \(line 25\): renaming would merge two services/);
    const undeclared = 'host h { hypervisor x {\n  vm a { tenant: ops }\n  vm b { tenant: dev }\n} }\n';
    assert.match(refusal(undeclared.indexOf('ops') + 1, 'dev', undeclared), /Tenant 'dev' is already used \(line 3\): renaming would merge two tenants/);
  });

  it('renames an undeclared tenant without touching nodes of that name', () => {
    const source = 'host ops { hypervisor x {\n  vm a { tenant: ops }\n  vm b { tenant: ops }\n} }\n';
    const { result } = renamed(source.indexOf('tenant: ops') + 9, 'platform', source);
    assert.equal(result, 'host ops { hypervisor x {\n  vm a { tenant: platform }\n  vm b { tenant: platform }\n} }\n');
  });
});
