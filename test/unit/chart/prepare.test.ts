// Chart data preparation on hand-built linked pathways (NHS and UK LLC layouts). Expected values are worked out from
// outcomes-spec.md (attended = AttendOrDNACode 5/6, scores up to discharge, first/last, PHQ-9 caseness >= 10, reliable
// change 6; GAD-7 >= 8, 4) and the NHS severity bands, not from the code under test.
import { strict as assert } from 'node:assert';
import { chartCsv, CHART_CSV_COLUMNS, prepareChart, type ChartMeasure, type ChartPoint } from '../../../src/core/chart';
import { linkedPathway } from './helpers';

const PHQ = '720433000';
const GAD = '445455005';
const pts = (m: ChartMeasure | undefined) => (m ? m.points.map((p) => `${p.date} ${p.raw}${p.used ? '' : ` (${p.reason})`}${p.first ? ' FIRST' : ''}${p.last ? ' LAST' : ''}`) : []);

function nhsPathway(extraScores = '') {
  return linkedPathway('nhs', 'PW1', 'P1', {
    IDS101: { csv: `
PathwayID,ServiceRequestId,Person_ID,ReferralRequestReceivedDate,ServDischDate
PW1,SR1,P1,2024-01-01,2024-04-01` },
    IDS201: { csv: `
CareContactId,PathwayID,Person_ID,CareContDate,CareContTime,AppType,AttendOrDNACode
C1,PW1,P1,2024-01-10,09:00,01,5
C2,PW1,P1,2024-01-20,09:00,02,5
C3,PW1,P1,2024-02-01,09:00,02,3
C4,PW1,P1,2024-03-01,09:00,02,6
C5,PW1,P1,2024-05-01,09:00,02,5` },
    IDS202: { csv: `
CareActId,CareContactId,PathwayID
A1,C1,PW1
A2,C2,PW1
A3,C3,PW1
A4,C4,PW1
A5,C5,PW1` },
    IDS603: { csv: `
UniqueID_IDS603,PathwayID,PresComp,PresCompCodSig,PresCompDate
1,PW1,F32,1,2024-01-10` },
    IDS607: { csv: `
CareActId,PathwayID,CodedAssToolType,PersScore
A1,PW1,${PHQ},18
A2,PW1,${PHQ},15
A3,PW1,${PHQ},14
A4,PW1,${PHQ},8
A5,PW1,${PHQ},5
A1,PW1,${GAD},12
A2,PW1,${GAD},abc
A2,PW1,${GAD},30
A4,PW1,${GAD},6${extraScores}` },
  });
}

