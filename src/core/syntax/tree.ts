// How the parser stores the syntax tree. A large model has several properties and links per
// node; one object each (plus its key, its value and its spans) made a 50,000-node file keep
// about a million small objects alive, and the garbage collector's cost grew faster than the
// file. So the parser keeps properties and links in flat typed arrays over the token stream and
// builds their objects only when something asks for them (`decl.body.statements`, a check's
// `propDecls.get`, an editor service). Built objects are kept, so each statement is always the
// same object. Node declarations stay objects (the model points at them); their id, label,
// keyword span and block are built on first access too.
//
// The binder reads the flat form directly (`SyntaxStore`), so analysing a file builds no
// Property, Link, Name or value objects except for the statements a finding is about.
import type { Block, ExtendDecl, FileNode, Kind, Link, ListLiteral, Name, NodeDecl, Property, Span, Statement, StringLiteral, Value, Comment } from './ast';
import { parseDecimal, sliceInterned } from './intern';
import { Tok, type TokenStream, isTerminated, unescapeString, unitStart } from './scanner';

/** A statement reference: `(index << 2) | tag`, the index into the node, property or link table. */
export const REF_NODE = 0;
export const REF_PROPERTY = 1;
export const REF_LINK = 2;
/** An `extend ID { … }` statement (index into `store.extensions`). */
export const REF_EXTEND = 3;

/** A property's value slot: a token index for a scalar, or one of these. */
export const NO_VALUE = -1;
export const LIST_VALUE = -2;

/** A growable Int32Array (the parser appends; readers see `data` up to `length`). */
export class IntBuffer {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length] = v;
    return this.length++;
  }
}

/** The flat tables behind one parsed file. */
export class SyntaxStore {
  /** Node declarations by index (document order of their keywords). */
  readonly decls: DeclNode[] = [];
  /** `extend ID { … }` statements by index (document order). */
  readonly extensions: ExtendNode[] = [];
  /** For property i: the token of its key, of its value (or NO_VALUE / LIST_VALUE), and where it ends. */
  readonly propKeyTok: IntBuffer;
  readonly propValueTok: IntBuffer;
  readonly propEnd: IntBuffer;
  /** For property i: its key text (shared strings for the known keys). */
  readonly propKeys: string[] = [];
  /** The list values, by property index (lists are rare; they are built while parsing). */
  readonly lists = new Map<number, ListLiteral>();
  /** For link i: the tokens of its ends and label (-1 when missing), and where it ends. */
  readonly linkFromTok: IntBuffer;
  readonly linkToTok: IntBuffer;
  readonly linkLabelTok: IntBuffer;
  readonly linkEnd: IntBuffer;
  /** Every block's statement references, one block after another (see DeclNode.refStart). */
  readonly refs: IntBuffer;
  /** Was some block never closed (its `}` missing)? */
  unclosed = false;
  private readonly propObjects: (Property | undefined)[] = [];
  private readonly linkObjects: (Link | undefined)[] = [];

  /** `colons` and `arrows`: how many the file has, which bounds its properties and links. */
  constructor(
    readonly text: string,
    readonly tokens: TokenStream,
    colons: number,
    arrows: number,
    /**
     * The project file this text is (see core/project), or undefined for a lone file. Every span
     * object the store builds then carries it as `file`, so a finding on an `extend` block's
     * property knows which file it is in without the checks knowing about files.
     */
    readonly file?: string,
  ) {
    this.propKeyTok = new IntBuffer(colons);
    this.propValueTok = new IntBuffer(colons);
    this.propEnd = new IntBuffer(colons);
    this.linkFromTok = new IntBuffer(arrows);
    this.linkToTok = new IntBuffer(arrows);
    this.linkLabelTok = new IntBuffer(arrows);
    this.linkEnd = new IntBuffer(arrows);
    this.refs = new IntBuffer(colons + arrows + (tokens.count >> 4));
  }

