// The fuzz suite's inputs (fast-check arbitraries), from the dumbest to the most informed:
// - `unicodeText`: random Unicode, with lone surrogates, control characters, BOM, CR, CRLF,
//   U+2028, zero-width and combining characters, emoji and other astral characters mixed in;
// - `tokenSoup`: random sequences of the language's real tokens (kinds, property keys,
//   catalogue ids, units, punctuation, comments, suppressions) and of those characters;
// - `strataFile`: valid Strata syntax (any key, any value) with random valid layout: spaces and
//   tabs, `;` or line breaks, blank lines, one-line and multi-line blocks, `{` on the next line,
//   trailing and own-line comments, multi-line block comments and lists, CRLF, BOM;
// - `modelFile`: grammar- and schema-aware models: the real kinds nested as the language allows
//   (now and then where it does not), each kind's real properties with values of their types,
//   catalogue ids, declared and undeclared tenants, services, links, labels from the XSS corpus,
//   `strata-ignore` comments, with the same random layout;
// - `mutated`: any of the above, every fixture, example and rule example, with random cuts,
//   duplications, insertions (token soup, random Unicode), line swaps, CRLF, lone CR and BOM.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  ALLOWED_CHILDREN,
  allRuleNames,
  BYTE_UNITS,
  catalogueIds,
  CHECKS,
  exampleCode,
  KINDS,
  PROPERTIES,
  TIME_UNITS,
  VALUE_TYPES,
  type Kind,
  type PropertySpec,
} from '../../src/core';
import { PAYLOADS, strataString } from '../browser/corpus';
import { parseAnnotated } from '../helpers/annotations';
import { EXAMPLES, FIXTURES, strataFiles } from '../helpers/paths';

// ---------------------------------------------------------------------------------------------
// Characters and tokens.

/** Characters that have broken editors and parsers before. */
export const NASTY = [
  '\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\v', '\f', '\r', '\r\n', '\n\r', '\u001b', '\u007f', '\u0085',
  '\u00a0', '\u00ad', '\u200b', '\u200d', '\u200e', '\u2028', '\u2029', '\u202e', '\u2066', '\ufeff', '\ufffd', '\uffff',
  '\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800', '😀', '👨‍👩‍👧', '🇩🇪', '\u{10ffff}', '\u{1d54f}', 'é', 'e\u0301', 'ß', 'İ', '中', 'ﷺ', 'ﬂ°', '¶ß',
];

const PUNCTUATION = ['{', '}', '[', ']', ':', ';', ',', '->', '-', '>', '"', '\\', '#', '//', '/*', '*/', '/', '*', '.', '=', '@', '%%', '\n', '\r\n', ' ', '  ', '\t'];

const SPECS: readonly PropertySpec[] = Object.values(PROPERTIES).flat();
const KEYS = [...new Set(SPECS.map((s) => s.key as string))];
const CATALOGUE_IDS = (['os', 'hypervisor', 'engine', 'runtime'] as const).flatMap((k) => catalogueIds(k));
const RULES = allRuleNames();

/** The language's real tokens and a few of the ways they go wrong. */
export const TOKENS: readonly string[] = [
  ...KINDS,
  ...KEYS,
  ...KEYS.map((k) => `${k}:`),
  ...CATALOGUE_IDS.filter((_, i) => i % 3 === 0),
  ...Object.keys(BYTE_UNITS).map((u) => `4${u}`),
  ...Object.keys(TIME_UNITS).map((u) => `45${u}`),
  ...Object.values(VALUE_TYPES).flatMap((t) => ('values' in t ? t.values : [])),
  ...PUNCTUATION,
  'h1', 'web', 'shop', 'x', '_', 'a-b', 'a.b', '0', '4', '0.5', '1.4.2', '500m', '1e3', '-1', '4 GiB', 'true', 'false',
  '"x"', '"acme/web:1.4.2"', '"a\\"b"', '"unterminated', '"\\', '/* unterminated', '# comment', '// comment',
  '# strata-ignore no-memory-limit: x', '# strata-ignore ', `# strata-ignore ${RULES[3]}:`, '# strata-ignore made-up: y',
  ...NASTY,
];

