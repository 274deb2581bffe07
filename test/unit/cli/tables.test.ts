import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import tables, { visible } from '../../../src/cli/tables';
import { formatCsvRow } from '../../../src/core/csv';
import { builtinDictionary } from '../../../src/core/dictionary';
import { runCli } from './run';

const FIX = path.join(__dirname, '../../fixtures/csv');
const dict = builtinDictionary();

describe('cli/tables', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-tables-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists CSV/TSV/TXT files under a folder with table, layout, version, rows, columns and problems (JSON)', async () => {
    const r = await runCli(tables, [path.join(FIX, 'iapt'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.errors, []);
    assert.deepEqual(j.files.map((f: { path: string }) => path.relative(FIX, f.path)), [
      'iapt/IDS101_referrals.csv',
      'iapt/nested/nhsd.IAPT_coded_scored_assessments_v0003.tsv',
      'iapt/nested/not-iapt.csv',
    ]);
    const [ids101, ukllc, other] = j.files;
    assert.deepEqual([ids101.table, ids101.layout, ids101.version, ids101.rows, ids101.columns], ['IDS101', 'nhs', '2.1', 3, 7]);
    assert.deepEqual(ids101.unrecognised, ['LocalNote']);
    assert.deepEqual(ids101.versionEvidence, { '2.0': [], '2.1': ['SourceOfReferralIAPT'] });
    assert.equal(ids101.recognised.length, 6);
    assert.equal(ids101.problemCount, 1);
    assert.deepEqual([ids101.problems[0].kind, ids101.problems[0].line, ids101.problems[0].column], ['ragged-row', 4, 21]);
    assert.deepEqual([ukllc.table, ukllc.layout, ukllc.delimiter, ukllc.rows], ['IAPT_coded_scored_assessments', 'ukllc', '\t', 2]);
    assert.deepEqual([other.table, other.layout, other.rows], [null, null, 1]);
    // stable output
    assert.equal((await runCli(tables, [path.join(FIX, 'iapt'), '--format', 'json'])).stdout, r.stdout);
  });

  it('prints aligned, readable text with problems as file:line:column', async () => {
    const r = await runCli(tables, [path.join(FIX, 'iapt', 'IDS101_referrals.csv'), path.join(FIX, 'ragged.csv')]);
    assert.equal(r.code, 0);
    const ids = path.join(FIX, 'iapt/IDS101_referrals.csv');
    assert.ok(r.stdout.includes(`${ids}\n  table        IDS101 Service or team referral\n  layout       nhs (NHS IDS table), version 2.1 (from SourceOfReferralIAPT), score`), r.stdout);
    assert.ok(r.stdout.includes('  unrecognised 1: LocalNote\n'));
    assert.ok(r.stdout.includes(`    ${ids}:4:21 ragged-row:`));
    assert.ok(r.stdout.includes(`${path.join(FIX, 'ragged.csv')}\n  table        not recognised as an IAPT table`));
    assert.match(r.stdout, /\n\n2 files, 1 recognised as IAPT tables\n$/);
  });

  it('labels each extract when the paths hold several (both layouts) and never merges their summary', async () => {
    const r = await runCli(tables, [path.join(FIX, 'iapt'), path.join(FIX, 'ragged.csv')]);
    assert.equal(r.code, 0);
    const nested = path.join(FIX, 'iapt', 'nested');
    assert.ok(r.stdout.startsWith(`== extract 1 of 2: ${path.join(FIX, 'iapt')} (NHS IDS, 1 table file: IDS101) ==\n`), r.stdout);
    assert.ok(r.stdout.includes(`== extract 2 of 2: ${nested} (UK LLC, 1 table file: IAPT_coded_scored_assessments) ==`), r.stdout);
    assert.ok(r.stdout.includes('ukllc (UK LLC themed table), version unknown (no version-specific columns)'), r.stdout);
    assert.ok(r.stdout.includes('extract 1: 1 table file, 3 rows\n'), r.stdout);
    assert.ok(r.stdout.includes('extract 2: 1 table file, 2 rows\n'), r.stdout);
    // the unrecognised files come after the extracts, outside them
    const notRec = r.stdout.indexOf('== not recognised as IAPT tables ==');
    assert.ok(notRec > r.stdout.indexOf('extract 2: 1 table file'), r.stdout);
    assert.ok(r.stdout.indexOf(path.join(nested, 'not-iapt.csv')) > notRec);
    assert.match(r.stdout, /4 files, 2 recognised as IAPT tables, in 2 separate extracts \(tables of both layouts \(NHS IDS and UK LLC\)\): summarised per extract, never merged\n$/);
    const j = JSON.parse((await runCli(tables, [path.join(FIX, 'iapt'), '--format', 'json'])).stdout);
    assert.deepEqual(j.extracts, [
      { folder: path.join(FIX, 'iapt'), layout: 'nhs', files: [path.join(FIX, 'iapt', 'IDS101_referrals.csv')] },
      { folder: nested, layout: 'ukllc', files: [path.join(nested, 'nhsd.IAPT_coded_scored_assessments_v0003.tsv')] },
    ]);
  });

  it('survives every malformed fixture (binary, empty, unclosed quote) and counts its problems', async () => {
    const r = await runCli(tables, [FIX, '--format', 'json']);
    assert.equal(r.code, 0);
    const byName = new Map(JSON.parse(r.stdout).files.map((f: { path: string }) => [path.basename(f.path), f]));
    assert.ok(byName.has('pipe.txt') && byName.has('tab.tsv') && byName.has('binary.csv'));
    const get = (n: string) => byName.get(n) as { rows: number; problemCount: number; problems: { kind: string }[] };
    assert.deepEqual([get('empty.csv').rows, get('empty.csv').problems[0].kind], [0, 'empty-file']);
    assert.ok(get('binary.csv').problems.some((p) => p.kind === 'binary'));
    assert.deepEqual([get('unclosed-quote.csv').rows, get('unclosed-quote.csv').problems[0].kind], [3, 'unclosed-quote']);
  });

  it('recognises a file of every table in both layouts', async () => {
    const expected = new Map<string, string>();
    for (const t of dict.tables) {
      const header = t.fields.map((f) => f.name);
      const file = path.join(dir, 'nhs', `${t.id.toLowerCase()}.csv`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, formatCsvRow(header) + '\r\n' + formatCsvRow(header.map(() => 'x')) + '\r\n');
      expected.set(file, t.id);
    }
    for (const u of dict.ukllcTables) {
      const names = new Set(['cohortkey_e', 'extract_start_date', 'extract_end_date']);
      for (const id of u.nhsTables) for (const f of dict.table(id)!.fields) names.add(f.ukllcName);
      const file = path.join(dir, 'ukllc', `part_${u.nhsTables.length}_${u.name.length}.tsv`); // no table name in the file name
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, [...names].join('\t') + '\n' + [...names].map(() => '1').join('\t') + '\n');
      expected.set(file, u.name);
    }
    const r = await runCli(tables, [dir, '--format', 'json']);
    assert.equal(r.code, 0);
    const files = JSON.parse(r.stdout).files as { path: string; table: string; layout: string; rows: number }[];
    assert.equal(files.length, 30);
    for (const f of files) {
      assert.equal(f.table, expected.get(f.path), f.path);
      assert.equal(f.layout, f.path.includes(`${path.sep}ukllc${path.sep}`) ? 'ukllc' : 'nhs');
      assert.equal(f.rows, 1);
    }
  });

  it('skips node_modules and .git and files of other types', async () => {
    const root = path.join(dir, 'skip');
    for (const sub of ['node_modules', '.git', 'keep']) {
      fs.mkdirSync(path.join(root, sub), { recursive: true });
      fs.writeFileSync(path.join(root, sub, 'a.csv'), 'a,b\n1,2\n');
    }
    fs.writeFileSync(path.join(root, 'keep', 'b.json'), '{}');
    const j = JSON.parse((await runCli(tables, [root, '--format', 'json'])).stdout);
    assert.deepEqual(j.files.map((f: { path: string }) => path.relative(root, f.path)), [path.join('keep', 'a.csv')]);
  });

  it('stops with exit 2 and one line naming a path that does not exist', async () => {
    const missing = path.join(dir, 'missing.csv');
    const r = await runCli(tables, [missing, path.join(FIX, 'pipe.txt')]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `cannot read ${missing}: no such file or folder`);
  });

  it('an empty folder: one message with the hint of what is read (exit 1)', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'notes.json'), '{}');
    const r = await runCli(tables, [empty]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.startsWith(`no .csv, .tsv or .txt files under ${empty}.\niapt reads .csv, .tsv and .txt files`), r.stderr);
    assert.match(r.stderr, /recognises each by its header row: NHS IDS tables .*IDS101.* or UK LLC themed tables/);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await runCli(tables, [])).code, 2);
    assert.equal((await runCli(tables, [FIX, '--format', 'yaml'])).code, 2);
  });

  it('never lets file content drive the terminal', async () => {
    const file = path.join(dir, 'evil.csv');
    fs.writeFileSync(file, 'EndCode,"\u001b[31mred\u0007",ServDischDate,PathwayID\n46,x,2023-01-01,P1\n');
    const r = await runCli(tables, [file]);
    assert.ok(!r.stdout.includes('\u001b'));
    assert.ok(r.stdout.includes('\\u001b[31mred\\u0007'));
    assert.equal(visible('a\tb\nc'), 'a\\tb\\nc');
  });
});
