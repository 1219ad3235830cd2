// "What is at this offset": the shared question behind every editor service. `locate` walks the
// syntax tree by binary search (cheap on large files) and says which nodes enclose an offset and
// what the offset touches (a kind keyword, a node id, a property key or value, a link end, a
// comment); `tokenAt` and `statementTokens` give the raw token view for half-typed lines, where
// the tree has nothing yet; `symbolAt` and `occurrences` find the names that navigation and
// rename work on (node ids, tenants, services) and every place they are written.
import { cacheOn } from '../cacheOn';
import type { Analysis } from '../index';
import type { Model, ModelNode, ResolvedLink } from '../model/model';
import { nodesOfFile, unitsOfFile } from '../model/fileNodes';
import type { Block, Comment, FileNode, Link, Name, NodeDecl, Property, Span, Statement, Value } from '../syntax/ast';
import { Tok } from '../syntax/scanner';
import { nodeFile } from '../model/queries';

/** A node declaration and the model node bound to it. */
export interface Frame {
  readonly decl: NodeDecl;
  readonly node: ModelNode;
}

/** What an offset touches. Spans are the exact text of the thing touched. */
export type Hit =
  | { readonly type: 'kind'; readonly node: ModelNode; readonly span: Span }
  | { readonly type: 'nodeId'; readonly node: ModelNode; readonly span: Name }
  | { readonly type: 'label'; readonly node: ModelNode; readonly span: Span }
  | { readonly type: 'propertyKey'; readonly node: ModelNode | undefined; readonly prop: Property; readonly span: Name }
  | {
      readonly type: 'value';
      readonly node: ModelNode | undefined;
      readonly prop: Property;
      /** The scalar value touched (an item when the value is a list). */
      readonly value: Value;
      readonly span: Span;
    }
  | { readonly type: 'linkEnd'; readonly link: Link; readonly end: 'from' | 'to'; readonly span: Name; readonly target: ModelNode | undefined }
  | { readonly type: 'linkLabel'; readonly link: Link; readonly span: Span }
  /** The id after `extend`: a use of the node it names, declared in this file or another. */
  | { readonly type: 'extendTarget'; readonly span: Name; readonly target: ModelNode | undefined }
  | { readonly type: 'comment'; readonly span: Comment };

export interface Located {
  /** The nodes whose header or body holds the offset, outermost first. */
  readonly path: readonly Frame[];
  /**
   * The nodes whose body (between the braces) holds the offset, outermost first: where a new
   * statement typed at the offset would stand. A prefix of `path`.
   */
  readonly enclosing: readonly Frame[];
  /** The innermost statement that holds the offset (inclusive of its end), if any. */
  readonly statement: Statement | undefined;
  readonly hit: Hit | undefined;
}

/** Whether `offset` touches a span, its end included (a cursor right after a word touches it). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Whether an offset lies inside a block, between its braces (or to its end when unclosed). */
function insideBody(decl: Span, body: Block, offset: number): boolean {
  return body.open < offset && (body.close >= 0 ? offset <= body.close : offset <= decl.end);
}

