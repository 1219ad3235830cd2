// Finds and loads strata.config.json for the CLI: the nearest one in the model's folder or any
// folder above it (the first found wins; files are not merged). File access lives here, the
// parsing and validation in the core (src/core/config).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, type ConfigOptions, type ConfigProblem, type FileSelection, parseConfig } from '../core/config';
import { LineIndex } from '../core';
import { escapeGithubData, escapeGithubProperty, oneLine } from '../core/output/findings';

export interface LoadedConfig {
  /** The config file, or undefined when none was found. */
  readonly file?: string;
  readonly options: ConfigOptions;
  readonly problems: readonly ConfigProblem[];
  /** Which files of its folder form the project (`include` / `exclude`). */
  readonly files?: FileSelection;
  /** Line index of the config text, to print the problems' positions. */
  readonly lines?: LineIndex;
}

/**
 * The nearest strata.config.json in `dir` or a folder above it, up to the root of the git
 * repository that holds `dir` (the folder with `.git`): a config file outside the repository (in
 * a shared or world-writable parent folder) cannot change how a checked-out project is checked.
 * Outside any repository the search goes up to the file system's root.
 */
export function findConfigFile(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: look further up
    }
    if (fs.existsSync(path.join(current, '.git'))) return undefined; // the repository's root
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Loads the configuration for the models of one folder; unreadable files become a problem. */
export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return {
      file,
      options: {},
      problems: [{ message: `Cannot read ${CONFIG_FILE_NAME}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, span: { start: 0, end: 0 }, severity: 'error' }],
    };
  }
  const parsed = parseConfig(text);
  return { file, options: parsed.options, problems: parsed.problems, files: parsed.files ?? {}, lines: new LineIndex(text) };
}

/** Loads configurations per folder, each file once. */
export class ConfigLoader {
  private readonly byDir = new Map<string, LoadedConfig>();
  private readonly byFile = new Map<string, LoadedConfig>();

  /** The configuration that applies to a model file (`-` for stdin: the current folder). */
  forModel(modelFile: string): LoadedConfig {
    const dir = modelFile === '-' ? process.cwd() : path.dirname(path.resolve(modelFile));
    let loaded = this.byDir.get(dir);
    if (!loaded) {
      const file = findConfigFile(dir);
      if (!file) loaded = { options: {}, problems: [] };
      else {
        loaded = this.byFile.get(file) ?? loadConfigFile(file);
        this.byFile.set(file, loaded);
      }
      this.byDir.set(dir, loaded);
    }
    return loaded;
  }

  /** Every config file loaded so far that has problems. */
  withProblems(): LoadedConfig[] {
    return [...this.byFile.values()].filter((c) => c.problems.length > 0);
  }
}

/**
 * The problems of a config as compiler-style lines, `file:line:col: error config: message`, one
 * line each whatever the message quotes (a key may hold a line break or an escape sequence); with
 * `github`, as workflow annotations (`::error file=…,line=…::message`), escaped like the findings.
 */
export function formatConfigProblems(config: LoadedConfig, cwd = process.cwd(), format?: string): string {
  if (!config.file) return '';
  const shown = path.relative(cwd, config.file) || config.file;
  return config.problems
    .map((p) => {
      const pos = config.lines ? config.lines.rangeOf(p.span).start : { line: 0, character: 0 };
      if (format === 'github') {
        const level = p.severity === 'error' ? 'error' : 'warning';
        return `::${level} file=${escapeGithubProperty(shown)},line=${pos.line + 1},col=${pos.character + 1},title=${escapeGithubProperty('strata config')}::${escapeGithubData(p.message)}\n`;
      }
      return `${oneLine(shown)}:${pos.line + 1}:${pos.character + 1}: ${p.severity} config: ${oneLine(p.message)}\n`;
    })
    .join('');
}
