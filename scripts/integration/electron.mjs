#!/usr/bin/env node
// The same integration suites under @vscode/test-electron (downloads VS Code desktop from Microsoft:
// needs internet; on a Linux machine without a display run it under `xvfb-run -a`). Not run in CI.
// Usage: node scripts/integration/electron.mjs [--grep <pattern>]
// Environment: IAPT_VSCODE_VERSION (default 1.100.3, the version the offline launcher tests).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtension, compileIntegration, prepareWorkspace, repoRoot } from './lib/build.mjs';
import { log, onCleanup, runMain, step } from './lib/steps.mjs';

const argv = process.argv.slice(2);
const grepAt = argv.indexOf('--grep');

async function main() {
  const root = repoRoot();
  await step('build the extension (node esbuild.mjs)', () => buildExtension(root));
  const compiled = await step('compile the integration suites (esbuild -> out/integration)', () => compileIntegration(root));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'iapt-it-electron-'));
  onCleanup(() => rmSync(scratch, { recursive: true, force: true }));
  const workspace = prepareWorkspace(root, path.join(scratch, 'workspace'));
  const version = process.env.IAPT_VSCODE_VERSION ?? '1.100.3';
  log(`VS Code ${version} (downloaded into .vscode-test/ by @vscode/test-electron)`);
  const code = await step('run the mocha suites in VS Code desktop', async () => {
    try {
      return await runTests({
        version,
        extensionDevelopmentPath: root,
        extensionTestsPath: compiled.runner,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(scratch, 'ud')}`],
        extensionTestsEnv: grepAt >= 0 ? { IAPT_IT_GREP: argv[grepAt + 1] } : {},
      });
    } catch (error) {
      // runTests rejects when the tests fail (exit code != 0) as well as when VS Code cannot start.
      log(`VS Code reported: ${error instanceof Error ? error.message : error}`);
      return 1;
    }
  });
  return code === 0 ? 0 : 1;
}

await runMain(main);
