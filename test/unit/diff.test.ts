// `strata diff`: the semantic architecture diff on curated before/after pairs
// (test/fixtures/diff/<case>/{before,after}.strata) with golden Markdown, text and JSON
// (UPDATE_SNAPSHOTS=1 rewrites them), what each pair must show, Markdown that holds together
// whatever the user text, and the command line: two files, --git, --fail-on, exit codes.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { analyze } from '../../src/core';
import { type ArchitectureDiff, buildDiffPicture, diffComment, diffTexts, diffToMarkdown, diffToText } from '../../src/core/diff';
import { FIXTURES, ROOT } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'diff');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CASES = fs
  .readdirSync(DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(DIR, e.name, 'before.strata')))
  .map((e) => e.name)
  .sort();

function golden(file: string, actual: string): void {
  const p = path.join(DIR, file);
  if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(p)) {
    fs.writeFileSync(p, actual);
    return;
  }
  const expected = fs.readFileSync(p, 'utf8');
  if (expected !== actual) {
    const out = p.replace(/(\.[a-z]+)$/, '.actual$1');
    fs.writeFileSync(out, actual);
    assert.fail(`${file} differs from its golden file (the output is in ${path.relative(DIR, out)}). If the change is intended, run with UPDATE_SNAPSHOTS=1.`);
  }
}

function pair(name: string): { before: string; after: string; diff: ArchitectureDiff } {
  const before = fs.readFileSync(path.join(DIR, name, 'before.strata'), 'utf8');
  const after = fs.readFileSync(path.join(DIR, name, 'after.strata'), 'utf8');
  return { before, after, diff: diffTexts(before, after) };
}

const md = new MarkdownIt({ html: true });

/** The rendered HTML of GitHub-flavoured Markdown (markdown-it: CommonMark + GFM tables). */
function html(markdown: string): string {
  return md.render(markdown);
}

/** Every table row of the Markdown has as many cells as its header: no user text split a row. */
function assertTablesHold(markdown: string): void {
  const tokens = md.parse(markdown, {});
  let columns = -1;
  let cells = 0;
  for (const t of tokens) {
    if (t.type === 'thead_open') columns = -1;
    if (t.type === 'tr_open') cells = 0;
    if (t.type === 'th_open' || t.type === 'td_open') cells++;
    if (t.type === 'tr_close') {
      if (columns < 0) columns = cells;
      else assert.equal(cells, columns, 'a table row has as many cells as the header');
    }
  }
  // No line of a table may be a run-on of another block: every line starting with '|' ends with '|'.
  for (const line of markdown.split('\n')) if (line.startsWith('|')) assert.ok(line.endsWith('|'), `table line ends with a pipe: ${line}`);
}

