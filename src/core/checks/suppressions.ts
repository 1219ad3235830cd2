// Suppression comments: `# strata-ignore <rule>: <reason>` on the line before a node silences
// that rule's findings on that node (not on its children). The reason is required.
import type { Finding } from '../diagnostics';
import type { Model, ModelNode } from '../model/model';
import type { Comment, Span } from '../syntax/ast';

export interface Suppression {
  readonly comment: Comment;
  readonly rule: string;
  readonly reason: string;
  /** The node on the next line, if any. */
  readonly node: ModelNode | undefined;
  /** The span of the rule name in the comment. */
  readonly ruleSpan: Span;
  used: boolean;
}

const RE = /^(?:#|\/\/)\s*strata-ignore\b(?:\s+([A-Za-z0-9_-]*))?\s*(?::\s*(.*))?$/;

/** Find suppression comments and the nodes they apply to; malformed ones become findings. */
export function collectSuppressions(
  text: string,
  comments: readonly Comment[],
  /** The nodes declared in this text. */
  nodes: readonly ModelNode[],
  knownRules: ReadonlySet<string>,
  problems: Finding[],
): Suppression[] {
  const out: Suppression[] = [];
  if (!comments.some((c) => !c.block && c.text.indexOf('strata-ignore') >= 0)) return out;
  const nodesByStart = new Map<number, ModelNode>();
  for (const n of nodes) nodesByStart.set(n.decl.start, n);
  const commentEnds = new Map<number, number>();
  for (const c of comments) commentEnds.set(c.start, c.end);
  for (const c of comments) {
    if (c.block || c.text.indexOf('strata-ignore') < 0) continue;
    const m = RE.exec(c.text);
    if (!m) continue;
    const rule = m[1] ?? '';
    const reason = (m[2] ?? '').trim();
    const ruleStart = c.start + c.text.indexOf(rule, c.text.indexOf('strata-ignore') + 'strata-ignore'.length);
    const ruleSpan = { start: ruleStart, end: ruleStart + rule.length };
    if (!rule) {
      problems.push(problem(c, 'This strata-ignore comment names no rule. Write "# strata-ignore <rule>: <reason>".'));
      continue;
    }
    if (!knownRules.has(rule)) {
      problems.push({ ...problem(c, `'${rule}' is not a Strata rule, so this strata-ignore comment silences nothing. Check the rule name.`), span: ruleSpan });
      continue;
    }
    if (!reason) {
      problems.push(problem(c, `Say why '${rule}' is ignored here: "# strata-ignore ${rule}: <reason>". A suppression without a reason is not applied.`));
      continue;
    }
    // The node on the next non-blank line.
    // The node on the next line that is not blank or a comment (suppressions can be stacked).
    let i = c.end;
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      const next = commentEnds.get(i);
      if (next === undefined) break;
      i = next;
    }
    const node = nodesByStart.get(i);
    out.push({ comment: c, rule, reason, node, ruleSpan, used: false });
    if (!node) problems.push(problem(c, `This strata-ignore comment is not followed by a node, so it silences nothing. Put it on the line just before the node.`));
  }
  return out;
}

function problem(c: Comment, message: string): Finding {
  return { rule: 'invalid-suppression', severity: 'warning', message, span: { start: c.start, end: c.end } };
}

/** The innermost node whose declaration contains the offset. */
export function ownerNode(model: Model, offset: number): ModelNode | undefined {
  let best: ModelNode | undefined;
  // Walk down from the roots: children are in order and nested in their parent's span.
  let level: readonly ModelNode[] = model.roots;
  for (;;) {
    const hit = level.find((n) => n.decl.start <= offset && offset < Math.max(n.decl.end, n.decl.start + 1));
    if (!hit) return best;
    best = hit;
    level = hit.children;
  }
}

/** The node each finding was reported on, kept by the runner (ids can repeat; nodes cannot). */
const reportedOn = new WeakMap<Finding, ModelNode>();

/** Notes the node a check reported `finding` on. */
export function noteReportedOn(finding: Finding, node: ModelNode): void {
  reportedOn.set(finding, node);
}

/**
 * The node a finding belongs to: the one its check reported it on, else the node of its id, else
 * the innermost node around its start.
 */
export function findingNode(model: Model, finding: Finding): ModelNode | undefined {
  return reportedOn.get(finding) ?? (finding.nodeId !== undefined ? model.byId.get(finding.nodeId) : undefined) ?? ownerNode(model, finding.span.start);
}

/** Drop the findings a suppression covers; mark those suppressions used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], model: Model): Finding[] {
  // By rule, then by node: the first suppression of each pair, the one that applies. An index,
  // so that thousands of findings against thousands of suppressions stay linear.
  const byRule = new Map<string, Map<ModelNode, Suppression>>();
  for (const s of suppressions) {
    if (!s.node) continue;
    let byNode = byRule.get(s.rule);
    if (!byNode) byRule.set(s.rule, (byNode = new Map()));
    if (!byNode.has(s.node)) byNode.set(s.node, s);
  }
  if (byRule.size === 0) return findings;
  return findings.filter((f) => {
    const byNode = byRule.get(f.rule);
    if (!byNode) return true;
    const owner = findingNode(model, f);
    const s = owner && byNode.get(owner);
    if (!s) return true;
    s.used = true;
    return false;
  });
}
