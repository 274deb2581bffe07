import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeOutcomes, OutcomeInputError, type OutcomeResult, type OutcomeTableInput } from '../../../src/core/outcomes';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'outcomes');
const nhsTables = (dir = path.join(FIX, 'nhs'), ids = ['IDS101', 'IDS201', 'IDS202', 'IDS603', 'IDS606', 'IDS607']): OutcomeTableInput[] =>
  ids.map((id) => ({ path: path.join(dir, `${id}.csv`), name: `${id}.csv`, layout: 'nhs', tableId: id }));
const UKLLC = ['IAPT_demographics_and_referral', 'IAPT_care_activities', 'IAPT_coded_scored_assessments', 'IAPT_mental_and_physical_health_conditions'];
const ukllcTables = (ids = UKLLC): OutcomeTableInput[] =>
  ids.map((id) => ({ path: path.join(FIX, 'ukllc', `${id}.csv`), name: `${id}.csv`, layout: 'ukllc', tableId: id }));

function byId(r: OutcomeResult, id: string) {
  const p = r.pathways.find((x) => x.pathwayId === id);
  assert.ok(p, `pathway ${id} missing`);
  return p;
}
const flags = (p: ReturnType<typeof byId>) => [p.caseness, p.recovery, p.reliableImprovement, p.reliableDeterioration, p.noReliableChange, p.reliableRecovery];

