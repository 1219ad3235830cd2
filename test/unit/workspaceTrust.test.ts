// Workspace trust and virtual workspaces: package.json declares `capabilities`, and the code
// keeps the promises they make.
// - untrustedWorkspaces: limited. The extension reads text (.strata documents, a
//   strata.config.json parsed as JSON by the core) and runs nothing from the workspace: no child
//   process, terminal or task, no eval, no dynamic import or require, no setting that names a
//   program; hovers and completion docs are untrusted Markdown (no command links). What an
//   untrusted repository could do is hide findings: its settings that would (restricted
//   configurations, which VS Code ignores in Restricted Mode) and the silencing parts of its
//   strata.config.json (withoutSilencing) are left out, and the status bar says so.
// - virtualWorkspaces: true. It reads only document text and files through vscode.workspace.fs:
//   no Node module at all in src/extension (the web bundle, dist/web/extension.js, requires
//   nothing but `vscode`).
import * as assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';
import { withoutSilencing } from '../../src/core/config';
import { analyze } from '../../src/core';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; restrictedConfigurations?: string[] }; virtualWorkspaces?: boolean | { supported: boolean | 'limited' } };
  contributes: { configuration: { properties: Record<string, { type?: string }> } };
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const EXTENSION = path.join(ROOT, 'src', 'extension');
const sources = () =>
  fs
    .readdirSync(EXTENSION)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(EXTENSION, f), 'utf8') }));

/** Code without comments, so that a comment naming an API does not count. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('workspace trust and virtual workspaces', () => {
  it('package.json declares both capabilities: limited in untrusted workspaces, every setting that can hide findings restricted', () => {
    const trust = pkg.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.deepEqual(trust?.restrictedConfigurations, ['strata.validation.enabled', 'strata.rules', 'strata.thresholds.cpuOvercommitRatio', 'strata.thresholds.smallAppMemory']);
    // Every setting that feeds the checks is restricted (a new threshold setting must be added).
    for (const key of Object.keys(pkg.contributes.configuration.properties)) {
      if (/^strata\.(rules|thresholds\.|validation\.enabled)/.test(key)) assert.ok(trust?.restrictedConfigurations?.includes(key), key);
    }
    assert.equal(pkg.capabilities?.virtualWorkspaces, true);
  });

  it('restricted mode: a strata.config.json may make checking stricter, never hide a finding', () => {
    const r = withoutSilencing({
      rules: { 'no-memory-limit': 'off', 'privileged-container': 'info', 'vm-for-single-app': 'warning', 'kernel-mismatch': 'error', 'invalid-suppression': 'off' },
      settings: { cpuOvercommitWarnRatio: 8, smallAppMemory: 1024 },
    });
    assert.deepEqual(r.options, { rules: { 'vm-for-single-app': 'warning', 'kernel-mismatch': 'error' } });
    assert.deepEqual(r.ignored, ['rules.no-memory-limit', 'rules.privileged-container', 'rules.invalid-suppression', 'thresholds.cpuOvercommitRatio', 'thresholds.smallAppMemory']);
    const stricter = withoutSilencing({ settings: { cpuOvercommitWarnRatio: 2, smallAppMemory: 8 * 1024 ** 3 } });
    assert.deepEqual(stricter, { options: { settings: { cpuOvercommitWarnRatio: 2, smallAppMemory: 8 * 1024 ** 3 } }, ignored: [] });
    // On a model: the finding the config turns off is still reported in restricted mode.
    const text = 'host h {\n  os: debian-12\n  engine e {\n    product: docker\n    container c { image: "a:1"; app a }\n  }\n}\n';
    const rules = (o: Parameters<typeof analyze>[1]) => analyze(text, o).findings.map((f) => f.rule);
    const config = { rules: { 'no-memory-limit': 'off' as const } };
    assert.ok(!rules(config).includes('no-memory-limit'));
    assert.ok(rules(withoutSilencing(config).options).includes('no-memory-limit'));
  });

  it('the extension applies it when the workspace is not trusted, re-checks on trust, and says so in the status bar', () => {
    const config = code(fs.readFileSync(path.join(EXTENSION, 'config.ts'), 'utf8'));
    assert.match(config, /vscode\.workspace\.isTrusted \? options : withoutSilencing\(options\)\.options/);
    assert.match(config, /onDidGrantWorkspaceTrust\(fire\)/);
    const status = code(fs.readFileSync(path.join(EXTENSION, 'statusBar.ts'), 'utf8'));
    assert.match(status, /!vscode\.workspace\.isTrusted/);
    assert.match(status, /RESTRICTED_NOTE/);
  });

  it('untrusted workspaces: nothing from the workspace is run', () => {
    const found: string[] = [];
    const RUNS = /\b(child_process|execFile|spawn|fork)\b|\beval\s*\(|new\s+Function\b|\bimport\s*\(|\brequire\s*\(|createTerminal|\bShellExecution\b|\bProcessExecution\b|\btasks\.executeTask\b|\bisTrusted\s*[:=]\s*true|supportHtml\s*[:=]\s*true|enableCommandUris\s*:\s*true/g;
    for (const { file, text } of sources()) for (const m of code(text).matchAll(RUNS)) found.push(`${file}: ${m[0]}`);
    assert.deepEqual(found, []);
    // The only command the extension runs itself is its own preview.
    for (const { file, text } of sources()) {
      for (const m of code(text).matchAll(/executeCommand\(\s*([^,)]+)/g)) assert.equal(m[1].trim(), 'OPEN_PREVIEW_TO_SIDE_COMMAND', `${file}: runs ${m[1]}`);
    }
    // No setting names a program, a path to run or a script (those would need restrictedConfigurations).
    for (const [key, schema] of Object.entries(pkg.contributes.configuration.properties)) {
      assert.doesNotMatch(key, /path|command|executable|binary|program|script|shell|args/i, key);
      assert.ok(schema.type !== undefined, `${key} has a type`);
    }
  });

  it('virtual workspaces: no Node module in the extension; files only through vscode.workspace.fs', () => {
    const node = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const found: string[] = [];
    for (const { file, text } of sources()) {
      for (const m of text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s+'([^']+)'/g)) {
        const spec = m[1] ?? m[2];
        if (node.has(spec) || node.has(spec.split('/')[0])) found.push(`${file}: ${spec}`);
      }
      for (const m of code(text).matchAll(/\b(fsPath|process\.(env|cwd|platform)|__dirname|Buffer\.)\b/g)) {
        // The git extension's API takes file system paths: gitApi.ts makes one, of file: URIs only.
        if (file === 'gitApi.ts' && m[0] === 'fsPath') continue;
        found.push(`${file}: ${m[0]}`);
      }
    }
    assert.deepEqual(found, []);
    const config = fs.readFileSync(path.join(EXTENSION, 'config.ts'), 'utf8');
    assert.match(config, /vscode\.workspace\.fs\.readFile/);
    assert.match(config, /vscode\.workspace\.fs\.stat/);
  });

  it('the web bundle requires nothing but vscode', function () {
    const bundle = path.join(ROOT, 'dist', 'web', 'extension.js');
    if (!fs.existsSync(bundle)) this.skip();
    const requires = new Set([...fs.readFileSync(bundle, 'utf8').matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    assert.deepEqual([...requires], ['vscode']);
  });
});
