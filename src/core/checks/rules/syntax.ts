// syntax: the parser's errors. Listed as a check so it has docs, a severity and examples.
import type { Check } from '../types';

export const syntax: Check = {
  meta: {
    name: 'syntax',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'The text is not valid Strata: a missing brace, quote, colon or value.',
    rationale:
      'A syntax error means part of the model cannot be read. Strata still reads the rest of the file and reports its findings, but the broken statement is left out of the diagram and the analysis.',
    howToFix: 'Follow the message: close the brace or string, add the colon or the value it names.',
    fix: 'none',
    examples: {
      valid: ['host web1 {\n  os: debian-12\n  cpu: 8\n}'],
      invalid: ['host web1 {\n  memory: : 4GiB\n          ^ expected a value\n}'],
    },
  },
  run(ctx) {
    for (const f of ctx.syntaxFindings) ctx.report({ span: f.span, message: f.message, related: f.related });
  },
};
