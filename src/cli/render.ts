// `strata render`: draw one model as the layered SVG, as mermaid text, as Markdown (mermaid
// diagram, findings, stats) or as a self-contained HTML page, to stdout or a file (written by
// ./io.ts: only a regular file that is not the model itself, atomically).
// Each format is one entry in FORMATS, so Markdown or HTML can be added without touching the rest.
import { parseArgs } from 'node:util';
import { type Analysis, analyze } from '../core';
import { renderLayersSvg } from '../core/render/layers';
import { renderMermaid } from '../core/render/mermaid';
import { renderMarkdown } from '../core/output/markdown';
import { renderHtml } from '../core/output/html';
import { THEMES, type Theme } from '../core/render/theme';
import { INPUT_OPTIONS, IoError, describeError, inputLimit, readInput, refuseOwnInput, writeFileAtomic } from './io';
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
    io.err(`strata render: name one .strata file (or - for stdin), e.g. \`strata render model.strata --format svg -o model.svg\`.\n`);
    return 2;
  }
  const file = positionals[0];
  const toFile = values.output !== undefined && values.output !== '-';
  let text: string;
  try {
    // Before reading: a refused output must not wait for stdin.
    if (toFile) refuseOwnInput(values.output!, [file]);
    text = readInput(file, inputLimit(values['max-input-size'])).text;
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    io.err(`strata render: ${e.message}\n`);
    return 2;
  }
  const out = render(analyze(text), { theme: theme as Theme, title: file === '-' ? 'Strata model' : file });
  if (out.note) io.err(`strata render: ${out.note}\n`);
  if (!toFile) {
    io.out(out.text);
    return 0;
  }
  try {
    writeFileAtomic(values.output!, out.text);
  } catch (e) {
    io.err(e instanceof IoError ? `strata render: ${e.message}\n` : `strata render: cannot write '${values.output}': ${describeError(e)}.\n`);
    return 2;
  }
  return 0;
}
