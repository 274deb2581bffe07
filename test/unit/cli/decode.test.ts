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
    assert.equal((await runCli(decode, ['PersScore', '12'])).code, 1);
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
});
