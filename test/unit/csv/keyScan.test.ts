// The byte-level key scan (csv/keyScan.ts) against the reader it stands in for (openCsvFile with byteOffsets and a
// column mask), against papaparse, and against byte offsets found independently (line starts in the raw bytes).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { openCsvFile, type CsvProblem } from '../../../src/core/csv';
import { scanKeyFields } from '../../../src/core/csv/keyScan';

interface Rec { offset: number; line: number; values: (string | undefined)[] }

const pick = (fields: readonly string[], wanted: number[]) => wanted.map((c) => fields[c]);

async function viaStream(file: string, maskOf: (h: readonly string[]) => boolean[], chunkBytes?: number) {
  const csv = await openCsvFile(file, { byteOffsets: true, columns: maskOf, chunkBytes });
  const wanted = maskOf(csv.header).flatMap((m, i) => (m ? [i] : []));
  const records: Rec[] = [];
  for await (const r of csv.records) records.push({ offset: r.byteOffset as number, line: r.line, values: pick(r.fields, wanted) });
  return { header: csv.header, delimiter: csv.delimiter, problems: csv.problems, problemCount: csv.problemCount, records };
}

async function viaKeyScan(file: string, maskOf: (h: readonly string[]) => boolean[], chunkBytes?: number) {
  let wanted: number[] = [];
  const records: Rec[] = [];
  const res = await scanKeyFields(file, {
    chunkBytes,
    columns: (h) => { const m = maskOf(h); wanted = m.flatMap((x, i) => (x ? [i] : [])); return m; },
  }, (offset, line, fields) => records.push({ offset, line, values: pick(fields, wanted) }));
  return { ...res, records };
}

/** Byte offset of the start of each line (1-based index), found in the raw bytes: after LF, CRLF or a lone CR. */
function lineStarts(b: Buffer): number[] {
  const starts = [0, b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0];
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 10 || (b[i] === 13 && b[i + 1] !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Deterministic generator (LCG) of CSV bytes with the features a key scan must get right. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 8) % n; };
}

function field(r: (n: number) => number, hostile: boolean): Buffer {
  const plain = ['PW0001', 'PW0002', 'P12', '', '2023-04-01', 'x', 'ABC 12', ' 7 '];
  if (r(hostile ? 3 : 12) > 0) return Buffer.from(plain[r(plain.length)]);
  // well-formed: quoted fields with delimiters, quotes and line breaks, valid UTF-8; hostile: anything
  switch (hostile ? r(11) : r(6)) {
    case 0: return Buffer.from('"a,b"');
    case 1: return Buffer.from('"say ""hi"""');
    case 2: return Buffer.from('"line\nbreak"');
    case 3: return Buffer.from('"cr\r\nlf"');
    case 4: return Buffer.from('"lone\rcr"');
    case 5: return Buffer.from('Zoë'); // valid UTF-8
    case 6: return Buffer.from([0x50, 0xe9, 0x31]); // Latin-1 é: invalid UTF-8
    case 7: return Buffer.from('ab"c'); // stray quote
    case 8: return Buffer.from('"x"y'); // text after the closing quote
    case 9: return Buffer.from([0x41, 0x00, 0x42]); // NUL
    default: return Buffer.from('"');
  }
}

function generate(seed: number, hostile: boolean): Buffer {
  const r = rng(seed);
  const cols = 3 + r(5);
  const d = [',', ',', '\t', '|'][r(4)];
  const parts: Buffer[] = [];
  if (r(4) === 0) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  const eols = hostile ? ['\n', '\r\n', '\r'] : [['\n', '\r\n', '\r'][r(3)]];
  const eol = () => Buffer.from(eols[r(eols.length)]);
  if (hostile && r(5) === 0) parts.push(eol()); // blank line before the header
  parts.push(Buffer.from(Array.from({ length: cols }, (_, i) => (hostile && i === 1 && r(6) === 0 ? '"Pathway ID"' : `c${i}`)).join(d)));
  const rows = 20 + r(200);
  for (let i = 0; i < rows; i++) {
    parts.push(eol());
    if (hostile && r(25) === 0) parts.push(eol()); // blank line
    let n = cols;
    if (hostile && r(15) === 0) n = Math.max(1, cols + (r(2) === 0 ? -1 : 1) * (1 + r(2))); // ragged
    for (let j = 0; j < n; j++) {
      if (j > 0) parts.push(Buffer.from(d));
      parts.push(field(r, hostile));
    }
  }
  if (r(2) === 0) parts.push(eol()); // last line with or without a line end
  return Buffer.concat(parts);
}

