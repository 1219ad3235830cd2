// Go to definition, find references and document highlights for node ids (link ends included),
// tenants and services.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Span } from '../../../src/core';
import { definition, documentHighlights, references } from '../../../src/core/services';
import { SERVICE_FIXTURES, offsetOf } from './cursor';

const text = fs.readFileSync(path.join(SERVICE_FIXTURES, 'references.strata'), 'utf8');
const analysis = analyze(text);
const lc = (span: Span) => {
  const p = analysis.lines.positionAt(span.start);
  return `${p.line + 1}:${p.character + 1} ${text.slice(span.start, span.end)}`;
};

describe('services: navigation', () => {
  it('goes from a link end to the node declaration', () => {
    assert.deepEqual(definition(analysis, offsetOf(text, 'web -> reports', 1)).map(lc), ['9:15 web']);
    assert.deepEqual(definition(analysis, offsetOf(text, '-> reports "', 4)).map(lc), ['21:15 reports']);
  });

  it('goes from a declaration to itself', () => {
    assert.deepEqual(definition(analysis, offsetOf(text, 'container reports', 12)).map(lc), ['21:15 reports']);
  });

  it('goes from a tenant value to the tenant declaration', () => {
    assert.deepEqual(definition(analysis, offsetOf(text, 'tenant: finance', 9)).map(lc), ['4:8 finance']);
  });

  it('has no definition for services, unknown link ends, keywords and catalogue values', () => {
    assert.deepEqual(definition(analysis, offsetOf(text, 'service: web', 10)), []);
    assert.deepEqual(definition(analysis, offsetOf(text, 'ghost', 2)), []);
    assert.deepEqual(definition(analysis, offsetOf(text, 'container web', 2)), []);
    assert.deepEqual(definition(analysis, offsetOf(text, 'ubuntu-22.04', 2)), []);
  });

  it('finds every reference of a node id, declaration first, link ends included, no comments or strings', () => {
    assert.deepEqual(references(analysis, offsetOf(text, 'container web ', 11)).map(lc), ['9:15 web', '30:1 web']);
    assert.deepEqual(references(analysis, offsetOf(text, 'container web ', 11), { includeDeclaration: false }).map(lc), ['30:1 web']);
    assert.deepEqual(references(analysis, offsetOf(text, 'web2 -> reports', 10)).map(lc), ['21:15 reports', '30:8 reports', '31:9 reports', '32:1 reports']);
  });

  it('finds a tenant declaration and every tenant value', () => {
    assert.deepEqual(references(analysis, offsetOf(text, 'tenant shop', 8)).map(lc), ['3:8 shop', '12:15 shop', '18:15 shop']);
    assert.deepEqual(references(analysis, offsetOf(text, 'tenant: shop', 9), { includeDeclaration: false }).map(lc), ['12:15 shop', '18:15 shop']);
  });

  it('finds every instance of a service', () => {
    assert.deepEqual(references(analysis, offsetOf(text, 'service: web', 9)).map(lc), ['13:16 web', '19:16 web']);
  });

  it('finds the link ends naming an unknown node', () => {
    assert.deepEqual(references(analysis, offsetOf(text, 'ghost')).map(lc), ['32:12 ghost']);
  });

  it('treats a tenant used but not declared as a name with references only', () => {
    const t = 'host h { hypervisor x {\n  vm a { tenant: ops }\n  vm b { tenant: ops }\n} }\n';
    const a = analyze(t);
    assert.deepEqual(references(a, t.indexOf('ops') + 1).length, 2);
    assert.deepEqual(definition(a, t.indexOf('ops') + 1), []);
  });

  it('keeps node ids, tenants and services apart even when they share a name', () => {
    const t = 'tenant web { trust: public }\nhost h { os: debian-12\n  engine e {\n    container web2 { tenant: web; service: web }\n  }\n}\n';
    const a = analyze(t);
    const tenantRefs = references(a, t.indexOf('tenant: web') + 9).map((s) => s.start);
    assert.deepEqual(tenantRefs, [t.indexOf('web'), t.indexOf('tenant: web') + 8]);
    const serviceRefs = references(a, t.indexOf('service: web') + 10).map((s) => s.start);
    assert.deepEqual(serviceRefs, [t.indexOf('service: web') + 9]);
  });

  it('highlights declarations as writes and uses as reads', () => {
    const h = documentHighlights(analysis, offsetOf(text, 'web -> reports', 0));
    assert.deepEqual(h.map((x) => `${lc(x.span)} ${x.kind}`), ['9:15 web write', '30:1 web read']);
    assert.deepEqual(documentHighlights(analysis, offsetOf(text, 'image', 1)), []);
  });
});
