// Validation of files on disk (CLI, "IAPT: Validate Workspace", big files VS Code does not open): every file's
// header first (recognition and which files feed which cross-file checks), then each file streamed once, parents
// before children, then the deferred cross-file checks and the derived-field comparison. Memory: the key sets and
// one value per key of the link columns, and the key maps of the uniqueness rules of the file being read.
import * as fs from 'node:fs';
import { openCsvFile, type CsvProblem } from '../csv';
import { builtinDictionary, normaliseColumnName, type Dictionary } from '../dictionary';
import { recogniseTable, type RecognisedTable } from '../tables';
import { builtinCatalogue, type Catalogue } from './catalogue';
import { CrossFileState, type KeySet, type Lookup } from './crossFile';
import { derivedFindings } from './derived';
import { columnMap, FileValidator, problemFinding, type FileLinks } from './file';
import { FindingSink, selectRules, type RuleSelection } from './select';
import type { FieldRef, Finding } from './types';
import * as path from 'node:path';

export interface ValidateOptions {
  dictionary?: Dictionary;
  selection?: RuleSelection;
  signal?: AbortSignal;
  /** name shown for a path in findings (default: the path as given) */
  displayName?: (file: string) => string;
  onProgress?: (p: { message: string; fraction: number }) => void;
}

export interface FileSummary {
  file: string;
  table: string | null;
  layout: string | null;
  version: string | null;
  rows: number;
  findings: number;
  /** catalogue rules evaluated on the file */
  rulesApplied: number;
}

export interface ValidationRun {
  files: FileSummary[];
  /** findings by severity (after the cap) */
  counts: Record<'error' | 'warning' | 'information', number>;
  /** files that could not be read (also reported as IAPTX070 findings) */
  ioErrors: { file: string; message: string }[];
}

/** Evaluation order: parents before the children checked against them (IDS001 first, for birth dates). */
const ORDER = ['IDS000', 'IDS001', 'IDS002', 'IDS101', 'IAPT_demographics_and_referral', 'IDS201', 'IDS202', 'IAPT_care_activities'];
const rank = (id: string | undefined) => { const i = id ? ORDER.indexOf(id) : -1; return i < 0 ? ORDER.length : i; };

interface Planned {
  path: string;
  name: string;
  header: string[];
  recognised: RecognisedTable | null;
  cols: Map<string, number>;
  feeds: { col: number; set: KeySet }[];
  lookups: { keyCol: number; valueCol: number; lookup: Lookup }[];
  size: number;
  ioError?: string;
  /** the first problem that makes the file unreadable as text (binary content, UTF-16 big-endian) */
  unparsable?: CsvProblem;
}

/** Binary content or an unsupported encoding: the file is not read further; one finding at the first failure. */
export function isUnparsable(p: CsvProblem): boolean {
  return p.kind === 'binary' || p.kind === 'encoding';
}

/**
 * Validates files (already listed: see listTableFiles) and hands each finding to `onFinding` as it is found.
 * Never throws on file content or an unreadable file; rejects only when the signal aborts.
 */
