// A compact index of a whole CSV text (an editor document): header, record start offsets and lines in typed
// arrays, record count and problems, without keeping any record's values. The cell under a cursor is read by
// parsing that one record again. Built by the shared scanner in its boundaries-only mode (one grammar), whole
// (buildCsvIndex) or in slices that yield to the event loop (buildCsvIndexAsync, cancellable).
import { delimiterForFileName, detectDelimiter } from './delimiter';
import { cellInRow, type CellAt } from './parse';
import { lastStartAtOrBefore } from './positions';
import { CsvScanner, type RecordBoundarySink } from './scanner';
import type { CsvHeaderRow, CsvProblem, CsvRecord } from './types';

/** Chars scanned between two yields to the event loop in buildCsvIndexAsync (~20-40 ms of work). */
export const INDEX_SLICE_CHARS = 2 * 1024 * 1024;

export interface CsvIndexOptions {
  /** file name used in problems */
  file?: string;
  /** forced delimiter; detected when absent (as parseCsvText does) */
  delimiter?: string;
}

export interface BuildCsvIndexOptions extends CsvIndexOptions {
  /** a newer document version cancels the build: buildCsvIndexAsync then rejects with the signal's reason */
  signal?: AbortSignal;
  /** chars per slice (default INDEX_SLICE_CHARS; small values are for tests) */
  sliceChars?: number;
}

/** Anything that can hand out a part of the indexed text: the text itself, or e.g. an editor document. */
export interface CsvTextSource {
  slice(start: number, end: number): string;
}

/** The cell at an offset, with its whole record. */
export interface IndexedCellAt extends CellAt {
  /** 1-based line on which the record (or the header) starts */
  line: number;
  /** all values of the record (of the header when recordIndex is -1) */
  fields: string[];
}

/** Record start offsets and lines in growable typed arrays: 8 bytes per record, no object per record. */
class Boundaries implements RecordBoundarySink {
  starts = new Uint32Array(1024);
  lines = new Uint32Array(1024);
  count = 0;

  add(start: number, line: number): void {
    if (this.count === this.starts.length) {
      const size = this.count * 2;
      const starts = new Uint32Array(size);
      starts.set(this.starts);
      this.starts = starts;
      const lines = new Uint32Array(size);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.starts[this.count] = start;
    this.lines[this.count] = line;
    this.count++;
  }
}

export class CsvDocumentIndex {
  readonly file?: string;
  readonly delimiter: string;
  /** header names as written (BOM stripped); [] for an empty text */
  readonly header: string[];
  /** position of the header row (fieldOffsets and endOffset set); undefined for an empty text */
  readonly headerRow?: CsvHeaderRow;
  readonly recordCount: number;
  /** the first MAX_STORED_PROBLEMS problems, then one 'too-many-problems' entry: as parseCsvText */
  readonly problems: CsvProblem[];
  readonly problemCount: number;
  /** length of the indexed text */
  readonly textLength: number;
  private readonly starts: Uint32Array;
  private readonly lines: Uint32Array;

  /** @internal use buildCsvIndex / buildCsvIndexAsync */
  constructor(scanner: CsvScanner, boundaries: Boundaries, textLength: number) {
    this.file = scanner.file;
    this.delimiter = scanner.delimiter;
    this.header = scanner.header ?? [];
    this.headerRow = scanner.headerRow;
    this.recordCount = boundaries.count;
    this.problems = scanner.problems;
    this.problemCount = scanner.problemCount;
    this.textLength = textLength;
    // trimmed to size: the spare capacity of the growing arrays is given back
    this.starts = boundaries.starts.slice(0, boundaries.count);
    this.lines = boundaries.lines.slice(0, boundaries.count);
  }

  /** Char offset of the first char of data record i (0-based). */
  recordStart(i: number): number {
    return this.starts[i];
  }

  /** 1-based line on which data record i starts. */
  recordLine(i: number): number {
    return this.lines[i];
  }

  /** Bytes held by the index's typed arrays. */
  get indexBytes(): number {
    return this.starts.byteLength + this.lines.byteLength;
  }

  /** The last data record whose first char is at or before `offset`, -1 when none (binary search). */
  recordBefore(offset: number): number {
    const starts = this.starts;
    return lastStartAtOrBefore(this.recordCount, (i) => starts[i], offset);
  }

