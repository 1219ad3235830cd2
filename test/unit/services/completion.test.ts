// Completion: fixture files with a cursor marker list the items expected (`# expect:`), the
// items that must not appear (`# reject:`) or the exact list (`# exactly:`); inline cases check
// what an item inserts, the range it replaces, its documentation and trigger characters.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core';
import { complete, completionContext, resolveCompletionItem } from '../../../src/core/services';
import { at, cursorFixtures, textOf } from './cursor';

const labels = (marked: string, trigger?: string) => {
  const { analysis, offset } = at(marked);
  return complete(analysis, offset, trigger ? { triggerCharacter: trigger } : {}).map((i) => i.label);
};
const item = (marked: string, label: string) => {
  const { analysis, offset, text } = at(marked);
  const found = complete(analysis, offset).find((i) => i.label === label);
  assert.ok(found, `no item '${label}'`);
  return { ...found, replaced: textOf(text, found.span), text };
};

describe('services: completion', () => {
  describe('fixtures', () => {
    for (const fixture of cursorFixtures('completion')) {
      it(fixture.name, () => {
        const items = complete(analyze(fixture.text), fixture.offset);
        // `exactly` and `expect` are about the language's items; `snippets` lists the snippets
        // offered there, exactly.
        const got = items.filter((i) => i.kind !== 'snippet').map((i) => i.label);
        const snippets = fixture.expectations.get('snippets');
        if (snippets) assert.deepEqual(items.filter((i) => i.kind === 'snippet').map((i) => i.label).sort(), [...snippets].sort());
        for (const label of fixture.expectations.get('reject') ?? []) assert.ok(!items.some((i) => i.label === label && i.kind === 'snippet'), `did not expect a snippet '${label}'`);
        const exactly = fixture.expectations.get('exactly');
        if (exactly) assert.deepEqual([...got].sort(), [...exactly].sort());
        for (const label of fixture.expectations.get('expect') ?? []) assert.ok(got.includes(label), `expected '${label}' in [${got.join(', ')}]`);
        for (const label of fixture.expectations.get('reject') ?? []) assert.ok(!got.includes(label), `did not expect '${label}' in [${got.join(', ')}]`);
        assert.ok(exactly || fixture.expectations.has('expect'), 'a fixture states what it expects');
      });
    }
  });

  it('inserts a kind as a block snippet', () => {
    const container = item('host h { os: debian-12\n  engine e {\n    |\n  }\n}\n', 'container');
    assert.equal(container.kind, 'kind');
    assert.equal(container.snippet, true);
    assert.equal(container.insertText, 'container ${1:id} {\n\t$0\n}');
    assert.match(container.documentation ?? '', /May stand in: an engine, a pod/);
  });

  it('replaces the word being typed', () => {
    const c = item('host h { os: debian-12\n  engine e {\n    cont|\n  }\n}\n', 'container');
    assert.equal(c.replaced, 'cont');
    const os = item('host h {\n  os: ubu|ntu\n}\n', 'ubuntu-22.04');
    assert.equal(os.replaced, 'ubuntu', 'the whole word, also after the cursor');
  });

  it('inserts a property with its colon and a value placeholder, and re-triggers for catalogue values', () => {
    const memory = item('host h {\n  |\n}\n', 'memory');
    assert.equal(memory.insertText, 'memory: ${1:16GiB}');
    assert.equal(memory.snippet, true);
    const os = item('host h {\n  |\n}\n', 'os');
    assert.equal(os.insertText, 'os: ');
    assert.equal(os.retrigger, true);
    const network = item('host h { os: debian-12\n  engine e { container c {\n  |\n  } }\n}\n', 'network');
    assert.equal(network.insertText, 'network: ${1|bridge,host,none|}');
    assert.match(memory.detail ?? '', /size with a unit/);
    assert.match(memory.documentation ?? '', /Physical memory/);
  });

  it('inserts only the key when a colon already follows', () => {
    const m = item('host h {\n  mem|: 4GiB\n}\n', 'memory');
    assert.equal(m.insertText, 'memory');
    assert.equal(m.replaced, 'mem');
    assert.ok(!labels('host h {\n  mem|: 4GiB\n}\n').includes('engine'), 'no kinds before a colon');
  });

  it('offers the key under the cursor even though the node sets it', () => {
    assert.ok(labels('host h {\n  mem|ory: 4GiB\n}\n').includes('memory'));
  });

  it('documents catalogue values with their figures and sources', () => {
    const ubuntu = item('host h {\n  os: |\n}\n', 'ubuntu-22.04');
    assert.equal(ubuntu.kind, 'catalogue');
    assert.equal(ubuntu.detail, 'Ubuntu 22.04 LTS · linux');
    assert.match(ubuntu.documentation ?? '', /Minimum memory: \*\*2 GiB\*\*/);
    assert.match(ubuntu.documentation ?? '', /Source: .*osinfo/i);
    const esxi = item('host h { hypervisor x {\n  product: |\n} }\n', 'esxi');
    assert.equal(esxi.detail, 'VMware ESXi · type 1');
    const gvisor = item('host h { os: debian-12\n engine e { runtime: | } }\n', 'gvisor');
    assert.match(gvisor.detail ?? '', /user-space kernel/);
    assert.match(gvisor.documentation ?? '', /Start time per container: \*\*1\.1 s\*\*/);
  });

  it('adds a space after a colon typed without one', () => {
    const { analysis, offset } = at('host h {\n  os:|\n}\n');
    const items = complete(analysis, offset, { triggerCharacter: ':' });
    const debian = items.find((i) => i.label === 'debian-12');
    assert.equal(debian?.insertText, ' debian-12');
    assert.equal(debian?.filterText, 'debian-12');
  });

  it('inserts a link source with its arrow', () => {
    const web = item('host h { os: debian-12\n  engine e { container web {} }\n}\nwe|\n', 'web');
    assert.equal(web.insertText, 'web -> ');
    assert.equal(web.retrigger, true);
    assert.equal(web.kind, 'node');
    assert.equal(web.nodeKind, 'container');
    assert.match(web.detail ?? '', /container in engine e/);
  });

  it('documents a node id when the item is resolved', () => {
    const { analysis, offset } = at('tenant shop { trust: internal }\nhost h { os: debian-12\n  engine e { container web { tenant: shop } }\n}\nh -> |\n');
    const web = complete(analysis, offset).find((i) => i.label === 'web')!;
    assert.equal(web.documentation, undefined, 'left to resolve: there may be thousands');
    const doc = resolveCompletionItem(analysis, web).documentation ?? '';
    assert.match(doc, /\*\*container\*\* `web`/);
    assert.match(doc, /- In engine `e` in host `h`/);
    assert.match(doc, /- Tenant: `shop`/);
    assert.match(doc, /- Kernel: the host kernel of host `h` \(debian-12\)/);
    const os = complete(analysis, offset).find((i) => i.label === 'e')!;
    assert.equal(resolveCompletionItem(analysis, resolveCompletionItem(analysis, os)).documentation?.startsWith('**engine** `e`'), true);
  });

  it('before an arrow, offers node ids only, inserted bare', () => {
    const { analysis, offset } = at('host h { os: debian-12\n  engine e { container web {} }\n}\nwe| -> h\n');
    const items = complete(analysis, offset);
    assert.deepEqual(items.map((i) => i.label).sort(), ['e', 'h', 'web']);
    assert.equal(items.find((i) => i.label === 'web')?.insertText, 'web');
  });

  it('replaces only the unit of a half-typed quantity', () => {
    const gib = item('host h {\n  memory: 512Gi|\n}\n', 'GiB');
    assert.equal(gib.replaced, 'Gi');
    assert.equal(gib.insertText, 'GiB');
    assert.equal(gib.detail, '512GiB');
    const mib = item('host h {\n  memory: 512|\n}\n', 'MiB');
    assert.equal(mib.replaced, '', 'after a bare number the unit is inserted at the cursor');
  });

  it('answers trigger characters only where they open a list', () => {
    assert.deepEqual(labels('host h {\n   |\n}\n', ' '), [], 'indentation does not pop up a list');
    assert.ok(labels('host h {\n  os: |\n}\n', ' ').includes('debian-12'));
    assert.ok(labels('host h { app a }\nh ->|\n', '>').includes('a'));
    assert.deepEqual(labels('host h {\n  a -|\n}\n', '>'), []);
  });

  it('marks declared tenants and counts uses', () => {
    const { analysis, offset } = at('tenant shop { trust: internal }\nhost h { hypervisor x {\n vm a { tenant: shop }\n vm b { tenant: | }\n} }\n');
    const shop = complete(analysis, offset).find((i) => i.label === 'shop');
    assert.equal(shop?.kind, 'tenant');
    assert.equal(shop?.detail, 'declared tenant · trust internal · used 1×');
  });

  it('knows the context on half-typed lines', () => {
    const ctx = (marked: string) => {
      const { analysis, offset } = at(marked);
      return completionContext(analysis, offset).type;
    };
    assert.equal(ctx('host h {\n  os: \n  |'), 'statement');
    assert.equal(ctx('host h {\n  os:|'), 'value');
    assert.equal(ctx('host h {\n  memory: 4|'), 'unit');
    assert.equal(ctx('a ->|'), 'linkTarget');
    assert.equal(ctx('a -> b |'), 'none');
    assert.equal(ctx('host h "lab|el" {}'), 'none');
    assert.equal(ctx('/* |'), 'none');
    assert.equal(ctx('|'), 'statement');
  });
});