export async function validateFiles(files: readonly string[], onFinding: (f: Finding) => void, options: ValidateOptions = {}): Promise<ValidationRun> {
  const dict = options.dictionary ?? builtinDictionary();
  const catalogue = builtinCatalogue();
  const { rules, check } = selectRules(catalogue, options.selection);
  const sink = new FindingSink(onFinding, options.selection?.maxPerFile, check('IAPTX009'));
  const name = options.displayName ?? ((f: string) => f);
  const run: ValidationRun = { files: [], counts: { error: 0, warning: 0, information: 0 }, ioErrors: [] };
  const ioError = (file: string, message: string) => {
    run.ioErrors.push({ file, message });
    const sev = check('IAPTX070');
    if (sev) sink.emit({ file, line: 1, column: 1, field: '', value: '', rule: 'IAPTX070', severity: sev, message });
  };

  // 1. headers
  const planned: Planned[] = [];
  for (const p of files) {
    options.signal?.throwIfAborted();
    const shown = name(p);
    const entry: Planned = { path: p, name: shown, header: [], recognised: null, cols: new Map(), feeds: [], lookups: [], size: 0 };
    try {
      const st = fs.statSync(p);
      if (!st.isFile()) throw new Error('not a regular file');
      entry.size = st.size;
      const csv = await openCsvFile(p, { signal: options.signal, file: shown });
      entry.header = csv.header;
      entry.unparsable = csv.problems.find(isUnparsable);
      csv.close();
      if (entry.unparsable) { planned.push(entry); continue; }
      entry.recognised = recogniseTable(entry.header, dict, path.basename(p));
      entry.cols = columnMap(entry.header, entry.recognised, dict).map;
    } catch (err) {
      if (options.signal?.aborted) throw err;
      entry.ioError = `${shown} cannot be read: ${err instanceof Error ? err.message : String(err)}`;
    }
    planned.push(entry);
  }
  const order = planned.map((_, i) => i).sort((a, b) => rank(planned[a].recognised?.id) - rank(planned[b].recognised?.id) || a - b);
  const files_ = order.map((i) => planned[i]).filter((p) => !p.ioError || (ioError(p.name, p.ioError), false));

  // 2. plan: which files feed which key sets and lookups (bind every rule once with registering links)
  const state = new CrossFileState();
  const linkKeys = catalogue.checks.link_keys.keys;
  const headerHas = (p: Planned, key: string) => p.header.findIndex((h) => normaliseColumnName(h) === key.toLowerCase());
  const feedOnce = <T>(list: T[], item: T, same: (x: T) => boolean) => { if (!list.some(same)) list.push(item); };
  const linksFor = (me: Planned, registering: boolean): FileLinks => ({
    source: (ref: FieldRef) => {
      for (const other of files_) {
        if (other === me || !other.recognised?.nhsTables.includes(ref.table)) continue;
        const valueCol = other.cols.get(`${ref.table}.${ref.name}`);
        if (valueCol === undefined) continue;
        let keyCol = -1; let otherKey = -1; let key = '';
        if (ref.table !== 'IDS000') {
          key = linkKeys.find((k) => headerHas(me, k) >= 0 && headerHas(other, k) >= 0) ?? '';
          if (!key) continue;
          keyCol = headerHas(me, key); otherKey = headerHas(other, key);
        }
        const lookup = state.lookup(ref.table, ref.name, key);
        if (registering) {
          if (!lookup.files.includes(other.name)) { lookup.files.push(other.name); lookup.pending++; }
          feedOnce(other.lookups, { keyCol: otherKey, valueCol, lookup }, (x) => x.lookup === lookup);
        }
        if (!registering && !lookup.complete) return null;
        return { where: 'lookup', keyCol, lookup, header: other.header[valueCol], otherCol: valueCol };
      }
      return null;
    },
    parentSet: (table: string, key: string) => {
      const sources = files_.filter((o) => o.recognised?.nhsTables.includes(table) && o.cols.has(`${table}.${key}`));
      if (sources.length === 0) return null;
      const set = state.keySet(table, key);
      if (registering) {
        for (const o of sources) {
          if (set.files.includes(o.name)) continue;
          set.files.push(o.name); set.pending++;
          o.feeds.push({ col: o.cols.get(`${table}.${key}`)!, set });
        }
      }
      return set;
    },
    ukllcParent: () => {
      if (me.recognised?.layout !== 'ukllc' || me.recognised.id === 'IAPT_demographics_and_referral') return null;
      const key = ['PathwayID', 'cohortkey_e'].find((k) => headerHas(me, k) >= 0);
      if (!key) return null;
      const sources = files_.filter((o) => o.recognised?.id === 'IAPT_demographics_and_referral' && headerHas(o, key) >= 0);
      if (sources.length === 0) return null;
      const set = state.keySet('IAPT_demographics_and_referral', key);
      if (registering) {
        for (const o of sources) {
          if (set.files.includes(o.name)) continue;
          set.files.push(o.name); set.pending++;
          o.feeds.push({ col: headerHas(o, key), set });
        }
      }
      return { set, key };
    },
  });
  const throwaway = new CrossFileState();
  for (const p of files_) {
    if (!p.recognised) continue;
    new FileValidator({ file: p.name, header: p.header, recognised: p.recognised, dict, catalogue, rules, check, emit: () => undefined, state: throwaway, links: linksFor(p, true) });
  }

  // 3. read each file once
  const totalBytes = files_.reduce((s, p) => s + p.size, 0) || 1;
  let doneBytes = 0;
  for (const p of files_) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ message: `Validating ${p.name}`, fraction: doneBytes / totalBytes });
    const validator = new FileValidator({
      file: p.name, header: p.header, recognised: p.recognised, dict, catalogue, rules, check, emit: (f) => sink.emit(f), state,
      links: linksFor(p, false), feeds: p.feeds, lookups: p.lookups,
    });
    let rows = 0;
    if (p.unparsable) {
      const f = problemFinding(p.unparsable, p.name, p.header, catalogue, check);
      if (f) sink.emit(f);
      run.files.push({ file: p.name, table: null, layout: null, version: null, rows: 0, findings: 0, rulesApplied: 0 });
      doneBytes += p.size;
      continue;
    }
    try {
      const csv = await openCsvFile(p.path, { signal: options.signal, file: p.name });
      if (!p.recognised && csv.header.length > 0 && csv.problemCount === 0) {
        const sev = check('IAPTX008');
        if (sev) sink.emit({ file: p.name, line: 1, column: 1, field: '', value: '', rule: 'IAPTX008', severity: sev, message: `${p.name} is not recognised as an IAPT table (NHS IDS or UK LLC); only its CSV structure is checked` });
      }
      let last = 0;
      let stopped: CsvProblem | undefined;
      for await (const batch of csv.batches) {
        for (const r of batch) validator.record(r);
        rows += batch.length;
        stopped = csv.problems.find(isUnparsable);
        if (stopped) { csv.close(); break; }
        if (csv.bytesRead - last > 8 * 1024 * 1024) {
          last = csv.bytesRead;
          options.onProgress?.({ message: `Validating ${p.name}`, fraction: (doneBytes + csv.bytesRead) / totalBytes });
        }
      }
      for (const problem of csv.problems) {
        if (stopped && problem !== stopped && problem.line >= stopped.line) continue;
        const f = problemFinding(problem, p.name, p.header, catalogue, check);
        if (f) sink.emit(f);
      }
    } catch (err) {
      if (options.signal?.aborted) throw err;
      ioError(p.name, `${p.name} cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const f of p.feeds) f.set.pending--;
    for (const l of p.lookups) l.lookup.pending--;
    doneBytes += p.size;
    run.files.push({ file: p.name, table: p.recognised?.id ?? null, layout: p.recognised?.layout ?? null, version: p.recognised?.version ?? null, rows, findings: 0, rulesApplied: validator.boundRules.length });
  }
  for (const f of state.finishDeferred()) sink.emit(f);

  // 4. NHS derived fields against the raw rows (the outcome engine's recomputation)
  const derivedSeverity = check('IAPTX050');
  if (derivedSeverity) {
    options.onProgress?.({ message: 'Comparing derived fields with the raw rows', fraction: 0.99 });
    for (const f of await derivedFindings(files_.filter((p) => p.recognised), derivedSeverity, options.signal)) sink.emit(f);
  }
  sink.finish();
  for (const s of run.files) s.findings = sink.countFor(s.file);
  run.counts = sink.counts;
  options.onProgress?.({ message: 'Done', fraction: 1 });
  return run;
}

export type { Catalogue };
