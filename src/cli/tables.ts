// `iapt tables <path>... [--format json]`: every CSV/TSV file under the paths with its recognised IAPT table,
// layout, data-set version, row count, recognised and unrecognised columns, and reading problems, grouped by extract.
// Each file is streamed once.
import * as path from 'node:path';
import { openCsvFile, type CsvProblem } from '../core/csv';
import { builtinDictionary, type Dictionary } from '../core/dictionary';
import { describeExtract, groupExtracts, recogniseTable, type Extract } from '../core/tables';
import { defineCommand, stringFlag, UsageError } from './args';
import { reasonOf } from './errors';
import { findInputFiles } from './inputs';
import { visible } from './text';

export { visible };

/** problems listed per file (all are counted) */
export const PROBLEMS_SHOWN = 5;

export interface TableReport {
  path: string;
  table: string | null;
  name: string | null;
  layout: 'nhs' | 'ukllc' | null;
  version: '2.0' | '2.1' | 'unknown' | null;
  /** the columns (or table) that point at each data-set version */
  versionEvidence: { '2.0': string[]; '2.1': string[] } | null;
  score: number | null;
  delimiter: string;
  rows: number;
  columns: number;
  recognised: string[];
  unrecognised: string[];
  problemCount: number;
  problems: CsvProblem[];
}

export interface PathError {
  path: string;
  message: string;
}

