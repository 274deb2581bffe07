// Streaming a CSV file chunk by chunk with bounded memory (multi-GB extracts): one pass, records as they come.
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { openRegularFile } from '../files/read';
import { DELIMITER_SAMPLE_CHARS, delimiterForFileName, detectDelimiter } from './delimiter';
import { CsvScanner, MAX_RECORD_CHARS } from './scanner';
import { EscapingUtf8Decoder, escapedUtf8Length } from './utf8';
import type { CsvHeaderRow, CsvProblem, CsvRecord } from './types';

/**
 * Bytes read per chunk. Each chunk's records are handed over as one batch; 64 KiB batches (~700 IAPT rows) die
 * young in V8's scavenger, while 1 MiB batches survive into the old generation and made reading 3-5x slower.
 */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;

export interface OpenCsvOptions {
  signal?: AbortSignal;
  /** forced delimiter; detected on the first 64K chars when absent */
  delimiter?: string;
  /** name used in problems (default: the path as given) */
  file?: string;
  /** bytes per read (default 64 KiB); small values are for tests */
  chunkBytes?: number;
  /** cut a record without line end past this many chars (default MAX_RECORD_CHARS; small values are for tests) */
  maxRecordChars?: number;
  /** share repeated values of a column (default false; set it when keeping many records, see ParseCsvOptions) */
  shareValues?: boolean;
  /** give each record its `byteOffset` in the file (for indexes that re-read rows from disk) */
  byteOffsets?: boolean;
  /**
   * given the header, the columns to read values of: the others read as '' in records past the first read (the
   * delimiter sample, 64K chars), unless quoted; lines, checks and problems are unchanged. Default: all columns
   */
  columns?: (header: readonly string[]) => readonly boolean[] | null;
}

export interface CsvFile {
  file: string;
  delimiter: string;
  encoding: 'utf8' | 'utf16le';
  header: string[];
  headerRow?: CsvHeaderRow;
  /** fills as records are read (the first MAX_STORED_PROBLEMS, then one 'too-many-problems' entry) */
  problems: CsvProblem[];
  /** all problems found so far, including those not stored */
  readonly problemCount: number;
  /** data records read so far */
  readonly recordCount: number;
  /** bytes read so far */
  readonly bytesRead: number;
  /** the data records, in order; iterate once (either this or batches) */
  records: AsyncIterable<CsvRecord>;
  /** the same records in arrays, one per chunk: cheaper per record than `records` */
  batches: AsyncIterable<CsvRecord[]>;
  /** stops reading and frees the file (needed only when the records are not read to the end) */
  close(): void;
}

/**
 * Opens a CSV file, reads just enough to detect the delimiter and parse the header, and returns the records as
 * an async iterable that streams the rest. Rejects when the file cannot be read (e.g. ENOENT), is not a regular
 * file (NotRegularFileError: FIFO, device, folder) or the signal is aborted; bad content is reported in `problems`, never thrown.
 */
/** The next chunk of a file stream; a read cut short by an abort surfaces as the abort's reason, and an abort that
 * came while waiting stops here. */
export async function nextChunk(chunks: AsyncIterator<Buffer>, signal: AbortSignal | undefined): Promise<IteratorResult<Buffer>> {
  let r: IteratorResult<Buffer>;
  try {
    r = await chunks.next();
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw err;
  }
  signal?.throwIfAborted();
  return r;
}