  /**
   * Data record i (or the header for -1) read again from the text: its values, field offsets and end offset,
   * exactly as parseCsvText gives them.
   */
  record(text: CsvTextSource, i: number): CsvRecord | undefined {
    if (i === -1) {
      const h = this.headerRow;
      return h?.fieldOffsets ? { index: -1, line: h.line, fields: h.fields, fieldOffsets: h.fieldOffsets, endOffset: h.endOffset } : undefined;
    }
    if (!(i >= 0 && i < this.recordCount)) return undefined;
    const start = this.starts[i];
    // the record and what follows it up to the next record: the scan cannot run past the record's end
    const end = i + 1 < this.recordCount ? this.starts[i + 1] : this.textLength;
    const scanner = new CsvScanner({ delimiter: this.delimiter, offsets: true, shareValues: false });
    scanner.header = this.header;
    scanner.startAt(this.lines[i], 0);
    scanner.scanPart(text.slice(start, end), 0, 1);
    const found = scanner.out[0];
    if (!found?.fieldOffsets || found.endOffset === undefined) return undefined;
    return { index: i, line: this.lines[i], fields: found.fields, fieldOffsets: found.fieldOffsets.map((o) => o + start), endOffset: found.endOffset + start };
  }
}

/**
 * The cell at a char offset of the indexed text (the same answer as cellAtOffset(parseCsvText(text), offset)),
 * with its record's values; only that one record is parsed. `text` must be the indexed text (or a source of
 * its slices, e.g. an editor document at the indexed version).
 */
export function cellAt(index: CsvDocumentIndex, text: CsvTextSource, offset: number): IndexedCellAt | undefined {
  if (typeof text === 'string' && text.length !== index.textLength) throw new Error('cellAt: the text is not the indexed text');
  const head = index.headerRow;
  if (!head?.fieldOffsets || head.endOffset === undefined) return undefined;
  const inHeader = offset >= head.fieldOffsets[0] && offset <= head.endOffset;
  const recordIndex = inHeader ? -1 : index.recordBefore(offset);
  if (recordIndex === -1 && !inHeader) return undefined; // before the first record
  const row = index.record(text, recordIndex);
  if (!row || row.endOffset === undefined || offset > row.endOffset) return undefined;
  const cell = cellInRow(row, recordIndex, offset);
  return cell && { ...cell, line: row.line, fields: row.fields };
}

function start(text: string, options: CsvIndexOptions): { scanner: CsvScanner; boundaries: Boundaries } {
  if (text.length > 0xffffffff) throw new Error('text too long to index'); // V8 strings are far shorter
  const delimiter = options.delimiter ?? detectDelimiter(text, { fallback: delimiterForFileName(options.file) });
  const boundaries = new Boundaries();
  const scanner = new CsvScanner({ file: options.file, delimiter, offsets: true, shareValues: false, boundaries });
  return { scanner, boundaries };
}

function finish(text: string, scanner: CsvScanner, boundaries: Boundaries): CsvDocumentIndex {
  if (scanner.header === null) {
    scanner.report('empty-file', 1, 1, text.length === 0 ? 'the file is empty' : 'the file has no rows (only blank lines)');
  }
  return new CsvDocumentIndex(scanner, boundaries, text.length);
}

/** Indexes a whole text at once (small texts; ~50-100 MB/s). Never throws on bad content. */
export function buildCsvIndex(text: string, options: CsvIndexOptions = {}): CsvDocumentIndex {
  const { scanner, boundaries } = start(text, options);
  scanner.scanPart(text, 0, text.length);
  return finish(text, scanner, boundaries);
}

/**
 * Indexes a text in slices of about `sliceChars`, yielding to the event loop between slices, so that a big
 * document never blocks its thread for more than one slice. Rejects with the signal's reason when aborted.
 */
export async function buildCsvIndexAsync(text: string, options: BuildCsvIndexOptions = {}): Promise<CsvDocumentIndex> {
  const { signal } = options;
  const sliceChars = Math.max(1, options.sliceChars ?? INDEX_SLICE_CHARS);
  signal?.throwIfAborted();
  const { scanner, boundaries } = start(text, options);
  let at = 0;
  while (at < text.length) {
    at = scanner.scanPart(text, at, at + sliceChars);
    if (at < text.length) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
  }
  return finish(text, scanner, boundaries);
}
