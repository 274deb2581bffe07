// Issue 12 item 1: header handling is linear in the header's length. These headers took ~35 s (200 KB of
// duplicate names, document index) and minutes (100,000 columns, streaming reader + CLI) when each column's
// position was found by re-scanning from the record start. The bounds are generous (a minutes-long hang fails;
// a slow machine does not).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCsvIndex, MAX_STORED_PROBLEMS, openCsvFile, parseCsvText } from '../../../src/core/csv';
import tables from '../../../src/cli/tables';
import { runCli } from '../cli/run';

const BOUND_MS = 10_000;
const COLUMNS = 100_000;

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = Date.now();
  const value = f();
  return { value, ms: Date.now() - t0 };
}

describe('csv: headers with 100,000 columns (linear time)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-hdr-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('indexes a 200 KB header of one duplicated name, counting every duplicate, with positions from a forward walk', () => {
    const text = `${Array(COLUMNS).fill('a').join(',')}\n1,2\n`;
    const { value: index, ms } = timed(() => buildCsvIndex(text));
    assert.ok(ms < BOUND_MS, `took ${ms} ms`);
    // columns 2..100000 duplicate column 1, plus one ragged data row
    assert.equal(index.problemCount, COLUMNS - 1 + 1);
    assert.equal(index.problems.length, MAX_STORED_PROBLEMS + 1);
    // column of the k-th name is 2k-1 (one char + comma each): independent arithmetic
    const second = index.problems[0];
    assert.deepEqual([second.kind, second.line, second.column, second.field], ['duplicate-column', 1, 3, 2]);
    const last = index.problems[MAX_STORED_PROBLEMS - 1];
    assert.deepEqual([last.line, last.column, last.field], [1, 2 * (MAX_STORED_PROBLEMS + 1) - 1, MAX_STORED_PROBLEMS + 1]);
    const parsed = timed(() => parseCsvText(text));
    assert.ok(parsed.ms < BOUND_MS, `parse took ${parsed.ms} ms`);
    assert.equal(parsed.value.problemCount, COLUMNS);
  });

  it('reports empty names over a multi-line quoted header at the right line and column', () => {
    // header: "x\ny",,"" then 100k empty names; the 2nd column starts on line 2 after 'y",'
    const text = `"x\ny",${Array(COLUMNS).fill('').join(',')}\n`;
    const p = parseCsvText(text);
    assert.deepEqual([p.problems[0].kind, p.problems[0].line, p.problems[0].column], ['empty-column-name', 2, 4]);
    assert.deepEqual([p.problems[1].line, p.problems[1].column], [2, 5]);
  });

  it('streams a 100,000-column header file (distinct names) and `iapt tables` reports it', async () => {
    const file = path.join(dir, 'wide.csv');
    const names = Array.from({ length: COLUMNS }, (_, k) => `c${k}`);
    names[COLUMNS - 1] = '';
    fs.writeFileSync(file, `${names.join(',')}\n${names.map((_, k) => k).join(',')}\n`);
    const t0 = Date.now();
    const csv = await openCsvFile(file);
    let rows = 0;
    for await (const b of csv.batches) rows += b.length;
    assert.equal(rows, 1);
    assert.equal(csv.header.length, COLUMNS);
    const width = names.slice(0, -1).join(',').length + 1; // offset of the last (empty) name
    assert.deepEqual(csv.problems.map((p) => [p.kind, p.line, p.column, p.field]), [['empty-column-name', 1, width + 1, COLUMNS]]);
    const run = await runCli(tables, [file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1 file, 0 recognised/);
    const ms = Date.now() - t0;
    assert.ok(ms < BOUND_MS, `took ${ms} ms`);
  });
});
