// Every check's documented examples run as tests: valid examples give no finding of that rule,
// invalid ones give exactly the findings their caret annotations mark. Also registry parity:
// every rule file is registered and every registered rule has docs and examples.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { CHECKS } from '../../src/core/checks/registry';
import { exampleCode, exampleOutput } from '../../src/core/checks/types';
import { applyTextEdits } from '../../src/core/services/codeActions';
import { parseAnnotated } from '../helpers/annotations';
import { ROOT } from '../helpers/paths';

describe('checks', () => {
  it('registers every rule file exactly once', () => {
    const dir = path.join(ROOT, 'src', 'core', 'checks', 'rules');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.equal(CHECKS.length, files.length, 'one registered check per file in src/core/checks/rules');
    const names = CHECKS.map((c) => c.meta.name);
    assert.equal(new Set(names).size, names.length, 'rule names are unique');
    for (const c of CHECKS) {
      const expected = c.meta.name.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase()) + '.ts';
      assert.ok(files.includes(expected), `rule '${c.meta.name}' lives in rules/${expected}`);
    }
  });

  for (const check of CHECKS) {
    const { name } = check.meta;
    describe(name, () => {
      it('has docs: summary, rationale, how to fix, and examples of both kinds', () => {
        assert.ok(check.meta.summary.length > 10);
        assert.ok(check.meta.rationale.length > 40);
        assert.ok(check.meta.howToFix.length > 10);
        assert.ok(check.meta.examples.valid.length > 0, 'at least one valid example');
        assert.ok(check.meta.examples.invalid.length > 0, 'at least one invalid example');
        assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      });
      check.meta.examples.valid.forEach((code, i) => {
        it(`valid example ${i + 1} gives no '${name}' finding`, () => {
          const found = analyze(code, { deployment: check.meta.examples.deployment }).findings.filter((f) => f.rule === name);
          assert.deepEqual(found.map((f) => f.message), []);
        });
      });
      check.meta.examples.invalid.forEach((example, i) => {
        it(`invalid example ${i + 1} gives the annotated findings`, () => {
          const { text, expected } = parseAnnotated(exampleCode(example));
          assert.ok(expected.length > 0, 'an invalid example marks at least one finding with ^');
          const a = analyze(text, { deployment: check.meta.examples.deployment });
          const found = a.findings.filter((f) => f.rule === name);
          const actual = found.map((f) => {
            const r = a.lines.rangeOf(f.span);
            return { line: r.start.line, startCol: r.start.character, endCol: r.end.line === r.start.line ? r.end.character : -1, message: f.message };
          });
          assert.equal(actual.length, expected.length, `findings: ${JSON.stringify(actual)}`);
          expected.forEach((e, j) => {
            const got = actual[j];
            assert.deepEqual([got.line, got.startCol, got.endCol], [e.line, e.startCol, e.endCol], `position of finding ${j + 1}: ${got.message}`);
            // A marker's text may start with the severity when it is not the rule's default.
            const m = /^(error|warning|info):\s*(.*)$/.exec(e.messagePart);
            const part = m ? m[2] : e.messagePart;
            if (part) assert.ok(got.message.toLowerCase().includes(part.toLowerCase()), `'${got.message}' should contain '${part}'`);
            assert.equal(found[j].severity, m ? m[1] : check.meta.defaultSeverity, `severity of finding ${j + 1}: ${got.message}`);
          });
        });
        const output = exampleOutput(example);
        it(output === undefined ? `invalid example ${i + 1} offers no quick fix (it states no fixed text)` : `invalid example ${i + 1}: its quick fix gives the stated text`, () => {
          const { text } = parseAnnotated(exampleCode(example));
          const found = analyze(text).findings.filter((f) => f.rule === name);
          const fixes = found.filter((f) => f.fixes?.length).map((f) => f.fixes![0]);
          if (output === undefined) {
            assert.deepEqual(fixes.map((f) => f.title), [], 'an example whose findings offer a fix states the fixed text ({ code, output })');
            return;
          }
          assert.ok(fixes.length > 0, 'the example states a fixed text, so its findings offer a fix');
          assert.equal(applyTextEdits(text, fixes.flatMap((f) => f.edits)), output);
        });
      });
    });
  }
});
