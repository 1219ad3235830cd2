// The preview's diff mode, host side: the base version a document is compared with ("Strata:
// Compare with…", or the left side of a diff editor), its analysis, and the diff picture of the
// change from it to the version the preview draws (src/core/diff). Pure (the core only, no
// vscode, no DOM), so the extension and the browser tests build the same pictures.
import { type Analysis, type AnalyzeOptions, analyze } from '../core';
import { analyzeProject } from '../core/project';
import { buildDiffPicture, diffAnalyses, diffHeadline, renderDiffSvg } from '../core/diff';
import type { ComparePayload, Theme, UpdateMessage } from '../shared/previewProtocol';

/**
 * What a document is compared with.
 * - `files`: the base's files by file id (a lone file: one entry, or none when the file is new
 *   there); `project` says whether they are bound as one project model.
 * - `replace`: the head's own model (its project, when it is in one) with one file's text
 *   replaced: what a diff editor shows, the change of that file in the context of the others.
 */
export type CompareBase =
  | { readonly label: string; readonly kind: 'files'; readonly files: ReadonlyMap<string, string>; readonly project: boolean }
  | { readonly label: string; readonly kind: 'replace'; readonly file: string; readonly text: string };

export interface DiffRendering {
  readonly svg: string;
  readonly headline: string;
  /** The base's analysis (a removed node is only there). */
  readonly base: Analysis;
}

/** The analyses of bases, kept while their inputs are the same (a keystroke re-analyses only the head). */
export class BaseAnalyses {
  private last: { base: CompareBase; key: unknown; optionsKey: string; analysis: Analysis } | undefined;

  /** The base's analysis with the head's options; for `replace`, over the head's project. */
  analysisOf(base: CompareBase, head: Analysis, options: AnalyzeOptions): Analysis {
    const optionsKey = JSON.stringify(options);
    // `replace` depends on the head's other files: the project's analysis object changes when they do.
    const key = base.kind === 'replace' ? (head.project ?? null) : null;
    const last = this.last;
    if (last && last.base === base && last.key === key && last.optionsKey === optionsKey) return last.analysis;
    const analysis = analyzeBase(base, head, options);
    this.last = { base, key, optionsKey, analysis };
    return analysis;
  }
}

function analyzeBase(base: CompareBase, head: Analysis, options: AnalyzeOptions): Analysis {
  if (base.kind === 'replace') {
    const project = head.project;
    if (!project) return analyze(base.text, options);
    const files = project.files.map((file) => ({ file, text: file === base.file ? base.text : (project.textOf(file) ?? '') }));
    if (!project.files.includes(base.file)) files.push({ file: base.file, text: base.text });
    return analyzeProject(files, options).whole(base.file);
  }
  if (!base.project) return analyze(base.files.values().next().value ?? '', options);
  return analyzeProject(
    [...base.files].map(([file, text]) => ({ file, text })),
    options,
  ).whole();
}

export interface ComparisonOptions {
  readonly theme: Theme;
  readonly options: AnalyzeOptions;
  /** The document's file name, for the picture's title. */
  readonly file: string;
}

/** The diff picture of the change from `base` to `drawn` (the drawn analysis: a project's whole model). */
export function drawComparison(drawn: Analysis, base: CompareBase, bases: BaseAnalyses, o: ComparisonOptions): DiffRendering {
  const analysis = bases.analysisOf(base, drawn, o.options);
  const diff = diffAnalyses(analysis, drawn);
  const picture = buildDiffPicture(analysis, drawn, diff);
  return { svg: renderDiffSvg(picture, { theme: o.theme, file: o.file, baseLabel: base.label, headLabel: 'this version' }), headline: diffHeadline(diff), base: analysis };
}

/**
 * Puts diff mode into an update: when `active` and the update carries a diagram, the diagram is
 * the diff picture; the payload says what the base is (and, active, what changed). Never throws:
 * a base that cannot be drawn leaves the model's own diagram with the reason in `error`.
 */
export function applyComparison(
  message: UpdateMessage,
  drawn: Analysis,
  comparison: { readonly base: CompareBase; readonly active: boolean },
  bases: BaseAnalyses,
  o: ComparisonOptions,
): DiffRendering | undefined {
  const payload: ComparePayload = { base: comparison.base.label, active: comparison.active };
  message.compare = payload;
  if (!comparison.active) return undefined;
  try {
    const rendering = drawComparison(drawn, comparison.base, bases, o);
    payload.headline = rendering.headline;
    if (message.svg !== undefined) message.svg = rendering.svg;
    return rendering;
  } catch (e) {
    payload.error = `The change could not be drawn (internal error: ${e instanceof Error ? e.message : String(e)}).`;
    return undefined;
  }
}
