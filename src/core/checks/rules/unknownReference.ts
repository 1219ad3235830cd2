// unknown-reference: a link end that names no node.
import { suggester } from '../../catalogue';
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
      invalid: [{ code: 'host h1 {\n  os: debian-12\n  app web\n  app db\n}\nweb -> dbb\n       ^^^ no node', output: 'host h1 {\n  os: debian-12\n  app web\n  app db\n}\nweb -> db' }],
    },
  },
  run(ctx) {
    // Suggestions come from every id: the list is prepared once, and each misspelling looked up
    // once, however many links repeat it.
    let suggest: ((word: string) => string | undefined) | undefined;
    const guesses = new Map<string, string | undefined>();
    const guessFor = (word: string) => {
      if (!guesses.has(word)) guesses.set(word, (suggest ??= suggester([...ctx.model.byId.keys()]))(word));
      return guesses.get(word);
    };
    for (const link of ctx.model.links) {
      if (!link.from) report(ctx, link.decl.from, guessFor);
      if (!link.to && link.decl.to) report(ctx, link.decl.to, guessFor);
    }
    for (const target of ctx.facts.unknownExtensions) {
      const guess = guessFor(target.text);
      ctx.report({
        span: target,
        message: `No file of this project declares a node '${target.text}', so this extend adds to nothing.${guess ? ` Did you mean '${guess}'?` : ' Declare the node, or correct the id.'}`,
        fixes: guess ? [{ title: `Change '${target.text}' to '${guess}'`, safe: false, edits: [replace(target, guess)] }] : undefined,
      });
    }
  },
};

function report(ctx: CheckContext, name: Name, guessFor: (word: string) => string | undefined): void {
  const guess = guessFor(name.text);
  ctx.report({
    span: name,
    message: `There is no node '${name.text}' for this link.${guess ? ` Did you mean '${guess}'?` : ' Declare it, or correct the id.'}`,
    fixes: guess ? [{ title: `Change '${name.text}' to '${guess}'`, safe: false, edits: [replace(name, guess)] }] : undefined,
  });
}
