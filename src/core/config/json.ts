// A small JSON parser that keeps positions, for strata.config.json: every value knows its span and
// every object property the span of its key, so schema problems can be underlined. Strict JSON
// (RFC 8259: no comments, no trailing commas). Never throws: syntax errors are collected with
// offsets and parsing goes on where it can, like node-jsonc-parser (whose UMD build does not
// bundle with esbuild's node defaults, hence this file).
import type { Span } from '../syntax/ast';

export type JsonNode =
  | { readonly type: 'object'; readonly span: Span; readonly properties: readonly JsonProperty[] }
  | { readonly type: 'array'; readonly span: Span; readonly items: readonly JsonNode[] }
  | { readonly type: 'string'; readonly span: Span; readonly value: string }
  | { readonly type: 'number'; readonly span: Span; readonly value: number }
  | { readonly type: 'boolean'; readonly span: Span; readonly value: boolean }
  | { readonly type: 'null'; readonly span: Span };

export interface JsonProperty {
  readonly key: string;
  readonly keySpan: Span;
  /** Undefined when the value is missing (a syntax error). */
  readonly value: JsonNode | undefined;
}

export interface JsonError {
  readonly message: string;
  readonly span: Span;
}

export interface JsonParse {
  /** The top-level value, or undefined when there is none. */
  readonly root: JsonNode | undefined;
  readonly errors: readonly JsonError[];
}

