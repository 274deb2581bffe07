// "Copy data as CSV": every point of the chart, one row each, with what the engine did with it.
import { formatCsvRow } from '../csv/format';
import type { ChartData } from './protocol';

export const CHART_CSV_COLUMNS = [
  'participant_id', 'pathway_id', 'measure', 'session', 'date', 'time', 'app_type', 'app_type_meaning', 'attendance',
  'attendance_meaning', 'score', 'severity_band', 'used_by_engine', 'engine_first', 'engine_last', 'reason_not_used',
  'out_of_range', 'file', 'line',
] as const;

const bool = (b: boolean) => (b ? 'true' : 'false');

/** The chart's points as CSV text (header first, \n line endings). */
export function chartCsv(data: ChartData): string {
  const lines = [formatCsvRow([...CHART_CSV_COLUMNS])];
  for (const pw of data.pathways) {
    for (const m of pw.measures) {
      for (const p of m.points) {
        lines.push(formatCsvRow([
          pw.participantId ?? '', pw.pathwayId, m.id, p.session ?? '', p.date, p.time, p.appType, p.appTypeLabel, p.attend,
          p.attendLabel, p.raw, p.band ?? '', bool(p.used), bool(p.first), bool(p.last), p.reason ?? '', bool(p.outOfRange), p.file, p.line,
        ]));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
