// Buffered file writer with backpressure and line counting (the generator never holds a table in memory).
import { createWriteStream, type WriteStream } from 'node:fs';
import { formatCsvRow } from '../csv';

const FLUSH_AT = 1 << 16;

export class TextSink {
  private buffer = '';
  private readonly stream: WriteStream;
  private waiting: Promise<void> | null = null;
  private failure: Error | null = null;
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (err) => { this.failure = err; });
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
      this.waiting = new Promise((resolve) => this.stream.once('drain', () => { this.waiting = null; resolve(); }));
    }
  }

  /** Resolves when the OS has taken what was written (call between units of work). */
  async settle(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.waiting) await this.waiting;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
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
