// A real-world-shaped cluster import in the preview: the k8s-dump fixture (an EKS-shaped
// `kubectl get nodes,pods,runtimeclasses -A -o json`, see its README) and the microservices-demo
// manifests go through `strata import`, and the preview draws the result in headless Chromium
// with the real bundle. Screenshots: .test-artifacts/preview-import-*.png.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importSources, type SourceFile } from '../../src/core/import';
import { ARTIFACTS, usePreviewBrowser } from './harness';
import { FIXTURES, ROOT } from '../helpers/paths';

function folder(name: string): SourceFile[] {
  const dir = path.join(FIXTURES, 'import', name);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ name: path.relative(ROOT, path.join(dir, f)), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

describe('preview of an imported cluster in Chromium', function () {
  this.timeout(60_000);
  const preview = usePreviewBrowser();

  for (const name of ['k8s-dump', 'k8s-manifests']) {
    it(`draws the import of ${name}: every node, its kernels and finding badges`, async () => {
      const r = importSources(folder(name));
      assert.ok(r.text, JSON.stringify(r.errors));
      const ext = await preview.open(r.text, { viewport: { width: 1400, height: 900 } });
      try {
        const rendered = ext.lastOf('rendered')!;
        assert.ok(rendered.elements > 10, `only ${rendered.elements} elements drawn`);
        for (const id of name === 'k8s-dump' ? ['metal-1', 'ip-192-168-12-34-ec2-internal', 'boutique-nginx-gvisor'] : ['unplaced', 'boutique-payments-1']) {
          assert.ok(await ext.page.locator(`#layers-canvas g.node[data-id="${id}"]`).count(), `node ${id} is drawn`);
        }
        assert.deepStrictEqual(ext.pageErrors, []);
        await ext.page.screenshot({ path: path.join(ARTIFACTS, `preview-import-${name}.png`) });
      } finally {
        await ext.close();
      }
    });
  }
});
