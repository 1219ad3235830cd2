// Property schemas per kind, written with zod: which properties each kind has, their types,
// units and allowed values, and how a written value becomes a canonical number (bytes, cores,
// milliseconds). The same table feeds validation, completion and hover.
import * as z from 'zod/mini';
import type { Kind, Value } from '../syntax/ast';
import type { NodeProps } from './model';
import { ID_RE } from '../syntax/ast';

export const BYTE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};
export const TIME_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, min: 60_000 };

/** A CPU figure that is a whole number of millicores (0.5 is, 0.0005 is not). */
const wholeMillicores = (n: number) => Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6;

/** The shape a written value takes before validation (a plain, serialisable view of the syntax). */
export type RawValue =
  | { t: 'quantity'; n: number; unit: string }
  | { t: 'number'; n: number }
  | { t: 'word'; s: string }
  | { t: 'string'; s: string }
  | { t: 'boolean'; b: boolean }
  | { t: 'list'; items: RawValue[] };

export function rawValue(v: Value): RawValue {
  switch (v.type) {
    case 'quantity':
      return { t: 'quantity', n: v.value, unit: v.unit };
    case 'number':
      return { t: 'number', n: v.value };
    case 'word':
      return { t: 'word', s: v.value };
    case 'string':
      return { t: 'string', s: v.value };
    case 'boolean':
      return { t: 'boolean', b: v.value };
    case 'list':
      return { t: 'list', items: v.items.map(rawValue) };
  }
}

// zod/mini: the same schemas as full zod with a fraction of the bundle size.
const quantity = (units: Readonly<Record<string, number>>) =>
  z.pipe(
    z.object({ t: z.literal('quantity'), n: z.number().check(z.nonnegative()), unit: z.enum(Object.keys(units) as [string, ...string[]]) }),
    z.transform((v) => v.n * units[v.unit]),
  );

const text = z.pipe(
  z.union([z.object({ t: z.literal('string'), s: z.string() }), z.object({ t: z.literal('word'), s: z.string() })]),
  z.transform((v) => v.s),
);
const name = z.pipe(z.object({ t: z.literal('word'), s: z.string().check(z.regex(ID_RE)) }), z.transform((v) => v.s));
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(z.object({ t: z.literal('word'), s: z.enum(values) }), z.transform((v) => v.s as T[number]));

/** The types a property can have; each has a zod schema, a description and an example. */
export const VALUE_TYPES = {
  bytes: {
    schema: quantity(BYTE_UNITS),
    describe: 'a size with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)',
    example: '16GiB',
  },
  // CPU is stored as integer millicores (1 core = 1000), so sums are exact: twenty 100m
  // containers fill 2 cores exactly. Like Kubernetes, no precision finer than 1m.
  cores: {
    schema: z.union([
      z.pipe(z.object({ t: z.literal('number'), n: z.number().check(z.positive(), z.refine(wholeMillicores)) }), z.transform((v) => Math.round(v.n * 1000))),
      z.pipe(z.object({ t: z.literal('quantity'), n: z.int().check(z.positive()), unit: z.literal('m') }), z.transform((v) => v.n)),
    ]),
    describe: "a number of cores, or millicores with 'm' (500m = half a core)",
    example: '4',
  },
  count: {
    schema: z.pipe(z.object({ t: z.literal('number'), n: z.int().check(z.positive()) }), z.transform((v) => v.n * 1000)),
    describe: 'a whole number of cores',
    example: '64',
  },
  vcpus: {
    schema: z.pipe(z.object({ t: z.literal('number'), n: z.int().check(z.positive()) }), z.transform((v) => v.n * 1000)),
    describe: 'a whole number of vCPUs (a hypervisor gives a VM whole virtual CPUs)',
    example: '4',
  },
  duration: {
    schema: quantity(TIME_UNITS),
    describe: 'a duration with a unit (ms, s, min)',
    example: '45s',
  },
  text: { schema: text, describe: 'a "string" in double quotes', example: '"acme/web:1.4.2"' },
  name: { schema: name, describe: "a name (letters, digits, '_' and '-')", example: 'finance' },
  catalog: { schema: text, describe: 'a catalogue id', example: 'ubuntu-22.04' },
  boolean: {
    schema: z.pipe(z.object({ t: z.literal('boolean'), b: z.boolean() }), z.transform((v) => v.b)),
    describe: 'true or false',
    example: 'true',
  },
  hypervisorType: {
    schema: z.pipe(z.object({ t: z.literal('number'), n: z.union([z.literal(1), z.literal(2)]) }), z.transform((v) => v.n)),
    describe: '1 (runs on the hardware) or 2 (runs on a host operating system)',
    example: '1',
  },
  network: { schema: oneOf(['bridge', 'host', 'none']), describe: 'bridge, host or none', example: 'bridge', values: ['bridge', 'host', 'none'] },
  pid: { schema: oneOf(['private', 'host']), describe: 'private or host', example: 'private', values: ['private', 'host'] },
  trust: {
    schema: oneOf(['public', 'internal', 'restricted']),
    describe: 'public, internal or restricted',
    example: 'restricted',
    values: ['public', 'internal', 'restricted'],
  },
  user: {
    schema: z.union([text, z.pipe(z.object({ t: z.literal('number'), n: z.int().check(z.nonnegative()) }), z.transform((v) => String(v.n)))]),
    describe: 'a user name or numeric id',
    example: '"1000:1000"',
  },
} as const;
export type ValueTypeName = keyof typeof VALUE_TYPES;

