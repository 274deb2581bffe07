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
    const r = await runCli(tables, [path.join(FIX, 'iapt'), path.join(FIX, 'ragged.csv')]);
    assert.equal(r.code, 0);
    const ids = path.join(FIX, 'iapt/IDS101_referrals.csv');
    assert.ok(r.stdout.includes(`${ids}\n  table        IDS101 Service or team referral\n  layout       nhs (NHS IDS table), version 2.1 (from SourceOfReferralIAPT), score`), r.stdout);
    assert.ok(r.stdout.includes('ukllc (UK LLC themed table), version unknown (no version-specific columns)'), r.stdout);
    assert.ok(r.stdout.includes('  unrecognised 1: LocalNote\n'));
    assert.ok(r.stdout.includes(`    ${ids}:4:21 ragged-row:`));
    assert.ok(r.stdout.includes(`${path.join(FIX, 'ragged.csv')}\n  table        not recognised as an IAPT table`));
    assert.match(r.stdout, /4 files, 2 recognised as IAPT tables\n$/);
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

  it('exits 1 when a path cannot be read, after reporting the others', async () => {
    const missing = path.join(dir, 'missing.csv');
    const r = await runCli(tables, [missing, path.join(FIX, 'pipe.txt')]);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes('pipe.txt'));
    assert.equal(r.stderr, `iapt tables: ${missing}: no such file or folder\n`);
    const j = JSON.parse((await runCli(tables, [missing, '--format', 'json'])).stdout);
    assert.deepEqual(j.errors, [{ path: missing, message: 'no such file or folder' }]);
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
