// The catalogue's public face: the tables, their sources, Map-based lookups by id, the OS family
// of a container image, "did you mean" for unknown ids, and byte/duration formatting for messages.
import type { OsFamily } from '../model/model';
import type { EngineEntry, HypervisorEntry, OsEntry, RuntimeEntry, WindowsRelease } from './types';
import { OS_CATALOGUE } from './operatingSystems';
import { HYPERVISOR_CATALOGUE } from './hypervisors';
import { ENGINE_CATALOGUE } from './engines';
import { RUNTIME_CATALOGUE } from './runtimes';

export * from './types';
export * from './sources';
export { OS_CATALOGUE } from './operatingSystems';
export { HYPERVISOR_CATALOGUE, hypervisorVmOverhead, kvmOverheadEstimate } from './hypervisors';
export { ENGINE_CATALOGUE } from './engines';
export { RUNTIME_CATALOGUE } from './runtimes';
export * from './startup';

/** The four catalogues, by the name the language's properties use for them. */
export type CatalogueKind = 'os' | 'hypervisor' | 'engine' | 'runtime';

function byId<T extends { readonly id: string }>(entries: readonly T[]): ReadonlyMap<string, T> {
  return new Map(entries.map((e) => [e.id, e]));
}

const OS_BY_ID = byId(OS_CATALOGUE);
const HYPERVISOR_BY_ID = byId(HYPERVISOR_CATALOGUE);
const ENGINE_BY_ID = byId(ENGINE_CATALOGUE);
const RUNTIME_BY_ID = byId(RUNTIME_CATALOGUE);

const IDS: Readonly<Record<CatalogueKind, readonly string[]>> = {
  os: OS_CATALOGUE.map((e) => e.id),
  hypervisor: HYPERVISOR_CATALOGUE.map((e) => e.id),
  engine: ENGINE_CATALOGUE.map((e) => e.id),
  runtime: RUNTIME_CATALOGUE.map((e) => e.id),
};

/** The operating system with this catalogue id (exact, case-sensitive), or undefined. */
export function findOs(id: string): OsEntry | undefined {
  return OS_BY_ID.get(id);
}

/** The hypervisor product with this catalogue id, or undefined. */
export function findHypervisor(id: string): HypervisorEntry | undefined {
  return HYPERVISOR_BY_ID.get(id);
}

/** The container engine with this catalogue id, or undefined. */
export function findEngine(id: string): EngineEntry | undefined {
  return ENGINE_BY_ID.get(id);
}

/** The container runtime with this catalogue id, or undefined. */
export function findRuntime(id: string): RuntimeEntry | undefined {
  return RUNTIME_BY_ID.get(id);
}

/** The ids of one catalogue, in catalogue order (a fresh array). */
export function catalogueIds(kind: CatalogueKind): string[] {
  return [...(IDS[kind] ?? [])];
}

const WINDOWS_REGISTRY_IMAGE = /^mcr\.microsoft\.com\/windows(?:[/:@]|$)/;

/**
 * The OS family a container image needs, when the image name tells: Windows base images
 * (`mcr.microsoft.com/windows/...`, `.../nanoserver`, `.../servercore`, or any name or tag
 * containing `nanoserver` or `servercore`) are 'windows'. Otherwise undefined: the caller
 * assumes linux.
 */
export function osFamilyOfImage(image: string): OsFamily | undefined {
  const s = image.trim().toLowerCase();
  if (WINDOWS_REGISTRY_IMAGE.test(s)) return 'windows';
  if (s.includes('nanoserver') || s.includes('servercore')) return 'windows';
  return undefined;
}

/** Build numbers of the Windows Server releases container images are tagged with. */
export const WINDOWS_RELEASE_BUILDS: Readonly<Record<WindowsRelease, number>> = { ws2016: 14393, ws2019: 17763, ws2022: 20348, ws2025: 26100 };

const RELEASE_TAGS: readonly [RegExp, WindowsRelease][] = [
  [/ltsc2016|\b1607\b|10\.0\.14393/, 'ws2016'],
  [/ltsc2019|\b1809\b|10\.0\.17763/, 'ws2019'],
  [/ltsc2022|10\.0\.20348/, 'ws2022'],
  [/ltsc2025|10\.0\.26100/, 'ws2025'],
];

/**
 * The Windows Server release a Windows image is built on, from its tag (`ltsc2022`, `1809`,
 * `10.0.20348.…`), or from a container's `os` (`windows-server-2022`). Undefined when it does not say.
 */
export function windowsRelease(imageOrOs: string): WindowsRelease | undefined {
  const s = imageOrOs.toLowerCase();
  const os = /^windows-server-(2016|2019|2022|2025)$/.exec(s);
  if (os) return `ws${os[1]}` as WindowsRelease;
  if (osFamilyOfImage(s) !== 'windows') return undefined;
  for (const [re, r] of RELEASE_TAGS) if (re.test(s)) return r;
  return undefined;
}

