import { strict as assert } from 'node:assert';
import { formatCsvRow, parseCsvText } from '../../../src/core/csv';

describe('csv/formatCsvRow', () => {
  it('quotes only what needs quoting (RFC 4180)', () => {
    assert.equal(formatCsvRow(['a', 'b c', '1,2', 'say "hi"', 'x\ny', '', null, 3]), 'a,b c,"1,2","say ""hi""","x\ny",,,3');
    assert.equal(formatCsvRow(['a\tb', 'c,d'], '\t'), '"a\tb"\tc,d');
  });

  it('round-trips through parseCsvText', () => {
    const rows = [['h1', 'h2', 'h3'], ['"', ',', '\r\n'], ['', 'x""y', 'end']];
    const text = rows.map((r) => formatCsvRow(r)).join('\r\n');
    const p = parseCsvText(text, { delimiter: ',' });
    assert.deepEqual([p.header, ...p.records.map((r) => r.fields)], rows);
    assert.deepEqual(p.problems, []);
  });
});
