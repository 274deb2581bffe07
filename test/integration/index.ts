// Mocha runner loaded by VS Code's extension host (extensionTestsPath). Used by both launchers:
// scripts/integration/run.mjs (code-server + Chromium, offline) and scripts/integration/electron.mjs.
// It activates the extension first, runs every compiled suite in ./suites/, prints one line per test,
// and ends with a machine-readable line: INTEGRATION-RESULT passed=N failed=M pending=K
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type MochaType from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './util';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

const progressFile = process.env.IAPT_IT_PROGRESS_FILE;
const resultFile = process.env.IAPT_IT_RESULT_FILE;

function emit(line: string): void {
  console.log(line);
  if (progressFile) appendFileSync(progressFile, `${line}\n`);
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 4);
  return [error.message, ...frames].join('\n');
}

export function run(): Promise<void> {
  // mocha is loaded here, not at the top, so that a failure to load it is reported through the progress file.
  let Mocha: typeof MochaType;
  try {
    Mocha = require('mocha');
  } catch (error) {
    emit(`INTEGRATION-ERROR could not load mocha: ${errorText(error)}`);
    emit('INTEGRATION-RESULT passed=0 failed=1 pending=0');
    return Promise.reject(error);
  }
  const timeout = Number(process.env.IAPT_IT_TEST_TIMEOUT_MS ?? 60_000);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout, reporter: Mocha.reporters.Base });
  if (process.env.IAPT_IT_GREP) mocha.grep(process.env.IAPT_IT_GREP);

  const suitesDir = path.join(__dirname, 'suites');
  const files = existsSync(suitesDir) ? readdirSync(suitesDir).filter((f) => f.endsWith('.test.js')).sort() : [];
  for (const file of files) mocha.addFile(path.join(suitesDir, file));
  emit(`INTEGRATION-INFO vscode=${vscode.version} uiKind=${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} testTimeoutMs=${timeout} grep=${process.env.IAPT_IT_GREP ?? ''} suites=${files.join(',')}`);

  // Activate explicitly before any suite: a hover asked for before activation finishes comes back empty.
  mocha.suite.beforeAll(`activate ${EXTENSION_ID}`, async function () {
    this.timeout(Math.max(timeout, 120_000));
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
    await extension.activate();
  });

  const records: TestRecord[] = [];
  return new Promise<void>((resolve, reject) => {
    let runner: MochaType.Runner;
    try {
      runner = mocha.run(() => undefined);
    } catch (error) {
      emit(`INTEGRATION-ERROR could not load the suites: ${errorText(error)}`);
      emit('INTEGRATION-RESULT passed=0 failed=1 pending=0');
      reject(error);
      return;
    }
    runner.on('test', (test) => emit(`INTEGRATION-START ${test.fullTitle()}`));
    runner.on('pass', (test) => {
      records.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
      emit(`  ✓ PASS ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('pending', (test) => {
      records.push({ title: test.fullTitle(), state: 'pending' });
      emit(`  - SKIP ${test.fullTitle()}`);
    });
    runner.on('fail', (test, error) => {
      records.push({ title: test.fullTitle(), state: 'failed', error: errorText(error) });
      // Stack frames point at the compiled bundle; name the suite's source file too.
      const source = test.file ? `test/integration/suites/${path.basename(test.file).replace(/\.js$/, '.ts')}` : 'a root hook';
      emit(`  ✗ FAIL ${test.fullTitle()} [${source}]`);
      for (const line of errorText(error).split('\n')) emit(`      ${line}`);
    });
    runner.on('end', () => {
      const count = (state: TestRecord['state']) => records.filter((r) => r.state === state).length;
      const passed = count('passed');
      const failed = count('failed');
      const pending = count('pending');
      if (resultFile) writeFileSync(resultFile, JSON.stringify({ passed, failed, pending, tests: records }, null, 2));
      emit(`INTEGRATION-RESULT passed=${passed} failed=${failed} pending=${pending}`);
      if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
      else if (passed === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
  });
}
