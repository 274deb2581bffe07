// Runs a CLI command module in-process as src/cli/main.ts does, capturing stdout and stderr.
import { Writable } from 'node:stream';
import { parseArgs, UsageError, type CliCommand } from '../../../src/cli/args';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export async function runCli(command: CliCommand, argv: string[]): Promise<CliRun> {
  const out = sink();
  const err = sink();
  let code: number;
  try {
    code = await command.run(parseArgs(argv, command.options), { stdout: out.stream, stderr: err.stream });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.stream.write(e.message);
    code = 2;
  }
  return { code, stdout: out.text(), stderr: err.text() };
}
