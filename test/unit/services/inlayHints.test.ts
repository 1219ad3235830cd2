// Inlay hints: the effective tenant and the kernel after each workload's header.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core';
import { inlayHints } from '../../../src/core/services';
import { FIXTURES } from '../../helpers/paths';
import { at } from './cursor';

const LANGUAGE_PAGE = fs.readFileSync(path.join(FIXTURES, 'parser', 'language-page-example.strata'), 'utf8');
const KITCHEN_SINK = fs.readFileSync(path.join(FIXTURES, 'render', 'kitchen-sink.strata'), 'utf8');

function hintsById(text: string): Map<string | undefined, string> {
  return new Map(inlayHints(analyze(text)).map((h) => [h.nodeId, h.label]));
}

describe('services: inlay hints', () => {
  it('shows tenant and kernel after each workload of the language page', () => {
    const hints = hintsById(LANGUAGE_PAGE);
    assert.equal(hints.get('web'), '⟨tenant: shop · kernel: node1⟩');
    assert.equal(hints.get('nginx'), '⟨tenant: shop · kernel: node1⟩');
    assert.equal(hints.get('reporter'), '⟨tenant: finance · kernel: node1⟩');
    assert.equal(hints.get('ctr1'), '⟨kernel: node1⟩');
    // A VM's own guest kernel is not repeated on it.
    assert.equal(hints.get('ledger-vm'), '⟨tenant: finance⟩');
    assert.equal(hints.has('node1'), false);
    // Hosts, hypervisors and tenants get none.
    for (const id of ['rack1', 'esx1', 'laptop', 'vbox', 'shop']) assert.equal(hints.has(id), false, id);
  });

  it('stands right after the header: the label when there is one, else the id', () => {
    const { analysis, offset } = at('host h {\n  os: debian-12\n  engine e {\n    container c "Web"$0 { memory: 1GiB; image: "a:1"; app x$0b }\n  }\n}\n'.replace('x$0b', 'xb'));
    const hint = inlayHints(analysis).find((h) => h.nodeId === 'c');
    assert.equal(hint?.offset, offset);
    const app = inlayHints(analysis).find((h) => h.nodeId === 'xb');
    assert.equal(analysis.text.slice(app!.offset - 2, app!.offset), 'xb');
  });

  it('names sandbox and micro-VM kernels', () => {
    const hints = hintsById(KITCHEN_SINK);
    assert.equal(hints.get('untrusted'), '⟨tenant: web-team · kernel: own gVisor sandbox⟩');
    assert.equal(hints.get('checkout'), '⟨tenant: payments · kernel: own micro-VM⟩');
    assert.equal(hints.get('api'), '⟨tenant: payments · kernel: micro-VM of checkout⟩');
  });

  it('explains itself in the tooltip', () => {
    const hint = inlayHints(analyze(LANGUAGE_PAGE)).find((h) => h.nodeId === 'nginx')!;
    assert.equal(hint.tooltip, "Tenant: shop (inherited from container 'web').\nRuns on the guest kernel of vm 'node1' (ubuntu-22.04).");
  });

  it('limits to a range', () => {
    const a = analyze(LANGUAGE_PAGE);
    const start = LANGUAGE_PAGE.indexOf('container reports');
    const ids = inlayHints(a, { start, end: start + 40 }).map((h) => h.nodeId);
    assert.deepEqual(ids, ['reports']);
  });

  it('gives nothing where nothing is known', () => {
    assert.deepEqual(inlayHints(analyze('host h {\n  engine e { container c { memory: 1GiB } }\n}\n')), []);
  });
});
