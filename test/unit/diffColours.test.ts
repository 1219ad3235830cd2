// Nothing in the diff picture can be taken for its marks: in every theme, each tenant colour, and
// every colour the picture's stylesheet gives (after the diff's own rules), that has a hue at all
// (not a grey) is at least 45° of hue away from the green of "added", the red of "removed" and
// the amber of "moved" and "changed", except the marks themselves and the other signals that
// share their meaning (severity badges, a container of the wrong OS family) and the preview's
// highlight of the node at the cursor. The teal the tenant palette once had was 25° from the
// added green; engines were drawn in the added green itself, the host's OS and kernel in orange.
import * as assert from 'node:assert/strict';
import { THEMES } from '../../src/core/render/theme';
import { TENANT_COLOURS, TENANT_PALETTE, TENANT_PALETTES } from '../../src/core/render/labels';
import { MARK_COLOURS, MUTED } from '../../src/core/diff/svg';
import { renderDiffSvg, buildDiffPicture, diffAnalyses } from '../../src/core/diff';
import { analyze } from '../../src/core';

/** Hue in degrees and chroma (0–1) of a #rrggbb colour. */
function hueChroma(hex: string): { hue: number; chroma: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const chroma = max - Math.min(r, g, b);
  if (chroma === 0) return { hue: 0, chroma };
  const h = max === r ? ((g - b) / chroma + 6) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  return { hue: h * 60, chroma };
}

function hueDistance(a: string, b: string): number {
  const d = Math.abs(hueChroma(a).hue - hueChroma(b).hue) % 360;
  return Math.min(d, 360 - d);
}

/** Below this chroma a colour reads as grey: no hue to confuse. */
const GREY = 0.08;

describe('diff picture colours against the marks', () => {
  it('the measure tells the old teal from the added green apart as too close, and grey as no hue', () => {
    assert.ok(hueDistance('#087f5b', MARK_COLOURS.light.green) < 45);
    assert.ok(hueChroma('#e9ecef').chroma < GREY);
    assert.ok(hueDistance('#cf222e', '#1a7f37') > 45);
  });

  for (const theme of THEMES) {
    it(`${theme}: every tenant colour is at least 45° of hue from added, removed, moved and changed`, () => {
      const palette = TENANT_PALETTES[theme];
      assert.equal(palette.length, TENANT_COLOURS);
      const marks = MARK_COLOURS[theme];
      let coloured = 0;
      for (const [i, c] of palette.entries()) {
        for (const colour of [c.fill, c.stroke]) {
          if (hueChroma(colour).chroma < GREY) continue;
          coloured++;
          for (const [mark, m] of [['added', marks.green], ['removed', marks.red], ['moved/changed', marks.amber]] as const) {
            const d = hueDistance(colour, m);
            assert.ok(d >= 45, `${theme} tenant ${i} ${colour} is ${d.toFixed(0)}° from the ${mark} colour ${m}`);
          }
        }
      }
      assert.ok(coloured >= 4, 'the tenant colours but the grey have a hue (the check is not vacuous)');
    });
  }

  /** Effective fill and stroke per selector of one theme: later rules win (all have the same specificity). */
  function effectiveColours(css: string, theme: string): Map<string, Map<string, string>> {
    const out = new Map<string, Map<string, string>>();
    const prefix = `.strata.theme-${theme} `;
    for (const rule of css.split('\n')) {
      const open = rule.indexOf('{');
      if (!rule.startsWith(prefix) || open < 0) continue;
      const decls = rule.slice(open + 1, rule.lastIndexOf('}')).split(';');
      for (const sel of rule.slice(0, open).split(',').map((x) => x.trim().slice(prefix.length))) {
        for (const d of decls) {
          const [prop, value] = d.split(':');
          if ((prop === 'fill' || prop === 'stroke') && /^#[0-9a-f]{6}$/i.test(value)) (out.get(sel) ?? out.set(sel, new Map()).get(sel)!).set(prop, value);
        }
      }
    }
    return out;
  }

  const SAME_MEANING = /^(\.d-|\.sev-|\.b-ctr\.fam-mismatch$|\.hl>)/;

  function picture(): string {
    const base = analyze('tenant a\nhost h { os: ubuntu-22.04; engine e { product: docker; container x { image: "x:1"; tenant: a } } }\n');
    const head = analyze('tenant a\nhost h { os: ubuntu-22.04; engine e { product: docker; container x { image: "x:1"; tenant: a }; container y { image: "y:1" } } }\n');
    return renderDiffSvg(buildDiffPicture(base, head, diffAnalyses(base, head)));
  }

  for (const theme of THEMES) {
    it(`${theme}: every colour of the diff picture's stylesheet is a grey or at least 45° from the marks`, () => {
      const css = picture().match(/<style[^>]*>([\s\S]*?)<\/style>/)![1];
      const marks = MARK_COLOURS[theme];
      const colours = effectiveColours(css, theme);
      assert.ok(colours.size > 30, 'the stylesheet was read');
      assert.equal(colours.get('.b-eng')?.get('stroke'), MUTED[theme].stroke, 'engines are grey');
      const close: string[] = [];
      for (const [sel, props] of colours) {
        if (SAME_MEANING.test(sel)) continue;
        for (const [prop, colour] of props) {
          if (hueChroma(colour).chroma < GREY) continue;
          for (const [mark, m] of [['added', marks.green], ['removed', marks.red], ['moved/changed', marks.amber]] as const) {
            if (hueDistance(colour, m) < 45) close.push(`${sel} ${prop} ${colour} is ${hueDistance(colour, m).toFixed(0)}° from ${mark} ${m}`);
          }
        }
      }
      assert.deepEqual(close, []);
    });
  }

  it('the diff picture draws tenants with these colours, in every theme', () => {
    const base = analyze('tenant a\ntenant b\nhost h { os: ubuntu-22.04; engine e { product: docker; container x { image: "x:1"; tenant: a } } }\n');
    const head = analyze('tenant a\ntenant b\nhost h { os: ubuntu-22.04; engine e { product: docker; container x { image: "x:1"; tenant: a }; container y { image: "y:1"; tenant: b } } }\n');
    const svg = renderDiffSvg(buildDiffPicture(base, head, diffAnalyses(base, head)));
    for (const theme of THEMES) {
      for (const [i, c] of TENANT_PALETTES[theme].entries()) assert.ok(svg.includes(`.strata.theme-${theme} .tn${i}{fill:${c.fill};stroke:${c.stroke}`), `${theme} tn${i}`);
    }
    assert.match(svg, /class="[^"]*\btn0\b/);
    assert.match(svg, /class="[^"]*\btn1\b/);
    assert.equal(TENANT_PALETTE, TENANT_PALETTES.light);
  });
});
