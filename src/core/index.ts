// The public facade of the Strata core: text in, plain data out. No vscode, no Node built-ins,
// no DOM. The extension, the CLI, the webview and the tests are thin callers of this module.
import type { Finding } from './diagnostics';
import type { Model } from './model/model';
import type { FileNode } from './syntax/ast';
import { LineIndex } from './text/lineIndex';
import { type ParseResult, parse } from './syntax/parser';
import type { TokenStream } from './syntax/scanner';
import { type Bound, bind } from './model/binder';
import { registerLanguageWords } from './model/words';
import { runChecks, type RunOptions } from './checks/run';
import type { ProjectAnalysis } from './project/project';

export * from './project';

export * from './diagnostics';
export * from './syntax/ast';
export * from './model/model';
export { LineIndex } from './text/lineIndex';
export type { Position, Range } from './text/lineIndex';
export { parse, type ParseResult, MAX_DEPTH } from './syntax/parser';
export { scan, Tok, isTrivia, type TokenStream } from './syntax/scanner';
export { bind, bindFiles, type Bound, type BindFacts } from './model/binder';
export { registerLanguageWords } from './model/words';
export * from './model/queries';
export * from './model/schemas';
export * from './model/nesting';
export { runChecks, runChecksOnFiles, type RunOptions, type CheckedFile } from './checks/run';
export { CHECKS, CHECKS_BY_NAME, FRAMEWORK_RULES, allRuleNames } from './checks/registry';
export type { Check, CheckMeta, CheckContext, CheckExamples, CheckSettings, InvalidExample, LinterMapping } from './checks/types';
export { DEFAULT_SETTINGS, exampleCode, exampleOutput } from './checks/types';
export * from './catalogue';

export interface AnalyzeOptions extends RunOptions {
  /**
   * Run the checks on the first read of `findings` instead of at once. Parsing and binding are
   * what completion, symbols and navigation need; only diagnostics and hover read the findings.
   * The findings are the same either way.
   */
  readonly lazyChecks?: boolean;
}

export interface Analysis {
  readonly text: string;
  readonly tree: FileNode;
  /** The model: of this file, or, for a file of a project, of the whole project. */
  readonly model: Model;
  /** Every finding in this file, sorted by position, suppressions applied. */
  readonly findings: readonly Finding[];
  readonly lines: LineIndex;
  /** The token stream (lossless: tokens and trivia give back the text). */
  readonly tokens: TokenStream;
  /** For a file of a project (core/project): the file and the project's analysis. */
  readonly project?: ProjectAnalysis;
  readonly file?: string;
}

/** Parse, bind and check a Strata document. Never throws. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  registerLanguageWords();
  const parsed = parse(text);
  return new FileAnalysis(text, parsed, bind(parsed.tree, text), options);
}

/**
 * One file's analysis. A class rather than an object literal with getters over closures: V8 made
 * such a literal and its closures expensive to collect (a loop of analyses spent about two thirds
 * of its time in the garbage collector, against a tenth with this class; see bench/bench.ts).
 */
class FileAnalysis implements Analysis {
  readonly tree: FileNode;
  readonly model: Model;
  readonly tokens: TokenStream;
  private found: Finding[] | undefined;
  private lineIndex: LineIndex | undefined = undefined;

  constructor(
    readonly text: string,
    private readonly parsed: ParseResult,
    private readonly bound: Bound,
    private readonly options: AnalyzeOptions,
  ) {
    this.tree = parsed.tree;
    this.model = bound.model;
    this.tokens = parsed.tokens;
    this.found = options.lazyChecks ? undefined : this.check();
  }

  get findings(): readonly Finding[] {
    return (this.found ??= this.check());
  }

  /** Built on first use: most callers of a large file need positions for a few findings only. */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  private check(): Finding[] {
    return runChecks(this.text, this.parsed.tree, this.bound, this.parsed.diagnostics, this.options);
  }
}

/** Path, relative to the package root, of a rule's documentation page. */
export function ruleDocPath(rule: string): string {
  return `docs/rules/${rule}.md`;
}
