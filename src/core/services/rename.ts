// Rename for node ids, tenants and services: every occurrence (declarations, link ends,
// `tenant:`/`service:` values) and nothing else, so comments, strings and labels are never
// touched. Refuses, with a message that says why, positions that hold no renamable name, new
// names that are not valid ids or are reserved words, and names already in use (a rename must
// not merge two nodes, two tenants or two services), and, in a file with a block that is never
// closed, a rename that would change how the file is read.
import type { TextEdit } from '../diagnostics';
import type { Analysis } from '../index';
import type { Span, Statement } from '../syntax/ast';
import { ID_RE, isKind } from '../syntax/ast';
import { parse } from '../syntax/parser';
import { treeHasUnclosedBlock } from '../syntax/tree';
import { locate, occurrences, plainSpan, symbolIndex, symbolOfHit, type Hit, type SymbolRef } from './context';

export type PrepareRenameResult = { readonly span: Span; readonly placeholder: string; readonly symbol: SymbolRef } | { readonly error: string };
export type RenameResult = { readonly edits: readonly TextEdit[] } | { readonly error: string };

/** Why nothing renamable is at this position, in words. */
function refusal(hit: Hit | undefined): string {
  if (!hit) return 'Only node ids, tenants and services can be renamed; put the cursor on one.';
  switch (hit.type) {
    case 'kind':
      return `'${hit.node.kind}' is a node kind (a reserved word) and cannot be renamed. Rename the node's id instead.`;
    case 'label':
    case 'linkLabel':
      return 'Labels are strings: edit the text directly. Rename works on node ids, tenants and services.';
    case 'comment':
      return 'Comments are never renamed. Put the cursor on a node id, a tenant or a service.';
    case 'propertyKey':
      return `'${hit.prop.key.text}' is a property key and cannot be renamed. Rename works on node ids, tenants and services.`;
    case 'value':
      return `This value of '${hit.prop.key.text}' is not a name that can be renamed: only node ids, tenants (\`tenant:\`) and services (\`service:\`) can.`;
    default:
      return 'Only node ids, tenants and services can be renamed; put the cursor on one.';
  }
}

/** The range to rename at `offset` and its current text, or why there is none. */
export function prepareRename(analysis: Analysis, offset: number): PrepareRenameResult {
  const { hit } = locate(analysis, offset);
  const symbol = symbolOfHit(analysis, hit);
  if (!symbol) return { error: refusal(hit) };
  return { span: { start: symbol.span.start, end: symbol.span.end }, placeholder: symbol.name, symbol };
}

/** Why `newName` cannot replace `symbol`, or undefined when it can. */
function checkNewName(analysis: Analysis, symbol: Pick<SymbolRef, 'kind' | 'name'>, newName: string): string | undefined {
  if (!ID_RE.test(newName)) {
    return `'${newName}' is not a valid name: use letters, digits, '_' and '-', starting with a letter or '_' (no spaces or dots).`;
  }
  if (isKind(newName)) return `'${newName}' is a reserved word (a node kind) and cannot be a name. Choose another, e.g. '${newName}1'.`;
  if (newName === 'true' || newName === 'false') return `'${newName}' is a boolean value and cannot be a name.`;
  if (newName === symbol.name) return undefined;
  // "line 12", or "line 12 of shop.strata" for a span in another file of the project.
  const lineOf = (offset: number, span?: Span) => {
    const other = span?.file !== undefined && span.file !== analysis.file && analysis.project ? analysis.project.fileAnalysis(span.file) : undefined;
    return other ? `${other.lines.positionAt(offset).line + 1} of ${span!.file!.slice(span!.file!.lastIndexOf('/') + 1)}` : String(analysis.lines.positionAt(offset).line + 1);
  };
  const declaresNode = symbol.kind === 'node' || (symbol.kind === 'tenant' && analysis.model.tenants.has(symbol.name));
  if (declaresNode) {
    const clash = analysis.model.byId.get(newName);
    if (clash) return `'${newName}' is already the id of ${clash.kind} '${newName}' (line ${lineOf(clash.decl.start, clash.decl.kindSpan)}): ids must be unique. Choose another name.`;
  }
  if (symbol.kind === 'tenant') {
    const used = symbolIndex(analysis).values.tenant.get(newName);
    if (used?.length) return `Tenant '${newName}' is already used (line ${lineOf(used[0].start, used[0])}): renaming would merge two tenants. Choose another name.`;
  }
  if (symbol.kind === 'service') {
    const used = symbolIndex(analysis).values.service.get(newName);
    if (used?.length) return `Service '${newName}' already exists (line ${lineOf(used[0].start, used[0])}): renaming would merge two services. Choose another name.`;
  }
  return undefined;
}

/** The edits that rename the name at `offset` to `newName` everywhere, or why not. */
export function rename(analysis: Analysis, offset: number, newName: string): RenameResult {
  const prepared = prepareRename(analysis, offset);
  if ('error' in prepared) return prepared;
  const problem = checkNewName(analysis, prepared.symbol, newName);
  if (problem) return { error: problem };
  if (newName === prepared.symbol.name) return { edits: [] };
  // In a project, the edits are in every file that writes the name: each edit's span carries its file.
  const edits = occurrences(analysis, prepared.symbol).map((o) => ({ span: plainSpan(o.span), newText: newName }));
  // A block that is never closed is closed where the indentation says; a name of another length
  // moves the keywords after it on its line, which can move where that is.
  const files = analysis.project ? analysis.project.files.map((f) => analysis.project!.fileAnalysis(f)!) : [analysis];
  for (const a of files) {
    if (!treeHasUnclosedBlock(a.tree)) continue;
    const mine = edits.filter((e) => (e.span.file ?? a.file) === a.file);
    if (mine.length && structure(parse(applyEdits(a.text, mine)).tree.statements) !== structure(a.tree.statements)) {
      return { error: `Renaming '${prepared.symbol.name}' would change how ${a.file !== undefined && a.file !== analysis.file ? a.file.slice(a.file.lastIndexOf('/') + 1) : 'this file'} is read, as a '{' in it is never closed. Close it first.` };
    }
  }
  return { edits };
}

/** The statements' kinds and nesting, in order (what a rename must not change). */
function structure(statements: readonly Statement[]): string {
  let out = '';
  const stack: { list: readonly Statement[]; depth: number }[] = [{ list: statements, depth: 0 }];
  while (stack.length) {
    const { list, depth } = stack.pop()!;
    // Reversed so that the pops visit the statements in order.
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i];
      if ((s.type === 'node' || s.type === 'extend') && s.body) stack.push({ list: s.body.statements, depth: depth + 1 });
    }
    out += '(';
    for (const s of list) out += `${depth}${s.type === 'node' ? s.kind : s.type};`;
    out += ')';
  }
  return out;
}

/** The text with non-overlapping edits applied. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}
