// ```strata fences in Markdown (src/core/render/markdownIt.ts), headless: the fence renderer's
// output is well-formed, holds the layered SVG and the findings, escapes every user text (XSS
// payloads in labels, ids, images, tenants, catalogue values, link labels, finding messages),
// survives broken and hostile input, and the markdown-it plugin leaves other fences alone.
// The same plugin's output in a real Chromium: test/browser/markdownPreview.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import fc from 'fast-check';
import { analyze } from '../../src/core';
import { layersCss } from '../../src/core/render/layers';
import { FENCE_CLASS, autoThemeCss, isStrataFenceInfo, renderStrataFence, strataMarkdownItPlugin } from '../../src/core/render/markdownIt';
import { EXAMPLES, strataFiles } from '../helpers/paths';
import { type XmlElement, allElements, assertSafeSvg, ownText, parseXml } from './renderHelpers';

/** Elements a fence may contain: the SVG's and the few of the findings list. */
const ALLOWED = new Set(['svg', 'style', 'defs', 'marker', 'g', 'rect', 'path', 'text', 'title', 'div', 'p', 'ul', 'li', 'span', 'code', 'pre']);

/** Parses the fence's HTML (it is well-formed XML) and checks that nothing in it can run or fetch. */
function assertSafeFence(html: string): XmlElement {
  const root = parseXml(`<root>${html}</root>`);
  for (const e of allElements(root).slice(1)) {
    assert.ok(ALLOWED.has(e.name), `unexpected element <${e.name}>`);
    for (const [name, value] of e.attrs) {
      assert.ok(!/^on|href$|^src$|^xmlns:|^style$/i.test(name), `attribute ${name} on <${e.name}>`);
      assert.doesNotMatch(value, /javascript:|url\((?!#strata-)/i, `attribute ${name}="${value}"`);
    }
    if (e.name === 'style') assert.doesNotMatch(ownText(e), /@import|url\(|expression\(|<\//i);
  }
  const svgs = allElements(root).filter((e) => e.name === 'svg');
  for (const svg of svgs) {
    const start = html.indexOf('<svg');
    assertSafeSvg(html.slice(start, html.indexOf('</svg>', start) + 6));
    assert.ok(svg.attrs.get('class')?.includes('strata'));
  }
  // The markup alone, with the (escaped) text left out.
  const markup = html.replace(/>[^<]*</g, '><');
  assert.doesNotMatch(markup, /<(script|iframe|img|object|embed|foreignObject|a|link|meta|base|form|input|button)\b/i);
  return root;
}

/** Every text of the tree, decoded, joined by newlines (titles included). */
function allText(root: XmlElement): string {
  return allElements(root)
    .filter((e) => e.name !== 'style')
    .map((e) => ownText(e))
    .join('\n');
}

function findingItems(root: XmlElement): XmlElement[] {
  return allElements(root).filter((e) => e.name === 'li' && (e.attrs.get('class') ?? '').includes(`${FENCE_CLASS}-finding`));
}

const CLEAN = `host web1 "Web server" {
  cpu: 4
  memory: 16GiB
  os: debian-12
  engine docker1 {
    product: docker
    runtime: runc
    container api { image: "acme/api:1.2.0"; memory: 512MiB; cpu: 1; app api-server { memory: 256MiB } }
  }
}
`;

/** XSS payloads, each put into every place user text can reach the output. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '</text></svg><script>alert(1)</script>',
  '</style><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<foreignObject><div onclick=alert(1)>x</div></foreignObject>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '<!--<img src=x onerror=alert(1)>-->',
  ']]><script>alert(1)</script>',
  '<details open ontoggle=alert(1)>',
  '\u202e<b>bidi</b>\u0000\u0007',
];

/** A model with `p` in a label, a tenant name, an image, a catalogue value, a link label and a property value. */
function hostileModel(p: string): string {
  const s = JSON.stringify(p);
  return `tenant acme ${s} { trust: internal }
host h1 ${s} {
  cpu: 8
  memory: 32GiB
  os: ${s}
  engine e1 {
    product: ${s}
    container c1 ${s} { image: ${JSON.stringify(p + ':latest')}; memory: 256MiB; tenant: acme; app a1 ${s} }
    container c2 { image: "acme/c2:1.0.0"; memory: ${s} }
  }
}
c1 -> c2 ${s}
`;
}

describe('markdown: ```strata fences', () => {
  describe('renderStrataFence', () => {
    it('draws the layered SVG and says there are no findings for a clean model', () => {
      const html = renderStrataFence(CLEAN);
      const root = assertSafeFence(html);
      assert.equal(allElements(root).filter((e) => e.name === 'svg').length, 1);
      assert.equal(findingItems(root).length, 0);
      assert.match(allText(root), /Strata: no findings\./);
      assert.match(allText(root), /Web server/);
      // The diagram's own data attributes are there (the same SVG as the preview's).
      assert.ok(allElements(root).some((e) => e.attrs.get('data-id') === 'api'));
    });

    it('lists the findings under the diagram, most severe first, with lines and rule names', () => {
      const source = fs.readFileSync(path.join(EXAMPLES, 'broken', 'structure.strata'), 'utf8');
      const analysis = analyze(source);
      const root = assertSafeFence(renderStrataFence(source));
      const items = findingItems(root);
      assert.equal(items.length, analysis.findings.length);
      const severities = items.map((li) => (li.attrs.get('class') ?? '').split(' ').pop());
      const rank = { [`${FENCE_CLASS}-error`]: 0, [`${FENCE_CLASS}-warning`]: 1, [`${FENCE_CLASS}-info`]: 2 } as Record<string, number>;
      for (let i = 1; i < severities.length; i++) assert.ok(rank[severities[i - 1]!]! <= rank[severities[i]!]!, `order: ${severities.join(', ')}`);
      const text = allText(root);
      for (const f of analysis.findings) {
        assert.ok(text.includes(f.message), `message listed: ${f.message}`);
        const line = analysis.lines.positionAt(f.span.start).line + 1;
        assert.ok(items.some((li) => allText(li).includes(`line ${line}`) && allText(li).includes(f.rule)), `line ${line} ${f.rule}`);
      }
      const errors = analysis.findings.filter((f) => f.severity === 'error').length;
      assert.match(text, new RegExp(`Strata: ${errors} errors?`));
    });

    it('numbers lines of the Markdown document when given the fence position', () => {
      const root = assertSafeFence(renderStrataFence('host h1 {\n  container c1 {}\n}\n', { firstLine: 10 }));
      const items = findingItems(root);
      assert.ok(items.length > 0);
      // invalid-nesting is on the container, line 2 of the fence = line 12 of the document.
      assert.ok(items.some((li) => allText(li).includes('line 12')), items.map(allText).join(' | '));
    });

    it('caps the list and counts the rest', () => {
      const source = Array.from({ length: 30 }, (_, i) => `host h${i} { container c${i} {} }`).join('\n');
      const root = assertSafeFence(renderStrataFence(source, { maxFindings: 5 }));
      assert.equal(findingItems(root).length, 5);
      const total = analyze(source).findings.length;
      assert.match(allText(root), new RegExp(`… and ${total - 5} more`));
    });

    for (const [i, payload] of PAYLOADS.entries()) {
      it(`escapes payload ${i + 1} everywhere (${JSON.stringify(payload).slice(0, 40)})`, () => {
        const source = hostileModel(payload);
        const html = renderStrataFence(source);
        const root = assertSafeFence(html);
        const text = allText(root);
        // Round-trip: the label comes back exactly as text (as far as XML can hold it).
        if (!/[\u0000-\u001F]/.test(payload)) {
          assert.ok(text.includes(`host h1 "${payload}"`), 'the host label round-trips (its <title>)');
          assert.ok(text.includes(`'${payload}' is not an operating system`), 'the catalogue finding quotes it');
        }
        // Finding messages that quote user text are escaped too (the catalogue value, the image).
        assert.ok(findingItems(root).length >= 2);
      });
    }

    it('escapes ids and rule text in the list', () => {
      const html = renderStrataFence('host h1 { os: debian-12 }\nh1 -> "<img src=x onerror=alert(1)>"\n');
      assertSafeFence(html);
      assert.doesNotMatch(html, /<img/);
    });

    it('a broken model shows the diagram of what parsed and its syntax errors', () => {
      const source = fs.readFileSync(path.join(EXAMPLES, 'broken', 'syntax-errors.strata'), 'utf8');
      const root = assertSafeFence(renderStrataFence(source));
      assert.equal(allElements(root).filter((e) => e.name === 'svg').length, 1);
      assert.ok(allElements(root).some((e) => e.attrs.get('data-id') === 'worker'), 'nodes after the error are drawn');
      const syntax = findingItems(root).filter((li) => allText(li).includes('syntax'));
      assert.ok(syntax.length >= 2, 'the syntax errors are listed');
      assert.match(allText(root), /syntax error/);
    });

    it('never throws and never comes back blank (random and truncated input)', () => {
      const sources = [
        '',
        '{',
        '}}}}',
        'host',
        'host h1 {',
        '"'.repeat(10_000),
        '{'.repeat(5_000),
        'host a { '.repeat(2_000),
        '\uD800\uDC00\uD800 \u0000\u001F\uFFFF',
        ...strataFiles(EXAMPLES).map((f) => fs.readFileSync(f, 'utf8').slice(0, 200)),
      ];
      for (const s of sources) {
        const html = renderStrataFence(s);
        assert.ok(html.includes('<svg'), `diagram for ${JSON.stringify(s.slice(0, 30))}`);
        assertSafeFence(html);
      }
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
          const html = renderStrataFence(s);
          assert.ok(html.includes('<svg'));
          assertSafeFence(html);
        }),
        { numRuns: 300, seed: 6004 },
      );
    });

    it('every example renders safely', () => {
      for (const file of strataFiles(EXAMPLES)) {
        const root = assertSafeFence(renderStrataFence(fs.readFileSync(file, 'utf8')));
        assert.equal(allElements(root).filter((e) => e.name === 'svg').length, 1, file);
      }
    });

    it('auto theme: light drawing plus the dark and high contrast rules scoped to the page theme', () => {
      const html = renderStrataFence(CLEAN);
      assert.match(html, /class="strata theme-light"/);
      assert.match(html, new RegExp(`class="${FENCE_CLASS} ${FENCE_CLASS}-auto"`));
      const css = autoThemeCss();
      assert.ok(css.includes(`.vscode-dark .${FENCE_CLASS}-auto .strata .bg{fill:#1e1e1e}`), css.slice(0, 200));
      assert.ok(css.includes(`.vscode-high-contrast:not(.vscode-high-contrast-light) .${FENCE_CLASS}-auto .strata .bg{fill:#000000}`));
      assert.doesNotMatch(css, /theme-(light|dark|high-contrast)/);
      // One rule per dark and high contrast rule of the diagram's stylesheet.
      const themed = layersCss()
        .split('\n')
        .filter((l) => /^\.strata\.theme-(dark|high-contrast)[ {]/.test(l)).length;
      assert.equal(css.split('\n').length, themed);
    });

    it('a fixed theme draws that theme without page rules', () => {
      const html = renderStrataFence(CLEAN, { theme: 'dark' });
      assert.match(html, /class="strata theme-dark"/);
      assert.doesNotMatch(html, /vscode-dark/);
    });

    it('recognises strata fences by the first word of the info string', () => {
      for (const info of ['strata', 'Strata', ' strata ', 'strata title="x"', 'strata{.x}']) assert.ok(isStrataFenceInfo(info), info);
      for (const info of ['', 'stratax', 'js', 'mermaid', 'text strata']) assert.ok(!isStrataFenceInfo(info), info);
    });
  });

  describe('markdown-it plugin', () => {
    const DOC = [
      '# Platform',
      '',
      '```js',
      'const a = "<b>";',
      '```',
      '',
      '```strata',
      CLEAN.trimEnd(),
      '```',
      '',
      '    indented code',
      '',
      '```',
      'no info',
      '```',
      '',
      '```mermaid',
      'flowchart LR; a-->b',
      '```',
      '',
    ].join('\n');

    it('renders strata fences and leaves every other fence as markdown-it renders it', () => {
      const plain = new MarkdownIt();
      const md = new MarkdownIt().use(strataMarkdownItPlugin);
      const html = md.render(DOC);
      assert.equal((html.match(/<svg /g) ?? []).length, 1);
      for (const other of ['```js\nconst a = "<b>";\n```\n', '    indented code\n', '```\nno info\n```\n', '```mermaid\nflowchart LR; a-->b\n```\n']) {
        assert.ok(html.includes(plain.render(other)), `unchanged: ${other}`);
      }
      assert.doesNotMatch(html, /language-strata/);
    });

    it('wraps the fence in a code-line element with its source line (VS Code scroll sync)', () => {
      const html = new MarkdownIt().use(strataMarkdownItPlugin).render(DOC);
      assert.match(html, /<div class="code-line" data-line="6"><div class="strata-md strata-md-auto">/);
    });

    it('keeps an earlier fence rule (highlighters) for other languages', () => {
      const md = new MarkdownIt();
      md.renderer.rules.fence = () => '<pre class="from-before"></pre>';
      md.use(strataMarkdownItPlugin);
      const html = md.render(DOC);
      assert.equal((html.match(/from-before/g) ?? []).length, 3);
      assert.equal((html.match(/<svg /g) ?? []).length, 1);
    });

    it('reads options at every fence, and ignores options that throw', () => {
      let theme: 'dark' | 'light' = 'dark';
      const md = new MarkdownIt().use(strataMarkdownItPlugin, () => ({ theme }));
      assert.match(md.render('```strata\nhost h1 { os: debian-12 }\n```\n'), /theme-dark/);
      theme = 'light';
      assert.match(md.render('```strata\nhost h1 { os: debian-12 }\n```\n'), /class="strata-md strata-md-light"/);
      const throwing = new MarkdownIt().use(strataMarkdownItPlugin, () => {
        throw new Error('settings unavailable');
      });
      assert.match(throwing.render('```strata\nhost h1 { os: debian-12 }\n```\n'), /<svg /);
    });

    it('Markdown with hostile fences and html enabled stays safe in the fence output', () => {
      const md = new MarkdownIt({ html: false }).use(strataMarkdownItPlugin);
      for (const p of PAYLOADS) {
        const html = md.render('```strata\n' + hostileModel(p) + '```\n');
        assertSafeFence(html);
      }
    });

    it('a fence that is never closed runs to the end of the document and still renders', () => {
      const html = new MarkdownIt().use(strataMarkdownItPlugin).render('text\n\n```strata\nhost h1 {\n  os: debian-12\n');
      assert.match(html, /<svg /);
      assertSafeFence(html.slice(html.indexOf('<div class="code-line"')));
    });
  });
});
