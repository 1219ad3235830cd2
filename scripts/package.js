// Builds the production VSIX with @vscode/vsce, offline, and prints its size and contents.
// `npm run package` runs `npm run build` first, then this script:
//   1. redraws the walkthrough's picture (media/walkthrough/vm-platform.svg) from its template,
//      so the walkthrough shows what the current renderer draws;
//   2. runs `vsce package` with the flags that keep it offline and non-interactive:
//      --no-dependencies           esbuild bundles everything (core, zod) into dist/, so no
//                                  node_modules belong in the VSIX and npm is never asked;
//      --allow-missing-repository  the project has no public repository URL yet (no prompt);
//      --no-rewrite-relative-links README links stay relative to the installed extension
//                                  (docs/rules/... ships in the VSIX) instead of needing a URL;
//   3. lists the VSIX (a zip) and fails when something that must be there is missing or something
//      that must not be there (sources, source maps, tests, node_modules) slipped in.
// Also a module: the packaging tests use `vsixPath`, `listZip` and `checkContents`.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** Where `npm run package` writes the VSIX: <name>-<version>.vsix in the project folder. */
function vsixPath() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return path.join(ROOT, `${name}-${version}.vsix`);
}

/**
 * The entries of a zip file, from its central directory: `{ name, size, compressedSize }`.
 * Enough for a VSIX (no zip64: a VSIX this size never needs it).
 */
function listZip(file) {
  const buf = fs.readFileSync(file);
  // The end-of-central-directory record is in the last 22 + 65535 bytes (its comment is at most 64 KiB).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const size = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, size, compressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Files the extension cannot run without (paths inside the VSIX). */
const REQUIRED = [
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md', // vsce lower-cases the readme and changelog names
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/webview/preview.js',
  'extension/language-configuration.json',
  'extension/syntaxes/strata.tmLanguage.json',
  'extension/media/icon.png',
  'extension/templates/templates.json',
  'extension/media/walkthrough/newModel.md',
];

/** What never belongs in the VSIX. */
const FORBIDDEN = [
  [/\.map$/, 'a source map'],
  [/\.ts$/, 'a TypeScript source'],
  [/^extension\/(src|test|out|bench|tools|scripts|examples|\.code-server|\.test-artifacts)\//, 'a development folder'],
  [/(^|\/)node_modules\//, 'node_modules (everything is bundled)'],
  [/\.vsix$|\.tgz$/, 'a package inside the package'],
  [/^extension\/dist\/(cli|core)\.js$/, 'the CLI or core bundle (they ship in the npm package)'],
];

/**
 * Problems with a VSIX's entries: required files missing, forbidden ones present, and every file
 * package.json refers to (templates, walkthrough media, grammar, icons) that is not in it.
 */
function checkContents(entries, manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))) {
  const names = new Set(entries.map((e) => e.name));
  const problems = [];
  for (const required of REQUIRED) if (!names.has(required)) problems.push(`missing ${required}`);
  for (const { name } of entries) {
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(name)) problems.push(`${name} is ${what}`);
  }
  for (const ref of referencedFiles(manifest)) {
    if (!names.has(`extension/${ref}`)) problems.push(`package.json refers to ${ref}, which is not in the VSIX`);
  }
  // The README is the extension's details page: the pictures it shows must ship with it.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
    if (!/^[a-z]+:/i.test(m[1]) && !names.has(`extension/${path.posix.normalize(m[1])}`)) problems.push(`README.md shows ${m[1]}, which is not in the VSIX`);
  }
  const templates = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates/templates.json'), 'utf8'));
  for (const t of templates) if (!names.has(`extension/templates/${t.file}`)) problems.push(`template ${t.file} is not in the VSIX`);
  return problems;
}

/** Relative paths package.json points at (normalised, without "./"). */
function referencedFiles(manifest) {
  const out = new Set();
  // `$(name)` is a codicon, not a file.
  const add = (p) => typeof p === 'string' && !/^\$\(/.test(p) && out.add(path.posix.normalize(p.replace(/^\.\//, '')));
  const c = manifest.contributes ?? {};
  add(manifest.main);
  add(manifest.browser);
  add(manifest.icon);
  for (const f of [...(c.markdown?.previewStyles ?? []), ...(c.markdown?.previewScripts ?? [])]) add(f);
  for (const l of c.languages ?? []) add(l.configuration);
  for (const g of c.grammars ?? []) add(g.path);
  for (const s of c.snippets ?? []) add(s.path);
  for (const j of c.jsonValidation ?? []) if (!/^https?:/.test(j.url)) add(j.url);
  for (const cmd of c.commands ?? []) {
    if (typeof cmd.icon === 'string') add(cmd.icon);
    else if (cmd.icon) Object.values(cmd.icon).forEach(add);
  }
  for (const w of c.walkthroughs ?? []) {
    for (const step of w.steps ?? []) {
      const m = step.media ?? {};
      add(m.markdown);
      add(m.svg);
      if (typeof m.image === 'string') add(m.image);
      else if (m.image) Object.values(m.image).forEach(add);
    }
  }
  return [...out];
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function main() {
  const started = Date.now();
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');

  run(process.execPath, ['dist/cli.js', 'render', 'templates/vm-platform.strata', '--format', 'svg', '-o', 'media/walkthrough/vm-platform.svg']);
  if (!fs.existsSync(path.join(ROOT, 'docs/rules'))) {
    console.warn('package: docs/rules/ does not exist yet: diagnostic code links will point at missing pages (generate the rule docs first).');
  }

  const out = vsixPath();
  fs.rmSync(out, { force: true });
  const vsce = require.resolve('@vscode/vsce/vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out]);

  const entries = listZip(out);
  const width = Math.max(...entries.map((e) => e.name.length));
  console.log(`\n${path.relative(ROOT, out)}: ${formatSize(fs.statSync(out).size)}, ${entries.length} files`);
  for (const e of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`  ${e.name.padEnd(width)}  ${formatSize(e.size).padStart(10)}`);
  }
  const problems = checkContents(entries);
  if (problems.length) {
    console.error(`\npackage: the VSIX is not right:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`package: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { ROOT, vsixPath, listZip, checkContents, referencedFiles };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`package: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
