// The architecture diff: `diffTexts(base, head)` gives the data (also the JSON format);
// `diffToMarkdown` and `diffToText` present it; `buildDiffPicture` makes the one picture of the
// change that `diffComment` (Markdown + mermaid) and the SVG/HTML renderers draw.
export * from './diff';
export { diffHeadline, diffToMarkdown, diffToText, diffSummaryTable, type DiffFormatOptions } from './format';
export { buildDiffPicture, idPath, MARK_SYMBOL, MARK_WORD, type DiffPicture, type LinkMark, type Mark, type PictureLink, type PictureNode, type PictureOptions, type ShareChange } from './picture';
export { renderDiffMermaid, DIFF_MERMAID_MAX_NODES, type DiffMermaidResult } from './mermaid';
export { diffComment } from './comment';
export { renderDiffSvg, diffCss, type DiffSvgOptions } from './svg';
export { renderDiffHtml, type DiffHtmlOptions } from './html';
