// Checks what a reader reads against its zod schema and turns each problem into one located
// error: "items[3].spec.containers[0].name: expected a string (got a number)".
import type * as z from 'zod/mini';
import { type Doc, type PathPart, pathText } from './documents';
import type { ImportError } from './types';

const MAX_ISSUES = 5;

export function validate<T>(schema: z.ZodMiniType<T>, value: unknown, doc: Doc, prefix: readonly PathPart[], what: string): { data?: T; errors: ImportError[] } {
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
