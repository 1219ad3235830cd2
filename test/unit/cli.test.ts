// The CLI on real files: formats, exit codes, messages. Runs the built dist/cli.js as a user would.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function strata(args: string[], cwd = ROOT): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('cli: strata check', function () {
  this.timeout(30_000);
  let dir: string;
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-cli-'));
    fs.writeFileSync(path.join(dir, 'clean.strata'), 'host h1 {\n  os: debian-12\n  app web\n}\n');
    fs.writeFileSync(path.join(dir, 'warn.strata'), 'host h1 {\n  os: debian-12\n  memroy: 4GiB\n}\n');
    fs.writeFileSync(path.join(dir, 'error.strata'), 'host a {\n  memory: : 4GiB\n}\nhost b { os: debian-12 }\nhost b { os: debian-12 }\n');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'inner.strata'), 'host h9 { os: debian-12 }\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a clean file and prints a summary', () => {
    const r = strata(['check', path.join(dir, 'clean.strata')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /0 errors, 0 warnings, 0 infos in 1 file/);
  });

  it('prints compiler-style one-based positions', () => {
    const r = strata(['check', 'warn.strata'], dir);
    assert.equal(r.code, 0);
    assert.match(r.out, /^warn\.strata:3:3: warning unknown-property: A host has no property 'memroy'\. Did you mean 'memory'\?$/m);
  });

  it('exits 1 when warnings exceed --max-warnings', () => {
    assert.equal(strata(['check', '--max-warnings', '0', path.join(dir, 'warn.strata')]).code, 1);
    assert.equal(strata(['check', '--max-warnings', '1', path.join(dir, 'warn.strata')]).code, 0);
  });

  it('gives JSON with zero-based ranges, rules and severities; later findings survive an early syntax error', () => {
    const r = strata(['check', '--format', 'json', 'error.strata'], dir);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.out);
    assert.deepEqual(
      json.map((f: { rule: string; severity: string; range: unknown; file: string }) => [f.file, f.rule, f.severity, f.range]),
      [
        ['error.strata', 'syntax', 'error', { start: { line: 1, character: 10 }, end: { line: 1, character: 11 } }],
        ['error.strata', 'duplicate-id', 'error', { start: { line: 4, character: 5 }, end: { line: 4, character: 6 } }],
      ],
    );
  });

  it('searches folders recursively', () => {
    const r = strata(['check', '--format', 'json', dir]);
    const files = new Set(JSON.parse(r.out).map((f: { file: string }) => path.basename(f.file)));
    assert.deepEqual([...files].sort(), ['error.strata', 'warn.strata']);
    assert.match(strata(['check', dir]).out, /in 4 files/);
  });

  it('prints GitHub annotations', () => {
    const r = strata(['check', '--format', 'github', 'warn.strata'], dir);
    assert.equal(r.out, "::warning file=warn.strata,line=3,col=3,endLine=3,endColumn=9,title=strata unknown-property::A host has no property 'memroy'. Did you mean 'memory'?\n");
  });

  it('exits 2 with a clear message on usage errors and missing files', () => {
    const missing = strata(['check', 'nope.strata'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read 'nope\.strata': no such file or folder/);
    const badFormat = strata(['check', '--format', 'xml', 'warn.strata'], dir);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /unknown format 'xml'/);
    assert.equal(strata(['check'], dir).code, 2);
    assert.equal(strata(['frobnicate'], dir).code, 2);
    assert.equal(strata(['check', '--max-warnings', 'x', 'warn.strata'], dir).code, 2);
  });
});
