// The CSV state machine shared by parseCsvText (whole text) and openCsvFile (chunk by chunk).
//
// Why hand-written and not papaparse: papaparse reports neither the line nor the char offset of a record or
// field (only a per-chunk cursor and, for errors, a row index), so every feature that points at a cell would need
// a second scan of the raw text. This scanner is one pass with indexOf-driven quoted fields, yields exact line /
// column / offset for records, fields and problems, can stop at an incomplete record at the end of a chunk and
// resume (so a quoted field or CRLF split across chunks is handled), and is faster than papaparse with positions.
// RFC 4180: fields separated by one delimiter char, records by CRLF, LF or CR; a field starting with '"' is
// quoted, may hold delimiters and line breaks, and '""' inside it is one '"'.
import { TOO_FEW_FIELDS, TOO_MANY_FIELDS } from './problemLabel';
import { checkHeader } from './header';
import { indexOr, positionIn } from './positions';
import { escapedByte, indexOfInvalidByte } from './utf8';
import type { CsvHeaderRow, CsvProblem, CsvProblemKind, CsvRecord } from './types';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

/** Stored problems per file; beyond this only problemCount grows (bounded memory on a broken multi-GB file). */
export const MAX_STORED_PROBLEMS = 1000;
/**
 * A quoted field longer than this (chars, incl. quotes) is taken as an unclosed quote: IAPT extracts hold no
 * long free text, and without a bound one stray quote would swallow the rest of a multi-GB file into one field.
 */
export const MAX_QUOTED_FIELD_CHARS = 1 << 20;
/** A record (line) longer than this without a line end is cut when streaming, so memory stays bounded. */
export const MAX_RECORD_CHARS = 16 << 20;

/** Distinct values per column beyond which a column's values are no longer shared (see CsvScanner.intern). */
export const INTERN_MAX_DISTINCT = 1024;

export interface ScannerOptions {
  file?: string;
  delimiter: string;
  offsets: boolean;
  /** share repeated values of a column (see intern) */
  shareValues: boolean;
  /**
   * boundaries-only mode: data records are not materialised (no field values, no CsvRecord objects, nothing
   * in `out`); each record's start offset and line go to this sink. The header row, the problems and the
   * record count are exactly as in the normal mode (same state machine, same checks).
   */
  boundaries?: RecordBoundarySink;
  /** set each data record's `byteOffset` to the char offset of its start in the scanned text (openCsvFile turns it into bytes) */
  starts?: boolean;
}

/** Receives the start offset (of its first char) and the 1-based start line of each data record, in order. */
export interface RecordBoundarySink {
  add(start: number, line: number): void;
}

/** Shared, never written: the field list of a record that boundaries-only mode does not materialise. */
const NO_FIELDS: string[] = [];

/**
 * Holds parse state across calls to scan(). Complete records are appended to `out` (emptied by the caller);
 * the first complete record becomes the header.
 */
export class CsvScanner {
  readonly file?: string;
  readonly delimiter: string;
  private readonly delim: number;
  private readonly offsets: boolean;
  private readonly shareValues: boolean;
  private readonly sink: RecordBoundarySink | null;
  private readonly starts: boolean;
  /** line number and line start offset (in the current buffer) of the next char to scan */
  private line = 1;
  private lineStart = 0;
  private atFileStart = true;
  private nextIndex = 0;
  private pending: CsvProblem[] = [];
  /** cached positions of the next delimiter, LF, CR and quote at or after the scan position (see scanUnquoted) */
  private nextDelim = -1;
  private nextLf = -1;
  private nextCr = -1;
  private nextQuote = -1;
  /** position of the next NUL char (-1: none; -2: not searched yet in this text) */
  private nextNul = -2;
  /** position of the next escaped invalid UTF-8 byte (see utf8.ts; same convention as nextNul) */
  private nextBad = -2;
  /**
   * look for escaped invalid UTF-8 bytes (set by the streaming reader once its decoder met one; off otherwise,
   * so valid files pay nothing)
   */
  checkEncoding = false;
  /** per column: distinct values seen (undefined = none yet, null = too many, not interned) */
  private internCaches: (Map<string, string> | null | undefined)[] = [];
  header: string[] | null = null;
  headerRow: CsvHeaderRow | undefined;
  /**
   * data records: only the columns marked true get their value; the others read as '' unless quoted (fewer strings
   * made when a pass needs a few key columns). null = all columns. Checks and positions are unchanged.
   */
  columnMask: readonly boolean[] | null = null;
  out: CsvRecord[] = [];
  problems: CsvProblem[] = [];
  problemCount = 0;

