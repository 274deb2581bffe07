import { strict as assert } from 'node:assert';
import { builtinDictionary, builtinDictionaryFile, dictionaryWithOverlays, normaliseColumnName } from '../../../src/core/dictionary';

describe('dictionary: built-in data', () => {
  const dict = builtinDictionary();

  it('validates and holds the 21 tables, 527 fields, 52 code lists and 35 assessments of the reference', () => {
    const file = builtinDictionaryFile();
    assert.equal(file.tables.length, 21);
    assert.equal(file.tables.reduce((n, t) => n + t.fields.length, 0), 527);
    assert.equal(Object.keys(file.codelists).length, 52);
    assert.equal(file.assessments.length, 35);
    assert.equal(dict.ukllcTables.length, 9);
  });

  it('keeps a source on every table, field, code list and assessment', () => {
    for (const t of dict.tables) {
      assert.ok(t.source.length > 0, t.id);
      for (const f of t.fields) assert.ok(f.source.length > 0, `${t.id}.${f.name}`);
    }
    for (const id of dict.codelistIds()) assert.ok(dict.codelist(id)!.source.length > 0, id);
    for (const a of dict.assessments()) assert.ok(a.source.length > 0, a.snomed);
  });

  it('maps every UK LLC themed table to the NHS tables merged into it', () => {
    assert.deepEqual(dict.ukllcTable('IAPT_coded_scored_assessments')!.nhsTables, ['IDS606', 'IDS607']);
    assert.deepEqual(dict.ukllcTable('nhsd.IAPT_care_activities_v0003')!.nhsTables, ['IDS201', 'IDS202', 'IDS902']);
    assert.ok(dict.ukllcTable('IAPT_demographics_and_referral')!.nhsTables.includes('IDS101'));
    assert.ok(dict.ukllcTable('IAPT_demographics_and_referral')!.extraColumns.includes('cohortkey_e'));
  });
});

describe('dictionary: column names across naming schemes', () => {
  const dict = builtinDictionary();

  it('normalises case, spaces, BOM and quotes', () => {
    assert.equal(normaliseColumnName(' PathwayID '), 'pathwayid');
    assert.equal(normaliseColumnName('\uFEFF"EndCode"'), 'endcode');
  });

  it('finds NHS technical names and UK LLC lower-case names alike', () => {
    for (const [nhs, ukllc] of [['EndCode', 'endcode'], ['CodedAssToolType', 'codedasstooltype'], ['PathwayID', 'pathwayid'], ['CodeProcAndProcStatus', 'codeprocandprocstatus']]) {
      const a = dict.field(nhs);
      const b = dict.field(ukllc);
      assert.ok(a, nhs);
      assert.equal(a, b, `${nhs} and ${ukllc} resolve to the same field`);
    }
  });

  it('keeps the UK LLC names the Guidebook confirms apart from those inferred by lower-casing', () => {
    assert.equal(dict.field('pathwayid')!.ukllcNameStatus, 'confirmed');
    assert.equal(dict.field('codedasstooltype')!.ukllcNameStatus, 'confirmed');
    assert.equal(dict.field('endcode')!.ukllcNameStatus, 'inferred');
  });

  it('resolves the UK LLC-only columns and their aliases', () => {
    assert.equal(dict.field('cohortkey_e')!.type, 'id');
    assert.equal(dict.field('extract_end_date')!.type, 'date');
    assert.equal(dict.field('ExtractEndDate'), dict.field('extract_end_date'));
    assert.equal(dict.field('religion_socpercircumstance')!.codelist, 'social_personal_circumstance_snomed');
  });

  it('prefers the field of the given table (NHS id or UK LLC table) for names shared by several tables', () => {
    assert.equal(dict.field('PersScore', 'IDS607')!.tableId, 'IDS607');
    assert.equal(dict.field('PersScore', 'IDS606')!.tableId, 'IDS606');
    assert.equal(dict.field('careactid', 'IAPT_care_activities')!.tableId, 'IDS202');
    assert.ok(dict.fields('ServiceRequestId').length > 5);
  });

  it('returns nothing for unknown columns', () => {
    assert.equal(dict.field('definitely_not_a_column'), undefined);
    assert.deepEqual(dict.fields(''), []);
  });
});

