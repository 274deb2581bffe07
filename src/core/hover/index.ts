// Hover text model (what a cell of an IAPT table means) and its markdown rendering, free of vscode.
export { describeCell, type CellHover, type CellHoverInput, type CodeHover, type FieldHover, type HoverDictionary, type HoverTable, type ScoreHover } from './model';
export { renderHoverMarkdown } from './render';
export { escapeMarkdown, clip } from './escapeMarkdown';
export { describeTableText, type TableSummaryInput } from './tableSummary';
export { builtinSeverityBands, parseSeverityBands, bandFor, atCaseness, SeverityBands, severityBandsSchema, type SeverityBand, type SeverityMeasure } from './severityBands';
export { commandLinkTarget } from './commandLink';
export { describeScoreValue, resolveAssessment, type ScoreDictionary } from './score';
