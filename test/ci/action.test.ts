// action.yml, run for real: the composite action's steps are read from the file and run as
// GitHub runs them (`bash --noprofile --norc -eo pipefail`, step env with `${{ }}` expressions
// filled in, GITHUB_OUTPUT, GITHUB_PATH) on a scratch git repository whose pull request adds a
// tenant's container to a shared VM and moves a VM to another host. `strata` on the PATH runs
// this build's dist/cli.js. GitHub's REST API is a local fake on 127.0.0.1 (GITHUB_API_URL):
// the sticky comment is created on the first run and edited in place on the next, and other
// people's comments are never touched. The workflow in docs/ci.md that uses the action is run
// through the same steps. Every expression and condition must be one this test knows.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../helpers/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'diff');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly run?: string;
  readonly shell?: string;
  readonly env?: Record<string, string>;
}
interface Action {
  readonly inputs: Record<string, { default?: string }>;
  readonly outputs: Record<string, { value: string }>;
  readonly runs: { readonly using: string; readonly steps: readonly Step[] };
}

const action = parseYaml(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

/** The workflow of docs/ci.md that uses the action (`uses: ./.github/actions/strata`). */
function docWorkflow(): { steps: Step[] } {
  const tokens = new MarkdownIt().parse(fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8'), {});
  for (const t of tokens) {
    if (t.type !== 'fence' || t.info.trim() !== 'yaml') continue;
    const y = parseYaml(t.content) as { jobs?: Record<string, { steps: Step[] }> };
    const job = y?.jobs && Object.values(y.jobs).find((j) => j.steps.some((s) => s.uses === './.github/actions/strata'));
    if (job) return job;
  }
  throw new Error('docs/ci.md has no workflow that uses ./.github/actions/strata');
}

interface Context {
  readonly event: 'pull_request' | 'push';
  readonly inputs: Record<string, string>;
  readonly steps: Record<string, { outputs: Record<string, string>; outcome: string }>;
  readonly cwd: string;
  readonly fork: boolean;
}

const GITHUB: Readonly<Record<string, (c: Context) => string>> = {
  'github.action_path': () => ROOT,
  'github.base_ref': () => 'main',
  'github.token': () => 'test-token',
  'github.event.pull_request.number': () => '7',
  'github.event_name': (c) => c.event,
};

/** The `${{ }}` expressions of action.yml, each evaluated the way GitHub would. */
function evaluate(expr: string, c: Context): string {
  const known = GITHUB[expr];
  if (known) return known(c);
  let m = /^inputs\.([\w-]+)$/.exec(expr);
  if (m) {
    assert.ok(m[1] in action.inputs, `action.yml reads inputs.${m[1]}, which it does not declare`);
    if (m[1] in c.inputs) return c.inputs[m[1]];
    const d = action.inputs[m[1]].default ?? '';
    const e = /^\$\{\{\s*(.*?)\s*\}\}$/.exec(d);
    return e ? evaluate(e[1], c) : d;
  }
  m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
  if (m) return c.steps[m[1]]?.outputs[m[2]] ?? '';
  if (expr === "inputs.base || format('origin/{0}', github.base_ref)") return c.inputs.base || `origin/${GITHUB['github.base_ref'](c)}`;
  if (expr === '') return '';
  assert.fail(`action.yml uses \${{ ${expr} }}, which this test does not know`);
}

const CONDITIONS: Readonly<Record<string, (c: Context) => boolean>> = {
  "inputs.upload-sarif == 'true' && hashFiles('strata.sarif') != ''": (c) => evaluate('inputs.upload-sarif', c) === 'true' && fs.existsSync(path.join(c.cwd, 'strata.sarif')),
  "github.event_name == 'pull_request'": (c) => c.event === 'pull_request',
  "steps.review.outputs.changed == 'true'": (c) => c.steps.review?.outputs.changed === 'true',
  "inputs.comment == 'true' && steps.review.outputs.changed == 'true' && github.event.pull_request.head.repo.full_name == github.repository": (c) =>
    evaluate('inputs.comment', c) === 'true' && c.steps.review?.outputs.changed === 'true' && !c.fork,
};

const expand = (s: string, c: Context) => s.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => evaluate(e, c));

interface FakeComment {
  id: number;
  body: string;
  user: string;
}

describe('action.yml on a scratch git repository (GitHub API faked on 127.0.0.1)', function () {
  this.timeout(180_000);
  let tmp: string;
  let repo: string;
  let bin: string;
  let server: http.Server;
  let api: string;
  const comments: FakeComment[] = [];
  const requests: string[] = [];
  let nextId = 100;

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: tmp,
    LANG: 'C.UTF-8',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'CI',
    GIT_AUTHOR_EMAIL: 'ci@example.invalid',
    GIT_COMMITTER_NAME: 'CI',
    GIT_COMMITTER_EMAIL: 'ci@example.invalid',
    GITHUB_API_URL: api,
    GITHUB_REPOSITORY: 'acme/platform',
    RUNNER_TEMP: tmp,
    ...extra,
  });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };
  const fixture = (name: string, which: string) => fs.readFileSync(path.join(FIXTURES, name, `${which}.strata`), 'utf8');

  /** Runs the action's steps as GitHub would; returns the outputs and what the "uses:" steps got. */
  async function runAction(event: Context['event'], inputs: Record<string, string> = {}, fork = false) {
    const c: Context = { event, inputs, steps: {}, cwd: repo, fork };
    const uploads: string[] = [];
    let failed: string | undefined;
    for (const [i, step] of action.runs.steps.entries()) {
      const key = step.id ?? `#${i}`;
      if (failed) break;
      if (step.if !== undefined) {
        const known = CONDITIONS[step.if];
        assert.ok(known, `action.yml has the condition \`${step.if}\`, which this test does not know`);
        if (!known(c)) {
          c.steps[key] = { outputs: {}, outcome: 'skipped' };
          continue;
        }
      }
      if (step.uses) {
        if (step.uses.startsWith('github/codeql-action/upload-sarif@')) uploads.push(`sarif ${step.with?.sarif_file}`);
        else if (step.uses.startsWith('actions/upload-artifact@')) {
          const dir = path.join(repo, String(step.with?.path));
          assert.ok(fs.existsSync(dir), 'the artifact folder exists');
          uploads.push(`artifact ${step.with?.name}`);
        } else assert.fail(`a step the test does not know: ${step.uses}`);
        c.steps[key] = { outputs: {}, outcome: 'success' };
        continue;
      }
      assert.equal(step.shell, 'bash', `step '${step.name}' says shell: bash`);
      const output = path.join(tmp, 'github-output');
      const pathFile = path.join(tmp, 'github-path');
      fs.writeFileSync(output, '');
      fs.writeFileSync(pathFile, '');
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), c)]));
      // Asynchronously: the fake GitHub API answers from this process's event loop.
      const r = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run ?? '', c)], env({ ...stepEnv, GITHUB_OUTPUT: output, GITHUB_PATH: pathFile, GITHUB_EVENT_NAME: event }));
      const outputs: Record<string, string> = {};
      for (const line of fs.readFileSync(output, 'utf8').split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
      }
      c.steps[key] = { outputs, outcome: r.status === 0 ? 'success' : 'failure' };
      if (r.status !== 0) failed = `${step.name}: exit ${r.status}\n${r.stdout}\n${r.stderr}`;
      else if (step.name === 'Install strata') assert.match(r.stdout, /Using .*strata/, 'strata on the PATH is used');
    }
    const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, expand(v.value, c)]));
    return { outputs, uploads, failed, steps: c.steps };
  }

  const run = (cmd: string, args: string[], e: NodeJS.ProcessEnv) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(cmd, args, { cwd: repo, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  before(async function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString('utf8')));
      req.on('end', () => {
        requests.push(`${req.method} ${req.url}`);
        const send = (status: number, value: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (req.headers.authorization !== 'Bearer test-token') return send(401, { message: 'Bad credentials' });
        const url = new URL(req.url ?? '/', 'http://x');
        if (req.method === 'GET' && url.pathname === '/repos/acme/platform/issues/7/comments') {
          const page = Number(url.searchParams.get('page') ?? '1');
          const per = Number(url.searchParams.get('per_page') ?? '30');
          return send(200, comments.slice((page - 1) * per, page * per).map((c) => ({ id: c.id, body: c.body, user: { login: c.user } })));
        }
        if (req.method === 'POST' && url.pathname === '/repos/acme/platform/issues/7/comments') {
          const c = { id: nextId++, body: (JSON.parse(body) as { body: string }).body, user: 'github-actions[bot]' };
          comments.push(c);
          return send(201, { id: c.id });
        }
        const m = /^\/repos\/acme\/platform\/issues\/comments\/(\d+)$/.exec(url.pathname);
        if (req.method === 'PATCH' && m) {
          const c = comments.find((x) => x.id === Number(m[1]));
          if (!c) return send(404, { message: 'Not Found' });
          c.body = (JSON.parse(body) as { body: string }).body;
          return send(200, { id: c.id });
        }
        send(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Someone else's comments, more than one page of them: never touched.
    for (let i = 0; i < 120; i++) comments.push({ id: nextId++, body: `LGTM ${i}`, user: 'reviewer' });

    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-action-'));
    repo = path.join(tmp, 'work');
    bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    fs.mkdirSync(repo);
    fs.writeFileSync(path.join(bin, 'strata'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    fs.chmodSync(path.join(bin, 'strata'), 0o755);
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', path.join(tmp, 'origin.git')], { env: env() });
    git('init', '-q', '-b', 'main');
    git('remote', 'add', 'origin', path.join(tmp, 'origin.git'));
    write('models/shop.strata', fixture('tenant-container-added', 'before'));
    write('models/sites.strata', fixture('vm-moved-host', 'before'));
    write('models/web.strata', fixture('memory-limit-removed', 'before'));
    git('add', '.');
    git('commit', '-q', '-m', 'models');
    git('push', '-q', 'origin', 'main');
    git('checkout', '-q', '-b', 'feature');
    write('models/shop.strata', fixture('tenant-container-added', 'after'));
    write('models/sites.strata', fixture('vm-moved-host', 'after'));
    git('commit', '-q', '-am', 'partner importer; reporting next to the database');
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const sticky = () => comments.filter((c) => c.body.startsWith('<!-- strata-architecture-review -->'));

  it('a pull request: SARIF uploaded, one sticky comment with the picture of each changed model, the pictures as an artifact, the gate fails on the new warning', async () => {
    const run = await runAction('pull_request');
    assert.match(run.failed ?? '', /^Gate: exit 1/, 'the last step fails the job: the change introduces a warning');
    assert.deepEqual(run.outputs, { changed: 'true', gate: 'fail' });
    assert.deepEqual(run.uploads, ['sarif strata.sarif', 'artifact strata-review']);
    assert.equal(sticky().length, 1, 'one comment');
    const body = sticky()[0].body;
    assert.match(body, /^<!-- strata-architecture-review -->\n## Strata: the architecture change\n/);
    assert.match(body, /### Strata: models\/shop\.strata\n/);
    assert.match(body, /### Strata: models\/sites\.strata\n/);
    assert.doesNotMatch(body, /models\/web\.strata/, 'an unchanged model is left out');
    assert.equal((body.match(/^```mermaid$/gm) ?? []).length, 2, 'one picture per changed model');
    assert.match(body, /\["\+ added · container importer/);
    assert.match(body, /⚠ kernel newly shared by tenants shop and partner/);
    assert.match(body, /\["→ moved from fra › h1 › kvm1 · vm report-vm/);
    for (const f of ['shop.diff.html', 'shop.diff.svg', 'sites.diff.html', 'sites.diff.svg']) assert.ok(fs.existsSync(path.join(repo, 'strata-review', 'models', f)), f);
    assert.match(fs.readFileSync(path.join(repo, 'strata-review', 'models', 'shop.diff.svg'), 'utf8'), /^<svg /);
  });

  it('the next push edits the same comment in place; nobody else\'s comment changes', async () => {
    const before = sticky()[0];
    write('models/web.strata', fixture('memory-limit-removed', 'after'));
    git('commit', '-q', '-am', 'no limit for the api');
    requests.length = 0;
    const run = await runAction('pull_request');
    assert.equal(run.outputs.gate, 'fail');
    assert.equal(sticky().length, 1, 'still one comment');
    assert.equal(sticky()[0].id, before.id);
    assert.match(sticky()[0].body, /### Strata: models\/web\.strata\n/);
    assert.match(sticky()[0].body, /memory: 2GiB → \(removed\)/);
    assert.ok(requests.some((r) => r.startsWith('PATCH ')) && !requests.some((r) => r.startsWith('POST ')), requests.join('\n'));
    assert.equal(comments.filter((c) => c.user === 'reviewer' && /^LGTM \d+$/.test(c.body)).length, 120);
  });

  it('a pull request from a fork: no comment (read-only token), the artifact still kept', async () => {
    requests.length = 0;
    const run = await runAction('pull_request', {}, true);
    assert.equal(run.steps.comment?.outcome, 'skipped');
    assert.deepEqual(requests, []);
    assert.ok(run.uploads.includes('artifact strata-review'));
  });

  it("fail-on never passes the gate; a push runs the check only", async () => {
    assert.deepEqual((await runAction('pull_request', { 'fail-on': 'never' })).outputs, { changed: 'true', gate: 'pass' });
    const push = await runAction('push');
    assert.equal(push.steps.review.outcome, 'skipped');
    assert.deepEqual(push.outputs, { changed: '', gate: 'pass' });
  });

  it('docs/ci.md shows a workflow that checks out with history and runs the action with the permissions it needs', async () => {
    const job = docWorkflow() as { steps: Step[]; permissions?: Record<string, string> };
    assert.equal(job.permissions?.['pull-requests'], 'write');
    assert.equal(job.permissions?.['security-events'], 'write');
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0);
    const use = job.steps.find((s) => s.uses === './.github/actions/strata')!;
    for (const k of Object.keys(use.with ?? {})) assert.ok(k in action.inputs, `the page passes '${k}', an input of the action`);
    const inputs = Object.fromEntries(Object.entries(use.with ?? {}).map(([k, v]) => [k, String(v)]));
    // The page installs from a tarball; here strata is already on the PATH.
    delete inputs['strata-package'];
    const run = await runAction('pull_request', inputs);
    assert.equal(run.outputs.changed, 'true');
    assert.equal(sticky().length, 1);
  });
});
