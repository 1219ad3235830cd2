#!/usr/bin/env node
// The set-up behind the README's two commands: `npm test` (package.json `pretest`) and
// `npm start` (scripts/start.js, first step) run this before anything else, so that
// `npm ci && npm test` and `npm ci && npm start` work on a fresh Debian machine with Node 20.
//
//   node scripts/setup.js test    Debian's chromium (drives the browser and VS Code tests) and
//                                 code-server (a real VS Code, installed into .code-server/).
//   node scripts/setup.js start   code-server, unless a desktop `code` is on the PATH.
//
// code-server's install needs ripgrep (its `rg` seeds @vscode/ripgrep's download cache, since
// GitHub may be unreachable) and the -dev packages and pkg-config for its native modules; those
// are needed only while code-server is not installed yet. Missing Debian packages are installed
// with apt-get (through `sudo -n` when not root). When that cannot be done, the script stops with
// one line that names the exact command to run, and exits 1; it never leaves a half-install
// behind silently. Idempotent: when everything is there it runs one `dpkg-query` and returns.
//
// Environment: CHROMIUM_PATH (a Chromium to use instead of Debian's), CODE_SERVER_DIR (where
// code-server lives, default .code-server/), STRATA_USE_CODE_SERVER (start: code-server even when
// `code` is on the PATH).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** Debian packages and what each is for. */
const CODE_SERVER_BUILD_PACKAGES = ['ripgrep', 'libkrb5-dev', 'libsecret-1-dev', 'libxkbfile-dev', 'libx11-dev', 'pkg-config'];
const CHROMIUM_PACKAGE = 'chromium';
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function onPath(command, env = process.env) {
  return (env.PATH || '')
    .split(path.delimiter)
    .some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/** `npm start` opens a desktop VS Code when `code` is on the PATH (and code-server is not asked for). */
function usesDesktopCode(env = process.env) {
  return onPath('code', env) && !env.STRATA_USE_CODE_SERVER;
}

function codeServerBin(env = process.env) {
  return path.join(env.CODE_SERVER_DIR || path.join(root, '.code-server'), 'node_modules', '.bin', 'code-server');
}

/**
 * What `mode` needs: the Debian packages to have and whether code-server must be installed.
 * Pure: every fact about the machine comes in `facts`.
 * @param {'test'|'start'} mode
 * @param {{ desktopCode: boolean, codeServerInstalled: boolean, chromiumPath?: string }} facts
 */
function requirements(mode, facts) {
  const codeServer = mode === 'test' || !facts.desktopCode;
  const packages = [];
  // A Chromium named by CHROMIUM_PATH replaces Debian's.
  if (mode === 'test' && !facts.chromiumPath) packages.push(CHROMIUM_PACKAGE);
  if (codeServer && !facts.codeServerInstalled) packages.push(...CODE_SERVER_BUILD_PACKAGES);
  return { packages, codeServer: codeServer && !facts.codeServerInstalled };
}

/**
 * How to install `missing`: the argument lists to run, or the one line to print when this
 * process cannot (not root and no password-less sudo, or not a Debian system).
 * @param {string[]} missing
 * @param {{ uid: number, apt: boolean, sudo: boolean }} facts
 * @returns {{ run: string[][] } | { stop: string }}
 */
function installPlan(missing, facts) {
  const list = missing.join(' ');
  const manual = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${list}`;
  if (!facts.apt) {
    return { stop: `strata setup: needs ${list} (Debian package names) and this system has no apt-get; install them with your package manager${missing.includes(CHROMIUM_PACKAGE) ? ' (or set CHROMIUM_PATH to a Chromium binary)' : ''}, then run this again.` };
  }
  const prefix = facts.uid === 0 ? [] : facts.sudo ? ['sudo', '-n'] : undefined;
  if (!prefix) return { stop: `strata setup: missing Debian packages: ${list}. Run: ${manual}` };
  const apt = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  return {
    run: [
      [...apt, 'update', '-qq'],
      [...apt, 'install', '-y', '-qq', '--no-install-recommends', ...missing],
    ],
  };
}

/** The packages of `wanted` that dpkg does not list as installed. */
function missingPackages(wanted, env = process.env) {
  if (wanted.length === 0) return [];
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\n', ...wanted], { env, encoding: 'utf8' });
  const installed = new Set();
  for (const line of (r.stdout || '').split('\n')) {
    const [name, status] = line.split(' ');
    // "ii": wanted install, installed. Anything else (removed, config-files, half-installed) is missing.
    if (name && status === 'ii') installed.add(name.replace(/:.*$/, ''));
  }
  return wanted.filter((p) => !installed.has(p));
}

class SetupError extends Error {}

function run(argv, env) {
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 'inherit', 'inherit'] });
  return r.status === 0;
}

/** Makes sure `mode` can run; throws SetupError with the one line to print when it cannot. */
function ensure(mode, env = process.env) {
  const chromiumPath = env.CHROMIUM_PATH && fs.existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  if (env.CHROMIUM_PATH && !chromiumPath) throw new SetupError(`strata setup: CHROMIUM_PATH names ${env.CHROMIUM_PATH}, which does not exist; fix it or unset it to use Debian's chromium.`);
  const need = requirements(mode, {
    desktopCode: usesDesktopCode(env),
    codeServerInstalled: fs.existsSync(codeServerBin(env)),
    chromiumPath,
  });
  const apt = onPath('dpkg-query', env) && onPath('apt-get', env);
  const missing = apt ? missingPackages(need.packages, env) : need.packages.filter((p) => !hasCommandFor(p, env));
  if (missing.length > 0) {
    const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
    const plan = installPlan(missing, { uid, apt, sudo: uid !== 0 && onPath('sudo', env) && sudoWorks(env) });
    if ('stop' in plan) throw new SetupError(plan.stop);
    console.log(`strata setup: installing Debian packages: ${missing.join(' ')}`);
    for (const argv of plan.run) {
      if (!run(argv, { ...env, DEBIAN_FRONTEND: 'noninteractive' })) {
        throw new SetupError(`strata setup: \`${argv.join(' ')}\` failed; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
      }
    }
    const still = missingPackages(missing, env);
    if (still.length > 0) throw new SetupError(`strata setup: apt-get finished but ${still.join(' ')} is still not installed; run: sudo apt-get install -y --no-install-recommends ${still.join(' ')}`);
  }
  if (need.codeServer) {
    // Seeds the ripgrep cache from Debian's rg, installs code-server; does nothing when it is there.
    const r = spawnSync('bash', [path.join(root, 'scripts', 'installCodeServer.sh')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new SetupError('strata setup: installing code-server failed (see above); after fixing the cause, run: bash scripts/installCodeServer.sh');
  }
}

/** Without dpkg: whether a package's program is on the PATH (only for the ones that have one). */
function hasCommandFor(pkg, env) {
  // The tests launch this path unless CHROMIUM_PATH names another.
  if (pkg === CHROMIUM_PACKAGE) return fs.existsSync(DEFAULT_CHROMIUM);
  if (pkg === 'ripgrep') return onPath('rg', env);
  if (pkg === 'pkg-config') return onPath('pkg-config', env);
  // A library's headers cannot be found without dpkg: code-server's install says if one is missing.
  return true;
}

function sudoWorks(env) {
  return spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' }).status === 0;
}

module.exports = { ensure, requirements, installPlan, usesDesktopCode, SetupError, CODE_SERVER_BUILD_PACKAGES };

if (require.main === module) {
  const mode = process.argv[2];
  if (mode !== 'test' && mode !== 'start') {
    console.error('Usage: node scripts/setup.js test|start');
    process.exit(2);
  }
  try {
    ensure(mode);
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
