// `iapt outcomes <path>... [--out FILE.csv] [--summary FILE.json] [--from DATE --to DATE]`
// Recomputes NHS Talking Therapies outcomes per pathway from an extract's tables (both layouts) and prints a summary.
// Exit codes: 0 done, 1 no usable tables, 2 usage error or output not writable, 130 cancelled.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatCsvRow } from '../core/csv';
import {
  computeOutcomes, formatOutcomeReport, OutcomeInputError, outcomeCsvLines, summaryJson, thresholdsWith, ThresholdsError,
  writeFileAtomic, type Disagreement,
} from '../core/outcomes';
import { parseDateTime } from '../core/outcomes/dates';
import { FileWriteError } from '../core/files';
import { terminalSafe, visible } from '../core/text/visible';
import { listTableFiles, NO_TABLES_MESSAGE, recogniseOutcomeTables } from '../core/outcomes/discover';
import { stringFlag, UsageError, type CliCommand } from './args';

const USAGE = `Usage: iapt outcomes <path>... [--out FILE.csv] [--summary FILE.json] [--from DATE --to DATE]
                     [--disagreements FILE.csv] [--thresholds FILE.json]

Recomputes recovery, reliable improvement, reliable deterioration, no reliable change and reliable recovery per
pathway (referral) from an IAPT / NHS Talking Therapies extract: NHS IDS tables (IDS101, IDS201, IDS202, IDS603,
IDS606, IDS607; raw submissions are linked through CareActId, CareContactId, ServiceRequestId) or UK LLC tables
(IAPT_demographics_and_referral, IAPT_care_activities, IAPT_coded_scored_assessments,
IAPT_mental_and_physical_health_conditions; extract periods are de-duplicated first). <path> = files or folders.

  --out FILE.csv          one row per pathway (written atomically)
  --summary FILE.json     counts and unrounded percentage rates with NHS England's denominators
  --from, --to DATE       keep pathways discharged in this period (YYYY-MM-DD, inclusive)
  --disagreements FILE    every disagreement with the extract's NHS derived fields, as CSV
  --thresholds FILE.json  overrides, e.g. {"SPIN": {"caseness": {"comparison": ">=", "value": 19}, "reliableChange": 10}}

Exit codes: 0 done, 1 no usable tables, 2 usage error or an output that cannot be written (the file is left as
it was; an output never replaces an input file), 130 cancelled (Ctrl-C; nothing is written).`;

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

const command: CliCommand = {
  usage: USAGE,
  options: [{ name: 'out' }, { name: 'summary' }, { name: 'from' }, { name: 'to' }, { name: 'disagreements' }, { name: 'thresholds' }],
  async run(args, io) {
    if (args.positional.length === 0) throw new UsageError('give at least one file or folder');
    const from = dateFlag(stringFlag(args, 'from'), 'from');
    const to = dateFlag(stringFlag(args, 'to'), 'to');
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    for (const flag of ['out', 'summary', 'disagreements', 'thresholds']) {
      if (args.flags[flag] !== undefined && typeof args.flags[flag] !== 'string') throw new UsageError(`--${flag} needs a file name`);
    }
    let thresholds;
    const thresholdsFile = stringFlag(args, 'thresholds');
    try {
      thresholds = thresholdsWith(thresholdsFile ? JSON.parse(fs.readFileSync(thresholdsFile, 'utf8')) : undefined);
    } catch (err) {
      if (err instanceof ThresholdsError || err instanceof SyntaxError) throw new UsageError(`--thresholds ${thresholdsFile}: ${err.message}`);
      throw err;
    }

    const { files, missing, skipped } = listTableFiles(args.positional);
    for (const m of missing) io.stderr.write(`iapt outcomes: ${visible(m)}: no such file or folder\n`);
    for (const s of skipped) io.stderr.write(`iapt outcomes: ${visible(s.path)}: ${s.reason}\n`);
    const ac = new AbortController();
    const onSignal = () => ac.abort(new Error('cancelled'));
    process.once('SIGINT', onSignal);
    try {
      const found = await recogniseOutcomeTables(files, { signal: ac.signal });
      if (found.tables.length === 0) {
        io.stderr.write(`iapt outcomes: ${NO_TABLES_MESSAGE(files.length)}\n`);
        for (const i of found.ignored.slice(0, 20)) io.stderr.write(`  ${visible(i.path)}: ${visible(i.reason)}\n`);
        return 1;
      }
      let result;
      try {
        result = await computeOutcomes(found.tables, { thresholds, period: from || to ? { from, to } : undefined }, { signal: ac.signal });
      } catch (err) {
        if (err instanceof OutcomeInputError) { io.stderr.write(`iapt outcomes: ${terminalSafe(err.message)}\n`); return 1; }
        throw err;
      }
      const out = stringFlag(args, 'out');
      const summary = stringFlag(args, 'summary');
      const dis = stringFlag(args, 'disagreements');
      // never over an input file (also under another name or through a link); a failed write exits 2
      const write = { signal: ac.signal, inputs: [...files, ...(thresholdsFile ? [thresholdsFile] : [])] };
      try {
        for (const [target, other] of [[out, summary], [out, dis], [summary, dis]]) {
          if (target && other && path.resolve(target) === path.resolve(other)) throw new UsageError(`two outputs are the same file: ${target}`);
        }
        if (out) await writeFileAtomic(out, outcomeCsvLines(result.pathways), write);
        if (summary) await writeFileAtomic(summary, [summaryJson(result.summary)], write);
        if (dis) await writeFileAtomic(dis, disagreementLines(result.disagreements), write);
      } catch (err) {
        if (!(err instanceof FileWriteError)) throw err;
        io.stderr.write(`iapt outcomes: ${visible(err.message)}\n`);
        return 2;
      }
      // file content reaches the terminal only with its control characters made visible
      io.stdout.write(terminalSafe(formatOutcomeReport(result)));
      for (const i of found.ignored) io.stdout.write(`(ignored ${visible(i.path)}: ${visible(i.reason)})\n`);
      if (dis && result.disagreementCount > result.disagreements.length) {
        io.stderr.write(`iapt outcomes: only the first ${result.disagreements.length} of ${result.disagreementCount} disagreements were written to ${dis}\n`);
      }
      return 0;
    } catch (err) {
      if (ac.signal.aborted) { io.stderr.write('iapt outcomes: cancelled; no output file written\n'); return 130; }
      throw err;
    } finally {
      process.removeListener('SIGINT', onSignal);
    }
  },
};
export default command;
