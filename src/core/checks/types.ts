// The check framework: a check is one file exporting metadata (name, severity, summary,
// rationale, examples, linter mappings) and a `run` function that reports findings.
import type { Finding, Fix, RelatedInfo, Severity } from '../diagnostics';
import type { BindFacts } from '../model/binder';
import type { Model, ModelNode } from '../model/model';
import type { FileNode, Span } from '../syntax/ast';
import type { Deployment } from '../drift/compare';
import type { Suppression } from './suppressions';

export type CheckCategory = 'structure' | 'isolation' | 'overhead';

/** A rule id of an established linter or benchmark that flags the same concern at deploy time. */
export interface LinterMapping {
  readonly tool: 'kube-linter' | 'Polaris' | 'Checkov' | 'hadolint' | 'Trivy' | 'CIS Docker Benchmark' | 'kube-score';
  readonly id: string;
  readonly note?: string;
}

/**
 * Examples run as tests and appear in the generated docs. In `invalid` examples, a line of
 * only `^` characters (optionally followed by text the message must contain) marks the
 * expected finding's columns on the line above; marker lines are removed before checking.
 * An invalid example whose findings offer a quick fix states the fixed text (as ESLint's
 * `invalid[].output`): the test applies the first fix of each of the rule's findings and
 * compares; an example given as a plain string must offer no fix.
 */
export interface CheckExamples {
  readonly valid: readonly string[];
  readonly invalid: readonly InvalidExample[];
  /** What the examples are checked with, when a rule needs more than the text (drift: a deployment). */
  readonly deployment?: Deployment;
}

/** A flagged example: its text alone, or its text and the text after its quick fixes. */
export type InvalidExample = string | { readonly code: string; readonly output: string };

/** The text of an invalid example (with its `^` marker lines). */
export function exampleCode(example: InvalidExample): string {
  return typeof example === 'string' ? example : example.code;
}

/** The fixed text an invalid example states, if it has a fix. */
export function exampleOutput(example: InvalidExample): string | undefined {
  return typeof example === 'string' ? undefined : example.output;
}

export interface CheckMeta {
  /** The public rule name, e.g. `duplicate-id`. */
  readonly name: string;
  readonly category: CheckCategory;
  readonly defaultSeverity: Severity;
  /** One line: what the rule finds. */
  readonly summary: string;
  /** Why it matters, in plain words. */
  readonly rationale: string;
  /** What to do about it. */
  readonly howToFix: string;
  /** Whether the check offers fixes, and whether they are safe to apply unreviewed. */
  readonly fix: 'safe' | 'unsafe' | 'none';
  readonly linters?: readonly LinterMapping[];
  /** Sources for the domain claim behind the rule (seed documents, vendor docs). */
  readonly sources?: readonly string[];
  readonly examples: CheckExamples;
}

/** Tunable thresholds (configurable through strata.config.json and VS Code settings). */
export interface CheckSettings {
  /** `cpu-overcommit` warns above this many vCPUs per physical core. */
  readonly cpuOvercommitWarnRatio: number;
  /** `vm-for-single-app`: an app or container at or below this memory counts as small (bytes). */
  readonly smallAppMemory: number;
}

export const DEFAULT_SETTINGS: CheckSettings = {
  cpuOvercommitWarnRatio: 4,
  smallAppMemory: 2 * 1024 ** 3,
};

export interface ReportInput {
  readonly span: Span;
  readonly message: string;
  readonly severity?: Severity;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly Fix[];
  readonly node?: ModelNode;
}

export interface CheckContext {
  /** The text and tree of a lone file, or of a project's first file: use `sourceOf` for edits. */
  readonly text: string;
  readonly tree: FileNode;
  /** The text and tree of the file a node is declared in, or a span is written in (a project has several). */
  sourceOf(at: Span | ModelNode): { readonly text: string; readonly tree: FileNode };
  readonly model: Model;
  readonly facts: BindFacts;
  readonly settings: CheckSettings;
  /** The deployment the model is checked against (`strata check --against`, config `sources`), if any. */
  readonly deployment?: Deployment;
  /** The parser's findings (used by the `syntax` check). */
  readonly syntaxFindings: readonly Finding[];
  /**
   * The file's well-formed suppression comments, each marked `used` once it silenced a finding.
   * Complete only for checks that run after suppressions (`afterSuppressions`); empty before.
   */
  readonly suppressions: readonly Suppression[];
  /** The severity each rule is configured to (`off` when turned off), from strata.config.json or settings. */
  readonly configured: Readonly<Record<string, Severity | 'off'>>;
  /**
   * The model in units, in order: a project's top-level nodes each with what `extend` adds to
   * it (model/projectBinder.ts), a lone file's whole model as one. A unit stays the same object
   * while an edit does not touch it, so a check across units can summarize each unit once
   * (checks/unitSummaries.ts) and, per edit, work in proportion to the units that changed.
   */
  readonly units: readonly Model[];
  /**
   * What this check kept from its last run on the same project (`make()` on the first run, and
   * on every run for a lone file). It may hold only what follows from the units themselves (a
   * summary of each), not the settings or anything across units.
   */
  keep<T>(make: () => T): T;
  report(input: ReportInput): void;
}

export interface Check {
  readonly meta: CheckMeta;
  /** Runs once every other check has run and suppressions are applied (`unused-suppression`). */
  readonly afterSuppressions?: true;
  /**
   * `subtree`: what the check finds about a top-level node depends only on that node's subtree
   * (with what `extend` adds to it), the settings and the declared tenants (names, trust, where); it reads the
   * model through `byKind`, `kernels`, `tenants` and the facts of the nodes' own properties. In a
   * project it runs on each unit (model/projectBinder.ts) apart, and a unit an edit did not
   * touch keeps its findings (checks/run.ts). Leave it out for a check that looks across
   * top-level nodes (ids, links, services over hosts) or at every node of the model.
   */
  readonly scope?: 'subtree';
  run(ctx: CheckContext): void;
}
