// `iapt generate`: writes a synthetic, linked IAPT extract (NHS or UK LLC layout) with a ground-truth manifest.
import { performance } from 'node:perf_hooks';
import { FileWriteError } from '../core/files';
import { generateExtract } from '../core/synth';
import { visible } from '../core/text/visible';
import { stringFlag, UsageError, type CliCommand } from './args';

const USAGE = `iapt generate --out DIR --referrals N [--seed S] [--layout nhs|ukllc] [--defects RATE] [--corrupt-derived RATE]

Writes a deterministic synthetic IAPT extract to DIR (the same arguments give byte-identical files):
  --layout nhs     IDS001.csv, IDS101.csv, IDS201.csv ... with NHS technical column names (default)
  --layout ukllc   the 9 UK LLC themed tables (IAPT_<theme>.csv), lower-case names, extract periods
  --defects RATE   share of rows given one planted defect (default 0: a clean, fully linked extract)
  --corrupt-derived RATE  share of finished pathways whose NHS derived fields carry one wrong value
  --force          write into a folder that already holds files (only the generator's own file names are
                   replaced; without it a non-empty DIR is refused, so a real extract is never overwritten)
DIR/manifest.json lists every file, every planted defect (file, line, column, kind) and each pathway's truth.
Files are created new (never through a link) with mode 0600. Exit codes: 0 done, 2 usage error or DIR not writable.`;

function share(args: Parameters<CliCommand['run']>[0], name: string): number {
  const text = stringFlag(args, name);
  if (text === undefined) return 0;
  const v = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(v >= 0 && v <= 1)) throw new UsageError(`--${name} must be a share between 0 and 1, got '${text}'`);
  return v;
}

const command: CliCommand = {
  usage: USAGE,
  options: [{ name: 'out' }, { name: 'referrals' }, { name: 'seed' }, { name: 'layout' }, { name: 'defects' }, { name: 'corrupt-derived' }, { name: 'force', boolean: true }],
  async run(args, io) {
    const out = stringFlag(args, 'out');
    if (!out) throw new UsageError('--out DIR is required');
    const referralsText = stringFlag(args, 'referrals');
    if (!referralsText || !/^\d+$/.test(referralsText) || Number(referralsText) < 1) throw new UsageError('--referrals N (a whole number of at least 1) is required');
    const layout = stringFlag(args, 'layout') ?? 'nhs';
    if (layout !== 'nhs' && layout !== 'ukllc') throw new UsageError(`--layout must be nhs or ukllc, got '${layout}'`);
    if (args.positional.length) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
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
      if (!(err instanceof FileWriteError)) throw err;
      io.stderr.write(`iapt generate: ${visible(err.message)}\n`);
      return 2;
    }
    const seconds = (performance.now() - started) / 1000;
    io.stdout.write(`wrote ${result.files.length} tables + manifest.json to ${out}: ${result.referrals} referrals, ${result.people} people, `
      + `${result.rows} rows, ${result.defects} planted defects, ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s `
      + `(${Math.round(result.rows / seconds)} rows/s, ${(result.bytes / 1e6 / seconds).toFixed(1)} MB/s)\n`);
    return 0;
  },
};
export default command;
