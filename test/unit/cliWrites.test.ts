// Every file the CLI writes (`strata check --fix`, `strata render -o`) goes through one atomic
// writer (src/cli/io.ts `writeFileAtomic`): a temporary file in the same folder, then a rename.
// What these tests show:
// - a failure at any step (the write, the flush, the rename) leaves the original byte for byte and
//   no temporary file, and the CLI says so with exit code 2;
// - a process killed (SIGKILL) while it writes, again and again, leaves the old or the new file,
//   never a part; a control run of the same harness with a plain `fs.writeFileSync` does catch
//   truncated files, so the harness can fail;
// - permissions are kept, a symbolic link stays a link (its target is replaced), bytes (BOM, CRLF)
//   are written exactly.
// What they do not show: power loss (the writer flushes the file and, best effort, the folder, but
// no test pulls the plug). A SIGKILL between the write and the rename can leave a hidden
// `.<name>.<pid>.<random>.tmp` file behind; the tests count them and check the target is whole.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../src/cli/io';
import { generateModel } from '../../bench/generate';
import { analyze } from '../../src/core';
import { renderLayersSvg } from '../../src/core/render/layers';
import { ROOT } from '../helpers/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const OUT_FILES = path.join(ROOT, 'out', 'src', 'cli', 'io.js');
const OUT_MAIN = path.join(ROOT, 'out', 'src', 'cli', 'main.js');

function strata(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/**
 * Runs `script` (which prints `ready` once, then writes `file` in a loop) in a child process and
 * kills it with SIGKILL after each delay; after each kill the file must be one of `versions`.
 * Returns how many kills found a file that is none of them (0 for a safe writer).
 */
async function killWhileWriting(script: string, file: string, versions: readonly string[], delays: readonly number[]): Promise<{ torn: number; kills: number }> {
  let torn = 0;
  for (const delay of delays) {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
    });
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const now = fs.readFileSync(file, 'utf8');
    if (!versions.includes(now)) torn++;
  }
  return { torn, kills: delays.length };
}

