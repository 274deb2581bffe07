// The workspace index of linked tables: built with one streaming pass per recognised table, updated per changed file,
// queried by ID (exact or prefix) and read back as LinkedPathway / LinkedParticipant shapes (rows re-read from disk).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openCsvFile } from '../csv';
import { builtinDictionary, type Dictionary } from '../dictionary';
import { dateText } from '../outcomes/facts';
import { recogniseTable } from '../tables';
import { KINDS, linkScopes, Status, type Links } from './link';
import { readRows } from './read';
import { KeySpace, scanFile, scopeOf, keyColumns, tableLinking, UNDATED_KEPT, UNDATED_SKIPPED, type FileIndex } from './scan';
import type { LinkedParticipant, LinkedPathway, LinkedRecord, UnlinkedRecord } from './types';

export interface IndexProgress {
  message: string;
  /** 0..1 over the bytes to read */
  fraction: number;
}

export interface IndexOptions {
  dictionary?: Dictionary;
  signal?: AbortSignal;
  onProgress?: (p: IndexProgress) => void;
}

/** One ID the index knows: a participant or a pathway of one extract (scope). */
export interface IdMatch {
  id: string;
  kind: 'participant' | 'pathway';
  layout: 'nhs' | 'ukllc';
  /** the extract's folder */
  folder: string;
  /** internal handle for readMatch (valid until the next update) */
  index: number;
  /** pathway: its participant id (null when none); participant: null */
  participantId: string | null;
  /** participant: number of pathways; pathway: number of linked records */
  count: number;
}

/** A file the index looked at but does not hold, with the reason (unreadable, not an IAPT table, no key column). */
export interface SkippedFile {
  path: string;
  reason: string;
  /** true when the file failed to read or parse (an error, not a choice) */
  error: boolean;
}

/** A record the index could not attach, as positions (read it with readUnlinked). */
export interface UnlinkedRef {
  ref: number;
  file: string;
  tableId: string;
  line: number;
  offset: number;
  status: Status;
  /** the key column concerned (as written in the header) */
  column: string;
}

export interface IndexStats {
  files: number;
  records: number;
  pathways: number;
  participants: number;
  unlinked: number;
  /** bytes held by the index's typed arrays (keys' strings not counted) */
  arrayBytes: number;
}

export class LinkIndex {
  private readonly fileMap = new Map<string, FileIndex>();
  private readonly skippedMap = new Map<string, SkippedFile>();
  private readonly scopes = new Map<string, { keys: KeySpace; chains: boolean }>();
  private links: Links = linkScopes([]);
  private readonly dict: Dictionary;

  private constructor(dict: Dictionary) { this.dict = dict; }

  /** Indexes the given files (CSV/TSV paths; folders are not walked here, see listTableFiles). */
  static async build(files: readonly string[], opts: IndexOptions = {}): Promise<LinkIndex> {
    const index = new LinkIndex(opts.dictionary ?? builtinDictionary());
    await index.update(files, [], opts);
    return index;
  }

