// The drift rule: a hand-written model checked against the cluster dump fixture
// (test/fixtures/import/k8s-dump) reports what is deployed but not modelled, modelled but not
// deployed, and what differs, at the model's line with the source's file and line; its fix writes
// the deployed values; `strata check --against` and `sources` in strata.config.json drive it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, type Finding } from '../../src/core';
import { analyzeProject } from '../../src/core/project';
import { importSources } from '../../src/core/import';
import { applyTextEdits } from '../../src/core/services/codeActions';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../helpers/paths';

const DUMP = path.join(FIXTURES, 'import', 'k8s-dump', 'cluster.json');
const MODEL = path.join(FIXTURES, 'import', 'drift', 'boutique.strata');
const text = fs.readFileSync(MODEL, 'utf8');
const deployment = () => {
  const r = importSources([{ name: 'cluster.json', text: fs.readFileSync(DUMP, 'utf8') }]);
  return { workloads: r.workloads, files: ['cluster.json'] };
};
const drift = (t = text): Finding[] => analyze(t, { deployment: deployment() }).findings.filter((f) => f.rule === 'drift');
const lineOf = (t: string, f: Finding) => t.slice(0, f.span.start).split('\n').length;

describe('drift', () => {
  it('reports nothing without a deployment', () => {
    assert.deepEqual(analyze(text).findings.filter((f) => f.rule === 'drift'), []);
  });

  it('deployed but not modelled, modelled but not deployed, and each difference, with the source line', () => {
    const fs_ = drift();
    const msgs = fs_.map((f) => f.message);
    assert.ok(msgs.some((m) => /Deployment kube-system\/coredns is deployed \(cluster\.json:104\) but not in the model/.test(m)));
    assert.ok(msgs.some((m) => /Service 'legacy-cart' is in the model but not deployed/.test(m)));
    const frontend = fs_.find((f) => f.message.startsWith("Service 'frontend' differs"));
    assert.ok(frontend);
    assert.equal(lineOf(text, frontend), 13, 'at the first instance in the model');
    assert.match(frontend.message, /image tag v0\.9\.0 in the model, v0\.10\.1 deployed/);
    assert.match(frontend.message, /memory limit 256MiB in the model, 128MiB deployed/);
    assert.match(frontend.message, /placed on metal-1 in the model, on ip-192-168-12-34-ec2-internal, ip-192-168-45-67-ec2-internal deployed/);
    assert.deepEqual(frontend.related?.map((r) => [r.file, r.line]), [['cluster.json', 322]]);
    const nginx = fs_.find((f) => f.message.startsWith("Service 'nginx-gvisor'"));
    assert.match(nginx?.message ?? '', /runtime runc in the model, gvisor deployed/);
  });

  it('replicas and privileges: a model with one instance of a two-replica service, not privileged', () => {
    const t = 'host metal-1 {\n  os: ubuntu-22.04\n  engine e { pod p { service: kube-system-coredns\n    container c { image: "602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.11.1-eksbuild.9"; memory: 170MiB; privileged: true } } }\n}\n';
    const f = drift(t).find((x) => x.message.startsWith("Service 'kube-system-coredns'"));
    assert.ok(f);
    assert.match(f.message, /1 instance in the model, 2 deployed/);
    assert.match(f.message, /privileged on in the model, off deployed/);
  });

  it('the fix "Update the model from the deployment" writes the deployed values', () => {
    const f = drift().find((x) => x.message.startsWith("Service 'frontend' differs"))!;
    const fix = f.fixes?.[0];
    assert.equal(fix?.title, 'Update the model from the deployment');
    assert.equal(fix?.safe, false);
    const fixed = applyTextEdits(text, fix!.edits);
    assert.match(fixed, /frontend-a-server \{\n\s+image: "us-central1-docker\.pkg\.dev\/google-samples\/microservices-demo\/frontend:v0\.10\.1"\n\s+memory: 128MiB/);
    const after = drift(fixed).find((x) => x.message.startsWith("Service 'frontend' differs"))!;
    assert.doesNotMatch(after.message, /container frontend-a-server/);
  });
});

describe('drift in a project', () => {
  it("the fix for a node of the second file inserts into that file's text, at the node", () => {
    // The container has no memory in the model; 170 MiB is deployed: the fix inserts the line.
    const first = 'tenant shop { trust: internal }\n';
    const second = 'host metal-1 {\n  os: ubuntu-22.04\n  engine e { pod p { service: kube-system-coredns\n    container c { image: "602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.11.1-eksbuild.9" } } }\n}\n';
    const p = analyzeProject([
      { file: '/p/a.strata', text: first },
      { file: '/p/b.strata', text: second },
    ], { deployment: deployment() });
    const f = p.findings.find((x) => x.rule === 'drift' && x.message.startsWith("Service 'kube-system-coredns'"))!;
    assert.ok(f, 'the service differs');
    assert.equal(f.file, '/p/b.strata');
    assert.match(f.message, /memory limit/);
    const fixed = applyTextEdits(second, f.fixes![0].edits);
    assert.equal(fixed, second.replace('container c { image:', 'container c { memory: 170MiB; image:'));
    assert.deepEqual(analyze(fixed).findings.filter((x) => x.rule === 'syntax'), [], 'the fixed file still parses');
  });
});

describe('cli: strata check --against and config sources', () => {
  let dir: string;
  let out: string;
  let err: string;
  const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-drift-'));
    out = '';
    err = '';
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--against prints drift with the source file and line as a note; JSON carries the file', async () => {
    assert.equal(await main(['check', MODEL, '--against', DUMP], io), 0);
    assert.match(out, /boutique\.strata:13:9: warning drift: Service 'frontend' differs/);
    assert.match(out, /cluster\.json:322: note: Deployment boutique\/frontend in the deployment/);
    out = '';
    await main(['check', MODEL, '--against', DUMP, '--format', 'json'], io);
    const json = JSON.parse(out) as { rule: string; related?: { file?: string; range: { start: { line: number } } }[] }[];
    const d = json.find((x) => x.rule === 'drift' && x.related?.length)!;
    assert.ok(d.related![0].file!.endsWith('cluster.json'));
  });

  it('"sources" in strata.config.json, relative to the config file', async () => {
    fs.mkdirSync(path.join(dir, 'deploy'));
    fs.copyFileSync(DUMP, path.join(dir, 'deploy', 'cluster.json'));
    fs.copyFileSync(MODEL, path.join(dir, 'model.strata'));
    fs.writeFileSync(path.join(dir, 'strata.config.json'), JSON.stringify({ sources: ['deploy'] }));
    assert.equal(await main(['check', path.join(dir, 'model.strata')], io), 0, err);
    assert.match(out, /warning drift: Service 'legacy-cart' is in the model but not deployed/);
    // In a project too, the related location is the deployment file's line (not a file of the model).
    assert.match(out, /warning drift: Service 'frontend' differs[^\n]*\n {2}\S*deploy[\\/]cluster\.json:322: note: Deployment boutique\/frontend in the deployment/);
  });

  it('an unreadable source is exit 2 with its location', async () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'kind: Deployment\napiVersion: apps/v1\nmetadata: {name: {{ .Values.name }}}\n');
    assert.equal(await main(['check', MODEL, '--against', bad], io), 2);
    assert.match(err, /bad\.yaml:3: This is an unrendered template/);
  });
});
