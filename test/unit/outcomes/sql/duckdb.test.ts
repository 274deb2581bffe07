// The emitted DuckDB SQL, run over the same CSV folders, gives the engine's per-pathway columns exactly.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeOutcomes, outcomeCsvFields, thresholdsWith } from '../../../../src/core/outcomes';
import { listTableFiles, recogniseOutcomeTables } from '../../../../src/core/outcomes/discover';
import { emitOutcomeSql } from '../../../../src/core/outcomes/sql';
import { generateExtract } from '../../../../src/core/synth';
import { differences, duckdbRows, engineRows } from './duckdb';

const FIX = path.join(__dirname, '..', '..', '..', 'fixtures', 'outcomes');
const col = (name: string) => ['pathway_id', 'participant_id', 'referral_date', 'discharge_date', 'treatment_appointments', 'finished_course',
  'presenting_complaint', 'anxiety_measure', 'phq9_first', 'phq9_last', 'anxiety_first', 'anxiety_last', 'caseness', 'recovery',
  'reliable_improvement', 'reliable_deterioration', 'no_reliable_change', 'reliable_recovery'].indexOf(name);

describe('outcome SQL (DuckDB) agrees with the engine', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-sql-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const layout of ['nhs', 'ukllc'] as const) {
    it(`on a generated ${layout} extract (every pathway, every column)`, async () => {
      const dir = path.join(tmp, `clean-${layout}`);
      await generateExtract({ out: dir, referrals: 1200, seed: `sql-${layout}`, layout, defects: 0, corruptDerived: 0 });
      const engine = await engineRows(dir);
      const sql = await duckdbRows(dir, layout);
      assert.equal(sql.length, engine.length);
      assert.deepEqual(differences(engine, sql), []);
      assert.deepEqual(sql.map((r) => r[0]), engine.map((r) => r[0]), 'same pathways in the same (referral file) order');
      // the comparison covers every outcome: finished and not, each flag both ways, several anxiety measures
      const finished = engine.filter((r) => r[col('finished_course')] === 'true');
      assert.ok(finished.length > 100, `finished ${finished.length}`);
      for (const f of ['caseness', 'recovery', 'reliable_improvement', 'reliable_deterioration', 'no_reliable_change', 'reliable_recovery']) {
        const values = new Set(finished.map((r) => r[col(f)]));
        assert.ok(values.has('true') && values.has('false'), `${f}: ${[...values]}`);
      }
      assert.ok(new Set(engine.map((r) => r[col('anxiety_measure')])).size >= 4);
    });

    it(`on a generated ${layout} extract with planted defects (bad dates, orphans, unknown codes, broken rows)`, async () => {
      const dir = path.join(tmp, `defects-${layout}`);
      await generateExtract({ out: dir, referrals: 800, seed: `sql-defects-${layout}`, layout, defects: 0.03, corruptDerived: 0.05 });
      // DuckDB refuses a file whose last quote is never closed (the engine reports it and reads on): that row goes
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { defects: { kind: string; file: string; line: number }[] };
      for (const x of manifest.defects.filter((y) => y.kind === 'unclosed_quote')) {
        const file = path.join(dir, x.file);
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        lines.splice(x.line - 1, 1);
        fs.writeFileSync(file, lines.join('\n'));
      }
      assert.ok(manifest.defects.length > 100);
      const engine = await engineRows(dir);
      const sql = await duckdbRows(dir, layout);
      assert.deepEqual(differences(engine, sql), []);
      assert.equal(sql.length, engine.length);
    });
  }

  it('de-duplicates UK LLC extract periods like the engine (rows of earlier extracts are dropped)', async () => {
    const dir = path.join(tmp, 'clean-ukllc');
    const found = await recogniseOutcomeTables(listTableFiles([dir]).files);
    const r = await computeOutcomes(found.tables);
    assert.ok(r.stats.earlierExtractRows > 1000, `earlier-extract rows ${r.stats.earlierExtractRows}`);
    // counting the care contacts of every extract period would give more treatment appointments than the SQL does
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`SET file_search_path = '${dir}'`);
    const raw = await con.runAndReadAll("SELECT count(*) FROM read_csv('IAPT_care_activities.csv', all_varchar = true)");
    const sqlRows = await duckdbRows(dir, 'ukllc');
    const total = sqlRows.reduce((n, row) => n + Number(row[col('treatment_appointments')]), 0);
    assert.ok(Number(raw.getRows()[0][0]) > total * 1.5);
    assert.deepEqual(differences(r.pathways.map(outcomeCsvFields), sqlRows), []);
    con.closeSync();
  });

  for (const folder of fs.readdirSync(FIX).filter((f) => fs.statSync(path.join(FIX, f)).isDirectory())) {
    it(`on the outcome fixture ${folder}`, async () => {
      const dir = path.join(FIX, folder);
      const layout = fs.readdirSync(dir).some((f) => /^IDS101/i.test(f)) ? 'nhs' : 'ukllc';
      const engine = await engineRows(dir);
      const sql = await duckdbRows(dir, layout);
      assert.ok(engine.length > 0);
      assert.deepEqual(differences(engine, sql), []);
      assert.equal(sql.length, engine.length);
    });
  }

  it('follows threshold overrides (the SQL is generated from the same threshold data)', async () => {
    const dir = path.join(tmp, 'clean-nhs');
    const thresholds = thresholdsWith({ 'PHQ-9': { caseness: { comparison: '>', value: 14 }, reliableChange: 3 }, 'GAD-7': { reliableChange: 7 } });
    const found = await recogniseOutcomeTables(listTableFiles([dir]).files);
    const engine = (await computeOutcomes(found.tables, { thresholds })).pathways.map(outcomeCsvFields);
    const builtin = await engineRows(dir);
    assert.notDeepEqual(engine.map((r) => r[col('recovery')]), builtin.map((r) => r[col('recovery')]), 'the override changes outcomes');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`SET file_search_path = '${dir}'`);
    const rows = (await con.runAndReadAll(emitOutcomeSql({ dialect: 'duckdb', layout: 'nhs', thresholds }))).getRows()
      .map((r) => r.map((v) => (v === null ? '' : String(v))));
    con.closeSync();
    assert.deepEqual(differences(engine, rows), []);
  });
});
