// Issue 12 "done when": a corpus of malformed and hostile files, built at test time, goes through `iapt tables`,
// `iapt outcomes` and the editor's document index: no crash, no hang, a clear problem for each broken file, the
// documented exit codes, and every data file byte-identical afterwards (special files left as they were).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildCsvIndex, buildCsvIndexAsync } from '../../../src/core/csv';
import outcomes from '../../../src/cli/outcomes';
import tables, { type TableReport } from '../../../src/cli/tables';
import { runCli } from '../cli/run';

const WIDE = 100_000;
const utf16le = (s: string) => Buffer.from(s, 'utf16le');

/** Regular files of the corpus: name → bytes, and the problem kinds `iapt tables` must report for each. */
function regularFiles(): { name: string; bytes: Buffer; kinds: string[] }[] {
  const csv = 'PathwayID,ServiceRequestId,ReferralRequestReceivedDate\nP1,S1,2024-01-01\nP2,S2,2024-02-01\n';
  let random = 12345;
  const binary = Buffer.from(Array.from({ length: 4096 }, () => { random = (random * 1103515245 + 12345) >>> 0; return random >>> 24; }));
  binary[10] = 0; // at least one NUL
  return [
    { name: 'empty.csv', bytes: Buffer.alloc(0), kinds: ['empty-file'] },
    { name: 'blank-lines.csv', bytes: Buffer.from('\n\r\n\r\n'), kinds: ['empty-file'] },
    { name: 'header-only.csv', bytes: Buffer.from('PathwayID,ServiceRequestId\n'), kinds: [] },
    { name: 'binary.csv', bytes: binary, kinds: ['binary', 'encoding'] },
    { name: 'nul-bytes.csv', bytes: Buffer.from('PathwayID,Note\nP1,a\u0000b\nP2,c\n'), kinds: ['binary'] },
    { name: 'invalid-utf8.csv', bytes: Buffer.concat([Buffer.from('PathwayID,Note\nP'), Buffer.from([0xff]), Buffer.from('1,a\nP'), Buffer.from([0xfe]), Buffer.from('1,b\n')]), kinds: ['encoding'] },
    { name: 'utf16le-bom.csv', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(csv)]), kinds: [] },
    { name: 'utf16le-nobom.csv', bytes: utf16le(csv), kinds: ['binary'] },
    { name: 'utf16be-bom.csv', bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16le(csv)).swap16()]), kinds: ['encoding'] },
    { name: 'lone-cr.csv', bytes: Buffer.from(csv.replace(/\n/g, '\r')), kinds: [] },
    { name: 'unclosed-quote.csv', bytes: Buffer.from('PathwayID,Note\nP1,"never closed\nP2,x\n'), kinds: ['unclosed-quote'] },
    { name: 'field-1mb.csv', bytes: Buffer.from(`PathwayID,Note\nP1,${'x'.repeat(1 << 20)}\nP2,y\n`), kinds: [] },
    { name: 'field-1mb-quoted.csv', bytes: Buffer.from(`PathwayID,Note\nP1,"${'x'.repeat(1 << 20)}"\nP2,y\n`), kinds: ['unclosed-quote'] },
    { name: 'columns-100k.csv', bytes: Buffer.from(`${Array.from({ length: WIDE }, (_, k) => `c${k}`).join(',')}\n${'1,'.repeat(WIDE - 1)}1\n`), kinds: [] },
    { name: 'duplicates-100k.csv', bytes: Buffer.from(`${Array(WIDE).fill('a').join(',')}\n1\n`), kinds: ['duplicate-column'] }, // + 1 ragged row, counted after the stored ones
    { name: 'gzip.csv', bytes: gzipSync(Buffer.from(csv.repeat(50))), kinds: ['binary', 'encoding'] },
  ];
}

const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

