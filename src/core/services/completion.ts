// Completion that knows where the cursor is, even on a half-typed line the parser could not
// read yet: the statement's tokens before the cursor say what is being written (a statement, a
// property value, a unit after a number, a link target), and the tree says which node encloses
// the cursor. Offers the kinds that may stand there (nesting table), the properties the node has
// not set, catalogue ids with their sourced figures, enumerated words, units, node ids for links,
// and the tenants and services the document already uses. The editor does the fuzzy filtering.
import { cacheOn } from '../cacheOn';
import type { Analysis } from '../index';
import { catalogueIds } from '../catalogue';
import type { Model, ModelNode } from '../model/model';
import { ALLOWED_CHILDREN, type ParentKind } from '../model/nesting';
import { PROPERTIES, type PropertySpec, VALUE_TYPES, allowedWords, propertySpec } from '../model/schemas';
import { type Kind, type Span, isKind } from '../syntax/ast';
import { Tok, isTerminated } from '../syntax/scanner';
import { commentAt, locate, modelParts, nextSignificant, statementTokens, symbolIndex, tokenBefore, tokenInfo, type TokenInfo } from './context';
import { snippetsFor } from './snippets';
import { WORD_MEANINGS, catalogueDetail, catalogueDoc, kindDoc, nodeSummary, propertyDoc, serviceDocOf, tenantDoc, unitDoc, unitsFor } from '../docs';

export type CompletionItemKind =
  /** A node kind keyword (inserted as a block snippet). */
  | 'kind'
  /** A property key (inserted with its colon). */
  | 'property'
  /** A catalogue id (os, product, runtime). */
  | 'catalogue'
  /** An enumerated word, a boolean or a hypervisor type. */
  | 'value'
  /** A unit after a number. */
  | 'unit'
  /** A node id (link ends). */
  | 'node'
  | 'tenant'
  | 'service'
  /** A block with its usual properties, a link or a suppression comment (./snippets.ts). */
  | 'snippet';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionItemKind;
  /** One line shown beside the label. */
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** The text to insert; a VS Code / LSP snippet when `snippet` is set. */
  readonly insertText: string;
  readonly snippet?: boolean;
  /** The text the item replaces: the word being typed (empty at the cursor when there is none). */
  readonly span: Span;
  readonly sortText?: string;
  readonly filterText?: string;
  /** The editor should suggest again after inserting (e.g. values after `os: `). */
  readonly retrigger?: boolean;
  /** For `node` items: the node's kind. */
  readonly nodeKind?: Kind;
  /**
   * For `node` items: the node's id. Their documentation is left to `resolveCompletionItem`, as
   * a link target can be any of thousands of nodes and only the selected item's is shown.
   */
  readonly nodeId?: string;
}

export interface CompletionOptions {
  /** The character that triggered completion, when typing one did (`:`, `>`, ` `). */
  readonly triggerCharacter?: string;
}

/** Where the cursor is, as completion sees it. */
export type CompletionContext =
  | { readonly type: 'none' }
  /** At the start of a statement (possibly with a word typed): kinds, properties, link sources. */
  | {
      readonly type: 'statement';
      readonly span: Span;
      readonly typed: string;
      readonly enclosing: ModelNode | undefined;
      /** What already follows the word: a colon (a key is being edited) or an arrow (a link source). */
      readonly followedBy: 'colon' | 'arrow' | undefined;
    }
  /** After `key:`. */
  | { readonly type: 'value'; readonly span: Span; readonly key: string; readonly enclosing: ModelNode | undefined; readonly needsSpace: boolean }
  /** Right after a number in a value (`512|` or `512Mi|`): units. */
  | { readonly type: 'unit'; readonly span: Span; readonly key: string; readonly number: string; readonly enclosing: ModelNode | undefined }
  /** After `a ->`. */
  | { readonly type: 'linkTarget'; readonly span: Span; readonly from: string; readonly needsSpace: boolean };

const WORDISH = new Set<number>([Tok.Word, Tok.Number, Tok.Quantity]);