/** Random Unicode, with the characters of `NASTY` and the language's punctuation mixed in. */
export const unicodeText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200, size: 'max' }),
  fc.string({
    unit: fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
      { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
      { weight: 1, arbitrary: fc.constantFrom(...KINDS, ...KEYS) },
    ),
    maxLength: 200,
    size: 'max',
  }),
);

/** Random sequences of real tokens, sometimes with spaces between them. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.constantFrom(...TOKENS), { maxLength: 150, size: 'max' }), fc.boolean())
  .map(([parts, spaced]) => parts.join(spaced ? ' ' : ''));

// ---------------------------------------------------------------------------------------------
// Valid syntax with random layout (the formatter's test generator, moved here).

export type GValue = { t: 'scalar'; text: string } | { t: 'list'; items: string[] };
export type GStatement =
  /** `lead`: an own-line comment written right before the node in multi-line layouts (a suppression). */
  | { t: 'node'; kind: string; id: string; label?: string; body?: GStatement[]; lead?: string }
  | { t: 'prop'; key: string; value: GValue }
  | { t: 'link'; from: string; to: string; label?: string };

const kindSet = new Set<string>(KINDS);
const idArb = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,6}$/).filter((s) => !kindSet.has(s) && s !== 'true' && s !== 'false');
const stringArb = fc
  .array(fc.constantFrom('a', 'b', ' ', '#', '/', '*', '{', '}', ';', ':', '-', '>', 'é', '😀', '\\"', '\\\\'), { maxLength: 8 })
  .map((parts) => `"${parts.join('')}"`);
const scalarArb = fc.oneof(
  fc.constantFrom('4', '0.5', '64', '512MiB', '4GiB', '500m', '45s', 'true', 'false', 'ubuntu-22.04', 'runc', 'host', 'bridge', 'x86_64', '1.4.2'),
  stringArb,
  idArb,
);
const valueArb: fc.Arbitrary<GValue> = fc.oneof(
  { weight: 4, arbitrary: scalarArb.map((text) => ({ t: 'scalar' as const, text })) },
  { weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 4 }).map((items) => ({ t: 'list' as const, items })) },
);
const propArb: fc.Arbitrary<GStatement> = fc.record({
  t: fc.constant('prop' as const),
  key: fc.stringMatching(/^[a-z][a-z_]{0,6}$/),
  value: valueArb,
});
const linkArb: fc.Arbitrary<GStatement> = fc.record(
  { t: fc.constant('link' as const), from: idArb, to: idArb, label: stringArb },
  { requiredKeys: ['t', 'from', 'to'] },
);
const { statements } = fc.letrec<{ statement: GStatement; statements: GStatement[]; node: GStatement }>((tie) => ({
  statement: fc.oneof({ maxDepth: 4, depthIdentifier: 'tree' }, propArb, linkArb, tie('node')),
  statements: fc.array(tie('statement'), { maxLength: 5, depthIdentifier: 'tree' }),
  node: fc.record(
    { t: fc.constant('node' as const), kind: fc.constantFrom(...KINDS), id: idArb, label: stringArb, body: tie('statements') },
    { requiredKeys: ['t', 'kind', 'id'] },
  ),
}));

/** Random numbers that decide the layout; the same stream always gives the same text. */
const layoutChoices = fc.array(fc.nat(), { minLength: 64, maxLength: 64 });