describe('dictionary: decode', () => {
  const dict = builtinDictionary();

  it('decodes national codes with code list, system and versions', () => {
    const d = dict.decode('EndCode', '46');
    assert.equal(d.meaning, 'Mutually agreed completion of treatment');
    assert.equal(d.codelist, 'end_code');
    assert.equal(d.system, 'national');
    assert.deepEqual(d.versions, ['2.0', '2.1']);
    assert.equal(d.status, 'valid');
    assert.equal(d.table, 'IDS101');
  });

  it('decodes SNOMED CT assessment tool types under the UK LLC name', () => {
    const d = dict.decode('codedasstooltype', '720433000');
    assert.equal(d.meaning, 'PHQ-9 total score');
    assert.equal(d.system, 'snomed');
  });

  it('limits validity to the versions the field exists in', () => {
    const mh = dict.decode('ConsMediumUsed', '01');
    const mech = dict.decode('ConsMechanism', '01');
    assert.ok(mh.versions.every((v) => v === '2.0'), JSON.stringify(mh));
    assert.ok(mech.versions.every((v) => v === '2.1'), JSON.stringify(mech));
  });

  it('reports values not in the code list without guessing, with spreadsheet-damage notes', () => {
    const stripped = dict.decode('AppType', '2');
    assert.equal(stripped.status, 'not-in-codelist');
    assert.equal(stripped.meaning, null);
    assert.match(stripped.note!, /leading zero/);
    const sci = dict.decode('CodedAssToolType', '7.20433E+08');
    assert.equal(sci.meaning, null);
    assert.match(sci.note!, /scientific notation/);
    assert.equal(dict.decode('EndCode', '99').status, 'not-in-codelist');
  });

  it('marks legacy v1.5 codes as not valid in v2.x but says what they meant', () => {
    const d = dict.decode('EndCode', '42');
    assert.equal(d.status, 'not-in-codelist');
    assert.equal(d.meaning, 'Ended Completed');
    assert.match(d.note!, /v1\.5/);
  });

  it('accepts derived values in derived fields only', () => {
    assert.equal(dict.decode('EthnicCategory', '-1').status, 'not-in-codelist');
    assert.equal(dict.decode('Validated_EthnicCategory', '-1').status, 'valid');
  });

  it('accepts valid values that have no published meaning, and pattern lists', () => {
    assert.equal(dict.decode('OnwardReferReason', '01').status, 'valid-no-meaning');
    assert.equal(dict.decode('LanguageCodePreferred', 'en').status, 'valid-no-meaning');
    assert.equal(dict.decode('LanguageCodeTreat', 'q3').status, 'valid-no-meaning');
    assert.equal(dict.decode('LanguageCodePreferred', 'English').status, 'not-in-codelist');
  });

  it('matches presenting complaints to NHS England groupings by prefix, longest prefix first', () => {
    const f321 = dict.decode('PresComp', 'F321');
    assert.equal(f321.status, 'valid');
    assert.equal(f321.matched, 'F32*');
    assert.match(f321.meaning!, /Depression/);
    assert.equal(dict.decode('PresComp', 'F32.1').matched, 'F32*', 'dotted ICD-10 codes are cleaned');
    assert.equal(dict.decode('PresComp', 'F420').matched, 'F42*', 'F42* wins over the "other F40-F43" group listed later');
    assert.equal(dict.decode('PresComp', 'F438').matched, 'F40*/F41*/F42*/F43* (other)');
    assert.equal(dict.decode('PresComp', 'F431').matched, undefined, 'an exact code is not a group match');
    assert.equal(dict.decode('PresComp', 'F431').meaning, 'Post-traumatic stress disorder');
  });

  it('accepts other ICD-10 codes and SNOMED CT concepts as presenting complaints without inventing a meaning', () => {
    const z = dict.decode('PresComp', 'Z730');
    assert.equal(z.status, 'valid-no-meaning');
    assert.equal(z.meaning, null);
    assert.match(z.note!, /other recorded problems/);
    assert.equal(dict.decode('PresComp', 'depression').status, 'not-in-codelist');
  });

  it('says unknown column and not coded apart', () => {
    assert.equal(dict.decode('no_such_column', '1').status, 'unknown-column');
    assert.equal(dict.decode('PathwayID', 'P1').status, 'not-coded');
  });

  it('decodes at least one code of every one of the 52 code lists, in both naming schemes', () => {
    let lists = 0;
    for (const id of dict.codelistIds()) {
      const list = dict.codelist(id)!;
      const field = dict.tables.flatMap((t) => t.fields).find((f) => f.codelist === id) ?? dict.ukllcColumns.find((f) => f.codelist === id);
      const code = [...list.codes.values()].find((c) => !c.legacy && c.versions.length > 0) ?? [...list.codes.values()].find((c) => !c.legacy);
      if (!field || !code) continue; // lists only used by pattern (language) or not referenced by a field
      lists++;
      for (const name of [field.name, field.ukllcName]) {
        const d = dict.decode(name, code.code, field.tableId);
        assert.equal(d.codelist, id, `${name}=${code.code}`);
        assert.equal(d.meaning, code.meaning, `${name}=${code.code}`);
      }
    }
    assert.ok(lists >= 45, `decoded ${lists} code lists`);
  });
});

