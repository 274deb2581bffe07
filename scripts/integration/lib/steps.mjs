// Named steps for the integration launchers: each step says when it starts, how long it took,
// and, when it fails, exactly which step failed (the launcher then exits non-zero).
import { spawn } from 'node:child_process';

export const PREFIX = '[integration]';

export function log(message) {
  process.stdout.write(`${PREFIX} ${message}\n`);
}

/** A command that failed: its message already holds the command, exit code and output tail. */
export class ExecError extends Error {}

export class StepError extends Error {
  constructor(step, cause) {
    super(`step "${step}" failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.step = step;
    this.cause = cause;
  }
}

/** Runs fn as the named step; a thrown error becomes a StepError naming the step. */
export async function step(name, fn) {
  const started = Date.now();
  log(`step: ${name} ...`);
  try {
    const result = await fn();
    log(`step: ${name} done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    if (error instanceof StepError) throw error;
    throw new StepError(name, error);
  }
}

/**
 * Runs a command, streaming nothing unless it fails; resolves with its output.
 * Rejects with the command line, exit code and the output's last lines.
 */
export function exec(command, args, options = {}) {
  const { cwd, env, timeoutMs = 15 * 60_000, allowFailure = false, echo = false } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk.toString();
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
      if (echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 || allowFailure) return resolve({ code, output });
      const tail = output.trim().split('\n').slice(-25).join('\n');
      reject(new ExecError(`${command} ${args.join(' ')} exited with ${signal ?? code}${cwd ? ` (in ${cwd})` : ''}\n${tail}`));
    });
  });
}

/** Cleanup callbacks run once (last registered first) on normal exit, on error and on SIGINT/SIGTERM/SIGHUP. */
const cleanups = [];
let cleaning = null;
let interrupted = null;
export function onCleanup(fn) {
  cleanups.push(fn);
}
export function runCleanups() {
  cleaning ??= (async () => {
    for (const fn of [...cleanups].reverse()) {
      try {
        let timer;
        await Promise.race([
          fn(),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('cleanup step took over 20 s')), 20_000))),
        ]).finally(() => clearTimeout(timer));
      } catch (error) {
        log(`cleanup problem: ${error instanceof Error ? error.message : error}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = signal;
    log(`received ${signal}: stopping the browser and the server`);
    runCleanups().finally(() => process.exit(130));
  });
}

/** Runs main(); on any failure prints the failed step and exits 1; always runs the cleanups. */
export async function runMain(main) {
  let code = 1;
  try {
    code = await main();
  } catch (error) {
    if (interrupted) {
      await runCleanups();
      return 130;
    }
    if (error instanceof StepError) {
      log(`FAILED at step "${error.step}"`);
      const cause = error.cause;
      const detail = cause instanceof ExecError || !(cause instanceof Error) ? String(cause?.message ?? cause) : cause.stack ?? cause.message;
      process.stdout.write(`${detail}\n`);
    } else {
      log(`FAILED: ${error instanceof Error ? error.stack : error}`);
    }
    code = 1;
  } finally {
    await runCleanups();
  }
  process.exitCode = code;
  return code;
}
