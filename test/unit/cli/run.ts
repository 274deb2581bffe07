// Runs the CLI in-process: one command module (runCli) or the whole entry point as `iapt` runs it (runMain),
// capturing stdout and stderr.
import { Writable } from 'node:stream';
import { parseArgs, UsageError, type CliCommand } from '../../../src/cli/args';
import { CliError } from '../../../src/cli/errors';
import { main } from '../../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(isTTY = false): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: string[] = [];
  const stream: Writable & { isTTY?: boolean } = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  if (isTTY) stream.isTTY = true;
  return { stream, text: () => chunks.join('') };
}

/** One command module, as main.ts runs it (usage and file errors become their exit codes). */
export async function runCli(command: CliCommand, argv: string[]): Promise<CliRun> {
  const out = sink();
  const err = sink();
  let code: number;
  try {
    code = await command.run(parseArgs(argv, command.options), { stdout: out.stream, stderr: err.stream });
  } catch (e) {
    if (e instanceof UsageError) code = 2;
    else if (e instanceof CliError) code = e.exitCode;
    else throw e;
    err.stream.write(e.message);
  }
  return { code, stdout: out.text(), stderr: err.text() };
}

/** The `iapt` entry point with argv; `tty` makes both streams look like a terminal; env replaces process.env. */
export async function runMain(argv: string[], opts: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const out = sink(opts.tty);
  const err = sink(opts.tty);
  const code = await main(argv, { stdout: out.stream, stderr: err.stream }, opts.env ?? {});
  return { code, stdout: out.text(), stderr: err.text() };
}
