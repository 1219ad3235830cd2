// A project's diff names the file of every change: the text output says "apps.strata:3" where a
// one-file diff says "line 3", and the Markdown tables' line column becomes "file:line". A
// reviewer of a multi-file pull request can tell which file to open.
import * as assert from 'node:assert/strict';
import { analyzeProject } from '../../src/core/project';
import { diffAnalyses, diffToMarkdown, diffToText, diffTexts } from '../../src/core/diff';

const HOSTS = 'host rack1 {\n  cpu: 32\n  memory: 128GiB\n  os: ubuntu-22.04\n  engine docker1 { product: docker }\n}\n';
const APPS = 'extend docker1 {\n  container web { image: "acme/web:1.4.2"; memory: 512MiB; app nginx }\n  container api { image: "acme/api:2.0.1"; memory: 1GiB; app api-server }\n}\n';
const APPS_AFTER = 'extend docker1 {\n  container web { image: "acme/web:1.4.2"; memory: 512MiB; app nginx }\n  container api { image: "acme/api:2.0.1"; app api-server }\n  container queue { image: "rabbitmq:3.13.1"; memory: 1GiB; app rabbit }\n}\nweb -> queue "AMQP"\n';
const HOSTS_AFTER = HOSTS.replace('cpu: 32', 'cpu: 48');

function projectDiff() {
  const base = analyzeProject([
    { file: 'hosts.strata', text: HOSTS },
    { file: 'apps.strata', text: APPS },
  ]).whole();
  const head = analyzeProject([
    { file: 'hosts.strata', text: HOSTS_AFTER },
    { file: 'apps.strata', text: APPS_AFTER },
  ]).whole();
  return diffAnalyses(base, head);
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

  it('a one-file diff keeps "line N" (no file to name)', () => {
    const d = diffTexts(HOSTS, HOSTS_AFTER);
    assert.doesNotMatch(diffToMarkdown(d), /file:line/);
    assert.match(diffToText(d), /rack1\.cpu: 32 → 48\n/);
  });
});
