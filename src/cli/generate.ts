// `iapt generate`: writes a synthetic, linked IAPT extract (NHS or UK LLC layout) with a ground-truth manifest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileWriteError } from '../core/files';
import { generateExtract } from '../core/synth';
import { defineCommand, stringFlag, UsageError, type ParsedArgs } from './args';
import { CliError, isErrno, reasonOf } from './errors';
import { visible, wroteLine } from './text';

function share(args: ParsedArgs, name: string): number {
  const text = stringFlag(args, name);
  if (text === undefined) return 0;
  const v = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(v >= 0 && v <= 1)) throw new UsageError(`--${name} must be a share between 0 and 1, got '${text}'`);
  return v;
}

const command = defineCommand({
  name: 'generate',
  help: {
    synopsis: '--out DIR --referrals N [--seed S] [--layout nhs|ukllc] [--defects RATE] [--corrupt-derived RATE] [--force]',
    summary: 'a deterministic synthetic extract (no real data) with its ground truth in manifest.json',
    description: `Writes a deterministic synthetic IAPT extract to DIR (the same arguments give byte-identical files; DIR is
created when missing). DIR/manifest.json lists every file, every planted defect (file, line, column, kind) and each
pathway's truth. The extract is of one data-set version (v2.1 columns).
A DIR that already holds files is refused unless --force (a real extract is never overwritten); files are created
new with mode 0600, never through a symbolic link.`,
    examples: [
      'iapt generate --out /tmp/extract --referrals 1000',
      'iapt generate --out /tmp/ukllc --referrals 500 --layout ukllc --defects 0.01 --seed 7',
    ],
    exitCodes: [[0, 'done'], [2, 'usage error, or DIR cannot be written']],
  },
  options: [
    { name: 'out', value: 'DIR', help: 'folder for the tables and manifest.json (required)' },
    { name: 'referrals', value: 'N', help: 'number of referrals (pathways), at least 1 (required)' },
    { name: 'seed', value: 'S', help: 'seed of the pseudo-random generator (default 1)' },
    { name: 'layout', value: 'nhs|ukllc', help: 'nhs: IDS001.csv, IDS101.csv … with NHS names (default); ukllc: the 9 UK LLC themed tables' },
    { name: 'defects', value: 'RATE', help: 'share of rows given one planted defect (default 0: a clean, fully linked extract)' },
    { name: 'corrupt-derived', value: 'RATE', help: 'share of finished pathways whose NHS derived fields carry one wrong value' },
    { name: 'force', boolean: true, help: 'write into a folder that already holds files (only the generator\'s own file names are replaced)' },
  ],
  async run(args, io) {
    const out = stringFlag(args, 'out');
    if (!out) throw new UsageError('--out DIR is required');
    const referralsText = stringFlag(args, 'referrals');
    if (!referralsText || !/^\d+$/.test(referralsText) || Number(referralsText) < 1) throw new UsageError('--referrals N (a whole number of at least 1) is required');
    const layout = stringFlag(args, 'layout') ?? 'nhs';
    if (layout !== 'nhs' && layout !== 'ukllc') throw new UsageError(`--layout must be nhs or ukllc, got '${layout}'`);
    if (args.positional.length) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
    const existing = fs.statSync(out, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) throw new CliError(`cannot write ${visible(out)}: it is a file, not a folder`);
    const started = performance.now();
    let result;
    try {
      result = await generateExtract({
        out,
        referrals: Number(referralsText),
        seed: stringFlag(args, 'seed') ?? '1',
        layout,
        defects: share(args, 'defects'),
        corruptDerived: share(args, 'corrupt-derived'),
        onProgress: (n) => io.stderr.write(`  ${n} referrals...\n`),
        force: args.flags.force === true,
      });
    } catch (err) {
      if (err instanceof FileWriteError) throw new CliError(visible(err.message));
      if (isErrno(err)) throw new CliError(`cannot write ${visible(err.path ?? out)}: ${reasonOf(err)}`);
      throw err;
    }
    const seconds = (performance.now() - started) / 1000;
    io.stdout.write(`${result.referrals} referrals, ${result.people} people, ${result.rows} rows, ${result.defects} planted defects, `
      + `${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds)} rows/s, ${(result.bytes / 1e6 / seconds).toFixed(1)} MB/s)\n`);
    for (const f of result.files) io.stdout.write(`${wroteLine(path.join(out, f.file), f.rows)}\n`);
    io.stdout.write(`${wroteLine(path.join(out, 'manifest.json'), result.defects, 'planted defect').replace('(', '(ground truth: ')}\n`);
    io.stdout.write(`wrote ${result.files.length} tables + manifest.json to ${visible(out)}\n`);
    return 0;
  },
});
export default command;
