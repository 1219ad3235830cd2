// `strata check --format github`: workflow annotations. Each finding is exactly one command line
// however hostile the user text (a label, a quoted value, a file name with a newline, `::error::`,
// `%0A`), and decoding the command the way the Actions runner does gives back the exact message.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex, analyze, type Finding } from '../../src/core';
import { escapeGithubData, escapeGithubProperty, toGithub } from '../../src/core/output/findings';
import { ROOT } from '../helpers/paths';
import { PAYLOADS, hostileDocuments } from '../browser/corpus';
import { visibleCodePoint } from '../../src/core/text/controls';

/**
 * What an annotation shows for a message: the text itself, with CR and LF carried by GitHub's
 * escapes, and other controls and bidirectional controls as `<U+XXXX>` (never raw in the log).
 */
const shown = (m: string) => m.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, visibleCodePoint);
const RAW = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Command {
  readonly name: string;
  readonly props: Record<string, string>;
  readonly message: string;
}

// The runner's decoding (actions/runner ActionCommand: unescape %0D %0A %3A %2C, then %25).
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** Parse workflow commands as the runner reads stdout: line by line (\n, \r\n or a lone \r). */
function parseCommands(out: string): Command[] {
  const commands: Command[] = [];
  for (const line of out.split(/\r\n|\r|\n/)) {
    if (!line.startsWith('::')) continue;
    const end = line.indexOf('::', 2);
    assert.ok(end > 0, `a command line without its closing '::': ${JSON.stringify(line)}`);
    const head = line.slice(2, end);
    const space = head.indexOf(' ');
    const name = space < 0 ? head : head.slice(0, space);
    const props: Record<string, string> = {};
    if (space >= 0) {
      for (const kv of head.slice(space + 1).split(',')) {
        const eq = kv.indexOf('=');
        assert.ok(eq > 0, `a property without '=': ${JSON.stringify(kv)}`);
        props[kv.slice(0, eq)] = unescapeProperty(kv.slice(eq + 1));
      }
    }
    commands.push({ name, props, message: unescapeData(line.slice(end + 2)) });
  }
  return commands;
}

const HOSTILE = [
  'a label\n::error::injected',
  'two\r\n::warning file=x.strata,line=1::second',
  'lone\rcarriage return ::notice::x',
  '%0A::error::encoded newline',
  '%25 %3A %2C percent, colon: comma',
  '::error::at the start',
  'unicode \u2028 line separator \u0085 next line',
  '',
];

function finding(message: string, start = 0, end = 1): Finding {
  return { rule: 'shared-kernel-tenants', severity: 'warning', message, span: { start, end } };
}

