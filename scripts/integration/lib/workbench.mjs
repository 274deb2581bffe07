// Drives the code-server workbench in headless Chromium: runs the mocha suites through the `payload`
// URL parameter (extensionDevelopmentPath / extensionTestsPath) and waits for codeAutomationExit.
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { log } from './steps.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launchBrowser(executablePath) {
  const { chromium } = await import('playwright-core');
  // Our own signal handlers close the browser and then stop the server (Playwright's would exit first).
  return chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 90_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** Workbench URL opening `workspace`, with the payload pairs ([key, value]) VS Code's web workbench reads. */
export function workbenchUrl(server, workspace, pairs) {
  const authority = `127.0.0.1:${server.port}`;
  const remote = (file) => `vscode-remote://${authority}${file.split(path.sep).join('/')}`;
  const payload = pairs.map(([key, value]) => [key, value.startsWith('/') ? remote(value) : value]);
  return `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function newWorkbenchPage(browser, browserLog) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
  const page = await context.newPage();
  page.on('console', (message) => appendFileSync(browserLog, `[console.${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => appendFileSync(browserLog, `[pageerror] ${error.message}\n`));
  return { context, page };
}

/** Follows a file that another process appends lines to; calls onLine for each complete new line. */
function followFile(file, onLine) {
  let offset = 0;
  let partial = '';
  const poll = () => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size <= offset) return;
    const buffer = readFileSync(file).subarray(offset, size);
    offset = size;
    const lines = (partial + buffer.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  };
  const timer = setInterval(poll, 200);
  return () => {
    clearInterval(timer);
    poll();
  };
}

/**
 * Runs the compiled runner inside the workbench's extension host. Resolves with
 * { exitCode, timedOut, lastStarted, counts: {passed, failed, pending} | null } (on timeout: the counts so far).
 */
export async function runSuites({ browser, server, workspace, extensionPath, runnerPath, progressFile, resultFile, timeoutMs, screenshotsDir, browserLog }) {
  const { context, page } = await newWorkbenchPage(browser, browserLog);
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    appendFileSync(browserLog, `[automation.${type}] ${Array.isArray(args) ? args.join(' ') : String(args)}\n`);
  });

  let lastStarted = null;
  let counts = null;
  const seen = { passed: 0, failed: 0, pending: 0 }; // from the per-test lines, for a run that never ends
  const stopFollowing = followFile(progressFile, (line) => {
    if (line.startsWith('INTEGRATION-START ')) {
      lastStarted = line.slice('INTEGRATION-START '.length);
      return;
    }
    const result = /^INTEGRATION-RESULT passed=(\d+) failed=(\d+) pending=(\d+)/.exec(line);
    if (result) counts = { passed: Number(result[1]), failed: Number(result[2]), pending: Number(result[3]) };
    if (line.startsWith('  ✓ PASS ')) seen.passed += 1;
    if (line.startsWith('  ✗ FAIL ')) seen.failed += 1;
    if (line.startsWith('  - SKIP ')) seen.pending += 1;
    process.stdout.write(`${line}\n`);
  });

  const url = workbenchUrl(server, workspace, [
    ['extensionDevelopmentPath', extensionPath],
    ['extensionTestsPath', runnerPath],
    ['skipWelcome', 'true'],
  ]);
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const outcome = await Promise.race([exited, timedOut]);
    stopFollowing();
    if (outcome === 'timeout') {
      mkdirSync(screenshotsDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotsDir, 'suites-timeout.png') }).catch(() => undefined);
      return { exitCode: 1, timedOut: true, lastStarted, counts: counts ?? seen };
    }
    if (!counts && existsSync(resultFile)) {
      const json = JSON.parse(readFileSync(resultFile, 'utf8'));
      counts = { passed: json.passed, failed: json.failed, pending: json.pending };
    }
    return { exitCode: outcome, timedOut: false, lastStarted, counts };
  } finally {
    clearTimeout(timer);
    stopFollowing();
    await context.close().catch(() => undefined);
  }
}

/** Opens the workbench as a user would (extension loaded for development, no test runner). */
export async function openWorkbench({ browser, server, workspace, extensionPath, browserLog }) {
  const { context, page } = await newWorkbenchPage(browser, browserLog);
  const url = workbenchUrl(server, workspace, [
    ['extensionDevelopmentPath', extensionPath],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 120_000 });
  // The explorer shows the workspace's files once the remote file system is connected.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 120_000 });
  log('workbench ready for UI steps');
  return { context, page };
}
