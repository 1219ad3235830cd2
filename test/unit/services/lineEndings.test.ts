// CRLF and a byte order mark survive every edit Strata makes: quick fixes, suppressions, rename,
// "fix all" (what `strata check --fix` applies) and its atomic write. Each fixture, example, rule
// example and a damaged generated model is tried as LF, as CRLF and as CRLF with a BOM; every
// edit's result must keep the BOM at offset 0 and use only the file's own line break (no bare LF
// in a CRLF file, no CR in an LF file). (The formatter's own CRLF/BOM tests are in format.test.ts.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, CHECKS, exampleCode, type Finding, type TextEdit } from '../../../src/core';
import { applyTextEdits, fixAll, formatDocument, rename, suppression } from '../../../src/core/services';
import { writeFileAtomic } from '../../../src/cli/io';
import { generateModel } from '../../../bench/generate';
import { parseAnnotated } from '../../helpers/annotations';
import { damaged } from '../../helpers/fixSafety';
import { EXAMPLES, FIXTURES, strataFiles } from '../../helpers/paths';

interface Doc {
  readonly name: string;
  readonly text: string;
}

function lfDocs(): Doc[] {
  const docs: Doc[] = [];
  for (const file of [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)]) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
    docs.push({ name: path.relative(path.dirname(FIXTURES), file), text });
  }
  for (const check of CHECKS) check.meta.examples.invalid.forEach((ex, i) => docs.push({ name: `${check.meta.name} invalid ${i + 1}`, text: parseAnnotated(exampleCode(ex)).text }));
  docs.push({ name: 'generated 80, damaged', text: damaged(generateModel(80).text) });
  // The first node on the first line (a suppression goes before it, right after a BOM).
  docs.push({ name: 'node on line 1', text: 'container web { app x }\nhost h1 { os: debian-12; memroy: 4GiB }\n' });
  // A file without any line break has no style to keep: each gets a final one.
  return docs.map((d) => (d.text.endsWith('\n') ? d : { name: d.name, text: d.text + '\n' }));
}

type Style = 'LF' | 'CRLF' | 'CRLF+BOM';
const STYLES: readonly Style[] = ['LF', 'CRLF', 'CRLF+BOM'];

function styled(text: string, style: Style): string {
  if (style === 'LF') return text;
  const crlf = text.replace(/\n/g, '\r\n');
  return style === 'CRLF' ? crlf : '\ufeff' + crlf;
}

/** What is wrong with `after`'s line breaks and BOM, given the style of `before`. */
function styleProblems(before: string, after: string, style: Style): string[] {
  const problems: string[] = [];
  const bom = before.charCodeAt(0) === 0xfeff;
  if (bom && after.charCodeAt(0) !== 0xfeff) problems.push('the BOM is gone from offset 0');
  if ((after.match(/\ufeff/g) ?? []).length !== (before.match(/\ufeff/g) ?? []).length) problems.push('the number of U+FEFF changed');
  if (style === 'LF' && /\r/.test(after) && !/\r/.test(before)) problems.push('a CR in an LF file');
  if (style !== 'LF') {
    if (/(^|[^\r])\n/.test(after)) problems.push('a bare LF in a CRLF file');
    if (/\r(?!\n)/.test(after)) problems.push('a lone CR in a CRLF file');
  }
  return problems;
}

