// The outcome engine's own view of one linked pathway: its facts (factsFromLinkedPathway, the loader's column names,
// parsing and row choices), the engine's decision for every score row (explainPathwayScores, from which
// computePathwayOutcome takes its first/last) and the verdict. Nothing here re-implements a rule; the chart only maps
// each decision back to the linked record it came from.
import type { LinkedPathway, LinkedRecord } from '../linking/types';
import { computePathwayOutcome, explainPathwayScores, factsFromLinkedPathway, type ScoreExplanation } from '../outcomes';
import type { Thresholds } from '../outcomes/thresholds';
import type { MeasureSeries, PathwayFacts, PathwayOutcome } from '../outcomes/types';

export interface EngineView {
  facts: PathwayFacts;
  /** the engine's verdict, null when no referral row of the pathway is kept */
  outcome: PathwayOutcome | null;
  /** the engine's decision for each score record (by identity) */
  decisions: Map<LinkedRecord, ScoreExplanation>;
  /** first/last per measure as the verdict uses them */
  series: Map<string, MeasureSeries>;
}

const placeKey = (file: string, line: number) => `${file}\u0000${line}`;

export function runEngine(pw: LinkedPathway, thresholds: Thresholds): EngineView {
  const facts = factsFromLinkedPathway(pw, thresholds);
  const explained = explainPathwayScores(facts, thresholds);
  const records = new Map<string, LinkedRecord>();
  for (const rows of Object.values(pw.tables)) for (const r of rows) records.set(placeKey(r.file, r.line), r);
  const decisions = new Map<LinkedRecord, ScoreExplanation>();
  for (const e of explained.scores) {
    const r = e.place ? records.get(placeKey(e.place.file, e.place.line)) : undefined;
    if (r) decisions.set(r, e);
  }
  const outcome = facts.place ? computePathwayOutcome(facts, thresholds) : null;
  return { facts, outcome, decisions, series: explained.series };
}