/** Works out what is being written at `offset`. */
export function completionContext(analysis: Analysis, offset: number): CompletionContext {
  const none = { type: 'none' } as const;
  if (commentAt(analysis, offset)) return none;
  const before = tokenBefore(analysis, offset);
  let partial: TokenInfo | undefined;
  let last = before;
  if (before >= 0) {
    const t = tokenInfo(analysis, before);
    // Inside a string (to its closing quote, or to the end of the line when it has none).
    if (t.kind === Tok.String && (offset < t.end || !isTerminated(analysis.text, t.start, t.end))) return none;
    if (WORDISH.has(t.kind) && offset <= t.end) {
      partial = t;
      last = before - 1;
    }
  }
  const span: Span = partial ? { start: partial.start, end: partial.end } : { start: offset, end: offset };
  const prefix = last >= 0 ? statementTokens(analysis, last) : [];
  const enclosingFrames = locate(analysis, offset).enclosing;
  const enclosing = enclosingFrames.length ? enclosingFrames[enclosingFrames.length - 1].node : undefined;
  const needsSpace = offset > 0 && span.start === offset && !/\s/.test(analysis.text[offset - 1]);

  if (prefix.length === 0) {
    if (partial && partial.kind !== Tok.Word) return none;
    const next = nextSignificant(analysis, partial ? partial.index : before);
    const followedBy = next?.kind === Tok.Colon ? 'colon' : next?.kind === Tok.Arrow ? 'arrow' : undefined;
    return { type: 'statement', span, typed: partial?.text ?? '', enclosing, followedBy };
  }
  const [first, second] = prefix;
  if (prefix.length === 2 && first.kind === Tok.Word && second.kind === Tok.Colon) {
    const key = first.text;
    if (partial && partial.kind !== Tok.Word && offset === partial.end) {
      const unitAt = partial.kind === Tok.Quantity ? unitOffset(partial.text) : partial.text.length;
      const number = partial.text.slice(0, unitAt);
      return { type: 'unit', span: { start: partial.start + unitAt, end: partial.end }, key, number, enclosing };
    }
    return { type: 'value', span, key, enclosing, needsSpace };
  }
  if (prefix.length === 2 && first.kind === Tok.Word && second.kind === Tok.Arrow) {
    if (partial && partial.kind !== Tok.Word) return none;
    return { type: 'linkTarget', span, from: first.text, needsSpace };
  }
  return none;
}

function unitOffset(quantity: string): number {
  let u = quantity.length;
  while (u > 0 && /[A-Za-z]/.test(quantity[u - 1])) u--;
  return u;
}

/** Completion items at `offset`. Never throws on any analysis. */
export function complete(analysis: Analysis, offset: number, options: CompletionOptions = {}): CompletionItem[] {
  const ctx = completionContext(analysis, offset);
  const trigger = options.triggerCharacter;
  // A space or `>` only asks for values and link targets: typing indentation must not pop up a list.
  if (trigger === ' ' && ctx.type !== 'value' && ctx.type !== 'linkTarget') return [];
  if (trigger === '>' && ctx.type !== 'linkTarget') return [];
  if (trigger === ':' && ctx.type !== 'value') return [];
  switch (ctx.type) {
    case 'none':
      return [];
    case 'statement':
      return statementItems(analysis, ctx);
    case 'value':
      return valueItems(analysis, ctx);
    case 'unit':
      return unitItems(ctx);
    case 'linkTarget':
      return nodeIdItems(analysis, ctx.span, ctx.from, ctx.needsSpace ? ' ' : '', '');
  }
}

/** The item with its documentation filled in where `complete` left it out (node items). */
export function resolveCompletionItem(analysis: Analysis, item: CompletionItem): CompletionItem {
  if (item.documentation !== undefined || item.nodeId === undefined) return item;
  const node = analysis.model.byId.get(item.nodeId);
  return node ? { ...item, documentation: nodeSummary(node) } : item;
}

// ---------------------------------------------------------------------------------------------

