// The project's own checks (IAPTX…): each fires on its damage and stays quiet on the intact value.
import { strict as assert } from 'node:assert';
import { check, checkFiles, IDS201_HEADER as H, IDS201_ROW as R, lines, rule, withField } from './helpers';

describe('validation/project checks', () => {
  it('IAPTX001 ragged row: reported once, with no field checks on that row', () => {
    const f = check('IDS201.csv', [H, R, 'CC2,SR1,PW1,P1,2023-05-02,10:00:00,2,5']);
    assert.deepEqual(lines(f, 'IAPTX001'), [3]);
    assert.deepEqual(f.filter((x) => x.line === 3).map((x) => x.rule), ['IAPTX001'], 'its shifted values are not checked');
  });

  it('IAPTX002 unclosed quote', () => {
    const f = check('IDS201.csv', [H, R, withField(R, 10, '"50')]);
    assert.deepEqual(lines(f, 'IAPTX002'), [3]);
  });

  it('IAPTX004 duplicate and blank header names', () => {
    const f = check('IDS201.csv', ['CareContactId,ServiceRequestId,AppType,AppType,', 'CC1,SR1,02,02,']);
    assert.deepEqual(rule(f, 'IAPTX004').map((x) => x.column), [4, 5]);
  });

  it('IAPTX010 lost leading zero: AppType 2 -> 02 with a quick fix; catalogue checks of that cell are not repeated', () => {
    const f = check('IDS201.csv', [H, withField(R, 6, '2'), withField(withField(R, 0, 'CC2'), 6, '02')]);
    assert.deepEqual(lines(f, 'IAPTX010'), [2]);
    assert.deepEqual(rule(f, 'IAPTX010')[0].fix?.value, '02');
    assert.deepEqual(f.filter((x) => x.line === 2).map((x) => x.rule), ['IAPTX010']);
  });

  it('IAPTX011 scientific notation: a quick fix only when one known code matches', () => {
    const h = 'CareActId,PathwayID,Person_ID,CodedAssToolType,PersScore';
    // 7.20433E+08 is only PHQ-9 (720433000) among the IAPT assessments; 1.23457E+08 is none of them
    const f = check('IDS607.csv', [h, 'CA1,PW1,P1,7.20433E+08,10', 'CA2,PW1,P1,1.23457E+08,10', 'CA3,PW1,P1,720433000,10']);
    assert.deepEqual(lines(f, 'IAPTX011'), [2, 3]);
    assert.equal(rule(f, 'IAPTX011')[0].fix?.value, '720433000');
    assert.equal(rule(f, 'IAPTX011')[1].fix, undefined);
  });

  it('IAPTX012 reformatted date: fix only when the day is above 12', () => {
    const f = check('IDS201.csv', [H, withField(R, 4, '24/07/2022'), withField(withField(R, 0, 'CC2'), 4, '06/07/2022')]);
    assert.deepEqual(lines(f, 'IAPTX012'), [2, 3]);
    assert.equal(rule(f, 'IAPTX012')[0].fix?.value, '2022-07-24');
    assert.equal(rule(f, 'IAPTX012')[1].fix, undefined);
  });

  it('IAPTX013 invalid date in a field without a catalogue date rule (PersonBirthDate)', () => {
    const f = check('IDS001.csv', ['LocalPatientId,Person_ID,PersonBirthDate,Gender,EthnicCategory', 'LP1,P1,1957-02-28,1,A', 'LP2,P2,1957-02-29,1,A']);
    assert.deepEqual(lines(f, 'IAPTX013'), [3]);
  });

  it('IAPTX014 v2.1 code lists: ConsMechanism Z9 fires, 02 does not', () => {
    const f = check('IDS201.csv', [H, withField(R, 9, '02'), withField(withField(R, 0, 'CC2'), 9, 'Z9')]);
    assert.deepEqual(lines(f, 'IAPTX014'), [3]);
  });

  it('IAPTX015 an internet-enabled therapy programme outside NHS Digital\'s text groups is information', () => {
    const h = 'ServiceRequestId,PathwayID,Person_ID,StartDateIntEnabledTherLog,EndDateIntEnabledTherLog,IntEnabledTherProg,DurationIntEnabledTher,CarePersLocalId';
    const f = check('IDS205.csv', [h, 'SR1,PW1,P1,2023-05-07,2023-06-23,Silvercloud,499,CP1', 'SR2,PW2,P2,2023-05-07,2023-06-23,Z9,499,CP1']);
    assert.deepEqual(rule(f, 'IAPTX015').map((x) => [x.line, x.severity]), [[3, 'information']]);
  });

  it('IAPTX020 exact duplicate row points at the first copy; a row differing in one field is not a duplicate', () => {
    const f = check('IDS201.csv', [H, R, withField(R, 10, '51'), R]);
    assert.deepEqual(lines(f, 'IAPTX020'), [4]);
    assert.equal(rule(f, 'IAPTX020')[0].related?.[0].line, 2);
  });

  it('IAPTX040 derived score out of range or not a number (PHQ9_FirstScore 0-27)', () => {
    const h = 'ServiceRequestId,LocalPatientId,PathwayID,ReferralRequestReceivedDate,SourceOfReferralMH,PHQ9_FirstScore';
    const f = check('IDS101.csv', [h, 'SR1,LP1,PW1,2023-01-01,B1,27', 'SR2,LP1,PW2,2023-01-01,B1,28', 'SR3,LP1,PW3,2023-01-01,B1,x']);
    assert.deepEqual(lines(f, 'IAPTX040'), [3, 4]);
  });

  it('IAPTX003 invalid UTF-8 reported once per file', () => {
    const f = check('IDS201.csv', [H, withField(R, 10, '5\uFFFD'), withField(withField(R, 0, 'CC2'), 10, '\uFFFD')]);
    assert.deepEqual(lines(f, 'IAPTX003'), [2]);
  });

  it('IAPTX008 a header that is no IAPT table gets one information finding (files on disk)', async () => {
    const { findings } = await checkFiles({ 'notes.csv': ['name,colour', 'a,red'] });
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['IAPTX008', 'information']]);
  });

  const UK_REF = 'cohortkey_e,PathwayID,referralrequestreceiveddate,servdischdate,extract_start_date,extract_end_date';
  it('IAPTX030 UK LLC orphan rows (PathwayID not in the referral table) and IAPTX060 rows repeated across extract periods', async () => {
    const { findings } = await checkFiles({
      'IAPT_demographics_and_referral.csv': [UK_REF, 'CK1,PW1,2022-05-01,,2022-04-01,2022-09-30', 'CK1,PW1,2022-05-01,,2022-04-01,2022-12-31', 'CK2,PW2,2022-06-01,,2022-04-01,2022-12-31'],
      'IAPT_coded_scored_assessments.csv': ['cohortkey_e,PathwayID,codedasstooltype,persscore,asstoolcompdate,extract_start_date,extract_end_date', 'CK1,PW1,720433000,12,2022-06-01,2022-04-01,2022-09-30', 'CK9,PW9,720433000,12,2022-06-01,2022-04-01,2022-09-30'],
    });
    assert.deepEqual(rule(findings, 'IAPTX030').map((f) => [f.file, f.line, f.field]), [['IAPT_coded_scored_assessments.csv', 3, 'PathwayID']]);
    assert.equal(rule(findings, 'IAPTX030')[0].related?.[0].file, 'IAPT_demographics_and_referral.csv');
    assert.deepEqual(rule(findings, 'IAPTX060').map((f) => [f.line, f.severity]), [[3, 'information']]);
  });

  it('IAPTX050 derived field contradicting the raw rows: TreatmentCareContact_Count vs attended treatment contacts', async () => {
    const { findings } = await checkFiles({
      'IDS101.csv': ['ServiceRequestId,LocalPatientId,PathwayID,ReferralRequestReceivedDate,SourceOfReferralMH,ServDischDate,EndCode,TreatmentCareContact_Count',
        'SR1,LP1,PW1,2023-01-01,B1,2023-03-01,46,2', 'SR2,LP2,PW2,2023-01-01,B1,2023-03-01,46,3'],
      'IDS201.csv': [H, 'CC1,SR1,PW1,P1,2023-01-10,10:00:00,02,5,01,,50,', 'CC2,SR1,PW1,P1,2023-01-17,10:00:00,02,5,01,,50,',
        'CC3,SR2,PW2,P2,2023-01-10,10:00:00,02,5,01,,50,', 'CC4,SR2,PW2,P2,2023-01-17,10:00:00,02,3,01,,50,'],
    });
    // SR1: two attended treatment contacts, count 2 = fine; SR2: one attended (the other a DNA), count 3 = wrong
    assert.deepEqual(rule(findings, 'IAPTX050').map((f) => [f.file, f.line, f.field]), [['IDS101.csv', 3, 'TreatmentCareContact_Count']]);
  });

  it('settings: a group turned off, a severity changed, a cap with one summary finding', async () => {
    const rows = [H, withField(R, 6, '09'), withField(withField(R, 0, 'CC2'), 6, '09'), withField(withField(R, 0, 'CC3'), 6, '09')];
    assert.deepEqual(lines(check('IDS201.csv', rows, { groupsOff: ['codes'] }), 'IDS20156'), []);
    assert.deepEqual(rule(check('IDS201.csv', rows, { severity: { IDS20156: 'information' } }), 'IDS20156').map((f) => f.severity), ['information', 'information', 'information']);
    assert.deepEqual(lines(check('IDS201.csv', rows, { severity: { IDS20156: 'off' } }), 'IDS20156'), []);
    const capped = check('IDS201.csv', rows, { maxPerFile: 2 });
    assert.equal(capped.length, 3);
    // 3 x IDS20156 + 2 x IDS20168 (the rows share ServiceRequestId, date and time, all attended) = 5, 2 shown
    assert.match(rule(capped, 'IAPTX009')[0].message, /^3 more finding\(s\) in this file not shown \(5 in all/);
  });
});
