// Editor requests for one file of a project: they show that file's nodes (those an `extend` in it
// adds into another file's VM included) and none of the other files', and they read the units the
// file contributes to, never the project's whole node list (what keeps a request for one file of a
// 100,000-node project as cheap as the file: bench/project.ts).
import * as assert from 'node:assert/strict';
import { type Analysis, type Model, type ModelNode, type ProjectAnalysis, analyzeProject, nodeFile } from '../../../src/core';
import { Project } from '../../../src/core/project';
import { generateProject } from '../../../bench/generateProject';
import { codeLenses, complete, definition, documentHighlights, documentSymbols, fileNodes, foldingRanges, hover, inlayHints, semanticTokens, workspaceSymbols, type DocumentSymbol } from '../../../src/core/services';

const PLATFORM = `tenant shop { trust: internal }
tenant finance { trust: restricted }
host h1 {
  cpu: 64
  memory: 256GiB
  hypervisor hv1 {
    product: esxi
    vm vm1 {
      os: ubuntu-22.04
      memory: 32GiB
      tenant: shop
      engine e1 { product: containerd; runtime: runc }
    }
  }
}
host h2 {
  cpu: 16
  hypervisor hv2 {
    product: esxi
    vm vm2 { os: debian-12; memory: 8GiB; tenant: finance }
  }
}
`;
const TEAM_A = `host ha {
  os: ubuntu-22.04
  cpu: 8
  engine ea { product: docker; container solo { image: "acme/solo:1.0.0" } }
}
extend e1 {
  container web {
    tenant: shop
    image: "acme/web:1.0.0"
    memory: 512MiB
    app w1 { memory: 256MiB }
  }
}
`;
const TEAM_B = `extend vm2 {
  engine eb {
    product: containerd
    runtime: gvisor
    container api { image: "acme/api:2.0.0"; tenant: shop }
  }
}
extend e1 {
  container cron { image: "acme/cron:1.0.0" }
}
`;
const FILES = [
  { file: '/p/platform.strata', text: PLATFORM },
  { file: '/p/team-a.strata', text: TEAM_A },
  { file: '/p/team-b.strata', text: TEAM_B },
];

/** A symbol tree as `name(child, …)`. */
function outline(symbols: readonly DocumentSymbol[]): string {
  return symbols.map((s) => (s.children.length ? `${s.name}(${outline(s.children)})` : s.name)).join(', ');
}

/** The text a span covers, in its file. */
function textAt(file: string, span: { start: number; end: number }): string {
  return FILES.find((f) => f.file === file)!.text.slice(span.start, span.end);
}

