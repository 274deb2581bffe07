// Every score row of one pathway with the engine's decision (used as first / last, eligible, or not used and why).
// computePathwayOutcome builds its first/last from this, so the explanation is the engine's own decision.
import { latestExtractRows } from './extracts';
import {
  compareScorePoints, mergedContacts, parseScore, sameScore, scorePoint,
  type ScoreFormatProblem, type ScoreSkip,
} from './series';
import type { Thresholds } from './thresholds';
import type { MeasureSeries, PathwayFacts, ScorePoint, SourcePlace } from './types';

export type ScoreNotUsed = ScoreSkip | ScoreFormatProblem | 'unknown measure' | 'duplicate' | 'superseded extract' | 'no extract end date';

export interface ScoreExplanation {
  /** index in facts.scores */
  index: number;
  measure: string;
  raw: string;
  /** the date and time the score is ordered by ('' when unknown) */
  date: string;
  time: string;
  level: 'referral' | 'care activity';
  contactId?: string;
  place?: SourcePlace;
  /** 'first' / 'last' of its measure (a single unpaired score is 'first'); 'eligible' = counted but neither */
  decision: 'first' | 'last' | 'eligible' | 'not used';
  reason?: ScoreNotUsed;
  /** for 'duplicate': the index of the score kept in its place */
  duplicateOf?: number;
  /** position among the eligible scores of its measure in the total order (0-based) */
  rank?: number;
  /** kept, but worth saying (e.g. dated before the referral date) */
  note?: string;
}

export interface PathwayScoreExplanation {
  scores: ScoreExplanation[];
  /** first/last per measure, as used by the verdict */
  series: Map<string, MeasureSeries>;
}

/** The engine's decision for every score of a pathway, in the order of facts.scores. */
export function explainPathwayScores(facts: PathwayFacts, thresholds: Thresholds): PathwayScoreExplanation {
  const contacts = mergedContacts(facts.contacts, facts.pathwayId, thresholds);
  const extract = latestExtractRows(facts.scores, (s) => ({ pathwayId: facts.pathwayId, extractStart: s.extractStart, extractEnd: s.extractEnd }));
  const out: ScoreExplanation[] = [];
  const points = new Map<string, { p: ScorePoint; i: number }[]>();
  facts.scores.forEach((s, i) => {
    const contact = s.contactId ? contacts.get(s.contactId) : undefined;
    const e: ScoreExplanation = {
      index: i, measure: s.measure, raw: s.raw, date: (s.contactId ? contact?.date : s.date) ?? s.date ?? '', time: (s.contactId ? contact?.time : s.time) ?? s.time ?? '',
      level: s.contactId ? 'care activity' : 'referral', contactId: s.contactId, place: s.place, decision: 'not used',
    };
    out.push(e);
    const d = extract[i];
    if (!d.kept) { e.reason = d.reason; return; }
    const m = thresholds.measure(s.measure);
    if (!m) { e.reason = 'unknown measure'; return; }
    const v = parseScore(s.raw, m);
    if ('problem' in v) { e.reason = v.problem; return; }
    const p = scorePoint({ ...s, value: v.value }, contact, facts.dischargeDate, thresholds, i);
    if (typeof p === 'string') { e.reason = p; return; }
    e.date = p.date; e.time = p.time;
    if (facts.referralDate && p.date < facts.referralDate) e.note = 'dated before the referral date (used)';
    const list = points.get(s.measure) ?? [];
    list.push({ p, i });
    points.set(s.measure, list);
  });
  const series = new Map<string, MeasureSeries>();
  for (const [measure, list] of points) {
    list.sort((a, b) => compareScorePoints(a.p, b.p) || a.i - b.i);
    const distinct: { p: ScorePoint; i: number }[] = [];
    for (const x of list) {
      const kept = distinct.find((k) => sameScore(k.p, x.p));
      if (kept) { out[x.i].reason = 'duplicate'; out[x.i].duplicateOf = kept.i; continue; }
      distinct.push(x);
    }
    distinct.forEach((x, rank) => { out[x.i].decision = 'eligible'; out[x.i].rank = rank; });
    const first = distinct[0]; const last = distinct[distinct.length - 1];
    const paired = first.p.date !== last.p.date;
    out[first.i].decision = 'first';
    if (paired) out[last.i].decision = 'last';
    series.set(measure, { first: first.p, last: last.p, paired, count: distinct.length });
  }
  return { scores: out, series };
}

/** Series per measure from a pathway's full facts (the form used by unit tests and the per-pathway API). */
export function seriesFromFacts(facts: PathwayFacts, thresholds: Thresholds): Map<string, MeasureSeries> {
  return explainPathwayScores(facts, thresholds).series;
}
