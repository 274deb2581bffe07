import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { OutcomeInputError } from '../../../src/core/outcomes';
import { computeOutcomesFromPaths } from '../../../src/core/outcomes/discover';
import { commonFolder, describeExtract, groupExtracts, type ExtractFile } from '../../../src/core/tables';

const f = (p: string, tableId: string, layout: 'nhs' | 'ukllc' = 'nhs'): ExtractFile => ({ path: p.split('/').join(path.sep), tableId, layout });

describe('tables/extracts: extract boundaries', () => {
  it('one folder of one layout is one extract', () => {
    const g = groupExtracts([f('x/IDS101.csv', 'IDS101'), f('x/IDS201.csv', 'IDS201')]);
    assert.deepEqual(g.reasons, []);
    assert.equal(g.extracts.length, 1);
    assert.equal(g.extracts[0].folder, 'x');
    assert.equal(g.extracts[0].files.length, 2);
  });

  it('one extract spread over sub-folders (each table once) stays one, labelled with the common folder', () => {
    const g = groupExtracts([f('x/ref/IDS101.csv', 'IDS101'), f('x/contacts/IDS201.csv', 'IDS201'), f('x/contacts/more/IDS607.csv', 'IDS607')]);
    assert.deepEqual(g.reasons, []);
    assert.equal(g.extracts.length, 1);
    assert.equal(g.extracts[0].folder, 'x');
  });

  it('parts of one table in the same folder are one extract (monthly files)', () => {
    const g = groupExtracts([f('x/IDS101_jan.csv', 'IDS101'), f('x/IDS101_feb.csv', 'IDS101')]);
    assert.deepEqual(g.reasons, []);
    assert.equal(g.extracts.length, 1);
  });

  it('the same table in two folders means two extracts', () => {
    const g = groupExtracts([f('a/IDS101.csv', 'IDS101'), f('a/IDS201.csv', 'IDS201'), f('b/IDS101.csv', 'IDS101')]);
    assert.deepEqual(g.extracts.map((e) => [e.folder, e.files.length]), [['a', 2], ['b', 1]]);
    assert.deepEqual(g.reasons, [`the same table in several folders: IDS101 in a, b`]);
  });

  it('UK LLC table names are compared without case', () => {
    const g = groupExtracts([f('a/t.csv', 'IAPT_care_activities', 'ukllc'), f('b/t.csv', 'iapt_care_activities', 'ukllc')]);
    assert.equal(g.extracts.length, 2);
  });

  it('both layouts mean separate extracts, even in one folder', () => {
    const g = groupExtracts([f('x/IDS101.csv', 'IDS101'), f('x/IAPT_care_activities.csv', 'IAPT_care_activities', 'ukllc')]);
    assert.deepEqual(g.extracts.map((e) => [e.folder, e.layout]), [['x', 'nhs'], ['x', 'ukllc']]);
    assert.deepEqual(g.reasons, ['tables of both layouts (NHS IDS and UK LLC)']);
  });

  it('the sample folder: three extracts in two layouts', () => {
    const files = [
      ...['IDS101', 'IDS201'].map((t) => f(`sample/defects/${t}.csv`, t)),
      ...['IDS101', 'IDS201'].map((t) => f(`sample/nhs/${t}.csv`, t)),
      f('sample/ukllc/IAPT_care_activities.csv', 'IAPT_care_activities', 'ukllc'),
    ];
    const g = groupExtracts(files);
    assert.deepEqual(g.extracts.map((e) => e.folder), ['sample/defects', 'sample/nhs', 'sample/ukllc'].map((p) => p.split('/').join(path.sep)));
    assert.equal(g.reasons.length, 2);
    assert.equal(describeExtract(g.extracts[0]), `${path.join('sample', 'defects')} (NHS IDS, 2 table files: IDS101, IDS201)`);
  });

  it('no files: no extract', () => {
    assert.deepEqual(groupExtracts([]), { extracts: [], reasons: [] });
  });

  it('commonFolder stops at whole folder names', () => {
    const j = (p: string) => p.split('/').join(path.sep);
    assert.equal(commonFolder([j('data/ab'), j('data/abc')]), 'data');
    assert.equal(commonFolder([j('/x/y/z'), j('/x/y')]), j('/x/y'));
    assert.equal(commonFolder([j('/a'), j('/b')]), path.sep);
    assert.equal(commonFolder(['a', 'b']), '.');
  });

  it('the outcome engine used by the extension refuses several extracts and lists them', async () => {
    const fix = path.join(__dirname, '..', '..', 'fixtures', 'outcomes');
    await assert.rejects(computeOutcomesFromPaths([path.join(fix, 'nhs'), path.join(fix, 'ukllc')]), (err: unknown) => {
      assert.ok(err instanceof OutcomeInputError);
      const lines = err.message.split('\n');
      assert.equal(lines[0], 'the paths hold 2 separate extracts, which are never merged (tables of both layouts (NHS IDS and UK LLC)):');
      assert.ok(lines[1].startsWith(`  ${path.join(fix, 'nhs')} (NHS IDS, 6 table files:`), lines[1]);
      assert.ok(lines[2].startsWith(`  ${path.join(fix, 'ukllc')} (UK LLC, `), lines[2]);
      assert.equal(lines[3], "Choose one extract's folder.");
      return true;
    });
    const one = await computeOutcomesFromPaths([path.join(fix, 'nhs')]);
    assert.equal(one.result.pathways.length, 6);
  });
});
