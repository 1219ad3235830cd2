// unknown-catalog-value: an os, product or runtime the catalogue does not know.
import { catalogueIds, didYouMean } from '../../catalogue';
import { ofKind } from '../../model/queries';
import { PROPERTIES } from '../../model/schemas';
import { KINDS } from '../../syntax/ast';
import type { Check } from '../types';
import { replace } from '../edits';

const WHAT = { os: 'an operating system', hypervisor: 'a hypervisor product', engine: 'a container engine', runtime: 'a container runtime' } as const;

const sets = new Map<string, Set<string>>();
function known(kind: 'os' | 'hypervisor' | 'engine' | 'runtime'): Set<string> {
  let s = sets.get(kind);
  if (!s) sets.set(kind, (s = new Set(catalogueIds(kind))));
  return s;
}

/** Each kind's catalogue properties (os, product, runtime): the only ones this check reads. */
const CATALOG_PROPERTIES = KINDS.map((k) => [k, PROPERTIES[k].filter((s) => s.catalog)] as const).filter(([, specs]) => specs.length > 0);

export const unknownCatalogValue: Check = {
  meta: {
    name: 'unknown-catalog-value',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'An os, product or runtime that the catalogue does not know.',
    rationale:
      "Strata's catalogue knows each operating system's family and footprint, each hypervisor's type and each runtime's isolation. For an unknown value it cannot tell which kernel family a workload needs, whether a hypervisor needs a host OS, or what a VM costs, so those checks stay silent.",
    howToFix: 'Use a catalogue id (completion lists them; the quick fix offers the closest one).',
    fix: 'unsafe',
    examples: {
      valid: ['host h1 { os: ubuntu-22.04 }'],
      invalid: [{ code: 'host h1 { os: ubunut-22.04 }\n              ^^^^^^^^^^^^ did you mean \'ubuntu-22.04\'', output: 'host h1 { os: ubuntu-22.04 }' }],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const [kind, specs] of CATALOG_PROPERTIES) {
      for (const node of ofKind(ctx.model, kind)) {
        for (const spec of specs) {
          // A validated value comes from the key's first statement, which has a value.
          const value = node.props[spec.key];
          const catalog = spec.catalog!;
          if (typeof value !== 'string' || known(catalog).has(value)) continue;
          const prop = node.propDecls.get(spec.key)!;
          if (!prop.value) continue;
          const ids = catalogueIds(catalog);
          const guess = didYouMean(value, ids);
          ctx.report({
            node,
            span: prop.value,
            message: `'${value}' is not ${WHAT[catalog]} Strata knows.${guess ? ` Did you mean '${guess}'?` : ` Known: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''}.`}`,
            // A string stays a string: a bare word could run into what follows (`"x"y`).
            fixes: guess ? [{ title: `Change '${value}' to '${guess}'`, safe: false, edits: [replace(prop.value, prop.value.type === 'string' ? `"${guess}"` : guess)] }] : undefined,
          });
        }
      }
    }
  },
};
