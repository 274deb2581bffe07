import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cellAtOffset, parseCsvText, recordIndexAtOffset, MAX_STORED_PROBLEMS } from '../../../src/core/csv';

const FIX = path.join(__dirname, '../../fixtures/csv');
const read = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');
const kinds = (p: { problems: { kind: string }[] }) => p.problems.map((x) => x.kind);

describe('csv/parseCsvText', () => {
  it('reads quoted delimiters, quoted newlines and doubled quotes with their start lines', () => {
    const p = parseCsvText(read('quoted-newlines.csv'), { file: 'quoted-newlines.csv' });
    assert.equal(p.delimiter, ',');
    assert.deepEqual(p.header, ['PathwayID', 'EndCode', 'Note']);
    assert.deepEqual(p.records.map((r) => r.fields), [
      ['P1', '46', 'line one\nline two'],
      ['P2', '4,6', 'say "hi"'],
    ]);
    assert.deepEqual(p.records.map((r) => [r.index, r.line]), [[0, 2], [1, 4]]);
    assert.deepEqual(p.problems, []);
  });

  it('strips a UTF-8 BOM and handles CRLF; offsets count the BOM, columns do not', () => {
    const text = read('bom-crlf.csv');
    assert.equal(text.charCodeAt(0), 0xfeff);
    const p = parseCsvText(text);
    assert.deepEqual(p.header, ['PathwayID', 'EndCode']);
    assert.deepEqual(p.records.map((r) => r.fields), [['P1', '46'], ['P2', '10']]);
    assert.deepEqual(p.records.map((r) => r.line), [2, 3]);
    assert.equal(p.headerRow?.fieldOffsets?.[0], 1);
    assert.equal(text.slice(p.records[1].fieldOffsets![1], p.records[1].endOffset), '10');
  });

  it('handles CR-only line endings', () => {
    const p = parseCsvText(read('cr-only.csv'));
    assert.deepEqual(p.records.map((r) => [r.line, ...r.fields]), [[2, '1', '2'], [3, '3', '4']]);
  });

  it('detects tab, pipe and semicolon files', () => {
    assert.equal(parseCsvText(read('tab.tsv')).delimiter, '\t');
    assert.deepEqual(parseCsvText(read('tab.tsv')).records[1].fields, ['P2', '10', 'x\ty']);
    assert.equal(parseCsvText(read('pipe.txt')).delimiter, '|');
    const semi = parseCsvText(read('semicolon.csv'));
    assert.equal(semi.delimiter, ';');
    assert.deepEqual(semi.records[0].fields, ['P1', '46', '1,5']);
  });

  it('reports ragged rows with line and column and still yields them', () => {
    const p = parseCsvText(read('ragged.csv'), { file: 'ragged.csv' });
    assert.equal(p.records.length, 4);
    assert.deepEqual(p.records[1].fields, ['4', '5']);
    assert.deepEqual(p.records[2].fields, ['6', '7', '8', '9']);
    assert.deepEqual(p.problems.map((x) => [x.file, x.kind, x.line, x.column, x.field]), [
      ['ragged.csv', 'ragged-row', 3, 4, 3], // end of "4,5"; field 3 is missing
      ['ragged.csv', 'ragged-row', 4, 7, 4], // the extra field "9"
    ]);
  });

  it('reports an unclosed quote and keeps reading the following rows', () => {
    const p = parseCsvText(read('unclosed-quote.csv'));
    assert.deepEqual(p.records.map((r) => r.fields), [['1', '2'], ['3', '"never closed'], ['5', '6']]);
    assert.deepEqual(p.problems.map((x) => [x.kind, x.line, x.column, x.field]), [['unclosed-quote', 3, 3, 2]]);
  });

  it('reports stray quotes and text after a closing quote, keeping the text', () => {
    const p = parseCsvText('a,b\nab"c,"x"y\n');
    assert.deepEqual(p.records[0].fields, ['ab"c', 'xy']);
    assert.deepEqual(p.problems.map((x) => [x.kind, x.line, x.column]), [['stray-quote', 2, 3], ['text-after-quote', 2, 9]]);
  });

  it('reports binary content (NUL bytes) with position and does not crash', () => {
    const p = parseCsvText(read('binary.csv'));
    assert.equal(p.records.length, 2);
    assert.deepEqual(p.problems.filter((x) => x.kind === 'binary').map((x) => [x.line, x.column]), [[2, 3], [3, 5]]);
  });

  it('reports an empty file and a file of blank lines', () => {
    for (const text of ['', '\n\r\n']) {
      const p = parseCsvText(text);
      assert.deepEqual(p.header, []);
      assert.deepEqual(p.records, []);
      assert.deepEqual(kinds(p), ['empty-file']);
    }
  });

  it('reports a missing header (first row is data), empty and duplicate column names', () => {
    assert.deepEqual(kinds(parseCsvText('1,2020-01-02,3\n4,5,6\n')), ['missing-header']);
    const p = parseCsvText('a,,A\n1,2,3\n');
    assert.deepEqual(p.problems.map((x) => [x.kind, x.column]), [['empty-column-name', 3], ['duplicate-column', 4]]);
  });

  it('skips blank lines but keeps line numbers right', () => {
    const p = parseCsvText('a\n\n1\n\n\n2');
    assert.deepEqual(p.records.map((r) => [r.line, r.fields[0]]), [[3, '1'], [6, '2']]);
    assert.deepEqual(p.problems, []);
  });

  it('keeps a trailing empty field and a row of empty fields', () => {
    const p = parseCsvText('a,b\n1,\n,\n');
    assert.deepEqual(p.records.map((r) => r.fields), [['1', ''], ['', '']]);
  });

  it('hints at an unclosed quote when a ragged record spans several lines', () => {
    const p = parseCsvText('a,b,c,d\n1,"x,2,3\n4,5,6\n7,8",9\n');
    assert.equal(p.records.length, 1);
    assert.match(p.problems[0].message, /spans lines 2-4/);
  });

  it('caps stored problems but counts them all', () => {
    const rows = Array.from({ length: MAX_STORED_PROBLEMS + 50 }, () => '1').join('\n');
    const p = parseCsvText(`a,b\n${rows}\n`);
    assert.equal(p.records.length, MAX_STORED_PROBLEMS + 50);
    assert.equal(p.problemCount, MAX_STORED_PROBLEMS + 50);
    assert.equal(p.problems.length, MAX_STORED_PROBLEMS + 1);
    assert.equal(p.problems[MAX_STORED_PROBLEMS].kind, 'too-many-problems');
  });

  it('uses a forced delimiter', () => {
    const p = parseCsvText('a;b,c\n1;2,3\n', { delimiter: ',' });
    assert.deepEqual(p.header, ['a;b', 'c']);
  });
});

