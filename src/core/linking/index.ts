// Linked tables: the workspace index (participant → pathways → records per table), built in one streaming pass per
// table, holding keys and positions only; rows are re-read from disk on demand.
export type * from './types';
export { LinkIndex, reasonText, type IdMatch, type IndexOptions, type IndexProgress, type IndexStats, type SkippedFile, type UnlinkedRef } from './linkIndex';
export { Status } from './link';
export { StaleFileError } from './read';
export { keyColumns, type FileIndex, type KeyColumns } from './scan';
export { pathwayVerdict, verdictText, type VerdictOptions } from './verdict';
export { pathwaySummary, recordFields, recordSummary, fieldText, type FieldLine, type PathwaySummary } from './summary';
export { buildView, viewRow, type ParticipantView, type ViewPathway, type ViewPeriod, type ViewRow, type ViewTable } from './view';
