// Semantic tokens: what the TextMate grammar cannot tell from the text alone. A word after a
// colon may be a catalogue id (`os: ubuntu-22.04`), one the catalogue does not know, a choice
// (`network: host`, where `host` is not the kind keyword), a tenant or a service name; a word
// before `->` is a reference to a node, a word after a kind keyword is a declaration.
//
// Legend: node ids where declared → `type` + `declaration` (tenants: `namespace` +
// `declaration`); link ends → `variable`; kind keywords → `keyword`; property keys →
// `property`; catalogue values → `enumMember` + `defaultLibrary`, unknown ones → `enumMember` +
// `unknown`; choices (network, pid, trust) → `enumMember`; tenant names → `namespace`; service
// names → `interface` (a service is what its instances implement).
import type { Analysis } from '../index';
import { findEngine, findHypervisor, findOs, findRuntime } from '../catalogue';
import { propertySpec } from '../model/schemas';
import type { Kind, Span, Statement, Value } from '../syntax/ast';

export const SEMANTIC_TOKEN_TYPES = ['keyword', 'type', 'variable', 'property', 'enumMember', 'namespace', 'interface'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'defaultLibrary', 'unknown'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** The legend an editor registers: token types and modifiers, by index. */
export const SEMANTIC_TOKENS_LEGEND: { readonly tokenTypes: readonly string[]; readonly tokenModifiers: readonly string[] } = {
  tokenTypes: SEMANTIC_TOKEN_TYPES,
  tokenModifiers: SEMANTIC_TOKEN_MODIFIERS,
};

export interface SemanticToken {
  readonly start: number;
  readonly end: number;
  readonly type: SemanticTokenType;
  readonly modifiers: readonly SemanticTokenModifier[];
}

const CATALOGUE_LOOKUP = { os: findOs, hypervisor: findHypervisor, engine: findEngine, runtime: findRuntime } as const;

/** The semantic tokens of the document (or of the part that meets `range`), in document order. */
export function semanticTokens(analysis: Analysis, range?: Span): SemanticToken[] {
  const out: SemanticToken[] = [];
  const add = (span: Span, type: SemanticTokenType, ...modifiers: SemanticTokenModifier[]) => {
    if (span.end > span.start) out.push({ start: span.start, end: span.end, type, modifiers });
  };
  const value = (owner: Kind | undefined, key: string, v: Value) => {
    if (v.type === 'list') {
      for (const item of v.items) value(owner, key, item);
      return;
    }
    if (v.type !== 'word') return;
    if (key === 'tenant') return add(v, 'namespace');
    if (key === 'service') return add(v, 'interface');
    const spec = owner ? propertySpec(owner, key) : undefined;
    if (!spec) return;
    if (spec.catalog) return add(v, 'enumMember', CATALOGUE_LOOKUP[spec.catalog](v.value) ? 'defaultLibrary' : 'unknown');
    if (spec.type === 'network' || spec.type === 'pid' || spec.type === 'trust') add(v, 'enumMember');
  };

  // Statements with the kind of the node they stand in; an explicit stack, so depth is no risk.
  const stack: { s: Statement; owner: Kind | undefined }[] = [];
  const pushAll = (statements: readonly Statement[], owner: Kind | undefined) => {
    for (let i = statements.length - 1; i >= 0; i--) {
      const s = statements[i];
      // Skip what lies wholly outside the range.
      if (range && (s.end < range.start || s.start > range.end)) continue;
      stack.push({ s, owner });
    }
  };
  pushAll(analysis.tree.statements, undefined);
  while (stack.length) {
    const { s, owner } = stack.pop()!;
    if (s.type === 'node') {
      add(s.kindSpan, 'keyword');
      if (s.id) add(s.id, s.kind === 'tenant' ? 'namespace' : 'type', 'declaration');
      if (s.body) pushAll(s.body.statements, s.kind);
    } else if (s.type === 'property') {
      add(s.key, 'property');
      if (s.value) value(owner, s.key.text, s.value);
    } else if (s.type === 'extend') {
      add(s.keywordSpan, 'keyword');
      if (s.target) add(s.target, 'type');
      if (s.body) pushAll(s.body.statements, undefined);
    } else {
      add(s.from, 'variable');
      if (s.to) add(s.to, 'variable');
    }
  }
  if (range) return out.filter((t) => t.end >= range.start && t.start <= range.end);
  return out;
}

/**
 * The tokens in the editor protocol's encoding: five integers per token (line delta, start
 * delta, length, type index, modifier bits), relative to the token before.
 */
export function encodeSemanticTokens(analysis: Analysis, tokens: readonly SemanticToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of tokens) {
    const p = analysis.lines.positionAt(t.start);
    let bits = 0;
    for (const m of t.modifiers) bits |= 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(m);
    data.push(p.line - line, p.line === line ? p.character - char : p.character, t.end - t.start, SEMANTIC_TOKEN_TYPES.indexOf(t.type), bits);
    line = p.line;
    char = p.character;
  }
  return data;
}
