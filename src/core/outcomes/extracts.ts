// The UK LLC extract-period rule, in one place (the loader, the facts API and the linked tables all call it).
//
// Rule (ukllc-notes.md, UK LLC Guidebook "Why are there multiple rows…"): within one table, for each pathway and
// financial year, keep only the rows of the extract with the latest extract_end_date; rows of earlier extracts of
// that year are superseded (their counts are cumulative and their values may have been corrected since).
// The financial year is that of extract_start_date (1 April, or 1 Sept 2020 for the first extract); when the start
// is absent or unreadable, that of extract_end_date.
// Open choice (spec silent): a row without a readable extract_end_date cannot be placed in a period. It is kept when
// its pathway has no dated row in the same table (nothing can supersede it) and otherwise set aside as
// 'no extract end date' (it might repeat a superseded period). Either way it is reported.
import { financialYear, parseDateTime } from './dates';

export type ExtractDecision =
  | { kept: true; /** YYYY-MM-DD extract end ('' for a kept undated row) */ end: string; undated: boolean }
  | { kept: false; reason: 'superseded extract' | 'no extract end date' };

/** the period key of a row: pathway and financial year, with its end date; null when the end date is unreadable */
export function extractPeriodKey(pathwayId: string, startCell: string, endCell: string): { key: string; end: string } | null {
  const end = parseDateTime(endCell);
  if (!end) return null;
  const start = startCell.trim() ? parseDateTime(startCell) : null;
  return { key: `${pathwayId}\u0000${financialYear(start ? start.date : end.date)}`, end: end.date };
}

/**
 * Two passes over one table: `observe` every row, then `decide` each row. Memory: one entry per (pathway, year).
 * Equal latest end dates are all kept (they are the same extract).
 */
export class LatestExtracts {
  private readonly latest = new Map<string, string>();
  private readonly dated = new Set<string>();

  observe(pathwayId: string, startCell: string, endCell: string): void {
    const k = extractPeriodKey(pathwayId, startCell, endCell);
    if (!k) return;
    this.dated.add(pathwayId);
    const prev = this.latest.get(k.key);
    if (prev === undefined || k.end > prev) this.latest.set(k.key, k.end);
  }

  decide(pathwayId: string, startCell: string, endCell: string): ExtractDecision {
    const k = extractPeriodKey(pathwayId, startCell, endCell);
    if (!k) return this.dated.has(pathwayId) ? { kept: false, reason: 'no extract end date' } : { kept: true, end: '', undated: true };
    return this.latest.get(k.key) === k.end ? { kept: true, end: k.end, undated: false } : { kept: false, reason: 'superseded extract' };
  }
}

/** The rule over rows held in memory (one table): a decision per row, in the rows' order. */
export function latestExtractRows<T>(rows: readonly T[], get: (row: T) => { pathwayId: string; extractStart?: string; extractEnd?: string }): ExtractDecision[] {
  const rule = new LatestExtracts();
  for (const r of rows) { const g = get(r); rule.observe(g.pathwayId, g.extractStart ?? '', g.extractEnd ?? ''); }
  return rows.map((r) => { const g = get(r); return rule.decide(g.pathwayId, g.extractStart ?? '', g.extractEnd ?? ''); });
}
