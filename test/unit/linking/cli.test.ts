// `iapt pathway --id` against an independent scan of generated extracts: papaparse reads every file and the rows of
// a pathway are picked by their key columns (PathwayID; CareContactId / CareActId chains; UK LLC pathwayid), the
// UK LLC kept mark recomputed here from its definition (latest extract_end_date per pathway per financial year).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import command from '../../../src/cli/pathway';
import { generateExtract } from '../../../src/core/synth';
import { runCli } from '../cli/run';
import { nhsExtract, tempDir } from './fixtures';

interface Table { name: string; header: string[]; rows: string[][] }

function readAll(dir: string): Table[] {
  return fs.readdirSync(dir).filter((n) => n.endsWith('.csv')).sort().map((name) => {
    const parsed = Papa.parse<string[]>(fs.readFileSync(path.join(dir, name), 'utf8'), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    return { name, header, rows };
  });
}
const col = (t: Table, name: string) => t.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());

/** financial year (April–March) of a YYYY-MM-DD date */
const fy = (d: string) => (Number(d.slice(5, 7)) >= 4 ? Number(d.slice(0, 4)) : Number(d.slice(0, 4)) - 1);

/** file:line → kept, for every row of the pathway (line = row index + 2: generated files have no blank or multi-line rows) */
function expectedRows(tables: Table[], pathwayId: string, layout: 'nhs' | 'ukllc'): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const contacts = new Set<string>(); const activities = new Set<string>();
  if (layout === 'nhs') {
    for (const t of tables) {
      const pw = col(t, 'PathwayID'); const cc = col(t, 'CareContactId'); const ca = col(t, 'CareActId');
      if (t.name === 'IDS201.csv') t.rows.forEach((r) => { if (r[pw] === pathwayId) contacts.add(r[cc]); });
      if (t.name === 'IDS202.csv') t.rows.forEach((r) => { if (contacts.has(r[cc])) activities.add(r[ca]); });
    }
  }
  for (const t of tables) {
    const pw = col(t, layout === 'nhs' ? 'PathwayID' : 'pathwayid');
    const cc = col(t, 'CareContactId'); const ca = col(t, 'CareActId');
    const start = col(t, 'extract_start_date'); const end = col(t, 'extract_end_date');
    const belongs = (r: string[]) => (pw >= 0 && r[pw] !== '' ? r[pw] === pathwayId
      : t.name !== 'IDS201.csv' && cc >= 0 && r[cc] !== '' ? contacts.has(r[cc])
        : t.name !== 'IDS202.csv' && ca >= 0 && r[ca] !== '' ? activities.has(r[ca]) : false);
    const latest = new Map<number, string>();
    if (layout === 'ukllc' && end >= 0) {
      for (const r of t.rows) if (belongs(r)) { const y = fy(r[start]); if ((latest.get(y) ?? '') < r[end]) latest.set(y, r[end]); }
    }
    t.rows.forEach((r, i) => {
      if (!belongs(r)) return;
      out.set(`${t.name}:${i + 2}`, layout === 'ukllc' && end >= 0 ? latest.get(fy(r[start])) === r[end] : true);
    });
  }
  return out;
}

interface JsonView {
  participant_id: string | null;
  pathways: { pathway_id: string; tables: Record<string, { file: string; line: number; kept: boolean; extract_end_date: string | null; fields: Record<string, string> }[]> }[];
  participant_tables: Record<string, { file: string; line: number }[]>;
  unlinked: { file: string; line: number; reason: string }[];
}

