// The one protocol between the extension and the preview webview: a zod schema for every message
// in each direction and for the state the webview persists (which the panel serializer receives
// after a reload). Both sides import this file and validate what they receive with it; a message
// that does not parse is ignored and logged, never acted on. No DOM, no vscode, no Node here
// (src/shared/tsconfig.json makes one a compile error): the extension host (src/extension) and
// the webview page (src/webview) both bundle it.
import * as z from 'zod/mini';

/** The webview panel type; also the `onWebviewPanel:` activation event and the serializer key. */
export const PREVIEW_VIEW_TYPE = 'strata.preview';

export const VIEWS = ['layers', 'mermaid', 'findings', 'stats'] as const;
export type View = (typeof VIEWS)[number];

/** Renderer themes. */
export const THEMES = ['light', 'dark', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];

/** What the user picked: follow VS Code (`auto`) or a fixed theme. */
export const THEME_CHOICES = ['auto', ...THEMES] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** Most findings the Findings view lists; the rest are counted ("and 12 more"). */
export const MAX_LISTED_FINDINGS = 1000;
/** Largest PNG the webview may send back (base64 characters): 64 MiB. */
export const MAX_PNG_BASE64 = 64 * 1024 * 1024;
/** Longest id or message accepted from the webview. */
const MAX_ID = 1024;
const MAX_LOG = 4000;
/** At most this many focus choices are sent (hosts and VMs first; a focus can also be typed). */
export const MAX_FOCUS_CHOICES = 5000;
/** A focus value (src/core/render/focus.ts: "node:ID", "tenant:NAME", "service:NAME"). */
const focusText = z.string().check(z.minLength(3), z.maxLength(MAX_ID + 10));

const nonNegativeInt = z.int().check(z.gte(0));
const theme = z.enum(THEMES);
const view = z.enum(VIEWS);

// ---------------------------------------------------------------------------------------------
// Extension → webview

const severity = z.enum(['error', 'warning', 'info']);

/** A finding as the webview lists it: positions already converted (1-based line and column). */
export const findingItem = z.strictObject({
  rule: z.string(),
  severity,
  message: z.string(),
  /** 1-based line and column of the start, for display. */
  line: z.int().check(z.gte(1)),
  column: z.int().check(z.gte(1)),
  /** UTF-16 offsets in the document, sent back in `revealSpan`. */
  start: nonNegativeInt,
  end: nonNegativeInt,
  nodeId: z.optional(z.string()),
});
export type FindingItem = z.infer<typeof findingItem>;

export const mermaidPayload = z.strictObject({
  text: z.string(),
  truncated: z.boolean(),
  nodeCount: nonNegativeInt,
  error: z.optional(z.string()),
});
export type MermaidPayload = z.infer<typeof mermaidPayload>;

// The Stats view's reports (src/core/analysis/report.ts): titled sections of lines and tables of
// strings. Non-strict objects: a field the analysis adds later is dropped, not a broken preview.
export const reportTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  numeric: z.optional(z.array(nonNegativeInt)),
  layout: z.optional(z.enum(['grid', 'blocks'])),
});
export const reportSection = z.object({
  title: z.string(),
  lines: z.optional(z.array(z.string())),
  table: z.optional(reportTable),
  notes: z.optional(z.array(z.string())),
});
export const report = z.object({ title: z.string(), sections: z.array(reportSection) });
export type Report = z.infer<typeof report>;
export const statsPayload = z.strictObject({
  /** The model's stats, then the what-if scenarios. */
  reports: z.array(report),
  /** Set when the analysis failed (the reports are then empty). */
  error: z.optional(z.string()),
});
export type StatsPayload = z.infer<typeof statsPayload>;

/**
 * Diff mode ("Strata: Compare with…", or the file open in a diff editor). `active`: `svg` is the
 * diff picture of the change from `base` to this version (src/core/diff); otherwise the change is
 * only offered (the webview shows a button that sends `compare` with `on: true`).
 */
export const comparePayload = z.strictObject({
  /** What the base is, as the user named it: "HEAD", "main", "the index", "before.strata". */
  base: z.string(),
  active: z.boolean(),
  /** The change in one sentence ("1 node added, …"), when active. */
  headline: z.optional(z.string()),
  /** Set when the comparison could not be made (the base could not be read or drawn). */
  error: z.optional(z.string()),
});
export type ComparePayload = z.infer<typeof comparePayload>;

/** A new rendering of the document (sent after each debounced edit, on ready and on option changes). */
export const updateMessage = z.strictObject({
  type: z.literal('update'),
  /** The document URI, kept by the webview in its state so the panel can be restored. */
  uri: z.string(),
  /** The document's file name, for the title and the export's default name. */
  title: z.string(),
  version: z.int(),
  /**
   * The layered SVG of this version. Absent when this version has syntax errors and a diagram
   * was shown before: the webview then keeps the last good diagram (never blank) under `error`.
   */
  svg: z.optional(z.string()),
  /** The theme `svg` was rendered with. */
  theme,
  /** The first syntax error, when there is one: shown in the banner; clicking it reveals `start`. */
  error: z.optional(z.strictObject({ message: z.string(), line: z.int().check(z.gte(1)), column: z.int().check(z.gte(1)), start: nonNegativeInt, end: nonNegativeInt })),
  findings: z.array(findingItem),
  /** How many findings there are in all (`findings` holds at most MAX_LISTED_FINDINGS). */
  findingCount: nonNegativeInt,
  nodeCount: nonNegativeInt,
  /** Only while the Mermaid view is open (it is generated on demand). */
  mermaid: z.optional(mermaidPayload),
  /** Only while the Stats view is open (computed on demand). */
  stats: z.optional(statsPayload),
  /**
   * What the picture is focused on (src/core/render/focus.ts): the focus value the webview asked
   * for, and how the picture names it, or `missing` when it names nothing in the model (the
   * picture then shows everything).
   */
  focus: z.optional(z.strictObject({ value: focusText, label: z.string(), missing: z.boolean() })),
  /** What can be focused on: sent when it differs from what the webview was last sent. */
  focusChoices: z.optional(z.array(z.strictObject({ value: focusText, label: z.string() })).check(z.maxLength(MAX_FOCUS_CHOICES))),
  /** A comparison with another version (see comparePayload): offered, or shown in `svg`. */
  compare: z.optional(comparePayload),
});
export type UpdateMessage = z.infer<typeof updateMessage>;

