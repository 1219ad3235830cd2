// The preview's diff mode, host side (src/extension/previewDiff.ts): an update in diff mode
// carries the diff picture instead of the model's diagram, and says what the base is; an offered
// comparison leaves the diagram alone; a diff editor's base is the head's project with one file
// replaced, so only that file's change is marked; a broken base never takes the diagram away.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { analyzeProject } from '../../src/core/project';
import { type CompareBase, BaseAnalyses, applyComparison } from '../../src/extension/previewDiff';
import { buildSnapshot } from '../../src/extension/previewSnapshot';
import type { UpdateMessage } from '../../src/shared/previewProtocol';
import { FIXTURES } from '../helpers/paths';

const CASE = path.join(FIXTURES, 'diff', 'tenant-container-added');
const before = fs.readFileSync(path.join(CASE, 'before.strata'), 'utf8');
const after = fs.readFileSync(path.join(CASE, 'after.strata'), 'utf8');

function update(text: string): { message: UpdateMessage; drawn: ReturnType<typeof analyze> } {
  const analysis = analyze(text);
  const s = buildSnapshot({ uri: 'file:///m.strata', title: 'm.strata', version: 1, analysis, lastGood: undefined, webviewHasDiagram: false, theme: 'light', showLinks: true, mermaid: false });
  return { message: s.message, drawn: s.drawn };
}

const lone = (text: string, label = 'HEAD'): CompareBase => ({ label, kind: 'files', files: new Map([['file:///m.strata', text]]), project: false });
const marksIn = (svg: string) => [...svg.matchAll(/<g class="node [^"]*\bd-(added|removed|moved|changed|ghost)\b[^"]*" data-id="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);

describe('preview diff mode (host side)', () => {
  it('active: the diagram is the diff picture, marked, and the payload names the base and the change', () => {
    const { message, drawn } = update(after);
    const model = message.svg!;
    const rendering = applyComparison(message, drawn, { base: lone(before), active: true }, new BaseAnalyses(), { theme: 'dark', options: {}, file: 'm.strata' });
    assert.ok(rendering);
    assert.notEqual(message.svg, model);
    assert.deepEqual(marksIn(message.svg!), ['added:importer', 'added:import']);
    assert.match(message.svg!, /Strata diff: m\.strata \(HEAD → this version\)/);
    assert.equal(message.compare?.base, 'HEAD');
    assert.equal(message.compare?.active, true);
    assert.match(message.compare?.headline ?? '', /2 nodes added/);
    assert.equal(message.compare?.error, undefined);
  });

  it('offered: the model\'s own diagram stays; the payload only names the base', () => {
    const { message, drawn } = update(after);
    const model = message.svg;
    assert.equal(applyComparison(message, drawn, { base: lone(before, 'the index (staged)'), active: false }, new BaseAnalyses(), { theme: 'light', options: {}, file: 'm.strata' }), undefined);
    assert.equal(message.svg, model);
    assert.deepEqual(message.compare, { base: 'the index (staged)', active: false });
  });

  it('a version with syntax errors sends no diagram: diff mode does not add one (the webview keeps the last)', () => {
    const { message, drawn } = update(after);
    delete message.svg;
    applyComparison(message, drawn, { base: lone(before), active: true }, new BaseAnalyses(), { theme: 'light', options: {}, file: 'm.strata' });
    assert.equal(message.svg, undefined);
    assert.match(message.compare?.headline ?? '', /2 nodes added/);
  });

  it('a new file (no base text): everything is added', () => {
    const { message, drawn } = update(after);
    const base: CompareBase = { label: 'HEAD (the file is new: not in HEAD)', kind: 'files', files: new Map(), project: false };
    applyComparison(message, drawn, { base, active: true }, new BaseAnalyses(), { theme: 'light', options: {}, file: 'm.strata' });
    const marks = marksIn(message.svg!);
    assert.ok(marks.includes('added:rack1') && marks.includes('added:importer') && marks.every((m) => m.startsWith('added:')), JSON.stringify(marks));
  });

  it('a diff editor\'s base: the head\'s project with that file replaced, so only its change is marked', () => {
    const hosts = 'host rack1 {\n  cpu: 32\n  memory: 128GiB\n  os: ubuntu-22.04\n  engine docker1 { product: docker }\n}\n';
    const apps = 'extend docker1 {\n  container web { image: "acme/web:1.4.2"; memory: 512MiB; app nginx }\n}\n';
    const appsAfter = apps.replace('}\n}', '}\n  container queue { image: "rabbitmq:3.13.1"; memory: 1GiB; app rabbit }\n}');
    const project = analyzeProject([
      { file: 'file:///p/hosts.strata', text: hosts.replace('cpu: 32', 'cpu: 48') },
      { file: 'file:///p/apps.strata', text: appsAfter },
    ]);
    const drawn = project.whole('file:///p/apps.strata');
    const base: CompareBase = { label: 'HEAD', kind: 'replace', file: 'file:///p/apps.strata', text: apps };
    const bases = new BaseAnalyses();
    const message = { svg: '' } as UpdateMessage;
    applyComparison(message, drawn, { base, active: true }, bases, { theme: 'light', options: {}, file: 'apps.strata' });
    // hosts.strata changed too (cpu), but the diff editor shows apps.strata's change only.
    assert.deepEqual(marksIn(message.svg!), ['added:queue', 'added:rabbit']);
    // The base is kept while the head's project is the same.
    assert.equal(bases.analysisOf(base, drawn, {}), bases.analysisOf(base, drawn, {}));
  });
});