describe('github annotations', () => {
  it('turns every hostile message into exactly one annotation that decodes to the same text', () => {
    const text = 'host h1 { os: debian-12 }\n';
    const out = toGithub([{ file: 'models/a.strata', findings: HOSTILE.map((m) => finding(m)), lines: new LineIndex(text) }]);
    assert.equal(out.split('\n').filter(Boolean).length, HOSTILE.length, 'one line per finding');
    assert.doesNotMatch(out.replace(/\n$/, ''), /\r|\n(?!::)/, 'no line break inside a command');
    const commands = parseCommands(out);
    assert.equal(commands.length, HOSTILE.length);
    assert.doesNotMatch(out, RAW, 'no control or bidirectional character reaches the log raw');
    commands.forEach((c, i) => {
      assert.equal(c.name, 'warning');
      assert.equal(c.message, shown(HOSTILE[i]));
      assert.equal(c.props.file, 'models/a.strata');
      assert.equal(c.props.title, 'strata shared-kernel-tenants');
    });
  });

  it('escapes file names with newlines, commas, colons and percent signs as properties', () => {
    const file = 'dir,x/evil\n::error file=pwned.strata::boom%0A:.strata';
    const out = toGithub([{ file, findings: [finding('m')], lines: new LineIndex('host h1\n') }]);
    const commands = parseCommands(out);
    assert.equal(commands.length, 1);
    assert.equal(commands[0].props.file, file);
    assert.deepEqual(Object.keys(commands[0].props), ['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
  });

  it('escapes like @actions/core (data: % CR LF; properties also : and ,)', () => {
    assert.equal(escapeGithubData('100%\r\n:,'), '100%25%0D%0A:,');
    assert.equal(escapeGithubProperty('100%\r\n:,'), '100%25%0D%0A%3A%2C');
  });

  it('gives one annotation per finding for a real model whose label and values carry ::error::', () => {
    const text = [
      'host h1 "a label ::error::x %0A" {',
      '  os: "ubuntu-22.04 ::error file=x::y"',
      '  engine e1 {',
      '    container c1 "::warning::z" { image: "evil::error::%0A:latest"; memory: 1GiB; app a1 }',
      '  }',
      '}',
      '',
    ].join('\n');
    const a = analyze(text);
    assert.ok(a.findings.length >= 2, 'the model has findings quoting the hostile values');
    assert.ok(
      a.findings.some((f) => f.message.includes('::error::')),
      'some message quotes user text with ::error::',
    );
    const out = toGithub([{ file: 'm.strata', findings: a.findings, lines: a.lines }]);
    const commands = parseCommands(out);
    assert.equal(commands.length, a.findings.length);
    assert.deepEqual(
      commands.map((c) => c.message),
      a.findings.map((f) => shown(f.message)),
    );
    for (const [i, c] of commands.entries()) {
      const r = a.lines.rangeOf(a.findings[i].span);
      assert.equal(c.props.line, String(r.start.line + 1));
      assert.equal(c.props.col, String(r.start.character + 1));
    }
  });

  it('the XSS corpus, workflow-command payloads and raw line breaks in labels: exactly one annotation per finding', () => {
    // The browser tests' 200+ payloads in every user-text place (labels, images, tenants, link
    // labels, an unknown OS that findings quote), plus payloads aimed at the runner, plus labels
    // cut by raw CR, LF, U+2028 and U+0085 (syntax errors whose messages may quote the text).
    const runner = ['::error::injected', 'x\n::error file=a,line=1::y', '%0A::warning::z', '%25%0D%0A', '::add-mask::secret', '::stop-commands::token', '::set-output name=a::b'];
    const payloads = [...PAYLOADS, ...runner, ...runner.map((p) => `label ${p} end`)];
    const docs = hostileDocuments(payloads, 60).map((d) => d.text);
    for (const cut of ['\n', '\r', '\r\n', '\u2028', '\u0085']) docs.push(`host h1 "a${cut}::error::b" { os: "deb${cut}::warning::x" }\ncontainer c1 "::error::${cut}" {}\n`);
    let findings = 0;
    let quoting = 0;
    for (const [i, text] of docs.entries()) {
      const a = analyze(text);
      const file = `models/${i}/evil,name::error::.strata`;
      const out = toGithub([{ file, findings: a.findings, lines: a.lines }]);
      const lines = out.split(/\r\n|\r|\n/).filter((l) => l !== '');
      assert.equal(lines.length, a.findings.length, `document ${i}: one line per finding`);
      assert.ok(lines.every((l) => /^::(error|warning|notice) file=/.test(l)), `document ${i}: every line is one of our commands`);
      const commands = parseCommands(out);
      assert.doesNotMatch(out, RAW, `document ${i}: no control or bidirectional character raw`);
      assert.deepEqual(
        commands.map((c) => c.message),
        a.findings.map((f) => shown(f.message)),
        `document ${i}: messages decode exactly (controls shown as <U+XXXX>)`,
      );
      for (const c of commands) assert.equal(c.props.file, file);
      findings += a.findings.length;
      quoting += a.findings.filter((f) => payloads.some((p) => p.length > 8 && f.message.includes(p))).length;
    }
    assert.ok(quoting > 100, `only ${quoting} findings quote a payload`);
    console.log(`      github: ${payloads.length} payloads in ${docs.length} documents, ${findings} findings (${quoting} quoting a payload), one annotation each`);
  });

  it('prints nothing for no findings', () => {
    assert.equal(toGithub([{ file: 'a.strata', findings: [], lines: new LineIndex('') }]), '');
  });

  describe('from the command line', function () {
    this.timeout(30_000);
    let dir: string;
    before(function () {
      if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-github-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a file whose name holds a newline and ::error:: gives one annotation per finding', () => {
      const name = 'evil\n::error file=x::pwned.strata';
      fs.writeFileSync(path.join(dir, name), 'host h1 {\n  engine e1 { container c1 { image: "a:latest"; app a1 } }\n}\n');
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'github', '.'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      const json = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
      const findings = JSON.parse(json.stdout) as { file: string; message: string }[];
      const commands = parseCommands(r.stdout);
      assert.equal(commands.length, findings.length);
      assert.ok(findings.length >= 2);
      for (const [i, c] of commands.entries()) {
        assert.equal(c.props.file, findings[i].file);
        assert.equal(c.message, findings[i].message);
      }
    });
  });
});