describe('cli: every write is atomic', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-writes-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('writeFileAtomic: a failure at any step leaves the original and no temporary file', () => {
    const steps = ['openSync', 'writeFileSync', 'fsyncSync', 'renameSync'] as const;
    for (const step of steps) {
      it(`fails in ${step}`, () => {
        const file = path.join(dir, 'model.strata');
        const original = '\ufeffhost h {\r\n  os: debian-12\r\n}\r\n';
        fs.writeFileSync(file, original);
        // The module object itself (an `import * as` namespace is read-only), which the writer's calls go through.
        const patched = require('node:fs') as Record<string, unknown>;
        const real = patched[step];
        patched[step] = (...args: unknown[]) => {
          if (step === 'writeFileSync' && typeof args[0] === 'number') {
            // Half of the text reaches the disk, then the disk is full.
            fs.writeSync(args[0], String(args[1]).slice(0, 7));
          }
          throw Object.assign(new Error(`${step} failed (test)`), { code: step === 'renameSync' ? 'EXDEV' : 'ENOSPC' });
        };
        try {
          assert.throws(() => writeFileAtomic(file, 'host new { os: debian-12 }\n'), new RegExp(`${step} failed`));
        } finally {
          patched[step] = real;
        }
        assert.equal(fs.readFileSync(file, 'utf8'), original, 'the original is untouched');
        assert.deepEqual(fs.readdirSync(dir), ['model.strata'], 'no temporary file is left');
      });
    }

    it('a folder is refused before anything is written', () => {
      const target = path.join(dir, 'out.svg');
      fs.mkdirSync(target);
      fs.writeFileSync(path.join(target, 'keep'), 'x');
      assert.throws(() => writeFileAtomic(target, '<svg/>'), /will not write to '.*out\.svg': it is a folder, not a regular file\.$/);
      assert.deepEqual(fs.readdirSync(dir), ['out.svg']);
      assert.equal(fs.readFileSync(path.join(target, 'keep'), 'utf8'), 'x');
    });
  });

  it('keeps permissions, writes bytes exactly, and writes through a symbolic link', () => {
    const real = path.join(dir, 'real.strata');
    const link = path.join(dir, 'link.strata');
    fs.writeFileSync(real, 'old\n');
    fs.chmodSync(real, 0o640);
    fs.symlinkSync('real.strata', link);
    const text = '\ufeffhost h {\r\n  os: debian-12 # 😀\r\n}\r\n';
    writeFileAtomic(link, text);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readlinkSync(link), 'real.strata');
    assert.deepEqual(fs.readFileSync(real), Buffer.from(text, 'utf8'));
    assert.equal(fs.statSync(real).mode & 0o777, 0o640);
    assert.deepEqual(temps(dir), []);
  });

  describe('strata render -o', () => {
    before(function () {
      if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    });

    it('a write that fails leaves the old output, no temporary file, and exits 2 saying so', () => {
      const model = path.join(dir, 'm.strata');
      fs.writeFileSync(model, 'host h { os: debian-12 }\n');
      const target = path.join(dir, 'out.svg');
      fs.mkdirSync(target);
      const r = strata(['render', 'm.strata', '-o', 'out.svg'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.err, "strata render: will not write to 'out.svg': it is a folder, not a regular file.\n");
      assert.ok(fs.statSync(target).isDirectory());
      assert.deepEqual(temps(dir), []);
    });

    it('replaces an existing output keeping its permissions, and writes through a link', () => {
      const model = path.join(dir, 'm.strata');
      fs.writeFileSync(model, 'host h { os: debian-12 }\n');
      fs.writeFileSync(path.join(dir, 'real.svg'), 'old');
      fs.chmodSync(path.join(dir, 'real.svg'), 0o600);
      fs.symlinkSync('real.svg', path.join(dir, 'out.svg'));
      const r = strata(['render', 'm.strata', '-o', 'out.svg'], dir);
      assert.equal(r.code, 0, r.err);
      assert.ok(fs.lstatSync(path.join(dir, 'out.svg')).isSymbolicLink());
      assert.equal(fs.readFileSync(path.join(dir, 'real.svg'), 'utf8'), renderLayersSvg(analyze('host h { os: debian-12 }\n')));
      assert.equal(fs.statSync(path.join(dir, 'real.svg')).mode & 0o777, 0o600);
      assert.deepEqual(temps(dir), []);
    });

    it('a render killed again and again while it writes -o leaves the old or the new file', async () => {
      // Two big models whose SVGs differ; the child renders them alternately to one output file
      // through the real CLI entry (main), so every kill lands in parsing, rendering or writing.
      const a = path.join(dir, 'a.strata');
      const b = path.join(dir, 'b.strata');
      fs.writeFileSync(a, generateModel(1000).text);
      fs.writeFileSync(b, generateModel(700).text);
      const out = path.join(dir, 'out.svg');
      const svgA = renderLayersSvg(analyze(fs.readFileSync(a, 'utf8')));
      const svgB = renderLayersSvg(analyze(fs.readFileSync(b, 'utf8')));
      assert.notEqual(svgA, svgB);
      fs.writeFileSync(out, svgA);
      const script = `const { main } = require(${JSON.stringify(OUT_MAIN)});
        const io = { out() {}, err(s) { process.stderr.write(s); } };
        (async () => {
          console.log('ready');
          for (let i = 0; ; i++) {
            const code = await main(['render', i % 2 ? ${JSON.stringify(a)} : ${JSON.stringify(b)}, '-o', ${JSON.stringify(out)}], io);
            if (code !== 0) process.exit(10 + code);
          }
        })();`;
      const delays = [30, 75, 120, 180, 240, 310, 400, 520];
      const r = await killWhileWriting(script, out, [svgA, svgB], delays);
      assert.equal(r.torn, 0, `${r.torn} of ${r.kills} kills left a file that is neither output`);
      // A kill between the write and the rename may leave a hidden temporary file; never more than one per kill.
      assert.ok(temps(dir).length <= delays.length, temps(dir).join(', '));
    });
  });

  describe('strata check --fix', () => {
    it('on a CRLF file with a BOM: the safe fix is applied, the BOM and CRLF stay, nothing else changes', () => {
      if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
      // A repeated property: duplicate-property's fix (remove the repeat) is safe.
      const lf = 'host h1 {\n  os: debian-12\n  memory: 4GiB\n  memory: 8GiB\n  cpu: 4\n}\n';
      const text = '\ufeff' + lf.replace(/\n/g, '\r\n');
      const expected = '\ufeff' + 'host h1 {\n  os: debian-12\n  memory: 4GiB\n  cpu: 4\n}\n'.replace(/\n/g, '\r\n');
      const file = path.join(dir, 'dup.strata');
      fs.writeFileSync(file, text);
      const r = strata(['check', '--fix', 'dup.strata'], dir);
      assert.equal(r.code, 0, r.err + r.out);
      assert.match(r.out, /applied 1 safe fix in 1 file/);
      const bytes = fs.readFileSync(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
      assert.equal(bytes.toString('utf8'), expected);
      assert.deepEqual(temps(dir), []);
    });
  });

  describe('the kill harness can fail', () => {
    // The same big outputs written in a tight loop, killed at the same delays: with a plain
    // `fs.writeFileSync` (truncate, then write) kills find half-written files; with
    // writeFileAtomic they never do.
    const bigA = '# a\n'.repeat(400_000);
    const bigB = '# b\r\n'.repeat(320_000);
    const loop = (writer: string, file: string) => `const fs = require('node:fs');
      const { writeFileAtomic } = require(${JSON.stringify(OUT_FILES)});
      const a = ${JSON.stringify('# a\n')}.repeat(400000), b = ${JSON.stringify('# b\r\n')}.repeat(320000);
      console.log('ready');
      for (let i = 0; ; i++) ${writer}(${JSON.stringify(file)}, i % 2 ? a : b);`;
    const delays = [5, 20, 35, 50, 65, 80, 95, 110, 125, 140];

    it('control: a plain fs.writeFileSync is caught leaving a truncated file', async () => {
      const file = path.join(dir, 'plain.strata');
      fs.writeFileSync(file, bigA);
      const r = await killWhileWriting(loop('fs.writeFileSync', file), file, [bigA, bigB], delays);
      console.log(`      control: ${r.torn} of ${r.kills} kills found a torn file`);
      assert.ok(r.torn > 0, `none of ${r.kills} kills caught a torn file: the harness would not notice a non-atomic writer`);
    });

    it('writeFileAtomic: never a truncated file', async () => {
      const file = path.join(dir, 'atomic.strata');
      fs.writeFileSync(file, bigA);
      const r = await killWhileWriting(loop('writeFileAtomic', file), file, [bigA, bigB], delays);
      assert.equal(r.torn, 0, `${r.torn} of ${r.kills} kills left a torn file`);
    });
  });
});
