// Property: shuffling the rows of every table of an extract leaves every per-pathway verdict unchanged (issue 13
// item 6), in both layouts. The extracts are generated, then made harder: conflicting copies of contact, score and
// complaint rows are appended (a DNA/attended pair, two values of one score on one untimed date, a second
// significance), so the tie rules are exercised, not only the de-duplication.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCsvText } from '../../../src/core/csv';
import { computeOutcomes, outcomeCsvFields, type OutcomeResult } from '../../../src/core/outcomes';
import { generateExtract } from '../../../src/core/synth';

/** mulberry32: a small seeded generator, so each shuffle is reproducible */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

interface Table { header: string[]; rows: string[][] }
function read(file: string): Table {
  const p = parseCsvText(fs.readFileSync(file, 'utf8'), { file });
  return { header: p.header, rows: p.records.map((r) => [...r.fields]) };
}
function write(file: string, t: Table): void {
  fs.writeFileSync(file, [t.header, ...t.rows].map((r) => r.map(quote).join(',')).join('\n') + '\n');
}

/** conflicting copies of some rows (column names matched case-insensitively, so both layouts work) */
function harden(t: Table): void {
  const col = (n: string) => t.header.findIndex((h) => h.toLowerCase() === n.toLowerCase());
  const attend = col('AttendOrDNACode'); const score = col('PersScore'); const time = col('AssToolCompTime');
  const act = col('CareActId'); const sig = col('PresCompCodSig');
  const extra: string[][] = [];
  t.rows.forEach((r, i) => {
    if (attend >= 0 && i % 7 === 0) extra.push(r.map((v, j) => (j === attend ? (v === '5' ? '3' : '5') : v)));
    if (score >= 0 && act >= 0 && r[act] === '' && i % 5 === 0 && /^\d+$/.test(r[score])) {
      // a referral-level score written twice on one date without a time, with two values
      if (time >= 0) r[time] = '';
      extra.push(r.map((v, j) => (j === score ? String(Math.max(0, Number(v) - 1)) : v)));
    }
    if (sig >= 0 && i % 3 === 0) extra.push(r.map((v, j) => (j === sig ? (v === '1' ? '2' : '1') : v)));
  });
  t.rows.push(...extra);
}

const verdicts = (r: OutcomeResult) => new Map(r.pathways.map((p) => [p.pathwayId, [...outcomeCsvFields(p), p.notes.join('|')].join(',')]));

describe('property: row order never changes a verdict', function () {
  this.timeout(180_000);
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-shuffle-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const layout of ['nhs', 'ukllc'] as const) {
    it(`${layout}: three seeded shuffles of every table give the same per-pathway verdicts`, async () => {
      const base = path.join(tmp, `${layout}-base`);
      await generateExtract({ out: base, referrals: 200, seed: `shuffle-${layout}`, layout, defects: 0, corruptDerived: 0.1 });
      const files = fs.readdirSync(base).filter((f) => f.endsWith('.csv'));
      const tables = new Map(files.map((f) => [f, read(path.join(base, f))]));
      for (const t of tables.values()) harden(t);
      const run = async (dir: string, order: (t: Table) => Table) => {
        fs.mkdirSync(dir, { recursive: true });
        for (const [f, t] of tables) write(path.join(dir, f), order(t));
        return computeOutcomes(files.map((f) => ({ path: path.join(dir, f), name: f, layout, tableId: f.replace(/\.csv$/, '') })));
      };
      const reference = await run(path.join(tmp, `${layout}-ref`), (t) => t);
      const want = verdicts(reference);
      assert.ok(reference.summary.finished > 40, 'enough finished pathways to mean something');
      assert.ok(reference.issues.some((g) => g.kind === 'conflicting care contact rows'), 'the hardening created conflicts');

      for (const seed of [1, 2, 3]) {
        const next = rng(seed);
        const shuffled = await run(path.join(tmp, `${layout}-${seed}`), (t) => {
          const rows = [...t.rows];
          for (let i = rows.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [rows[i], rows[j]] = [rows[j], rows[i]]; }
          return { header: t.header, rows };
        });
        const got = verdicts(shuffled);
        const diff = [...want].filter(([id, v]) => got.get(id) !== v).map(([id, v]) => `${id}\n  want ${v}\n  got  ${got.get(id)}`);
        assert.deepEqual(diff.slice(0, 5), [], `seed ${seed}`);
        assert.equal(got.size, want.size);
        assert.deepEqual(shuffled.summary, reference.summary);
        assert.equal(shuffled.stats.rowsIgnored, reference.stats.rowsIgnored, 'the same rows are ignored');
      }
    });
  }
});
