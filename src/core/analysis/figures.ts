// Numbers that say where they came from. A Figure is one value (bytes or milliseconds) either set
// in the model or taken from a cited source; a Sum adds figures up and keeps their sources, their
// bounds and the nodes that had no figure. The SourceBook numbers the citations of one report.
import type { Source, Sourced } from '../catalogue/types';

export type Unit = 'bytes' | 'ms';

/**
 * What kind of number a source gives: `min` a minimum (the real value is likely higher, e.g. a
 * vendor's minimum RAM), `max` an upper bound (e.g. Firecracker's "at most 125 ms").
 */
export type Bound = 'min' | 'max';

/** One reported number and where it came from. */
export interface Figure {
  readonly value: number;
  readonly unit: Unit;
  /** `model` when the model sets it, else the id (`S1`, `S2`, …) of an entry in the report's `sources`. */
  readonly from: string;
  /** For `from: 'model'`: the node and property that set it. */
  readonly node?: string;
  readonly property?: string;
  /** An order-of-magnitude estimate, not a documented or measured figure. */
  readonly estimate?: true;
  readonly bound?: Bound;
}

/** A total of figures. */
export interface Sum {
  readonly value: number;
  readonly unit: Unit;
  /** How many figures were added up. */
  readonly count: number;
  /** The distinct origins of the figures (`model` and/or source ids), in first-use order. */
  readonly from: readonly string[];
  /** Set when any part is an estimate. */
  readonly estimate?: true;
  /** Set when every part has the same bound. */
  readonly bound?: Bound;
  /** Ids of the nodes that should have had a figure but have none (unknown OS, no source). */
  readonly missing: readonly string[];
}

/** A cited source as reports list it. */
export interface SourceRef {
  readonly id: string;
  readonly publisher: string;
  readonly title: string;
  readonly url?: string;
  readonly ref?: string;
  readonly thirdParty?: true;
  /** What exactly the source measured or states, for the figures the result cites (conditions, proxies, how an estimate was derived). */
  readonly notes?: readonly string[];
}

/** Marks a provisional citation inside a result until `finalize` numbers the sources. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PROVISIONAL = /\uE000(\d+)\.(-?\d+)\uE001/g;

/** The source part of a citation (provisional or final), so two notes of one source count once. */
export function citedSource(from: string): string {
  return from.charCodeAt(0) === 0xe000 ? from.slice(0, from.indexOf('.')) : from;
}

/** Adds a citation to a list unless the list already cites that source. */
function addCitation(list: string[], from: string): void {
  const key = citedSource(from);
  if (!list.some((f) => citedSource(f) === key)) list.push(from);
}

/**
 * Collects the sources of one result. Figures get a provisional citation (source and note) while
 * the result is built; `finalize` then numbers only the sources the result actually cites (S1,
 * S2, … in the order they first appear) and lists with each the notes of the figures cited, so
 * a report never lists a source or a caveat it does not use.
 */
export class SourceBook {
  private readonly index = new Map<Source, number>();
  private readonly sources: Source[] = [];
  private readonly notes: string[][] = [];

  /** The provisional citation of a source (and of the note that qualifies the figure). */
  cite(source: Source, note?: string): string {
    let si = this.index.get(source);
    if (si === undefined) {
      si = this.sources.length;
      this.index.set(source, si);
      this.sources.push(source);
      this.notes.push([]);
    }
    let ni = -1;
    if (note) {
      const list = this.notes[si];
      ni = list.indexOf(note);
      if (ni < 0) ni = list.push(note) - 1;
    }
    return `${OPEN}${si}.${ni}${CLOSE}`;
  }

