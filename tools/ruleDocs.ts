// Generates the rules reference (docs/rules/*.md) from each check's metadata, so the docs and
// the examples that run as tests are the same text. `npm run docs` writes them; a unit test
// fails when they are stale.
import { CHECKS, FRAMEWORK_RULES } from '../src/core/checks/registry';
import type { Check } from '../src/core/checks/types';

const MARKER = /^\s*\^+.*$/;

function clean(example: string): string {
  return example
    .split('\n')
    .filter((l) => !MARKER.test(l))
    .join('\n');
}

export function ruleDoc(check: Check): string {
  const m = check.meta;
  const out: string[] = [];
  out.push(`# ${m.name}`, '', `**${m.category}** · default severity **${m.defaultSeverity}** · fix: ${m.fix === 'none' ? 'none' : m.fix}`, '');
  out.push(m.summary, '', '## Why', '', m.rationale, '', '## What to do', '', m.howToFix, '');
  if (m.linters?.length) {
    out.push('## The same concern in deploy-time linters', '', '| tool | rule |', '|---|---|');
    for (const l of m.linters) out.push(`| ${l.tool} | \`${l.id}\`${l.note ? ` (${l.note})` : ''} |`);
    out.push('');
  }
  if (m.sources?.length) {
    out.push('## Sources', '');
    for (const s of m.sources) out.push(`- ${s}`);
    out.push('');
  }
  out.push('## Examples', '');
  for (const ex of m.examples.invalid) out.push('Flagged:', '', '```strata', clean(ex), '```', '');
  for (const ex of m.examples.valid) out.push('Not flagged:', '', '```strata', clean(ex), '```', '');
  return out.join('\n');
}

export function rulesTable(): string {
  const out = ['| rule | category | severity | fix | what it finds |', '|---|---|---|---|---|'];
  for (const c of CHECKS) {
    const m = c.meta;
    out.push(`| [\`${m.name}\`](docs/rules/${m.name}.md) | ${m.category} | ${m.defaultSeverity} | ${m.fix} | ${m.summary.replace(/\|/g, '\\|')} |`);
  }
  for (const [name, summary] of Object.entries(FRAMEWORK_RULES)) out.push(`| \`${name}\` | framework | warning/error | none | ${summary} |`);
  return out.join('\n');
}

export function rulesIndex(): string {
  return ['# Strata rules', '', 'Generated from the checks’ metadata (`npm run docs`). Each page has the why, the fix and examples that run as tests.', '', rulesTable().replace(/docs\/rules\//g, ''), ''].join('\n');
}

export function allDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of CHECKS) files.set(`docs/rules/${c.meta.name}.md`, ruleDoc(c));
  files.set('docs/rules/README.md', rulesIndex());
  return files;
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  const root = path.resolve(__dirname, '..', '..');
  fs.mkdirSync(path.join(root, 'docs', 'rules'), { recursive: true });
  for (const [file, text] of allDocs()) fs.writeFileSync(path.join(root, file), text);
  console.log(`wrote ${allDocs().size} files to docs/rules`);
}
