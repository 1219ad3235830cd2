// strata.config.json: the zod schema, the positional JSON parser, problems with spans and
// "did you mean", partial application of a file with mistakes, the JSON Schema and package.json
// contributions generated from the schema, and the CLI finding the file upwards from a model.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, CHECKS, DEFAULT_SETTINGS } from '../../src/core';
import { configJsonSchemaText, configOptions, configurableRules, jsonValue, mergeOptions, parseConfig, parseJson } from '../../src/core/config';
import { SCHEMA_PATH, settingsContribution, updatedPackageJson } from '../../tools/configSchema';
import { ROOT } from '../helpers/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The text a problem's span covers. */
function covered(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

describe('config: parseConfig', () => {
  it('reads rule severities and thresholds into analyze options', () => {
    const r = parseConfig(
      JSON.stringify({
        $schema: './node_modules/strata-diagrams/schemas/strata.config.schema.json',
        rules: { 'vm-for-single-app': 'off', 'no-memory-limit': 'error' },
        thresholds: { cpuOvercommitRatio: 6, smallAppMemory: '512MiB' },
      }),
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.options, {
      rules: { 'vm-for-single-app': 'off', 'no-memory-limit': 'error' },
      settings: { cpuOvercommitWarnRatio: 6, smallAppMemory: 512 * 1024 ** 2 },
    });
  });

  it('takes smallAppMemory as a size string in any unit, or bytes', () => {
    for (const [v, bytes] of [
      ['2GiB', 2 * 1024 ** 3],
      ['1.5 GB', 1.5e9],
      [1048576, 1048576],
    ] as const) {
      const r = parseConfig(JSON.stringify({ thresholds: { smallAppMemory: v } }));
      assert.deepEqual(r.problems, [], String(v));
      assert.equal(r.options.settings?.smallAppMemory, bytes);
    }
  });

  it('treats an empty file as an empty configuration', () => {
    assert.deepEqual(parseConfig(''), { options: {}, problems: [] });
    assert.deepEqual(parseConfig('  \n'), { options: {}, problems: [] });
    assert.deepEqual(parseConfig('{}'), { options: {}, problems: [] });
  });

  it('names an unknown rule, with "did you mean", on the key', () => {
    const text = '{\n  "rules": {\n    "cpu-overcomit": "off",\n    "no-memory-limit": "off"\n  }\n}';
    const r = parseConfig(text);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].message, "Unknown rule 'cpu-overcomit'. Did you mean 'cpu-overcommit'? Strata's rules are listed in its docs (docs/rules/README.md).");
    assert.equal(covered(text, r.problems[0].span), '"cpu-overcomit"');
    assert.equal(r.problems[0].severity, 'error');
    assert.deepEqual(r.options, { rules: { 'no-memory-limit': 'off' } }, 'the valid parts still apply');
  });

  it('names unknown top-level keys and thresholds', () => {
    const text = '{ "rule": {}, "thresholds": { "cpuRatio": 3 } }';
    const messages = parseConfig(text).problems.map((p) => [p.message, covered(text, p.span)]);
    assert.deepEqual(messages, [
      [`Unknown setting 'rule' in strata.config.json. Did you mean 'rules'? Allowed: "$schema", "include", "exclude", "rules", "thresholds", "sources".`, '"rule"'],
      ["Unknown threshold 'cpuRatio'. Thresholds: cpuOvercommitRatio, smallAppMemory.", '"cpuRatio"'],
    ]);
  });

  it('says what a wrong value must be, on the value', () => {
    const text = '{"rules": {"no-memory-limit": "warn"}, "thresholds": {"cpuOvercommitRatio": 1, "smallAppMemory": "2 gigs"}}';
    const problems = parseConfig(text).problems.map((p) => [p.message, covered(text, p.span)]);
    assert.deepEqual(problems, [
      [`The setting of rule 'no-memory-limit' must be "off", "info", "warning" or "error", not "warn".`, '"warn"'],
      ['thresholds.cpuOvercommitRatio must be a number greater than 1 (vCPUs per physical core), e.g. 4, not 1.', '1'],
      ['thresholds.smallAppMemory must be a size such as "2GiB" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB) or a whole number of bytes, not "2 gigs".', '"2 gigs"'],
    ]);
    for (const bad of ['[]', '"x"', '{"rules": []}', '{"thresholds": 3}', '{"$schema": 1}', '{"thresholds": {"smallAppMemory": -1}}']) {
      const r = parseConfig(bad);
      assert.equal(r.problems.length, 1, bad);
      assert.match(r.problems[0].message, /must be/, bad);
    }
  });

  it('reports JSON syntax errors with their position: comments, trailing commas, missing braces', () => {
    const cases: [string, RegExp, string][] = [
      ['{ "rules": {} // no\n}', /Comments are not allowed in JSON/, '// no'],
      ['{ "rules": {}, }', /Trailing commas are not allowed/, ','],
      ['{ "rules": { "x": "off" }', /A closing brace } is expected/, '{'],
      ['{ "rules" {} }', /A colon is expected after "rules"/, '{'],
      ['{ rules: {} }', /A property name in double quotes is expected, found 'rules'/, 'r'],
      ['{} {}', /Nothing may follow the top-level value/, '{}'],
      ['{ "a": tru }', /A value is expected, found 'tru'/, 'tru'],
    ];
    for (const [text, message, at] of cases) {
      const r = parseConfig(text);
      assert.ok(r.problems.length >= 1, text);
      assert.match(r.problems[0].message, message, text);
      assert.equal(covered(text, r.problems[0].span), at, text);
    }
  });

  it('warns about a key set twice (the last one applies, as in JSON.parse)', () => {
    const text = '{"rules": {"no-memory-limit": "off", "no-memory-limit": "error"}}';
    const r = parseConfig(text);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'warning');
    assert.equal(r.problems[0].span.start, text.indexOf('"no-memory-limit"'));
    assert.deepEqual(r.options, { rules: { 'no-memory-limit': 'error' } });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const r = parseConfig(text);
        for (const p of r.problems) assert.ok(p.span.start >= 0 && p.span.end <= text.length && p.span.start <= p.span.end);
      }),
      { numRuns: 500 },
    );
    // Truncations of a real config: every prefix parses without throwing.
    const full = JSON.stringify({ rules: { 'no-memory-limit': 'off' }, thresholds: { cpuOvercommitRatio: 3, smallAppMemory: '1GiB' } }, null, 2);
    for (let i = 0; i <= full.length; i++) parseConfig(full.slice(0, i));
    assert.equal(parseConfig('['.repeat(10_000)).problems.length > 0, true, 'deep nesting is an error, not a stack overflow');
  });
});

