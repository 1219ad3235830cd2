// Document symbols: the outline and breadcrumbs, one symbol per node, nested as in the file. The
// symbol's kind is the Strata kind; which icon that becomes is the editor layer's choice.
import type { Analysis } from '../index';
import type { ModelNode } from '../model/model';
import { nodeNameSpan } from '../model/model';
import type { Kind, Span } from '../syntax/ast';

export interface DocumentSymbol {
  /** The node's id (or `(kind)` when the source omitted it). */
  readonly name: string;
  readonly kind: Kind;
  /** The label, os and product, as far as set: `"Dell R750 #1" · ubuntu-22.04`. */
  readonly detail: string;
  /** The whole declaration, block included. */
  readonly span: Span;
  /** The id (or the kind keyword when there is no id). */
  readonly selectionSpan: Span;
  readonly children: DocumentSymbol[];
}

function detailOf(node: ModelNode): string {
  const parts: string[] = [];
  if (node.label !== undefined) parts.push(`"${node.label}"`);
  if (node.props.os) parts.push(node.props.os);
  if (node.props.product) parts.push(node.props.product);
  if (node.kind === 'tenant' && node.props.trust) parts.push(node.props.trust);
  return parts.join(' · ');
}

/**
 * The outline lists at most this many nodes (the first ones, in document order): beyond it an
 * outline is no longer something a person reads, and the editor would spend seconds drawing it.
 */
export const MAX_SYMBOLS = 10_000;

/** The outline: every node (up to `max`), nested, in document order. Iterative (any depth). */
export function documentSymbols(analysis: Analysis, max = MAX_SYMBOLS): DocumentSymbol[] {
  const make = (node: ModelNode): DocumentSymbol => {
    const sel = nodeNameSpan(node);
    return {
      name: node.id ?? `(${node.kind})`,
      kind: node.kind,
      detail: detailOf(node),
      span: { start: node.decl.start, end: node.decl.end },
      selectionSpan: { start: sel.start, end: sel.end },
      children: [],
    };
  };
  const roots: DocumentSymbol[] = [];
  const stack: { node: ModelNode; into: DocumentSymbol[] }[] = [];
  for (let i = analysis.model.roots.length - 1; i >= 0; i--) stack.push({ node: analysis.model.roots[i], into: roots });
  let count = 0;
  while (stack.length && count++ < max) {
    const { node, into } = stack.pop()!;
    const symbol = make(node);
    into.push(symbol);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], into: symbol.children });
  }
  return roots;
}
