// Caches kept on the object they are about, instead of in a WeakMap beside it.
//
// Why: V8's young-generation collector keeps a WeakMap's value alive while its key is young,
// whether or not anything else still reaches the key, so a cache entry made for one version of a
// document (its analysis, model, tree or list of nodes) kept that whole version alive until the
// next full collection. Completion on every keystroke in a 1,000-node file took about 8.7 ms
// instead of about 2 ms, most of it in the garbage collector. A value stored on its owner dies
// with it at the next young-generation collection.

/**
 * The value cached on `owner` under `key`, made by `make` the first time. The slot is not
 * enumerable (spreads, `Object.keys` and `JSON.stringify` do not see it). An owner that cannot
 * take a property (frozen) gets a value made each time.
 */
export function cacheOn<T>(owner: object, key: symbol, make: () => T): T {
  const known = (owner as { [k: symbol]: T | undefined })[key];
  if (known !== undefined) return known;
  const value = make();
  if (Object.isExtensible(owner)) Object.defineProperty(owner, key, { value, writable: true, configurable: true });
  return value;
}
