// The chart on generated extracts (both layouts): for every pathway, the points marked first/last and the verdict
// match the generator's ground truth (manifest.json), which is computed independently of the outcome engine.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareChart } from '../../../src/core/chart';
import { generateExtract, type PathwayTruth } from '../../../src/core/synth';
import { pathwaysOfExtract } from './helpers';

for (const layout of ['nhs', 'ukllc'] as const) {
  describe(`chart on a generated ${layout} extract`, function () {
    this.timeout(120_000);
    let dir = '';
    let truth: PathwayTruth[] = [];
    let pathways = new Map<string, ReturnType<typeof pathwaysOfExtract> extends Map<string, infer V> ? V : never>();
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'iapt-chart-'));
      await generateExtract({ out: dir, referrals: 150, seed: `chart-${layout}`, layout });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      truth = manifest.pathways;
      pathways = pathwaysOfExtract(dir, manifest.files);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('first/last points and the verdict of every pathway agree with the ground truth', () => {
      let scored = 0; let finished = 0; let hollow = 0;
      for (const t of truth) {
        const pw = pathways.get(t.pathway_id);
        assert.ok(pw, `pathway ${t.pathway_id} has rows`);
        const d = prepareChart({ kind: 'pathway', id: t.pathway_id }, [pw]).pathways[0];
        const v = d.verdict;
        const where = `${t.pathway_id}`;
        assert.equal(v.finishedCourse, t.finished_course, `${where} finished`);
        if (t.finished_course) {
          finished++;
          assert.deepEqual(
            [v.caseness, v.recovery, v.reliableImprovement, v.reliableDeterioration, v.noReliableChange, v.reliableRecovery],
            [t.caseness, t.recovery, t.reliable_improvement, t.reliable_deterioration, t.no_reliable_change, t.reliable_recovery], where,
          );
        }
        const phq = d.measures.find((m) => m.id === 'PHQ-9');
        const first = phq?.points.filter((p) => p.first).map((p) => Number(p.raw)) ?? [];
        const last = phq?.points.filter((p) => p.last).map((p) => Number(p.raw)) ?? [];
        assert.deepEqual(first, t.phq9_first === null ? [] : [t.phq9_first], `${where} PHQ-9 first`);
        assert.deepEqual(last, t.phq9_last === null ? [] : [t.phq9_last], `${where} PHQ-9 last`);
        const anx = d.measures.find((m) => m.id === t.anxiety_measure);
        if (t.anxiety_first !== null) assert.deepEqual(anx?.points.filter((p) => p.first).map((p) => Number(p.raw)), [t.anxiety_first], `${where} anxiety first`);
        if (phq) scored++;
        for (const m of d.measures) {
          for (const p of m.points) {
            // a used point is never hollow; every unused one says why
            assert.equal(p.reason === null, p.used, `${where} ${m.id} ${p.raw}`);
            if (!p.used) hollow++;
            if (p.first || p.last) assert.ok(p.used);
          }
        }
      }
      const reasons = new Set<string>();
      for (const pw of pathways.values()) for (const m of prepareChart({ kind: 'pathway', id: pw.pathwayId }, [pw]).pathways[0].measures) for (const p of m.points) if (p.reason) reasons.add(p.reason.replace(/ of .*/, ""));
      assert.ok(reasons.has('after discharge'), [...reasons].join('; '));
      if (layout === 'ukllc') assert.ok([...reasons].some((r) => r.startsWith('superseded')), 'superseded extract rows are shown hollow');
      assert.ok(scored > 50 && finished > 20, `enough pathways exercised (${scored} scored, ${finished} finished)`);
      assert.ok(hollow > 0, 'some scores are not used (non-attended, after discharge or superseded)');
    });
  });
}