describe('dictionary: user overlays', () => {
  const overlay = (o: unknown) => JSON.stringify({ schema_version: 1, ...(o as object) });

  it('adds codes to a built-in list and keeps the rest', () => {
    const { dictionary, errors } = dictionaryWithOverlays([{ file: 'mine.json', text: overlay({ codelists: { end_code: { source: ['local agreement'], codes: [{ code: '77', meaning: 'Local pilot discharge', versions: ['2.1'] }] } } }) }]);
    assert.deepEqual(errors, []);
    assert.equal(dictionary.decode('EndCode', '77').meaning, 'Local pilot discharge');
    assert.equal(dictionary.decode('EndCode', '46').meaning, 'Mutually agreed completion of treatment');
    assert.equal(builtinDictionary().decode('EndCode', '77').status, 'not-in-codelist', 'built-in dictionary unchanged');
  });

  it('adds a local column to a table', () => {
    const field = { name: 'LocalFlag', ukllc_name: 'localflag', ukllc_name_status: 'inferred', label: 'Local flag', type: 'code', codelist: 'yes_no', range: null, mandatory: null, versions: ['2.1'], origin: 'derived', source: ['local'] };
    const { dictionary, errors } = dictionaryWithOverlays([{ file: 'mine.json', text: overlay({ tables: [{ id: 'IDS101', source: ['local'], fields: [field] }] }) }]);
    assert.deepEqual(errors, []);
    assert.equal(dictionary.field('localflag')!.tableId, 'IDS101');
    assert.equal(dictionary.decode('LocalFlag', 'Y').codelist, 'yes_no');
  });

  it('names the file, line and column of broken JSON and keeps the built-in dictionary', () => {
    const { dictionary, errors } = dictionaryWithOverlays([{ file: '/home/me/bad.json', text: '{\n  "schema_version": 1,\n  "codelists": {,}\n}' }]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, '/home/me/bad.json');
    assert.equal(errors[0].line, 3);
    assert.match(errors[0].message, /bad\.json:3:\d+: not valid JSON/);
    assert.equal(dictionary.decode('EndCode', '46').status, 'valid');
  });

  it('names the JSON path of a schema error', () => {
    const { errors } = dictionaryWithOverlays([{ file: 'x.json', text: overlay({ codelists: { end_code: { source: ['s'], codes: [{ code: '', meaning: 'x', versions: ['3.0'] }] } } }) }]);
    assert.ok(errors.length >= 1);
    assert.ok(errors.some((e) => e.path.startsWith('$.codelists.end_code.codes[0]')), JSON.stringify(errors));
    assert.ok(errors.every((e) => e.message.startsWith('x.json: $.')));
  });

  it('rejects a field that refers to a code list that does not exist, and applies the good files', () => {
    const field = { name: 'X1', ukllc_name: 'x1', ukllc_name_status: 'inferred', label: 'X', type: 'code', codelist: 'nope', range: null, mandatory: null, versions: ['2.1'], origin: 'derived', source: ['s'] };
    const good = overlay({ codelists: { end_code: { source: ['s'], codes: [{ code: '78', meaning: 'Good', versions: ['2.1'] }] } } });
    const { dictionary, errors } = dictionaryWithOverlays([
      { file: 'bad.json', text: overlay({ tables: [{ id: 'IDS101', source: ['s'], fields: [field] }] }) },
      { file: 'good.json', text: good },
    ]);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /bad\.json: .*code list 'nope'/);
    assert.equal(dictionary.decode('EndCode', '78').meaning, 'Good');
    assert.equal(dictionary.field('X1'), undefined);
  });

  it('rejects unknown top-level keys (typos) with a clear message', () => {
    const { errors } = dictionaryWithOverlays([{ file: 'typo.json', text: overlay({ codelist: {} }) }]);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /typo\.json: \$/);
  });
});
