// Safe input and output for the CLI: the one place where model files and stdin are read and where
// output files are written.
// - Reading is bounded: files, devices and pipes are read in 64 KiB chunks and refused past a
//   limit (32 MiB by default, `--max-input-size` to raise it), so `strata check /dev/zero` stops.
//   UTF-16 and UTF-32 text is refused with its name; bytes that are not UTF-8 are reported so
//   that `check --fix` can refuse to rewrite them.
// - Writing never destroys: `writeFileAtomic` writes only regular files (never a FIFO, device,
//   socket or folder), through a symbolic link to its target, with a temporary file in the same
//   folder, fsync and a rename, keeping the owner and the permission bits (without set-user-ID and
//   set-group-ID), as the write-file-atomic package does; `refuseOwnInput` keeps `-o` off the files
//   being read.
// - Errors are one line: `IoError` carries a message for the user; `describeError` turns an errno
//   code into words.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatBytes } from '../core/catalogue';
import { parseSize } from '../core/config';
import { type Encoding, detectEncoding, encodingName } from './encoding';

/** A read or write that failed, with the one line to show (exit code 2). */
export class IoError extends Error {}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EFBIG: 'the file is too large',
  EXDEV: 'cannot rename across file systems',
  ETXTBSY: 'the file is busy',
  EBUSY: 'the file is busy',
};

/** An error from the file system in words: "no space left on the device (ENOSPC)". */
export function describeError(e: unknown): string {
  if (e instanceof IoError) return e.message;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERRNO_WORDS[code]) return `${ERRNO_WORDS[code]} (${code})`;
  if (code) return code;
  return e instanceof Error ? e.message : String(e);
}

const SYSCALL_VERBS: Record<string, string> = { scandir: 'cannot read the folder', opendir: 'cannot read the folder', open: 'cannot open', read: 'cannot read', write: 'cannot write', stat: 'cannot read', lstat: 'cannot read', rename: 'cannot write', mkdir: 'cannot create' };

/**
 * The line to print for an error that reached the top of a command: a read or write error in
 * words ("strata check: cannot read the folder 'a/b': permission denied (EACCES)."), anything else
 * as an internal error. The stack trace follows only when STRATA_DEBUG is set.
 */
export function failureLine(e: unknown, command?: string, env: NodeJS.ProcessEnv = process.env): string {
  const who = command ? `strata ${command}` : 'strata';
  const errno = e as NodeJS.ErrnoException | undefined;
  let line: string;
  if (e instanceof IoError) line = `${who}: ${e.message}`;
  else if (errno && typeof errno.code === 'string' && /^E[A-Z0-9]+$/.test(errno.code)) {
    const verb = (errno.syscall && SYSCALL_VERBS[errno.syscall]) ?? 'cannot access';
    line = `${who}: ${verb}${errno.path ? ` '${errno.path}'` : ''}: ${describeError(e)}.`;
  } else {
    const message = e instanceof Error ? e.message : String(e);
    line = `${who}: internal error: ${message.split('\n')[0]}. Please report this (STRATA_DEBUG=1 shows where it happened).`;
  }
  const stack = env.STRATA_DEBUG && e instanceof Error && e.stack ? `${e.stack}\n` : '';
  return `${line}\n${stack}`;
}

// ------------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------------

export const DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** The `--max-input-size` option, shared by every command that reads models. */
export const INPUT_OPTIONS = { 'max-input-size': { type: 'string' } } as const;

/** The input limit in bytes from `--max-input-size` (a size such as 64MiB, or bytes), or an IoError. */
export function inputLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_INPUT_BYTES;
  const bytes = /^\d+$/.test(value.trim()) ? Number(value.trim()) : parseSize(value);
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 1) {
    throw new IoError(`--max-input-size takes a size such as 64MiB or a number of bytes, not '${value}'.`);
  }
  return Math.floor(bytes);
}

export interface Input {
  /** The text (a byte order mark is kept as U+FEFF; bytes that are not UTF-8 as U+FFFD). */
  readonly text: string;
  readonly encoding: Encoding;
  /** The bytes as read. */
  readonly bytes: Uint8Array;
}

/** How a file is named in messages: stdin as "stdin". */
export const inputName = (file: string): string => (file === '-' ? 'stdin' : `'${file}'`);

/**
 * Reads a model from a file or, for `-`, from stdin, in bounded chunks. Throws IoError (one line)
 * when it cannot be read, is larger than `limit` bytes, or is UTF-16 or UTF-32 text.
 */
export function readInput(file: string, limit = DEFAULT_MAX_INPUT_BYTES): Input {
  let fd: number;
  let close = false;
  if (file === '-') fd = 0;
  else {
    try {
      fd = fs.openSync(file, 'r');
      close = true;
    } catch (e) {
      throw new IoError(`cannot read ${inputName(file)}: ${describeError(e)}.`);
    }
  }
  let bytes: Buffer;
  try {
    bytes = readBounded(fd, file, limit);
  } finally {
    if (close) fs.closeSync(fd);
  }
  return decodeInput(bytes, file);
}

/**
 * Bytes read as a model's text: UTF-8 (bytes that are not UTF-8 are kept as U+FFFD and reported
 * in `encoding`); UTF-16 and UTF-32 are refused (IoError) with their name and how to convert.
 */
export function decodeInput(bytes: Buffer, file: string): Input {
  const encoding = detectEncoding(bytes);
  if (encoding.kind !== 'utf-8' && encoding.kind !== 'invalid-utf-8') {
    const name = encodingName(encoding);
    throw new IoError(`${inputName(file)} is ${name} text; Strata reads UTF-8. Convert it, e.g. \`iconv -f ${name.replace(' ', '')} -t UTF-8 ${file === '-' ? '' : `'${file}' `}> model.strata\`.`);
  }
  return { text: bytes.toString('utf8'), encoding, bytes };
}

