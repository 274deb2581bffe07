// One firing and one non-firing row per rule kind, on catalogue rules whose expected behaviour is stated by the
// catalogue itself (data/nhs-iapt-v2.0-validation-rules.json: ids, sets, lengths, patterns).
import { strict as assert } from 'node:assert';
import { check, checkFiles, IDS201_HEADER as H, IDS201_ROW as R, lines, rule, withField } from './helpers';

describe('validation/kinds (catalogue rules on rows)', () => {
  it('notBlank: IDS20154 fires on a blank AppType only', () => {
    const f = check('IDS201.csv', [H, R, withField(R, 6, '')]);
    assert.deepEqual(lines(f, 'IDS20154'), [3]);
    assert.equal(rule(f, 'IDS20154')[0].column, 7, 'column = position of AppType in the header');
    assert.equal(rule(f, 'IDS20154')[0].severity, 'error', 'REJECT_RECORD -> error');
  });

  it('length: IDS20155 (AppType 2-2 chars) fires on a 3-char value, not on 2 chars', () => {
    const f = check('IDS201.csv', [H, R, withField(R, 6, '012')]);
    assert.deepEqual(lines(f, 'IDS20155'), [3]);
  });

  it('numeric length: IDS20114 (ClinContDurOfCareCont, 0-4 digits) fires on letters and on 5 digits, not on 4 digits', () => {
    const f = check('IDS201.csv', [H, withField(R, 10, '9999'), withField(R, 10, '12a'), withField(R, 10, '10000')]);
    assert.deepEqual(lines(f, 'IDS20114'), [3, 4]);
  });

  it('inSet: IDS20156 fires on AppType 09 with a decoded message, not on 08 (the last listed code)', () => {
    const f = check('IDS201.csv', [H, withField(R, 6, '08'), withField(R, 6, '09')]);
    assert.deepEqual(lines(f, 'IDS20156'), [3]);
    const m = rule(f, 'IDS20156')[0].message;
    assert.match(m, /^AppType '09' is not a valid appointment type/);
    assert.match(m, /01 Assessment, 02 Treatment/);
  });

  it('inSet: WARNING severity maps to warning (IDS20120 ConsMediumUsed)', () => {
    const f = check('IDS201.csv', [H, withField(R, 8, '07')]);
    assert.equal(rule(f, 'IDS20120')[0]?.severity, 'warning');
  });

  it('date: IDS20107 fires on 2023-02-29 and 2023-13-01, not on 2024-02-29 (leap year)', () => {
    const f = check('IDS201.csv', [H, withField(R, 4, '2024-02-29'), withField(R, 4, '2023-02-29'), withField(R, 4, '2023-13-01')]);
    assert.deepEqual(lines(f, 'IDS20107'), [3, 4]);
  });

  it('time: IDS20109 fires on 24:00:00 and 9am, not on 23:59:59', () => {
    const f = check('IDS201.csv', [H, withField(R, 5, '23:59:59'), withField(R, 5, '24:00:00'), withField(R, 5, '9am')]);
    assert.deepEqual(lines(f, 'IDS20109'), [3, 4]);
  });

  it('unique: IDS20143 fires on the second row with a CareContactId, pointing at the first', () => {
    const f = check('IDS201.csv', [H, R, withField(R, 6, '01'), withField(R, 0, 'CC2')]);
    assert.deepEqual(lines(f, 'IDS20143'), [3]);
    assert.deepEqual(rule(f, 'IDS20143')[0].related?.map((r) => r.line), [2]);
  });

  it('unique with attendance condition: IDS20168 only among AttendOrDNACode 5/6 rows', () => {
    const a = withField(R, 0, 'CC2'); const b = withField(withField(R, 0, 'CC3'), 7, '3');
    const f = check('IDS201.csv', [H, R, b, a]);
    assert.deepEqual(lines(f, 'IDS20168'), [4], 'the DNA row (3) is not counted; the second attended row is');
  });

  it('compare: IDS20166 (AttendOrDNACode 2 needs Cancellation) and IDS20167 (others must not have it)', () => {
    const f = check('IDS201.csv', [H, withField(R, 7, '2'), withField(withField(R, 7, '2'), 11, 'Y'), withField(withField(R, 0, 'CC9'), 11, 'N')]);
    assert.deepEqual(lines(f, 'IDS20166'), [2]);
    assert.deepEqual(lines(f, 'IDS20167'), [4]);
  });

  it('dateOrder in a row: IDS10128 fires when ServDischDate is before ReferralRequestReceivedDate, not on the same day', () => {
    const h = 'ServiceRequestId,LocalPatientId,PathwayID,ReferralRequestReceivedDate,SourceOfReferralMH,ServDischDate,EndCode';
    const f = check('IDS101.csv', [h, 'SR1,LP1,PW1,2023-03-10,B1,2023-03-10,46', 'SR2,LP2,PW2,2023-03-10,B1,2023-03-09,46']);
    assert.deepEqual(lines(f, 'IDS10128'), [3]);
    assert.match(rule(f, 'IDS10128')[0].message, /2023-03-09 is before ReferralRequestReceivedDate 2023-03-10/);
  });

  it('compare (blank-ness): IDS10137 EndCode needed with a discharge date; IDS10138 the other way', () => {
    const h = 'ServiceRequestId,LocalPatientId,PathwayID,ReferralRequestReceivedDate,SourceOfReferralMH,ServDischDate,EndCode';
    const f = check('IDS101.csv', [h, 'SR1,LP1,PW1,2023-03-10,B1,2023-04-10,', 'SR2,LP2,PW2,2023-03-10,B1,,46', 'SR3,LP3,PW3,2023-03-10,B1,,']);
    assert.deepEqual(lines(f, 'IDS10137'), [2]);
    assert.deepEqual(lines(f, 'IDS10138'), [3]);
  });

  it('pattern: IDS10132 fires on OnsetDate 2023-13 and IDS10142 warns on 2023/05, none on 2023-05', () => {
    const h = 'ServiceRequestId,LocalPatientId,PathwayID,ReferralRequestReceivedDate,SourceOfReferralMH,OnsetDate';
    const f = check('IDS101.csv', [h, 'SR1,LP1,PW1,2023-03-10,B1,2023-05', 'SR2,LP1,PW2,2023-03-10,B1,2023-13', 'SR3,LP1,PW3,2023-03-10,B1,2023/05']);
    assert.deepEqual(lines(f, 'IDS10132'), [3]);
    assert.deepEqual(lines(f, 'IDS10142'), [4]);
    assert.equal(rule(f, 'IDS10142')[0].severity, 'warning');
  });

  const H606 = 'ServiceRequestId,PathwayID,Person_ID,CodedAssToolType,PersScore,AssToolCompDate,AssToolCompTime';
  it('assessment code, score range and score format: IDS60613, IDS60607, IDS60615', () => {
    const f = check('IDS606.csv', [H606,
      'SR1,PW1,P1,720433000,27,2023-01-01,10:00:00', // PHQ-9 27 = the maximum: fine
      'SR1,PW1,P1,720433000,28,2023-01-02,10:00:00', // above 27
      'SR1,PW1,P1,720433000,abc,2023-01-03,10:00:00', // not a number
      'SR1,PW1,P1,123456789,5,2023-01-04,10:00:00', // not an IAPT assessment
    ]);
    assert.deepEqual(lines(f, 'IDS60607'), [3]);
    assert.equal(rule(f, 'IDS60607')[0].severity, 'warning');
    assert.deepEqual(lines(f, 'IDS60615'), [4]);
    assert.deepEqual(lines(f, 'IDS60613'), [5]);
  });

  it('numeric SNOMED format: IDS60604 fires on a 5-digit code, not on a 9-digit one', () => {
    const f = check('IDS606.csv', [H606, 'SR1,PW1,P1,720433000,5,2023-01-01,10:00:00', 'SR1,PW1,P1,72043,5,2023-01-02,10:00:00']);
    assert.deepEqual(lines(f, 'IDS60604'), [3]);
  });

  it('unique across 4 fields: IDS60616 fires on a repeated SR + date + time + tool, not when the time differs', () => {
    const f = check('IDS606.csv', [H606, 'SR1,PW1,P1,720433000,5,2023-01-01,10:00:00', 'SR1,PW1,P1,720433000,6,2023-01-01,11:00:00', 'SR1,PW1,P1,720433000,7,2023-01-01,10:00:00']);
    assert.deepEqual(lines(f, 'IDS60616'), [4]);
  });

  const H202 = 'CareActId,CareContactId,PathwayID,Person_ID,CodeProcAndProcStatus,FindSchemeInUse,CodeFind,ObsValue,UnitMeasure';
  it('SNOMED CT check digit: IDS20230 fires on 748051000000106, not on 748051000000105', () => {
    const f = check('IDS202.csv', [H202, 'CA1,CC1,PW1,P1,748051000000105,,,,', 'CA2,CC1,PW1,P1,748051000000106,,,,']);
    assert.deepEqual(lines(f, 'IDS20230'), [3]);
  });

  it('coded finding format: IDS20228 fires on a SNOMED code under scheme 01 (ICD-10), not on F32.1', () => {
    const f = check('IDS202.csv', [H202, 'CA1,CC1,PW1,P1,,01,F32.1,,', 'CA2,CC1,PW1,P1,,01,35489007,,', 'CA3,CC1,PW1,P1,,04,35489007,,']);
    assert.deepEqual(lines(f, 'IDS20228'), [3]);
  });

  it('compare: IDS20226 needs a unit with an observation value', () => {
    const f = check('IDS202.csv', [H202, 'CA1,CC1,PW1,P1,,,,7.5,kg', 'CA2,CC1,PW1,P1,,,,7.5,']);
    assert.deepEqual(lines(f, 'IDS20226'), [3]);
  });

  const H001 = 'LocalPatientId,NHSNumber,NHSNumberStatus,PersonBirthDate,Gender,EthnicCategory,Postcode';
  it('NHS number checksum: IDSREJ006 fires on 9434765918, not on 9434765919', () => {
    const f = check('IDS001.csv', [H001, 'LP1,9434765919,01,1980-01-01,1,A,LS1 4AP', 'LP2,9434765918,01,1980-01-01,1,A,LS1 4AP']);
    assert.deepEqual(lines(f, 'IDSREJ006'), [3]);
  });

  it('postcode format: IDSREJ007 fires on LS1 4A, not on LS1 4AP or SW1A1AA', () => {
    const f = check('IDS001.csv', [H001, 'LP1,,,1980-01-01,1,A,LS1 4AP', 'LP2,,,1980-01-01,1,A,SW1A1AA', 'LP3,,,1980-01-01,1,A,LS1 4A']);
    assert.deepEqual(lines(f, 'IDSREJ007'), [4]);
  });

  it('compare on NHS number status: IDS00117 (number with status 07) and IDS00161 (no number, status 01)', () => {
    const f = check('IDS001.csv', [H001, 'LP1,9434765919,07,1980-01-01,1,A,', 'LP2,,01,1980-01-01,1,A,', 'LP3,9434765919,01,1980-01-01,1,A,']);
    assert.deepEqual(lines(f, 'IDS00117'), [2]);
    assert.deepEqual(lines(f, 'IDS00161'), [3]);
  });

  it('uniqueness of NHS numbers: IDSREJ009 fires on the second person with the same number', () => {
    const f = check('IDS001.csv', [H001, 'LP1,9434765919,01,1980-01-01,1,A,', 'LP2,9434765919,01,1980-01-01,1,A,', 'LP3,,03,1980-01-01,1,A,', 'LP4,,03,1980-01-01,1,A,']);
    assert.deepEqual(lines(f, 'IDSREJ009'), [3], 'blank numbers are not duplicates');
  });

  const H902 = 'CarePersLocalId,QualAttainLevelIAPT,QualAwardedDate,QualPlannedCompletionDate';
  it('dateNotBefore IDS90212 (before 2005-01-01) and notBothBlank IDS90214', () => {
    const f = check('IDS902.csv', [H902, 'CP1,10,2005-01-01,', 'CP2,11,2004-12-31,', 'CP3,12,,']);
    assert.deepEqual(lines(f, 'IDS90212'), [3]);
    assert.deepEqual(lines(f, 'IDS90214'), [4]);
    assert.equal(rule(f, 'IDS90214')[0].severity, 'warning');
  });

  const H004 = 'LocalPatientId,Person_ID,EmployStatus,EmployStatusRecDate';
  it('unique with a blank condition: IDS00440 only among rows with a blank EmployStatusRecDate', () => {
    const f = check('IDS004.csv', [H004, 'LP1,P1,01,', 'LP1,P1,02,', 'LP2,P2,01,2023-01-01', 'LP2,P2,02,2023-01-02']);
    assert.deepEqual(lines(f, 'IDS00440'), [3]);
  });
});

