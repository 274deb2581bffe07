import { strict as assert } from 'node:assert';
import { builtinThresholds, thresholdsWith } from '../../../src/core/outcomes/thresholds';
import { chooseAnxietyMeasure, choosePresentingComplaint, computePathwayOutcome } from '../../../src/core/outcomes/rules';
import { complaint, contact, finished, pairedScores } from './helpers';

const t = builtinThresholds();

type Flags = [boolean | null, boolean | null, boolean | null, boolean | null, boolean | null, boolean | null];
/** [caseness, recovery, RI, RD, no change, reliable recovery] */
function flags(facts: Parameters<typeof computePathwayOutcome>[0]): Flags {
  const o = computePathwayOutcome(facts, t);
  assert.equal(o.finishedCourse, true, 'fixture should have finished');
  return [o.caseness, o.recovery, o.reliableImprovement, o.reliableDeterioration, o.noReliableChange, o.reliableRecovery];
}

function gadCase(code: string, d: [number | null, number | null], a: [number | null, number | null]) {
  return finished({ complaints: [complaint(code)], scores: [...pairedScores('PHQ-9', ...d), ...pairedScores('GAD-7', ...a)] });
}

describe('outcome rules: spec section 8.2 worked cases', () => {
  it('#1 both improve below caseness → recovered, RI, reliable recovery', () => {
    assert.deepEqual(flags(gadCase('F32', [18, 7], [12, 6])), [true, true, true, false, false, true]);
  });
  it('#2 PHQ-9 exactly 10 is caseness; 9 is not → recovered, no reliable change', () => {
    assert.deepEqual(flags(gadCase('F32', [10, 9], [7, 7])), [true, true, false, false, true, false]);
  });
  it('#3 not at caseness still counts for reliable improvement (Δ = 6 exactly)', () => {
    assert.deepEqual(flags(gadCase('F411', [9, 3], [7, 2])), [false, false, true, false, false, false]);
  });
  it('#4 opposite directions: anxiety deteriorates reliably → deterioration, not improvement', () => {
    assert.deepEqual(flags(gadCase('F32', [15, 9], [10, 15])), [true, false, false, true, false, false]);
  });
  it('#5 last score exactly at caseness is still a case → not recovered', () => {
    assert.deepEqual(flags(gadCase('F32', [16, 10], [12, 3])), [true, false, true, false, false, false]);
  });
  it('#6 Δ 5 on PHQ-9 is not reliable, Δ 4 on GAD-7 is', () => {
    assert.deepEqual(flags(gadCase('F32', [16, 11], [9, 5])), [true, false, true, false, false, false]);
  });
  it('#7 increases below the reliable-change value → no reliable change', () => {
    assert.deepEqual(flags(gadCase('F32', [12, 16], [9, 11])), [true, false, false, false, true, false]);
  });
  it('#8 deterioration exactly at the reliable-change value counts', () => {
    assert.deepEqual(flags(gadCase('F32', [5, 11], [3, 3])), [false, false, false, true, false, false]);
  });
  it('#9 unpaired (first scores only) → caseness, no change category, not recovered', () => {
    const f = gadCase('F32', [14, null], [10, null]);
    assert.deepEqual(flags(f), [true, false, false, false, false, false]);
    const o = computePathwayOutcome(f, t);
    assert.equal(o.phq9First, '14');
    assert.equal(o.phq9Last, '');
  });
  it('#10 no scores at all → caseness unknown, no flags true', () => {
    assert.deepEqual(flags(gadCase('F32', [null, null], [null, null])), [null, false, false, false, false, false]);
  });
  it('#11 SPIN replaces GAD-7 for social phobia even when GAD-7 ends at caseness', () => {
    const f = finished({
      complaints: [complaint('F401')],
      scores: [...pairedScores('PHQ-9', 8, 6), ...pairedScores('SPIN', 40, 15), ...pairedScores('GAD-7', 12, 10)],
    });
    assert.deepEqual(flags(f), [true, true, true, false, false, true]);
    assert.equal(computePathwayOutcome(f, t).anxietyMeasure, 'SPIN');
  });
  it('#12 unpaired SPIN falls back to the paired GAD-7', () => {
    const f = finished({
      complaints: [complaint('F401')],
      scores: [...pairedScores('PHQ-9', 12, 5), ...pairedScores('SPIN', 30, null), ...pairedScores('GAD-7', 12, 9)],
    });
    assert.deepEqual(flags(f), [true, false, true, false, false, false]);
    const o = computePathwayOutcome(f, t);
    assert.equal(o.anxietyMeasure, 'GAD-7');
    assert.equal(o.anxietyFirst, '12');
  });
  it('#13 MI caseness is strict: 2.3 is not a case; Δ 0.8 ≥ 0.73 is reliable', () => {
    const f = finished({ complaints: [complaint('F400')], scores: [...pairedScores('PHQ-9', 9, 4), ...pairedScores('MI', 2.3, 1.5)] });
    assert.deepEqual(flags(f), [false, false, true, false, false, false]);
    assert.equal(computePathwayOutcome(f, t).anxietyMeasure, 'MI');
  });
  it('#14 one attended treatment appointment → not finished, no flags', () => {
    const f = gadCase('F32', [18, 7], [12, 6]);
    f.contacts = [contact('c1', '2024-01-10', '01'), contact('c2', '2024-03-10', '02')];
    const o = computePathwayOutcome(f, t);
    assert.equal(o.finishedCourse, false);
    assert.equal(o.exclusion, 'one attended treatment appointment');
    assert.equal(o.treatmentAppointments, 1);
    assert.deepEqual([o.caseness, o.recovery, o.reliableImprovement, o.reliableDeterioration, o.noReliableChange, o.reliableRecovery],
      [null, null, null, null, null, null]);
    assert.equal(o.phq9First, '18', 'scores are still reported for pathways that did not finish');
  });
});

