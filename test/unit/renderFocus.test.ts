// The preview's focus (src/core/render/focus.ts): one host, VM, tenant or service with its
// context (ancestors, the kernel it shares, one hop of links), and the picture drawn from it.
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { analyzeProject } from '../../src/core/project';
import { focusAnalysis, focusChoices, focusOn, parseFocusValue, renderLayersSvg } from '../../src/core/render';

const MODEL = `tenant shop { trust: internal }
tenant bank { trust: restricted }
host h1 {
  os: ubuntu-22.04
  hypervisor kvm1 {
    product: kvm
    vm a {
      os: ubuntu-22.04
      engine e1 {
        container web { tenant: shop; service: web; app web-app }
        container pay { tenant: bank; service: pay; app pay-app }
      }
    }
    vm b {
      os: ubuntu-22.04
      tenant: bank
      engine e2 { container ledger { service: ledger; app ledger-app } }
    }
  }
}
host h2 {
  os: debian-12
  engine e3 { container web2 { tenant: shop; service: web; app web2-app } }
}
host h3 { os: debian-12 }
web -> ledger "charge"
`;

const ids = (nodes: Iterable<{ id: string | undefined }>) => [...nodes].map((n) => n.id).sort();

describe('render: focus', () => {
  const analysis = analyze(MODEL);
  const model = analysis.model;

  it('on a VM: the VM and everything in it, its ancestors, and one hop of links (not the other VM’s other content or other hosts)', () => {
    const f = focusOn(model, { node: 'b' })!;
    assert.equal(f.label, "vm 'b'");
    assert.deepEqual(ids(f.core), ['b', 'e2', 'ledger', 'ledger-app']);
    // web links to ledger: web comes with its ancestors, not its siblings.
    assert.deepEqual(ids(f.nodes), ['a', 'b', 'e1', 'e2', 'h1', 'kvm1', 'ledger', 'ledger-app', 'web']);
  });

  it('on a container: the other workloads on the kernel it shares come too', () => {
    const f = focusOn(model, { node: 'web' })!;
    assert.ok(ids(f.nodes).includes('pay'), 'pay shares vm a’s guest kernel with web');
    assert.ok(ids(f.nodes).includes('pay-app'));
    assert.ok(ids(f.nodes).includes('ledger'), 'one hop of the link web -> ledger');
    assert.ok(!ids(f.nodes).includes('h2'));
    assert.ok(!ids(f.nodes).includes('ledger-app'), 'the far end of a link comes without its content');
  });

  it('on a tenant: every node of the tenant (own or inherited), across hosts, with where each runs', () => {
    const f = focusOn(model, { tenant: 'shop' })!;
    assert.equal(f.label, "tenant 'shop'");
    assert.deepEqual(ids(f.core), ['web', 'web-app', 'web2', 'web2-app']);
    assert.ok(ids(f.nodes).includes('h2') && ids(f.nodes).includes('h1'));
    assert.ok(ids(f.nodes).includes('pay'), 'bank’s container shares web’s kernel: it is shown');
    assert.ok(!ids(f.nodes).includes('h3'));
  });

  it('on a service: its instances on both hosts', () => {
    const f = focusOn(model, { service: 'web' })!;
    assert.deepEqual(ids(f.core), ['web', 'web-app', 'web2', 'web2-app']);
  });

  it('names nothing: undefined (a tenant declaration is not a focus either)', () => {
    assert.equal(focusOn(model, { node: 'nope' }), undefined);
    assert.equal(focusOn(model, { tenant: 'nobody' }), undefined);
    assert.equal(focusOn(model, { node: 'shop' }), undefined);
    assert.equal(parseFocusValue('vm:x'), undefined);
    assert.deepEqual(parseFocusValue('node:a:b'), { node: 'a:b' });
  });

  it('the focused picture draws the kept nodes only, with the findings about them, and clicks still lead to the source', () => {
    const whole = renderLayersSvg(analysis);
    const narrowed = focusAnalysis(analysis, { node: 'b' })!;
    const svg = renderLayersSvg(narrowed.analysis, { note: 'Focused on vm b' });
    for (const id of ['b', 'ledger', 'web', 'h1']) assert.match(svg, new RegExp(`data-id="${id}"`));
    for (const id of ['h2', 'h3', 'pay', 'web2']) {
      assert.match(whole, new RegExp(`data-id="${id}"`));
      assert.doesNotMatch(svg, new RegExp(`data-id="${id}"`));
    }
    assert.match(svg, /Focused on vm b/);
    // The link between two kept nodes is drawn.
    assert.match(svg, /data-from="web" data-to="ledger"/);
    // Positions are the source's (a click reveals the declaration).
    const start = MODEL.indexOf('vm b');
    assert.match(svg, new RegExp(`data-id="b"[^>]*data-start="${start}"`));
    // Findings: only about kept nodes; the unfocused model keeps all of them.
    assert.ok(narrowed.analysis.findings.every((f) => f.nodeId !== undefined && narrowed.analysis.model.byId.has(f.nodeId)));
    assert.ok(analysis.findings.length > narrowed.analysis.findings.length);
    // The model is untouched: the original nodes keep all their children.
    assert.equal(model.byId.get('h1')!.children.length, 1);
    assert.equal(model.byId.get('kvm1')!.children.length, 2);
    assert.equal(narrowed.analysis.model.byId.get('kvm1')!.children.length, 2);
    assert.equal(narrowed.analysis.model.byId.get('e1')!.children.length, 1, 'only web of e1’s two containers');
  });

  it('offers hosts, VMs, tenants and services, and works on a project’s whole model', () => {
    const labels = focusChoices(model).map((c) => c.label);
    assert.deepEqual(labels, ['host h1', 'host h2', 'host h3', 'vm a', 'vm b', 'tenant bank', 'tenant shop', 'service ledger', 'service pay', 'service web']);
    const project = analyzeProject([
      { file: '/p/platform.strata', text: 'host h1 { os: debian-12\n engine e1 }\nhost h2 { os: debian-12 }\n' },
      { file: '/p/team.strata', text: 'extend e1 { container c1 { tenant: t1 } }\n' },
    ]);
    const f = focusAnalysis(project.whole('/p/team.strata'), { tenant: 't1' })!;
    assert.deepEqual(ids(f.analysis.model.nodes), ['c1', 'e1', 'h1']);
    const svg = renderLayersSvg(f.analysis);
    assert.match(svg, /data-id="c1"[^>]*data-file="team.strata"/);
  });
});