  /**
   * Re-reads the files changed or created (unchanged ones, same size and modification time, are not read again) and
   * forgets the removed ones, then re-links (in memory).
   */
  async update(changed: readonly string[], removed: readonly string[], opts: IndexOptions = {}): Promise<void> {
    for (const p of removed) { this.fileMap.delete(path.resolve(p)); this.skippedMap.delete(path.resolve(p)); }
    const heads: { path: string; table: { id: string; name: string; layout: 'nhs' | 'ukllc' }; chainsNeeded: boolean; size: number }[] = [];
    for (const raw of [...new Set(changed.map((p) => path.resolve(p)))]) {
      opts.signal?.throwIfAborted();
      let st: fs.Stats;
      try { st = fs.statSync(raw); } catch (err) { this.fileMap.delete(raw); this.skip(raw, `cannot be read: ${message(err)}`, true); continue; }
      if (!st.isFile()) { this.fileMap.delete(raw); this.skip(raw, 'not a regular file', true); continue; }
      const old = this.fileMap.get(raw);
      if (old && old.size === st.size && old.mtimeMs === st.mtimeMs) continue;
      let header: string[];
      try {
        const csv = await openCsvFile(raw, { signal: opts.signal });
        header = csv.header;
        csv.close();
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        this.fileMap.delete(raw); this.skip(raw, `cannot be read: ${message(err)}`, true); continue;
      }
      const rec = header.length ? recogniseTable(header, this.dict, path.basename(raw)) : null;
      if (!rec) { this.fileMap.delete(raw); this.skip(raw, 'not recognised as an IAPT table', false); continue; }
      const linking = tableLinking(rec.id, keyColumns(header));
      if (linking.order.length === 0) { this.fileMap.delete(raw); this.skip(raw, `${rec.id} has no participant, pathway, contact or activity key column`, false); continue; }
      this.skippedMap.delete(raw);
      const chainsNeeded = !linking.order.includes('pathway') && !linking.order.includes('serviceRequest')
        && (linking.order.includes('contact') || linking.order.includes('activity'));
      heads.push({ path: raw, table: { id: rec.id, name: rec.name, layout: rec.layout }, chainsNeeded, size: st.size });
    }
    // a scope that now needs the contact/activity chain re-reads its tables with contact/activity ids (not stored before)
    const toScan = new Map(heads.map((h) => [h.path, h]));
    for (const h of heads) {
      const scope = scopeOf(h.table.layout, h.path);
      const s = this.scopeFor(scope);
      if (h.chainsNeeded && !s.chains) {
        s.chains = true;
        for (const f of this.fileMap.values()) {
          const usesChain = f.linking.definesContacts || f.linking.definesActivities || f.cols.contact >= 0 || f.cols.activity >= 0;
          if (f.scope === scope && usesChain && !toScan.has(f.path)) {
            toScan.set(f.path, { path: f.path, table: { id: f.tableId, name: f.tableName, layout: f.layout }, chainsNeeded: false, size: f.size });
          }
        }
      }
    }
    const total = Math.max(1, [...toScan.values()].reduce((n, h) => n + h.size, 0));
    let done = 0;
    for (const h of toScan.values()) {
      opts.signal?.throwIfAborted();
      const scope = scopeOf(h.table.layout, h.path);
      const s = this.scopeFor(scope);
      const name = path.basename(h.path);
      opts.onProgress?.({ message: `Indexing ${name}`, fraction: done / total });
      try {
        const f = await scanFile(h.path, h.table, s.keys, {
          signal: opts.signal, chains: s.chains,
          onBytes: (b) => opts.onProgress?.({ message: `Indexing ${name}`, fraction: Math.min(1, (done + b) / total) }),
        });
        this.fileMap.set(h.path, f);
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        this.fileMap.delete(h.path);
        this.skip(h.path, `cannot be read: ${message(err)}`, true);
      }
      done += h.size;
    }
    this.relink();
    opts.onProgress?.({ message: 'Index ready', fraction: 1 });
  }

  private scopeFor(scope: string): { keys: KeySpace; chains: boolean } {
    let s = this.scopes.get(scope);
    if (!s) { s = { keys: new KeySpace(), chains: false }; this.scopes.set(scope, s); }
    return s;
  }

  private skip(p: string, reason: string, error: boolean): void {
    this.skippedMap.set(p, { path: p, reason, error });
  }

