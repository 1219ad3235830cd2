// The rules reference is generated from the checks' metadata (tools/ruleDocs.ts): the files on
// disk must be exactly what the generator writes, so the docs and the examples that run as tests
// are the same text. Also: the analysis docs describe the JSON shape `strata stats` prints.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, CHECKS, exampleCode, exampleOutput, FRAMEWORK_RULES, ruleDocPath } from '../../src/core';
import { computeStats, SCENARIOS, whatIf } from '../../src/core/analysis';
import { allDocs, withRulesTable } from '../../tools/ruleDocs';
import { ROOT } from '../helpers/paths';

describe('docs: the rules reference', () => {
  const docs = allDocs();

  it('docs/rules/*.md are up to date with the checks\' metadata (run `npm run docs`)', () => {
    for (const [file, text] of docs) {
      const onDisk = path.join(ROOT, file);
      assert.ok(fs.existsSync(onDisk), `${file} is missing: run \`npx tsc -p . && npm run docs\``);
      assert.equal(fs.readFileSync(onDisk, 'utf8'), text, `${file} is stale: run \`npx tsc -p . && npm run docs\``);
    }
  });

  it('the README\'s rules table lists every rule, as generated (run `npm run docs`)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.match(readme, /<!-- rules:start -->\n\| rule \|/, 'the table is between the markers');
    assert.equal(readme, withRulesTable(readme), 'README.md rules table is stale: run `npx tsc -p . && npm run docs`');
    for (const c of CHECKS) assert.ok(readme.includes(`[\`${c.meta.name}\`](docs/rules/${c.meta.name}.md)`), c.meta.name);
  });

  it('has no page for a rule that does not exist', () => {
    const generated = new Set([...docs.keys()].map((f) => path.basename(f)));
    for (const f of fs.readdirSync(path.join(ROOT, 'docs', 'rules'))) assert.ok(generated.has(f), `docs/rules/${f} is not generated from any rule`);
  });

  it('has a page for every rule a finding can link to, and an index listing them all', () => {
    const index = docs.get('docs/rules/README.md')!;
    for (const name of [...CHECKS.map((c) => c.meta.name), ...Object.keys(FRAMEWORK_RULES)]) {
      assert.ok(docs.has(ruleDocPath(name)), name);
      assert.ok(index.includes(`[\`${name}\`](${name}.md)`), `index lists ${name}`);
    }
  });

  it('shows each check\'s examples, the same text the example tests run (markers removed)', () => {
    for (const c of CHECKS) {
      const page = docs.get(ruleDocPath(c.meta.name))!;
      for (const ex of [...c.meta.examples.valid, ...c.meta.examples.invalid.map(exampleCode)]) {
        const shown = ex
          .split('\n')
          .filter((l) => !/^\s*\^+/.test(l))
          .join('\n');
        assert.ok(page.includes('```strata\n' + shown + '\n```'), `${c.meta.name}: example shown`);
        // The shown text is what the example test analyses.
        analyze(shown);
      }
      for (const ex of c.meta.examples.invalid) {
        const output = exampleOutput(ex);
        if (output !== undefined) assert.ok(page.includes('After the quick fix:\n\n```strata\n' + output + '\n```'), `${c.meta.name}: the fixed text shown`);
      }
      for (const l of c.meta.linters ?? []) assert.ok(page.includes(`\`${l.id}\``), `${c.meta.name}: ${l.tool} ${l.id}`);
      assert.ok(page.includes(c.meta.rationale), `${c.meta.name}: rationale`);
    }
  });
});

describe('docs: the analysis', () => {
  const text = fs.readFileSync(path.join(ROOT, 'docs', 'analysis.md'), 'utf8');

  it('documents every top-level field of the stats and what-if JSON', () => {
    const stats = computeStats(analyze('host h { os: debian-12\n app a }'));
    for (const key of Object.keys(stats)) assert.ok(text.includes(`\`${key}\``), `stats field ${key}`);
    for (const scenario of SCENARIOS) {
      assert.ok(text.includes(`--what-if ${scenario}`), scenario);
      for (const key of Object.keys(whatIf(scenario, analyze('')))) assert.ok(text.includes(`\`${key}\``), `what-if field ${key}`);
    }
  });

  it('documents the configuration file, its precedence over settings, and the settings', () => {
    for (const s of ['strata.config.json', 'cpuOvercommitRatio', 'smallAppMemory', 'strata.rules', 'strata.thresholds.cpuOvercommitRatio', 'file wins']) assert.ok(text.includes(s), s);
  });
});
