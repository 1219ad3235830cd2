// `npm run screenshots`: copies the screenshots the tests took (.test-artifacts/, after
// `npm test`) into docs/images/ for the README, with what each shows and its fingerprint
// (docs/images/screenshots.json). Refuses a screenshot taken before the sources last changed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS, IMAGES, MANIFEST, README_SCREENSHOTS, fingerprint, type ManifestEntry, type Shows } from '../test/helpers/screenshots';

/**
 * `npm run screenshots` copies every picture; `npm run screenshots -- IMAGE...` copies only the
 * named ones (e.g. after a change that only the stats view shows) and keeps the others' entries.
 */
function main(only: readonly string[]): number {
  const unknown = only.filter((i) => !README_SCREENSHOTS.some((s) => s.image === i));
  if (unknown.length) {
    console.error(`screenshots: not a README picture: ${unknown.join(', ')} (known: ${README_SCREENSHOTS.map((s) => s.image).join(', ')})`);
    return 1;
  }
  const wanted = README_SCREENSHOTS.filter((s) => only.length === 0 || only.includes(s.image));
  const kept: ManifestEntry[] =
    only.length && fs.existsSync(MANIFEST) ? (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as ManifestEntry[]).filter((e) => !only.includes(e.image)) : [];
  const entries: ManifestEntry[] = [];
  const problems: string[] = [];
  for (const { image, artifact } of wanted) {
    const png = path.join(ARTIFACTS, artifact);
    if (!fs.existsSync(png) || !fs.existsSync(`${png}.json`)) {
      problems.push(`${artifact}: not in .test-artifacts/ (run the test that takes it: npm test)`);
      continue;
    }
    const recorded = JSON.parse(fs.readFileSync(`${png}.json`, 'utf8')) as { shows: Shows; fingerprint: string };
    const now = fingerprint(recorded.shows);
    if (recorded.fingerprint !== now) {
      problems.push(`${artifact}: taken before ${recorded.shows.file} or the renderer changed (run npm test again)`);
      continue;
    }
    entries.push({ image, shows: recorded.shows, fingerprint: now });
  }
  if (problems.length) {
    for (const p of problems) console.error(`screenshots: ${p}`);
    console.error('screenshots: nothing copied');
    return 1;
  }
  fs.mkdirSync(IMAGES, { recursive: true });
  for (const { image, artifact } of wanted) fs.copyFileSync(path.join(ARTIFACTS, artifact), path.join(IMAGES, image));
  const order = (e: ManifestEntry) => README_SCREENSHOTS.findIndex((s) => s.image === e.image);
  fs.writeFileSync(MANIFEST, JSON.stringify([...kept, ...entries].sort((a, b) => order(a) - order(b)), null, 2) + '\n');
  console.log(`screenshots: copied ${entries.length} pictures into docs/images/`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