describe('csv/cellAtOffset', () => {
  const text = 'PathwayID,EndCode,Note\r\nP1,46,"line one\r\nline two"\r\n\r\nP2,"4,6",x\r\n';
  const p = parseCsvText(text);

  it('finds header cells', () => {
    const c = cellAtOffset(p, text.indexOf('EndCode') + 3);
    assert.deepEqual(c, { recordIndex: -1, fieldIndex: 1, value: 'EndCode', startOffset: 10, endOffset: 17 });
  });

  it('finds a cell on the second line of a record spanning lines', () => {
    const at = text.indexOf('two');
    const c = cellAtOffset(p, at)!;
    assert.equal(c.recordIndex, 0);
    assert.equal(c.fieldIndex, 2);
    assert.equal(c.value, 'line one\r\nline two');
    assert.equal(text.slice(c.startOffset, c.endOffset), '"line one\r\nline two"');
  });

  it('maps every char of every record to the right field', () => {
    for (const r of p.records) {
      r.fields.forEach((_, k) => {
        const start = r.fieldOffsets![k];
        const end = k + 1 < r.fields.length ? r.fieldOffsets![k + 1] - 1 : r.endOffset!;
        for (let o = start; o < end; o++) {
          const c = cellAtOffset(p, o)!;
          assert.deepEqual([c.recordIndex, c.fieldIndex], [r.index, k], `offset ${o}`);
        }
      });
    }
  });

  it('returns undefined on a blank line and past the end', () => {
    const blank = text.indexOf('\r\n\r\n') + 2;
    assert.equal(recordIndexAtOffset(p, blank), undefined);
    assert.equal(cellAtOffset(p, text.length + 5), undefined);
    assert.equal(recordIndexAtOffset(p, text.indexOf('P2')), 1);
  });

  it('gives the quoted field value and the row end', () => {
    const c = cellAtOffset(p, text.indexOf('"4,6"') + 2)!;
    assert.equal(c.value, '4,6');
    assert.equal(cellAtOffset(p, text.indexOf(',x') + 2)!.endOffset, text.indexOf(',x') + 2);
  });
});
