// Hostile files: validation never throws, gives one structural finding at the first failure of a file it cannot
// parse, carries on with the other files, and never writes to the data files.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listTableFiles } from '../../../src/core/outcomes/discover';
import { validateFiles, validateText, type Finding } from '../../../src/core/validation';
import { IDS201_HEADER as H, IDS201_ROW as R, withField } from './helpers';

const CORPUS: Record<string, Buffer> = {
  'empty.csv': Buffer.alloc(0),
  'header_only.csv': Buffer.from(`${H}\n`),
  'binary.csv': Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
  'nul.csv': Buffer.from(`${H}\n${R}\nCC2,SR1\0,PW1\n`),
  'bad_utf8.csv': Buffer.concat([Buffer.from(`${H}\n`), Buffer.from([0x43, 0x43, 0x32, 0xff, 0xfe]), Buffer.from(`${R.slice(3)}\n`)]),
  'utf16.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${H}\n${withField(R, 6, '09')}\n`, 'utf16le')]),
  'lone_cr.csv': Buffer.from(`${H}\r${R}\r${withField(withField(withField(R, 0, 'CC2'), 5, '11:00:00'), 6, '2')}\r`),
  'big_field.csv': Buffer.from(`${H}\n${withField(R, 10, 'x'.repeat(1 << 20))}\n`),
  'wide.csv': Buffer.from(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 100_000 }, () => '1').join(',')}\n`),
  'gzip.csv': gzipSync(Buffer.from(`${H}\n${R}\n`.repeat(50))),
  'good.csv': Buffer.from(`${H}\n${withField(R, 6, '09')}\n`),
};

describe('validation/bad input', () => {
  let dir: string;
  let findings: Finding[];
  const hashes = new Map<string, string>();
  const of = (file: string) => findings.filter((f) => f.file === file);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iapt-bad-'));
    for (const [name, data] of Object.entries(CORPUS)) {
      writeFileSync(join(dir, name), data);
      hashes.set(name, createHash('sha256').update(data).digest('hex'));
    }
    findings = [];
    await validateFiles(listTableFiles([dir]).files, (f) => findings.push(f), { displayName: (p) => p.slice(dir.length + 1) });
  });

  it('never writes to the data files', () => {
    assert.deepEqual(readdirSync(dir).sort(), Object.keys(CORPUS).sort());
    for (const [name, hash] of hashes) assert.equal(createHash('sha256').update(readFileSync(join(dir, name))).digest('hex'), hash, name);
  });

  it('a file it cannot parse gives exactly one structural finding at the first failure', () => {
    assert.deepEqual(of('binary.csv').map((f) => f.rule), ['IAPTX003']);
    assert.deepEqual(of('gzip.csv').map((f) => [f.rule, f.line, f.column]), [['IAPTX003', 1, 1]]);
    const nul = of('nul.csv');
    assert.deepEqual(nul.map((f) => [f.rule, f.line]), [['IAPTX003', 3]]);
  });

  it('empty file: IAPTX005; header only: nothing; 100 000 columns: not recognised, no crash', () => {
    assert.deepEqual(of('empty.csv').map((f) => f.rule), ['IAPTX005']);
    assert.deepEqual(of('header_only.csv'), []);
    assert.deepEqual(of('wide.csv').map((f) => f.rule), ['IAPTX008']);
  });

  it('invalid UTF-8 is reported once, UTF-16 with BOM and lone CR line ends are read', () => {
    assert.deepEqual(of('bad_utf8.csv').filter((f) => f.rule === 'IAPTX003').map((f) => [f.line, f.column]), [[2, 1]]);
    assert.deepEqual(of('utf16.csv').map((f) => [f.rule, f.line]), [['IDS20156', 2]]);
    assert.deepEqual(of('lone_cr.csv').map((f) => [f.rule, f.line]), [['IAPTX010', 3]]);
  });

  it('a 1 MB field is checked and its finding carries a shortened value', () => {
    const big = of('big_field.csv').filter((f) => f.rule === 'IDS20114');
    assert.equal(big.length, 1);
    assert.ok(big[0].value.length <= 1001 && big[0].message.length < 300);
  });

  it('carries on with the other files', () => {
    assert.deepEqual(of('good.csv').map((f) => [f.rule, f.line]), [['IDS20156', 2]]);
  });

  it('an editor text with NUL bytes gives one finding; an empty text one', () => {
    assert.deepEqual(validateText(`${H}\n${R}\n\0\0\0`, 'x.csv').findings.map((f) => f.rule), ['IAPTX003']);
    assert.deepEqual(validateText('', 'x.csv').findings.map((f) => f.rule), ['IAPTX005']);
  });

  it('a missing path and a folder given as a file are I/O findings, not crashes', async () => {
    const out: Finding[] = [];
    const run = await validateFiles([join(dir, 'nope.csv'), dir], (f) => out.push(f));
    assert.equal(run.ioErrors.length, 2);
    assert.deepEqual(out.map((f) => f.rule), ['IAPTX070', 'IAPTX070']);
  });
});
