// On a medium extract the generator's own truth lands near the published national rates (loose bounds).
import { strict as assert } from 'node:assert';
import { builtinSynthProfile } from '../../../src/core/synth';
import { cleanup, extract } from './helpers';

describe('synth national shape', function () {
  this.timeout(300_000);
  after(cleanup);

  it('recovery, reliable improvement, deterioration and no change near England 2024-25 on 20k referrals', async () => {
    const x = await extract({ referrals: 20_000, seed: 'national' });
    const finished = x.manifest.pathways.filter((p) => p.finished_course);
    const nc = finished.filter((p) => p.caseness === false).length;
    const count = (k: 'recovery' | 'reliable_improvement' | 'reliable_deterioration' | 'no_reliable_change' | 'reliable_recovery') => finished.filter((p) => p[k] === true).length;
    const rates = {
      recovery: (100 * count('recovery')) / (finished.length - nc),
      reliable_improvement: (100 * count('reliable_improvement')) / finished.length,
      reliable_deterioration: (100 * count('reliable_deterioration')) / finished.length,
      no_reliable_change: (100 * count('no_reliable_change')) / finished.length,
      reliable_recovery: (100 * count('reliable_recovery')) / (finished.length - nc),
      not_at_caseness: (100 * nc) / finished.length,
    };
    const t = builtinSynthProfile().targets;
    const near = (name: keyof typeof rates, target: number, tol: number) =>
      assert.ok(Math.abs(rates[name] - target) <= tol, `${name} ${rates[name].toFixed(1)}% vs ${target}% (±${tol})`);
    near('recovery', t.recovery_rate_pct, 5);
    near('reliable_improvement', t.reliable_improvement_rate_pct, 5);
    near('reliable_deterioration', t.reliable_deterioration_rate_pct, 2.5);
    near('no_reliable_change', t.no_reliable_change_rate_pct, 5);
    near('reliable_recovery', t.reliable_recovery_rate_pct, 5);
    near('not_at_caseness', t.not_at_caseness_share_pct, 2.5);
    // about a third of referrals finish a course nationally (670,419 of 1,813,432 in 2024-25); loose
    const share = finished.length / x.manifest.pathways.length;
    assert.ok(share > 0.25 && share < 0.6, `finished share ${share.toFixed(2)}`);
    // ADSMs are used for their presenting complaints
    assert.ok(finished.some((p) => p.anxiety_measure === 'PCL-5') && finished.some((p) => p.anxiety_measure === 'SPIN'));
  });
});
