import { strict as assert } from 'node:assert';
import { describeCell, renderHoverMarkdown } from '../../../src/core/hover';
import { dict, nhsTable, ukllcTable } from './fixtures';

const SCORE_HEADER = ['ServiceRequestId', 'CodedAssToolType', 'PersScore', 'AssToolCompDate', 'PathwayID'];
const PHQ9 = '720433000';
const GAD7 = '445455005';
const ids606 = nhsTable('IDS606', SCORE_HEADER);

function scoreCell(tool: string, score: string) {
  return describeCell(dict, { table: ids606, header: SCORE_HEADER, row: ['SR1', tool, score, '2024-01-02', 'P1'], column: 2 })!;
}

describe('hover: cell description', () => {
  describe('header cells', () => {
    it('describe the field of a recognised column', () => {
      const h = describeCell(dict, { table: nhsTable('IDS101', ['ServiceRequestId', 'EndCode']), header: ['ServiceRequestId', 'EndCode'], row: null, column: 1 })!;
      assert.equal(h.kind, 'header');
      assert.equal(h.field?.name, 'EndCode');
      assert.equal(h.field?.codelist?.id, 'end_code');
      assert.equal(h.table.name, dict.table('IDS101')!.name);
      const md = renderHoverMarkdown(h);
      assert.match(md, /Column \*\*EndCode\*\*/);
      assert.match(md, /code list end\\_code/);
    });

    it('show an unknown column as unknown, never guessed', () => {
      const header = ['ServiceRequestId', 'EndCodeX'];
      const h = describeCell(dict, { table: nhsTable('IDS101', header), header, row: null, column: 1 })!;
      assert.equal(h.field, null);
      assert.match(renderHoverMarkdown(h), /EndCodeX\*\*: not in the IAPT dictionary \(unknown column\)/);
    });

    it('give nothing for a column index outside the row and header', () => {
      assert.equal(describeCell(dict, { table: ids606, header: SCORE_HEADER, row: null, column: 9 }), undefined);
    });
  });

  describe('coded values', () => {
    const header = ['ServiceRequestId', 'EndCode', 'SourceOfReferralIAPT'];
    const table = nhsTable('IDS101', header);
    it('give the meaning, code list, system and versions', () => {
      const h = describeCell(dict, { table, header, row: ['SR1', '46', ''], column: 1 })!;
      assert.equal(h.code?.status, 'valid');
      assert.equal(h.code?.meaning, 'Mutually agreed completion of treatment');
      assert.equal(h.code?.codelist, 'end_code');
      assert.equal(h.code?.system, 'national');
      assert.deepEqual(h.code?.versions, ['2.0', '2.1']);
      const md = renderHoverMarkdown(h);
      assert.match(md, /\*\*46\*\* — Mutually agreed completion of treatment/);
      assert.match(md, /valid in v2\.0 and v2\.1/);
    });

    it('say "not in code list X" for an unknown code', () => {
      const h = describeCell(dict, { table, header, row: ['SR1', '999', ''], column: 1 })!;
      assert.equal(h.code?.status, 'not-in-codelist');
      assert.equal(h.code?.meaning, null);
      assert.match(renderHoverMarkdown(h), /\*\*999\*\* — \*\*not in code list end\\_code\*\*/);
    });

    it('show an empty cell as empty, not as an invalid code', () => {
      const h = describeCell(dict, { table, header, row: ['SR1', '', ''], column: 1 })!;
      assert.equal(h.code, undefined);
      assert.match(renderHoverMarkdown(h), /^\*Empty value\*/);
    });

    it('report a cell missing from a short (ragged) row', () => {
      const h = describeCell(dict, { table, header, row: ['SR1'], column: 2 })!;
      assert.equal(h.missingCell, true);
      assert.match(renderHoverMarkdown(h), /fewer cells than the header/);
    });

    it('decode an assessment tool type and give its score range', () => {
      const h = describeCell(dict, { table: ids606, header: SCORE_HEADER, row: ['SR1', PHQ9, '12'], column: 1 })!;
      assert.equal(h.code?.meaning, 'PHQ-9 total score');
      assert.deepEqual(h.code?.assessment, { name: 'PHQ-9 total score', min: 0, max: 27 });
    });
  });

  describe('scores', () => {
    it('take the measure from the same row\'s CodedAssToolType', () => {
      assert.equal(scoreCell(PHQ9, '16').score?.band?.label, 'moderately severe');
      assert.equal(scoreCell(GAD7, '16').score?.band?.label, 'severe');
      assert.equal(scoreCell(PHQ9, '16').score?.measure?.name, 'PHQ-9');
      assert.equal(scoreCell(GAD7, '16').score?.measure?.from, 'tool-column');
    });

    it('give band and caseness at the PHQ-9 caseness edge', () => {
      const below = scoreCell(PHQ9, '9').score!;
      const at = scoreCell(PHQ9, '10').score!;
      assert.deepEqual([below.band?.label, below.caseness?.atCaseness], ['mild', false]);
      assert.deepEqual([at.band?.label, at.caseness?.atCaseness], ['moderate', true]);
      assert.match(renderHoverMarkdown(scoreCell(PHQ9, '10')), /PHQ\\-9 score — \*\*moderate\*\* \(10–14\)\n\nAt caseness \(PHQ\\-9 ≥ 10\)/);
      assert.match(renderHoverMarkdown(scoreCell(PHQ9, '9')), /Below caseness \(PHQ\\-9 caseness is ≥ 10\)/);
    });

    it('give caseness at the GAD-7 edge (8)', () => {
      assert.equal(scoreCell(GAD7, '7').score?.caseness?.atCaseness, false);
      assert.equal(scoreCell(GAD7, '8').score?.caseness?.atCaseness, true);
      assert.equal(scoreCell(GAD7, '8').score?.band?.label, 'mild');
    });

    it('say so when a score is out of range, with no band or caseness', () => {
      for (const [tool, value] of [[PHQ9, '28'], [PHQ9, '-1'], [GAD7, '22']]) {
        const s = scoreCell(tool, value).score!;
        assert.equal(s.inRange, false, value);
        assert.equal(s.band, undefined);
        assert.equal(s.caseness, undefined);
      }
      assert.match(renderHoverMarkdown(scoreCell(GAD7, '22')), /\*\*out of range\*\* for GAD\\-7: valid scores are 0–21/);
    });

    it('say so when a score is not a number', () => {
      const h = scoreCell(PHQ9, 'N/A');
      assert.equal(h.score?.score, null);
      assert.match(renderHoverMarkdown(h), /not a number \(a PHQ\\-9 score was expected\)/);
    });

    it('give range but no band for a measure without bands (WSAS work item)', () => {
      const s = scoreCell('932621000000100', '9').score!;
      assert.equal(s.measure?.name, 'WSAS item 1 - work');
      assert.deepEqual(s.range, { min: 0, max: 9 });
      assert.equal(s.inRange, true);
      assert.equal(s.band, undefined);
      assert.equal(s.caseness, undefined);
    });

    it('accept the answer codes of measures answered with codes (PEQ 99 and NA, Y/N) and reject others', () => {
      const peq = '747901000000107';
      assert.deepEqual([scoreCell(peq, '3').score?.inRange, scoreCell(peq, '3').score?.answer?.accepted], [true, true]);
      for (const code of ['99', 'NA']) {
        const s = scoreCell(peq, code).score!;
        assert.deepEqual([s.answer?.accepted, s.inRange], [true, null], code);
        assert.match(renderHoverMarkdown(scoreCell(peq, code)), /accepted answer code for/);
      }
      const five = scoreCell(peq, '5');
      assert.equal(five.score?.answer?.accepted, false);
      assert.match(renderHoverMarkdown(five), /\*\*not an accepted answer\*\* for .*\(accepted: 0, 1, 2, 3, 4, 99, NA\)/);
      const yn = '747861000000100';
      assert.equal(scoreCell(yn, 'Y').score?.answer?.accepted, true);
      assert.doesNotMatch(renderHoverMarkdown(scoreCell(yn, 'Y')), /not a number/);
      assert.equal(scoreCell(yn, 'X').score?.answer?.accepted, false);
    });

    it('never guess the measure when the tool code is unknown or empty', () => {
      const unknown = scoreCell('12345678', '12').score!;
      assert.equal(unknown.measure, null);
      assert.equal(unknown.band, undefined);
      assert.match(unknown.reason!, /12345678 is not a known coded assessment/);
      assert.match(scoreCell('', '12').score!.reason!, /CodedAssToolType is empty in this row/);
    });

    it('say the measure is not known when the table has no tool column', () => {
      const header = ['PathwayID', 'PersScore'];
      const h = describeCell(dict, { table: nhsTable('IDS606', header), header, row: ['P1', '12'], column: 1 })!;
      assert.equal(h.score?.measure, null);
      assert.match(h.score!.reason!, /no CodedAssToolType column/);
    });

    it('band derived first/last score fields by their name', () => {
      const header = ['ServiceRequestId', 'PHQ9_FirstScore', 'GAD_LastScore'];
      const table = nhsTable('IDS101', header);
      const phq = describeCell(dict, { table, header, row: ['SR1', '20', '3'], column: 1 })!.score!;
      assert.deepEqual([phq.measure?.name, phq.measure?.from, phq.band?.label, phq.caseness?.atCaseness], ['PHQ-9', 'derived-field', 'severe', true]);
      const gad = describeCell(dict, { table, header, row: ['SR1', '20', '3'], column: 2 })!.score!;
      assert.deepEqual([gad.measure?.name, gad.band?.label, gad.caseness?.atCaseness], ['GAD-7', 'minimal', false]);
    });
  });

  describe('UK LLC names', () => {
    it('band persscore from codedasstooltype in IAPT_coded_scored_assessments', () => {
      const header = ['cohortkey_e', 'pathwayid', 'codedasstooltype', 'persscore', 'extract_start_date'];
      const table = ukllcTable('IAPT_coded_scored_assessments', header);
      const h = describeCell(dict, { table, header, row: ['C1', 'P1', GAD7, '15', '2023-04-01'], column: 3 })!;
      assert.equal(h.score?.measure?.name, 'GAD-7');
      assert.equal(h.score?.measure?.toolColumn, 'codedasstooltype');
      assert.equal(h.score?.band?.label, 'severe');
      assert.match(renderHoverMarkdown(h), /Table IAPT\\_coded\\_scored\\_assessments \(UK LLC, from IDS606, IDS607\)/);
    });

    it('decode lower-case coded columns and describe the participant key', () => {
      const header = ['cohortkey_e', 'pathwayid', 'endcode'];
      const table = ukllcTable('IAPT_demographics_and_referral', header);
      const h = describeCell(dict, { table, header, row: ['C1', 'P1', '46'], column: 2 })!;
      assert.equal(h.code?.meaning, 'Mutually agreed completion of treatment');
      const key = describeCell(dict, { table, header, row: null, column: 0 })!;
      assert.equal(key.field?.name, 'cohortkey_e');
    });
  });
});