/** Deepest nesting accepted; deeper input is an error, never a stack overflow. */
export const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parses JSON text. */
export function parseJson(text: string): JsonParse {
  const errors: JsonError[] = [];
  let pos = 0;
  let lastErrorAt = -1;
  /** Offset of the last comma seen, to point at a trailing one. */
  let lastComma = -1;

  const error = (message: string, start: number, end = start + 1): void => {
    if (start === lastErrorAt) return; // one error per position
    lastErrorAt = start;
    errors.push({ message, span: { start, end: Math.min(Math.max(end, start), text.length) } });
  };

  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) pos++;
      else if (c === 47 && (text.charCodeAt(pos + 1) === 47 || text.charCodeAt(pos + 1) === 42)) {
        // A comment: report it and skip it, so the rest still parses.
        const start = pos;
        const block = text.charCodeAt(pos + 1) === 42;
        const end = block ? text.indexOf('*/', pos + 2) : -1;
        if (block) pos = end < 0 ? text.length : end + 2;
        else {
          pos += 2;
          while (pos < text.length && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
        }
        error('Comments are not allowed in JSON', start, pos);
      } else return;
    }
  };

  const describe = (at: number): string => {
    if (at >= text.length) return 'the end of the file';
    const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 40));
    return `'${m ? m[0] : text[at]}'`;
  };

  const parseString = (): { value: string; span: Span } => {
    const start = pos;
    pos++; // opening quote
    let value = '';
    let chunk = pos;
    for (;;) {
      if (pos >= text.length) {
        error('Unterminated string: add the closing "', start, pos);
        break;
      }
      const c = text.charCodeAt(pos);
      if (c === 34) {
        value += text.slice(chunk, pos);
        pos++;
        break;
      }
      if (c === 10 || c === 13) {
        error('Unterminated string: strings end on the line they start', start, pos);
        value += text.slice(chunk, pos);
        break;
      }
      if (c < 32) {
        error('Control characters must be escaped in strings', pos);
        pos++;
        continue;
      }
      if (c === 92) {
        value += text.slice(chunk, pos);
        const e = text[pos + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          value += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else if (e !== undefined && e in ESCAPES) {
          value += ESCAPES[e];
          pos += 2;
        } else {
          error('Invalid escape in string', pos, pos + 2);
          pos += e === undefined ? 1 : 2;
        }
        chunk = pos;
        continue;
      }
      pos++;
    }
    return { value, span: { start, end: pos } };
  };

  const parseValue = (depth: number): JsonNode | undefined => {
    skipSpace();
    const start = pos;
    const c = text[pos];
    if (c === '{' || c === '[') {
      if (depth >= MAX_JSON_DEPTH) {
        error(`Nested too deeply (more than ${MAX_JSON_DEPTH} levels)`, start);
        skipBalanced();
        return undefined;
      }
      return c === '{' ? parseObject(depth) : parseArray(depth);
    }
    if (c === '"') {
      const s = parseString();
      return { type: 'string', span: s.span, value: s.value };
    }
    NUMBER.lastIndex = pos;
    const num = NUMBER.exec(text);
    if (num && (c === '-' || (c >= '0' && c <= '9'))) {
      pos += num[0].length;
      if (/[\w.]/.test(text[pos] ?? '')) {
        while (pos < text.length && /[\w.+-]/.test(text[pos])) pos++;
        error('Invalid number', start, pos);
      }
      return { type: 'number', span: { start, end: pos }, value: Number(num[0]) };
    }
    for (const [word, node] of [
      ['true', { type: 'boolean', value: true }],
      ['false', { type: 'boolean', value: false }],
      ['null', { type: 'null' }],
    ] as const) {
      if (text.startsWith(word, pos) && !/[\w$]/.test(text[pos + word.length] ?? '')) {
        pos += word.length;
        return { ...node, span: { start, end: pos } } as JsonNode;
      }
    }
    error(`A value is expected, found ${describe(pos)}`, start, start + Math.max(1, /^[\w$.-]*/.exec(text.slice(pos, pos + 40))![0].length));
    return undefined;
  };

  /** Skips a bracketed region after a depth error (strings respected). */
  const skipBalanced = (): void => {
    let depth = 0;
    while (pos < text.length) {
      const c = text[pos];
      if (c === '"') {
        parseString();
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          pos++;
          return;
        }
      }
      pos++;
    }
  };

  /** After junk, move to the next `,` or the closing bracket of this level. */
  const recover = (close: string): void => {
    while (pos < text.length && text[pos] !== ',' && text[pos] !== close && text[pos] !== '}' && text[pos] !== ']') {
      if (text[pos] === '"') parseString();
      else pos++;
    }
  };

  const parseObject = (depth: number): JsonNode => {
    const start = pos;
    pos++;
    const properties: JsonProperty[] = [];
    skipSpace();
    if (text[pos] === '}') {
      pos++;
      return { type: 'object', span: { start, end: pos }, properties };
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') {
        if (text[pos] === '}' && properties.length) error('Trailing commas are not allowed in JSON', lastComma, lastComma + 1);
        else error(`A property name in double quotes is expected, found ${describe(pos)}`, pos);
        if (text[pos] === '}') {
          pos++;
          break;
        }
        recover('}');
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') pos++;
        break;
      }
      const key = parseString();
      skipSpace();
      let value: JsonNode | undefined;
      if (text[pos] !== ':') error(`A colon is expected after "${key.value}"`, pos);
      else {
        pos++;
        value = parseValue(depth + 1);
      }
      properties.push({ key: key.value, keySpan: key.span, value });
      skipSpace();
      if (text[pos] === ',') {
        lastComma = pos;
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        break;
      }
      if (pos >= text.length) {
        error('A closing brace } is expected', start, start + 1);
        break;
      }
      error(`A comma or closing brace is expected, found ${describe(pos)}`, pos);
      recover('}');
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') pos++;
      break;
    }
    return { type: 'object', span: { start, end: pos }, properties };
  };

  const parseArray = (depth: number): JsonNode => {
    const start = pos;
    pos++;
    const items: JsonNode[] = [];
    skipSpace();
    if (text[pos] === ']') {
      pos++;
      return { type: 'array', span: { start, end: pos }, items };
    }
    for (;;) {
      skipSpace();
      if (text[pos] === ']' && items.length) {
        error('Trailing commas are not allowed in JSON', lastComma, lastComma + 1);
        pos++;
        break;
      }
      const item = parseValue(depth + 1);
      if (item) items.push(item);
      skipSpace();
      if (text[pos] === ',') {
        lastComma = pos;
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        break;
      }
      if (pos >= text.length) {
        error('A closing bracket ] is expected', start, start + 1);
        break;
      }
      error(`A comma or closing bracket is expected, found ${describe(pos)}`, pos);
      recover(']');
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') pos++;
      break;
    }
    return { type: 'array', span: { start, end: pos }, items };
  };

  const root = parseValue(0);
  skipSpace();
  if (pos < text.length) error('Nothing may follow the top-level value', pos, text.length);
  return { root, errors };
}

/** The plain value of a node (a repeated key: the last one wins, as in JSON.parse). */
export function jsonValue(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (p.value === undefined) continue;
        // defineProperty: a key such as "__proto__" must stay a plain own property.
        Object.defineProperty(out, p.key, { value: jsonValue(p.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return node.items.map(jsonValue);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

/** The node at a path of keys and indexes (the last property of a repeated key). */
export function nodeAt(root: JsonNode | undefined, path: readonly (string | number)[]): JsonNode | undefined {
  let node = root;
  for (const p of path) {
    if (!node) return undefined;
    if (node.type === 'object') node = findProperty(node, String(p))?.value;
    else if (node.type === 'array' && typeof p === 'number') node = node.items[p];
    else return undefined;
  }
  return node;
}

/** The last property with this key in an object node. */
function findProperty(node: JsonNode, key: string): JsonProperty | undefined {
  if (node.type !== 'object') return undefined;
  for (let i = node.properties.length - 1; i >= 0; i--) if (node.properties[i].key === key) return node.properties[i];
  return undefined;
}
