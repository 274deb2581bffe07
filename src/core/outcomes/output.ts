// The per-pathway CSV and summary JSON of `iapt outcomes` (column order and value formats are a contract).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatCsvRow } from '../csv';
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

/**
 * Writes a file atomically: chunks go to a temporary file next to the target, renamed over it at the end.
 * On error or abort the temporary file is removed and the target is left as it was.
 */
export async function writeFileAtomic(target: string, chunks: Iterable<string | Uint8Array>, signal?: AbortSignal): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const out = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
  try {
    await new Promise<void>((resolve, reject) => { out.once('open', () => resolve()); out.once('error', reject); });
    let buffer = '';
    for (const chunk of chunks) {
      signal?.throwIfAborted();
      if (typeof chunk !== 'string') {
        // binary chunk (e.g. a PNG): flush the text so far, then write the bytes as they are
        for (const part of buffer ? [buffer, chunk] : [chunk]) {
          if (!out.write(part)) await new Promise<void>((resolve, reject) => { out.once('drain', resolve); out.once('error', reject); });
        }
        buffer = '';
        continue;
      }
      buffer += chunk;
      if (buffer.length >= 1 << 16) {
        if (!out.write(buffer)) await new Promise<void>((resolve, reject) => { out.once('drain', resolve); out.once('error', reject); });
        buffer = '';
      }
    }
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => out.end(buffer, () => resolve()).once('error', reject));
    await fs.promises.rename(tmp, target);
  } catch (err) {
    out.destroy();
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}
