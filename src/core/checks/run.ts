// Runs every check over a bound model: severity overrides, fault isolation (a throwing check
// becomes one internal-error finding), suppression comments (then the checks that look at them),
// and a stable order.
import type { Finding, RelatedInfo, Severity } from '../diagnostics';
import type { FileNode, Span } from '../syntax/ast';
import type { BindFacts, Bound } from '../model/binder';
import type { BoundUnit } from '../model/projectBinder';
import type { Deployment } from '../drift/compare';
import { CHECKS, allRuleNames } from './registry';
import { type Suppression, applySuppressions, collectSuppressions, hasIgnoreComment } from './suppressions';
import { nodeFile } from '../model/queries';
import { groupByFile, nodesOfFile } from '../model/fileNodes';
import type { Model, ModelNode } from '../model/model';
import { type Check, type CheckContext, type CheckSettings, DEFAULT_SETTINGS, type ReportInput } from './types';

export interface RunOptions {
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  readonly settings?: Partial<CheckSettings>;
  /** What is deployed, for the `drift` check (see src/core/drift). */
  readonly deployment?: Deployment;
}

const RULE_NAMES = new Set(allRuleNames());

/** One file of what the checks run on: its text, its tree and the parser's findings. */
export interface CheckedFile {
  /** The project file (as `parse(text, file)` was given it); undefined for a lone file. */
  readonly file?: string;
  readonly text: string;
  readonly tree: FileNode;
  readonly syntaxFindings: readonly Finding[];
}

/**
 * A project's units (model/projectBinder.ts), for checks of one subtree (`Check.scope`) to run on
 * each apart and keep what they found while `key` stays the same object: the caller makes a new
 * key whenever what such a check reads beyond its unit changes (the options, the tenants' trust).
 */
export interface UnitsToCheck {
  readonly units: readonly BoundUnit[];
  readonly key: unknown;
  /** What each check across units keeps from run to run (`CheckContext.keep`), by rule name: the caller keeps this map with the project. */
  readonly kept: Map<string, unknown>;
}

export function runChecks(text: string, tree: FileNode, bound: Bound, syntaxFindings: readonly Finding[], options: RunOptions = {}): Finding[] {
  return runChecksOnFiles([{ text, tree, syntaxFindings }], bound, options);
}

/**
 * Run every check once over a model bound from one or more files (`bindFiles`). The checks see
 * one model; each finding is given the file its span is written in (`Finding.file`, and each
 * related location's `file`) from the spans themselves, which carry their file in a project
 * (syntax/tree.ts). Findings come sorted by file (in the order given), then position.
 */
export function runChecksOnFiles(files: readonly CheckedFile[], bound: Bound, options: RunOptions = {}, units?: UnitsToCheck): Finding[] {
  const findings = collectFindings(files, bound, options, units);
  if (files.length > 1 || files[0].file !== undefined) {
    const order = new Map(files.map((f, i) => [f.file, i]));
    findings.sort((a, b) => order.get(a.file)! - order.get(b.file)! || byPosition(a, b));
  } else findings.sort(byPosition);
  return findings;
}

/** A project's findings file by file (`runChecksByFile`). */
export interface FileFindings {
  /** Each file's findings sorted by position. */
  readonly sorted: ReadonlyMap<string | undefined, readonly Finding[]>;
  /** The same before sorting, in the order the checks reported them (what the next run compares with). */
  readonly reported: ReadonlyMap<string | undefined, readonly Finding[]>;
}

/**
 * `runChecksOnFiles` for a project, file by file. A file whose findings come out the same as in
 * `previous` (the same in the same order: most are the very objects its units kept) keeps its
 * sorted list from then, so an edit sorts only the files whose findings changed, and a caller can
 * tell an unchanged file by its list being the same object.
 */
export function runChecksByFile(files: readonly CheckedFile[], bound: Bound, options: RunOptions, units: UnitsToCheck, previous?: FileFindings): FileFindings {
  const reported = new Map<string | undefined, Finding[]>(files.map((f) => [f.file, []]));
  for (const f of collectFindings(files, bound, options, units)) reported.get(f.file)?.push(f);
  const sorted = new Map<string | undefined, readonly Finding[]>();
  const kept = new Map<string | undefined, readonly Finding[]>();
  for (const [file, list] of reported) {
    const before = previous?.reported.get(file);
    if (before && sameReported(before, list)) {
      sorted.set(file, previous!.sorted.get(file)!);
      kept.set(file, before);
    } else {
      sorted.set(file, list.length > 1 ? [...list].sort(byPosition) : list);
      kept.set(file, list);
    }
  }
  return { sorted, reported: kept };
}

/** Equal lists of findings: the same objects, or findings equal in every field. */
function sameReported(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameFinding(a[i], b[i])) return false;
  return true;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.rule === b.rule &&
    a.severity === b.severity &&
    a.message === b.message &&
    a.span.start === b.span.start &&
    a.span.end === b.span.end &&
    a.file === b.file &&
    a.nodeId === b.nodeId &&
    JSON.stringify(a.related) === JSON.stringify(b.related) &&
    JSON.stringify(a.fixes) === JSON.stringify(b.fixes)
  );
}

