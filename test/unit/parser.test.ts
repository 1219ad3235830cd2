// Parser tests: snapshot fixtures (broken input included), lossless tokens, exact ranges,
// recovery that keeps later statements, and "every prefix of every fixture parses".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../src/core/syntax/parser';
import { Tok, pieces } from '../../src/core/syntax/scanner';
import type { Statement } from '../../src/core/syntax/ast';
import { printTree } from '../helpers/treePrinter';
import { EXAMPLES, FIXTURES, strataFiles } from '../helpers/paths';
import { LineIndex } from '../../src/core/text/lineIndex';

const PARSER_FIXTURES = path.join(FIXTURES, 'parser');

function snapshot(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const r = parse(text);
  const lines = new LineIndex(text);
  const diags = r.diagnostics.map((d) => {
    const p = lines.positionAt(d.span.start);
    return `${p.line + 1}:${p.character + 1} ${d.rule}: ${d.message}`;
  });
  return `${printTree(r.tree, text)}\n--- diagnostics\n${diags.join('\n')}\n`;
}

function allStatements(stmts: readonly Statement[], out: Statement[] = []): Statement[] {
  for (const s of stmts) {
    out.push(s);
    if (s.type === 'node' && s.body) allStatements(s.body.statements, out);
  }
  return out;
}

describe('parser', () => {
  describe('snapshots', () => {
    for (const file of strataFiles(PARSER_FIXTURES)) {
      it(path.basename(file), () => {
        const snapFile = file.replace(/\.strata$/, '.snap');
        const actual = snapshot(file);
        if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(snapFile)) fs.writeFileSync(snapFile, actual);
        assert.equal(actual, fs.readFileSync(snapFile, 'utf8'));
      });
    }
  });

  it('parses the language page example without errors', () => {
    const text = fs.readFileSync(path.join(PARSER_FIXTURES, 'language-page-example.strata'), 'utf8');
    const r = parse(text);
    assert.deepEqual(r.diagnostics, []);
    const kinds = allStatements(r.tree.statements).filter((s) => s.type === 'node').map((s) => (s.type === 'node' ? `${s.kind}:${s.id?.text}` : ''));
    assert.deepEqual(kinds, [
      'tenant:shop', 'tenant:finance', 'host:rack1', 'hypervisor:esx1', 'vm:ledger-vm', 'app:ledger', 'vm:node1',
      'engine:ctr1', 'container:web', 'app:nginx', 'container:reports', 'app:reporter', 'app:cron', 'host:laptop', 'hypervisor:vbox',
    ]);
  });

  it('reads quantities, strings, booleans, lists and words', () => {
    const r = parse('host h { memory: 512GiB; cpu: 0.5; os: ubuntu-22.04; x: "a \\"b\\" \\\\"; y: true; z: [a, 2, 3s] }');
    assert.deepEqual(r.diagnostics, []);
    const node = r.tree.statements[0];
    assert.equal(node.type, 'node');
    const props = node.type === 'node' ? node.body!.statements : [];
    const v = props.map((p) => (p.type === 'property' ? p.value : undefined));
    assert.deepEqual(v[0] && { ...v[0] }, { type: 'quantity', value: 512, unit: 'GiB', start: 17, end: 23 });
    assert.equal(v[1]?.type === 'number' && v[1].value, 0.5);
    assert.equal(v[2]?.type === 'word' && v[2].value, 'ubuntu-22.04');
    assert.equal(v[3]?.type === 'string' && v[3].value, 'a "b" \\');
    assert.equal(v[4]?.type === 'boolean' && v[4].value, true);
    assert.equal(v[5]?.type === 'list' && v[5].items.length, 3);
  });

  it('treats a kind word followed by a colon as a property (tenant: x)', () => {
    const r = parse('host h {\n  tenant: finance\n}');
    const node = r.tree.statements[0];
    assert.ok(node.type === 'node' && node.body!.statements[0].type === 'property');
  });

  it('splits `a->b` into a link', () => {
    const r = parse('a->b "x"');
    assert.deepEqual(r.diagnostics, []);
    const s = r.tree.statements[0];
    assert.ok(s.type === 'link' && s.from.text === 'a' && s.to?.text === 'b' && s.label?.value === 'x');
  });

  it('keeps parsing after an early syntax error', () => {
    const r = parse('host a {\n  memory: : 4GiB\n}\nhost b { os: debian-12 }\nhost c { os: debian-12 }\n');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.tree.statements.length, 3);
  });

  it('recovers from a missing } by indentation, so later hosts stay at the top', () => {
    const r = parse('host a {\n  engine e {\n    container c {\n      app x\n  }\n}\nhost b {\n  os: debian-12\n}\n');
    const tops = r.tree.statements.map((s) => (s.type === 'node' ? s.id?.text : s.type));
    assert.deepEqual(tops, ['a', 'b']);
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /never closed/);
  });

  it('reports one clear error past the depth limit, without overflowing the stack', () => {
    const depth = 100_000;
    const text = 'group g {'.repeat(depth) + '}'.repeat(depth);
    const r = parse(text);
    assert.equal(r.diagnostics.filter((d) => /Nested too deeply/.test(d.message)).length, 1);
  });

  it('is lossless and keeps every range inside the text, for every fixture and example', () => {
    for (const file of [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)]) {
      const text = fs.readFileSync(file, 'utf8');
      const r = parse(text);
      let joined = '';
      for (const piece of pieces(r.tokens)) {
        if (piece.kind === Tok.Whitespace) assert.match(text.slice(piece.start, piece.end), /^[ \t\f\v\ufeff]+$/);
        joined += text.slice(piece.start, piece.end);
      }
      assert.equal(joined, text, file);
      for (const s of allStatements(r.tree.statements)) {
        assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${file}: statement range`);
      }
      for (const d of r.diagnostics) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, file);
    }
  });

  it('parses every prefix of every example and fixture without throwing', function () {
    this.timeout(120_000);
    for (const file of [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)]) {
      const text = fs.readFileSync(file, 'utf8');
      for (let i = 0; i <= text.length; i++) {
        const r = parse(text.slice(0, i));
        for (const d of r.diagnostics) assert.ok(d.span.end <= i, `${file} prefix ${i}`);
      }
    }
  });
});
