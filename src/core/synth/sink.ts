// Buffered file writer with backpressure and line counting (the generator never holds a table in memory).
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { formatCsvRow } from '../csv';
import { describeErrno, EXCLUSIVE_CREATE, FileWriteError, OUTPUT_FILE_MODE } from '../files';

const FLUSH_AT = 1 << 16;

export class TextSink {
  private buffer = '';
  private readonly stream: WriteStream;
  private waiting: Promise<void> | null = null;
  private failure: Error | null = null;
  bytes = 0;

  constructor(readonly path: string) {
    // exclusive create, never through a link: an existing file (or a link planted in its place) is an error
    let fd: number;
    try {
      fd = openSync(path, EXCLUSIVE_CREATE, OUTPUT_FILE_MODE);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new FileWriteError(path, code === 'EEXIST' || code === 'ELOOP' ? 'exists' : 'write-failed', describeErrno(err), err);
    }
    this.stream = createWriteStream('', { encoding: 'utf8', fd });
    this.stream.on('error', (err) => {
      this.failure ??= err instanceof FileWriteError ? err : new FileWriteError(path, (err as NodeJS.ErrnoException).code === 'EEXIST' ? 'exists' : 'write-failed', describeErrno(err), err);
    });
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk) && !this.waiting) {
      this.waiting = new Promise((resolve) => {
        const done = () => { this.stream.off('drain', done); this.stream.off('close', done); this.waiting = null; resolve(); };
        this.stream.on('drain', done);
        this.stream.on('close', done); // an error closes the stream: settle() then throws the failure
      });
    }
  }

  /** Resolves when the OS has taken what was written (call between units of work). */
  async settle(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.waiting) await this.waiting;
    if (this.failure) throw this.failure;
  }

  /** Flushes and closes the file; rejects with a FileWriteError when any write (or the close) failed. */
  async close(): Promise<void> {
    this.flush();
    if (this.failure) {
      this.stream.destroy();
      throw this.failure;
    }
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => {
        if (err) this.failure ??= new FileWriteError(this.path, 'write-failed', describeErrno(err), err);
        if (this.failure) reject(this.failure); else resolve();
      });
    });
  }

  /** Stops writing after a failure elsewhere (the file is left for the caller to remove). */
  abort(): void {
    this.stream.destroy();
  }
}

/** A CSV file: header on line 1, one record per line ('\n' endings; no field ever holds a line break). */
export class CsvSink extends TextSink {
  /** line number of the last line written (header = 1) */
  line = 1;
  rows = 0;

  constructor(path: string, header: string[]) {
    super(path);
    this.write(formatCsvRow(header) + '\n');
  }

  /** Writes one record; returns its 1-based line number. */
  record(fields: string[]): number {
    this.write(formatCsvRow(fields) + '\n');
    this.rows++;
    return ++this.line;
  }

  /** Writes an already formatted (possibly damaged) record line. */
  rawRecord(text: string): number {
    this.write(text + '\n');
    this.rows++;
    return ++this.line;
  }
}
