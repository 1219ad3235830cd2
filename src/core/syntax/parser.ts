// The parser: a hand-written, error-tolerant parser over the scanner's token stream. It never
// throws; every problem becomes a `syntax` finding and parsing goes on at the next statement.
// Blocks are parsed with an explicit stack, not recursion, so deep nesting cannot overflow.
import type { Finding } from '../diagnostics';
import {
  type Comment,
  type FileNode,
  type Kind,
  type Link,
  type Name,
  type NodeDecl,
  type Property,
  type Statement,
  type StringLiteral,
  type Value,
  isKind,
} from './ast';
import { parseDecimal, sliceInterned } from './intern';
import { Tok, type TokenStream, isTerminated, scan, unescapeString, unitStart } from './scanner';

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
  /** The node being built; pushed into its parent when its block opened, completed at `}`. */
  decl: { -readonly [K in keyof NodeDecl]: NodeDecl[K] };
  open: number;
  /** Where the block's statements begin in the pending statements (see `pending` below). */
  first: number;
}

/** Parse a Strata document. Never throws. */
export function parse(text: string): ParseResult {
  const first = parsePass(text, false);
  if (!first.unclosed) return first.result;
  // Some block was never closed. Parse again, closing blocks where indentation shows they
  // ended, so one missing `}` does not swallow the rest of the file.
  return parsePass(text, true).result;
}