/** The innermost node at the editor's cursor (null: none). */
export const highlightMessage = z.strictObject({ type: z.literal('highlight'), id: z.nullable(z.string()) });
export type HighlightMessage = z.infer<typeof highlightMessage>;

export const toWebviewMessage = z.discriminatedUnion('type', [updateMessage, highlightMessage]);
export type ToWebviewMessage = z.infer<typeof toWebviewMessage>;

// ---------------------------------------------------------------------------------------------
// Webview → extension

/**
 * The webview has loaded (also after it was re-created) and wants the current rendering, with
 * its view, effective theme and toggles.
 */
export const readyMessage = z.strictObject({ type: z.literal('ready'), view, theme, showLinks: z.boolean(), focus: z.optional(focusText) });
/** The view, effective theme, toggles or focus changed: the extension renders with them from now on. */
export const optionsMessage = z.strictObject({ type: z.literal('options'), view, theme, showLinks: z.boolean(), focus: z.optional(focusText) });
/** Select the source of the node with this id. */
export const revealMessage = z.strictObject({ type: z.literal('reveal'), id: z.string().check(z.minLength(1), z.maxLength(MAX_ID)) });
/**
 * Fold (`folded: true`) or unfold the content of the node with this id: a click on a "+N …"
 * summary unfolds it, Alt+click on a frame folds it.
 */
export const foldMessage = z.strictObject({ type: z.literal('fold'), id: z.string().check(z.minLength(1), z.maxLength(MAX_ID)), folded: z.boolean() });
/** Select this range of the document (a finding, the syntax error). */
export const revealSpanMessage = z.strictObject({ type: z.literal('revealSpan'), start: nonNegativeInt, end: nonNegativeInt });
/** Save the layered SVG (rendered again by the extension, not taken from the webview). */
export const exportSvgMessage = z.strictObject({ type: z.literal('exportSvg') });
/** Save this PNG (rasterised by the webview), base64 without a `data:` prefix. */
export const exportPngMessage = z.strictObject({
  type: z.literal('exportPng'),
  data: z.string().check(z.minLength(8), z.maxLength(MAX_PNG_BASE64), z.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
});
/** Copy the mermaid text of the current version to the clipboard. */
export const copyMermaidMessage = z.strictObject({ type: z.literal('copyMermaid') });
/** Most marked nodes the webview reports in `rendered`. */
export const MAX_REPORTED_MARKS = 200;
/**
 * The webview has shown the diagram of this version (`elements`: how many carry a source id).
 * For a diff picture, `marked` lists what it shows marked, as `mark:id` (`added:web`), in order.
 */
export const renderedMessage = z.strictObject({
  type: z.literal('rendered'),
  version: z.int(),
  elements: nonNegativeInt,
  marked: z.optional(z.array(z.string().check(z.maxLength(MAX_ID + 16))).check(z.maxLength(MAX_REPORTED_MARKS))),
});
/** Show the change (diff mode, `on: true`) or the model itself (`on: false`). */
export const compareMessage = z.strictObject({ type: z.literal('compare'), on: z.boolean() });
/** Something went wrong in the webview (a bad message, a mermaid failure): logged by the extension. */
export const logMessage = z.strictObject({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string().check(z.maxLength(MAX_LOG)) });

export const fromWebviewMessage = z.discriminatedUnion('type', [
  readyMessage,
  optionsMessage,
  revealMessage,
  revealSpanMessage,
  foldMessage,
  exportSvgMessage,
  exportPngMessage,
  copyMermaidMessage,
  renderedMessage,
  compareMessage,
  logMessage,
]);
export type FromWebviewMessage = z.infer<typeof fromWebviewMessage>;

// ---------------------------------------------------------------------------------------------
// Persisted webview state (vscode.setState; handed to the panel serializer after a reload)

export const zoomState = z.strictObject({
  scale: z.number().check(z.gt(0), z.lte(64)),
  x: z.number().check(z.gte(-1e7), z.lte(1e7)),
  y: z.number().check(z.gte(-1e7), z.lte(1e7)),
});
export type ZoomState = z.infer<typeof zoomState>;

export const previewState = z.strictObject({
  /** The document this panel shows. */
  uri: z.string(),
  view,
  themeChoice: z.enum(THEME_CHOICES),
  showLinks: z.boolean(),
  /** Zoom and pan of the Layers view; absent until the first diagram is fitted. */
  zoom: z.optional(zoomState),
  /** What the picture is focused on ("node:ID", "tenant:NAME", "service:NAME"); absent: everything. */
  focus: z.optional(focusText),
});
export type PreviewState = z.infer<typeof previewState>;

/** Parses `value` with `schema`; `undefined` (never an exception) when it does not fit. */
export function parseMessage<T>(schema: z.ZodMiniType<T>, value: unknown): T | undefined {
  const result = z.safeParse(schema, value);
  return result.success ? result.data : undefined;
}
