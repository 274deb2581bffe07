// Safe writing of outputs that hold health data: atomic (temp file + fsync + rename), mode 0600 (or the mode of
// the file replaced), never over an input file, never through a symbolic link, every error propagated with the
// path (a failed write is never reported as success), the temp file removed on failure.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeErrno, FileWriteError, fileKind } from './errors';

/** Mode of a new output file: owner read/write only (outputs hold health data). */
export const OUTPUT_FILE_MODE = 0o600;

const { O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
/** O_NOFOLLOW where the platform has it (POSIX); O_EXCL alone already refuses an existing link */
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
/** flags of an exclusive create that never follows a symbolic link */
export const EXCLUSIVE_CREATE = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;

export interface AtomicWriteOptions {
  signal?: AbortSignal;
  /**
   * Input files (or folders of input files) the output must never replace: compared by resolved path and by
   * device + inode, so another spelling, a hard link or a symbolic link to an input is refused too.
   */
  inputs?: readonly string[];
  /** mode of a new file (default OUTPUT_FILE_MODE); a file that is replaced keeps its own mode */
  mode?: number;
}

/** Same file: same resolved path, or (both existing) same device and inode. */
function sameFile(a: string, aStat: fs.Stats | undefined, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  if (!aStat) return false;
  try {
    const st = fs.statSync(b);
    return st.dev === aStat.dev && st.ino === aStat.ino;
  } catch {
    return false;
  }
}

/**
 * Throws FileWriteError('is-input') when `target` is one of `inputs` (or, for an input folder, a file inside it
 * that is an input table: callers pass the discovered input files for that).
 */
export function assertNotInput(target: string, inputs: readonly string[]): void {
  let st: fs.Stats | undefined;
  try { st = fs.statSync(target); } catch { st = undefined; }
  for (const input of inputs) {
    if (sameFile(target, st, input)) {
      throw new FileWriteError(target, 'is-input', `it is one of the input files (${input}); choose another output file`);
    }
  }
}

/** Checks that the folder of `target` exists; returns the existing target's mode (undefined when it is new). */
function checkTarget(target: string): number | undefined {
  const dir = path.dirname(target);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (err) {
    throw new FileWriteError(target, 'folder-missing', (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a part of the path is not a folder' : 'folder does not exist', err);
  }
  if (!dirStat.isDirectory()) throw new FileWriteError(target, 'folder-missing', `${dir} is not a folder`);
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    return undefined;
  }
  if (st.isDirectory()) throw new FileWriteError(target, 'not-a-file', 'is a folder (give a file name)');
  if (!st.isFile()) throw new FileWriteError(target, 'not-a-file', `it exists and is a ${fileKind(st)}, not a regular file`);
  return st.mode & 0o7777;
}

async function writeAll(fh: fs.promises.FileHandle, text: string | Uint8Array): Promise<void> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let off = 0;
  while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
}

/**
 * Writes a file atomically: chunks go to a temporary file (created exclusively, mode 0600) next to the target,
 * which is flushed to disk and renamed over the target at the end. On any error or abort the temporary file
 * is removed, the target is left as it was, and the error is thrown (a FileWriteError naming the path, or the
 * signal's reason).
 */
export async function writeFileAtomic(target: string, chunks: Iterable<string | Uint8Array>, signalOrOptions?: AbortSignal | AtomicWriteOptions): Promise<void> {
  const options: AtomicWriteOptions = signalOrOptions instanceof AbortSignal ? { signal: signalOrOptions } : signalOrOptions ?? {};
  const { signal } = options;
  signal?.throwIfAborted();
  const abs = path.resolve(target);
  const existingMode = checkTarget(abs);
  if (options.inputs) assertNotInput(abs, options.inputs);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fh: fs.promises.FileHandle | undefined;
  let created = false;
  try {
    fh = await fs.promises.open(tmp, EXCLUSIVE_CREATE, OUTPUT_FILE_MODE);
    created = true;
    await fh.chmod(existingMode ?? options.mode ?? OUTPUT_FILE_MODE);
    let buffer = '';
    for (const chunk of chunks) {
      signal?.throwIfAborted();
      if (typeof chunk !== 'string') {
        // bytes (e.g. a PNG): the text so far first, then the bytes as they are
        await writeAll(fh, buffer);
        await writeAll(fh, chunk);
        buffer = '';
        continue;
      }
      buffer += chunk;
      if (buffer.length >= 1 << 16) {
        await writeAll(fh, buffer);
        buffer = '';
      }
    }
    signal?.throwIfAborted();
    await writeAll(fh, buffer);
    await fh.sync();
    const closing = fh;
    fh = undefined;
    await closing.close();
    signal?.throwIfAborted();
    await fs.promises.rename(tmp, abs);
    created = false;
    await syncFolder(path.dirname(abs));
  } catch (err) {
    if (fh) await fh.close().catch(() => undefined);
    if (created) await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    if (signal?.aborted || err instanceof FileWriteError) throw err;
    throw new FileWriteError(target, 'write-failed', describeErrno(err), err);
  }
}

/** Makes a rename durable (best effort: not every platform lets a folder be opened and synced). */
async function syncFolder(dir: string): Promise<void> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(dir, 'r');
    await fh.sync();
  } catch {
    // not supported here (e.g. Windows): the rename itself is still atomic
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
