// Document symbols (outline), folding ranges and selection ranges.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core';
import { documentSymbols, foldingRanges, selectionRangeAt, type DocumentSymbol } from '../../../src/core/services';
import { SERVICE_FIXTURES, at, textOf } from './cursor';

const outline = fs.readFileSync(path.join(SERVICE_FIXTURES, 'outline.strata'), 'utf8');

function tree(symbols: readonly DocumentSymbol[]): unknown[] {
  return symbols.map((s) => (s.children.length ? [`${s.kind} ${s.name} [${s.detail}]`, tree(s.children)] : `${s.kind} ${s.name} [${s.detail}]`));
}

describe('services: document symbols', () => {
  it('gives the nodes as a tree with label, os and product as detail', () => {
    assert.deepEqual(tree(documentSymbols(analyze(outline))), [
      'tenant shop [internal]',
      ['host rack1 ["Dell R750 #1"]', [['hypervisor esx1 [esxi]', [['vm ledger-vm ["Ledger" · rhel-9]', ['app ledger []']]]]]],
      ['host laptop [windows-11]', ['hypervisor vbox [virtualbox]']],
    ]);
  });

  it('spans the whole declaration and selects the id', () => {
    const [, rack1] = documentSymbols(analyze(outline));
    assert.equal(textOf(outline, rack1.selectionSpan), 'rack1');
    assert.ok(textOf(outline, rack1.span).startsWith('host rack1 "Dell R750 #1" {'));
    assert.ok(textOf(outline, rack1.span).endsWith('}'));
    const vm = rack1.children[0].children[0];
    for (const s of [rack1, rack1.children[0], vm]) {
      for (const c of s.children) assert.ok(c.span.start >= s.span.start && c.span.end <= s.span.end, 'children inside their parent');
    }
  });

  it('names a node without an id by its kind, selecting the keyword', () => {
    const text = 'host {\n  cpu: 4\n}\n';
    const [s] = documentSymbols(analyze(text));
    assert.equal(s.name, '(host)');
    assert.equal(textOf(text, s.selectionSpan), 'host');
  });

  it('handles deep nesting without recursion limits', () => {
    const depth = 250;
    const text = 'group g0 {\n'.repeat(1) + Array.from({ length: depth }, (_, i) => `group g${i + 1} {`).join('\n') + '\n' + '}\n'.repeat(depth + 1);
    let s = documentSymbols(analyze(text))[0];
    let n = 1;
    while (s.children.length) {
      s = s.children[0];
      n++;
    }
    assert.equal(n, depth + 1);
  });
});

describe('services: folding ranges', () => {
  it('folds blocks, multi-line block comments and runs of line comments', () => {
    const ranges = foldingRanges(analyze(outline)).map((r) => `${r.kind} ${r.startLine + 1}-${r.endLine + 1}`);
    assert.deepEqual(ranges, ['comment 1-2', 'block 5-18', 'comment 8-9', 'block 10-17', 'block 12-16']);
  });

  it('keeps a closing brace that starts its line visible, and folds one that ends content', () => {
    assert.deepEqual(foldingRanges(analyze('host h {\n  cpu: 4\n}\n')), [{ startLine: 0, endLine: 1, kind: 'block' }]);
    assert.deepEqual(foldingRanges(analyze('host h {\n  cpu: 4 }\n')), [{ startLine: 0, endLine: 1, kind: 'block' }]);
    assert.deepEqual(foldingRanges(analyze('host h { cpu: 4 }\n')), []);
  });

  it('folds an unclosed block to its end', () => {
    assert.deepEqual(foldingRanges(analyze('host h {\n  cpu: 4\n  memory: 1GiB\n')), [{ startLine: 0, endLine: 2, kind: 'block' }]);
  });
});

describe('services: selection ranges', () => {
  const chain = (marked: string) => {
    const { analysis, offset, text } = at(marked);
    const out: string[] = [];
    for (let r: ReturnType<typeof selectionRangeAt> | undefined = selectionRangeAt(analysis, offset); r; r = r.parent) out.push(textOf(text, r.span));
    return out;
  };

  it('expands from a value to its property, the block, the node, its parents and the file', () => {
    const text = 'host h {\n  hypervisor x {\n    vm v {\n      memory: 16G|iB\n    }\n  }\n}\n';
    assert.deepEqual(chain(text), [
      '16GiB',
      'memory: 16GiB',
      'vm v {\n      memory: 16GiB\n    }',
      'hypervisor x {\n    vm v {\n      memory: 16GiB\n    }\n  }',
      'host h {\n  hypervisor x {\n    vm v {\n      memory: 16GiB\n    }\n  }\n}',
      'host h {\n  hypervisor x {\n    vm v {\n      memory: 16GiB\n    }\n  }\n}\n',
    ]);
  });

  it('steps through a node header and the inside of a block', () => {
    const got = chain('host h {\n  app a "The A" {\n    cpu: 1\n    memory: 1GiB\n  }\n  app b\n}\n'.replace('app a', 'app |a'));
    assert.deepEqual(got.slice(0, 4), ['a', 'app a "The A"', 'app a "The A" {\n    cpu: 1\n    memory: 1GiB\n  }', 'app a "The A" {\n    cpu: 1\n    memory: 1GiB\n  }\n  app b']);
  });

  it('gives strictly growing ranges everywhere in a file', () => {
    const analysis = analyze(outline);
    for (let offset = 0; offset <= outline.length; offset++) {
      let r: ReturnType<typeof selectionRangeAt> | undefined = selectionRangeAt(analysis, offset);
      assert.ok(r.span.start <= offset && offset <= r.span.end, `range holds offset ${offset}`);
      for (; r?.parent; r = r.parent) {
        const p = r.parent.span;
        assert.ok(p.start <= r.span.start && r.span.end <= p.end && (p.start < r.span.start || r.span.end < p.end), `strictly inside at ${offset}`);
      }
      assert.deepEqual(r?.span, { start: 0, end: outline.length });
    }
  });
});
