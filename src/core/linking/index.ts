// Linked tables: the workspace index (participant → pathways → records per table), built in one streaming pass per
// table, holding keys and positions only; rows are re-read from disk on demand.
export type * from './types';
export { LinkIndex, reasonText, type IdMatch, type IndexOptions, type IndexProgress, type IndexStats, type SkippedFile, type UnlinkedRef } from './linkIndex';
export { Status } from './link';
export { StaleFileError } from './read';
export type { FileIndex } from './scan';
