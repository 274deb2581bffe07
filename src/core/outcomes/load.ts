// Streams the outcome tables into the facts index, in dependency order, de-duplicating UK LLC extract periods first.
import * as fs from 'node:fs';
import { openCsvFile, type CsvRecord } from '../csv';
import { Columns, cell, COL } from './columns';
import { financialYear, parseDateTime } from './dates';
import { makeRowHandler, type LoadContext, type TableRole } from './rows';

export interface OutcomeTableInput {
  path: string;
  /** name shown in messages (default: the path) */
  name?: string;
  layout: 'nhs' | 'ukllc';
  /** "IDS101" … or a UK LLC table name such as "IAPT_care_activities" */
  tableId: string;
}

const ROLES: Record<string, TableRole> = {
  IDS101: 'referral',
  IDS201: 'contacts',
  IDS202: 'activities',
  IDS603: 'complaints',
  IDS606: 'scores',
  IDS607: 'scores',
  IAPT_demographics_and_referral: 'referral',
  IAPT_care_activities: 'contacts',
  IAPT_mental_and_physical_health_conditions: 'complaints',
  IAPT_coded_scored_assessments: 'scores',
};
export const ORDER: TableRole[] = ['referral', 'contacts', 'activities', 'complaints', 'scores'];

/** The role a recognised table plays in the outcome computation (undefined = not needed). */
export function tableRole(tableId: string): TableRole | undefined {
  return ROLES[tableId];
}

export interface OutcomeProgress {
  /** what is being read */
  message: string;
  /** 0..1 over all passes of all tables */
  fraction: number;
}

export interface LoadHooks {
  signal?: AbortSignal;
  onProgress?: (p: OutcomeProgress) => void;
}

/** Orders tables by role and reads them; returns the per-table notes (e.g. no extract columns). */
export async function loadTables(tables: readonly OutcomeTableInput[], ctx: LoadContext, hooks: LoadHooks, warnings: string[]): Promise<void> {
  const work = tables
    .filter((t) => tableRole(t.tableId))
    .sort((a, b) => ORDER.indexOf(tableRole(a.tableId)!) - ORDER.indexOf(tableRole(b.tableId)!));
  const sizes = work.map((t) => { try { return fs.statSync(t.path).size; } catch { return 0; } });
  const passes = work.map((t) => (t.layout === 'ukllc' ? 2 : 1));
  const total = Math.max(1, sizes.reduce((s, n, i) => s + n * passes[i], 0));
  let done = 0;
  const report = (message: string, bytes: number) => hooks.onProgress?.({ message, fraction: Math.min(1, (done + bytes) / total) });

  for (let w = 0; w < work.length; w++) {
    const t = work[w];
    const name = t.name ?? t.path;
    let keep: ((rec: CsvRecord, cols: Columns) => string | null) | undefined;
    if (t.layout === 'ukllc') {
      keep = await extractFilter(t.path, name, ctx, hooks, warnings, (b) => report(`Extract periods: ${name}`, b));
      done += sizes[w];
    }
    const file = await openCsvFile(t.path, { signal: hooks.signal, file: name });
    try {
      const cols = new Columns(file.header);
      const handle = makeRowHandler(tableRole(t.tableId)!, file.header, name, ctx);
      for await (const batch of file.batches) {
        hooks.signal?.throwIfAborted();
        for (const rec of batch) {
          ctx.stats.rowsRead++;
          let extractEnd = '';
          if (keep) {
            const k = keep(rec, cols);
            if (k === null) continue;
            extractEnd = k;
          }
          handle(rec, extractEnd);
        }
        report(`Reading ${name}`, file.bytesRead);
      }
      for (const p of file.problems) {
        ctx.issues.add(`csv: ${p.kind}`, p.message, { file: name, line: p.line, column: p.column, value: '' }, false);
      }
    } finally {
      file.close();
    }
    done += sizes[w];
  }
}

/**
 * UK LLC: for each pathway keep only the rows of the latest extract end date per financial year (ukllc-notes.md,
 * UK LLC Guidebook "Why are there multiple rows…"). First pass finds the latest end date per (pathway, year);
 * the returned filter gives the row's extract end date for a kept row and null for a dropped one.
 */
async function extractFilter(
  path: string, name: string, ctx: LoadContext, hooks: LoadHooks, warnings: string[], progress: (bytes: number) => void,
): Promise<((rec: CsvRecord, cols: Columns) => string | null) | undefined> {
  const file = await openCsvFile(path, { signal: hooks.signal, file: name });
  const latest = new Map<string, string>();
  let pwCol = -1; let startCol = -1; let endCol = -1;
  try {
    const cols = new Columns(file.header);
    pwCol = cols.find(...COL.pathway);
    startCol = cols.find(...COL.extractStart);
    endCol = cols.find(...COL.extractEnd);
    if (pwCol < 0 || endCol < 0) {
      warnings.push(`${name}: no ${pwCol < 0 ? 'pathwayid' : 'extract_end_date'} column, so extract periods could not be de-duplicated; rows repeated across extracts may be double counted`);
      return undefined;
    }
    for await (const batch of file.batches) {
      hooks.signal?.throwIfAborted();
      for (const rec of batch) {
        const key = periodKey(rec, pwCol, startCol, endCol);
        if (!key) continue;
        const prev = latest.get(key.key);
        if (prev === undefined || key.end > prev) latest.set(key.key, key.end);
      }
      progress(file.bytesRead);
    }
  } finally {
    file.close();
  }
  return (rec) => {
    const key = periodKey(rec, pwCol, startCol, endCol);
    if (!key) {
      const v = cell(rec.fields, endCol);
      ctx.issues.add('unparseable extract date', 'extract_start_date/extract_end_date missing or not a date; row skipped',
        { file: name, line: rec.line, column: endCol + 1, value: v });
      return null;
    }
    if (latest.get(key.key) !== key.end) { ctx.stats.earlierExtractRows++; return null; }
    return key.end;
  };
}

/** The extract-period key of a UK LLC row (pathway + financial year) and its end date; null when the dates do not parse. Exported for the linked-tables index, which marks the rows this de-duplication keeps. */
export function periodKey(rec: CsvRecord, pwCol: number, startCol: number, endCol: number): { key: string; end: string } | null {
  const end = parseDateTime(cell(rec.fields, endCol));
  if (!end) return null;
  const startText = cell(rec.fields, startCol);
  const start = startText ? parseDateTime(startText) : null;
  if (startText && !start) return null;
  // the extract start is 1 April of its financial year; without it, the end date's year is used
  const fy = financialYear(start ? start.date : end.date);
  return { key: `${cell(rec.fields, pwCol)}\u0000${fy}`, end: end.date };
}