  constructor(options: ScannerOptions) {
    if (options.delimiter.length !== 1 || options.delimiter === '"' || options.delimiter === '\n' || options.delimiter === '\r') {
      throw new Error(`invalid CSV delimiter ${JSON.stringify(options.delimiter)}`);
    }
    this.file = options.file;
    this.delimiter = options.delimiter;
    this.delim = options.delimiter.charCodeAt(0);
    this.offsets = options.offsets;
    this.shareValues = options.shareValues;
    this.sink = options.boundaries ?? null;
    this.starts = options.starts ?? false;
  }

  /** Line on which the next scanned char lies (1-based). */
  get nextLine(): number {
    return this.line;
  }

  /** Records parsed so far (header excluded). */
  get recordCount(): number {
    return this.nextIndex;
  }

  /**
   * Scans text from `from`; returns the offset where scanning stopped: text.length, or (when !final) the start
   * of an incomplete last record which the caller must pass again, followed by more text, at offset 0.
   * `until`: stop at the first record start at or after it (1: one record, or the blank lines before it).
   */
  scan(text: string, from: number, final: boolean, until = text.length): number {
    this.nextNul = -2;
    this.nextBad = -2;
    const i = this.scanRecords(text, from, final, until);
    this.lineStart -= i; // rebase: the caller passes text from i at offset 0 next time
    return i;
  }

  /**
   * Whole-text mode, in parts: scans the complete `text` from `from` (0, then where the previous call stopped)
   * and stops at the first record start at or after `until`; returns that offset (text.length at the end).
   * Offsets stay those of `text`.
   */
  scanPart(text: string, from: number, until: number): number {
    return this.scanRecords(text, from, true, until);
  }

  /** Starts scanning at a record start inside a text (not at the file start: no BOM), on the given line. */
  startAt(line: number, lineStart: number): void {
    this.atFileStart = false;
    this.line = line;
    this.lineStart = lineStart;
  }

