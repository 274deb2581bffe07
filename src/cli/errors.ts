// What the user reads when a file cannot be read or written: one line naming the path and what is wrong,
// e.g. "cannot write /no/such/dir/s.json: folder does not exist", and exit code 2 (never a raw Node error).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileWriteError, NotRegularFileError } from '../core/files';
import { visible } from './text';

/** An error the CLI reports as one line (without a stack) and exits with `exitCode`. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** The exit code of a file that cannot be read or written (same as a usage error: the command line must change). */
export const FILE_ERROR = 2;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EBUSY: 'busy',
  EXDEV: 'on another device',
};

export function isErrno(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
}

/** A short reason for a file-system error ("permission denied"), else the error's own message. */
export function reasonOf(err: unknown): string {
  if (err instanceof NotRegularFileError) return `not a regular file (${err.kind}); skipped`;
  if (isErrno(err) && err.code && REASONS[err.code]) return REASONS[err.code];
  return visible(err instanceof Error ? err.message : String(err));
}

/** "cannot read FILE: reason". */
export function cannotRead(file: string, err: unknown): CliError {
  return new CliError(`cannot read ${visible(file)}: ${reasonOf(err)}`);
}

/**
 * "cannot write FILE: reason". A missing folder is named as such (the raw error names the temporary file,
 * which the user never asked for).
 */
export function cannotWrite(target: string, err: unknown): CliError {
  if (err instanceof FileWriteError) return new CliError(visible(err.message));
  const reason = writeProblem(target) ?? reasonOf(err);
  return new CliError(`cannot write ${visible(target)}: ${reason}`);
}

/**
 * Why `target` cannot be written, checked before any work is done, or undefined when it looks writable:
 * the folder is missing or not a folder, the target is a folder, or it is one of the input files.
 */
export function writeProblem(target: string, inputs: readonly string[] = []): string | undefined {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (err) {
    if (isErrno(err) && err.code === 'ENOENT') return 'folder does not exist';
    if (isErrno(err) && err.code === 'ENOTDIR') return 'a part of the path is not a folder';
    return reasonOf(err);
  }
  if (!dirStat.isDirectory()) return `${visible(dir)} is not a folder`;
  let st: fs.Stats | undefined;
  try { st = fs.statSync(abs); } catch { st = undefined; }
  if (st?.isDirectory()) return 'is a folder (give a file name)';
  if (st && inputs.length) {
    for (const input of inputs) {
      try {
        const s = fs.statSync(input);
        if (s.ino === st.ino && s.dev === st.dev) return 'it is one of the input files (your data files are never overwritten)';
      } catch { /* an unreadable input is reported elsewhere */ }
    }
  }
  try {
    fs.accessSync(st ? abs : dir, fs.constants.W_OK);
  } catch (err) {
    return reasonOf(err);
  }
  return undefined;
}

/** Checks every output before the work starts, so a bad --out never costs a long run. */
export function checkOutputs(targets: readonly (string | undefined)[], inputs: readonly string[] = []): void {
  const seen = new Map<string, string>();
  for (const t of targets) {
    if (!t) continue;
    const problem = writeProblem(t, inputs);
    if (problem) throw new CliError(`cannot write ${visible(t)}: ${problem}`);
    const abs = path.resolve(t);
    if (seen.has(abs)) throw new CliError(`cannot write ${visible(t)} twice (given for two outputs)`);
    seen.set(abs, t);
  }
}
