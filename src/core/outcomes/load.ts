// Streams the outcome tables into the facts index, in dependency order, de-duplicating UK LLC extract periods first.
import * as fs from 'node:fs';
import { openCsvFile, problemLabel, type CsvRecord } from '../csv';
import { Columns, cell, COL } from './columns';
import { parseDateTime } from './dates';
import { extractPeriodKey, LatestExtracts } from './extracts';
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
const ORDER: TableRole[] = ['referral', 'contacts', 'activities', 'complaints', 'scores'];

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
  /** rows to read of each table (partitioned passes, partition.ts); default all */
  rowFilter?: (table: OutcomeTableInput, header: readonly string[]) => (rec: CsvRecord) => boolean;
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
      keep = await extractFilter(t, ctx, hooks, warnings, (b) => report(`Extract periods: ${name}`, b));
      done += sizes[w];
    }
    const file = await openCsvFile(t.path, { signal: hooks.signal, file: name });
    try {
      const cols = new Columns(file.header);
      const handle = makeRowHandler(tableRole(t.tableId)!, file.header, name, ctx);
      const wanted = hooks.rowFilter?.(t, file.header);
      for await (const batch of file.batches) {
        hooks.signal?.throwIfAborted();
        for (const rec of batch) {
          if (wanted && !wanted(rec)) continue;
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
        ctx.issues.add(`csv: ${problemLabel(p)}`, p.message, { file: name, line: p.line, column: p.column, value: '' }, false);
      }
    } finally {
      file.close();
    }
    done += sizes[w];
  }
}

/**
 * UK LLC: for each pathway keep only the rows of the latest extract end date per financial year (the rule is in
 * ./extracts.ts, shared with the linked tables). The first pass observes every row; the returned filter gives the
 * row's extract end date for a kept row and null for a row set aside (counted, with file:line examples).
 */
async function extractFilter(
  t: OutcomeTableInput, ctx: LoadContext, hooks: LoadHooks, warnings: string[], progress: (bytes: number) => void,
): Promise<((rec: CsvRecord, cols: Columns) => string | null) | undefined> {
  const name = t.name ?? t.path;
  const file = await openCsvFile(t.path, { signal: hooks.signal, file: name });
  const wanted = hooks.rowFilter?.(t, file.header);
  const rule = new LatestExtracts();
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
    if (ctx.dedupeExtracts === false) {
      warnings.push(`${name}: extract-period de-duplication switched off (testing only); rows of every extract are read`);
      return (rec) => parseDateTime(cell(rec.fields, endCol))?.date ?? '';
    }
    for await (const batch of file.batches) {
      hooks.signal?.throwIfAborted();
      for (const rec of batch) {
        if (wanted && !wanted(rec)) continue;
        rule.observe(cell(rec.fields, pwCol), cell(rec.fields, startCol), cell(rec.fields, endCol));
      }
      progress(file.bytesRead);
    }
  } finally {
    file.close();
  }
  return (rec) => {
    const d = rule.decide(cell(rec.fields, pwCol), cell(rec.fields, startCol), cell(rec.fields, endCol));
    const where = { file: name, line: rec.line, column: endCol + 1, value: cell(rec.fields, endCol) };
    if (d.kept) {
      if (d.undated) ctx.issues.add('no extract end date (kept)', 'extract_end_date missing or not a date, and the pathway has no dated row in this table to supersede it; row kept', where, false);
      return d.end;
    }
    if (d.reason === 'superseded extract') {
      ctx.stats.earlierExtractRows++;
      ctx.issues.add('earlier extract period', 'UK LLC row of an earlier extract of the same financial year (superseded by the latest extract)', where, true, true);
    } else {
      ctx.issues.add('no extract end date', 'extract_end_date missing or not a date while the pathway has dated rows in this table: the row cannot be placed in an extract period; row skipped', where);
    }
    return null;
  };
}

/**
 * The extract-period key of a UK LLC row (pathway + financial year) and its end date; null when the end date does not
 * parse. Kept for the linked-tables index; the whole rule, including rows without an end date, is `LatestExtracts`
 * in ./extracts.ts.
 */
export function periodKey(rec: CsvRecord, pwCol: number, startCol: number, endCol: number): { key: string; end: string } | null {
  return extractPeriodKey(cell(rec.fields, pwCol), cell(rec.fields, startCol), cell(rec.fields, endCol));
}
