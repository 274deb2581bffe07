import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeOutcomes, formatOutcomeReport, outcomeStore } from '../../../src/core/outcomes';
import { financialYear, parseDateTime, parseTime } from '../../../src/core/outcomes/dates';
import { listTableFiles, recogniseOutcomeTables } from '../../../src/core/outcomes/discover';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'outcomes');

describe('outcome dates', () => {
  it('parses ISO dates, date-times and UK day-first dates; rejects impossible ones', () => {
    assert.deepEqual(parseDateTime('2024-02-29'), { date: '2024-02-29', time: '' });
    assert.deepEqual(parseDateTime('2024-03-01T09:05'), { date: '2024-03-01', time: '09:05:00' });
    assert.deepEqual(parseDateTime('2024-03-01 09:05:07.123'), { date: '2024-03-01', time: '09:05:07' });
    assert.deepEqual(parseDateTime('01/03/2024'), { date: '2024-03-01', time: '' });
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '31/04/2024', '2024-1-1', '20240101', 'yesterday', '2024-01-01 25:00']) {
      assert.equal(parseDateTime(bad), null, bad);
    }
    assert.equal(parseTime('9:30'), '09:30:00');
    assert.equal(parseTime('2024-01-01T10:11:12'), '10:11:12');
    assert.equal(parseTime('24:00'), null);
  });
  it('names financial years by their first calendar year', () => {
    assert.equal(financialYear('2021-03-31'), 2020);
    assert.equal(financialYear('2021-04-01'), 2021);
  });
});

describe('outcome table discovery', () => {
  it('walks folders, recognises tables by header and says why others are ignored', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-disc-'));
    try {
      fs.copyFileSync(path.join(FIX, 'nhs', 'IDS101.csv'), path.join(tmp, 'referrals-renamed.csv'));
      fs.writeFileSync(path.join(tmp, 'other.csv'), 'colour,size\nred,1\n');
      fs.mkdirSync(path.join(tmp, '.hidden'));
      fs.copyFileSync(path.join(FIX, 'nhs', 'IDS201.csv'), path.join(tmp, '.hidden', 'IDS201.csv'));
      const { files, missing } = listTableFiles([tmp, path.join(tmp, 'nope')]);
      assert.deepEqual(files.map((f) => path.basename(f)), ['other.csv', 'referrals-renamed.csv']);
      assert.deepEqual(missing, [path.join(tmp, 'nope')]);
      const found = await recogniseOutcomeTables(files);
      assert.deepEqual(found.tables.map((t) => [path.basename(t.path), t.tableId, t.layout]), [['referrals-renamed.csv', 'IDS101', 'nhs']]);
      assert.match(found.ignored[0].reason, /not recognised/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('outcome report and store', () => {
  it('shows file content only as inline code (no markup injection)', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-rep-'));
    try {
      const file = path.join(tmp, 'IDS101.csv');
      fs.writeFileSync(file, 'PathwayID,ServiceRequestId,ReferralRequestReceivedDate,ServDischDate,Recovery_Flag\n'
        + 'P1,S1,2024-01-01,"[x](command:evil)`<img>",True\nP2,S2,2024-01-01,2024-02-01,True\n');
      const r = await computeOutcomes([{ path: file, name: '<b>IDS101.csv', layout: 'nhs', tableId: 'IDS101' }]);
      const text = formatOutcomeReport(r);
      assert.doesNotMatch(text, /(^|[^`])<b>/m, 'file names only inside code spans');
      assert.match(text, /`<b>IDS101\.csv:2:4` `\[x\]\(command:evil\) <img>`/, 'a backtick in the value cannot close the code span');
      assert.match(text, /No care contact table/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
  it('keeps the last result so other features can read a pathway\'s verdict', async () => {
    const tables = ['IDS101', 'IDS201', 'IDS202', 'IDS607'].map((id) => ({ path: path.join(FIX, 'nhs', `${id}.csv`), layout: 'nhs' as const, tableId: id }));
    const r = await computeOutcomes(tables);
    let seen = 0;
    const off = outcomeStore.onDidChange(() => { seen++; });
    outcomeStore.set(r, 'fixture');
    assert.equal(outcomeStore.pathway('PW1')?.recovery, true);
    assert.equal(outcomeStore.pathway('nope'), undefined);
    assert.equal(outcomeStore.get()?.source, 'fixture');
    outcomeStore.clear();
    off();
    outcomeStore.set(r, 'again');
    assert.equal(seen, 2);
    outcomeStore.clear();
  });
});
