// Re-reads indexed records from disk by byte offset (the index keeps positions, not rows): positional reads of a
// window around each record, parsed by the project's CSV scanner with the file's header and delimiter.
import * as fs from 'node:fs';
import { CsvScanner } from '../csv/scanner';
import type { FileIndex } from './scan';

/** The file changed since it was indexed: its positions no longer hold (re-index it). */
export class StaleFileError extends Error {
  constructor(readonly file: string) { super(`${file} changed since it was indexed; re-index it`); }
}

/** First read per record; doubled while the record runs past the window. */
const FIRST_WINDOW = 4096;

/**
 * The fields of the given rows of one file, in the order asked. Throws StaleFileError when the file's size or
 * modification time differ from the index, and the fs error when it cannot be read.
 */
export async function readRows(f: FileIndex, rows: readonly number[]): Promise<string[][]> {
  const out: string[][] = new Array(rows.length);
  if (rows.length === 0) return out;
  const fh = await fs.promises.open(f.path, 'r');
  try {
    const st = await fh.stat();
    if (st.size !== f.size || st.mtimeMs !== f.mtimeMs) throw new StaleFileError(f.path);
    const order = rows.map((_, i) => i).sort((a, b) => f.offset[rows[a]] - f.offset[rows[b]]);
    // one window shared by neighbouring records (a pathway's rows are often close together)
    let win = Buffer.alloc(0);
    let winStart = 0;
    for (const k of order) {
      const row = rows[k];
      const start = f.offset[row];
      let size = FIRST_WINDOW;
      for (;;) {
        if (start < winStart || start + size > winStart + win.length) {
          const want = Math.max(size, 64 * 1024);
          const buf = Buffer.alloc(Math.min(want, Math.max(0, st.size - start)));
          const { bytesRead } = await fh.read(buf, 0, buf.length, start);
          win = buf.subarray(0, bytesRead);
          winStart = start;
        }
        const from = start - winStart;
        const end = Math.min(win.length, from + size);
        const atEof = winStart + end >= st.size;
        const fields = parseOne(win.toString(f.encoding, from, end), f, row, atEof);
        if (fields) { out[k] = fields; break; }
        if (atEof) { out[k] = []; break; }
        size *= 2;
      }
    }
  } finally {
    await fh.close();
  }
  return out;
}

/** The record at the start of text, or undefined when it may run past the text (and the file goes on). */
function parseOne(text: string, f: FileIndex, row: number, atEof: boolean): string[] | undefined {
  const sc = new CsvScanner({ delimiter: f.delimiter, offsets: false, shareValues: false });
  sc.header = f.header;
  sc.startAt(f.line[row], 0);
  const stop = sc.scanPart(text, 0, 1);
  if (stop >= text.length && !atEof) return undefined;
  return sc.out[0]?.fields ?? [];
}
