// The README's pictures are real and current: each was copied from a screenshot a test took
// (docs/images/screenshots.json says what it shows), and what it shows has not changed since.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IMAGES, MANIFEST, README_SCREENSHOTS, fingerprint, type ManifestEntry } from '../helpers/screenshots';
import { ROOT } from '../helpers/paths';

describe('README screenshots', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const manifest = fs.existsSync(MANIFEST) ? (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as ManifestEntry[]) : [];

  it('every picture the README shows is one the tests took, and exists as a PNG', () => {
    assert.ok(fs.existsSync(MANIFEST), 'docs/images/screenshots.json is missing: run npm test, then npm run screenshots');
    const shown = [...readme.matchAll(/!\[[^\]]*\]\(docs\/images\/([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(shown.length >= 4, `the README shows ${shown.length} pictures`);
    for (const image of shown) {
      assert.ok(README_SCREENSHOTS.some((s) => s.image === image), `${image} is not taken by a test`);
      assert.ok(manifest.some((e) => e.image === image), `${image} is not in docs/images/screenshots.json: run npm test && npm run screenshots`);
      const png = fs.readFileSync(path.join(IMAGES, image));
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${image} is a PNG`);
      assert.ok(png.readUInt32BE(16) >= 800 && png.readUInt32BE(20) >= 500, `${image} is a full screenshot`);
    }
  });

  for (const entry of manifest) {
    it(`${entry.image} shows the current ${entry.shows.file}${entry.shows.kind === 'editor' ? '' : ` as the renderer draws it today`}`, () => {
      assert.equal(fingerprint(entry.shows), entry.fingerprint, `${entry.image} is stale: run npm test, then npm run screenshots`);
    });
  }
});
