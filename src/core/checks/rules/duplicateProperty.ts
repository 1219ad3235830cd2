// duplicate-property: the same property written twice in one node; only the first counts.
import type { Check } from '../types';

export const duplicateProperty: Check = {
  meta: {
    name: 'duplicate-property',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A property is set twice in one node; only the first value counts.',
    rationale:
      'When a property repeats, a reader cannot tell which value is meant. Strata uses the first one; the second is ignored, which is rarely what the author intended after an edit.',
    howToFix: 'Remove the line you do not mean.',
    fix: 'none',
    examples: {
      valid: ['host h1 {\n  memory: 64GiB\n}'],
      invalid: ['host h1 {\n  memory: 64GiB\n  memory: 128GiB\n  ^^^^^^ set twice\n}'],
    },
  },
  run(ctx) {
    for (const { node, prop, first } of ctx.facts.repeatedProperties) {
      ctx.report({
        node,
        span: prop.key,
        message: `'${prop.key.text}' is set twice in ${node.kind} '${node.id ?? '?'}'; only the first value counts. Remove the line you do not mean.`,
        related: [{ span: first.key, message: 'The value that counts is set here.' }],
      });
    }
  },
};
