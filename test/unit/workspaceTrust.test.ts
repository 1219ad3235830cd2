// Workspace trust and virtual workspaces: package.json declares `capabilities`, and the code
// keeps the promises they make.
// - untrustedWorkspaces: supported. The extension reads text (.strata documents, a
//   strata.config.json parsed as JSON by the core) and runs nothing from the workspace: no child
//   process, terminal or task, no eval, no dynamic import or require, no setting that names a
//   program; hovers and completion docs are untrusted Markdown (no command links).
// - virtualWorkspaces: true. It reads only document text and files through vscode.workspace.fs:
//   no Node module at all in src/extension (the web bundle, dist/web/extension.js, requires
//   nothing but `vscode`).
import * as assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

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
  it('package.json declares both capabilities', () => {
    assert.deepEqual(pkg.capabilities?.untrustedWorkspaces, { supported: true });
    assert.equal(pkg.capabilities?.virtualWorkspaces, true);
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