/** The line for an input over the limit. */
export function tooLarge(file: string, limit: number): string {
  return `${inputName(file)} is larger than ${formatBytes(limit)}, the input limit; if it really is a model, raise the limit with --max-input-size (e.g. --max-input-size ${formatBytes(limit * 4).replace(' ', '')}).`;
}

function readBounded(fd: number, file: string, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, CHUNK, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking stdin with nothing to read yet: wait a little, then read again.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break; // stdin on Windows when closed
      throw new IoError(`cannot read ${inputName(file)}: ${describeError(e)}.`);
    }
    if (n === 0) break;
    total += n;
    if (total > limit) {
      throw new IoError(tooLarge(file, limit));
    }
    chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

/** Why `check --fix` must not rewrite this input, or undefined when it may. */
export function notRewritable(input: Input, file: string): string | undefined {
  if (input.encoding.kind !== 'invalid-utf-8') return undefined;
  const { offset, line } = input.encoding;
  return `${inputName(file)} is not valid UTF-8 (line ${line}, byte ${offset}: 0x${input.bytes[offset].toString(16).toUpperCase().padStart(2, '0')} is not part of a valid UTF-8 character; the file may be Latin-1 or Windows-1252), so --fix leaves it unchanged. Convert it to UTF-8 first, e.g. \`iconv -f LATIN1 -t UTF-8\`.`;
}

// ------------------------------------------------------------------------------------------------
// Writing
// ------------------------------------------------------------------------------------------------

/** What a file that is not a regular file is, in words, or undefined for a regular file. */
function notRegular(st: fs.Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Refuses to write `out` when it is one of the files being read (the same file, also through a
 * link or another name): writing there would destroy the input. `-` (stdin) counts when stdin is
 * that file.
 */
export function refuseOwnInput(out: string, inputs: readonly string[]): void {
  let target: fs.Stats;
  try {
    target = fs.statSync(out);
  } catch {
    return; // a new file cannot be an input
  }
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = input === '-' ? fs.fstatSync(0) : fs.statSync(input);
    } catch {
      continue;
    }
    if (st.dev === target.dev && st.ino === target.ino && st.isFile()) {
      throw new IoError(`will not write to '${out}': it is ${input === '-' ? 'the file on stdin' : `the input '${input}'`}, and the output would replace it. Name another file.`);
    }
  }
}

/**
 * Replaces `file` with `text` atomically: writes a temporary file in the same folder, flushes it
 * to disk, then renames it over the original, so a reader or a killed run sees the old file or
 * the new one, never a part. As the write-file-atomic package does, it
 * - writes only regular files: a folder, FIFO, device or socket is refused (IoError) untouched;
 * - writes through a symbolic link (its target is replaced; the link stays a link);
 * - keeps the file's owner and group (when the process may: as root) and its permission bits,
 *   but not set-user-ID or set-group-ID (a write clears them, as the kernel does);
 * - on any failure removes the temporary file and leaves the original as it was.
 * Text is written as UTF-8 as it is: a byte order mark and CRLF line breaks stay. A run killed by
 * SIGKILL between the write and the rename can leave its hidden temporary file
 * (`.<name>.<pid>.<random>.tmp`) behind; the original is still whole.
 */
export function writeFileAtomic(file: string, text: string): void {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    // A new file (or a dangling link): write at the path given.
  }
  let existing: fs.Stats | undefined;
  try {
    existing = fs.statSync(target);
  } catch {
    // A new file.
  }
  const kind = existing && notRegular(existing);
  if (kind) throw new IoError(`will not write to '${file}': it is ${kind}, not a regular file${kind === 'a folder' ? '' : '; for stdout leave -o out or use -o -'}.`);
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', existing ? existing.mode & 0o777 : 0o666);
    if (existing) keepOwnerAndMode(fd, existing);
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

/** The original's owner (when allowed) and permission bits, without set-user-ID or set-group-ID. */
function keepOwnerAndMode(fd: number, original: fs.Stats): void {
  const mine = fs.fstatSync(fd);
  if (mine.uid !== original.uid || mine.gid !== original.gid) {
    try {
      fs.fchownSync(fd, original.uid, original.gid);
    } catch (e) {
      // Only root may give a file away: as another user the new file is the writer's, as with
      // any editor that saves by rename.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'EINVAL') throw e;
    }
  }
  // Exactly the bits, not filtered by the umask; chown cleared any set-ID bits already.
  fs.fchmodSync(fd, original.mode & 0o777);
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

// ------------------------------------------------------------------------------------------------
// The process's own output
// ------------------------------------------------------------------------------------------------

/**
 * Makes stdout and stderr fail cleanly: a closed pipe (`strata check … | head -1`) ends the
 * process quietly with exit code 0, as other Unix tools do; any other write error (a full disk)
 * is one line on stderr and exit code 2.
 */
export function guardStandardStreams(proc: NodeJS.Process = process): void {
  const onError = (stream: 'stdout' | 'stderr') => (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') proc.exit(0);
    if (stream === 'stdout') {
      try {
        proc.stderr.write(`strata: cannot write the output: ${describeError(e)}.\n`);
      } catch {
        // stderr is gone too: the exit code says it.
      }
    }
    proc.exit(2);
  };
  proc.stdout.on('error', onError('stdout'));
  proc.stderr.on('error', onError('stderr'));
}
