// Snippets (src/core/services/snippets.ts): offered by the completion list only where what they
// write may stand (issue 13: inside an engine, no `vm` or `hypervisor` snippet), and each one,
// expanded with every choice, is valid Strata. They are no longer static editor snippets.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHECKS_BY_NAME, ENGINE_CATALOGUE, HYPERVISOR_CATALOGUE, OS_CATALOGUE, RUNTIME_CATALOGUE, analyze } from '../../../src/core';
import { complete } from '../../../src/core/services';
import { SNIPPETS, snippetsFor } from '../../../src/core/services/snippets';
import { ALLOWED_CHILDREN, type ParentKind } from '../../../src/core/model/nesting';
import { ROOT } from '../../helpers/paths';
import { at } from './cursor';

const snippetLabels = (marked: string) => {
  const { analysis, offset } = at(marked);
  return complete(analysis, offset)
    .filter((i) => i.kind === 'snippet')
    .map((i) => i.label);
};

/** The snippet's body with placeholders replaced: the k-th choice of each list, the defaults. */
function expand(body: string, k: number): string {
  return body
    .replace(/\$\{\d+\|([^|]*)\|\}/g, (_, list: string) => list.split(',')[k % list.split(',').length])
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

describe('services: snippets', () => {
  it('inside an engine: pod and container snippets, no vm, hypervisor, host or group', () => {
    const labels = snippetLabels('host h { os: debian-12\n  engine e {\n    product: docker\n    |\n  }\n}\n');
    for (const l of ['pod', 'container', 'link', 'strata-ignore']) assert.ok(labels.includes(l), `'${l}' in [${labels.join(', ')}]`);
    for (const l of ['vm', 'vm-tenant', 'hypervisor', 'host', 'group', 'engine', 'app', 'tenant']) assert.ok(!labels.includes(l), `no '${l}' in [${labels.join(', ')}]`);
  });

  it('inside a hypervisor only VMs; inside a VM engines, apps and nested hypervisors; nothing in an app', () => {
    assert.deepEqual(snippetLabels('host h {\n  hypervisor hv {\n    product: kvm\n    |\n  }\n}\n').sort(), ['ignore', 'link', 'strata-ignore', 'vm', 'vm-tenant']);
    const inVm = snippetLabels('host h {\n  hypervisor hv {\n    product: kvm\n    vm v {\n      os: debian-12\n      |\n    }\n  }\n}\n');
    for (const l of ['engine', 'app', 'hypervisor']) assert.ok(inVm.includes(l), `'${l}' in a VM`);
    for (const l of ['vm', 'container', 'pod', 'host']) assert.ok(!inVm.includes(l), `no '${l}' in a VM`);
    assert.deepEqual(snippetLabels('host h { os: debian-12\n  app a {\n    |\n  }\n}\n'), []);
  });

  it('none after a key, in a value, in a comment or in a string', () => {
    assert.deepEqual(snippetLabels('host h {\n  os: |\n}\n'), []);
    assert.deepEqual(snippetLabels('# a comment |\n'), []);
    assert.deepEqual(snippetLabels('host h "a |" {}\n'), []);
  });

  it('a snippet item inserts its body as a snippet, with its description', () => {
    const { analysis, offset } = at('|\n');
    const host = complete(analysis, offset).find((i) => i.kind === 'snippet' && i.label === 'host')!;
    assert.equal(host.snippet, true);
    assert.match(host.insertText, /^host \$\{1:host1\} "\$\{2:Dell R750 #1\}" \{\n\tcpu: /);
    assert.match(host.documentation ?? '', /physical machine/);
  });

  it('every kind snippet stands where the nesting table allows its kind, and only there', () => {
    for (const parent of Object.keys(ALLOWED_CHILDREN) as ParentKind[]) {
      for (const s of snippetsFor(parent)) {
        if (s.stands === 'link' || s.stands === 'suppression') assert.ok(ALLOWED_CHILDREN[parent].length > 0, `${s.label} in ${parent}`);
        else assert.ok(ALLOWED_CHILDREN[parent].includes(s.stands), `${s.label} may not stand in ${parent}`);
      }
    }
  });

  it('has a snippet for each kind, a link and a strata-ignore comment, each with a description', () => {
    const labels = SNIPPETS.flatMap((s) => [s.label, ...(s.aliases ?? [])]);
    for (const p of ['group', 'host', 'hypervisor', 'vm', 'engine', 'pod', 'container', 'app', 'tenant', 'link', 'strata-ignore']) assert.ok(labels.includes(p), `a snippet '${p}'`);
    for (const s of SNIPPETS) assert.ok(s.description.length > 20, `${s.label} has a helpful description`);
  });

  it('every choice is a catalogue id, trust level or rule name Strata knows; strata-ignore lists every rule', () => {
    const known = new Set([...OS_CATALOGUE, ...HYPERVISOR_CATALOGUE, ...ENGINE_CATALOGUE, ...RUNTIME_CATALOGUE].map((e) => e.id).concat([...CHECKS_BY_NAME.keys()], ['public', 'internal', 'restricted']));
    for (const s of SNIPPETS) {
      for (const m of s.body.matchAll(/\$\{\d+\|([^|]*)\|\}/g)) for (const choice of m[1].split(',')) assert.ok(known.has(choice), `${s.label}: unknown choice '${choice}'`);
    }
    const ignore = SNIPPETS.find((s) => s.label === 'strata-ignore')!;
    const rules = /\$\{1\|([^|]*)\|\}/.exec(ignore.body)![1].split(',');
    assert.deepEqual(rules.sort(), [...CHECKS_BY_NAME.keys()].sort());
  });

  it('expanded with every choice, each snippet is valid Strata (no syntax, property or value errors)', () => {
    const rules = new Set(['syntax', 'unknown-property', 'invalid-value', 'unknown-catalog-value', 'invalid-suppression', 'invalid-nesting']);
    for (const s of SNIPPETS) {
      const choiceCount = Math.max(1, ...[...s.body.matchAll(/\$\{\d+\|([^|]*)\|\}/g)].map((m) => m[1].split(',').length));
      for (let k = 0; k < choiceCount; k++) {
        let text = expand(s.body, k);
        // Each where it may stand: a suppression needs a node after it, a link its two ends.
        if (s.stands === 'suppression') text += '\nhost h1 { os: debian-12 }';
        else if (s.stands === 'link') text = 'host from { os: debian-12 }\nhost to { os: debian-12 }\n' + text;
        else if (['hypervisor', 'engine', 'app'].includes(s.stands)) text = `host h0 {\n  os: debian-12\n${text}\n}`;
        else if (s.stands === 'vm') text = `host h0 {\n  hypervisor hv0 {\n    product: kvm\n${text}\n  }\n}`;
        else if (s.stands === 'pod' || s.stands === 'container') text = `host h0 {\n  os: debian-12\n  engine e0 {\n    product: docker\n${text}\n  }\n}`;
        const problems = analyze(text).findings.filter((f) => rules.has(f.rule));
        assert.deepEqual(problems.map((f) => `${f.rule}: ${f.message}`), [], `${s.label}, expanded as:\n${text}`);
      }
    }
  });

  it('the extension contributes no static snippets (they would be offered everywhere)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, unknown> };
    assert.equal(pkg.contributes.snippets, undefined);
  });
});
