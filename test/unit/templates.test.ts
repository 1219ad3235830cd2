// The "Strata: New Model" templates (templates/): the manifest lists exactly the template files,
// every template is a valid model with no findings except the ones its top comment announces on
// purpose, the walkthrough's links name real templates and files, and the walkthrough's picture
// is what the renderer draws today.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { renderLayersSvg } from '../../src/core/render';
import { ROOT } from '../helpers/paths';

const TEMPLATES = path.join(ROOT, 'templates');

interface TemplateInfo {
  id: string;
  label: string;
  description: string;
  detail?: string;
  file: string;
}

/**
 * The findings each template shows on purpose (rule names, in document order). Each must also be
 * named in the template's top comment, so a user knows it is deliberate.
 */
const DELIBERATE: Record<string, readonly string[]> = {
  'single-host': ['no-memory-limit'], // the walkthrough's quick-fix step
  'vm-platform': [],
  'kubernetes-multi-tenant': [],
  laptop: [],
};

function manifest(): TemplateInfo[] {
  return JSON.parse(fs.readFileSync(path.join(TEMPLATES, 'templates.json'), 'utf8')) as TemplateInfo[];
}

function topComment(text: string): string {
  const lines = text.split('\n');
  const end = lines.findIndex((l) => !l.startsWith('#'));
  return lines.slice(0, end === -1 ? lines.length : end).join('\n');
}

describe('templates', () => {
  it('the manifest lists every template file once, with a label and a description', () => {
    const entries = manifest();
    const files = fs.readdirSync(TEMPLATES).filter((f) => f.endsWith('.strata')).sort();
    assert.deepEqual(entries.map((t) => t.file).sort(), files);
    assert.equal(new Set(entries.map((t) => t.id)).size, entries.length, 'ids are unique');
    for (const t of entries) {
      assert.match(t.id, /^[a-z0-9-]+$/, t.id);
      assert.match(t.file, /^[\w-]+\.strata$/, t.file);
      assert.ok(t.label.trim() && t.description.trim(), `${t.id} has a label and a description`);
    }
  });

  it('has the four templates of the issue', () => {
    assert.deepEqual(
      manifest().map((t) => t.label),
      ['Single host with containers', 'VM platform', 'Multi-tenant Kubernetes on VMs', 'Laptop with a type 2 hypervisor'],
    );
    assert.deepEqual(Object.keys(DELIBERATE).sort(), manifest().map((t) => t.id).sort());
  });

  for (const t of manifest()) {
    describe(t.file, () => {
      const text = fs.readFileSync(path.join(TEMPLATES, t.file), 'utf8');
      const analysis = analyze(text);

      it('parses and analyzes with no errors', () => {
        const errors = analysis.findings.filter((f) => f.severity === 'error');
        assert.deepEqual(errors.map((f) => `${f.rule}: ${f.message}`), []);
      });

      it('has only the findings its top comment announces', () => {
        const expected = DELIBERATE[t.id] ?? [];
        assert.deepEqual(
          analysis.findings.map((f) => f.rule),
          expected,
          analysis.findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`).join('\n'),
        );
        const comment = topComment(text);
        for (const rule of expected) assert.ok(comment.includes(rule), `the top comment of ${t.file} names ${rule}`);
        if (expected.length === 0) assert.match(comment, /No findings expected/, `the top comment of ${t.file} says it is clean`);
      });

      it('is a real model: hosts, a kernel and workloads', () => {
        const kinds = new Set(analysis.model.nodes.map((n) => n.kind));
        assert.ok(kinds.has('host'), 'a host');
        assert.ok(analysis.model.kernels.length > 0, 'at least one kernel');
        assert.ok(kinds.has('app'), 'apps');
        assert.ok(analysis.model.links.length > 0, 'links');
      });
    });
  }
});

describe('walkthrough', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const walkthrough = pkg.contributes.walkthroughs[0];

  it('contributes the New Model command', () => {
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === 'strata.newModel'));
  });

  it('has the four steps, each with a markdown page that exists', () => {
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['newModel', 'quickFix', 'preview', 'render'],
    );
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
    }
  });

  it('links only to templates that exist and to files that exist', () => {
    const ids = new Set(manifest().map((t) => t.id));
    const texts = walkthrough.steps.flatMap((s: { description: string; media: { markdown: string } }) => [
      s.description,
      fs.readFileSync(path.join(ROOT, s.media.markdown), 'utf8'),
    ]);
    for (const text of texts) {
      for (const [, args] of text.matchAll(/command:strata\.newModel\?([^)\s]+)/g)) {
        const [id] = JSON.parse(decodeURIComponent(args)) as string[];
        assert.ok(ids.has(id), `a walkthrough link names template '${id}'`);
      }
    }
    for (const step of walkthrough.steps) {
      const dir = path.dirname(path.join(ROOT, step.media.markdown));
      const md = fs.readFileSync(path.join(ROOT, step.media.markdown), 'utf8');
      for (const [, target] of md.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
        assert.ok(fs.existsSync(path.join(dir, target)), `${step.media.markdown} shows ${target}`);
      }
    }
  });

  it('shows the VM platform template as the renderer draws it today', () => {
    const text = fs.readFileSync(path.join(TEMPLATES, 'vm-platform.strata'), 'utf8');
    const file = path.join(ROOT, 'media/walkthrough/vm-platform.svg');
    const drawn = renderLayersSvg(analyze(text), { theme: 'light' });
    if (process.env.UPDATE_SNAPSHOTS) fs.writeFileSync(file, drawn);
    assert.ok(fs.readFileSync(file, 'utf8') === drawn, `${path.relative(ROOT, file)} is stale: run \`npm run package\` (or this test with UPDATE_SNAPSHOTS=1)`);
  });
});
