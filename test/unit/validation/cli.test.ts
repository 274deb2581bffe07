// `iapt validate` in-process: formats, rule filter, cap, exit codes.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import validate from '../../../src/cli/validate';
import { runCli } from '../cli/run';
import { IDS201_HEADER as H, IDS201_ROW as R, withField } from './helpers';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iapt-cli-validate-'));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  return dir;
}

describe('cli/validate', () => {
  const bad = folder({ 'IDS201.csv': `${H}\n${R}\n${withField(withField(withField(R, 0, 'CC2'), 5, '12:00:00'), 6, '09')}\n${withField(withField(withField(R, 0, 'CC3'), 5, '11:00:00'), 8, '07')}\n` });
  const clean = folder({ 'IDS201.csv': `${H}\n${R}\n` });

  it('text: compiler-style lines, exit 1 with an error finding', async () => {
    const r = await runCli(validate, [join(bad, 'IDS201.csv')]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], `${join(bad, 'IDS201.csv')}:3:7: error IDS20156: AppType '09' is not a valid appointment type (improving access to psychological therapies); valid: 01 Assessment, 02 Treatment, 03 Assessment and treatment, 05 Review and treatment, 06 Follow-up appointment (NHS England metadata counts AppType 06 contacts after the referral end date as follow-up appointments; exact national-code wording not seen), 04, 07, 08`);
    assert.match(lines[1], /:4:9: warning IDS20120: ConsMediumUsed '07'/);
    assert.match(lines.at(-1)!, /1 file\(s\), 3 row\(s\): 1 error\(s\), 1 warning\(s\)/);
  });

  it('json: an array of findings with the contract keys, 1-based line and field position', async () => {
    const r = await runCli(validate, [bad, '--format', 'json']);
    const j = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(j.map((f) => [f.line, f.column, f.rule, f.severity, f.field, f.value]), [[3, 7, 'IDS20156', 'error', 'AppType', '09'], [4, 9, 'IDS20120', 'warning', 'ConsMediumUsed', '07']]);
    for (const k of ['file', 'line', 'column', 'field', 'value', 'rule', 'severity', 'message']) assert.ok(k in j[0], k);
  });

  it('exit 0 with warnings only, and on a clean file (json is then an empty array)', async () => {
    assert.equal((await runCli(validate, [bad, '--rules', 'IDS20120'])).code, 0);
    const r = await runCli(validate, [clean, '--format', 'json']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('sarif: a SARIF 2.1.0 log with rule metadata and results at the right line', async () => {
    const r = await runCli(validate, [bad, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), ['IDS20120', 'IDS20156']);
    assert.deepEqual(run.results.map((x: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => [x.ruleId, x.level, x.locations[0].physicalLocation.region.startLine]), [['IDS20156', 'error', 3], ['IDS20120', 'warning', 4]]);
    assert.match(run.results[0].locations[0].physicalLocation.artifactLocation.uri, /^file:\/\/.*IDS201\.csv$/);
  });

  it('--max-per-file caps with one summary finding', async () => {
    const r = await runCli(validate, [bad, '--format', 'json', '--max-per-file', '1']);
    assert.deepEqual(JSON.parse(r.stdout).map((f: { rule: string }) => f.rule), ['IDS20156', 'IAPTX009']);
  });

  it('exit 2 on usage and I/O errors', async () => {
    assert.equal((await runCli(validate, [])).code, 2);
    assert.equal((await runCli(validate, [bad, '--format', 'xml'])).code, 2);
    assert.equal((await runCli(validate, [bad, '--max-per-file', '0'])).code, 2);
    const missing = await runCli(validate, [join(bad, 'nope.csv')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.csv: no such file or folder/);
  });

  it('control characters of file content are made visible in text output', async () => {
    const dir = folder({ 'IDS201.csv': `${H}\n${withField(R, 6, '0\u001b[31m')}\n` });
    const r = await runCli(validate, [dir]);
    assert.ok(!r.stdout.includes('\u001b'));
    assert.match(r.stdout, /\\u001b\[31m/);
  });
});
