// `iapt` command-line entry point: dispatches to one module per command. Each command module declares its own
// usage, options, examples and exit codes (see args.ts); adding a command is one entry in COMMANDS.
// Exit codes shared by every command: 0 success, 1 a negative answer (not decoded, no usable tables, …),
// 2 usage error or a file that cannot be read or written (one line naming the path), 3 internal error (a bug),
// 130 cancelled. Unexpected errors are reported without a stack unless IAPT_DEBUG is set.
import { version } from '../../package.json';
import { INTERNAL_ERROR, parseArgs, UsageError, type CliCommand, type CliIO } from './args';
import { FileWriteError } from '../core/files';
import { CliError, isErrno, reasonOf } from './errors';
import { styleFor, visible } from './text';

/** Every command, in the order `iapt --help` lists them. */
export const COMMANDS: Record<string, () => Promise<{ default: CliCommand }>> = {
  tables: () => import('./tables'),
  decode: () => import('./decode'),
  generate: () => import('./generate'),
  outcomes: () => import('./outcomes'),
  validate: () => import('./validate'),
  pathway: () => import('./pathway'),
};

export const VERSION = version;

/** `name synopsis` and a one-line summary of a command (from its declared help, else its usage's first line). */
export function commandLine(name: string, c: CliCommand): { line: string; summary: string } {
  if (c.help) return { line: `iapt ${name} ${c.help.synopsis}`, summary: c.help.summary };
  return { line: c.usage.split('\n')[0].replace(/^Usage:\s*/, '').trim(), summary: '' };
}

export async function mainHelp(): Promise<string> {
  const lines = [`iapt ${VERSION} — IAPT / NHS Talking Therapies extract tools (nothing leaves this machine)`, '', 'Usage:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { line, summary } = commandLine(name, (await load()).default);
    lines.push(`  ${line}`);
    if (summary) lines.push(`      ${summary}`);
  }
  lines.push('  iapt --version', '', "Run 'iapt <command> --help' for a command's options, examples and exit codes.",
    'Output has no colour when it is not a terminal or NO_COLOR is set.');
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  const style = styleFor(io.stderr, env);
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(`${await mainHelp()}\n`);
    return name ? 0 : 2;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr.write(`${style.error('iapt:')} unknown command '${visible(name)}'\n\n${await mainHelp()}\n`);
    return 2;
  }
  const command = (await load()).default;
  const prefix = style.error(`iapt ${name}:`);
  try {
    const args = parseArgs(rest, command.options);
    if (args.flags.help) {
      io.stdout.write(command.usage + '\n');
      return 0;
    }
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${prefix} ${visible(err.message)}\n(run 'iapt ${name} --help' for usage)\n`);
      return 2;
    }
    if (err instanceof FileWriteError) {
      // an output that cannot be written (core/files): the path and the cause, never a success
      io.stderr.write(`${prefix} ${visible(err.message)}\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr.write(`${prefix} ${err.message}\n`);
      return err.exitCode;
    }
    if (isErrno(err) && err.path) {
      // a file error a command did not map itself: still one line naming the path
      io.stderr.write(`${prefix} cannot access ${visible(err.path)}: ${reasonOf(err)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`${prefix} internal error: ${visible(message)}\n`);
    if (env.IAPT_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
    return INTERNAL_ERROR;
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
    (err) => { process.stderr.write(`iapt: internal error: ${String(err)}\n`); process.exitCode = INTERNAL_ERROR; },
  );
}
