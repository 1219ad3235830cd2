// The examples produce the findings a domain expert expects (kept as reviewed golden files in
// test/fixtures/examples/), the clean model produces none, and each broken example produces
// the rule its name promises — with later findings surviving early syntax errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { EXAMPLES, FIXTURES, strataFiles } from '../helpers/paths';

function summary(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const a = analyze(text);
  return a.findings.map((f) => `${a.lines.positionAt(f.span.start).line + 1} ${f.severity} ${f.rule} ${f.nodeId ?? '-'}`).join('\n') + '\n';
}

describe('examples', () => {
  const files = strataFiles(EXAMPLES);
  it('exist (at least the five main models)', () => {
    assert.ok(files.filter((f) => !f.includes(`${path.sep}broken${path.sep}`)).length >= 5);
  });

  for (const file of files) {
    const rel = path.relative(EXAMPLES, file);
    it(`${rel} gives the reviewed findings`, () => {
      const golden = path.join(FIXTURES, 'examples', rel.replace(/\.strata$/, '.findings'));
      const actual = summary(file);
      if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(golden)) {
        fs.mkdirSync(path.dirname(golden), { recursive: true });
        fs.writeFileSync(golden, actual);
      }
      assert.equal(actual, fs.readFileSync(golden, 'utf8'));
    });
  }

  it('the clean, well-isolated model has no finding at all', () => {
    const a = analyze(fs.readFileSync(path.join(EXAMPLES, 'isolated-clean.strata'), 'utf8'));
    assert.deepEqual(a.findings.map((f) => `${f.rule}: ${f.message}`), []);
  });

  it('the main examples have no errors', () => {
    for (const f of files.filter((x) => !x.includes(`${path.sep}broken${path.sep}`))) {
      const errors = analyze(fs.readFileSync(f, 'utf8')).findings.filter((x) => x.severity === 'error');
      assert.deepEqual(errors.map((e) => e.message), [], f);
    }
  });

  it('a syntax error early in a file does not hide later findings', () => {
    const a = analyze(fs.readFileSync(path.join(EXAMPLES, 'broken', 'syntax-errors.strata'), 'utf8'));
    const rules = a.findings.map((f) => f.rule);
    assert.equal(rules[0], 'syntax');
    assert.ok(rules.includes('duplicate-id'));
  });
});
