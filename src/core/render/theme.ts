// The layered diagram's stylesheet: CSS classes for every role (layers, frames, kernel
// boundaries, tenants, badges, links) in three themes. All three are in one stylesheet, scoped
// under the root's `.strata` class, so a host page can switch theme by swapping the root's
// `theme-*` class without rendering again.

import { TENANT_PALETTES, type TenantColour } from './labels';

export type Theme = 'light' | 'dark' | 'high-contrast';
export const THEMES: readonly Theme[] = ['light', 'dark', 'high-contrast'];

/** CSS rules: selector (relative to the picture's root; '' for the root itself) → declarations. */
export type Rules = Readonly<Record<string, string>>;

// Theme-independent rules: geometry, fonts, dashes.
const BASE: Rules = {
  '': 'font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif',
  text: 'font-size:12px',
  '.tx': 'font-size:12px;font-weight:600',
  '.td': 'font-size:11px',
  '.th': 'font-size:13px;font-weight:600',
  '.tk': 'font-size:11px;font-weight:600',
  '.tt': 'font-size:15px;font-weight:700',
  '.tn': 'font-size:12px',
  '.bt': 'font-size:11px;font-weight:700;text-anchor:middle',
  '.ll': 'font-size:11px;paint-order:stroke;stroke-width:4px;stroke-linejoin:round',
  'rect,path': 'stroke-width:1px',
  '.frm-grp': 'stroke-dasharray:6 3',
  '.b-sum': 'stroke-dasharray:4 3',
  '.kb': 'fill:none;stroke-width:2.5px;stroke-dasharray:9 5;stroke-linejoin:round',
  '.kb-sandbox,.kb-microvm': 'stroke-width:2px;stroke-dasharray:4 3',
  '.fam-mismatch': 'stroke-width:2px;stroke-dasharray:5 2',
  '.link': 'fill:none;stroke-width:1.5px',
  '.hl>rect,.hl>path': 'stroke-width:3px',
  '.tnt': 'stroke-width:1.5px',
};

/** The `.tn{i}` rules of a tenant palette. */
function tenantRules(palette: readonly TenantColour[], extra = ''): Rules {
  return Object.fromEntries(palette.map((c, i) => [`.tn${i}`, `fill:${c.fill};stroke:${c.stroke}${extra}`]));
}

// Per-theme colours: role → declarations.
const LIGHT: Rules = {
  '.bg': 'fill:#ffffff',
  text: 'fill:#1f2328',
  '.td,.tn': 'fill:#59636e',
  '.frm-host': 'fill:#f6f8fa;stroke:#818b98',
  '.frm-grp': 'fill:none;stroke:#818b98',
  '.frm-vm': 'fill:#ffffff;stroke:#59636e',
  '.frm-pod': 'fill:#f6f8fa;stroke:#818b98',
  '.frm-ctr': 'fill:#ffffff;stroke:#59636e',
  '.b-hw': 'fill:#d1d9e0;stroke:#818b98',
  '.b-vhw': 'fill:#e6e9ed;stroke:#818b98',
  '.b-oshost': 'fill:#ffe2bd;stroke:#bc4c00',
  '.b-osguest': 'fill:#d6e8ff;stroke:#0969da',
  '.b-hv': 'fill:#eadfff;stroke:#8250df',
  '.b-eng': 'fill:#d8f5e3;stroke:#1a7f37',
  '.b-pod': 'fill:#e6e9ed;stroke:#818b98',
  '.b-ctr': 'fill:#eef1f4;stroke:#818b98',
  '.b-ctr.fam-windows': 'fill:#dbeafe;stroke:#0550ae',
  '.b-ctr.fam-mismatch': 'stroke:#cf222e',
  '.b-app': 'fill:#ffffff;stroke:#59636e',
  '.b-other': 'fill:#ffffff;stroke:#818b98',
  '.b-sum': 'fill:#f6f8fa;stroke:#59636e',
  '.kb-host,.ks-host': 'stroke:#bc4c00',
  '.kb-guest,.ks-guest': 'stroke:#0969da',
  '.kb-sandbox,.ks-sandbox': 'stroke:#1a7f37',
  '.kb-microvm,.ks-microvm': 'stroke:#0a7c86',
  '.tk-host': 'fill:#953800',
  '.tk-guest': 'fill:#0550ae',
  '.tk-sandbox': 'fill:#116329',
  '.tk-microvm': 'fill:#086069',
  '.link': 'stroke:#59636e',
  '.arrowhead': 'fill:#59636e',
  '.ll': 'fill:#1f2328;stroke:#ffffff',
  '.sev-error': 'fill:#cf222e',
  '.sev-warning': 'fill:#bf8700',
  '.sev-info': 'fill:#0969da',
  '.bt': 'fill:#ffffff',
  '.note': 'fill:#fff8c5;stroke:#bf8700',
  '.hl>rect,.hl>path': 'stroke:#bf3989',
  // Tenants: the shared palette (labels.ts), also the mermaid view's tenant classes.
  ...tenantRules(TENANT_PALETTES.light),
  // A pod's or container's own kernel frame: the kernel boundary is drawn on it instead (after the tenant colours, so it wins).
  '.kf,.kf.tnt': 'stroke:none',
};