describe('chart data preparation (NHS layout)', () => {
  const data = prepareChart({ kind: 'pathway', id: 'PW1' }, [nhsPathway()]);
  const pw = data.pathways[0];
  const phq = pw.measures.find((m) => m.id === 'PHQ-9');
  const gad = pw.measures.find((m) => m.id === 'GAD-7');

  it('one series per measure present, PHQ-9 then GAD-7, each point in date order with the engine\'s use of it', () => {
    assert.equal(data.empty, null);
    assert.deepEqual(pw.measures.map((m) => m.id), ['PHQ-9', 'GAD-7']);
    assert.deepEqual(pts(phq), [
      '2024-01-10 18 FIRST',
      '2024-01-20 15',
      '2024-02-01 14 (contact not attended)',
      '2024-03-01 8 LAST',
      '2024-05-01 5 (after discharge)',
    ]);
    assert.deepEqual(pts(gad), [
      '2024-01-10 12 FIRST',
      '2024-01-20 abc (score not numeric)',
      '2024-01-20 30 (score out of range)',
      '2024-03-01 6 LAST',
    ]);
  });

  it('flags an out-of-range score and keeps a non-numeric one (value null) instead of dropping either', () => {
    const bad = gad!.points.filter((p) => !p.used);
    assert.deepEqual(bad.map((p) => [p.raw, p.value, p.outOfRange]), [['abc', null, false], ['30', 30, true]]);
  });

  it('caseness line and the reliable-change band around the first score', () => {
    assert.deepEqual(phq!.caseness, { comparison: '>=', value: 10 });
    assert.deepEqual(phq!.changeBand, { low: 12, high: 24, around: 18 });
    assert.deepEqual(gad!.changeBand, { low: 8, high: 16, around: 12 });
    assert.equal(phq!.paired, true);
    assert.equal(phq!.verdictMeasure, true);
    assert.equal(gad!.verdictMeasure, true);
  });

  it('tooltip facts: date, appointment type, attendance (decoded), severity band, session number, shape', () => {
    const p = phq!.points;
    assert.deepEqual([p[0].appType, p[0].appTypeLabel, p[0].attend, p[0].shape], ['01', 'Assessment', '5', 'square']);
    assert.equal(p[1].appTypeLabel, 'Treatment');
    assert.equal(p[1].shape, 'circle');
    assert.match(p[2].attendLabel, /Did not attend/);
    assert.deepEqual(p.map((x) => x.band), ['moderately severe', 'moderately severe', 'moderate', 'mild', 'mild']);
    assert.deepEqual(p.map((x) => x.session), [1, 2, 3, 4, 5]);
    assert.deepEqual(gad!.points.map((x) => x.session), [1, 2, 2, 4]);
    assert.deepEqual([p[0].file, p[0].line], ['/data/IDS607.csv', 2]);
  });

  it('verdict from the engine: finished (2 attended treatment appointments), caseness, recovery, reliable improvement and recovery', () => {
    assert.deepEqual(pw.verdict, {
      finishedCourse: true, exclusion: null, treatmentAppointments: 2, presentingComplaint: 'F32', anxietyMeasure: 'GAD-7',
      caseness: true, recovery: true, reliableImprovement: true, reliableDeterioration: false, noReliableChange: false,
      reliableRecovery: true, notes: [],
    });
    assert.equal(pw.referralDate, '2024-01-01');
    assert.equal(pw.dischargeDate, '2024-04-01');
  });

  it('a reliable deterioration on the anxiety measure: last GAD-7 exactly first + 4 (the reliable-change value counts)', () => {
    const d = prepareChart({ kind: 'pathway', id: 'PW1' }, [nhsPathway(`\nA4,PW1,${GAD},16`)]).pathways[0];
    const g = d.measures.find((m) => m.id === 'GAD-7')!;
    // two GAD-7 scores at C4 (6 then 16): the later-read one is last
    assert.deepEqual(g.points.filter((p) => p.last).map((p) => p.raw), ['16']);
    assert.equal(d.verdict.reliableDeterioration, true);
    assert.equal(d.verdict.reliableImprovement, false);
    assert.equal(d.verdict.recovery, false);
  });

  it('CSV: header and one row per point, quoting a value with a comma', () => {
    const csv = chartCsv(prepareChart({ kind: 'pathway', id: 'PW1' }, [nhsPathway(`\nA4,PW1,${GAD},"1,5"`)]));
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], CHART_CSV_COLUMNS.join(','));
    assert.equal(lines.length, 1 + 5 + 5);
    assert.equal(lines[1], 'P1,PW1,PHQ-9,1,2024-01-10,09:00:00,01,Assessment,5,"Attended on time or, if late, before the relevant professional was ready to see the patient",18,moderately severe,true,true,false,,false,/data/IDS607.csv,2');
    assert.ok(lines.some((l) => l.includes(',"1,5",') && l.includes('score not numeric')), 'a score with a comma is quoted');
  });
});

