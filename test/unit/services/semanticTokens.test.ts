// Semantic tokens: what TextMate cannot tell. Cursor markers name the token to look at.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze, type Analysis } from '../../../src/core';
import { encodeSemanticTokens, semanticTokens, SEMANTIC_TOKENS_LEGEND, type SemanticToken } from '../../../src/core/services';
import { EXAMPLES, FIXTURES, strataFiles } from '../../helpers/paths';
import { at } from './cursor';

/** The token at the cursor, as `type` or `type.modifier.modifier`. */
function tokenAt(marked: string): string | undefined {
  const { analysis, offset } = at(marked);
  const t = semanticTokens(analysis).find((x) => x.start <= offset && offset < x.end);
  return t ? [t.type, ...t.modifiers].join('.') : undefined;
}

const SAMPLE = `tenant shop { trust: internal }
host rack1 {
  os: ubuntu-22.04
  hypervisor hv { product: esxi }
  engine e1 {
    product: dockr
    runtime: gvisor
    container web { network: host; pid: private; tenant: shop; service: api; image: "a:1"; app nginx }
  }
}
web -> nginx "HTTP"
`;

describe('services: semantic tokens', () => {
  const cases: [string, string | undefined][] = [
    ['$0host rack1 {', 'keyword'],
    ['host $0rack1 {', 'type.declaration'],
    ['tenant $0shop {', 'namespace.declaration'],
    ['$0os: ubuntu', 'property'],
    ['os: $0ubuntu-22.04', 'enumMember.defaultLibrary'],
    ['product: $0esxi', 'enumMember.defaultLibrary'],
    ['product: $0dockr', 'enumMember.unknown'],
    ['runtime: $0gvisor', 'enumMember.defaultLibrary'],
    ['network: $0host', 'enumMember'],
    ['pid: $0private', 'enumMember'],
    ['trust: $0internal', 'enumMember'],
    ['tenant: $0shop', 'namespace'],
    ['service: $0api', 'interface'],
    ['image: $0"a:1"', undefined],
    ['$0web -> nginx', 'variable'],
    ['web -> $0nginx', 'variable'],
    ['app $0nginx', 'type.declaration'],
  ];
  for (const [needle, expected] of cases) {
    it(`${needle.replace('$0', '|')} → ${expected ?? 'nothing (TextMate colours it)'}`, () => {
      const i = SAMPLE.indexOf(needle.replace('$0', ''));
      assert.ok(i >= 0, needle);
      const marked = SAMPLE.slice(0, i) + needle + SAMPLE.slice(i + needle.length - 2);
      assert.equal(tokenAt(marked), expected);
    });
  }

  it('limits to a range', () => {
    const a = analyze(SAMPLE);
    const start = SAMPLE.indexOf('container web');
    const tokens = semanticTokens(a, { start, end: start + 'container web'.length });
    assert.deepEqual(tokens.map((t) => SAMPLE.slice(t.start, t.end)), ['container', 'web']);
  });

  it('encodes tokens relative to each other, as the editor protocol wants', () => {
    const a = analyze('host h1 {\n  os: debian-12\n}\nh1 -> h1\n');
    const tokens = semanticTokens(a);
    const data = encodeSemanticTokens(a, tokens);
    assert.deepEqual(data, [0, 0, 4, 0, 0, 0, 5, 2, 1, 1, 1, 2, 2, 3, 0, 0, 4, 9, 4, 2, 2, 0, 2, 2, 0, 0, 6, 2, 2, 0]);
    assert.equal(SEMANTIC_TOKENS_LEGEND.tokenTypes[data[3]], 'keyword');
  });

  describe('on every fixture and example: sorted, disjoint, one line each, inside the text', () => {
    for (const file of [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)]) {
      it(file.slice(FIXTURES.length - 'test/fixtures'.length), () => {
        const a: Analysis = analyze(fs.readFileSync(file, 'utf8'));
        const tokens: SemanticToken[] = semanticTokens(a);
        let last = 0;
        for (const t of tokens) {
          assert.ok(t.start >= last && t.end > t.start && t.end <= a.text.length, JSON.stringify(t));
          assert.ok(!/[\r\n]/.test(a.text.slice(t.start, t.end)), 'a token spans lines');
          last = t.end;
        }
        assert.equal(encodeSemanticTokens(a, tokens).length, tokens.length * 5);
      });
    }
  });
});