describe('hover: column names across the two naming schemes', () => {
  it('shows the UK LLC name as written with the NHS name beside it', () => {
    const header = ['cohortkey_e', 'pathwayid', 'endcode'];
    const table = ukllcTable('IAPT_demographics_and_referral', header);
    const md = renderHoverMarkdown(describeCell(dict, { table, header, row: null, column: 2 })!);
    assert.match(md, /Column \*\*endcode\*\* \(NHS name EndCode\)/);
    const key = renderHoverMarkdown(describeCell(dict, { table, header, row: null, column: 0 })!);
    assert.match(key, /Column \*\*cohortkey\\_e\*\* — .*participant/);
    assert.match(key, /UK LLC column/);
  });
});

describe('hover: code validity against the file\'s likely version', () => {
  const header = ['ServiceRequestId', 'GenderIdentity'];
  it('flags a code valid only in v2.1 when the file looks like v2.0', () => {
    const md = renderHoverMarkdown(describeCell(dict, { table: nhsTable('IDS001', header, '2.0'), header, row: ['SR1', '3'], column: 1 })!);
    assert.match(md, /valid in v2\.1 · \*\*not valid in v2\.0\*\*, the version this file looks like/);
  });
  it('does not flag it in a v2.1 file or when the version is unknown', () => {
    for (const version of ['2.1', 'unknown'] as const) {
      const md = renderHoverMarkdown(describeCell(dict, { table: nhsTable('IDS001', header, version), header, row: ['SR1', '3'], column: 1 })!);
      assert.doesNotMatch(md, /not valid in/);
    }
  });
});

describe('hover: presenting complaint groupings', () => {
  it('shows the NHS England group a specific ICD-10 code falls under', () => {
    const header = ['ServiceRequestId', 'PresComp', 'PresCompCodSig', 'FindSchemeInUse'];
    const h = describeCell(dict, { table: nhsTable('IDS603', header), header, row: ['SR1', 'F32.1', '1', '01'], column: 1 })!;
    assert.equal(h.code?.matched, 'F32*');
    const md = renderHoverMarkdown(h);
    assert.match(md, /Depression/);
    assert.match(md, /Grouped as F32\\\*/);
  });
});