describe('chart data preparation: unpaired, referral-level, empty, injection', () => {
  it('a measure with a single score is one point marked first and unpaired (no last); no reliable change decided', () => {
    const pw = linkedPathway('nhs', 'PW2', 'P2', {
      IDS101: { csv: 'PathwayID,Person_ID,ReferralRequestReceivedDate,ServDischDate\nPW2,P2,2024-01-01,2024-03-01' },
      IDS606: { csv: `PathwayID,CodedAssToolType,PersScore,AssToolCompDate,AssToolCompTime\nPW2,${PHQ},12,2024-01-05,10:00` },
    });
    const d = prepareChart({ kind: 'pathway', id: 'PW2' }, [pw]).pathways[0];
    const phq = d.measures[0];
    assert.equal(phq.points.length, 1);
    assert.deepEqual([phq.points[0].first, phq.points[0].last, phq.paired], [true, false, false]);
    assert.ok(phq.notes.some((n) => n.startsWith('unpaired')), phq.notes.join('; '));
    assert.equal(phq.points[0].shape, 'hexagon', 'referral-level score (no contact)');
    assert.equal(phq.points[0].appType, '');
    assert.equal(d.verdict.finishedCourse, false);
    assert.equal(d.verdict.exclusion, 'no attended treatment appointment');
  });

  it('a pathway with no score rows gives a clear empty state; no pathways at all too', () => {
    const pw = linkedPathway('nhs', 'PW3', 'P3', { IDS101: { csv: 'PathwayID,Person_ID,ReferralRequestReceivedDate\nPW3,P3,2024-01-01' } });
    const d = prepareChart({ kind: 'pathway', id: 'PW3' }, [pw]);
    assert.match(d.empty ?? '', /No scores recorded for pathway PW3/);
    assert.match(prepareChart({ kind: 'participant', id: 'nobody' }, []).empty ?? '', /No linked rows found for participant nobody/);
  });

  it('a cell carrying HTML stays a plain string in the data (raw kept, not numeric)', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const pw = linkedPathway('nhs', 'PW4', 'P4', {
      IDS101: { csv: 'PathwayID,Person_ID,ReferralRequestReceivedDate\nPW4,P4,2024-01-01' },
      IDS606: { csv: `PathwayID,CodedAssToolType,PersScore,AssToolCompDate\nPW4,${PHQ},"${evil.replace(/"/g, '""')}",2024-01-05` },
    });
    const p = prepareChart({ kind: 'pathway', id: 'PW4' }, [pw]).pathways[0].measures[0].points[0];
    assert.deepEqual([p.raw, p.value, p.used, p.reason], [evil, null, false, 'score not numeric']);
  });

  it('several pathways of one participant come in referral-date order, each with its own verdict', () => {
    const mk = (id: string, ref: string) => linkedPathway('nhs', id, 'P9', {
      IDS101: { csv: `PathwayID,Person_ID,ReferralRequestReceivedDate\n${id},P9,${ref}` },
      IDS606: { csv: `PathwayID,CodedAssToolType,PersScore,AssToolCompDate\n${id},${PHQ},9,${ref}` },
    });
    const d = prepareChart({ kind: 'participant', id: 'P9' }, [mk('B', '2023-06-01'), mk('A', '2024-02-01'), mk('C', '2022-01-01')]);
    assert.deepEqual(d.pathways.map((p) => p.pathwayId), ['C', 'B', 'A']);
    assert.match(d.title, /Participant P9 · 3 pathways/);
  });

  it('WSAS: the total of the five items per contact is drawn for context, partial occasions listed', () => {
    const items = ['932621000000100', '932581000000100', '932611000000106', '932591000000103', '932601000000109'];
    const pw = linkedPathway('nhs', 'PW5', 'P5', {
      IDS101: { csv: 'PathwayID,Person_ID,ReferralRequestReceivedDate,ServDischDate\nPW5,P5,2024-01-01,2024-06-01' },
      IDS201: { csv: 'CareContactId,PathwayID,CareContDate,AppType,AttendOrDNACode\nC1,PW5,2024-01-10,02,5\nC2,PW5,2024-02-10,02,5' },
      IDS202: { csv: 'CareActId,CareContactId,PathwayID\nA1,C1,PW5\nA2,C2,PW5' },
      IDS607: { csv: ['CareActId,PathwayID,CodedAssToolType,PersScore', ...items.map((c, i) => `A1,PW5,${c},${i + 1}`), ...items.slice(0, 3).map((c) => `A2,PW5,${c},2`)].join('\n') },
    });
    const m = prepareChart({ kind: 'pathway', id: 'PW5' }, [pw]).pathways[0].measures;
    assert.deepEqual(m.map((x) => x.id), ['WSAS']);
    assert.equal(m[0].kind, 'context');
    assert.deepEqual(m[0].points.map((p) => [p.date, p.value, p.band]), [['2024-01-10', 15, 'significant functional impairment'], ['2024-02-10', null, null]]);
    assert.match(m[0].points[1].reason ?? '', /partial: 3 of 5/);
  });
});