  /**
   * The result with final source ids (in figures and in text alike) and a `sources` list of the
   * cited sources in id order. Rewrites the (freshly built, JSON-safe) result in place.
   */
  finalize<T extends object>(result: T): T & { readonly sources: readonly SourceRef[] } {
    const ids = new Map<number, string>();
    const used = new Map<number, Set<number>>();
    const fix = (text: string): string =>
      text.replace(PROVISIONAL, (_, si: string, ni: string) => {
        const s = Number(si);
        let id = ids.get(s);
        if (id === undefined) {
          id = `S${ids.size + 1}`;
          ids.set(s, id);
          used.set(s, new Set());
        }
        if (ni !== '-1') used.get(s)!.add(Number(ni));
        return id;
      });
    const seen = new Set<object>();
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      const entries = value as Record<string, unknown>;
      for (const key of Object.keys(entries)) {
        const v = entries[key];
        if (typeof v === 'string') {
          if (v.includes(OPEN)) entries[key] = fix(v);
        } else if (key === 'from' && Array.isArray(v)) {
          const out: string[] = [];
          for (const f of v as string[]) {
            const fixed = f.includes(OPEN) ? fix(f) : f;
            if (!out.includes(fixed)) out.push(fixed);
          }
          entries[key] = out;
        } else walk(v);
      }
    };
    walk(result);
    const out = result as T & { sources: SourceRef[] };
    out.sources = [...ids].map(([si, id]) => {
      const s = this.sources[si];
      const notes = [...used.get(si)!].sort((a, b) => a - b).map((ni) => this.notes[si][ni]);
      return {
        id,
        publisher: s.publisher,
        title: s.title,
        ...(s.url ? { url: s.url } : {}),
        ...(s.ref ? { ref: s.ref } : {}),
        ...(s.thirdParty ? { thirdParty: true as const } : {}),
        ...(notes.length ? { notes } : {}),
      };
    });
    return out;
  }

  /** A figure from a catalogue entry. */
  figure(sourced: Sourced, unit: Unit, bound?: Bound, value = sourced.value): Figure {
    return {
      value,
      unit,
      from: this.cite(sourced.source, sourced.note),
      ...(sourced.estimate ? { estimate: true as const } : {}),
      ...(bound ? { bound } : {}),
    };
  }
}

/** A figure set in the model. */
export function modelFigure(value: number, unit: Unit, node: string | undefined, property: string): Figure {
  return { value, unit, from: 'model', ...(node !== undefined ? { node } : {}), property };
}

/** Adds figures up. `missing` names the nodes that had none. */
export function sum(figures: readonly (Figure | undefined)[], unit: Unit, missing: readonly string[] = []): Sum {
  let value = 0;
  let count = 0;
  let estimate = false;
  let bound: Bound | undefined | null = null;
  const from: string[] = [];
  for (const f of figures) {
    if (!f) continue;
    value += f.value;
    count++;
    if (f.estimate) estimate = true;
    bound = bound === null ? f.bound : bound === f.bound ? bound : undefined;
    addCitation(from, f.from);
  }
  return {
    value,
    unit,
    count,
    from,
    ...(estimate ? { estimate: true as const } : {}),
    ...(bound ? { bound } : {}),
    missing: [...missing],
  };
}

/** Adds sums up (e.g. per-host totals into a model total). */
export function addSums(sums: readonly Sum[], unit: Unit): Sum {
  let value = 0;
  let count = 0;
  let estimate = false;
  let bound: Bound | undefined | null = null;
  const from: string[] = [];
  const missing: string[] = [];
  for (const s of sums) {
    value += s.value;
    count += s.count;
    if (s.estimate) estimate = true;
    if (s.count > 0) bound = bound === null ? s.bound : bound === s.bound ? bound : undefined;
    for (const f of s.from) addCitation(from, f);
    missing.push(...s.missing);
  }
  return { value, unit, count, from, ...(estimate ? { estimate: true as const } : {}), ...(bound ? { bound } : {}), missing };
}

/** An empty sum. */
export function zero(unit: Unit): Sum {
  return { value: 0, unit, count: 0, from: [], missing: [] };
}
