import { strict as assert } from 'node:assert';
import decode from '../../../src/cli/decode';
import { builtinDictionary } from '../../../src/core/dictionary';
import type { FieldEntry } from '../../../src/core/dictionary/types';
import { runCli } from './run';

const dict = builtinDictionary();

describe('cli/decode', () => {
  it('decodes EndCode 46 in the hover wording', async () => {
    const r = await runCli(decode, ['EndCode', '46']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n')[0], 'EndCode = 46: Mutually agreed completion of treatment (end_code, national code, valid in v2.0, v2.1)');
  });

  it('decodes the UK LLC names endcode and codedasstooltype (PHQ-9 total score)', async () => {
    const end = await runCli(decode, ['endcode', '46']);
    assert.equal(end.code, 0);
    assert.match(end.stdout, /^endcode = 46: Mutually agreed completion of treatment/);
    const phq = await runCli(decode, ['codedasstooltype', '720433000', '--format', 'json']);
    assert.equal(phq.code, 0);
    const j = JSON.parse(phq.stdout);
    assert.equal(j.meaning, 'PHQ-9 total score');
    assert.equal(j.system, 'snomed');
    assert.equal(j.codelist, 'coded_assessment_tool_type');
    assert.deepEqual(j.assessment && [j.assessment.min, j.assessment.max], [0, 27]);
  });

  it('gives the JSON keys of the contract', async () => {
    const r = await runCli(decode, ['EndCode', '46', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    for (const k of ['column', 'table', 'label', 'value', 'meaning', 'codelist', 'system', 'versions', 'status']) assert.ok(k in j, k);
    assert.deepEqual([j.column, j.table, j.value, j.meaning, j.versions, j.status], ['EndCode', 'IDS101', '46', 'Mutually agreed completion of treatment', ['2.0', '2.1'], 'valid']);
  });

  it('exits 1 for a value not in the code list, an unknown column and an uncoded column', async () => {
    const bad = await runCli(decode, ['EndCode', '99']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /EndCode = 99: not in code list end_code/);
    const badJson = JSON.parse((await runCli(decode, ['EndCode', '99', '--format', 'json'])).stdout);
    assert.equal(badJson.meaning, null);
    assert.equal(badJson.status, 'not-in-codelist');
    const unknown = await runCli(decode, ['NotAColumn', '1', '--format', 'json']);
    assert.equal(unknown.code, 1);
    assert.equal(JSON.parse(unknown.stdout).status, 'unknown-column');
  });

  it('prefers the field of --table and rejects an unknown table', async () => {
    const r = await runCli(decode, ['codedasstooltype', '720433000', '--table', 'IDS607', '--format', 'json']);
    assert.equal(JSON.parse(r.stdout).table, 'IDS607');
    const u = await runCli(decode, ['endcode', '46', '--table', 'nhsd.IAPT_demographics_and_referral_v0003', '--format', 'json']);
    assert.equal(JSON.parse(u.stdout).table, 'IDS101');
    assert.equal((await runCli(decode, ['EndCode', '46', '--table', 'IDS999'])).code, 2);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await runCli(decode, [])).code, 2);
    assert.equal((await runCli(decode, ['EndCode'])).code, 2);
    assert.equal((await runCli(decode, ['EndCode', '46', 'extra'])).code, 2);
    assert.equal((await runCli(decode, ['EndCode', '46', '--format', 'xml'])).code, 2);
    const bogus = await runCli(decode, ['EndCode', '46', '--bogus']);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /unknown option --bogus/);
  });

  describe('every code list, in both naming schemes', () => {
    // code lists defined by a pattern rather than a list of codes: a sample value each
    const PATTERN_SAMPLES: Record<string, string> = { language_code: 'en' };
    const byList = new Map<string, FieldEntry[]>();
    for (const t of dict.tables) for (const f of t.fields) if (f.codelist) byList.set(f.codelist, [...(byList.get(f.codelist) ?? []), f]);

    it('covers all 52 code lists', () => {
      assert.equal(dict.codelistIds().length, 52);
      assert.deepEqual(dict.codelistIds().filter((id) => !byList.has(id)), [], 'code lists used by no field');
    });

    for (const id of builtinDictionary().codelistIds()) {
      it(`decodes a valid code of ${id}`, async () => {
        const list = dict.codelist(id)!;
        // a field of this list and a code valid for it
        let pick: { field: FieldEntry; code: string } | undefined;
        const candidates = list.codes.size > 0 ? [...list.codes.keys()] : [PATTERN_SAMPLES[id]];
        assert.ok(candidates[0] !== undefined, `${id} has no codes and no sample value in this test`);
        for (const field of byList.get(id) ?? []) {
          for (const code of candidates) {
            const entry = list.codes.get(code);
            if (entry?.legacy) continue;
            const d = dict.decode(field.name, code, field.tableId);
            if (d.status === 'valid' || d.status === 'valid-no-meaning') { pick = { field, code }; break; }
          }
          if (pick) break;
        }
        assert.ok(pick, `no decodable code in ${id}`);
        const { field, code } = pick;
        const meaning = list.codes.get(code)?.meaning ?? null;
        for (const column of [field.name, field.ukllcName]) {
          const r = await runCli(decode, [column, code, '--table', field.tableId, '--format', 'json']);
          assert.equal(r.code, 0, `${column} ${code}: ${r.stdout}`);
          const j = JSON.parse(r.stdout);
          assert.equal(j.codelist, id);
          assert.equal(j.system, list.system);
          assert.equal(j.meaning, meaning);
          assert.equal(j.column, column);
          assert.ok(j.versions.length > 0);
          const text = await runCli(decode, [column, code, '--table', field.tableId]);
          assert.equal(text.code, 0);
          assert.ok(text.stdout.startsWith(`${column} = ${code}: ${meaning ?? 'valid code'}`), text.stdout);
          assert.ok(text.stdout.includes(`(${id}, `), text.stdout);
          const bad = await runCli(decode, [column, 'zz-not-a-code', '--table', field.tableId, '--format', 'json']);
          assert.equal(bad.code, 1);
          assert.deepEqual([JSON.parse(bad.stdout).status, JSON.parse(bad.stdout).codelist], ['not-in-codelist', id]);
        }
      });
    }
  });

  describe('scores with their assessment (--tool)', () => {
    // PHQ-9: 0-27, bands minimal 0-4, mild 5-9, moderate 10-14, moderately severe 15-19, severe 20-27, caseness >= 10
    // (Kroenke et al. 2001; NHS Talking Therapies manual). GAD-7: 0-21, caseness >= 8.
    it('a PersScore without --tool says it needs its assessment (exit 1), not "not a coded column"', async () => {
      const r = await runCli(decode, ['PersScore', '12']);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, 'PersScore = 12: a score needs its assessment to be read: give the row\'s CodedAssToolType with --tool, e.g. iapt decode PersScore 12 --tool PHQ-9 (or --tool 720433000)\n');
      assert.ok(!r.stdout.includes('not a coded column'));
    });

    it('PHQ-9 by name or SNOMED CT code: measure, range, band and caseness at the boundaries', async () => {
      for (const tool of ['PHQ-9', 'phq9', '720433000', 'Patient Health Questionnaire-9']) {
        const r = await runCli(decode, ['PersScore', '10', '--tool', tool]);
        assert.equal(r.code, 0, tool);
        assert.equal(r.stdout, [
          'PersScore = 10: PHQ-9 score, moderate (10-14)',
          '  measure: PHQ-9 (SNOMED CT 720433000), scores 0-27',
          '  severity band: moderate (10-14; confirmed; source in --format json)',
          '  caseness: at caseness (PHQ-9 >= 10; confirmed)',
          '',
        ].join('\n'), tool);
      }
      const nine = await runCli(decode, ['persscore', '9', '--tool', 'PHQ-9']);
      assert.match(nine.stdout, /^persscore = 9: PHQ-9 score, mild \(5-9\)\n/);
      assert.match(nine.stdout, /caseness: below caseness \(PHQ-9 >= 10/);
      const top = await runCli(decode, ['PersScore', '27', '--tool', 'PHQ-9']);
      assert.deepEqual([top.code, top.stdout.split('\n')[0]], [0, 'PersScore = 27: PHQ-9 score, severe (20-27)']);
    });

    it('GAD-7: caseness from 8', async () => {
      const seven = JSON.parse((await runCli(decode, ['PersScore', '7', '--tool', 'GAD-7', '--format', 'json'])).stdout);
      const eight = JSON.parse((await runCli(decode, ['PersScore', '8', '--tool', '445455005', '--format', 'json'])).stdout);
      assert.deepEqual([seven.measure.name, seven.range, seven.caseness.atCaseness, seven.status], ['GAD-7', { min: 0, max: 21 }, false, 'valid-score']);
      assert.deepEqual([eight.caseness.atCaseness, eight.caseness.threshold, eight.band.label], [true, 8, 'mild']);
    });

    it('out of range or not a number: exit 1 with the valid range', async () => {
      const high = await runCli(decode, ['PersScore', '28', '--tool', 'PHQ-9']);
      assert.deepEqual([high.code, high.stdout.split('\n')[0]], [1, 'PersScore = 28: out of range for PHQ-9: valid scores are 0-27']);
      const neg = await runCli(decode, ['PersScore', '-1', '--tool', 'GAD-7']);
      assert.equal(neg.code, 1);
      const text = await runCli(decode, ['PersScore', 'abc', '--tool', 'PHQ-9']);
      assert.deepEqual([text.code, text.stdout.split('\n')[0]], [1, 'PersScore = abc: not a number (a PHQ-9 score was expected)']);
    });

    it('a derived score column needs no --tool', async () => {
      const r = await runCli(decode, ['PHQ9_FirstScore', '15']);
      assert.deepEqual([r.code, r.stdout.split('\n')[0]], [0, 'PHQ9_FirstScore = 15: PHQ-9 score, moderately severe (15-19)']);
    });

    it('an unknown or ambiguous assessment, or --tool on a coded column, is a usage error', async () => {
      const unknown = await runCli(decode, ['PersScore', '12', '--tool', 'nope']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown assessment 'nope'/);
      const coded = await runCli(decode, ['EndCode', '46', '--tool', 'PHQ-9']);
      assert.equal(coded.code, 2);
      assert.match(coded.stderr, /--tool applies to score columns/);
    });
  });
});
