// The architecture diff: `diffTexts(base, head)` gives the data (also the JSON format);
// `diffToMarkdown` and `diffToText` present it.
export * from './diff';
export { diffHeadline, diffToMarkdown, diffToText, type DiffFormatOptions } from './format';