describe('config: the JSON parser', () => {
  it('gives the same values as JSON.parse on any JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = parseJson(text);
        assert.deepEqual(r.errors, []);
        assert.deepEqual(jsonValue(r.root), JSON.parse(text));
      }),
      { numRuns: 500 },
    );
    const pretty = JSON.stringify({ a: [1, -2.5e3, true, null, 'x\\"\u00e9\n'], b: { c: {} } }, null, 2);
    assert.deepEqual(jsonValue(parseJson(pretty).root), JSON.parse(pretty));
  });

  it('keeps "__proto__" an ordinary key', () => {
    const v = jsonValue(parseJson('{"__proto__": {"x": 1}}').root) as Record<string, unknown>;
    assert.deepEqual(Object.keys(v), ['__proto__']);
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
  });
});

describe('config: options', () => {
  it('validates editor settings with the same schema, ignoring what is invalid', () => {
    const r = configOptions({ rules: { 'no-memory-limit': 'off', bogus: 'off' }, thresholds: { cpuOvercommitRatio: 0.5 } });
    assert.deepEqual(r.options, { rules: { 'no-memory-limit': 'off' } });
    assert.equal(r.problems.length, 2);
  });

  it('merges key by key, the override winning', () => {
    const merged = mergeOptions(
      { rules: { a: 'off', b: 'info' }, settings: { cpuOvercommitWarnRatio: 3, smallAppMemory: 1 } },
      { rules: { b: 'error' }, settings: { cpuOvercommitWarnRatio: 8 } },
    );
    assert.deepEqual(merged, { rules: { a: 'off', b: 'error' }, settings: { cpuOvercommitWarnRatio: 8, smallAppMemory: 1 } });
    assert.deepEqual(mergeOptions({}, {}), {});
  });

  it('changes what analyze reports', () => {
    const text = 'host h1 {\n  cpu: 4\n  hypervisor k { product: kvm\n    vm a { cpu: 12; os: debian-12; app x; app y }\n  }\n}';
    const sev = (opts: object) => analyze(text, opts).findings.find((f) => f.rule === 'cpu-overcommit')?.severity;
    assert.equal(sev({}), 'info', 'a ratio of 3 is below the default warning ratio of 4');
    assert.equal(sev(parseConfig('{"thresholds": {"cpuOvercommitRatio": 2}}').options), 'warning');
    assert.equal(sev(parseConfig('{"rules": {"cpu-overcommit": "off"}}').options), undefined);
  });

  it('accepts every check by name, and no internal-error', () => {
    const names = configurableRules().map((r) => r.name);
    for (const c of CHECKS) assert.ok(names.includes(c.meta.name), c.meta.name);
    assert.ok(names.includes('invalid-suppression'));
    assert.ok(!names.includes('internal-error'), 'an internal error is always an error');
  });
});