function statementItems(analysis: Analysis, ctx: Extract<CompletionContext, { type: 'statement' }>): CompletionItem[] {
  const parentKind: ParentKind = ctx.enclosing?.kind ?? 'file';
  const items: CompletionItem[] = [];
  const linkable = parentKind === 'file' || ALLOWED_CHILDREN[parentKind].length > 0;
  // `we|b -> db`: only node ids fit before an arrow.
  if (ctx.followedBy === 'arrow') return linkable ? nodeIdItems(analysis, ctx.span, undefined, '', '') : [];
  const keyOnly = ctx.followedBy === 'colon';
  if (!keyOnly) {
    for (const kind of ALLOWED_CHILDREN[parentKind]) {
      items.push({
        label: kind,
        kind: 'kind',
        detail: ALLOWED_CHILDREN[kind].length ? `node · may contain ${ALLOWED_CHILDREN[kind].join(', ')}` : 'node',
        documentation: kindDoc(kind),
        insertText: `${kind} \${1:${kind === 'tenant' ? 'name' : 'id'}} {\n\t$0\n}`,
        snippet: true,
        span: ctx.span,
        sortText: `0${kind}`,
      });
    }
    // The fuller snippets, only those that may stand here.
    for (const s of snippetsFor(parentKind)) {
      for (const word of [s.label, ...(s.aliases ?? [])]) {
        items.push({ label: word, kind: 'snippet', detail: `snippet · ${SNIPPET_DETAIL[s.stands] ?? s.stands}`, documentation: s.description, insertText: s.body, snippet: true, span: ctx.span, sortText: `0${s.label}~` });
      }
    }
  }
  const node = ctx.enclosing;
  if (node) {
    for (const spec of PROPERTIES[node.kind]) {
      const written = node.propDecls.get(spec.key);
      // Offer a key the node already has only when the cursor is on that very key.
      if (written && !(written.key.start === ctx.span.start && ctx.span.end > ctx.span.start)) continue;
      items.push(propertyItem(node.kind, spec, ctx.span, keyOnly));
    }
  }
  // Link sources: only once a word is typed, so that a plain Ctrl+Space lists kinds and properties.
  if (!keyOnly && ctx.typed && linkable) nodeIdItems(analysis, ctx.span, undefined, '', ' -> ', '2', items);
  return items;
}

const SNIPPET_DETAIL: Readonly<Record<string, string>> = { link: 'a link between two nodes', suppression: 'silence one rule for the next node' };

function propertySnippet(spec: PropertySpec): { text: string; snippet: boolean; retrigger: boolean } {
  const words = allowedWords(spec);
  if (words.length) return { text: `${spec.key}: \${1|${words.join(',')}|}`, snippet: true, retrigger: false };
  switch (spec.type) {
    case 'boolean':
      return { text: `${spec.key}: \${1|true,false|}`, snippet: true, retrigger: false };
    case 'hypervisorType':
      return { text: `${spec.key}: \${1|1,2|}`, snippet: true, retrigger: false };
    case 'text':
      return { text: `${spec.key}: "$1"`, snippet: true, retrigger: false };
    case 'catalog':
      return { text: `${spec.key}: `, snippet: false, retrigger: true };
    case 'name':
      return spec.key === 'tenant' || spec.key === 'service' || spec.key === 'arch'
        ? { text: `${spec.key}: `, snippet: false, retrigger: true }
        : { text: `${spec.key}: $1`, snippet: true, retrigger: false };
    case 'user':
      return { text: `${spec.key}: $1`, snippet: true, retrigger: false };
    default:
      return { text: `${spec.key}: \${1:${VALUE_TYPES[spec.type].example}}`, snippet: true, retrigger: false };
  }
}

function propertyItem(kind: Kind, spec: PropertySpec, span: Span, keyOnly: boolean): CompletionItem {
  const insert = keyOnly ? { text: spec.key, snippet: false, retrigger: false } : propertySnippet(spec);
  return {
    label: spec.key,
    kind: 'property',
    detail: `${kind} property · ${VALUE_TYPES[spec.type].describe}`,
    documentation: propertyDoc(kind, spec),
    insertText: insert.text,
    ...(insert.snippet ? { snippet: true } : {}),
    ...(insert.retrigger ? { retrigger: true } : {}),
    span,
    sortText: `1${spec.key}`,
  };
}

/** A node a link end may name (not a tenant), the first of its id in the model, with what its item shows beside it. */
interface IdCandidate {
  readonly node: ModelNode;
  readonly id: string;
  /** Its kind, label and parent: `container "Web" in engine eng1`. */
  readonly detail: string;
}

/** Each part's (a project unit's) candidates, kept on the part while it is bound: an edit redoes those of the units it touched. */
const PART_CANDIDATES = Symbol('strata.partCandidates');
/** The model's candidates, each id once, in model order: made once per bind (kept on the model), for every completion of that version. */
const MODEL_CANDIDATES = Symbol('strata.modelCandidates');

/** What a node's item shows beside its id: `container "Web" in engine eng1`. */
function nodeDetail(n: ModelNode): string {
  const where = n.parent ? ` in ${n.parent.kind} ${n.parent.id ?? '?'}` : '';
  return `${n.kind}${n.label !== undefined ? ` "${n.label}"` : ''}${where}`;
}

