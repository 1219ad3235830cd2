// The hostile environment suite: the `strata` command (dist/cli.js, run as a user runs it) against
// FIFOs, devices, sockets, symbolic links, other users' files, set-user-ID files, foreign
// encodings, endless inputs, closed pipes, full disks, unreadable folders, hostile config keys and
// "Trojan Source" text. One test per hazard of issue 13. None is skipped: where the hazard needs
// root (a device node of its own, a file owned by another user, mounting a tiny full disk), a
// run without root checks what an ordinary user can reach instead (the system's null device, a
// set-user-ID file of one's own, a write cut short by the file size limit: EFBIG).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { ROOT } from '../helpers/paths';
import { visibleCodePoint } from '../../src/core/text/controls';
import { analyze } from '../../src/core';
import { renderLayersSvg } from '../../src/core/render/layers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const NOBODY = 65534;


interface Run {
  code: number | null;
  out: string;
  err: string;
}

function strata(args: string[], cwd: string, opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; asUser?: number; timeout?: number } = {}): Run {
  const argv = opts.asUser === undefined ? [process.execPath, CLI, ...args] : ['/usr/bin/setpriv', `--reuid=${opts.asUser}`, `--regid=${opts.asUser}`, '--clear-groups', process.execPath, CLI, ...args];
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', input: opts.input, env: { ...process.env, STRATA_DEBUG: '', ...opts.env }, timeout: opts.timeout ?? 60_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The error output is exactly one line (no stack trace). */
function oneLine(err: string): string {
  const lines = err.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${err}`);
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  return lines[0];
}

const MODEL = 'host h {\n  os: debian-12\n}\n';
/** A model with a safe fix (the repeated memory is removed): `--fix` would rewrite it. */
const FIXABLE = 'host h1 {\n  os: debian-12\n  memory: 4GiB\n  memory: 8GiB\n  cpu: 4\n}\n';
const FIXED = 'host h1 {\n  os: debian-12\n  memory: 4GiB\n  cpu: 4\n}\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.25\n';
const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('hostile environment (issue 13)', function () {
  this.timeout(120_000);
  let dir: string;
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-hostile-'));
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'm.strata'), MODEL);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('writes never destroy anything', () => {
    it('-o onto a FIFO (render, diff and import): refused, exit 2, the FIFO stays a FIFO', () => {
      const fifo = path.join(dir, 'out.svg');
      const made = spawnSync('mkfifo', [fifo]);
      assert.equal(made.status, 0, 'mkfifo');
      fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
      for (const [command, ...inputs] of [['render', 'm.strata'], ['import', 'compose.yaml'], ['diff', 'm.strata', 'm.strata', '--format', 'svg'], ['diff', 'm.strata', 'm.strata', '--format', 'markdown']]) {
        const r = strata([command, ...inputs, '-o', 'out.svg'], dir);
        assert.equal(r.code, 2);
        assert.equal(oneLine(r.err), `strata ${command}: will not write to 'out.svg': it is a named pipe (FIFO), not a regular file; for stdout leave -o out or use -o -.`);
        assert.ok(fs.lstatSync(fifo).isFIFO());
      }
      assert.deepEqual(temps(dir), []);
    });

    it('render -o onto a device node: refused, exit 2, the device stays (as root a null device made for the test, else /dev/null)', () => {
      // As root a failing refusal could replace the system's /dev/null, so root gets a device of
      // its own; an ordinary user cannot make one, nor replace /dev/null, so it is the target.
      const dev = isRoot ? path.join(dir, 'null') : '/dev/null';
      if (isRoot) assert.equal(spawnSync('mknod', [dev, 'c', '1', '3']).status, 0, 'mknod');
      for (const format of ['svg', 'mermaid', 'markdown', 'html']) {
        const r = strata(['render', 'm.strata', '--format', format, '-o', dev], dir);
        assert.equal(r.code, 2);
        assert.match(oneLine(r.err), /will not write to '.*null': it is a device, not a regular file/);
        assert.ok(fs.lstatSync(dev).isCharacterDevice(), `${format}: still a device`);
      }
    });

    it('render -o onto /dev/null through a symbolic link is refused too (the link is followed, nothing replaced)', () => {
      fs.symlinkSync('/dev/null', path.join(dir, 'sink.svg'));
      const r = strata(['render', 'm.strata', '-o', 'sink.svg'], dir);
      assert.equal(r.code, 2);
      assert.match(oneLine(r.err), /it is a device/);
      assert.ok(fs.lstatSync(path.join(dir, 'sink.svg')).isSymbolicLink());
      assert.ok(fs.statSync('/dev/null').isCharacterDevice());
    });

    it('render -o onto a Unix socket: refused, exit 2, the socket stays', async () => {
      const sock = path.join(dir, 'out.sock');
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(sock, resolve));
      try {
        const r = strata(['render', 'm.strata', '-o', 'out.sock'], dir);
        assert.equal(r.code, 2);
        assert.match(oneLine(r.err), /it is a socket, not a regular file/);
        assert.ok(fs.lstatSync(sock).isSocket());
      } finally {
        server.close();
      }
    });

    it('render and diff -o onto the model being read (same name, a hard link, a symbolic link, stdin): refused, the model unchanged', () => {
      fs.linkSync(path.join(dir, 'm.strata'), path.join(dir, 'hard.strata'));
      fs.symlinkSync('m.strata', path.join(dir, 'soft.strata'));
      for (const out of ['m.strata', './m.strata', 'hard.strata', 'soft.strata']) {
        const r = strata(['render', 'm.strata', '-o', out], dir);
        assert.equal(r.code, 2, out);
        assert.match(oneLine(r.err), /will not write to '.*': it is the input 'm\.strata', and the output would replace it\. Name another file\./);
      }
      fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
      const imp = strata(['import', 'compose.yaml', '-o', 'compose.yaml'], dir);
      assert.equal(imp.code, 2);
      assert.match(oneLine(imp.err), /it is the input 'compose\.yaml'/);
      assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), COMPOSE);
      // diff: neither version, whichever side, also with the other format.
      fs.writeFileSync(path.join(dir, 'base.strata'), MODEL);
      for (const args of [['diff', 'base.strata', 'm.strata', '-o', 'm.strata'], ['diff', 'base.strata', 'm.strata', '--format', 'html', '-o', 'base.strata']]) {
        const d = strata(args, dir);
        assert.equal(d.code, 2, args.join(' '));
        assert.match(oneLine(d.err), /^strata diff: will not write to '(m|base)\.strata': it is the input '(m|base)\.strata'/);
      }
      assert.equal(fs.readFileSync(path.join(dir, 'base.strata'), 'utf8'), MODEL);
      const viaStdin = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} render - -o m.strata < m.strata`], { cwd: dir, encoding: 'utf8' });
      assert.equal(viaStdin.status, 2);
      assert.match(oneLine(viaStdin.stderr), /it is the file on stdin/);
      assert.equal(fs.readFileSync(path.join(dir, 'm.strata'), 'utf8'), MODEL);
    });

    it('check --fix on a Latin-1 file: refused with the line of the first bad byte, exit 2, the bytes untouched', () => {
      const latin1 = Buffer.from(FIXABLE.replace('host h1 {', 'host h1 "Caf\u00e9" {'), 'latin1');
      const file = path.join(dir, 'latin1.strata');
      fs.writeFileSync(file, latin1);
      const r = strata(['check', '--fix', 'latin1.strata'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /^strata check: 'latin1\.strata' is not valid UTF-8 \(line 1, byte 12: 0xE9 is not part of a valid UTF-8 character; the file may be Latin-1 or Windows-1252\), so --fix leaves it unchanged\./m);
      assert.deepEqual(fs.readFileSync(file), latin1);
      // The same text in UTF-8 is fixed: the refusal is about the encoding.
      fs.writeFileSync(file, latin1.toString('latin1'));
      assert.equal(strata(['check', '--fix', 'latin1.strata'], dir).code, 0);
      assert.equal(fs.readFileSync(file, 'utf8'), FIXED.replace('host h1 {', 'host h1 "Caf\u00e9" {'));
    });

    it('check --fix on UTF-16 files (with and without a byte order mark, both byte orders): named, exit 2, untouched', () => {
      const cases: [string, Buffer][] = [
        ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXABLE, 'utf16le')])],
        ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(FIXABLE, 'utf16le').swap16()])],
        ['UTF-16 LE', Buffer.from(FIXABLE, 'utf16le')],
      ];
      for (const [name, bytes] of cases) {
        const file = path.join(dir, 'wide.strata');
        fs.writeFileSync(file, bytes);
        const r = strata(['check', '--fix', 'wide.strata'], dir);
        assert.equal(r.code, 2);
        assert.equal(oneLine(r.err), `strata check: 'wide.strata' is ${name} text; Strata reads UTF-8. Convert it, e.g. \`iconv -f ${name.replace(' ', '')} -t UTF-8 'wide.strata' > model.strata\`.`);
        assert.deepEqual(fs.readFileSync(file), bytes);
      }
    });

    it('check --fix on a set-user-ID file (as root: another user\'s): the owner and group stay, the set-ID bits go, the mode stays', () => {
      // Only root can make a file owned by another user; an ordinary user checks its own file.
      const file = path.join(dir, 'theirs.strata');
      fs.writeFileSync(file, FIXABLE);
      if (isRoot) fs.chownSync(file, 1234, 5678);
      fs.chmodSync(file, isRoot ? 0o6754 : 0o4754);
      assert.ok(fs.statSync(file).mode & 0o4000, 'the set-user-ID bit is set before the fix');
      const owner = [fs.statSync(file).uid, fs.statSync(file).gid];
      const r = strata(['check', '--fix', 'theirs.strata'], dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
      const st = fs.statSync(file);
      assert.deepEqual([st.uid, st.gid], owner, 'not made root-owned');
      assert.equal((st.mode & 0o7777).toString(8), '754', 'no set-user-ID or set-group-ID carried');
    });

    it('check --fix through a symbolic link writes the target; the link stays a link', () => {
      fs.mkdirSync(path.join(dir, 'real'));
      fs.writeFileSync(path.join(dir, 'real', 'model.strata'), FIXABLE);
      fs.chmodSync(path.join(dir, 'real', 'model.strata'), 0o640);
      fs.symlinkSync('real/model.strata', path.join(dir, 'link.strata'));
      const r = strata(['check', '--fix', 'link.strata'], dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(fs.readlinkSync(path.join(dir, 'link.strata')), 'real/model.strata');
      assert.equal(fs.readFileSync(path.join(dir, 'real', 'model.strata'), 'utf8'), FIXED);
      assert.equal(fs.statSync(path.join(dir, 'real', 'model.strata')).mode & 0o777, 0o640);
      assert.deepEqual(temps(dir), []);
      assert.deepEqual(temps(path.join(dir, 'real')), []);
    });
  });
  describe('output that input cannot hijack', () => {
    // ESC sequences (clear the screen, set the title, an OSC 8 link), BEL, a one-character C1 CSI,
    // and the "Trojan Source" bidirectional controls, in labels, ids' values, images and tenants.
    const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
    const EVIL = 'a\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e\u2066 // admin\u2069\u2066z';
    const hostile = [
      `tenant t1 "${EVIL}" {}`,
      `host h1 "${EVIL}" {`,
      `  os: "deb${EVIL}"`,
      '  engine e1 {',
      '    product: docker',
      `    container c1 "${EVIL}" { image: "img${EVIL}"; tenant: t1; app a1 "${EVIL}" }`,
      '  }',
      '}',
      `link c1 -> h1 "${EVIL}"`,
      '',
    ].join('\n');

    it('every command and format: no control or bidirectional character reaches stdout or stderr raw; JSON keeps the exact text', () => {
      fs.writeFileSync(path.join(dir, 'evil.strata'), hostile);
      fs.writeFileSync(path.join(dir, 'base.strata'), MODEL);
      const runs: [string, string[]][] = [
        ...['text', 'json', 'github', 'sarif'].map((f): [string, string[]] => [`check ${f}`, ['check', '--format', f, 'evil.strata']]),
        ...['svg', 'mermaid', 'markdown', 'html'].map((f): [string, string[]] => [`render ${f}`, ['render', '--format', f, 'evil.strata']]),
        ...['text', 'markdown', 'json', 'svg', 'html'].map((f): [string, string[]] => [`diff ${f}`, ['diff', '--format', f, 'base.strata', 'evil.strata']]),
        ...['text', 'markdown', 'json'].map((f): [string, string[]] => [`stats ${f}`, ['stats', '--format', f, 'evil.strata']]),
      ];
      let quoted = 0;
      for (const [what, args] of runs) {
        const r = strata(args, dir);
        assert.ok(r.code === 0 || r.code === 1, `${what}: exit ${r.code}: ${r.err}`);
        assert.doesNotMatch(r.out, RAW, `${what}: stdout`);
        assert.doesNotMatch(r.err, RAW, `${what}: stderr`);
        if (r.out.includes('<U+202E>') || r.out.includes('&#x202E;') || r.out.includes('\\u202e')) quoted++;
        if (what.endsWith('json') || what.endsWith('sarif')) {
          // The data is exact: the escapes parse back to the very characters.
          assert.ok(JSON.stringify(JSON.parse(r.out)).includes('\\u001b[2J'), `${what}: the text parses back exactly`);
          assert.ok(JSON.stringify(JSON.parse(r.out)).includes('\u202e'), `${what}: the bidi control parses back`);
        }
      }
      assert.ok(quoted >= 10, `the hostile text reaches most outputs (in ${quoted} of ${runs.length}), so the checks above see it`);
    });

    it('bidi text ("Trojan Source") in check and diff text is shown as <U+202E>, as compilers do', () => {
      fs.writeFileSync(path.join(dir, 'evil.strata'), hostile);
      const check = strata(['check', 'evil.strata'], dir);
      assert.match(check.out, /'deba<U\+001B>\[2J<U\+001B>\]0;pwned<U\+0007><U\+009B>31m<U\+202E><U\+2066> \/\/ admin<U\+2069><U\+2066>z' is not an operating system/);
      fs.writeFileSync(path.join(dir, 'base.strata'), MODEL);
      const diff = strata(['diff', 'base.strata', 'evil.strata'], dir);
      assert.match(diff.out, /<U\+202E><U\+2066> \/\/ admin<U\+2069>/);
      assert.equal(visibleCodePoint('\u202e'), '<U+202E>');
    });

    it('a hostile strata.config.json key cannot inject workflow commands nor escape sequences (--format github and text)', () => {
      const key = 'x\n::error file=README.md,line=1::pwned\r\n::add-mask::y \u001b]0;title\u0007 %0A::warning::z';
      fs.writeFileSync(path.join(dir, 'strata.config.json'), JSON.stringify({ rules: { [key]: 'off', 'no-memory-limit': 'off' }, thresholds: { [key]: 1 } }, null, 2));
      const r = strata(['check', '--format', 'github', 'm.strata'], dir);
      assert.equal(r.code, 2, 'an invalid config is exit 2');
      const lines = (r.out + r.err).split(/\r\n|\r|\n/).filter(Boolean);
      const commands = lines.filter((l) => l.startsWith('::'));
      assert.equal(commands.length, 2, `one annotation per config problem:\n${lines.join('\n')}`);
      for (const c of commands) assert.match(c, /^::error file=strata\.config\.json,line=\d+,col=\d+,title=strata config::Unknown (rule|threshold) 'x%0A::error file=README\.md,line=1::pwned%0D%0A::add-mask::y <U\+001B>\]0;title<U\+0007> %250A::warning::z'/);
      assert.doesNotMatch(r.out + r.err, RAW);
      const text = strata(['check', 'm.strata'], dir);
      const problems = text.err.split('\n').filter(Boolean);
      assert.equal(problems.length, 2, text.err);
      for (const p of problems) assert.match(p, /^strata\.config\.json:\d+:\d+: error config: Unknown (rule|threshold) 'x ::error file=README\.md/);
    });

    it('a strata.config.json above the repository root does not apply (the search stops at .git)', () => {
      // A parent folder anyone can write to (here: the test's folder) holds a config that turns every rule off.
      fs.writeFileSync(path.join(dir, 'strata.config.json'), JSON.stringify({ rules: { 'unknown-catalog-value': 'off' } }));
      const repo = path.join(dir, 'repo');
      fs.mkdirSync(path.join(repo, 'models'), { recursive: true });
      fs.writeFileSync(path.join(repo, 'models', 'm.strata'), 'host h {\n  os: nope-os\n}\n');
      const outside = strata(['check', 'repo/models/m.strata'], dir);
      assert.doesNotMatch(outside.out, /unknown-catalog-value/, 'no repository: the search goes up, and the config above applies');
      fs.mkdirSync(path.join(repo, '.git'));
      const inside = strata(['check', 'repo/models/m.strata'], dir);
      assert.match(inside.out, /warning unknown-catalog-value/, 'inside a repository the config above its root is ignored');
      fs.writeFileSync(path.join(repo, 'strata.config.json'), JSON.stringify({ rules: { 'unknown-catalog-value': 'off' } }));
      assert.doesNotMatch(strata(['check', 'repo/models/m.strata'], dir).out, /unknown-catalog-value/, "the repository's own config applies");
    });
  });

  describe('failing cleanly', () => {
    /** A model with about 10,000 findings (1.5 MB of text output). */
    const manyFindings = () => {
      let s = 'host h {\n  os: debian-12\n  engine e {\n    product: docker\n';
      for (let i = 0; i < 5000; i++) s += `    container c${i} { image: "x" }\n`;
      return s + '  }\n}\n';
    };

    it('a closed pipe (`strata check … | head -1`) ends quietly with exit code 0', () => {
      fs.writeFileSync(path.join(dir, 'big.strata'), manyFindings());
      const r = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check big.strata | head -1; echo "exit=\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.stderr, '', 'nothing on stderr (no EPIPE stack)');
      const [first, status] = r.stdout.trim().split('\n');
      assert.match(first, /^big\.strata:5:\d+: warning /);
      assert.equal(status, 'exit=0');
    });

    it('stdout on a full device (/dev/full): one line, exit 2', function () {
      if (!fs.existsSync('/dev/full')) this.skip(); // Linux only
      const r = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check m.strata > /dev/full`], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.equal(oneLine(r.stderr), 'strata: cannot write the output: no space left on the device (ENOSPC).');
    });

    describe('a full disk (as root a 64 KiB tmpfs; else a 64 KiB file size limit, EFBIG)', () => {
      let disk: string;
      /** How the disk is made full: a tiny tmpfs (root), or a file size limit on the process. */
      let how: 'tmpfs' | 'fsize';
      const full = (args: string[]) => {
        if (how === 'tmpfs') return strata(args, dir);
        const r = spawnSync('prlimit', [`--fsize=${64 * 1024}`, process.execPath, CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, STRATA_DEBUG: '' } });
        return { code: r.status, out: r.stdout, err: r.stderr };
      };
      const reason = () => (how === 'tmpfs' ? 'no space left on the device \\(ENOSPC\\)' : 'the file is too large \\(EFBIG\\)');
      beforeEach(() => {
        disk = path.join(dir, 'disk');
        fs.mkdirSync(disk);
        how = isRoot && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk], { encoding: 'utf8' }).status === 0 ? 'tmpfs' : 'fsize';
        if (how === 'fsize') assert.equal(spawnSync('prlimit', ['--version']).status, 0, 'prlimit (util-linux) is needed');
      });
      afterEach(() => {
        if (disk && spawnSync('mountpoint', ['-q', disk]).status === 0) spawnSync('umount', [disk]);
      });

      it('render -o: one line naming the error, exit 2, the old output untouched, no temporary file', () => {
        fs.writeFileSync(path.join(dir, 'big.strata'), manyFindings());
        fs.writeFileSync(path.join(disk, 'out.svg'), 'old');
        const r = full(['render', 'big.strata', '-o', path.join(disk, 'out.svg')]);
        assert.equal(r.code, 2);
        assert.match(oneLine(r.err), new RegExp(`^strata render: cannot write '.*out\\.svg': ${reason()}\\.$`));
        assert.equal(fs.readFileSync(path.join(disk, 'out.svg'), 'utf8'), 'old');
        assert.deepEqual(fs.readdirSync(disk), ['out.svg']);
      });

      it('check --fix: the file unchanged, exit 2, saying so', () => {
        const file = path.join(disk, 'm.strata');
        // With a file size limit: larger than the limit, so that the fixed file cannot be written.
        const text = how === 'tmpfs' ? FIXABLE : FIXABLE + `# ${'padding '.repeat(12_000)}\n`;
        fs.writeFileSync(file, text);
        if (how === 'tmpfs') {
          // Fill the disk.
          try {
            fs.writeFileSync(path.join(disk, 'filler'), Buffer.alloc(128 * 1024));
          } catch {
            // ENOSPC: full, as wanted
          }
        }
        const r = full(['check', '--fix', file]);
        assert.equal(r.code, 2);
        assert.match(r.err, new RegExp(`cannot write '.*m\\.strata': ${reason()}\\. It is unchanged\\.`));
        assert.equal(fs.readFileSync(file, 'utf8'), text);
        assert.deepEqual(fs.readdirSync(disk).filter((f) => f !== 'filler'), ['m.strata']);
      });
    });

    it('an unreadable subfolder: one line, exit 2; the stack only with STRATA_DEBUG=1', function () {
      if (!isRoot) {
        fs.mkdirSync(path.join(dir, 'sub', 'secret'), { recursive: true });
        fs.chmodSync(path.join(dir, 'sub', 'secret'), 0);
      } else {
        fs.mkdirSync(path.join(dir, 'sub', 'secret'), { recursive: true, mode: 0o755 });
        fs.chmodSync(path.join(dir, 'sub'), 0o755);
        fs.chmodSync(path.join(dir, 'sub', 'secret'), 0);
      }
      fs.writeFileSync(path.join(dir, 'sub', 'ok.strata'), MODEL);
      // As root everything is readable: run as an unprivileged user instead.
      const as = isRoot ? NOBODY : undefined;
      const r = strata(['check', 'sub'], dir, { asUser: as });
      assert.equal(r.code, 2);
      assert.equal(oneLine(r.err), "strata check: cannot read the folder 'sub/secret': permission denied (EACCES).");
      const debug = strata(['check', 'sub'], dir, { asUser: as, env: { STRATA_DEBUG: '1' } });
      assert.equal(debug.code, 2);
      assert.match(debug.err, /^strata check: cannot read the folder 'sub\/secret'.*\nError: EACCES[^\n]*\n\s+at /);
    });

    it('a folder without models or a missing file given as a model: one line, exit 2, for every command', () => {
      // A folder stands for the models in it (projects): an empty one holds none.
      fs.mkdirSync(path.join(dir, 'folder'));
      for (const args of [['render', 'folder'], ['stats', 'folder'], ['check', 'folder'], ['diff', 'folder', 'm.strata'], ['render', 'nope.strata'], ['stats', 'nope.strata'], ['check', 'nope.strata'], ['diff', 'm.strata', 'nope.strata']]) {
        const r = strata(args, dir);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(oneLine(r.err), /^strata (render|stats|check|diff): (cannot read 'nope\.strata': no such file( or folder)?\.|no \.strata files found in '?folder'?\.)$/);
      }
    });

    it('an endless device (/dev/zero) stops at the input limit: one line, exit 2', function () {
      if (!fs.existsSync('/dev/zero')) this.skip(); // Unix only
      const started = Date.now();
      const r = strata(['check', '/dev/zero'], dir, { timeout: 60_000 });
      assert.equal(r.code, 2, `exit ${r.code} after ${Date.now() - started} ms`);
      assert.match(r.err, /^strata check: '\/dev\/zero' is larger than 32 MiB, the input limit; if it really is a model, raise the limit with --max-input-size/m);
    });

    it('an endless pipe on stdin stops at the limit; --max-input-size raises or lowers it', () => {
      const endless = spawnSync('bash', ['-c', `yes '# comment' | ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check --max-input-size 1MiB -`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(endless.status, 2);
      assert.equal(oneLine(endless.stderr), 'strata check: stdin is larger than 1 MiB, the input limit; if it really is a model, raise the limit with --max-input-size (e.g. --max-input-size 4MiB).');
      assert.equal(strata(['render', '--max-input-size', '10', 'm.strata'], dir).code, 2);
      assert.equal(strata(['render', '--max-input-size', '1KiB', 'm.strata'], dir).code, 0);
      const bad = strata(['stats', '--max-input-size', 'lots', 'm.strata'], dir);
      assert.equal(bad.code, 2);
      assert.equal(oneLine(bad.err), "strata stats: --max-input-size takes a size such as 64MiB or a number of bytes, not 'lots'.");
    });

    it('check and diff read stdin from -', () => {
      const check = strata(['check', '--format', 'json', '-'], dir, { input: 'host h {\n  os: nope-os\n}\n' });
      assert.equal(check.code, 0, check.err);
      assert.deepEqual(
        (JSON.parse(check.out) as { file: string; rule: string }[]).map((f) => [f.file, f.rule]),
        [['<stdin>', 'unknown-catalog-value']],
      );
      const diff = strata(['diff', 'm.strata', '-'], dir, { input: 'host h {\n  os: debian-12\n  cpu: 4\n}\n' });
      assert.equal(diff.code, 0, diff.err);
      assert.match(diff.out, /cpu/);
      assert.equal(strata(['diff', '-', '-'], dir, { input: '' }).code, 2);
      const fix = strata(['check', '--fix', '-'], dir, { input: MODEL });
      assert.equal(fix.code, 2);
      assert.match(oneLine(fix.err), /--fix rewrites files in place, so it cannot take stdin/);
    });

    it('--max-warnings takes only a non-negative whole number; --help lists --fix', () => {
      for (const bad of ['', ' ', '-1', '1.5', '0x10', '1e3', 'Infinity', '+2', ' 2']) {
        const r = strata(['check', `--max-warnings=${bad}`, 'm.strata'], dir);
        assert.equal(r.code, 2, JSON.stringify(bad));
        assert.equal(oneLine(r.err), `strata check: --max-warnings takes a whole number of 0 or more, not '${bad}'.`);
      }
      for (const good of ['0', '12']) assert.equal(strata(['check', '--max-warnings', good, 'm.strata'], dir).code, 0);
      const help = strata(['--help'], dir);
      assert.match(help.out, /check \[--format text\|json\|github\|sarif\] \[--max-warnings N\] \[--fix\]/);
      assert.match(help.out, /--max-input-size SIZE/);
    });
  });
  describe('bounded output for any model (the layered SVG folds at every level)', () => {
    /** The SVG's size and the heap it took to draw, for a model. */
    const draw = (text: string) => {
      const a = analyze(text);
      global.gc?.();
      const before = process.memoryUsage().heapUsed;
      const svg = renderLayersSvg(a);
      const grew = process.memoryUsage().heapUsed - before;
      return { svg, grew };
    };
    const hosts = (n: number) => Array.from({ length: n }, (_, i) => `host h${i} { os: debian-12 }`).join('\n') + '\n';

    it('200,000 top-level hosts: the first ones drawn, the rest one summary; about the size of 2,000 hosts', function () {
      this.timeout(300_000);
      const small = draw(hosts(2_000)).svg;
      const { svg, grew } = draw(hosts(200_000));
      assert.ok(svg.length < 2 * small.length, `200,000 hosts: ${svg.length} bytes against ${small.length} for 2,000`);
      assert.match(svg, /Only the first 1,999 of 200,000 top-level nodes are drawn; the other 198,001 are one summary\./);
      assert.match(svg, /data-overflow="true"/);
      assert.match(svg, />\+198,001 hosts</);
      // The text of 200,000 boxes alone would be over 60 MB; the picture stays near the small one.
      assert.ok(grew < 200 * 1024 * 1024, `drawing grew the heap by ${(grew / 1048576).toFixed(0)} MiB`);
      console.log(`      200,000 hosts: SVG ${(svg.length / 1024).toFixed(0)} KiB (2,000 hosts: ${(small.length / 1024).toFixed(0)} KiB)`);
    });

    it('any node with content folds (a top-level pod with 50,000 containers), and links are bounded', () => {
      const containers = Array.from({ length: 50_000 }, (_, i) => `  container c${i} { image: "a:1"; memory: 1GiB }`).join('\n');
      const one = draw(`pod p {\n${containers}\n}\n`).svg;
      assert.ok(one.length < 100_000, `${one.length} bytes`);
      assert.match(one, /\+50,000 containers/);
      const links = Array.from({ length: 20_000 }, (_, i) => `h0 -> h1 "l${i}"`).join('\n');
      const linked = draw(`${hosts(2)}${links}\n`).svg;
      assert.equal((linked.match(/class="lnk"/g) ?? []).length, 2_000);
      assert.match(linked, /At most 2,000 of the 20,000 links are drawn\./);
    });

    it('the tenant legend is bounded too', () => {
      const text = Array.from({ length: 500 }, (_, i) => `tenant t${i} {}\nhost h${i} { os: debian-12; tenant: t${i} }`).join('\n') + '\n';
      const svg = draw(text).svg;
      assert.equal((svg.match(/<g class="legend"/g) ?? []).length, 41 + 1, '40 tenants, "and 460 more", one kernel style');
      assert.match(svg, /and 460 more tenants/);
    });
  });
});
