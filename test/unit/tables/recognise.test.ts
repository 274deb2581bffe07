import { strict as assert } from 'node:assert';
import { builtinDictionary } from '../../../src/core/dictionary';
import { columnIndex, recogniseTable } from '../../../src/core/tables';

const dict = builtinDictionary();
const UKLLC_COMMON = ['cohortkey_e', 'extract_start_date', 'extract_end_date'];

function ukllcHeader(nhsTables: string[], opts: { submittedOnly?: boolean } = {}): string[] {
  const names = new Set<string>(UKLLC_COMMON);
  for (const id of nhsTables) {
    for (const f of dict.table(id)!.fields) if (!opts.submittedOnly || f.origin === 'submitted') names.add(f.ukllcName);
  }
  return [...names];
}

describe('tables/recogniseTable: every NHS table', () => {
  it('has the 21 NHS tables and 9 UK LLC tables to test', () => {
    assert.equal(dict.tables.length, 21);
    assert.equal(dict.ukllcTables.length, 9);
  });

  for (const table of builtinDictionary().tables) {
    it(`${table.id} from all its fields and from its submitted fields only`, () => {
      const all = recogniseTable(table.fields.map((f) => f.name), dict);
      assert.ok(all, `${table.id} not recognised`);
      assert.equal(all.layout, 'nhs');
      assert.equal(all.id, table.id);
      assert.deepEqual(all.nhsTables, [table.id]);
      assert.equal(all.name, table.name);
      assert.equal(all.score, 1);
      assert.deepEqual(all.unrecognised, []);
      assert.ok(all.columns.every((c) => c.field?.tableId === table.id));

      const submitted = table.fields.filter((f) => f.origin === 'submitted').map((f) => f.name);
      const sub = recogniseTable(submitted, dict);
      assert.equal(sub?.id, table.id, `${table.id} submitted fields → ${sub?.id}`);
      assert.equal(sub?.layout, 'nhs');
    });
  }
});

describe('tables/recogniseTable: every UK LLC table', () => {
  for (const u of builtinDictionary().ukllcTables) {
    it(`${u.name} from the UK LLC names of ${u.nhsTables.join(', ')}`, () => {
      const r = recogniseTable(ukllcHeader(u.nhsTables), dict);
      assert.ok(r, `${u.name} not recognised`);
      assert.equal(r.layout, 'ukllc');
      assert.equal(r.id, u.name);
      assert.deepEqual(r.nhsTables, u.nhsTables);
      assert.deepEqual(r.unrecognised, []);
      const cohort = r.columns.find((c) => c.header === 'cohortkey_e');
      assert.equal(cohort?.field?.name, 'cohortkey_e');

      const sub = recogniseTable(ukllcHeader(u.nhsTables, { submittedOnly: true }), dict);
      assert.equal(sub?.id, u.name);
    });
  }

  it('recognises each merged NHS table written the UK LLC way as a themed table containing it', () => {
    for (const t of dict.tables) {
      if (t.ukllcTables.length === 0) continue;
      const header = ukllcHeader([t.id]);
      const r = recogniseTable(header, dict);
      assert.equal(r?.layout, 'ukllc', t.id);
      assert.ok(r && t.ukllcTables.includes(r.id), `${t.id} → ${r?.id}, expected one of ${t.ukllcTables}`);
    }
  });

  it('takes a lower-case header without UK LLC-only columns as UK LLC, and UK LLC-only columns decide', () => {
    const lower = dict.table('IDS607')!.fields.map((f) => f.name.toLowerCase());
    assert.equal(recogniseTable(lower, dict)?.id, 'IAPT_coded_scored_assessments');
    const mixed = [...dict.table('IDS607')!.fields.map((f) => f.name), 'cohortkey_e'];
    assert.equal(recogniseTable(mixed, dict)?.layout, 'ukllc');
  });

  it('falls back to the NHS layout for a lower-case table that UK LLC does not receive (IDS601)', () => {
    const r = recogniseTable(dict.table('IDS601')!.fields.map((f) => f.name.toLowerCase()), dict);
    assert.equal(r?.id, 'IDS601');
    assert.equal(r?.layout, 'nhs');
  });
});

