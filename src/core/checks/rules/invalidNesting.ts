// invalid-nesting: a kind where it may not stand (a container directly in a host), or a
// property outside any node.
import { ALLOWED_CHILDREN, allowedParents } from '../../model/nesting';
import { describeNode } from '../../model/queries';
import type { Model, ModelNode } from '../../model/model';
import { UnitSummaries } from '../unitSummaries';
import type { Check, CheckContext } from '../types';
import { eol, indentAt, indentUnit, lineStartAt } from '../edits';
import { treeHasUnclosedBlock } from '../../syntax/tree';
import type { Fix } from '../../diagnostics';
import { article, capitalize } from '../../text/english';
import { ID_RE } from '../../syntax/ast';

export const invalidNesting: Check = {
  meta: {
    name: 'invalid-nesting',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A node stands where its kind may not, e.g. a container directly in a host.',
    rationale:
      'Nesting is how Strata knows what runs on what: a container runs in an engine, an engine on a host or VM operating system, a VM on a hypervisor. A container placed directly in a host skips the engine that would run it, so its kernel and limits cannot be worked out.',
    howToFix: 'Move the node into a parent of the right kind. For a container, the quick fix wraps it in an engine.',
    fix: 'unsafe',
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  engine docker1 {\n    container web { memory: 256MiB; image: "nginx:1.27"; app nginx }\n  }\n}'],
      invalid: [
        { code: 'host h1 {\n  os: debian-12\n  container web { memory: 256MiB }\n            ^^^ cannot stand inside host\n}', output: 'host h1 {\n  os: debian-12\n  engine web-engine {\n    container web { memory: 256MiB }\n  }\n}' },
        'cpu: 4\n^^^ outside any node',
      ],
    },
  },
  run(ctx) {
    for (const prop of ctx.facts.topLevelProperties) {
      ctx.report({
        span: prop.key,
        message: `The property '${prop.key.text}' stands outside any node. Move it into the braces of the node it describes.`,
      });
    }
    // The misplaced nodes of each unit are found once per unit; their fixes, which pick an id no
    // node of the model has, are made on every run.
    const misplaced = ctx.keep(() => new UnitSummaries(misplacedIn)).update(ctx.units);
    for (const node of misplaced.flat()) {
      const where = node.parent ? `inside ${describeNode(node.parent)}` : 'at the top of the file';
      const places = allowedParents(node.kind).map((p) => (p === 'file' ? 'the top of the file' : article(p)));
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `${capitalize(article(node.kind))} cannot stand ${where}. It may stand in ${places.join(' or ')}.`,
        related: node.parent ? [{ span: node.parent.decl.id ?? node.parent.decl.kindSpan, message: `The ${node.parent.kind} it stands in.` }] : undefined,
        fixes: wrapFix(ctx, node),
      });
    }
  },
};

/** A container directly in a host or VM: wrap it in a new engine. */
/** The nodes of a unit that stand where their kind may not. */
function misplacedIn(unit: Model): ModelNode[] {
  const out: ModelNode[] = [];
  for (const node of unit.nodes) if (!ALLOWED_CHILDREN[node.parent ? node.parent.kind : 'file'].includes(node.kind)) out.push(node);
  return out;
}

function wrapFix(ctx: CheckContext, node: ModelNode): Fix[] | undefined {
  if (node.kind !== 'container' || !node.parent || (node.parent.kind !== 'host' && node.parent.kind !== 'vm')) return undefined;
  // A block that is never closed would take the engine's `}` (inside the container), or is
  // closed where the indentation says (elsewhere), which indenting the container's lines moves.
  const source = ctx.sourceOf(node);
  if (treeHasUnclosedBlock(source.tree)) return undefined;
  const text = source.text;
  const start = lineStartAt(text, node.decl.start);
  // Only when the container starts its line and ends its line (nothing else shares them).
  if (text.slice(start, node.decl.start).trim() !== '') return undefined;
  const rest = text.slice(node.decl.end).match(/^[ \t]*(?:[#/].*)?(\r?\n|$)/);
  if (!rest) return undefined;
  const end = node.decl.end + rest[0].length - rest[1].length;
  const indent = indentAt(text, node.decl.start);
  const unit = indentUnit(text);
  const br = eol(text);
  // The engine is named after the container, when that is a valid id (`a.b` is not).
  const base = node.id !== undefined && ID_RE.test(node.id) ? node.id : 'container';
  let id = `${base}-engine`;
  for (let i = 2; ctx.model.byId.has(id); i++) id = `${base}-engine${i}`;
  const body = text
    .slice(start, end)
    .split(/\r?\n/)
    .map((l) => (l.trim() ? unit + l : l))
    .join(br);
  return [
    {
      title: `Wrap '${node.id ?? 'container'}' in a new engine`,
      safe: false,
      edits: [{ span: { start, end }, newText: `${indent}engine ${id} {${br}${body}${br}${indent}}` }],
    },
  ];
}
