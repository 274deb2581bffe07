// The manifest matches the files exactly: every planted defect is where it says, and the other rows are clean.
import { strict as assert } from 'node:assert';
import { builtinDictionary } from '../../../src/core/dictionary';
import { DEFECT_KINDS } from '../../../src/core/synth';
import { cleanup, extract, inCodeList, type Extract } from './helpers';

const dict = builtinDictionary();
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validIso = (v: string) => ISO.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

const PARENT: Record<string, [string, string, string]> = {
  // child file -> [key column, parent file, parent column]
  'IDS101.csv': ['LocalPatientId', 'IDS001.csv', 'LocalPatientId'],
  'IDS004.csv': ['LocalPatientId', 'IDS001.csv', 'LocalPatientId'],
  'IDS803.csv': ['LocalPatientId', 'IDS001.csv', 'LocalPatientId'],
  'IDS105.csv': ['ServiceRequestId', 'IDS101.csv', 'ServiceRequestId'],
  'IDS108.csv': ['ServiceRequestId', 'IDS101.csv', 'ServiceRequestId'],
  'IDS201.csv': ['ServiceRequestId', 'IDS101.csv', 'ServiceRequestId'],
  'IDS205.csv': ['ServiceRequestId', 'IDS101.csv', 'ServiceRequestId'],
  'IDS602.csv': ['ServiceRequestId', 'IDS101.csv', 'ServiceRequestId'],
  'IDS603.csv': ['ServiceRequestId', 'IDS101.csv', 'ServiceRequestId'],
  'IDS606.csv': ['ServiceRequestId', 'IDS101.csv', 'ServiceRequestId'],
  'IDS202.csv': ['CareContactId', 'IDS201.csv', 'CareContactId'],
  'IDS607.csv': ['CareActId', 'IDS202.csv', 'CareActId'],
};

function parentOf(x: Extract, file: string): [string, Set<string>] | null {
  if (x.manifest.files[0].layout === 'ukllc') {
    if (file === 'IAPT_demographics_and_referral.csv') return null;
    const key = x.table(file).header.includes('pathwayid') ? 'pathwayid' : 'cohortkey_e';
    return [key, new Set(x.rows('IAPT_demographics_and_referral.csv').map((r) => r[key]))];
  }
  const p = PARENT[file];
  return p ? [p[0], new Set(x.rows(p[1]).map((r) => r[p[2]]))] : null;
}