/** Writes statements with layout decided by a stream of random numbers. The result is valid syntax. */
export function write(tree: readonly GStatement[], choices: readonly number[]): string {
  let c = 0;
  const pick = (n: number) => choices[c++ % choices.length] % n;
  const chance = (percent: number) => pick(100) < percent;
  const ws = () => ['', '', ' ', ' ', '  ', '\t', ' \t '][pick(7)];
  const ws1 = () => [' ', ' ', '  ', '\t', '   '][pick(5)];
  const indent = () => ' '.repeat(pick(7)) + (chance(10) ? '\t' : '');
  const commentText = () => ['x', 'note: a -> b { }', 'strata', ' * / #', '😀 é'][pick(5)];
  const blockComment = (multiLine: boolean) => `/*${commentText()}${multiLine && chance(40) ? `\n${indent()}more ${commentText()}` : ''}*/`;
  const lineComment = () => (chance(50) ? '#' : '//') + (chance(70) ? ' ' : '') + commentText();
  /** Optional block comments between two tokens on a line (`multiLine`: they may span lines). */
  const between = (multiLine: boolean, needsSpace: boolean) => {
    let s = needsSpace ? ws1() : ws();
    if (chance(8)) s += blockComment(multiLine) + (needsSpace ? ws1() : ws());
    return s;
  };
  const newlines = () => '\n'.repeat(1 + (chance(25) ? 1 + pick(2) : 0));

  const value = (v: GValue, multiLine: boolean): string => {
    if (v.t === 'scalar') return v.text;
    let s = '[' + ws();
    v.items.forEach((item, i) => {
      s += item;
      const last = i === v.items.length - 1;
      if (!last || chance(20)) s += ws() + ',';
      if (multiLine && chance(25)) s += (chance(30) ? ws1() + lineComment() : ws()) + newlines() + indent();
      else s += last ? ws() : ws1();
    });
    return s + ']';
  };

  /** One statement, without separators. */
  const statement = (s: GStatement, depth: number, multiLine: boolean): string => {
    if (s.t === 'prop') return `${s.key}${between(multiLine, false)}:${between(multiLine, false)}${value(s.value, multiLine)}`;
    if (s.t === 'link') return `${s.from}${between(multiLine, false)}->${between(multiLine, false)}${s.to}${s.label !== undefined ? between(multiLine, false) + s.label : ''}`;
    let head = `${s.kind}${ws1()}${s.id}${s.label !== undefined ? between(multiLine, false) + s.label : ''}`;
    if (!s.body) return head;
    const bodyMultiLine = multiLine && (s.body.length > 1 ? chance(70) : chance(40));
    if (multiLine && chance(15)) head += (chance(30) ? ws1() + lineComment() : ws()) + newlines() + indent();
    else head += ws();
    return head + '{' + block(s.body, depth + 1, bodyMultiLine) + '}';
  };

  /** The inside of a block (or of the file): statements and separators, starting after `{`. */
  const block = (body: readonly GStatement[], depth: number, multiLine: boolean): string => {
    let s = '';
    if (!multiLine) {
      s += ws();
      if (chance(10)) s += ';' + ws();
      body.forEach((st, i) => {
        s += statement(st, depth, false);
        if (i < body.length - 1) s += ws() + ';' + (chance(10) ? ';' : '') + ws1();
        else s += chance(15) ? ws() + ';' + ws() : ws();
        if (chance(5)) s += blockComment(false) + ws();
      });
      if (body.length && !s.endsWith(' ') && !s.endsWith('\t')) s += ' ';
      return s;
    }
    // Multi-line: a trailing comment after `{` sometimes, then one statement per line (or `;`).
    if (depth > 0 && chance(15)) s += ws1() + lineComment();
    s += newlines();
    body.forEach((st) => {
      if (chance(12)) s += indent() + (chance(50) ? lineComment() : blockComment(true)) + newlines();
      const lead = st.t === 'node' ? st.lead : undefined;
      if (lead !== undefined) s += indent() + lead + newlines().slice(0, 1);
      s += indent() + statement(st, depth, true);
      if (chance(15)) {
        s += ws() + ';' + ws(); // several statements on a line
        return;
      }
      if (chance(15)) s += ws1() + (chance(60) ? lineComment() : blockComment(false));
      s += ws() + (chance(10) ? ';' : '') + newlines();
    });
    if (chance(10)) s += indent() + lineComment() + newlines();
    return s + indent();
  };

  let text = block(tree, 0, true);
  if (chance(10)) text = text.trimEnd(); // no final line break
  if (chance(20)) text = text.replace(/\n/g, '\r\n');
  if (chance(10)) text = '\ufeff' + text;
  return text;
}

/** Valid Strata syntax (any keys, any values) with random layout. */
export const strataFile: fc.Arbitrary<string> = fc.tuple(statements, layoutChoices).map(([tree, choices]) => write(tree, choices));

// ---------------------------------------------------------------------------------------------
// Models that know the language: kinds, nesting, properties, values, catalogue, tenants.

