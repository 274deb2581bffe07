// Small hand-written extracts for the linking tests: each row's expected pathway / participant / reason is stated
// by the test from the fixture's design (not from the index).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function tempDir(prefix = 'iapt-link-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeTable(dir: string, name: string, rows: string[][]): string {
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, name);
  fs.writeFileSync(p, rows.map((r) => r.join(',')).join('\n') + '\n');
  return p;
}

/**
 * NHS extract: participant P1 with pathways PW1 and PW2, P2 with PW3.
 * IDS202 has no PathwayID column (activities reach their pathway through the contact); IDS607 has no PathwayID
 * column (scores reach it through activity → contact → pathway).
 */
export function nhsExtract(dir: string): Record<string, string> {
  return {
    IDS101: writeTable(dir, 'IDS101.csv', [
      ['ServiceRequestId', 'LocalPatientId', 'Person_ID', 'PathwayID', 'ReferralRequestReceivedDate', 'ServDischDate', 'EndCode'],
      ['SR1', 'LP1', 'P1', 'PW1', '2023-04-12', '2023-09-01', '46'], // line 2
      ['SR2', 'LP1', 'P1', 'PW2', '2024-01-05', '', ''], // line 3
      ['SR3', 'LP2', 'P2', 'PW3', '2023-05-01', '2023-06-01', '10'], // line 4
      ['SR4', 'LP3', 'P3', '', '2023-05-01', '', ''], // line 5: blank PathwayID → pathway id SR4 (as the outcome engine)
    ]),
    IDS201: writeTable(dir, 'IDS201.csv', [
      ['CareContactId', 'ServiceRequestId', 'PathwayID', 'Person_ID', 'CareContDate', 'AppType', 'AttendOrDNACode', 'ConsMechanism'],
      ['CC1', 'SR1', 'PW1', 'P1', '2023-04-20', '02', '5', '01'], // 2 → PW1
      ['CC2', 'SR1', 'PW1', 'P1', '2023-05-20', '02', '5', '01'], // 3 → PW1
      ['CC3', 'SR3', 'PW3', 'P2', '2023-05-10', '02', '5', '01'], // 4 → PW3
      ['CC4', 'SR9', 'PW9', 'P1', '2023-05-10', '02', '5', '01'], // 5 unlinked: PW9 in no referral file (participant P1)
      ['CC5', '', '', 'P2', '2023-05-10', '02', '5', '01'], // 6 unlinked: blank keys (participant P2)
      ['CC6', 'SR2', '', 'P1', '2024-01-10', '02', '3', '01'], // 7 → PW2 through ServiceRequestId
      ['CC7', 'SR1', 'PW\u00071', 'P1', '2023-05-10', '02', '5', '01'], // 8 unlinked: malformed (control char)
    ]),
    IDS202: writeTable(dir, 'IDS202.csv', [
      ['CareActId', 'CareContactId', 'Person_ID', 'ClinContactDurOfCareAct'],
      ['CA1', 'CC1', 'P1', '30'], // 2 → PW1 via CC1
      ['CA2', 'CC3', 'P2', '30'], // 3 → PW3 via CC3
      ['CA3', 'CC99', 'P1', '30'], // 4 unlinked: CC99 in no contact file
      ['CA4', 'CC4', 'P1', '30'], // 5 unlinked: CC4's pathway is in no referral file
    ]),
    IDS607: writeTable(dir, 'IDS607.csv', [
      ['CareActId', 'Person_ID', 'CodedAssToolType', 'PersScore'],
      ['CA1', 'P1', '720433000', '14'], // 2 → PW1 via CA1 → CC1
      ['CA2', 'P2', '720433000', '9'], // 3 → PW3
      ['CA77', 'P1', '720433000', '9'], // 4 unlinked: CA77 in no activity file
    ]),
    IDS001: writeTable(dir, 'IDS001.csv', [
      ['LocalPatientId', 'Person_ID', 'PersonBirthDate', 'Gender'],
      ['LP1', 'P1', '1990-01-01', '2'], // 2 → participant P1
      ['LP2', 'P2', '1980-01-01', '1'], // 3 → participant P2
      ['LP8', 'P8', '1970-01-01', '1'], // 4 unlinked: P8 in no referral file
    ]),
  };
}

/**
 * UK LLC extract: PW1 (CK1) in two overlapping extracts of FY 2022 (ending 2022-12-31 and 2023-03-31) and one of
 * FY 2023; PW2 (CK2) in one extract. Kept = latest extract end per pathway per financial year (ukllc-notes.md).
 */
export function ukllcExtract(dir: string): Record<string, string> {
  const head = ['cohortkey_e', 'pathwayid', 'extract_start_date', 'extract_end_date'];
  return {
    referral: writeTable(dir, 'IAPT_demographics_and_referral.csv', [
      [...head, 'referralrequestreceiveddate', 'servdischdate', 'endcode'],
      ['CK1', 'PW1', '2022-04-01', '2022-12-31', '2022-11-01', '', ''], // 2 superseded by 2023-03-31
      ['CK1', 'PW1', '2022-04-01', '2023-03-31', '2022-11-01', '', ''], // 3 kept (FY 2022)
      ['CK1', 'PW1', '2023-04-01', '2023-06-30', '2022-11-01', '2023-05-02', '46'], // 4 kept (FY 2023)
      ['CK2', 'PW2', '2022-04-01', '2023-03-31', '2022-06-01', '2022-12-01', '10'], // 5 kept
    ]),
    contacts: writeTable(dir, 'IAPT_care_activities.csv', [
      [...head, 'carecontactid', 'carecontdate', 'apptype', 'attendordnacode', 'careactid'],
      ['CK1', 'PW1', '2022-04-01', '2022-12-31', 'CC1', '2022-11-20', '02', '5', 'CA1'], // 2 superseded
      ['CK1', 'PW1', '2022-04-01', '2023-03-31', 'CC1', '2022-11-20', '02', '5', 'CA1'], // 3 kept
      ['CK1', 'PW1', '2022-04-01', 'not a date', 'CC2', '2022-11-27', '02', '5', ''], // 4 not kept: no extract date
      ['CK2', 'PW2', '2022-04-01', '2023-03-31', 'CC3', '2022-07-01', '02', '5', ''], // 5 kept
    ]),
    scores: writeTable(dir, 'IAPT_coded_scored_assessments.csv', [
      [...head, 'careactid', 'codedasstooltype', 'persscore'],
      ['CK1', 'PW1', '2022-04-01', '2023-03-31', 'CA1', '720433000', '15'], // 2 kept
      ['CK3', 'PW7', '2022-04-01', '2023-03-31', '', '720433000', '15'], // 3 unlinked: PW7 in no referral file
      ['CK2', 'PW2', '', '', '', '720433000', '10'], // 4 kept: undated, but PW2 has no dated row in this table
    ]),
    employment: writeTable(dir, 'IAPT_employment_status.csv', [
      ['cohortkey_e', 'extract_start_date', 'extract_end_date', 'employstatus', 'employstatusrecdate'],
      ['CK1', '2022-04-01', '2023-03-31', '01', '2022-11-01'], // 2 → participant CK1
    ]),
  };
}