describe('diff', () => {
  it('has the curated pairs', () => {
    for (const name of ['tenant-moved-onto-shared-vm', 'vm-containerized', 'memory-overcommit', 'renamed-node', 'comment-only', 'windows-on-linux', 'hostile-text']) assert.ok(CASES.includes(name), name);
  });

  describe('golden files', () => {
    for (const name of CASES) {
      it(name, () => {
        const { diff } = pair(name);
        const labels = { file: `${name}.strata`, baseLabel: 'before.strata', headLabel: 'after.strata' };
        const markdown = diffToMarkdown(diff, labels);
        golden(`${name}/diff.md`, markdown);
        golden(`${name}/diff.txt`, diffToText(diff, labels));
        golden(`${name}/diff.json`, JSON.stringify(diff, null, 2) + '\n');
        assertTablesHold(markdown);
        const { before, after } = pair(name);
        const comment = diffComment(buildDiffPicture(analyze(before), analyze(after), diff), labels);
        golden(`${name}/comment.md`, comment);
        assertTablesHold(comment);
      });
    }
  });

  it('a tenant container moved onto a VM shared with another tenant: moved, a new shared-kernel-tenants finding and a shared-kernel delta', () => {
    const { diff } = pair('tenant-moved-onto-shared-vm');
    assert.deepEqual(diff.nodes.moved, [{ id: 'reports', kind: 'container', from: ['rack1', 'esx1', 'node2', 'ctr2'], to: ['rack1', 'esx1', 'node1', 'ctr1'], carried: 1, line: 20 }]);
    assert.deepEqual(diff.nodes.added, []);
    assert.deepEqual(diff.nodes.removed, []);
    const shared = diff.findings.introduced.filter((f) => f.rule === 'shared-kernel-tenants');
    assert.equal(shared.length, 1);
    assert.equal(shared[0].nodeId, 'node1');
    assert.equal(shared[0].severity, 'warning');
    assert.deepEqual(diff.stats.newlyShared, [{ kernel: 'guest:node1', description: "the guest kernel of vm 'node1' (ubuntu-22.04)", tenants: ['shop', 'finance'], newTenants: ['finance'] }]);
    assert.deepEqual(diff.stats.sharedKernels, { before: 0, after: 1 });
    assert.deepEqual(diff.stats.kernels.before, diff.stats.kernels.after);
    const markdown = diffToMarkdown(diff, { file: 'platform.strata' });
    assert.match(markdown, /tenants newly sharing a kernel: shop and finance on the guest kernel of vm 'node1'/);
    assert.match(markdown, /\| moved \| `reports` \| container \| rack1 › esx1 › node2 › ctr2 → rack1 › esx1 › node1 › ctr1/);
    assert.match(markdown, /^⚠️ /m);
  });

  it('a VM containerized: fewer kernels, OS instances and guest-OS overhead; its findings resolved', () => {
    const { diff } = pair('vm-containerized');
    const s = diff.stats;
    assert.deepEqual({ before: s.kernels.before, after: s.kernels.after }, { before: 3, after: 1 });
    assert.deepEqual(s.kernels.guest, { before: 2, after: 0 });
    assert.deepEqual(s.osInstances, { before: 3, after: 1 });
    assert.ok(s.guestOsMemory.before >= 4 * 1024 ** 3 && s.guestOsMemory.after === 0);
    assert.equal(s.guestOsMemory.beforeText, '≥ 4 GiB');
    assert.deepEqual(
      diff.findings.resolved.map((f) => `${f.rule} ${f.nodeId}`),
      ['vm-for-single-app api-vm', 'vm-for-single-app web-vm'],
    );
    assert.deepEqual(diff.findings.introduced, []);
    assert.deepEqual(
      diff.nodes.moved.map((m) => `${m.id}: ${m.from.join('/')} -> ${m.to.join('/')}`),
      ['api: kvm1/kvm-hv/api-vm -> kvm1/podman1/api-ctr', 'web: kvm1/kvm-hv/web-vm -> kvm1/podman1/web-ctr'],
    );
    assert.match(diffToText(diff), /kernels: 3 → 1 \(−2\)/);
  });

  it('a memory change introduces overcommit; the property change keeps the units as written', () => {
    const { diff } = pair('memory-overcommit');
    assert.deepEqual(diff.properties, [{ id: 'pg-primary', kind: 'vm', key: 'memory', before: '48GiB', after: '96GiB', line: 6 }]);
    assert.deepEqual(
      diff.findings.introduced.map((f) => [f.rule, f.severity, f.nodeId]),
      [['memory-overcommit', 'warning', 'db1']],
    );
    assert.deepEqual(diff.stats.memoryAllocated, { before: 96 * 1024 ** 3, after: 144 * 1024 ** 3 });
  });

  it('a renamed node is a removal plus an addition, and says it looks like a rename', () => {
    const { diff } = pair('renamed-node');
    assert.deepEqual(
      diff.nodes.removed.map((n) => n.id),
      ['reports'],
    );
    assert.deepEqual(
      diff.nodes.added.map((n) => n.id),
      ['reporting'],
    );
    assert.deepEqual(diff.nodes.possibleRenames, [{ kind: 'container', from: 'reports', to: 'reporting', reason: 'same children' }]);
    assert.deepEqual(diff.links.added, [{ from: 'web', to: 'reporting', label: 'REST', line: 10 }]);
    assert.deepEqual(diff.links.removed, [{ from: 'web', to: 'reports', label: 'REST', line: 10 }]);
    assert.match(diffToMarkdown(diff), /Nodes are matched by id: container `reports` was removed and `reporting` added \(same children\), which looks like a rename/);
  });

  it('a rename without children is recognised by place and properties', () => {
    const base = 'host h1 {\n  os: debian-12\n  engine e1 { container old { image: "a/b:1.0.0"; memory: 1GiB } }\n}\n';
    const d = diffTexts(base, base.replace('old', 'new'));
    assert.deepEqual(d.nodes.possibleRenames, [{ kind: 'container', from: 'old', to: 'new', reason: 'same place and properties' }]);
  });

  it('comments, layout and equal values written differently are no architectural change', () => {
    const { diff } = pair('comment-only');
    assert.equal(diff.changed, false);
    assert.deepEqual(diff.properties, [{ id: 'h1', kind: 'host', key: 'memory', before: '8GiB', after: '8192MiB', sameValue: true, line: 4 }]);
    assert.deepEqual(diff.findings.introduced, []);
    assert.match(diffToMarkdown(diff), /^✅ \*\*no finding introduced or resolved; no architectural change\.\*\*$/m);
  });

  it('the same text twice is no change at all', () => {
    const { after } = pair('tenant-moved-onto-shared-vm');
    const d = diffTexts(after, after);
    assert.equal(d.changed, false);
    assert.deepEqual([d.nodes.added, d.nodes.removed, d.nodes.moved, d.properties, d.links.added, d.links.removed, d.findings.introduced, d.findings.resolved], [[], [], [], [], [], [], [], []]);
    assert.ok(d.findings.unchanged > 0);
  });

  it('a Windows container on a Linux kernel introduces an error', () => {
    const { diff } = pair('windows-on-linux');
    assert.deepEqual(
      diff.findings.introduced.map((f) => [f.rule, f.severity]),
      [['kernel-mismatch', 'error']],
    );
  });

  it('a new file (empty base) lists everything as added', () => {
    const { after } = pair('renamed-node');
    const d = diffTexts('', after);
    assert.equal(d.nodes.added.length, 6);
    assert.deepEqual(d.stats.kernels.before, 0);
    assert.match(diffToMarkdown(d), /\| added \| `h1` \| host \| \(top level\) \(with 5 nodes inside\) \| 1 \|/);
  });

  it('matches findings by rule, node and message, ignoring positions, as a multiset', () => {
    const one = 'host h1 {\n  engine e1 {\n    container c1 { image: "a:latest"; memory: 1GiB; app a1 }\n  }\n}\n';
    const moved = '\n\n# shifted down\n' + one;
    assert.deepEqual(diffTexts(one, moved).findings.introduced, []);
    assert.deepEqual(diffTexts(one, moved).findings.resolved, []);
  });

  it('user text cannot break the Markdown: tables hold, no tag, link, mention or math forms', () => {
    const { diff } = pair('hostile-text');
    const markdown = diffToMarkdown(diff, { file: 'evil | `name` <b>.strata' });
    assertTablesHold(markdown);
    const out = html(markdown);
    assert.doesNotMatch(out, /<(?!\/?(?:h[1-6]|p|strong|em|table|thead|tbody|tr|th|td|code|a|ul|li|details|summary|sub)[\s>])[a-z/]/i, 'only our own tags');
    assert.doesNotMatch(out, /<a href="javascript:/i);
    assert.doesNotMatch(out, /@everyone/, 'no mention');
    assert.match(out, /@\u200Beveryone/);
    assert.match(out, /&lt;\/details&gt; &lt;img src=x onerror=alert\(1\)&gt;/, 'user markup shown as text');
    assert.match(out, /a\|b`c:latest &lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'pipes and backticks shown as typed');
    assert.match(out, /\$x\$/);
    assert.equal((out.match(/<details>/g) ?? []).length, (out.match(/<\/details>/g) ?? []).length);
  });

  it('folds long tables into <details>', () => {
    const hosts = (n: number) => Array.from({ length: n }, (_, i) => `host h${i} { os: debian-12 }`).join('\n') + '\n';
    const d = diffTexts(hosts(2), hosts(30));
    const markdown = diffToMarkdown(d);
    assert.match(markdown, /<details><summary>Nodes: 28 rows<\/summary>\n\n\| change \|/);
    assertTablesHold(markdown);
    assert.doesNotMatch(diffToMarkdown(diffTexts(hosts(2), hosts(5))), /<details>/);
  });

  it('text output carries no terminal escape sequences from user text', () => {
    const d = diffTexts('host h1 "a" {}\n', 'host h1 "\u001b[31mred\u001b[0m\u0007" {}\n');
    const text = diffToText(d);
    assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F]/);
    assert.match(text, /h1\.\(label\): "a" → " \[31mred \[0m "/);
  });

  it('never throws, whatever the two texts', () => {
    const { before, after } = pair('tenant-moved-onto-shared-vm');
    const piece = fc.oneof(fc.string(), fc.constantFrom('host', 'vm', 'container', '{', '}', ':', '->', '"', '\n', 'tenant: a', 'os: debian-12'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(before.length), fc.nat(after.length), (parts, i, j) => {
        const d = diffTexts(before.slice(0, i) + parts.join(' '), after.slice(0, j));
        diffToMarkdown(d);
        diffToText(d);
        JSON.stringify(d);
      }),
      { numRuns: 80, seed: 6 },
    );
  });

  describe('from the command line', function () {
    this.timeout(60_000);
    let dir: string;
    const strata = (args: string[], cwd = ROOT) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
      return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
    };
    const fixture = (name: string, which: 'before' | 'after') => path.join('test', 'fixtures', 'diff', name, `${which}.strata`);
    const git = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    before(function () {
      if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-diff-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('diffs two files in each format, exit 0 without --fail-on', () => {
      const a = fixture('tenant-moved-onto-shared-vm', 'before');
      const b = fixture('tenant-moved-onto-shared-vm', 'after');
      const text = strata(['diff', a, b]);
      assert.equal(text.code, 0, text.err);
      assert.match(text.out, /tenants newly sharing a kernel: shop and finance/);
      const markdown = strata(['diff', a, b, '--format', 'markdown']);
      assert.equal(markdown.code, 0);
      assert.match(markdown.out, /^### Strata: test\/fixtures\/diff\/tenant-moved-onto-shared-vm\/after\.strata$/m);
      const json = JSON.parse(strata(['diff', a, b, '-f', 'json']).out) as ArchitectureDiff & { file: string; base: string; head: string };
      assert.equal(json.version, 1);
      assert.equal(json.base, a);
      assert.equal(json.stats.newlyShared[0].kernel, 'guest:node1');
    });

    it('--fail-on new-warnings fails on an introduced warning; new-errors does not', () => {
      const a = fixture('memory-overcommit', 'before');
      const b = fixture('memory-overcommit', 'after');
      const warn = strata(['diff', a, b, '--fail-on', 'new-warnings']);
      assert.equal(warn.code, 1);
      assert.match(warn.err, /introduces 1 new error or warning \(--fail-on new-warnings\)/);
      assert.equal(strata(['diff', a, b, '--fail-on', 'new-errors']).code, 0);
      assert.equal(strata(['diff', b, a, '--fail-on', 'new-warnings']).code, 0, 'resolving a warning passes');
    });

    it('--fail-on new-errors fails on an introduced error, and new-warnings too', () => {
      const a = fixture('windows-on-linux', 'before');
      const b = fixture('windows-on-linux', 'after');
      assert.equal(strata(['diff', a, b, '--fail-on', 'new-errors']).code, 1);
      assert.equal(strata(['diff', a, b, '--fail-on', 'new-warnings']).code, 1);
      assert.equal(strata(['diff', a, b]).code, 0);
    });

    it('exits 2 with a message on usage and read errors', () => {
      const a = fixture('memory-overcommit', 'before');
      const cases: [string[], RegExp][] = [
        [['diff'], /name the base and the head file/],
        [['diff', a], /name the base and the head file/],
        [['diff', a, a, a], /name the base and the head file/],
        [['diff', a, 'missing.strata'], /cannot read 'missing\.strata': no such file/],
        [['diff', a, 'test'], /'test' holds \d+ models \(projects or lone files\); name one file or one project folder/],
        [['diff', a, a, '--format', 'yaml'], /unknown format 'yaml'/],
        [['diff', a, a, '--fail-on', 'new-infos'], /--fail-on takes new-errors or new-warnings/],
        [['diff', a, a, '--bogus'], /Unknown option/],
        [['diff', '--git', 'HEAD'], /with --git, name one \.strata file/],
      ];
      for (const [args, message] of cases) {
        const r = strata(args);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.err, message, args.join(' '));
        assert.equal(r.out, '', args.join(' '));
      }
    });

    it('--git reads the base from a revision; a new file has an empty base; bad revisions exit 2', () => {
      git(['init', '-q', '-b', 'main']);
      git(['config', 'user.email', 'ci@example.invalid']);
      git(['config', 'user.name', 'CI']);
      fs.mkdirSync(path.join(dir, 'models'));
      const model = path.join('models', 'platform.strata');
      fs.copyFileSync(path.join(ROOT, fixture('tenant-moved-onto-shared-vm', 'before')), path.join(dir, model));
      git(['add', '.']);
      git(['commit', '-q', '-m', 'base']);
      fs.copyFileSync(path.join(ROOT, fixture('tenant-moved-onto-shared-vm', 'after')), path.join(dir, model));

      const r = strata(['diff', '--git', 'HEAD', model, '--format', 'markdown', '--fail-on', 'new-warnings'], dir);
      assert.equal(r.code, 1, r.err);
      assert.match(r.out, /Compared HEAD with the working tree\./);
      assert.match(r.out, /newly shared: the guest kernel of vm 'node1'/);
      // From a sub-folder, with a path relative to it.
      const sub = strata(['diff', '--git', 'HEAD', 'platform.strata', '--format', 'json'], path.join(dir, 'models'));
      assert.equal(sub.code, 0, sub.err);
      assert.equal((JSON.parse(sub.out) as ArchitectureDiff).nodes.moved.length, 1);

      fs.writeFileSync(path.join(dir, 'models', 'new.strata'), 'host h9 { os: debian-12 }\n');
      const added = strata(['diff', '--git', 'HEAD', 'models/new.strata'], dir);
      assert.equal(added.code, 0, added.err);
      assert.match(added.out, /HEAD \(the file is new: not in HEAD\)/);
      assert.match(added.out, /\+ host h9 in \(top level\)/);

      for (const [rev, message] of [
        ['no-such-branch', /'no-such-branch' is not a commit/],
        ['--output=pwned', /'--output=pwned' is not a git revision/],
        ['', /'' is not a git revision/],
      ] as const) {
        const bad = strata(['diff', `--git=${rev}`, model], dir);
        assert.equal(bad.code, 2, rev);
        assert.match(bad.err, message);
      }
      assert.ok(!fs.existsSync(path.join(dir, 'pwned')), 'no option injection into git');
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-nogit-'));
      try {
        fs.writeFileSync(path.join(outside, 'm.strata'), 'host h1 {}\n');
        const noRepo = strata(['diff', '--git', 'HEAD', 'm.strata'], outside);
        assert.equal(noRepo.code, 2);
        assert.match(noRepo.err, /not a commit in the git repository of 'm\.strata'/);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });
});
