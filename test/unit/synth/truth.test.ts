// The generator's ground truth follows outcomes-spec.md sections 1-5 on constructed pathways (spec section 8.2 vectors and edges).
import { strict as assert } from 'node:assert';
import { builtinSynthProfile, pathwayTruth } from '../../../src/core/synth';
import { dayOf } from '../../../src/core/synth/dates';
import type { CareContact, Pathway } from '../../../src/core/synth/model';

const profile = builtinSynthProfile();
const TOOL: Record<string, string> = { D: '720433000', G: '445455005', SPIN: '445552006', MI: '473354003' };
let seq = 0;

/** A contact: app type, attend code, scores like { D: 12, G: 9 } */
function contact(day: string, appType: string, attend: string, scores: Record<string, number> = {}): CareContact {
  const id = `CC${++seq}`;
  const attended = attend === '5' || attend === '6';
  return {
    id, day: dayOf(day), minutes: 600, appType, attend, medium: '01', durationMinutes: 30,
    activities: attended ? [{ id: `CA${seq}`, therapy: '', carePerson: 'CP1', minutes: 30, scores: Object.entries(scores).map(([k, v]) => ({ tool: TOOL[k], score: String(v) })) }] : [],
  };
}

function pathway(complaint: string | null, contacts: CareContact[], discharge: string | null = '2023-06-30'): Pathway {
  return {
    pathwayId: 'PW1', serviceRequestId: 'SR1', referralDay: dayOf('2023-01-02'), sourceOfReferral: 'B1',
    dischargeDay: discharge ? dayOf(discharge) : null, endCode: discharge ? '46' : null, complaintId: 'x',
    complaints: complaint ? [{ uniqueId: 'PC1', code: complaint, scheme: '01', significance: '1', day: dayOf('2023-01-10') }] : [],
    adsm: null, contacts, referralAssessments: [], employment: [], iet: null, ltc: null, onward: null, pauses: [],
  };
}

/** Finished pathway: assessment with first scores, two treatments, the last with last scores. */
function course(complaint: string | null, first: Record<string, number>, last: Record<string, number>): Pathway {
  return pathway(complaint, [
    contact('2023-01-10', '01', '5', first),
    contact('2023-01-20', '02', '5'),
    contact('2023-02-01', '02', '5', last),
  ]);
}

const truth = (p: Pathway) => pathwayTruth(p, 'P1', profile).truth;

