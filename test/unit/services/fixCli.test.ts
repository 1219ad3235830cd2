// `strata check --fix`: reports the count of safe fixes and leaves files without one untouched.
// How it writes (atomically, owner and mode kept, never onto a non-regular file) is tested in
// cliWrites.test.ts and hostileEnvironment.test.ts.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

});