describe('outcomes from NHS tables', () => {
  let r: OutcomeResult;
  before(async () => { r = await computeOutcomes(nhsTables()); });

  it('computes every pathway of the referral table (a referral row with a bad discharge date is kept, not discharged)', () => {
    assert.deepEqual(r.pathways.map((p) => p.pathwayId), ['PW1', 'PW2', 'PW3', 'PW4', 'PW5', 'PW6']);
    assert.deepEqual([byId(r, 'PW6').dischargeDate, byId(r, 'PW6').exclusion], ['', 'no discharge date']);
    assert.equal(byId(r, 'PW1').participantId, 'P1');
  });
  it('counts attended treatment appointments (AppType 02/03/05, attended 5/6, not after discharge)', () => {
    assert.deepEqual(r.pathways.map((p) => p.treatmentAppointments), [2, 2, 1, 2, 3, 0]);
    assert.deepEqual(r.exclusions, { 'one attended treatment appointment': 1, 'no discharge date': 2 });
  });
  it('recomputes the verdicts', () => {
    assert.deepEqual(flags(byId(r, 'PW1')), [true, true, true, false, false, true]);
    const pw2 = byId(r, 'PW2');
    assert.deepEqual([pw2.presentingComplaint, pw2.anxietyMeasure, pw2.anxietyFirst, pw2.anxietyLast], ['F401', 'SPIN', '40', '15']);
    assert.deepEqual(flags(pw2), [true, true, true, false, false, true]);
    const pw5 = byId(r, 'PW5');
    assert.deepEqual([pw5.phq9First, pw5.phq9Last, pw5.anxietyFirst, pw5.anxietyLast], ['15', '9', '10', '15'], 'referral-level GAD-7 first, after-discharge scores ignored');
    assert.deepEqual(flags(pw5), [true, false, false, true, false, false]);
    assert.deepEqual(flags(byId(r, 'PW3')), [null, null, null, null, null, null]);
    assert.deepEqual([byId(r, 'PW3').phq9First, byId(r, 'PW3').phq9Last], ['20', '']);
  });
  it('summarises with NHS denominators', () => {
    assert.deepEqual(r.summary, {
      finished: 3, at_caseness: 3, not_at_caseness: 0, recovered: 2, recovery_rate: (2 / 3) * 100,
      reliable_improvement: 2, reliable_improvement_rate: (2 / 3) * 100, reliable_recovery: 2, reliable_recovery_rate: (2 / 3) * 100,
      reliable_deterioration: 1, reliable_deterioration_rate: (1 / 3) * 100, no_reliable_change: 0, no_reliable_change_rate: 0,
      derived_flag_disagreements: 1,
    });
  });
  it('reports every derived-field disagreement with its place', () => {
    assert.deepEqual(r.disagreements, [{ pathwayId: 'PW2', field: 'Recovery_Flag', extract: 'False', computed: 'true', file: 'IDS101.csv', line: 3 }]);
  });
  it('skips bad rows with a count and located examples', () => {
    const kinds = Object.fromEntries(r.issues.map((g) => [g.kind, g.count]));
    assert.deepEqual(kinds, { 'unparseable date': 2, 'unknown pathway': 1, 'unknown measure': 1, 'score not numeric': 1, 'score out of range': 1, 'AppType without leading zero': 1 });
    assert.deepEqual(r.issues.filter((g) => !g.skipped).map((g) => g.kind).sort(), ['AppType without leading zero', 'unparseable date'], 'the damaged AppType row and the rows with an unreadable date are kept');
    const dates = r.issues.find((g) => g.kind === 'unparseable date')!;
    assert.deepEqual(dates.examples.map((e) => `${e.file}:${e.line}:${e.column} ${e.value}`), ['IDS101.csv:7:6 2024-02-30', 'IDS201.csv:16:4 2024-02-30']);
    const unknown = r.issues.find((g) => g.kind === 'unknown measure')!;
    assert.deepEqual(unknown.examples[0], { file: 'IDS607.csv', line: 25, column: 2, value: '7.20433E+08' });
    assert.equal(r.stats.otherAssessments, 1, 'the WSAS item is known but not an outcome measure');
  });
  it('filters on discharge date, inclusive, and counts the rest as excluded', async () => {
    const p = await computeOutcomes(nhsTables(), { period: { from: '2024-04-30', to: '2024-05-15' } });
    assert.deepEqual(p.pathways.map((x) => x.pathwayId), ['PW1', 'PW2']);
    assert.equal(p.summary.finished, 2);
    assert.equal(p.exclusions['discharge date outside period'], 2);
  });
  it('names what is missing and what it means', async () => {
    const p = await computeOutcomes(nhsTables(undefined, ['IDS101', 'IDS201', 'IDS202', 'IDS607']));
    assert.ok(p.warnings.some((w) => /No presenting complaints.*derived ADSM.*GAD-7/.test(w)));
    assert.equal(byId(p, 'PW1').anxietyMeasure, 'GAD-7');
    assert.equal(byId(p, 'PW2').anxietyMeasure, 'SPIN', 'from the derived ADSM field SocialPhobia');
    await assert.rejects(computeOutcomes(nhsTables(undefined, ['IDS201'])), OutcomeInputError);
    const noAct = await computeOutcomes(nhsTables(undefined, ['IDS101', 'IDS201', 'IDS607']));
    assert.ok(noAct.warnings.some((w) => /IDS607.*without IDS202/.test(w)));
  });
  it('warns when several files are the same table (e.g. two extracts in one folder)', async () => {
    const twice = await computeOutcomes([...nhsTables(), ...nhsTables(undefined, ['IDS101'])]);
    assert.ok(twice.warnings.some((w) => /^2 files are IDS101 \(IDS101\.csv, IDS101\.csv\)/.test(w)));
    assert.equal(twice.pathways.length, 6);
    assert.equal(twice.issues.find((g) => g.kind === 'another referral row of the same pathway')?.count, 6, 'each second copy is ignored, and said so');
  });
  it('computes from derived fields when the extract has no session-level scores, and says so', async () => {
    const d = await computeOutcomes(nhsTables(undefined, ['IDS101', 'IDS201']));
    assert.equal(d.basis, 'derived-fields');
    assert.ok(d.warnings.some((w) => /derived first\/last scores/.test(w)));
    assert.deepEqual(flags(byId(d, 'PW1')), [true, true, true, false, false, true]);
    // PW2's derived ADSM is SocialPhobia but it has no SPIN fields, so GAD-7 12→10 decides: not recovered
    assert.equal(byId(d, 'PW2').recovery, false);
    assert.equal(d.disagreementsByField.Recovery_Flag ?? 0, 0);
  });
  it('honours cancellation', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(computeOutcomes(nhsTables(), {}, { signal: ac.signal }));
  });
});

