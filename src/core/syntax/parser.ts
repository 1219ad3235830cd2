// The parser: a hand-written, error-tolerant parser over the scanner's token stream. It never
// throws; every problem becomes a `syntax` finding and parsing goes on at the next statement.
// Blocks are parsed with an explicit stack, not recursion, so deep nesting cannot overflow.
// Properties and links go into flat tables (see tree.ts); their objects are built on demand.
import type { Finding } from '../diagnostics';
import { type Comment, ID_RE, type Kind, KINDS, type ListLiteral, type Value, isKind } from './ast';
import { sliceInterned } from './intern';
import { Tok, type TokenStream, scan } from './scanner';
import { columnOf } from '../text/lineIndex';
import { type BlockTable, DeclNode, ExtendNode, FileTree, LIST_VALUE, NO_VALUE, REF_EXTEND, REF_LINK, REF_NODE, REF_PROPERTY, SyntaxStore } from './tree';

export interface ParseResult {
  /** The tree (its plain form is `ast.ts`'s FileNode; `bind` reads the flat tables it keeps). */
  readonly tree: FileTree;
  /** Syntax findings, in document order. */
  readonly diagnostics: Finding[];
  readonly tokens: TokenStream;
}

/** Deeper nesting than this is reported once and its content skipped. Real models nest < 15. */
export const MAX_DEPTH = 256;
/** Syntax findings past this count are summarised in one "N more" finding. */
export const MAX_SYNTAX_FINDINGS = 1000;

interface Frame {
  /** The node (or extension) being built; pushed into its parent when its block opened, completed at `}`. */
  decl: BlockTable;
  open: number;
  /** Where the block's statements begin in the pending statements (see `pending` below). */
  first: number;
}

/**
 * The significant-token array is only needed while parsing: one is kept and reused, so that
 * parsing a large file does not map fresh memory for it each time (up to 4 MiB are kept).
 */
let sigScratch = new Int32Array(0);
const SCRATCH_KEPT = 1 << 20;
function scratchSignificant(count: number): Int32Array {
  if (count <= sigScratch.length) return sigScratch;
  const a = new Int32Array(count);
  if (count <= SCRATCH_KEPT) sigScratch = a;
  return a;
}

/**
 * Parse a Strata document. Never throws. `file` names the document when it is one file of a
 * project (core/project): every span of the tree and of the findings then carries it.
 */
export function parse(text: string, file?: string): ParseResult {
  const first = parsePass(text, false, file);
  if (!first.unclosed) return first.result;
  // Some block was never closed. Parse again, closing blocks where indentation shows they
  // ended, so one missing `}` does not swallow the rest of the file.
  return parsePass(text, true, file).result;
}

function parsePass(text: string, indentRecovery: boolean, file: string | undefined): { result: ParseResult; unclosed: boolean } {
  const diagnostics: Finding[] = [];
  const tokens = scan(text, diagnostics);
  const parser = new Parser(text, tokens, diagnostics, indentRecovery, file);
  parser.parseStatements();
  return parser.finish();
}

/**
 * One pass over one document. The statement loop (`parseStatements`) looks at the first token or
 * two and hands over to one method a construct: `parseNode`, `parseExtend`, `parseProperty`,
 * `parseLink`, `parseCloseBrace`, `parseStrayWord`, `parseStrayToken`. Errors and recovery are in one place
 * (the "Errors and recovery" section): `error` records a finding (one a position, at most
 * MAX_SYNTAX_FINDINGS), `recover` skips to the next statement, `expectStatementEnd` reports
 * what follows a complete statement on its line, `skipBlock` skips a block whole.
 */
