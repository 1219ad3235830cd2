// Ids derived from stable keys: lower-case, `[a-z0-9-]`, starting with a letter, so they are
// Strata identifiers and read like the names they come from (`shop/frontend` → `shop-frontend`).

const MAX_ID = 80;

/** A Strata identifier for a name or key: `Kube System/CoreDNS` → `kube-system-coredns`. */
export function slug(text: string): string {
  let s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > MAX_ID) s = s.slice(0, MAX_ID).replace(/-+$/, '');
  if (s === '') return 'x';
  return /^[a-z_]/.test(s) ? s : `n-${s}`;
}

/** Ids joined with `-`: `join('shop', 'frontend')` → `shop-frontend`. */
export function joinId(...parts: string[]): string {
  return slug(parts.filter((p) => p !== '').join('-'));
}
