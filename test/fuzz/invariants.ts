// What must hold for ANY input text, as assertions: `exercise(text, probe)` pushes one text
// through everything the core does with a document and throws on the first broken promise.
// - analyze (parse, bind, every check): no throw, no check crashes (`internal-error`), the tokens
//   give back the text, every finding, related location and fix edit inside the document,
//   findings in document order;
// - positions: offset → position → offset is the identity (inside a CRLF pair: the line end);
// - every editor service: symbols, folding, semantic tokens, inlay hints, code lenses as a whole;
//   completion (with each trigger character), hover, definition, references, highlights,
//   selection ranges, prepareRename/rename and code actions at the probe's offsets; every span
//   inside the document, selection ranges nested, rename edits only on the symbol's own words
//   and the renamed text analysing to the same findings, invalid names refused;
// - quick fixes and suppressions (a few per input): the result adds no syntax errors, the
//   targeted finding is gone, every token outside the edits is kept; "fix all" converges;
// - the formatter (test/helpers/formatSafety.ts): no edits on syntax errors, otherwise
//   idempotent with the tree, comments, CRLF and BOM unchanged and only whitespace edited;
//   range formatting stays in its lines;
// - the layered SVG: well-formed XML, nothing that runs or fetches (renderHelpers' assertSafeSvg);
//   the mermaid text: only the line shapes we emit, no directive; the Markdown: tables hold, the
//   mermaid fences are the generator's, no tag or link from user text; text, JSON, SARIF and GitHub
//   findings output: one annotation per finding, ranges inside.
import * as assert from 'node:assert/strict';
import { analyze, ID_RE, isKind, type Analysis, type Span, Tok, type TextEdit } from '../../src/core';
import { pieces } from '../../src/core/syntax/scanner';
import { treeHasUnclosedBlock } from '../../src/core/syntax/tree';
import {
  applyTextEdits,
  codeActions,
  codeLenses,
  complete,
  definition,
  documentHighlights,
  documentSymbols,
  encodeSemanticTokens,
  fixAll,
  foldingRanges,
  hover,
  inlayHints,
  prepareRename,
  references,
  rename,
  resolveCompletionItem,
  selectionRangeAt,
  semanticTokens,
  suppression,
  type DocumentSymbol,
} from '../../src/core/services';
import { renderLayersSvg } from '../../src/core/render/layers';
import { renderMermaid } from '../../src/core/render/mermaid';
import { markdownDiagrams, renderMarkdown } from '../../src/core/output/markdown';
import { toGithub, toJson, toText } from '../../src/core/output/findings';
import { toSarif } from '../../src/core/output/sarif';
import { THEMES } from '../../src/core/render/theme';
import { assertRangeConfined, assertSafe } from '../helpers/formatSafety';
import { assertValidEdits, editProblems } from '../helpers/fixSafety';
import { OUR_TAGS, assertSafeMermaid, assertSafeSvg, assertTablesHold, fences, markdownToHtml, markdownTokens } from '../unit/renderHelpers';

/** Where and how to probe one text: random numbers drawn with it. */
export interface Probe {
  /** Offsets for the services (taken modulo length + 1). */
  readonly offsets: readonly number[];
  /** Decides which fixes are tried, the theme, the options. */
  readonly pick: number;
  /** Try every fix and suppression (regression fixtures), not just a few. */
  readonly allFixes?: boolean;
}

/** Figures of a run, for the summary line. */
export interface Figures {
  inputs: number;
  /** Inputs without syntax errors (the formatter had real work). */
  clean: number;
  /** Inputs the formatter changed. */
  reformatted: number;
  findings: number;
  fixes: number;
  suppressions: number;
  renames: number;
  serviceCalls: number;
}

export const figures: Figures = newFigures();
/** Where `exercise` counts (`figures`, or a scratch object while fast-check shrinks). */
let counts: Figures = figures;

export function newFigures(): Figures {
  return { inputs: 0, clean: 0, reformatted: 0, findings: 0, fixes: 0, suppressions: 0, renames: 0, serviceCalls: 0 };
}

/** Sets every figure back to zero. */
export function resetFigures(): void {
  Object.assign(figures, newFigures());
}

/** Fix and suppression attempts per input (the rest of an input's findings are left). */
const FIXES_PER_INPUT = 3;
const SUPPRESSIONS_PER_INPUT = 2;
/** Inputs up to this length have every offset's position checked; longer ones a sample. */
const ALL_POSITIONS_UP_TO = 2000;
const INVALID_NAMES = ['', '1x', 'a b', 'host', 'true', 'a"b', 'x.y', '😀'];

function inside(span: Span, text: string, what: string): void {
  assert.ok(
    Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length,
    `${what}: span ${JSON.stringify(span)} outside a text of ${text.length}`,
  );
}