describe('csv/scanKeyFields (byte-level key scan)', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-keyscan-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const compare = async (file: string, label: string, maskOf: (h: readonly string[]) => boolean[], chunks: (number | undefined)[]) => {
    const expected = await viaStream(file, maskOf);
    const starts = lineStarts(fs.readFileSync(file));
    for (const rec of expected.records) assert.equal(rec.offset, starts[rec.line], `${label}: independent offset of line ${rec.line}`);
    let fast = 0;
    for (const chunk of chunks) {
      const got = await viaKeyScan(file, maskOf, chunk);
      const l = `${label} chunk ${chunk ?? 'default'}`;
      assert.deepEqual(got.header, expected.header, l);
      assert.equal(got.delimiter, expected.delimiter, l);
      assert.deepEqual(got.records, expected.records, l);
      assert.deepEqual(got.problems as CsvProblem[], expected.problems, l);
      assert.equal(got.problemCount, expected.problemCount, l);
      assert.equal(got.recordCount, expected.records.length, l);
      fast += got.fastRecords;
    }
    return { expected, fast };
  };

  it('gives the records, offsets, lines, masked values and problems of openCsvFile on generated hostile CSVs', async () => {
    let fast = 0; let slowOnly = 0; let problems = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const file = path.join(dir, `h${seed}.csv`);
      fs.writeFileSync(file, generate(seed, true));
      const maskOf = (h: readonly string[]) => h.map((_, i) => (i + seed) % 3 !== 0);
      const res = await compare(file, `seed ${seed}`, maskOf, [undefined, 3, 64, 300]);
      fast += res.fast; problems += res.expected.problemCount;
      if (res.fast === 0) slowOnly++;
    }
    // the comparison must cover both paths: plain records read by the byte loop, and every kind of problem
    assert.ok(fast > 500, `records read by the byte loop: ${fast}`);
    assert.ok(problems > 150, `problems compared: ${problems}`);
    assert.ok(slowOnly < 15, `files read by openCsvFile alone: ${slowOnly}`);
  });

  it('agrees with papaparse on well-formed generated CSVs (quotes, embedded delimiters and line breaks)', async () => {
    let fast = 0; let records = 0;
    for (let seed = 100; seed < 130; seed++) {
      const bytes = generate(seed, false);
      const file = path.join(dir, `p${seed}.csv`);
      fs.writeFileSync(file, bytes);
      const all = (h: readonly string[]) => h.map(() => true);
      const got = await viaKeyScan(file, all, 16);
      const text = bytes.toString('utf8').replace(/^\ufeff/, '');
      const papa = Papa.parse<string[]>(text, { delimiter: got.delimiter, skipEmptyLines: true });
      assert.deepEqual(got.header, papa.data[0], `seed ${seed}`);
      assert.deepEqual(got.records.map((r) => r.values), papa.data.slice(1), `seed ${seed}`);
      fast += got.fastRecords; records += got.recordCount;
    }
    assert.ok(fast > 0.2 * records && fast < records, `records read by the byte loop: ${fast} of ${records}`);
  });

  it('gives the same as openCsvFile on every committed sample file, reading them in the byte loop', async () => {
    const root = path.join(__dirname, '../../../sample');
    let files = 0; let fast = 0; let records = 0;
    for (const sub of fs.readdirSync(root)) {
      const d = path.join(root, sub);
      if (!fs.statSync(d).isDirectory()) continue;
      for (const name of fs.readdirSync(d).filter((n) => n.endsWith('.csv'))) {
        const file = path.join(d, name);
        const maskOf = (h: readonly string[]) => h.map((_, i) => i % 2 === 0);
        const res = await compare(file, `${sub}/${name}`, maskOf, [undefined, 333]);
        files++; fast += res.fast; records += 2 * res.expected.records.length;
      }
    }
    assert.ok(files >= 30, `sample files: ${files}`);
    assert.ok(fast > 0.95 * records, `records read by the byte loop: ${fast} of ${records}`);
  });

  it('reports invalid UTF-8 in a masked and in an unmasked field at its file:line:column, offsets exact after it', async () => {
    const file = path.join(dir, 'latin1.csv');
    // line 2: invalid byte in column a (masked); line 3: in column b (not masked); line 4 plain
    fs.writeFileSync(file, Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0x78, 0xe9]), Buffer.from(',1\ny,'), Buffer.from([0xff]), Buffer.from('\nz,2\n')]));
    const got = await viaKeyScan(file, (h) => h.map((_, i) => i === 0));
    assert.deepEqual(got.problems.map((p) => [p.kind, p.line, p.column]), [['encoding', 2, 2], ['encoding', 3, 3]]);
    assert.deepEqual(got.records.map((r) => [r.offset, r.line]), [[4, 2], [9, 3], [13, 4]]);
    assert.deepEqual(got.records[2].values, ['z']);
  });

  it('refuses a FIFO without hanging, and stops when aborted', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pipe.csv');
    require('node:child_process').execFileSync('mkfifo', [fifo]);
    await assert.rejects(scanKeyFields(fifo, { columns: (h) => h.map(() => true) }, () => undefined));
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, 'a,b\n' + 'x,1\n'.repeat(200_000));
    const ac = new AbortController();
    let n = 0;
    await assert.rejects(scanKeyFields(file, { signal: ac.signal, chunkBytes: 1024, columns: (h) => h.map(() => true) }, () => { if (++n === 10) ac.abort(); }));
    assert.ok(n < 200_000, `records read after abort: ${n}`);
  });
});
