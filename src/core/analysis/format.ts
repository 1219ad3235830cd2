// How figures read in reports: "≥ 2 GiB [S1]", "≈ 33 ms [S3]", "~1 min (estimate) [S4]",
// "45 s (set in the model)". A bound or approximation sign first, the citation last.
import { formatBytes, formatDuration } from '../catalogue';
import type { ModelNode } from '../model/model';
import { type Figure, type Sum, type Unit, citedSource } from './figures';

/** A node as reports name it: its id, else its kind and where it is declared ("vm@120"). */
export function nodeName(n: ModelNode): string {
  return n.id ?? `${n.kind}@${n.decl.start}`;
}

/** A bare value in its unit: "2 GiB", "33 ms". */
export function formatValue(value: number, unit: Unit): string {
  return unit === 'bytes' ? formatBytes(value) : formatDuration(value);
}

/** Where a value came from: "[S1]", "(set in the model)", "[S1; set in the model]". */
export function formatFrom(from: readonly string[]): string {
  const ids: string[] = [];
  for (const f of from) if (f !== 'model' && !ids.some((x) => citedSource(x) === citedSource(f))) ids.push(f);
  const model = from.includes('model');
  if (ids.length === 0) return model ? '(set in the model)' : '';
  return `[${ids.join(', ')}${model ? '; set in the model' : ''}]`;
}

function sign(f: { readonly from: string | readonly string[]; readonly estimate?: true; readonly bound?: string }): string {
  if (f.bound === 'min') return '≥ ';
  if (f.bound === 'max') return '≤ ';
  if (f.estimate) return '~';
  const from = typeof f.from === 'string' ? [f.from] : f.from;
  return from.length === 1 && from[0] === 'model' ? '' : '≈ ';
}

/** A figure with its sign and citation. */
export function formatFigure(f: Figure, cite = true): string {
  const text = `${sign(f)}${formatValue(f.value, f.unit)}${f.estimate ? ' (estimate)' : ''}`;
  return cite ? `${text} ${formatFrom([f.from])}` : text;
}

/** A sum with its sign, citation and the nodes that had no figure. */
export function formatSum(s: Sum, cite = true): string {
  if (s.count === 0) return s.missing.length ? `unknown (no figure for ${list(s.missing)})` : formatValue(0, s.unit);
  let text = `${sign(s)}${formatValue(s.value, s.unit)}${s.estimate ? ' (estimate)' : ''}`;
  if (cite) text += ` ${formatFrom(s.from)}`;
  if (s.missing.length) text += `, plus ${list(s.missing)} (no figure)`;
  return text;
}

/** "a, b and c"; long lists end in "and N more". */
export function list(items: readonly string[], max = 5): string {
  if (items.length === 0) return '';
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 VM", "3 VMs". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Cores for tables, to the millicore: "2", "0.5", "1.25". */
export function formatCores(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** A ratio for tables: "0.44", "1.5". */
export function formatRatio(r: number | undefined): string {
  if (r === undefined) return '';
  return String(Math.round(r * 100) / 100);
}
