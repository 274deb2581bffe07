// Whole-text parsing (editor documents, tests) and cell lookup by char offset.
import { delimiterForFileName, detectDelimiter } from './delimiter';
import { lastStartAtOrBefore } from './positions';
import { CsvScanner } from './scanner';
import type { CsvRecord, ParseCsvOptions, ParsedCsv } from './types';

/**
 * Parses a whole CSV text: header, records with their start line (and, unless options.offsets === false, the
 * char offset of each field), and problems with line/column. Never throws on bad content.
 */
export function parseCsvText(text: string, options: ParseCsvOptions = {}): ParsedCsv {
  const delimiter = options.delimiter ?? detectDelimiter(text, { fallback: delimiterForFileName(options.file) });
  const scanner = new CsvScanner({ file: options.file, delimiter, offsets: options.offsets ?? true, shareValues: options.shareValues ?? true });
  scanner.checkEncoding = options.checkEncoding ?? false;
  scanner.scan(text, 0, true);
  if (scanner.header === null) {
    scanner.report('empty-file', 1, 1, text.length === 0 ? 'the file is empty' : 'the file has no rows (only blank lines)');
  }
  return {
    delimiter,
    header: scanner.header ?? [],
    headerRow: scanner.headerRow,
    records: scanner.out,
    problems: scanner.problems,
    problemCount: scanner.problemCount,
  };
}

export interface CellAt {
  /** index into parsed.records; -1 for the header row */
  recordIndex: number;
  fieldIndex: number;
  value: string;
  /** offset of the field's first char (its opening quote when quoted) */
  startOffset: number;
  /** offset just past the field's last char (its closing quote when quoted) */
  endOffset: number;
}

type Row = { fieldOffsets?: number[]; endOffset?: number; fields: string[] };

/**
 * Index into parsed.records of the record whose text contains `offset` (-1 when the offset lies in the header,
 * undefined when outside every record, e.g. on a blank line). Binary search over record start offsets.
 * Needs a parse with offsets.
 */
export function recordIndexAtOffset(parsed: ParsedCsv, offset: number): number | undefined {
  const head = parsed.headerRow;
  if (!head?.fieldOffsets || head.endOffset === undefined) return undefined;
  if (offset >= head.fieldOffsets[0] && offset <= head.endOffset) return -1;
  const records = parsed.records;
  const found = lastStartAtOrBefore(records.length, (i) => startOf(records[i]), offset);
  if (found === -1) return undefined;
  const end = records[found].endOffset;
  return end !== undefined && offset <= end ? found : undefined;
}

/**
 * The cell at a char offset (e.g. the editor cursor), also inside records spanning several lines. An offset on a
 * delimiter belongs to the field before it; an offset just past the end of a row to its last field.
 */
export function cellAtOffset(parsed: ParsedCsv, offset: number): CellAt | undefined {
  const recordIndex = recordIndexAtOffset(parsed, offset);
  if (recordIndex === undefined) return undefined;
  const row: Row | undefined = recordIndex === -1 ? parsed.headerRow : parsed.records[recordIndex];
  return row && cellInRow(row, recordIndex, offset);
}

/** The cell of a row (with offsets) that holds `offset`, known to lie within the row. */
export function cellInRow(row: Row, recordIndex: number, offset: number): CellAt | undefined {
  if (!row.fieldOffsets || row.endOffset === undefined) return undefined;
  const starts = row.fieldOffsets;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const fieldIndex = lo;
  const endOffset = fieldIndex + 1 < starts.length ? starts[fieldIndex + 1] - 1 : row.endOffset;
  return { recordIndex, fieldIndex, value: row.fields[fieldIndex], startOffset: starts[fieldIndex], endOffset };
}

function startOf(record: CsvRecord): number {
  return record.fieldOffsets ? record.fieldOffsets[0] : Number.NaN;
}
