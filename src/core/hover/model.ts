// The hover's text model: a plain-data description of one cell of a recognised IAPT table
// (header cell → the field; data cell → the field plus the value decoded: code meaning, or score measure, band, caseness).
// No vscode here; the extension renders it with render.ts, tests assert on it directly.
import type { AssessmentEntry, CodeSystem, DataSetVersion, Decoded, FieldEntry, FieldType, Layout, TableEntry } from '../dictionary/types';
import { atCaseness, bandFor, builtinSeverityBands, type SeverityBands, type SeverityMeasure } from './severityBands';

/** What the hover needs of a recognised table (structurally a RecognisedTable from core/tables). */
export interface HoverTable {
  layout: Layout;
  /** IDS id (nhs layout) or UK LLC table name (ukllc layout) */
  id: string;
  nhsTables: string[];
  version: DataSetVersion | 'unknown';
  /** header columns pointing at each version (a RecognisedTable has them); tells a mixed header from a neutral one */
  versionEvidence?: Record<DataSetVersion, string[]>;
  columns: readonly { index: number; header: string; field: FieldEntry | null }[];
}

/** What the hover needs of the dictionary (structurally a Dictionary from core/dictionary). */
export interface HoverDictionary {
  table(id: string): TableEntry | undefined;
  decode(column: string, rawValue: string, tableId?: string): Decoded;
  assessment(snomed: string): AssessmentEntry | undefined;
  assessments(): AssessmentEntry[];
  codelist(id: string): { id: string; label: string; system: CodeSystem } | undefined;
}

export interface CellHoverInput {
  table: HoverTable;
  /** the header names as written in the file */
  header: readonly string[];
  /** the data row's fields; null when the cell is a header cell */
  row: readonly string[] | null;
  /** 0-based column index */
  column: number;
}

export interface FieldHover {
  name: string;
  ukllcName: string;
  ukllcNameStatus: FieldEntry['ukllcNameStatus'];
  label: string;
  type: FieldType;
  /** IDS table the field belongs to, and that table's name */
  tableId: string;
  tableName: string | null;
  origin: 'submitted' | 'derived';
  versions: DataSetVersion[];
  mandatory: boolean | null;
  codelist: { id: string; label: string } | null;
  range: { min: number; max: number } | null;
  note?: string;
}

export interface CodeHover {
  status: Decoded['status'];
  meaning: string | null;
  codelist: string | null;
  codelistLabel: string | null;
  system: CodeSystem | null;
  /** versions in which the value is valid for this field */
  versions: DataSetVersion[];
  note?: string;
  /** the grouping entry the value fell under (e.g. "F32*" for F321) */
  matched?: string;
  /** when the value is a coded assessment tool: its score range */
  assessment?: { name: string; min: number | null; max: number | null };
}

export interface ScoreHover {
  /** the measure the score belongs to; null when it cannot be told (reason says why) */
  measure: { name: string; snomed: string | null; from: 'tool-column' | 'derived-field'; toolColumn?: string } | null;
  reason?: string;
  /** the score as a number; null when the value is not a number */
  score: number | null;
  range: { min: number; max: number } | null;
  /** null when there is no range or no number, or the value is a non-score answer code (e.g. NA, 99) */
  inRange: boolean | null;
  /** for measures answered with codes (PEQ: 0-4, 99, NA; Y/N): whether the value is one of them */
  answer?: { accepted: boolean; codes: string[] };
  band?: { label: string; min: number; max: number; note?: string; status: 'confirmed' | 'inferred'; source: string[] };
  caseness?: { atCaseness: boolean; threshold: number; comparison: '>=' | '>'; status: 'confirmed' | 'inferred'; source: string[] };
}

export interface CellHover {
  kind: 'header' | 'data';
  /** the header cell as written */
  header: string;
  columnIndex: number;
  table: {
    id: string; name: string | null; layout: Layout; version: DataSetVersion | 'unknown'; nhsTables: string[];
    /** when the header holds columns of both versions (version 'unknown'): which, for each version */
    versionMix?: Record<DataSetVersion, readonly string[]>;
  };
  /** null = the column is not in the dictionary (shown as unknown, never guessed) */
  field: FieldHover | null;
  /** data cells only: the value as written */
  value?: string;
  code?: CodeHover;
  score?: ScoreHover;
  /** the data row is shorter than the header (ragged row) */
  missingCell?: boolean;
}

const SCORE_FIELD = 'persscore';
const TOOL_FIELD = 'codedasstooltype';
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function describeCell(dict: HoverDictionary, input: CellHoverInput, bands: SeverityBands = builtinSeverityBands()): CellHover | undefined {
  const { table, header, row, column } = input;
  if (column < 0 || column >= Math.max(header.length, row?.length ?? 0)) return undefined;
  const col = table.columns.find((c) => c.index === column);
  const field = col?.field ?? null;
  const headerName = header[column] ?? col?.header ?? '';
  const tableEntry = table.layout === 'nhs' ? dict.table(table.id) : undefined;
  const hover: CellHover = {
    kind: row === null ? 'header' : 'data',
    header: headerName,
    columnIndex: column,
    table: {
      id: table.id, name: tableEntry?.name ?? null, layout: table.layout, version: table.version, nhsTables: table.nhsTables,
      ...(table.version === 'unknown' && table.versionEvidence?.['2.0'].length && table.versionEvidence['2.1'].length ? { versionMix: table.versionEvidence } : {}),
    },
    field: field ? describeField(dict, field) : null,
  };
  if (row === null) return hover;
  if (column >= row.length) {
    hover.value = '';
    hover.missingCell = true;
    return hover;
  }
  const value = row[column];
  hover.value = value;
  if (!field || value.trim() === '') return hover;

  const score = describeScore(dict, bands, input, field, value);
  if (score) {
    hover.score = score;
    return hover;
  }
  if (field.codelist) hover.code = describeCode(dict, field, value);
  else if (field.range) {
    const n = NUMBER.test(value.trim()) ? Number(value.trim()) : null;
    hover.score = { measure: null, score: n, range: field.range, inRange: n === null ? null : n >= field.range.min && n <= field.range.max };
  }
  return hover;
}

