// One streaming pass over one recognised table: per record its byte offset, line and the linking keys it holds, as
// interned numbers in typed arrays (never the row itself). UK LLC tables also get the outcome engine's extract-period
// grouping (latest extract per pathway per financial year) so the "kept" mark is the engine's own rule.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CsvProblem } from '../csv';
import { scanKeyFields } from '../csv/keyScan';
import type { Layout } from '../dictionary/types';
import { Columns, COL } from '../outcomes/columns';
import { dateNumber } from '../outcomes/facts';
import { extractPeriodKey } from '../outcomes/extracts';
import { tableRole } from '../outcomes/load';
import { Int32Column, Interner } from './store';

/** How a table links: the kind of key its rows are attached by, in order of preference. */
export type KeyKind = 'pathway' | 'serviceRequest' | 'contact' | 'activity' | 'participant';

/** Interned keys of one scope (one extract: layout + folder). */
export class KeySpace {
  readonly pathway = new Interner();
  readonly serviceRequest = new Interner();
  readonly participant = new Interner();
  readonly contact = new Interner();
  readonly activity = new Interner();
  of(kind: KeyKind): Interner { return this[kind]; }
}

/** Extract-period group of a row without a readable extract_end_date: set aside, or kept (its pathway has no dated row in the table). */
export const UNDATED_SKIPPED = -1;
export const UNDATED_KEPT = -2;

/** Value of an interned key column for a blank cell and for a malformed one. */
export const BLANK = -1;
export const MALFORMED = -2;
/** A key after the row's first non-blank one (never read: the row links by that one). */
export const NOT_READ = -3;

