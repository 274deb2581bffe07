// `iapt outcomes <path>... [--out FILE.csv] [--summary FILE.json] [--from DATE --to DATE] …`
// Recomputes NHS Talking Therapies outcomes per pathway from one extract's tables (either layout) and prints a report.
import * as fs from 'node:fs';
import { formatCsvRow } from '../core/csv';
import {
  formatOutcomeReport, OutcomeInputError, outcomeCsvLines, summaryJson, thresholdsWith, ThresholdsError,
  writeFileAtomic, type Disagreement,
} from '../core/outcomes';
import { parseDateTime } from '../core/outcomes/dates';
import { NO_TABLES_MESSAGE, recogniseOutcomeTables } from '../core/outcomes/discover';
import { computeOutcomesPartitioned } from '../core/outcomes/partition';
import { defineCommand, stringFlag, UsageError } from './args';
import { emitSql } from './outcomesSql';
import { cannotRead, cannotWrite, checkOutputs } from './errors';
import { findInputFiles, severalExtractsError } from './inputs';
import { terminalSafe, visible, wroteLine } from './text';

function dateFlag(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const d = parseDateTime(value);
  if (!d || d.time) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got '${value}'`);
  return d.date;
}

function* disagreementLines(list: readonly Disagreement[]): Generator<string> {
  yield `${formatCsvRow(['pathway_id', 'field', 'extract_value', 'recomputed_value', 'file', 'line'])}\n`;
  for (const d of list) yield `${formatCsvRow([d.pathwayId, d.field, d.extract, d.computed, d.file, String(d.line)])}\n`;
}

/** Passes chunks through, counting them (one chunk = one CSV line). */
function counted(chunks: Iterable<string>, count: { n: number }): Iterable<string> {
  return (function* () { for (const c of chunks) { count.n++; yield c; } })();
}

function readThresholds(file: string | undefined) {
  if (file === undefined) return thresholdsWith(undefined);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw cannotRead(file, err);
  }
  try {
    return thresholdsWith(JSON.parse(text));
  } catch (err) {
    if (err instanceof ThresholdsError || err instanceof SyntaxError) throw new UsageError(`--thresholds ${file}: ${err.message}`);
    throw err;
  }
}

const command = defineCommand({
  name: 'outcomes',
  help: {
    synopsis: '<path>... [--out FILE.csv] [--summary FILE.json] [--from DATE --to DATE] [--disagreements FILE.csv] [--thresholds FILE.json]',
    summary: 'recovery, reliable improvement/deterioration and reliable recovery per pathway, with NHS rates',
    description: `Recomputes recovery, reliable improvement, reliable deterioration, no reliable change and reliable recovery per
pathway (referral) from an IAPT / NHS Talking Therapies extract: NHS IDS tables (IDS101, IDS201, IDS202, IDS603,
IDS606, IDS607; raw submissions are linked through CareActId, CareContactId, ServiceRequestId) or UK LLC tables
(IAPT_demographics_and_referral, IAPT_care_activities, IAPT_coded_scored_assessments,
IAPT_mental_and_physical_health_conditions; extract periods are de-duplicated first).
<path> = files or folders (folders are searched for .csv, .tsv and .txt files; each is recognised by its header row).

One extract at a time: separate extracts are never merged. When the paths hold more than one extract (tables of
both layouts, or the same table in two folders), the command stops with exit code 2 and lists each extract's folder;
run it once per folder. Several files of one table in the same folder are read as parts of one extract.
Output files are checked before the run, written atomically (no partial file) and listed at the end with their rows.
An extract of more than 300 000 referrals is read in several passes (by pathway) so that memory stays bounded.

--emit-sql duckdb|spark|tsql [--layout nhs|ukllc] [--schema NAME] [--out FILE.sql] writes the same rules as one SQL
query instead (no files read): DuckDB reads the extract's CSV files from the current folder; Spark SQL and T-SQL read
the tables of --schema (not executed by the project's tests). Unknown dialect or layout: exit 2.`,
    examples: [
      'iapt outcomes sample/nhs',
      'iapt outcomes sample/ukllc --out outcomes.csv --summary summary.json',
      'iapt outcomes extract/ --from 2024-04-01 --to 2025-03-31 --disagreements disagreements.csv',
      'iapt outcomes --emit-sql tsql --layout ukllc --schema nhsd --out outcomes.sql',
    ],
    exitCodes: [
      [0, 'done'],
      [1, 'no usable tables (no CSV/TSV files, or none an outcome table; the message says what is needed)'],
      [2, 'usage error, several extracts among the paths, or a file that cannot be read or written'],
      [130, 'cancelled (Ctrl-C; no partial file is left)'],
    ],
  },
  options: [
    { name: 'out', value: 'FILE.csv', help: 'one row per pathway' },
    { name: 'summary', value: 'FILE.json', help: 'counts and unrounded percentage rates with NHS England\'s denominators' },
    { name: 'from', value: 'DATE', help: 'keep pathways discharged on or after DATE (YYYY-MM-DD)' },
    { name: 'to', value: 'DATE', help: 'keep pathways discharged on or before DATE (YYYY-MM-DD)' },
    { name: 'disagreements', value: 'FILE.csv', help: 'every disagreement with the extract\'s NHS derived fields' },
    { name: 'thresholds', value: 'FILE.json', help: 'overrides, e.g. {"SPIN": {"caseness": {"comparison": ">=", "value": 19}, "reliableChange": 10}}' },
    { name: 'emit-sql', value: 'DIALECT', help: 'write the rules as SQL (duckdb, spark, tsql) to stdout or --out, instead of computing' },
    { name: 'layout', value: 'nhs|ukllc', help: 'with --emit-sql: the extract\'s tables (default nhs)' },
    { name: 'schema', value: 'NAME', help: 'with --emit-sql spark|tsql: the tables\' schema (e.g. nhsd)' },
  ],
  async run(args, io) {
    if (args.flags['emit-sql'] !== undefined) return emitSql(args, io, readThresholds(stringFlag(args, 'thresholds')));
    for (const flag of ['layout', 'schema']) if (args.flags[flag] !== undefined) throw new UsageError(`--${flag} applies to --emit-sql only`);
    if (args.positional.length === 0) throw new UsageError('give at least one file or folder');
    const from = dateFlag(stringFlag(args, 'from'), 'from');
    const to = dateFlag(stringFlag(args, 'to'), 'to');
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const out = stringFlag(args, 'out');
    const summary = stringFlag(args, 'summary');
    const dis = stringFlag(args, 'disagreements');
    const thresholds = readThresholds(stringFlag(args, 'thresholds'));

    const files = findInputFiles(args.positional, (p, reason) => io.stderr.write(`iapt outcomes: ${visible(p)}: ${visible(reason)}\n`));
    checkOutputs([out, summary, dis], files);
    const ac = new AbortController();
    const onSignal = () => ac.abort(new Error('cancelled'));
    process.once('SIGINT', onSignal);
    const wrote: string[] = [];
    try {
      const found = await recogniseOutcomeTables(files, { signal: ac.signal });
      if (found.tables.length === 0) {
        io.stderr.write(`iapt outcomes: ${NO_TABLES_MESSAGE(files.length)}\n`);
        for (const i of found.ignored.slice(0, 20)) io.stderr.write(`  ${visible(i.path)}: ${visible(i.reason)}\n`);
        return 1;
      }
      const several = severalExtractsError('outcomes', found.tables.map((t) => ({ path: t.path, tableId: t.tableId, layout: t.layout })));
      if (several) throw several;
      let result;
      try {
        result = await computeOutcomesPartitioned(found.tables, { thresholds, period: from || to ? { from, to } : undefined }, { signal: ac.signal });
      } catch (err) {
        if (err instanceof OutcomeInputError) { io.stderr.write(`iapt outcomes: ${terminalSafe(err.message)}\n`); return 1; }
        throw err;
      }
      const write = async (target: string | undefined, chunks: Iterable<string>, what: (lines: number) => string) => {
        if (!target) return;
        const count = { n: 0 };
        try {
          // checked before the run and again at write time: never over an input, 0600, errors propagated
          await writeFileAtomic(target, counted(chunks, count), { signal: ac.signal, inputs: files });
        } catch (err) {
          if (ac.signal.aborted) throw err;
          throw cannotWrite(target, err);
        }
        wrote.push(what(count.n));
      };
      await write(out, outcomeCsvLines(result.pathways), (n) => wroteLine(out!, n - 1));
      await write(summary, [summaryJson(result.summary)], () => wroteLine(summary!, result.pathways.length, 'pathway').replace('(', '(summary of '));
      await write(dis, disagreementLines(result.disagreements), (n) => wroteLine(dis!, n - 1));
      // file content reaches the terminal only with its control characters made visible
      io.stdout.write(terminalSafe(formatOutcomeReport(result)));
      if (result.passes > 1) io.stdout.write(`(read in ${result.passes} passes of about ${Math.ceil(result.stats.pathways / result.passes)} pathways each, to bound memory)\n`);
      for (const i of found.ignored) io.stdout.write(`(ignored ${visible(i.path)}: ${visible(i.reason)})\n`);
      if (dis && result.disagreementCount > result.disagreements.length) {
        io.stderr.write(`iapt outcomes: only the first ${result.disagreements.length} of ${result.disagreementCount} disagreements were written to ${visible(dis)}\n`);
      }
      if (wrote.length) io.stdout.write(`\n${wrote.join('\n')}\n`);
      return 0;
    } catch (err) {
      if (ac.signal.aborted) {
        io.stderr.write(`iapt outcomes: cancelled; ${wrote.length ? `written before the cancel:\n${wrote.join('\n')}` : 'no output file written'}\n`);
        return 130;
      }
      throw err;
    } finally {
      process.removeListener('SIGINT', onSignal);
    }
  },
});
export default command;
