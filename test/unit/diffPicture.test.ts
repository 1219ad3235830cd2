// The diff picture: the union of both versions with a mark on every change (added, removed in
// place, moved with a ghost at its old place, changed with before → after, findings introduced
// and resolved, a kernel newly shared), folded to what changed; and its mermaid flowchart and
// pull-request comment: deterministic, and inert whatever the user text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../src/core';
import { buildDiffPicture, diffAnalyses, diffComment, renderDiffMermaid, type DiffPicture, type PictureNode } from '../../src/core/diff';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'diff');

function picture(before: string, after: string, full = false): DiffPicture {
  const base = analyze(before);
  const head = analyze(after);
  return buildDiffPicture(base, head, diffAnalyses(base, head), { full });
}

function fixture(name: string, full = false): DiffPicture {
  const read = (which: string) => fs.readFileSync(path.join(DIR, name, `${which}.strata`), 'utf8');
  return picture(read('before'), read('after'), full);
}

const byId = (p: DiffPicture, id: string, mark?: string): PictureNode => {
  const n = p.nodes.find((x) => x.node.id === id && (mark === undefined || x.mark === mark));
  assert.ok(n, `node ${id}${mark ? ` (${mark})` : ''} in the picture`);
  return n;
};
const marked = (p: DiffPicture) => p.nodes.filter((n) => n.mark !== 'unchanged').map((n) => `${n.mark} ${n.node.id}`);

/** Every statement the diff flowchart may hold; user text only inside `"…"` with no `"` in it. */
const MERMAID_LINE = new RegExp(
  [
    String.raw`flowchart TB`,
    String.raw`end`,
    String.raw`(?:subgraph )?(?:n\d+|h\d+|top)\["[^"]*"\]`,
    String.raw`n\d+ (?:-->|==>|-\.->)(?:\|"[^"]*"\|)? n\d+`,
    String.raw`classDef [a-z]+ [a-z0-9:#.,\- ]+`,
    String.raw`class [nh0-9,top]+ [a-z]+`,
  ]
    .map((s) => `^\\s*${s}$`)
    .join('|'),
);

