#!/usr/bin/env node
// `npm start`: builds the extension and opens a real VS Code with it loaded and examples/ as the
// workspace. With a desktop `code` on PATH that is an Extension Development Host window; without
// one (as on a server or in a container) it runs code-server (installed into .code-server/, with
// the Debian packages it needs, by scripts/setup.js, the first step) on 127.0.0.1 and prints the URL to open, which loads the
// extension from this folder the same way the integration tests do. Stop it with Ctrl+C.
// Environment: STRATA_PORT (default 8080, else a free port), STRATA_FOLDER (default examples/).
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const { ensure, usesDesktopCode, SetupError } = require('./setup');

const root = path.resolve(__dirname, '..');
const folder = path.resolve(process.env.STRATA_FOLDER || path.join(root, 'examples'));
const codeServerDir = path.join(root, '.code-server');
const codeServer = path.join(codeServerDir, 'node_modules/.bin/code-server');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: \`${[command, ...args].join(' ')}\` failed`);
    process.exit(result.status || 1);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  if (process.env.STRATA_PORT) return Number(process.env.STRATA_PORT);
  if (await portIsFree(8080)) return 8080;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Settings for a quiet first start; the user's own changes are kept on later starts. */
function writeDefaultSettings(userDataDir) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    // examples/ sits inside this repository: no prompt to open it.
    'git.openRepositoryInParentFolders': 'never',
  };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

async function startCodeServer() {
  const port = await choosePort();
  const userDataDir = path.join(codeServerDir, 'user-data');
  const extensionsDir = path.join(codeServerDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeDefaultSettings(userDataDir);

  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    folder,
  ];
  const child = spawn(codeServer, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  // code-server cannot load an extension from a folder by a command-line flag; the workbench
  // can, from the `payload` URL parameter (as an Extension Development Host, like F5).
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(root)]]);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;

  let announced = false;
  const onOutput = (chunk) => {
    const text = chunk.toString();
    if (process.env.STRATA_VERBOSE) process.stdout.write(text);
    if (!announced && /HTTP server listening on/.test(text)) {
      announced = true;
      console.log('\nStrata is running in VS Code (code-server). Open this URL in a browser:\n');
      console.log(`  ${url}\n`);
      console.log(`(It loads the extension from ${root} and opens ${folder}.)`);
      console.log('After `npm run build`, run "Developer: Reload Window" to pick up changes. Stop with Ctrl+C.\n');
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', (chunk) => {
    if (process.env.STRATA_VERBOSE || /error/i.test(chunk.toString())) process.stderr.write(chunk);
  });

  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code, signal) => {
    if (!announced) console.error(`start: code-server exited before it was ready (${signal || code})`);
    process.exit(announced ? 0 : 1);
  });
}

async function main() {
  // Installs what is missing (code-server and the Debian packages it needs), or stops saying how.
  ensure('start');
  run(process.execPath, [path.join(root, 'esbuild.js')]);
  if (!fs.existsSync(folder)) fs.mkdirSync(folder, { recursive: true });
  if (usesDesktopCode()) {
    // Desktop VS Code: an Extension Development Host window, as F5 would open.
    run('code', [`--extensionDevelopmentPath=${root}`, folder]);
    return;
  }
  await startCodeServer();
}

main().catch((error) => {
  console.error(error instanceof SetupError ? error.message : error);
  process.exit(1);
});
