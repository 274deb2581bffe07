// `iapt decode <column> <value> [--table ID] [--format json]`: what a value of an IAPT column means, as the hover
// says it. Column names in either naming scheme (EndCode / endcode). Exit codes: 0 decoded (a valid code),
// 1 not decoded (value not in the code list, column unknown or not coded), 2 usage error.
import { builtinDictionary, CODE_SYSTEM_NAMES, type Dictionary } from '../core/dictionary';
import type { Decoded } from '../core/dictionary/types';
import { stringFlag, UsageError, type CliCommand } from './args';

const USAGE = `Usage: iapt decode <column> <value> [--table ID] [--format json]

Decodes one value of an IAPT column with the built-in dictionary: the code's meaning, its code list and code
system, and the data-set versions (v2.0, v2.1) in which it is valid.
  <column>      NHS technical name (EndCode, CodedAssToolType) or UK LLC name (endcode, codedasstooltype)
  <value>       the value as written in the file, e.g. 46 or 720433000
  --table ID    prefer this table's field: an IDS id (IDS101) or a UK LLC table (IAPT_care_activities)
  --format json one JSON object: column, table, label, value, meaning, codelist, system, versions, status, note

Examples: iapt decode EndCode 46 · iapt decode codedasstooltype 720433000

Exit codes: 0 decoded, 1 value not in the code list / column unknown / column not coded, 2 usage error.`;


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

const command: CliCommand = {
  usage: USAGE,
  options: [{ name: 'table' }, { name: 'format' }],
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
};
export default command;
