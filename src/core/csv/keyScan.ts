// Byte-level fast path for passes that read a few columns of every record (the linking index: keys and positions).
//
// openCsvFile decodes every chunk to a string and walks every char to build a fields array per record. Here a
// record is read from the file's bytes: one loop over its bytes finds the delimiters and the line end, and only the
// wanted (masked) fields become strings (short ASCII slices; a value equal to the same column's value in the record
// before is shared, not decoded again). A record is "plain" when it is one line of ASCII bytes without a quote, CR
// or NUL and has as many fields as the header; every other record (quotes, CR line ends, non-ASCII or invalid UTF-8,
// NUL, ragged rows, blank CR lines) is handed, alone, to the project's CsvScanner, which reads it exactly as
// openCsvFile does (same values, line, problems with file:line:column). The header, delimiter and encoding come from
// openCsvFile itself; files it would not read as UTF-8 (UTF-16, no header, a quoted header) are read by it whole.
import * as fs from 'node:fs';
import { openRegularFile } from '../files/read';
import { CsvScanner, MAX_RECORD_CHARS } from './scanner';
import { nextChunk, openCsvFile } from './stream';
import { decodeUtf8Escaping, escapedUtf8Length } from './utf8';
import type { CsvProblem } from './types';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const DELIM = 1;
const EOL = 2;
const HARD = 3;
/** Bytes per read in the byte loop: no per-record objects here, so bigger reads than openCsvFile's 64 KiB cost no GC */
const FAST_CHUNK_BYTES = 256 * 1024;

export interface KeyScanOptions {
  signal?: AbortSignal;
  /** given the header, the columns whose values are wanted (as openCsvFile's `columns`) */
  columns: (header: readonly string[]) => readonly boolean[];
  /** name used in problems (default: the path as given) */
  file?: string;
  /** bytes per read (default 64 KiB, as openCsvFile); small values are for tests */
  chunkBytes?: number;
  /** called after each chunk with the bytes read so far */
  onBytes?: (bytesRead: number) => void;
}

/**
 * One data record: its byte offset in the file, its 1-based start line and its fields, of which only the masked
 * columns are meant to be read (the others may be ''; a short ragged row has fewer). The array may be reused for the
 * next record: copy what you keep.
 */
export type KeyRecordSink = (byteOffset: number, line: number, fields: readonly string[]) => void;

export interface KeyScanResult {
  delimiter: string;
  encoding: 'utf8' | 'utf16le';
  header: string[];
  problems: CsvProblem[];
  problemCount: number;
  recordCount: number;
  /** records read by the byte loop (the rest went through CsvScanner) */
  fastRecords: number;
}

/**
 * Reads every data record of a file once, giving the sink the same records (byte offsets, lines, masked values) and
 * collecting the same problems as openCsvFile with `byteOffsets` and `columns` would. Rejects as openCsvFile does
 * (unreadable, not a regular file, aborted).
 */
