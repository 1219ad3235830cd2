// Hover: what the thing under the cursor means. Kind keywords, property keys and units get their
// documentation; catalogue values their entry with every figure and its source; a node its
// effective tenant (and where it comes from), the kernel it runs on and who else runs there, its
// share of its machine, and its findings; tenants and services who uses them. This file finds
// what is under the cursor; the documentation itself (data and markdown builders, shared with
// completion) is in core/docs.
import type { Analysis } from '../index';
import { formatBytes, formatCpu, formatDuration } from '../catalogue';
import { CATALOGUE_NAMES, catalogueDoc, groupDigits, kindDoc, nodeDoc, propertyDoc, serviceDoc, tenantDoc, unitDoc, unknownPropertyDoc, WORD_MEANINGS } from '../docs';
import type { ModelNode } from '../model/model';
import { BYTE_UNITS, propertySpec, TIME_UNITS } from '../model/schemas';
import type { Span, Value } from '../syntax/ast';
import { locate } from './context';

export interface Hover {
  /** Markdown. */
  readonly contents: string;
  /** The text the hover is about. */
  readonly span: Span;
}

/** The hover at `offset`, or undefined where there is nothing to say (whitespace, comments, braces). */
export function hover(analysis: Analysis, offset: number): Hover | undefined {
  const { hit } = locate(analysis, offset);
  if (!hit) return undefined;
  const at = (contents: string | undefined): Hover | undefined => (contents ? { contents, span: { start: hit.span.start, end: hit.span.end } } : undefined);
  switch (hit.type) {
    case 'comment':
    case 'linkLabel':
      return undefined;
    case 'kind':
      return at(kindDoc(hit.node.kind));
    case 'nodeId':
    case 'label':
      return at(hit.node.kind === 'tenant' && hit.node.id !== undefined ? tenantDoc(analysis, hit.node.id) : nodeDoc(analysis, hit.node));
    case 'extendTarget':
      if (!hit.target) return at(`No file of this project declares \`${hit.span.text}\`, so this extension adds to nothing (\`unknown-reference\`).`);
      return at(nodeDoc(analysis, hit.target));
    case 'linkEnd':
      if (!hit.target) return at(`No node has the id \`${hit.span.text}\`: this link end points nowhere (\`unknown-reference\`).`);
      return at(hit.target.kind === 'tenant' ? tenantDoc(analysis, hit.span.text) : nodeDoc(analysis, hit.target));
    case 'propertyKey': {
      const kind = hit.node?.kind;
      const spec = kind ? propertySpec(kind, hit.prop.key.text) : undefined;
      if (spec && kind) return at(propertyDoc(kind, spec));
      return at(unknownPropertyDoc(hit.prop.key.text, kind));
    }
    case 'value':
      return at(valueDoc(analysis, hit.node, hit.prop.key.text, hit.value, offset));
  }
}

function valueDoc(analysis: Analysis, node: ModelNode | undefined, key: string, value: Value, offset: number): string | undefined {
  const spec = node ? propertySpec(node.kind, key) : undefined;
  if (key === 'tenant' && value.type === 'word') return tenantDoc(analysis, value.value);
  if (key === 'service' && value.type === 'word') return serviceDoc(analysis, value.value);
  if (!spec || !node) return undefined;
  if (spec.catalog && (value.type === 'word' || value.type === 'string')) {
    return catalogueDoc(spec.catalog, value.value) ?? `\`${value.value}\` is not in the ${CATALOGUE_NAMES[spec.catalog]} (\`unknown-catalog-value\`).`;
  }
  if (value.type === 'quantity') {
    const unitStart = value.end - value.unit.length;
    const table = spec.type === 'bytes' ? BYTE_UNITS : spec.type === 'duration' ? TIME_UNITS : undefined;
    const lines: string[] = [];
    if (table && value.unit in table) {
      const canonical = value.value * table[value.unit];
      lines.push(spec.type === 'bytes' ? `\`${value.value}${value.unit}\` = ${groupDigits(canonical)} bytes (${formatBytes(canonical)})` : `\`${value.value}${value.unit}\` = ${formatDuration(canonical)}`);
    } else if (spec.type === 'cores' && value.unit === 'm') lines.push(`\`${value.value}m\` = ${formatCpu(value.value)} cores`);
    const unit = unitDoc(value.unit);
    if (unit && offset >= unitStart) lines.push('', unit);
    lines.push('', propertyDoc(node.kind, spec));
    return lines.join('\n');
  }
  const word = value.type === 'word' || value.type === 'number' || value.type === 'boolean' ? String(value.value) : undefined;
  const meaning = word !== undefined ? WORD_MEANINGS[key]?.[word] : undefined;
  if (meaning) return `\`${key}: ${word}\`: ${meaning}.\n\n${propertyDoc(node.kind, spec)}`;
  return propertyDoc(node.kind, spec);
}

