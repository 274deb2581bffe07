// The engine against the synthetic generator's ground truth (manifest.json `pathways`), in both layouts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeOutcomes, OUTCOME_CSV_COLUMNS, outcomeCsvFields, type OutcomeResult } from '../../../src/core/outcomes';
import { listTableFiles, recogniseOutcomeTables } from '../../../src/core/outcomes/discover';
import { generateExtract } from '../../../src/core/synth';

const SCORE_COLUMNS = new Set(['phq9_first', 'phq9_last', 'anxiety_first', 'anxiety_last']);

interface Manifest {
  defects: { kind: string; pathway_id?: string; detail?: string; file: string; line: number }[];
  pathways: Record<string, string | number | boolean | null>[];
}

async function run(dir: string, layout: 'nhs' | 'ukllc', opts: { defects?: number; corruptDerived?: number; dedupeExtracts?: boolean } = {}) {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    await generateExtract({ out: dir, referrals: 400, seed: `outcomes-${layout}`, layout, defects: opts.defects ?? 0, corruptDerived: opts.corruptDerived ?? 0 });
  }
  const tables = fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))
    .map((f) => ({ path: path.join(dir, f), name: f, layout, tableId: f.replace(/\.csv$/, '') }));
  const result = await computeOutcomes(tables, { dedupeExtracts: opts.dedupeExtracts });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return { result, manifest };
}

/** field-by-field differences between the engine's CSV values and the manifest's truth (scores compared as numbers) */
function differences(result: OutcomeResult, manifest: Manifest, skip: Set<string>): string[] {
  const mine = new Map(result.pathways.map((p) => [p.pathwayId, outcomeCsvFields(p)]));
  const out: string[] = [];
  for (const truth of manifest.pathways) {
    const id = String(truth.pathway_id);
    if (skip.has(id)) continue;
    const got = mine.get(id);
    if (!got) { out.push(`${id}: missing`); continue; }
    OUTCOME_CSV_COLUMNS.forEach((c, i) => {
      const want = truth[c] === null || truth[c] === undefined ? '' : String(truth[c]);
      const same = SCORE_COLUMNS.has(c) && want !== '' && got[i] !== '' ? Number(want) === Number(got[i]) : want === got[i];
      if (!same) out.push(`${id} ${c}: truth '${want}', engine '${got[i]}'`);
    });
  }
  return out;
}

describe('outcomes agree with the synthetic generator\'s truth', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-truth-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const layout of ['nhs', 'ukllc'] as const) {
    it(`${layout}: every pathway, field by field, on a clean extract`, async () => {
      const { result, manifest } = await run(path.join(tmp, layout), layout);
      assert.equal(result.pathways.length, manifest.pathways.length);
      assert.deepEqual(differences(result, manifest, new Set()).slice(0, 10), []);
      assert.ok(result.summary.finished > 100, 'the extract should have finished pathways');
      assert.equal(result.summary.derived_flag_disagreements, 0);
      assert.deepEqual(result.issues, []);
    });
  }

  it('ukllc: the generated extract revises rows across extract periods, so without de-duplication the truth is missed', async () => {
    const dir = path.join(tmp, 'ukllc');
    const on = await run(dir, 'ukllc');
    assert.ok(on.result.stats.earlierExtractRows > 0);
    const off = await run(dir, 'ukllc', { dedupeExtracts: false });
    assert.ok(off.result.warnings.some((w) => /de-duplication switched off/.test(w)));
    const wrong = differences(off.result, off.manifest, new Set());
    // superseded scores and attendance reach first/last and the appointment counts
    assert.ok(wrong.length >= 10, `only ${wrong.length} differences without de-duplication`);
    assert.ok(wrong.some((d) => / treatment_appointments: /.test(d)), 'a DNA shown as attended in an earlier extract is counted');
    assert.ok(wrong.some((d) => / (phq9|anxiety)_(first|last): /.test(d)), 'a corrected score is used');
    assert.deepEqual(differences(on.result, on.manifest, new Set()).slice(0, 10), [], 'with de-duplication every pathway agrees');
  });

  it('nhs with planted defects: undamaged pathways agree, every corrupted derived field is reported', async () => {
    const { result, manifest } = await run(path.join(tmp, 'nhs-defects'), 'nhs', { defects: 0.01, corruptDerived: 0.1 });
    const damaged = new Set(manifest.defects.filter((d) => d.kind !== 'derived_field_corrupted' && d.pathway_id).map((d) => d.pathway_id!));
    assert.deepEqual(differences(result, manifest, damaged).slice(0, 10), []);
    const corrupted = manifest.defects.filter((d) => d.kind === 'derived_field_corrupted' && !damaged.has(d.pathway_id!));
    assert.ok(corrupted.length > 5, 'expected planted derived-field corruptions');
    const found = new Set(result.disagreements.map((d) => `${d.pathwayId}|${d.field}`));
    for (const d of corrupted) {
      const field = /^(\S+) written/.exec(d.detail ?? '')?.[1];
      assert.ok(field && found.has(`${d.pathway_id}|${field}`), `not reported: ${d.pathway_id} ${d.detail}`);
    }
    const undamagedDisagreements = result.disagreements.filter((d) => !damaged.has(d.pathwayId));
    assert.equal(undamagedDisagreements.length, corrupted.length, 'no disagreement beyond the planted ones on undamaged pathways');
    assert.ok(result.issues.length > 0, 'damaged rows are reported');
  });
});

describe('outcomes on the committed samples (sample/) agree with their manifests', function () {
  this.timeout(60_000);
  const SAMPLE = path.join(__dirname, '..', '..', '..', 'sample');
  for (const name of ['nhs', 'ukllc', 'defects']) {
    it(`sample/${name}: tables found by header, every pathway without a planted defect agrees field by field`, async () => {
      const dir = path.join(SAMPLE, name);
      const found = await recogniseOutcomeTables(listTableFiles([dir]).files);
      assert.ok(found.tables.length >= 4, `outcome tables not recognised: ${JSON.stringify(found.ignored)}`);
      const result = await computeOutcomes(found.tables);
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
      const damaged = new Set(manifest.defects.filter((d) => d.kind !== 'derived_field_corrupted' && d.pathway_id).map((d) => d.pathway_id!));
      assert.deepEqual(differences(result, manifest, damaged).slice(0, 10), []);
      if (name !== 'defects') {
        assert.equal(damaged.size, 0);
        assert.equal(result.pathways.length, manifest.pathways.length);
        assert.equal(result.disagreementCount, 0);
      } else {
        const corrupted = manifest.defects.filter((d) => d.kind === 'derived_field_corrupted' && !damaged.has(d.pathway_id!));
        assert.equal(result.disagreements.filter((d) => !damaged.has(d.pathwayId)).length, corrupted.length);
      }
    });
  }
});
