// `strata check --format sarif`: every log validates against the SARIF 2.1.0 JSON schema (the
// copy in @microsoft/jest-sarif, Microsoft's SARIF SDK: no network), carries every rule's
// metadata, and places results, related locations and fixes exactly where the findings are.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { CHECKS, FRAMEWORK_RULES, LineIndex, analyze, allRuleNames, type Finding } from '../../src/core';
import { toJson, type FileFindings } from '../../src/core/output/findings';
import { SARIF_SCHEMA_URI, type SarifLog, type SarifRegion, artifactLocation, toSarif } from '../../src/core/output/sarif';
import { EXAMPLES, ROOT, strataFiles } from '../helpers/paths';
import { PAYLOADS, hostileDocuments } from '../browser/corpus';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

// unicodeRegExp: false because one pattern of the schema (language tags) is not valid with the u flag.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);

function assertValid(log: unknown, what: string): void {
  if (!validate(log)) assert.fail(`${what} is not valid SARIF 2.1.0:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

function filesOf(paths: readonly string[]): FileFindings[] {
  return paths.map((file) => {
    const a = analyze(fs.readFileSync(file, 'utf8'));
    return { file: path.relative(ROOT, file), findings: a.findings, lines: a.lines };
  });
}

const allExamples = () => filesOf(strataFiles(EXAMPLES));

/** A one-based SARIF region back to UTF-16 offsets. */
function offsets(lines: LineIndex, r: SarifRegion): { start: number; end: number } {
  return { start: lines.offsetAt({ line: r.startLine - 1, character: r.startColumn - 1 }), end: lines.offsetAt({ line: r.endLine - 1, character: r.endColumn - 1 }) };
}

function applyReplacements(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('sarif', () => {
  it('the validator rejects what the schema forbids (it is really checking)', () => {
    const log = toSarif([], { toolVersion: '1.0.0' });
    assertValid(log, 'an empty log');
    const bad = JSON.parse(JSON.stringify(log)) as { runs: { results: unknown[] }[] };
    bad.runs[0].results.push({ ruleId: 'x', level: 'info', message: { text: 'm' } });
    assert.equal(validate(bad), false, "level 'info' is not a SARIF level");
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
  });

  it('every example (and every broken example) gives a valid log', () => {
    const files = allExamples();
    assert.ok(files.length >= 8);
    const log = toSarif(files, { toolVersion: VERSION });
    assertValid(log, 'the examples');
    assert.equal(log.runs[0].results.length, files.reduce((n, f) => n + f.findings.length, 0));
    for (const f of files) assertValid(toSarif([f], { toolVersion: VERSION }), f.file);
  });

  it('describes the tool and every rule, with no invented URIs', () => {
    const log = toSarif([], { toolVersion: VERSION });
    assert.equal(log.$schema, SARIF_SCHEMA_URI);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'Strata');
    assert.equal(driver.version, VERSION);
    assert.equal(driver.semanticVersion, VERSION);
    assert.equal(driver.informationUri, undefined, 'the project has no public URL yet');
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      allRuleNames(),
    );
    for (const check of CHECKS) {
      const m = check.meta;
      const rule = driver.rules.find((r) => r.id === m.name)!;
      assert.equal(rule.shortDescription.text, m.summary);
      assert.equal(rule.fullDescription?.text, m.rationale);
      assert.ok(rule.help?.text.startsWith(m.howToFix), `${m.name}: help text starts with how to fix`);
      assert.ok(rule.help?.markdown?.includes(m.howToFix));
      for (const l of m.linters ?? []) {
        assert.ok(rule.help!.text.includes(`${l.tool} ${l.id}`), `${m.name}: text help maps ${l.tool} ${l.id}`);
        assert.ok(rule.help!.markdown!.includes(`\`${l.id}\``), `${m.name}: markdown help maps ${l.id}`);
      }
      assert.equal(rule.helpUri, undefined, 'a relative docs path is not a URI: it lives in properties');
      assert.equal(rule.properties.docs, `docs/rules/${m.name}.md`);
      assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[m.defaultSeverity]);
    }
    for (const id of Object.keys(FRAMEWORK_RULES)) assert.ok(driver.rules.some((r) => r.id === id));
    // Given truthful absolute URLs, they are used.
    const withUris = toSarif([], { informationUri: 'https://example.org/strata', ruleHelpUriBase: 'https://example.org/strata/rules/' });
    assertValid(withUris, 'a log with URIs');
    assert.equal(withUris.runs[0].tool.driver.informationUri, 'https://example.org/strata');
    assert.equal(withUris.runs[0].tool.driver.rules[0].helpUri, 'https://example.org/strata/rules/syntax.md');
    assert.equal(toSarif([], { informationUri: 'docs/x.md' }).runs[0].tool.driver.informationUri, undefined);
  });

  it('places each result where the finding is: rule index, level, one-based region, related locations', () => {
    const files = allExamples();
    const log = toSarif(files);
    const rules = log.runs[0].tool.driver.rules;
    const json = toJson(files);
    const results = log.runs[0].results;
    assert.equal(results.length, json.length);
    results.forEach((r, i) => {
      const j = json[i];
      assert.equal(r.ruleId, j.rule);
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      assert.equal(r.level, { error: 'error', warning: 'warning', info: 'note' }[j.severity]);
      assert.equal(r.message.text, j.message);
      const loc = r.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(decodeURIComponent(loc.artifactLocation.uri), j.file.split(path.sep).join('/'));
      assert.deepEqual(loc.region, { startLine: j.range.start.line + 1, startColumn: j.range.start.character + 1, endLine: j.range.end.line + 1, endColumn: j.range.end.character + 1 });
      assert.equal(r.relatedLocations?.length ?? 0, j.related?.length ?? 0);
      r.relatedLocations?.forEach((rl, k) => {
        assert.equal(rl.message?.text, j.related![k].message);
        assert.equal(rl.physicalLocation.region.startLine, j.related![k].range.start.line + 1);
      });
      assert.equal(r.properties?.nodeId, j.nodeId);
    });
    assert.ok(results.some((r) => r.relatedLocations?.length));
  });

  it('expresses fixes as replacements that give the same text as the core edits', () => {
    const text = 'host h1 {\n  os: debian-12\n  engine e1 {\n    container c1 { image: "a/b:1.0.0"; network: host; app a1 }\n    container c2 {\n      image: "a/c:1.0.0"\n      app a2\n    }\n  }\n}\n';
    const a = analyze(text);
    const withFixes = a.findings.filter((f) => f.fixes?.length);
    assert.ok(withFixes.length >= 2, 'the model has findings with fixes');
    const log = toSarif([{ file: 'm.strata', findings: a.findings, lines: a.lines }]);
    assertValid(log, 'a log with fixes');
    const results = log.runs[0].results;
    a.findings.forEach((f: Finding, i) => {
      assert.equal(results[i].fixes?.length ?? 0, f.fixes?.length ?? 0);
      f.fixes?.forEach((fix, k) => {
        const sarifFix = results[i].fixes![k];
        assert.equal(sarifFix.description.text, fix.title);
        const edits = sarifFix.artifactChanges[0].replacements.map((rep) => ({ ...offsets(a.lines, rep.deletedRegion), text: rep.insertedContent?.text ?? '' }));
        const expected = applyReplacements(
          text,
          fix.edits.map((e) => ({ ...e.span, text: e.newText })),
        );
        assert.equal(applyReplacements(text, edits), expected, fix.title);
      });
    });
  });

  it('keeps hostile messages and file names intact and valid', () => {
    const lines = new LineIndex('host h1 {}\n');
    const findings: Finding[] = [
      { rule: 'syntax', severity: 'error', message: 'line\nbreak ::error:: <script>', span: { start: 0, end: 4 } },
      { rule: 'not-a-registered-rule', severity: 'info', message: '', span: { start: 11, end: 11 } },
    ];
    const log = toSarif([{ file: 'dir with space/a#b%c?.strata', findings, lines }]);
    assertValid(log, 'a hostile log');
    const [r0, r1] = log.runs[0].results;
    assert.equal(r0.message.text, 'line\nbreak ::error:: <script>');
    assert.equal(r0.locations[0].physicalLocation.artifactLocation.uri, 'dir%20with%20space/a%23b%25c%3F.strata');
    assert.equal(log.runs[0].tool.driver.rules[r1.ruleIndex].id, 'not-a-registered-rule');
    assert.deepEqual(r1.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 });
  });

  it('the XSS corpus in every user-text place gives a valid log with one result per finding and every message exact', () => {
    // The browser tests' 200+ payloads (labels, images, tenants, link labels, an unknown OS that
    // findings quote), plus lone surrogates and controls, which JSON must carry without breaking.
    const payloads = [...PAYLOADS, 'lone \ud800 surrogate', 'nul \u0000 and esc \u001b[2J', '\u2028\u2029 separators'];
    let results = 0;
    for (const [i, doc] of hostileDocuments(payloads, 60).entries()) {
      const a = analyze(doc.text);
      const file = `models/${i}/a b#c%d?.strata`;
      const log = toSarif([{ file, findings: a.findings, lines: a.lines }], { toolVersion: '1.0.0' });
      // What a consumer gets: the JSON text, parsed.
      const parsed = JSON.parse(JSON.stringify(log)) as SarifLog;
      assertValid(parsed, `hostile document ${i}`);
      const got = parsed.runs[0].results;
      assert.equal(got.length, a.findings.length, `document ${i}: one result per finding`);
      assert.deepEqual(
        got.map((r) => r.message.text),
        a.findings.map((f) => f.message),
        `document ${i}: messages exact`,
      );
      for (const r of got) assert.equal(decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri), file);
      results += got.length;
    }
    assert.ok(results > 300, `only ${results} results`);
  });

  it('makes paths relative to the working folder, or absolute file: URIs outside it', () => {
    assert.deepEqual(artifactLocation('examples/a.strata'), { uri: 'examples/a.strata', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('./examples/a.strata'), { uri: 'examples/a.strata', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('examples\\a.strata'), { uri: 'examples/a.strata', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('/repo/models/a.strata', '/repo'), { uri: 'models/a.strata', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('/repo/models/a.strata', '/repo/'), { uri: 'models/a.strata', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('/elsewhere/a b.strata', '/repo'), { uri: 'file:///elsewhere/a%20b.strata' });
    assert.deepEqual(artifactLocation('C:\\repo\\m.strata', 'C:\\repo'), { uri: 'm.strata', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('D:\\x\\m.strata', 'C:\\repo'), { uri: 'file:///D:/x/m.strata' });
    assert.deepEqual(artifactLocation('a:b.strata'), { uri: 'a%3Ab.strata', uriBaseId: '%SRCROOT%' });
  });

  describe('from the command line', function () {
    this.timeout(30_000);
    let dir: string;
    before(function () {
      if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-sarif-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('strata check --format sarif examples/ is valid, versioned, relative to the working folder; exit code as for text', () => {
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', 'examples/'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 1, 'the broken examples have errors');
      const log = JSON.parse(r.stdout) as SarifLog;
      assertValid(log, 'the CLI output');
      assert.equal(log.runs[0].tool.driver.version, VERSION);
      const uris = new Set(log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri));
      assert.ok(uris.has('examples/web-shop.strata'), [...uris].join(', '));
      assert.ok(uris.has('examples/broken/syntax-errors.strata'));
      const text = spawnSync(process.execPath, [CLI, 'check', 'examples/'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(text.status, r.status);
    });

    it('an absolute path inside the working folder becomes relative; a clean model gives an empty, valid run', () => {
      const file = path.join(dir, 'clean.strata');
      fs.writeFileSync(file, 'host h1 { os: debian-12 }\n');
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', file], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const log = JSON.parse(r.stdout) as SarifLog;
      assertValid(log, 'a clean run');
      assert.deepEqual(log.runs[0].results, []);
      fs.writeFileSync(file, 'host h1 {\n  engine e1 { container c1 { image: "x:latest"; app a1 } }\n}\n');
      const r2 = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', file], { cwd: dir, encoding: 'utf8' });
      const log2 = JSON.parse(r2.stdout) as SarifLog;
      assertValid(log2, 'a run with findings');
      assert.deepEqual(log2.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'clean.strata', uriBaseId: '%SRCROOT%' });
    });
  });
});