function candidatesOfPart(part: Model): readonly IdCandidate[] {
  return cacheOn(part, PART_CANDIDATES, () => candidatesIn(part));
}

function candidatesIn(part: Model): readonly IdCandidate[] {
  const out: IdCandidate[] = [];
  const seen = new Set<string>();
  for (const n of part.nodes) {
    if (n.id === undefined || n.kind === 'tenant' || seen.has(n.id)) continue;
    seen.add(n.id);
    out.push({ node: n, id: n.id, detail: nodeDetail(n) });
  }
  return out;
}

/**
 * The last merge of the parts' candidates: the lists it merged, and which candidates of which list
 * it left out (ids an earlier part has). The next version's merge, when its lists hold the same
 * ids in the same order (an edit that changed values, not ids), leaves out the same ones without
 * looking ids up again. A hint only: it is used when the lists say it applies.
 */
let lastMerge: { readonly lists: readonly (readonly IdCandidate[])[]; readonly dropped: ReadonlyMap<number, ReadonlySet<number>> } | undefined;

function sameIds(a: readonly IdCandidate[], b: readonly IdCandidate[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].id !== b[i].id) return false;
  return true;
}

/** Every id a link end may name, once, in model order (a project's: of every file, read unit by unit). */
function idCandidates(analysis: Analysis): readonly IdCandidate[] {
  return cacheOn(analysis.model, MODEL_CANDIDATES, () => mergeCandidates(analysis));
}

function mergeCandidates(analysis: Analysis): readonly IdCandidate[] {
  const lists = modelParts(analysis).map(candidatesOfPart);
  let out: readonly IdCandidate[];
  if (lists.length === 1) out = lists[0];
  else {
    const all: IdCandidate[] = [];
    const last = lastMerge;
    if (last && last.lists.length === lists.length && lists.every((list, i) => sameIds(list, last.lists[i]))) {
      lists.forEach((list, i) => {
        const dropped = last.dropped.get(i);
        for (let k = 0; k < list.length; k++) if (!dropped?.has(k)) all.push(list[k]);
      });
      lastMerge = { lists, dropped: last.dropped };
    } else {
      const seen = new Set<string>();
      const dropped = new Map<number, Set<number>>();
      lists.forEach((list, i) => {
        for (let k = 0; k < list.length; k++) {
          const c = list[k];
          if (seen.has(c.id)) {
            let set = dropped.get(i);
            if (!set) dropped.set(i, (set = new Set()));
            set.add(k);
            continue;
          }
          seen.add(c.id);
          all.push(c);
        }
      });
      lastMerge = { lists, dropped };
    }
    out = all;
  }
  return out;
}

/** Node id items (appended to `into`), every id but `skip`: `before` and `after` go around the id inserted. */
function nodeIdItems(analysis: Analysis, span: Span, skip: string | undefined, before: string, after: string, sortPrefix = '0', into: CompletionItem[] = []): CompletionItem[] {
  const link = after ? ' · link from here' : '';
  const add = (n: ModelNode, id: string, detail: string) => {
    const sortText = sortPrefix + id;
    // One object literal of a fixed shape per item (a link end of a large project makes 100,000).
    let item: CompletionItem;
    if (!before && !after) item = { label: id, kind: 'node', detail, insertText: id, span, sortText, nodeKind: n.kind, nodeId: id };
    else if (!before) item = { label: id, kind: 'node', detail: detail + link, insertText: id + after, retrigger: true, span, sortText, nodeKind: n.kind, nodeId: id };
    else if (!after) item = { label: id, kind: 'node', detail, insertText: before + id, span, filterText: id, sortText, nodeKind: n.kind, nodeId: id };
    else item = { label: id, kind: 'node', detail: detail + link, insertText: before + id + after, retrigger: true, span, filterText: id, sortText, nodeKind: n.kind, nodeId: id };
    into.push(item);
  };
  // One item an id, the first node of that id in the model's order (tenants are not link ends).
  // What each item shows is made once per part (a lone file's model, a project's unit while it is
  // bound) and merged once per version.
  for (const { node, id, detail } of idCandidates(analysis)) if (id !== skip) add(node, id, detail);
  return into;
}

