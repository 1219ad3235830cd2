// The facade: findings of the language page's example, kernels, inheritance, suppression,
// severity overrides and fault isolation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { CHECKS } from '../../src/core/checks/registry';
import { FIXTURES } from '../helpers/paths';

const example = fs.readFileSync(path.join(FIXTURES, 'parser', 'language-page-example.strata'), 'utf8');

describe('analyze', () => {
  it('binds the language page example: kernels, tenants, links', () => {
    const a = analyze(example);
    const m = a.model;
    const web = m.byId.get('web')!;
    assert.equal(web.tenant, 'shop');
    assert.equal(web.service, 'web');
    assert.equal(web.kernel?.key, 'guest:node1');
    assert.equal(m.byId.get('ledger')!.tenant, 'finance', 'inherited from the VM');
    assert.equal(m.byId.get('ledger')!.kernel?.key, 'guest:ledger-vm');
    assert.equal(m.byId.get('reporter')!.kernel?.key, 'guest:node1');
    assert.equal(m.byId.get('laptop')!.kernel?.kind, 'host');
    assert.equal(m.byId.get('rack1')!.kernel, undefined, 'rack1 has no os');
    assert.equal(m.links.length, 1);
    assert.equal(m.links[0].to?.id, 'ledger');
    assert.equal(m.tenants.get('finance')?.node.props.trust, 'restricted');
    assert.equal(m.byId.get('web')!.props.memory, 512 * 1024 ** 2);
    assert.equal(m.byId.get('web')!.props.cpu, 500, 'cpu: 500m is held as 500 millicores');
    assert.equal(m.byId.get('rack1')!.props.disk, 4e12);
  });

  it('gives the example no structure errors', () => {
    const errors = analyze(example).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => `${f.rule}: ${f.message}`), []);
  });

  it('gives each gVisor container and each kata pod its own kernel', () => {
    const a = analyze(`host h {
  os: ubuntu-24.04
  engine g { runtime: gvisor
    container a { app x }
    container b { app y }
  }
  engine k { runtime: kata
    pod p1 { container c { app z }; container d { app w } }
    container lone { app v }
  }
  engine r { container e { app u } }
}`);
    const k = (id: string) => a.model.byId.get(id)!.kernel?.key;
    assert.equal(k('a'), 'sandbox:a');
    assert.equal(k('b'), 'sandbox:b');
    assert.equal(k('c'), 'microvm:p1');
    assert.equal(k('d'), 'microvm:p1');
    assert.equal(k('lone'), 'microvm:lone');
    assert.equal(k('e'), 'host:h');
    assert.equal(k('u'), 'host:h');
  });

  it('applies a suppression comment with a reason to the next node only', () => {
    const text = 'host h1 {\n  # strata-ignore missing-os: provisioned by PXE later\n  app a\n  app b\n}';
    const rules = analyze(text).findings.map((f) => `${f.rule}:${f.nodeId}`);
    assert.deepEqual(rules, ['missing-os:b']);
  });

  it('applies a suppression to the node after it even when its id repeats (not to the other node of that id)', () => {
    const text = 'host h1 {\n  os: debian-12\n  engine e {\n    # strata-ignore no-memory-limit: batch job\n    container c { image: "x:1" }\n    container c { image: "y:1" }\n  }\n}\n';
    const findings = analyze(text).findings.map((f) => `${f.rule}@${f.span.start}`);
    const second = text.lastIndexOf('container c') + 'container '.length;
    assert.deepEqual(findings, [`duplicate-id@${second}`, `no-memory-limit@${second}`]);
  });

  it('rejects a suppression without a reason or with an unknown rule', () => {
    const a = analyze('host h1 {\n  # strata-ignore missing-os\n  app a\n  # strata-ignore no-such-rule: because\n  app b\n}');
    const rules = a.findings.map((f) => f.rule);
    assert.deepEqual(rules, ['invalid-suppression', 'missing-os', 'invalid-suppression', 'missing-os']);
  });

  it('honours severity overrides and off', () => {
    const text = 'host h1 { memroy: 4GiB }';
    assert.equal(analyze(text, { rules: { 'unknown-property': 'error' } }).findings[0].severity, 'error');
    assert.equal(analyze(text, { rules: { 'unknown-property': 'off' } }).findings.length, 0);
  });

  it('turns a throwing check into one internal-error finding and keeps the others', () => {
    const check = CHECKS.find((c) => c.meta.name === 'duplicate-id')!;
    const original = check.run;
    (check as { run: typeof original }).run = () => {
      throw new Error('boom');
    };
    try {
      const a = analyze('host h1 { memroy: 4GiB }');
      assert.deepEqual(a.findings.map((f) => f.rule).sort(), ['internal-error', 'unknown-property']);
      assert.match(a.findings.find((f) => f.rule === 'internal-error')!.message, /duplicate-id.*boom/);
    } finally {
      (check as { run: typeof original }).run = original;
    }
  });

  it('finds later errors after an early syntax error', () => {
    const a = analyze('host a {\n  memory: : 4GiB\n}\nhost b { os: debian-12 }\nhost b { os: debian-12 }\n');
    assert.deepEqual(a.findings.map((f) => f.rule), ['syntax', 'duplicate-id']);
  });
});