describe('services: a request for one file of a project', () => {
  const project = analyzeProject(FILES);
  const view = (file: string) => project.fileAnalysis(file)!;

  it('the file\'s nodes are those it declares, extension blocks included, in model order', () => {
    assert.deepEqual(fileNodes(view('/p/team-a.strata')).map((n) => n.id), ['web', 'w1', 'ha', 'ea', 'solo']);
    assert.deepEqual(fileNodes(view('/p/team-b.strata')).map((n) => n.id), ['cron', 'eb', 'api']);
    assert.deepEqual(fileNodes(view('/p/platform.strata')).map((n) => n.id), ['shop', 'finance', 'h1', 'hv1', 'vm1', 'e1', 'h2', 'hv2', 'vm2']);
    // Kept for the bind: every request of this version reads the same list.
    assert.equal(fileNodes(view('/p/team-a.strata')), fileNodes(view('/p/team-a.strata')));
  });

  it('inlay hints are exactly those of the file\'s own workloads, at offsets in the file', () => {
    const hints = (file: string) => inlayHints(view(file)).map((h) => `${h.nodeId} ${h.label} @${textAt(file, { start: h.offset - (h.nodeId ?? '').length, end: h.offset })}`);
    // web and w1 are written in team-a, inside e1 of the platform file's vm1 (tenant shop).
    assert.deepEqual(hints('/p/team-a.strata'), ['web ⟨tenant: shop · kernel: vm1⟩ @web', 'w1 ⟨tenant: shop · kernel: vm1⟩ @w1', 'ea ⟨kernel: ha⟩ @ea', 'solo ⟨kernel: ha⟩ @solo']);
    // cron is team-b's, though it sits in the same engine as web; eb stands in the platform file's vm2; api runs in its own gVisor sandbox.
    assert.deepEqual(hints('/p/team-b.strata'), ['cron ⟨tenant: shop · kernel: vm1⟩ @cron', 'eb ⟨tenant: finance · kernel: vm2⟩ @eb', 'api ⟨tenant: shop · kernel: own gVisor sandbox⟩ @api']);
    assert.deepEqual(hints('/p/platform.strata'), ['vm1 ⟨tenant: shop⟩ @vm1', 'e1 ⟨tenant: shop · kernel: vm1⟩ @e1', 'vm2 ⟨tenant: finance⟩ @vm2']);
  });

  it('code lenses stand over the file\'s own hosts and count what every file adds to them', () => {
    const lenses = (file: string) => codeLenses(view(file)).map((l) => `${l.nodeId} ${textAt(file, l.span)}: ${l.title}`);
    // h2 holds team-b's container api: its gVisor sandbox (a second kernel, beside vm2's) and its tenant shop.
    assert.deepEqual(lenses('/p/platform.strata'), [
      'h1 host: 1 kernel · tenant: shop · CPU 0/64 cores · memory 32 GiB/256 GiB',
      'h2 host: 2 kernels · tenants: finance, shop · CPU 0/16 cores · memory 8 GiB given',
    ]);
    assert.deepEqual(lenses('/p/team-a.strata'), ['ha host: 1 kernel · no tenants · CPU 0/8 cores']);
    assert.deepEqual(lenses('/p/team-b.strata'), []);
  });

  it('the outline shows the file\'s nodes, what it adds to another file\'s node at the top', () => {
    assert.equal(outline(documentSymbols(view('/p/team-a.strata'))), 'web(w1), ha(ea(solo))');
    assert.equal(outline(documentSymbols(view('/p/team-b.strata'))), 'cron, eb(api)');
    assert.equal(outline(documentSymbols(view('/p/platform.strata'))), 'shop, finance, h1(hv1(vm1(e1))), h2(hv2(vm2))');
    // The spans are the file's own.
    const [web] = documentSymbols(view('/p/team-a.strata'));
    assert.equal(textAt('/p/team-a.strata', web.selectionSpan), 'web');
    assert.equal(documentSymbols(view('/p/team-a.strata'), 2).length, 1, 'at most `max` symbols, the first in document order');
  });

  it('document highlights are the file\'s own occurrences of the name, whatever other files write', () => {
    const spans = (file: string, text: string, offset: number) => documentHighlights(view(file), offset).map((h) => `${text.slice(h.span.start, h.span.end)}@${h.span.start} ${h.kind}`);
    const shop = TEAM_A.indexOf('tenant: shop') + 8;
    assert.deepEqual(spans('/p/team-a.strata', TEAM_A, shop + 1), [`shop@${shop} read`]);
    const e1 = TEAM_B.indexOf('extend e1') + 7;
    assert.deepEqual(spans('/p/team-b.strata', TEAM_B, e1 + 1), [`e1@${e1} read`]);
    const declared = PLATFORM.indexOf('tenant shop') + 7;
    assert.deepEqual(spans('/p/platform.strata', PLATFORM, declared + 1), [`shop@${declared} write`, `shop@${PLATFORM.indexOf('tenant: shop') + 8} read`]);
  });

  it('completion of a link end offers every id of the project once, tenants left out, in model order', () => {
    const text = TEAM_A + 'web -> ';
    const edited = analyzeProject(FILES.map((f) => (f.file === '/p/team-a.strata' ? { file: f.file, text } : f)));
    const items = complete(edited.fileAnalysis('/p/team-a.strata')!, text.length);
    assert.deepEqual(
      items.map((i) => `${i.label}: ${i.detail}`),
      [
        'h1: host',
        'hv1: hypervisor in host h1',
        'vm1: vm in hypervisor hv1',
        'e1: engine in vm vm1',
        'w1: app in container web',
        'cron: container in engine e1',
        'h2: host',
        'hv2: hypervisor in host h2',
        'vm2: vm in hypervisor hv2',
        'eb: engine in vm vm2',
        'api: container in engine eb',
        'ha: host',
        'ea: engine in host ha',
        'solo: container in engine ea',
      ],
    );
  });

  it('completion of a link end stays right from version to version: an edited value, then an id that repeats and stops repeating', () => {
    /** What a link end may name: the first node of each id in the model's order, tenants left out (the model's own list). */
    const expected = (model: Model) => {
      const seen = new Set<string>();
      return model.nodes.filter((n) => n.id !== undefined && n.kind !== 'tenant' && !seen.has(n.id) && seen.add(n.id)).map((n) => `${n.id}: ${n.kind} in ${n.parent?.id}`);
    };
    const p = new Project();
    for (const f of FILES) p.set(f.file, f.text);
    const versions = [
      TEAM_A,
      TEAM_A.replace('cpu: 8', 'cpu: 12'),
      // solo now repeats an id of the platform file (vm1): the platform's, first in the model, is offered.
      TEAM_A.replace('container solo', 'container vm1'),
      TEAM_A.replace('container solo', 'container vm1').replace('memory: 512MiB', 'memory: 640MiB'),
      // And no longer.
      TEAM_A.replace('container solo', 'container solo2'),
    ];
    for (const [i, text] of versions.entries()) {
      const edited = text + 'web -> ';
      p.set('/p/team-a.strata', edited);
      const analysis = p.analysis();
      const items = complete(analysis.fileAnalysis('/p/team-a.strata')!, edited.length).map((c) => `${c.label}: ${c.detail}`);
      assert.deepEqual(
        items.map((line) => line.replace(/^(\S+): (\w+)(?: in (\w+) (\S+))?$/, (_m, id: string, kind: string, _pk?: string, parent?: string) => `${id}: ${kind} in ${parent}`)),
        expected(analysis.model).filter((line) => !line.startsWith('web:')),
        `version ${i}`,
      );
    }
  });
});

