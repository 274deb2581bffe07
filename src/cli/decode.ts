// `iapt decode <column> <value> [--table ID] [--tool ASSESSMENT] [--format json]`: what a value of an IAPT column
// means, as the hover says it: a code's meaning, or a score's measure, range, severity band and caseness.
// Column names in either naming scheme (EndCode / endcode).
import { builtinDictionary, CODE_SYSTEM_NAMES, type Dictionary } from '../core/dictionary';
import type { Decoded } from '../core/dictionary/types';
import { builtinSeverityBands, describeScoreValue, resolveAssessment, type ScoreHover } from '../core/hover';
import { defineCommand, stringFlag, UsageError } from './args';
import { visible } from './text';

export interface DecodeResult extends Decoded {
  /** the field's NHS technical name and UK LLC name, when the column is known */
  field: { name: string; ukllcName: string; type: string } | null;
  /** the coded assessment, when the value is a SNOMED CT assessment tool type */
  assessment: { name: string; tool: string; min: number | null; max: number | null } | null;
}

export function decodeValue(dict: Dictionary, column: string, value: string, table?: string): DecodeResult {
  const decoded = dict.decode(column, value, table);
  const f = dict.field(column, table);
  const a = decoded.codelist === 'coded_assessment_tool_type' ? dict.assessment(decoded.value) : undefined;
  return {
    ...decoded,
    field: f ? { name: f.name, ukllcName: f.ukllcName, type: f.type } : null,
    assessment: a ? { name: a.name, tool: a.tool, min: a.min, max: a.max } : null,
  };
}

export function isDecoded(d: Decoded): boolean {
  return d.status === 'valid' || d.status === 'valid-no-meaning';
}

/** One line as in the hover, then indented details. */
export function formatDecoded(d: DecodeResult, dict: Dictionary): string {
  const head = `${d.column} = ${d.value === '' ? "''" : d.value}`;
  const system = d.system ? CODE_SYSTEM_NAMES[d.system] : '';
  const lines: string[] = [];
  switch (d.status) {
    case 'valid':
    case 'valid-no-meaning':
      lines.push(`${head}: ${d.meaning ?? 'valid code (the source gives no meaning)'} (${d.codelist}, ${system}, valid in ${d.versions.map((v) => `v${v}`).join(', ')})`);
      break;
    case 'not-in-codelist':
      lines.push(`${head}: not in code list ${d.codelist} (${system})` + (d.meaning ? `; it meant "${d.meaning}"` : ''));
      break;
    case 'not-coded':
      lines.push(`${head}: ${d.column} is not a coded column (${d.field?.type ?? 'uncoded'}); nothing to decode`);
      break;
    case 'unknown-column':
      lines.push(`${head}: unknown column '${d.column}' (not in the IAPT dictionary)`);
      break;
  }
  if (d.field && d.table) {
    const t = dict.table(d.table);
    const where = t ? `${t.id} ${t.name}` : d.table === 'UKLLC' ? 'every UK LLC table' : d.table;
    lines.push(`  field: ${d.label} (${d.field.name} / ${d.field.ukllcName}; ${where})`);
  }
  if (d.assessment) {
    const range = d.assessment.min !== null && d.assessment.max !== null ? `, scores ${d.assessment.min}-${d.assessment.max}` : '';
    lines.push(`  measure: ${d.assessment.name} (${d.assessment.tool}${range})`);
  }
  if (d.matched) lines.push(`  grouped as: ${d.matched}`);
  if (d.note) lines.push(`  note: ${d.note}`);
  return lines.join('\n');
}

/** A score in words: "PersScore = 12: PHQ-9 score, Moderate (10-14), at caseness (PHQ-9 >= 10)" and details. */
export function formatScore(column: string, value: string, s: ScoreHover): string {
  const head = `${visible(column)} = ${value === '' ? "''" : visible(value)}`;
  const measure = s.measure?.name ?? null;
  const range = s.range ? `${s.range.min}-${s.range.max}` : null;
  const lines: string[] = [];
  if (!measure) lines.push(`${head}: the measure is not known (${s.reason ?? 'no assessment'})`);
  else if (s.answer && !s.answer.accepted) lines.push(`${head}: not an accepted answer for ${measure} (accepted: ${s.answer.codes.join(', ')})`);
  else if (s.answer && s.inRange === null) lines.push(`${head}: accepted answer code for ${measure}`);
  else if (s.score === null) lines.push(`${head}: not a number (a ${measure} score was expected)`);
  else if (s.inRange === false) lines.push(`${head}: out of range for ${measure}: valid scores are ${range}`);
  else lines.push(`${head}: ${/score/i.test(measure) ? measure : `${measure} score`}${s.band ? `, ${s.band.label} (${s.band.min}-${s.band.max})` : ''}`);
  if (measure) lines.push(`  measure: ${measure}${s.measure?.snomed ? ` (SNOMED CT ${s.measure.snomed})` : ''}${range ? `, scores ${range}` : ''}`);
  if (s.band) lines.push(`  severity band: ${s.band.label} (${s.band.min}-${s.band.max}; ${s.band.status}; source in --format json)`);
  if (s.caseness) {
    const rule = `${measure} ${s.caseness.comparison} ${s.caseness.threshold}`;
    lines.push(`  caseness: ${s.caseness.atCaseness ? 'at caseness' : 'below caseness'} (${rule}; ${s.caseness.status})`);
  }
  return lines.join('\n');
}

