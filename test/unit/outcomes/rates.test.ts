import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summarise } from '../../../src/core/outcomes';

// England figures copied (with their sources) from the shared reference into a fixture, so tests never read ../shared.
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'outcomes', 'national-figures.json'), 'utf8'));
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

interface Annual {
  period: string; finished_course_treatment: number; not_at_caseness: number; recovered: number; recovery_rate_pct: number;
  reliable_improvement: number; reliable_improvement_rate_pct: number; reliable_recovery: number; reliable_recovery_rate_pct: number;
  reliable_deterioration: number; reliable_deterioration_rate_pct: number; no_reliable_change: number; no_reliable_change_rate_pct: number;
}

function summaryOf(f: number, nc: number, rec = 0, ri = 0, rr = 0, rd = 0, noc = 0) {
  return summarise({ finished: f, at_caseness: 0, not_at_caseness: nc, recovered: rec, reliable_improvement: ri, reliable_recovery: rr, reliable_deterioration: rd, no_reliable_change: noc });
}

describe('rates reproduce the published national percentages from their counts', () => {
  const annual: Annual[] = fixture.rows.filter((r: Annual) => 'no_reliable_change' in r);
  it('has the eight annual rows 2017-18 … 2024-25', () => assert.deepEqual(annual.map((r) => r.period),
    ['2017-18', '2018-19', '2019-20', '2020-21', '2021-22', '2022-23', '2023-24', '2024-25']));
  for (const r of annual) {
    it(`England ${r.period}`, () => {
      const s = summaryOf(r.finished_course_treatment, r.not_at_caseness, r.recovered, r.reliable_improvement, r.reliable_recovery, r.reliable_deterioration, r.no_reliable_change);
      assert.equal(round1(s.recovery_rate), r.recovery_rate_pct);
      assert.equal(round1(s.reliable_improvement_rate), r.reliable_improvement_rate_pct);
      assert.equal(round1(s.reliable_recovery_rate), r.reliable_recovery_rate_pct);
      assert.equal(round1(s.reliable_deterioration_rate), r.reliable_deterioration_rate_pct);
      assert.equal(round1(s.no_reliable_change_rate), r.no_reliable_change_rate_pct);
    });
  }
  it('reliable recovery over all finished (the NHS England dashboard SQL bug) would not reproduce them', () => {
    const misses = annual.filter((r) => round1((r.reliable_recovery / r.finished_course_treatment) * 100) !== r.reliable_recovery_rate_pct);
    assert.ok(misses.length >= 7, `the buggy denominator matched ${8 - misses.length} years`);
  });
  it('December 2020 recovery and April 2025 reliable recovery (monthly)', () => {
    const dec = fixture.rows.find((r: { period: string }) => r.period === '2020-12');
    assert.equal(round1(summaryOf(dec.finished_course_treatment, dec.not_at_caseness, dec.recovered).recovery_rate), dec.recovery_rate_pct);
    const apr = fixture.rows.find((r: { period: string }) => r.period === '2025-04');
    // published denominator "finished at caseness" 54,672 = finished − not at caseness
    const nc = apr.finished_course_treatment - apr.finished_at_caseness_denominator;
    assert.equal(round1(summaryOf(apr.finished_course_treatment, nc, 0, 0, apr.reliable_recovery).reliable_recovery_rate), apr.reliable_recovery_rate_pct);
  });
  describe('by presenting complaint (England 2023-24 and 2024-25)', () => {
    for (const r of fixture.by_presenting_complaint.rows) {
      it(`${r.year} ${r.variable_a}`, () => {
        const s = summaryOf(r.finished, r.not_at_caseness, r.recovery, r.improvement, r.reliable_recovery, r.deterioration, r.no_change ?? 0);
        assert.equal(round1(s.recovery_rate), r.recovery_pct);
        assert.equal(round1(s.reliable_improvement_rate), r.improvement_pct);
        assert.equal(round1(s.reliable_recovery_rate), r.reliable_recovery_pct);
        assert.equal(round1(s.reliable_deterioration_rate), r.deterioration_pct);
      });
    }
  });
  it('a rate with a zero denominator is null, not NaN', () => {
    const s = summaryOf(0, 0);
    assert.equal(s.recovery_rate, null);
    assert.equal(s.reliable_improvement_rate, null);
    assert.equal(summaryOf(5, 5).recovery_rate, null);
  });
});
