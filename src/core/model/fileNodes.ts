// The nodes one file of a project declares, without joining the whole project's node list. A
// project's model is bound unit by unit (model/projectBinder.ts: a top-level node with what the
// `extend`s of any file add into it); a file's nodes lie in the units it contributes to: those of
// its own top-level nodes, and those its `extend`s add into (a team file's containers live in
// units of the platform file's VMs). Used by the checks (suppression comments, checks/run.ts) and
// by the editor's requests for one file (services/context.ts `fileNodes`), so that they cost in
// proportion to the file and not to the project.
import { cacheOn } from '../cacheOn';
import type { ModelNode } from './model';
import type { BoundUnit } from './projectBinder';
import { nodeFile } from './queries';

/** Each unit's nodes by the file they are declared in, kept on the unit while it is bound (a unit not bound again keeps its grouping from bind to bind). */
const NODES_BY_FILE = Symbol('strata.nodesByFile');

/** Kept on one bind's list of units: the units each file contributes to, and (once asked) the file's nodes. */
const FILES_OF_UNITS = Symbol('strata.filesOfUnits');

function byFileOf(units: readonly BoundUnit[]): Map<string | undefined, { readonly units: BoundUnit[]; nodes?: ModelNode[] }> {
  return cacheOn(units, FILES_OF_UNITS, () => groupUnitsByFile(units));
}

function groupUnitsByFile(units: readonly BoundUnit[]): Map<string | undefined, { readonly units: BoundUnit[]; nodes?: ModelNode[] }> {
  const byFile = new Map<string | undefined, { readonly units: BoundUnit[]; nodes?: ModelNode[] }>();
  const add = (file: string | undefined, u: BoundUnit) => {
    const entry = byFile.get(file);
    if (!entry) byFile.set(file, { units: [u] });
    else if (entry.units[entry.units.length - 1] !== u) entry.units.push(u);
  };
  for (const u of units) {
    add(nodeFile(u.root), u);
    // Every extension applied to the unit (nested ones too) is in its list.
    for (const e of u.extensions) add(e.store.file, u);
  }
  return byFile;
}

/** The units (of one bind's `units`, in their order) that hold a node declared in `file`. */
export function unitsOfFile(units: readonly BoundUnit[], file: string | undefined): readonly BoundUnit[] {
  return byFileOf(units).get(file)?.units ?? [];
}

/**
 * The nodes declared in `file`, in the order of the model, from the units it contributes to (not
 * the whole model's nodes). Kept for the bind: the same array while `units` is the same list.
 */
export function nodesOfFile(units: readonly BoundUnit[], file: string | undefined): readonly ModelNode[] {
  const entry = byFileOf(units).get(file);
  if (!entry) return [];
  if (entry.nodes) return entry.nodes;
  const out: ModelNode[] = [];
  for (const u of entry.units) {
    const list = cacheOn(u, NODES_BY_FILE, () => groupByFile(u.model.nodes)).get(file);
    if (list) for (const n of list) out.push(n);
  }
  return (entry.nodes = out);
}

/** Nodes grouped by the file they are declared in, each group in the given order. */
export function groupByFile(nodes: readonly ModelNode[]): Map<string | undefined, ModelNode[]> {
  const out = new Map<string | undefined, ModelNode[]>();
  for (const n of nodes) {
    const f = nodeFile(n);
    const list = out.get(f);
    if (list) list.push(n);
    else out.set(f, [n]);
  }
  return out;
}