  /** The statement a reference stands for, built on first use. */
  statement(ref: number): Statement {
    const i = ref >> 2;
    switch (ref & 3) {
      case REF_NODE:
        return this.decls[i];
      case REF_PROPERTY:
        return this.property(i);
      case REF_EXTEND:
        return this.extensions[i];
      default:
        return this.link(i);
    }
  }

  statements(refStart: number, refCount: number): Statement[] {
    const out = new Array<Statement>(refCount);
    const refs = this.refs.data;
    for (let k = 0; k < refCount; k++) out[k] = this.statement(refs[refStart + k]);
    return out;
  }

  /** Property i as an object (built once). */
  property(i: number): Property {
    let p = this.propObjects[i];
    if (p) return p;
    const kt = this.propKeyTok.data[i];
    const key: Name = { text: this.propKeys[i], start: this.tokens.starts[kt], end: this.tokens.ends[kt] };
    const value = this.value(i);
    p = value ? { type: 'property', key, value, start: key.start, end: value.end } : { type: 'property', key, start: key.start, end: this.propEnd.data[i] };
    this.propObjects[i] = this.stamp(p);
    this.stamp(key);
    return p;
  }

  /**
   * The value of property i, built anew on each call unless the property object exists (then
   * its own value). The binder validates with it and lets it go.
   */
  value(i: number): Value | undefined {
    const built = this.propObjects[i];
    if (built) return built.value;
    const vt = this.propValueTok.data[i];
    if (vt === NO_VALUE) return undefined;
    if (vt === LIST_VALUE) return this.lists.get(i);
    return this.scalar(vt);
  }

  /** Marks a span object built from this store with its file (a no-op for a lone file). */
  stamp<T extends Span>(span: T): T {
    if (this.file !== undefined) (span as { file?: string }).file = this.file;
    return span;
  }

  /** The scalar value at token t (a string, number, quantity, boolean or word token). */
  scalar(t: number): Value {
    const text = this.text;
    const k = this.tokens.kinds[t];
    const s = this.tokens.starts[t];
    const e = this.tokens.ends[t];
    if (k === Tok.String) return this.string(t);
    if (k === Tok.Number) return this.stamp({ type: 'number', start: s, end: e, value: parseDecimal(text, s, e) });
    if (k === Tok.Quantity) {
      const u = unitStart(text, s, e);
      return this.stamp({ type: 'quantity', start: s, end: e, value: parseDecimal(text, s, u), unit: sliceInterned(text, u, e) });
    }
    const w = sliceInterned(text, s, e);
    if (w === 'true' || w === 'false') return this.stamp({ type: 'boolean', start: s, end: e, value: w === 'true' });
    return this.stamp({ type: 'word', start: s, end: e, value: w });
  }

  string(t: number): StringLiteral {
    const s = this.tokens.starts[t];
    const e = this.tokens.ends[t];
    const terminated = isTerminated(this.text, s, e);
    return this.stamp({ type: 'string', start: s, end: e, terminated, value: unescapeString(this.text, s, e, terminated) });
  }

  /** The unescaped text of the string token t, without building the literal. */
  stringValue(t: number): string {
    const s = this.tokens.starts[t];
    const e = this.tokens.ends[t];
    return unescapeString(this.text, s, e, isTerminated(this.text, s, e));
  }

  name(t: number): Name {
    const s = this.tokens.starts[t];
    const e = this.tokens.ends[t];
    return this.stamp({ text: sliceInterned(this.text, s, e), start: s, end: e });
  }

  /** The text of the word token t. */
  word(t: number): string {
    return sliceInterned(this.text, this.tokens.starts[t], this.tokens.ends[t]);
  }

  /** Link i as an object (built once). */
  link(i: number): Link {
    let l = this.linkObjects[i];
    if (l) return l;
    const from = this.name(this.linkFromTok.data[i]);
    const tt = this.linkToTok.data[i];
    const lt = this.linkLabelTok.data[i];
    const to = tt >= 0 ? this.name(tt) : undefined;
    const label = lt >= 0 ? this.string(lt) : undefined;
    l = { type: 'link', from, to, label, start: from.start, end: this.linkEnd.data[i] };
    this.linkObjects[i] = this.stamp(l);
    return l;
  }
}

