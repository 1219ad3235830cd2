// Generates the rules reference (docs/rules/*.md) from each check's metadata, so the docs and
// the examples that run as tests are the same text. `npm run docs` writes them; a unit test
// fails when they are stale.
import { CHECKS, FRAMEWORK_RULES } from '../src/core/checks/registry';
import { type Check, DEFAULT_SETTINGS, exampleCode, exampleOutput } from '../src/core/checks/types';
import { formatBytes } from '../src/core/catalogue';

const MARKER = /^\s*\^+.*$/;

/** The strata.config.json thresholds that tune a rule. */
const THRESHOLDS: Readonly<Record<string, { key: string; example: string; default: string }>> = {
  'cpu-overcommit': { key: 'cpuOvercommitRatio', example: '6', default: String(DEFAULT_SETTINGS.cpuOvercommitWarnRatio) },
  'vm-for-single-app': { key: 'smallAppMemory', example: '"1GiB"', default: `"${formatBytes(DEFAULT_SETTINGS.smallAppMemory).replace(' ', '')}"` },
};

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
  out.push('## Configure', '');
  out.push(`Set the severity in \`strata.config.json\` (or the \`strata.rules\` setting): \`{ "rules": { "${m.name}": "off" } }\`, or "info", "warning", "error".`);
  const threshold = THRESHOLDS[m.name];
  if (threshold) out.push('', `Threshold: \`{ "thresholds": { "${threshold.key}": ${threshold.example} } }\` (default ${threshold.default}).`);
  out.push('', `Silence it for one node with a comment on the line before the node: \`# strata-ignore ${m.name}: <reason>\`.`, '');
  out.push('## Examples', '');
  for (const ex of m.examples.invalid) {
    out.push('Flagged:', '', '```strata', clean(exampleCode(ex)), '```', '');
    const output = exampleOutput(ex);
    if (output !== undefined) out.push('After the quick fix:', '', '```strata', output, '```', '');
  }
  for (const ex of m.examples.valid) out.push('Not flagged:', '', '```strata', clean(ex), '```', '');
  return out.join('\n');
}

export function rulesTable(): string {
  const out = ['| rule | category | severity | fix | what it finds |', '|---|---|---|---|---|'];
  for (const c of CHECKS) {
    const m = c.meta;
    out.push(`| [\`${m.name}\`](docs/rules/${m.name}.md) | ${m.category} | ${m.defaultSeverity} | ${m.fix} | ${m.summary.replace(/\|/g, '\\|')} |`);
  }
  for (const [name, summary] of Object.entries(FRAMEWORK_RULES)) out.push(`| [\`${name}\`](docs/rules/${name}.md) | framework | ${FRAMEWORK_SEVERITY[name as keyof typeof FRAMEWORK_RULES]} | none | ${summary} |`);
  return out.join('\n');
}

export function rulesIndex(): string {
  return ['# Strata rules', '', 'Generated from the checks’ metadata (`npm run docs`). Each page has the why, the fix and examples that run as tests.', '', rulesTable().replace(/docs\/rules\//g, ''), ''].join('\n');
}

const FRAMEWORK_SEVERITY: Readonly<Record<keyof typeof FRAMEWORK_RULES, string>> = { 'invalid-suppression': 'warning', 'internal-error': 'error' };

const FRAMEWORK_DETAILS: Readonly<Record<keyof typeof FRAMEWORK_RULES, string>> = {
  'invalid-suppression':
    'A suppression comment must name a known rule and give a reason, and stand on the line before a node: `# strata-ignore <rule-name>: <reason>`. Otherwise it silences nothing, and this finding says why. Its severity can be set in `strata.config.json` like any rule.',
  'internal-error':
    'A check threw an exception: a bug in Strata, not in the model. The other checks still ran and their findings are shown. Please report it with the file that triggers it. It is always an error and cannot be configured.',
};

/** The page of a rule the framework reports (no check file of its own). */
export function frameworkRuleDoc(name: keyof typeof FRAMEWORK_RULES): string {
  return [`# ${name}`, '', `**framework** · default severity **${FRAMEWORK_SEVERITY[name]}** · fix: none`, '', FRAMEWORK_RULES[name], '', '## Why', '', FRAMEWORK_DETAILS[name], ''].join('\n');
}

export function allDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of CHECKS) files.set(`docs/rules/${c.meta.name}.md`, ruleDoc(c));
  for (const name of Object.keys(FRAMEWORK_RULES) as (keyof typeof FRAMEWORK_RULES)[]) files.set(`docs/rules/${name}.md`, frameworkRuleDoc(name));
  files.set('docs/rules/README.md', rulesIndex());
  return files;
}

const TABLE = /(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/;

/** The README with its rules table (between the `rules:start` and `rules:end` markers) made anew. */
export function withRulesTable(readme: string): string {
  return readme.replace(TABLE, (_m, open: string, close: string) => `${open}${rulesTable()}\n${close}`);
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  const root = path.resolve(__dirname, '..', '..');
  fs.mkdirSync(path.join(root, 'docs', 'rules'), { recursive: true });
  for (const [file, text] of allDocs()) fs.writeFileSync(path.join(root, file), text);
  const readme = path.join(root, 'README.md');
  fs.writeFileSync(readme, withRulesTable(fs.readFileSync(readme, 'utf8')));
  console.log(`wrote ${allDocs().size} files to docs/rules and the rules table of README.md`);
}
