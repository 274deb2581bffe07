// factsFromLinkedPathway: one pathway's linked rows → facts with file:line. The per-pathway API on those facts must
// give the streaming engine's verdict for every pathway (same rules, two entry points), in both layouts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCsvText } from '../../../src/core/csv';
import type { LinkedPathway, LinkedRecord } from '../../../src/core/linking/types';
import {
  builtinThresholds, computeOutcomes, computePathwayOutcome, explainPathwayScores, factsFromLinkedPathway, outcomeCsvFields,
} from '../../../src/core/outcomes';
import { generateExtract } from '../../../src/core/synth';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'outcomes');
const t = builtinThresholds();

/** every row of every table grouped by its PathwayID column (what the workspace index hands over) */
function linked(dir: string, layout: 'nhs' | 'ukllc'): Map<string, LinkedPathway> {
  const out = new Map<string, LinkedPathway>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.csv')).sort()) {
    const file = path.join(dir, f);
    const tableId = f.replace(/\.csv$/, '');
    const p = parseCsvText(fs.readFileSync(file, 'utf8'), { file: f });
    const pw = p.header.findIndex((h) => h.toLowerCase() === 'pathwayid');
    if (pw < 0) continue;
    for (const r of p.records) {
      const id = r.fields[pw] ?? '';
      if (!id) continue;
      let lp = out.get(id);
      if (!lp) { lp = { pathwayId: id, participantId: null, layout, tables: {} }; out.set(id, lp); }
      const rec: LinkedRecord = {
        file, line: r.line, offset: 0, tableId, layout, extractEndDate: null, kept: true,
        fields: Object.fromEntries(p.header.map((h, i) => [h, r.fields[i] ?? ''])),
      };
      (lp.tables[tableId] ??= []).push(rec);
    }
  }
  return out;
}

async function agree(dir: string, layout: 'nhs' | 'ukllc'): Promise<number> {
  const files = fs.readdirSync(dir).filter((x) => x.endsWith('.csv'));
  const r = await computeOutcomes(files.map((f) => ({ path: path.join(dir, f), name: f, layout, tableId: f.replace(/\.csv$/, '') })));
  const rows = linked(dir, layout);
  const tablesPresent = new Set(files.map((f) => f.replace(/\.csv$/, '')));
  const complaintTable = tablesPresent.has('IDS603') || tablesPresent.has('IAPT_mental_and_physical_health_conditions');
  const diff: string[] = [];
  for (const o of r.pathways) {
    const lp = rows.get(o.pathwayId);
    assert.ok(lp, o.pathwayId);
    const mine = computePathwayOutcome(factsFromLinkedPathway(lp, t, { complaintTable }), t);
    const a = outcomeCsvFields(o).join(','); const b = outcomeCsvFields(mine).join(',');
    if (a !== b) diff.push(`${o.pathwayId}\n  engine ${a}\n  facts  ${b}`);
  }
  assert.deepEqual(diff.slice(0, 5), []);
  return r.pathways.length;
}

describe('factsFromLinkedPathway', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-linked-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('agrees with the engine on the NHS and UK LLC fixtures (PW6, with an unreadable discharge date, included)', async () => {
    assert.equal(await agree(path.join(FIX, 'nhs'), 'nhs'), 6);
    assert.equal(await agree(path.join(FIX, 'ukllc'), 'ukllc'), 2);
  });
  for (const layout of ['nhs', 'ukllc'] as const) {
    it(`agrees with the engine on every pathway of a generated ${layout} extract (UK LLC: revised rows across extracts)`, async () => {
      const dir = path.join(tmp, layout);
      await generateExtract({ out: dir, referrals: 150, seed: `linked-${layout}`, layout, defects: 0, corruptDerived: 0 });
      assert.ok(await agree(dir, layout) >= 150);
    });
  }
  it('gives each score its file and line, and the superseded UK LLC extract rows their reason', () => {
    const lp = linked(path.join(FIX, 'ukllc'), 'ukllc').get('U1')!;
    const e = explainPathwayScores(factsFromLinkedPathway(lp, t), t);
    const file = path.join(FIX, 'ukllc', 'IAPT_coded_scored_assessments.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (const s of e.scores) {
      assert.equal(s.place?.file, file);
      assert.ok(lines[s.place!.line - 1].includes(s.raw), `line ${s.place!.line} holds ${s.raw}`);
    }
    assert.ok(e.scores.some((s) => s.reason === 'superseded extract'), 'the earlier extract\'s PHQ-9 of 20 is named');
    assert.deepEqual(e.scores.filter((s) => s.decision === 'first' || s.decision === 'last').map((s) => `${s.measure} ${s.decision} ${s.raw}`).sort(),
      ['GAD-7 first 10', 'GAD-7 last 5', 'PHQ-9 first 16', 'PHQ-9 last 8']);
  });
});
