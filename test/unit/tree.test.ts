// The syntax tree's storage (syntax/tree.ts): statements built on demand are stable objects, the
// plain form is what the ast.ts interfaces promise, and the model's lookups agree with the tree.
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { parse } from '../../src/core/syntax/parser';
import { bind } from '../../src/core/model/binder';
import { treeHasUnclosedBlock } from '../../src/core/syntax/tree';
import type { NodeDecl, Property, Statement } from '../../src/core/syntax/ast';

const TEXT = `tenant shop
host h1 "Rack 1" {
  os: ubuntu-22.04
  memory: 64GiB
  engine e1 {
    container web { image: "nginx:1.27"; memory: 512MiB; cpu: 500m; ports: [80, 443] }
    container db { image: "postgres:16"; memory: 1GiB; memory: 2GiB }
  }
}
web -> db "SQL"
`;

function nodes(stmts: readonly Statement[], out: NodeDecl[] = []): NodeDecl[] {
  for (const s of stmts) if (s.type === 'node') out.push(s), s.body && nodes(s.body.statements, out);
  return out;
}

describe('syntax tree storage', () => {
  it('gives the same object each time a statement, name, label or block is read', () => {
    const { tree } = parse(TEXT);
    const host = tree.statements[1] as NodeDecl;
    assert.equal(tree.statements, tree.statements);
    assert.equal(host.body, host.body);
    assert.equal(host.body!.statements[0], host.body!.statements[0]);
    assert.equal(host.id, host.id);
    assert.equal(host.label, host.label);
    assert.equal(host.kindSpan, host.kindSpan);
    const link = tree.statements[2];
    assert.equal(link.type, 'link');
    assert.equal(link, tree.statements[2]);
  });

  it('reads ids, labels, keys, values and spans exactly as written', () => {
    const { tree } = parse(TEXT);
    const host = tree.statements[1] as NodeDecl;
    assert.deepEqual(host.id, { text: 'h1', start: TEXT.indexOf('h1'), end: TEXT.indexOf('h1') + 2 });
    assert.equal(host.label!.value, 'Rack 1');
    assert.deepEqual(host.kindSpan, { start: TEXT.indexOf('host'), end: TEXT.indexOf('host') + 4 });
    const web = nodes(tree.statements).find((n) => n.id?.text === 'web')!;
    const props = web.body!.statements.filter((s): s is Property => s.type === 'property');
    assert.deepEqual(props.map((p) => [p.key.text, TEXT.slice(p.start, p.end)]), [
      ['image', 'image: "nginx:1.27"'],
      ['memory', 'memory: 512MiB'],
      ['cpu', 'cpu: 500m'],
      ['ports', 'ports: [80, 443]'],
    ]);
    assert.deepEqual(props[1].value, { type: 'quantity', start: TEXT.indexOf('512MiB'), end: TEXT.indexOf('512MiB') + 6, value: 512, unit: 'MiB' });
    assert.equal(props[3].value!.type, 'list');
    const link = tree.statements[2];
    assert.ok(link.type === 'link' && link.from.text === 'web' && link.to?.text === 'db' && link.label?.value === 'SQL');
  });

  it('serialises to the plain form of the ast.ts types (no storage details)', () => {
    const { tree } = parse('host h { os: debian-12 }\n');
    assert.deepEqual(JSON.parse(JSON.stringify(tree)), {
      type: 'file',
      start: 0,
      end: 25,
      statements: [
        {
          type: 'node',
          kind: 'host',
          kindSpan: { start: 0, end: 4 },
          id: { text: 'h', start: 5, end: 6 },
          body: {
            open: 7,
            close: 23,
            start: 7,
            end: 24,
            statements: [{ type: 'property', key: { text: 'os', start: 9, end: 11 }, value: { type: 'word', start: 13, end: 22, value: 'debian-12' }, start: 9, end: 22 }],
          },
          start: 0,
          end: 24,
        },
      ],
      comments: [],
    });
  });

  it('hands the checks and the model the same property objects as the tree', () => {
    const a = analyze(TEXT);
    const db = a.model.byId.get('db')!;
    const first = db.decl.body!.statements.find((s) => s.type === 'property' && s.key.text === 'memory');
    assert.equal(db.propDecls.get('memory'), first, 'the first memory line counts');
    const dup = a.findings.find((f) => f.rule === 'duplicate-property')!;
    const second = db.decl.body!.statements.filter((s) => s.type === 'property' && s.key.text === 'memory')[1];
    assert.deepEqual(dup.span, { start: second.start, end: second.start + 'memory'.length }, 'the repeated key is reported');
    assert.equal(db.props.memory, 1024 ** 3);
    assert.equal(a.model.links[0].decl, a.tree.statements[2]);
    assert.deepEqual([...db.propDecls].map(([k]) => k), ['image', 'memory']);
  });

  it('refuses, with a message saying what to pass, a tree that parse() did not make', () => {
    const text = 'host h { os: debian-12 }\n';
    const copy = JSON.parse(JSON.stringify(parse(text).tree));
    assert.throws(() => bind(copy, text), { name: 'TypeError', message: /not made by parse\(\).*Pass the tree parse\(text\) returned/ });
    assert.equal(bind(parse(text).tree, text).model.nodes.length, 1);
  });

  it('knows whether some block is never closed, as the tree shows it', () => {
    const unclosedInTree = (stmts: readonly Statement[]): boolean => nodes(stmts).some((n) => n.body !== undefined && n.body.close < 0);
    for (const text of [TEXT, 'host h {\n  vm v {\n    os: debian-12\n}\n', 'host a {\n  app x\nhost b { os: debian-12 }\n', 'host h { engine e { container c }\n', '}\nhost h {}\n']) {
      const { tree } = parse(text);
      assert.equal(treeHasUnclosedBlock(tree), unclosedInTree(tree.statements), JSON.stringify(text));
    }
    assert.equal(treeHasUnclosedBlock(parse(TEXT).tree), false);
    assert.equal(treeHasUnclosedBlock(parse('host a {\n  app x\nhost b {}\n').tree), true);
  });

  it('looks properties up by key in blocks of any length, first one winning', () => {
    const many = Array.from({ length: 40 }, (_, i) => `  app a${i}`).join('\n');
    const text = `host h {\n  os: debian-12\n${many}\n  memory: 1GiB\n  memory: 2GiB\n}\n`;
    const h = analyze(text).model.byId.get('h')!;
    assert.equal(h.propDecls.has('memory'), true);
    assert.equal(text.slice(h.propDecls.get('memory')!.start, h.propDecls.get('memory')!.end), 'memory: 1GiB');
    assert.equal(h.propDecls.has('cpu'), false);
    assert.equal(h.props.memory, 1024 ** 3);
    assert.equal(analyze('host h').model.byId.get('h')!.propDecls.has('os'), false);
  });
});
