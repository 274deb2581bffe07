// `npm run demo`: builds, then runs the main jobs on the bundled synthetic sample (sample/), writing
// results under test-output/demo/. Nothing in sample/ is modified.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const out = 'test-output/demo';
mkdirSync(out, { recursive: true });
const steps = [
  ['Which IAPT tables are these? (UK LLC layout)', ['tables', 'sample/ukllc']],
  ['What does a code mean?', ['decode', 'EndCode', '46']],
  ['… and under its UK LLC name', ['decode', 'codedasstooltype', '720433000']],
  ['What does a score say? (with its assessment)', ['decode', 'PersScore', '12', '--tool', 'PHQ-9']],
  ['Outcomes, NHS layout (per-pathway CSV + summary JSON)', ['outcomes', 'sample/nhs', '--out', `${out}/outcomes-nhs.csv`, '--summary', `${out}/summary-nhs.json`]],
  ['Outcomes, UK LLC layout (extract periods de-duplicated first)', ['outcomes', 'sample/ukllc', '--out', `${out}/outcomes-ukllc.csv`, '--summary', `${out}/summary-ukllc.json`]],
  ['Every linked row of one pathway, decoded', ['pathway', 'sample/nhs', '--id', 'PW000000003', '--format', 'text']],
  ['Validation of an extract with planted defects (3 findings a file shown)', ['validate', 'sample/defects', '--max-per-file', '3']],
];
// bold headings only on a terminal without NO_COLOR (no escapes in a log file or a pipe)
const colour = process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const bold = (t) => (colour ? `\x1b[1m${t}\x1b[0m` : t);
for (const [title, args] of steps) {
  process.stdout.write(`\n${bold(`== ${title}`)}\n$ iapt ${args.join(' ')}\n`);
  try {
    execFileSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  } catch (err) {
    process.stdout.write(`(exit ${err.status})\n`);
  }
}
process.stdout.write(`\nResults in ${out}/. Open the folder sample/ in VS Code with the extension installed (npm run package → dist/iapt-explorer.vsix) and hover any coded cell.\n`);