/** The parts of a declaration built on first access. */
interface BuiltParts {
  id?: Name;
  label?: StringLiteral;
  kindSpan?: Span;
  body?: Block;
}

/**
 * A statement with a block: a node declaration or an `extend`. It is also its block's property
 * table (`ModelNode.propDecls`): lookups by key go over the block's statement references, and a
 * long block gets an index on first use, so lookups stay O(1) however many statements it has.
 * When a key repeats, the first statement counts.
 */
export abstract class BlockTable {
  abstract readonly start: number;
  end: number;
  /** Offset of `{`, or -1 without a block. */
  open = -1;
  /** Offset of `}`, or -1 when the block was never closed. */
  close = -1;
  /** Where this block's statement references are in `store.refs`, and how many. */
  refStart = 0;
  refCount = 0;
  protected built: BuiltParts | undefined = undefined;
  private propIndex: Map<string, number> | undefined = undefined;

  constructor(
    readonly store: SyntaxStore,
    end: number,
  ) {
    this.end = end;
  }

  /** How messages name this block's owner: "vm 'node1'", "extend 'node1'". */
  abstract describe(): string;

  get body(): Block | undefined {
    if (this.open < 0) return undefined;
    const b = (this.built ??= {});
    return (b.body ??= this.store.stamp({ open: this.open, close: this.close, start: this.open, end: this.end, statements: this.store.statements(this.refStart, this.refCount) }));
  }

  /** The index (in the store's property table) of the block's first property with this key, or -1. */
  indexOf(key: string): number {
    if (this.refCount > SCAN_LIMIT) return (this.propIndex ??= this.buildIndex()).get(key) ?? -1;
    const refs = this.store.refs.data;
    const keys = this.store.propKeys;
    for (let k = this.refStart, end = this.refStart + this.refCount; k < end; k++) {
      const ref = refs[k];
      if ((ref & 3) === REF_PROPERTY && keys[ref >> 2] === key) return ref >> 2;
    }
    return -1;
  }

  /** The block's first property with this key. */
  get(key: string): Property | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.store.property(i);
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** The first property of each key, in order. */
  values(): Property[] {
    const out: Property[] = [];
    const refs = this.store.refs.data;
    for (let k = this.refStart, end = this.refStart + this.refCount; k < end; k++) {
      const ref = refs[k];
      if ((ref & 3) === REF_PROPERTY && this.indexOf(this.store.propKeys[ref >> 2]) === ref >> 2) out.push(this.store.property(ref >> 2));
    }
    return out;
  }

  *[Symbol.iterator](): IterableIterator<[string, Property]> {
    for (const p of this.values()) yield [p.key.text, p];
  }

  private buildIndex(): Map<string, number> {
    const index = new Map<string, number>();
    const refs = this.store.refs.data;
    for (let k = this.refStart, end = this.refStart + this.refCount; k < end; k++) {
      const ref = refs[k];
      if ((ref & 3) === REF_PROPERTY && !index.has(this.store.propKeys[ref >> 2])) index.set(this.store.propKeys[ref >> 2], ref >> 2);
    }
    return index;
  }
}

/** A node declaration: `KIND ID ["Label"] [{ statements }]`, and its block's property table. */
export class DeclNode extends BlockTable implements NodeDecl {
  declare readonly type: 'node';

  constructor(
    store: SyntaxStore,
    readonly kind: Kind,
    readonly start: number,
    /** The id as written, or undefined when it is missing. */
    readonly idText: string | undefined,
    readonly idStart: number,
    /** The token of the label, or -1. */
    readonly labelTok: number,
    end: number,
  ) {
    super(store, end);
  }

  describe(): string {
    return `${this.kind} '${this.idText ?? ''}'`;
  }

