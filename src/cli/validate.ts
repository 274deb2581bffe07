// `iapt validate <path>... [--format json|text|sarif] [--rules GLOB] [--max-per-file N]`: NHS England's IAPT
// validation rules and the project's checks on extract files, streamed (bounded memory on multi-GB files).
// Exit codes: 0 no error-severity findings, 1 some, 2 usage or I/O error.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listTableFiles } from '../core/outcomes/discover';
import { builtinCatalogue, ruleGlob, toSarif, validateFiles, type Finding } from '../core/validation';
import { defineCommand, stringFlag, UsageError, type CliCommand } from './args';
import { visible } from './text';

export const DEFAULT_MAX_PER_FILE = 10_000;

const command: CliCommand = defineCommand({
  name: 'validate',
  help: {
    synopsis: '<path>... [--format json|text|sarif] [--rules GLOB] [--max-per-file N]',
    summary: "check extracts against NHS England's IAPT validation rules and the project's checks",
    description: 'Checks CSV/TSV extract files (folders are searched for .csv, .tsv and .txt files) against NHS England\'s IAPT v2.0\n'
      + 'submission validation rules (official ids such as IDS20156) and IAPT Explorer\'s own checks (ids IAPTX...): CSV\n'
      + 'structure, spreadsheet damage, duplicate and orphan rows, scores, derived fields. Files given together are linked\n'
      + '(parent rows, dates across tables). Every rule, and why some are left out: docs/validation-rules.md.\n'
      + 'text: compiler-style lines (file:line:col: error IDS20156: message); json: an array of {file, line, column, field,\n'
      + 'value, rule, severity, message}; sarif: SARIF 2.1.0 for code-scanning tools. Files are streamed (bounded memory).',
    examples: ['iapt validate extract/', 'iapt validate IDS201.csv --format json --rules "IDS201*,IAPTX01?"', 'iapt validate extract/ --format sarif > results.sarif'],
    exitCodes: [[0, 'no error-severity findings'], [1, 'error findings'], [2, 'usage error, or a path that cannot be read']],
  },
  options: [
    { name: 'format', value: 'json|text|sarif', help: 'output format (default text)' },
    { name: 'rules', value: 'GLOB', help: "only rules whose id matches, e.g. 'IDS201*,IAPTX01?' (comma-separated)" },
    { name: 'max-per-file', value: 'N', help: `at most N findings per file, then one summary finding (default ${'10000'})` },
  ],
  async run(args, io) {
    const format = stringFlag(args, 'format') ?? 'text';
    if (!['json', 'text', 'sarif'].includes(format)) throw new UsageError(`--format must be json, text or sarif, not '${format}'`);
    if (args.positional.length === 0) throw new UsageError('give at least one file or folder');
    const maxText = stringFlag(args, 'max-per-file');
    const maxPerFile = maxText === undefined ? DEFAULT_MAX_PER_FILE : Number(maxText);
    if (!Number.isInteger(maxPerFile) || maxPerFile < 1) throw new UsageError(`--max-per-file must be a whole number of at least 1, not '${maxText}'`);
    const rulesGlob = stringFlag(args, 'rules');
    const include = rulesGlob !== undefined ? ruleGlob(rulesGlob) : undefined;

    const { files, missing } = listTableFiles(args.positional);
    for (const m of missing) io.stderr.write(`iapt validate: ${visible(m)}: no such file or folder\n`);
    const sarifFindings: Finding[] = [];
    let first = true;
    if (format === 'json') io.stdout.write('[');
    const onFinding = (f: Finding) => {
      if (format === 'sarif') { sarifFindings.push(f); return; }
      if (format === 'json') { io.stdout.write(`${first ? '\n' : ',\n'}${JSON.stringify(jsonFinding(f))}`); first = false; return; }
      io.stdout.write(`${textFinding(f)}\n`);
    };
    const run = await validateFiles(files, onFinding, { selection: { include, maxPerFile } });
    if (format === 'json') io.stdout.write(first ? ']\n' : '\n]\n');
    if (format === 'sarif') {
      const log = toSarif(sarifFindings, builtinCatalogue(), { name: 'iapt validate', version: '0.1.0' }, (f) => pathToFileURL(path.resolve(f)).href);
      io.stdout.write(`${JSON.stringify(log, null, 1)}\n`);
    }
    const summary = `${files.length} file(s), ${run.files.reduce((s, f) => s + f.rows, 0)} row(s): ${run.counts.error} error(s), ${run.counts.warning} warning(s), ${run.counts.information} information`;
    if (format === 'text') io.stdout.write(`${summary}\n`); else io.stderr.write(`${summary}\n`);
    if (missing.length > 0 || run.ioErrors.length > 0 || files.length === 0) {
      if (files.length === 0 && missing.length === 0) io.stderr.write('iapt validate: no CSV/TSV files found\n');
      return 2;
    }
    return run.counts.error > 0 ? 1 : 0;
  },
});

export function jsonFinding(f: Finding): Record<string, unknown> {
  return { file: f.file, line: f.line, column: f.column, field: f.field, value: f.value, rule: f.rule, severity: f.severity, message: f.message, ...(f.related ? { related: f.related } : {}), ...(f.fix ? { fix: f.fix.value } : {}) };
}

/** `file:line:col: error IDS20156: message` (untrusted text made visible). */
export function textFinding(f: Finding): string {
  return `${visible(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${visible(f.message)}`;
}

export default command;
