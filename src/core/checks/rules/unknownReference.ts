// unknown-reference: a link end that names no node.
import { didYouMean } from '../../catalogue';
import type { Name } from '../../syntax/ast';
import type { Check, CheckContext } from '../types';
import { replace } from '../edits';

export const unknownReference: Check = {
  meta: {
    name: 'unknown-reference',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A link names a node that does not exist.',
    rationale: 'A link draws a data flow between two nodes. If one end names no node, the arrow cannot be drawn, and a reviewer cannot see which flow was meant.',
    howToFix: 'Correct the id (the quick fix offers the closest one) or declare the node.',
    fix: 'unsafe',
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  app web\n  app db\n}\nweb -> db'],
      invalid: ['host h1 {\n  os: debian-12\n  app web\n  app db\n}\nweb -> dbb\n       ^^^ no node'],
    },
  },
  run(ctx) {
    for (const link of ctx.model.links) {
      if (!link.from) report(ctx, link.decl.from);
      if (!link.to && link.decl.to) report(ctx, link.decl.to);
    }
  },
};

function report(ctx: CheckContext, name: Name): void {
  const ids = [...ctx.model.byId.keys()];
  const guess = didYouMean(name.text, ids);
  ctx.report({
    span: name,
    message: `There is no node '${name.text}' for this link.${guess ? ` Did you mean '${guess}'?` : ' Declare it, or correct the id.'}`,
    fixes: guess ? [{ title: `Change '${name.text}' to '${guess}'`, safe: false, edits: [replace(name, guess)] }] : undefined,
  });
}