describe('hostile-input corpus through tables, outcomes and the document index', function () {
  this.timeout(120_000);
  let dir: string;
  let files: ReturnType<typeof regularFiles>;
  const hashes = new Map<string, string>();

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-corpus-'));
    files = regularFiles();
    for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.bytes);
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.csv')]).status, 0, 'mkfifo');
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.csv'));
    fs.symlinkSync('/dev/urandom', path.join(dir, 'urandom.tsv'));
    for (const f of files) hashes.set(f.name, sha(path.join(dir, f.name)));
  });

  after(() => {
    // every data file byte-identical, the special files still what they were
    for (const f of files) assert.equal(sha(path.join(dir, f.name)), hashes.get(f.name), `${f.name} was modified`);
    assert.ok(fs.lstatSync(path.join(dir, 'fifo.csv')).isFIFO());
    assert.equal(fs.readlinkSync(path.join(dir, 'zero.csv')), '/dev/zero');
    assert.deepEqual(fs.readdirSync(dir).sort(), [...files.map((f) => f.name), 'fifo.csv', 'urandom.tsv', 'zero.csv'].sort(), 'no file added');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('`iapt tables DIR` reads every regular file with its problems and skips the FIFO and device links (exit 2)', async () => {
    const run = await runCli(tables, [dir, '--format', 'json']);
    assert.equal(run.code, 2, 'skipped paths make exit code 2 ("a path or file that cannot be read; the others are still listed")');
    const json = JSON.parse(run.stdout) as { files: TableReport[]; errors: { path: string; message: string }[] };
    assert.deepEqual(json.files.map((f) => path.basename(f.path)).sort(), files.map((f) => f.name).sort());
    for (const f of files) {
      const report = json.files.find((r) => path.basename(r.path) === f.name)!;
      const kinds = new Set<string>(report.problems.map((p) => p.kind));
      for (const k of f.kinds) assert.ok(kinds.has(k), `${f.name}: expected a ${k} problem, got ${[...kinds].join(', ') || 'none'}`);
      if (f.kinds.length === 0) assert.equal(report.problemCount, 0, `${f.name}: ${JSON.stringify(report.problems)}`);
      for (const p of report.problems) assert.ok(p.line >= 1 && p.column >= 1 && p.message.length > 0, `${f.name}: ${JSON.stringify(p)}`);
    }
    const errors = new Map(json.errors.map((e) => [path.basename(e.path), e.message]));
    assert.match(errors.get('fifo.csv') ?? '', /not a regular file \(FIFO/);
    assert.match(errors.get('zero.csv') ?? '', /symbolic link out of the chosen folder/);
    assert.match(errors.get('urandom.tsv') ?? '', /symbolic link out of the chosen folder/);
    assert.equal(json.files.find((r) => r.path.endsWith('utf16le-bom.csv'))!.rows, 2, 'UTF-16 with a BOM is read');
    assert.equal(json.files.find((r) => r.path.endsWith('lone-cr.csv'))!.rows, 2, 'CR line ends are read');
    assert.equal(json.files.find((r) => r.path.endsWith('columns-100k.csv'))!.columns, WIDE);
  });

  it('`iapt tables` refuses a FIFO and a link to /dev/zero named directly (exit 2, no hang)', async () => {
    for (const name of ['fifo.csv', 'zero.csv']) {
      const run = await runCli(tables, [path.join(dir, name)]);
      assert.equal(run.code, 2, name);
      assert.match(run.stderr, /not a regular file \((FIFO|character device)/, name);
    }
  });

  it('`iapt outcomes DIR` computes from the readable referral tables, names the skipped files (exit 0)', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-corpus-out-'));
    const run = await runCli(outcomes, [dir, '--out', path.join(outDir, 'out.csv')]);
    fs.rmSync(outDir, { recursive: true, force: true });
    assert.equal(run.code, 0, run.stderr);
    // the well-formed referral tables (UTF-16 with BOM, CR line ends, header only) are read; the rest is ignored
    assert.match(run.stdout, /2 files are IDS101 \(`[^`]*lone-cr\.csv`, `[^`]*utf16le-bom\.csv`\)/);
    assert.match(run.stdout, /\(ignored .*gzip\.csv: not recognised as an IAPT table\)/);
    assert.match(run.stderr, /fifo\.csv: not a regular file \(FIFO/);
    assert.match(run.stderr, /zero\.csv: symbolic link out of the chosen folder/);
    assert.doesNotMatch(run.stderr + run.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no raw control characters printed');
  });

  it('`iapt outcomes FILE` on each corpus file: exit 0 with a report, 1 or 2 with a message, never a crash or hang', async () => {
    const readable = new Set(['utf16le-bom.csv', 'lone-cr.csv']); // well-formed referral tables (header-only is too short to recognise)
    for (const name of [...files.map((f) => f.name), 'fifo.csv', 'zero.csv']) {
      const run = await runCli(outcomes, [path.join(dir, name)]);
      const special = name === 'fifo.csv' || name === 'zero.csv'; // a file that cannot be read: 2
      assert.equal(run.code, readable.has(name) ? 0 : special ? 2 : 1, `${name}: ${run.stderr}`);
      if (run.code !== 0) assert.match(run.stderr, /No outcome tables|not a regular file|symbolic link|no such/, name);
      else assert.match(run.stdout, /^# IAPT outcomes/, name);
    }
  });

  it('the document index reads each file as the editor would give it, with the same problems', async () => {
    for (const f of files) {
      const text = f.bytes.toString('utf8'); // an editor document: invalid bytes already replaced by U+FFFD
      const index = buildCsvIndex(text, { file: f.name });
      const sliced = await buildCsvIndexAsync(text, { file: f.name, sliceChars: 4096 });
      assert.equal(sliced.recordCount, index.recordCount, f.name);
      assert.deepEqual(sliced.problems, index.problems, f.name);
      for (const k of f.kinds.filter((x) => x !== 'encoding' && !(f.name.startsWith('utf16') || f.name === 'gzip.csv' || f.name === 'binary.csv'))) {
        assert.ok(index.problems.some((p) => p.kind === k), `${f.name}: ${k}`);
      }
    }
  });
});
