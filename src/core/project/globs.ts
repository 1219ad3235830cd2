// Glob patterns of strata.config.json's `include` / `exclude`, over '/'-separated paths relative
// to the project folder: `*` and `?` stay within one folder, `**` spans folders (`**/` also
// matches no folder at all), `{a,b}` is either. The same reading as .gitignore-style tools and
// VS Code's `files.exclude`.

/** A glob as a regular expression over a whole relative path. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = g.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${g
          .slice(i + 1, close)
          .split(',')
          .map((p) => p.replace(/[.+^$()|[\]\\*?{}]/g, '\\$&'))
          .join('|')})`;
        i = close;
      }
    } else re += /[.+^$()|[\]\\}]/.test(c) ? `\\${c}` : c;
  }
  // A pattern naming a folder ("drafts" or "drafts/") covers everything under it.
  return new RegExp(`^${re.replace(/\/$/, '')}(?:/.*)?$`);
}

/** A matcher for a list of globs (none: matches nothing). */
export function globMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const res = globs.map(globToRegExp);
  return (path) => res.some((r) => r.test(path));
}