/** A score is decodable with its measure and a number (or accepted answer code) in range. */
function scoreDecoded(s: ScoreHover): boolean {
  return s.measure !== null && (s.inRange === true || (s.answer?.accepted === true && s.inRange === null));
}

function scoreJson(column: string, value: string, s: ScoreHover) {
  return {
    column, value, status: scoreDecoded(s) ? 'valid-score' : s.measure ? 'invalid-score' : 'measure-unknown',
    measure: s.measure ? { name: s.measure.name, snomed: s.measure.snomed } : null, score: s.score, range: s.range, inRange: s.inRange,
    band: s.band ?? null, caseness: s.caseness ?? null, reason: s.reason ?? null,
  };
}

const command = defineCommand({
  name: 'decode',
  help: {
    synopsis: '<column> <value> [--table ID] [--tool ASSESSMENT] [--format json]',
    summary: 'what a value means: a code\'s meaning, or a score\'s measure, band and caseness',
    description: `Decodes one value of an IAPT column with the built-in dictionary, as the editor's hover does: a code's meaning,
its code list and code system, and the data-set versions (v2.0, v2.1) in which it is valid; for a score, its measure,
range, severity band and caseness.
  <column>  NHS technical name (EndCode, CodedAssToolType, PersScore) or UK LLC name (endcode, persscore)
  <value>   the value as written in the file, e.g. 46, 720433000 or 12
A PersScore means nothing without its assessment: give it with --tool (the row's CodedAssToolType). Derived score
columns named after their measure (PHQ9_FirstScore, …) need no --tool.`,
    examples: [
      'iapt decode EndCode 46',
      'iapt decode codedasstooltype 720433000',
      'iapt decode PersScore 12 --tool PHQ-9',
      'iapt decode persscore 9 --tool 445455005 --format json',
    ],
    exitCodes: [
      [0, 'decoded (a valid code, or a score in range of a known measure)'],
      [1, 'not decoded: value not in the code list, column unknown or not coded, score out of range or without its assessment'],
      [2, 'usage error (also: an unknown --table or --tool)'],
    ],
  },
  options: [
    { name: 'table', value: 'ID', help: 'prefer this table\'s field: an IDS id (IDS101) or a UK LLC table (IAPT_care_activities)' },
    { name: 'tool', value: 'ASSESSMENT', help: 'the assessment of a score: SNOMED CT code (720433000) or name (PHQ-9, GAD-7, SPIN, PCL-5, …)' },
    { name: 'format', value: 'json', help: 'one JSON object (code: column, table, label, value, meaning, codelist, system, versions, status; score: measure, range, band, caseness)' },
  ],
  async run(args, io) {
    if (args.positional.length !== 2) {
      throw new UsageError(`expected <column> <value>, got ${args.positional.length} argument${args.positional.length === 1 ? '' : 's'}`);
    }
    const format = stringFlag(args, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
    const [column, value] = args.positional;
    if (column.trim() === '') throw new UsageError('the column name is empty');
    const dict = builtinDictionary();
    const table = stringFlag(args, 'table');
    if (args.flags.table !== undefined && (table === undefined || (!dict.table(table) && !dict.ukllcTable(table)))) {
      throw new UsageError(`unknown table '${String(args.flags.table)}': give an IDS id (IDS101) or a UK LLC table (IAPT_care_activities)`);
    }
    const toolText = stringFlag(args, 'tool');
    let tool: string | undefined;
    if (toolText !== undefined) {
      const bands = builtinSeverityBands();
      const found = resolveAssessment(dict, toolText, bands);
      if (found.length === 0) throw new UsageError(`unknown assessment '${toolText}': give a SNOMED CT code (720433000) or a name (PHQ-9, GAD-7, SPIN, PDSS, OCI, PCL-5, HAI)`);
      if (found.length > 1) throw new UsageError(`'${toolText}' names ${found.length} assessments (${found.slice(0, 6).join(', ')}${found.length > 6 ? ', …' : ''}): give its SNOMED CT code`);
      tool = found[0];
    }
    const score = describeScoreValue(dict, column, value, { table, tool });
    if (score) {
      if (!score.measure && tool === undefined) {
        const message = `${visible(column)} = ${visible(value)}: a score needs its assessment to be read: give the row's CodedAssToolType with --tool, `
          + `e.g. iapt decode ${visible(column)} ${visible(value)} --tool PHQ-9 (or --tool 720433000)`;
        if (format === 'json') io.stdout.write(JSON.stringify({ ...scoreJson(column, value, score), reason: message }, null, 2) + '\n');
        else io.stdout.write(message + '\n');
        return 1;
      }
      io.stdout.write(format === 'json' ? JSON.stringify(scoreJson(column, value, score), null, 2) + '\n' : formatScore(column, value, score) + '\n');
      return scoreDecoded(score) ? 0 : 1;
    }
    if (tool !== undefined) throw new UsageError(`--tool applies to score columns (PersScore); ${column} is not one`);
    const d = decodeValue(dict, column, value, table);
    if (format === 'json') {
      const out = {
        column: d.column, table: d.table, label: d.label, value: d.value, meaning: d.meaning, codelist: d.codelist,
        system: d.system, versions: d.versions, status: d.status, matched: d.matched ?? null, note: d.note ?? null, field: d.field, assessment: d.assessment,
      };
      io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else {
      io.stdout.write(formatDecoded(d, dict) + '\n');
    }
    return isDecoded(d) ? 0 : 1;
  },
});
export default command;
