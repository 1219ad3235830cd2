// ```strata fences in VS Code's Markdown preview: `activate()` returns `{ extendMarkdownIt }` and
// package.json sets `contributes.markdown.markdownItPlugins`, so the built-in Markdown extension
// passes its markdown-it instance here. The rendering is the core's (`renderStrataFence`: the
// layered SVG and the findings, no script); this file only adds the user's settings. Web-safe:
// used by both the Node entry (extension.ts) and the browser entry (web.ts).
import * as vscode from 'vscode';
import { strataMarkdownItPlugin, type MarkdownItLike, type StrataFenceOptions } from '../core/render/markdownIt';

/** Fence options from the `strata.preview.*` settings, read at every fence (cheap). */
export function markdownFenceOptions(): StrataFenceOptions {
  const c = vscode.workspace.getConfiguration('strata.preview');
  const theme = c.get<string>('theme', 'auto');
  return {
    theme: theme === 'light' || theme === 'dark' || theme === 'high-contrast' ? theme : 'auto',
    showLinks: c.get<boolean>('showLinks', true) !== false,
  };
}

/** What the Markdown extension calls; returns the same instance, as it expects. */
export function extendMarkdownIt<T extends MarkdownItLike>(md: T): T {
  strataMarkdownItPlugin(md, markdownFenceOptions);
  return md;
}
