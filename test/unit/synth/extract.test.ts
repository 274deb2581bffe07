// Generated extracts: determinism, complete linking in both layouts, dictionary column names and codes only.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinDictionary } from '../../../src/core/dictionary';
import { builtinSynthProfile, excelScientific, generateExtract, Prng } from '../../../src/core/synth';
import { cleanup, extract, filesIn, inCodeList, type Extract } from './helpers';

const dict = builtinDictionary();

function keySet(x: Extract, file: string, column: string): Set<string> {
  return new Set(x.rows(file).map((r) => r[column]));
}

function assertAllIn(x: Extract, file: string, column: string, parents: Set<string>, what: string): void {
  const rows = x.rows(file);
  const missing = rows.filter((r) => !parents.has(r[column]));
  assert.equal(missing.length, 0, `${file}.${column}: ${missing.length} of ${rows.length} rows have no ${what} (first: ${missing[0]?.[column]})`);
}

describe('synth extracts', function () {
  this.timeout(120_000);
  after(cleanup);

  describe('determinism', () => {
    for (const layout of ['nhs', 'ukllc'] as const) {
      it(`the same arguments give byte-identical files (${layout})`, async () => {
        const opts = { referrals: 120, seed: 'det', layout, defects: 0.02, corruptDerived: 0.1 };
        const a = await extract(opts);
        const dir = mkdtempSync(join(tmpdir(), 'iapt-synth-det-'));
        try {
          await generateExtract({ ...opts, out: dir });
          assert.deepEqual(filesIn(dir), filesIn(a.dir));
          for (const f of filesIn(dir)) assert.ok(readFileSync(join(dir, f)).equals(readFileSync(join(a.dir, f))), `${f} differs between two runs`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
    it('a different seed gives a different extract', async () => {
      const a = await extract({ referrals: 50, seed: 'one' });
      const b = await extract({ referrals: 50, seed: 'two' });
      assert.notEqual(readFileSync(join(a.dir, 'IDS201.csv'), 'utf8'), readFileSync(join(b.dir, 'IDS201.csv'), 'utf8'));
    });
    it('the PRNG repeats for a seed and is roughly uniform', () => {
      const a = new Prng('x'); const b = new Prng('x');
      const xs = Array.from({ length: 20_000 }, () => a.next());
      assert.deepEqual(xs.slice(0, 50), Array.from({ length: 50 }, () => b.next()));
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
      assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
      assert.ok(xs.every((v) => v >= 0 && v < 1));
    });
    it('spreadsheet scientific notation looks like Excel', () => {
      assert.equal(excelScientific('720433000'), '7.20433E+08');
      assert.equal(excelScientific('445455005'), '4.45455E+08');
      assert.equal(excelScientific('1065441000000103'), '1.06544E+15');
    });
  });

  describe('NHS layout (clean)', () => {
    let x: Extract;
    before(async () => { x = await extract({ referrals: 400, seed: 'link' }); });

    it('writes the IDS tables named by the dictionary, with exactly the requested referrals', () => {
      assert.deepEqual(x.manifest.files.map((f) => f.file), ['IDS001.csv', 'IDS004.csv', 'IDS101.csv', 'IDS105.csv', 'IDS108.csv', 'IDS201.csv', 'IDS202.csv', 'IDS205.csv', 'IDS602.csv', 'IDS603.csv', 'IDS606.csv', 'IDS607.csv', 'IDS803.csv']);
      assert.equal(x.rows('IDS101.csv').length, 400);
      assert.equal(x.manifest.pathways.length, 400);
      assert.equal(x.manifest.defects.length, 0);
      for (const f of x.manifest.files) {
        const p = x.table(f.file);
        assert.equal(p.problems.length, 0, `${f.file}: ${JSON.stringify(p.problems[0])}`);
        assert.equal(p.records.length, f.rows, `${f.file} row count`);
        for (const h of p.header) assert.equal(dict.field(h, f.table)?.name, h, `${f.file}: ${h} is not a dictionary field of ${f.table}`);
      }
    });

    it('links every child row to its parent by the submitted and derived keys', () => {
      const patients = keySet(x, 'IDS001.csv', 'LocalPatientId');
      for (const f of ['IDS101.csv', 'IDS004.csv', 'IDS803.csv']) assertAllIn(x, f, 'LocalPatientId', patients, 'patient in IDS001');
      const referrals = new Map(x.rows('IDS101.csv').map((r) => [r.ServiceRequestId, r]));
      for (const f of ['IDS105.csv', 'IDS108.csv', 'IDS201.csv', 'IDS205.csv', 'IDS602.csv', 'IDS603.csv', 'IDS606.csv']) {
        assertAllIn(x, f, 'ServiceRequestId', new Set(referrals.keys()), 'referral in IDS101');
        for (const r of x.rows(f)) assert.equal(r.PathwayID, referrals.get(r.ServiceRequestId)!.PathwayID, `${f}: PathwayID agrees with IDS101`);
      }
      assertAllIn(x, 'IDS202.csv', 'CareContactId', keySet(x, 'IDS201.csv', 'CareContactId'), 'care contact in IDS201');
      assertAllIn(x, 'IDS607.csv', 'CareActId', keySet(x, 'IDS202.csv', 'CareActId'), 'care activity in IDS202');
      const person = new Map(x.rows('IDS001.csv').map((r) => [r.LocalPatientId, r.Person_ID]));
      for (const r of x.rows('IDS101.csv')) assert.equal(r.Person_ID, person.get(r.LocalPatientId));
      for (const f of ['IDS001.csv', 'IDS101.csv', 'IDS201.csv', 'IDS202.csv']) {
        const key = { 'IDS001.csv': 'LocalPatientId', 'IDS101.csv': 'ServiceRequestId', 'IDS201.csv': 'CareContactId', 'IDS202.csv': 'CareActId' }[f]!;
        assert.equal(keySet(x, f, key).size, x.rows(f).length, `${f}: ${key} unique`);
      }
    });

    it('writes no date after the data cut-off and no referral outside the window', () => {
      const { window } = builtinSynthProfile();
      for (const f of x.manifest.files) {
        const p = x.table(f.file);
        p.header.forEach((h, i) => {
          if (dict.field(h, f.table)?.type !== 'date') return;
          for (const r of p.records) assert.ok(r.fields[i] <= window.dataCutoff, `${f.file}:${r.line} ${h} ${r.fields[i]} after ${window.dataCutoff}`);
        });
      }
      for (const r of x.rows('IDS101.csv')) assert.ok(r.ReferralRequestReceivedDate >= window.referralStart && r.ReferralRequestReceivedDate <= window.referralEnd);
    });

    it('people have 1 to 4 referrals, in time order', () => {
      const byPerson = new Map<string, string[]>();
      for (const r of x.rows('IDS101.csv')) byPerson.set(r.Person_ID, [...(byPerson.get(r.Person_ID) ?? []), r.ReferralRequestReceivedDate]);
      const counts = [...byPerson.values()].map((d) => d.length);
      assert.ok(Math.max(...counts) <= 4 && Math.min(...counts) >= 1);
      assert.ok(counts.some((c) => c > 1), 'some people are re-referred');
      for (const d of byPerson.values()) assert.deepEqual(d, [...d].sort());
    });

    it('records scores only at attended contacts (AttendOrDNACode 5 or 6)', () => {
      const contacts = new Map(x.rows('IDS201.csv').map((r) => [r.CareContactId, r]));
      const activity = new Map(x.rows('IDS202.csv').map((r) => [r.CareActId, r.CareContactId]));
      for (const s of x.rows('IDS607.csv')) {
        const c = contacts.get(activity.get(s.CareActId)!)!;
        assert.ok(c.AttendOrDNACode === '5' || c.AttendOrDNACode === '6', `score at a contact with AttendOrDNACode ${c.AttendOrDNACode}`);
      }
    });

    it('writes codes only from the dictionary code lists and scores within the assessment ranges', () => {
      for (const f of x.manifest.files) {
        const p = x.table(f.file);
        p.header.forEach((h, i) => {
          const field = dict.field(h, f.table)!;
          const list = field.codelist ? dict.codelist(field.codelist) : undefined;
          if (!list || list.codes.size === 0) return;
          for (const r of p.records) {
            const v = r.fields[i];
            if (v !== '') assert.ok(inCodeList(list.codes.keys(), v), `${f.file} line ${r.line}: ${h} = ${v} is not in ${list.id}`);
          }
        });
      }
      for (const f of ['IDS606.csv', 'IDS607.csv']) {
        for (const r of x.rows(f)) {
          const a = dict.assessment(r.CodedAssToolType);
          assert.ok(a, `${f}: ${r.CodedAssToolType} is a dictionary assessment`);
          const v = Number(r.PersScore);
          if (a.min !== null && a.max !== null) assert.ok(v >= a.min && v <= a.max, `${f}: ${a.name} score ${v} in ${a.min}-${a.max}`);
        }
      }
    });

    it('the profile only names codes that are in the dictionary', () => {
      const profile = builtinSynthProfile();
      const lists: [Record<string, number> | string[], string][] = [
        [profile.codes.lowIntensityTherapy, 'therapy_type_snomed'], [profile.codes.highIntensityTherapy, 'therapy_type_snomed'],
        [profile.codes.consMediumUsed, 'consultation_medium_used'], [profile.codes.consMechanism, 'consultation_mechanism'],
        [profile.codes.employmentStatus, 'employment_status'], [profile.codes.ietProgramme, 'iet_programme_category'],
        [profile.codes.longTermCondition, 'long_term_condition_snomed'], [profile.codes.careCluster, 'amh_care_cluster'],
        [profile.referral.sourceOfReferralWeights, 'source_of_referral_mh'], [profile.attendance.weights, 'attended_or_did_not_attend'],
        [profile.people.genderWeights, 'person_stated_gender'], [profile.people.ethnicWeights, 'ethnic_category'],
        [{ ...profile.referral.notSeenEndCodes, ...profile.referral.assessedOnlyEndCodes, ...profile.referral.completedEndCodes, ...profile.referral.droppedOutEndCodes }, 'end_code'],
        [profile.complaints.list.flatMap((c) => c.codes), 'problem_descriptor_icd10'],
      ];
      for (const [codes, id] of lists) {
        const list = dict.codelist(id)!;
        for (const c of Array.isArray(codes) ? codes : Object.keys(codes)) assert.ok(inCodeList(list.codes.keys(), c), `${c} in ${id}`);
      }
      for (const m of Object.values(profile.measures)) assert.ok(dict.assessment(m!.snomed), `${m!.snomed} is a dictionary assessment`);
      for (const t of [...profile.wsas.items, ...profile.codes.peqTreatment]) assert.ok(dict.assessment(t), `${t} is a dictionary assessment`);
    });
  });

  describe('UK LLC layout (clean)', () => {
    let x: Extract;
    before(async () => { x = await extract({ referrals: 300, seed: 'link', layout: 'ukllc' }); });

    it('writes the 9 themed tables with lower-case dictionary names and the project\'s fixed columns', () => {
      assert.deepEqual(x.manifest.files.map((f) => f.file).sort(), dict.ukllcTables.map((t) => `${t.name}.csv`).sort());
      for (const f of x.manifest.files) {
        const p = x.table(f.file);
        assert.equal(p.problems.length, 0, `${f.file}: ${JSON.stringify(p.problems[0])}`);
        assert.equal(p.records.length, f.rows);
        assert.deepEqual(p.header.slice(0, 1), ['cohortkey_e']);
        for (const h of ['extract_start_date', 'extract_end_date']) assert.ok(p.header.includes(h), `${f.file} has ${h}`);
        for (const h of p.header) {
          assert.equal(h, h.toLowerCase());
          assert.ok(dict.field(h, f.table) || dict.ukllcTable(f.table)!.extraColumns.includes(h), `${f.file}: ${h} known to the dictionary`);
        }
      }
    });

    it('links every row to a pathway / participant of demographics_and_referral, and scores to care activities', () => {
      const pathways = keySet(x, 'IAPT_demographics_and_referral.csv', 'pathwayid');
      const people = keySet(x, 'IAPT_demographics_and_referral.csv', 'cohortkey_e');
      assert.equal(pathways.size, 300);
      const owner = new Map(x.rows('IAPT_demographics_and_referral.csv').map((r) => [r.pathwayid, r.cohortkey_e]));
      for (const f of x.manifest.files.map((m) => m.file)) {
        assertAllIn(x, f, 'cohortkey_e', people, 'participant in demographics');
        if (x.table(f).header.includes('pathwayid')) {
          assertAllIn(x, f, 'pathwayid', pathways, 'pathway in demographics');
          for (const r of x.rows(f)) assert.equal(r.cohortkey_e, owner.get(r.pathwayid), `${f}: participant of ${r.pathwayid}`);
        }
      }
      const activities = keySet(x, 'IAPT_care_activities.csv', 'careactid');
      for (const r of x.rows('IAPT_coded_scored_assessments.csv')) if (r.careactid) assert.ok(activities.has(r.careactid));
    });
  });
});
