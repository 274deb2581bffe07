// Public shapes of the CSV reader (contract shared with hover, validation, outcomes, synth, CLI).

/** Kinds of problem the reader reports; every problem names a 1-based line and column. */
export type CsvProblemKind =
  | 'empty-file'
  | 'missing-header'
  | 'empty-column-name'
  | 'duplicate-column'
  | 'ragged-row'
  | 'unclosed-quote'
  | 'stray-quote'
  | 'text-after-quote'
  | 'binary'
  | 'encoding'
  | 'record-too-long'
  | 'too-many-problems';

export interface CsvProblem {
  file?: string;
  /** 1-based line */
  line: number;
  /** 1-based column, in UTF-16 code units as editors count them (a BOM is not counted) */
  column: number;
  kind: CsvProblemKind;
  message: string;
  /** 1-based field (cell) number in the row, when the problem concerns one: the first extra or missing field of a
   * ragged row, the field with a quote problem, the header cell with no or a duplicate name */
  field?: number;
}

export interface CsvRecord {
  /** 0-based index of the data row (the header is not counted) */
  index: number;
  /** 1-based line on which the record starts */
  line: number;
  fields: string[];
  /** char offset (in the parsed text) of each field's first char, at its opening quote when quoted; parseCsvText only */
  fieldOffsets?: number[];
  /** char offset just past the record's last char (its line break excluded); parseCsvText only */
  endOffset?: number;
  /** byte offset in the file of the record's first byte (after a BOM); openCsvFile with `byteOffsets` only */
  byteOffset?: number;
}

/** The header row, with its position (same meaning as in CsvRecord). */
export interface CsvHeaderRow {
  line: number;
  fields: string[];
  fieldOffsets?: number[];
  endOffset?: number;
}

export type CsvDelimiter = ',' | '\t' | '|' | ';';

export interface ParsedCsv {
  delimiter: string;
  /** header names as written (BOM stripped); [] for an empty file */
  header: string[];
  /** position of the header row; undefined for an empty file */
  headerRow?: CsvHeaderRow;
  records: CsvRecord[];
  /** the first MAX_STORED_PROBLEMS problems, then one 'too-many-problems' entry */
  problems: CsvProblem[];
  /** number of problems found, including those not stored */
  problemCount: number;
}

export interface ParseCsvOptions {
  /** file name used in problems */
  file?: string;
  /** forced delimiter; detected when absent */
  delimiter?: string;
  /** record fieldOffsets/endOffset (default true for parseCsvText) */
  offsets?: boolean;
  /**
   * share one string among repeated values of a column (codes, dates): fewer live objects when all records are
   * kept, at some cost per field. Default true for parseCsvText (keeps every record), false for openCsvFile.
   */
  shareValues?: boolean;
  /**
   * report escaped invalid UTF-8 bytes (lone U+DC80-U+DCFF, see csv/utf8) as 'encoding' problems: for texts
   * decoded with decodeUtf8Escaping (openCsvFile does this by itself)
   */
  checkEncoding?: boolean;
}