function valueItems(analysis: Analysis, ctx: Extract<CompletionContext, { type: 'value' }>): CompletionItem[] {
  const node = ctx.enclosing;
  const spec = node ? propertySpec(node.kind, ctx.key) : undefined;
  if (!node || !spec) return [];
  const lead = ctx.needsSpace ? ' ' : '';
  const item = (label: string, kind: CompletionItemKind, detail: string | undefined, documentation: string | undefined, sort: string): CompletionItem => ({
    label,
    kind,
    ...(detail ? { detail } : {}),
    ...(documentation ? { documentation } : {}),
    insertText: lead + label,
    span: ctx.span,
    ...(lead ? { filterText: label } : {}),
    sortText: sort,
  });
  if (spec.catalog) {
    const catalog = spec.catalog;
    return catalogueIds(catalog).map((id, i) => item(id, 'catalogue', catalogueDetail(catalog, id), catalogueDoc(catalog, id), String(i).padStart(3, '0')));
  }
  const meanings = WORD_MEANINGS[spec.key] ?? {};
  const words = allowedWords(spec);
  if (words.length) return words.map((w, i) => item(w, 'value', meanings[w], propertyDoc(node.kind, spec), String(i)));
  if (spec.type === 'boolean') return ['true', 'false'].map((w, i) => item(w, 'value', meanings[w], propertyDoc(node.kind, spec), String(i)));
  if (spec.type === 'hypervisorType') return ['1', '2'].map((w, i) => item(w, 'value', `type ${w}: ${meanings[w] ?? ''}`, propertyDoc(node.kind, spec), String(i)));
  if (spec.key === 'tenant') return tenantItems(analysis, ctx, item);
  if (spec.key === 'service') return serviceItems(analysis, ctx, item);
  if (spec.key === 'arch') return ['x86_64', 'arm64'].map((w, i) => item(w, 'value', 'CPU architecture', undefined, String(i)));
  return [];
}

type ItemMaker = (label: string, kind: CompletionItemKind, detail: string | undefined, documentation: string | undefined, sort: string) => CompletionItem;

/** Uses of a `tenant:`/`service:` name, not counting the value being typed at the cursor. */
function usesElsewhere(spans: readonly Span[] | undefined, editing: Span): number {
  if (!spans) return 0;
  return spans.filter((s) => s.start !== editing.start || editing.end === editing.start).length;
}

function tenantItems(analysis: Analysis, ctx: Extract<CompletionContext, { type: 'value' }>, item: ItemMaker): CompletionItem[] {
  const used = symbolIndex(analysis).values.tenant;
  const items: CompletionItem[] = [];
  for (const [name, decl] of analysis.model.tenants) {
    const trust = decl.node.props.trust;
    const uses = usesElsewhere(used.get(name), ctx.span);
    items.push(item(name, 'tenant', `declared tenant${trust ? ` · trust ${trust}` : ''} · used ${uses}×`, tenantDoc(analysis, name), `0${name}`));
  }
  for (const [name, spans] of used) {
    if (analysis.model.tenants.has(name) || isKind(name)) continue;
    const uses = usesElsewhere(spans, ctx.span);
    if (uses === 0) continue;
    items.push(item(name, 'tenant', `tenant (not declared) · used ${uses}×`, tenantDoc(analysis, name), `1${name}`));
  }
  return items;
}

function serviceItems(analysis: Analysis, ctx: Extract<CompletionContext, { type: 'value' }>, item: ItemMaker): CompletionItem[] {
  // The instances of every service, in one pass.
  const instances = new Map<string, ModelNode[]>();
  for (const part of modelParts(analysis)) {
    for (const n of part.nodes) {
      const s = n.props.service;
      if (s === undefined) continue;
      const list = instances.get(s);
      if (list) list.push(n);
      else instances.set(s, [n]);
    }
  }
  const items: CompletionItem[] = [];
  for (const [name, spans] of symbolIndex(analysis).values.service) {
    const uses = usesElsewhere(spans, ctx.span);
    if (uses === 0) continue;
    items.push(item(name, 'service', `service · ${uses} instance(s)`, serviceDocOf(name, instances.get(name) ?? []), name));
  }
  return items;
}

function unitItems(ctx: Extract<CompletionContext, { type: 'unit' }>): CompletionItem[] {
  const node = ctx.enclosing;
  const spec = node ? propertySpec(node.kind, ctx.key) : undefined;
  if (!spec) return [];
  return unitsFor(spec.type).map((unit, i) => ({
    label: unit,
    kind: 'unit' as const,
    detail: `${ctx.number}${unit}`,
    ...(unitDoc(unit) ? { documentation: unitDoc(unit)! } : {}),
    insertText: unit,
    span: ctx.span,
    sortText: String(i),
  }));
}