export async function openCsvFile(filePath: string, options: OpenCsvOptions = {}): Promise<CsvFile> {
  const { signal } = options;
  signal?.throwIfAborted();
  const file = options.file ?? filePath;
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  // regular files only: a FIFO would block, a link to /dev/zero would never end (NotRegularFileError)
  const handle = await openRegularFile(filePath);
  if (signal?.aborted) {
    await handle.close();
    signal.throwIfAborted();
  }
  const stream = fs.createReadStream('', { fd: handle, highWaterMark: options.chunkBytes ?? DEFAULT_CHUNK_BYTES });
  const onAbort = () => stream.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let bytesRead = 0;
  let decoder: StringDecoder | EscapingUtf8Decoder | undefined;
  let encoding: 'utf8' | 'utf16le' = 'utf8';
  let eof = false;
  let utf16be = false;

  /** next decoded chunk ('' at EOF, then eof = true) */
  const next = async (): Promise<string> => {
    if (eof) return '';
    const r = await nextChunk(chunks, signal);
    if (r.done) {
      eof = true;
      return decoder ? decoder.end() : '';
    }
    const buf = r.value;
    bytesRead += buf.length;
    if (!decoder) {
      if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) encoding = 'utf16le';
      else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) utf16be = true;
      // UTF-8: invalid bytes are kept apart (escaped) and reported by the scanner, never merged into U+FFFD
      decoder = encoding === 'utf8' ? new EscapingUtf8Decoder() : new StringDecoder(encoding);
    }
    return decoder.write(buf);
  };

  /**
   * The unconsumed rest followed by at least one more chunk; when the rest is a long incomplete record, enough
   * chunks to double it, so that rescanning it from its start stays linear overall.
   */
  const extend = async (rest: string): Promise<string> => {
    let text = rest + (await next());
    while (!eof && text.length < 2 * rest.length) text += await next();
    return text;
  };

  const cleanup = () => {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  };

  let scanner: CsvScanner;
  let rest: string;
  // byte offsets (option byteOffsets): the scanner gives each record's char offset in the text it scanned; `settle`
  // turns those into file byte offsets right after each scan (textBase = byte offset of that text's first char)
  const wantBytes = options.byteOffsets ?? false;
  let textBase = 0;
  let settled = 0;
  const settle = (text: string, stop: number) => {
    if (!wantBytes) return;
    const out = scanner.out;
    if (encoding === 'utf16le') {
      for (let i = settled; i < out.length; i++) out[i].byteOffset = textBase + 2 * (out[i].byteOffset as number);
      textBase += 2 * stop;
    } else if (Buffer.byteLength(text) === text.length) { // ASCII
      for (let i = settled; i < out.length; i++) out[i].byteOffset = textBase + (out[i].byteOffset as number);
      textBase += stop;
    } else {
      let c = 0;
      let b = textBase;
      for (let i = settled; i < out.length; i++) {
        const at = out[i].byteOffset as number;
        b += escapedUtf8Length(text, c, at); // an escaped invalid byte is one byte of the file
        c = at;
        out[i].byteOffset = b;
      }
      textBase = b + escapedUtf8Length(text, c, stop);
    }
    settled = out.length;
  };
  const take = (): CsvRecord[] => {
    const batch = scanner.out;
    scanner.out = [];
    settled = 0;
    return batch;
  };
  try {
    // sample for the delimiter
    let text = '';
    while (!eof && text.length < DELIMITER_SAMPLE_CHARS) text += await next();
    const delimiter = options.delimiter
      ?? detectDelimiter(text, { fallback: delimiterForFileName(filePath), wholeText: eof });
    scanner = new CsvScanner({ file, delimiter, offsets: false, shareValues: options.shareValues ?? false, starts: wantBytes });
    if (utf16be) scanner.report('encoding', 1, 1, 'the file is UTF-16 big-endian; save it as UTF-8 to read it');
    // read on until the header row is complete
    const invalidSeen = () => decoder instanceof EscapingUtf8Decoder && decoder.invalid > 0;
    scanner.checkEncoding = invalidSeen();
    let stop = scanner.scan(text, 0, eof);
    settle(text, stop);
    rest = text.slice(stop);
    while (scanner.header === null && !eof) {
      text = await extend(rest);
      scanner.checkEncoding = invalidSeen();
      stop = scanner.scan(text, 0, eof);
      settle(text, stop);
      rest = text.slice(stop);
      if (rest.length > maxRecordChars) {
        scanner.cutOverlongRecord(rest, maxRecordChars);
        settle(rest, rest.length);
        rest = '';
      }
    }
    if (scanner.header !== null && options.columns) scanner.columnMask = options.columns(scanner.header);
    if (scanner.header === null) {
      scanner.report('empty-file', 1, 1, bytesRead === 0 ? 'the file is empty' : 'the file has no rows (only blank lines)');
    }
  } catch (err) {
    cleanup();
    throw err;
  }

  let started = false;
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    if (started) throw new Error(`the records of ${file} can be read only once`);
    started = true;
    try {
      if (scanner.out.length > 0) yield take();
      while (!eof) {
        const text = await extend(rest);
        if (!scanner.checkEncoding) scanner.checkEncoding = decoder instanceof EscapingUtf8Decoder && decoder.invalid > 0;
        const stop = scanner.scan(text, 0, eof);
        settle(text, stop);
        rest = text.slice(stop);
        if (rest.length > maxRecordChars) {
          scanner.cutOverlongRecord(rest, maxRecordChars);
          settle(rest, rest.length);
          rest = '';
        }
        if (scanner.out.length > 0) yield take();
      }
      if (rest.length > 0) {
        scanner.scan(rest, 0, true);
        settle(rest, rest.length);
        rest = '';
        if (scanner.out.length > 0) yield take();
      }
    } finally {
      cleanup();
    }
  }
  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const batch of batches()) yield* batch;
  }

  return {
    file,
    delimiter: scanner.delimiter,
    encoding,
    header: scanner.header ?? [],
    headerRow: scanner.headerRow,
    problems: scanner.problems,
    get problemCount() { return scanner.problemCount; },
    get recordCount() { return scanner.recordCount; },
    get bytesRead() { return bytesRead; },
    records: { [Symbol.asyncIterator]: () => records() },
    batches: { [Symbol.asyncIterator]: () => batches() },
    close: cleanup,
  };
}
