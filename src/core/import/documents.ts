// Reads one input file into documents that know where their parts came from: YAML (every
// document of a multi-document stream) with the `yaml` package's positions, JSON with a one-pass
// scan for the lines of its top-level entries. Never throws: problems come back located.
import { LineCounter, parseAllDocuments } from 'yaml';
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

/** A key written as `.key` in a path (others are written `["key"]`). */
const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function pathText(path: readonly PathPart[]): string {
  let s = '';
  for (const p of path) s = appendPath(s, p);
  return s;
}

/** A path text with one more part: `items[3]` + `spec` → `items[3].spec`. */
function appendPath(s: string, p: PathPart): string {
  return typeof p === 'number' ? `${s}[${p}]` : SIMPLE_KEY.test(p) ? (s ? `${s}.${p}` : p) : `${s}[${JSON.stringify(p)}]`;
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
        errors.push({ file: file.name, line: lineCounter.linePos(e.pos[0]).line, message: `Not valid YAML: ${firstLine(e.message)}` });
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
  let lines: Map<string, number> | undefined;
  const depth = typeof value === 'object' && value !== null && 'format_version' in value ? TERRAFORM_LINE_DEPTH : JSON_LINE_DEPTH;
  return {
    syntax: 'json',
    docs: [
      {
        value,
        at(path) {
          lines ??= jsonEntryLines(text, depth);
          // The texts of the path's first 0..depth parts, then the nearest one with a line.
          const recorded = Math.min(path.length, depth);
          const prefixes: string[] = [''];
          for (let n = 1; n <= recorded; n++) prefixes.push(appendPath(prefixes[n - 1], path[n - 1]));
          let full = prefixes[recorded];
          for (let n = recorded; n < path.length; n++) full = appendPath(full, path[n]);
          for (let n = recorded; n >= 0; n--) {
            const line = lines.get(prefixes[n]);
            if (line !== undefined) return { file: file.name, line, path: full || undefined };
          }
          return { file: file.name, line: 1, path: full || undefined };
        },
      },
    ],
    errors: [],
  };
}

/** How deep JSON values get their own line: `items[3].spec` is depth 3 (parts); deeper paths give the line of their nearest recorded ancestor (a pod's containers: the pod's line, with the full JSON path beside it). */
const JSON_LINE_DEPTH = 3;
/** `values.root_module.child_modules[0].resources[3]` is depth 6. */
const TERRAFORM_LINE_DEPTH = 6;

/**
 * The 1-based line of JSON values by path, in one pass that skips strings whole: every value at
 * depth 1 to 3 (`items[3]`, `services.web.depends_on`) and every array element down to `maxDepth`
 * (`items[3].spec.containers[0]`). The text is valid JSON. A container whose inside records
 * nothing (too deep, or under an unrecorded path) is skipped by bracket counting alone.
 */
export function jsonEntryLines(text: string, maxDepth = JSON_LINE_DEPTH): Map<string, number> {
  const out = new Map<string, number>();
  // Per open container: its path, whether it is an array, its next index, and the last key read.
  const paths: string[] = [];
  const arrays: boolean[] = [];
  const indexes: number[] = [];
  const keys: (string | undefined)[] = [];
  let depth = 0;
  let expectingValue = true;
  const n = text.length;
  // Lines are counted up to where a value is recorded, each newline found once by indexOf.
  let line = 1;
  let nextNewline = text.indexOf('\n');
  if (nextNewline < 0) nextNewline = n;
  const lineAt = (i: number): number => {
    while (nextNewline < i) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
      if (nextNewline < 0) nextNewline = n;
    }
    return line;
  };
  /** The path of the value about to be read, or undefined when it is not recorded. */
  const childPath = (): string | undefined => {
    if (depth === 0) return '';
    const d = depth - 1;
    const base = paths[d];
    if (arrays[d]) return `${base}[${indexes[d]}]`;
    const key = keys[d];
    if (key === undefined) return undefined;
    return SIMPLE_KEY.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;
  };
  /** The index of the closing quote of the string opened at `i`; -1 when it is not closed. */
  const stringEnd = (i: number): number => {
    let j = i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q < 0) return -1;
      let k = q - 1;
      while (text.charCodeAt(k) === 92) k--;
      if ((q - 1 - k) % 2 === 0) return q;
      j = q + 1;
    }
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) continue;
    if (c === 34) {
      const j = stringEnd(i);
      if (j < 0) return out;
      if (depth > 0 && !arrays[depth - 1] && !expectingValue) {
        // A key: the path of the container is recorded (or it would have been skipped).
        const raw = text.slice(i + 1, j);
        keys[depth - 1] = raw.indexOf('\\') < 0 ? raw : (JSON.parse(text.slice(i, j + 1)) as string);
      } else if (expectingValue) {
        const p = childPath();
        if (p !== undefined && (depth <= 3 || arrays[depth - 1]) && !out.has(p)) out.set(p, lineAt(i));
        expectingValue = false;
      }
      i = j;
      continue;
    }
    if (c === 58) {
      expectingValue = true;
      continue;
    }
    if (c === 44) {
      if (depth > 0 && arrays[depth - 1]) {
        indexes[depth - 1]++;
        expectingValue = true;
      } else expectingValue = false;
      continue;
    }
    if (c === 123 || c === 91) {
      const p = expectingValue ? childPath() : undefined;
      if (p !== undefined && (depth <= 3 || arrays[depth - 1]) && !out.has(p)) out.set(p, lineAt(i));
      if (p === undefined || depth + 1 > maxDepth) {
        // Nothing inside is recorded: jump from bracket to bracket to the matching one.
        let open = 1;
        STRUCTURE.lastIndex = i + 1;
        while (open > 0) {
          if (!STRUCTURE.test(text)) return out;
          const k = STRUCTURE.lastIndex - 1;
          const d = text.charCodeAt(k);
          if (d === 34) {
            const j = stringEnd(k);
            if (j < 0) return out;
            STRUCTURE.lastIndex = j + 1;
          } else if (d === 123 || d === 91) open++;
          else open--;
          i = k;
        }
        expectingValue = false;
        continue;
      }
      paths[depth] = p;
      arrays[depth] = c === 91;
      indexes[depth] = 0;
      keys[depth] = undefined;
      depth++;
      expectingValue = c === 91;
      continue;
    }
    if (c === 125 || c === 93) {
      depth--;
      expectingValue = false;
      continue;
    }
    // A number, true, false or null: skip to its end.
    if (expectingValue) {
      const p = childPath();
      if (p !== undefined && (depth <= 3 || arrays[depth - 1]) && !out.has(p)) out.set(p, lineAt(i));
      expectingValue = false;
    }
    while (i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 44 || d === 93 || d === 125 || d === 32 || d === 10 || d === 13 || d === 9) break;
      i++;
    }
  }
  return out;
}

/** A quote or bracket: what bracket matching stops at (strings are then skipped whole). */
const STRUCTURE = /["[\]{}]/g;

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