function checkManifest(x: Extract): void {
  const byFile = new Map<string, Map<number, (typeof x.manifest.defects)[number]>>();
  for (const d of x.manifest.defects) {
    assert.ok((DEFECT_KINDS as readonly string[]).includes(d.kind), d.kind);
    const m = byFile.get(d.file) ?? new Map();
    assert.ok(!m.has(d.line), `one defect per line (${d.file}:${d.line})`);
    m.set(d.line, d);
    byFile.set(d.file, m);
  }
  const unclosed = x.manifest.defects.filter((d) => d.kind === 'unclosed_quote');
  assert.equal(unclosed.length, x.manifest.defects.length > 0 ? 1 : 0, 'exactly one unclosed quote when defects are planted');
  const truthById = new Map(x.manifest.pathways.map((p) => [p.pathway_id, p]));

  for (const f of x.manifest.files) {
    const p = x.table(f.file);
    assert.equal(p.records.length, f.rows, `${f.file}: rows`);
    const defects = byFile.get(f.file) ?? new Map();
    const parent = parentOf(x, f.file);
    const problemLines = new Set(p.problems.map((q) => q.line));
    for (const q of p.problems) assert.ok(defects.has(q.line), `${f.file}:${q.line}: reader problem ${q.kind} at an unlisted line`);
    let previous: string[] | null = null;
    for (const r of p.records) {
      const d = defects.get(r.line);
      const cell = d ? r.fields[d.column - 1] : undefined;
      const header = d ? p.header[d.column - 1] : '';
      const row = Object.fromEntries(p.header.map((h, i) => [h, r.fields[i] ?? '']));
      switch (d?.kind) {
        case undefined: {
          assert.equal(r.fields.length, p.header.length, `${f.file}:${r.line} clean row is not ragged`);
          p.header.forEach((h, i) => {
            const v = r.fields[i];
            if (v === '') return;
            const field = dict.field(h, f.table);
            const list = field?.codelist ? dict.codelist(field.codelist) : undefined;
            if (list && list.codes.size) assert.ok(inCodeList(list.codes.keys(), v), `${f.file}:${r.line} clean ${h}=${v}`);
            if (field?.type === 'date' || h.endsWith('_date')) assert.ok(validIso(v), `${f.file}:${r.line} clean date ${h}=${v}`);
          });
          const score = row.PersScore ?? row.persscore;
          const tool = row.CodedAssToolType ?? row.codedasstooltype;
          if (score !== undefined) {
            const a = dict.assessment(tool);
            assert.ok(a, `${f.file}:${r.line} clean tool ${tool}`);
            if (a.max !== null) assert.ok(Number(score) <= a.max, `${f.file}:${r.line} clean score ${score}`);
          }
          const disch = row.ServDischDate ?? row.servdischdate;
          if (disch) assert.ok(disch >= (row.ReferralRequestReceivedDate ?? row.referralrequestreceiveddate), `${f.file}:${r.line} discharge after referral`);
          if (parent) assert.ok(parent[1].has(row[parent[0]]), `${f.file}:${r.line} clean row links to its parent`);
          if (previous) assert.notDeepEqual(r.fields, previous, `${f.file}:${r.line} clean row is not a duplicate of the one before`);
          assert.ok(!problemLines.has(r.line));
          break;
        }
        case 'code_not_in_list': {
          const list = dict.codelist(dict.field(header, f.table)!.codelist!)!;
          assert.ok(!inCodeList(list.codes.keys(), cell!), `${f.file}:${r.line} ${header}=${cell} should not be in ${list.id}`);
          break;
        }
        case 'excel_leading_zero': {
          const list = dict.codelist(dict.field(header, f.table)!.codelist!)!;
          assert.match(cell!, /^\d$/);
          assert.ok(list.codes.has(`0${cell}`), `${header}: 0${cell} is the code`);
          break;
        }
        case 'excel_scientific': assert.match(cell!, /^\d(\.\d+)?E\+\d{2}$/); break;
        case 'score_out_of_range': {
          const a = dict.assessment(row.CodedAssToolType ?? row.codedasstooltype)!;
          assert.ok(Number(cell) > a.max!, `${cell} > ${a.max}`);
          break;
        }
        case 'impossible_date': assert.ok(ISO.test(cell!) && !validIso(cell!), `${cell} is an impossible date`); break;
        case 'malformed_date': assert.match(cell!, /^\d{2}\/\d{2}\/\d{4}$/); break;
        case 'discharge_before_referral': assert.ok(cell! < (row.ReferralRequestReceivedDate ?? row.referralrequestreceiveddate)); break;
        case 'orphan_row': assert.ok(parent && !parent[1].has(cell!), `${f.file}:${r.line} ${header}=${cell} has no parent`); break;
        case 'duplicate_row': assert.deepEqual(r.fields, previous); break;
        case 'ragged_row': {
          assert.notEqual(r.fields.length, p.header.length);
          assert.ok(p.problems.some((q) => q.line === r.line && q.kind === 'ragged-row'));
          break;
        }
        case 'unclosed_quote': {
          assert.equal(r, p.records[p.records.length - 1], 'the unclosed quote is the last record of its file');
          assert.ok(cell!.startsWith('"'));
          assert.ok(p.problems.some((q) => q.line === r.line && q.kind === 'unclosed-quote'));
          break;
        }
        case 'derived_field_corrupted': {
          const t = truthById.get(d.pathway_id!)!;
          const key = header.toLowerCase();
          const truthValue = key === 'phq9_firstscore' ? String(t.phq9_first) : key === 'phq9_lastscore' ? String(t.phq9_last)
            : String({ recovery_flag: t.recovery, reliableimprovement_flag: t.reliable_improvement, reliabledeterioration_flag: t.reliable_deterioration, nochange_flag: t.no_reliable_change }[key]).replace(/^./, (c) => c.toUpperCase());
          assert.notEqual(cell, truthValue, `${f.file}:${r.line} ${header} differs from the truth`);
          break;
        }
        default: assert.fail(`unexpected kind ${d?.kind}`);
      }
      if (d) defects.delete(r.line);
      previous = r.fields;
    }
    assert.equal(defects.size, 0, `${f.file}: defects listed at lines that are not records: ${[...defects.keys()].join(', ')}`);
  }
}