/** The last item whose `start` is at or before `offset` (binary search over items sorted by start). */
function lastStartingAtOrBefore<T extends Span>(items: readonly T[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The statement of a list that holds `offset` (inclusive end), preferring one that starts there. */
function statementAt(statements: readonly Statement[], offset: number): Statement | undefined {
  const i = lastStartingAtOrBefore(statements, offset);
  if (i < 0) return undefined;
  const s = statements[i];
  return offset <= s.end ? s : undefined;
}

/** The model node bound to `decl`, among the children of `parent` (or the roots). */
function modelNodeOf(analysis: Analysis, parent: ModelNode | undefined, decl: NodeDecl): ModelNode | undefined {
  // In a project, a node's children (and the roots) come from several files, whose offsets
  // interleave: look the declaration up instead of searching by offset.
  if ((decl as { store?: { file?: string } }).store?.file !== undefined) return nodeOfDecl(analysis, decl);
  const list = parent ? parent.children : analysis.model.roots;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid].decl.start;
    if (s === decl.start) return list[mid].decl === decl ? list[mid] : undefined;
    if (s < decl.start) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Declarations to their nodes, kept on a list of nodes (one file's in one bind, or a lone model's). */
const DECL_INDEX = Symbol('strata.declIndex');

/** The model node of a declaration of the analysed file, by an index of the file's nodes built once per bind. */
function nodeOfDecl(analysis: Analysis, decl: NodeDecl): ModelNode | undefined {
  const nodes = fileNodes(analysis);
  const index = cacheOn(nodes, DECL_INDEX, () => {
    const out = new Map<NodeDecl, ModelNode>();
    for (const n of nodes) out.set(n.decl, n);
    return out;
  });
  return index.get(decl);
}

/**
 * The nodes declared in the analysed file, in the order of the model. For a file of a project,
 * from the units the file contributes to (model/fileNodes.ts), kept for the bind: a request for
 * one file reads these, never the whole project's `model.nodes`. For a lone file, `model.nodes`.
 */
export function fileNodes(analysis: Analysis): readonly ModelNode[] {
  const project = analysis.project;
  if (!project) return analysis.model.nodes;
  return analysis.file !== undefined ? nodesOfFile(project.units, analysis.file) : [];
}

/**
 * The models of the units that hold the analysed file's nodes, in model order (a lone file: its
 * model). A node's subtree lies in its unit: what a request asks of a node's descendants (a
 * host's kernels and tenants) is found there, whatever file declares them.
 */
export function fileUnitModels(analysis: Analysis): readonly Model[] {
  const project = analysis.project;
  if (!project) return [analysis.model];
  return analysis.file !== undefined ? unitsOfFile(project.units, analysis.file).map((u) => u.model) : [];
}

/**
 * The whole model as the parts it was bound in, in model order: a project's units (their nodes
 * in a row are `model.nodes`), or a lone file's model. For what must go through every node of a
 * project (completion's ids, the instances of a service) without joining the project's lists.
 */
export function modelParts(analysis: Analysis): readonly Model[] {
  const project = analysis.project;
  return project ? project.units.map((u) => u.model) : [analysis.model];
}

/** The comment that holds `offset` (after its first character, up to its end), if any. */
export function commentAt(analysis: Analysis, offset: number): Comment | undefined {
  const comments = analysis.tree.comments;
  const i = lastStartingAtOrBefore(comments, offset);
  if (i < 0) return undefined;
  const c = comments[i];
  if (offset <= c.start) return undefined;
  // A line comment runs to the end of its line; a closed block comment ends before its `*/` end.
  const closed = c.block && c.text.length >= 4 && c.text.endsWith('*/');
  return offset < c.end || (offset === c.end && !closed) ? c : undefined;
}

/** Where an offset is: enclosing nodes, the statement, and the thing touched. Never throws. */
export function locate(analysis: Analysis, offset: number): Located {
  const path: Frame[] = [];
  const enclosing: Frame[] = [];
  let statements: readonly Statement[] = analysis.tree.statements;
  let parent: ModelNode | undefined;
  let statement: Statement | undefined;
  let hit: Hit | undefined;
  const comment = commentAt(analysis, offset);
  for (;;) {
    const s = statementAt(statements, offset);
    if (!s) break;
    if (s.type === 'extend') {
      // An extension's block stands in its target's block (wherever the target is declared).
      statement = s;
      const target = s.target ? analysis.model.byId.get(s.target.text) : undefined;
      if (s.body && target && insideBody(s, s.body, offset)) {
        statements = s.body.statements;
        parent = target;
        enclosing.push({ decl: target.decl, node: target });
        continue;
      }
      if (!comment && s.target && touches(s.target, offset)) hit = { type: 'extendTarget', span: s.target, target };
      break;
    }
    if (s.type !== 'node') {
      statement = s;
      hit = comment ? undefined : s.type === 'property' ? propertyHit(s, offset, parent) : linkHit(analysis, s, offset);
      break;
    }
    const node = modelNodeOf(analysis, parent, s);
    if (!node) break;
    const frame: Frame = { decl: s, node };
    path.push(frame);
    statement = s;
    if (s.body && insideBody(s, s.body, offset)) {
      enclosing.push(frame);
      statements = s.body.statements;
      parent = node;
      continue;
    }
    if (!comment) hit = headerHit(s, node, offset);
    break;
  }
  if (comment) hit = { type: 'comment', span: comment };
  return { path, enclosing, statement, hit };
}

function headerHit(decl: NodeDecl, node: ModelNode, offset: number): Hit | undefined {
  if (touches(decl.kindSpan, offset)) return { type: 'kind', node, span: decl.kindSpan };
  if (decl.id && touches(decl.id, offset)) return { type: 'nodeId', node, span: decl.id };
  if (decl.label && touches(decl.label, offset)) return { type: 'label', node, span: decl.label };
  return undefined;
}

function propertyHit(prop: Property, offset: number, node: ModelNode | undefined): Hit | undefined {
  if (touches(prop.key, offset)) return { type: 'propertyKey', node, prop, span: prop.key };
  const v = prop.value;
  if (!v) return undefined;
  if (v.type === 'list') {
    for (const item of v.items) if (touches(item, offset)) return { type: 'value', node, prop, value: item, span: item };
    return undefined;
  }
  return touches(v, offset) ? { type: 'value', node, prop, value: v, span: v } : undefined;
}

function linkHit(analysis: Analysis, link: Link, offset: number): Hit | undefined {
  // At `a->b` the offset between `a` and `->` touches `a`; `b` starts after the arrow.
  if (touches(link.from, offset)) return { type: 'linkEnd', link, end: 'from', span: link.from, target: analysis.model.byId.get(link.from.text) };
  if (link.to && touches(link.to, offset)) return { type: 'linkEnd', link, end: 'to', span: link.to, target: analysis.model.byId.get(link.to.text) };
  if (link.label && touches(link.label, offset)) return { type: 'linkLabel', link, span: link.label };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The token view, for lines the parser could not make sense of yet.
// ---------------------------------------------------------------------------------------------

/** Index of the last token that starts before `offset` (the one the offset is inside or after), or -1. */
export function tokenBefore(analysis: Analysis, offset: number): number {
  const { starts, count } = analysis.tokens;
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A token: its index, kind, span and text. */
export interface TokenInfo extends Span {
  readonly index: number;
  readonly kind: number;
  readonly text: string;
}

export function tokenInfo(analysis: Analysis, index: number): TokenInfo {
  const t = analysis.tokens;
  return { index, kind: t.kinds[index], start: t.starts[index], end: t.ends[index], text: analysis.text.slice(t.starts[index], t.ends[index]) };
}

/** The next significant token (no comments) after token `index`, on the same statement or not. */
export function nextSignificant(analysis: Analysis, index: number): TokenInfo | undefined {
  const { kinds, count } = analysis.tokens;
  for (let i = index + 1; i < count; i++) {
    const k = kinds[i];
    if (k === Tok.LineComment || k === Tok.BlockComment) continue;
    return tokenInfo(analysis, i);
  }
  return undefined;
}

/**
 * The significant tokens of the statement before token `last` (inclusive), back to the start of
 * the statement: a line break, `;`, `{`, `}` or the start of the file. At most `limit` tokens
 * are returned (the statement is then longer than any pattern the caller looks for).
 */
export function statementTokens(analysis: Analysis, last: number, limit = 8): TokenInfo[] {
  const { kinds } = analysis.tokens;
  const out: TokenInfo[] = [];
  for (let i = last; i >= 0; i--) {
    const k = kinds[i];
    if (k === Tok.LineComment || k === Tok.BlockComment) continue;
    if (k === Tok.Newline || k === Tok.Semicolon || k === Tok.LBrace || k === Tok.RBrace) break;
    if (out.length === limit) {
      out.push(tokenInfo(analysis, i)); // marks "longer than the limit"
      break;
    }
    out.push(tokenInfo(analysis, i));
  }
  return out.reverse();
}

// ---------------------------------------------------------------------------------------------
// Symbols: node ids, tenants and services, and every place they are written.
// ---------------------------------------------------------------------------------------------

/**
 * The three kinds of names that navigation and rename follow. A `tenant` declaration's id is a
 * tenant (its `tenant:` values and any link end naming it are its references).
 */
export type NameKind = 'node' | 'tenant' | 'service';

export interface SymbolRef {
  readonly kind: NameKind;
  readonly name: string;
  /** The occurrence under the offset. */
  readonly span: Span;
}

export interface Occurrence {
  readonly span: Span;
  /** A node declaration's id (`tenant shop {}`, `vm db {}`), not a use. */
  readonly declaration: boolean;
  /** Where it is written: a node id, a link end, or a `tenant:` / `service:` value. */
  readonly role: 'declaration' | 'link' | 'value';
}

/** The name under the offset that navigation and rename follow, if any. */
export function symbolAt(analysis: Analysis, offset: number): SymbolRef | undefined {
  return symbolOfHit(analysis, locate(analysis, offset).hit);
}

export function symbolOfHit(analysis: Analysis, hit: Hit | undefined): SymbolRef | undefined {
  if (!hit) return undefined;
  switch (hit.type) {
    case 'nodeId':
      return { kind: hit.node.kind === 'tenant' ? 'tenant' : 'node', name: hit.span.text, span: hit.span };
    case 'extendTarget':
    case 'linkEnd': {
      const target = analysis.model.byId.get(hit.span.text);
      return { kind: target?.kind === 'tenant' ? 'tenant' : 'node', name: hit.span.text, span: hit.span };
    }
    case 'value': {
      const key = hit.prop.key.text;
      if ((key === 'tenant' || key === 'service') && hit.value.type === 'word' && hit.prop.value === hit.value) {
        return { kind: key, name: hit.value.value, span: hit.span };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

interface SymbolIndex {
  /** `tenant:` and `service:` word values by name, in document order. */
  readonly values: { readonly tenant: Map<string, Span[]>; readonly service: Map<string, Span[]> };
  /** Node declaration ids by name (all of them when an id repeats), in document order. */
  readonly declarations: Map<string, { span: Span; node: ModelNode }[]>;
  /** Link ends by name, in document order. */
  readonly linkEnds: Map<string, Span[]>;
}

/** What one file's tree holds of the index: `tenant:`/`service:` values and `extend` targets by name, each list in document order. */
interface TreeSymbols {
  readonly tenant: Map<string, Span[]>;
  readonly service: Map<string, Span[]>;
  readonly extendTargets: Map<string, Span[]>;
}

/** Kept with the parse: a file whose text did not change is not walked again after an edit elsewhere. */
const TREE_SYMBOLS = Symbol('strata.treeSymbols');
/** One index per bind: by project analysis (shared by its files' views), or by a lone file's analysis. */
const SYMBOL_INDEX = Symbol('strata.symbolIndex');

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function symbolsOfTree(tree: FileNode): TreeSymbols {
  return cacheOn(tree, TREE_SYMBOLS, () => walkTreeSymbols(tree));
}

function walkTreeSymbols(tree: FileNode): TreeSymbols {
  const out: TreeSymbols = { tenant: new Map(), service: new Map(), extendTargets: new Map() };
  // Every property statement, repeated keys and top-level ones included. An `extend` target is a
  // use of the node it names, like a link end.
  const stack: (readonly Statement[])[] = [tree.statements];
  while (stack.length) {
    for (const s of stack.pop()!) {
      if (s.type === 'node' || s.type === 'extend') {
        if (s.type === 'extend' && s.target) push(out.extendTargets, s.target.text, s.target);
        if (s.body) stack.push(s.body.statements);
      } else if (s.type === 'property' && s.value?.type === 'word') {
        const key = s.key.text;
        if (key === 'tenant' || key === 'service') push(out[key], s.value.value, s.value);
      }
    }
  }
  for (const map of [out.tenant, out.service, out.extendTargets]) for (const list of map.values()) list.sort(byFileAndStart);
  return out;
}

/** The files' maps as one (a lone file's is its own), each name's lists joined in the files' order (a project's files are sorted by name: document order). Read only. */
function joined(maps: readonly Map<string, Span[]>[]): Map<string, Span[]> {
  if (maps.length === 1) return maps[0];
  const out = new Map<string, Span[]>();
  for (const map of maps) {
    for (const [name, list] of map) {
      const all = out.get(name);
      if (all) for (const span of list) all.push(span);
      else out.set(name, [...list]);
    }
  }
  return out;
}

/**
 * An index whose parts are made when first read, from the trees, nodes and links it covers. A
 * class, not an object literal with getters over closures (see `FileAnalysis` in core/index.ts).
 */
class LazyIndex implements SymbolIndex {
  private valuesPart: SymbolIndex['values'] | undefined = undefined;
  private declarationsPart: SymbolIndex['declarations'] | undefined = undefined;
  private linkEndsPart: SymbolIndex['linkEnds'] | undefined = undefined;

  constructor(
    private readonly trees: () => readonly TreeSymbols[],
    private readonly nodes: () => Iterable<ModelNode>,
    private readonly links: () => Iterable<ResolvedLink>,
  ) {}

  get values(): SymbolIndex['values'] {
    if (!this.valuesPart) {
      const files = this.trees();
      this.valuesPart = { tenant: joined(files.map((t) => t.tenant)), service: joined(files.map((t) => t.service)) };
    }
    return this.valuesPart;
  }

  get declarations(): SymbolIndex['declarations'] {
    if (!this.declarationsPart) {
      const declarations: SymbolIndex['declarations'] = new Map();
      for (const node of this.nodes()) if (node.decl.id) push(declarations, node.decl.id.text, { span: node.decl.id, node });
      this.declarationsPart = declarations;
    }
    return this.declarationsPart;
  }

  get linkEnds(): SymbolIndex['linkEnds'] {
    if (!this.linkEndsPart) {
      // A new map (the files' own lists stay as they are): the links join the `extend` targets.
      const linkEnds: SymbolIndex['linkEnds'] = new Map();
      for (const t of this.trees()) for (const [name, list] of t.extendTargets) for (const span of list) push(linkEnds, name, span);
      for (const link of this.links()) {
        push(linkEnds, link.decl.from.text, link.decl.from);
        if (link.decl.to) push(linkEnds, link.decl.to.text, link.decl.to);
      }
      for (const list of linkEnds.values()) list.sort(byFileAndStart);
      this.linkEndsPart = linkEnds;
    }
    return this.linkEndsPart;
  }
}

/** Each unit's nodes in a row: a project's nodes in the model's order, its lists not joined. */
function* nodesOfParts(analysis: Analysis): Iterable<ModelNode> {
  for (const part of modelParts(analysis)) yield* part.nodes;
}

/**
 * Every symbol occurrence of the document (a project's: of every file), indexed once per bind,
 * each part when first asked for: completion of a `tenant:` or `service:` value reads the values
 * only, which come from each file's tree as kept with its parse (an edit walks the edited file).
 */
export function symbolIndex(analysis: Analysis): SymbolIndex {
  const project = analysis.project;
  return cacheOn(project ?? analysis, SYMBOL_INDEX, () => {
    const trees = () => (project ? project.files.map((f) => symbolsOfTree(project.fileAnalysis(f)!.tree)) : [symbolsOfTree(analysis.tree)]);
    return new LazyIndex(trees, () => nodesOfParts(analysis), () => analysis.model.links);
  });
}

/** A project's links by the file they are written in, once per bind (kept on the model). */
const LINKS_BY_FILE = Symbol('strata.linksByFile');

/** One file's index per bind (kept on the file's list of nodes, which is kept per bind). */
const FILE_SYMBOL_INDEX = Symbol('strata.fileSymbolIndex');

/**
 * The symbol occurrences written in the analysed file only (a lone file's: `symbolIndex`): its
 * tree's values and `extend` targets, its nodes' ids and its links' ends. What a request about
 * this file alone (document highlights) reads instead of the whole project's index.
 */
export function fileSymbolIndex(analysis: Analysis): SymbolIndex {
  if (!analysis.project) return symbolIndex(analysis);
  const nodes = fileNodes(analysis);
  return cacheOn(nodes, FILE_SYMBOL_INDEX, () => {
    const model = analysis.model;
    const links = () => {
      const byFile = cacheOn(model, LINKS_BY_FILE, () => {
        const out = new Map<string | undefined, ResolvedLink[]>();
        for (const link of model.links) push(out, link.decl.from.file, link);
        return out;
      });
      return byFile.get(analysis.file) ?? [];
    };
    return new LazyIndex(() => [symbolsOfTree(analysis.tree)], () => nodes, links);
  });
}

/**
 * Every place a symbol is written, in document order: in every file of a project, or (`'file'`)
 * in the analysed file only.
 */
export function occurrences(analysis: Analysis, symbol: Pick<SymbolRef, 'kind' | 'name'>, scope: 'project' | 'file' = 'project'): Occurrence[] {
  const index = scope === 'file' ? fileSymbolIndex(analysis) : symbolIndex(analysis);
  const out: Occurrence[] = [];
  const { name } = symbol;
  const isTenantNode = (n: ModelNode) => n.kind === 'tenant';
  if (symbol.kind === 'node' || symbol.kind === 'tenant') {
    // A link end names the node `byId` resolves it to: the declared tenant when the symbol is
    // a tenant, any other node otherwise.
    const target = analysis.model.byId.get(name);
    const linksBelong = symbol.kind === 'tenant' ? target !== undefined && isTenantNode(target) : target === undefined || !isTenantNode(target);
    for (const d of index.declarations.get(name) ?? []) {
      if ((symbol.kind === 'tenant') === isTenantNode(d.node)) out.push({ span: d.span, declaration: true, role: 'declaration' });
    }
    if (linksBelong) for (const span of index.linkEnds.get(name) ?? []) out.push({ span, declaration: false, role: 'link' });
  }
  if (symbol.kind === 'tenant' || symbol.kind === 'service') {
    for (const span of index.values[symbol.kind].get(name) ?? []) out.push({ span, declaration: false, role: 'value' });
  }
  return out.sort((a, b) => byFileAndStart(a.span, b.span));
}

/** Document order within a file; a project's files in name order (a lone file's spans have none). */
function byFileAndStart(a: Span, b: Span): number {
  const fa = a.file ?? '';
  const fb = b.file ?? '';
  return fa < fb ? -1 : fa > fb ? 1 : a.start - b.start;
}

/** A span as plain data: its offsets and, in a project, its file. */
export function plainSpan(span: Span): Span {
  return span.file !== undefined ? { start: span.start, end: span.end, file: span.file } : { start: span.start, end: span.end };
}

/** Is the node declared in the analysed file (in a project, the model holds every file's nodes)? */
export function declaredHere(analysis: Analysis, node: ModelNode): boolean {
  return analysis.project === undefined || nodeFile(node) === analysis.file;
}

/** Is the span in the analysed file (a lone file's spans always are)? */
export function inThisFile(analysis: Analysis, span: Span): boolean {
  return span.file === undefined || span.file === analysis.file;
}
