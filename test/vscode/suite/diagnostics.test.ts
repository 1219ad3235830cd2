// Integration tests of the extension's diagnostics in a real VS Code: activation, findings as
// diagnostics (severity, code, documentation link, related information), updates as the text
// changes, clearing on close, debounced rapid edits, the enable setting, and a crashing analyzer.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyze, LineIndex, type Finding } from '../../../src/core';
import { computeDiagnostics, INTERNAL_ERROR_RULE } from '../../../src/extension/diagnostics';
import { AnalysisCache } from '../../../src/extension/analysisCache';
import {
  EXTENSION_ID,
  closeAllEditors,
  describeDiagnostic,
  hasRule,
  openFixture,
  ruleOf,
  waitForDiagnostics,
  waitUntil,
  workspaceUri,
} from './helpers';

/** What the extension should publish for `text`, in the form `describeDiagnostic` prints. */
function expectedFor(text: string): string[] {
  const { findings, lines } = analyze(text);
  const severity = { error: 'error', warning: 'warning', info: 'info' } as const;
  return findings.map((f) => {
    const { start, end } = lines.rangeOf(f.span);
    return `${start.line}:${start.character}-${end.line}:${end.character} ${severity[f.severity]} ${f.rule}: ${f.message}`;
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

describe('Strata diagnostics', () => {
  afterEach(closeAllEditors);

  // Leaves a file with findings and the Problems panel open for the launcher's final screenshot.
  after(async () => {
    const document = await openFixture('unknown-property.strata');
    await waitForDiagnostics(document.uri, (ds) => ds.length > 0, 'diagnostics to show in the final screenshot').catch(() => undefined);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });

  it('analyses each version once for diagnostics and every other feature, with the diagnostics\' options', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'strata', content: 'host h {\n  os: debian-12\n  memroy: 4GiB\n}\n' });
    let runs = 0;
    const cache = new AnalysisCache((text, options) => {
      runs++;
      return analyze(text, { ...options, lazyChecks: true });
    });
    try {
      const first = cache.getAnalysis(document); // e.g. a hover before the debounced diagnostics
      assert.strictEqual(cache.getAnalysis(document, {}), first, 'diagnostics reuse the analysis the hover made');
      assert.strictEqual(runs, 1);
      assert.deepStrictEqual(first.findings.map((f) => f.rule), ['unknown-property']);
      const quiet = cache.getAnalysis(document, { rules: { 'unknown-property': 'off' } });
      assert.strictEqual(runs, 2, 'other options: analysed again');
      assert.deepStrictEqual(quiet.findings, []);
      assert.strictEqual(cache.getAnalysis(document), quiet, 'the features get what diagnostics showed');
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((e) => e.insert(new vscode.Position(3, 1), '\nhost g { os: debian-12; memroy: 1GiB }'));
      const next = cache.getAnalysis(document);
      assert.strictEqual(runs, 3, 'a new version is analysed once');
      assert.deepStrictEqual(next.findings, [], 'with the options diagnostics used last');
      assert.strictEqual(cache.getAnalysis(document, { rules: { 'unknown-property': 'off' } }), next);
      assert.strictEqual(runs, 3);
    } finally {
      cache.dispose();
    }
  });

  it('activates on a .strata file', async () => {
    const document = await openFixture('clean.strata');
    assert.strictEqual(document.languageId, 'strata');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the test window`);
    await waitUntil(() => extension.isActive, 'the Strata extension to activate');
  });

  it('reports a duplicate id as an error on the second declaration', async () => {
    const document = await openFixture('duplicate-id.strata');
    const diagnostics = await waitForDiagnostics(document.uri, hasRule('duplicate-id'), 'a duplicate-id diagnostic');
    const duplicate = diagnostics.filter((d) => ruleOf(d) === 'duplicate-id');
    assert.strictEqual(duplicate.length, 1, duplicate.map(describeDiagnostic).join('\n'));
    const [d] = duplicate;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.range.start.line, 1, describeDiagnostic(d));
    assert.strictEqual(d.source, 'strata');
    assert.ok(typeof d.code === 'object' && d.code.target.path.endsWith('/docs/rules/duplicate-id.md'), `code: ${JSON.stringify(d.code)}`);
    for (const related of d.relatedInformation ?? []) {
      assert.strictEqual(related.location.uri.toString(), document.uri.toString());
      assert.strictEqual(related.location.range.start.line, 0, 'related information points at the first declaration');
    }
  });

  it('warns about an unknown property and clears the warning once it is fixed', async () => {
    const document = await openFixture('unknown-property.strata');
    const diagnostics = await waitForDiagnostics(document.uri, hasRule('unknown-property'), 'an unknown-property diagnostic');
    const [d] = diagnostics.filter((x) => ruleOf(x) === 'unknown-property');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    const typo = document.positionAt(document.getText().search(/\bmemroy:/));
    assert.strictEqual(d.range.start.line, typo.line, describeDiagnostic(d));

    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(typo, typo.translate(0, 'memroy'.length)), 'memory');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, (ds) => !hasRule('unknown-property')(ds), 'the unknown-property diagnostic to go away');
  });

  it('clears the diagnostics of a closed file', async () => {
    const uri = workspaceUri('closing.strata');
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForDiagnostics(uri, hasRule('duplicate-id'), 'diagnostics of the opened file');
    await closeAllEditors();
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'the diagnostics of the closed file to be cleared', 30_000);
  });

  it('ends 20 rapid edits with the diagnostics of the final text, never going back to an older version', async () => {
    const document = await openFixture('rapid.strata');
    const uri = document.uri;
    await waitForDiagnostics(uri, (ds) => sameSet(ds.map(describeDiagnostic), expectedFor(document.getText())), 'the initial diagnostics');

    const expectedByVersion = new Map<number, string[]>([[document.version, expectedFor(document.getText())]]);
    const observed: string[][] = [];
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) observed.push(vscode.languages.getDiagnostics(uri).map(describeDiagnostic));
    });
    try {
      for (let i = 0; i < 20; i++) {
        // Versions differ in their findings: every other host misspells `memory`, the last
        // line repeats the first host's id.
        const line = i === 19 ? 'host h0 { os: debian-12 }' : `host h${i} { os: debian-12${i % 2 ? '; memroy: 1GiB' : ''} }`;
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, document.positionAt(document.getText().length), `${line}\n`);
        assert.ok(await vscode.workspace.applyEdit(edit));
        expectedByVersion.set(document.version, expectedFor(document.getText()));
      }
      const finalExpected = expectedFor(document.getText());
      await waitForDiagnostics(uri, (ds) => sameSet(ds.map(describeDiagnostic), finalExpected), 'the diagnostics of the final text');
    } finally {
      listener.dispose();
    }

    // Every published set belongs to some version, and versions never go backwards.
    const versions = [...expectedByVersion.keys()].sort((a, b) => a - b);
    let earliest = versions[0];
    for (const published of observed) {
      const match = versions.find((v) => v >= earliest && sameSet(expectedByVersion.get(v) ?? [], published));
      assert.ok(match !== undefined, `published diagnostics match no version at or after ${earliest}: ${JSON.stringify(published)}`);
      earliest = match;
    }
  });

  it('follows the strata.validation.enabled setting', async () => {
    const document = await openFixture('duplicate-id.strata');
    await waitForDiagnostics(document.uri, hasRule('duplicate-id'), 'diagnostics while enabled');
    const config = vscode.workspace.getConfiguration('strata.validation');
    await config.update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitForDiagnostics(document.uri, (ds) => ds.length === 0, 'diagnostics to be cleared when disabled');
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(document.uri, hasRule('duplicate-id'), 'diagnostics to come back when enabled again');
  });
});

describe('Strata findings to diagnostics', () => {
  const extensionUri = vscode.Uri.file('/ext');
  const uri = vscode.Uri.file('/work/a.strata');

  it('maps severity, code, documentation link and related information', () => {
    const text = 'host a {}\nhost a {}\n';
    const findings: Finding[] = [
      { rule: 'duplicate-id', severity: 'error', message: 'dup', span: { start: 15, end: 16 }, related: [{ span: { start: 5, end: 6 }, message: 'first' }] },
      { rule: 'unknown-property', severity: 'warning', message: 'unknown', span: { start: 0, end: 4 } },
      { rule: 'vm-for-single-app', severity: 'info', message: 'info', span: { start: 10, end: 14 } },
    ];
    const diagnostics = computeDiagnostics(text, uri, extensionUri, () => ({ findings, lines: new LineIndex(text) }));
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.severity, ruleOf(d), d.source, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        [vscode.DiagnosticSeverity.Error, 'duplicate-id', 'strata', 1, 5, 6],
        [vscode.DiagnosticSeverity.Warning, 'unknown-property', 'strata', 0, 0, 4],
        [vscode.DiagnosticSeverity.Information, 'vm-for-single-app', 'strata', 1, 0, 4],
      ],
    );
    const code = diagnostics[0].code as { value: string; target: vscode.Uri };
    assert.strictEqual(code.target.toString(), vscode.Uri.file('/ext/docs/rules/duplicate-id.md').toString());
    const related = diagnostics[0].relatedInformation ?? [];
    assert.strictEqual(related.length, 1);
    assert.strictEqual(related[0].message, 'first');
    assert.strictEqual(related[0].location.uri.toString(), uri.toString());
    assert.deepStrictEqual([related[0].location.range.start.line, related[0].location.range.start.character], [0, 5]);
  });

  it('turns a throwing analyzer into one internal-error diagnostic on the first line', () => {
    const diagnostics = computeDiagnostics('host a {}\nhost b {}\n', uri, extensionUri, () => {
      throw new Error('boom');
    });
    assert.strictEqual(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.strictEqual(ruleOf(d), INTERNAL_ERROR_RULE);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual([d.range.start.line, d.range.end.line], [0, 0]);
    assert.match(d.message, /boom/);
  });
});