const DARK: Rules = {
  '.bg': 'fill:#1e1e1e',
  text: 'fill:#e6edf3',
  '.td,.tn': 'fill:#9da7b3',
  '.frm-host': 'fill:#252526;stroke:#6e7681',
  '.frm-grp': 'fill:none;stroke:#6e7681',
  '.frm-vm': 'fill:#1b1f24;stroke:#8b949e',
  '.frm-pod': 'fill:#22272e;stroke:#6e7681',
  '.frm-ctr': 'fill:#1b1f24;stroke:#8b949e',
  '.b-hw': 'fill:#3a4048;stroke:#6e7681',
  '.b-vhw': 'fill:#2d333b;stroke:#6e7681',
  '.b-oshost': 'fill:#4d2d0f;stroke:#f0883e',
  '.b-osguest': 'fill:#0f2f57;stroke:#58a6ff',
  '.b-hv': 'fill:#34205c;stroke:#a371f7',
  '.b-eng': 'fill:#0f3d22;stroke:#3fb950',
  '.b-pod': 'fill:#2d333b;stroke:#6e7681',
  '.b-ctr': 'fill:#2d333b;stroke:#6e7681',
  '.b-ctr.fam-windows': 'fill:#102a4c;stroke:#58a6ff',
  '.b-ctr.fam-mismatch': 'stroke:#f85149',
  '.b-app': 'fill:#22272e;stroke:#8b949e',
  '.b-other': 'fill:#22272e;stroke:#6e7681',
  '.b-sum': 'fill:#22272e;stroke:#8b949e',
  '.kb-host,.ks-host': 'stroke:#f0883e',
  '.kb-guest,.ks-guest': 'stroke:#58a6ff',
  '.kb-sandbox,.ks-sandbox': 'stroke:#3fb950',
  '.kb-microvm,.ks-microvm': 'stroke:#39c5cf',
  '.tk-host': 'fill:#ffa657',
  '.tk-guest': 'fill:#79c0ff',
  '.tk-sandbox': 'fill:#56d364',
  '.tk-microvm': 'fill:#56d4dd',
  '.link': 'stroke:#9da7b3',
  '.arrowhead': 'fill:#9da7b3',
  '.ll': 'fill:#e6edf3;stroke:#1e1e1e',
  '.sev-error': 'fill:#f85149',
  '.sev-warning': 'fill:#d29922',
  '.sev-info': 'fill:#4493f8',
  '.bt': 'fill:#0d1117',
  '.note': 'fill:#3b2e00;stroke:#d29922',
  '.hl>rect,.hl>path': 'stroke:#f778ba',
  ...tenantRules(TENANT_PALETTES.dark),
  // A pod's or container's own kernel frame: the kernel boundary is drawn on it instead (after the tenant colours, so it wins).
  '.kf,.kf.tnt': 'stroke:none',
};

