// `iapt outcomes` as a new user meets it: what it wrote, one extract at a time, empty and missing inputs.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cannotWrite } from '../../../src/cli/errors';
import outcomes from '../../../src/cli/outcomes';
import { writeFileAtomic } from '../../../src/core/outcomes';
import { runCli, runMain } from './run';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'outcomes');
const ROOT = path.join(__dirname, '..', '..', '..');

describe('cli/outcomes: what the user reads', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-cli-out-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('ends with every file written and its row count', async () => {
    const out = path.join(tmp, 'o.csv'); const sum = path.join(tmp, 's.json'); const dis = path.join(tmp, 'd.csv');
    const r = await runCli(outcomes, [path.join(FIX, 'nhs'), '--out', out, '--summary', sum, '--disagreements', dis]);
    assert.equal(r.code, 0, r.stderr);
    // the fixture has 6 pathways (PW1-PW6); its NHS derived fields disagree with the recomputation once (Recovery_Flag)
    const csvRows = fs.readFileSync(out, 'utf8').trimEnd().split('\n').length - 1;
    const disRows = fs.readFileSync(dis, 'utf8').trimEnd().split('\n').length - 1;
    assert.equal(csvRows, 6);
    assert.equal(disRows, 1);
    assert.ok(r.stdout.endsWith(`\nwrote ${out} (6 rows)\nwrote ${sum} (summary of 6 pathways)\nwrote ${dis} (1 row)\n`), r.stdout.slice(-300));
  });

  it('without output files it writes nothing and says nothing about writing', async () => {
    const r = await runCli(outcomes, [path.join(FIX, 'nhs')]);
    assert.equal(r.code, 0);
    assert.ok(!/^wrote /m.test(r.stdout));
  });

  it('never merges separate extracts: both layouts stop with exit 2 and list each folder', async () => {
    const r = await runMain(['outcomes', path.join(FIX, 'nhs'), path.join(FIX, 'ukllc'), '--out', path.join(tmp, 'o.csv')]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines[0], 'iapt outcomes: the paths hold 2 separate extracts, which are never merged (tables of both layouts (NHS IDS and UK LLC)):');
    assert.match(lines[1], new RegExp(`^  ${path.join(FIX, 'nhs').replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')} \\(NHS IDS, 6 table files: IDS101, `));
    assert.match(lines[2], /^ {2}.*ukllc \(UK LLC, /);
    assert.equal(lines[3], `Give one extract at a time, e.g. iapt outcomes ${path.join(FIX, 'nhs')}`);
    assert.deepEqual(fs.readdirSync(tmp), [], 'nothing written');
  });

  it('never merges separate extracts: the same table in two folders stops with exit 2', async () => {
    const copy = path.join(tmp, 'copy');
    fs.mkdirSync(copy);
    fs.copyFileSync(path.join(FIX, 'nhs', 'IDS101.csv'), path.join(copy, 'IDS101.csv'));
    const r = await runMain(['outcomes', path.join(FIX, 'nhs'), copy]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /2 separate extracts, which are never merged \(the same table in several folders: IDS101 in /);
  });

  it('one extract over sub-folders, each table once, is computed', async () => {
    for (const [sub, t] of [['a', 'IDS101'], ['a', 'IDS201'], ['b', 'IDS202'], ['b', 'IDS603'], ['c', 'IDS606'], ['c', 'IDS607']]) {
      fs.mkdirSync(path.join(tmp, sub), { recursive: true });
      fs.copyFileSync(path.join(FIX, 'nhs', `${t}.csv`), path.join(tmp, sub, `${t}.csv`));
    }
    const split = await runCli(outcomes, [tmp]);
    const whole = await runCli(outcomes, [path.join(FIX, 'nhs')]);
    assert.equal(split.code, 0, split.stderr);
    const counts = (s: string) => s.slice(0, s.indexOf('| pathway | field'));
    assert.ok(counts(whole.stdout).includes('Pathways: 6;'));
    assert.equal(counts(split.stdout), counts(whole.stdout));
  });

  it('a missing path: one line, exit 2 (not a second "no tables" error)', async () => {
    const nope = path.join(tmp, 'nonexistent');
    const r = await runMain(['outcomes', nope]);
    assert.deepEqual([r.code, r.stderr], [2, `iapt outcomes: cannot read ${nope}: no such file or folder\n`]);
  });

  it('an empty folder: one message with the hint, exit 1', async () => {
    const r = await runMain(['outcomes', tmp]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.split('\n').length, 3, r.stderr);
    assert.match(r.stderr, /^iapt outcomes: no \.csv, \.tsv or \.txt files under .*\.\niapt reads \.csv, \.tsv and \.txt files .*header row/);
  });

  it('a write that fails inside writeFileAtomic is reported with the target, never the temporary file', async () => {
    const target = path.join(tmp, 'gone', 's.json');
    let raw: unknown;
    await writeFileAtomic(target, ['{}']).catch((e) => { raw = e; });
    // core/files names the target itself (issue 12), never the temporary file
    assert.ok(raw instanceof Error && !/\.tmp/.test(raw.message) && raw.message.includes(target), 'the error names the target');
    assert.equal(cannotWrite(target, raw).message, `cannot write ${target}: folder does not exist`);
    const dir = path.join(tmp, 'd');
    fs.mkdirSync(dir);
    let eisdir: unknown;
    await writeFileAtomic(dir, ['{}']).catch((e) => { eisdir = e; });
    assert.equal(cannotWrite(dir, eisdir).message, `cannot write ${dir}: is a folder (give a file name)`);
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['d']);
    assert.deepEqual(fs.readdirSync(dir), [], 'no temporary file left');
  });

  it('the README quotes the summary error exactly as the CLI prints it', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes('iapt outcomes: cannot write /no/such/dir/s.json: folder does not exist'));
  });
});
