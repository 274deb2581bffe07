// `iapt` command-line entry point: parses the sub-command and hands over to one file per command.
// Every command returns an exit code: 0 success, 1 a negative answer (e.g. a value not in its code list,
// or problems found), 2 usage error. Unexpected errors are reported without a stack unless IAPT_DEBUG is set.
import { parseArgs, UsageError, type CliCommand } from './args';

const commands: Record<string, () => Promise<{ default: CliCommand }>> = {
  tables: () => import('./tables'),
  decode: () => import('./decode'),
  generate: () => import('./generate'),
  outcomes: () => import('./outcomes'),
  validate: () => import('./validate'),
};

const HELP = `iapt — IAPT / NHS Talking Therapies extract tools

Usage:
  iapt tables <path>... [--format json]
  iapt decode <column> <value> [--table ID] [--format json]
  iapt generate --out DIR --referrals N [--seed S] [--layout nhs|ukllc] [--defects RATE]
  iapt outcomes <path>... [--out FILE.csv] [--summary FILE.json] [--from DATE --to DATE]
  iapt validate <path>... [--format json|text|sarif] [--rules GLOB] [--max-per-file N]

Run 'iapt <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`iapt: unknown command '${name}'\n\n${HELP}\n`);
    return 2;
  }
  const command = (await load()).default;
  try {
    const args = parseArgs(rest, command.options);
    if (args.flags.help) {
      process.stdout.write(command.usage + '\n');
      return 0;
    }
    return await command.run(args, { stdout: process.stdout, stderr: process.stderr });
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`iapt ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`iapt ${name}: ${message}\n`);
    if (process.env.IAPT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 3;
  }
}

if (require.main === module) {
  // `iapt … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`iapt: ${String(err)}\n`); process.exitCode = 3; },
  );
}
