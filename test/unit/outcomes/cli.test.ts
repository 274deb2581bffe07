import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs, UsageError } from '../../../src/cli/args';
import command from '../../../src/cli/outcomes';
import { OUTCOME_CSV_COLUMNS, writeFileAtomic } from '../../../src/core/outcomes';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'outcomes');

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough(); const err = new PassThrough();
  let stdout = ''; let stderr = '';
  out.on('data', (c) => { stdout += String(c); });
  err.on('data', (c) => { stderr += String(c); });
  try {
    const code = await command.run(parseArgs(argv, command.options), { stdout: out, stderr: err });
    return { code, stdout, stderr };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout, stderr: e.message };
    throw e;
  }
}

describe('iapt outcomes (CLI)', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-cli-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes the per-pathway CSV in the contract\'s column order and the summary JSON keys', async () => {
    const out = path.join(tmp, 'o.csv'); const sum = path.join(tmp, 's.json');
    const r = await run([path.join(FIX, 'nhs'), '--out', out, '--summary', sum]);
    assert.equal(r.code, 0, r.stderr);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], OUTCOME_CSV_COLUMNS.join(','));
    assert.equal(lines[0], 'pathway_id,participant_id,referral_date,discharge_date,treatment_appointments,finished_course,presenting_complaint,anxiety_measure,phq9_first,phq9_last,anxiety_first,anxiety_last,caseness,recovery,reliable_improvement,reliable_deterioration,no_reliable_change,reliable_recovery');
    assert.equal(lines[1], 'PW1,P1,2024-01-02,2024-04-30,2,true,F329,GAD-7,18,7,12,6,true,true,true,false,false,true');
    assert.equal(lines[3], 'PW3,P3,2024-01-04,2024-03-01,1,false,F32,GAD-7,20,,15,,,,,,,');
    assert.equal(lines.length, 7);
    const s = JSON.parse(fs.readFileSync(sum, 'utf8'));
    assert.deepEqual(Object.keys(s), ['finished', 'at_caseness', 'not_at_caseness', 'recovered', 'recovery_rate', 'reliable_improvement',
      'reliable_improvement_rate', 'reliable_recovery', 'reliable_recovery_rate', 'reliable_deterioration', 'reliable_deterioration_rate',
      'no_reliable_change', 'no_reliable_change_rate', 'derived_flag_disagreements']);
    assert.equal(s.finished, 3);
    assert.match(r.stdout, /recovered \| 2 \| finished − not at caseness = 3 \| 66\.7%/);
    assert.match(r.stdout, /Recovery_Flag: 1/);
    assert.match(r.stdout, /unknown measure \(1\).*IDS607\.csv:25:2/);
    assert.equal(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary file left');
  });
  it('works on UK LLC tables and filters on discharge date', async () => {
    const out = path.join(tmp, 'o.csv');
    const r = await run([path.join(FIX, 'ukllc'), '--out', out, '--from', '2024-01-01', '--to', '2024-12-31']);
    assert.equal(r.code, 0, r.stderr);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['U1']);
  });
  it('exits 2 on usage errors', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run([FIX, '--from', '2024-13-01'])).code, 2);
    assert.equal((await run([FIX, '--from', '2024-05-01', '--to', '2024-04-01'])).code, 2);
    const bad = path.join(tmp, 't.json');
    fs.writeFileSync(bad, '{"PHQ-9": {"reliableChange": "six"}}');
    const r = await run([FIX, '--thresholds', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /PHQ-9\.reliableChange/);
  });
  it('exits 1 when there are no usable tables, naming what is needed', async () => {
    fs.writeFileSync(path.join(tmp, 'notes.csv'), 'a,b\n1,2\n');
    const r = await run([tmp]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /IDS101 or IAPT_demographics_and_referral/);
    const onlyContacts = await run([path.join(FIX, 'nhs', 'IDS201.csv')]);
    assert.equal(onlyContacts.code, 1);
    assert.match(onlyContacts.stderr, /No referral table/);
  });
  it('thresholds from --thresholds change the verdicts', async () => {
    const t = path.join(tmp, 't.json'); const sum = path.join(tmp, 's.json');
    fs.writeFileSync(t, JSON.stringify({ 'GAD-7': { reliableChange: 6 } }));
    assert.equal((await run([path.join(FIX, 'nhs'), '--thresholds', t, '--summary', sum])).code, 0);
    assert.equal(JSON.parse(fs.readFileSync(sum, 'utf8')).reliable_deterioration, 0, 'PW5 GAD-7 +5 is no longer reliable');
  });
});

describe('atomic output', () => {
  it('leaves nothing when cancelled and keeps the previous file', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-atomic-'));
    try {
      const target = path.join(tmp, 'out.csv');
      fs.writeFileSync(target, 'old\n');
      const ac = new AbortController();
      function* chunks() { yield 'a\n'; ac.abort(); yield 'b\n'; }
      await assert.rejects(writeFileAtomic(target, chunks(), ac.signal));
      assert.equal(fs.readFileSync(target, 'utf8'), 'old\n');
      assert.deepEqual(fs.readdirSync(tmp), ['out.csv']);
      await writeFileAtomic(target, ['x\n', 'y\n']);
      assert.equal(fs.readFileSync(target, 'utf8'), 'x\ny\n');
      await assert.rejects(writeFileAtomic(path.join(tmp, 'missing', 'out.csv'), ['x']));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