describe('services: CRLF and BOM are kept by every edit', function () {
  this.timeout(120_000);
  const docs = lfDocs();
  const tried = { fixes: 0, suppressions: 0, renames: 0, fixAll: 0 };

  after(() => {
    console.log(`      line endings: ${docs.length} documents × ${STYLES.length} styles: ${tried.fixes} fixes, ${tried.suppressions} suppressions, ${tried.renames} renames, ${tried.fixAll} fix-all runs checked`);
  });

  for (const style of STYLES) {
    it(`quick fixes and suppressions (${style})`, () => {
      const broken: string[] = [];
      for (const doc of docs) {
        const text = styled(doc.text, style);
        const a = analyze(text);
        for (const f of a.findings) {
          const attempts: [string, readonly TextEdit[]][] = (f.fixes ?? []).map((x) => [`fix "${x.title}"`, x.edits]);
          const s = suppression(a, f);
          if (s) attempts.push(['suppression', [s.edit]]);
          for (const [what, edits] of attempts) {
            if (what === 'suppression') tried.suppressions++;
            else tried.fixes++;
            const problems = styleProblems(text, applyTextEdits(text, edits), style);
            if (problems.length) broken.push(`${doc.name}: ${f.rule} ${what}: ${problems.join('; ')}`);
          }
        }
      }
      assert.deepEqual(broken, []);
    });

    it(`rename of every node id (${style})`, () => {
      const broken: string[] = [];
      for (const doc of docs) {
        const text = styled(doc.text, style);
        const a = analyze(text);
        for (const node of a.model.nodes.slice(0, 30)) {
          const id = node.decl.id;
          if (!id || !node.id) continue;
          const r = rename(a, id.start, `${node.id}_renamed`);
          if ('error' in r) continue;
          tried.renames++;
          const after = applyTextEdits(text, r.edits);
          const problems = styleProblems(text, after, style);
          if (problems.length) broken.push(`${doc.name}: rename ${node.id}: ${problems.join('; ')}`);
          // Nothing but the names changed: the same text once the new names are put back.
          assert.equal(after.split(`${node.id}_renamed`).join(node.id), text, `${doc.name}: rename ${node.id} changed more than the name`);
        }
      }
      assert.deepEqual(broken, []);
    });

    it(`fix all, with every fix treated as safe, and the atomic write of its result (${style})`, () => {
      // No check has a safe fix today, so `strata check --fix` changes nothing; this drives the
      // same fixAll loop with every real fix marked safe, round after round, to show the text it
      // would write keeps its line breaks and BOM, and that the writer stores exactly that text.
      const allSafe = (t: string) => ({
        findings: analyze(t).findings.map((f): Finding => ({ ...f, fixes: f.fixes?.map((x) => ({ ...x, safe: true })) })),
      });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-eol-'));
      try {
        const broken: string[] = [];
        for (const doc of docs) {
          const text = styled(doc.text, style);
          const r = fixAll(text, { analyze: allSafe });
          if (r.applied === 0) continue;
          tried.fixAll++;
          const problems = styleProblems(text, r.text, style);
          if (problems.length) broken.push(`${doc.name}: fix all: ${problems.join('; ')}`);
          assert.equal(applyTextEdits(text, r.edits), r.text, `${doc.name}: fixAll's edits give its text`);
          const file = path.join(dir, 'model.strata');
          writeFileAtomic(file, r.text);
          assert.deepEqual(fs.readFileSync(file), Buffer.from(r.text, 'utf8'), `${doc.name}: written bytes`);
        }
        assert.deepEqual(broken, []);
        assert.ok(tried.fixAll > 5, `only ${tried.fixAll} documents had fixes`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`format (${style})`, () => {
      for (const doc of docs) {
        const text = styled(doc.text, style);
        const r = formatDocument(text);
        assert.deepEqual(styleProblems(text, r.text, style), [], doc.name);
      }
    });
  }

  it('a suppression for the node on the first line goes after the BOM, at column 0, and silences the finding', () => {
    const text = '\ufeffhost h1 { os: debian-12; memroy: 4GiB }\r\nhost h2 { os: debian-12 }\r\n';
    const a = analyze(text);
    const f = a.findings.find((x) => x.rule === 'unknown-property')!;
    const s = suppression(a, f)!;
    const after = applyTextEdits(text, [s.edit]);
    assert.equal(after, '\ufeff# strata-ignore unknown-property: TODO: why this is acceptable\r\nhost h1 { os: debian-12; memroy: 4GiB }\r\nhost h2 { os: debian-12 }\r\n');
    assert.deepEqual(analyze(after).findings.map((x) => x.rule), []);
  });

  it('the checker sees a lost BOM, a bare LF and a stray CR', () => {
    assert.deepEqual(styleProblems('\ufeffa\r\n', 'a\r\n\ufeff', 'CRLF+BOM'), ['the BOM is gone from offset 0']);
    assert.deepEqual(styleProblems('a\r\n', 'a\r\nb\n', 'CRLF'), ['a bare LF in a CRLF file']);
    assert.deepEqual(styleProblems('a\r\n', 'a\rb\r\n', 'CRLF'), ['a lone CR in a CRLF file']);
    assert.deepEqual(styleProblems('a\n', 'a\r\n', 'LF'), ['a CR in an LF file']);
  });
});
