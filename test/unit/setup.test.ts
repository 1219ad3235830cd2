// scripts/setup.js, the first step of `npm test` and `npm start`, on a fake machine: the real
// script runs with a PATH where dpkg-query, apt-get, sudo and npm are stubs that log what they
// are asked and keep a fake package database, so the tests see exactly which commands a fresh
// machine would get, without touching this machine's packages. The non-root cases run the script
// as a real unprivileged user (setpriv) and are skipped, saying so, when the tests do not run as
// root. What they do not show: a real apt-get install and code-server install (the lead's fresh-
// machine run in issue 13 does that).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

const SETUP = path.join(ROOT, 'scripts', 'setup.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const setup = require(SETUP) as {
  requirements(mode: 'test' | 'start', facts: { desktopCode: boolean; codeServerInstalled: boolean; chromiumPath?: string }): { packages: string[]; codeServer: boolean };
  installPlan(missing: string[], facts: { uid: number; apt: boolean; sudo: boolean }): { run: string[][] } | { stop: string };
  CODE_SERVER_BUILD_PACKAGES: string[];
};
const ALL = ['chromium', ...setup.CODE_SERVER_BUILD_PACKAGES];

/** Real programs the scripts use besides the stubbed ones. */
const REAL_TOOLS = ['bash', 'basename', 'env', 'dirname', 'mkdir', 'mktemp', 'cp', 'tar', 'gzip', 'rm', 'date', 'cat', 'true', 'grep', 'chmod', 'touch', 'sed'];

interface Fake {
  dir: string;
  env: NodeJS.ProcessEnv;
  log: () => string[];
  installed: () => string[];
}

/** A fake machine: `installed` Debian packages, code-server installed or not, optional extras on PATH. */
function fakeMachine(opts: { installed: string[]; codeServer: boolean; sudo?: 'ok' | 'password' | 'absent'; aptFails?: boolean; desktopCode?: boolean; apt?: boolean }): Fake {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-setup-'));
  fs.chmodSync(dir, 0o777);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  for (const tool of REAL_TOOLS) {
    const real = ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
    if (real) fs.symlinkSync(real, path.join(bin, tool));
  }
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  const state = path.join(dir, 'state');
  fs.mkdirSync(state);
  fs.writeFileSync(path.join(state, 'installed'), opts.installed.map((p) => p + '\n').join(''));
  fs.writeFileSync(path.join(state, 'log'), '');
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
  const log = `echo "$(basename "$0") $*" >> "${state}/log"`;
  if (opts.apt !== false) {
    stub('dpkg-query', `for p in "\${@:3}"; do if grep -qx "$p" "${state}/installed"; then echo "$p ii"; fi; done`);
    stub(
      'apt-get',
      `${log}\n${opts.aptFails ? 'exit 100' : ''}\nif [ "$1" = install ]; then for p in "$@"; do case "$p" in -*|install) ;; *) echo "$p" >> "${state}/installed"; [ "$p" = ripgrep ] && printf '#!/bin/bash\\necho fake-rg\\n' > "${bin}/rg" && chmod 755 "${bin}/rg";; esac; done; fi
exit 0`,
    );
  }
  if (opts.installed.includes('ripgrep')) stub('rg', 'echo fake-rg');
  if (opts.sudo !== 'absent') stub('sudo', `${log}\n${opts.sudo === 'ok' ? '[ "$1" = -n ] && shift; exec "$@"' : 'echo "sudo: a password is required" >&2; exit 1'}`);
  // code-server's install: `npm install --prefix <dir> … code-server@…` makes its launcher.
  stub('npm', `${log}\nwhile [ "$1" != --prefix ]; do shift; done; mkdir -p "$2/node_modules/.bin" && touch "$2/node_modules/.bin/code-server" && chmod 755 "$2/node_modules/.bin/code-server"`);
  if (opts.desktopCode) stub('code', 'exit 0');
  const codeServerDir = path.join(dir, 'code-server');
  if (opts.codeServer) {
    fs.mkdirSync(path.join(codeServerDir, 'node_modules', '.bin'), { recursive: true });
    fs.writeFileSync(path.join(codeServerDir, 'node_modules', '.bin', 'code-server'), '', { mode: 0o755 });
  }
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp, { mode: 0o777 });
  fs.chmodSync(tmp, 0o777);
  fs.chmodSync(state, 0o777);
  for (const f of fs.readdirSync(state)) fs.chmodSync(path.join(state, f), 0o666);
  fs.chmodSync(bin, 0o777);
  return {
    dir,
    env: { PATH: bin, HOME: dir, TMPDIR: tmp, CODE_SERVER_DIR: codeServerDir, LANG: 'C.UTF-8' },
    log: () => fs.readFileSync(path.join(state, 'log'), 'utf8').split('\n').filter(Boolean),
    installed: () => fs.readFileSync(path.join(state, 'installed'), 'utf8').split('\n').filter(Boolean),
  };
}

