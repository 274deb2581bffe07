import { strict as assert } from 'node:assert';
import { atCaseness, bandFor, builtinSeverityBands, parseSeverityBands } from '../../../src/core/hover';
import { dict } from './fixtures';

describe('hover: severity bands data', () => {
  const bands = builtinSeverityBands();
  const phq9 = bands.forTool('720433000')!;
  const gad7 = bands.forTool('445455005')!;

  it('loads PHQ-9 and GAD-7 by SNOMED code and by derived field name', () => {
    assert.equal(phq9.name, 'PHQ-9');
    assert.equal(gad7.name, 'GAD-7');
    assert.equal(bands.forDerivedField('phq9_firstscore'), phq9);
    assert.equal(bands.forDerivedField('GAD_LastScore'), gad7);
    assert.equal(bands.forTool('932621000000100'), undefined);
  });

  it('agrees with the dictionary on each measure range', () => {
    for (const m of bands.measures) {
      for (const code of m.snomed) {
        const a = dict.assessment(code)!;
        assert.ok(a, code);
        assert.equal(a.min, m.min, m.name);
        assert.equal(a.max, m.max, m.name);
      }
    }
  });

  const phqEdges: [number, string][] = [[0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'moderately severe'], [19, 'moderately severe'], [20, 'severe'], [27, 'severe']];
  for (const [score, label] of phqEdges) {
    it(`PHQ-9 ${score} is ${label}`, () => assert.equal(bandFor(phq9, score)?.label, label));
  }
  const gadEdges: [number, string][] = [[0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'severe'], [21, 'severe']];
  for (const [score, label] of gadEdges) {
    it(`GAD-7 ${score} is ${label}`, () => assert.equal(bandFor(gad7, score)?.label, label));
  }

  it('has no band outside the range', () => {
    assert.equal(bandFor(phq9, -1), undefined);
    assert.equal(bandFor(phq9, 28), undefined);
    assert.equal(bandFor(gad7, 22), undefined);
  });

  it('puts caseness at PHQ-9 >= 10 and GAD-7 >= 8', () => {
    assert.equal(atCaseness(phq9, 9), false);
    assert.equal(atCaseness(phq9, 10), true);
    assert.equal(atCaseness(gad7, 7), false);
    assert.equal(atCaseness(gad7, 8), true);
  });

  it('carries a source and status for every band set and threshold', () => {
    for (const m of bands.measures) {
      assert.ok(m.bandsSource.length > 0 && m.bandsSource.every((s) => s.startsWith('https://')), m.name);
      assert.ok(m.caseness && m.caseness.source.length > 0, m.name);
    }
  });

  const base = { name: 'X', snomed: ['123456'], derivedFields: [], min: 0, max: 9, bandsStatus: 'confirmed', bandsSource: ['https://example.org'], caseness: null };
  it('rejects bands with a gap, naming the JSON path', () => {
    const json = { version: 1, measures: [{ ...base, bands: [{ min: 0, max: 3, label: 'a' }, { min: 5, max: 9, label: 'b' }] }] };
    assert.throws(() => parseSeverityBands(json), /measures\.0\.bands\.1: band b starts at 5, expected 4/);
  });

  it('rejects overlapping bands and bands that stop short of the maximum', () => {
    const overlap = { version: 1, measures: [{ ...base, bands: [{ min: 0, max: 5, label: 'a' }, { min: 5, max: 9, label: 'b' }] }] };
    assert.throws(() => parseSeverityBands(overlap), /gap or overlap/);
    const short = { version: 1, measures: [{ ...base, bands: [{ min: 0, max: 8, label: 'a' }] }] };
    assert.throws(() => parseSeverityBands(short), /bands end at 8, measure max is 9/);
  });

  it('rejects a measure without a source', () => {
    const json = { version: 1, measures: [{ ...base, bandsSource: [], bands: [{ min: 0, max: 9, label: 'a' }] }] };
    assert.throws(() => parseSeverityBands(json), /measures\.0\.bandsSource/);
  });
});
