// The last outcome result, kept in memory so other features (linked tables, score chart) can show per-pathway verdicts.
import type { OutcomeResult } from './compute';
import type { PathwayOutcome } from './types';

export interface StoredOutcomes {
  result: OutcomeResult;
  /** where the tables came from (folder or file list) */
  source: string;
  at: Date;
  byPathway: Map<string, PathwayOutcome>;
}

type Listener = (stored: StoredOutcomes | undefined) => void;

let last: StoredOutcomes | undefined;
const listeners = new Set<Listener>();

export const outcomeStore = {
  set(result: OutcomeResult, source: string): StoredOutcomes {
    last = { result, source, at: new Date(), byPathway: new Map(result.pathways.map((p) => [p.pathwayId, p])) };
    for (const l of listeners) l(last);
    return last;
  },
  get(): StoredOutcomes | undefined { return last; },
  /** the verdict of one pathway from the last run */
  pathway(pathwayId: string): PathwayOutcome | undefined { return last?.byPathway.get(pathwayId); },
  clear(): void { last = undefined; for (const l of listeners) l(undefined); },
  /** returns an unsubscribe function */
  onDidChange(listener: Listener): () => void { listeners.add(listener); return () => listeners.delete(listener); },
};
