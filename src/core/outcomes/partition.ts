// Bounded memory for national extracts: when an extract has more pathways than one pass can hold, the outcome
// tables are read in several passes, each keeping only the rows of one share of the pathways (by a hash of the
// PathwayID, or of the ServiceRequestId's pathway for rows without one), and the per-pass results are merged.
// Memory then grows with pathways ÷ passes; time with passes (each pass re-reads the files).
import type { CsvRecord } from '../csv';
import { openCsvFile } from '../csv';
import { cell, Columns, COL } from './columns';
import { computeOutcomes, MAX_DISAGREEMENTS, type ComputeOptions, type OutcomeResult } from './compute';
import type { RowIssueGroup } from './issues';
import { MAX_EXAMPLES } from './issues';
import { tableRole, type LoadHooks, type OutcomeTableInput } from './load';
import { emptyCounts, summarise, type OutcomeCounts } from './rates';

/** Pathways one pass holds: about 2 GB of facts on the generated extracts (6.5 KB a pathway at 180 k, NHS layout). */
export const PATHWAYS_PER_PASS = 300_000;

export interface PartitionOptions {
  /** force a number of passes (default: from the referral table's row count) */
  passes?: number;
  pathwaysPerPass?: number;
}

/** FNV-1a of a string, as an unsigned 32-bit number. */
export function hashKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Reads the referral tables once: row count, and ServiceRequestId → pass (for child rows without a PathwayID). */
async function planPasses(tables: readonly OutcomeTableInput[], hooks: LoadHooks, opts: PartitionOptions): Promise<{ passes: number; bySr: Map<string, number> }> {
  let rows = 0;
  const ids: [string, string][] = [];
  for (const t of tables.filter((x) => tableRole(x.tableId) === 'referral')) {
    const file = await openCsvFile(t.path, { signal: hooks.signal, file: t.name ?? t.path });
    try {
      const cols = new Columns(file.header);
      const pw = cols.find(...COL.pathway); const sr = cols.find(...COL.serviceRequest);
      for await (const batch of file.batches) {
        hooks.signal?.throwIfAborted();
        rows += batch.length;
        if (sr >= 0) for (const rec of batch) { const s = cell(rec.fields, sr); if (s) ids.push([s, cell(rec.fields, pw) || s]); }
      }
    } finally {
      file.close();
    }
  }
  const passes = opts.passes ?? Math.max(1, Math.ceil(rows / (opts.pathwaysPerPass ?? PATHWAYS_PER_PASS)));
  const bySr = new Map<string, number>();
  if (passes > 1) for (const [s, p] of ids) if (!bySr.has(s)) bySr.set(s, hashKey(p) % passes);
  return { passes, bySr };
}

/** The row filter of one pass: a row belongs to the pass of its PathwayID, else of its ServiceRequestId's pathway. */
function passFilter(pass: number, passes: number, bySr: Map<string, number>) {
  return (_t: OutcomeTableInput, header: readonly string[]): ((rec: CsvRecord) => boolean) => {
    const cols = new Columns(header);
    const pw = cols.find(...COL.pathway); const sr = cols.find(...COL.serviceRequest);
    return (rec) => {
      const id = cell(rec.fields, pw);
      if (id) return hashKey(id) % passes === pass;
      const s = cell(rec.fields, sr);
      // a row naming no pathway is read in the first pass (its own lookups decide whether it links)
      return (s ? bySr.get(s) ?? 0 : 0) === pass;
    };
  };
}

function mergeIssues(groups: RowIssueGroup[][]): RowIssueGroup[] {
  const byKind = new Map<string, RowIssueGroup>();
  groups.forEach((list, pass) => {
    for (const g of list) {
      // problems of the file itself (CSV syntax) are found by every pass: count them once
      if (pass > 0 && g.kind.startsWith('csv:')) continue;
      const m = byKind.get(g.kind);
      if (!m) { byKind.set(g.kind, { ...g, examples: [...g.examples] }); continue; }
      m.count += g.count;
      for (const e of g.examples) if (m.examples.length < MAX_EXAMPLES) m.examples.push(e);
    }
  });
  return [...byKind.values()].sort((a, b) => b.count - a.count);
}

function addRecords<T extends Record<string, number>>(into: T, from: Partial<T>): void {
  for (const [k, v] of Object.entries(from)) (into as Record<string, number>)[k] = ((into as Record<string, number>)[k] ?? 0) + (v as number);
}

/**
 * computeOutcomes in as many passes as the extract needs (one for most extracts). Same result as one pass, except
 * the pathways' order (grouped by pass) and, for a row without a PathwayID whose ServiceRequestId is unknown, that
 * it is only tried in the first pass.
 */
export async function computeOutcomesPartitioned(
  tables: readonly OutcomeTableInput[], options: ComputeOptions = {}, hooks: LoadHooks = {}, opts: PartitionOptions = {},
): Promise<OutcomeResult & { passes: number }> {
  const { passes, bySr } = opts.passes === 1 ? { passes: 1, bySr: new Map<string, number>() } : await planPasses(tables, hooks, opts);
  if (passes === 1) return { ...(await computeOutcomes(tables, options, hooks)), passes };
  const results: OutcomeResult[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const onProgress = hooks.onProgress;
    results.push(await computeOutcomes(tables, options, {
      ...hooks,
      rowFilter: passFilter(pass, passes, bySr),
      onProgress: onProgress && ((p) => onProgress({ message: `${p.message} (pass ${pass + 1} of ${passes})`, fraction: (pass + p.fraction) / passes })),
    }));
  }
  bySr.clear();
  const first = results[0];
  const counts: OutcomeCounts = emptyCounts();
  const exclusions: OutcomeResult['exclusions'] = {};
  const byField: Record<string, number> = {};
  const stats = { ...first.stats, scoresNotCounted: { ...first.stats.scoresNotCounted } };
  let disagreementCount = 0;
  const disagreements: OutcomeResult['disagreements'] = [];
  const pathways: OutcomeResult['pathways'] = [];
  results.forEach((r, i) => {
    for (const p of r.pathways) pathways.push(p);
    addRecords(counts as unknown as Record<string, number>, r.counts as unknown as Record<string, number>);
    addRecords(exclusions as Record<string, number>, r.exclusions as Record<string, number>);
    addRecords(byField, r.disagreementsByField);
    disagreementCount += r.disagreementCount;
    for (const d of r.disagreements) if (disagreements.length < MAX_DISAGREEMENTS) disagreements.push(d);
    if (i > 0) {
      // every count of the stats adds up over passes (each row is read in one pass)
      const into = stats as unknown as Record<string, number | Record<string, number>>;
      for (const [k, v] of Object.entries(r.stats as unknown as Record<string, number | Record<string, number>>)) {
        if (typeof v === 'number') into[k] = (into[k] as number) + v;
        else addRecords(into[k] as Record<string, number>, v);
      }
    }
    r.pathways.length = 0;
  });
  return {
    ...first,
    pathways,
    counts,
    summary: summarise(counts, disagreementCount),
    exclusions,
    disagreements,
    disagreementCount,
    disagreementsByField: byField,
    issues: mergeIssues(results.map((r) => r.issues)),
    setAside: mergeIssues(results.map((r) => r.setAside)),
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
    stats,
    passes,
  };
}