/** A model whose whole-project lists throw when read (roots, ids, links and tenants still answer). */
function guarded(model: Model, what: string): Model {
  return new Proxy(model, {
    get(target, key, receiver) {
      if (key === 'nodes' || key === 'kernels' || key === 'byKind') throw new Error(`${what}: read ${String(key)}`);
      return Reflect.get(target, key, receiver);
    },
  });
}

/**
 * The file's view of `project` in which the project's whole node lists, and the units of
 * `others` (top-level ids of units the file adds nothing to), throw when read.
 */
function guardedView(project: ProjectAnalysis, file: string, others: readonly string[]): Analysis {
  const units = project.units.map((u) => (others.includes(u.root.id!) ? { ...u, model: guarded(u.model, `unit ${u.root.id}`) } : u));
  const p: ProjectAnalysis = Object.create(project, { model: { value: guarded(project.model, 'the project') }, units: { value: units } });
  const view = project.fileAnalysis(file)!;
  return { text: view.text, tree: view.tree, tokens: view.tokens, lines: view.lines, findings: view.findings, model: p.model, project: p, file };
}

describe('services: a request for one file reads that file, not the project', () => {
  // team-b adds to h1 (via e1) and h2 (via vm2): the tenants' units and ha's are none of its business.
  const cases = [
    { file: '/p/team-b.strata', others: ['shop', 'finance', 'ha'], id: 'api', extend: 'vm2' },
    { file: '/p/team-a.strata', others: ['shop', 'finance', 'h2'], id: 'solo', extend: 'e1' },
  ];
  for (const { file, others, id, extend } of cases) {
    it(`${file}: inlay hints, code lenses, outline, folding, tokens, hover, definition, highlights and statement completion`, () => {
      const project = analyzeProject(FILES);
      const plain = project.fileAnalysis(file)!;
      const text = plain.text;
      const requests: Record<string, (a: Analysis) => unknown> = {
        inlayHints: (a) => inlayHints(a),
        codeLenses: (a) => codeLenses(a).map(({ span, title, tooltip, nodeId }) => ({ span, title, tooltip, nodeId })),
        documentSymbols: (a) => documentSymbols(a),
        foldingRanges: (a) => foldingRanges(a),
        semanticTokens: (a) => semanticTokens(a),
        hover: (a) => hover(a, text.indexOf(` ${id}`) + 2)?.contents,
        definition: (a) => definition(a, text.indexOf(`extend ${extend}`) + 8),
        'highlights of an id': (a) => documentHighlights(a, text.indexOf(` ${id}`) + 2),
        'highlights of a tenant value': (a) => documentHighlights(a, text.indexOf('tenant: shop') + 9),
        'highlights of an extend target': (a) => documentHighlights(a, text.indexOf(`extend ${extend}`) + 8),
        'completion in a block': (a) => complete(a, text.indexOf('image:')).map((i) => i.label),
      };
      // Each request on a fresh view (nothing kept from the plain one), then compared with the plain view's answer.
      for (const [name, request] of Object.entries(requests)) {
        const expected = request(plain);
        const got = request(guardedView(analyzeProject(FILES), file, others));
        assert.deepEqual(JSON.parse(JSON.stringify(got ?? null)), JSON.parse(JSON.stringify(expected ?? null)), name);
      }
    });
  }

  it('requests that need every id (link-end completion, workspace symbols) read the units, never the joined list', () => {
    const text = TEAM_A + 'web -> ';
    const files = FILES.map((f) => (f.file === '/p/team-a.strata' ? { file: f.file, text } : f));
    const plain = analyzeProject(files).fileAnalysis('/p/team-a.strata')!;
    const view = guardedView(analyzeProject(files), '/p/team-a.strata', []);
    assert.deepEqual(complete(view, text.length).map((i) => i.label), complete(plain, text.length).map((i) => i.label));
    assert.deepEqual(workspaceSymbols(view, 'e').map((s) => s.name), workspaceSymbols(plain, 'e').map((s) => s.name));
  });

  it('the guard is real: a request that reads the whole model fails under it', () => {
    const view = guardedView(analyzeProject(FILES), '/p/team-b.strata', ['ha']);
    assert.throws(() => view.model.nodes, /the project: read nodes/);
    assert.throws(() => documentSymbols({ ...view, project: undefined }), /the project: read nodes/);
  });
});

