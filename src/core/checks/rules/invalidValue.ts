// invalid-value: a value of the wrong type or unit, e.g. `memory: 8` without a unit.
import { didYouMean } from '../../catalogue';
import { allowedWords, propertySpec } from '../../model/schemas';
import type { Fix } from '../../diagnostics';
import type { Check } from '../types';
import { replace } from '../edits';

export const invalidValue: Check = {
  meta: {
    name: 'invalid-value',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A value of the wrong type, unit or range, e.g. `memory: 8` with no unit.',
    rationale:
      'Sizes, CPU and times need units to mean anything: is `memory: 8` eight bytes or eight gigabytes? Strata leaves an invalid value out of the analysis rather than guess, so the node is treated as if the property were missing.',
    howToFix: 'Write the value as the message says: a unit for sizes and times, one of the listed words for choices.',
    fix: 'unsafe',
    examples: {
      valid: ['host h1 {\n  memory: 64GiB\n  cpu: 16\n}'],
      invalid: ['host h1 {\n  memory: 64\n          ^^ has no unit\n}', { code: 'host h1 {\n  os: debian-12\n  engine e { container c { network: hots } }\n                                    ^^^^ not allowed\n}', output: 'host h1 {\n  os: debian-12\n  engine e { container c { network: host } }\n}' }],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const { node, prop, message } of ctx.facts.invalidValues) {
      const value = prop.value!;
      const spec = propertySpec(node.kind, prop.key.text);
      let fixes: Fix[] | undefined;
      if (spec && value.type === 'word') {
        const guess = didYouMean(value.value, allowedWords(spec));
        if (guess) fixes = [{ title: `Change '${value.value}' to '${guess}'`, safe: false, edits: [replace(value, guess)] }];
      }
      ctx.report({ node, span: value, message, fixes });
    }
  },
};