describe('synth manifest', function () {
  this.timeout(120_000);
  after(cleanup);

  it('lists every planted defect at its file, line and column (NHS layout), and the other rows are clean', async () => {
    const x = await extract({ referrals: 250, seed: 'defects', defects: 0.03, corruptDerived: 0.1 });
    checkManifest(x);
    const kinds = new Set(x.manifest.defects.map((d) => d.kind));
    for (const k of DEFECT_KINDS) assert.ok(kinds.has(k), `kind ${k} planted`);
    assert.deepEqual(x.manifest.generator.args, { referrals: 250, seed: 'defects', layout: 'nhs', defects: 0.03, corrupt_derived: 0.1 });
  });

  it('lists every planted defect (UK LLC layout)', async () => {
    checkManifest(await extract({ referrals: 100, seed: 'defects', layout: 'ukllc', defects: 0.02, corruptDerived: 0.1 }));
  });

  it('a default extract is clean: no defects listed and every row passes the clean-row checks', async () => {
    const x = await extract({ referrals: 300, seed: 'clean' });
    assert.equal(x.manifest.defects.length, 0);
    checkManifest(x);
  });

  it('pathways carry exactly the outcome engine columns and match the referral table', async () => {
    const x = await extract({ referrals: 300, seed: 'clean' });
    const referrals = new Map(x.rows('IDS101.csv').map((r) => [r.PathwayID, r]));
    assert.equal(x.manifest.pathways.length, referrals.size);
    const flag = (v: boolean | null) => (v === null ? '' : v ? 'True' : 'False');
    for (const t of x.manifest.pathways) {
      assert.equal(Object.keys(t).length, 18);
      const r = referrals.get(t.pathway_id)!;
      assert.equal(r.Person_ID, t.participant_id);
      assert.equal(r.ReferralRequestReceivedDate, t.referral_date);
      assert.equal(r.ServDischDate, t.discharge_date ?? '');
      assert.equal(r.TreatmentCareContact_Count, String(t.treatment_appointments));
      assert.equal(r.CompletedTreatment_Flag, flag(t.finished_course));
      assert.equal(r.PHQ9_FirstScore, t.phq9_first === null ? '' : String(t.phq9_first));
      assert.equal(r.PHQ9_LastScore, t.phq9_last === null ? '' : String(t.phq9_last));
      assert.equal(r.Recovery_Flag, flag(t.recovery));
      assert.equal(r.ReliableImprovement_Flag, flag(t.reliable_improvement));
      assert.equal(r.ReliableDeterioration_Flag, flag(t.reliable_deterioration));
      assert.equal(r.NoChange_Flag, flag(t.no_reliable_change));
      assert.equal(r.NotCaseness_Flag, t.finished_course ? flag(t.caseness === false) : '');
      if (!t.finished_course) assert.deepEqual([t.caseness, t.recovery, t.reliable_recovery], [null, null, null]);
      else assert.equal(t.reliable_recovery, t.recovery && t.reliable_improvement);
    }
  });
});