const contains = (outer: Span, inner: Span) => outer.start <= inner.start && inner.end <= outer.end;

/** One text through everything. Throws (an assertion error or the core's own error) on the first failure. */
export function exercise(text: string, probe: Probe, tally: Figures = figures): void {
  counts = tally;
  counts.inputs++;
  const a = checkAnalysis(text);
  checkPositions(a);
  checkDocumentServices(a);
  // The probe's offsets, and the end of the text (where typing happens).
  const offsets = [...probe.offsets.map((o) => o % (text.length + 1)), text.length];
  for (const offset of offsets) checkServicesAt(a, offset, probe.pick);
  checkFixes(a, probe.pick, probe.allFixes ?? false);
  checkFormat(a, probe.pick);
  checkRender(a, probe.pick);
  checkOutputs(a);
}

function checkAnalysis(text: string): Analysis {
  const a = analyze(text);
  let joined = '';
  for (const piece of pieces(a.tokens)) {
    if (piece.kind === Tok.Whitespace) assert.match(text.slice(piece.start, piece.end), /^[ \t\f\v\ufeff]+$/, 'whitespace gaps hold whitespace only');
    joined += text.slice(piece.start, piece.end);
  }
  assert.equal(joined, text, 'the tokens give back the text');
  let previous = 0;
  for (const f of a.findings) {
    inside(f.span, text, `finding ${f.rule}`);
    assert.ok(f.span.start >= previous, `findings in document order (${f.rule} at ${f.span.start} after ${previous})`);
    previous = f.span.start;
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `${f.rule}: a message`);
    for (const r of f.related ?? []) inside(r.span, text, `related location of ${f.rule}`);
    for (const fix of f.fixes ?? []) assertValidEdits(text, fix.edits, `fix "${fix.title}" of ${f.rule}`);
  }
  const crashed = a.findings.filter((f) => f.rule === 'internal-error');
  assert.equal(crashed.length, 0, `a check crashed: ${crashed.map((f) => f.message).join(' | ')}`);
  for (const node of a.model.nodes) inside(node.decl, text, `node ${node.kind} ${node.id}`);
  for (const link of a.model.links) inside(link.decl, text, 'link');
  counts.findings += a.findings.length;
  return a;
}

function checkPositions(a: Analysis): void {
  const { text, lines } = a;
  const step = text.length <= ALL_POSITIONS_UP_TO ? 1 : Math.ceil(text.length / ALL_POSITIONS_UP_TO);
  let last = { line: 0, character: 0 };
  for (let o = 0; o <= text.length; o += step) {
    const p = lines.positionAt(o);
    assert.ok(p.line < lines.lineCount && p.character >= 0, `position of ${o}`);
    assert.ok(p.line > last.line || (p.line === last.line && p.character >= last.character), `positions grow with offsets (at ${o})`);
    last = p;
    const back = lines.offsetAt(p);
    // Between the CR and the LF of a CRLF is the line end; every other offset round-trips.
    if (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) assert.equal(back, o - 1, `offset ${o} inside a CRLF`);
    else assert.equal(back, o, `offset ${o} → ${JSON.stringify(p)} → ${back}`);
  }
  assert.equal(lines.offsetAt(lines.positionAt(text.length)), text.length);
}

function checkDocumentServices(a: Analysis): void {
  const { text } = a;
  const stack: { s: DocumentSymbol; parent?: DocumentSymbol }[] = documentSymbols(a).map((s) => ({ s }));
  while (stack.length) {
    const { s, parent } = stack.pop()!;
    inside(s.span, text, 'symbol');
    inside(s.selectionSpan, text, 'symbol selection');
    assert.ok(contains(s.span, s.selectionSpan), 'a symbol selection lies in its symbol');
    if (parent) assert.ok(contains(parent.span, s.span), 'a child symbol lies in its parent');
    for (const c of s.children) stack.push({ s: c, parent: s });
  }
  const lineCount = a.lines.lineCount;
  for (const f of foldingRanges(a)) assert.ok(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < lineCount, `folding range ${JSON.stringify(f)} in ${lineCount} lines`);
  const tokens = semanticTokens(a);
  tokens.forEach((t, i) => {
    inside(t, text, 'semantic token');
    if (i > 0) assert.ok(tokens[i - 1].end <= t.start, 'semantic tokens in order, not overlapping');
  });
  const encoded = encodeSemanticTokens(a, tokens);
  assert.equal(encoded.length % 5, 0);
  assert.ok(encoded.every((n) => Number.isInteger(n) && n >= 0), 'encoded semantic tokens are non-negative integers');
  for (const h of inlayHints(a)) assert.ok(h.offset >= 0 && h.offset <= text.length && h.label.length > 0, 'inlay hint');
  for (const l of codeLenses(a)) inside(l.span, text, 'code lens');
  counts.serviceCalls += 6;
}

