// docs/ci.md, run for real: the workflow and the shell commands are read from the page itself,
// then run on a scratch git repository (a bare "origin" with main, a feature branch that moves a
// tenant's container onto a shared VM and adds a model whose name has a space). Steps run as
// GitHub runs them (`bash --noprofile --norc -eo pipefail`, step env with `${{ }}` expressions
// filled in, GITHUB_OUTPUT), with `strata` on the PATH running this build's dist/cli.js and
// logging every call. Every `strata` command written on the page must have been called, and
// every `if:` condition and `${{ }}` expression on the page must be one this test knows: change
// the page and this test fails until it runs the new commands too.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../helpers/paths';

const DOC = path.join(ROOT, 'docs', 'ci.md');
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
  readonly 'continue-on-error'?: boolean;
}

interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, { readonly steps: readonly Step[]; readonly permissions?: Record<string, string> }>;
}

function codeBlocks(markdown: string): { lang: string; body: string }[] {
  return new MarkdownIt()
    .parse(markdown, {})
    .filter((t) => t.type === 'fence')
    .map((t) => ({ lang: t.info.trim(), body: t.content }));
}

const doc = fs.readFileSync(DOC, 'utf8');
const blocks = codeBlocks(doc);
const yamlBlocks = blocks.filter((b) => b.lang === 'yaml').map((b) => parseYaml(b.body) as unknown);
const workflow = yamlBlocks.find((y): y is Workflow => typeof y === 'object' && y !== null && 'jobs' in y)!;
const extraSteps = yamlBlocks.filter((y): y is Step[] => Array.isArray(y)).flat();
const shellLines = blocks
  .filter((b) => b.lang === 'sh')
  .flatMap((b) => b.body.split('\n'))
  .filter((l) => l.trim() && !l.trim().startsWith('#'));

// ---- What the test knows of GitHub Actions: expressions and conditions on the page.

interface Run {
  readonly event: 'pull_request' | 'push';
  readonly steps: Map<string, { outcome: 'success' | 'failure' | 'skipped'; outputs: Record<string, string> }>;
}

const EXPRESSIONS: Readonly<Record<string, string>> = {
  'github.base_ref': 'main',
  'github.token': 'test-token',
  'github.event.pull_request.number': '7',
};

const CONDITIONS: Readonly<Record<string, (r: Run, cwd: string) => boolean>> = {
  "always() && hashFiles('strata.sarif') != ''": (_, cwd) => fs.existsSync(path.join(cwd, 'strata.sarif')),
  "github.event_name == 'pull_request'": (r) => r.event === 'pull_request',
  "steps.review.outputs.changed == 'true'": (r) => r.steps.get('review')?.outputs.changed === 'true',
  "steps.review.outputs.changed == 'true' && github.event.pull_request.head.repo.full_name == github.repository": (r) => r.steps.get('review')?.outputs.changed === 'true',
  "steps.check.outcome == 'failure' || steps.review.outputs.gate == 'fail'": (r) => r.steps.get('check')?.outcome === 'failure' || r.steps.get('review')?.outputs.gate === 'fail',
};

function expand(value: string): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const v = EXPRESSIONS[expr];
    assert.ok(v !== undefined, `docs/ci.md uses \${{ ${expr} }}, which this test does not know: add it to EXPRESSIONS`);
    return v;
  });
}

// ---- The strata commands on the page, as templates: words, with `$…` words matching anything.

