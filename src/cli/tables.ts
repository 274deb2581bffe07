// `iapt tables <path>... [--format json]`: every CSV/TSV file under the paths with its recognised IAPT table,
// layout, data-set version, row count, recognised and unrecognised columns, and reading problems.
// Each file is streamed once. Exit codes: 0 done, 1 a path could not be read, 2 usage error.
import * as path from 'node:path';
import { openCsvFile, type CsvProblem } from '../core/csv';
import { builtinDictionary, type Dictionary } from '../core/dictionary';
import { listTableFiles, NotRegularFileError } from '../core/files';
import { recogniseTable } from '../core/tables';
import { visible } from '../core/text/visible';
import { stringFlag, UsageError, type CliCommand } from './args';

const USAGE = `Usage: iapt tables <path>... [--format json]

Lists every CSV/TSV file under the paths (folders are searched recursively for .csv, .tsv and .txt files,
skipping node_modules and hidden folders; FIFOs, devices and links out of the folder are skipped and reported) with the IAPT table it holds (NHS IDS table or UK LLC themed table), the layout,
the likely data-set version, the number of rows, the recognised and unrecognised columns, and reading problems.

Exit codes: 0 done, 1 a path could not be read, 2 usage error.`;

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

/**
 * Files under the given paths (files as given; folders recursively), sorted, and the paths that failed or were
 * skipped (not regular files, links out of the folder): core/files listTableFiles, shared with `iapt outcomes`.
 */
export async function listFiles(paths: string[]): Promise<{ files: string[]; errors: PathError[] }> {
  const { files, missing, skipped } = listTableFiles(paths);
  return {
    files,
    errors: [...missing.map((p) => ({ path: p, message: 'no such file or folder' })), ...skipped.map((s) => ({ path: s.path, message: s.reason }))],
  };
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

/** Control chars of untrusted file content made visible, so a header cannot drive the terminal (core/text). */
export { visible };

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', '|': 'pipe', ';': 'semicolon' };

export function formatReport(r: TableReport): string {
  const lines = [visible(r.path)];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(13)}${value}`);
  if (r.table) {
    row('table', `${r.table}${r.name && r.name !== r.table ? ` ${r.name}` : ''}`);
    row('layout', `${r.layout === 'nhs' ? 'nhs (NHS IDS table)' : 'ukllc (UK LLC themed table)'}, version ${r.version}${versionWhy(r)}, score ${r.score}`);
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

function errorMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'ENOENT') return 'no such file or folder';
  if (e && e.code === 'EACCES') return 'permission denied';
  if (e && e.code === 'EISDIR') return 'is a folder';
  if (err instanceof NotRegularFileError) return `not a regular file (${err.kind}); skipped`;
  return err instanceof Error ? err.message : String(err);
}

const command: CliCommand = {
  usage: USAGE,
  options: [{ name: 'format' }],
  async run(args, io) {
    if (args.positional.length === 0) throw new UsageError('give at least one file or folder');
    const format = stringFlag(args, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
    const dict = builtinDictionary();
    const { files, errors } = await listFiles(args.positional);
    const reports: TableReport[] = [];
    for (const file of files) {
      try {
        reports.push(await reportFile(file, dict));
      } catch (err) {
        errors.push({ path: file, message: errorMessage(err) });
      }
    }
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ files: reports, errors }, null, 2) + '\n');
    } else {
      io.stdout.write(reports.map(formatReport).join('\n\n') + (reports.length ? '\n' : ''));
      const recognised = reports.filter((r) => r.table).length;
      io.stdout.write(`${reports.length ? '\n' : ''}${reports.length} file${reports.length === 1 ? '' : 's'}, ${recognised} recognised as IAPT tables\n`);
    }
    for (const e of errors) io.stderr.write(`iapt tables: ${visible(e.path)}: ${e.message}\n`);
    return errors.length ? 1 : 0;
  },
};
export default command;
