// Small builders shared by the readers: nodes, properties and the host that holds what the
// input does not place.
import type { Kind } from '../syntax/ast';
import { isVisibleText, visibleControls } from '../text/controls';
import type { ImportNode, ImportProp, SourceRef } from './types';

export function node(kind: Kind, key: string, id: string, init: Partial<Omit<ImportNode, 'kind' | 'key' | 'id'>> = {}): ImportNode {
  // One shape for every node (absent fields undefined): a cluster makes tens of thousands of them.
  return { kind, key, id, label: init.label, props: init.props ?? [], children: init.children ?? [], source: init.source, notes: init.notes, ignore: init.ignore };
}

/** A Strata string literal. */
export function str(s: string): string {
  // Most values (images, names) need no escape: the scans are cheaper than the replacements.
  if (s.indexOf('"') < 0 && s.indexOf('\\') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && isVisibleText(s)) return `"${s}"`;
  return `"${visibleControls(s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' '))}"`;
}

/** A catalogue value: a bare word when it scans as one, else a string. */
export function word(s: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s) && !/\.$/.test(s) ? s : str(s);
}

/**
 * Values made once per distinct input and then shared (readonly): the same CPU limit, memory
 * limit or image in ten thousand pods is read, written and held once.
 */
export class Memo<K, V> {
  private readonly known = new Map<K, V>();
  constructor(private readonly make: (key: K) => V) {}

  of(key: K): V {
    let v = this.known.get(key);
    if (v === undefined && !this.known.has(key)) this.known.set(key, (v = this.make(key)));
    return v as V;
  }
}

export function prop(key: string, value: string | undefined): ImportProp[] {
  return value === undefined ? [] : [[key, value]];
}

/**
 * The host that holds workloads the input does not place (manifests the scheduler has yet to
 * place, a compose project whose host the file does not describe). It has no `os`: the input
 * does not say which kernel runs them, so `missing-os` is silenced on its engines with a reason,
 * and `single-host-service` too (the instances are not really on one machine).
 */
export function unplacedHost(key: string, id: string, label: string, source: SourceRef | undefined): ImportNode {
  return node('host', key, id, { label, source, notes: ['Not placed: the input does not say which machine runs these.'] });
}

export const UNPLACED_IGNORES = [
  'missing-os: the input does not say which machine or kernel runs these; import a cluster dump or add the os',
];
