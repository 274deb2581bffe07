// The stream reader's byte offsets (option byteOffsets): each record's offset is where its first byte is in the file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openCsvFile } from '../../../src/core/csv';

describe('linking/csv byte offsets', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-off-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function offsets(file: string, chunkBytes: number) {
    const f = await openCsvFile(file, { chunkBytes, byteOffsets: true });
    const out: { line: number; off: number; first: string }[] = [];
    for await (const r of f.records) out.push({ line: r.line, off: r.byteOffset as number, first: r.fields[0] });
    return out;
  }

  // expected offsets are found independently: the byte position of each record's marker text in the raw bytes
  const cases: { name: string; body: string; encoding: BufferEncoding; bom: number[] }[] = [
    { name: 'ascii-lf', body: 'a,b\nR1,x\nR2,y\n\nR3,z', encoding: 'utf8', bom: [] },
    { name: 'bom-crlf-multibyte', body: 'a,b\r\nR1,é€😀\r\n"R2",\"q\nuoted ü\"\r\nR3,ñ\r\n', encoding: 'utf8', bom: [0xef, 0xbb, 0xbf] },
    { name: 'cr-only', body: 'a,b\rR1,x\rR2,ÿ\rR3,z\r', encoding: 'utf8', bom: [] },
    { name: 'utf16', body: 'a,b\r\nR1,é\r\nR2,x\r\nR3,€\r\n', encoding: 'utf16le', bom: [0xff, 0xfe] },
  ];
  for (const c of cases) {
    it(`points at each record's first byte (${c.name}, every chunk size)`, async () => {
      const bytes = Buffer.concat([Buffer.from(c.bom), Buffer.from(c.body, c.encoding)]);
      const file = path.join(dir, `${c.name}.csv`);
      fs.writeFileSync(file, bytes);
      const expected = ['R1', 'R2', 'R3'].map((m) => {
        const plain = bytes.indexOf(Buffer.from(m, c.encoding));
        const quoted = bytes.indexOf(Buffer.from(`"${m}"`, c.encoding));
        return quoted >= 0 && quoted < plain ? quoted : plain;
      });
      // (a UTF-16 BOM is detected in the first read, so 1-byte reads are not used there)
      for (const chunk of c.encoding === 'utf16le' ? [2, 4, 6, 64 * 1024] : [1, 2, 3, 7, 64 * 1024]) {
        const got = await offsets(file, chunk);
        assert.deepEqual(got.map((r) => r.first), ['R1', 'R2', 'R3'], `${c.name} chunk ${chunk}`);
        assert.deepEqual(got.map((r) => r.off), expected, `${c.name} chunk ${chunk}`);
      }
    });
  }

  it('reads only the masked columns (others as empty once past the first 64K chars) with the same records, lines and problems', async () => {
    const file = path.join(dir, 'mask.csv');
    const rows = ['a,b,c'];
    for (let i = 0; i < 6000; i++) rows.push(i === 5000 ? `x${i},"y\n${i}",z${i},extra` : `x${i},y${i},z${i}`);
    fs.writeFileSync(file, rows.join('\n') + '\n');
    const read = async (masked: boolean) => {
      const f = await openCsvFile(file, { chunkBytes: 4096, ...(masked ? { columns: (h: readonly string[]) => h.map((n) => n === 'b') } : {}) });
      const out: { line: number; fields: string[] }[] = [];
      for await (const r of f.records) out.push({ line: r.line, fields: r.fields });
      return { out, problems: f.problems };
    };
    const full = await read(false);
    const part = await read(true);
    assert.deepEqual(part.out.map((r) => r.line), full.out.map((r) => r.line));
    assert.deepEqual(part.problems, full.problems);
    assert.equal(part.problems.length, 1, 'the extra field of row 5000 is reported with the mask too');
    part.out.forEach((r, i) => {
      assert.equal(r.fields.length, full.out[i].fields.length);
      assert.equal(r.fields[1], full.out[i].fields[1], `b of row ${i}`);
      for (const c of [0, 2]) assert.ok(r.fields[c] === '' || r.fields[c] === full.out[i].fields[c]);
    });
    assert.deepEqual(part.out[5999].fields, ['', 'y5999', '']);
    assert.deepEqual(part.out[5000].fields, ['', 'y\n5000', '', '']);
  });
});
