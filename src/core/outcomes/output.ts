// The per-pathway CSV and summary JSON of `iapt outcomes` (column order and value formats are a contract).
import { formatCsvRow } from '../csv';
import { writeFileAtomic } from '../files';
import type { OutcomeSummary } from './rates';
import type { PathwayOutcome } from './types';

export const OUTCOME_CSV_COLUMNS = [
  'pathway_id', 'participant_id', 'referral_date', 'discharge_date', 'treatment_appointments', 'finished_course',
  'presenting_complaint', 'anxiety_measure', 'phq9_first', 'phq9_last', 'anxiety_first', 'anxiety_last', 'caseness',
  'recovery', 'reliable_improvement', 'reliable_deterioration', 'no_reliable_change', 'reliable_recovery',
] as const;

const bool = (b: boolean | null): string => (b === null ? '' : b ? 'true' : 'false');

export function outcomeCsvFields(o: PathwayOutcome): string[] {
  return [
    o.pathwayId, o.participantId, o.referralDate, o.dischargeDate, String(o.treatmentAppointments), bool(o.finishedCourse),
    o.presentingComplaint, o.anxietyMeasure, o.phq9First, o.phq9Last, o.anxietyFirst, o.anxietyLast, bool(o.caseness),
    bool(o.recovery), bool(o.reliableImprovement), bool(o.reliableDeterioration), bool(o.noReliableChange), bool(o.reliableRecovery),
  ];
}

/** The CSV as lines (header first), each ending with \n. */
export function* outcomeCsvLines(pathways: Iterable<PathwayOutcome>): Generator<string> {
  yield `${formatCsvRow([...OUTCOME_CSV_COLUMNS])}\n`;
  for (const o of pathways) yield `${formatCsvRow(outcomeCsvFields(o))}\n`;
}

export function summaryJson(summary: OutcomeSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

// Safe atomic writes (0600, never over an input, errors propagated, temp removed) live in core/files.
export { writeFileAtomic };
