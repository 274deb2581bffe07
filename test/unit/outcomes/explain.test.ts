// explainPathwayScores (the engine's decision per score row, for the score chart) and the shared UK LLC extract rule.
import { strict as assert } from 'node:assert';
import { computePathwayOutcome, explainPathwayScores, latestExtractRows, parseScore } from '../../../src/core/outcomes';
import { builtinThresholds } from '../../../src/core/outcomes/thresholds';
import type { ScoreFact } from '../../../src/core/outcomes/types';
import { contact, finished } from './helpers';

const t = builtinThresholds();
const at = (line: number) => ({ file: 'scores.csv', line });

describe('explainPathwayScores', () => {
  const scores: ScoreFact[] = [
    { measure: 'PHQ-9', value: 18, raw: '18', contactId: 'c1', place: at(2) },
    { measure: 'PHQ-9', value: 18, raw: '18', contactId: 'c1', place: at(3) },
    { measure: 'PHQ-9', value: 7, raw: '7', contactId: 'c2', place: at(4) },
    { measure: 'PHQ-9', value: 9, raw: '9', contactId: 'c3', place: at(5) },
    { measure: 'PHQ-9', value: 5, raw: '5', date: '2024-05-01', place: at(6) },
    { measure: 'PHQ-9', value: 12.5, raw: '12.5', contactId: 'c2', place: at(7) },
    { measure: 'PHQ-9', value: 10, raw: '10', date: '2024-02-15', place: at(8) },
    { measure: 'GAD-7', value: 12, raw: '12', contactId: 'c1', place: at(9) },
    { measure: 'PHQ-9', value: 4, raw: '4', contactId: 'nope', place: at(10) },
    { measure: 'XYZ', value: 1, raw: '1', date: '2024-02-01', place: at(11) },
  ];
  const facts = finished({
    contacts: [contact('c1', '2024-01-10'), contact('c2', '2024-03-10'), contact('c3', '2024-02-01', '02', '3')],
    scores,
  });

  it('gives every score row its decision, reason and place', () => {
    const e = explainPathwayScores(facts, t);
    assert.deepEqual(e.scores.map((s) => [s.place?.line, s.decision, s.reason ?? '', s.rank ?? null]), [
      [2, 'first', '', 0],
      [3, 'not used', 'duplicate', null],
      [4, 'last', '', 2],
      [5, 'not used', 'contact not attended', null],
      [6, 'not used', 'after discharge', null],
      [7, 'not used', 'not an integer', null],
      [8, 'eligible', '', 1],
      [9, 'first', '', 0],
      [10, 'not used', 'unknown contact', null],
      [11, 'not used', 'unknown measure', null],
    ]);
    assert.equal(e.scores[1].duplicateOf, 0);
    assert.deepEqual([e.scores[6].date, e.scores[2].date], ['2024-02-15', '2024-03-10']);
  });

  it('is what the verdict uses', () => {
    const o = computePathwayOutcome(facts, t);
    assert.deepEqual([o.phq9First, o.phq9Last, o.anxietyFirst, o.anxietyLast], ['18', '7', '12', '']);
  });

  it('pairs on days: an IDS606 and an IDS607 score on one day are one occasion', () => {
    const f = finished({ scores: [{ measure: 'PHQ-9', value: 18, raw: '18', date: '2024-01-10' }, { measure: 'PHQ-9', value: 9, raw: '9', contactId: 'c1' }] });
    const s = explainPathwayScores(f, t).series.get('PHQ-9')!;
    assert.deepEqual([s.first.raw, s.paired], ['18', false]);
  });

  it('drops superseded UK LLC extract rows of the same financial year', () => {
    const f = finished({
      scores: [
        { measure: 'PHQ-9', value: 20, raw: '20', contactId: 'c1', extractStart: '2023-04-01', extractEnd: '2023-12-31' },
        { measure: 'PHQ-9', value: 16, raw: '16', contactId: 'c1', extractStart: '2023-04-01', extractEnd: '2024-03-31' },
        { measure: 'PHQ-9', value: 8, raw: '8', contactId: 'c2', extractStart: '2023-04-01', extractEnd: '2024-03-31' },
      ],
    });
    assert.deepEqual(explainPathwayScores(f, t).scores.map((s) => s.reason ?? s.decision), ['superseded extract', 'first', 'last']);
  });
});

describe('latestExtractRows (the UK LLC extract rule shared with the linked tables)', () => {
  it('keeps, per pathway and financial year, the latest extract; an undated row only when its pathway has no dated one', () => {
    const rows = [
      { pathwayId: 'P1', extractStart: '2023-04-01', extractEnd: '2023-09-30' },
      { pathwayId: 'P1', extractStart: '2023-04-01', extractEnd: '2023-12-31' },
      { pathwayId: 'P1', extractStart: '2024-04-01', extractEnd: '2024-09-30' },
      { pathwayId: 'P1', extractStart: '', extractEnd: '' },
      { pathwayId: 'P2', extractStart: '', extractEnd: 'not a date' },
      { pathwayId: 'P3', extractStart: '', extractEnd: '2024-03-31' },
      { pathwayId: 'P3', extractStart: '', extractEnd: '2024-04-30' },
    ];
    assert.deepEqual(latestExtractRows(rows, (r) => r).map((d) => (d.kept ? `kept ${d.end}` : d.reason)), [
      'superseded extract', 'kept 2023-12-31', 'kept 2024-09-30', 'no extract end date', 'kept ', 'kept 2024-03-31', 'kept 2024-04-30',
    ]);
  });
});

describe('parseScore', () => {
  const phq = t.measure('PHQ-9')!; const mi = t.measure('MI')!;
  it('accepts plain decimal numerals only, integers for integer measures, within range', () => {
    assert.deepEqual(['7', '07', '27', '0'].map((s) => parseScore(s, phq)), [{ value: 7 }, { value: 7 }, { value: 27 }, { value: 0 }]);
    assert.deepEqual(['0x7', '5e0', ' 7', '7 ', '+7', '', '7.', '.5', 'Infinity'].map((s) => 'problem' in parseScore(s, phq) ? parseScore(s, phq) : s),
      Array(9).fill({ problem: 'not numeric' }));
    assert.deepEqual(parseScore('12.5', phq), { problem: 'not an integer' });
    assert.deepEqual(parseScore('12.0', phq), { problem: 'not an integer' });
    assert.deepEqual([parseScore('28', phq), parseScore('-1', phq)], [{ problem: 'out of range' }, { problem: 'out of range' }]);
    assert.deepEqual([parseScore('2.35', mi), parseScore('5', mi), parseScore('0.9', mi)], [{ value: 2.35 }, { value: 5 }, { problem: 'out of range' }]);
  });
});
