// Table recognition: which IAPT table (NHS IDS or UK LLC themed) a CSV header is, its layout and likely version.
export { recogniseTable, columnIndex, type RecognisedTable, type RecognisedColumn } from './recognise';
export * as recognitionThresholds from './thresholds';
export { groupExtracts, describeExtract, commonFolder, severalExtractsLines, type Extract, type ExtractFile, type ExtractGrouping } from './extracts';
