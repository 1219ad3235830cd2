// Go to definition, find references and document highlights for the names a Strata file
// declares and uses: node ids (declarations and link ends), tenants (`tenant shop {}` and every
// `tenant: shop`) and services (`service: web` values, which have no declaration: references
// only). In a project the answers may be in any of its files: a span then carries its `file`.
import type { Analysis } from '../index';
import type { Span } from '../syntax/ast';
import { inThisFile, occurrences, plainSpan, symbolAt } from './context';

export type HighlightKind = 'write' | 'read';

export interface Highlight {
  readonly span: Span;
  /** `write` for a declaration, `read` for a use. */
  readonly kind: HighlightKind;
}

/**
 * Where the name under the cursor is declared: the node's id (the first one when an id repeats),
 * the `tenant NAME` declaration. Empty for services, undeclared tenants, unknown link ends and
 * anything that is not a name.
 */
export function definition(analysis: Analysis, offset: number): Span[] {
  const symbol = symbolAt(analysis, offset);
  if (!symbol) return [];
  if (symbol.kind === 'service') return [];
  if (symbol.kind === 'tenant') {
    const decl = analysis.model.tenants.get(symbol.name)?.node.decl.id;
    return decl ? [plainSpan(decl)] : [];
  }
  const node = analysis.model.byId.get(symbol.name);
  const id = node?.decl.id;
  return id && node.kind !== 'tenant' ? [plainSpan(id)] : [];
}

/** Every place the name under the cursor is written, in document order. */
export function references(analysis: Analysis, offset: number, options: { includeDeclaration?: boolean } = {}): Span[] {
  const symbol = symbolAt(analysis, offset);
  if (!symbol) return [];
  const include = options.includeDeclaration ?? true;
  return occurrences(analysis, symbol)
    .filter((o) => include || !o.declaration)
    .map((o) => plainSpan(o.span));
}

/** The occurrences of the name under the cursor in this file (read from this file only), declarations marked `write`. */
export function documentHighlights(analysis: Analysis, offset: number): Highlight[] {
  const symbol = symbolAt(analysis, offset);
  if (!symbol) return [];
  return occurrences(analysis, symbol, 'file')
    .filter((o) => inThisFile(analysis, o.span))
    .map((o) => ({ span: { start: o.span.start, end: o.span.end }, kind: o.declaration ? 'write' : 'read' }));
}