/**
 * Decisions drawn from a list of random numbers, in order. When the list runs out every
 * decision is the simplest one (no more children, no property, no rare case), so a shorter
 * list (what fast-check shrinks towards) is a smaller model.
 */
export class Choices {
  private i = 0;
  constructor(private readonly xs: readonly number[]) {}
  pick(n: number): number {
    if (n <= 1 || this.i >= this.xs.length) return 0;
    return this.xs[this.i++] % n;
  }
  /** True with `percent` % probability; false once the numbers have run out. */
  chance(percent: number): boolean {
    return this.pick(100) >= 100 - percent;
  }
  of<T>(items: readonly T[]): T {
    return items[this.pick(items.length)];
  }
}

const ID_PREFIX: Readonly<Record<Kind, string>> = { group: 'g', host: 'h', hypervisor: 'hv', vm: 'vm', engine: 'e', pod: 'p', container: 'c', app: 'a', tenant: 't' };
const ODD_IDS = ['web-1', '_x', 'A_B-c', 'a.b', 'x'.repeat(40), 'host1', 'trueish'];
const IMAGES = ['"acme/web:1.4.2"', '"nginx"', '"nginx:latest"', '"redis:7.2@sha256:abc"', '"mcr.microsoft.com/windows/servercore:ltsc2022"', '"nanoserver"', '""', '"acme/web:"'];
const SERVICES = ['web', 'db', 'svc1', 'cache'];
/** Hostile and odd user text for labels and strings (the browser XSS corpus, and more). */
const TEXTS = [...PAYLOADS.filter((_, i) => i % 4 === 0), 'Dell R750 #1', 'a\\b', 'line\\nbreak', '😀 é 中', '::error::x', '%%{init: {}}%%', '"]; click n0 call alert(1)'];

function numberFrom(c: Choices, values: readonly (number | string)[]): string {
  return String(c.of(values));
}

/** A value for a property: mostly valid for its type, sometimes wrong in a way users get it wrong. */
function valueFor(c: Choices, spec: PropertySpec, tenants: readonly string[]): GValue {
  const scalar = (text: string): GValue => ({ t: 'scalar', text });
  if (c.chance(3)) return { t: 'list', items: ['4GiB', 'x', '"y"'].slice(0, c.pick(4)) };
  if (c.chance(3)) return scalar(c.of(['x', '"text"', '4', '4GiB', 'true', '500m', '1.5', '0']));
  switch (spec.type) {
    case 'bytes':
      return scalar(`${numberFrom(c, [512, 1, 2, 4, 8, 16, 64, 256, 1000, 1.5, 0])}${c.chance(5) ? '' : c.of(Object.keys(BYTE_UNITS))}`);
    case 'cores':
      return scalar(c.chance(30) ? `${numberFrom(c, [500, 100, 250, 1500, 0])}m` : numberFrom(c, [2, 0.5, 1, 4, 8, 16, 64, 0]));
    case 'count':
    case 'vcpus':
      return scalar(numberFrom(c, [16, 1, 2, 4, 8, 32, 64, 128, 0.5]));
    case 'duration':
      return scalar(`${numberFrom(c, [45, 1, 2, 100, 500])}${c.of(Object.keys(TIME_UNITS))}`);
    case 'text':
      return scalar(spec.key === 'image' && !c.chance(20) ? c.of(IMAGES) : strataString(c.of(TEXTS)));
    case 'name':
      if (spec.key === 'tenant') return scalar(tenants.length && !c.chance(10) ? c.of(tenants) : 'ghost');
      if (spec.key === 'service') return scalar(c.of(SERVICES));
      return scalar(c.of(['x86_64', 'arm64', '"x86_64"']));
    case 'catalog': {
      const ids = catalogueIds(spec.catalog!);
      const id = c.of(ids);
      return scalar(c.chance(8) ? c.of([`${id}x`, id.replace(/\d/, ''), id.toUpperCase(), 'unknown-thing']) : c.chance(5) ? `"${id}"` : id);
    }
    case 'boolean':
      return scalar(c.of(['true', 'false']));
    case 'hypervisorType':
      return scalar(c.of(['1', '2', '3']));
    case 'user':
      return scalar(c.of(['"1000:1000"', '0', '"root"', '1000']));
    case 'network':
    case 'pid':
    case 'trust':
      return scalar(c.of(VALUE_TYPES[spec.type].values));
  }
}

