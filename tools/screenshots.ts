// `npm run screenshots`: copies the screenshots the tests took (.test-artifacts/, after
// `npm test`) into docs/images/ for the README, with what each shows and its fingerprint
// (docs/images/screenshots.json). Refuses a screenshot taken before the sources last changed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS, IMAGES, MANIFEST, README_SCREENSHOTS, fingerprint, type ManifestEntry, type Shows } from '../test/helpers/screenshots';

function main(): number {
  const entries: ManifestEntry[] = [];
  const problems: string[] = [];
  for (const { image, artifact } of README_SCREENSHOTS) {
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
  for (const { image, artifact } of README_SCREENSHOTS) fs.copyFileSync(path.join(ARTIFACTS, artifact), path.join(IMAGES, image));
  fs.writeFileSync(MANIFEST, JSON.stringify(entries, null, 2) + '\n');
  console.log(`screenshots: copied ${entries.length} pictures into docs/images/`);
  return 0;
}

process.exitCode = main();