describe('validation/kinds across files', () => {
  const H101 = 'ServiceRequestId,LocalPatientId,PathwayID,ReferralRequestReceivedDate,SourceOfReferralMH,ServDischDate,EndCode';
  const H001 = 'LocalPatientId,Person_ID,PersonBirthDate,Gender,EthnicCategory';
  it('parent rows: IDS20142 (IDS201 without IDS101) with relatedInformation to the parent file; IDS00146 found after all files (IDS001 before IDS101)', async () => {
    const { findings } = await checkFiles({
      'IDS001.csv': [H001, 'LP1,P1,1980-01-01,1,A', 'LP2,P2,1980-01-01,1,A'],
      'IDS101.csv': [H101, 'SR1,LP1,PW1,2023-03-10,B1,,'],
      'IDS201.csv': [H, R, withField(R, 1, 'SR404')],
    });
    assert.deepEqual(lines(findings, 'IDS20142'), [3]);
    const orphan = rule(findings, 'IDS20142')[0];
    assert.equal(orphan.file, 'IDS201.csv');
    assert.equal(orphan.related?.[0].file, 'IDS101.csv');
    assert.deepEqual(rule(findings, 'IDS00146').map((f) => [f.file, f.line]), [['IDS001.csv', 3]], 'LP2 has no referral');
  });

  it('dates across tables: IDS20171 (care contact before the referral, joined on ServiceRequestId) points at the referral row', async () => {
    const { findings } = await checkFiles({
      'IDS101.csv': [H101, 'SR1,LP1,PW1,2023-03-10,B1,,', 'SR2,LP2,PW2,2023-01-01,B1,,'],
      'IDS201.csv': [H, withField(R, 4, '2023-03-09'), withField(withField(R, 0, 'CC2'), 4, '2023-03-10'), withField(withField(withField(R, 0, 'CC3'), 1, 'SR2'), 4, '2023-03-09')],
    });
    assert.deepEqual(lines(findings, 'IDS20171'), [2]);
    const f = rule(findings, 'IDS20171')[0];
    assert.deepEqual([f.related?.[0].file, f.related?.[0].line], ['IDS101.csv', 2]);
  });

  it('dates against the header table IDS000: IDS20108 (after the reporting period end) and IDS90215 (+2 years offset)', async () => {
    const { findings } = await checkFiles({
      'IDS000.csv': ['DatSetVer,OrgIDProv,OrgIDSubmit,ReportingPeriodStartDate,ReportingPeriodEndDate,DateTimeDatSetCreate', '2.0,RXX,RXX,2023-04-01,2023-04-30,2023-05-03T10:00:00'],
      'IDS201.csv': [H, withField(R, 4, '2023-04-30'), withField(withField(R, 0, 'CC2'), 4, '2023-05-01')],
      'IDS902.csv': ['CarePersLocalId,QualAttainLevelIAPT,QualAwardedDate,QualPlannedCompletionDate', 'CP1,10,,2025-04-30', 'CP2,10,,2025-05-01'],
    });
    assert.deepEqual(lines(findings, 'IDS20108'), [3]);
    assert.deepEqual(lines(findings, 'IDS90215'), [3]);
  });

  it('birth date from IDS001: IDS10140 (referral before birth), not evaluated when IDS001 is absent', async () => {
    const files = {
      'IDS001.csv': [H001, 'LP1,P1,1990-06-01,1,A'],
      'IDS101.csv': [H101, 'SR1,LP1,PW1,1990-05-31,B1,,', 'SR2,LP1,PW2,1990-06-01,B1,,'],
    };
    assert.deepEqual(lines((await checkFiles(files)).findings, 'IDS10140'), [2]);
    assert.deepEqual(lines((await checkFiles({ 'IDS101.csv': files['IDS101.csv'] })).findings, 'IDS10140'), []);
  });
});
