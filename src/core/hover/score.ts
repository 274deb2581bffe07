// A score read on its own (`iapt decode PersScore 12 --tool PHQ-9`): the same description the hover gives a score
// cell, built by describing a one-row table with the assessment next to the score (no second copy of the rules).
import type { AssessmentEntry, FieldEntry } from '../dictionary/types';
import { describeCell, type HoverDictionary, type ScoreHover } from './model';
import { builtinSeverityBands, type SeverityBands } from './severityBands';

export interface ScoreDictionary extends HoverDictionary {
  field(column: string, tableId?: string): FieldEntry | undefined;
}

const TOOL_COLUMN = 'CodedAssToolType';
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Names an assessment is known by: its SNOMED CT code, name (with and without "total score"/"score"), abbreviation, tool. */
function namesOf(a: AssessmentEntry): string[] {
  const names = [a.snomed, a.name, a.name.replace(/\s+(total\s+)?score\b.*$/i, ''), a.tool];
  for (const m of a.name.matchAll(/\(([^)]+)\)/g)) names.push(m[1]);
  return names.map(norm).filter((n) => n !== '');
}

/**
 * The SNOMED CT code(s) of an assessment given by code or by name ("720433000", "PHQ-9", "phq9", "SPIN",
 * "Patient Health Questionnaire-9"). Several codes when the name is ambiguous (e.g. a questionnaire's items).
 */
export function resolveAssessment(dict: HoverDictionary, text: string, bands: SeverityBands = builtinSeverityBands()): string[] {
  const wanted = norm(text);
  if (wanted === '') return [];
  if (dict.assessment(text.trim())) return [text.trim()];
  const measure = bands.measures.find((m) => norm(m.name) === wanted);
  if (measure) return [measure.snomed[0]];
  return dict.assessments().filter((a) => namesOf(a).includes(wanted)).map((a) => a.snomed);
}

/**
 * What a score value means for a column (PersScore with its assessment `tool`, or a derived first/last score
 * field named after its measure): measure, range, severity band and caseness, exactly as the hover says it.
 * Undefined when the column is not a score column.
 */
export function describeScoreValue(
  dict: ScoreDictionary, column: string, value: string, opts: { table?: string; tool?: string } = {}, bands: SeverityBands = builtinSeverityBands(),
): ScoreHover | undefined {
  const field = dict.field(column, opts.table);
  if (!field) return undefined;
  const columns: { index: number; header: string; field: FieldEntry | null }[] = [{ index: 0, header: column, field }];
  const header = [column];
  const row = [value];
  const toolField = dict.field(TOOL_COLUMN, field.tableId);
  if (opts.tool !== undefined && toolField) {
    columns.push({ index: 1, header: TOOL_COLUMN, field: toolField });
    header.push(TOOL_COLUMN);
    row.push(opts.tool);
  }
  const cell = describeCell(dict, { table: { layout: 'nhs', id: field.tableId, nhsTables: [], version: 'unknown', columns }, header, row, column: 0 }, bands);
  return cell?.score?.measure || cell?.score?.reason ? cell.score : undefined;
}
