// Whether the edits of a fix or a suppression are safe to apply, shared by the code actions'
// tests (test/unit/services/codeActions.test.ts) and the fuzz suite (test/fuzz): the edits lie
// inside the text and do not overlap, the result adds no syntax errors, the targeted finding is
// gone, a suppression is a valid one, and every token outside the edits is kept, where the
// edits moved it. Also `damaged`: a generated model spoiled so that its checks have fixes to offer.
import * as assert from 'node:assert/strict';
import { analyze, scan, type Analysis, type Finding, type Span, type TextEdit } from '../../src/core';
import { applyTextEdits } from '../../src/core/services';
import { findingNode } from '../../src/core/checks/suppressions';

const syntaxCount = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'syntax').length;
const overlaps = (a: Span, b: Span) => (a.start < b.end && b.start < a.end) || a.start === b.start;

/** Where an offset of the old text lies in the new one; inside an edit: the edit's new text's start or end. */
export function mapOffset(p: number, edits: readonly TextEdit[], bias: 'start' | 'end'): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    if (e.span.end < p || (e.span.end === p && (e.span.start < p || bias === 'start'))) {
      delta += e.newText.length - (e.span.end - e.span.start);
      continue;
    }
    if (e.span.start < p) return bias === 'start' ? e.span.start + delta : e.span.start + delta + e.newText.length;
    break;
  }
  return p + delta;
}

/** Where an offset of the new text was in the old one; undefined inside an edit's new text. */
export function unmapOffset(q: number, edits: readonly TextEdit[]): number | undefined {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    const newStart = e.span.start + delta;
    if (q < newStart) break;
    if (q < newStart + e.newText.length) return undefined;
    delta += e.newText.length - (e.span.end - e.span.start);
  }
  return q - delta;
}

export function mapSpan(span: Span, edits: readonly TextEdit[]): Span {
  const start = mapOffset(span.start, edits, 'start');
  return { start, end: Math.max(start, mapOffset(span.end, edits, 'end')) };
}

/** Every token of `before` that does not touch an edit is in `after`, unchanged, where the edits moved it. */
export function assertTokensOutsideKept(before: string, after: string, edits: readonly TextEdit[], what: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  const a = scan(before, []);
  const b = scan(after, []);
  const afterTokens = new Map<number, string>();
  for (let i = 0; i < b.count; i++) afterTokens.set(b.starts[i], `${b.kinds[i]}:${after.slice(b.starts[i], b.ends[i])}`);
  let k = 0;
  let delta = 0;
  for (let i = 0; i < a.count; i++) {
    const s = a.starts[i];
    const e = a.ends[i];
    while (k < sorted.length && sorted[k].span.end < s) {
      delta += sorted[k].newText.length - (sorted[k].span.end - sorted[k].span.start);
      k++;
    }
    // Touching an edit (or the one after it): the token may legitimately merge with new text.
    if (k < sorted.length && sorted[k].span.start <= e) continue;
    const expected = `${a.kinds[i]}:${before.slice(s, e)}`;
    assert.equal(afterTokens.get(s + delta), expected, `${what}: the token ${JSON.stringify(before.slice(s, e))} at ${s} changed`);
  }
}

export function assertValidEdits(text: string, edits: readonly TextEdit[], what: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    assert.ok(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length, `${what}: edit outside the text`);
    if (i > 0) assert.ok(sorted[i - 1].span.end <= e.span.start, `${what}: edits overlap`);
  }
}

