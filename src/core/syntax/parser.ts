// The parser: a hand-written, error-tolerant parser over the scanner's token stream. It never
// throws; every problem becomes a `syntax` finding and parsing goes on at the next statement.
// Blocks are parsed with an explicit stack, not recursion, so deep nesting cannot overflow.
// Properties and links go into flat tables (see tree.ts); their objects are built on demand.
import type { Finding } from '../diagnostics';
import { type Comment, type FileNode, type Kind, type ListLiteral, type Value, isKind } from './ast';
import { sliceInterned } from './intern';
import { Tok, type TokenStream, scan } from './scanner';
import { type BlockTable, DeclNode, ExtendNode, FileTree, LIST_VALUE, NO_VALUE, REF_EXTEND, REF_LINK, REF_NODE, REF_PROPERTY, SyntaxStore } from './tree';

export interface ParseResult {
  readonly tree: FileNode;
  /** Syntax findings, in document order. */
  readonly diagnostics: Finding[];
  readonly tokens: TokenStream;
}

/** Deeper nesting than this is reported once and its content skipped. Real models nest < 15. */
export const MAX_DEPTH = 256;
/** Syntax findings past this count are summarised in one "N more" finding. */
export const MAX_SYNTAX_FINDINGS = 1000;

const ID_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

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
  const { kinds, starts, ends } = tokens;
  const comments: Comment[] = [];
  let unclosed = false;
  let suppressed = 0;
  let lastErrorAt = -1;

  // Significant tokens (no whitespace or comments), newlines kept: they end statements. Counting
  // the colons and arrows on the way sizes the property and link tables.
  const sig = scratchSignificant(tokens.count);
  let sigCount = 0;
  let colons = 0;
  let arrows = 0;
  for (let t = 0; t < tokens.count; t++) {
    const k = kinds[t];
    if (k === Tok.LineComment || k === Tok.BlockComment) {
      comments.push({ start: starts[t], end: ends[t], text: text.slice(starts[t], ends[t]), block: k === Tok.BlockComment });
      continue;
    }
    if (k === Tok.Colon) colons++;
    else if (k === Tok.Arrow) arrows++;
    sig[sigCount++] = t;
  }
  const store = new SyntaxStore(text, tokens, colons, arrows, file);
  let p = 0; // index into sig
  const kindAt = (q: number) => kinds[sig[q < sigCount ? q : sigCount - 1]];
  const tok = () => sig[p < sigCount ? p : sigCount - 1];
  const kind = () => kinds[tok()];
  const startOf = (t: number) => starts[t];
  const endOf = (t: number) => ends[t];
  const textOf = (t: number) => sliceInterned(text, starts[t], ends[t]);

  const error = (start: number, end: number, message: string, related?: Finding['related']) => {
    if (start === lastErrorAt) return; // one error per position
    lastErrorAt = start;
    if (diagnostics.length >= MAX_SYNTAX_FINDINGS) {
      suppressed++;
      return;
    }
    diagnostics.push({ rule: 'syntax', severity: 'error', message, span: { start, end }, ...(related ? { related } : {}) });
  };

  const lineStartOf = (offset: number) => {
    let s = offset;
    while (s > 0) {
      const c = text.charCodeAt(s - 1);
      if (c === 10 || c === 13) break;
      s--;
    }
    return s;
  };
  const columnOf = (offset: number) => offset - lineStartOf(offset);
  const atLineStart = (t: number) => {
    for (let s = starts[t] - 1; s >= 0; s--) {
      const c = text.charCodeAt(s);
      if (c === 10 || c === 13) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  };

  const describe = (t: number): string => {
    const k = kinds[t];
    if (k === Tok.EOF) return 'the end of the file';
    if (k === Tok.Newline) return 'the end of the line';
    const s = textOf(t);
    return `'${s.length > 40 ? s.slice(0, 40) + '…' : s}'`;
  };

  /** At the end of a statement? (newline, `;`, `}` or end of file, not consumed) */
  const atStatementEnd = () => {
    const k = kind();
    return k === Tok.Newline || k === Tok.Semicolon || k === Tok.RBrace || k === Tok.EOF;
  };

  /** Skip the rest of a broken statement: up to a newline, `;` or `}`; braces inside are skipped whole. */
  const recover = () => {
    let depth = 0;
    while (kind() !== Tok.EOF) {
      const k = kind();
      if (depth === 0 && (k === Tok.Newline || k === Tok.Semicolon || k === Tok.RBrace)) return;
      if (k === Tok.LBrace) depth++;
      else if (k === Tok.RBrace) depth--;
      p++;
    }
  };

  /**
   * After a complete statement, anything but a terminator on the same line is an error. The hot
   * call sites test `atStatementEnd()` first, so that `what` is only built for an error.
   */
  const expectStatementEnd = (what: string, hint?: string) => {
    if (atStatementEnd()) return;
    const t = tok();
    error(startOf(t), endOf(t), `Unexpected ${describe(t)} after ${what}. ${hint ?? 'Start each statement on a new line or separate statements with \';\'.'}`);
    recover();
  };

  /** At a scalar value (string, number, quantity or word)? Then its token, consumed; else -1. */
  const readScalar = (): number => {
    const t = tok();
    const k = kinds[t];
    if (k === Tok.String || k === Tok.Number || k === Tok.Quantity || k === Tok.Word) {
      p++;
      return t;
    }
    return -1;
  };

  /** The list `readValue` read last (it returned LIST_VALUE). */
  let lastList: ListLiteral | undefined;

  /** A value: its token for a scalar, LIST_VALUE for a list (in `lastList`), or NO_VALUE. */
  const readValue = (keyText: string): number => {
    if (kind() === Tok.LBracket) {
      const open = startOf(tok());
      p++;
      const items: Value[] = [];
      for (;;) {
        while (kind() === Tok.Newline) p++;
        const k = kind();
        if (k === Tok.RBracket) {
          const end = endOf(tok());
          p++;
          lastList = store.stamp<ListLiteral>({ type: 'list', start: open, end, items });
          return LIST_VALUE;
        }
        if (k === Tok.EOF || k === Tok.RBrace || k === Tok.LBrace || k === Tok.Semicolon) {
          const t = tok();
          error(startOf(t), endOf(t), `The list of '${keyText}' is not closed: add ']'.`, [
            { span: { start: open, end: open + 1 }, message: 'The list starts here.' },
          ]);
          const last = sig[Math.max(0, p - 1)];
          lastList = store.stamp<ListLiteral>({ type: 'list', start: open, end: Math.max(open + 1, endOf(last)), items });
          return LIST_VALUE;
        }
        const item = readScalar();
        if (item >= 0) {
          items.push(store.scalar(item));
        } else {
          const t = tok();
          error(startOf(t), endOf(t), `Unexpected ${describe(t)} in the list of '${keyText}': expected a value, ',' or ']'.`);
          p++;
          continue;
        }
        while (kind() === Tok.Newline) p++;
        if (kind() === Tok.Comma) p++;
        else if (kind() !== Tok.RBracket && kind() !== Tok.EOF && kind() !== Tok.RBrace) {
          const t = tok();
          error(startOf(t), endOf(t), `Expected ',' or ']' in the list of '${keyText}', found ${describe(t)}.`);
        }
      }
    }
    const t = readScalar();
    return t >= 0 ? t : NO_VALUE;
  };

  /** Parse `KEY: VALUE` into the property table; its index. */
  const parseProperty = (keyText: string): number => {
    const keyTok = tok();
    p++; // key
    const colon = tok();
    p++; // colon
    const v = readValue(keyText);
    const i = store.propKeyTok.push(keyTok);
    store.propKeys.push(keyText);
    if (v === NO_VALUE) {
      const t = tok();
      error(
        atStatementEnd() ? startOf(colon) : startOf(t),
        atStatementEnd() ? endOf(colon) : endOf(t),
        atStatementEnd()
          ? `'${keyText}:' has no value. Write a value after the colon, e.g. '${keyText}: ...'.`
          : `Unexpected ${describe(t)}: expected a value for '${keyText}' (a number, a quantity such as 4GiB, a word, a "string" or a [list]).`,
      );
      recover();
      store.propValueTok.push(NO_VALUE);
      store.propEnd.push(endOf(colon));
      return i;
    }
    store.propValueTok.push(v);
    if (v === LIST_VALUE) {
      store.lists.set(i, lastList!);
      store.propEnd.push(lastList!.end);
    } else store.propEnd.push(endOf(v));
    if (!atStatementEnd() && kind() === Tok.Word && v >= 0 && kinds[v] === Tok.Word) {
      const w = textOf(v);
      if (w !== 'true' && w !== 'false') {
        const t = tok();
        error(startOf(t), endOf(t), `Unexpected ${describe(t)} after the value of '${keyText}'. A value with spaces must be in double quotes, e.g. ${keyText}: "${w} ${textOf(t)}".`);
        recover();
        return i;
      }
    }
    if (!atStatementEnd()) expectStatementEnd(`the value of '${keyText}'`);
    return i;
  };

  /** Parse `ID -> ID ["Label"]` into the link table; its index. */
  const parseLink = (fromText: string): number => {
    const fromTok = tok();
    p++;
    const arrow = tok();
    p++;
    let toTok = -1;
    let labelTok = -1;
    if (kind() === Tok.Word) {
      toTok = tok();
      p++;
    } else {
      error(startOf(arrow), endOf(arrow), `This link has no target: write the id of a node after '->', e.g. '${fromText} -> db'.`);
    }
    if (kind() === Tok.String) {
      labelTok = tok();
      p++;
    }
    const end = labelTok >= 0 ? endOf(labelTok) : toTok >= 0 ? endOf(toTok) : endOf(arrow);
    if (toTok < 0) recover();
    else if (!atStatementEnd()) expectStatementEnd(`the link '${fromText} -> ${textOf(toTok)}'`);
    const i = store.linkFromTok.push(fromTok);
    store.linkToTok.push(toTok);
    store.linkLabelTok.push(labelTok);
    store.linkEnd.push(end);
    return i;
  };

  // The stack of open blocks (the file itself is below them), and the statements parsed so far
  // that are not yet in a closed block: the file's, then each open block's from its `first`.
  // A block takes its statements when it closes, in an array of exactly their number.
  // Statements are references into the tables (see tree.ts); a block's references are copied
  // into `store.refs` when it closes, one block after another.
  const stack: Frame[] = [];
  const pending: number[] = [];
  let pendingCount = 0;
  const add = (ref: number) => {
    pending[pendingCount++] = ref;
  };
  const addNode = (decl: DeclNode) => add((store.decls.push(decl) - 1) * 4 + REF_NODE);
  const addExtension = (ext: ExtendNode) => add((store.extensions.push(ext) - 1) * 4 + REF_EXTEND);
  /** Move the pending references from `first` on into `store.refs`; where they start. */
  const takeRefs = (first: number): number => {
    const at = store.refs.length;
    for (let k = first; k < pendingCount; k++) store.refs.push(pending[k]);
    pendingCount = first;
    return at;
  };

  const closeFrame = (closeOffset: number, endOffset: number) => {
    const f = stack.pop()!;
    const count = pendingCount - f.first;
    f.decl.refStart = takeRefs(f.first);
    f.decl.refCount = count;
    f.decl.open = f.open;
    f.decl.close = closeOffset;
    f.decl.end = endOffset;
    if (closeOffset < 0) store.unclosed = true;
  };

  /** Skip a block's content whole (used past MAX_DEPTH). */
  const skipBlock = () => {
    let depth = 1;
    p++; // {
    while (kind() !== Tok.EOF && depth > 0) {
      if (kind() === Tok.LBrace) depth++;
      else if (kind() === Tok.RBrace) depth--;
      p++;
    }
  };

  const parseNode = (kindWord: Kind) => {
    const kt = tok();
    const kindStart = startOf(kt);
    const kindEnd = endOf(kt);
    p++;
    let idText: string | undefined;
    let idStart = -1;
    let labelTok = -1;
    if (kind() === Tok.Word) {
      const t = tok();
      const w = textOf(t);
      idText = w;
      idStart = startOf(t);
      p++;
      if (!ID_RE.test(w)) {
        error(idStart, endOf(t), `'${w}' is not a valid id: ids are letters, digits, '_' and '-', starting with a letter or '_' (no '.').`);
      } else if (isKind(w)) {
        error(idStart, endOf(t), `'${w}' is a reserved word (a kind) and cannot be an id. Choose another name, e.g. '${w}1'.`);
      }
    } else {
      const t = tok();
      error(kindStart, kindEnd, `This ${kindWord} has no id: write a name after '${kindWord}', e.g. '${kindWord} ${kindWord === 'app' ? 'web' : kindWord + '1'}'.${kinds[t] === Tok.Colon ? ` (To set the property '${kindWord}', write '${kindWord}: value' without a space before the colon.)` : ''}`);
    }
    if (kind() === Tok.String) {
      labelTok = tok();
      p++;
    }
    // Allow the `{` on the next line.
    let q = p;
    while (kindAt(q) === Tok.Newline) q++;
    if (kindAt(q) === Tok.LBrace && q !== p) p = q;
    const headerEnd = labelTok >= 0 ? endOf(labelTok) : idText !== undefined ? idStart + idText.length : kindEnd;
    if (kind() === Tok.LBrace) {
      const open = startOf(tok());
      if (stack.length >= MAX_DEPTH) {
        error(open, open + 1, `Nested too deeply: more than ${MAX_DEPTH} levels of blocks. The content of this block is skipped.`);
        skipBlock();
        addNode(new DeclNode(store, kindWord, kindStart, idText, idStart, labelTok, endOf(sig[p - 1])));
        return;
      }
      p++;
      const decl = new DeclNode(store, kindWord, kindStart, idText, idStart, labelTok, -1);
      addNode(decl);
      stack.push({ decl, open, first: pendingCount });
      return;
    }
    addNode(new DeclNode(store, kindWord, kindStart, idText, idStart, labelTok, headerEnd));
    if (!atStatementEnd()) {
      expectStatementEnd(idText !== undefined ? `${kindWord} '${idText}'` : `'${kindWord}'`, `To give it content, open a block: '${kindWord} ${idText ?? 'name'} { ... }'.`);
    }
  };

  /** `extend ID { statements }`, at the top level only (the language page, "Statements"). */
  const parseExtend = () => {
    const kt = tok();
    const start = startOf(kt);
    p++;
    let targetText: string | undefined;
    let targetStart = -1;
    if (kind() === Tok.Word) {
      targetText = textOf(tok());
      targetStart = startOf(tok());
      p++;
    } else {
      error(start, endOf(kt), `This extend names no node: write the id of the node it adds to, e.g. 'extend node1 { ... }'.`);
    }
    let q = p;
    while (kindAt(q) === Tok.Newline) q++;
    if (kindAt(q) === Tok.LBrace && q !== p) p = q;
    if (stack.length > 0) {
      error(start, endOf(kt), `'extend' may only stand at the top level of a file, not inside a block. Move it out of the block, or write the statements in the block itself.`);
      if (kind() === Tok.LBrace) skipBlock();
      else recover();
      return;
    }
    const headerEnd = targetText !== undefined ? targetStart + targetText.length : endOf(kt);
    if (kind() !== Tok.LBrace) {
      if (targetText !== undefined) error(start, headerEnd, `This extend has no block: write what it adds in braces, e.g. 'extend ${targetText} { app web }'.`);
      recover();
      return;
    }
    const open = startOf(tok());
    p++;
    const ext = new ExtendNode(store, start, targetText, targetStart, -1);
    addExtension(ext);
    stack.push({ decl: ext, open, first: pendingCount });
  };

  const maxSteps = sigCount * 4 + 100;
  let steps = 0;
  for (;;) {
    if (++steps > maxSteps) {
      const t = tok();
      error(startOf(t), text.length, 'The parser stopped here: it could not make progress. Please report this file as a bug.');
      break;
    }
    const k = kind();
    if (k === Tok.EOF) break;
    if (k === Tok.Newline || k === Tok.Semicolon) {
      p++;
      continue;
    }
    const t = tok();
    if (k === Tok.RBrace) {
      if (stack.length) closeFrame(startOf(t), endOf(t));
      else error(startOf(t), endOf(t), "This '}' closes nothing: there is no open '{' before it. Remove it.");
      p++;
      if (!atStatementEnd()) expectStatementEnd("'}'");
      continue;
    }
    if (k === Tok.Word) {
      const w = textOf(t);
      const next = kindAt(p + 1);
      if (next === Tok.Colon) {
        add(parseProperty(w) * 4 + REF_PROPERTY);
        continue;
      }
      if (next === Tok.Arrow) {
        add(parseLink(w) * 4 + REF_LINK);
        continue;
      }
      if (isKind(w)) {
        if (indentRecovery && stack.length && atLineStart(t)) {
          const col = columnOf(startOf(t));
          // A node keyword at or left of an open block's keyword means that block ended.
          while (stack.length && col <= columnOf(stack[stack.length - 1].decl.start)) {
            const f = stack[stack.length - 1];
            const prevEnd = endOf(sig[Math.max(0, p - 1)]);
            error(f.open, f.open + 1, `This '{' of ${f.decl.describe()} is never closed: add '}' where its block ends.`);
            closeFrame(-1, Math.max(prevEnd, f.open + 1));
          }
        }
        parseNode(w);
        continue;
      }
      if (w === 'extend' && (next === Tok.Word || next === Tok.LBrace)) {
        parseExtend();
        continue;
      }
      if (next === Tok.Number || next === Tok.Quantity || next === Tok.String || (next === Tok.Word && !isKind(textOf(sig[p + 1])) && !KIND_TYPOS[w.toLowerCase()])) {
        error(startOf(t), endOf(t), `Missing ':' after '${w}'. Write a property as '${w}: ${textOf(sig[p + 1])}'.`);
        recover();
        continue;
      }
      const suggestion = KIND_TYPOS[w.toLowerCase()];
      error(
        startOf(t),
        endOf(t),
        suggestion
          ? `Unknown kind '${w}'. Did you mean '${suggestion}'?`
          : `Unexpected ${describe(t)}: expected a node (${KIND_LIST}), a property ('key: value') or a link ('a -> b').`,
      );
      recover();
      continue;
    }
    error(startOf(t), endOf(t), `Unexpected ${describe(t)}: expected a node (${KIND_LIST}), a property ('key: value') or a link ('a -> b').`);
    if (k === Tok.LBrace) {
      skipBlock();
      continue;
    }
    p++;
    recover();
  }

  if (stack.length) {
    unclosed = true;
    while (stack.length) {
      const f = stack[stack.length - 1];
      error(f.open, f.open + 1, `This '{' of ${f.decl.describe()} is never closed: add '}' at the end of its block.`);
      closeFrame(-1, text.length);
    }
  }
  if (suppressed > 0) {
    diagnostics.push({
      rule: 'syntax',
      severity: 'error',
      message: `${suppressed} more syntax errors are not shown. Fix the ones above first.`,
      span: { start: text.length, end: text.length },
    });
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  if (file !== undefined) {
    for (const d of diagnostics) {
      store.stamp(d.span);
      if (d.related) for (const r of d.related) store.stamp(r.span);
    }
  }
  // Every block is closed: what is pending are the file's own statements.
  const fileCount = pendingCount;
  const tree: FileNode = new FileTree(store, text.length, comments, takeRefs(0), fileCount);
  return { result: { tree, diagnostics, tokens }, unclosed };
}

const KIND_LIST = 'group, host, hypervisor, vm, engine, pod, container, app or tenant';
const KIND_TYPOS: Record<string, Kind> = {
  server: 'host', machine: 'host', node: 'host', hosts: 'host', hots: 'host',
  virtualmachine: 'vm', vms: 'vm', guest: 'vm',
  hv: 'hypervisor', hypervisors: 'hypervisor',
  runtime: 'engine', docker: 'engine', engines: 'engine',
  containers: 'container', contianer: 'container', conatiner: 'container', ctr: 'container',
  application: 'app', apps: 'app', service: 'app', process: 'app',
  pods: 'pod', cluster: 'group', site: 'group', rack: 'group', groups: 'group', tenants: 'tenant',
};