/** Every check's findings over the files, suppressions applied, in the order reported. */
function collectFindings(files: readonly CheckedFile[], bound: Bound, options: RunOptions, units: UnitsToCheck | undefined): Finding[] {
  const settings: CheckSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const main = files[0];
  const project = files.length > 1 || main.file !== undefined;
  const byFile = new Map<string | undefined, CheckedFile>(files.map((f) => [f.file, f]));
  const sourceOf = (at: Span | ModelNode): CheckedFile => byFile.get('decl' in at ? nodeFile(at) : at.file) ?? main;
  const fileOf = (span: Span, node: ModelNode | undefined): string | undefined => span.file ?? (node ? nodeFile(node) : undefined) ?? main.file;
  const syntaxFindings = files.length === 1 ? main.syntaxFindings : files.flatMap((f) => f.syntaxFindings);
  const overrides = options.rules ?? {};
  let findings: Finding[] = [];
  const suppressions: Suppression[] = [];
  const unitModels: readonly Model[] = units ? units.units.map((u) => u.model) : [bound.model];
  const runOne = (check: Check, model: Model = bound.model, facts: BindFacts = bound.facts, out: Finding[] = findings) => {
    const { name, defaultSeverity } = check.meta;
    const configured = overrides[name];
    if (configured === 'off') return;
    const ctx: CheckContext = {
      text: main.text,
      tree: main.tree,
      sourceOf,
      model,
      facts,
      settings,
      syntaxFindings,
      deployment: options.deployment,
      suppressions,
      configured: overrides,
      units: model === bound.model ? unitModels : [model],
      keep<T>(make: () => T): T {
        if (!units || model !== bound.model) return make();
        if (!units.kept.has(name)) units.kept.set(name, make());
        return units.kept.get(name) as T;
      },
      report(input: ReportInput) {
        out.push({
          rule: name,
          severity: configured ?? input.severity ?? defaultSeverity,
          message: input.message,
          span: { start: input.span.start, end: input.span.end },
          ...(input.related && input.related.length ? { related: capRelated(project ? input.related.map((r) => inFile(r, fileOf(r.span, undefined))) : input.related, input.span) } : {}),
          ...(input.fixes && input.fixes.length ? { fixes: input.fixes } : {}),
          // The node the finding concerns travels with it (suppressions, quick fixes, badges).
          ...(input.node?.id !== undefined ? { nodeId: input.node.id } : {}),
          ...(project ? { file: fileOf(input.span, input.node) } : {}),
        });
      },
    };
    try {
      check.run(ctx);
    } catch (e) {
      // What a failed check kept may be half updated: it starts afresh next time.
      units?.kept.delete(name);
      out.push({
        rule: 'internal-error',
        severity: 'error',
        message: `The check '${name}' failed with an internal error (${e instanceof Error ? e.message : String(e)}). The other checks still ran. Please report this with the file.`,
        span: { start: 0, end: 0 },
      });
    }
  };
  if (units) {
    // The checks of one subtree run on each unit apart; a unit checked under the same key (the
    // same settings and tenants) and not bound again since keeps what they found.
    for (const check of CHECKS) if (!check.afterSuppressions && check.scope !== 'subtree') runOne(check);
    for (const unit of units.units) {
      if (unit.checked?.key !== units.key) {
        const found: Finding[] = [];
        for (const check of CHECKS) if (check.scope === 'subtree') runOne(check, unit.model, unit.facts, found);
        unit.checked = { key: units.key, findings: found };
      }
      for (const f of unit.checked!.findings) findings.push(f);
    }
  } else for (const check of CHECKS) if (!check.afterSuppressions) runOne(check);
  const problems: Finding[] = [];
  let nodesByFile: Map<string | undefined, ModelNode[]> | undefined;
  for (const f of files) {
    if (!hasIgnoreComment(f.tree.comments)) continue;
    const nodes = files.length === 1 ? bound.model.nodes : units ? nodesOfFile(units.units, f.file) : ((nodesByFile ??= groupByFile(bound.model.nodes)).get(f.file) ?? []);
    const found: Finding[] = [];
    suppressions.push(...collectSuppressions(f.text, f.tree.comments, nodes, RULE_NAMES, found, f.file));
    for (const p of found) problems.push(project ? { ...p, file: f.file } : p);
  }
  findings = applySuppressions(findings, suppressions, bound.model);
  if (overrides['invalid-suppression'] !== 'off') {
    const sev = overrides['invalid-suppression'];
    for (const p of problems) findings.push(sev ? { ...p, severity: sev } : p);
  }
  for (const check of CHECKS) if (check.afterSuppressions) runOne(check);
  return findings;
}

/**
 * A related location with its file, its span a plain `{ start, end }`. One that names a line of a
 * file outside the model (a deployment source of the drift rule) is kept as it is.
 */
function inFile(r: RelatedInfo, file: string | undefined): RelatedInfo {
  if (r.file !== undefined && r.line !== undefined) return r;
  return { span: { start: r.span.start, end: r.span.end }, message: r.message, ...(file !== undefined ? { file } : {}) };
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