/** What is wrong with applying `edits` for finding `f` (nothing: an empty list). */
export function editProblems(text: string, f: Finding, edits: readonly TextEdit[], isSuppression: boolean, before?: Analysis): string[] {
  const problems: string[] = [];
  try {
    assertValidEdits(text, edits, 'edits');
  } catch (e) {
    return [(e as Error).message];
  }
  const after = applyTextEdits(text, edits);
  const a = before ?? analyze(text);
  const b = analyze(after);
  if (b.findings.some((x) => x.rule === 'internal-error')) problems.push(`a check crashed on the result: ${b.findings.filter((x) => x.rule === 'internal-error').map((x) => x.message).join(' | ')}`);
  if (syntaxCount(b.findings) > syntaxCount(a.findings)) problems.push(`adds syntax errors: ${b.findings.filter((x) => x.rule === 'syntax').map((x) => x.message).join(' | ')}`);
  // The targeted finding is still there when a finding of its rule meets where it was, unless
  // that finding is explained otherwise:
  // - it is another finding the edits moved there (removing one of three repeats moves the next
  //   one to where the removed one stood);
  // - it is about another node (a different id, or a node of another kind with the same id);
  // - it says what another finding said before, not what the targeted one said (a finding inside
  //   a region the fix rewrote, which the edits do not simply move);
  // - it stands on text that was a syntax error before (the fix mended the syntax next to it,
  //   and what was unreadable now reads as a statement of its own).
  const mapped = mapSpan(f.span, edits);
  const isTarget = (x: Finding) => x.span.start === f.span.start && x.span.end === f.span.end && x.message === f.message;
  const others = a.findings.filter((x) => !isTarget(x));
  const moved = others.filter((x) => x.rule === f.rule).map((x) => mapSpan(x.span, edits));
  const target = findingNode(a.model, f);
  const anotherNode = (x: Finding) => {
    if (x.nodeId !== undefined && f.nodeId !== undefined && x.nodeId !== f.nodeId) return true;
    const node = findingNode(b.model, x);
    return node !== undefined && target !== undefined && node.kind !== target.kind;
  };
  const anotherFinding = (x: Finding) => x.message !== f.message && others.some((o) => o.rule === x.rule && o.message === x.message);
  const syntaxBefore = a.findings.filter((x) => x.rule === 'syntax');
  const wasSyntaxError = (x: Finding) => {
    const p = unmapOffset(x.span.start, edits);
    return p !== undefined && syntaxBefore.some((s) => s.span.start <= p && p < Math.max(s.span.end, s.span.start + 1));
  };
  const still = b.findings.filter(
    (x) =>
      x.rule === f.rule &&
      overlaps(x.span, mapped) &&
      !moved.some((m) => m.start === x.span.start && m.end === x.span.end) &&
      !anotherNode(x) &&
      !anotherFinding(x) &&
      !wasSyntaxError(x),
  );
  if (still.length) problems.push(`the finding is still there: ${still.map((x) => x.message).join(' | ')}`);
  if (isSuppression) {
    // The comment the suppression wrote (one edit) must be a valid one.
    const [e] = edits;
    const written = { start: e.span.start, end: e.span.start + e.newText.length };
    const bad = b.findings.filter((x) => x.rule === 'invalid-suppression' && x.span.start < written.end && written.start < x.span.end);
    if (bad.length) problems.push(`invalid suppression: ${bad.map((x) => x.message).join(' | ')}`);
  }
  try {
    assertTokensOutsideKept(text, after, edits, 'tokens');
  } catch (e) {
    problems.push((e as Error).message.split('\n')[0]);
  }
  return problems;
}

/** Deterministic damage to a generated model, so that its checks have fixes to offer. */
export function damaged(text: string): string {
  let n = 0;
  return text
    .split('\n')
    .map((line) => {
      n++;
      if (/^\s+memory: 512MiB$/.test(line) && n % 3 === 0) return ''; // no-memory-limit
      if (/os: ubuntu-22\.04/.test(line) && n % 2 === 0) return line.replace('ubuntu-22.04', 'ubuntu-2204'); // unknown-catalog-value
      if (/^\s+cpu: 500m$/.test(line) && n % 4 === 0) return line.replace('cpu', 'cpus'); // unknown-property
      if (/^\s+service: svc3$/.test(line)) return `${line}\n          network: host; privileged: true; pid: host`;
      if (/^c\d+-\d+-\d+ -> /.test(line) && n % 5 === 0) return line.replace(/-> c/, '-> cc'); // unknown-reference
      return line;
    })
    .join('\n');
}
