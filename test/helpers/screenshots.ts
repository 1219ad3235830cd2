// Screenshots for the README: the tests that take them record, next to each PNG in
// .test-artifacts/, a fingerprint of what it shows (the renderer's output for the input, or the
// input and its findings). `npm run screenshots` copies the README's pictures into docs/images/
// with those fingerprints, and a unit test recomputes them: when the renderer or the input has
// changed since the pictures were taken, it fails and says to take them again.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { computeStats, statsReport, SCENARIOS, whatIf, whatIfReport } from '../../src/core/analysis';
import { renderLayersSvg } from '../../src/core/render/layers';
import { ROOT } from './paths';

export const ARTIFACTS = path.join(ROOT, '.test-artifacts');
export const IMAGES = path.join(ROOT, 'docs', 'images');
export const MANIFEST = path.join(IMAGES, 'screenshots.json');

/** What a screenshot shows, so that its fingerprint can be recomputed from the sources. */
export type Shows =
  | { readonly kind: 'layers'; readonly file: string; readonly theme: 'light' | 'dark' }
  | { readonly kind: 'stats'; readonly file: string }
  | { readonly kind: 'editor'; readonly file: string };

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The fingerprint of what a screenshot shows, from the current sources (`file` is relative to the project). */
export function fingerprint(shows: Shows): string {
  const text = fs.readFileSync(path.join(ROOT, shows.file), 'utf8');
  const analysis = analyze(text);
  switch (shows.kind) {
    case 'layers':
      return sha(renderLayersSvg(analysis, { theme: shows.theme, showLinks: true }));
    case 'stats':
      return sha([statsReport(computeStats(analysis)), ...SCENARIOS.map((s) => whatIfReport(whatIf(s, analysis)))].map((r) => JSON.stringify(r)).join('\n'));
    case 'editor':
      // The text and what the editor shows about it: the findings and their fixes.
      return sha(text + JSON.stringify(analysis.findings.map((f) => [f.rule, f.message, f.span, (f.fixes ?? []).map((x) => x.title)])));
  }
}

/** Records, beside a screenshot just taken into .test-artifacts/, what it shows. */
export function recordScreenshot(png: string, shows: Shows): void {
  fs.writeFileSync(`${png}.json`, JSON.stringify({ shows, fingerprint: fingerprint(shows) }, null, 2) + '\n');
}

/** The README's pictures: each from the artifact a test took. */
export const README_SCREENSHOTS: readonly { readonly image: string; readonly artifact: string }[] = [
  { image: 'preview-regulated-platform.png', artifact: 'preview-regulated-platform-light.png' },
  { image: 'preview-three-way-dark.png', artifact: 'preview-three-way-dark.png' },
  { image: 'preview-stats.png', artifact: 'preview-stats.png' },
  { image: 'quick-fix-1-warning.png', artifact: 'vsix-quick-fix-1-warning.png' },
  { image: 'quick-fix-2-menu.png', artifact: 'vsix-quick-fix.png' },
  { image: 'quick-fix-3-fixed.png', artifact: 'vsix-quick-fix-3-fixed.png' },
  { image: 'import-cluster.png', artifact: 'import-preview.png' },
  { image: 'drift-diagnostics.png', artifact: 'drift-diagnostics.png' },
];

export interface ManifestEntry {
  readonly image: string;
  readonly shows: Shows;
  readonly fingerprint: string;
}
