// `strata render`: draw one model as the layered SVG, as mermaid text, as Markdown (mermaid
// diagram, findings, stats) or as a self-contained HTML page, to stdout or a file (written by
// ./io.ts: only a regular file that is not the model itself, atomically).
// Each format is one entry in FORMATS, so Markdown or HTML can be added without touching the rest.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Analysis } from '../core';
import { renderLayersSvg } from '../core/render/layers';
import { renderMermaid } from '../core/render/mermaid';
import { renderMarkdown } from '../core/output/markdown';
import { renderHtml } from '../core/output/html';
import { THEMES, type Theme } from '../core/render/theme';
import * as path from 'node:path';
import { INPUT_OPTIONS, IoError, describeError, inputLimit, refuseOwnInput, writeFileAtomic } from './io';
import { ConfigLoader } from './config';
import { STDIN_ID, loadArgument, modelFilePath, nativePath, shownPath } from './projects';
import type { Io } from './main';

interface RenderSettings {
  readonly theme: Theme;
  /** The heading of the Markdown and HTML formats: the file as named on the command line. */
  readonly title: string;
}

interface Rendered {
  readonly text: string;
  /** Said on stderr (the output stays clean), e.g. that a diagram was summarised. */
  readonly note?: string;
}

const FORMATS: Readonly<Record<string, (a: Analysis, s: RenderSettings) => Rendered>> = {
  svg: (a, s) => ({ text: renderLayersSvg(a, { theme: s.theme }) }),
  mermaid: (a) => {
    const r = renderMermaid(a);
    return { text: r.text, note: r.error };
  },
  markdown: (a, s) => ({ text: renderMarkdown(a, { title: s.title }) }),
  html: (a, s) => ({ text: renderHtml(a, { title: s.title, theme: s.theme }) }),
};

export async function runRender(args: readonly string[], io: Io): Promise<number> {
  let values: { format?: string; output?: string; theme?: string; 'max-input-size'?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, theme: { type: 'string' }, ...INPUT_OPTIONS },
      allowPositionals: true,
    }));
  } catch (e) {
    io.err(`strata render: ${(e as Error).message}\n`);
    return 2;
  }
  const format = values.format ?? 'svg';
  const render = Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined;
  if (!render) {
    io.err(`strata render: unknown format '${format}'. Use one of: ${Object.keys(FORMATS).join(', ')}.\n`);
    return 2;
  }
  const theme = values.theme ?? 'light';
  if (!(THEMES as readonly string[]).includes(theme)) {
    io.err(`strata render: unknown theme '${theme}'. Use one of: ${THEMES.join(', ')}.\n`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.err(`strata render: name one .strata file, project folder or folder (or - for stdin), e.g. \`strata render model.strata --format svg -o model.svg\`.\n`);
    return 2;
  }
  const arg = positionals[0];
  const toFile = values.output !== undefined && values.output !== '-';
  let limit: number;
  try {
    limit = inputLimit(values['max-input-size']);
    // Before reading: a refused output must not wait for stdin.
    if (toFile) refuseOwnInput(values.output!, [arg]);
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    io.err(`strata render: ${e.message}\n`);
    return 2;
  }
  // What to draw: the models the argument names (a file stands for its whole project; - is stdin).
  const loadedModels = loadArgument(arg, new ConfigLoader(), (t) => io.err(t), 'render', {}, limit);
  if (!loadedModels) return 2;
  const jobs: { analysis: Analysis; title: string; name: string }[] = [];
  const inputs: string[] = [];
  for (const loaded of loadedModels) {
    const model = loaded.model;
    const stdin = model.files[0]?.id === STDIN_ID;
    const title = model.folder !== undefined ? `${shownPath(model.folder) || '.'} (project: ${model.files.length} files)` : stdin ? 'Strata model' : model.files[0].shown;
    const name = model.folder !== undefined ? path.basename(nativePath(model.folder)) : stdin ? 'model' : path.basename(model.files[0].shown, '.strata');
    jobs.push({ analysis: loaded.whole, title, name });
    inputs.push(...model.files.map(modelFilePath));
  }
  const toFolder = jobs.length > 1 && toFile && isFolder(values.output!);
  if (jobs.length > 1 && !toFolder && (format === 'svg' || format === 'html')) {
    io.err(`strata render: '${arg}' holds ${jobs.length} models (${jobs.map((j) => j.name).join(', ')}); one ${format} file cannot show them all. Name one file or project, or write them to a folder with -o <folder>.\n`);
    return 2;
  }
  const outputs = jobs.map((j) => ({ job: j, out: render(j.analysis, { theme: theme as Theme, title: j.title }) }));
  for (const { out } of outputs) if (out.note) io.err(`strata render: ${out.note}\n`);
  if (!toFile) {
    io.out(outputs.map((o) => o.out.text).join('\n'));
    return 0;
  }
  for (const { job, out } of outputs) {
    const target = toFolder ? path.join(values.output!, `${job.name}.${EXTENSIONS[format]}`) : values.output!;
    try {
      // Not over any file of the model (a project's other files too).
      refuseOwnInput(target, inputs);
      writeFileAtomic(target, jobs.length > 1 && !toFolder ? outputs.map((o) => o.out.text).join('\n') : out.text);
    } catch (e) {
      io.err(e instanceof IoError ? `strata render: ${e.message}\n` : `strata render: cannot write '${target}': ${describeError(e)}.\n`);
      return 2;
    }
    if (!toFolder) break;
  }
  return 0;
}

const EXTENSIONS: Readonly<Record<string, string>> = { svg: 'svg', mermaid: 'mmd', markdown: 'md', html: 'html' };

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
