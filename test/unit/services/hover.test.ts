// Hover: fixture files with a cursor marker list phrases the hover must contain (`# contains:`);
// inline cases check the span a hover is about and where there is none.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core';
import { hover } from '../../../src/core/services';
import { at, cursorFixtures, textOf } from './cursor';

const hoverAt = (marked: string) => {
  const { analysis, offset, text } = at(marked);
  const h = hover(analysis, offset);
  return h && { ...h, covered: textOf(text, h.span) };
};

describe('services: hover', () => {
  describe('fixtures', () => {
    for (const fixture of cursorFixtures('hover')) {
      it(fixture.name, () => {
        const h = hover(analyze(fixture.text), fixture.offset);
        assert.ok(h, 'a hover');
        const phrases = fixture.expectations.get('contains') ?? [];
        assert.ok(phrases.length > 0, 'a fixture states what the hover contains');
        for (const phrase of phrases) assert.ok(h.contents.includes(phrase), `expected «${phrase}» in:\n${h.contents}`);
      });
    }
  });

  it('covers the word it is about', () => {
    assert.equal(hoverAt('host h { os: debi|an-12 }')?.covered, 'debian-12');
    assert.equal(hoverAt('ho|st h {}')?.covered, 'host');
    assert.equal(hoverAt('host h| {}')?.covered, 'h', 'the end of a word touches it');
    assert.equal(hoverAt('host h { cpu: 4 }\nh -> |h')?.covered, 'h');
  });

  it('says nothing on whitespace, braces, comments and labels of links', () => {
    assert.equal(hoverAt('host h {\n  |\n}'), undefined);
    assert.equal(hoverAt('# a com|ment\nhost h {}'), undefined);
    assert.equal(hoverAt('host h { app a; app b }\na -> b "HT|TP"'), undefined);
  });

  it('explains an unknown property and an unknown link end', () => {
    assert.match(hoverAt('host h { colo|r: red }')?.contents ?? '', /A host has no property `color`\. Its properties: `cpu`, `memory`, `disk`, `os`, `arch`\./);
    assert.match(hoverAt('host h {}\nh -> gho|st')?.contents ?? '', /No node has the id `ghost`/);
  });

  it('shows a tenant declaration as the tenant', () => {
    const h = hoverAt('tenant sh|op { trust: restricted }\nhost h { hypervisor x { vm v { tenant: shop } } }');
    assert.match(h?.contents ?? '', /\*\*tenant\*\* `shop`/);
    assert.match(h?.contents ?? '', /trust `restricted` \(sensitive workloads/);
    assert.match(h?.contents ?? '', /Set on 1 node\(s\): `v`/);
  });

  it('lists at most five neighbours on a crowded kernel', () => {
    const containers = Array.from({ length: 9 }, (_, i) => `    container c${i} { memory: 1GiB }`).join('\n');
    const h = hoverAt(`host h { os: debian-12\n  engine e {\n    container m|e { memory: 1GiB }\n${containers}\n  }\n}`);
    assert.match(h?.contents ?? '', /Shares the kernel with 9 other workload\(s\): `c0`, `c1`, `c2`, `c3`, `c4` and 4 more/);
  });

  it('describes sandboxed kernels', () => {
    const h = hoverAt('host h { os: debian-12\n  engine e { runtime: gvisor\n    container s|b { memory: 1GiB }\n    container other { memory: 1GiB }\n  }\n}');
    assert.match(h?.contents ?? '', /- Runtime: `gvisor` \(user-space kernel\)/);
    assert.match(h?.contents ?? '', /- Kernel: the gVisor sandbox kernel of container `sb`, linux/);
    assert.match(h?.contents ?? '', /- Shares the kernel with no other workload/);
  });
});