function checkServicesAt(a: Analysis, offset: number, pick: number): void {
  const { text } = a;
  const items = complete(a, offset);
  for (const item of items) inside(item.span, text, 'completion');
  const nodeItem = items.find((i) => i.nodeId !== undefined);
  if (nodeItem) resolveCompletionItem(a, nodeItem);
  for (const triggerCharacter of [':', ' ', '>']) for (const item of complete(a, offset, { triggerCharacter })) inside(item.span, text, `completion after '${triggerCharacter}'`);
  const h = hover(a, offset);
  if (h) {
    inside(h.span, text, 'hover');
    assert.ok(h.contents.length > 0, 'a hover says something');
  }
  for (const s of definition(a, offset)) inside(s, text, 'definition');
  for (const s of references(a, offset)) inside(s, text, 'references');
  for (const s of references(a, offset, { includeDeclaration: false })) inside(s, text, 'references without the declaration');
  for (const s of documentHighlights(a, offset)) inside(s.span, text, 'highlight');
  // Selection ranges: each step contains the one before, out to the whole document.
  let range: ReturnType<typeof selectionRangeAt> | undefined = selectionRangeAt(a, offset);
  assert.ok(range.span.start <= offset && offset <= range.span.end, `the innermost selection range ${JSON.stringify(range.span)} holds the offset ${offset}`);
  for (; range; range = range.parent) {
    inside(range.span, text, 'selection range');
    if (range.parent) assert.ok(contains(range.parent.span, range.span) && (range.parent.span.start < range.span.start || range.parent.span.end > range.span.end), 'selection ranges strictly nested');
  }
  checkRename(a, offset);
  const span = { start: offset, end: Math.min(text.length, offset + (pick % 9)) };
  for (const action of codeActions(a, span)) assertValidEdits(text, action.edits, `code action "${action.title}"`);
  counts.serviceCalls += 13;
}

function checkRename(a: Analysis, offset: number): void {
  const { text } = a;
  const p = prepareRename(a, offset);
  if ('error' in p) {
    assert.ok(p.error.length > 0);
    return;
  }
  inside(p.span, text, 'prepareRename');
  assert.equal(text.slice(p.span.start, p.span.end), p.placeholder, 'prepareRename gives the text under its span');
  for (const bad of INVALID_NAMES) assert.ok('error' in rename(a, offset, bad), `the name ${JSON.stringify(bad)} is refused`);
  const fresh = 'fuzz_fresh-1';
  if (text.includes(fresh)) return;
  const r = rename(a, offset, fresh);
  if ('error' in r) {
    // The one refusal of a fresh name: in a file with an unclosed block, where the rename would
    // change how the file is read.
    assert.ok(/would change how this file is read/.test(r.error) && treeHasUnclosedBlock(a.tree), `renaming ${p.symbol.kind} '${p.symbol.name}' to a fresh name: ${r.error}`);
    return;
  }
  assertValidEdits(text, r.edits, 'rename');
  // Only the symbol's own words change: never a comment, a string or another word.
  for (const e of r.edits) {
    assert.equal(text.slice(e.span.start, e.span.end), p.symbol.name, `a rename edit replaces '${p.symbol.name}' only`);
    const i = tokenAt(a, e.span.start);
    assert.ok(i >= 0 && a.tokens.kinds[i] === Tok.Word && a.tokens.ends[i] === e.span.end, `a rename edit covers one whole word (at ${e.span.start})`);
  }
  const renamed = analyze(applyTextEdits(text, r.edits));
  const rules = (x: Analysis) => x.findings.map((f) => f.rule).sort();
  if (ID_RE.test(p.symbol.name) && !isKind(p.symbol.name) && p.symbol.name !== 'true' && p.symbol.name !== 'false') {
    // A tenant and a node of the same id are one duplicate-id but two symbols: renaming one
    // ends the duplicate. Nothing else changes.
    const others = (x: Analysis) => rules(x).filter((r) => r !== 'duplicate-id');
    const duplicates = (x: Analysis) => rules(x).length - others(x).length;
    assert.deepEqual(others(renamed), others(a), `renaming ${p.symbol.kind} '${p.symbol.name}' keeps the findings`);
    assert.ok(duplicates(renamed) <= duplicates(a), `renaming ${p.symbol.kind} '${p.symbol.name}' to a fresh name adds no duplicate id`);
  } else {
    // Renaming a name that is not a valid one (`group group`, `host a.b`) may mend the file.
    const syntax = (x: Analysis) => x.findings.filter((f) => f.rule === 'syntax').length;
    assert.ok(syntax(renamed) <= syntax(a), `renaming the invalid name '${p.symbol.name}' adds no syntax error`);
  }
  counts.renames++;
}

