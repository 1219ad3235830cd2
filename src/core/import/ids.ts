// Ids derived from stable keys: lower-case, `[a-z0-9-]`, starting with a letter, so they are
// Strata identifiers and read like the names they come from (`shop/frontend` → `shop-frontend`).

const MAX_ID = 80;

/** A Strata identifier for a name or key: `Kube System/CoreDNS` → `kube-system-coredns`. */
export function slug(text: string): string {
  // Most names (Kubernetes names, ids already made) are ids as they are: keep the string itself.
  if (text.length <= MAX_ID && isId(text)) return text;
  let s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > MAX_ID) s = s.slice(0, MAX_ID).replace(/-+$/, '');
  if (s === '') return 'x';
  return /^[a-z_]/.test(s) ? s : `n-${s}`;
}

/** Ids joined with `-`: `joinId('shop', 'frontend')` → `shop-frontend`. Empty parts are left out. */
export function joinId(a: string, b: string, c = ''): string {
  const joined = a === '' ? (b === '' ? c : c === '' ? b : `${b}-${c}`) : b === '' ? (c === '' ? a : `${a}-${c}`) : c === '' ? `${a}-${b}` : `${a}-${b}-${c}`;
  return slug(joined);
}

/** Whether a text is already what slug() makes of it: `[a-z0-9]` runs joined by single `-`, starting with a letter. */
function isId(s: string): boolean {
  const first = s.charCodeAt(0);
  if (!(first >= 97 && first <= 122)) return false;
  let dash = false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 45) {
      if (dash) return false;
      dash = true;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) dash = false;
    else return false;
  }
  return !dash;
}