describe('tables/recogniseTable: scoring, ties and non-IAPT files', () => {
  it('scores by header, not by file name', () => {
    const header = dict.table('IDS202')!.fields.map((f) => f.name);
    assert.equal(recogniseTable(header, dict, 'IDS201_care_contact.csv')?.id, 'IDS202');
  });

  it('breaks a tie with the file name, else by table order, and lists the tied alternative', () => {
    const header = ['UniqueSubmissionID', 'Age_AssessmentCompletion_Date'];
    const plain = recogniseTable(header, dict)!;
    assert.equal(plain.id, 'IDS606');
    assert.equal(plain.alternatives[0].id, 'IDS607');
    assert.equal(plain.alternatives[0].score, plain.score);
    assert.equal(recogniseTable(header, dict, '/data/ids607_2023.csv')?.id, 'IDS607');
    assert.equal(recogniseTable(header, dict, 'C:\\x\\IDS606.csv')?.id, 'IDS606');
  });

  it('keeps unknown extra columns as unrecognised', () => {
    const header = ['ServiceRequestId', 'CodedAssToolType', 'PersScore', 'AssToolCompDate', 'my_note', ''];
    const r = recogniseTable(header, dict)!;
    assert.equal(r.id, 'IDS606');
    assert.deepEqual(r.recognised, ['ServiceRequestId', 'CodedAssToolType', 'PersScore', 'AssToolCompDate']);
    assert.deepEqual(r.unrecognised, ['my_note', '']);
    assert.equal(r.columns[4].field, null);
    assert.equal(r.columns[1].field?.codelist !== undefined, true);
  });

  it('returns null for files that are no IAPT table', () => {
    assert.equal(recogniseTable(['a', 'b', 'c'], dict), null);
    assert.equal(recogniseTable([], dict), null);
    assert.equal(recogniseTable(['', ' '], dict), null);
    assert.equal(recogniseTable(['name', 'date', 'EndCode'], dict), null); // 1 of 3
    assert.equal(recogniseTable(['PathwayID', 'Person_ID', 'UniqueSubmissionID'], dict), null); // generic links only
    assert.equal(recogniseTable(['cohortkey_e', 'extract_start_date', 'extract_end_date'], dict), null);
    assert.equal(recogniseTable(['EndCode'], dict), null);
  });

  it('recognises a small but specific header', () => {
    assert.equal(recogniseTable(['PathwayID', 'EndCode', 'ServDischDate'], dict)?.id, 'IDS101');
    assert.equal(recogniseTable(['pathwayid', 'codedasstooltype', 'persscore', 'cohortkey_e'], dict)?.id, 'IAPT_coded_scored_assessments');
  });

  it('matches names case-insensitively, trimmed, with BOM and quotes', () => {
    const r = recogniseTable(['\uFEFFServiceRequestId', ' EndCode ', '"ServDischDate"'], dict);
    assert.equal(r?.id, 'IDS101');
    assert.deepEqual(r?.unrecognised, []);
  });

  it('reports present and missing key fields', () => {
    const r = recogniseTable(['CareContactId', 'CareContDate', 'AttendOrDNACode'], dict)!;
    assert.equal(r.id, 'IDS201');
    assert.deepEqual(r.keyFieldsPresent, ['CareContactId']);
    assert.deepEqual(r.keyFieldsMissing, []);
  });
});

describe('tables/recogniseTable: data-set version', () => {
  const base = ['ServiceRequestId', 'PathwayID', 'ReferralRequestReceivedDate', 'EndCode'];

  it('says 2.1 from v2.1-only fields', () => {
    const r = recogniseTable([...base, 'SourceOfReferralIAPT'], dict)!;
    assert.equal(r.version, '2.1');
    assert.deepEqual(r.versionEvidence['2.1'], ['SourceOfReferralIAPT']);
    assert.equal(recogniseTable(['CareContactId', 'CareContDate', 'ConsMechanism'], dict)?.version, '2.1');
    assert.equal(recogniseTable(['LocalPatientId', 'GenderIdentity', 'PersonBirthDate'], dict)?.version, '2.1');
  });

  it('says 2.0 from v2.0-only fields', () => {
    assert.equal(recogniseTable([...base, 'SourceOfReferralMH'], dict)?.version, '2.0');
    assert.equal(recogniseTable(['CareContactId', 'CareContDate', 'ConsMediumUsed'], dict)?.version, '2.0');
    assert.equal(recogniseTable(['pathwayid', 'sourceofreferralmh', 'endcode', 'cohortkey_e'], dict)?.version, '2.0');
  });

  it('says unknown without evidence and with evidence both ways', () => {
    assert.equal(recogniseTable(base, dict)?.version, 'unknown');
    const both = recogniseTable([...base, 'SourceOfReferralMH', 'SourceOfReferralIAPT'], dict)!;
    assert.equal(both.version, 'unknown');
    assert.deepEqual(both.versionEvidence, { '2.0': ['SourceOfReferralMH'], '2.1': ['SourceOfReferralIAPT'] });
  });

  it('takes a table that exists only in v2.1 as evidence', () => {
    const r = recogniseTable(['LocalPatientId', 'AccommodationType', 'SettledAccommodationInd'], dict)!;
    assert.equal(r.id, 'IDS003');
    assert.equal(r.version, '2.1');
  });
});

describe('tables/columnIndex', () => {
  it('finds a column by any of its names, case-insensitively', () => {
    const header = ['cohortkey_e', ' PathwayID ', 'EndCode'];
    assert.equal(columnIndex(header, 'PathwayID', 'pathwayid'), 1);
    assert.equal(columnIndex(header, 'endcode'), 2);
    assert.equal(columnIndex(header, 'ServDischDate'), -1);
    assert.equal(columnIndex(header), -1);
  });
});
