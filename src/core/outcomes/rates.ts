// Counts and rates with NHS England's denominators (outcomes-spec.md section 6).
// Recovery and reliable recovery: over finished − not at caseness. Reliable improvement, reliable deterioration and
// no reliable change: over all finished. (Some NHS England dashboard SQL divides reliable recovery by all finished;
// that is a bug, not the published statistic, and is not copied here.)
import type { PathwayOutcome } from './types';

export interface OutcomeCounts {
  finished: number;
  at_caseness: number;
  not_at_caseness: number;
  recovered: number;
  reliable_improvement: number;
  reliable_recovery: number;
  reliable_deterioration: number;
  no_reliable_change: number;
}

/** The `--summary` JSON (rates are unrounded percentages; null when the denominator is 0). */
export interface OutcomeSummary {
  finished: number;
  at_caseness: number;
  not_at_caseness: number;
  recovered: number;
  recovery_rate: number | null;
  reliable_improvement: number;
  reliable_improvement_rate: number | null;
  reliable_recovery: number;
  reliable_recovery_rate: number | null;
  reliable_deterioration: number;
  reliable_deterioration_rate: number | null;
  no_reliable_change: number;
  no_reliable_change_rate: number | null;
  derived_flag_disagreements: number;
}

export function emptyCounts(): OutcomeCounts {
  return { finished: 0, at_caseness: 0, not_at_caseness: 0, recovered: 0, reliable_improvement: 0, reliable_recovery: 0, reliable_deterioration: 0, no_reliable_change: 0 };
}

export function addToCounts(c: OutcomeCounts, o: PathwayOutcome): void {
  if (!o.finishedCourse) return;
  c.finished++;
  if (o.caseness === true) c.at_caseness++;
  if (o.caseness === false) c.not_at_caseness++;
  if (o.recovery) c.recovered++;
  if (o.reliableImprovement) c.reliable_improvement++;
  if (o.reliableRecovery) c.reliable_recovery++;
  if (o.reliableDeterioration) c.reliable_deterioration++;
  if (o.noReliableChange) c.no_reliable_change++;
}

const pct = (n: number, d: number): number | null => (d > 0 ? (n / d) * 100 : null);

export function recoveryDenominator(c: Pick<OutcomeCounts, 'finished' | 'not_at_caseness'>): number {
  return c.finished - c.not_at_caseness;
}

export function summarise(c: OutcomeCounts, derivedFlagDisagreements = 0): OutcomeSummary {
  const recDen = recoveryDenominator(c);
  return {
    finished: c.finished,
    at_caseness: c.at_caseness,
    not_at_caseness: c.not_at_caseness,
    recovered: c.recovered,
    recovery_rate: pct(c.recovered, recDen),
    reliable_improvement: c.reliable_improvement,
    reliable_improvement_rate: pct(c.reliable_improvement, c.finished),
    reliable_recovery: c.reliable_recovery,
    reliable_recovery_rate: pct(c.reliable_recovery, recDen),
    reliable_deterioration: c.reliable_deterioration,
    reliable_deterioration_rate: pct(c.reliable_deterioration, c.finished),
    no_reliable_change: c.no_reliable_change,
    no_reliable_change_rate: pct(c.no_reliable_change, c.finished),
    derived_flag_disagreements: derivedFlagDisagreements,
  };
}
