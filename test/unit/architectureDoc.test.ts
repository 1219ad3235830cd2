// docs/architecture.md is the code map a newcomer reads first: it must not send them to a file or
// folder that is not there, and it must cover every folder of src/. A path is a `code` span that
// names a file (`parser.ts`, `render/layout.ts`, `docs/ci.md`) or a folder (`core/syntax/`); it is
// looked up from the folder of the section it stands in (a heading that names a folder), then
// from the repository's root, src/ and src/core/. Placeholders (`<ruleName>.ts`) and the user's
// own files (`strata.config.json`) are not paths of the repository.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

const DOC = path.join(ROOT, 'docs', 'architecture.md');
const FILE_RE = /^[\w.-]+(\/[\w.-]+)*\.(ts|js|md|json|css|strata|yml|yaml)$/;
const FOLDER_RE = /^[\w.-]+(\/[\w.-]+)*\/$/;
/** Names of the user's files, not of this repository's. */
const USER_FILES = new Set(['strata.config.json']);

interface Named {
  readonly name: string;
  readonly line: number;
  readonly base: string | undefined;
}

/** Every path the document names, with the folder of the section it stands in. */
function namedPaths(text: string): Named[] {
  const out: Named[] = [];
  let base: string | undefined;
  text.split('\n').forEach((line, i) => {
    const spans = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    if (/^#{2,4} /.test(line)) {
      const folder = spans.find((s) => FOLDER_RE.test(s));
      base = folder ? resolve(folder, undefined) : undefined;
    }
    for (const s of spans) if ((FILE_RE.test(s) || FOLDER_RE.test(s)) && !USER_FILES.has(s)) out.push({ name: s, line: i + 1, base });
  });
  return out;
}

/** Where a name points, if it exists: from the section's folder, the root, src/ or src/core/. */
function resolve(name: string, base: string | undefined): string | undefined {
  for (const from of [base, ROOT, path.join(ROOT, 'src'), path.join(ROOT, 'src', 'core')]) {
    if (from === undefined) continue;
    const p = path.join(from, name).replace(/[\\/]+$/, '');
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

function foldersUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = path.join(dir, e.name);
    out.push(p, ...foldersUnder(p));
  }
  return out;
}

describe('docs: architecture.md, the code map', () => {
  const text = fs.readFileSync(DOC, 'utf8');
  const named = namedPaths(text);

  it('names only files and folders that exist', () => {
    assert.ok(named.length > 100, `expected the map to name many paths, found ${named.length}`);
    const missing = named.filter((n) => resolve(n.name, n.base) === undefined).map((n) => `line ${n.line}: ${n.name}`);
    assert.deepEqual(missing, [], 'paths in docs/architecture.md that are not in the repository');
  });

  it('has a section for every folder of src/', () => {
    const covered = new Set(named.flatMap((n) => (FOLDER_RE.test(n.name) ? [resolve(n.name, n.base)] : [])));
    const uncovered = foldersUnder(path.join(ROOT, 'src'))
      .filter((dir) => !covered.has(dir))
      .map((dir) => path.relative(ROOT, dir));
    assert.deepEqual(uncovered, [], 'folders of src/ the code map does not name');
  });
});
