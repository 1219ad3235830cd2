// Reads `strata.config.json` text into analyze options, with a problem (message and span) for each
// JSON syntax error and each schema violation, so the editor can underline it and the CLI can
// print file:line:col. Never throws. The valid parts of an invalid file still apply: one typo in a
// rule name does not drop every other setting.
import { didYouMean } from '../catalogue';
import type { CheckSettings } from '../checks/types';
import type { Severity } from '../diagnostics';
import type { Span } from '../syntax/ast';
import { type JsonNode, jsonValue, nodeAt, parseJson } from './json';
import { CONFIG_FILE_NAME, CONFIG_KEYS, RULE_SETTINGS, type RuleSetting, THRESHOLD_NAMES, configSchema, configurableRules, parseSize, sizeSchema } from './schema';

export interface ConfigProblem {
  readonly message: string;
  /** UTF-16 offsets into the config text. */
  readonly span: Span;
  /** `error` for anything that does not apply; `warning` for a repeated key (the last one applies). */
  readonly severity: 'error' | 'warning';
}

/** The options `analyze` takes (rule severities and check settings). */
export interface ConfigOptions {
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  readonly settings?: Partial<CheckSettings>;
  /** Deployment sources for the drift rule, as written (relative to the config file's folder). */
  readonly sources?: readonly string[];
}

/** Which files of the config's folder form the project: globs relative to the folder. */
export interface FileSelection {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

export interface ParsedConfig {
  readonly options: ConfigOptions;
  readonly problems: readonly ConfigProblem[];
  /** The valid `include` / `exclude` lists (core/project reads them). */
  readonly files?: FileSelection;
}

/** A problem located by a JSON path instead of a span (for values that do not come from text). */
export interface PathProblem {
  readonly path: readonly (string | number)[];
  /** For an unknown key: the key (the path is its object's). */
  readonly key?: string;
  readonly message: string;
}

const RULE_NAMES = configurableRules().map((r) => r.name);
const RULE_SET = new Set(RULE_NAMES);
const SEVERITIES_TEXT = '"off", "info", "warning" or "error"';
const SIZE_TEXT = 'a size such as "2GiB" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB) or a whole number of bytes';

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const s = JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** What a value at a path must be, and how to name it, for messages. */
function expectation(path: readonly (string | number)[]): { label: string; expected: string } {
  const [a, b] = path;
  if (path.length === 0) return { label: `${CONFIG_FILE_NAME}`, expected: 'one JSON object with "include", "exclude", "rules", "thresholds" and/or "sources"' };
  if ((a === 'include' || a === 'exclude') && path.length === 1) return { label: `"${a}"`, expected: 'a list of glob patterns relative to this folder, e.g. ["**/*.strata"]' };
  if (a === 'include' || a === 'exclude') return { label: `Each pattern of "${a}"`, expected: 'a string, e.g. "teams/*.strata"' };
  if (a === 'sources') return { label: path.length === 1 ? '"sources"' : `sources[${String(b)}]`, expected: path.length === 1 ? 'a list of files or folders, e.g. ["k8s/", "compose.yaml"]' : 'a file or folder path (a non-empty string)' };
  if (a === '$schema') return { label: '"$schema"', expected: 'a string (the URL or path of the JSON schema)' };
  if (a === 'rules' && path.length === 1) return { label: '"rules"', expected: `an object mapping rule names to ${SEVERITIES_TEXT}` };
  if (a === 'rules') return { label: `The setting of rule '${String(b)}'`, expected: SEVERITIES_TEXT };
  if (a === 'thresholds' && path.length === 1) return { label: '"thresholds"', expected: `an object with ${THRESHOLD_NAMES.join(' and ')}` };
  if (b === 'cpuOvercommitRatio') return { label: 'thresholds.cpuOvercommitRatio', expected: 'a number greater than 1 (vCPUs per physical core), e.g. 4' };
  if (b === 'smallAppMemory') return { label: 'thresholds.smallAppMemory', expected: SIZE_TEXT };
  return { label: path.join('.'), expected: 'a valid value' };
}

function unknownKeyMessage(path: readonly (string | number)[], key: string): string {
  if (path.length === 0) {
    const guess = didYouMean(key, CONFIG_KEYS);
    return `Unknown setting '${key}' in ${CONFIG_FILE_NAME}.${guess ? ` Did you mean '${guess}'?` : ''} Allowed: ${CONFIG_KEYS.map((k) => `"${k}"`).join(', ')}.`;
  }
  if (path[0] === 'rules') {
    const guess = didYouMean(key, RULE_NAMES);
    return `Unknown rule '${key}'.${guess ? ` Did you mean '${guess}'?` : ''} Strata's rules are listed in its docs (docs/rules/README.md).`;
  }
  if (path[0] === 'thresholds') {
    const guess = didYouMean(key, THRESHOLD_NAMES);
    return `Unknown threshold '${key}'.${guess ? ` Did you mean '${guess}'?` : ''} Thresholds: ${THRESHOLD_NAMES.join(', ')}.`;
  }
  return `Unknown key '${key}'.`;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a config value (from the file or from editor settings) and returns the options its
 * valid parts give, plus a problem per invalid part located by JSON path.
 */
export function configOptions(value: unknown): { options: ConfigOptions; problems: PathProblem[]; files: FileSelection } {
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  const result = configSchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ path, key, message: unknownKeyMessage(path, key) });
        continue;
      }
      const id = path.join('\u0000');
      if (seen.has(id)) continue; // one problem per value (a union reports each branch)
      seen.add(id);
      const { label, expected } = expectation(path);
      problems.push({ path, message: `${label} must be ${expected}, not ${show(valueAt(value, path))}.` });
    }
  }
  // The valid parts, checked one by one.
  const rules: Record<string, RuleSetting> = {};
  const settings: { -readonly [K in keyof CheckSettings]?: CheckSettings[K] } = {};
  if (isRecord(value)) {
    if (isRecord(value.rules)) {
      for (const [name, setting] of Object.entries(value.rules)) {
        if (RULE_SET.has(name) && typeof setting === 'string' && (RULE_SETTINGS as readonly string[]).includes(setting)) rules[name] = setting as RuleSetting;
      }
    }
    if (isRecord(value.thresholds)) {
      const ratio = value.thresholds.cpuOvercommitRatio;
      if (typeof ratio === 'number' && Number.isFinite(ratio) && ratio > 1) settings.cpuOvercommitWarnRatio = ratio;
      const small = value.thresholds.smallAppMemory;
      if (sizeSchema.safeParse(small).success) settings.smallAppMemory = typeof small === 'number' ? small : parseSize(small as string);
    }
  }
  const sources = isRecord(value) && Array.isArray(value.sources) ? value.sources.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  const options: ConfigOptions = {
    ...(Object.keys(rules).length ? { rules } : {}),
    ...(Object.keys(settings).length ? { settings } : {}),
    ...(sources.length ? { sources } : {}),
  };
  const globs = (v: unknown) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : undefined);
  const include = isRecord(value) ? globs(value.include) : undefined;
  const exclude = isRecord(value) ? globs(value.exclude) : undefined;
  const files: FileSelection = { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) };
  return { options, problems, files };
}