describe('chart data preparation (UK LLC layout)', () => {
  // Two extract periods of FY 2023: the one ending 2023-09-30 is superseded by the one ending 2024-03-31.
  const pw = linkedPathway('ukllc', 'PWU', 'CK1', {
    IAPT_demographics_and_referral: { superseded: [0], csv: `
cohortkey_e,pathwayid,extract_start_date,extract_end_date,referralrequestreceiveddate,servdischdate
CK1,PWU,2023-04-01,2023-09-30,2023-04-20,
CK1,PWU,2023-04-01,2024-03-31,2023-04-20,2024-02-01` },
    IAPT_care_activities: { superseded: [0, 1], csv: `
cohortkey_e,pathwayid,extract_start_date,extract_end_date,carecontactid,carecontdate,careconttime,apptype,attendordnacode,careactid
CK1,PWU,2023-04-01,2023-09-30,C1,2023-05-01,10:00:00,02,5,A1
CK1,PWU,2023-04-01,2023-09-30,C2,2023-08-01,10:00:00,02,5,A2
CK1,PWU,2023-04-01,2024-03-31,C1,2023-05-01,10:00:00,02,5,A1
CK1,PWU,2023-04-01,2024-03-31,C2,2023-08-01,10:00:00,02,5,A2` },
    IAPT_mental_and_physical_health_conditions: { csv: `
cohortkey_e,pathwayid,extract_start_date,extract_end_date,uniqueid_ids603,prescomp,prescompcodsig,prescompdate
CK1,PWU,2023-04-01,2024-03-31,U1,F41.1,1,2023-05-01` },
    IAPT_coded_scored_assessments: { superseded: [0], csv: `
cohortkey_e,pathwayid,extract_start_date,extract_end_date,careactid,codedasstooltype,persscore,asstoolcompdate,asstoolcomptime
CK1,PWU,2023-04-01,2023-09-30,A1,${PHQ},16,,
CK1,PWU,2023-04-01,2024-03-31,A1,${PHQ},16,,
CK1,PWU,2023-04-01,2024-03-31,A2,${PHQ},9,,
CK1,PWU,2023-04-01,2024-03-31,,${PHQ},20,2024-03-01,09:00:00
CK1,PWU,2023-04-01,2024-03-31,A1,${GAD},10,,
CK1,PWU,2023-04-01,2024-03-31,A2,${GAD},5,,` },
  });
  const d = prepareChart({ kind: 'pathway', id: 'PWU' }, [pw]).pathways[0];
  const phq = d.measures.find((m) => m.id === 'PHQ-9')!;

  it('lower-case UK LLC columns resolve; superseded extract rows are hollow with their reason; after-discharge flagged', () => {
    assert.deepEqual(pts(phq), [
      '2023-05-01 16 (superseded extract: superseded by a later extract of the same financial year)',
      '2023-05-01 16 FIRST',
      '2023-08-01 9 LAST',
      '2024-03-01 20 (after discharge)',
    ]);
    assert.deepEqual(phq.points.map((p) => p.session), [1, 1, 2, 3]);
    assert.deepEqual([phq.points[1].appTypeLabel, phq.points[1].shape], ['Treatment', 'circle']);
  });

  it('verdict uses the kept referral row (discharged 2024-02-01): finished, caseness, recovery, reliable recovery', () => {
    assert.equal(d.dischargeDate, '2024-02-01');
    assert.equal(d.layout, 'ukllc');
    assert.deepEqual(
      [d.verdict.finishedCourse, d.verdict.caseness, d.verdict.recovery, d.verdict.reliableImprovement, d.verdict.reliableRecovery, d.verdict.anxietyMeasure],
      [true, true, true, true, true, 'GAD-7'],
    );
    assert.deepEqual(phq.changeBand, { low: 10, high: 22, around: 16 });
  });
});

export type { ChartPoint };
