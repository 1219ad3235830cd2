// Runs every check over a bound model: severity overrides, fault isolation (a throwing check
// becomes one internal-error finding), suppression comments, and a stable order.
import type { Finding, RelatedInfo, Severity } from '../diagnostics';
import type { FileNode, Span } from '../syntax/ast';
import type { Bound } from '../model/binder';
import type { Deployment } from '../drift/compare';
import { CHECKS, allRuleNames } from './registry';
import { applySuppressions, collectSuppressions, noteReportedOn } from './suppressions';
import { type CheckContext, type CheckSettings, DEFAULT_SETTINGS, type ReportInput } from './types';

export interface RunOptions {
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  readonly settings?: Partial<CheckSettings>;
  /** What is deployed, for the `drift` check (see src/core/drift). */
  readonly deployment?: Deployment;
}

const RULE_NAMES = new Set(allRuleNames());

export function runChecks(text: string, tree: FileNode, bound: Bound, syntaxFindings: readonly Finding[], options: RunOptions = {}): Finding[] {
  const settings: CheckSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const overrides = options.rules ?? {};
  let findings: Finding[] = [];
  for (const check of CHECKS) {
    const { name, defaultSeverity } = check.meta;
    const configured = overrides[name];
    if (configured === 'off') continue;
    const ctx: CheckContext = {
      text,
      tree,
      model: bound.model,
      facts: bound.facts,
      settings,
      syntaxFindings,
      deployment: options.deployment,
      report(input: ReportInput) {
        const finding: Finding = {
          rule: name,
          severity: configured ?? input.severity ?? defaultSeverity,
          message: input.message,
          span: { start: input.span.start, end: input.span.end },
          ...(input.related && input.related.length ? { related: capRelated(input.related, input.span) } : {}),
          ...(input.fixes && input.fixes.length ? { fixes: input.fixes } : {}),
          ...(input.node?.id !== undefined ? { nodeId: input.node.id } : {}),
        };
        // Suppressions go by the node itself: with a repeated id, `nodeId` names two nodes.
        if (input.node) noteReportedOn(finding, input.node);
        findings.push(finding);
      },
    };
    try {
      check.run(ctx);
    } catch (e) {
      findings.push({
        rule: 'internal-error',
        severity: 'error',
        message: `The check '${name}' failed with an internal error (${e instanceof Error ? e.message : String(e)}). The other checks still ran. Please report this with the file.`,
        span: { start: 0, end: 0 },
      });
    }
  }
  const problems: Finding[] = [];
  const suppressions = collectSuppressions(text, tree.comments, bound.model, RULE_NAMES, problems);
  findings = applySuppressions(findings, suppressions, bound.model);
  if (overrides['invalid-suppression'] !== 'off') {
    const sev = overrides['invalid-suppression'];
    for (const p of problems) findings.push(sev ? { ...p, severity: sev } : p);
  }
  findings.sort(byPosition);
  return findings;
}

/**
 * By start, then end, then rule name. Rule names are ASCII (`[a-z0-9-]`), so comparing code units
 * gives the same order as `localeCompare`, without the cost of a locale-aware collation.
 */
function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** At most this many related locations per finding; the rest are counted in a last entry. */
export const MAX_RELATED = 50;

function capRelated(related: readonly RelatedInfo[], span: Span): readonly RelatedInfo[] {
  if (related.length <= MAX_RELATED) return related;
  return [...related.slice(0, MAX_RELATED - 1), { span, message: `…and ${related.length - (MAX_RELATED - 1)} more.` }];
}