describe('services: one file of a generated project, against the whole model', () => {
  /** The outline as it was made from the whole model: every root's subtree walked, the file's nodes kept, each under its nearest kept ancestor. */
  function outlineFromWholeModel(model: Model, file: string): string {
    const walk = (nodes: readonly ModelNode[]): string[] =>
      nodes.flatMap((n) => {
        const inner = walk(n.children);
        if (nodeFile(n) !== file) return inner;
        return [inner.length ? `${n.id}(${inner.join(', ')})` : `${n.id}`];
      });
    return walk(model.roots).join(', ');
  }

  it('every file\'s nodes, outline, hints and lenses are those the whole model gives it, through edits', () => {
    const g = generateProject(12);
    const project = new Project();
    for (const f of g.files) project.set(f.file, f.text);
    const team = g.files.find((f) => f.file.includes('/teams/'))!;
    const platform = g.files.find((f) => f.file.includes('/platform/') && f.text.includes('vm vm3-1'))!;
    const edits = [
      // A value: the units it touches are bound again.
      () => project.set(team.file, team.text.replace('memory: 512MiB', 'memory: 768MiB')),
      // A new extension into another file's VM, with a node in it.
      () => project.set(team.file, team.text + 'extend vm3-1 {\n  engine late { product: docker; container tail { image: "acme/t:1.0.0" } }\n}\n'),
      // A new top-level host in a team file, and a host gone from the platform file.
      () => project.set(team.file, team.text + 'host th { os: ubuntu-22.04\n engine te { product: docker } }\n'),
      () => project.set(platform.file, platform.text.replace(/host host3 [^]*?\n}\n/, '')),
    ];
    for (let step = 0; step <= edits.length; step++) {
      if (step > 0) edits[step - 1]();
      const analysis = project.analysis();
      const model = analysis.model;
      for (const file of analysis.files) {
        const view = analysis.fileAnalysis(file)!;
        const own = model.nodes.filter((n) => nodeFile(n) === file);
        assert.deepEqual(fileNodes(view), own, `${file} after edit ${step}: its nodes`);
        assert.equal(outline(documentSymbols(view)), outlineFromWholeModel(model, file), `${file} after edit ${step}: outline`);
        const workloads = own.filter((n) => ['vm', 'engine', 'pod', 'container', 'app'].includes(n.kind)).map((n) => n.id);
        assert.deepEqual(inlayHints(view).map((h) => h.nodeId), workloads, `${file} after edit ${step}: hints`);
        assert.deepEqual(codeLenses(view).map((l) => l.nodeId), own.filter((n) => n.kind === 'host').map((n) => n.id), `${file} after edit ${step}: lenses`);
      }
    }
  });
});
