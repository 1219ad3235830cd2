// Integration tests of the language features in a real VS Code, through the same commands the
// editor uses: completion, hover, document symbols, folding, selection ranges, definition,
// references, highlights and rename (including its refusals). The fixture is opened as a
// document, not in an editor, so the window is left as the other suites leave it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceUri } from './helpers';

const FIXTURE = 'services.strata';

/** The position of the `n`-th occurrence of `needle`, plus `delta` characters. */
function positionOf(document: vscode.TextDocument, needle: string, delta = 0, n = 0): vscode.Position {
  const text = document.getText();
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `'${needle}' (occurrence ${n}) not in ${FIXTURE}`);
  }
  return document.positionAt(i + delta);
}

const where = (r: vscode.Range) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

function markdownOf(contents: vscode.Hover['contents']): string {
  return contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('Strata language features', () => {
  let document: vscode.TextDocument;

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the test window`);
    document = await vscode.workspace.openTextDocument(workspaceUri(FIXTURE));
    assert.strictEqual(document.languageId, 'strata');
    await extension.activate();
  });

  describe('completion', () => {
    const complete = async (position: vscode.Position, trigger?: string, resolve?: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger, resolve);
      // The language's items only: not its snippets (checked on their own below), nor word-based
      // suggestions.
      return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet && i.kind !== vscode.CompletionItemKind.Text);
    };

    it('offers snippets only where their kind may stand: inside an engine pod and container, no vm or hypervisor', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, positionOf(document, '        product: containerd\n', 28));
      // Every snippet in the list (the extension contributes no static ones any more).
      const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
      for (const expected of ['pod', 'container', 'link', 'strata-ignore']) assert.ok(snippets.includes(expected), `snippet '${expected}' in [${snippets.join(', ')}]`);
      for (const unexpected of ['vm', 'vm-tenant', 'hypervisor', 'host', 'group']) assert.ok(!snippets.includes(unexpected), `no snippet '${unexpected}' in [${snippets.join(', ')}]`);
      const pod = list.items.find((i) => i.kind === vscode.CompletionItemKind.Snippet && labelOf(i) === 'pod')!;
      assert.ok(pod.insertText instanceof vscode.SnippetString);
      assert.match((pod.insertText as vscode.SnippetString).value, /^pod \$\{1:web-1\} \{\n\ttenant: /);
    });

    it('offers the kinds allowed inside an engine and its properties not yet set', async () => {
      // The empty line inside engine ctr1, after `product: containerd`.
      const items = await complete(positionOf(document, '        product: containerd\n', 28));
      const labels = items.map(labelOf);
      for (const expected of ['container', 'pod', 'runtime']) assert.ok(labels.includes(expected), `'${expected}' in [${labels.join(', ')}]`);
      for (const unexpected of ['vm', 'host', 'product', 'memory']) assert.ok(!labels.includes(unexpected), `no '${unexpected}' in [${labels.join(', ')}]`);
      const container = items.find((i) => labelOf(i) === 'container')!;
      assert.strictEqual(container.kind, vscode.CompletionItemKind.Keyword);
      assert.ok(container.insertText instanceof vscode.SnippetString, 'a kind is inserted as a snippet');
      assert.strictEqual((container.insertText as vscode.SnippetString).value, 'container ${1:id} {\n\t$0\n}');
    });

    it('offers catalogue operating systems with sourced documentation, replacing the word', async () => {
      const items = await complete(positionOf(document, 'os: ubuntu-22.04', 7));
      const ubuntu = items.find((i) => labelOf(i) === 'ubuntu-22.04');
      assert.ok(ubuntu, 'ubuntu-22.04 offered');
      assert.ok(items.some((i) => labelOf(i) === 'windows-server-2022'));
      assert.ok(!items.some((i) => labelOf(i) === 'esxi'), 'no hypervisor products for os');
      assert.strictEqual(ubuntu.detail, 'Ubuntu 22.04 LTS · linux');
      const doc = ubuntu.documentation as vscode.MarkdownString;
      assert.match(doc.value, /Minimum memory: \*\*2 GiB\*\*\. Source:/);
      const range = ubuntu.range as vscode.Range | { replacing: vscode.Range };
      const replacing = 'replacing' in range ? range.replacing : range;
      assert.strictEqual(document.getText(replacing), 'ubuntu-22.04');
    });

    it('offers units right after a number', async () => {
      const items = await complete(positionOf(document, 'memory: 64GiB', 13));
      const labels = items.map(labelOf);
      assert.ok(labels.includes('GiB') && labels.includes('MiB'), labels.join(', '));
      assert.strictEqual(items.find((i) => labelOf(i) === 'GiB')!.kind, vscode.CompletionItemKind.Unit);
    });

    it('offers node ids after an arrow, and declared tenants after tenant:', async () => {
      const items = await complete(positionOf(document, '-> reports', 3), undefined, 50);
      const targets = items.map(labelOf);
      for (const id of ['reports', 'node1', 'rack1']) assert.ok(targets.includes(id), `'${id}' in [${targets.join(', ')}]`);
      assert.ok(!targets.includes('shop'), 'tenants are not link ends');
      const reports = items.find((i) => labelOf(i) === 'reports')!;
      assert.strictEqual(reports.kind, vscode.CompletionItemKind.Reference);
      assert.match((reports.documentation as vscode.MarkdownString | undefined)?.value ?? '', /- In engine `ctr1` in vm `node1`/, 'documentation filled in on resolve');
      const tenants = (await complete(positionOf(document, 'tenant: finance', 8))).map(labelOf);
      assert.ok(tenants.includes('shop') && tenants.includes('finance'), tenants.join(', '));
    });
  });

  describe('analysis per document version', () => {
    it('answers from the new text after an edit', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'strata', content: 'host h { os: debian-12\n  app a\n}\na -> \n' });
      const targets = async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(doc.getText().indexOf('a -> ') + 5));
        return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(labelOf).sort();
      };
      assert.deepStrictEqual(await targets(), ['h']);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(1, 7), '\n  app b');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.deepStrictEqual(await targets(), ['b', 'h']);
      const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 6));
      assert.match(hover.map((h) => markdownOf(h.contents)).join('\n'), /\*\*app\*\* `b`/);
    });
  });

  describe('hover', () => {
    const hoverAt = async (position: vscode.Position) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return hovers.map((h) => markdownOf(h.contents)).join('\n---\n');
    };

    it('shows a node: inherited tenant, kernel, neighbours and allocation', async () => {
      const text = await hoverAt(positionOf(document, 'container web', 11));
      assert.match(text, /\*\*container\*\* `web` "Web"/);
      assert.match(text, /Tenant: `finance` \(inherited from vm `node1`; trust restricted\)/);
      assert.match(text, /Kernel: the guest kernel of vm `node1` \(ubuntu-22\.04\), linux/);
      assert.match(text, /Shares the kernel with 1 other workload\(s\): `reports`/);
      assert.match(text, /Allocation on vm `node1`: cpu 0\.5 of 16 \(3\.1 %\) · memory 512 MiB of 64 GiB \(0\.8 %\)/);
    });

    it('shows a catalogue value with its sources, and a property key with its type', async () => {
      assert.match(await hoverAt(positionOf(document, 'product: esxi', 10)), /\*\*VMware ESXi\*\* \(`esxi`, type 1\)[\s\S]*Source:/);
      assert.match(await hoverAt(positionOf(document, '      memory: 64GiB', 8)), /\*\*memory\*\* \(property of a vm\)[\s\S]*held in bytes/);
    });
  });

  describe('structure', () => {
    it('gives the outline as a tree with details', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      const names = (list: vscode.DocumentSymbol[]): unknown[] => list.map((s) => (s.children.length ? [s.name, names(s.children)] : s.name));
      assert.deepStrictEqual(names(symbols), ['shop', 'finance', ['rack1', [['esx1', [['node1', [['ctr1', ['web', 'reports']]]]]]]]]);
      const rack1 = symbols[2];
      assert.strictEqual(rack1.detail, '"Rack one"');
      assert.strictEqual(rack1.kind, vscode.SymbolKind.Module);
      assert.strictEqual(document.getText(rack1.selectionRange), 'rack1');
    });

    it('folds blocks and selects outwards', async () => {
      const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
      assert.ok(folds.some((f) => f.start === 4 && f.end === 31), folds.map((f) => `${f.start}-${f.end}`).join(', '));
      const [selection] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', document.uri, [positionOf(document, '512MiB', 2)]);
      // VS Code merges its own word and sub-word ranges into the chain: look for ours in order.
      const chain: string[] = [];
      for (let r: vscode.SelectionRange | undefined = selection; r; r = r.parent) chain.push(document.getText(r.range));
      const value = chain.indexOf('512MiB');
      assert.ok(value >= 0, chain.join(' | '));
      assert.strictEqual(chain[value + 1], 'memory: 512MiB', chain.join(' | '));
      assert.ok(chain.some((t) => t.startsWith('container web "Web" {') && t.endsWith('}')), 'the node is a step');
    });
  });

  describe('navigation', () => {
    it('goes from a link end to the declaration', async () => {
      const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'web -> reports', 1));
      assert.strictEqual(locations.length, 1);
      const l = locations[0];
      const range = 'targetRange' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range;
      assert.strictEqual(where(range), '18:19-18:22');
    });

    it('finds the references of a tenant, and highlights a node id', async () => {
      const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'tenant shop', 8));
      assert.deepStrictEqual(refs.map((r) => where(r.range)).sort(), ['2:8-2:12', '27:19-27:23'].sort());
      const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', document.uri, positionOf(document, 'container reports', 11));
      assert.deepStrictEqual(
        highlights.map((h) => `${where(h.range)} ${h.kind === vscode.DocumentHighlightKind.Write ? 'write' : 'read'}`).sort(),
        ['24:19-24:26 write', '36:8-36:15 read'].sort(),
      );
    });
  });

  describe('rename', () => {
    it('renames a node id at its declaration and its link end, never in comments or strings', async () => {
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, positionOf(document, 'container web', 11), 'frontend');
      const edits = edit.get(document.uri);
      assert.deepStrictEqual(edits.map((e) => `${where(e.range)} ${e.newText}`).sort(), ['18:19-18:22 frontend', '36:1-36:4 frontend'].sort());
      // Apply them to a copy and check the result.
      const copy = await vscode.workspace.openTextDocument({ language: 'strata', content: document.getText() });
      const onCopy = new vscode.WorkspaceEdit();
      for (const e of edits) onCopy.replace(copy.uri, e.range, e.newText);
      assert.ok(await vscode.workspace.applyEdit(onCopy));
      const text = copy.getText();
      assert.match(text, /container frontend "Web" \{/);
      assert.match(text, /^frontend -> reports "web calls reports"$/m);
      assert.match(text, /# web is mentioned in this comment/);
      assert.match(text, /service: web/);
    });

    it('prepares the range of a tenant value', async () => {
      const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', document.uri, positionOf(document, 'tenant: finance', 10));
      assert.strictEqual(prepared.placeholder, 'finance');
      assert.strictEqual(document.getText(prepared.range), 'finance');
    });

    it('refuses a clashing name, an invalid name and a keyword position, with the reason', async () => {
      const rejection = async (position: vscode.Position, newName: string) => {
        try {
          await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, position, newName);
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
        assert.fail(`renaming to '${newName}' was not refused`);
      };
      assert.match(await rejection(positionOf(document, 'container web', 11), 'reports'), /'reports' is already the id of container 'reports' \(line 24\)/);
      assert.match(await rejection(positionOf(document, 'container web', 11), 'front end'), /'front end' is not a valid name/);
      assert.match(await rejection(positionOf(document, 'container web', 2), 'box'), /'container' is a node kind/);
    });
  });
});
