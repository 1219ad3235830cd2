// The mermaid generator: golden files, generated ids, escaping (no user text in a directive,
// each hostile label on one line inside its quotes), kernel subgraphs, truncation of large models.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, kernelOsText } from '../../src/core';
import { escapeMermaidLabel, renderMermaid } from '../../src/core/render/mermaid';
import { generateModel } from '../../bench/generate';
import { FIXTURES } from '../helpers/paths';
import { assertSafeMermaid as assertShapes, golden } from './renderHelpers';

const DIR = path.join(FIXTURES, 'render');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');

/** Undo escapeMermaidLabel (for the test's round trip; `"` comes back from its look-alike). */
function unescape(s: string): string {
  return s.replace(/#lt;/g, '<').replace(/#gt;/g, '>').replace(/#amp;/g, '&').replace(/\u201D/g, '"').replace(/\u200B/g, '');
}

const FIXTURE_NAMES = ['language-page', 'kitchen-sink', 'broken', 'hostile', 'empty'];

describe('render: mermaid', () => {
  describe('golden files', () => {
    for (const name of FIXTURE_NAMES) {
      it(`${name}.strata → ${name}.mmd`, () => {
        const r = renderMermaid(analyze(read(`${name}.strata`)));
        assertShapes(r.text);
        assert.equal(r.truncated, false);
        golden(`${name}.mmd`, r.text);
      });
    }
    it('left to right', () => {
      const r = renderMermaid(analyze(read('language-page.strata')), { direction: 'LR' });
      assert.match(r.text, /^flowchart LR\n/);
      golden('language-page.lr.mmd', r.text);
    });
  });

  it('uses generated ids in pre-order, never user ids', () => {
    const a = analyze(read('language-page.strata'));
    const r = renderMermaid(a);
    const declared = [...r.text.matchAll(/^\s*(?:subgraph )?(n\d+)\[/gm)].map((m) => m[1]);
    assert.deepEqual(
      declared.map((id) => Number(id.slice(1))).sort((x, y) => x - y),
      [...Array(r.nodeCount).keys()],
    );
    assert.equal(r.nodeCount, a.model.nodes.filter((n) => n.kind !== 'tenant').length);
    // Outside quoted labels no user id appears.
    const outside = r.text.replace(/"[^"]*"/g, '""');
    for (const n of a.model.nodes) if (n.id && n.id.length > 2) assert.ok(!outside.includes(n.id), `${n.id} outside a label`);
  });

  it('is deterministic', () => {
    for (const name of FIXTURE_NAMES) {
      const text = read(`${name}.strata`);
      assert.equal(renderMermaid(analyze(text)).text, renderMermaid(analyze(text)).text);
    }
  });

  describe('hostile labels', () => {
    const labels = [
      '%%{init: {"securityLevel":"loose"}}%%',
      '"] --> evil["pwned',
      'x"]\nclick n0 call alert(1)',
      'a & b <b>bold</b> <script>alert(1)</script>',
      '`**markdown**`',
      '#quot; #35; #lt;script#gt;',
      'end',
      'subgraph',
      '|pipe| -->|edge|',
      'ﬂ°°60¶ß',
      'back\\nslash',
      'classDef x fill:red',
      'style n0 fill:#f00;',
      ';;; semi',
      'line\u2028sep\u0000null\rcr',
      'emoji 🚀 中文',
    ];
    const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    // The language's strings are one line: raw line breaks go through escapeMermaidLabel only.
    const inText = labels.filter((l) => !/[\n\r\u2028\u0000]/.test(l));
    const text = [
      'host h1 {',
      '  os: debian-12',
      '  engine e1 {',
      ...inText.map((l, i) => `    container c${i} ${quote(l)} { memory: 64MiB; app a${i} ${quote(l)} }`),
      '  }',
      '}',
      ...inText.map((l, i) => `c${i} -> c${(i + 1) % inText.length} ${quote(l)}`),
    ].join('\n');

    it('stay on one line inside their quoted label, never in a directive or statement of their own', () => {
      const a = analyze(text);
      assert.deepEqual(
        inText.map((_, i) => a.model.byId.get(`a${i}`)?.label),
        inText,
      );
      const r = renderMermaid(a);
      assertShapes(r.text);
      const lines = r.text.split('\n');
      for (const [i, l] of inText.entries()) {
        const esc = escapeMermaidLabel(`app a${i}: ${l}`);
        const hits = lines.filter((line) => line.includes(`["${esc}"]`));
        assert.equal(hits.length, 1, `label of a${i} on exactly one line`);
        const edge = lines.filter((line) => line.includes(`-->|"${escapeMermaidLabel(l)}"|`));
        assert.equal(edge.length, 1, `link label ${i}`);
      }
      for (const line of lines.filter((x) => /^\s*(classDef|class)\b/.test(x))) {
        for (const l of inText) if (l.length > 4) assert.ok(!line.includes(escapeMermaidLabel(l)), `user text in ${line}`);
      }
    });

    it('escapeMermaidLabel defuses every pass of mermaid and can be undone', () => {
      for (const l of labels) {
        const e = escapeMermaidLabel(l, 1000);
        assert.doesNotMatch(e, /["\n\r\u2028\u2029\u0000<>]/);
        assert.doesNotMatch(e, /%%/);
        assert.doesNotMatch(e, /#\w+;/.test(e) ? /#(?!lt;|gt;|amp;)\w+;/ : /$^/, 'only our own entities');
        assert.doesNotMatch(e, /ﬂ°|¶ß/);
        assert.doesNotMatch(e, /^`/);
        assert.doesNotMatch(e, /\\n/);
        assert.doesNotMatch(e, /&(?!)/);
        if (!/[\n\r\u2028\u0000]|style|classDef/.test(l)) assert.equal(unescape(e), l);
      }
      assert.equal(escapeMermaidLabel('style a:b#c;').includes(':'), false, 'no colon when mermaid would pre-process the line');
      assert.equal(escapeMermaidLabel('x'.repeat(500)).length, 120);
      assert.ok(!/[\uD800-\uDBFF]$/.test(escapeMermaidLabel('🚀'.repeat(100), 51).slice(0, -1)), 'never cuts a surrogate pair');
    });
  });

  describe('kernel boundaries', () => {
    it('one kernel subgraph or node per host and guest kernel, a class for sandbox kernels', () => {
      for (const name of ['language-page', 'kitchen-sink']) {
        const a = analyze(read(`${name}.strata`));
        const r = renderMermaid(a);
        const kernelIds = new Set([...r.text.matchAll(/^\s*(?:subgraph )?(k\d+)\[/gm)].map((m) => m[1]));
        const hostGuest = a.model.kernels.filter((k) => k.kind === 'host' || k.kind === 'guest');
        assert.equal(kernelIds.size, hostGuest.length, name);
        for (const k of hostGuest) assert.ok(r.text.includes(`["${escapeMermaidLabel(`kernel: ${kernelOsText(k)} (${k.kind} of ${k.owner.id})`)}"]`), k.key);
        const sandboxed = (r.text.match(/^\s*class ([\w,]+) sandbox$/m)?.[1] ?? '').split(',').filter(Boolean);
        assert.equal(sandboxed.length, a.model.kernels.length - hostGuest.length, name);
      }
    });

    it('the language page example: the workloads of node1 are inside its kernel subgraph', () => {
      const r = renderMermaid(analyze(read('language-page.strata')));
      const lines = r.text.split('\n');
      const start = lines.findIndex((l) => l.includes('kernel#58;') || l.includes('kernel: ubuntu-22.04 (guest of node1)'));
      assert.ok(start > 0);
      const indent = lines[start].search(/\S/);
      const endLine = lines.findIndex((l, i) => i > start && l.search(/\S/) === indent && l.trim() === 'end');
      const inside = lines.slice(start, endLine).join('\n');
      for (const w of ['engine ctr1', 'container web', 'container reports', 'app nginx']) assert.ok(inside.includes(w), w);
    });
  });

  it('draws links with escaped labels', () => {
    const r = renderMermaid(analyze(read('language-page.strata')));
    assert.match(r.text, /^ {2}n\d+ -->\|"REST"\| n\d+$/m);
  });

  it('handles an empty and a broken model', () => {
    const empty = renderMermaid(analyze(''));
    assertShapes(empty.text);
    assert.equal(empty.nodeCount, 0);
    const broken = renderMermaid(analyze(read('broken.strata')));
    assertShapes(broken.text);
    assert.match(broken.text, /host h2: after the error/);
  });

  it('summarises models above maxNodes as hosts with counts, and says why', () => {
    const big = generateModel(5000);
    const r = renderMermaid(analyze(big.text));
    assert.equal(r.truncated, true);
    assert.equal(r.nodeCount, big.nodes - 2);
    assert.equal(r.error, `This model has 4,998 nodes; the mermaid view shows hosts only. Use the Layers view for the full diagram.`);
    assertShapes(r.text);
    const hosts = [...r.text.matchAll(/^ {2}n\d+\["host /gm)].length;
    assert.equal(hosts, analyze(big.text).model.byKind.get('host')!.length);
    assert.match(r.text, /host Rack server 1 · 4 VMs · 4 engines · 20 containers · 20 apps/);
    const small = renderMermaid(analyze(generateModel(600).text));
    assert.equal(small.truncated, true, 'default limit 500');
    assert.equal(renderMermaid(analyze(generateModel(600).text), { maxNodes: 1000 }).truncated, false);
    const capped = renderMermaid(analyze(big.text), { maxNodes: 10 });
    assert.match(capped.text, /more\["\+90 more hosts"\]/);
  });

  it('survives deep nesting', () => {
    const depth = 120;
    let text = 'host h0 {\n';
    for (let i = 0; i < depth; i++) text += `hypervisor hv${i} {\nvm v${i} {\nos: debian-12\n`;
    text += 'app deepest\n' + '}\n}\n'.repeat(depth) + '}\n';
    const r = renderMermaid(analyze(text), { maxNodes: 10_000 });
    assertShapes(r.text);
    assert.match(r.error ?? '', /Nesting deeper than/);
  });
});