function words(command: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of command.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** `strata …` up to the first redirection or shell operator, without the `strata`. */
function template(line: string): string[] {
  const at = line.search(/(?:^|\s)strata\s/);
  const w = words(line.slice(at).trim());
  const end = w.findIndex((x) => /^(>|>>|\|\||\||&&|;|2>)$/.test(x) || /^>/.test(x));
  return w.slice(1, end < 0 ? undefined : end);
}

function strataLines(script: string): string[] {
  return script.split('\n').filter((l) => /(?:^|[\s;(])strata\s/.test(l) && !/^\s*#/.test(l) && !/^\s*(echo|printf)\s/.test(l));
}

const DOC_COMMANDS: { where: string; template: string[] }[] = [
  ...[...workflow.jobs.strata.steps, ...extraSteps].flatMap((s) => (s.run ? strataLines(s.run).map((l) => ({ where: `step '${s.name ?? s.uses}'`, template: template(l) })) : [])),
  ...shellLines.filter((l) => /^\s*strata\s/.test(l)).map((l) => ({ where: 'sh block', template: template(l) })),
];

const matches = (t: readonly string[], call: readonly string[]) => t.length === call.length && t.every((w, i) => w.includes('$') || w === call[i]);

// ---- The scratch repository.

const SARIF_SCHEMA = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validSarif = ajv.compile(SARIF_SCHEMA);

describe('docs/ci.md on a scratch git repository', function () {
  this.timeout(120_000);
  let tmp: string;
  let repo: string;
  let bin: string;
  let log: string;

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: tmp,
    LANG: 'C.UTF-8',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'CI',
    GIT_AUTHOR_EMAIL: 'ci@example.invalid',
    GIT_COMMITTER_NAME: 'CI',
    GIT_COMMITTER_EMAIL: 'ci@example.invalid',
    STRATA_LOG: log,
    ...extra,
  });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const calls = (): string[][] =>
    fs.existsSync(log)
      ? fs
          .readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as string[])
      : [];
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };
  const fixture = (name: string, which: string) => fs.readFileSync(path.join(FIXTURES, name, `${which}.strata`), 'utf8');

  /** Runs the workflow's steps the way GitHub would for one event; returns what each did. */
  function runWorkflow(event: Run['event']): Run & { jobFailed: boolean; skippedInstall: boolean; comment?: string } {
    const run: Run = { event, steps: new Map() };
    const output = path.join(tmp, `github-output-${event}`);
    let jobFailed = false;
    let skippedInstall = false;
    let comment: string | undefined;
    for (const [i, step] of workflow.jobs.strata.steps.entries()) {
      const key = step.id ?? `#${i}`;
      const condition = step.if;
      if (condition !== undefined) {
        const known = CONDITIONS[condition];
        assert.ok(known, `docs/ci.md has the condition \`${condition}\`, which this test does not know: add it to CONDITIONS`);
        // Without a status function GitHub adds `success() &&`: a failed step stops the rest.
        const implicitSuccess = !/\b(always|failure|cancelled)\(\)/.test(condition);
        if ((implicitSuccess && jobFailed) || !known(run, repo)) {
          run.steps.set(key, { outcome: 'skipped', outputs: {} });
          continue;
        }
      } else if (jobFailed) continue;
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))]));
      if (step.uses) {
        if (step.uses.startsWith('github/codeql-action/upload-sarif')) {
          const file = path.join(repo, String(step.with?.sarif_file));
          const log = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
          assert.ok(validSarif(log), `the uploaded ${step.with?.sarif_file} is valid SARIF 2.1.0: ${ajv.errorsText(validSarif.errors)}`);
        } else if (step.uses.startsWith('actions/upload-artifact')) {
          assert.ok(fs.existsSync(path.join(repo, String(step.with?.path))), 'the artifact folder exists');
        } else assert.match(step.uses, /^actions\/(checkout|setup-node)@v\d+$/, `a step the test does not know: ${step.uses}`);
        run.steps.set(key, { outcome: 'success', outputs: {} });
        continue;
      }
      const script = expand(step.run ?? '');
      if (/npm install --global/.test(script)) {
        // The test puts this build's strata on the PATH instead of installing a tarball.
        assert.match(stepEnv.STRATA_PACKAGE ?? '', /strata-diagrams-\d+\.\d+\.\d+\.tgz$/);
        skippedInstall = true;
        run.steps.set(key, { outcome: 'success', outputs: {} });
        continue;
      }
      if (/^gh pr comment /.test(script)) {
        // Posting needs GitHub; what it would post is checked instead.
        assert.equal(script, 'gh pr comment "$PR" --body-file strata-review/comment.md --edit-last --create-if-none');
        assert.equal(stepEnv.PR, '7');
        comment = fs.readFileSync(path.join(repo, 'strata-review', 'comment.md'), 'utf8');
        run.steps.set(key, { outcome: 'success', outputs: {} });
        continue;
      }
      assert.equal(step.shell, 'bash', `step '${step.name}' says shell: bash (so pipefail and process substitution hold)`);
      fs.writeFileSync(output, '');
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        cwd: repo,
        env: env({ ...stepEnv, GITHUB_OUTPUT: output, GITHUB_EVENT_NAME: event }),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const outputs: Record<string, string> = {};
      for (const line of fs.readFileSync(output, 'utf8').split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
      }
      const outcome = r.status === 0 ? 'success' : 'failure';
      if (outcome === 'failure') assert.notEqual(r.status, 2, `step '${step.name}' hit a usage or read error:\n${r.stderr}`);
      run.steps.set(key, { outcome, outputs });
      if (outcome === 'failure' && !step['continue-on-error']) jobFailed = true;
    }
    return { ...run, jobFailed, skippedInstall, ...(comment !== undefined ? { comment } : {}) };
  }

  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-ci-doc-'));
    repo = path.join(tmp, 'work');
    bin = path.join(tmp, 'bin');
    log = path.join(tmp, 'strata-calls.log');
    fs.mkdirSync(bin);
    fs.mkdirSync(repo);
    const shim = path.join(bin, 'strata');
    fs.writeFileSync(
      shim,
      `#!${process.execPath}\n` +
        `require('fs').appendFileSync(process.env.STRATA_LOG, JSON.stringify(process.argv.slice(2)) + '\\n');\n` +
        `const r = require('child_process').spawnSync(process.execPath, [${JSON.stringify(CLI)}, ...process.argv.slice(2)], { stdio: 'inherit' });\n` +
        `process.exit(r.status === null ? 2 : r.status);\n`,
    );
    fs.chmodSync(shim, 0o755);

    // origin: main with two models.
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', path.join(tmp, 'origin.git')], { env: env() });
    git('init', '-q', '-b', 'main');
    git('remote', 'add', 'origin', path.join(tmp, 'origin.git'));
    write('models/platform.strata', fixture('tenant-moved-onto-shared-vm', 'before'));
    write('models/db.strata', fixture('memory-overcommit', 'before'));
    git('add', '.');
    git('commit', '-q', '-m', 'models');
    git('push', '-q', 'origin', 'main');
    // The pull request: a tenant's container moved onto the other tenant's VM, and a new model.
    git('checkout', '-q', '-b', 'feature');
    write('models/platform.strata', fixture('tenant-moved-onto-shared-vm', 'after'));
    write('models/new site.strata', fixture('vm-containerized', 'after'));
    git('add', '.');
    git('commit', '-q', '-m', 'move reports next to the shop');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the page holds a workflow with the SARIF upload, the render, the diff and the comment', () => {
    assert.ok(workflow, 'a yaml block with jobs');
    const steps = workflow.jobs.strata.steps;
    assert.ok(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
    assert.ok(steps.some((s) => s.run?.includes('strata check --format sarif . > strata.sarif')));
    assert.ok(steps.some((s) => s.run?.includes('strata render "$file" --format markdown')));
    assert.ok(steps.some((s) => s.run?.includes('strata diff --git "$BASE" "$file" --format markdown')));
    assert.ok(steps.some((s) => s.run?.startsWith('gh pr comment')));
    assert.equal(workflow.jobs.strata.permissions?.['security-events'], 'write');
    assert.equal(workflow.jobs.strata.permissions?.['pull-requests'], 'write');
    assert.ok(DOC_COMMANDS.length >= 10, `found ${DOC_COMMANDS.length} strata commands`);
  });

  it('a pull request: valid SARIF uploaded, each changed model diffed and rendered into the comment, the gate fails on the new warning', () => {
    const before = calls().length;
    const run = runWorkflow('pull_request');
    assert.ok(run.skippedInstall);
    assert.equal(run.steps.get('check')?.outcome, 'success', 'no model has errors');
    const review = run.steps.get('review')!;
    assert.equal(review.outcome, 'success');
    assert.deepEqual(review.outputs, { changed: 'true', gate: 'fail' });
    assert.ok(run.jobFailed, 'the last step fails the job: the pull request introduces a warning');

    const comment = run.comment!;
    assert.ok(comment, 'the comment step ran');
    assert.match(comment, /^## Strata review\n/);
    assert.match(comment, /### Strata: models\/platform\.strata\n/);
    assert.match(comment, /Compared origin\/main with the working tree\./);
    assert.match(comment, /tenants newly sharing a kernel: shop and finance on the guest kernel of vm 'node1'/);
    assert.match(comment, /\| moved \| `reports` \| container \| rack1 › esx1 › node2 › ctr2 → rack1 › esx1 › node1 › ctr1/);
    assert.match(comment, /### Strata: models\/new site\.strata\n/);
    assert.match(comment, /origin\/main \(the file is new: not in origin\/main\)/);
    assert.doesNotMatch(comment, /models\/db\.strata/, 'unchanged models are not in the comment');
    assert.equal((comment.match(/<details><summary>The model after this change/g) ?? []).length, 2);
    assert.equal((comment.match(/^```mermaid$/gm) ?? []).length, 4, 'each changed model: the picture of the change, and the model after it');
    assert.match(comment, /n\d+\["→ moved from rack1 › esx1 › node2 › ctr2 · container reports/, 'the moved container marked in the picture');
    assert.equal((comment.match(/<details>/g) ?? []).length, (comment.match(/<\/details>/g) ?? []).length);
    assert.ok(fs.existsSync(path.join(repo, 'strata-review', 'models', 'platform.md')));
    assert.ok(fs.existsSync(path.join(repo, 'strata-review', 'models', 'new site.md')));

    const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'strata.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.has('models/platform.strata'), [...uris].join(', '));
    assert.ok(calls().length - before >= 5, 'check, then render and diff for each of the two changed models');
  });

  it('a push with a model that has errors: the upload still runs and the job fails; no review', () => {
    write('models/broken.strata', 'host h1 {\n  os: ubuntu-24.04\n  engine e1 { container legacy { os: windows-server-2022; memory: 1GiB; app a1 } }\n}\n');
    try {
      const run = runWorkflow('push');
      assert.equal(run.steps.get('check')?.outcome, 'failure');
      assert.equal(run.steps.get('review')?.outcome, 'skipped');
      assert.equal(run.comment, undefined);
      assert.ok(run.jobFailed);
      const sarif = fs.readFileSync(path.join(repo, 'strata.sarif'), 'utf8');
      assert.match(sarif, /"ruleId": "kernel-mismatch"/);
    } finally {
      fs.rmSync(path.join(repo, 'models', 'broken.strata'));
    }
  });

  it('a pull request that only resolves findings passes the gate', () => {
    git('checkout', '-q', '-b', 'fix', 'main');
    write('models/db.strata', fixture('memory-overcommit', 'before').replace('app postgres }', 'app postgres }\n    # a comment only'));
    git('commit', '-q', '-am', 'comment');
    try {
      const run = runWorkflow('pull_request');
      assert.deepEqual(run.steps.get('review')?.outputs, { changed: 'true', gate: 'pass' });
      assert.equal(run.jobFailed, false);
      assert.match(run.comment!, /no architectural change/);
    } finally {
      git('checkout', '-q', 'feature');
    }
  });

  it('the shell commands of the page run on the repository with the documented results', () => {
    for (const line of shellLines) {
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', line], { cwd: repo, env: env(), encoding: 'utf8' });
      const expected = /--fail-on new-warnings/.test(line) ? 1 : 0;
      assert.equal(r.status, expected, `${line}\n${r.stderr}`);
    }
    for (const step of extraSteps) {
      assert.equal(step.shell, 'bash');
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], { cwd: repo, env: env(), encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^::warning file=models\/platform\.strata,line=\d+/m, 'annotations on the changed lines');
    }
    assert.ok(validSarif(JSON.parse(fs.readFileSync(path.join(repo, 'strata.sarif'), 'utf8'))));
    assert.match(fs.readFileSync(path.join(repo, 'platform.md'), 'utf8'), /^## models\/platform\.strata\n\n```mermaid\n/);
    assert.match(fs.readFileSync(path.join(repo, 'platform.html'), 'utf8'), /class="strata theme-dark"/);
    const picture = fs.readFileSync(path.join(repo, 'platform.diff.html'), 'utf8');
    assert.match(picture, /class="strata theme-dark"/);
    assert.match(picture, /class="node k-container d-moved" data-id="reports"/, 'the moved container marked in the picture');
    const diff = JSON.parse(fs.readFileSync(path.join(repo, 'platform.diff.json'), 'utf8')) as { stats: { newlyShared: { kernel: string }[] } };
    assert.equal(diff.stats.newlyShared[0].kernel, 'guest:node1');
  });

  it('every strata command written on the page was run', () => {
    const made = calls();
    for (const c of DOC_COMMANDS) {
      assert.ok(
        made.some((call) => matches(c.template, call)),
        `'strata ${c.template.join(' ')}' (${c.where}) was never run; the calls were:\n${made.map((m) => m.join(' ')).join('\n')}`,
      );
    }
  });
});
