// `strata render` as a user runs it: the built dist/cli.js, formats, themes, -o (atomic), exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { renderLayersSvg } from '../../src/core/render/layers';
import { renderMermaid } from '../../src/core/render/mermaid';
import { generateModel } from '../../bench/generate';
import { FIXTURES, ROOT } from '../helpers/paths';
import { assertSafeSvg } from './renderHelpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const EXAMPLE = path.join(FIXTURES, 'render', 'language-page.strata');

function strata(args: string[], options: { cwd?: string; input?: string } = {}): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', input: options.input, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('cli: strata render', function () {
  this.timeout(30_000);
  let dir: string;
  const text = fs.readFileSync(EXAMPLE, 'utf8');
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-render-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the same layered SVG as the core to stdout, exit 0 despite findings', () => {
    const r = strata(['render', EXAMPLE, '--format', 'svg']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, renderLayersSvg(analyze(text)));
    assertSafeSvg(r.out);
    assert.equal(strata(['render', EXAMPLE]).out, r.out, 'svg is the default');
  });

  it('honours --theme', () => {
    const r = strata(['render', EXAMPLE, '--theme', 'high-contrast']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, renderLayersSvg(analyze(text), { theme: 'high-contrast' }));
  });

  it('writes mermaid text', () => {
    const r = strata(['render', EXAMPLE, '--format', 'mermaid']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, renderMermaid(analyze(text)).text);
    assert.equal(r.err, '');
  });

  it('says on stderr when the mermaid diagram is summarised', () => {
    const big = path.join(dir, 'big.strata');
    fs.writeFileSync(big, generateModel(1000).text);
    const r = strata(['render', big, '-f', 'mermaid']);
    assert.equal(r.code, 0);
    assert.match(r.err, /the mermaid view shows hosts only/);
    assert.match(r.out, /^flowchart TB\n/);
  });

  it('writes a file atomically with -o, leaving no temp file', () => {
    const out = path.join(dir, 'out.svg');
    fs.writeFileSync(out, 'old content');
    const r = strata(['render', EXAMPLE, '-o', out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.equal(fs.readFileSync(out, 'utf8'), renderLayersSvg(analyze(text)));
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('reads stdin with -', () => {
    const r = strata(['render', '-', '--format', 'mermaid'], { input: 'host h1 { os: debian-12 }\n' });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /host h1 · host OS debian-12/);
  });

  it('exits 2 with a clear message on usage, read and write errors', () => {
    const cases: [string[], RegExp][] = [
      [['render'], /name one \.strata file/],
      [['render', EXAMPLE, EXAMPLE], /name one \.strata file/],
      [['render', path.join(dir, 'nope.strata')], /cannot read '.*nope\.strata': no such file/],
      [['render', fs.mkdtempSync(path.join(dir, 'empty-'))], /no \.strata files found in .*empty-/],
      [['render', EXAMPLE, '--format', 'png'], /unknown format 'png'\. Use one of: svg, mermaid/],
      [['render', EXAMPLE, '--format', 'constructor'], /unknown format 'constructor'/],
      [['render', EXAMPLE, '--theme', 'neon'], /unknown theme 'neon'/],
      [['render', EXAMPLE, '--bogus'], /Unknown option '--bogus'/],
      [['render', EXAMPLE, '-o', path.join(dir, 'missing-folder', 'x.svg')], /cannot write '.*x\.svg': no such file or folder \(ENOENT\)/],
    ];
    for (const [args, message] of cases) {
      const r = strata(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.equal(r.out, '');
    }
  });

  it('renders a broken file (exit 0: what could be read is drawn)', () => {
    const r = strata(['render', path.join(FIXTURES, 'render', 'broken.strata')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /syntax error/);
  });

  it('is listed in the usage text', () => {
    assert.match(strata(['--help']).out, /render <file> \[--format svg\|mermaid\]/);
  });
});