  private relink(): void {
    const byScope = new Map<string, FileIndex[]>();
    for (const f of [...this.fileMap.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const list = byScope.get(f.scope) ?? [];
      list.push(f);
      byScope.set(f.scope, list);
    }
    for (const scope of [...this.scopes.keys()]) if (!byScope.has(scope)) this.scopes.delete(scope);
    this.links = linkScopes([...byScope].sort(([a], [b]) => (a < b ? -1 : 1)).map(([scope, files]) => ({ scope, files, ...this.scopes.get(scope)! })));
  }

  /** Indexed files, in path order. */
  get files(): readonly FileIndex[] { return this.links.files; }
  /** Files looked at but not indexed (errors first). */
  get skipped(): SkippedFile[] { return [...this.skippedMap.values()].sort((a, b) => Number(b.error) - Number(a.error) || (a.path < b.path ? -1 : 1)); }

  stats(): IndexStats {
    const L = this.links;
    let records = 0; let bytes = 0;
    for (const f of L.files) {
      records += f.count;
      bytes += f.offset.byteLength + f.line.byteLength + Object.values(f.keys).reduce((n, a) => n + (a?.byteLength ?? 0), 0)
        + (f.definedContact?.byteLength ?? 0) + (f.definedActivity?.byteLength ?? 0)
        + (f.period ? f.period.group.byteLength + f.period.end.byteLength + f.period.latest.byteLength : 0);
    }
    for (let i = 0; i < L.files.length; i++) bytes += L.status[i].byteLength + L.target[i].byteLength;
    bytes += L.byPathway.items.byteLength + L.byPathway.start.byteLength + L.participantPathways.items.byteLength + L.participantPathways.start.byteLength
      + L.participantRecords.items.byteLength + L.participantRecords.start.byteLength + L.participantUnlinked.items.byteLength
      + L.participantUnlinked.start.byteLength + L.unlinked.byteLength + L.pathwayParticipant.byteLength;
    return { files: L.files.length, records, pathways: L.pathwayId.length, participants: L.participantId.length, unlinked: L.unlinked.length, arrayBytes: bytes };
  }

  private pathwayMatch(g: number): IdMatch {
    const L = this.links;
    const [layout, folder] = splitScope(L.pathwayScope[g]);
    const pt = L.pathwayParticipant[g];
    return { id: L.pathwayId[g], kind: 'pathway', layout, folder, index: g, participantId: pt >= 0 ? L.participantId[pt] : null, count: L.byPathway.count(g) };
  }

  private participantMatch(p: number): IdMatch {
    const L = this.links;
    const [layout, folder] = splitScope(L.participantScope[p]);
    return { id: L.participantId[p], kind: 'participant', layout, folder, index: p, participantId: null, count: L.participantPathways.count(p) };
  }

  /** Every participant and pathway whose ID is exactly `id` (one per extract and kind). */
  find(id: string): IdMatch[] {
    const out: IdMatch[] = [];
    const want = id.trim();
    for (const [scope, s] of this.scopes) {
      const pt = s.keys.participant.get(want);
      const pw = s.keys.pathway.get(want);
      if (pt !== undefined) {
        const g = this.links.participantId.findIndex((v, i) => v === want && this.links.participantScope[i] === scope);
        if (g >= 0) out.push(this.participantMatch(g));
      }
      if (pw !== undefined) {
        const g = this.links.pathwayId.findIndex((v, i) => v === want && this.links.pathwayScope[i] === scope);
        if (g >= 0) out.push(this.pathwayMatch(g));
      }
    }
    return out;
  }

  /**
   * IDs starting with `prefix` (case-insensitive), participants first, at most `limit`; `total` counts all matches.
   * One linear pass over the ID tables (no per-keystroke sorting or copying).
   */
  search(prefix: string, limit = 100): { matches: IdMatch[]; total: number } {
    const L = this.links;
    const want = prefix.trim().toLowerCase();
    const matches: IdMatch[] = [];
    let total = 0;
    const test = (id: string) => (want === '' || (id.length >= want.length && id.slice(0, want.length).toLowerCase() === want));
    for (let p = 0; p < L.participantId.length; p++) {
      if (!test(L.participantId[p])) continue;
      if (matches.length < limit) matches.push(this.participantMatch(p));
      total++;
    }
    for (let g = 0; g < L.pathwayId.length; g++) {
      if (!test(L.pathwayId[g])) continue;
      if (matches.length < limit) matches.push(this.pathwayMatch(g));
      total++;
    }
    return { matches, total };
  }

  /** The linked view of a match: a participant with all their pathways, or one pathway with its participant. */
  async readMatch(m: Pick<IdMatch, 'kind' | 'index'>): Promise<LinkedParticipant> {
    const L = this.links;
    if (m.kind === 'pathway') {
      const pt = L.pathwayParticipant[m.index];
      return { participantId: pt >= 0 ? L.participantId[pt] : null, pathways: [await this.readPathway(m.index)], unlinked: [] };
    }
    return this.readParticipant(m.index);
  }

  async readPathway(g: number): Promise<LinkedPathway> {
    const L = this.links;
    const pt = L.pathwayParticipant[g];
    const records = await this.readRefs(L.byPathway.of(g));
    return {
      pathwayId: L.pathwayId[g], participantId: pt >= 0 ? L.participantId[pt] : null,
      layout: splitScope(L.pathwayScope[g])[0], tables: groupByTable(records),
    };
  }

  async readParticipant(p: number): Promise<LinkedParticipant> {
    const L = this.links;
    const pathways: LinkedPathway[] = [];
    for (const g of L.participantPathways.of(p)) pathways.push(await this.readPathway(g));
    const own = await this.readRefs(L.participantRecords.of(p));
    const unlinked = await this.readUnlinked(L.participantUnlinked.of(p));
    return { participantId: L.participantId[p], pathways, unlinked, ...(own.length ? { records: groupByTable(own) } : {}) };
  }

  /** Every unlinked record as positions, in file order (for validation's orphan checks and the tree). */
  unlinkedRefs(): UnlinkedRef[] {
    const L = this.links;
    return Array.from(L.unlinked, (ref) => {
      const { f, row } = this.locate(ref);
      const file = L.files[f];
      const st = L.status[f][row];
      return { ref, file: file.path, tableId: file.tableId, line: file.line[row], offset: file.offset[row], status: (st >> 3) as Status, column: columnName(file, st & 7) };
    });
  }

  /** Reads unlinked records (refs from unlinkedRefs) with their reasons. */
  async readUnlinked(refs: ArrayLike<number>): Promise<UnlinkedRecord[]> {
    const records = await this.readRefs(refs);
    return records.map((record, i) => {
      const { f, row } = this.locate(refs[i]);
      return { record, reason: reasonText(this.links.files[f], this.links.status[f][row], record.fields) };
    });
  }

  /** Reads records by global ref (rows re-read from disk, grouped per file). */
  async readRefs(refs: ArrayLike<number>): Promise<LinkedRecord[]> {
    const L = this.links;
    const perFile = new Map<number, number[]>();
    const where = Array.from(refs, (ref) => this.locate(ref));
    for (const w of where) {
      const list = perFile.get(w.f) ?? [];
      list.push(w.row);
      perFile.set(w.f, list);
    }
    const fields = new Map<number, string[][]>();
    for (const [f, rows] of perFile) fields.set(f, await readRows(L.files[f], rows));
    const cursor = new Map<number, number>();
    return where.map(({ f, row }) => {
      const i = cursor.get(f) ?? 0;
      cursor.set(f, i + 1);
      return toRecord(L.files[f], row, fields.get(f)![i]);
    });
  }

  private locate(ref: number): { f: number; row: number } {
    const base = this.links.base;
    let lo = 0; let hi = this.links.files.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (base[mid] <= ref) lo = mid; else hi = mid - 1;
    }
    return { f: lo, row: ref - base[lo] };
  }
}