/** A key as written: mostly the real one, sometimes a typo, one of another kind, or made up. */
function keyFor(c: Choices, spec: PropertySpec): string {
  const key = spec.key as string;
  if (c.chance(3) && key.length > 2) return key[1] + key[0] + key.slice(2);
  if (c.chance(2)) return c.of(KEYS);
  return key;
}

/** A model from a stream of decisions, as statements for `write`. */
export function buildModel(c: Choices): GStatement[] {
  const ids: string[] = [];
  let nodes = 0;
  const newId = (kind: Kind): string => {
    if (ids.length && c.chance(3)) return c.of(ids); // a duplicate id
    const id = c.chance(3) ? c.of(ODD_IDS) : `${ID_PREFIX[kind]}${ids.length + 1}`;
    ids.push(id);
    return id;
  };
  const tenants: string[] = [];
  const top: GStatement[] = [];
  for (let n = c.pick(4); n > 0; n--) {
    const id = newId('tenant');
    tenants.push(id);
    const body: GStatement[] = [];
    if (c.chance(70)) body.push({ t: 'prop', key: 'trust', value: { t: 'scalar', text: c.of(VALUE_TYPES.trust.values) } });
    if (c.chance(20)) body.push({ t: 'prop', key: 'label', value: { t: 'scalar', text: strataString(c.of(TEXTS)) } });
    top.push({ t: 'node', kind: 'tenant', id, ...(body.length || c.chance(50) ? { body } : {}) });
  }
  if (c.chance(5)) tenants.push('undeclared');

  const node = (kind: Kind, depth: number): GStatement => {
    nodes++;
    const id = newId(kind);
    const body: GStatement[] = [];
    const seen = new Set<string>();
    for (const spec of PROPERTIES[kind]) {
      // The properties that decide the checks come more often.
      const likely = ['os', 'memory', 'product', 'image', 'tenant', 'runtime'].includes(spec.key) ? 60 : 25;
      if (!c.chance(likely)) continue;
      const key = keyFor(c, spec);
      body.push({ t: 'prop', key, value: valueFor(c, spec, tenants) });
      if (seen.has(key) || c.chance(2)) body.push({ t: 'prop', key, value: valueFor(c, spec, tenants) }); // a duplicate property
      seen.add(key);
    }
    const allowed = ALLOWED_CHILDREN[kind];
    if (depth < 8 && nodes < 60) {
      for (let n = c.pick(allowed.length ? 4 : 2); n > 0; n--) {
        const child = c.chance(4) || !allowed.length ? c.of(KINDS) : c.of(allowed); // now and then where it may not stand
        if (c.chance(4)) body.splice(c.pick(body.length + 1), 0, link());
        else body.push(node(child, depth + 1));
      }
    }
    if (c.chance(8)) body.reverse(); // children before properties
    const lead = c.chance(8) ? `# strata-ignore ${c.chance(10) ? 'made-up-rule' : c.of(RULES)}${c.chance(15) ? '' : ': fuzz reason'}` : undefined;
    const label = c.chance(25) ? strataString(c.of(TEXTS)) : undefined;
    return {
      t: 'node',
      kind,
      id: c.chance(1) ? kind : id,
      ...(label !== undefined ? { label } : {}),
      ...(body.length || c.chance(60) ? { body } : {}),
      ...(lead !== undefined ? { lead } : {}),
    };
  };
  const link = (): GStatement => {
    const end = () => (ids.length && !c.chance(10) ? c.of(ids) : 'nowhere');
    const label = c.chance(30) ? strataString(c.of(TEXTS)) : undefined;
    return { t: 'link', from: end(), to: end(), ...(label !== undefined ? { label } : {}) };
  };

  for (let n = 1 + c.pick(4); n > 0; n--) {
    const kind = c.chance(5) ? c.of(KINDS) : c.chance(20) ? 'group' : 'host';
    top.push(node(kind, 0));
  }
  for (let n = c.pick(5); n > 0; n--) top.push(link());
  if (c.chance(3)) top.splice(c.pick(top.length + 1), 0, { t: 'prop', key: c.of(KEYS), value: { t: 'scalar', text: '4' } }); // a property outside any node
  return top;
}

