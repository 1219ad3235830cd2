// The domain review (docs/domain-review.md): 20 scenarios written by a domain expert, each with
// the findings (rule, node, severity) and the key figures expected BEFORE the scenario was run.
// Each scenario is compared with what Strata reports: findings exactly, figures by path.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { computeStats, whatIf } from '../../src/core/analysis';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'domain-review');

interface Expectations {
  readonly title: string;
  readonly expect: string;
  /** Every finding expected: [rule, node id, severity]. */
  readonly findings: readonly (readonly [string, string, string])[];
  /** Path → value; null means "absent" (no figure). */
  readonly figures: Readonly<Record<string, unknown>>;
  /** "rule@node" → words its message must not contain. */
  readonly messagesWithout?: Readonly<Record<string, readonly string[]>>;
}

/** The scenarios: NN-name.strata with NN-name.expect.json beside it. */
export function domainScenarios(): { name: string; model: string; expected: Expectations }[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.strata'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.strata'.length);
      return {
        name,
        model: fs.readFileSync(path.join(DIR, f), 'utf8'),
        expected: JSON.parse(fs.readFileSync(path.join(DIR, `${name}.expect.json`), 'utf8')) as Expectations,
      };
    });
}

const KEYS = ['id', 'key', 'node', 'step', 'subject', 'workload'] as const;

/**
 * The value at a path such as `stats.vms[fn1].boot.value`: `name[sel]` picks the element of an
 * array whose id (or key, node, step, subject, workload) is `sel`; `.length` is an array's length.
 */
export function at(root: unknown, p: string): unknown {
  let cur: unknown = root;
  for (const part of p.split('.').reduce<string[]>((acc, s) => {
    // Keep a selector's dots inside its brackets (`vms[a.b]`).
    if (acc.length && acc[acc.length - 1].includes('[') && !acc[acc.length - 1].includes(']')) acc[acc.length - 1] += `.${s}`;
    else acc.push(s);
    return acc;
  }, [])) {
    if (cur === undefined || cur === null) return undefined;
    const m = /^([^[]+)(?:\[(.+)\])?$/.exec(part)!;
    cur = (cur as Record<string, unknown>)[m[1]];
    if (m[2] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((e: Record<string, unknown>) => KEYS.some((k) => e?.[k] === m[2]));
    }
  }
  return cur;
}

/** What Strata reports for a scenario: its findings and the figure paths' values. */
export function runScenario(model: string) {
  const analysis = analyze(model);
  const root = {
    stats: computeStats(analysis),
    whatIf: { containerize: whatIf('containerize', analysis), 'isolate-tenants': whatIf('isolate-tenants', analysis) },
  };
  return { analysis, root };
}

function same(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (typeof expected === 'number' && typeof actual === 'number') return Math.abs(actual - expected) <= Math.abs(expected) * 1e-9;
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/**
 * Scenarios whose remaining gaps are in the kernel model or the checks (src/core/model,
 * src/core/checks: the trust work of issue 12), not yet on main when this list was written. Each
 * is still run: while it fails it is reported as pending; once it holds it passes like the
 * others. With the trust branch merged all 20 hold (docs/domain-review.md, final run), so the
 * list should then be emptied.
 */
// Every scenario that waited for the kernel model (issue 12, branch trust) now holds.
const AWAITING_KERNEL_MODEL: Readonly<Record<string, string>> = {};

describe('domain review: 20 scenarios against the expectations written before they ran', () => {
  const scenarios = domainScenarios();
  it('has 20 scenarios, each with expectations', () => {
    assert.equal(scenarios.length, 20);
  });
  for (const s of scenarios) {
    it(`${s.name}: ${s.expected.title}`, function () {
      const { analysis, root } = runScenario(s.model);
      const actual = analysis.findings.map((f) => `${f.rule}@${f.nodeId ?? '?'}:${f.severity}`).sort();
      const expected = s.expected.findings.map(([r, n, sev]) => `${r}@${n}:${sev}`).sort();
      const problems: string[] = [];
      if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`findings: got [${actual.join(', ')}], expected [${expected.join(', ')}]`);
      for (const [p, want] of Object.entries(s.expected.figures)) {
        const got = at(root, p);
        if (!same(got, want)) problems.push(`${p}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
      for (const [key, words] of Object.entries(s.expected.messagesWithout ?? {})) {
        const [rule, node] = key.split('@');
        for (const f of analysis.findings.filter((x) => x.rule === rule && x.nodeId === node)) {
          for (const w of words) if (f.message.includes(w)) problems.push(`${key} message says "${w}": ${f.message}`);
        }
      }
      // Pending only while it still fails; once the kernel model lands it simply passes (and
      // the entry can go), so landing that work is not blocked by this list.
      if (AWAITING_KERNEL_MODEL[s.name] !== undefined && problems.length) this.skip();
      assert.deepEqual(problems, [], `${s.name}:\n  ${problems.join('\n  ')}`);
    });
  }
});
