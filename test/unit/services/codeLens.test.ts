// CodeLens over hosts: kernels, tenants and allocation against capacity, from the model.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core';
import { codeLenses } from '../../../src/core/services';
import { FIXTURES } from '../../helpers/paths';
import { at } from './cursor';

const LANGUAGE_PAGE = fs.readFileSync(path.join(FIXTURES, 'parser', 'language-page-example.strata'), 'utf8');
const KITCHEN_SINK = fs.readFileSync(path.join(FIXTURES, 'render', 'kitchen-sink.strata'), 'utf8');

/** The lens of the host the cursor is in. */
function lensAt(marked: string) {
  const { analysis, offset } = at(marked);
  const lens = codeLenses(analysis).find((l) => l.summary.host.decl.start <= offset && offset <= l.summary.host.decl.end);
  assert.ok(lens, 'no lens at the cursor');
  return lens;
}

describe('services: code lens', () => {
  it('summarises each host of the language page', () => {
    const lenses = codeLenses(analyze(LANGUAGE_PAGE));
    assert.deepEqual(
      lenses.map((l) => [l.nodeId, l.title]),
      [
        ['rack1', '2 kernels · tenants: finance, shop · CPU 20/64 cores · memory 80 GiB/512 GiB'],
        ['laptop', '1 kernel · no tenants'],
      ],
    );
    const rack1 = lenses[0];
    assert.equal(LANGUAGE_PAGE.slice(rack1.span.start, rack1.span.end), 'host');
    assert.match(rack1.tooltip, /2 operating-system kernels run on host 'rack1'/);
    assert.match(rack1.tooltip, /CPU: 20 given to 2 workloads of 64 cores/);
  });

  it('counts sandbox and micro-VM kernels, and containers’ fractional CPUs', () => {
    const lens = codeLenses(analyze(KITCHEN_SINK)).find((l) => l.nodeId === 'k8s1');
    assert.ok(lens);
    // The host kernel, the kata pod's micro-VM, and the gVisor container's sandbox.
    assert.match(lens.title, /^3 kernels · tenants: payments, web-team · /);
  });

  it('says what is given when the host has no capacity set', () => {
    const lens = lensAt('$0host h {\n  os: debian-12\n  engine e {\n    container a { memory: 1GiB; cpu: 500m; image: "a:1"; app x }\n    container b { memory: 512MiB; cpu: 250m; image: "b:1"; app y }\n  }\n}\n');
    assert.equal(lens.title, '1 kernel · no tenants · CPU 0.75 cores given · memory 1.5 GiB given');
    assert.equal(lens.summary.memory.workloads, 2);
  });

  it('shows overcommitment as it is', () => {
    const lens = lensAt('host $0h {\n  cpu: 4\n  memory: 8GiB\n  hypervisor kvm1 {\n    product: kvm\n    vm a { cpu: 4; memory: 8GiB; os: debian-12; tenant: t1 }\n    vm b { cpu: 4; memory: 8GiB; os: debian-12; tenant: t2 }\n  }\n}\n');
    assert.equal(lens.title, '3 kernels · tenants: t1, t2 · CPU 8/4 cores · memory 16 GiB/8 GiB');
  });

  it('has no lens without hosts, and a lens for a host without an id', () => {
    assert.deepEqual(codeLenses(analyze('tenant t { trust: public }\n')), []);
    const lenses = codeLenses(analyze('host {\n  os: debian-12\n}\n'));
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].nodeId, undefined);
  });
});