function toRecord(f: FileIndex, row: number, values: string[]): LinkedRecord {
  const fields: Record<string, string> = {};
  f.header.forEach((h, i) => { if (!(h in fields)) fields[h] = values[i] ?? ''; });
  let kept = true;
  let supersededReason: string | undefined;
  if (f.period) {
    const g = f.period.group[row];
    if (g === UNDATED_SKIPPED) { kept = false; supersededReason = 'extract_end_date missing or not a date while the pathway has dated rows in this table: the outcome engine sets it aside'; }
    else if (g === UNDATED_KEPT) kept = true;
    else if (f.period.end[row] !== f.period.latest[g]) { kept = false; supersededReason = `superseded by the extract ending ${dateText(f.period.latest[g])}`; }
  }
  return {
    file: f.path, line: f.line[row], offset: f.offset[row], tableId: f.tableId, layout: f.layout,
    extractEndDate: f.cols.extractEnd >= 0 ? (values[f.cols.extractEnd] ?? '') : null,
    kept, ...(supersededReason ? { supersededReason } : {}), fields,
  };
}

function groupByTable(records: LinkedRecord[]): Record<string, LinkedRecord[]> {
  const out: Record<string, LinkedRecord[]> = {};
  for (const r of records) (out[r.tableId] ??= []).push(r);
  return out;
}

