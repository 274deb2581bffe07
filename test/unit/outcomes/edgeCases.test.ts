// Issue 13: the edge cases real extracts contain. Rows in, verdict out, in both layouts where the layout has the
// field. Expected values are worked by hand from outcomes-spec.md (PHQ-9 ≥10 / RC 6, GAD-7 ≥8 / RC 4, HAI ≥18 / RC 4)
// and the engine's documented choices (src/core/outcomes/README.md "How outcomes are computed").
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { badInputLines, computeOutcomes, formatOutcomeReport, type OutcomeResult } from '../../../src/core/outcomes';
import {
  activityRow, cleanupTables, complaintRow, compute, contactRow, contactScore, flagsOf, GAD7, kinds, MI, pathway, PHQ9, places,
  referral, referralScore, SPIN, type Layout, type NhsRows, type Row,
} from './tables';

const LAYOUTS: Layout[] = ['nhs', 'ukllc'];
const RECOVERED = [true, true, true, false, false, true];

/** two attended treatment contacts c1 (2024-01-10) and c2 (2024-03-10) with activities a1, a2 */
function course(pw: string, over: { c1?: Row; c2?: Row } = {}): Pick<NhsRows, 'IDS201' | 'IDS202'> {
  return {
    IDS201: [contactRow(pw, 'c1', '2024-01-10', over.c1), contactRow(pw, 'c2', '2024-03-10', over.c2)],
    IDS202: [activityRow(pw, 'c1', `${pw}-a1`), activityRow(pw, 'c2', `${pw}-a2`)],
  };
}
/** PHQ-9 and GAD-7 at a1 (first) and a2 (last) */
const scores = (pw: string, phq: [string, string], gad: [string, string]): Row[] => [
  contactScore(pw, `${pw}-a1`, PHQ9, phq[0]), contactScore(pw, `${pw}-a2`, PHQ9, phq[1]),
  contactScore(pw, `${pw}-a1`, GAD7, gad[0]), contactScore(pw, `${pw}-a2`, GAD7, gad[1]),
];
const addsUp = (r: OutcomeResult) => assert.equal(r.stats.rowsRead, r.stats.rowsUsed + r.stats.rowsIgnored, `read ${r.stats.rowsRead} ≠ used ${r.stats.rowsUsed} + ignored ${r.stats.rowsIgnored}`);

