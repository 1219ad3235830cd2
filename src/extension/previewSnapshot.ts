// Builds the `update` messages the extension sends to the preview, from analyses of the document:
// which diagram to send (never a blank one: a version with syntax errors keeps the last good
// diagram), the banner's first error, the findings list and the mermaid text. Pure (the core and
// its renderers only), so the extension host and the browser tests build identical messages.
// Runs in the extension host; never bundled into the webview.
import { type Analysis, type Finding, nodeFile } from '../core';
import { renderLayersSvg } from '../core/render/layers';
import { renderMermaid } from '../core/render/mermaid';
import { focusAnalysis, focusChoices, parseFocusValue } from '../core/render/focus';
import { computeStats, statsReport, whatIf, whatIfReport, SCENARIOS } from '../core/analysis';
import { MAX_FOCUS_CHOICES, MAX_LISTED_FINDINGS, type FindingItem, type MermaidPayload, type StatsPayload, type Theme, type UpdateMessage } from '../shared/previewProtocol';

export interface SnapshotInput {
  readonly uri: string;
  readonly title: string;
  readonly version: number;
  /** The analysis of this version. */
  readonly analysis: Analysis;
  /** The analysis of the last version without syntax errors, if any (of the same document). */
  readonly lastGood: Analysis | undefined;
  /** The webview already shows a diagram (so a broken version may send none). */
  readonly webviewHasDiagram: boolean;
  /** Send a diagram even for a broken version (the options changed: redraw the last good one). */
  readonly forceDiagram?: boolean;
  readonly theme: Theme;
  readonly showLinks: boolean;
  readonly folded?: ReadonlySet<string>;
  readonly unfolded?: ReadonlySet<string>;
  readonly maxNodes?: number;
  /** Include the mermaid text (only while the Mermaid view is open). */
  readonly mermaid: boolean;
  /** Include the stats and what-if reports (only while the Stats view is open). */
  readonly stats?: boolean;
  /** What the picture is focused on (a focus value: src/core/render/focus.ts), if anything. */
  readonly focus?: string;
  /** The key of the focus choices the webview has (`Snapshot.choicesKey`): the same are not sent again. */
  readonly choicesKey?: string;
}

export interface Snapshot {
  readonly message: UpdateMessage;
  /** The new "last good" analysis (this one when it has no syntax errors). */
  readonly lastGood: Analysis | undefined;
  /** The analysis the diagram shows. */
  readonly shown: Analysis;
  /** What is drawn: `shown`, or for a file of a project the whole project; narrowed to the focus if there is one. */
  readonly drawn: Analysis;
  /** `drawn` before the focus: what a comparison with another version compares (previewDiff.ts). */
  readonly whole: Analysis;
  /** Set when drawing failed (the message then carries no diagram and an error banner). */
  readonly renderError?: unknown;
  /** What identifies the focus choices of this model (the message carries them when it changed). */
  readonly choicesKey: string;
}

export function firstSyntaxError(analysis: Analysis): Finding | undefined {
  return analysis.findings.find((f) => f.rule === 'syntax');
}

/** The id of the innermost node (with an id) whose declaration contains `offset`. */
export function innermostNodeId(analysis: Analysis, offset: number): string | null {
  let found: string | null = null;
  // Pre-order: of the nodes containing the offset, the last one is the innermost.
  const project = analysis.project !== undefined;
  for (const node of analysis.model.nodes) {
    const d = node.decl;
    // In a project, offsets are this file's: nodes of other files do not count.
    if (project && nodeFile(node) !== analysis.file) continue;
    if (d.start <= offset && offset <= d.end && node.id !== undefined) found = node.id;
  }
  return found;
}

export function findingItem(analysis: Analysis, f: Finding): FindingItem {
  const start = analysis.lines.positionAt(f.span.start);
  const item: FindingItem = { rule: f.rule, severity: f.severity, message: f.message, line: start.line + 1, column: start.character + 1, start: f.span.start, end: f.span.end };
  if (f.nodeId !== undefined) item.nodeId = f.nodeId;
  return item;
}

/** The layered SVG of `analysis` with the preview's options (standalone: it embeds its stylesheet). */
export function layersSvg(analysis: Analysis, o: Pick<SnapshotInput, 'theme' | 'showLinks' | 'folded' | 'unfolded' | 'maxNodes'> & { note?: string }): string {
  return renderLayersSvg(analysis, { theme: o.theme, showLinks: o.showLinks, collapsed: o.folded, expanded: o.unfolded, maxNodes: o.maxNodes, note: o.note });
}

