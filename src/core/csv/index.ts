// CSV reading: RFC 4180 parsing with exact positions, delimiter detection, streaming over big files, writing rows.
export type * from './types';
export { parseCsvText, cellAtOffset, recordIndexAtOffset, type CellAt } from './parse';
export { detectDelimiter, delimiterForFileName, DELIMITER_CANDIDATES, type DetectDelimiterOptions } from './delimiter';
export { formatCsvRow, formatCsvField } from './format';
export { MAX_STORED_PROBLEMS, MAX_QUOTED_FIELD_CHARS, MAX_RECORD_CHARS } from './scanner';
export { openCsvFile, DEFAULT_CHUNK_BYTES, type CsvFile, type OpenCsvOptions } from './stream';
export {
  buildCsvIndex, buildCsvIndexAsync, cellAt, CsvDocumentIndex, INDEX_SLICE_CHARS,
  type BuildCsvIndexOptions, type CsvIndexOptions, type CsvTextSource, type IndexedCellAt,
} from './documentIndex';
export { problemLabel, TOO_FEW_FIELDS, TOO_MANY_FIELDS } from './problemLabel';