/** Streams one file once: header → table, then counts rows and collects problems. */
export async function reportFile(file: string, dict: Dictionary): Promise<TableReport> {
  const csv = await openCsvFile(file);
  const rec = csv.header.length ? recogniseTable(csv.header, dict, path.basename(file)) : null;
  let rows = 0;
  for await (const batch of csv.batches) rows += batch.length;
  return {
    path: file,
    table: rec?.id ?? null,
    name: rec?.name ?? null,
    layout: rec?.layout ?? null,
    version: rec?.version ?? null,
    versionEvidence: rec ? rec.versionEvidence : null,
    score: rec?.score ?? null,
    delimiter: csv.delimiter,
    rows,
    columns: csv.header.length,
    recognised: rec ? rec.recognised : [],
    unrecognised: rec ? rec.unrecognised : [...csv.header],
    problemCount: csv.problemCount,
    problems: csv.problems.slice(0, PROBLEMS_SHOWN),
  };
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', '|': 'pipe', ';': 'semicolon' };

export function formatReport(r: TableReport): string {
  const lines = [visible(r.path)];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(13)}${value}`);
  if (r.table) {
    row('table', `${r.table}${r.name && r.name !== r.table ? ` ${r.name}` : ''}`);
    const mixed = r.version === 'unknown' && !!r.versionEvidence?.['2.0'].length && !!r.versionEvidence['2.1'].length;
    row('layout', `${r.layout === 'nhs' ? 'nhs (NHS IDS table)' : 'ukllc (UK LLC themed table)'}, version ${mixed ? 'mixed' : r.version}${versionWhy(r)}, score ${r.score}`);
  } else {
    row('table', 'not recognised as an IAPT table');
  }
  row('rows', `${r.rows.toLocaleString('en-GB')} (${DELIMITER_NAMES[r.delimiter] ?? JSON.stringify(r.delimiter)}-separated, ${r.columns} columns)`);
  if (r.table) {
    row('recognised', `${r.recognised.length}${r.recognised.length ? `: ${r.recognised.map(visible).join(', ')}` : ''}`);
    row('unrecognised', `${r.unrecognised.length}${r.unrecognised.length ? `: ${r.unrecognised.map((h) => (h === '' ? "''" : visible(h))).join(', ')}` : ''}`);
  }
  row('problems', String(r.problemCount));
  for (const p of r.problems) lines.push(`    ${visible(p.file ?? r.path)}:${p.line}:${p.column} ${p.kind}: ${visible(p.message)}`);
  if (r.problemCount > r.problems.length) lines.push(`    … ${r.problemCount - r.problems.length} more`);
  return lines.join('\n');
}

/** ' (from X, Y)' naming the evidence of the version guess, or both sides when they disagree. */
function versionWhy(r: TableReport): string {
  const ev = r.versionEvidence;
  if (!ev) return '';
  const list = (names: string[]) => names.slice(0, 3).map(visible).join(', ') + (names.length > 3 ? ', …' : '');
  if (ev['2.0'].length && ev['2.1'].length) return ` (v2.0 columns ${list(ev['2.0'])} and v2.1 columns ${list(ev['2.1'])})`;
  const names = ev['2.0'].length ? ev['2.0'] : ev['2.1'];
  return names.length ? ` (from ${list(names)})` : ' (no version-specific columns)';
}

/** The reports grouped by extract (recognised tables only), in the extracts' order, then the unrecognised files. */
export function byExtract(reports: readonly TableReport[]): { extracts: { extract: Extract; reports: TableReport[] }[]; other: TableReport[]; reasons: string[] } {
  const recognised = reports.filter((r) => r.table && r.layout);
  const g = groupExtracts(recognised.map((r) => ({ path: r.path, tableId: r.table!, layout: r.layout! })));
  const index = new Map<string, number>();
  g.extracts.forEach((e, i) => { for (const f of e.files) index.set(f.path, i); });
  const extracts = g.extracts.map((extract) => ({ extract, reports: [] as TableReport[] }));
  const other: TableReport[] = [];
  for (const r of reports) {
    const i = index.get(r.path);
    if (i === undefined) other.push(r); else extracts[i].reports.push(r);
  }
  return { extracts, other, reasons: g.reasons };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function formatText(reports: readonly TableReport[]): string {
  const { extracts, other, reasons } = byExtract(reports);
  const recognised = reports.length - other.length;
  if (reasons.length === 0) {
    const body = reports.map(formatReport).join('\n\n');
    return `${body}${reports.length ? '\n\n' : ''}${plural(reports.length, 'file')}, ${recognised} recognised as IAPT tables\n`;
  }
  const parts: string[] = [];
  extracts.forEach(({ extract, reports: rs }, i) => {
    const rows = rs.reduce((n, r) => n + r.rows, 0);
    parts.push(`== extract ${i + 1} of ${extracts.length}: ${visible(describeExtract(extract))} ==`, '', ...rs.map((r) => `${formatReport(r)}\n`),
      `extract ${i + 1}: ${plural(rs.length, 'table file')}, ${rows.toLocaleString('en-GB')} rows`, '');
  });
  if (other.length) parts.push('== not recognised as IAPT tables ==', '', ...other.map((r) => `${formatReport(r)}\n`));
  parts.push(`${plural(reports.length, 'file')}, ${recognised} recognised as IAPT tables, in ${extracts.length} separate extracts `
    + `(${reasons.map(visible).join('; ')}): summarised per extract, never merged`);
  return `${parts.join('\n')}\n`;
}

const command = defineCommand({
  name: 'tables',
  help: {
    synopsis: '<path>... [--format json]',
    summary: 'what each CSV/TSV file is: IAPT table, layout, version, rows, columns, problems',
    description: `Lists every CSV/TSV file under the paths (folders are searched recursively for .csv, .tsv and .txt files,
skipping hidden folders and node_modules) with the IAPT table it holds (NHS IDS table or UK LLC themed table,
recognised by its header row), the layout, the likely data-set version, the number of rows, the recognised and
unrecognised columns, and reading problems (file:line:column).
When the paths hold more than one extract (tables of both layouts, or the same table in two folders), the files
are listed and summarised per extract, each labelled with its folder; extracts are never merged.`,
    examples: ['iapt tables sample/nhs', 'iapt tables sample/ --format json'],
    exitCodes: [
      [0, 'done'],
      [1, 'no .csv, .tsv or .txt file under the paths'],
      [2, 'usage error, or a path or file that cannot be read (the others are still listed)'],
    ],
  },
  options: [{ name: 'format', value: 'json', help: 'one JSON object: files (as in the text), extracts (folder, layout, files), errors' }],
  async run(args, io) {
    if (args.positional.length === 0) throw new UsageError('give at least one file or folder');
    const format = stringFlag(args, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
    const dict = builtinDictionary();
    const errors: PathError[] = [];
    // FIFOs, devices and links out of the folder are never opened: listed as not read
    const files = findInputFiles(args.positional, (p, reason) => errors.push({ path: p, message: reason }));
    const reports: TableReport[] = [];
    for (const file of files) {
      try {
        reports.push(await reportFile(file, dict));
      } catch (err) {
        errors.push({ path: file, message: reasonOf(err) });
      }
    }
    if (format === 'json') {
      const { extracts } = byExtract(reports);
      const json = { files: reports, extracts: extracts.map(({ extract }) => ({ folder: extract.folder, layout: extract.layout, files: extract.files.map((f) => f.path) })), errors };
      io.stdout.write(JSON.stringify(json, null, 2) + '\n');
    } else {
      io.stdout.write(formatText(reports));
    }
    for (const e of errors) io.stderr.write(`iapt tables: cannot read ${visible(e.path)}: ${e.message}\n`);
    return errors.length ? 2 : 0;
  },
});
export default command;
