// Kubernetes and Docker quantities as Strata values: memory in bytes (written with the largest
// exact unit), CPU in cores (written as cores or millicores). Undefined for what cannot be read.

const K8S_MEMORY: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
};

/** Bytes of a Kubernetes memory quantity (`128Mi`, `1G`, `1e9`, `1048576`). */
export function k8sMemory(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P)?\s*$/.exec(v);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * K8S_MEMORY[m[2] ?? '']);
}

/** Cores of a Kubernetes CPU quantity (`250m`, `0.5`, `2`). */
export function k8sCpu(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m)?\s*$/.exec(v);
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

const DOCKER_MEMORY: Readonly<Record<string, number>> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Bytes of a Docker/compose size (`512m`, `1g`, `1gb`, `2048k`, a number of bytes): binary units. */
export function dockerMemory(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt])?b?\s*$/i.exec(v);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * DOCKER_MEMORY[(m[2] ?? 'b').toLowerCase()]);
}

/** Cores of a compose `cpus` value (`0.5`, `"2"`). */
export function dockerCpus(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

const WRITE_UNITS: readonly [string, number][] = [
  ['TiB', 1024 ** 4],
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
  ['TB', 1e12],
  ['GB', 1e9],
  ['MB', 1e6],
  ['KB', 1e3],
];

/** A byte count in Strata syntax, with the largest unit that divides it exactly (`128MiB`, `1GB`). */
export function writeBytes(bytes: number): string {
  for (const [unit, size] of WRITE_UNITS) if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  return `${Math.round(bytes)}B`;
}

/** Cores in Strata syntax: whole cores as a number, anything else in millicores (`250m`). */
export function writeCores(cores: number): string {
  if (Number.isInteger(cores)) return String(cores);
  return `${Math.round(cores * 1000)}m`;
}