describe('outcome rules: thresholds and edges', () => {
  it('GAD-7 exactly 8 at the start is caseness; 7 with PHQ-9 9 is not', () => {
    assert.equal(flags(gadCase('F32', [9, 9], [8, 8]))[0], true);
    assert.equal(flags(gadCase('F32', [9, 9], [7, 7]))[0], false);
  });
  it('MI just above 2.3 is a case', () => {
    const f = finished({ complaints: [complaint('F40.0')], scores: [...pairedScores('PHQ-9', 5, 5), ...pairedScores('MI', 2.31, 2.31)] });
    assert.equal(flags(f)[0], true);
  });
  it('decimal change exactly at the MI reliable-change value counts (2.3 → 1.57)', () => {
    const f = finished({ complaints: [complaint('F400')], scores: [...pairedScores('PHQ-9', 5, 5), ...pairedScores('MI', 2.3, 1.57)] });
    assert.equal(flags(f)[2], true);
  });
  it('reliable change one below the value is not reliable (PHQ-9 Δ 5, GAD-7 Δ 3 → no change)', () => {
    assert.deepEqual(flags(gadCase('F32', [15, 10], [10, 7])).slice(2, 5), [false, false, true]);
  });
  it('improvement on PHQ-9 with reliable deterioration on GAD-7 → deterioration only', () => {
    assert.deepEqual(flags(gadCase('F32', [20, 5], [4, 8])).slice(2, 5), [false, true, false]);
  });
  it('caseness on the anxiety measure alone, or on the depression measure alone', () => {
    assert.equal(flags(gadCase('F32', [null, null], [9, null]))[0], true);
    assert.equal(flags(gadCase('F32', [3, null], [null, null]))[0], null, 'one measure below and the other missing is unknown');
    assert.equal(flags(gadCase('F32', [12, null], [null, null]))[0], true);
  });
  it('recovery needs both last scores', () => {
    assert.deepEqual(flags(gadCase('F32', [15, 5], [10, null])).slice(0, 3), [true, false, false]);
  });
  it('scores on a DNA contact and after discharge do not count', () => {
    const f = gadCase('F32', [18, 7], [12, 6]);
    f.contacts.push(contact('c3', '2024-03-20', '02', '3'), contact('c4', '2024-05-01', '06'));
    f.scores.push({ measure: 'PHQ-9', value: 27, raw: '27', contactId: 'c3' }, { measure: 'PHQ-9', value: 27, raw: '27', contactId: 'c4' });
    const o = computePathwayOutcome(f, t);
    assert.equal(o.phq9Last, '7');
    assert.equal(o.treatmentAppointments, 2);
  });
  it('scores at an assessment appointment count as first score', () => {
    const f = gadCase('F32', [null, 7], [null, 6]);
    f.contacts.unshift(contact('c0', '2023-12-20', '01'));
    f.scores.push({ measure: 'PHQ-9', value: 18, raw: '18', contactId: 'c0' }, { measure: 'GAD-7', value: 12, raw: '12', contactId: 'c0' });
    const o = computePathwayOutcome(f, t);
    assert.deepEqual([o.phq9First, o.phq9Last, o.anxietyFirst, o.anxietyLast], ['18', '7', '12', '6']);
    assert.equal(o.recovery, true);
  });
  it('two scores at one contact are not paired; referral-level scores pair by date', () => {
    const f = finished({ scores: [
      { measure: 'PHQ-9', value: 15, raw: '15', contactId: 'c1' }, { measure: 'PHQ-9', value: 5, raw: '5', contactId: 'c1' },
      { measure: 'GAD-7', value: 12, raw: '12', date: '2024-01-05' }, { measure: 'GAD-7', value: 3, raw: '3', date: '2024-03-30' },
    ] });
    const o = computePathwayOutcome(f, t);
    assert.equal(o.phq9Last, '');
    assert.deepEqual([o.anxietyFirst, o.anxietyLast], ['12', '3']);
    assert.equal(o.reliableImprovement, false, 'PHQ-9 is not paired');
  });
  it('first/last follow date and time, not file order', () => {
    const f = finished({ scores: [] });
    f.contacts = [contact('a', '2024-02-01', '02', '5', '09:00:00'), contact('b', '2024-02-01', '02', '6', '08:00:00'), contact('c', '2024-01-15')];
    f.scores = [
      { measure: 'PHQ-9', value: 10, raw: '10', contactId: 'a' },
      { measure: 'PHQ-9', value: 20, raw: '20', contactId: 'b' },
      { measure: 'PHQ-9', value: 15, raw: '15', contactId: 'c' },
    ];
    const o = computePathwayOutcome(f, t);
    assert.deepEqual([o.phq9First, o.phq9Last, String(o.treatmentAppointments)], ['15', '10', '3']);
  });
  it('no discharge date → not finished', () => {
    const o = computePathwayOutcome({ ...gadCase('F32', [18, 7], [12, 6]), dischargeDate: '' }, t);
    assert.equal(o.exclusion, 'no discharge date');
  });
  it('period filter on discharge date is inclusive', () => {
    const f = gadCase('F32', [18, 7], [12, 6]);
    assert.equal(computePathwayOutcome(f, t, { from: '2024-04-01', to: '2024-04-01' }).finishedCourse, true);
    assert.equal(computePathwayOutcome(f, t, { from: '2024-04-02' }).exclusion, 'discharge date outside period');
  });
  it('AppType written without its leading zero still counts', () => {
    const f = gadCase('F32', [18, 7], [12, 6]);
    f.contacts = [contact('c1', '2024-01-10', '2'), contact('c2', '2024-03-10', '5', '6')];
    assert.equal(computePathwayOutcome(f, t).treatmentAppointments, 2);
  });
  it('overridden thresholds change the verdict', () => {
    const t2 = thresholdsWith({ 'PHQ-9': { reliableChange: 5 } });
    const o = computePathwayOutcome(gadCase('F32', [16, 11], [9, 9]), t2);
    assert.equal(o.reliableImprovement, true);
    assert.equal(computePathwayOutcome(gadCase('F32', [16, 11], [9, 9]), t).reliableImprovement, false);
  });
});