describe('outcomes from raw submissions (no PathwayID / Person_ID)', () => {
  it('links IDS607 → IDS202 → IDS201 → IDS101 through CareActId, CareContactId and ServiceRequestId', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-raw-'));
    try {
      for (const f of fs.readdirSync(path.join(FIX, 'nhs'))) {
        const lines = fs.readFileSync(path.join(FIX, 'nhs', f), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
        const drop = new Set(['PathwayID', 'Person_ID'].map((n) => lines[0].indexOf(n)).filter((i) => i >= 0));
        fs.writeFileSync(path.join(dir, f), lines.map((l) => l.filter((_, i) => !drop.has(i)).join(',')).join('\n') + '\n');
      }
      const raw = await computeOutcomes(nhsTables(dir));
      const full = await computeOutcomes(nhsTables());
      assert.deepEqual(raw.pathways.map((p) => [p.pathwayId, p.participantId]), [['SR1', 'L1'], ['SR2', 'L2'], ['SR3', 'L3'], ['SR4', 'L1'], ['SR5', 'L5'], ['SR6', 'L6']]);
      const strip = (r: OutcomeResult) => r.pathways.map(({ pathwayId: _a, participantId: _b, ...rest }) => rest);
      assert.deepEqual(strip(raw), strip(full));
      assert.deepEqual(raw.summary, full.summary);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('outcomes from UK LLC tables', () => {
  let r: OutcomeResult;
  before(async () => { r = await computeOutcomes(ukllcTables()); });

  it('keeps, per pathway, only the latest extract of each financial year', () => {
    assert.deepEqual(r.pathways.map((p) => [p.pathwayId, p.participantId, p.dischargeDate]), [['U1', 'K001', '2024-01-31'], ['U2', 'K002', '2023-06-30']]);
    const u1 = byId(r, 'U1');
    assert.equal(u1.treatmentAppointments, 3, 'the DNA in the earlier extract was corrected to attended');
    assert.deepEqual([u1.phq9First, u1.phq9Last, u1.anxietyFirst, u1.anxietyLast], ['16', '8', '10', '5'], 'the earlier extract\'s PHQ-9 of 20 is not used');
    assert.equal(r.stats.earlierExtractRows, 6);
  });
  it('joins a pathway\'s events across financial years', () => {
    const u2 = byId(r, 'U2');
    assert.equal(u2.treatmentAppointments, 2);
    assert.deepEqual([u2.phq9First, u2.phq9Last, u2.anxietyFirst, u2.anxietyLast], ['12', '4', '9', '3']);
    assert.deepEqual(flags(u2), [true, true, true, false, false, true]);
  });
  it('summarises and compares the lower-case derived fields', () => {
    assert.equal(r.summary.finished, 2);
    assert.equal(r.summary.recovered, 2);
    assert.equal(r.summary.derived_flag_disagreements, 0);
    assert.deepEqual(r.issues, []);
  });
  it('reports a disagreement with a lower-case UK LLC derived field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-ukllc-d-'));
    try {
      for (const id of UKLLC) fs.copyFileSync(path.join(FIX, 'ukllc', `${id}.csv`), path.join(dir, `${id}.csv`));
      const ref = path.join(dir, 'IAPT_demographics_and_referral.csv');
      fs.writeFileSync(ref, fs.readFileSync(ref, 'utf8').replace('U1,K001,2023-05-01,2024-01-31,3,True', 'U1,K001,2023-05-01,2024-01-31,3,False'));
      const x = await computeOutcomes(UKLLC.map((id) => ({ path: path.join(dir, `${id}.csv`), name: `${id}.csv`, layout: 'ukllc' as const, tableId: id })));
      assert.deepEqual(x.disagreements, [{ pathwayId: 'U1', field: 'Recovery_Flag', extract: 'False', computed: 'true', file: 'IAPT_demographics_and_referral.csv', line: 2 }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('finds the extract-period columns under the aliases the dictionary accepts (extractstartdate, extractenddate)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-ukllc-alias-'));
    try {
      for (const id of UKLLC) {
        const text = fs.readFileSync(path.join(FIX, 'ukllc', `${id}.csv`), 'utf8');
        const nl = text.indexOf('\n');
        const header = text.slice(0, nl).replace('extract_start_date', 'extractstartdate').replace('extract_end_date', 'extractenddate');
        fs.writeFileSync(path.join(dir, `${id}.csv`), header + text.slice(nl));
      }
      const x = await computeOutcomes(UKLLC.map((id) => ({ path: path.join(dir, `${id}.csv`), name: `${id}.csv`, layout: 'ukllc' as const, tableId: id })));
      assert.ok(!x.warnings.some((w) => /could not be de-duplicated/.test(w)), x.warnings.join('\n'));
      assert.deepEqual(x.summary, r.summary);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('without its extract columns a table is read whole, with a warning', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-ukllc-'));
    try {
      const src = path.join(FIX, 'ukllc', 'IAPT_demographics_and_referral.csv');
      const lines = fs.readFileSync(src, 'utf8').trimEnd().split('\n').map((l) => l.split(',').slice(0, 6).join(','));
      const file = path.join(dir, 'ref.csv');
      fs.writeFileSync(file, lines.join('\n') + '\n');
      const x = await computeOutcomes([{ path: file, name: 'ref.csv', layout: 'ukllc', tableId: 'IAPT_demographics_and_referral' }]);
      assert.ok(x.warnings.some((w) => /ref\.csv: no extract_end_date column/.test(w)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