function parsePass(text: string, indentRecovery: boolean): { result: ParseResult; unclosed: boolean } {
  const diagnostics: Finding[] = [];
  const tokens = scan(text, diagnostics);
  const { kinds, starts, ends } = tokens;
  const comments: Comment[] = [];
  let unclosed = false;
  let suppressed = 0;
  let lastErrorAt = -1;

  // Significant tokens (no whitespace or comments), newlines kept: they end statements.
  const sig = new Int32Array(tokens.count);
  let sigCount = 0;
  for (let t = 0; t < tokens.count; t++) {
    const k = kinds[t];
    if (k === Tok.LineComment || k === Tok.BlockComment) {
      comments.push({ start: starts[t], end: ends[t], text: text.slice(starts[t], ends[t]), block: k === Tok.BlockComment });
      continue;
    }
    sig[sigCount++] = t;
  }
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

  /** The name at token t (`name`: its text, when the caller has already read it). */
  const readName = (t: number, name = textOf(t)): Name => ({ text: name, start: startOf(t), end: endOf(t) });

  const readString = (t: number): StringLiteral => {
    const terminated = isTerminated(text, starts[t], ends[t]);
    return { type: 'string', start: startOf(t), end: endOf(t), terminated, value: unescapeString(text, starts[t], ends[t], terminated) };
  };

  /** A scalar value at the current token, or undefined (nothing consumed). */
  const readScalar = (): Value | undefined => {
    const t = tok();
    const k = kinds[t];
    const s = startOf(t);
    const e = endOf(t);
    if (k === Tok.String) {
      p++;
      return readString(t);
    }
    if (k === Tok.Number) {
      p++;
      return { type: 'number', start: s, end: e, value: parseDecimal(text, s, e) };
    }
    if (k === Tok.Quantity) {
      p++;
      const u = unitStart(text, s, e);
      return { type: 'quantity', start: s, end: e, value: parseDecimal(text, s, u), unit: sliceInterned(text, u, e) };
    }
    if (k === Tok.Word) {
      p++;
      const w = textOf(t);
      if (w === 'true' || w === 'false') return { type: 'boolean', start: s, end: e, value: w === 'true' };
      return { type: 'word', start: s, end: e, value: w };
    }
    return undefined;
  };

  const readValue = (key: Name): Value | undefined => {
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
          return { type: 'list', start: open, end, items };
        }
        if (k === Tok.EOF || k === Tok.RBrace || k === Tok.LBrace || k === Tok.Semicolon) {
          const t = tok();
          error(startOf(t), endOf(t), `The list of '${key.text}' is not closed: add ']'.`, [
            { span: { start: open, end: open + 1 }, message: 'The list starts here.' },
          ]);
          const last = sig[Math.max(0, p - 1)];
          return { type: 'list', start: open, end: Math.max(open + 1, endOf(last)), items };
        }
        const item = readScalar();
        if (item) {
          items.push(item);
        } else {
          const t = tok();
          error(startOf(t), endOf(t), `Unexpected ${describe(t)} in the list of '${key.text}': expected a value, ',' or ']'.`);
          p++;
          continue;
        }
        while (kind() === Tok.Newline) p++;
        if (kind() === Tok.Comma) p++;
        else if (kind() !== Tok.RBracket && kind() !== Tok.EOF && kind() !== Tok.RBrace) {
          const t = tok();
          error(startOf(t), endOf(t), `Expected ',' or ']' in the list of '${key.text}', found ${describe(t)}.`);
        }
      }
    }
    return readScalar();
  };

  const parseProperty = (keyText: string): Property => {
    const keyTok = tok();
    const key = readName(keyTok, keyText);
    p++; // key
    const colon = tok();
    p++; // colon
    const value = readValue(key);
    if (!value) {
      const t = tok();
      error(
        atStatementEnd() ? startOf(colon) : startOf(t),
        atStatementEnd() ? endOf(colon) : endOf(t),
        atStatementEnd()
          ? `'${key.text}:' has no value. Write a value after the colon, e.g. '${key.text}: ...'.`
          : `Unexpected ${describe(t)}: expected a value for '${key.text}' (a number, a quantity such as 4GiB, a word, a "string" or a [list]).`,
      );
      recover();
      return { type: 'property', key, start: key.start, end: endOf(colon) };
    }
    const prop: Property = { type: 'property', key, value, start: key.start, end: value.end };
    if (!atStatementEnd() && kind() === Tok.Word && value.type === 'word') {
      const t = tok();
      error(startOf(t), endOf(t), `Unexpected ${describe(t)} after the value of '${key.text}'. A value with spaces must be in double quotes, e.g. ${key.text}: "${value.value} ${textOf(t)}".`);
      recover();
      return prop;
    }
    if (!atStatementEnd()) expectStatementEnd(`the value of '${key.text}'`);
    return prop;
  };

  const parseLink = (fromText: string): Link => {
    const from = readName(tok(), fromText);
    p++;
    const arrow = tok();
    p++;
    let to: Name | undefined;
    let label: StringLiteral | undefined;
    if (kind() === Tok.Word) {
      to = readName(tok());
      p++;
    } else {
      const t = tok();
      error(startOf(arrow), endOf(arrow), `This link has no target: write the id of a node after '->', e.g. '${from.text} -> db'.`);
      void t;
    }
    if (kind() === Tok.String) {
      label = readString(tok());
      p++;
    }
    const end = label ? label.end : to ? to.end : endOf(arrow);
    if (!to) recover();
    else if (!atStatementEnd()) expectStatementEnd(`the link '${from.text} -> ${to.text}'`);
    return { type: 'link', from, to, label, start: from.start, end };
  };

  // The stack of open blocks (the file itself is below them), and the statements parsed so far
  // that are not yet in a closed block: the file's, then each open block's from its `first`.
  // A block takes its statements when it closes, in an array of exactly their number.
  const stack: Frame[] = [];
  const pending: Statement[] = [];
  let pendingCount = 0;
  const add = (s: Statement) => {
    pending[pendingCount++] = s;
  };

  const closeFrame = (closeOffset: number, endOffset: number) => {
    const f = stack.pop()!;
    const statements = pending.slice(f.first, pendingCount);
    pendingCount = f.first;
    f.decl.body = { open: f.open, close: closeOffset, start: f.open, end: endOffset, statements };
    f.decl.end = endOffset;
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
    const kindSpan = { start: startOf(kt), end: endOf(kt) };
    p++;
    let id: Name | undefined;
    let label: StringLiteral | undefined;
    if (kind() === Tok.Word) {
      const t = tok();
      const w = textOf(t);
      id = readName(t, w);
      p++;
      if (!ID_RE.test(w)) {
        error(id.start, id.end, `'${w}' is not a valid id: ids are letters, digits, '_' and '-', starting with a letter or '_' (no '.').`);
      } else if (isKind(w)) {
        error(id.start, id.end, `'${w}' is a reserved word (a kind) and cannot be an id. Choose another name, e.g. '${w}1'.`);
      }
    } else {
      const t = tok();
      error(kindSpan.start, kindSpan.end, `This ${kindWord} has no id: write a name after '${kindWord}', e.g. '${kindWord} ${kindWord === 'app' ? 'web' : kindWord + '1'}'.${kinds[t] === Tok.Colon ? ` (To set the property '${kindWord}', write '${kindWord}: value' without a space before the colon.)` : ''}`);
    }
    if (kind() === Tok.String) {
      label = readString(tok());
      p++;
    }
    // Allow the `{` on the next line.
    let q = p;
    while (kindAt(q) === Tok.Newline) q++;
    if (kindAt(q) === Tok.LBrace && q !== p) p = q;
    const headerEnd = label ? label.end : id ? id.end : kindSpan.end;
    if (kind() === Tok.LBrace) {
      const open = startOf(tok());
      if (stack.length >= MAX_DEPTH) {
        error(open, open + 1, `Nested too deeply: more than ${MAX_DEPTH} levels of blocks. The content of this block is skipped.`);
        skipBlock();
        add({ type: 'node', kind: kindWord, kindSpan, id, label, body: undefined, start: kindSpan.start, end: endOf(sig[p - 1]) });
        return;
      }
      p++;
      const decl: Frame['decl'] = { type: 'node', kind: kindWord, kindSpan, id, label, body: undefined, start: kindSpan.start, end: -1 };
      add(decl);
      stack.push({ decl, open, first: pendingCount });
      return;
    }
    const decl: NodeDecl = { type: 'node', kind: kindWord, kindSpan, id, label, body: undefined, start: kindSpan.start, end: headerEnd };
    add(decl);
    if (!atStatementEnd()) {
      expectStatementEnd(id ? `${kindWord} '${id.text}'` : `'${kindWord}'`, `To give it content, open a block: '${kindWord} ${id?.text ?? 'name'} { ... }'.`);
    }
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
        add(parseProperty(w));
        continue;
      }
      if (next === Tok.Arrow) {
        add(parseLink(w));
        continue;
      }
      if (isKind(w)) {
        if (indentRecovery && stack.length && atLineStart(t)) {
          const col = columnOf(startOf(t));
          // A node keyword at or left of an open block's keyword means that block ended.
          while (stack.length && col <= columnOf(stack[stack.length - 1].decl.start)) {
            const f = stack[stack.length - 1];
            const prevEnd = endOf(sig[Math.max(0, p - 1)]);
            error(f.open, f.open + 1, `This '{' of ${f.decl.kind} '${f.decl.id?.text ?? ''}' is never closed: add '}' where its block ends.`);
            closeFrame(-1, Math.max(prevEnd, f.open + 1));
          }
        }
        parseNode(w);
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
      error(f.open, f.open + 1, `This '{' of ${f.decl.kind} '${f.decl.id?.text ?? ''}' is never closed: add '}' at the end of its block.`);
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
  // Every block is closed: what is pending are the file's own statements.
  const fileStatements = pending.slice(0, pendingCount);
  const tree: FileNode = { type: 'file', start: 0, end: text.length, statements: fileStatements, comments };
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
