// Checks what a reader reads against its zod schema and turns each problem into one located
// error: "items[3].spec.containers[0].name: expected a string (got a number)".
import type * as z from 'zod/mini';
import { type Doc, type PathPart, pathText } from './documents';
import type { ImportError } from './types';

const MAX_ISSUES = 5;

export function validate<T>(schema: z.ZodMiniType<T>, value: unknown, doc: Doc, prefix: readonly PathPart[], what: string): { data?: T; errors: ImportError[] } {
  // Most input is valid: check it in place (zod copies what it parses, which for a dump of ten
  // thousand pods is most of the import's garbage), and parse with zod only to describe problems.
  if (conforms(schema, value) === true) return { data: value as T, errors: [] };
  const r = schema.safeParse(value);
  if (r.success) return { data: r.data, errors: [] };
  const errors: ImportError[] = [];
  for (const issue of r.error.issues.slice(0, MAX_ISSUES)) {
    const path = [...prefix, ...(issue.path as PathPart[])];
    const at = doc.at(path);
    errors.push({ file: at.file, line: at.line, message: `${what}: ${pathText(path) || 'the document'}: ${describeIssue(issue, valueAt(value, issue.path as PathPart[]))}` });
  }
  return { errors };
}

interface Def {
  readonly type: string;
  readonly format?: string;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly catchall?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly keyType?: z.core.$ZodType;
  readonly valueType?: z.core.$ZodType;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly check: string; readonly minimum?: number; readonly value?: number; readonly inclusive?: boolean } } }[];
}

/** true: the value satisfies the schema; false: it does not; undefined: the checker cannot tell. */
type Checker = (value: unknown) => boolean | undefined;

const checkers = new WeakMap<z.core.$ZodType, Checker>();

/**
 * Whether a value satisfies a schema, checked without copying it: true or false for the schema
 * shapes the readers use (objects, optional, nullable, unions, arrays, records, strings, numbers,
 * integers, booleans, unknown, and the length and sign checks), undefined for anything else (then
 * zod decides). Unknown keys are allowed, as zod's parse drops them and the readers only read the
 * keys their schemas name. Each schema's checker is built once.
 */
export function conforms(schema: z.core.$ZodType, value: unknown): boolean | undefined {
  return checkerOf(schema)(value);
}

function checkerOf(schema: z.core.$ZodType): Checker {
  let c = checkers.get(schema);
  if (!c) {
    // Placed first, so a schema that refers to itself would see a checker (they do not, today).
    checkers.set(schema, (v) => c!(v));
    c = buildChecker(schema._zod.def as unknown as Def);
    checkers.set(schema, c);
  }
  return c;
}

function buildChecker(def: Def): Checker {
  const base = baseChecker(def);
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (checks.length === 0) return base;
  if (checks.some((d) => d.check !== 'min_length' && d.check !== 'greater_than')) return () => undefined;
  return (value) => {
    const r = base(value);
    if (r !== true) return r;
    for (const d of checks) {
      if (d.check === 'min_length' ? (value as { length: number }).length < d.minimum! : !(d.inclusive ? (value as number) >= d.value! : (value as number) > d.value!)) return false;
    }
    return true;
  };
}

function baseChecker(def: Def): Checker {
  switch (def.type) {
    case 'unknown':
      return () => true;
    case 'string':
      return (v) => typeof v === 'string';
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'number':
      if (def.format === undefined) return (v) => typeof v === 'number' && Number.isFinite(v);
      if (def.format === 'safeint') return (v) => typeof v === 'number' && Number.isSafeInteger(v);
      return () => undefined;
    case 'optional': {
      const inner = checkerOf(def.innerType!);
      return (v) => (v === undefined ? true : inner(v));
    }
    case 'nullable': {
      const inner = checkerOf(def.innerType!);
      return (v) => (v === null ? true : inner(v));
    }
    case 'union': {
      const options = def.options!.map(checkerOf);
      return (v) => {
        let unknown = false;
        for (const o of options) {
          const r = o(v);
          if (r === true) return true;
          if (r === undefined) unknown = true;
        }
        return unknown ? undefined : false;
      };
    }
    case 'object': {
      const catchall = def.catchall ? (def.catchall._zod.def as unknown as Def).type : undefined;
      if (catchall !== undefined && catchall !== 'unknown') return () => undefined;
      const keys = Object.keys(def.shape!);
      const fields = keys.map((k) => checkerOf(def.shape![k]));
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
        for (let i = 0; i < keys.length; i++) {
          const r = fields[i]((v as Record<string, unknown>)[keys[i]]);
          if (r !== true) return r;
        }
        return true;
      };
    }
    case 'array': {
      const element = checkerOf(def.element!);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) {
          const r = element(v[i]);
          if (r !== true) return r;
        }
        return true;
      };
    }
    case 'record': {
      if ((def.keyType!._zod.def as unknown as Def).type !== 'string') return () => undefined;
      const value = checkerOf(def.valueType!);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
        for (const key in v) {
          const r = value((v as Record<string, unknown>)[key]);
          if (r !== true) return r;
        }
        return true;
      };
    }
    default:
      return () => undefined;
  }
}

function describeIssue(issue: z.core.$ZodIssue, got: unknown): string {
  if (issue.code === 'invalid_type') {
    return got === undefined ? `is required (${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`})` : `expected ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, not ${describeValue(got)}`;
  }
  if (issue.code === 'too_small') return 'must not be empty';
  return issue.message;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

function valueAt(v: unknown, path: readonly PathPart[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
