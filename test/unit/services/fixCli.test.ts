// `strata check --fix`: applies safe fixes (none of the checks has one yet, so files stay as
// they are and the count is 0), reports the count, and writes atomically: a temporary file and a
// rename, CRLF and BOM kept, permissions kept, no temporary file left, and a run killed while
// writing leaves the old or the new file, never a mix.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../src/cli/check';
import { ROOT } from '../../helpers/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function strata(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('cli: strata check --fix', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-fix-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports how many safe fixes it applied and leaves files without safe fixes untouched', () => {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    const file = path.join(dir, 'warn.strata');
    const text = '\ufeffhost h1 {\r\n  os: debian-12\r\n  memroy: 4GiB\r\n}\r\n';
    fs.writeFileSync(file, text);
    const before = fs.statSync(file).mtimeMs;
    const r = strata(['check', '--fix', 'warn.strata'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /unknown-property/);
    assert.match(r.out, /strata check: applied 0 safe fixes in 0 files\./);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.equal(fs.statSync(file).mtimeMs, before, 'a file without fixes is not rewritten');
    const json = strata(['check', '--fix', '--format', 'json', 'warn.strata'], dir);
    assert.doesNotThrow(() => JSON.parse(json.out), 'the count stays out of JSON output');
    assert.match(json.err, /applied 0 safe fixes/);
  });

  describe('writeFileAtomic', () => {
    it('writes the text as is (BOM, CRLF), keeps the permissions, leaves no temporary file', () => {
      const file = path.join(dir, 'a.strata');
      fs.writeFileSync(file, 'old\n');
      fs.chmodSync(file, 0o640);
      const text = '\ufeffhost h {\r\n  os: debian-12\r\n}\r\n';
      writeFileAtomic(file, text);
      assert.equal(fs.readFileSync(file, 'utf8'), text);
      assert.deepEqual([...fs.readFileSync(file).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(fs.statSync(file).mode & 0o777, 0o640);
      assert.deepEqual(fs.readdirSync(dir), ['a.strata']);
    });

    it('leaves the original and no temporary file when the rename fails', () => {
      const target = path.join(dir, 'is-a-folder.strata');
      fs.mkdirSync(target);
      fs.writeFileSync(path.join(target, 'inside'), 'x');
      assert.throws(() => writeFileAtomic(target, 'new'));
      assert.deepEqual(fs.readdirSync(dir), ['is-a-folder.strata']);
      assert.equal(fs.readFileSync(path.join(target, 'inside'), 'utf8'), 'x');
    });

    it('a run killed while writing leaves the old or the new file, never a mix', async () => {
      const file = path.join(dir, 'big.strata');
      const a = '# a\n'.repeat(250_000);
      const b = '# b\r\n'.repeat(200_000);
      fs.writeFileSync(file, a);
      const module = path.join(ROOT, 'out', 'src', 'cli', 'check.js');
      const script = `const { writeFileAtomic } = require(${JSON.stringify(module)});
        const a = ${JSON.stringify('# a\n')}.repeat(250000), b = ${JSON.stringify('# b\r\n')}.repeat(200000);
        console.log('ready');
        for (let i = 0; ; i++) writeFileAtomic(${JSON.stringify(file)}, i % 2 ? a : b);`;
      for (const delay of [5, 40, 90]) {
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
        await new Promise((resolve) => setTimeout(resolve, delay));
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        const now = fs.readFileSync(file, 'utf8');
        assert.ok(now === a || now === b, `after a kill at ${delay} ms the file is neither version (${now.length} characters)`);
      }
    });
  });
});