/** A key longer than this, or holding a control char, is malformed (IDs in IAPT extracts are short codes). */
export const MAX_KEY_CHARS = 100;
/** a control char (C0, DEL, C1) in a key: malformed */
function badKey(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

export interface KeyColumns {
  pathway: number;
  serviceRequest: number;
  participant: number;
  contact: number;
  activity: number;
  extractStart: number;
  extractEnd: number;
}

/** What a table does in the linking (referral = defines pathways; contacts/activities = define chains). */
export interface TableLinking {
  /** defines pathways (IDS101, IAPT_demographics_and_referral) */
  referral: boolean;
  /** defines CareContactId → pathway (IDS201, IAPT_care_activities) */
  definesContacts: boolean;
  /** defines CareActId → CareContactId (IDS202, IAPT_care_activities) */
  definesActivities: boolean;
  /** the key kinds a row is attached by, best first (the first non-blank one is used) */
  order: KeyKind[];
}

export function keyColumns(header: readonly string[]): KeyColumns {
  const c = new Columns(header);
  return {
    pathway: c.find(...COL.pathway),
    serviceRequest: c.find(...COL.serviceRequest),
    participant: c.find(...COL.participant),
    contact: c.find(...COL.contact),
    activity: c.find(...COL.activity),
    extractStart: c.find(...COL.extractStart),
    extractEnd: c.find(...COL.extractEnd),
  };
}

export function tableLinking(tableId: string, cols: KeyColumns): TableLinking {
  const role = tableRole(tableId);
  const referral = role === 'referral';
  const definesContacts = role === 'contacts';
  const definesActivities = tableId === 'IDS202' || (definesContacts && cols.activity >= 0);
  const order: KeyKind[] = [];
  if (cols.pathway >= 0) order.push('pathway');
  if (cols.serviceRequest >= 0) order.push('serviceRequest');
  // a contact table's own CareContactId defines the contact, it does not point at one
  if (cols.contact >= 0 && !definesContacts) order.push('contact');
  if (cols.activity >= 0 && !definesActivities) order.push('activity');
  if (cols.participant >= 0) order.push('participant');
  return { referral, definesContacts, definesActivities, order };
}

/** The index of one file. Arrays hold `count` entries; key arrays hold interned ids, BLANK or MALFORMED. */
export interface FileIndex {
  path: string;
  size: number;
  mtimeMs: number;
  tableId: string;
  tableName: string;
  layout: Layout;
  /** the extract this file belongs to: layout + folder (the same ID in two extracts is two things) */
  scope: string;
  delimiter: string;
  encoding: 'utf8' | 'utf16le';
  header: string[];
  cols: KeyColumns;
  linking: TableLinking;
  count: number;
  offset: Float64Array;
  line: Uint32Array;
  /** per key kind in linking.order: the row's key (only kinds whose column exists) */
  keys: Partial<Record<KeyKind, Int32Array>>;
  /** contact / activity ids a row defines (chain tables, only when the scope needs chains) */
  definedContact?: Int32Array;
  definedActivity?: Int32Array;
  /**
   * 53-bit hashes of the CareContactId / CareActId a row defines (contact / activity tables) or refers to (other
   * tables), -1 when blank: a row attached by its PathwayID whose contact or activity is in no parent table is an
   * orphan (checked without keeping the ids themselves)
   */
  contactHash?: Float64Array;
  activityHash?: Float64Array;
  /** UK LLC: extract-period group per row (UNDATED_SKIPPED / UNDATED_KEPT: no readable end date) and the row's end date (yyyymmdd); latest end per group */
  period?: { group: Int32Array; end: Int32Array; latest: Int32Array };
  problems: CsvProblem[];
  problemCount: number;
}

export function scopeOf(layout: Layout, file: string): string {
  return `${layout}:${path.dirname(path.resolve(file))}`;
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** store the contact/activity ids chain tables define (needed when some table links only through them) */
  chains: boolean;
  onBytes?: (bytesRead: number) => void;
}

/** Streams one recognised file once and returns its index. Rejects when the file cannot be read. */
export async function scanFile(
  filePath: string, table: { id: string; name: string; layout: Layout }, keys: KeySpace, opts: ScanOptions,
): Promise<FileIndex> {
  const st = await fs.promises.stat(filePath);
  let cols: KeyColumns | undefined;
  // only the key and extract-date columns are read (csv/keyScan.ts: a byte-level pass that decodes just those
  // fields): the index keeps keys and positions, never the rest of a row
  const columns = (header: readonly string[]) => {
    cols = keyColumns(header);
    const mask = header.map(() => false);
    for (const i of Object.values(cols)) if (i >= 0) mask[i] = true;
    return mask;
  };
  let state: ReturnType<typeof rowState> | undefined;
  const res = await scanKeyFields(filePath, { signal: opts.signal, columns, onBytes: opts.onBytes }, (byteOffset, line, f) => {
    if (state === undefined) state = rowState(table, cols as KeyColumns, keys, opts);
    state.add(byteOffset, line, f);
  });
  const c = cols ?? keyColumns(res.header);
  const s = state ?? rowState(table, c, keys, opts);
  const linking = s.linking;
  const { periods, offset, line, defContact, defActivity, contactHash, activityHash, keyCols } = s;
  if (periods) for (const [row, pw] of periods.undated) if (!periods.dated.has(pw)) periods.group.set(row, UNDATED_KEPT);
  const keysOut: FileIndex['keys'] = {};
  for (const k of keyCols) keysOut[k.kind] = k.out.done();
  return {
    path: filePath, size: st.size, mtimeMs: st.mtimeMs, tableId: table.id, tableName: table.name, layout: table.layout,
    scope: scopeOf(table.layout, filePath), delimiter: res.delimiter, encoding: res.encoding, header: res.header, cols: c, linking,
    count: line.length, offset: offset.done(), line: new Uint32Array(line.done().buffer),
    keys: keysOut, definedContact: defContact?.done(), definedActivity: defActivity?.done(),
    contactHash: contactHash?.done(), activityHash: activityHash?.done(),
    period: periods ? { group: periods.group.done(), end: periods.end.done(), latest: periods.latest.done() } : undefined,
    problems: res.problems, problemCount: res.problemCount,
  };
}

/** The per-row builders of one file and the function that adds a record to them. */
function rowState(table: { id: string; layout: Layout }, cols: KeyColumns, keys: KeySpace, opts: ScanOptions) {
  const linking = tableLinking(table.id, cols);
  const offset = new Float64Builder();
  const line = new Int32Column();
  const defContact = opts.chains && (linking.definesContacts || linking.definesActivities) && cols.contact >= 0 ? new Int32Column() : undefined;
  const defActivity = opts.chains && linking.definesActivities && cols.activity >= 0 ? new Int32Column() : undefined;
  const contactHash = cols.contact >= 0 ? new Float64Builder() : undefined;
  const activityHash = cols.activity >= 0 ? new Float64Builder() : undefined;
  const periods = table.layout === 'ukllc' && cols.pathway >= 0 && cols.extractEnd >= 0
    ? { map: new Map<string, number>(), latest: new Int32Column(), group: new Int32Column(), end: new Int32Column(), dated: new Set<string>(), undated: [] as [number, string][] }
    : undefined;
  const intern = (interner: Interner, raw: string | undefined): number => {
    const v = raw === undefined ? '' : raw.trim();
    if (v === '') return BLANK;
    if (v.length > MAX_KEY_CHARS || badKey(v)) return MALFORMED;
    return interner.id(v);
  };
  /** a key column remembers its last value: rows of one pathway or person usually come together */
  const cached = (interner: Interner) => {
    let lastRaw: string | undefined; let lastId = BLANK;
    return (raw: string | undefined): number => {
      if (raw === lastRaw) return lastId;
      lastRaw = raw;
      lastId = intern(interner, raw);
      return lastId;
    };
  };
  // contact / activity ids are interned only when the extract links through them (a table without a pathway column)
  const keyCols = linking.order.filter((k) => opts.chains || (k !== 'contact' && k !== 'activity'))
    .map((k) => ({ kind: k, chain: k === 'contact' || k === 'activity', col: cols[k], id: cached(keys.of(k)), out: new Int32Column() }));
  const add = (byteOffset: number, ln: number, f: readonly string[]): void => {
    offset.push(byteOffset);
    line.push(ln);
    // a row links by its first non-blank key (link.ts), so a contact / activity key after it is not looked up
    // (NOT_READ: saves a lookup among millions of ids per row); pathway, service request (referral rows map it to
    // their pathway) and participant keys (unlinked rows are listed under it) always are
    let found = false;
    for (let j = 0; j < keyCols.length; j++) {
      const k = keyCols[j];
      if (found && k.chain) { k.out.push(NOT_READ); continue; }
      const v = k.id(f[k.col]);
      k.out.push(v);
      if (v !== BLANK) found = true;
    }
    if (defContact) defContact.push(intern(keys.contact, f[cols.contact]));
    if (defActivity) defActivity.push(intern(keys.activity, f[cols.activity]));
    if (contactHash) contactHash.push(hashKey(f[cols.contact]));
    if (activityHash) activityHash.push(hashKey(f[cols.activity]));
    if (periods) {
      // the outcome engine's own rule (outcomes/extracts.ts): pathway + financial year of the extract, latest end
      // date wins; an undated row is kept only when its pathway has no dated row in this table (decided at the end)
      const pw = (f[cols.pathway] ?? '').trim();
      const pk = extractPeriodKey(pw, f[cols.extractStart] ?? '', f[cols.extractEnd] ?? '');
      if (!pk) { periods.undated.push([periods.group.push(UNDATED_SKIPPED), pw]); periods.end.push(0); return; }
      periods.dated.add(pw);
      const end = dateNumber(pk.end);
      let g = periods.map.get(pk.key);
      if (g === undefined) { g = periods.latest.push(end); periods.map.set(pk.key, g); } else if (end > periods.latest.get(g)) periods.latest.set(g, end);
      periods.group.push(g);
      periods.end.push(end);
    }
  };
  return { linking, offset, line, defContact, defActivity, contactHash, activityHash, periods, keyCols, add };
}

/**
 * A 53-bit hash of a trimmed key (-1 for blank): FNV-1a 32 bits and 21 bits of a second, differently seeded hash.
 * Collisions among a few million ids are rare (~n²/2^54) and can only hide an orphan, never link a row wrongly.
 */
export function hashKey(raw: string | undefined): number {
  if (raw === undefined) return -1;
  let a = 0; let b = raw.length;
  while (a < b && raw.charCodeAt(a) <= 32) a++;
  while (b > a && raw.charCodeAt(b - 1) <= 32) b--;
  if (a === b) return -1;
  let h1 = 0x811c9dc5; let h2 = 0x9747b28c;
  for (let i = a; i < b; i++) {
    const c = raw.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h2 & 0x1fffff) * 4294967296 + (h1 >>> 0);
}

/** Growable Float64Array (byte offsets beyond 4 GiB). */
class Float64Builder {
  private data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  done(): Float64Array { return this.data.slice(0, this.length); }
}
