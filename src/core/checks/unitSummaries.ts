// A summary of each unit of a model (CheckContext.units), for a check that looks across units:
// made once per unit and kept, with `ctx.keep`, while the unit stays bound. Per edit, only the
// units bound again are summarized, and the check hears which summaries came and went, so it can
// keep its totals up to date by the difference instead of going over the whole model.
import type { Model } from '../model/model';

export class UnitSummaries<T> {
  private byUnit = new Map<Model, T>();

  constructor(
    private readonly summarize: (unit: Model) => T,
    /** Told of each summary made for a unit new since the last `update`. */
    private readonly added?: (summary: T) => void,
    /** Told of each summary of a unit gone since the last `update`. */
    private readonly removed?: (summary: T) => void,
  ) {}

  /** The summaries of `units`, in their order: the kept ones of units seen before, new ones for the others. */
  update(units: readonly Model[]): T[] {
    const next = new Map<Model, T>();
    const out: T[] = new Array(units.length);
    for (let i = 0; i < units.length; i++) {
      const unit = units[i];
      let s = this.byUnit.get(unit);
      if (s === undefined && !this.byUnit.has(unit)) {
        s = this.summarize(unit);
        this.added?.(s);
      } else this.byUnit.delete(unit);
      next.set(unit, s as T);
      out[i] = s as T;
    }
    if (this.removed) for (const s of this.byUnit.values()) this.removed(s);
    this.byUnit = next;
    return out;
  }
}
