// Generates what the strata.config.json schema feeds outside the code: the JSON Schema file
// (schemas/strata.config.schema.json, from the zod schema) and the package.json contributions
// (`jsonValidation` and the `strata.rules` / `strata.thresholds.*` settings that mirror the file).
// `npm run schema` writes them; unit tests fail when they are stale. package.json is re-read right
// before it is written, and only these keys change.
import { CONFIG_FILE_NAME, configJsonSchema, configJsonSchemaText } from '../src/core/config/schema';

/** Where the JSON Schema lives, relative to the package root. */
export const SCHEMA_PATH = 'schemas/strata.config.schema.json';

/** The `jsonValidation` entry for the config file. */
export const JSON_VALIDATION = { fileMatch: CONFIG_FILE_NAME, url: `./${SCHEMA_PATH}` };

type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };

const PRECEDENCE = `A ${CONFIG_FILE_NAME} found upwards from the file overrides this setting where it sets the same key.`;

/** The settings that mirror the config file, as `contributes.configuration.properties` entries. */
export function settingsContribution(): Record<string, Schema> {
  const schema = configJsonSchema() as Schema;
  const rules = schema.properties!.rules;
  const thresholds = schema.properties!.thresholds.properties!;
  return {
    'strata.rules': {
      ...rules,
      default: {},
      scope: 'resource',
      description: `The severity of each Strata rule: "off", "info", "warning" or "error" (e.g. { "vm-for-single-app": "off" }). Rules not named keep their default. ${PRECEDENCE}`,
    },
    'strata.thresholds.cpuOvercommitRatio': {
      type: 'number',
      default: thresholds.cpuOvercommitRatio.default,
      exclusiveMinimum: 1,
      scope: 'resource',
      description: `${String(thresholds.cpuOvercommitRatio.description)} ${PRECEDENCE}`,
    },
    'strata.thresholds.smallAppMemory': {
      type: 'string',
      default: thresholds.smallAppMemory.default,
      pattern: (thresholds.smallAppMemory.anyOf as Schema[] | undefined)?.find((s) => s.type === 'string')?.pattern,
      scope: 'resource',
      description: `${String(thresholds.smallAppMemory.description).replace(' or a number of bytes', '')} ${PRECEDENCE}`,
    },
  };
}

/** package.json with the contributions and scripts this tool owns brought up to date. */
export function updatedPackageJson(pkg: Record<string, unknown>): Record<string, unknown> {
  const contributes = (pkg.contributes ?? {}) as Record<string, unknown>;
  const configuration = (contributes.configuration ?? { title: 'Strata', properties: {} }) as { properties?: Record<string, unknown> };
  const properties = { ...(configuration.properties ?? {}) };
  for (const [key, value] of Object.entries(settingsContribution())) properties[key] = value;
  const validation = ((contributes.jsonValidation ?? []) as { fileMatch: unknown }[]).filter((v) => v.fileMatch !== CONFIG_FILE_NAME);
  const scripts = { ...((pkg.scripts ?? {}) as Record<string, string>) };
  scripts.docs = 'node out/tools/ruleDocs.js';
  scripts.schema = 'node out/tools/configSchema.js';
  return {
    ...pkg,
    contributes: { ...contributes, configuration: { ...configuration, properties }, jsonValidation: [...validation, JSON_VALIDATION] },
    scripts,
  };
}


if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  const root = path.resolve(__dirname, '..', '..');
  fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
  fs.writeFileSync(path.join(root, SCHEMA_PATH), configJsonSchemaText());
  const pkgPath = path.join(root, 'package.json');
  // Re-read right before writing: other tools and people edit package.json too.
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(pkgPath, `${JSON.stringify(updatedPackageJson(pkg), null, 2)}\n`);
  console.log(`wrote ${SCHEMA_PATH} and the package.json settings, jsonValidation and scripts`);
}
