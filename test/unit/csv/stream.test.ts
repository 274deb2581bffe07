import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_RECORD_CHARS, openCsvFile, parseCsvText, type CsvRecord } from '../../../src/core/csv';
import { decodeUtf8Escaping } from '../../../src/core/csv/utf8';

const FIX = path.join(__dirname, '../../fixtures/csv');

async function readAll(file: string, chunkBytes?: number, options: { file?: string } = {}) {
  const f = await openCsvFile(file, { chunkBytes, ...options });
  const records: CsvRecord[] = [];
  for await (const r of f.records) records.push(r);
  return { f, records };
}

describe('csv/openCsvFile', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-csv-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('gives the same header, records and problems as parseCsvText for every fixture and chunk size', async () => {
    for (const name of fs.readdirSync(FIX).filter((n) => fs.statSync(path.join(FIX, n)).isFile())) {
      const file = path.join(FIX, name);
      // the reader keeps invalid UTF-8 bytes apart (escaped) and reports them: the same text and check here
      const expected = parseCsvText(decodeUtf8Escaping(fs.readFileSync(file)).text, { file: name, offsets: false, checkEncoding: true });
      for (const chunk of [1, 2, 3, 5, 16, 1 << 20]) {
        const { f, records } = await readAll(file, chunk, { file: name });
        const label = `${name} chunk ${chunk}`;
        assert.equal(f.delimiter, expected.delimiter, label);
        assert.deepEqual(f.header, expected.header, label);
        assert.deepEqual(records, expected.records, label);
        assert.deepEqual(f.problems, expected.problems, label);
        assert.equal(f.recordCount, expected.records.length, label);
      }
    }
  });

  it('handles multi-byte UTF-8 chars and quoted CRLF split across chunks', async () => {
    const text = 'Name,Note\r\n"é€😀","a\r\nb"\r\nø,"x""y"\r\n';
    const p = write('utf8.csv', text);
    for (let chunk = 1; chunk <= 8; chunk++) {
      const { records, f } = await readAll(p, chunk);
      assert.deepEqual(records.map((r) => [r.line, ...r.fields]), [[2, 'é€😀', 'a\r\nb'], [4, 'ø', 'x"y']], `chunk ${chunk}`);
      assert.deepEqual(f.problems, []);
    }
  });

  it('reads records in batches too, and only once', async () => {
    const p = write('batches.csv', 'a,b\n' + Array.from({ length: 20000 }, (_, i) => `${i},x`).join('\n'));
    const f = await openCsvFile(p, { chunkBytes: 4096 });
    let n = 0;
    let batches = 0;
    for await (const batch of f.batches) { n += batch.length; batches++; }
    assert.equal(n, 20000);
    assert.ok(batches > 1);
    await assert.rejects(async () => { for await (const _ of f.records) { /* none */ } }, /only once/);
  });

  it('reads a UTF-16LE file (Excel "Unicode text")', async () => {
    const p = write('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('PathwayID\tEndCode\r\nP1\t46\r\n', 'utf16le')]));
    const { f, records } = await readAll(p, 3);
    assert.equal(f.encoding, 'utf16le');
    assert.equal(f.delimiter, '\t');
    assert.deepEqual(f.header, ['PathwayID', 'EndCode']);
    assert.deepEqual(records[0].fields, ['P1', '46']);
  });

  it('reports an empty file', async () => {
    const { f, records } = await readAll(path.join(FIX, 'empty.csv'));
    assert.deepEqual(records, []);
    assert.deepEqual(f.problems.map((x) => [x.kind, x.line, x.column]), [['empty-file', 1, 1]]);
  });

  it('rejects a missing file and a directory', async () => {
    await assert.rejects(openCsvFile(path.join(dir, 'nope.csv')), /ENOENT/);
    await assert.rejects(openCsvFile(dir), /not a regular file \(folder\)/);
  });

  it('stops on abort, before and while reading', async () => {
    const p = write('abort.csv', 'a,b\n' + '1,2\n'.repeat(50000));
    const pre = new AbortController();
    pre.abort();
    await assert.rejects(openCsvFile(p, { signal: pre.signal }), { name: 'AbortError' });
    const ctl = new AbortController();
    const f = await openCsvFile(p, { signal: ctl.signal, chunkBytes: 1024 });
    let n = 0;
    await assert.rejects(async () => {
      for await (const _ of f.records) if (++n === 10) ctl.abort();
    }, { name: 'AbortError' });
    assert.ok(n < 50000);
  });

  it('cuts a line longer than maxRecordChars (memory stays bounded) and reads on', async () => {
    assert.equal(MAX_RECORD_CHARS, 16 << 20);
    const long = 'x'.repeat(200000);
    const p = write('longline.csv', `a,b\n1,2\n${long}\n3,4\n`);
    const f = await openCsvFile(p, { chunkBytes: 1000, maxRecordChars: 5000 });
    const records: CsvRecord[] = [];
    for await (const r of f.records) records.push(r);
    assert.deepEqual(records[0].fields, ['1', '2']);
    assert.deepEqual(records[records.length - 1].fields, ['3', '4']);
    assert.equal(records.reduce((n, r) => n + r.fields[0].length, 0), 1 + long.length + 1);
    const cuts = f.problems.filter((x) => x.kind === 'record-too-long');
    assert.ok(cuts.length >= 3 && cuts.every((x) => x.line === 3), JSON.stringify(cuts));
    assert.ok(records.length > 4);
  });

  it('treats an over-long quoted field as an unclosed quote and keeps the following rows', async () => {
    const p = write('long.csv', 'a,b\n1,"open\n' + '2,3\n'.repeat(400000));
    const { f, records } = await readAll(p);
    assert.equal(records.length, 400001);
    assert.deepEqual(records[0].fields, ['1', '"open']);
    assert.deepEqual(f.problems.map((x) => [x.kind, x.line, x.column]), [['unclosed-quote', 2, 3]]);
  });
});