export type CatalogKind = 'os' | 'hypervisor' | 'engine' | 'runtime';

export interface PropertySpec {
  readonly key: keyof NodeProps;
  readonly type: ValueTypeName;
  /** For catalogue values: which catalogue. */
  readonly catalog?: CatalogKind;
  /** One line for hover and completion. */
  readonly doc: string;
}

const P = (key: keyof NodeProps, type: ValueTypeName, doc: string, catalog?: CatalogKind): PropertySpec => ({
  key,
  type,
  doc,
  ...(catalog ? { catalog } : {}),
});

const tenant = P('tenant', 'name', 'The tenant this workload belongs to; inherited by everything inside it.');
const service = P('service', 'name', 'The service this is an instance of; inherited by everything inside it. Used by single-host-service.');
const memory = (what: string) => P('memory', 'bytes', what);
const startup = P('startup', 'duration', 'Start-up time; overrides the catalogue estimate.');

/** Properties of each kind (the language page's table). */
export const PROPERTIES: Readonly<Record<Kind, readonly PropertySpec[]>> = {
  group: [],
  host: [
    P('cpu', 'count', 'Physical cores.'),
    memory('Physical memory.'),
    P('disk', 'bytes', 'Physical disk capacity.'),
    P('os', 'catalog', 'The host operating system. A host with an os has a host kernel.', 'os'),
    P('arch', 'name', 'CPU architecture, e.g. x86_64 or arm64.'),
  ],
  hypervisor: [
    P('product', 'catalog', 'The hypervisor product; its type (1 or 2) comes from the catalogue.', 'hypervisor'),
    P('type', 'hypervisorType', 'Overrides the product type: 1 runs on the hardware, 2 runs on a host OS.'),
  ],
  vm: [
    P('cpu', 'vcpus', 'Virtual CPUs, a whole number.'),
    memory('Memory allocated to the VM.'),
    P('disk', 'bytes', 'Disk allocated to the VM.'),
    P('os', 'catalog', 'The guest operating system. A VM with an os has its own guest kernel.', 'os'),
    tenant,
    service,
    startup,
  ],
  engine: [
    P('product', 'catalog', 'The container engine.', 'engine'),
    P('runtime', 'catalog', 'The OCI runtime: runc and crun share the kernel; gvisor, kata and firecracker sandbox it.', 'runtime'),
  ],
  pod: [tenant, service],
  container: [
    P('image', 'text', 'The container image, with a pinned tag, e.g. "acme/web:1.4.2".'),
    P('os', 'catalog', 'The OS family the image needs (otherwise taken from the image, else linux).', 'os'),
    P('cpu', 'cores', "CPU limit in cores, or millicores with 'm'."),
    memory('Memory limit. Without one the container can use all the memory of its kernel.'),
    tenant,
    service,
    P('privileged', 'boolean', 'Runs with all capabilities and host devices.'),
    P('network', 'network', 'Network namespace: bridge (own), host (shares the host’s) or none.'),
    P('pid', 'pid', 'PID namespace: private (own) or host (sees every process of the kernel).'),
    P('user', 'user', 'The user the container runs as.'),
    startup,
    P('size', 'bytes', 'Image size on disk; overrides the estimate.'),
  ],
  app: [
    P('cpu', 'cores', 'CPU the app needs, in cores or millicores.'),
    memory('Memory the app needs.'),
    P('size', 'bytes', 'Size of the app on disk.'),
    tenant,
  ],
  tenant: [
    P('trust', 'trust', 'Trust level: public, internal or restricted.'),
    P('label', 'text', 'A display name.'),
  ],
};

const specIndex = new Map<string, Map<string, PropertySpec>>();
for (const [kind, specs] of Object.entries(PROPERTIES)) specIndex.set(kind, new Map(specs.map((s) => [s.key as string, s])));


export function propertySpec(kind: Kind, key: string): PropertySpec | undefined {
  return specIndex.get(kind)!.get(key);
}

/** Which kinds have a property of this name (for "'runtime' belongs to engine"). */
export function kindsWithProperty(key: string): Kind[] {
  return (Object.keys(PROPERTIES) as Kind[]).filter((k) => specIndex.get(k)!.has(key));
}

export type Validated = { ok: true; value: unknown } | { ok: false; message: string };

/** Per spec: validated results, keyed without building new strings (models repeat values). */
interface SpecCache {
  readonly quantities: Map<string, Map<number, Validated>>;
  readonly numbers: Map<number, Validated>;
  readonly words: Map<string, Validated>;
  readonly strings: Map<string, Validated>;
}
const cache = new Map<PropertySpec, SpecCache>();
let cached = 0;