function runSetup(fake: Fake, mode: 'test' | 'start', asUser?: number) {
  const argv = asUser === undefined ? [process.execPath, SETUP, mode] : ['/usr/bin/setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', process.execPath, SETUP, mode];
  const r = spawnSync(argv[0], argv.slice(1), { env: fake.env, encoding: 'utf8', cwd: fake.dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const NOBODY = 65534;

describe('set-up on a fresh machine (scripts/setup.js, fake Debian system)', function () {
  this.timeout(30_000);
  const made: Fake[] = [];
  const machine = (opts: Parameters<typeof fakeMachine>[0]) => {
    const f = fakeMachine(opts);
    made.push(f);
    return f;
  };
  after(() => {
    for (const f of made) fs.rmSync(f.dir, { recursive: true, force: true });
  });

  it('what each command needs: chromium for the tests, the build packages only until code-server is installed, nothing for a desktop `code`', () => {
    assert.deepEqual(setup.requirements('test', { desktopCode: false, codeServerInstalled: false }).packages, ALL);
    assert.deepEqual(setup.requirements('test', { desktopCode: true, codeServerInstalled: true }), { packages: ['chromium'], codeServer: false });
    assert.deepEqual(setup.requirements('test', { desktopCode: false, codeServerInstalled: true, chromiumPath: '/opt/chrome' }), { packages: [], codeServer: false });
    assert.deepEqual(setup.requirements('start', { desktopCode: false, codeServerInstalled: false }), { packages: setup.CODE_SERVER_BUILD_PACKAGES, codeServer: true });
    assert.deepEqual(setup.requirements('start', { desktopCode: true, codeServerInstalled: false }), { packages: [], codeServer: false });
  });

  it('everything there: no apt-get, no npm, no output, exit 0', () => {
    const fake = machine({ installed: ALL, codeServer: true });
    const r = runSetup(fake, 'test');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out + r.err, '');
    assert.deepEqual(fake.log(), []);
  });

  it('as root on a fresh machine: apt-get installs exactly what is missing, the ripgrep cache is seeded, code-server installed; a second run does nothing', function () {
    if (!isRoot) this.skip(); // the script calls apt-get directly only as root
    const fake = machine({ installed: ['libx11-dev', 'pkg-config'], codeServer: false });
    const r = runSetup(fake, 'test');
    assert.equal(r.code, 0, r.err);
    const missing = ['chromium', 'ripgrep', 'libkrb5-dev', 'libsecret-1-dev', 'libxkbfile-dev'];
    assert.deepEqual(fake.log().slice(0, 2), ['apt-get update -qq', `apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`]);
    assert.match(fake.log()[2], /^npm install --prefix \S+code-server .*code-server@4\.100\.3$/);
    assert.equal(fake.log().length, 3);
    // The cache @vscode/ripgrep reads instead of GitHub: a tarball holding Debian's rg.
    const cache = path.join(fake.env.TMPDIR!, 'vscode-ripgrep-cache-1.15.11', 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
    const listing = spawnSync('tar', ['-tzf', cache], { encoding: 'utf8' });
    assert.equal(listing.stdout.trim(), 'rg');
    const again = runSetup(fake, 'test');
    assert.equal(again.code, 0, again.err);
    assert.equal(again.out + again.err, '');
    assert.equal(fake.log().length, 3, 'the second run runs nothing');
  });

  it('not root, password-less sudo: apt-get runs through `sudo -n`', function () {
    if (!isRoot) this.skip(); // needs root to become an unprivileged user (setpriv)
    const fake = machine({ installed: setup.CODE_SERVER_BUILD_PACKAGES, codeServer: true, sudo: 'ok' });
    const r = runSetup(fake, 'test', NOBODY);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(fake.log(), [
      'sudo -n true',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'apt-get update -qq',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium',
      'apt-get install -y -qq --no-install-recommends chromium',
    ]);
  });

  it('not root and sudo wants a password: one line naming the exact command, exit 1, nothing installed', function () {
    if (!isRoot) this.skip(); // needs root to become an unprivileged user (setpriv)
    const fake = machine({ installed: [], codeServer: false, sudo: 'password' });
    const r = runSetup(fake, 'test', NOBODY);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(r.err, `strata setup: missing Debian packages: ${ALL.join(' ')}. Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${ALL.join(' ')}\n`);
    assert.deepEqual(fake.log(), ['sudo -n true']);
    assert.deepEqual(fake.installed(), []);
    assert.ok(!fs.existsSync(path.join(fake.env.CODE_SERVER_DIR!, 'node_modules')), 'code-server is not half-installed');
  });

  it('apt-get fails (e.g. offline): one line naming the command to run, exit 1, code-server not attempted', function () {
    if (!isRoot) this.skip(); // the root path is the one that calls apt-get directly
    const fake = machine({ installed: [], codeServer: false, aptFails: true });
    const r = runSetup(fake, 'start');
    assert.equal(r.code, 1);
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 1, r.err);
    assert.match(lines[0], /^strata setup: `env DEBIAN_FRONTEND=noninteractive apt-get update -qq` failed; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ripgrep libkrb5-dev/);
    assert.ok(!fake.log().some((l) => l.startsWith('npm ')));
  });

  it('npm start with a desktop `code` on the PATH needs nothing, even on a bare machine', () => {
    const fake = machine({ installed: [], codeServer: false, desktopCode: true });
    const r = runSetup(fake, 'start');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(fake.log(), []);
  });

  it('no apt-get (not Debian): one line saying what to install, exit 1', () => {
    const fake = machine({ installed: [], codeServer: false, apt: false });
    const r = runSetup(fake, 'start');
    assert.equal(r.code, 1);
    assert.equal(r.err, 'strata setup: needs ripgrep pkg-config (Debian package names) and this system has no apt-get; install them with your package manager, then run this again.\n');
  });

  it('the plan as a non-root user without sudo names sudo in the command, with sudo uses it', () => {
    assert.deepEqual(setup.installPlan(['chromium'], { uid: 1000, apt: true, sudo: false }), {
      stop: 'strata setup: missing Debian packages: chromium. Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium',
    });
    const plan = setup.installPlan(['chromium'], { uid: 1000, apt: true, sudo: true });
    assert.ok('run' in plan && plan.run.every((argv) => argv[0] === 'sudo' && argv[1] === '-n'));
  });

  it('package.json: `npm test` runs the set-up first, `npm start` runs it as its first step, .ci/run is the README command', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts.pretest, 'node scripts/setup.js test');
    const start = fs.readFileSync(path.join(ROOT, 'scripts', 'start.js'), 'utf8');
    const main = start.slice(start.indexOf('async function main()'));
    assert.match(main, /^async function main\(\) \{\n(\s*\/\/.*\n)*\s*ensure\('start'\);/);
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    assert.equal(ci.at(-1), 'npm ci && npm test');
    assert.match(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), /npm ci && npm test /);
  });
});
