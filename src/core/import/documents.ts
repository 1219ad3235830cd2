// Reads one input file into documents that know where their parts came from: YAML (every
// document of a multi-document stream) with the `yaml` package's positions, JSON with a one-pass
// scan for the lines of its top-level entries. Never throws: problems come back located.
import { type Document as YAMLDocument, LineCounter, parseAllDocuments, visit, type YAMLError } from 'yaml';
import { JSON_LINE_DEPTH, type JsonLines, jsonLines } from './jsonLines';
import type { ImportError, SourceFile, SourceRef } from './types';

/** Larger inputs are refused: split the dump (per namespace, per project) and import the parts. */
export const MAX_INPUT_CHARS = 64 * 1024 * 1024;

export type PathPart = string | number;

/** One parsed document: its value, and where a path inside it was written. */
export interface Doc {
  readonly value: unknown;
  /** The location of the value at `path` (or of its nearest located ancestor). */
  at(path: readonly PathPart[]): SourceRef;
}

export type Syntax = 'yaml' | 'json' | 'xml';

export interface Loaded {
  readonly syntax: Syntax;
  readonly docs: Doc[];
  readonly errors: ImportError[];
}

/** The syntax a text is written in, from its first significant character. */
export function sniffSyntax(text: string): Syntax {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  const c = text[i];
  if (c === '<') return 'xml';
  if (c === '{' || c === '[') return 'json';
  return 'yaml';
}

export function pathText(path: readonly PathPart[]): string {
  // Joined once, so the text is one flat string (not a chain of concatenations kept per node).
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') parts.push('[', String(p), ']');
    else if (!isSimpleKey(p)) parts.push('[', JSON.stringify(p), ']');
    else if (parts.length > 0) parts.push('.', p);
    else parts.push(p);
  }
  return parts.join('');
}

/** A key written as `.key` in a path (others are written `["key"]`): `[A-Za-z_][A-Za-z0-9_-]*`. */
function isSimpleKey(p: string): boolean {
  if (p.length === 0) return false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && (i === 0 || !((c >= 48 && c <= 57) || c === 45))) return false;
  }
  return true;
}

/** Parses YAML or JSON input. XML is read by its own reader (libvirt.ts). */
export function loadDocuments(file: SourceFile): Loaded {
  const syntax = sniffSyntax(file.text);
  if (file.text.length > MAX_INPUT_CHARS) {
    return {
      syntax,
      docs: [],
      errors: [{ file: file.name, line: 1, message: `The file is ${(file.text.length / 1024 / 1024).toFixed(0)} MB; Strata imports files of up to ${MAX_INPUT_CHARS / 1024 / 1024} MB. Split it (for example one \`kubectl get ... -n NAMESPACE -o json\` per namespace) and import the parts together.` }],
    };
  }
  if (syntax === 'json') return loadJson(file);
  if (syntax === 'yaml') return loadYaml(file);
  return { syntax, docs: [], errors: [] };
}

const TEMPLATE = /\{\{[^\n]*?\}\}|\{%[^\n]*?%\}/;

function loadYaml(file: SourceFile): Loaded {
  const errors: ImportError[] = [];
  // A template that was never rendered (Helm, Jinja) is not a deployment: say so once per file,
  // at its first line, rather than reporting the YAML errors it causes.
  const t = TEMPLATE.exec(file.text);
  if (t) {
    const line = lineOf(file.text, t.index);
    errors.push({
      file: file.name,
      line,
      message: `This is an unrendered template (${JSON.stringify(t[0].slice(0, 40))}): Strata imports what is deployed. Render it first, e.g. \`helm template RELEASE CHART > rendered.yaml\`, and import the output.`,
    });
    return { syntax: 'yaml', docs: [], errors };
  }
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(file.text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    // An empty stream (comments only).
    return { syntax: 'yaml', docs: [], errors };
  }
  const docs: Doc[] = [];
  for (const d of list) {
    if (d.errors.length > 0) {
      for (const e of d.errors) {
        const opened = unclosedQuote(d, e);
        if (opened) {
          // The parser notices at the end of the file; the user needs the line the string starts on.
          errors.push({ file: file.name, line: lineCounter.linePos(opened.start).line, message: `Not valid YAML: the quoted string that starts here (${opened.quote}) is never closed, so the rest of the file is read as part of it. Add the closing ${opened.quote}.` });
          continue;
        }
        // An error found at the very end is shown on the last line, not on one past it.
        errors.push({ file: file.name, line: lineCounter.linePos(Math.max(0, Math.min(e.pos[0], file.text.length - 1))).line, message: `Not valid YAML: ${firstLine(e.message)}` });
      }
      continue;
    }
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      errors.push({ file: file.name, line: d.contents?.range ? lineCounter.linePos(d.contents.range[0]).line : 1, message: `Not valid YAML: ${firstLine((e as Error).message)}` });
      continue;
    }
    if (value === null || value === undefined) continue; // an empty document between `---`
    const docLine = d.contents?.range ? lineCounter.linePos(d.contents.range[0]).line : 1;
    docs.push({
      value,
      at(path) {
        for (let n = path.length; n >= 0; n--) {
          const node = n === 0 ? d.contents : d.getIn(path.slice(0, n) as PathPart[], true);
          const range = (node as { range?: [number, number, number] } | undefined)?.range;
          if (range) return { file: file.name, line: lineCounter.linePos(range[0]).line, path: pathText(path) || undefined };
        }
        return { file: file.name, line: docLine };
      },
    });
  }
  return { syntax: 'yaml', docs, errors };
}

/** For a "missing closing quote" error: where the quoted string that never ends starts, and its quote. */
function unclosedQuote(doc: YAMLDocument, e: YAMLError): { start: number; quote: string } | undefined {
  if (e.code !== 'MISSING_CHAR' || !/quote/i.test(e.message)) return undefined;
  let found: { start: number; quote: string } | undefined;
  visit(doc, {
    Scalar(_, n) {
      if ((n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') && n.range && n.range[0] < e.pos[0] && n.range[1] >= e.pos[0]) {
        found = { start: n.range[0], quote: n.type === 'QUOTE_DOUBLE' ? '"' : "'" };
      }
    },
  });
  return found;
}

function loadJson(file: SourceFile): Loaded {
  let value: unknown;
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const lc = /line (\d+)/.exec(msg);
    const line = lc ? Number(lc[1]) : pos ? lineOf(text, Number(pos[1])) : 1;
    return { syntax: 'json', docs: [], errors: [{ file: file.name, line, message: `Not valid JSON: ${firstLine(msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, ''))}` }] };
  }
  // Lines are found on first use, deep enough for `terraform show -json` modules when it is one.
  let lines: JsonLines | undefined;
  const depth = typeof value === 'object' && value !== null && 'format_version' in value ? TERRAFORM_LINE_DEPTH : JSON_LINE_DEPTH;
  return {
    syntax: 'json',
    docs: [
      {
        value,
        at(path) {
          lines ??= jsonLines(text, depth);
          return { file: file.name, line: lines.lineOf(path) ?? 1, path: pathText(path) || undefined };
        },
      },
    ],
    errors: [],
  };
}

/** `values.root_module.child_modules[0].resources[3]` is depth 6. */
const TERRAFORM_LINE_DEPTH = 6;

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
