// Builders of per-pathway facts for the outcome rule tests.
import type { ComplaintFact, ContactFact, PathwayFacts, ScoreFact } from '../../../src/core/outcomes/types';

export function contact(id: string, date: string, appType = '02', attend = '5', time = '10:00:00'): ContactFact {
  return { id, date, time, appType, attend };
}

/** Scores at two attended treatment contacts: first at c1 (2024-01-10), last at c2 (2024-03-10). */
export function pairedScores(measure: string, first: number | null, last: number | null): ScoreFact[] {
  const out: ScoreFact[] = [];
  if (first !== null) out.push({ measure, value: first, raw: String(first), contactId: 'c1' });
  if (last !== null) out.push({ measure, value: last, raw: String(last), contactId: 'c2' });
  return out;
}

export function complaint(code: string, significance = '1', date = '2024-01-01', id = '1'): ComplaintFact {
  return { code, significance, date, id };
}

/** A pathway that finished a course (2 attended treatment appointments, discharged 2024-04-01). */
export function finished(over: Partial<PathwayFacts> & { scores: ScoreFact[] }): PathwayFacts {
  return {
    pathwayId: 'P1',
    participantId: 'person1',
    referralDate: '2023-12-01',
    dischargeDate: '2024-04-01',
    contacts: [contact('c1', '2024-01-10'), contact('c2', '2024-03-10')],
    complaints: [complaint('F32')],
    ...over,
  };
}
