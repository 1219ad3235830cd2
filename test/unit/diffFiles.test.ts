// A project's diff names the file of every change: the text output says "apps.strata:3" where a
// one-file diff says "line 3", and the Markdown tables' line column becomes "file:line". A
// reviewer of a multi-file pull request can tell which file to open.
import * as assert from 'node:assert/strict';
import { analyzeProject } from '../../src/core/project';
import { analyze } from '../../src/core';
import { buildDiffPicture, diffAnalyses, diffToMarkdown, diffToText, diffTexts, renderDiffHtml } from '../../src/core/diff';

const HOSTS = 'host rack1 {\n  cpu: 32\n  memory: 128GiB\n  os: ubuntu-22.04\n  engine docker1 { product: docker }\n}\n';
const APPS = 'extend docker1 {\n  container web { image: "acme/web:1.4.2"; memory: 512MiB; app nginx }\n  container api { image: "acme/api:2.0.1"; memory: 1GiB; app api-server }\n}\n';
const APPS_AFTER = 'extend docker1 {\n  container web { image: "acme/web:1.4.2"; memory: 512MiB; app nginx }\n  container api { image: "acme/api:2.0.1"; app api-server }\n  container queue { image: "rabbitmq:3.13.1"; memory: 1GiB; app rabbit }\n}\nweb -> queue "AMQP"\n';
const HOSTS_AFTER = HOSTS.replace('cpu: 32', 'cpu: 48');

function projectVersions(apps = APPS_AFTER) {
  const base = analyzeProject([
    { file: 'hosts.strata', text: HOSTS },
    { file: 'apps.strata', text: APPS },
  ]).whole();
  const head = analyzeProject([
    { file: 'hosts.strata', text: HOSTS_AFTER },
    { file: 'apps.strata', text: apps },
  ]).whole();
  return { base, head };
}

function projectDiff() {
  const { base, head } = projectVersions();
  return diffAnalyses(base, head);
}

/** The rows of the HTML page's table of changes, as cell texts. */
function htmlRows(html: string): string[][] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[dh]>(.*?)<\/t[dh]>/g)].map((c) => c[1]));
}

describe('diff of a project: each change names its file', () => {
  it('text: nodes, properties, links and findings say file:line', () => {
    const text = diffToText(projectDiff());
    assert.match(text, /\+ container queue in rack1 › docker1 \(with 1 node inside\) \(apps\.strata:4\)/);
    assert.match(text, /rack1\.cpu: 32 → 48 \(hosts\.strata:2\)/);
    assert.match(text, /api\.memory: 1GiB → \(removed\) \(apps\.strata:3\)/);
    assert.match(text, /\+ web -> queue "AMQP" \(apps\.strata:6\)/);
    assert.match(text, /\+ warning no-memory-limit \(apps\.strata:3, api\)/);
  });

  it('Markdown: the tables have a file:line column', () => {
    const md = diffToMarkdown(projectDiff());
    assert.match(md, /\| change \| node \| kind \| where \| file:line \|/);
    assert.match(md, /\| added \| `queue` \| container \| rack1 › docker1 \(with 1 node inside\) \| apps\.strata:4 \|/);
    assert.match(md, /\| `rack1` \| cpu \| 32 \| 48 \| hosts\.strata:2 \|/);
    assert.match(md, /\| severity \| rule \| node \| file:line \| message \|/);
  });

  it('HTML: the table of changes has a file:line column, and property changes and findings name their file', () => {
    const { base, head } = projectVersions();
    const rows = htmlRows(renderDiffHtml(buildDiffPicture(base, head, diffAnalyses(base, head)), { showFile: (f) => `models/${f}` }));
    assert.deepEqual(rows[0], ['node', 'where', 'file:line', 'change']);
    const row = (name: string) => rows.find((r) => r[0] === name);
    assert.deepEqual(row('host rack1'), ['host rack1', '(top level)', 'models/hosts.strata:1', '~ changed<br>~ cpu: 32 → 48 (hosts.strata:2)']);
    assert.deepEqual(row('container queue'), ['container queue', 'rack1 › docker1', 'models/apps.strata:4', '+ added']);
    assert.match(row('container api')!.join('|'), /^container api\|rack1 › docker1\|models\/apps\.strata:3\|~ changed<br>~ memory: 1GiB → \(removed\) \(apps\.strata:3\)<br>⚠ new warning no-memory-limit: .* \(apps\.strata:3\)$/);
    // A removed node's place is in the base, and says so.
    const removed = projectVersions(APPS.replace(/ {2}container api .*\n/, ''));
    const html = renderDiffHtml(buildDiffPicture(removed.base, removed.head, diffAnalyses(removed.base, removed.head)));
    assert.deepEqual(htmlRows(html).find((r) => r[0] === 'container api'), ['container api', 'rack1 › docker1', 'apps.strata:3 (base)', '− removed']);
    assert.match(html, /Places marked \(base\) are in the base version/);
  });

  it('a one-file diff keeps "line N" (no file to name)', () => {
    const d = diffTexts(HOSTS, HOSTS_AFTER);
    assert.doesNotMatch(diffToMarkdown(d), /file:line/);
    assert.match(diffToText(d), /rack1\.cpu: 32 → 48\n/);
    const base = analyze(HOSTS);
    const head = analyze(HOSTS_AFTER);
    const rows = htmlRows(renderDiffHtml(buildDiffPicture(base, head, diffAnalyses(base, head))));
    assert.deepEqual(rows, [
      ['node', 'where', 'line', 'change'],
      ['host rack1', '(top level)', '1', '~ changed<br>~ cpu: 32 → 48'],
    ]);
  });
});