  private scanRecords(text: string, from: number, final: boolean, until: number): number {
    const n = text.length;
    const d = this.delim;
    const wantOffsets = this.offsets;
    const sink = this.sink;
    let i = from;
    if (this.atFileStart && i < n) {
      if (text.charCodeAt(i) === BOM) i++;
      this.lineStart = i;
      this.atFileStart = false;
    }
    let line = this.line;
    let lineStart = this.lineStart;
    let nul = this.nextNul;
    if (nul === -2 || (nul !== -1 && nul < i)) nul = text.indexOf('\0', i);
    let bad = this.checkEncoding ? this.nextBad : -1;
    if (this.checkEncoding && (bad === -2 || (bad !== -1 && bad < i))) bad = indexOfInvalidByte(text, i);
    this.nextDelim = this.nextLf = this.nextCr = this.nextQuote = -1; // positions in the previous buffer
    outer: while (i < n && i < until) {
      const recStart = i;
      const recLine = line;
      const recLineStart = lineStart;
      let c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        // blank line: no record (an empty line carries no data); line numbering continues
        if (c === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else if (!final) break;
        }
        i++;
        line++;
        lineStart = i;
        continue;
      }
      // keep: materialise this record's values (always the header; data records unless boundaries-only)
      const keep = sink === null || this.header === null;
      const mask = this.header === null ? null : this.columnMask;
      const fields: string[] = keep ? [] : NO_FIELDS;
      // the header's field offsets are always kept (its problems name each cell's column)
      const offsets: number[] | null = keep && (wantOffsets || this.header === null) ? [] : null;
      const expected = this.header === null ? -1 : this.header.length;
      let count = 0; // fields so far
      let extraAt = -1; // start of the first field beyond the header's count
      this.pending.length = 0;
      let recEnd = -1;
      for (;;) {
        const fieldStart = i;
        if (count === expected) extraAt = fieldStart;
        if (offsets) offsets.push(fieldStart);
        let value = '';
        let quoted = false; // a closed quoted field was read
        let literalQuoteAt = -1; // an unclosed opening quote taken literally (already reported)
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          let closed = -1;
          let acc = '';
          for (;;) {
            const k = text.indexOf('"', j);
            if (k === -1 || k - fieldStart >= MAX_QUOTED_FIELD_CHARS) {
              if (!final && k === -1 && n - fieldStart < MAX_QUOTED_FIELD_CHARS) {
                i = recStart; line = recLine; lineStart = recLineStart;
                break outer; // wait for more text
              }
              break; // unclosed
            }
            if (k + 1 < n) {
              if (text.charCodeAt(k + 1) === QUOTE) {
                if (keep) acc += text.slice(j, k + 1);
                j = k + 2;
                continue;
              }
            } else if (!final) {
              i = recStart; line = recLine; lineStart = recLineStart;
              break outer; // cannot tell '"' from '""' yet
            }
            if (keep) acc += text.slice(j, k);
            closed = k;
            break;
          }
          if (closed === -1) {
            this.addPending('unclosed-quote', line, fieldStart - lineStart + 1,
              'quote opened here is never closed; read literally up to the end of this line', count + 1);
            literalQuoteAt = fieldStart;
          } else {
            // line breaks inside the quoted field
            for (let p = fieldStart + 1; p < closed; p++) {
              const q = text.charCodeAt(p);
              if (q === LF || (q === CR && text.charCodeAt(p + 1) !== LF)) {
                line++;
                lineStart = p + 1;
              }
            }
            value = acc;
            quoted = true;
            i = closed + 1;
            if (i < n) {
              c = text.charCodeAt(i);
              if (c !== d && c !== LF && c !== CR) {
                this.addPending('text-after-quote', line, i - lineStart + 1,
                  'text after the closing quote of a quoted field; kept as part of the field', count + 1);
                const j2 = this.scanUnquoted(text, i, n, line, lineStart, true, count + 1);
                if (j2 === n && !final) {
                  i = recStart; line = recLine; lineStart = recLineStart;
                  break outer;
                }
                if (keep) value += text.slice(i, j2);
                i = j2;
              }
            } else if (!final) {
              i = recStart; line = recLine; lineStart = recLineStart;
              break outer;
            }
          }
        }
        if (!quoted) {
          const j = this.scanUnquoted(text, i, n, line, lineStart, literalQuoteAt !== -1, count + 1);
          if (j === n && !final) {
            i = recStart; line = recLine; lineStart = recLineStart;
            break outer;
          }
          if (keep && (mask === null || mask[count] === true)) {
            value = text.slice(i, j);
            if (this.shareValues && j - i > 1) value = this.intern(count, value);
          }
          i = j;
        }
        if (keep) fields.push(value);
        count++;
        if (i < n && text.charCodeAt(i) === d) {
          i++;
          continue;
        }
        recEnd = i;
        break;
      }
      // i is at a line break or at n (final)
      if (i < n) {
        if (text.charCodeAt(i) === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else if (!final) {
            i = recStart; line = recLine; lineStart = recLineStart;
            break;
          }
        }
        i++;
        this.line = line + 1;
        this.lineStart = i;
      } else {
        this.line = line;
        this.lineStart = lineStart;
      }
      this.flushPending();
      if (nul !== -1 && nul < recEnd) {
        const pos = positionIn(text, recStart, recLine, recLineStart, nul);
        this.report('binary', pos.line, pos.column, 'NUL byte: binary content, not a text CSV (or a UTF-16 file)');
        nul = text.indexOf('\0', recEnd);
      }
      if (bad !== -1 && bad < recEnd) {
        // one problem per record: its first invalid byte (the values keep every byte apart)
        const pos = positionIn(text, recStart, recLine, recLineStart, bad);
        this.report('encoding', pos.line, pos.column,
          `invalid UTF-8 byte 0x${escapedByte(text, bad).toString(16).toUpperCase().padStart(2, '0')}: the file is not valid UTF-8 (Latin-1 or Windows-1252?); the byte is kept as \\x${escapedByte(text, bad).toString(16).padStart(2, '0')} so values stay distinct`);
        bad = indexOfInvalidByte(text, recEnd);
      }
      if (keep) this.emit(text, fields, offsets, recStart, recEnd, recLine, recLineStart, extraAt);
      else {
        this.checkFieldCount(text, count, extraAt, recStart, recEnd, recLine, recLineStart);
        this.nextIndex++;
        (sink as RecordBoundarySink).add(recStart, recLine);
      }
      line = this.line;
      lineStart = this.lineStart;
    }
    this.line = line;
    this.lineStart = lineStart;
    this.nextNul = nul;
    this.nextBad = bad;
    return i;
  }

  /**
   * Returns the first copy of a repeated value of a column. Most IAPT columns hold few distinct values (codes,
   * dates, flags); sharing them cuts the objects a parse keeps alive several-fold, and with them V8's garbage
   * collection time, which dominates when many records are retained. A column stops being interned at its first
   * new value beyond INTERN_MAX_DISTINCT (identifiers, free text).
   */
  private intern(column: number, value: string): string {
    let cache = this.internCaches[column];
    if (cache === null) return value;
    if (cache === undefined) {
      cache = new Map();
      this.internCaches[column] = cache;
    }
    const hit = cache.get(value);
    if (hit !== undefined) return hit;
    if (cache.size < INTERN_MAX_DISTINCT) cache.set(value, value);
    else this.internCaches[column] = null;
    return value;
  }

  /**
   * Stream guard: ends the incomplete record that `text` (the unconsumed rest, longer than MAX_RECORD_CHARS)
   * holds, as if the file ended there, and reports it; reading goes on with the next chunk as a new record.
   */
  cutOverlongRecord(text: string, limit: number): void {
    this.report('record-too-long', this.line, 1,
      `record of more than ${limit} chars without a line end (binary content?); cut, and the rest read as new rows`);
    this.scan(text, 0, true);
  }

  /** Offset of the next delimiter / line break / end from i; reports the first stray quote. */
  private scanUnquoted(text: string, i: number, n: number, line: number, lineStart: number, quietQuotes: boolean, fieldNo: number): number {
    // String.prototype.indexOf (memchr-fast) finds the next delimiter, CR, LF and quote; each position is cached
    // until the scan passes it, so every char is searched once per kind: ~1.5x a charCodeAt loop.
    if (this.nextDelim < i) this.nextDelim = indexOr(text, this.delimiter, i, n);
    if (this.nextLf < i) this.nextLf = indexOr(text, '\n', i, n);
    if (this.nextCr < i) this.nextCr = indexOr(text, '\r', i, n);
    const eol = this.nextCr < this.nextLf ? this.nextCr : this.nextLf;
    const j = this.nextDelim < eol ? this.nextDelim : eol;
    if (!quietQuotes) {
      if (this.nextQuote < i) this.nextQuote = indexOr(text, '"', i, n);
      if (this.nextQuote < j) {
        this.addPending('stray-quote', line, this.nextQuote - lineStart + 1, 'quote inside an unquoted field; kept literally', fieldNo);
      }
    }
    return j;
  }

  private emit(text: string, fields: string[], offsets: number[] | null, start: number, end: number, line: number, lineStart: number, extraAt: number): void {
    if (this.header === null) {
      this.header = fields;
      this.headerRow = this.offsets && offsets ? { line, fields, fieldOffsets: offsets, endOffset: end } : { line, fields };
      checkHeader(fields, offsets ?? [], text, start, line, lineStart,
        (kind, l, column, message, field) => this.report(kind, l, column, message, field));
      return;
    }
    this.checkFieldCount(text, fields.length, extraAt, start, end, line, lineStart);
    // one literal per shape: adding properties later would allocate an extra property store per record
    const record: CsvRecord = offsets
      ? { index: this.nextIndex++, line, fields, fieldOffsets: offsets, endOffset: end }
      : this.starts ? { index: this.nextIndex++, line, fields, byteOffset: start } : { index: this.nextIndex++, line, fields };
    this.out.push(record);
  }

  /** Reports a ragged row: `count` fields where the header has another number (extraAt: the first extra one). */
  private checkFieldCount(text: string, count: number, extraAt: number, start: number, end: number, line: number, lineStart: number): void {
    const expected = (this.header as string[]).length;
    if (count === expected) return;
    const endPos = positionIn(text, start, line, lineStart, end);
    const span = endPos.line > line ? ` (the record spans lines ${line}-${endPos.line}: check for an unclosed quote)` : '';
    if (count > expected) {
      const pos = positionIn(text, start, line, lineStart, extraAt);
      this.report('ragged-row', pos.line, pos.column,
        `${TOO_MANY_FIELDS}: row has ${count} fields, header has ${expected}; extra fields start here${span}`, expected + 1);
    } else {
      this.report('ragged-row', endPos.line, endPos.column,
        `${TOO_FEW_FIELDS}: row has ${count} field${count === 1 ? '' : 's'}, header has ${expected}; missing fields at the end of the row${span}`,
        count + 1);
    }
  }

  private addPending(kind: CsvProblemKind, line: number, column: number, message: string, field?: number): void {
    this.pending.push(this.problem(kind, line, column, message, field));
  }

  private flushPending(): void {
    for (const p of this.pending) this.store(p);
    this.pending.length = 0;
  }

  /** Reports a problem that is final (not part of a record that may be rescanned). */
  report(kind: CsvProblemKind, line: number, column: number, message: string, field?: number): void {
    this.store(this.problem(kind, line, column, message, field));
  }

  private problem(kind: CsvProblemKind, line: number, column: number, message: string, field?: number): CsvProblem {
    const p: CsvProblem = this.file !== undefined ? { file: this.file, line, column, kind, message } : { line, column, kind, message };
    if (field !== undefined) p.field = field;
    return p;
  }

  private store(p: CsvProblem): void {
    this.problemCount++;
    if (this.problems.length < MAX_STORED_PROBLEMS) this.problems.push(p);
    else if (this.problems.length === MAX_STORED_PROBLEMS) {
      this.problems.push(this.problem('too-many-problems', p.line, p.column,
        `more than ${MAX_STORED_PROBLEMS} problems; further problems are counted but not listed`));
    }
  }
}
