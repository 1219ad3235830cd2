// Suppression comments: `# strata-ignore <rule>: <reason>` on the line before a node, or at the
// end of the line that declares it, silences that rule's findings on that node (not on its
// children). The reason is required. A suppression that silences nothing is reported by the
// `unused-suppression` check once every other check has run.
import type { Finding } from '../diagnostics';
import { type Model, type ModelNode, nodeNameSpan } from '../model/model';
import type { Comment, Span } from '../syntax/ast';
import { lineStart } from '../text/lineIndex';
import { nodeFile } from '../model/queries';
import { groupByFile } from '../model/fileNodes';
import { cacheOn } from '../cacheOn';

export interface Suppression {
  readonly comment: Comment;
  readonly rule: string;
  readonly reason: string;
  /**
   * The nodes it applies to: for a comment on a line of its own, the node on the next line; for
   * a comment at the end of a line, the nodes declared on that line. Empty when there is none.
   */
  readonly nodes: readonly ModelNode[];
  /** True for a comment at the end of a line that has code before it. */
  readonly trailing: boolean;
  /** The span of the rule name in the comment. */
  readonly ruleSpan: Span;
  /** The project file the comment is written in (its offsets are that file's); undefined for a lone file. */
  readonly file?: string;
  used: boolean;
}

const RE = /^(?:#|\/\/)\s*strata-ignore\b(?:\s+([A-Za-z0-9_-]*))?\s*(?::\s*(.*))?$/;

/** Find suppression comments and the nodes they apply to; malformed ones become findings. */
/** Does some line comment hold `strata-ignore`? (Without one, a file suppresses nothing.) */
export function hasIgnoreComment(comments: readonly Comment[]): boolean {
  return comments.some((c) => !c.block && c.text.indexOf('strata-ignore') >= 0);
}

export function collectSuppressions(
  text: string,
  comments: readonly Comment[],
  /** The nodes declared in this text. */
  declared: readonly ModelNode[],
  knownRules: ReadonlySet<string>,
  problems: Finding[],
  /** The project file `text` is, if any. */
  file?: string,
): Suppression[] {
  const out: Suppression[] = [];
  if (!hasIgnoreComment(comments)) return out;
  const nodesByStart = new Map<number, ModelNode>();
  for (const n of declared) nodesByStart.set(n.decl.start, n);
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
    const lineBegins = lineStart(text, c.start);
    const trailing = text.slice(lineBegins, c.start).trim() !== '';
    let nodes: ModelNode[];
    if (trailing) {
      // The nodes declared on this line, before the comment.
      nodes = [];
      for (let k = firstNodeFrom(declared, lineBegins); k < declared.length && declared[k].decl.start < c.start; k++) nodes.push(declared[k]);
    } else {
      // The node on the next line that is not blank or a comment (suppressions can be stacked).
      let i = c.end;
      for (;;) {
        while (i < text.length && /\s/.test(text[i])) i++;
        const next = commentEnds.get(i);
        if (next === undefined) break;
        i = next;
      }
      const node = nodesByStart.get(i);
      nodes = node ? [node] : [];
    }
    out.push({ comment: c, rule, reason, nodes, trailing, ruleSpan, ...(file !== undefined ? { file } : {}), used: false });
    if (nodes.length === 0) {
      problems.push(
        problem(
          c,
          trailing
            ? 'No node is declared on the line of this strata-ignore comment, so it silences nothing. Put it at the end of the line that declares the node, or on the line just before it.'
            : 'This strata-ignore comment is not followed by a node, so it silences nothing. Put it on the line just before the node, or at the end of the line that declares it.',
        ),
      );
    }
  }
  return out;
}

/** The index of the first node (in document order) declared at or after `offset`. */
function firstNodeFrom(nodes: readonly ModelNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].decl.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function problem(c: Comment, message: string): Finding {
  return { rule: 'invalid-suppression', severity: 'warning', message, span: { start: c.start, end: c.end } };
}

/** The innermost node whose declaration contains the offset (of `file`'s text, in a project). */
function ownerNode(model: Model, offset: number, file: string | undefined): ModelNode | undefined {
  const holds = (n: ModelNode) => n.decl.start <= offset && offset < Math.max(n.decl.end, n.decl.start + 1);
  if (file === undefined) {
    // A lone file: walk down from the roots (children are in order and nested in their parent's span).
    let best: ModelNode | undefined;
    let level: readonly ModelNode[] = model.roots;
    for (;;) {
      const hit = level.find(holds);
      if (!hit) return best;
      best = hit;
      level = hit.children;
    }
  }
  // A project: the offset is one of `file`'s, so only that file's nodes can hold it, and they need
  // not hang from that file's roots (a team file's containers sit in the platform file's VMs).
  // Those holding it are nested in one another: the deepest is the innermost.
  let best: ModelNode | undefined;
  for (const n of cacheOn(model, NODES_BY_FILE, () => groupByFile(model.nodes)).get(file) ?? []) if (holds(n) && (!best || n.depth > best.depth)) best = n;
  return best;
}

/** A project model's nodes by the file they are declared in, made once per bind when a finding needs its owner found by offset. */
const NODES_BY_FILE = Symbol('strata.suppressionNodesByFile');

/**
 * The node a finding belongs to, from the finding alone (it survives JSON and postMessage): the
 * node of its `nodeId` (of the nodes sharing a repeated id, the one whose declaration holds the
 * finding), else the innermost node around its start.
 */
export function findingNode(model: Model, finding: Finding): ModelNode | undefined {
  const id = finding.nodeId;
  if (id !== undefined) {
    const first = model.byId.get(id);
    if (first) {
      // Most findings sit on their node's name: no search. Otherwise the innermost node of that
      // id around the finding (a repeated id may name an ancestor too).
      if (nodeNameSpan(first).start === finding.span.start && (finding.file === undefined || nodeFile(first) === finding.file)) return first;
      for (let n = ownerNode(model, finding.span.start, finding.file); n; n = n.parent) if (n.id === id) return n;
      return first;
    }
  }
  return ownerNode(model, finding.span.start, finding.file);
}

/** Drop the findings a suppression covers; mark those suppressions used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], model: Model): Finding[] {
  // By rule, then by node: the first suppression of each pair, the one that applies. An index,
  // so that thousands of findings against thousands of suppressions stay linear.
  const byRule = new Map<string, Map<ModelNode, Suppression>>();
  for (const s of suppressions) {
    if (s.nodes.length === 0) continue;
    let byNode = byRule.get(s.rule);
    if (!byNode) byRule.set(s.rule, (byNode = new Map()));
    for (const node of s.nodes) if (!byNode.has(node)) byNode.set(node, s);
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
