import { strict as assert } from 'node:assert';
import { detectDelimiter } from '../../../src/core/csv';

describe('csv/detectDelimiter', () => {
  it('picks each candidate when it is the consistent one', () => {
    assert.equal(detectDelimiter('a,b,c\n1,2,3\n'), ',');
    assert.equal(detectDelimiter('a\tb\tc\n1\t2\t3\n'), '\t');
    assert.equal(detectDelimiter('a|b|c\n1|2|3\n'), '|');
    assert.equal(detectDelimiter('a;b;c\n1;2;3\n'), ';');
  });

  it('ignores delimiters inside quotes (including quoted newlines)', () => {
    assert.equal(detectDelimiter('a;b\n"1,2,3";"x\n,,,"\n"4,5";y\n'), ';');
  });

  it('prefers consistency over count, then more fields', () => {
    assert.equal(detectDelimiter('a;b;c\n1,5;2;3\n4;5,0,1;6\n'), ';');
    assert.equal(detectDelimiter('a,b|x,c\n1,2|y,3\n'), ',');
  });

  it('falls back for a one-column file', () => {
    assert.equal(detectDelimiter('PathwayID\nP1\n'), ',');
    assert.equal(detectDelimiter('PathwayID\nP1\n', { fallback: '\t' }), '\t');
    assert.equal(detectDelimiter(''), ',');
  });

  it('ignores a cut last record when the sample is not the whole text', () => {
    assert.equal(detectDelimiter('a;b;c\n1;2;3\n4;5|6|7|8|9|1', { wholeText: false }), ';');
  });
});