/** The index of the token starting at `offset`, or -1. */
function tokenAt(a: Analysis, offset: number): number {
  const { starts, count } = a.tokens;
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] === offset) return mid;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function checkFixes(a: Analysis, pick: number, allFixes: boolean): void {
  const { text } = a;
  type Attempt = { what: string; edits: readonly TextEdit[]; finding: (typeof a.findings)[number] };
  const fixes: Attempt[] = [];
  const suppressions: Attempt[] = [];
  for (const f of a.findings) {
    for (const fix of f.fixes ?? []) fixes.push({ what: `fix "${fix.title}"`, edits: fix.edits, finding: f });
    const s = suppression(a, f);
    if (s) {
      inside(s.edit.span, text, 'suppression');
      suppressions.push({ what: 'suppression', edits: [s.edit], finding: f });
    }
  }
  // A few of each per input (fixes are rarer than findings), or all of them.
  const chosen = (list: Attempt[], n: number) => (allFixes ? list : Array.from({ length: Math.min(n, list.length) }, (_, k) => list[(pick + k) % list.length]));
  for (const [list, isSuppression] of [[chosen(fixes, FIXES_PER_INPUT), false], [chosen(suppressions, SUPPRESSIONS_PER_INPUT), true]] as const) {
    for (const t of list) {
      const problems = editProblems(text, t.finding, t.edits, isSuppression, a);
      assert.deepEqual(problems, [], `${t.finding.rule} at ${t.finding.span.start}: ${t.what}`);
      if (isSuppression) counts.suppressions++;
      else counts.fixes++;
    }
  }
  const all = fixAll(text, { first: a });
  assert.equal(applyTextEdits(text, all.edits), all.text, 'fix all: its edits give its text');
  assert.equal(all.converged, true, `fix all converges (${all.rounds} rounds, ${all.applied} fixes)`);
}

function checkFormat(a: Analysis, pick: number): void {
  const { text } = a;
  const options = pick % 5 === 0 ? { insertSpaces: false } : pick % 5 === 1 ? { tabSize: 4 } : {};
  const formatted = assertSafe(text, 'format', options);
  if (!a.findings.some((f) => f.rule === 'syntax')) counts.clean++;
  if (formatted !== text) counts.reformatted++;
  const lines = text.split(/\r\n|\n|\r/).length;
  const first = pick % lines;
  assertRangeConfined(text, first, Math.min(lines - 1, first + (pick % 4)), 'range format');
}

function checkRender(a: Analysis, pick: number): void {
  const ids = a.model.nodes.map((n) => n.id).filter((id): id is string => id !== undefined);
  const svg = renderLayersSvg(a, {
    theme: THEMES[pick % THEMES.length],
    showLinks: pick % 2 === 0,
    ...(ids.length ? { highlightId: ids[pick % ids.length] } : {}),
    ...(ids.length && pick % 3 === 0 ? { collapsed: new Set([ids[(pick >> 2) % ids.length]]) } : {}),
    ...(pick % 7 === 0 ? { maxNodes: 5 } : {}),
  });
  assertSafeSvg(svg);
  const m = renderMermaid(a, { direction: pick % 2 ? 'LR' : 'TB', ...(pick % 7 === 1 ? { maxNodes: 3 } : {}) });
  assertSafeMermaid(m.text);
}

function checkOutputs(a: Analysis): void {
  const markdown = markdownTokens(renderMarkdown(a, { title: 'fuzz | <b>x</b>' }));
  assertTablesHold(markdown);
  const html = markdownToHtml(markdown);
  assert.doesNotMatch(html, OUR_TAGS, 'no tag from user text');
  assert.doesNotMatch(html, /<a href="(?!docs\/rules\/)/, 'no link from user text');
  // The mermaid fences are the generator's diagrams (of the whole model, or one per host), in
  // their own fences: user text opens or closes none.
  const mermaid = fences(markdown).filter((f) => f.info === 'mermaid');
  const expected = markdownDiagrams(a).map((d) => d.text).filter((t) => t !== '');
  assert.deepEqual(mermaid.map((f) => f.content), expected, 'the mermaid fences are the generator’s diagrams');
  for (const f of mermaid) assertSafeMermaid(f.content);
  const files = [{ file: 'fuzz.strata', findings: a.findings, lines: a.lines }];
  const github = toGithub(files);
  assert.equal(github === '' ? 0 : github.split('\n').length - 1, a.findings.length, 'one GitHub annotation line per finding');
  const text = toText(files);
  assert.ok(typeof text === 'string');
  for (const j of toJson(files)) {
    assert.ok(j.range.start.line <= j.range.end.line && j.range.end.line < a.lines.lineCount, 'JSON range inside');
  }
  JSON.stringify(toSarif(files));
}