/** Grammar- and schema-aware models with random layout. */
export const modelFile: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.nat({ max: 0xffff }), { maxLength: 500, size: 'max' }), layoutChoices)
  .map(([decisions, layout]) => write(buildModel(new Choices(decisions)), layout));

// ---------------------------------------------------------------------------------------------
// The corpus and its mutations.

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

/** A regression fixture: an input that once failed, and what failed. */
export interface RegressionFixture {
  readonly name: string;
  /** The input, exactly (JSON keeps lone surrogates, control characters, CR and BOM). */
  readonly text: string;
  /** What failed, and what was fixed. */
  readonly found: string;
}

export const REGRESSIONS = path.join(FIXTURES, 'fuzz');

/** Every regression fixture in test/fixtures/fuzz (`*.json`), sorted by name. */
export function regressionFixtures(): RegressionFixture[] {
  if (!fs.existsSync(REGRESSIONS)) return [];
  return fs
    .readdirSync(REGRESSIONS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const data = JSON.parse(fs.readFileSync(path.join(REGRESSIONS, f), 'utf8')) as { text: string; found: string };
      return { name: f, text: data.text, found: data.found };
    });
}

/** Every fixture, example, rule example and regression fixture. */
export function corpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const f of [...strataFiles(FIXTURES), ...strataFiles(EXAMPLES)]) files.push({ name: path.relative(path.dirname(FIXTURES), f), text: fs.readFileSync(f, 'utf8') });
  for (const check of CHECKS) {
    for (const kind of ['valid', 'invalid'] as const) {
      check.meta.examples[kind].forEach((ex, i) => files.push({ name: `rule ${check.meta.name} ${kind} example ${i + 1}`, text: parseAnnotated(exampleCode(ex)).text }));
    }
  }
  for (const r of regressionFixtures()) files.push({ name: `fuzz/${r.name}`, text: r.text });
  return files;
}

type Mutation =
  | { op: 'cut' | 'duplicate'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'swap-lines'; at: number; other: number }
  | { op: 'crlf' | 'lone-cr' | 'bom' | 'truncate'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('cut' as const, 'duplicate' as const), at: fc.nat(), length: fc.nat({ max: 60 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 8 }), tokenSoup.map((s) => s.slice(0, 40))) }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constantFrom('crlf' as const, 'lone-cr' as const, 'bom' as const, 'truncate' as const), at: fc.nat() }),
);

/** Applies mutations in order; positions are taken modulo the text's length at that point. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    switch (m.op) {
      case 'cut':
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      case 'duplicate':
        t = t.slice(0, at) + t.slice(at, at + m.length) + t.slice(at);
        break;
      case 'insert':
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case 'swap-lines': {
        const lines = t.split('\n');
        const i = m.at % lines.length;
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        t = lines.join('\n');
        break;
      }
      case 'crlf':
        t = t.replace(/\r?\n/g, '\r\n');
        break;
      case 'lone-cr':
        t = t.replace(/\r?\n/g, '\r');
        break;
      case 'bom':
        t = '\ufeff' + t;
        break;
      case 'truncate':
        t = t.slice(0, at);
        break;
    }
  }
  return t;
}

/** Files of the corpus, generated files and models, each mutated a few times. */
export function mutated(files: readonly CorpusFile[]): fc.Arbitrary<string> {
  const base = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...files.map((f) => f.text)) },
    { weight: 2, arbitrary: modelFile },
    { weight: 1, arbitrary: strataFile },
  );
  return fc.tuple(base, fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([text, ms]) => mutate(text, ms));
}

/** Texts whose positions are hard to get right: astral characters, combining marks, CRLF, lone CR, lone surrogates. */
export const positionText: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom('a', ' ', '{', '}', '"', 'host h', '\n', '\r\n', '\r', '\n\r', '😀', '\ud800', '\udc00', 'e\u0301', '\u2028', '\ufeff', '中', '\t'),
  maxLength: 80,
  size: 'max',
});
