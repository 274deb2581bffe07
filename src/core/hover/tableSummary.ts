// Plain-text description of a recognised table (the "IAPT: Describe Table" command and its log line).
// Plain text on purpose: it is shown in a read-only text document, so file content needs no escaping there.
import { UKLLC_ANY_TABLE } from '../dictionary';
import type { HoverDictionary, HoverTable } from './model';

export interface TableSummaryInput {
  file: string;
  /** null when the header is no IAPT table */
  table: (HoverTable & { versionEvidence?: Partial<Record<'2.0' | '2.1', string[]>>; keyFieldsMissing?: string[] }) | null;
  header: readonly string[];
  rows: number;
  problemCount: number;
  delimiter: string;
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', '|': 'pipe', ';': 'semicolon' };

export function describeTableText(dict: HoverDictionary, s: TableSummaryInput): string {
  const lines: string[] = [];
  const delimiter = DELIMITER_NAMES[s.delimiter] ?? JSON.stringify(s.delimiter);
  const problems = s.problemCount ? ` · ${s.problemCount} CSV problem(s), listed in the IAPT Explorer log` : '';
  if (!s.table) {
    lines.push(`File: ${s.file}`, 'Not recognised as an IAPT table (NHS IDS tables v2.0/v2.1 or UK LLC themed tables).');
    lines.push(`${s.rows} data row(s), ${s.header.length} column(s), ${delimiter}-delimited${problems}`);
    if (s.header.length) lines.push('', `Header: ${s.header.join(', ')}`);
    return lines.join('\n') + '\n';
  }
  const t = s.table;
  const entry = t.layout === 'nhs' ? dict.table(t.id) : undefined;
  lines.push(`IAPT table: ${t.id}${entry ? ` — ${entry.name}` : ''}`);
  lines.push(`File: ${s.file}`);
  lines.push(t.layout === 'ukllc' ? `Layout: UK LLC themed table (lower-case names), merged from ${t.nhsTables.join(', ')}` : 'Layout: NHS IAPT v2.x technical names');
  const evidence = t.version === 'unknown' ? [] : t.versionEvidence?.[t.version] ?? [];
  const mixed = t.version === 'unknown' && t.versionEvidence?.['2.0']?.length && t.versionEvidence['2.1']?.length
    ? `columns of both: v2.0 ${t.versionEvidence['2.0'].join(', ')}; v2.1 ${t.versionEvidence['2.1'].join(', ')} (e.g. an extract spanning the change)` : '';
  lines.push(`Data set version: ${t.version !== 'unknown' ? `v${t.version} (likely${evidence.length ? `, from ${evidence.join(', ')}` : ''})` : mixed || 'unknown (the header fits v2.0 and v2.1)'}`);
  lines.push(`${s.rows} data row(s), ${s.header.length} column(s), ${delimiter}-delimited${problems}`);

  if (t.keyFieldsMissing?.length) lines.push(`Key fields missing: ${t.keyFieldsMissing.join(', ')}`);

  const known = t.columns.filter((c) => c.field);
  const unknown = t.columns.filter((c) => !c.field);
  // a loop, not Math.max(...spread): a spread of ~200k columns overflows the stack
  let width = 0;
  for (const c of t.columns) if (c.header.length > width) width = c.header.length;
  width = Math.min(40, width);
  lines.push('', `Recognised columns (${known.length} of ${t.columns.length}):`);
  for (const c of known) {
    const f = c.field!;
    const extra = [f.type, f.codelist ? `code list ${f.codelist}` : '', f.range ? `range ${f.range.min}–${f.range.max}` : '', f.origin === 'derived' && f.tableId !== UKLLC_ANY_TABLE ? 'derived' : '', f.tableId === UKLLC_ANY_TABLE ? 'UK LLC column' : f.tableId !== t.id ? `from ${f.tableId}` : '']
      .filter(Boolean).join(', ');
    lines.push(`  ${String(c.index + 1).padStart(3)}  ${c.header.padEnd(width)}  ${f.label} (${extra})`);
  }
  lines.push('', `Unrecognised columns (${unknown.length}):${unknown.length ? '' : ' none'}`);
  for (const c of unknown) lines.push(`  ${String(c.index + 1).padStart(3)}  ${c.header}`);
  return lines.join('\n') + '\n';
}