function columnName(f: FileIndex, kindIndex: number): string {
  const kind = KINDS[kindIndex];
  const col = f.cols[kind];
  return col >= 0 ? f.header[col] : kind;
}

const REFERRAL_TABLE: Record<string, string> = { nhs: 'IDS101', ukllc: 'IAPT_demographics_and_referral' };
const CONTACT_TABLE: Record<string, string> = { nhs: 'IDS201', ukllc: 'IAPT_care_activities' };
const ACTIVITY_TABLE: Record<string, string> = { nhs: 'IDS202', ukllc: 'IAPT_care_activities' };

/** Why a record is unlinked, naming the key column and value. */
export function reasonText(f: FileIndex, status: number, fields: Record<string, string>): string {
  const st = status >> 3;
  const col = columnName(f, status & 7);
  const value = JSON.stringify((fields[col] ?? '').trim());
  switch (st) {
    case Status.Blank: {
      const names = f.linking.order.filter((k) => k !== 'participant').map((k) => f.header[f.cols[k]]);
      return `no key: ${(names.length ? names : [col]).join(', ')} ${names.length > 1 ? 'are' : 'is'} blank`;
    }
    case Status.Malformed: return `malformed key: ${col} ${value.length > 60 ? `${value.slice(0, 57)}…"` : value} (control characters or over 100 chars)`;
    case Status.UnknownPathway: return `${col} ${value} is in no referral file (${REFERRAL_TABLE[f.layout]}) of this extract`;
    case Status.UnknownServiceRequest: return `${col} ${value} is in no referral file (${REFERRAL_TABLE[f.layout]}) of this extract`;
    case Status.UnknownContact: return `${col} ${value} is in no care contact file (${CONTACT_TABLE[f.layout]}) of this extract, or its contact has no pathway`;
    case Status.UnknownActivity: return `${col} ${value} is in no care activity file (${ACTIVITY_TABLE[f.layout]}) of this extract, or its contact has no pathway`;
    case Status.DanglingContact:
    case Status.DanglingActivity: {
      const pw = f.cols.pathway >= 0 ? f.header[f.cols.pathway] : f.header[f.cols.serviceRequest] ?? 'pathway';
      const pwValue = (fields[pw] ?? '').trim();
      const parent = st === Status.DanglingContact ? `care contact file (${CONTACT_TABLE[f.layout]})` : `care activity file (${ACTIVITY_TABLE[f.layout]})`;
      return `${col} ${value} is in no ${parent} of this extract (orphan row${pwValue ? ` of ${pw} ${JSON.stringify(pwValue)}` : ''})`;
    }
    case Status.UnknownParticipant: return `${col} ${value} is in no referral file (${REFERRAL_TABLE[f.layout]}) of this extract`;
    default: return 'linked';
  }
}

function splitScope(scope: string): ['nhs' | 'ukllc', string] {
  const i = scope.indexOf(':');
  return [scope.slice(0, i) as 'nhs' | 'ukllc', scope.slice(i + 1)];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