/** "Windows Server 2022 (build 20348)" */
export function windowsReleaseName(r: WindowsRelease): string {
  return `Windows Server ${r.slice(2)} (build ${WINDOWS_RELEASE_BUILDS[r]})`;
}

/** The three rows of the edit-distance table, reused across the candidates of one search. */
interface Rows {
  prev2: Int32Array;
  prev: Int32Array;
  cur: Int32Array;
}

function rowsFor(length: number): Rows {
  return { prev2: new Int32Array(length + 1), prev: new Int32Array(length + 1), cur: new Int32Array(length + 1) };
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), or `limit + 1`
 * as soon as the distance must exceed `limit`. `rows` must hold `b.length + 1` entries each.
 */
function editDistance(a: string, b: string, limit: number, rows: Rows): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > limit) return limit + 1;
  let { prev2, prev, cur } = rows;
  prev2.fill(0, 0, lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/**
 * The candidate most likely meant by `word`, case-insensitively: an exact match, else the closest
 * by edit distance (Damerau-Levenshtein, optimal string alignment) within
 * max(1, floor(length / 3)), else the shortest candidate that `word` is a prefix of (or that is
 * a prefix of `word`), for words of 3 or more characters. Ties go to the earlier candidate.
 * Undefined when nothing is close.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  return suggester(candidates)(word);
}

/**
 * `didYouMean` over one list of candidates for many words: the list is prepared once (a check
 * may ask for every broken reference of a large file, against every id in it).
 */
export function suggester(candidates: readonly string[]): (word: string) => string | undefined {
  const lowered = candidates.map((c) => c.toLowerCase());
  const exactIndex = new Map<string, number>();
  for (let i = lowered.length - 1; i >= 0; i--) exactIndex.set(lowered[i], i);
  const rows = rowsFor(lowered.reduce((n, c) => Math.max(n, c.length), 0));
  return (word) => {
    const w = word.toLowerCase();
    if (!w) return undefined;
    const exact = exactIndex.get(w);
    if (exact !== undefined) return candidates[exact];

    const limit = Math.max(1, Math.floor(w.length / 3));
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (let i = 0; i < candidates.length; i++) {
      const d = editDistance(w, lowered[i], Math.min(limit, bestDistance), rows);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidates[i];
      }
    }
    if (best !== undefined) return best;

    if (w.length < 3) return undefined;
    let prefixBest: string | undefined;
    for (let i = 0; i < candidates.length; i++) {
      const c = lowered[i];
      if (!c) continue;
      const related = c.startsWith(w) || (c.length >= 3 && w.startsWith(c));
      if (related && (prefixBest === undefined || c.length < prefixBest.length)) prefixBest = candidates[i];
    }
    return prefixBest;
  };
}

/** Rounds to at most one decimal and drops a trailing ".0". */
function oneDecimal(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

const BYTE_STEPS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes for messages, in binary units with at most one decimal: "16 GiB", "512 MiB", "1.5 GiB", "900 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  if (Math.round(bytes) < 1024) return `${Math.round(bytes)} B`;
  let unit = 0;
  let v = bytes;
  while (v >= 1024 && unit < BYTE_STEPS.length - 1) {
    v /= 1024;
    unit++;
  }
  // Rounding may reach the next unit (1023.96 MiB → "1024 MiB"): promote it.
  if (Math.round(v * 10) / 10 >= 1024 && unit < BYTE_STEPS.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${oneDecimal(v)} ${BYTE_STEPS[unit]}`;
}

/**
 * CPU for messages, from integer millicores: "2", "0.1", "1.001", "2.5". Exact (integer arithmetic,
 * no rounding), so a total is never shown as "2." or "2" when it is 2.001. The one CPU formatter.
 */
export function formatCpu(millicores: number): string {
  if (!Number.isFinite(millicores)) return String(millicores);
  const m = Math.round(millicores);
  if (m < 0) return `-${formatCpu(-m)}`;
  const whole = Math.floor(m / 1000);
  const frac = m % 1000;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

/** "1 core", "2.5 cores", "1 vCPU": a CPU figure (millicores) with its unit. */
export function formatCpuUnits(millicores: number, unit: string): string {
  return `${formatCpu(millicores)} ${unit}${Math.round(millicores) === 1000 ? '' : 's'}`;
}

/** Milliseconds for messages: "125 ms", "1.2 s", "45 s", "1 min", "2.5 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1) return `${oneDecimal(ms)} ms`;
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (Math.round(s * 10) / 10 < 60) return `${oneDecimal(s)} s`;
  return `${oneDecimal(ms / 60_000)} min`;
}
