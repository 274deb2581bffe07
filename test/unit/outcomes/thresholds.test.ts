import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyOverrides, builtinThresholds, parseThresholdsFile, thresholdsWith, ThresholdsError } from '../../../src/core/outcomes';

const raw = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'data', 'outcome-thresholds.json'), 'utf8'));

describe('outcome thresholds data', () => {
  const t = builtinThresholds();
  it('is versioned and every measure carries sources and a verification mark', () => {
    assert.match(t.version, /^\d+\.\d+\.\d+$/);
    for (const m of t.measures) {
      assert.ok(m.source.length > 0, m.id);
      assert.ok(['verified', 'unverified', 'not-found'].includes(m.verification.caseness));
    }
  });
  it('has the anxiety measures of the CSV contract', () => {
    assert.deepEqual(t.measures.filter((m) => m.role !== 'depression').map((m) => m.id),
      ['GAD-7', 'MI', 'SPIN', 'PDSS', 'OCI', 'PCL-5', 'HAI', 'BIQ', 'PHQ-15', 'IBS-SSS', 'CFQ']);
  });
  it('PHQ-9 ≥ 10 / 6, GAD-7 ≥ 8 / 4, MI strictly above 2.3 (verified); unverified ADSMs are marked so', () => {
    assert.deepEqual([t.depression.caseness, t.depression.reliableChange], [{ comparison: '>=', value: 10 }, 6]);
    assert.deepEqual([t.anxietyDefault.caseness, t.anxietyDefault.reliableChange], [{ comparison: '>=', value: 8 }, 4]);
    assert.deepEqual(t.measure('MI')!.caseness, { comparison: '>', value: 2.3 });
    assert.equal(t.measure('SPIN')!.verification.caseness, 'unverified');
    assert.equal(t.measure('BIQ')!.caseness, null);
  });
  it('pairs presenting complaints with ADSMs by ICD-10 prefix or exact SNOMED code', () => {
    const pairs = [['F400', 'MI'], ['F40.1', 'SPIN'], ['F410', 'PDSS'], ['F429', 'OCI'], ['F431', 'PCL-5'], ['F452', 'HAI'], ['83482000', 'BIQ'], ['723916001', 'PHQ-15'], ['K589', 'IBS-SSS']];
    for (const [code, id] of pairs) assert.equal(t.adsmForComplaint(code)?.id, id, code);
    for (const code of ['F32', 'F411', 'F412', 'F402', '834820001', '']) assert.equal(t.adsmForComplaint(code), undefined, code);
    assert.equal(t.measureForSnomed('720433000')?.id, 'PHQ-9');
    assert.equal(t.measureForAdsmLabel('socialphobia')?.id, 'SPIN');
  });
  it('rejects a bad file naming the JSON path', () => {
    const bad = structuredClone(raw);
    bad.measures[0].caseness.comparison = '=>';
    assert.throws(() => parseThresholdsFile(bad, 'x.json'), /x\.json: measures\.0\.caseness\.comparison/);
    const dup = structuredClone(raw);
    dup.measures[1].snomed = ['720433000'];
    assert.throws(() => parseThresholdsFile(dup, 'x.json'), /SNOMED 720433000 already belongs to PHQ-9/);
    const noSource = structuredClone(raw);
    noSource.measures[2].source = [];
    assert.throws(() => parseThresholdsFile(noSource), /measures\.2\.source/);
  });
  it('applies overrides and rejects unknown measures or bad values', () => {
    assert.equal(thresholdsWith({ SPIN: { reliableChange: 12 } }).measure('SPIN')!.reliableChange, 12);
    assert.equal(thresholdsWith({}), t);
    assert.throws(() => applyOverrides(t.file, { 'PHQ9': { reliableChange: 5 } }), ThresholdsError);
    assert.throws(() => applyOverrides(t.file, { 'PHQ-9': { reliableChange: -1 } }), /iapt\.outcomes\.thresholds: PHQ-9\.reliableChange/);
    assert.throws(() => applyOverrides(t.file, { 'PHQ-9': { casenes: 1 } }), ThresholdsError);
  });
});