function assertInertMermaid(text: string): void {
  for (const line of text.trimEnd().split('\n')) {
    assert.match(line, MERMAID_LINE, `a statement of Strata's own: ${line}`);
    const labels = line.match(/"[^"]*"/g) ?? [];
    for (const l of labels) {
      // `#lt;` `#gt;` `#amp;` are the escaper's own (they display as < > &); no other entity forms.
      assert.doesNotMatch(l.replace(/#(?:lt|gt|amp);/g, ''), /%%|[<>&]|#\w+;/, `label defused: ${l}`);
    }
  }
}

describe('diff picture', () => {
  it("a tenant's container added to a shared VM: added nodes and link, the VM's kernel newly shared, the finding on the VM", () => {
    const p = fixture('tenant-container-added');
    assert.deepEqual(marked(p), ['added importer', 'added import']);
    const vm = byId(p, 'shared-vm');
    assert.equal(vm.share?.change, 'newly shared');
    assert.deepEqual(vm.share?.kernel.tenants, ['shop', 'partner']);
    assert.deepEqual(
      vm.introduced.map((f) => f.rule),
      ['shared-kernel-tenants'],
    );
    assert.ok(p.links.some((l) => l.mark === 'added' && l.from.node.id === 'importer' && l.to.node.id === 'api' && l.label === 'REST'));
    // Shown: the change, its ancestors, one hop around (the VM's engine, the linked api) and
    // the containers that bring a tenant onto the newly shared kernel.
    for (const id of ['rack1', 'esx1', 'shared-vm', 'docker1', 'importer', 'import', 'api', 'web', 'cache']) assert.ok(byId(p, id).visible, id);
    // Folded: the other VM with all it holds, counted on its parent. A lone hidden leaf (an app
    // of a shown container) is drawn instead of a "… 1 unchanged node" box of the same size.
    assert.equal(byId(p, 'batch-vm').visible, false);
    assert.equal(byId(p, 'nginx').visible, true);
    assert.equal(byId(p, 'esx1').hidden.get('vm'), 1);
    assert.equal(byId(p, 'esx1').hiddenCount, 4);
    assert.equal(p.hiddenCount, 4);
  });

  it('a VM moved to another host: at its new place, a ghost at the old one, "moved from"', () => {
    const p = fixture('vm-moved-host');
    const moved = byId(p, 'report-vm', 'moved');
    assert.deepEqual(moved.path, ['fra', 'h1', 'kvm1']);
    assert.equal(moved.parent?.node.id, 'kvm2');
    const ghost = byId(p, 'report-vm', 'ghost');
    assert.equal(ghost.parent?.node.id, 'kvm1');
    assert.deepEqual(ghost.path, ['fra', 'h2', 'kvm2']);
    assert.equal(ghost.children.length, 0);
    // The ghost keeps its place: after app-vm, where the VM was.
    assert.deepEqual(
      byId(p, 'kvm1').children.map((c) => `${c.mark} ${c.node.id}`),
      ['unchanged app-vm', 'ghost report-vm'],
    );
    const m = renderDiffMermaid(p).text;
    assert.match(m, /\["→ moved from fra › h1 › kvm1 · vm report-vm/);
    assert.match(m, /\["⇠ old place of vm report-vm: moved to fra › h2 › kvm2"\]/);
  });

  it('a memory limit removed: changed, before → after, and the finding it brings', () => {
    const p = fixture('memory-limit-removed');
    const api = byId(p, 'api');
    assert.equal(api.mark, 'changed');
    assert.deepEqual(
      api.changes.map((c) => [c.key, c.before, c.after]),
      [['memory', '2GiB', undefined]],
    );
    assert.deepEqual(
      api.introduced.map((f) => f.rule),
      ['no-memory-limit'],
    );
    assert.match(renderDiffMermaid(p).text, /\["~ changed · container api · acme\/api:2\.0\.1 · memory: 2GiB → \(removed\) · ⚠ new warning: no-memory-limit"\]/);
  });

  it('removed nodes stay where they were, between the same siblings, with the findings they resolve', () => {
    const before = 'host h {\n os: debian-12\n engine e {\n container a { memory: 1GiB }\n container b { memory: 1GiB; privileged: true }\n container c { memory: 1GiB }\n }\n}\n';
    const after = 'host h {\n os: debian-12\n engine e {\n container a { memory: 1GiB }\n container c { memory: 1GiB }\n container d { memory: 1GiB }\n }\n}\n';
    const p = picture(before, after, true);
    assert.deepEqual(
      byId(p, 'e').children.map((c) => `${c.mark} ${c.node.id}`),
      ['unchanged a', 'removed b', 'unchanged c', 'added d'],
    );
    assert.deepEqual(
      byId(p, 'b').resolved.map((f) => f.rule),
      ['privileged-container'],
    );
    assert.match(renderDiffMermaid(p).text, /n\d+\["− removed · container b/);
  });

  it('a removed subtree keeps its shape; an added one too', () => {
    const p = fixture('vm-containerized', true);
    const vm = byId(p, 'api-vm');
    assert.equal(vm.mark, 'removed');
    assert.deepEqual(
      vm.children.map((c) => `${c.mark} ${c.node.id}`),
      ['ghost api'],
    );
    assert.deepEqual(
      byId(p, 'podman1').children.map((c) => `${c.mark} ${c.node.id}`),
      ['added api-ctr', 'added web-ctr'],
    );
  });

  it('folding: only the change and what is around it, with counts; `full` draws everything; no change draws everything', () => {
    const folded = fixture('tenant-container-added');
    const full = fixture('tenant-container-added', true);
    assert.ok(folded.folded && folded.hiddenCount > 0);
    assert.equal(full.folded, false);
    assert.equal(full.hiddenCount, 0);
    assert.ok(full.nodes.every((n) => n.visible));
    assert.equal(folded.nodes.length, full.nodes.length, 'the same union either way');
    assert.match(renderDiffMermaid(folded).text, /h\d+\["… 4 unchanged nodes hidden: 1 VM, 1 engine, 1 container, 1 app"\]/);
    const same = picture('host a { os: debian-12 }\nhost b { os: debian-12 }', 'host a { os: debian-12 }\nhost b { os: debian-12 }');
    assert.equal(same.folded, false);
    assert.ok(same.nodes.every((n) => n.visible && n.mark === 'unchanged'));
    // Untouched hosts at the top are counted too.
    const tops = picture('host a { os: debian-12 }\nhost b { os: debian-12 }', 'host a { os: debian-12; cpu: 4 }\nhost b { os: debian-12 }');
    assert.deepEqual([...tops.hiddenTop], [['host', 1]]);
    assert.match(renderDiffMermaid(tops).text, /top\["… unchanged, hidden: 1 host/);
  });

  it('the comment: the picture, a legend in words, the summary table and the full list folded', () => {
    const p = fixture('tenant-container-added');
    const md = diffComment(p, { file: 'platform.strata', baseLabel: 'origin/main', headLabel: 'the working tree' });
    assert.match(md, /^### Strata: platform\.strata\n/);
    assert.equal((md.match(/^```mermaid$/gm) ?? []).length, 1);
    assert.match(md, /\\\+ added · − removed \(dashed\) · → moved \(⇠ its old place\) · \\~ changed: before → after · ⚠ finding introduced · ✓ finding resolved\. Unchanged parts are folded: 4 nodes not drawn\./);
    assert.match(md, /\| \\\+ added \| 2 nodes \|/);
    assert.match(md, /\| findings introduced \| 1 \(1 warning\) \|/);
    assert.match(md, /\| kernels shared by tenants \| 0 → 1 \(\+1\) \|/);
    assert.match(md, /<details><summary>The full list: findings, kernels, stats, nodes, properties, links<\/summary>\n\n#### Findings introduced/);
    assert.equal((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length);
  });

  it('is deterministic: the same two texts give byte-identical mermaid and comments', () => {
    for (const name of ['tenant-container-added', 'vm-moved-host', 'memory-limit-removed', 'vm-containerized', 'hostile-text']) {
      const a = fixture(name);
      const b = fixture(name);
      assert.equal(renderDiffMermaid(a).text, renderDiffMermaid(b).text, name);
      assert.equal(diffComment(a, { file: 'x' }), diffComment(b, { file: 'x' }), name);
    }
  });

  it('hostile labels stay inert in the flowchart: every line a statement of its own, labels defused', () => {
    for (const name of fs.readdirSync(DIR).filter((d) => fs.existsSync(path.join(DIR, d, 'before.strata')))) assertInertMermaid(renderDiffMermaid(fixture(name, true)).text);
    const hostile = [
      '"]\nclick n0 call alert(1)\nn1["',
      '%%{init: {"securityLevel": "loose"}}%%',
      '<img src=x onerror=alert(1)>',
      'classDef x fill:red; style n0 fill:red',
      '#quot; #lt;script#gt; \\n end',
      '`**md**`',
      '\u202Eevil\u2066',
    ];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...hostile), fc.string({ maxLength: 40 })), fc.constantFrom(...hostile), (label, image) => {
        const lit = (s: string) => JSON.stringify(s).replace(/\\u[0-9a-f]{4}|\\[nrt"\\]/gi, ' ').slice(1, -1).replace(/"/g, '');
        const before = `host h { os: debian-12; engine e { container a "${lit(label)}" { image: "${lit(image)}"; memory: 1GiB } } }\na -> a "${lit(label)}"`;
        const after = `host h { os: debian-12; engine e { container a "${lit(label)}x" { image: "${lit(image)}2"; memory: 2GiB } container b "${lit(label)}" { memory: 1GiB } } }\nb -> a "${lit(label)}"`;
        assertInertMermaid(renderDiffMermaid(picture(before, after)).text);
      }),
      { numRuns: 200, seed: 16 },
    );
  });
});
