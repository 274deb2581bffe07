// Typed errors of reading and writing users' files: each names the path and what went wrong, so front ends can
// print one clear line (and pick an exit code) without parsing messages.

export type FileErrorReason =
  /** the output's folder does not exist (or is not a folder) */
  | 'folder-missing'
  /** the output path is one of the input files (or the same file under another name) */
  | 'is-input'
  /** the output path exists and is not a regular file (a folder, a device, a FIFO) */
  | 'not-a-file'
  /** the output folder already holds files and --force was not given */
  | 'folder-not-empty'
  /** the output file exists (an exclusive create refused it) or is a symbolic link */
  | 'exists'
  /** opening, writing, syncing or renaming failed (full disk, permissions, quota…) */
  | 'write-failed';

/** A file could not be written; the target was left as it was. */
export class FileWriteError extends Error {
  readonly path: string;
  readonly reason: FileErrorReason;
  readonly code?: string;

  constructor(filePath: string, reason: FileErrorReason, detail: string, cause?: unknown) {
    super(`cannot write ${filePath}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'FileWriteError';
    this.path = filePath;
    this.reason = reason;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string') this.code = code;
  }
}

/** A path to read is not a regular file (FIFO, device, socket, folder): it is skipped, never opened for reading. */
export class NotRegularFileError extends Error {
  readonly path: string;
  readonly kind: string;

  constructor(filePath: string, kind: string) {
    super(`${filePath}: not a regular file (${kind}); skipped`);
    this.name = 'NotRegularFileError';
    this.path = filePath;
    this.kind = kind;
  }
}

/** Plain words for the errno codes a user meets when writing. */
export function describeErrno(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  switch (e?.code) {
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EFBIG': return 'file too large (file size limit reached)';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOENT': return 'folder does not exist';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EISDIR': return 'is a folder';
    case 'EEXIST': return 'already exists';
    case 'ELOOP': return 'is a symbolic link';
    default: return err instanceof Error ? err.message : String(err);
  }
}

/** What kind of file a Stats describes, in words. */
export function fileKind(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isSymbolicLink(): boolean; isFile(): boolean }): string {
  if (st.isFile()) return 'regular file';
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSocket()) return 'socket';
  if (st.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}
