// Helpers of the renderer tests: golden files, the SVG safety checks, and a small strict XML 1.0
// well-formedness checker. The checker parses into a tree
// (elements, attributes, decoded text) and throws on anything a conforming parser rejects that
// our SVG could plausibly contain: unbalanced or mismatched tags, duplicate or unquoted
// attributes, `<` or a bare `&` in text or attribute values, unknown entities, characters XML
// cannot hold, more than one root, text outside the root, `]]>` in text.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'render');

export interface XmlElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: (XmlElement | string)[];
  readonly parent: XmlElement | undefined;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const INVALID_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class XmlError extends Error {}

function decode(raw: string, at: number): string {
  if (raw.includes('<')) throw new XmlError(`'<' in character data near offset ${at}`);
  return raw.replace(/&([^;]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError(`bare '&' near offset ${at}`);
    if (ref.startsWith('#x')) {
      if (!/^#x[0-9A-Fa-f]+$/.test(ref)) throw new XmlError(`bad character reference &${ref}; near ${at}`);
      return String.fromCodePoint(parseInt(ref.slice(2), 16));
    }
    if (ref.startsWith('#')) {
      if (!/^#[0-9]+$/.test(ref)) throw new XmlError(`bad character reference &${ref}; near ${at}`);
      return String.fromCodePoint(parseInt(ref.slice(1), 10));
    }
    const v = PREDEFINED[ref];
    if (v === undefined) throw new XmlError(`unknown entity &${ref}; near ${at} (${m})`);
    return v;
  });
}

/** Parse `xml` strictly; throws `XmlError` if it is not well-formed. Returns the root element. */
export function parseXml(xml: string): XmlElement {
  const bad = INVALID_CHAR.exec(xml);
  if (bad) throw new XmlError(`character U+${bad[0].charCodeAt(0).toString(16)} not allowed in XML at ${bad.index}`);
  let i = 0;
  let root: XmlElement | undefined;
  let cur: XmlElement | undefined;
  const n = xml.length;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new XmlError('unterminated XML declaration');
    i = end + 2;
  }
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (raw.includes(']]>')) throw new XmlError(`']]>' in text at ${i}`);
      const text = decode(raw, i);
      if (cur) cur.children.push(text);
      else if (text.trim() !== '') throw new XmlError(`text outside the root element at ${i}`);
      i = textEnd;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError(`unterminated comment at ${i}`);
      if (xml.slice(i + 4, end).includes('--')) throw new XmlError(`'--' inside a comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      if (!cur) throw new XmlError(`CDATA outside the root at ${i}`);
      const end = xml.indexOf(']]>', i);
      if (end < 0) throw new XmlError(`unterminated CDATA at ${i}`);
      cur.children.push(xml.slice(i + 9, end));
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) throw new XmlError(`unexpected markup declaration or PI at ${i}`);
    if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      if (!m) throw new XmlError(`bad end tag at ${i}`);
      if (!cur || cur.name !== m[0]) throw new XmlError(`end tag </${m[0]}> does not match <${cur?.name ?? '(none)'}> at ${i}`);
      let j = i + 2 + m[0].length;
      while (/\s/.test(xml[j] ?? '')) j++;
      if (xml[j] !== '>') throw new XmlError(`bad end tag at ${i}`);
      i = j + 1;
      cur = cur.parent;
      continue;
    }
    // Start tag.
    const m = NAME.exec(xml.slice(i + 1, i + 200));
    if (!m) throw new XmlError(`bad start tag at ${i}`);
    if (!cur && root) throw new XmlError(`second root element <${m[0]}> at ${i}`);
    const attrs = new Map<string, string>();
    const el: XmlElement = { name: m[0], attrs, children: [], parent: cur };
    let j = i + 1 + m[0].length;
    for (;;) {
      const ws = j;
      while (/\s/.test(xml[j] ?? '')) j++;
      if (xml.startsWith('/>', j)) {
        j += 2;
        break;
      }
      if (xml[j] === '>') {
        j++;
        break;
      }
      if (j === ws) throw new XmlError(`missing space before attribute in <${m[0]}> at ${j}`);
      const an = NAME.exec(xml.slice(j, j + 200));
      if (!an) throw new XmlError(`bad attribute name in <${m[0]}> at ${j}`);
      j += an[0].length;
      while (/\s/.test(xml[j] ?? '')) j++;
      if (xml[j] !== '=') throw new XmlError(`attribute ${an[0]} without '=' at ${j}`);
      j++;
      while (/\s/.test(xml[j] ?? '')) j++;
      const q = xml[j];
      if (q !== '"' && q !== "'") throw new XmlError(`unquoted attribute ${an[0]} at ${j}`);
      const end = xml.indexOf(q, j + 1);
      if (end < 0) throw new XmlError(`unterminated attribute ${an[0]} at ${j}`);
      if (attrs.has(an[0])) throw new XmlError(`duplicate attribute ${an[0]} at ${j}`);
      attrs.set(an[0], decode(xml.slice(j + 1, end), j));
      j = end + 1;
    }
    const selfClosing = xml[j - 2] === '/';
    if (cur) cur.children.push(el);
    else root = el;
    if (!selfClosing) cur = el;
    i = j;
  }
  if (cur) throw new XmlError(`unclosed element <${cur.name}>`);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Every element of the tree, in document order (iterative). */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const e = stack.pop()!;
    out.push(e);
    for (let k = e.children.length - 1; k >= 0; k--) {
      const c = e.children[k];
      if (typeof c !== 'string') stack.push(c);
    }
  }
  return out;
}

/** The element's own text (direct text children, decoded), without nested elements' text. */
export function ownText(e: XmlElement): string {
  return e.children.filter((c): c is string => typeof c === 'string').join('');
}

/** Compare with a golden file; write it when missing or with UPDATE_SNAPSHOTS=1. */
export function golden(file: string, actual: string): void {
  const p = path.join(DIR, file);
  if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(p)) {
    fs.writeFileSync(p, actual);
    return;
  }
  const expected = fs.readFileSync(p, 'utf8');
  if (expected !== actual) {
    fs.writeFileSync(p.replace(/(\.[a-z]+)$/, '.actual$1'), actual);
    assert.fail(`${file} differs from its golden file (the output is in ${path.basename(p.replace(/(\.[a-z]+)$/, '.actual$1'))}). If the change is intended, run with UPDATE_SNAPSHOTS=1.`);
  }
}

const ALLOWED_ELEMENTS = new Set(['svg', 'style', 'defs', 'marker', 'g', 'rect', 'path', 'text', 'title']);

/** Well-formed, and nothing that could run or fetch: the checks every SVG we produce must pass. */
export function assertSafeSvg(svg: string): XmlElement {
  const root = parseXml(svg);
  assert.equal(root.name, 'svg');
  assert.equal(root.attrs.get('xmlns'), 'http://www.w3.org/2000/svg');
  for (const a of ['width', 'height', 'viewBox']) assert.ok(root.attrs.has(a), `root has ${a}`);
  // The markup alone (text content, which is escaped user text, left out).
  const markup = svg.replace(/>[^<]*</g, '><');
  assert.doesNotMatch(markup, /<script/i);
  assert.doesNotMatch(markup, /<foreignObject/i);
  assert.doesNotMatch(markup, /\son\w+\s*=/i, 'no event attribute');
  assert.doesNotMatch(markup, /href/i, 'no href at all');
  assert.doesNotMatch(markup, /javascript:/i);
  assert.doesNotMatch(markup, /url\((?!#)/i, 'only same-document url(#…) references');
  for (const style of allElements(root).filter((e) => e.name === 'style')) assert.doesNotMatch(ownText(style), /@import|url\(|expression\(/i);
  for (const e of allElements(root)) {
    assert.ok(ALLOWED_ELEMENTS.has(e.name), `unexpected element <${e.name}>`);
    for (const name of e.attrs.keys()) assert.ok(!/^on|href$|^xmlns:/i.test(name), `attribute ${name} on <${e.name}>`);
  }
  return root;
}

// Mermaid: every line we emit has one of these shapes; user text only ever inside "…".
const LABEL = '"[^"\\n]*"';
export const MERMAID_LINE_SHAPES = [
  /^flowchart (TB|LR)$/,
  new RegExp(`^\\s*subgraph [nk]\\d+\\[${LABEL}\\]$`),
  /^\s*end$/,
  new RegExp(`^\\s*(?:[nk]\\d+|more|empty)\\[${LABEL}\\]$`),
  new RegExp(`^\\s*n\\d+ -->(?:\\|${LABEL}\\|)? n\\d+$`),
  /^\s*k\d+ --- n\d+$/,
  /^\s*classDef [A-Za-z0-9]+ [a-z:#0-9,. -]+$/,
  /^\s*class [A-Za-z0-9,]+ [A-Za-z0-9]+$/,
];

/** Every line of generated mermaid has one of the shapes we emit; no comment, directive, click or style. */
export function assertSafeMermaid(text: string): void {
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  for (const line of lines) assert.ok(MERMAID_LINE_SHAPES.some((r) => r.test(line)), `unexpected line: ${JSON.stringify(line)}`);
  assert.doesNotMatch(text, /%%/, 'no comment or directive');
  assert.doesNotMatch(text, /^\s*(click|style|linkStyle)\b/m);
}

// Markdown: what a CommonMark/GFM parser (markdown-it, with HTML on, as GitHub reads it) makes of
// our output.
const md = new MarkdownIt({ html: true });

/** Tags our Markdown may produce (GitHub would render these); anything else came from user text. */
export const OUR_TAGS = /<(?!\/?(?:h[1-6]|p|strong|em|table|thead|tbody|tr|th|td|code|pre|a|ul|li|blockquote|details|summary|sub)[\s>])[a-z/!?]/i;

type MdToken = ReturnType<typeof md.parse>[number];

/** The Markdown's tokens as markdown-it reads it (to parse once for several checks). */
export function markdownTokens(markdown: string): MdToken[] {
  return md.parse(markdown, {});
}

/** Every table row has as many cells as its header. */
export function assertTablesHold(markdown: string | MdToken[]): void {
  let columns = -1;
  let cells = 0;
  for (const t of typeof markdown === 'string' ? md.parse(markdown, {}) : markdown) {
    if (t.type === 'thead_open') columns = -1;
    if (t.type === 'tr_open') cells = 0;
    if (t.type === 'th_open' || t.type === 'td_open') cells++;
    if (t.type === 'tr_close') {
      if (columns < 0) columns = cells;
      else assert.equal(cells, columns, 'a table row has as many cells as its header');
    }
  }
}

/** The fenced blocks of a Markdown text, as a CommonMark parser reads them. */
export function fences(markdown: string | MdToken[]): { info: string; content: string }[] {
  return (typeof markdown === 'string' ? md.parse(markdown, {}) : markdown)
    .filter((t) => t.type === 'fence')
    .map((t) => ({ info: t.info, content: t.content }));
}

/** The Markdown as HTML (markdown-it with HTML on). */
export function markdownToHtml(markdown: string | MdToken[]): string {
  return typeof markdown === 'string' ? md.render(markdown) : md.renderer.render(markdown, md.options, {});
}
