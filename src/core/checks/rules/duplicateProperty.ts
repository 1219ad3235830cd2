// duplicate-property: the same property written twice in one node; only the first counts.
import type { Check } from '../types';
import { removeStatement } from '../edits';
import { treeHasUnclosedBlock } from '../../syntax/tree';

export const duplicateProperty: Check = {
  meta: {
    name: 'duplicate-property',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A property is set twice in one node; only the first value counts.',
    rationale:
      'When a property repeats, a reader cannot tell which value is meant. Strata uses the first one; the second is ignored, which is rarely what the author intended after an edit.',
    howToFix:
      'Remove the line you do not mean. The quick fix removes the repeated one, which changes nothing Strata sees (the first value already counts), so it is safe and part of "Fix all"; if you meant the second value, delete the first line instead.',
    fix: 'safe',
    examples: {
      valid: ['host h1 {\n  memory: 64GiB\n}'],
      invalid: [{ code: 'host h1 {\n  memory: 64GiB\n  memory: 128GiB\n  ^^^^^^ set twice\n}', output: 'host h1 {\n  memory: 64GiB\n}' }],
    },
  },
  scope: 'subtree',
  run(ctx) {
    const unclosedBlocks = ctx.facts.repeatedProperties.length > 0 && treeHasUnclosedBlock(ctx.sourceOf(ctx.facts.repeatedProperties[0].prop).tree);
    for (const { node, prop, first } of ctx.facts.repeatedProperties) {
      const edit = removeStatement(ctx.sourceOf(prop).text, prop, unclosedBlocks);
      ctx.report({
        node,
        span: prop.key,
        message: `'${prop.key.text}' is set twice in ${node.kind} '${node.id ?? '?'}'; only the first value counts. Remove the line you do not mean.`,
        related: [{ span: first.key, message: 'The value that counts is set here.' }],
        fixes: edit ? [{ title: `Remove the repeated '${prop.key.text}' (the first value counts)`, safe: true, edits: [edit] }] : undefined,
      });
    }
  },
};