/** The span of a key's name in the object at `path`. */
function keySpan(root: JsonNode, path: readonly (string | number)[], key: string): Span | undefined {
  const obj = nodeAt(root, path);
  if (obj?.type !== 'object') return undefined;
  for (let i = obj.properties.length - 1; i >= 0; i--) if (obj.properties[i].key === key) return obj.properties[i].keySpan;
  return undefined;
}

function duplicateKeys(root: JsonNode, problems: ConfigProblem[]): void {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'object') {
      const seen = new Map<string, Span>();
      for (const p of n.properties) {
        const first = seen.get(p.key);
        if (first) problems.push({ message: `'${p.key}' is set twice in this object: the last one applies.`, span: first, severity: 'warning' });
        seen.set(p.key, p.keySpan);
        if (p.value) stack.push(p.value);
      }
    } else if (n.type === 'array') stack.push(...n.items);
  }
}

/**
 * Parses the text of a strata.config.json (strict JSON: no comments, no trailing commas).
 * Problems carry spans into `text`. An empty file (or only whitespace) is an empty configuration.
 */
export function parseConfig(text: string): ParsedConfig {
  if (text.trim() === '') return { options: {}, problems: [] };
  const { root, errors } = parseJson(text);
  const problems: ConfigProblem[] = errors.map((e) => ({ message: `${e.message}.`, span: e.span, severity: 'error' }));
  if (!root) return { options: {}, problems };
  duplicateKeys(root, problems);
  const validated = configOptions(jsonValue(root));
  for (const p of validated.problems) {
    const span = p.key !== undefined ? keySpan(root, p.path, p.key) : nodeAt(root, p.path)?.span;
    problems.push({ message: p.message, span: span ?? { start: 0, end: 0 }, severity: 'error' });
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  return { options: validated.options, problems, ...(validated.files.include || validated.files.exclude ? { files: validated.files } : {}) };
}

/**
 * Merges two option sets, rule by rule and setting by setting: `override` wins where it sets a
 * value, `base` fills in the rest.
 */
export function mergeOptions(base: ConfigOptions, override: ConfigOptions): ConfigOptions {
  const rules = { ...base.rules, ...override.rules };
  const settings = { ...base.settings, ...override.settings };
  const sources = override.sources ?? base.sources;
  return {
    ...(Object.keys(rules).length ? { rules } : {}),
    ...(Object.keys(settings).length ? { settings } : {}),
    ...(sources ? { sources } : {}),
  };
}

