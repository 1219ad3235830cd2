// What an untrusted workspace may not do: hide findings. In VS Code's restricted mode the
// extension still reads a repository's strata.config.json (its problems are shown), but applies
// only the parts that make checking stricter: a rule turned off or given a lower severity than
// its default, and a threshold that lets more through than the default, are ignored.
import { CHECKS } from '../checks/registry';
import { DEFAULT_SETTINGS } from '../checks/types';
import type { RunOptions } from '../checks/run';

const RANK: Readonly<Record<string, number>> = { off: 0, info: 1, warning: 2, error: 3 };
const DEFAULT_SEVERITY: ReadonlyMap<string, string> = new Map<string, string>([...CHECKS.map((c): [string, string] => [c.meta.name, c.meta.defaultSeverity]), ['invalid-suppression', 'warning']]);

export interface Restricted {
  /** The options without anything that would hide a finding. */
  readonly options: RunOptions;
  /** What was left out, as the config names it: "rules.no-memory-limit", "thresholds.cpuOvercommitRatio". */
  readonly ignored: readonly string[];
}

/** `options` without the rule settings and thresholds that would silence findings. */
export function withoutSilencing(options: RunOptions): Restricted {
  const ignored: string[] = [];
  const rules: Record<string, NonNullable<RunOptions['rules']>[string]> = {};
  for (const [name, setting] of Object.entries(options.rules ?? {})) {
    const def = DEFAULT_SEVERITY.get(name);
    if (def !== undefined && RANK[setting] < RANK[def]) ignored.push(`rules.${name}`);
    else rules[name] = setting;
  }
  const settings: Record<string, unknown> = { ...options.settings };
  const s = options.settings ?? {};
  // Warned above this many vCPUs per core: a higher ratio warns less.
  if (s.cpuOvercommitWarnRatio !== undefined && s.cpuOvercommitWarnRatio > DEFAULT_SETTINGS.cpuOvercommitWarnRatio) {
    delete settings.cpuOvercommitWarnRatio;
    ignored.push('thresholds.cpuOvercommitRatio');
  }
  // A VM whose app has at most this much memory is flagged: a lower size flags fewer.
  if (s.smallAppMemory !== undefined && s.smallAppMemory < DEFAULT_SETTINGS.smallAppMemory) {
    delete settings.smallAppMemory;
    ignored.push('thresholds.smallAppMemory');
  }
  return {
    options: {
      ...(Object.keys(rules).length ? { rules } : {}),
      ...(Object.keys(settings).length ? { settings: settings as RunOptions['settings'] } : {}),
    },
    ignored,
  };
}