export async function scanKeyFields(filePath: string, options: KeyScanOptions, sink: KeyRecordSink): Promise<KeyScanResult> {
  const { signal } = options;
  const file = options.file ?? filePath;
  const chunkBytes = options.chunkBytes;
  const csv = await openCsvFile(filePath, { signal, file, chunkBytes, byteOffsets: true, columns: options.columns });
  const headerLine = csv.headerRow?.line ?? 0;
  let start: { offset: number; line: number } | null = null;
  try {
    // the byte loop starts after the header; it takes over only when the header and the problems so far are plain
    if (csv.encoding === 'utf8' && csv.header.length > 0 && csv.problemCount === csv.problems.length) {
      start = await headerEnd(filePath, headerLine);
    }
  } catch (err) {
    csv.close();
    throw err;
  }
  if (start === null) {
    // openCsvFile's own records
    let recordCount = 0;
    for await (const batch of csv.batches) {
      for (const r of batch) { sink(r.byteOffset as number, r.line, r.fields); recordCount++; }
      options.onBytes?.(csv.bytesRead);
    }
    return { delimiter: csv.delimiter, encoding: csv.encoding, header: csv.header, problems: csv.problems, problemCount: csv.problemCount, recordCount, fastRecords: 0 };
  }
  // problems of the header (those of data records in the delimiter sample are found again below)
  const headerProblems = csv.problems.filter((p) => p.line <= headerLine);
  csv.close();
  const header = csv.header;
  const mask = options.columns(header);
  const reader = new KeyReader(file, csv.delimiter, header, mask, headerProblems, sink);
  reader.line = start.line;
  const handle = await openRegularFile(filePath);
  const stream = fs.createReadStream('', { fd: handle, highWaterMark: chunkBytes ?? FAST_CHUNK_BYTES, start: start.offset });
  const onAbort = () => stream.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let base = start.offset; // file offset of the first pending byte
    // pending bytes (an incomplete record, then the next chunk) are gathered in one reused buffer: no allocation per chunk
    let work = Buffer.allocUnsafe(2 * (chunkBytes ?? FAST_CHUNK_BYTES));
    let pendingBytes = 0;
    let bytesRead = start.offset;
    let need = 0; // bytes needed before the pending record is worth reading again (0: any new chunk)
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    for (;;) {
      const r = await nextChunk(iterator, signal);
      const eof = r.done === true;
      let buf: Buffer;
      if (!eof) {
        const chunk = r.value;
        bytesRead += chunk.length;
        if (pendingBytes === 0) buf = chunk;
        else {
          if (pendingBytes + chunk.length > work.length) {
            const bigger = Buffer.allocUnsafe(2 * (pendingBytes + chunk.length));
            work.copy(bigger, 0, 0, pendingBytes);
            work = bigger;
          }
          chunk.copy(work, pendingBytes);
          buf = work.subarray(0, pendingBytes + chunk.length);
        }
        // a long incomplete record: wait until the pending bytes double, so rereading it stays linear overall
        if (buf.length < need && buf !== chunk) { pendingBytes = buf.length; continue; }
      } else buf = work.subarray(0, pendingBytes);
      const used = reader.read(buf, base, eof);
      need = reader.pendingNeed;
      base += used;
      pendingBytes = buf.length - used;
      if (pendingBytes > 0) {
        if (pendingBytes > work.length) work = Buffer.allocUnsafe(2 * pendingBytes);
        buf.copy(work, 0, used); // copy (not copyWithin): buf may be the chunk or work itself; Buffer.copy handles overlap
      }
      if (!eof && pendingBytes > MAX_RECORD_CHARS) {
        // a record of more than MAX_RECORD_CHARS bytes without a line end: cut as openCsvFile does
        base += reader.cut(work.subarray(0, pendingBytes), base);
        pendingBytes = 0;
        need = 0;
      }
      options.onBytes?.(bytesRead);
      if (eof) break;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }
  const s = reader.scanner;
  return { delimiter: csv.delimiter, encoding: 'utf8', header, problems: s.problems, problemCount: s.problemCount, recordCount: reader.records, fastRecords: reader.fastRecords };
}

/**
 * Where the data records start (the byte after the header's line end) and on which line, when the header record is
 * one line without quotes; null otherwise (the caller then reads the file with openCsvFile alone).
 */
