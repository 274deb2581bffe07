#!/usr/bin/env node
// Offline integration tests: code-server 4.100.3 (from npm, into .tools/) + headless Chromium (Debian)
// + playwright-core. Runs test/integration/suites/*.test.ts inside the real extension host, then the
// Playwright UI steps test/integration/ui/*.ui.ts. See test/integration/README.md.
//
// Usage: node scripts/integration/run.mjs [--no-ui] [--grep <pattern>] [--keep] [--update-screenshots]
//   --no-ui               skip the Playwright UI steps
//   --grep <pattern>      run only mocha tests whose full title matches
//   --keep                keep the scratch folder (server state, logs) and print its path
//   --update-screenshots  copy test-output/screenshots/hover.png to media/screenshots/hover.png (README)
// Environment: IAPT_CHROMIUM (browser binary), IAPT_IT_TIMEOUT_MS (whole mocha run, default 600000),
//   IAPT_IT_TEST_TIMEOUT_MS (one test, default 60000).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildExtension, compileIntegration, prepareWorkspace, repoRoot } from './lib/build.mjs';
import { ensureChromium, ensureCodeServer, ensureRipgrep } from './lib/install.mjs';
import { startCodeServer } from './lib/server.mjs';
import { log, onCleanup, runMain, step } from './lib/steps.mjs';
import { makeUiContext, runUiSteps } from './lib/ui.mjs';
import { launchBrowser, openWorkbench, runSuites } from './lib/workbench.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};

async function main() {
  const started = Date.now();
  const root = repoRoot();
  const tools = path.join(root, '.tools');
  const outputDir = path.join(root, 'test-output');
  const screenshotsDir = path.join(outputDir, 'screenshots');
  const logsDir = path.join(outputDir, 'integration');
  rmSync(screenshotsDir, { recursive: true, force: true });
  rmSync(logsDir, { recursive: true, force: true });
  mkdirSync(logsDir, { recursive: true });
  const browserLog = path.join(logsDir, 'browser.log');

  const codeServer = await step('install code-server', () => ensureCodeServer(tools));
  const chromiumPath = await step('find or install Chromium', () => ensureChromium());
  await step('provide ripgrep to code-server', () => ensureRipgrep(codeServer));
  await step('build the extension (node esbuild.mjs)', () => buildExtension(root));

  // Everything of this run (compiled suites, workspace, server state) lives in one scratch folder, so runs
  // started at the same time from one checkout do not disturb each other.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'iapt-it-'));
  onCleanup(() => {
    if (flag('--keep')) log(`scratch folder kept: ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  });
  const compiled = await step('compile the integration suites (esbuild)', () =>
    compileIntegration(root, path.join(scratch, 'out', 'integration')),
  );
  log(`suites: ${compiled.suites.map((f) => path.basename(f)).join(', ')}`);
  log(`ui steps: ${compiled.uiSteps.map((f) => path.basename(f)).join(', ') || '(none)'}`);
  const workspace = prepareWorkspace(root, path.join(scratch, 'workspace'));
  const progressFile = path.join(scratch, 'progress.log');
  const resultFile = path.join(scratch, 'result.json');

  const server = await step('start code-server on a free loopback port', () =>
    startCodeServer({
      entry: codeServer.entry,
      scratch: path.join(scratch, 'server'),
      workspace,
      env: {
        IAPT_IT_PROGRESS_FILE: progressFile,
        IAPT_IT_RESULT_FILE: resultFile,
        ...(option('--grep') ? { IAPT_IT_GREP: option('--grep') } : {}),
      },
    }),
  );
  onCleanup(async () => {
    await server.stop();
    if (existsSync(server.logFile)) copyFileSync(server.logFile, path.join(logsDir, 'code-server.log'));
    // VS Code's own logs (extension host, remote agent): where an extension's activation error shows up.
    const vscodeLogs = path.join(scratch, 'server', 'ud', 'logs');
    if (existsSync(vscodeLogs)) cpSync(vscodeLogs, path.join(logsDir, 'vscode-logs'), { recursive: true });
  });
  log(`code-server listening on ${server.origin} (pid ${server.pid})`);

  const browser = await step('start headless Chromium', () => launchBrowser(chromiumPath));
  onCleanup(() => browser.close());

  const timeoutMs = Number(process.env.IAPT_IT_TIMEOUT_MS ?? 600_000);
  const suites = await step('run the mocha suites in the extension host', () =>
    runSuites({
      browser,
      server,
      workspace,
      extensionPath: root,
      runnerPath: compiled.runner,
      progressFile,
      resultFile,
      timeoutMs,
      screenshotsDir,
      browserLog,
    }),
  );
  let passed = suites.counts?.passed ?? 0;
  let failed = suites.counts?.failed ?? 0;
  let skipped = suites.counts?.pending ?? 0;
  if (suites.timedOut) {
    failed += 1;
    log(`TIMEOUT: the suites did not finish within ${timeoutMs / 1000} s; hung test: ${suites.lastStarted ?? '(none had started: the runner never loaded)'}`);
  } else if (!suites.counts) {
    failed += 1;
    log(`the runner exited with code ${suites.exitCode} without reporting results (see ${path.relative(root, browserLog)} and code-server.log)`);
  } else if (suites.exitCode !== 0 && failed === 0) {
    failed += 1;
    log(`the runner exited with code ${suites.exitCode} although no test failed (no test ran?)`);
  }

  if (flag('--no-ui')) {
    log('UI steps skipped (--no-ui)');
  } else if (compiled.uiSteps.length > 0) {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const ui = await step('open the workbench for the UI steps', async () => {
      const { page } = await openWorkbench({ browser, server, workspace, extensionPath: root, browserLog });
      return makeUiContext({ page, workspace, manifest, screenshotsDir });
    });
    const results = await step('run the Playwright UI steps', () => runUiSteps({ files: compiled.uiSteps, ui }));
    passed += results.filter((r) => r.state === 'passed').length;
    failed += results.filter((r) => r.state === 'failed').length;
    skipped += results.filter((r) => r.state === 'pending').length;
    log(`screenshots: ${path.relative(root, screenshotsDir)}/`);
    if (flag('--update-screenshots')) {
      const hover = path.join(screenshotsDir, 'hover.png');
      if (!existsSync(hover)) throw new Error('--update-screenshots: no hover.png was produced');
      mkdirSync(path.join(root, 'media', 'screenshots'), { recursive: true });
      copyFileSync(hover, path.join(root, 'media', 'screenshots', 'hover.png'));
      log('copied hover.png to media/screenshots/hover.png');
    }
  }

  log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.stdout.write(`INTEGRATION-TOTAL passed=${passed} failed=${failed} skipped=${skipped}\n`);
  return failed > 0 ? 1 : 0;
}

await runMain(main);
