// The command line without the extension: `npm pack` gives a tarball whose `strata` works after
// `npm install -g <tarball>` into a scratch prefix, as a user outside VS Code would install it.
// Checks what the tarball holds (the CLI, the core library and its type declarations, the
// README, changelog and licence: nothing else), the binary's version, exit codes and output,
// and that the library loads by its package name.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; exports: { '.': { types: string } } };

function log(message: string): void {
  process.stdout.write(`      [npm pack] ${message}\n`);
}

function run(command: string, args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('npm package: `npm pack`, then `npm install -g` into a scratch prefix', function () {
  this.timeout(5 * 60_000);
  let tmp: string;
  let prefix: string;
  let strata: string;
  let files: string[];
  let models: string;

  before(function () {
    for (const f of ['dist/cli.js', 'dist/core.js']) {
      if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
    }
    if (!fs.existsSync(path.join(ROOT, pkg.exports['.'].types))) throw new Error(`${pkg.exports['.'].types} is missing: run \`npm run compile\` first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-npm-'));
    prefix = path.join(tmp, 'prefix');

    let started = Date.now();
    const pack = run('npm', ['pack', '--json', '--pack-destination', tmp], ROOT);
    assert.equal(pack.code, 0, `npm pack failed:\n${pack.err}`);
    const [report] = JSON.parse(pack.out) as { filename: string; size: number; files: { path: string }[] }[];
    files = report.files.map((f) => f.path).sort();
    const tarball = path.join(tmp, report.filename);
    log(`${report.filename}: ${(report.size / 1024).toFixed(0)} KiB, ${files.length} files, packed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    started = Date.now();
    // --prefer-offline: the one dependency (zod, for the type declarations) usually is in npm's cache.
    const install = run('npm', ['install', '-g', tarball, '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline'], tmp);
    assert.equal(install.code, 0, `npm install -g failed:\n${install.out}\n${install.err}`);
    log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    strata = path.join(prefix, 'bin', 'strata');

    models = path.join(tmp, 'models');
    fs.mkdirSync(models);
    fs.writeFileSync(path.join(models, 'clean.strata'), 'host h1 {\n  os: debian-12\n  app web\n}\n');
    fs.writeFileSync(path.join(models, 'duplicate.strata'), 'host web1 { os: debian-12 }\nhost web1 { os: debian-12 }\n');
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the CLI, the core library with its types, README, CHANGELOG and LICENSE, and nothing else', () => {
    for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/cli.js', 'dist/core.js', pkg.exports['.'].types.replace(/^\.\//, '')]) {
      assert.ok(files.includes(f), `${f} is in the tarball`);
    }
    const unexpected = files.filter(
      (f) => !['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/cli.js', 'dist/core.js'].includes(f) && !/^out\/src\/core\/.+\.d\.ts$/.test(f),
    );
    assert.deepEqual(unexpected, []);
  });

  it('installs a `strata` binary that prints the package version', () => {
    assert.ok(fs.existsSync(strata), `${strata} exists`);
    const r = run(strata, ['--version'], models);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), pkg.version);
  });

  it('checks models with the documented exit codes and output', () => {
    const clean = run(strata, ['check', 'clean.strata'], models);
    assert.equal(clean.code, 0, clean.out + clean.err);
    assert.match(clean.out, /0 errors/);

    const broken = run(strata, ['check', 'duplicate.strata'], models);
    assert.equal(broken.code, 1, broken.out + broken.err);
    assert.match(broken.out, /duplicate\.strata:2:6: error duplicate-id: The id 'web1' is already used/);

    const json = run(strata, ['check', '--format', 'json', '.'], models);
    assert.equal(json.code, 1);
    const findings = JSON.parse(json.out) as { rule: string; file: string }[];
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['duplicate-id'],
    );

    const missing = run(strata, ['check', 'nowhere.strata'], models);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nowhere\.strata/);

    const usage = run(strata, [], models);
    assert.equal(usage.code, 2);
    assert.match(usage.out + usage.err, /Usage: strata/);
  });

  it('renders a model as SVG', () => {
    const r = run(strata, ['render', 'clean.strata', '--format', 'svg'], models);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('loads as a library by its package name, with type declarations where package.json says', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', pkg.name);
    assert.ok(fs.existsSync(path.join(installed, pkg.exports['.'].types)), 'type declarations');
    const script = `const { analyze } = require(${JSON.stringify(pkg.name)}); const a = analyze('host a { os: debian-12 }\\nhost a { os: debian-12 }'); console.log(a.findings.map((f) => f.rule).join(','));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(prefix, 'lib', 'node_modules') } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'duplicate-id');
  });

  it('type-checks a TypeScript consumer against the installed declarations', () => {
    const consumer = path.join(tmp, 'consumer');
    fs.mkdirSync(path.join(consumer, 'node_modules'), { recursive: true });
    fs.symlinkSync(path.join(prefix, 'lib', 'node_modules', pkg.name), path.join(consumer, 'node_modules', pkg.name), 'dir');
    fs.writeFileSync(
      path.join(consumer, 'index.ts'),
      `import { analyze, type Finding } from ${JSON.stringify(pkg.name)};\nconst findings: readonly Finding[] = analyze('host a { os: debian-12 }').findings;\nexport const count: number = findings.length;\n`,
    );
    // skipLibCheck as most projects set it: zod's own declarations need DOM or Node types for URL.
    const tsconfig = { compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['ES2022'], types: [], strict: true, noEmit: true, skipLibCheck: true } };
    fs.writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', consumer], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
