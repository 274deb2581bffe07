// Starts code-server on a free loopback port (bind to port 0, read the port it chose) with all of its
// state in a scratch folder, and stops it (its whole process group) when asked.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { log } from './steps.mjs';

const LISTENING = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/;

/**
 * @param {{ entry: string, scratch: string, workspace: string, env?: Record<string,string>, startTimeoutMs?: number }} options
 * @returns {Promise<{ port: number, origin: string, logFile: string, logTail: () => string, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ entry, scratch, workspace, env = {}, startTimeoutMs = 120_000 }) {
  const home = path.join(scratch, 'home');
  const tmp = path.join(scratch, 'tmp');
  for (const dir of [home, tmp, path.join(scratch, 'ud'), path.join(scratch, 'ext')]) mkdirSync(dir, { recursive: true });
  const logFile = path.join(scratch, 'code-server.log');
  const logStream = createWriteStream(logFile);
  const childEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'cfg'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    TMPDIR: tmp,
    ...env,
  };
  for (const key of Object.keys(childEnv)) if (key.toLowerCase().startsWith('npm_')) delete childEnv[key];
  const args = [
    entry,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--user-data-dir', path.join(scratch, 'ud'),
    '--extensions-dir', path.join(scratch, 'ext'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    workspace,
  ];
  const child = spawn(process.execPath, args, { env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let recent = '';
  let exited = null;
  const onData = (chunk) => {
    logStream.write(chunk);
    recent = (recent + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const logTail = () => recent.trim().split('\n').slice(-30).join('\n');

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (exited === null && child.pid) {
      log(`stopping code-server (pid ${child.pid})`);
      const gone = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000));
      if ((await Promise.race([gone, timeout])) === 'timeout') {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    logStream.end();
  };

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`code-server did not report "HTTP server listening" within ${startTimeoutMs / 1000} s\n${logTail()}`));
    }, startTimeoutMs);
    const check = () => {
      const match = LISTENING.exec(recent);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start code-server: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      exited = code ?? signal;
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening\n${logTail()}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { port, origin: `http://127.0.0.1:${port}`, logFile, logTail, stop, pid: child.pid };
}
