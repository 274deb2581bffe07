#!/usr/bin/env node
// `npm test`: unit tests (mocha, .mocharc.json) then integration tests (scripts/integration/run.mjs).
// Prints both results and ends with one plain line "N passed, M failed" totalled over both.
// Exits non-zero when anything failed or a run could not start or finish.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Runs a command with inherited stdin, echoing its output while collecting it. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ code: 127, output: `${output}\ncould not run ${command}: ${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Counts from mocha's spec reporter summary ("  12 passing (3s)", "  2 failing", "  1 pending"). */
function mochaCounts(output) {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const count = (word) => {
    const matches = [...plain.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return matches.length > 0 ? Number(matches[matches.length - 1][1]) : null;
  };
  return { passed: count('passing'), failed: count('failing'), pending: count('pending') };
}

const started = Date.now();
const results = [];

// 1. Unit tests.
process.stdout.write('\n=== unit tests (mocha) ===\n');
const unit = await run(process.execPath, [path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--reporter', 'spec', '--no-color']);
{
  const counts = mochaCounts(unit.output);
  let passed = counts.passed ?? 0;
  let failed = counts.failed ?? 0;
  let note = '';
  if (counts.passed === null) {
    failed += 1;
    note = ` (mocha exited with ${unit.code} before reporting results)`;
  } else if (unit.code !== 0 && failed === 0) {
    failed += 1;
    note = ` (mocha exited with ${unit.code})`;
  }
  results.push({ name: 'unit', passed, failed, skipped: counts.pending ?? 0, note });
}

// 2. Integration tests in a real VS Code (code-server) extension host, plus UI steps.
process.stdout.write('\n=== integration tests (code-server extension host + Playwright) ===\n');
const integration = await run(process.execPath, [path.join(root, 'scripts', 'integration', 'run.mjs')]);
{
  const total = [...integration.output.matchAll(/^INTEGRATION-TOTAL passed=(\d+) failed=(\d+) skipped=(\d+)/gm)].pop();
  let passed = total ? Number(total[1]) : 0;
  let failed = total ? Number(total[2]) : 0;
  let note = '';
  if (!total) {
    failed += 1;
    const failedStep = /FAILED at step "([^"]+)"/.exec(integration.output);
    note = failedStep ? ` (could not run: step "${failedStep[1]}" failed)` : ` (exited with ${integration.code} before reporting results)`;
  } else if (integration.code !== 0 && failed === 0) {
    failed += 1;
    note = ` (exited with ${integration.code})`;
  }
  results.push({ name: 'integration', passed, failed, skipped: total ? Number(total[3]) : 0, note });
}

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
process.stdout.write('\n=== summary ===\n');
for (const r of results) {
  process.stdout.write(`${r.name} tests -> passing ${r.passed}, failing ${r.failed}, skipped ${r.skipped}${r.note}\n`);
}
process.stdout.write(`total time ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
