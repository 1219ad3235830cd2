// unknown-property: a property its kind does not have, with "did you mean".
import { didYouMean } from '../../catalogue';
import { PROPERTIES, kindsWithProperty } from '../../model/schemas';
import type { Check } from '../types';
import { replace } from '../edits';
import { article, capitalize } from '../../text/english';

export const unknownProperty: Check = {
  meta: {
    name: 'unknown-property',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A property that this kind of node does not have (often a typo).',
    rationale:
      'Strata ignores properties it does not know, so a typo such as `memroy` silently drops the value: the memory limit you meant to set is not there, and the analysis treats the node as unlimited.',
    howToFix: 'Correct the name (the quick fix offers the closest one) or move the property to the kind it belongs to.',
    fix: 'unsafe',
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 512MiB; image: "nginx:1.27"; app nginx } }\n}'],
      invalid: [{ code: 'host h1 {\n  os: debian-12\n  memroy: 64GiB\n  ^^^^^^ did you mean \'memory\'\n}', output: 'host h1 {\n  os: debian-12\n  memory: 64GiB\n}' }],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const { node, prop } of ctx.facts.unknownProperties) {
      const key = prop.key.text;
      const own = PROPERTIES[node.kind].map((s) => s.key as string);
      const guess = didYouMean(key, own);
      const elsewhere = kindsWithProperty(key);
      let message = `${capitalize(article(node.kind))} has no property '${key}'`;
      if (guess) message += `. Did you mean '${guess}'?`;
      else if (elsewhere.length) message += `: '${key}' belongs to ${elsewhere.join(', ')}.`;
      else message += own.length ? `. ${capitalize(article(node.kind))} has: ${own.join(', ')}.` : `. ${capitalize(article(node.kind))} has no properties.`;
      ctx.report({
        node,
        span: prop.key,
        message,
        fixes: guess ? [{ title: `Change '${key}' to '${guess}'`, safe: false, edits: [replace(prop.key, guess)] }] : undefined,
      });
    }
  },
};
