// The renderers' public face: the layered SVG and the mermaid flowchart, both pure text.
export { renderLayersSvg, layersCss, kernelLabel, DEFAULT_MAX_NODES, MAX_DRAW_DEPTH, type LayersOptions } from './layers';
export { renderMermaid, escapeMermaidLabel, DEFAULT_MERMAID_MAX_NODES, type MermaidOptions, type MermaidResult } from './mermaid';
export { THEMES, type Theme } from './theme';
export { focusAnalysis, focusChoices, focusOn, focusValue, parseFocusValue, type Focus, type FocusTarget } from './focus';
export { escapeXml } from './text';
