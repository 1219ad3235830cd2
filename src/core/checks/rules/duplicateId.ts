// duplicate-id: two nodes with the same id. Links, tenants and the diagram need ids unique in a file.
import type { Check } from '../types';
import { nodeFile } from '../../model/queries';

/** The last segment of a file path or URI, for messages. */
function baseName(file: string | undefined): string {
  return file === undefined ? 'another file' : file.slice(file.lastIndexOf('/') + 1);
}

export const duplicateId: Check = {
  meta: {
    name: 'duplicate-id',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'Two nodes have the same id.',
    rationale:
      'Links, go to definition and the diagram refer to nodes by id. With two nodes of one id, a link could mean either, so Strata uses the first and cannot tell what you meant for the second.',
    howToFix: 'Rename one of them (the rename command updates every link).',
    fix: 'none',
    examples: {
      valid: ['host web1 { os: debian-12 }\nhost web2 { os: debian-12 }'],
      invalid: ['host web1 { os: debian-12 }\nhost web1 { os: debian-12 }\n     ^^^^ already used'],
    },
  },
  run(ctx) {
    for (const { node, first } of ctx.facts.duplicateIds) {
      ctx.report({
        node,
        span: node.decl.id!,
        message:
          nodeFile(first) === nodeFile(node)
            ? `The id '${node.id}' is already used by the ${first.kind} declared earlier. Ids must be unique in a ${nodeFile(node) === undefined ? 'file' : 'project'}: rename one of them.`
            : `The id '${node.id}' is already used by the ${first.kind} declared in ${baseName(nodeFile(first))}. Ids must be unique across the files of a project: rename one of them.`,
        related: [{ span: first.decl.id!, message: `'${node.id}' is first declared here.` }],
      });
    }
  },
};