// High contrast: black ground, white text, every shape outlined; colour is never the only cue
// (tenants and kernels are also named in text).
const HIGH_CONTRAST: Rules = {
  '.bg': 'fill:#000000',
  text: 'fill:#ffffff',
  '.td,.tn': 'fill:#ffffff',
  '.frm-host,.frm-vm,.frm-pod,.frm-ctr': 'fill:#000000;stroke:#ffffff',
  '.frm-grp': 'fill:none;stroke:#ffffff',
  '.b-hw,.b-vhw,.b-pod,.b-ctr,.b-app,.b-other,.b-sum': 'fill:#000000;stroke:#ffffff',
  '.b-oshost': 'fill:#000000;stroke:#ffb000;stroke-width:2px',
  '.b-osguest': 'fill:#000000;stroke:#4fc3ff;stroke-width:2px',
  '.b-hv': 'fill:#000000;stroke:#d7a8ff;stroke-width:2px',
  '.b-eng': 'fill:#000000;stroke:#7dff8a;stroke-width:2px',
  '.b-ctr.fam-windows': 'fill:#000000;stroke:#4fc3ff;stroke-width:2px',
  '.b-ctr.fam-mismatch': 'stroke:#ff6b6b;stroke-width:2.5px',
  '.kb': 'stroke-width:3px',
  '.kb-host,.ks-host': 'stroke:#ffb000',
  '.kb-guest,.ks-guest': 'stroke:#4fc3ff',
  '.kb-sandbox,.ks-sandbox': 'stroke:#7dff8a',
  '.kb-microvm,.ks-microvm': 'stroke:#00ffff',
  '.tk-host': 'fill:#ffb000',
  '.tk-guest': 'fill:#4fc3ff',
  '.tk-sandbox': 'fill:#7dff8a',
  '.tk-microvm': 'fill:#00ffff',
  '.link': 'stroke:#ffffff;stroke-width:2px',
  '.arrowhead': 'fill:#ffffff',
  '.ll': 'fill:#ffffff;stroke:#000000',
  '.sev-error': 'fill:#ff6b6b;stroke:#ffffff',
  '.sev-warning': 'fill:#ffd700;stroke:#ffffff',
  '.sev-info': 'fill:#4fc3ff;stroke:#ffffff',
  '.bt': 'fill:#000000',
  '.note': 'fill:#000000;stroke:#ffd700;stroke-width:2px',
  '.hl>rect,.hl>path': 'stroke:#f38518;stroke-width:4px',
  ...tenantRules(TENANT_PALETTES['high-contrast'], ';stroke-width:2.5px'),
  // A pod's or container's own kernel frame: the kernel boundary is drawn on it instead (after the tenant colours, so it wins).
  '.kf,.kf.tnt': 'stroke:none',
};

const BY_THEME: Readonly<Record<Theme, Rules>> = { light: LIGHT, dark: DARK, 'high-contrast': HIGH_CONTRAST };

function emit(scope: string, rules: Rules, out: string[]): void {
  for (const [selector, decls] of Object.entries(rules)) {
    const scoped = selector === '' ? scope : selector.split(',').map((s) => `${scope} ${s}`).join(',');
    out.push(`${scoped}{${decls}}`);
  }
}

/** A stylesheet scoped under `.strata`: `base` for every theme, then each theme's own rules. */
export function themedCss(base: Rules, byTheme: Readonly<Record<Theme, Rules>>): string {
  const out: string[] = [];
  emit('.strata', base, out);
  for (const theme of THEMES) emit(`.strata.theme-${theme}`, byTheme[theme], out);
  return out.join('\n');
}

let cached: string | undefined;

/**
 * The stylesheet of the layered diagram, every theme included, scoped under `.strata`. Embedded
 * in the SVG by default; a host page whose CSP forbids inline styles can load it itself.
 */
export function layersCss(): string {
  return (cached ??= themedCss(BASE, BY_THEME));
}