function lookup(c: SpecCache, value: Value): Validated | undefined {
  switch (value.type) {
    case 'quantity':
      return c.quantities.get(value.unit)?.get(value.value);
    case 'number':
      return c.numbers.get(value.value);
    case 'word':
      return c.words.get(value.value);
    case 'string':
      return c.strings.get(value.value);
    default:
      return undefined;
  }
}

/**
 * A cached result for a scalar given by its parts, or undefined when there is none yet (then
 * call `validateValue`). Lets the binder validate repeated values without building them.
 */
export function cachedValidation(spec: PropertySpec, type: 'quantity' | 'number' | 'word' | 'string', value: string | number, unit = ''): Validated | undefined {
  const c = cache.get(spec);
  if (!c) return undefined;
  switch (type) {
    case 'quantity':
      return c.quantities.get(unit)?.get(value as number);
    case 'number':
      return c.numbers.get(value as number);
    case 'word':
      return c.words.get(value as string);
    default:
      return c.strings.get(value as string);
  }
}

function store(c: SpecCache, value: Value, result: Validated): void {
  if (++cached > 50_000) {
    for (const x of cache.values()) {
      x.quantities.clear();
      x.numbers.clear();
      x.words.clear();
      x.strings.clear();
    }
    cached = 0;
  }
  switch (value.type) {
    case 'quantity': {
      let m = c.quantities.get(value.unit);
      if (!m) c.quantities.set(value.unit, (m = new Map()));
      m.set(value.value, result);
      break;
    }
    case 'number':
      c.numbers.set(value.value, result);
      break;
    case 'word':
      c.words.set(value.value, result);
      break;
    case 'string':
      c.strings.set(value.value, result);
      break;
  }
}

/**
 * Validate a written value against a property spec. `documentText` is the text the value's span
 * is in (messages quote the value as written). Results are cached: models repeat the same values
 * (`memory: 512MiB`) many times.
 */
export function validateValue(spec: PropertySpec, value: Value, documentText: string): Validated {
  let c = cache.get(spec);
  if (!c) cache.set(spec, (c = { quantities: new Map(), numbers: new Map(), words: new Map(), strings: new Map() }));
  const hit = lookup(c, value);
  if (hit) return hit;
  const raw = rawValue(value);
  const parsed = VALUE_TYPES[spec.type].schema.safeParse(raw);
  const result: Validated = parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: explain(spec, raw, documentText.slice(value.start, value.end)) };
  store(c, value, result);
  return result;
}

function explain(spec: PropertySpec, raw: RawValue, source: string): string {
  const type = VALUE_TYPES[spec.type];
  const want = `'${spec.key}' takes ${type.describe}, e.g. '${spec.key}: ${type.example}'`;
  const shown = source.length > 40 ? source.slice(0, 40) + '…' : source;
  if (raw.t === 'list') return `${want}, not a list.`;
  if (spec.type === 'bytes' || spec.type === 'duration') {
    const units = spec.type === 'bytes' ? BYTE_UNITS : TIME_UNITS;
    if (raw.t === 'number') return `'${shown}' has no unit: ${want}.`;
    if (raw.t === 'quantity' && !(raw.unit in units)) {
      const fixed = Object.keys(units).find((u) => u.toLowerCase() === raw.unit.toLowerCase());
      return `'${raw.unit}' is not a unit for '${spec.key}'${fixed ? ` (did you mean '${fixed}'? units are case-sensitive)` : ''}: ${want}.`;
    }
  }
  if (spec.type === 'cores' && raw.t === 'quantity' && raw.unit !== 'm') return `'${raw.unit}' is not a CPU unit: ${want}.`;
  if ((spec.type === 'cores' || spec.type === 'count' || spec.type === 'vcpus') && (raw.t === 'number' || raw.t === 'quantity') && raw.n <= 0) return `'${shown}' must be more than 0: ${want}.`;
  if (spec.type === 'cores' && (raw.t === 'number' || raw.t === 'quantity')) return `'${shown}' is finer than a millicore: ${want}; the smallest step is 1m.`;
  if (spec.type === 'vcpus' && (raw.t === 'number' || raw.t === 'quantity')) return `'${shown}' is not a whole number of vCPUs: ${want}. Limit a container's CPU instead ('cpu: 500m' on a container).`;
  if (spec.type === 'count' && (raw.t === 'number' || raw.t === 'quantity')) return `'${shown}' is not a whole positive number: ${want}.`;
  if ('values' in type && raw.t === 'word') return `'${shown}' is not allowed here: '${spec.key}' is one of ${type.describe}.`;
  if (spec.type === 'name' && raw.t === 'string') return `${want}; write it without quotes.`;
  return `'${shown}' is not valid: ${want}.`;
}

/** Allowed words of an enumerated property, for completion and "did you mean". */
export function allowedWords(spec: PropertySpec): readonly string[] {
  const type = VALUE_TYPES[spec.type];
  return 'values' in type ? type.values : [];
}
