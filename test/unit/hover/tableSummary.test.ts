import { strict as assert } from 'node:assert';
import { describeTableText } from '../../../src/core/hover';
import { dict, nhsTable, ukllcTable } from './fixtures';

describe('hover: table description text', () => {
  it('lists table, layout, version, recognised and unrecognised columns', () => {
    const header = ['ServiceRequestId', 'EndCode', 'MyLocalFlag'];
    const text = describeTableText(dict, { file: '/x/IDS101.csv', table: nhsTable('IDS101', header), header, rows: 3, problemCount: 1, delimiter: ',' });
    assert.match(text, /^IAPT table: IDS101 — /);
    assert.match(text, /Layout: NHS IAPT v2\.x technical names/);
    assert.match(text, /Data set version: v2\.1 \(likely\)/);
    assert.match(text, /3 data row\(s\), 3 column\(s\), comma-delimited · 1 CSV problem\(s\)/);
    assert.match(text, /Recognised columns \(2 of 3\):\n +1  ServiceRequestId +SERVICE REQUEST IDENTIFIER \(id\)\n +2  EndCode .*code list end_code/);
    assert.match(text, /Unrecognised columns \(1\):\n +3  MyLocalFlag\n$/);
  });

  it('names the NHS tables a UK LLC table is merged from', () => {
    const header = ['cohortkey_e', 'pathwayid', 'codedasstooltype', 'persscore'];
    const text = describeTableText(dict, { file: 'a.csv', table: ukllcTable('IAPT_coded_scored_assessments', header), header, rows: 0, problemCount: 0, delimiter: '\t' });
    assert.match(text, /IAPT table: IAPT_coded_scored_assessments\n/);
    assert.match(text, /UK LLC themed table .* merged from IDS606, IDS607/);
    assert.match(text, /Data set version: unknown/);
    assert.match(text, /tab-delimited\n/);
    assert.match(text, /Unrecognised columns \(0\): none/);
  });

  it('gives the columns that point at the version and the missing key fields', () => {
    const header = ['ServiceRequestId', 'SourceOfReferralMH'];
    const table = { ...nhsTable('IDS101', header, '2.0'), versionEvidence: { '2.0': ['SourceOfReferralMH'], '2.1': [] }, keyFieldsMissing: ['LocalPatientId'] };
    const text = describeTableText(dict, { file: 'c.csv', table, header, rows: 1, problemCount: 0, delimiter: ',' });
    assert.match(text, /Data set version: v2\.0 \(likely, from SourceOfReferralMH\)/);
    assert.match(text, /Key fields missing: LocalPatientId/);
  });

  it('says when a file is no IAPT table and shows its header', () => {
    const text = describeTableText(dict, { file: 'b.csv', table: null, header: ['a', 'b'], rows: 2, problemCount: 0, delimiter: ';' });
    assert.match(text, /Not recognised as an IAPT table/);
    assert.match(text, /Header: a, b/);
  });

  it('describes a table of 300,000 recognised columns without overflowing the stack (issue 12)', () => {
    const header = Array.from({ length: 300_000 }, (_, k) => (k % 2 ? 'EndCode' : 'ServiceRequestId'));
    const text = describeTableText(dict, { file: 'wide.csv', table: nhsTable('IDS101', header), header, rows: 0, problemCount: 0, delimiter: ',' });
    assert.match(text, /Recognised columns \(300000 of 300000\):\n +1  ServiceRequestId  SERVICE REQUEST/);
  });
});
