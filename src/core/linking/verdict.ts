// The outcome engine's verdict for one linked pathway, through the engine's own facts-from-linked-rows API
// (outcomes/linked.ts) and rules, so the tree and `iapt pathway` say what `iapt outcomes` says.
import { builtinThresholds, computePathwayOutcome, factsFromLinkedPathway, tableRole, type PathwayOutcome, type Thresholds } from '../outcomes';
import type { LinkedPathway } from './types';

export interface VerdictOptions {
  thresholds?: Thresholds;
  /** table ids present in the pathway's extract (a table absent from the extract changes what the engine can say) */
  extractTables?: readonly string[];
}

/**
 * The engine's verdict for the pathway: its linked rows → facts (outcomes/linked.ts, the loader's own column names,
 * extract rule and row choices) → computePathwayOutcome. Null when it has no referral row.
 */
export function pathwayVerdict(pw: LinkedPathway, opts: VerdictOptions = {}): PathwayOutcome | null {
  const thresholds = opts.thresholds ?? builtinThresholds();
  const tables = opts.extractTables ?? Object.keys(pw.tables);
  if (!Object.keys(pw.tables).some((t) => tableRole(t) === 'referral')) return null;
  const facts = factsFromLinkedPathway(pw, thresholds, { complaintTable: tables.some((t) => tableRole(t) === 'complaints') });
  return computePathwayOutcome(facts, thresholds);
}

/** A short reading of a verdict: "recovered", "no reliable change", "not finished: one attended treatment appointment", … */
export function verdictText(o: PathwayOutcome | null): string {
  if (!o) return 'no outcome (no referral row)';
  if (!o.finishedCourse) return `not finished: ${o.exclusion}`;
  if (o.caseness === false) return 'finished, not at caseness';
  if (o.caseness === null) return 'finished, caseness unknown';
  const parts: string[] = [];
  if (o.reliableRecovery) parts.push('reliable recovery');
  else if (o.recovery) parts.push('recovered');
  if (o.reliableImprovement && !o.reliableRecovery) parts.push('reliable improvement');
  if (o.reliableDeterioration) parts.push('reliable deterioration');
  if (o.noReliableChange) parts.push('no reliable change');
  if (parts.length === 0) parts.push('not recovered');
  return parts.join(', ');
}
