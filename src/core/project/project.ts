// A project's analysis, kept up to date as its files change (the language page, "Projects"). The
// design follows rust-analyzer's: files are parsed independently and each parse is kept while the
// file's text is the same, so an edit re-parses only the edited file. The project-level work is
// incremental too: the model is bound unit by unit (a top-level node with what `extend` adds to
// it, model/projectBinder.ts), and a unit whose syntax did not change is reused with what the
// checks of one subtree found in it (checks/run.ts); what looks across units (ids, links,
// services over hosts, suppressions) is redone over the whole model, cheaply. The result is cached
// until a file changes. Pure: the caller reads the files and passes their text.
import type { Finding } from '../diagnostics';
import type { AnalyzeOptions, Analysis } from '../index';
import type { Model } from '../model/model';
import { nodeFile } from '../model/queries';
import { type BoundUnit, type ProjectBound, ProjectBinder } from '../model/projectBinder';
import { type CheckedFile, type FileFindings, runChecksByFile } from '../checks/run';
import { registerLanguageWords } from '../model/words';
import { type ParseResult, parse } from '../syntax/parser';
import { LineIndex } from '../text/lineIndex';

interface FileEntry {
  readonly file: string;
  readonly text: string;
  readonly parsed: ParseResult;
  lines?: LineIndex;
}

export interface ProjectAnalysis {
  /** The project's files, in the order the model was bound (sorted). */
  readonly files: readonly string[];
  readonly model: Model;
  /**
   * The units the model was bound in (model/projectBinder.ts), in model order: what a request
   * for one file reads instead of the whole model's lists (model/fileNodes.ts `nodesOfFile`).
   */
  readonly units: readonly BoundUnit[];
  /** Every finding of the project, each with its `file`, sorted by file then position. */
  readonly findings: readonly Finding[];
  /** The findings in one file. */
  findingsIn(file: string): readonly Finding[];
  /** One file's view: its text, tree, lines and tokens, the project's model, its findings. */
  fileAnalysis(file: string): Analysis | undefined;
  /** The text of a file of the project. */
  textOf(file: string): string | undefined;
  /**
   * The whole project as one analysis, for what draws or measures the model (render, stats,
   * Markdown, the preview): the model and every finding; `text`, `tree`, `lines` and `tokens`
   * are those of `file` (default: the first file); a finding's or span's own file is its `file`.
   */
  whole(file?: string): Analysis;
  /** Which files' findings differ from those of `previous` (the files to re-publish). */
  changedSince(previous: ProjectAnalysis | undefined): string[];
}

/**
 * The files of one project and their cached parses. `set`/`delete` as files change; `analysis()`
 * gives the project's analysis, recomputed only after a change.
 */
export class Project {
  private readonly entries = new Map<string, FileEntry>();
  private cached: ProjectAnalysis | undefined;
  private options: AnalyzeOptions;
  private readonly binder = new ProjectBinder();
  /** What the checks of one subtree found is kept under this key: the options and the declared tenants. */
  private checkKey: { readonly options: AnalyzeOptions; readonly tenants: string } | undefined;
  /** What the checks across units keep from one analysis to the next (summaries of the units). */
  private readonly kept = new Map<string, unknown>();
  /** The last analysis's findings by file: a file whose findings come out the same keeps its list. */
  private checked: FileFindings | undefined;

  constructor(options: AnalyzeOptions = {}) {
    this.options = options;
    registerLanguageWords();
  }

  /** The file's text; re-parsed only when the text differs from what the project has. */
  set(file: string, text: string): boolean {
    const old = this.entries.get(file);
    if (old && old.text === text) return false;
    this.entries.set(file, { file, text, parsed: parse(text, file) });
    this.cached = undefined;
    return true;
  }

