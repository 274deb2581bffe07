import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildCsvIndex, buildCsvIndexAsync, cellAt, cellAtOffset, MAX_STORED_PROBLEMS, parseCsvText,
  type CsvDocumentIndex, type CsvIndexOptions,
} from '../../../src/core/csv';

const ROOT = path.join(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.(csv|tsv|txt)$/i.test(e.name) ? [p] : [];
  });
}

/** Deterministic pseudo-random offsets (mulberry32), so a failure can be replayed. */
function sampleOffsets(length: number, count: number, seed: number): number[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  if (length + 1 <= count) return Array.from({ length: length + 1 }, (_, i) => i); // every offset incl. the end
  return [0, length, ...Array.from({ length: count }, () => Math.floor(next() * (length + 1)))];
}

/** Asserts that the index gives what parseCsvText gives: header, count, starts, lines, problems, cells. */
function assertSameAsParse(text: string, index: CsvDocumentIndex, options: CsvIndexOptions, where: string, samples = 400): void {
  const parsed = parseCsvText(text, options);
  assert.equal(index.delimiter, parsed.delimiter, where);
  assert.deepEqual(index.header, parsed.header, where);
  assert.deepEqual(index.headerRow, parsed.headerRow, where);
  assert.equal(index.recordCount, parsed.records.length, where);
  assert.deepEqual(index.problems, parsed.problems, where);
  assert.equal(index.problemCount, parsed.problemCount, where);
  parsed.records.forEach((r, i) => {
    assert.equal(index.recordStart(i), r.fieldOffsets![0], `${where}: start of record ${i}`);
    assert.equal(index.recordLine(i), r.line, `${where}: line of record ${i}`);
  });
  for (const offset of sampleOffsets(text.length, samples, text.length)) {
    const expected = cellAtOffset(parsed, offset);
    const got = cellAt(index, text, offset);
    if (expected === undefined) {
      assert.equal(got, undefined, `${where}: offset ${offset}`);
      continue;
    }
    assert.ok(got, `${where}: no cell at offset ${offset}`);
    const { line, fields, ...cell } = got;
    assert.deepEqual(cell, expected, `${where}: offset ${offset}`);
    const row = expected.recordIndex === -1 ? parsed.headerRow! : parsed.records[expected.recordIndex];
    assert.deepEqual(fields, row.fields, `${where}: fields at offset ${offset}`);
    assert.equal(line, row.line, `${where}: line at offset ${offset}`);
  }
}

describe('csv/documentIndex', () => {
  const files = [...filesUnder(path.join(ROOT, 'test/fixtures/csv')), ...filesUnder(path.join(ROOT, 'sample'))];

  it('finds the fixtures and the bundled samples', () => {
    assert.ok(files.length >= 40, `only ${files.length} files`);
  });

  it('gives the same header, records, problems and cells as parseCsvText for every fixture and sample', async () => {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const options = { file: path.basename(file) };
      const where = path.relative(ROOT, file);
      assertSameAsParse(text, buildCsvIndex(text, options), options, `${where} (sync)`);
      // slices of 1 and 7 chars: a record boundary at every possible place
      assertSameAsParse(text, await buildCsvIndexAsync(text, { ...options, sliceChars: 1 }), options, `${where} (async, 1)`, 60);
      assertSameAsParse(text, await buildCsvIndexAsync(text, { ...options, sliceChars: 7 }), options, `${where} (async, 7)`, 60);
    }
  });

  it('agrees with parseCsvText on edge cases: empty, blank lines, BOM, CR, quotes, NUL, ragged rows', async () => {
    const texts = [
      '', '\n\n\r\n', 'a,b', '\ufeffa,b\r\n1,2\r\n', 'a,b\r1,2\r\r3,4', 'a,b\n1,2\n\n\n', 'a,b\n1,"x\ny"\n2,"un\n',
      'a,b\n1,x"y\n2,"q"z\n3,"""",4\n', 'a,b\n1,\0\n', 'a,,a\n1\n1,2,3,4\n', ',\n1,2', 'a\n"', 'a,b\n1,2\r',
      'a;b\n1;"2;3"\n', 'a\tb\n"1\t",2\n', `a,b\n1,"${'x'.repeat(1 << 20)}\n2,3\n`,
    ];
    for (const [k, text] of texts.entries()) {
      const where = `case ${k} ${JSON.stringify(text.slice(0, 30))}`;
      assertSameAsParse(text, buildCsvIndex(text), {}, where);
      assertSameAsParse(text, await buildCsvIndexAsync(text, { sliceChars: 3 }), {}, `${where} (async)`, 100);
    }
  });

  it('stores problems up to the limit and counts the rest, as parseCsvText does', () => {
    const text = 'a,b\n' + '1\n'.repeat(MAX_STORED_PROBLEMS + 50);
    const index = buildCsvIndex(text, { file: 'many.csv' });
    assert.equal(index.problemCount, MAX_STORED_PROBLEMS + 50);
    assert.equal(index.problems.length, MAX_STORED_PROBLEMS + 1);
    assert.equal(index.problems.at(-1)?.kind, 'too-many-problems');
    assertSameAsParse(text, index, { file: 'many.csv' }, 'many problems', 50);
  });

  it('keeps 8 bytes per record and no record values', () => {
    const text = 'PathwayID,EndCode\n' + Array.from({ length: 5000 }, (_, i) => `P${i},46`).join('\n');
    const index = buildCsvIndex(text);
    assert.equal(index.recordCount, 5000);
    assert.equal(index.indexBytes, 8 * 5000);
    assert.deepEqual(cellAt(index, text, text.length)?.fields, ['P4999', '46']);
  });

  it('reads only the slice of the record under the offset', () => {
    const text = 'PathwayID,EndCode\nP1,46\n\nP2,"a\nb"\nP3,47\n';
    const index = buildCsvIndex(text);
    const asked: [number, number][] = [];
    const source = { slice: (s: number, e: number) => { asked.push([s, e]); return text.slice(s, e); } };
    const cell = cellAt(index, source, text.indexOf('a\nb') + 2);
    assert.deepEqual(cell, {
      recordIndex: 1, fieldIndex: 1, value: 'a\nb', startOffset: text.indexOf('"a'), endOffset: text.indexOf('b"') + 2,
      line: 4, fields: ['P2', 'a\nb'],
    });
    assert.deepEqual(asked, [[text.indexOf('P2'), text.indexOf('P3')]]);
    assert.equal(cellAt(index, source, text.indexOf('\n\n') + 1), undefined, 'a blank line holds no cell');
    assert.equal(cellAt(index, source, 0)?.recordIndex, -1);
    assert.throws(() => cellAt(index, text + 'x', 0), /not the indexed text/);
  });

  it('yields to the event loop between slices and stops when aborted', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(1000);
    const ran: string[] = [];
    setImmediate(() => ran.push('other work'));
    const built = buildCsvIndexAsync(text, { sliceChars: 40 }).then((index) => { ran.push('index'); return index; });
    const index = await built;
    assert.deepEqual(ran, ['other work', 'index']);
    assert.equal(index.recordCount, 1000);

    const already = new AbortController();
    already.abort(new Error('newer version'));
    await assert.rejects(buildCsvIndexAsync(text, { signal: already.signal }), /newer version/);

    const controller = new AbortController();
    const pending = buildCsvIndexAsync(text, { signal: controller.signal, sliceChars: 40 });
    setImmediate(() => controller.abort(new Error('document changed')));
    await assert.rejects(pending, /document changed/);
  });
});