function describeField(dict: HoverDictionary, f: FieldEntry): FieldHover {
  const list = f.codelist ? dict.codelist(f.codelist) : undefined;
  return {
    name: f.name,
    ukllcName: f.ukllcName,
    ukllcNameStatus: f.ukllcNameStatus,
    label: f.label,
    type: f.type,
    tableId: f.tableId,
    tableName: dict.table(f.tableId)?.name ?? null,
    origin: f.origin,
    versions: f.versions,
    mandatory: f.mandatory,
    codelist: f.codelist ? { id: f.codelist, label: list?.label ?? f.codelist } : null,
    range: f.range,
    ...(f.note ? { note: f.note } : {}),
  };
}

function describeCode(dict: HoverDictionary, field: FieldEntry, value: string): CodeHover {
  const d = dict.decode(field.name, value, field.tableId);
  const list = d.codelist ? dict.codelist(d.codelist) : undefined;
  const code: CodeHover = {
    status: d.status,
    meaning: d.meaning,
    codelist: d.codelist,
    codelistLabel: list?.label ?? null,
    system: d.system,
    versions: d.versions,
    ...(d.note ? { note: d.note } : {}),
    ...(d.matched ? { matched: d.matched } : {}),
  };
  if (field.name.toLowerCase() === TOOL_FIELD) {
    const a = dict.assessment(value.trim());
    if (a) code.assessment = { name: a.name, min: a.min, max: a.max };
  }
  return code;
}

/** Score cells: PersScore (measure from the row's CodedAssToolType) and derived first/last score fields. */
function describeScore(dict: HoverDictionary, bands: SeverityBands, input: CellHoverInput, field: FieldEntry, value: string): ScoreHover | undefined {
  const trimmed = value.trim();
  const score = NUMBER.test(trimmed) ? Number(trimmed) : null;
  let assessment: AssessmentEntry | undefined;
  let severity: SeverityMeasure | undefined;
  let measure: ScoreHover['measure'] = null;
  let reason: string | undefined;

  if (field.name.toLowerCase() === SCORE_FIELD) {
    const toolCol = input.table.columns.find((c) => c.field?.name.toLowerCase() === TOOL_FIELD);
    const tool = toolCol ? input.row?.[toolCol.index]?.trim() : undefined;
    if (!toolCol) reason = 'this table has no CodedAssToolType column, so the measure is not known';
    else if (!tool) reason = `${toolCol.header} is empty in this row, so the measure is not known`;
    else {
      assessment = dict.assessment(tool);
      severity = bands.forTool(tool);
      if (assessment || severity) {
        measure = { name: severity?.name ?? assessment!.name, snomed: tool, from: 'tool-column', toolColumn: toolCol.header };
      } else reason = `${toolCol.header} ${tool} is not a known coded assessment, so the measure is not known`;
    }
  } else {
    severity = bands.forDerivedField(field.name);
    assessment = dict.assessments().find((a) => a.derivedFields.some((f) => f.toLowerCase() === field.name.toLowerCase()));
    if (!severity && !assessment) return undefined;
    measure = { name: severity?.name ?? assessment!.name, snomed: assessment?.snomed ?? severity?.snomed[0] ?? null, from: 'derived-field' };
  }

  const range = severity
    ? { min: severity.min, max: severity.max }
    : assessment && assessment.min !== null && assessment.max !== null
      ? { min: assessment.min, max: assessment.max }
      : field.range;
  let inRange = range && score !== null ? score >= range.min && score <= range.max : null;
  let answer: ScoreHover['answer'];
  if (assessment?.answerCodes?.length) {
    answer = { accepted: assessment.answerCodes.includes(trimmed), codes: assessment.answerCodes };
    // an accepted code outside the numeric range (99, NA) is an answer, not an out-of-range score
    if (answer.accepted && inRange !== true) inRange = null;
  }
  const out: ScoreHover = { measure, score, range, inRange, ...(answer ? { answer } : {}), ...(reason ? { reason } : {}) };
  if (severity && score !== null && inRange) {
    const band = bandFor(severity, score);
    if (band) out.band = { label: band.label, min: band.min, max: band.max, ...(band.note ? { note: band.note } : {}), status: severity.bandsStatus, source: severity.bandsSource };
    const at = atCaseness(severity, score);
    if (at !== undefined && severity.caseness) {
      out.caseness = { atCaseness: at, threshold: severity.caseness.threshold, comparison: severity.caseness.comparison, status: severity.caseness.status, source: severity.caseness.source };
    }
  }
  return out;
}