export function mermaidPayloadOf(analysis: Analysis): MermaidPayload {
  const result = renderMermaid(analysis);
  const payload: MermaidPayload = { text: result.text, truncated: result.truncated, nodeCount: result.nodeCount };
  if (result.error !== undefined) payload.error = result.error;
  return payload;
}

/** The Stats view's reports: the model's stats, then each what-if scenario. */
export function statsPayloadOf(analysis: Analysis): StatsPayload {
  const reports = [statsReport(computeStats(analysis)), ...SCENARIOS.map((s) => whatIfReport(whatIf(s, analysis)))];
  // The same shape with readonly arrays; nothing mutates a message.
  return { reports: reports as unknown as StatsPayload['reports'] };
}

/**
 * The picture narrowed to `focus` (a focus value), with the header's note saying so; the whole
 * picture when there is no focus or it names nothing in the model (`missing`).
 */
export function focusedPicture(drawn: Analysis, focus: string | undefined): { analysis: Analysis; note?: string; focus?: { value: string; label: string; missing: boolean } } {
  if (focus === undefined) return { analysis: drawn };
  const target = parseFocusValue(focus);
  const result = target ? focusAnalysis(drawn, target) : undefined;
  if (!result) return { analysis: drawn, focus: { value: focus, label: focus, missing: true }, note: `Nothing named '${focus.slice(focus.indexOf(':') + 1)}' to focus on: showing everything.` };
  const { focus: f } = result;
  // Tenant declarations are not drawn: not counted either.
  const drawable = (a: Analysis) => a.model.nodes.length - (a.model.byKind.get('tenant')?.length ?? 0);
  return {
    analysis: result.analysis,
    focus: { value: focus, label: f.label, missing: false },
    note: `Focused on ${f.label} with its context: ${drawable(result.analysis)} of ${drawable(drawn)} nodes. Clear the focus to see everything.`,
  };
}

/** The update for one document version. Never throws: a failing renderer becomes the banner. */
export function buildSnapshot(input: SnapshotInput): Snapshot {
  const { analysis } = input;
  const syntaxError = firstSyntaxError(analysis);
  const lastGood = syntaxError ? input.lastGood : analysis;
  const shown = syntaxError ? (input.lastGood ?? analysis) : analysis;
  // A file of a project shows its whole project (every file's nodes and findings); the list of
  // findings and the error banner are this file's, which a click reveals in this editor.
  const whole = shown.project ? shown.project.whole(shown.file) : shown;
  const picture = focusedPicture(whole, input.focus);
  const drawn = picture.analysis;
  const message: UpdateMessage = {
    type: 'update',
    uri: input.uri,
    title: input.title,
    version: input.version,
    theme: input.theme,
    findings: analysis.findings.slice(0, MAX_LISTED_FINDINGS).map((f) => findingItem(analysis, f)),
    findingCount: analysis.findings.length,
    nodeCount: drawn.model.nodes.length,
  };
  if (picture.focus) message.focus = picture.focus;
  const choices = focusChoices(whole.model).slice(0, MAX_FOCUS_CHOICES);
  const choicesKey = choices.map((c) => c.value).join('\n');
  if (choicesKey !== input.choicesKey) message.focusChoices = choices;
  if (syntaxError) {
    const start = analysis.lines.positionAt(syntaxError.span.start);
    message.error = { message: syntaxError.message, line: start.line + 1, column: start.character + 1, start: syntaxError.span.start, end: syntaxError.span.end };
  }
  let renderError: unknown;
  // Never blank: a version with syntax errors sends no diagram, so the webview keeps its last
  // good one, unless it has none yet (then the best effort of the error-tolerant parser).
  if (!syntaxError || !input.webviewHasDiagram || input.forceDiagram) {
    try {
      message.svg = layersSvg(drawn, { ...input, note: picture.note });
    } catch (e) {
      renderError = e;
      message.error ??= { message: `The diagram could not be drawn (internal error: ${e instanceof Error ? e.message : String(e)})`, line: 1, column: 1, start: 0, end: 0 };
    }
  }
  if (input.mermaid) {
    try {
      message.mermaid = mermaidPayloadOf(drawn);
    } catch (e) {
      renderError ??= e;
      message.mermaid = { text: '', truncated: false, nodeCount: 0, error: 'The mermaid text could not be generated (internal error).' };
    }
  }
  if (input.stats) {
    try {
      message.stats = statsPayloadOf(whole);
    } catch (e) {
      renderError ??= e;
      message.stats = { reports: [], error: `The stats could not be computed (internal error: ${e instanceof Error ? e.message : String(e)}).` };
    }
  }
  return { message, lastGood, shown, drawn, whole, renderError, choicesKey };
}
