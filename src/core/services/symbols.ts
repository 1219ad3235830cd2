// Document symbols: the outline and breadcrumbs, one symbol per node, nested as in the file. The
// symbol's kind is the Strata kind; which icon that becomes is the editor layer's choice.
import type { Analysis } from '../index';
import type { ModelNode } from '../model/model';
import { nodeNameSpan } from '../model/model';
import { nodeFile } from '../model/queries';
import { fileNodes, modelParts } from './context';
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

/** The outline: every node of the file (up to `max`), nested, in document order. Iterative (any depth). */
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
  // The file's nodes in the order of the model, which is the order of the tree (parents before
  // children, children in order); each goes under its nearest ancestor declared in this file. In
  // a project the model holds every file's nodes: the outline shows this file's, and what an
  // `extend` block adds to another file's node stands at the top of the outline.
  const roots: DocumentSymbol[] = [];
  const symbolOf = new Map<ModelNode, DocumentSymbol>();
  const nodes = fileNodes(analysis);
  for (let i = 0; i < nodes.length && i < max; i++) {
    const node = nodes[i];
    let parent: DocumentSymbol | undefined;
    for (let p = node.parent; p && !parent; p = p.parent) parent = symbolOf.get(p);
    const symbol = make(node);
    (parent ? parent.children : roots).push(symbol);
    symbolOf.set(node, symbol);
  }
  return roots;
}

export interface WorkspaceSymbol {
  readonly name: string;
  readonly kind: Kind;
  /** The id of the node it is in, for the editor's "container" column. */
  readonly container: string | undefined;
  /** The id (or kind keyword), with its `file` in a project. */
  readonly span: Span;
}

/**
 * Every node whose id contains `query` (case-insensitive; all for ''), across the files of a
 * project (or the one file), at most `max`.
 */
export function workspaceSymbols(analysis: Analysis, query: string, max = MAX_SYMBOLS): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  // Every node of the project, unit by unit (the model's order, without joining its lists).
  for (const part of modelParts(analysis)) {
    for (const node of part.nodes) {
      if (out.length >= max) return out;
      if (node.id === undefined || (q && !node.id.toLowerCase().includes(q))) continue;
      const sel = nodeNameSpan(node);
      const file = nodeFile(node);
      out.push({ name: node.id, kind: node.kind, container: node.parent?.id, span: file !== undefined ? { start: sel.start, end: sel.end, file } : { start: sel.start, end: sel.end } });
    }
  }
  return out;
}
