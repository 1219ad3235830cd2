// What each file of a project contributes to the layered picture: a coloured marker at the left
// edge of every box declared in another file than the box around it (and of every top-level
// box), and a legend naming each file by its colour ("this file" marks the one previewed).
// Only for pictures whose nodes come from two or more files; a lone file's picture is unchanged.
import type { Analysis } from '../index';
import type { ModelNode } from '../model/model';
import { nodeFile } from '../model/queries';
import type { Box } from './boxes';
import { escapeXml } from './text';

/**
 * Marker colours, one per file (cycled past eight), readable on every theme's background. Given
 * as the markers' `fill` attributes, so they need no stylesheet (a page that loads `layersCss()`
 * itself gets them too).
 */
export const FILE_PALETTE: readonly string[] = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#e03131', '#5c940d'];


/** A file's name without its folders. */
export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Each file that declares drawn nodes, by its index (the project's file order); undefined for one file or none. */
export function fileIndexOf(analysis: Analysis, drawable: readonly ModelNode[]): ReadonlyMap<string, number> | undefined {
  const present = new Set<string>();
  for (const n of drawable) {
    const f = nodeFile(n);
    if (f !== undefined) present.add(f);
  }
  if (present.size < 2) return undefined;
  const order = analysis.project ? analysis.project.files.filter((f) => present.has(f)) : [...present];
  for (const f of present) if (!order.includes(f)) order.push(f);
  return new Map(order.map((f, i) => [f, i]));
}

/** The marker of a box whose node is declared in another file than its parent (or stands at the top). */
export function fileMarker(b: Box, files: ReadonlyMap<string, number>, fmt: (n: number) => string): string {
  const n = b.node;
  if (!n || b.kind === 'summary') return '';
  const file = nodeFile(n);
  if (file === undefined) return '';
  if (n.parent && nodeFile(n.parent) === file) return '';
  const i = files.get(file);
  if (i === undefined) return '';
  return `<rect class="ff ff${i % FILE_PALETTE.length}" fill="${FILE_PALETTE[i % FILE_PALETTE.length]}" x="${fmt(b.x)}" y="${fmt(b.y)}" width="4" height="${fmt(b.ah)}" rx="2"><title>${escapeXml(`declared in ${baseName(file)}`)}</title></rect>`;
}

/** Legend entries: one per file, its colour and name. */
export function fileLegend(files: ReadonlyMap<string, number>, current: string | undefined): { swatch: string; label: string }[] {
  return [...files].map(([file, i]) => ({
    swatch: `<rect class="ff ff${i % FILE_PALETTE.length}" fill="${FILE_PALETTE[i % FILE_PALETTE.length]}" x="0" y="0" width="26" height="14" rx="3"/>`,
    label: `${baseName(file)}${file === current ? ' (this file)' : ''}`,
  }));
}