describe('outcome edge cases (issue 13)', () => {
  after(cleanupTables);

  for (const layout of LAYOUTS) {
    describe(`${layout} layout`, () => {
      it('1. derived-only extract: ADSM, ADSM_FirstScore and ADSM_LastScore rate the pathway on HAI', async () => {
        const r = await compute(layout, {
          IDS101: [referral('D1', {
            TreatmentCareContact_Count: '3', CompletedTreatment_Flag: 'True', PHQ9_FirstScore: '22', PHQ9_LastScore: '6',
            ADSM: 'AnxietyInventory', ADSM_FirstScore: '37', ADSM_LastScore: '2', NotCaseness_Flag: 'False',
            Recovery_Flag: 'True', ReliableImprovement_Flag: 'True', ReliableDeterioration_Flag: 'False', NoChange_Flag: 'False',
          })],
        });
        assert.equal(r.basis, 'derived-fields');
        const p = pathway(r, 'D1');
        assert.deepEqual([p.anxietyMeasure, p.anxietyFirst, p.anxietyLast, p.phq9First, p.phq9Last], ['HAI', '37', '2', '22', '6']);
        // caseness (PHQ-9 22 ≥ 10); PHQ-9 6 < 10 and HAI 2 < 18 at the end; PHQ-9 Δ16 ≥ 6, HAI Δ35 ≥ 4, no increase
        assert.deepEqual(flagsOf(p), RECOVERED);
        assert.equal(r.disagreementCount, 0, JSON.stringify(r.disagreements));
      });

      it('2. presenting complaint: validated first, "01" is primary, numeric ids compare as numbers', async () => {
        const complaints = [
          complaintRow('C1', 'F32', { Validated_PresentingComplaint: 'F32', PresCompCodSig: '2', PresCompDate: '2024-01-05', UniqueID_IDS603: '1' }),
          complaintRow('C1', 'F401', { Validated_PresentingComplaint: '', PresCompCodSig: '1', PresCompDate: '2024-02-01', UniqueID_IDS603: '2' }),
          complaintRow('C2', 'F401', { Validated_PresentingComplaint: '', PresCompCodSig: '01', PresCompDate: '2024-01-05', UniqueID_IDS603: '3' }),
          complaintRow('C2', 'F32', { Validated_PresentingComplaint: '', PresCompCodSig: '2', PresCompDate: '2024-02-01', UniqueID_IDS603: '4' }),
          complaintRow('C3', 'F32', { Validated_PresentingComplaint: '', UniqueID_IDS603: '9' }),
          complaintRow('C3', 'F401', { Validated_PresentingComplaint: '', UniqueID_IDS603: '10' }),
          complaintRow('C4', 'F32', { Validated_PresentingComplaint: 'F401', UniqueID_IDS603: '11' }),
        ];
        for (const rows of [complaints, [...complaints].reverse()]) {
          const r = await compute(layout, { IDS101: ['C1', 'C2', 'C3', 'C4'].map((id) => referral(id)), IDS603: rows });
          assert.deepEqual(['C1', 'C2', 'C3', 'C4'].map((id) => pathway(r, id).presentingComplaint), ['F32', 'F401', 'F401', 'F401']);
        }
      });

      it('3. CareContactId and CareActId are scoped by pathway: two pathways with contact c1 keep their own', async () => {
        const a = course('A'); const b = course('B', { c1: { AttendOrDNACode: '3' } });
        const r = await compute(layout, {
          IDS101: [referral('A'), referral('B')],
          IDS201: [...a.IDS201!, ...b.IDS201!].map((x) => ({ ...x })),
          IDS202: [activityRow('A', 'c1', 'x1'), activityRow('A', 'c2', 'x2'), activityRow('B', 'c1', 'x1'), activityRow('B', 'c2', 'x2')],
          IDS607: [
            contactScore('A', 'x1', PHQ9, '18'), contactScore('A', 'x2', PHQ9, '7'), contactScore('A', 'x1', GAD7, '12'), contactScore('A', 'x2', GAD7, '6'),
            contactScore('B', 'x1', PHQ9, '20'), contactScore('B', 'x2', PHQ9, '15'),
          ],
        });
        const pa = pathway(r, 'A'); const pb = pathway(r, 'B');
        assert.equal(pa.treatmentAppointments, 2);
        assert.deepEqual([pa.phq9First, pa.phq9Last, pa.anxietyFirst, pa.anxietyLast], ['18', '7', '12', '6']);
        assert.deepEqual(flagsOf(pa), RECOVERED);
        // B's c1 was not attended: one treatment appointment; its x1 score (at the DNA) is not used
        assert.deepEqual([pb.treatmentAppointments, pb.exclusion, pb.phq9First, pb.phq9Last], [1, 'one attended treatment appointment', '15', '']);
        addsUp(r);
      });

      it('4. malformed scores (0x7, 5e0, " 7 ", 12.5 for PHQ-9) are counted by file:line and not used; MI 2.5 is', async () => {
        const r = await compute(layout, {
          IDS101: [referral('M')],
          ...course('M'),
          IDS606: [
            referralScore('M', PHQ9, '0x7', '2024-01-02'), referralScore('M', PHQ9, '5e0', '2024-01-05'),
            referralScore('M', PHQ9, ' 7 ', '2024-04-20'), referralScore('M', PHQ9, '12.5', '2024-04-25'),
            referralScore('M', MI, '2.5', '2024-01-10'),
          ],
          IDS607: scores('M', ['18', '8'], ['12', '6']),
        });
        const p = pathway(r, 'M');
        assert.deepEqual([p.phq9First, p.phq9Last], ['18', '8']);
        assert.deepEqual(flagsOf(p), RECOVERED);
        const k = kinds(r);
        assert.deepEqual([k['score not numeric'], k['score not an integer'], k['score out of range']], [3, 1, undefined]);
        const file = layout === 'nhs' ? 'IDS606.csv' : 'IAPT_coded_scored_assessments.csv';
        assert.deepEqual(places(r, 'score not numeric'), [`${file}:2`, `${file}:3`, `${file}:4`]);
        assert.deepEqual(places(r, 'score not an integer'), [`${file}:5`]);
        addsUp(r);
        // read = 1 referral + contacts (2 NHS IDS201 + 2 IDS202 | 2 UK LLC care rows) + 5 + 4 scores; 4 ignored
        assert.deepEqual([r.stats.rowsRead, r.stats.rowsUsed, r.stats.rowsIgnored], layout === 'nhs' ? [14, 10, 4] : [12, 8, 4]);
      });

      it('5. an unreadable referral date or contact time is reported and treated as unknown: the pathway still finishes', async () => {
        const r = await compute(layout, {
          IDS101: [referral('R', { ReferralRequestReceivedDate: '2024-02-30' })],
          ...course('R', { c1: { CareContTime: '25:00' } }),
          IDS607: scores('R', ['18', '7'], ['12', '6']),
        });
        const p = pathway(r, 'R');
        assert.deepEqual([p.referralDate, p.dischargeDate, p.treatmentAppointments, p.finishedCourse], ['', '2024-04-30', 2, true]);
        assert.deepEqual(flagsOf(p), RECOVERED);
        assert.deepEqual([kinds(r)['unparseable date'], kinds(r)['unparseable time'], kinds(r)['unknown pathway']], [1, 1, undefined]);
        assert.ok(r.issues.filter((g) => g.kind.startsWith('unparseable')).every((g) => !g.skipped), 'rows kept');
      });

      it('6a. same input, same answer: two PHQ-9 scores on one date without a time, in either row order', async () => {
        const rows = [referralScore('O', PHQ9, '20', '2024-01-10'), referralScore('O', PHQ9, '5', '2024-01-10'), referralScore('O', PHQ9, '8', '2024-03-10')];
        for (const order of [rows, [rows[1], rows[0], rows[2]]]) {
          const r = await compute(layout, {
            IDS101: [referral('O')], ...course('O'), IDS606: order,
            IDS607: [contactScore('O', 'O-a1', GAD7, '7'), contactScore('O', 'O-a2', GAD7, '6')],
          });
          const p = pathway(r, 'O');
          // total order: same date, no time, same level, no id → lower value first: PHQ-9 5 → 8, GAD-7 7 → 6
          assert.deepEqual([p.phq9First, p.phq9Last], ['5', '8']);
          assert.deepEqual(flagsOf(p), [false, false, false, false, true, false]);
        }
      });

      it('6b. paired means two different days, whether the scores come from IDS606 or IDS607', async () => {
        const r = await compute(layout, {
          IDS101: [referral('Q')], ...course('Q'),
          IDS606: [referralScore('Q', PHQ9, '18', '2024-01-10')],
          IDS607: [contactScore('Q', 'Q-a1', PHQ9, '9'), contactScore('Q', 'Q-a1', GAD7, '12'), contactScore('Q', 'Q-a2', GAD7, '6')],
        });
        const p = pathway(r, 'Q');
        // both PHQ-9 scores on 2024-01-10: unpaired; the untimed referral-level one sorts first
        assert.deepEqual([p.phq9First, p.phq9Last], ['18', '']);
        assert.deepEqual(flagsOf(p), [true, false, false, false, false, false]);
      });

      it('7a. scores and contacts dated before the referral date are used and reported', async () => {
        const r = await compute(layout, {
          IDS101: [referral('S')],
          ...course('S', { c1: { CareContDate: '2023-12-15' } }),
          IDS606: [referralScore('S', PHQ9, '20', '2023-12-10')],
          IDS607: scores('S', ['12', '7'], ['6', '5']),
        });
        const p = pathway(r, 'S');
        assert.equal(p.treatmentAppointments, 2);
        // PHQ-9 first is the 2023-12-10 score: 20 → 7 (Δ13), GAD-7 6 → 5; caseness on PHQ-9, both end below
        assert.deepEqual([p.phq9First, p.phq9Last], ['20', '7']);
        assert.deepEqual(flagsOf(p), RECOVERED);
        assert.deepEqual([kinds(r)['contact before referral date'], kinds(r)['score before referral date']], [1, 3], 'c1 and its two scores, and the referral-level score');
      });

      it('7b. a contact written twice with different attendance: reported, attended wins in either order', async () => {
        const rows = [contactRow('U', 'c1', '2024-01-10', { AttendOrDNACode: '3' }), contactRow('U', 'c1', '2024-01-10'), contactRow('U', 'c2', '2024-03-10')];
        for (const order of [rows, [rows[1], rows[0], rows[2]]]) {
          const r = await compute(layout, { IDS101: [referral('U')], IDS201: order });
          assert.equal(pathway(r, 'U').treatmentAppointments, 2);
          assert.equal(kinds(r)['conflicting care contact rows'], 1);
          addsUp(r);
        }
      });

      it('7c. no presenting complaint while the table exists: GAD-7 (spec 2.1), the derived ADSM label only noted', async () => {
        const r = await compute(layout, {
          IDS101: [referral('X', { ADSM: 'SocialPhobia' }), referral('X2')],
          ...course('X'),
          IDS603: [complaintRow('X2', 'F32')],
          IDS607: [...scores('X', ['8', '6'], ['12', '10']), contactScore('X', 'X-a1', SPIN, '40'), contactScore('X', 'X-a2', SPIN, '15')],
        });
        const p = pathway(r, 'X');
        assert.equal(p.anxietyMeasure, 'GAD-7');
        // GAD-7 12 ≥ 8 at start, 10 ≥ 8 at the end; no change reaches the RC
        assert.deepEqual(flagsOf(p), [true, false, false, false, true, false]);
        assert.ok(p.notes.some((n) => /derived ADSM field says SocialPhobia/.test(n)), p.notes.join('; '));
      });

      it('7d. a complaint paired with an ADSM without thresholds (CFQ for G933) is named in a warning', async () => {
        const r = await compute(layout, {
          IDS101: [referral('Y')], ...course('Y'), IDS603: [complaintRow('Y', 'G933')], IDS607: scores('Y', ['18', '7'], ['12', '6']),
        });
        assert.equal(pathway(r, 'Y').anxietyMeasure, 'GAD-7');
        assert.deepEqual(flagsOf(pathway(r, 'Y')), RECOVERED);
        assert.ok(r.warnings.some((w) => /^CFQ: 1 pathway/.test(w)), r.warnings.join('\n'));
      });
    });
  }

  describe('NHS layout only (raw submissions name no pathway on IDS202/IDS607)', () => {
    it('3. a child row whose CareContactId / CareActId two pathways share is reported, never attributed', async () => {
      const r = await compute('nhs', {
        IDS101: [referral('A'), referral('B')],
        IDS201: [contactRow('A', 'c1', '2024-01-10'), contactRow('B', 'c1', '2024-01-12')],
        IDS202: [activityRow('A', 'c1', 'x1'), activityRow('B', 'c1', 'x1'), { CareActId: 'x9', CareContactId: 'c1', PathwayID: '' }],
        IDS607: [{ CareActId: 'x1', PathwayID: '', CodedAssToolType: PHQ9, PersScore: '20' }],
      });
      assert.deepEqual([kinds(r)['ambiguous care contact'], kinds(r)['ambiguous care activity']], [1, 1]);
      assert.deepEqual(['A', 'B'].map((id) => pathway(r, id).phq9First), ['', '']);
      addsUp(r);
    });
  });

  describe('UK LLC layout only: rows without extract_end_date', () => {
    it('7e. are skipped (reported) when the pathway has dated rows, kept (reported) when it has none', async () => {
      const stamp = { extract_start_date: '2023-04-01', extract_end_date: '2024-06-30' };
      const undated = { extract_start_date: '', extract_end_date: '' };
      const care = (pw: string, id: string, date: string, s: Row) => {
        const { ServiceRequestId: _s, ...rest } = contactRow(pw, id, date); return { ...rest, ...s };
      };
      const ref = (pw: string) => { const { ServiceRequestId: _s, ...rest } = referral(pw); return { ...rest, ...stamp }; };
      const r = await compute('ukllc', {
        IAPT_demographics_and_referral: [ref('V'), ref('W')],
        IAPT_care_activities: [
          care('V', 'c1', '2024-01-10', stamp), care('V', 'c2', '2024-03-10', stamp), care('V', 'c3', '2024-02-15', undated),
          care('W', 'c1', '2024-01-10', undated), care('W', 'c2', '2024-03-10', undated),
        ],
      });
      assert.deepEqual(['V', 'W'].map((id) => pathway(r, id).treatmentAppointments), [2, 2]);
      assert.deepEqual(places(r, 'no extract end date'), ['IAPT_care_activities.csv:4']);
      assert.deepEqual(places(r, 'no extract end date (kept)'), ['IAPT_care_activities.csv:5', 'IAPT_care_activities.csv:6']);
      addsUp(r);
    });
  });
});


