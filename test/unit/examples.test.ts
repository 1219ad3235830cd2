// The examples produce the findings a domain expert expects (kept as reviewed golden files in
// test/fixtures/examples/), the clean model produces none, and each broken example produces
// the rule its name promises — with later findings surviving early syntax errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Analysis, analyze } from '../../src/core';
import { analyzeProject } from '../../src/core/project';

/** A file's analysis as the CLI and the editor see it: a file of a project sees the whole project. */
function analyzeFile(file: string): Analysis {
  const config = path.join(path.dirname(file), 'strata.config.json');
  if (!fs.existsSync(config)) return analyze(fs.readFileSync(file, 'utf8'));
  const files = strataFiles(path.dirname(file)).map((f) => ({ file: f, text: fs.readFileSync(f, 'utf8') }));
  return analyzeProject(files).fileAnalysis(file)!;
}
import { EXAMPLES, FIXTURES, strataFiles } from '../helpers/paths';

function summary(file: string): string {
  const a = analyzeFile(file);
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
      const errors = analyzeFile(f).findings.filter((x) => x.severity === 'error');
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