for (const layout of ['nhs', 'ukllc'] as const) {
  describe(`iapt pathway --id on a generated ${layout} extract`, function () {
    this.timeout(120_000);
    let dir: string;
    let tables: Table[];
    before(async () => {
      dir = tempDir('iapt-pathway-cli-');
      await generateExtract({ out: dir, referrals: 400, seed: '9', layout });
      tables = readAll(dir);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('returns exactly the records that belong to the pathway, with the kept mark, for every 20th pathway', async () => {
      const ref = tables.find((t) => t.name === (layout === 'nhs' ? 'IDS101.csv' : 'IAPT_demographics_and_referral.csv'))!;
      const pwCol = col(ref, layout === 'nhs' ? 'PathwayID' : 'pathwayid');
      const ptCol = col(ref, layout === 'nhs' ? 'Person_ID' : 'cohortkey_e');
      const ids = [...new Set(ref.rows.map((r) => r[pwCol]))].filter((_, i) => i % 20 === 0);
      assert.ok(ids.length >= 15);
      let rows = 0; let superseded = 0;
      for (const id of ids) {
        const run = await runCli(command, [dir, '--id', id, '--format', 'json']);
        assert.equal(run.code, 0, run.stderr);
        const view = JSON.parse(run.stdout) as JsonView;
        assert.equal(view.participant_id, ref.rows.find((r) => r[pwCol] === id)![ptCol]);
        assert.deepEqual(view.pathways.map((p) => p.pathway_id), [id]);
        const got = new Map<string, boolean>();
        for (const [table, recs] of Object.entries(view.pathways[0].tables)) {
          for (const r of recs) {
            got.set(`${path.basename(r.file)}:${r.line}`, r.kept);
            // the fields are the file's row, column by column
            const t = tables.find((x) => x.name === path.basename(r.file))!;
            assert.deepEqual(Object.values(r.fields), t.rows[r.line - 2], `${table} ${r.line}`);
          }
        }
        const expected = expectedRows(tables, id, layout);
        assert.deepEqual([...got].sort(), [...expected].sort(), id);
        rows += got.size;
        superseded += [...got.values()].filter((k) => !k).length;
      }
      assert.ok(rows > ids.length * 5, `a pathway has rows in several tables (${rows})`);
      if (layout === 'ukllc') assert.ok(superseded > 0, 'UK LLC pathways repeat rows across extract periods');
    });

    it('a participant ID gives all of their pathways and their participant-level rows', async () => {
      const ref = tables.find((t) => t.name === (layout === 'nhs' ? 'IDS101.csv' : 'IAPT_demographics_and_referral.csv'))!;
      const pwCol = col(ref, layout === 'nhs' ? 'PathwayID' : 'pathwayid');
      const ptCol = col(ref, layout === 'nhs' ? 'Person_ID' : 'cohortkey_e');
      const counts = new Map<string, Set<string>>();
      for (const r of ref.rows) counts.set(r[ptCol], (counts.get(r[ptCol]) ?? new Set()).add(r[pwCol]));
      const [person, pathways] = [...counts].find(([, s]) => s.size >= 2)!;
      const run = await runCli(command, [dir, '--id', person, '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const view = JSON.parse(run.stdout) as JsonView;
      assert.equal(view.participant_id, person);
      assert.deepEqual(view.pathways.map((p) => p.pathway_id).sort(), [...pathways].sort());
      // participant-level rows: tables without a pathway column, by participant key
      const expected: string[] = [];
      for (const t of tables) {
        if (col(t, layout === 'nhs' ? 'PathwayID' : 'pathwayid') >= 0) continue;
        const pc = col(t, layout === 'nhs' ? 'Person_ID' : 'cohortkey_e');
        t.rows.forEach((r, i) => { if (r[pc] === person) expected.push(`${t.name}:${i + 2}`); });
      }
      const got = Object.values(view.participant_tables).flat().map((r) => `${path.basename(r.file)}:${r.line}`);
      assert.deepEqual(got.sort(), expected.sort());
      assert.deepEqual(view.unlinked, []);
    });
  });
}

describe('iapt pathway: exit codes and text', () => {
  let dir: string;
  before(() => { dir = tempDir(); nhsExtract(dir); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 1 when the ID is in no table, 2 on usage and I/O errors', async () => {
    assert.equal((await runCli(command, [dir, '--id', 'PW404'])).code, 1);
    assert.equal((await runCli(command, [dir])).code, 2);
    assert.equal((await runCli(command, ['--id', 'PW1'])).code, 2);
    assert.equal((await runCli(command, [dir, '--id', 'PW1', '--format', 'xml'])).code, 2);
    const missing = await runCli(command, [path.join(dir, 'nope'), '--id', 'PW1']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder/);
  });

  it('names a file with reading problems (file, line, column) on stderr and still answers from the rest', async () => {
    const bad = tempDir();
    try {
      nhsExtract(bad);
      fs.appendFileSync(path.join(bad, 'IDS201.csv'), 'CC9,SR1,PW1,P1,2023-06-01,02,5\n'); // line 9: one field short
      const run = await runCli(command, [bad, '--id', 'PW1', '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /IDS201\.csv: 1 reading problem\(s\), first at line 9, column \d+: .*row has 7 fields, header has 8/);
      const view = JSON.parse(run.stdout) as JsonView;
      assert.deepEqual(view.pathways[0].tables.IDS201.map((r) => r.line), [2, 3, 9], 'the short row is still linked, not dropped');
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it('prints decoded values beside codes and the unlinked rows with reasons; control characters made visible', async () => {
    const run = await runCli(command, [dir, '--id', 'P1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Pathway PW1 {2}2023-04-12 → 2023-09-01 {2}Mutually agreed completion of treatment/);
    assert.match(run.stdout, /AppType: 02 — Treatment/);
    assert.match(run.stdout, /IDS201: PathwayID "PW9" is in no referral file/);
    assert.match(run.stdout, /PathwayID: PW\\u00071/, 'the BEL in the malformed key is shown escaped');
    assert.doesNotMatch(run.stdout, /\u0007/);
    assert.match(run.stdout, /IDS001 \(participant-level, 1 row\)/);
  });
});