  get kindSpan(): Span {
    const b = (this.built ??= {});
    return (b.kindSpan ??= this.store.stamp({ start: this.start, end: this.start + this.kind.length }));
  }

  get id(): Name | undefined {
    if (this.idText === undefined) return undefined;
    const b = (this.built ??= {});
    return (b.id ??= this.store.stamp({ text: this.idText, start: this.idStart, end: this.idStart + this.idText.length }));
  }

  get label(): StringLiteral | undefined {
    if (this.labelTok < 0) return undefined;
    const b = (this.built ??= {});
    return (b.label ??= this.store.string(this.labelTok));
  }

  /** The label's text, without building the literal. */
  get labelText(): string | undefined {
    if (this.labelTok < 0) return undefined;
    return this.built?.label ? this.built.label.value : this.store.stringValue(this.labelTok);
  }

  /** The plain form (what `JSON.stringify` and structural comparisons see). */
  toJSON(): NodeDecl {
    return { type: 'node', kind: this.kind, kindSpan: this.kindSpan, id: this.id, label: this.label, body: this.body, start: this.start, end: this.end };
  }
}
// On the prototype: one field less in each of the many declarations.
Object.defineProperty(DeclNode.prototype, 'type', { value: 'node', enumerable: true });

/**
 * `extend ID { statements }` (language version 2): adds children, properties and links to the
 * node ID, declared in this file or another file of the project, as if they were written in its
 * block. The binder merges it (model/binder.ts); the tree keeps it as written.
 */
export class ExtendNode extends BlockTable implements ExtendDecl {
  readonly type = 'extend' as const;

  constructor(
    store: SyntaxStore,
    readonly start: number,
    /** The target id as written, or undefined when it is missing. */
    readonly targetText: string | undefined,
    readonly targetStart: number,
    end: number,
  ) {
    super(store, end);
  }

  describe(): string {
    return `extend '${this.targetText ?? ''}'`;
  }

  get keywordSpan(): Span {
    const b = (this.built ??= {});
    return (b.kindSpan ??= this.store.stamp({ start: this.start, end: this.start + 'extend'.length }));
  }

  get target(): Name | undefined {
    if (this.targetText === undefined) return undefined;
    const b = (this.built ??= {});
    return (b.id ??= this.store.stamp({ text: this.targetText, start: this.targetStart, end: this.targetStart + this.targetText.length }));
  }

  toJSON(): ExtendDecl {
    return { type: 'extend', keywordSpan: this.keywordSpan, target: this.target, body: this.body, start: this.start, end: this.end };
  }
}

/** Blocks with more statements than this get a property index. */
const SCAN_LIMIT = 12;

/** The whole file. Its statements are built on first access. */
export class FileTree implements FileNode {
  readonly type = 'file' as const;
  readonly start = 0;
  private built: Statement[] | undefined = undefined;

  constructor(
    readonly store: SyntaxStore,
    readonly end: number,
    readonly comments: readonly Comment[],
    readonly refStart: number,
    readonly refCount: number,
  ) {}

  get statements(): Statement[] {
    return (this.built ??= this.store.statements(this.refStart, this.refCount));
  }

  /** The plain form (what `JSON.stringify` and structural comparisons see). */
  toJSON(): FileNode {
    return { type: 'file', start: 0, end: this.end, statements: this.statements, comments: this.comments };
  }
}

/** The flat tables of a tree the parser made (`bind` and the checks need them). */
export function storeOf(tree: FileNode): FileTree {
  if (!(tree instanceof FileTree)) throw new TypeError('This syntax tree was not made by parse(): bind() and the checks read the tables parse() keeps with its tree. Pass the tree parse(text) returned.');
  return tree;
}

/**
 * Is some block in the file never closed? The parser then closes blocks where the file or the
 * indentation ends, and edits that add braces or line breaks may change what it reads.
 */
export function treeHasUnclosedBlock(tree: FileNode): boolean {
  return storeOf(tree).store.unclosed;
}