describe('config: generated files', () => {
  it('schemas/strata.config.schema.json is the JSON Schema of the zod schema (run `npm run schema`)', () => {
    const onDisk = fs.readFileSync(path.join(ROOT, SCHEMA_PATH), 'utf8');
    assert.equal(onDisk, configJsonSchemaText(), 'stale: run `npx tsc -p . && npm run schema`');
    const schema = JSON.parse(onDisk);
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.properties.rules.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties.rules.properties), configurableRules().map((r) => r.name));
  });

  it('package.json contributes the schema for strata.config.json and settings that mirror it (run `npm run schema`)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(updatedPackageJson(pkg), pkg, 'stale: run `npx tsc -p . && npm run schema`');
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: 'strata.config.json', url: './schemas/strata.config.schema.json' }]);
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['strata.rules'], settingsContribution()['strata.rules']);
    assert.equal(props['strata.thresholds.cpuOvercommitRatio'].default, DEFAULT_SETTINGS.cpuOvercommitWarnRatio);
    assert.equal(parseConfig(JSON.stringify({ thresholds: { smallAppMemory: props['strata.thresholds.smallAppMemory'].default } })).options.settings?.smallAppMemory, DEFAULT_SETTINGS.smallAppMemory);
    assert.equal(pkg.scripts.docs, 'node out/tools/ruleDocs.js');
  });
});

describe('cli: strata.config.json', function () {
  this.timeout(30_000);
  let dir: string;
  const run = (args: string[], cwd: string) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  };
  const MODEL = 'host h1 {\n  os: debian-12\n  engine e {\n    container c { image: "a:1"; app x }\n  }\n}\n';

  before(() => {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `node esbuild.js` first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-config-'));
    fs.mkdirSync(path.join(dir, 'project', 'models', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'project', 'strata.config.json'), JSON.stringify({ rules: { 'no-memory-limit': 'error' } }));
    fs.writeFileSync(path.join(dir, 'project', 'models', 'deep', 'm.strata'), MODEL);
    fs.mkdirSync(path.join(dir, 'bad'));
    fs.writeFileSync(path.join(dir, 'bad', 'strata.config.json'), '{\n  "rules": { "no-memory-limt": "off" }\n}\n');
    fs.writeFileSync(path.join(dir, 'bad', 'm.strata'), MODEL);
    fs.mkdirSync(path.join(dir, 'none'));
    fs.writeFileSync(path.join(dir, 'none', 'm.strata'), MODEL);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check applies the nearest config above the model', () => {
    const r = run(['check', path.join('project', 'models', 'deep', 'm.strata')], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /error no-memory-limit/);
    const none = run(['check', path.join('none', 'm.strata')], dir);
    assert.match(none.out, /warning no-memory-limit/);
  });

  it('an invalid config is reported with its position and exits 2; its valid parts still apply', () => {
    const r = run(['check', path.join('bad', 'm.strata')], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /bad[/\\]strata\.config\.json:2:14: error config: Unknown rule 'no-memory-limt'\. Did you mean 'no-memory-limit'\?/);
    const stats = run(['stats', path.join('bad', 'm.strata')], dir);
    assert.equal(stats.code, 2);
    assert.match(stats.err, /Unknown rule 'no-memory-limt'/);
    assert.match(stats.out, /Strata stats/, 'the stats are still printed');
  });
});