class Parser {
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly comments: Comment[] = [];
  /** Significant tokens (no whitespace or comments), newlines kept: they end statements. */
  private readonly sig: Int32Array;
  private readonly sigCount: number;
  private readonly store: SyntaxStore;
  /** The position in `sig`. */
  private p = 0;
  private suppressed = 0;
  private lastErrorAt = -1;
  /** The list `readValue` read last (it returned LIST_VALUE). */
  private lastList: ListLiteral | undefined;
  // The stack of open blocks (the file itself is below them), and the statements parsed so far
  // that are not yet in a closed block: the file's, then each open block's from its `first`.
  // A block takes its statements when it closes, in an array of exactly their number.
  // Statements are references into the tables (see tree.ts); a block's references are copied
  // into `store.refs` when it closes, one block after another.
  private readonly stack: Frame[] = [];
  private readonly pending: number[] = [];
  private pendingCount = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: TokenStream,
    private readonly diagnostics: Finding[],
    private readonly indentRecovery: boolean,
    private readonly file: string | undefined,
  ) {
    const { kinds, starts, ends } = tokens;
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
    // Counting the colons and arrows on the way sizes the property and link tables.
    const sig = scratchSignificant(tokens.count);
    let sigCount = 0;
    let colons = 0;
    let arrows = 0;
    for (let t = 0; t < tokens.count; t++) {
      const k = kinds[t];
      if (k === Tok.LineComment || k === Tok.BlockComment) {
        this.comments.push({ start: starts[t], end: ends[t], text: text.slice(starts[t], ends[t]), block: k === Tok.BlockComment });
        continue;
      }
      if (k === Tok.Colon) colons++;
      else if (k === Tok.Arrow) arrows++;
      sig[sigCount++] = t;
    }
    this.sig = sig;
    this.sigCount = sigCount;
    this.store = new SyntaxStore(text, tokens, colons, arrows, file);
  }

  // -------------------------------------------------------------------------------------------
  // Tokens

  private kindAt(q: number): number {
    return this.kinds[this.sig[q < this.sigCount ? q : this.sigCount - 1]];
  }
  private tok(): number {
    return this.sig[this.p < this.sigCount ? this.p : this.sigCount - 1];
  }
  private kind(): number {
    return this.kinds[this.tok()];
  }
  private textOf(t: number): string {
    return sliceInterned(this.text, this.starts[t], this.ends[t]);
  }
  /** Is token `t` the first thing on its line? */
  private atLineStart(t: number): boolean {
    const text = this.text;
    for (let s = this.starts[t] - 1; s >= 0; s--) {
      const c = text.charCodeAt(s);
      if (c === 10 || c === 13) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }
  /** At the end of a statement? (newline, `;`, `}` or end of file, not consumed) */
  private atStatementEnd(): boolean {
    const k = this.kind();
    return k === Tok.Newline || k === Tok.Semicolon || k === Tok.RBrace || k === Tok.EOF;
  }

  // -------------------------------------------------------------------------------------------
  // Errors and recovery

  private error(start: number, end: number, message: string, related?: Finding['related']): void {
    if (start === this.lastErrorAt) return; // one error per position
    this.lastErrorAt = start;
    if (this.diagnostics.length >= MAX_SYNTAX_FINDINGS) {
      this.suppressed++;
      return;
    }
    this.diagnostics.push({ rule: 'syntax', severity: 'error', message, span: { start, end }, ...(related ? { related } : {}) });
  }

  /** An error on token `t`. */
  private errorAt(t: number, message: string): void {
    this.error(this.starts[t], this.ends[t], message);
  }

  /** A token as an error message names it: 'host', the end of the line, the end of the file. */
  private describe(t: number): string {
    const k = this.kinds[t];
    if (k === Tok.EOF) return 'the end of the file';
    if (k === Tok.Newline) return 'the end of the line';
    const s = this.textOf(t);
    return `'${s.length > 40 ? s.slice(0, 40) + '…' : s}'`;
  }

  /** Skip the rest of a broken statement: up to a newline, `;` or `}`; braces inside are skipped whole. */
  private recover(): void {
    let depth = 0;
    while (this.kind() !== Tok.EOF) {
      const k = this.kind();
      if (depth === 0 && (k === Tok.Newline || k === Tok.Semicolon || k === Tok.RBrace)) return;
      if (k === Tok.LBrace) depth++;
      else if (k === Tok.RBrace) depth--;
      this.p++;
    }
  }

  /**
   * After a complete statement, anything but a terminator on the same line is an error. The hot
   * call sites test `atStatementEnd()` first, so that `what` is only built for an error.
   */
  private expectStatementEnd(what: string, hint?: string): void {
    if (this.atStatementEnd()) return;
    const t = this.tok();
    this.errorAt(t, `Unexpected ${this.describe(t)} after ${what}. ${hint ?? 'Start each statement on a new line or separate statements with \';\'.'}`);
    this.recover();
  }

  /** Skip a block's content whole (used past MAX_DEPTH and after a stray `{`). */
  private skipBlock(): void {
    let depth = 1;
    this.p++; // {
    while (this.kind() !== Tok.EOF && depth > 0) {
      if (this.kind() === Tok.LBrace) depth++;
      else if (this.kind() === Tok.RBrace) depth--;
      this.p++;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  /** Parse statements to the end of the file. */
  parseStatements(): void {
    const maxSteps = this.sigCount * 4 + 100;
    let steps = 0;
    for (;;) {
      if (++steps > maxSteps) {
        this.error(this.starts[this.tok()], this.text.length, 'The parser stopped here: it could not make progress. Please report this file as a bug.');
        break;
      }
      const k = this.kind();
      if (k === Tok.EOF) break;
      if (k === Tok.Newline || k === Tok.Semicolon) this.p++;
      else if (k === Tok.RBrace) this.parseCloseBrace();
      else if (k === Tok.Word) this.parseWordStatement();
      else this.parseStrayToken();
    }
  }

  /** A statement that starts with a word: a property, a link, a node, or a mistake. */
  private parseWordStatement(): void {
    const t = this.tok();
    const w = this.textOf(t);
    const next = this.kindAt(this.p + 1);
    if (next === Tok.Colon) this.add(this.parseProperty(w) * 4 + REF_PROPERTY);
    else if (next === Tok.Arrow) this.add(this.parseLink(w) * 4 + REF_LINK);
    else if (isKind(w)) {
      if (this.indentRecovery && this.stack.length && this.atLineStart(t)) this.closeBlocksLeftOf(t);
      this.parseNode(w);
    } else if (w === 'extend' && (next === Tok.Word || next === Tok.LBrace)) this.parseExtend();
    else this.parseStrayWord(t, w, next);
  }

  /** `}`: closes the innermost open block. */
  private parseCloseBrace(): void {
    const t = this.tok();
    if (this.stack.length) this.closeFrame(this.starts[t], this.ends[t]);
    else this.errorAt(t, "This '}' closes nothing: there is no open '{' before it. Remove it.");
    this.p++;
    if (!this.atStatementEnd()) this.expectStatementEnd("'}'");
  }

  /** A word that starts no statement: a property without its colon, a misspelt kind, or noise. */
  private parseStrayWord(t: number, w: string, next: number): void {
    if (next === Tok.Number || next === Tok.Quantity || next === Tok.String || (next === Tok.Word && !isKind(this.textOf(this.sig[this.p + 1])) && !KIND_TYPOS[w.toLowerCase()])) {
      this.errorAt(t, `Missing ':' after '${w}'. Write a property as '${w}: ${this.textOf(this.sig[this.p + 1])}'.`);
      this.recover();
      return;
    }
    const suggestion = KIND_TYPOS[w.toLowerCase()];
    this.errorAt(
      t,
      suggestion
        ? `Unknown kind '${w}'. Did you mean '${suggestion}'?`
        : `Unexpected ${this.describe(t)}: expected a node (${KIND_LIST}), a property ('key: value') or a link ('a -> b').`,
    );
    this.recover();
  }

  /** A token that starts no statement (a value, `{`, `:`…): reported, then skipped. */
  private parseStrayToken(): void {
    const t = this.tok();
    this.errorAt(t, `Unexpected ${this.describe(t)}: expected a node (${KIND_LIST}), a property ('key: value') or a link ('a -> b').`);
    if (this.kinds[t] === Tok.LBrace) {
      this.skipBlock();
      return;
    }
    this.p++;
    this.recover();
  }

  /** `KIND [ID] ["Label"] [{ … }]`: a node; with a block, it is pushed and its statements follow. */
  private parseNode(kindWord: Kind): void {
    const kt = this.tok();
    const kindStart = this.starts[kt];
    const kindEnd = this.ends[kt];
    this.p++;
    let idText: string | undefined;
    let idStart = -1;
    let labelTok = -1;
    if (this.kind() === Tok.Word) {
      const t = this.tok();
      const w = this.textOf(t);
      idText = w;
      idStart = this.starts[t];
      this.p++;
      if (!ID_RE.test(w)) {
        this.errorAt(t, `'${w}' is not a valid id: ids are letters, digits, '_' and '-', starting with a letter or '_' (no '.').`);
      } else if (isKind(w)) {
        this.errorAt(t, `'${w}' is a reserved word (a kind) and cannot be an id. Choose another name, e.g. '${w}1'.`);
      }
    } else {
      const t = this.tok();
      this.error(kindStart, kindEnd, `This ${kindWord} has no id: write a name after '${kindWord}', e.g. '${kindWord} ${kindWord === 'app' ? 'web' : kindWord + '1'}'.${this.kinds[t] === Tok.Colon ? ` (To set the property '${kindWord}', write '${kindWord}: value' without a space before the colon.)` : ''}`);
    }
    if (this.kind() === Tok.String) {
      labelTok = this.tok();
      this.p++;
    }
    // Allow the `{` on the next line.
    let q = this.p;
    while (this.kindAt(q) === Tok.Newline) q++;
    if (this.kindAt(q) === Tok.LBrace && q !== this.p) this.p = q;
    const headerEnd = labelTok >= 0 ? this.ends[labelTok] : idText !== undefined ? idStart + idText.length : kindEnd;
    if (this.kind() === Tok.LBrace) {
      const open = this.starts[this.tok()];
      if (this.stack.length >= MAX_DEPTH) {
        this.error(open, open + 1, `Nested too deeply: more than ${MAX_DEPTH} levels of blocks. The content of this block is skipped.`);
        this.skipBlock();
        this.addNode(new DeclNode(this.store, kindWord, kindStart, idText, idStart, labelTok, this.ends[this.sig[this.p - 1]]));
        return;
      }
      this.p++;
      const decl = new DeclNode(this.store, kindWord, kindStart, idText, idStart, labelTok, -1);
      this.addNode(decl);
      this.stack.push({ decl, open, first: this.pendingCount });
      return;
    }
    this.addNode(new DeclNode(this.store, kindWord, kindStart, idText, idStart, labelTok, headerEnd));
    if (!this.atStatementEnd()) {
      this.expectStatementEnd(idText !== undefined ? `${kindWord} '${idText}'` : `'${kindWord}'`, `To give it content, open a block: '${kindWord} ${idText ?? 'name'} { ... }'.`);
    }
  }

  /** `extend ID { statements }`, at the top level only (the language page, "Statements"). */
  private parseExtend(): void {
    const kt = this.tok();
    const start = this.starts[kt];
    this.p++;
    let targetText: string | undefined;
    let targetStart = -1;
    if (this.kind() === Tok.Word) {
      targetText = this.textOf(this.tok());
      targetStart = this.starts[this.tok()];
      this.p++;
    } else {
      this.error(start, this.ends[kt], `This extend names no node: write the id of the node it adds to, e.g. 'extend node1 { ... }'.`);
    }
    let q = this.p;
    while (this.kindAt(q) === Tok.Newline) q++;
    if (this.kindAt(q) === Tok.LBrace && q !== this.p) this.p = q;
    if (this.stack.length > 0) {
      this.error(start, this.ends[kt], `'extend' may only stand at the top level of a file, not inside a block. Move it out of the block, or write the statements in the block itself.`);
      if (this.kind() === Tok.LBrace) this.skipBlock();
      else this.recover();
      return;
    }
    const headerEnd = targetText !== undefined ? targetStart + targetText.length : this.ends[kt];
    if (this.kind() !== Tok.LBrace) {
      if (targetText !== undefined) this.error(start, headerEnd, `This extend has no block: write what it adds in braces, e.g. 'extend ${targetText} { app web }'.`);
      this.recover();
      return;
    }
    const open = this.starts[this.tok()];
    this.p++;
    const ext = new ExtendNode(this.store, start, targetText, targetStart, -1);
    this.addExtension(ext);
    this.stack.push({ decl: ext, open, first: this.pendingCount });
  }

  /** `KEY: VALUE` into the property table; its index. */
  private parseProperty(keyText: string): number {
    const store = this.store;
    const keyTok = this.tok();
    this.p++; // key
    const colon = this.tok();
    this.p++; // colon
    const v = this.readValue(keyText);
    const i = store.propKeyTok.push(keyTok);
    store.propKeys.push(keyText);
    if (v === NO_VALUE) {
      const t = this.tok();
      const atEnd = this.atStatementEnd();
      this.error(
        atEnd ? this.starts[colon] : this.starts[t],
        atEnd ? this.ends[colon] : this.ends[t],
        atEnd
          ? `'${keyText}:' has no value. Write a value after the colon, e.g. '${keyText}: ...'.`
          : `Unexpected ${this.describe(t)}: expected a value for '${keyText}' (a number, a quantity such as 4GiB, a word, a "string" or a [list]).`,
      );
      this.recover();
      store.propValueTok.push(NO_VALUE);
      store.propEnd.push(this.ends[colon]);
      return i;
    }
    store.propValueTok.push(v);
    if (v === LIST_VALUE) {
      store.lists.set(i, this.lastList!);
      store.propEnd.push(this.lastList!.end);
    } else store.propEnd.push(this.ends[v]);
    if (!this.atStatementEnd() && this.kind() === Tok.Word && v >= 0 && this.kinds[v] === Tok.Word) {
      const w = this.textOf(v);
      if (w !== 'true' && w !== 'false') {
        const t = this.tok();
        this.errorAt(t, `Unexpected ${this.describe(t)} after the value of '${keyText}'. A value with spaces must be in double quotes, e.g. ${keyText}: "${w} ${this.textOf(t)}".`);
        this.recover();
        return i;
      }
    }
    if (!this.atStatementEnd()) this.expectStatementEnd(`the value of '${keyText}'`);
    return i;
  }

  /** At a scalar value (string, number, quantity or word)? Then its token, consumed; else -1. */
  private readScalar(): number {
    const t = this.tok();
    const k = this.kinds[t];
    if (k === Tok.String || k === Tok.Number || k === Tok.Quantity || k === Tok.Word) {
      this.p++;
      return t;
    }
    return -1;
  }

  /** A value: its token for a scalar, LIST_VALUE for a list (in `lastList`), or NO_VALUE. */
  private readValue(keyText: string): number {
    if (this.kind() === Tok.LBracket) return this.readList(keyText);
    const t = this.readScalar();
    return t >= 0 ? t : NO_VALUE;
  }

  /** `[a, b, …]` (newlines allowed inside) into `lastList`; LIST_VALUE. */
  private readList(keyText: string): number {
    const open = this.starts[this.tok()];
    this.p++;
    const items: Value[] = [];
    for (;;) {
      while (this.kind() === Tok.Newline) this.p++;
      const k = this.kind();
      if (k === Tok.RBracket) {
        const end = this.ends[this.tok()];
        this.p++;
        this.lastList = this.store.stamp<ListLiteral>({ type: 'list', start: open, end, items });
        return LIST_VALUE;
      }
      if (k === Tok.EOF || k === Tok.RBrace || k === Tok.LBrace || k === Tok.Semicolon) {
        const t = this.tok();
        this.error(this.starts[t], this.ends[t], `The list of '${keyText}' is not closed: add ']'.`, [{ span: { start: open, end: open + 1 }, message: 'The list starts here.' }]);
        const last = this.sig[Math.max(0, this.p - 1)];
        this.lastList = this.store.stamp<ListLiteral>({ type: 'list', start: open, end: Math.max(open + 1, this.ends[last]), items });
        return LIST_VALUE;
      }
      const item = this.readScalar();
      if (item >= 0) {
        items.push(this.store.scalar(item));
      } else {
        const t = this.tok();
        this.errorAt(t, `Unexpected ${this.describe(t)} in the list of '${keyText}': expected a value, ',' or ']'.`);
        this.p++;
        continue;
      }
      while (this.kind() === Tok.Newline) this.p++;
      if (this.kind() === Tok.Comma) this.p++;
      else if (this.kind() !== Tok.RBracket && this.kind() !== Tok.EOF && this.kind() !== Tok.RBrace) {
        const t = this.tok();
        this.errorAt(t, `Expected ',' or ']' in the list of '${keyText}', found ${this.describe(t)}.`);
      }
    }
  }

  /** `ID -> ID ["Label"]` into the link table; its index. */
  private parseLink(fromText: string): number {
    const fromTok = this.tok();
    this.p++;
    const arrow = this.tok();
    this.p++;
    let toTok = -1;
    let labelTok = -1;
    if (this.kind() === Tok.Word) {
      toTok = this.tok();
      this.p++;
    } else {
      this.errorAt(arrow, `This link has no target: write the id of a node after '->', e.g. '${fromText} -> db'.`);
    }
    if (this.kind() === Tok.String) {
      labelTok = this.tok();
      this.p++;
    }
    const end = labelTok >= 0 ? this.ends[labelTok] : toTok >= 0 ? this.ends[toTok] : this.ends[arrow];
    if (toTok < 0) this.recover();
    else if (!this.atStatementEnd()) this.expectStatementEnd(`the link '${fromText} -> ${this.textOf(toTok)}'`);
    const store = this.store;
    const i = store.linkFromTok.push(fromTok);
    store.linkToTok.push(toTok);
    store.linkLabelTok.push(labelTok);
    store.linkEnd.push(end);
    return i;
  }

  // -------------------------------------------------------------------------------------------
  // Blocks

  private add(ref: number): void {
    this.pending[this.pendingCount++] = ref;
  }
  private addNode(decl: DeclNode): void {
    this.add((this.store.decls.push(decl) - 1) * 4 + REF_NODE);
  }
  private addExtension(ext: ExtendNode): void {
    this.add((this.store.extensions.push(ext) - 1) * 4 + REF_EXTEND);
  }
  /** Move the pending references from `first` on into `store.refs`; where they start. */
  private takeRefs(first: number): number {
    const refs = this.store.refs;
    const at = refs.length;
    for (let k = first; k < this.pendingCount; k++) refs.push(this.pending[k]);
    this.pendingCount = first;
    return at;
  }

  private closeFrame(closeOffset: number, endOffset: number): void {
    const f = this.stack.pop()!;
    const count = this.pendingCount - f.first;
    f.decl.refStart = this.takeRefs(f.first);
    f.decl.refCount = count;
    f.decl.open = f.open;
    f.decl.close = closeOffset;
    f.decl.end = endOffset;
    if (closeOffset < 0) this.store.unclosed = true;
  }

  /**
   * Indentation recovery (second pass): a node keyword at the start of a line, at or left of an
   * open block's keyword, means that block ended without its `}`.
   */
  private closeBlocksLeftOf(t: number): void {
    const col = columnOf(this.text, this.starts[t]);
    const stack = this.stack;
    while (stack.length && col <= columnOf(this.text, stack[stack.length - 1].decl.start)) {
      const f = stack[stack.length - 1];
      const prevEnd = this.ends[this.sig[Math.max(0, this.p - 1)]];
      this.error(f.open, f.open + 1, `This '{' of ${f.decl.describe()} is never closed: add '}' where its block ends.`);
      this.closeFrame(-1, Math.max(prevEnd, f.open + 1));
    }
  }

  /** Close what is still open, summarise suppressed errors, build the tree. */
  finish(): { result: ParseResult; unclosed: boolean } {
    const { stack, diagnostics, text } = this;
    let unclosed = false;
    if (stack.length) {
      unclosed = true;
      while (stack.length) {
        const f = stack[stack.length - 1];
        this.error(f.open, f.open + 1, `This '{' of ${f.decl.describe()} is never closed: add '}' at the end of its block.`);
        this.closeFrame(-1, text.length);
      }
    }
    if (this.suppressed > 0) {
      diagnostics.push({
        rule: 'syntax',
        severity: 'error',
        message: `${this.suppressed} more syntax errors are not shown. Fix the ones above first.`,
        span: { start: text.length, end: text.length },
      });
    }
    diagnostics.sort((a, b) => a.span.start - b.span.start);
    if (this.file !== undefined) {
      for (const d of diagnostics) {
        this.store.stamp(d.span);
        if (d.related) for (const r of d.related) this.store.stamp(r.span);
      }
    }
    // Every block is closed: what is pending are the file's own statements.
    const fileCount = this.pendingCount;
    const tree = new FileTree(this.store, text.length, this.comments, this.takeRefs(0), fileCount);
    return { result: { tree, diagnostics, tokens: this.tokens }, unclosed };
  }
}

/** "group, host, … or tenant": the kinds, for error messages. */
const KIND_LIST = `${KINDS.slice(0, -1).join(', ')} or ${KINDS[KINDS.length - 1]}`;
const KIND_TYPOS: Record<string, Kind> = {
  server: 'host', machine: 'host', node: 'host', hosts: 'host', hots: 'host',
  virtualmachine: 'vm', vms: 'vm', guest: 'vm',
  hv: 'hypervisor', hypervisors: 'hypervisor',
  runtime: 'engine', docker: 'engine', engines: 'engine',
  containers: 'container', contianer: 'container', conatiner: 'container', ctr: 'container',
  application: 'app', apps: 'app', service: 'app', process: 'app',
  pods: 'pod', cluster: 'group', site: 'group', rack: 'group', groups: 'group', tenants: 'tenant',
};
