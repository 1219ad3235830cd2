// The schema of `strata.config.json`, written once with zod: each rule's severity and the checks'
// thresholds. The same schema validates the file (CLI and editor), the VS Code settings that
// mirror it, and is exported as the JSON Schema that VS Code uses for completion and hover.
import * as z from 'zod/mini';
import { CHECKS, FRAMEWORK_RULES } from '../checks/registry';
import { DEFAULT_SETTINGS } from '../checks/types';
import { BYTE_UNITS } from '../model/schemas';

/** The file name searched for upwards from a model. */
export const CONFIG_FILE_NAME = 'strata.config.json';

/** What a rule can be set to: a severity, or `off`. */
export const RULE_SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

/** The thresholds the file can set, with their names in the file. */
export const THRESHOLD_NAMES = ['cpuOvercommitRatio', 'smallAppMemory'] as const;
export type ThresholdName = (typeof THRESHOLD_NAMES)[number];

/** The top-level keys of the file. */
export const CONFIG_KEYS = ['$schema', 'include', 'exclude', 'rules', 'thresholds', 'sources'] as const;

/** A size such as `2GiB` or `512 MiB` (the units of the language's byte quantities). */
export const SIZE_PATTERN = new RegExp(`^\\s*(\\d+(?:\\.\\d+)?)\\s*(${Object.keys(BYTE_UNITS).join('|')})\\s*$`);

/** Bytes of a size string, or undefined when it does not match SIZE_PATTERN. */
export function parseSize(text: string): number | undefined {
  const m = SIZE_PATTERN.exec(text);
  return m ? Number(m[1]) * BYTE_UNITS[m[2]] : undefined;
}

/**
 * Every rule name that can be configured, with its one-line summary: the checks and the
 * framework's `invalid-suppression` (an `internal-error` is always an error: it is a bug report).
 */
export function configurableRules(): { name: string; summary: string }[] {
  return [
    ...CHECKS.map((c) => ({ name: c.meta.name, summary: c.meta.summary })),
    ...Object.entries(FRAMEWORK_RULES)
      .filter(([name]) => name !== 'internal-error')
      .map(([name, summary]) => ({ name, summary })),
  ];
}

const severity = z.enum(RULE_SETTINGS);

function describe<T extends z.ZodMiniType>(schema: T, meta: { description: string; default?: unknown }): T {
  z.globalRegistry.add(schema, meta);
  return schema;
}

const ruleDefaults = new Map<string, string>([...CHECKS.map((c) => [c.meta.name, c.meta.defaultSeverity] as const)]);

/** The `rules` object: every known rule, each optional. */
export const rulesSchema = describe(
  z.strictObject(
    Object.fromEntries(
      configurableRules().map((r) => [
        r.name,
        describe(z.optional(severity), {
          description: `${r.summary}${ruleDefaults.has(r.name) ? ` (default: ${ruleDefaults.get(r.name)})` : ''}`,
        }),
      ]),
    ),
  ),
  { description: 'The severity of each rule: "off", "info", "warning" or "error". Rules not named keep their default severity.' },
);

/** The `smallAppMemory` threshold: a size string or a whole number of bytes. */
export const sizeSchema = z.union([z.string().check(z.regex(SIZE_PATTERN)), z.int().check(z.nonnegative())]);

export const thresholdsSchema = describe(
  z.strictObject({
    cpuOvercommitRatio: describe(z.optional(z.number().check(z.gt(1))), {
      description: `cpu-overcommit warns (instead of informing) above this many vCPUs or CPU limits per physical core or vCPU. Greater than 1. Default: ${DEFAULT_SETTINGS.cpuOvercommitWarnRatio}.`,
      default: DEFAULT_SETTINGS.cpuOvercommitWarnRatio,
    }),
    smallAppMemory: describe(z.optional(sizeSchema), {
      description: 'vm-for-single-app flags a VM whose only app or container sets no memory or at most this much: a size such as "2GiB" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB) or a number of bytes. Default: "2GiB".',
      default: '2GiB',
    }),
  }),
  { description: 'Thresholds of the overhead checks.' },
);

/** The whole `strata.config.json`. Strict: unknown keys are errors. */
export const configSchema = describe(
  z.strictObject({
    $schema: describe(z.optional(z.string()), { description: 'The JSON schema of this file (for editors).' }),
    include: describe(z.optional(z.array(z.string())), {
      description:
        'Which .strata files under this folder form the project (one model): glob patterns relative to this folder, e.g. ["platform/**/*.strata", "teams/*.strata"]. "*" matches within a folder, "**" across folders. Default: every .strata file under this folder.',
      default: ['**/*.strata'],
    }),
    exclude: describe(z.optional(z.array(z.string())), {
      description: 'Files left out of the project, as glob patterns relative to this folder, e.g. ["drafts/**"]. Files in node_modules and .git are always left out.',
      default: [],
    }),
    rules: z.optional(rulesSchema),
    thresholds: z.optional(thresholdsSchema),
    sources: describe(z.optional(z.array(z.string().check(z.minLength(1)))), {
      description:
        'Deployment sources the models are checked against by the drift rule: files or folders (relative to this file) of Kubernetes manifests or `kubectl get nodes,pods,runtimeclasses -A -o json` dumps, Compose files, libvirt domain XML or `terraform show -json` output. The editor shows drift live and updates it when a source changes.',
    }),
  }),
  {
    description:
      'Strata project configuration. The folder that holds this file is a project: its .strata files (narrowed by "include" and "exclude") form one model. Also rule severities and check thresholds. Found upwards from each .strata file; the nearest one applies.',
  },
);

export type StrataConfig = z.infer<typeof configSchema>;

/** The JSON Schema of strata.config.json (draft-07, which every editor understands). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-07' }) as Record<string, unknown>;
  return { ...schema, title: 'Strata configuration (strata.config.json)' };
}

/** The JSON Schema as the text of `schemas/strata.config.schema.json`. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
