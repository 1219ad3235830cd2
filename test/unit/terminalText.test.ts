// `strata check` text output goes to a terminal: user text in it (labels and values quoted by
// messages, file names) must not add lines or send escape sequences (ESC [2J clears the screen,
// ESC ] 0; sets the window title, OSC 8 makes links, …). One line per finding and per related
// note, then the summary; no control character but the line breaks between lines.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { toText } from '../../src/core/output/findings';
import { PAYLOADS, hostileDocuments } from '../browser/corpus';
import { ROOT } from '../helpers/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const ESCAPES = ['\u001b[2J\u001b[H', '\u001b]0;pwned\u0007', '\u001b]8;;https://evil.invalid\u001b\\link\u001b]8;;\u001b\\', '\u009b31m C1 CSI', 'bell \u0007 backspace \b nul \u0000 del \u007f'];
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

function assertTerminalSafe(out: string, expectedLines: number, what: string): void {
  const lines = out.replace(/\n$/, '').split('\n');
  assert.equal(lines.length, expectedLines, `${what}: one line per finding and note, plus the summary`);
  for (const line of lines) assert.doesNotMatch(line, CONTROL, `${what}: a control character in ${JSON.stringify(line.slice(0, 80))}`);
}

describe('cli text output is safe for a terminal', () => {
  it('the XSS corpus and escape sequences in labels, values and file names', () => {
    const payloads = [...PAYLOADS, ...ESCAPES, ...ESCAPES.map((e) => `label ${e} end`)];
    let quoting = 0;
    for (const [i, doc] of hostileDocuments(payloads, 60).entries()) {
      const a = analyze(doc.text);
      const file = `models/${i}/\u001b[31mred\u001b[0m\r\nfake.strata:1:1: error syntax: forged`;
      const out = toText([{ file, findings: a.findings, lines: a.lines }]);
      const notes = a.findings.reduce((n, f) => n + (f.related?.length ?? 0), 0);
      assertTerminalSafe(out, a.findings.length + notes + 1, `document ${i}`);
      quoting += a.findings.filter((f) => ESCAPES.some((e) => f.message.includes(e))).length;
    }
    assert.ok(quoting > 0, 'some finding quotes an escape sequence (the test reaches the output)');
  });

  it('from the command line: no ESC reaches stdout', function () {
    this.timeout(30_000);
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-tty-'));
    try {
      fs.writeFileSync(path.join(dir, 'm.strata'), 'host h1 "\u001b]0;pwned\u0007" {\n  os: "x\u001b[2Jy"\n}\n');
      const r = spawnSync(process.execPath, [CLI, 'check', 'm.strata'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /'x<U\+001B>\[2Jy' is not an operating system/);
      assert.doesNotMatch(r.stdout, CONTROL);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cli stats and diff text output is safe for a terminal', () => {
  it('escape sequences in labels reach neither `strata stats` nor `strata diff` text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-term-'));
    try {
      const evil = ESCAPES.join(' ');
      const base = path.join(dir, 'base.strata');
      const head = path.join(dir, 'head.strata');
      fs.writeFileSync(base, `host h "${evil}" { os: debian-12\n  app a "${evil}" }\n`);
      fs.writeFileSync(head, `host h "${evil}" { os: debian-12\n  app a "${evil}"\n  app b "${evil}" }\n`);
      for (const args of [['stats', head], ['stats', head, '--what-if', 'containerize'], ['diff', base, head]]) {
        const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
        assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
        assert.ok(r.stdout.length > 0, args.join(' '));
        for (const line of r.stdout.split('\n')) assert.doesNotMatch(line, CONTROL, `${args.join(' ')}: ${JSON.stringify(line.slice(0, 80))}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
