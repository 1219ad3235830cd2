// unused-suppression: a `# strata-ignore <rule>: <reason>` comment that silenced nothing.
import { FRAMEWORK_RULES } from '../registry';
import { lineStart } from '../../text/lineIndex';
import { describeNode } from '../../model/queries';
import type { Check } from '../types';

export const unusedSuppression: Check = {
  afterSuppressions: true,
  meta: {
    name: 'unused-suppression',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A strata-ignore comment silences nothing: its node has no finding of that rule.',
    rationale:
      'A suppression outlives the problem it was written for: once the node is fixed, the comment stays and would silently hide the next, different problem of that rule on the node. ESLint reports such "unused disable directives" for the same reason.',
    howToFix: 'Delete the comment, or move it to the node that has the finding (on the line before the node, or at the end of the line that declares it).',
    fix: 'safe',
    sources: ['ESLint — "Configure Rules": reportUnusedDisableDirectives reports disable comments that would not have suppressed any problem.'],
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  engine e1 {\n    # strata-ignore no-memory-limit: sized by the orchestrator\n    container web { image: "web:1"; app nginx }\n  }\n}'],
      invalid: [
        {
          code: 'host h1 {\n  os: debian-12\n  engine e1 {\n    container web { image: "web:1"; memory: 256MiB; app nginx }  # strata-ignore no-memory-limit: sized elsewhere\n                                                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ silences nothing\n  }\n}',
          output: 'host h1 {\n  os: debian-12\n  engine e1 {\n    container web { image: "web:1"; memory: 256MiB; app nginx }\n  }\n}',
        },
      ],
    },
  },
  run(ctx) {
    for (const s of ctx.suppressions) {
      // Malformed ones are invalid-suppression; a rule turned off here may be on elsewhere.
      if (s.used || s.nodes.length === 0 || ctx.configured[s.rule] === 'off' || s.rule in FRAMEWORK_RULES || s.rule === 'unused-suppression') continue;
      const c = s.comment;
      // The comment's own file (a project has several): its offsets, its text, the finding's file.
      const span = { start: c.start, end: c.end, ...(s.file !== undefined ? { file: s.file } : {}) };
      const text = ctx.sourceOf(span).text;
      const lineBegins = lineStart(text, c.start);
      // Delete the comment, and the whole line when it stands alone.
      const alone = !s.trailing;
      let start = c.start;
      let end = c.end;
      if (alone) {
        start = lineBegins;
        end = c.end;
        // Through the line break (\n, \r\n or \r) that ends the comment's line.
        if (text.charCodeAt(end) === 13) end++;
        if (text.charCodeAt(end) === 10) end++;
      } else {
        while (start > lineBegins && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      }
      const target = s.nodes.length === 1 ? `${describeNode(s.nodes[0])} has no` : `none of the ${s.nodes.length} nodes on its line has a`;
      ctx.report({
        span,
        message: `This strata-ignore comment silences nothing: ${target} '${s.rule}' finding. Delete it, or move it to the node that has one.`,
        fixes: [{ title: 'Remove the unused strata-ignore comment', safe: true, edits: [{ span: { start, end }, newText: '' }] }],
      });
    }
  },
};
