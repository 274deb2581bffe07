// The data-set version in the hover and in Describe Table: said only when it tells the user something.
import { strict as assert } from 'node:assert';
import { builtinDictionary } from '../../../src/core/dictionary';
import { describeCell, describeTableText, renderHoverMarkdown } from '../../../src/core/hover';
import { recogniseTable } from '../../../src/core/tables';

const dict = builtinDictionary();

function tableLine(header: string[]): string {
  const table = recogniseTable(header, dict)!;
  assert.ok(table, header.join(','));
  const md = renderHoverMarkdown(describeCell(dict, { table, header, row: null, column: 0 })!);
  return md.split('\n\n').pop()!;
}

describe('hover: data-set version line', () => {
  const base = ['ServiceRequestId', 'PathwayID', 'ReferralRequestReceivedDate', 'ServDischDate', 'EndCode'];

  it('a header that fits both versions says nothing about the version (no bare "unknown")', () => {
    const line = tableLine(base);
    assert.match(line, /^Table IDS101 /);
    assert.ok(!/version|unknown|v2\./.test(line), line);
  });

  it('a likely version is named', () => {
    assert.match(tableLine([...base, 'SourceOfReferralIAPT']), / · data set v2\.1$/);
    assert.match(tableLine([...base, 'SourceOfReferralMH']), / · data set v2\.0$/);
  });

  it('a header with columns of both versions names them (it tells the user the file mixes versions)', () => {
    const line = tableLine([...base, 'SourceOfReferralMH', 'SourceOfReferralIAPT']);
    assert.match(line, / · columns of data set v2\.0 \(SourceOfReferralMH\) and v2\.1 \(SourceOfReferralIAPT\)$/);
  });

  it('Describe Table tells a mixed header from a neutral one', () => {
    const mixedHeader = [...base, 'SourceOfReferralMH', 'SourceOfReferralIAPT'];
    const mixed = describeTableText(dict, { file: 'm.csv', table: recogniseTable(mixedHeader, dict)!, header: mixedHeader, rows: 0, problemCount: 0, delimiter: ',' });
    assert.match(mixed, /Data set version: columns of both: v2\.0 SourceOfReferralMH; v2\.1 SourceOfReferralIAPT/);
    const neutral = describeTableText(dict, { file: 'n.csv', table: recogniseTable(base, dict)!, header: base, rows: 0, problemCount: 0, delimiter: ',' });
    assert.match(neutral, /Data set version: unknown \(the header fits v2\.0 and v2\.1\)/);
  });
});
