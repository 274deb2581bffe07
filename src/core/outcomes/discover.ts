// Finds the outcome tables among files and folders: CSV/TSV files recognised by their header row.
import * as path from 'node:path';
import { openCsvFile } from '../csv';
import { listTableFiles, TABLE_FILE } from '../files';
import { builtinDictionary, type Dictionary } from '../dictionary';
import { groupExtracts, recogniseTable, severalExtractsLines } from '../tables';
import { computeOutcomes, OutcomeInputError, type ComputeOptions, type OutcomeResult } from './compute';
import { tableRole, type LoadHooks, type OutcomeTableInput } from './load';

export interface DiscoveredTables {
  tables: OutcomeTableInput[];
  /** files looked at but not used, with the reason */
  ignored: { path: string; reason: string }[];
}

// Safe discovery (regular files only, links not followed out of the chosen folder) lives in core/files.
export { listTableFiles, TABLE_FILE };

/** Reads each file's header and keeps those recognised as a table the outcome engine needs. */
export async function recogniseOutcomeTables(
  files: readonly string[], opts: { signal?: AbortSignal; dictionary?: Dictionary; displayName?: (file: string) => string } = {},
): Promise<DiscoveredTables> {
  const dict = opts.dictionary ?? builtinDictionary();
  const out: DiscoveredTables = { tables: [], ignored: [] };
  for (const file of files) {
    opts.signal?.throwIfAborted();
    let header: string[];
    try {
      const csv = await openCsvFile(file, { signal: opts.signal });
      header = csv.header;
      csv.close();
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      out.ignored.push({ path: file, reason: `cannot be read: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    const rec = recogniseTable(header, dict, path.basename(file));
    if (!rec) { out.ignored.push({ path: file, reason: 'not recognised as an IAPT table' }); continue; }
    if (!tableRole(rec.id)) { out.ignored.push({ path: file, reason: `${rec.id} is not needed for outcomes` }); continue; }
    out.tables.push({ path: file, name: opts.displayName?.(file) ?? file, layout: rec.layout, tableId: rec.id });
  }
  return out;
}

/** Convenience for other features: files/folders in, outcome result out (throws OutcomeInputError when nothing usable). */
export async function computeOutcomesFromPaths(
  paths: readonly string[], options: ComputeOptions = {}, hooks: LoadHooks = {},
): Promise<{ result: OutcomeResult; ignored: DiscoveredTables['ignored']; missing: string[] }> {
  const { files, missing, skipped } = listTableFiles(paths);
  const found = await recogniseOutcomeTables(files, { signal: hooks.signal });
  found.ignored.push(...skipped);
  if (found.tables.length === 0) throw new OutcomeInputError(NO_TABLES_MESSAGE(files.length));
  // separate extracts are never merged: the caller chooses one (a folder) and runs again
  const extracts = groupExtracts(found.tables);
  if (extracts.reasons.length) throw new OutcomeInputError(`${severalExtractsLines(extracts).join('\n')}\nChoose one extract's folder.`);
  const result = await computeOutcomes(found.tables, options, hooks);
  return { result, ignored: found.ignored, missing };
}

/** What the engine needs, said when none of the files is an outcome table. */
export const NO_TABLES_MESSAGE = (files: number): string => `No outcome tables among ${files} CSV/TSV file(s). Needed: IDS101 or `
  + 'IAPT_demographics_and_referral (pathways, discharge dates), IDS201 or IAPT_care_activities (attended treatment appointments), '
  + 'IDS606/IDS607 or IAPT_coded_scored_assessments (scores), IDS603 or IAPT_mental_and_physical_health_conditions (presenting complaints).';