describe('anxiety measure selection (ADSM fallback)', () => {
  const series = (entries: [string, boolean][]) => new Map(entries.map(([id, paired]) => {
    const p = { value: 1, raw: '1', date: '2024-01-01', time: '', occasion: 'x', seq: 0 };
    return [id, { first: p, last: p, paired, count: paired ? 2 : 1 }];
  }));
  it('paired ADSM wins', () => assert.equal(chooseAnxietyMeasure('F42', series([['OCI', true], ['GAD-7', true]]), t).measure.id, 'OCI'));
  it('unpaired ADSM, paired GAD-7 → GAD-7', () => assert.equal(chooseAnxietyMeasure('F42', series([['OCI', false], ['GAD-7', true]]), t).measure.id, 'GAD-7'));
  it('neither paired, ADSM has a score → ADSM', () => assert.equal(chooseAnxietyMeasure('F431', series([['PCL-5', false], ['GAD-7', false]]), t).measure.id, 'PCL-5'));
  it('neither paired, no ADSM score → GAD-7', () => assert.equal(chooseAnxietyMeasure('F431', series([['GAD-7', false]]), t).measure.id, 'GAD-7'));
  it('complaints without an ADSM use GAD-7 (F402 specific phobia, F412 mixed)', () => {
    assert.equal(chooseAnxietyMeasure('F402', series([['MI', true]]), t).measure.id, 'GAD-7');
    assert.equal(chooseAnxietyMeasure('F412', series([]), t).measure.id, 'GAD-7');
  });
  it('SNOMED complaint codes match exactly; an ADSM without thresholds falls back to GAD-7 with a note', () => {
    const c = chooseAnxietyMeasure('83482000', series([['BIQ', true]]), t);
    assert.equal(c.measure.id, 'GAD-7');
    assert.match(c.notes[0], /BIQ/);
    const t2 = thresholdsWith({ BIQ: { caseness: { comparison: '>=', value: 20 }, reliableChange: 10 } });
    assert.equal(chooseAnxietyMeasure('83482000', series([['BIQ', true]]), t2).measure.id, 'BIQ');
  });
});

