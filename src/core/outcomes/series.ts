// First/last score per measure, built one score at a time (so loaders never hold a pathway's score rows).
import type { ContactFact, MeasureSeries, PathwayFacts, ScorePoint } from './types';
import type { Thresholds } from './thresholds';

function before(a: { date: string; time: string }, b: { date: string; time: string }): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  return 0;
}

/** Adds one eligible score to a measure's series (ties keep the earlier-read score as first and the later-read as last). */
export function addToSeries(series: MeasureSeries | undefined, p: ScorePoint): MeasureSeries {
  if (!series) return { first: p, last: p, paired: false, count: 1 };
  series.count++;
  // until paired, every score so far shares one occasion, so comparing with the current first is enough
  if (!series.paired && p.occasion !== series.first.occasion) series.paired = true;
  if (before(p, series.first) < 0) series.first = p;
  if (before(p, series.last) >= 0) series.last = p;
  return series;
}

/** Why a score did not count towards first/last. */
export type ScoreSkip = 'contact not attended' | 'after discharge' | 'unknown contact' | 'no date';

/**
 * Decide whether a score counts (attended contact or referral-level, on or before the discharge date) and where it sits
 * in time. Returns the ScorePoint or the reason it does not count.
 */
export function scorePoint(
  score: { value: number; raw: string; date?: string; time?: string; contactId?: string },
  contact: Pick<ContactFact, 'date' | 'time' | 'attend'> | undefined,
  dischargeDate: string,
  thresholds: Thresholds,
  seq: number,
): ScorePoint | ScoreSkip {
  let date: string; let time: string; let occasion: string;
  if (score.contactId !== undefined && score.contactId !== '') {
    if (!contact) return 'unknown contact';
    if (!thresholds.isAttended(contact.attend)) return 'contact not attended';
    date = contact.date || score.date || '';
    time = contact.time || score.time || '';
    occasion = `c:${score.contactId}`;
  } else {
    date = score.date ?? '';
    time = score.time ?? '';
    occasion = `d:${date}`;
  }
  if (!date) return 'no date';
  if (dischargeDate && date > dischargeDate) return 'after discharge';
  return { value: score.value, raw: score.raw, date, time, occasion, seq };
}

/** Series per measure from a pathway's full facts (the form used by unit tests and the per-pathway API). */
export function seriesFromFacts(facts: PathwayFacts, thresholds: Thresholds): Map<string, MeasureSeries> {
  const contacts = new Map(facts.contacts.map((c) => [c.id, c]));
  const out = new Map<string, MeasureSeries>();
  facts.scores.forEach((s, seq) => {
    const contact = s.contactId ? contacts.get(s.contactId) : undefined;
    const p = scorePoint(s, contact, facts.dischargeDate, thresholds, seq);
    if (typeof p === 'string') return;
    out.set(s.measure, addToSeries(out.get(s.measure), p));
  });
  return out;
}

/** Attended treatment appointments (distinct contacts, AppType 02/03/05, on or before the discharge date). */
export function countTreatmentAppointments(contacts: readonly ContactFact[], dischargeDate: string, thresholds: Thresholds): number {
  const seen = new Set<string>();
  for (const c of contacts) {
    if (isTreatmentAppointment(c, dischargeDate, thresholds)) seen.add(c.id);
  }
  return seen.size;
}

export function isTreatmentAppointment(c: Pick<ContactFact, 'date' | 'appType' | 'attend'>, dischargeDate: string, thresholds: Thresholds): boolean {
  return thresholds.isAttended(c.attend) && thresholds.isTreatmentAppType(c.appType) && !(dischargeDate && c.date && c.date > dischargeDate);
}