describe('synth truth (outcomes-spec rules)', () => {
  it('vector 1: both below cut-off and reliably improved -> recovered, reliable recovery', () => {
    const t = truth(course('F320', { D: 18, G: 12 }, { D: 7, G: 6 }));
    assert.deepEqual([t.finished_course, t.caseness, t.recovery, t.reliable_improvement, t.reliable_deterioration, t.no_reliable_change, t.reliable_recovery], [true, true, true, true, false, false, true]);
    assert.equal(t.anxiety_measure, 'GAD-7');
  });
  it('vector 2: PHQ-9 10 is caseness, 9 is not; small changes = no reliable change', () => {
    const t = truth(course('F320', { D: 10, G: 7 }, { D: 9, G: 7 }));
    assert.deepEqual([t.caseness, t.recovery, t.reliable_improvement, t.no_reliable_change], [true, true, false, true]);
  });
  it('vector 3: below caseness on both -> caseness false, reliable improvement still counted', () => {
    const t = truth(course('F411', { D: 9, G: 7 }, { D: 3, G: 2 }));
    assert.deepEqual([t.caseness, t.recovery, t.reliable_improvement], [false, false, true]);
  });
  it('vector 4: opposite directions -> deterioration, not improvement', () => {
    const t = truth(course('F320', { D: 15, G: 10 }, { D: 9, G: 15 }));
    assert.deepEqual([t.recovery, t.reliable_improvement, t.reliable_deterioration, t.no_reliable_change], [false, false, true, false]);
  });
  it('vector 5/6: last exactly at cut-off is still a case; RC exactly 4 on GAD-7 is reliable, 5 on PHQ-9 is not', () => {
    assert.deepEqual([truth(course('F320', { D: 16, G: 12 }, { D: 10, G: 3 })).recovery, truth(course('F320', { D: 16, G: 12 }, { D: 10, G: 3 })).reliable_improvement], [false, true]);
    const t6 = truth(course('F320', { D: 16, G: 9 }, { D: 11, G: 5 }));
    assert.equal(t6.reliable_improvement, true);
    const t6b = truth(course('F320', { D: 16, G: 9 }, { D: 11, G: 6 }));
    assert.deepEqual([t6b.reliable_improvement, t6b.no_reliable_change], [false, true]);
  });
  it('vector 8: deterioration exactly at RC counts', () => {
    const t = truth(course('F320', { D: 5, G: 3 }, { D: 11, G: 3 }));
    assert.deepEqual([t.caseness, t.reliable_deterioration], [false, true]);
  });
  it('vector 9/10: unpaired -> no RI/RD/no-change; no scores -> caseness unknown', () => {
    const t9 = truth(pathway('F320', [contact('2023-01-10', '01', '5', { D: 14, G: 10 }), contact('2023-01-20', '02', '5'), contact('2023-02-01', '02', '5')]));
    assert.deepEqual([t9.finished_course, t9.caseness, t9.phq9_last, t9.recovery, t9.reliable_improvement, t9.reliable_deterioration, t9.no_reliable_change], [true, true, null, false, false, false, false]);
    const t10 = truth(pathway('F320', [contact('2023-01-10', '01', '5'), contact('2023-01-20', '02', '5'), contact('2023-02-01', '02', '5')]));
    assert.equal(t10.caseness, null);
    assert.equal(t10.recovery, false);
  });
  it('vector 11/12: the ADSM replaces GAD-7 when paired; paired GAD-7 is the fallback when the ADSM is unpaired', () => {
    const t11 = truth(course('F401', { D: 8, G: 12, SPIN: 40 }, { D: 6, G: 10, SPIN: 15 }));
    assert.deepEqual([t11.anxiety_measure, t11.anxiety_first, t11.anxiety_last, t11.recovery, t11.reliable_improvement, t11.reliable_recovery], ['SPIN', 40, 15, true, true, true]);
    const t12 = truth(course('F401', { D: 12, G: 12, SPIN: 30 }, { D: 5, G: 9 }));
    assert.deepEqual([t12.anxiety_measure, t12.recovery, t12.reliable_improvement], ['GAD-7', false, true]);
  });
  it('vector 13: Mobility Inventory caseness is strictly above 2.3 and reliable change 0.73 is exact on decimals', () => {
    const t = truth(course('F400', { D: 9, G: 9, MI: 2.3 }, { D: 4, G: 9, MI: 1.57 }));
    assert.deepEqual([t.anxiety_measure, t.caseness, t.reliable_improvement], ['MI', false, true]);
  });
  it('vector 14: one treatment appointment is not a finished course; flags are null', () => {
    const t = truth(pathway('F320', [contact('2023-01-10', '01', '5', { D: 18, G: 12 }), contact('2023-01-20', '02', '5', { D: 7, G: 6 })]));
    assert.deepEqual([t.treatment_appointments, t.finished_course, t.caseness, t.recovery], [1, false, null, null]);
  });
  it('counts only attended treatment appointments (02/03/05 with 5 or 6), not assessments, DNAs or follow-ups', () => {
    const p = pathway('F320', [
      contact('2023-01-10', '01', '5', { D: 18, G: 12 }), contact('2023-01-20', '02', '3'), contact('2023-01-27', '02', '7'),
      contact('2023-02-03', '03', '6'), contact('2023-02-10', '05', '5', { D: 8, G: 6 }), contact('2023-08-10', '06', '5', { D: 20, G: 20 }),
    ]);
    const t = truth(p);
    assert.equal(t.treatment_appointments, 2);
    assert.equal(t.finished_course, true);
    // the follow-up after the discharge date is not the last score
    assert.deepEqual([t.phq9_last, t.anxiety_last, t.recovery], [8, 6, true]);
  });
  it('open pathways have no discharge date and did not finish', () => {
    const p = pathway('F320', [contact('2023-01-10', '01', '5', { D: 18 }), contact('2023-01-20', '02', '5'), contact('2023-02-01', '02', '5')], null);
    const t = truth(p);
    assert.deepEqual([t.discharge_date, t.finished_course, t.recovery], [null, false, null]);
  });
  it('presenting complaint: primary before secondary, then latest date', () => {
    const p = course('F320', { D: 18, G: 12, SPIN: 40 }, { D: 7, G: 6, SPIN: 10 });
    p.complaints = [
      { uniqueId: 'PC1', code: 'F411', scheme: '01', significance: '1', day: dayOf('2023-01-10') },
      { uniqueId: 'PC2', code: 'F401', scheme: '01', significance: '1', day: dayOf('2023-01-20') },
      { uniqueId: 'PC3', code: 'F431', scheme: '01', significance: '2', day: dayOf('2023-02-01') },
    ];
    const t = truth(p);
    assert.equal(t.presenting_complaint, 'F401');
    assert.equal(t.anxiety_measure, 'SPIN');
  });
  it('truth keys are exactly the outcome engine columns, in order', () => {
    assert.deepEqual(Object.keys(truth(course('F320', { D: 18, G: 12 }, { D: 7, G: 6 }))), [
      'pathway_id', 'participant_id', 'referral_date', 'discharge_date', 'treatment_appointments', 'finished_course',
      'presenting_complaint', 'anxiety_measure', 'phq9_first', 'phq9_last', 'anxiety_first', 'anxiety_last', 'caseness',
      'recovery', 'reliable_improvement', 'reliable_deterioration', 'no_reliable_change', 'reliable_recovery',
    ]);
  });
});