async function headerEnd(filePath: string, headerLine: number): Promise<{ offset: number; line: number } | null> {
  const handle = await openRegularFile(filePath);
  try {
    let size = 64 * 1024;
    for (;;) {
      const b = Buffer.alloc(size);
      const { bytesRead } = await handle.read(b, 0, size, 0);
      const n = bytesRead;
      let p = n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
      let line = 1;
      // blank lines before the header
      while (p < n && (b[p] === LF || b[p] === CR)) {
        if (b[p] === CR && p + 1 < n && b[p + 1] === LF) p++;
        p++;
        line++;
      }
      let q = p;
      while (q < n && b[q] !== LF && b[q] !== CR && b[q] !== QUOTE) q++;
      if (q < n && b[q] === QUOTE) return null;
      if (q === n && n === size) { size *= 4; if (size > MAX_RECORD_CHARS) return null; continue; }
      if (line !== headerLine) return null;
      if (q < n && b[q] === CR) {
        if (q + 1 === n && n === size) { size *= 2; continue; }
        if (q + 1 < n && b[q + 1] === LF) q++;
      }
      return { offset: Math.min(q + 1, n), line: line + 1 };
    }
  } finally {
    await handle.close();
  }
}

/** Byte-loop state across chunks; hands records that are not plain to a CsvScanner one at a time. */
class KeyReader {
  readonly scanner: CsvScanner;
  /** byte class: 0 plain, DELIM, EOL (LF), HARD (quote, CR, NUL, >= 0x80: the record goes to CsvScanner) */
  private readonly cls = new Uint8Array(256);
  private readonly expected: number;
  /** wanted columns, ascending */
  private readonly wanted: number[];
  private readonly isWanted: Uint8Array;
  private readonly fields: string[];
  /** per wanted column: the previous record's value and its bytes (a repeated value is shared, not decoded) */
  private readonly lastBytes: Uint8Array[];
  private readonly lastLen: Int32Array;
  private readonly fieldStart: Int32Array;
  private readonly fieldEnd: Int32Array;
  line = 1;
  records = 0;
  fastRecords = 0;
  /** after read(): the buffer length needed before the pending record can be read (0: any more bytes) */
  pendingNeed = 0;

  constructor(file: string, delimiter: string, header: string[], mask: readonly boolean[], headerProblems: CsvProblem[], private readonly sink: KeyRecordSink) {
    this.scanner = new CsvScanner({ file, delimiter, offsets: false, shareValues: false, starts: true });
    this.scanner.header = header;
    this.scanner.columnMask = mask;
    this.scanner.checkEncoding = true;
    for (const p of headerProblems) this.scanner.problems.push(p);
    this.scanner.problemCount = headerProblems.length;
    for (let c = 0x80; c < 256; c++) this.cls[c] = HARD;
    this.cls[QUOTE] = HARD;
    this.cls[CR] = HARD;
    this.cls[0] = HARD;
    this.cls[LF] = EOL;
    this.cls[delimiter.charCodeAt(0)] = DELIM;
    this.expected = header.length;
    this.wanted = [];
    this.isWanted = new Uint8Array(header.length + 1);
    for (let i = 0; i < header.length; i++) if (mask[i]) { this.wanted.push(i); this.isWanted[i] = 1; }
    this.fields = header.map(() => '');
    this.lastBytes = this.wanted.map(() => new Uint8Array(64));
    this.lastLen = new Int32Array(this.wanted.length).fill(-1);
    this.fieldStart = new Int32Array(header.length);
    this.fieldEnd = new Int32Array(header.length);
  }

  /** Reads the complete records of b (b[0] is at file offset base and starts a record); returns the bytes consumed. */
  read(b: Buffer, base: number, eof: boolean): number {
    const n = b.length;
    const cls = this.cls;
    const expected = this.expected;
    const fstart = this.fieldStart;
    const fend = this.fieldEnd;
    this.pendingNeed = 0;
    let p = 0;
    while (p < n) {
      const c0 = b[p];
      if (c0 === LF) { this.line++; p++; continue; } // blank line
      let i = p;
      let count = 0;
      let plain = true;
      fstart[0] = p;
      for (; i < n; i++) {
        const k = cls[b[i]];
        if (k === 0) continue;
        if (k === DELIM) {
          if (count + 1 >= expected) { plain = false; break; } // too many fields
          fend[count] = i;
          fstart[++count] = i + 1;
        } else if (k === EOL) break;
        else { plain = false; break; } // quote, CR, NUL or a byte >= 0x80
      }
      if (plain && i === n && !eof) { this.pendingNeed = 2 * (n - p); break; } // the record goes on in the next chunk
      if (plain && count + 1 === expected) {
        fend[count] = i;
        this.emitPlain(b, base + p);
        p = i < n ? i + 1 : n;
        this.line++;
        continue;
      }
      // not plain (or too few fields): CsvScanner reads this one record
      const used = this.slowRecord(b, p, base, eof);
      if (used === -1) break; // needs more bytes
      p += used;
    }
    return p;
  }

