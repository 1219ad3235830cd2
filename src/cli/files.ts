// Finds the .strata files named on the command line (folders are searched recursively). Reading
// and writing them is ./io.ts's job.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class UsageError extends Error {}

const SKIP = new Set(['node_modules', '.git', 'out', 'dist', '.code-server', '.vscode-test']);

/**
 * Expand files and folders into a sorted list of files (under folders, those whose name `accept`s:
 * .strata files by default); missing paths are usage errors.
 */
export function collectFiles(args: readonly string[], accept: (name: string) => boolean = (name) => name.endsWith('.strata')): string[] {
  const found: string[] = [];
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      throw new UsageError(`cannot read '${arg}': no such file or folder.`);
    }
    if (stat.isDirectory()) walk(arg, found, accept);
    else found.push(arg);
  }
  return [...new Set(found)];
}

function walk(dir: string, found: string[], accept: (name: string) => boolean): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name) && !e.name.startsWith('.')) walk(p, found, accept);
    } else if (e.isFile() && accept(e.name)) found.push(p);
  }
}