describe('bad input: rows read = used + ignored, by reason with file:line (CLI report and output channel)', () => {
  const FIX = path.join(__dirname, '..', '..', 'fixtures', 'outcomes');
  it('on the NHS fixture: every kind of ignored row is in the report with its place', async () => {
    const ids = ['IDS101', 'IDS201', 'IDS202', 'IDS603', 'IDS606', 'IDS607'];
    const r = await computeOutcomes(ids.map((id) => ({ path: path.join(FIX, 'nhs', `${id}.csv`), name: `${id}.csv`, layout: 'nhs' as const, tableId: id })));
    const lines = ids.reduce((n, id) => n + fs.readFileSync(path.join(FIX, 'nhs', `${id}.csv`), 'utf8').trimEnd().split('\n').length - 1, 0);
    assert.equal(r.stats.rowsRead, lines, 'every data line is read');
    addsUp(r);
    const ignored = [...r.issues, ...r.setAside].filter((g) => g.skipped).reduce((n, g) => n + g.count, 0);
    assert.equal(r.stats.rowsIgnored, ignored);
    const text = badInputLines(r).join('\n');
    assert.match(text, new RegExp(`^## Bad input: ${lines} rows read = ${r.stats.rowsUsed} used \\+ ${ignored} ignored$`, 'm'));
    for (const g of [...r.issues, ...r.setAside]) assert.ok(text.includes(`- ${g.kind} (${g.count})`), g.kind);
    assert.match(text, /- unknown measure \(1\).*`IDS607\.csv:25:2`/);
    assert.ok(formatOutcomeReport(r).includes(text), 'the CLI report carries the same section');
  });
  it('on the UK LLC fixture: superseded extract rows are set aside with their places', async () => {
    const ids = ['IAPT_demographics_and_referral', 'IAPT_care_activities', 'IAPT_coded_scored_assessments', 'IAPT_mental_and_physical_health_conditions'];
    const r = await computeOutcomes(ids.map((id) => ({ path: path.join(FIX, 'ukllc', `${id}.csv`), name: `${id}.csv`, layout: 'ukllc' as const, tableId: id })));
    addsUp(r);
    assert.equal(r.setAside.find((g) => g.kind === 'earlier extract period')?.count, r.stats.earlierExtractRows);
    assert.deepEqual(r.issues, []);
  });
});
