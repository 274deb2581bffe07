// Safe opening of users' files for reading: regular files only (a FIFO must not block, a link to /dev/zero
// must not be read forever), and small text files (settings, dictionaries) read with a size cap.
import * as fs from 'node:fs';
import { fileKind, NotRegularFileError } from './errors';

const { O_RDONLY } = fs.constants;
/** O_NONBLOCK (POSIX): opening a FIFO for reading returns at once instead of waiting for a writer */
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * Opens a file for reading only when it is a regular file (after following links): the open cannot block on a
 * FIFO, and a device, socket or folder is closed again and refused with NotRegularFileError.
 */
export async function openRegularFile(filePath: string): Promise<fs.promises.FileHandle> {
  const fh = await fs.promises.open(filePath, O_RDONLY | O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new NotRegularFileError(filePath, fileKind(st));
    return fh;
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err;
  }
}

/** A text file too big to be what it claims (a dictionary, a thresholds file). */
export class FileTooLargeError extends Error {
  constructor(readonly path: string, readonly limit: number) {
    super(`${path}: larger than ${limit} bytes; not read`);
    this.name = 'FileTooLargeError';
  }
}

/** Reads a regular file as UTF-8, refusing it when it holds more than `maxBytes` (read stops there). */
export async function readTextFileCapped(filePath: string, maxBytes: number): Promise<string> {
  const fh = await openRegularFile(filePath);
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, null);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got > maxBytes) throw new FileTooLargeError(filePath, maxBytes);
    return buf.subarray(0, got).toString('utf8');
  } finally {
    await fh.close();
  }
}
