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

export function pathText(path: readonly PathPart[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(p) ? (s ? `.${p}` : p) : `[${JSON.stringify(p)}]`;
  return s;
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
          for (let n = Math.min(path.length, depth); n >= 0; n--) {
            const line = lines.get(pathText(path.slice(0, n)));
            if (line !== undefined) return { file: file.name, line, path: pathText(path) || undefined };
          }
          return { file: file.name, line: 1, path: pathText(path) || undefined };
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
 * (`items[3].spec.containers[0]`). The text is valid JSON.
 */
export function jsonEntryLines(text: string, maxDepth = JSON_LINE_DEPTH): Map<string, number> {
  const out = new Map<string, number>();
  // Per open container: its path (undefined below what is recorded), whether it is an array,
  // its next index, and the last key read.
  const paths: (string | undefined)[] = [];
  const arrays: boolean[] = [];
  const indexes: number[] = [];
  const keys: (string | undefined)[] = [];
  let depth = 0;
  let line = 1;
  let expectingValue = true;
  const childPath = (): string | undefined => {
    if (depth === 0) return '';
    const d = depth - 1;
    const base = paths[d];
    if (base === undefined || depth > maxDepth) return undefined;
    if (arrays[d]) return `${base}[${indexes[d]}]`;
    const key = keys[d];
    if (key === undefined) return undefined;
    return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;
  };
  const recordValue = (isContainer: boolean): string | undefined => {
    const p = childPath();
    // Record shallow values and array elements; deeper object members only as paths to them.
    if (p !== undefined && (depth <= 3 || arrays[depth - 1]) && !out.has(p)) out.set(p, line);
    return isContainer ? p : undefined;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (c === 34) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return out;
        let bs = 0;
        for (let k = q - 1; text.charCodeAt(k) === 92; k--) bs++;
        if (bs > 0) escaped = true;
        if (bs % 2 === 0) {
          j = q;
          break;
        }
        j = q + 1;
      }
      if (depth > 0 && !arrays[depth - 1] && !expectingValue) {
        // A key: kept only where a path is built through it.
        keys[depth - 1] = paths[depth - 1] !== undefined && depth <= maxDepth ? (escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j)) : undefined;
      } else if (expectingValue) {
        recordValue(false);
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
      const p = expectingValue ? recordValue(true) : undefined;
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
      recordValue(false);
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

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