  private emitPlain(b: Buffer, offset: number): void {
    const w = this.wanted;
    const f = this.fields;
    for (let k = 0; k < w.length; k++) {
      const col = w[k];
      const s = this.fieldStart[col];
      const len = this.fieldEnd[col] - s;
      let last = this.lastBytes[k];
      if (len === this.lastLen[k]) {
        // same bytes as the previous record's value: keep that string (a short JS loop beats Buffer.compare here)
        let j = 0;
        while (j < len && last[j] === b[s + j]) j++;
        if (j === len) continue;
      }
      f[col] = len === 0 ? '' : latin1(b, s, s + len);
      if (len > last.length) { last = new Uint8Array(len * 2); this.lastBytes[k] = last; }
      for (let j = 0; j < len; j++) last[j] = b[s + j];
      this.lastLen[k] = len;
    }
    this.sink(offset, this.line, f);
    this.records++;
    this.fastRecords++;
  }

  /** Stream guard (openCsvFile's): the incomplete record in b is cut and reported; returns b.length. */
  cut(b: Buffer, base: number): number {
    const { text } = decodeUtf8Escaping(b);
    const s = this.scanner;
    s.startAt(this.line, 0);
    s.cutOverlongRecord(text, MAX_RECORD_CHARS);
    this.flush(text, 0, base);
    return b.length;
  }

  private flush(text: string, p: number, base: number): void {
    const s = this.scanner;
    for (const r of s.out) {
      this.sink(base + p + escapedUtf8Length(text, 0, r.byteOffset as number), r.line, r.fields);
      this.records++;
    }
    s.out = [];
    this.line = s.nextLine;
  }

  /**
   * Reads the record at b[p] (and any blank lines before it) with CsvScanner; returns the bytes it took, or -1 when
   * the record may go on past b (the caller reads more and calls again from p).
   */
  private slowRecord(b: Buffer, p: number, base: number, eof: boolean): number {
    const n = b.length;
    const s = this.scanner;
    // a window of whole lines, doubled while the record (a quoted field over several lines) is not complete in it
    let q = lineEndAfter(b, p, n);
    for (;;) {
      const final = eof && q === n;
      const { text } = decodeUtf8Escaping(b.subarray(p, q));
      s.startAt(this.line, 0);
      const stop = s.scan(text, 0, final, 1);
      if (stop > 0 || final) {
        this.flush(text, p, base);
        return escapedUtf8Length(text, 0, stop);
      }
      if (q === n) {
        this.pendingNeed = 2 * (n - p);
        return -1;
      }
      q = lineEndAfter(b, Math.min(n, p + 2 * (q - p)), n);
    }
  }
}

/** ASCII bytes as a string (Buffer's latin1Slice: toString without its argument checks, which cost more than the copy). */
const latin1 = typeof (Buffer.prototype as unknown as { latin1Slice?: unknown }).latin1Slice === 'function'
  ? (b: Buffer, s: number, e: number): string => (b as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(s, e)
  : (b: Buffer, s: number, e: number): string => b.toString('latin1', s, e);

/** The offset just past the first line end at or after `from` (CRLF: past the LF; a CR at n - 1: n), or n. */
function lineEndAfter(b: Buffer, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const c = b[i];
    if (c === LF) return i + 1;
    if (c === CR) return i + 2 <= n ? i + 2 : n;
  }
  return n;
}
