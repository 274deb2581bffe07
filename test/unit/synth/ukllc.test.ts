// UK LLC extract-period structure: overlapping extracts within a financial year, cumulative counts, event rows
// per extract, and the guidance's de-duplication (latest extract per pathway per year) recovering the truth.
import { strict as assert } from 'node:assert';
import { builtinSynthProfile, extractPeriods } from '../../../src/core/synth';
import { isoOf } from '../../../src/core/synth/dates';
import { cleanup, extract, type Extract } from './helpers';

const fy = (date: string) => (Number(date.slice(5, 7)) >= 4 ? Number(date.slice(0, 4)) : Number(date.slice(0, 4)) - 1);

/** Rows of a file kept by the UK LLC guidance: per pathway (or participant) and financial year, the latest extract. */
function latestPerYear(x: Extract, file: string): Record<string, string>[] {
  const rows = x.rows(file);
  const latest = new Map<string, string>();
  for (const r of rows) {
    const k = `${r.pathwayid ?? r.cohortkey_e}|${fy(r.extract_end_date)}`;
    if (!latest.has(k) || latest.get(k)! < r.extract_end_date) latest.set(k, r.extract_end_date);
  }
  return rows.filter((r) => latest.get(`${r.pathwayid ?? r.cohortkey_e}|${fy(r.extract_end_date)}`) === r.extract_end_date);
}

describe('synth UK LLC extract periods', function () {
  this.timeout(120_000);
  after(cleanup);
  let x: Extract;
  before(async () => { x = await extract({ referrals: 400, seed: 'periods', layout: 'ukllc' }); });

  it('extract periods start on 1 April (the first on 1 Sep 2020), end on a month end in the same year, and overlap', () => {
    const periods = extractPeriods(builtinSynthProfile()).map((p) => [isoOf(p.start), isoOf(p.end)]);
    assert.equal(periods[0][0], '2020-09-01');
    for (const [start, end] of periods) {
      assert.ok(start === '2020-09-01' || start.endsWith('-04-01'), start);
      assert.equal(fy(start), fy(end));
      const next = new Date(`${end}T00:00:00Z`); next.setUTCDate(next.getUTCDate() + 1);
      assert.equal(next.getUTCDate(), 1, `${end} is a month end`);
    }
    const starts = new Map<string, number>();
    for (const [s] of periods) starts.set(s, (starts.get(s) ?? 0) + 1);
    assert.ok([...starts.values()].some((n) => n > 1), 'several extracts share a start (overlap)');
    const seen = new Set(x.rows('IAPT_demographics_and_referral.csv').map((r) => `${r.extract_start_date}|${r.extract_end_date}`));
    for (const s of seen) assert.ok(periods.some(([a, b]) => `${a}|${b}` === s), `row period ${s} is an extract period`);
  });

  it('repeats an open pathway in every extract of a year with cumulative counts', () => {
    const byPathway = new Map<string, Record<string, string>[]>();
    for (const r of x.rows('IAPT_demographics_and_referral.csv')) byPathway.set(r.pathwayid, [...(byPathway.get(r.pathwayid) ?? []), r]);
    let repeated = 0; let grew = 0;
    for (const rows of byPathway.values()) {
      rows.sort((a, b) => a.extract_end_date.localeCompare(b.extract_end_date));
      if (rows.length > 1) repeated++;
      for (let i = 1; i < rows.length; i++) {
        for (const c of ['carecontact_count', 'treatmentcarecontact_count']) assert.ok(Number(rows[i][c]) >= Number(rows[i - 1][c]), `${c} never decreases`);
        if (Number(rows[i].carecontact_count) > Number(rows[i - 1].carecontact_count)) grew++;
        if (rows[i - 1].servdischdate) assert.equal(rows[i].servdischdate, rows[i - 1].servdischdate, 'a discharge stays once recorded');
      }
      for (const r of rows) {
        assert.ok(r.referralrequestreceiveddate <= r.extract_end_date, 'no row before the referral');
        if (r.servdischdate) assert.ok(r.servdischdate <= r.extract_end_date, 'discharge within the extract');
      }
    }
    assert.ok(repeated > 100, `${repeated} pathways in several extracts`);
    assert.ok(grew > 50, `${grew} cumulative increases`);
  });

  it('puts each event row only in extracts whose period contains its date', () => {
    for (const [file, col] of [['IAPT_care_activities.csv', 'carecontdate'], ['IAPT_coded_scored_assessments.csv', 'asstoolcompdate'], ['IAPT_mental_and_physical_health_conditions.csv', 'prescompdate']]) {
      for (const r of x.rows(file)) if (r[col]) assert.ok(r.extract_start_date <= r[col] && r[col] <= r.extract_end_date, `${file} ${r[col]} in ${r.extract_start_date}..${r.extract_end_date}`);
    }
  });

  it('de-duplicated as the guidance says, the rows give back each pathway\'s truth', () => {
    const latest = latestPerYear(x, 'IAPT_demographics_and_referral.csv');
    const final = new Map<string, Record<string, string>>();
    for (const r of latest) if (!final.has(r.pathwayid) || final.get(r.pathwayid)!.extract_end_date < r.extract_end_date) final.set(r.pathwayid, r);
    const scores = new Map<string, { date: string; time: string; score: number }[]>();
    for (const r of latestPerYear(x, 'IAPT_coded_scored_assessments.csv')) {
      if (r.codedasstooltype !== '720433000') continue;
      scores.set(r.pathwayid, [...(scores.get(r.pathwayid) ?? []), { date: r.asstoolcompdate, time: r.asstoolcomptime, score: Number(r.persscore) }]);
    }
    assert.equal(final.size, x.manifest.pathways.length);
    for (const t of x.manifest.pathways) {
      const r = final.get(t.pathway_id)!;
      assert.equal(r.cohortkey_e, t.participant_id);
      assert.equal(r.servdischdate, t.discharge_date ?? '');
      assert.equal(r.treatmentcarecontact_count, String(t.treatment_appointments));
      const s = (scores.get(t.pathway_id) ?? []).filter((v) => !t.discharge_date || v.date <= t.discharge_date)
        .sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time));
      assert.equal(s.length ? s[0].score : null, t.phq9_first, `${t.pathway_id} first PHQ-9`);
      assert.equal(s.length > 1 ? s[s.length - 1].score : null, t.phq9_last, `${t.pathway_id} last PHQ-9`);
    }
  });
});