describe('presenting complaint choice', () => {
  it('primary before secondary, then latest date, then highest id', () => {
    assert.equal(choosePresentingComplaint([complaint('F32', '2', '2024-05-01'), complaint('F401', '1', '2024-01-01')], t)?.code, 'F401');
    assert.equal(choosePresentingComplaint([complaint('F32', '1', '2024-01-01'), complaint('F401', '1', '2024-02-01')], t)?.code, 'F401');
    assert.equal(choosePresentingComplaint([complaint('F42', '1', '2024-01-01', '9'), complaint('F401', '1', '2024-01-01', '10')], t)?.code, 'F401');
    assert.equal(choosePresentingComplaint([complaint('', '1', '2024-06-01', '99'), complaint('F42', '2', '2024-01-01', '1')], t)?.code, 'F42');
  });
  it('the chosen complaint decides the anxiety measure of the pathway', () => {
    const f = finished({
      complaints: [complaint('F32', '2', '2024-03-01', '5'), complaint('F42', '1', '2024-01-01', '2')],
      scores: [...pairedScores('PHQ-9', 12, 5), ...pairedScores('OCI', 60, 20), ...pairedScores('GAD-7', 12, 10)],
    });
    const o = computePathwayOutcome(f, t);
    assert.deepEqual([o.presentingComplaint, o.anxietyMeasure, o.recovery, o.reliableRecovery], ['F42', 'OCI', true, true]);
  });
});