  delete(file: string): boolean {
    if (!this.entries.delete(file)) return false;
    this.cached = undefined;
    return true;
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  get files(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** New check options (a config change): the next analysis re-runs the checks. */
  setOptions(options: AnalyzeOptions): void {
    this.options = options;
    this.cached = undefined;
  }

  analysis(): ProjectAnalysis {
    if (this.cached) return this.cached;
    const entries = this.files.map((f) => this.entries.get(f)!);
    const bound = this.binder.bind(entries.map((e) => e.parsed.tree));
    // What the checks of one subtree read beyond their unit: the declared tenants (their names,
    // trust, and where they are declared, which unknown-tenant relates to).
    const tenants = [...bound.model.tenants.values()].map((t) => `${t.name}=${t.node.props.trust ?? ''}@${nodeFile(t.node)}:${t.node.decl.start}`).join('\n');
    if (this.checkKey?.options !== this.options || this.checkKey.tenants !== tenants) this.checkKey = { options: this.options, tenants };
    const checked: CheckedFile[] = entries.map((e) => ({ file: e.file, text: e.text, tree: e.parsed.tree, syntaxFindings: e.parsed.diagnostics }));
    const byFile = entries.length ? runChecksByFile(checked, bound, this.options, { units: bound.units, key: this.checkKey, kept: this.kept }, this.checked) : undefined;
    this.checked = byFile;
    this.cached = analyzeEntries(entries, bound, byFile?.sorted ?? new Map());
    return this.cached;
  }
}

/** Analyse a project's files in one go (the CLI's way): `files` with their texts. */
export function analyzeProject(files: readonly { file: string; text: string }[], options: AnalyzeOptions = {}): ProjectAnalysis {
  const project = new Project(options);
  for (const f of files) project.set(f.file, f.text);
  return project.analysis();
}

/**
 * A project's analysis from its entries, bound model and findings by file (sorted, each file's
 * kept from the last analysis when unchanged). Classes, not object literals with getters over
 * closures, which V8 made costly to collect (see `FileAnalysis` in core/index.ts).
 */
function analyzeEntries(entries: readonly FileEntry[], bound: ProjectBound, byFile: ReadonlyMap<string | undefined, readonly Finding[]>): ProjectAnalysis {
  return new ProjectResult(entries, bound, byFile);
}

class ProjectResult implements ProjectAnalysis {
  readonly files: readonly string[];
  readonly model: Model;
  readonly units: readonly BoundUnit[];
  private all: Finding[] | undefined = undefined;
  private readonly entryOf: Map<string, FileEntry>;
  private readonly views = new Map<string, Analysis>();
  private readonly wholes = new Map<string, Analysis>();

  constructor(
    private readonly entries: readonly FileEntry[],
    bound: ProjectBound,
    private readonly byFile: ReadonlyMap<string | undefined, readonly Finding[]>,
  ) {
    this.files = entries.map((e) => e.file);
    this.model = bound.model;
    this.units = bound.units;
    this.entryOf = new Map(entries.map((e) => [e.file, e]));
  }

  /** Every finding, file by file: put together when first read (publishing diagnostics reads each file's). */
  get findings(): readonly Finding[] {
    return (this.all ??= this.entries.flatMap((e) => this.byFile.get(e.file) ?? []));
  }

  findingsIn(file: string): readonly Finding[] {
    return this.byFile.get(file) ?? [];
  }

  textOf(file: string): string | undefined {
    return this.entryOf.get(file)?.text;
  }

  fileAnalysis(file: string): Analysis | undefined {
    const e = this.entryOf.get(file);
    if (!e) return undefined;
    let view = this.views.get(file);
    if (!view) this.views.set(file, (view = new FileView(e, this.byFile.get(file)!, this)));
    return view;
  }

  whole(file?: string): Analysis {
    const base = file ?? this.entries[0]?.file;
    const known = base !== undefined ? this.wholes.get(base) : undefined;
    if (known) return known;
    const made = new WholeView(base !== undefined ? this.fileAnalysis(base) : undefined, base, this);
    if (base !== undefined) this.wholes.set(base, made);
    return made;
  }

  changedSince(previous: ProjectAnalysis | undefined): string[] {
    const out: string[] = [];
    for (const file of this.files) {
      const now = this.findingsIn(file);
      const before = previous?.findingsIn(file);
      if (!before || !sameFindings(now, before) || previous?.textOf(file) !== this.entryOf.get(file)!.text) out.push(file);
    }
    return out;
  }
}

/** One file of a project: its text, tree and tokens, the project's model, its own findings. */
class FileView implements Analysis {
  readonly text: string;
  readonly tree: Analysis['tree'];
  readonly model: Model;
  readonly tokens: Analysis['tokens'];
  readonly file: string;

  constructor(
    private readonly entry: FileEntry,
    readonly findings: readonly Finding[],
    readonly project: ProjectAnalysis,
  ) {
    this.text = entry.text;
    this.tree = entry.parsed.tree;
    this.model = project.model;
    this.tokens = entry.parsed.tokens;
    this.file = entry.file;
  }

  /** Kept with the file's parse: an edit elsewhere does not rebuild this file's line index. */
  get lines(): LineIndex {
    return (this.entry.lines ??= new LineIndex(this.entry.text));
  }
}

/** The whole project as one analysis (`ProjectAnalysis.whole`): one file's text, every finding. */
class WholeView implements Analysis {
  readonly text: string;
  readonly tree: Analysis['tree'];
  readonly tokens: Analysis['tokens'];
  readonly model: Model;
  readonly file?: string;
  private emptyLines: LineIndex | undefined = undefined;

  constructor(
    private readonly view: Analysis | undefined,
    base: string | undefined,
    readonly project: ProjectAnalysis,
  ) {
    const empty = view ? undefined : parse('');
    this.text = view?.text ?? '';
    this.tree = view?.tree ?? empty!.tree;
    this.tokens = view?.tokens ?? empty!.tokens;
    this.model = project.model;
    if (view) this.file = base;
  }

  get lines(): LineIndex {
    return this.view?.lines ?? (this.emptyLines ??= new LineIndex(''));
  }

  get findings(): readonly Finding[] {
    return this.project.findings;
  }
}

/** Same findings at the same places (what a client would show the same). */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.rule !== y.rule || x.severity !== y.severity || x.message !== y.message || x.span.start !== y.span.start || x.span.end !== y.span.end) return false;
  }
  return true;
}
