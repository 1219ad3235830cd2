// Finds the .strata files named on the command line (folders are searched recursively), reads
// them, and writes files atomically: every file the CLI writes (`check --fix`, `render -o`) goes
// through `writeFileAtomic`.
import { randomBytes } from 'node:crypto';
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

/** Read a file as UTF-8 text. */
export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/**
 * Replaces `file` with `text` atomically: writes a temporary file in the same folder (same file
 * system, same permissions), flushes it to disk, then renames it over the original, so a reader
 * or a killed run sees the old file or the new one, never a part. When anything fails, the
 * temporary file is removed and the original is untouched. A symbolic link is written through
 * (its target is replaced; the link stays a link). Text is written as UTF-8 as it is: a byte
 * order mark and CRLF line breaks in `text` stay. A run killed by SIGKILL between the write and
 * the rename can leave its hidden temporary file (`.<name>.<pid>.<random>.tmp`) behind; the
 * original is still whole.
 */
export function writeFileAtomic(file: string, text: string): void {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    // A new file (or a dangling link): write at the path given.
  }
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o666;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    // A new file: default permissions (less the umask).
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, text, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already closed or never usable: the temp file is removed below either way.
      }
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncFolder(dir);
}

/** Flushes a folder's entries (the rename) to disk, where the platform allows it; best effort. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder; some file systems refuse fsync on one. The rename is done.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
