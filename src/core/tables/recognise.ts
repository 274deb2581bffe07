// Which IAPT table a CSV header is: one of the NHS IDS tables (technical names such as ServiceRequestId) or one
// of the UK LLC themed tables (lower-case names, several NHS tables merged, plus cohortkey_e and extract dates).
// Scored by how well the header matches each table's fields and key fields; the file name only breaks ties.
import { normaliseColumnName, UKLLC_ANY_TABLE, type Dictionary } from '../dictionary';
import type { DataSetVersion, FieldEntry, Layout } from '../dictionary/types';
import {
  DISTINCTIVE_MAX_TABLES, LAYOUT_OVERRIDE_MARGIN, MAX_ALTERNATIVES, MIN_COVERAGE, MIN_RECOGNISED_COLUMNS, TIE_EPSILON,
  WEIGHT_COVERAGE, WEIGHT_FIELDS, WEIGHT_KEYS,
} from './thresholds';

export interface RecognisedColumn {
  index: number;
  header: string;
  /** the table's field for this column; null when the column is not a field of the recognised table */
  field: FieldEntry | null;
}

export interface RecognisedTable {
  layout: Layout;
  /** IDS id (nhs layout), e.g. "IDS101", or UK LLC table name (ukllc layout), e.g. "IAPT_demographics_and_referral" */
  id: string;
  /** human name: the NHS table name, or the UK LLC table name */
  name: string;
  /** the NHS tables this is (one for nhs layout, the merged ones for ukllc) */
  nhsTables: string[];
  version: DataSetVersion | 'unknown';
  /** header columns (or the table, e.g. IDS003 exists only in v2.1) that point at each version */
  versionEvidence: Record<DataSetVersion, string[]>;
  /** 0..1: WEIGHT_COVERAGE x coverage + WEIGHT_KEYS x key share + WEIGHT_FIELDS x field share */
  score: number;
  columns: RecognisedColumn[];
  /** header names (as written) that are fields of the table */
  recognised: string[];
  /** header names (as written) that are not */
  unrecognised: string[];
  /** key fields of the table (of its NHS tables for ukllc) present / absent in the header */
  keyFieldsPresent: string[];
  keyFieldsMissing: string[];
  /** the next best candidates that also pass the thresholds, best first */
  alternatives: { layout: Layout; id: string; score: number }[];
}

interface Candidate {
  layout: Layout;
  id: string;
  name: string;
  nhsTables: string[];
  /** table ids a dictionary field may carry to belong here */
  memberTableIds: Set<string>;
  /** normalised names of all fields */
  names: Set<string>;
  /** per NHS table: key field names (submitted field names for tables without key fields) */
  keySets: string[][];
  versions: DataSetVersion[];
  fileNameTokens: string[];
  order: number;
}

interface Index {
  candidates: Candidate[];
}

const indexes = new WeakMap<Dictionary, Index>();

function indexFor(dict: Dictionary): Index {
  let index = indexes.get(dict);
  if (index) return index;
  const candidates: Candidate[] = [];
  const keySetOf = (tableId: string): string[] => {
    const t = dict.table(tableId);
    if (!t) return [];
    const keys = t.keyFields;
    return keys.length > 0 ? keys : t.fields.filter((f) => f.origin === 'submitted').map((f) => f.name);
  };
  for (const t of dict.tables) {
    const names = new Set<string>();
    for (const f of t.fields) {
      names.add(normaliseColumnName(f.name));
      names.add(normaliseColumnName(f.ukllcName));
    }
    candidates.push({
      layout: 'nhs', id: t.id, name: t.name, nhsTables: [t.id], memberTableIds: new Set([t.id]), names,
      keySets: [keySetOf(t.id)], versions: t.versions,
      fileNameTokens: [t.id.toLowerCase(), t.technicalName.toLowerCase()].filter((s) => s !== ''),
      order: candidates.length,
    });
  }
  for (const u of dict.ukllcTables) {
    const names = new Set<string>(u.extraColumns.map(normaliseColumnName));
    const versions = new Set<DataSetVersion>();
    for (const id of u.nhsTables) {
      const t = dict.table(id);
      if (!t) continue;
      t.versions.forEach((v) => versions.add(v));
      for (const f of t.fields) {
        names.add(normaliseColumnName(f.name));
        names.add(normaliseColumnName(f.ukllcName));
      }
    }
    const bare = u.name.toLowerCase();
    candidates.push({
      layout: 'ukllc', id: u.name, name: u.name, nhsTables: [...u.nhsTables],
      memberTableIds: new Set([...u.nhsTables, u.name, UKLLC_ANY_TABLE]), names,
      keySets: u.nhsTables.map(keySetOf), versions: [...versions].sort(),
      fileNameTokens: [bare, bare.replace(/^iapt_/, '')], order: candidates.length,
    });
  }
  index = { candidates };
  indexes.set(dict, index);
  return index;
}

interface HeaderColumn {
  index: number;
  header: string;
  key: string;
  fields: FieldEntry[];
}

interface Scored {
  candidate: Candidate;
  score: number;
  members: boolean[];
  recognisedCount: number;
  coverage: number;
  distinctive: boolean;
  keysPresent: string[];
  keysMissing: string[];
  fileNameMatch: boolean;
}

/**
 * Recognises the IAPT table of a header, or returns null when the header is no IAPT table (too few of its
 * columns are fields of any one table, or only generic linking columns are).
 */
export function recogniseTable(header: readonly string[], dict: Dictionary, fileName?: string): RecognisedTable | null {
  const { candidates } = indexFor(dict);
  const columns: HeaderColumn[] = header.map((h, index) => {
    const key = normaliseColumnName(h);
    return { index, header: h, key, fields: key === '' ? [] : dict.fields(key) };
  });
  const named = columns.filter((c) => c.key !== '').length;
  if (named === 0) return null;
  const headerKeys = new Set(columns.map((c) => c.key));
  const file = (fileName ?? '').toLowerCase().replace(/^.*[\\/]/, '');

  // how many candidates of each layout a column belongs to (distinctiveness)
  const membership = candidates.map((cand) => columns.map((col) => belongs(col, cand)));
  const spread = columns.map((_, k) => {
    const count: Record<Layout, number> = { nhs: 0, ukllc: 0 };
    candidates.forEach((cand, ci) => { if (membership[ci][k]) count[cand.layout]++; });
    return count;
  });

  const scored: Scored[] = candidates.map((candidate, ci) => {
    const members = membership[ci];
    const recognisedCount = members.filter(Boolean).length;
    const coverage = recognisedCount / named;
    let keyShare = 0;
    let keysPresent: string[] = [];
    let keysMissing: string[] = [];
    for (const keys of candidate.keySets) {
      if (keys.length === 0) continue;
      const present = keys.filter((k) => headerKeys.has(normaliseColumnName(k)));
      const share = present.length / keys.length;
      if (share > keyShare || keysPresent.length === 0) {
        keyShare = Math.max(keyShare, share);
        keysPresent = present;
        keysMissing = keys.filter((k) => !headerKeys.has(normaliseColumnName(k)));
      }
    }
    let fieldsPresent = 0;
    for (const name of candidate.names) if (headerKeys.has(name)) fieldsPresent++;
    const fieldShare = candidate.names.size ? fieldsPresent / candidate.names.size : 0;
    const score = WEIGHT_COVERAGE * coverage + WEIGHT_KEYS * keyShare + WEIGHT_FIELDS * fieldShare;
    const distinctive = members.some((m, k) => m && spread[k][candidate.layout] <= DISTINCTIVE_MAX_TABLES);
    const fileNameMatch = file !== '' && candidate.fileNameTokens.some((t) => file.includes(t));
    return { candidate, score, members, recognisedCount, coverage, distinctive, keysPresent, keysMissing, fileNameMatch };
  });

  const passes = (s: Scored) => s.coverage >= MIN_COVERAGE && s.recognisedCount >= MIN_RECOGNISED_COLUMNS && s.distinctive;
  const rank = (a: Scored, b: Scored) =>
    Math.abs(b.score - a.score) > TIE_EPSILON ? b.score - a.score
      : a.fileNameMatch !== b.fileNameMatch ? (a.fileNameMatch ? -1 : 1)
        : a.candidate.order - b.candidate.order;

  // the layout the spelling points at wins, unless the other layout fits clearly better (e.g. a lower-case
  // IDS601 file: UK LLC receives no IDS601, and a themed table would match only its generic columns)
  const layout = guessLayout(columns);
  const other: Layout = layout === 'nhs' ? 'ukllc' : 'nhs';
  const ranked = (l: Layout) => scored.filter((s) => s.candidate.layout === l && passes(s)).sort(rank);
  let chosen = ranked(layout);
  const alt = ranked(other);
  if (chosen.length === 0 || (alt.length > 0 && alt[0].score - chosen[0].score > LAYOUT_OVERRIDE_MARGIN)) chosen = alt;
  if (chosen.length === 0) return null;
  return describe(chosen[0], chosen.slice(1, 1 + MAX_ALTERNATIVES), columns, dict);
}

function belongs(col: HeaderColumn, cand: Candidate): boolean {
  if (col.fields.length === 0) return false;
  if (cand.layout === 'nhs') return col.fields.some((f) => f.tableId === cand.id);
  return col.fields.some((f) => cand.memberTableIds.has(f.tableId)) || cand.names.has(col.key);
}

/**
 * UK LLC when a UK LLC-only column (cohortkey_e, extract dates, split circumstances) is present or when more
 * known columns are written all in lower case than in the NHS mixed-case spelling.
 */
function guessLayout(columns: HeaderColumn[]): Layout {
  let nhs = 0;
  let ukllc = 0;
  for (const col of columns) {
    if (col.fields.length === 0) continue;
    if (col.fields.every((f) => f.tableId === UKLLC_ANY_TABLE || f.tableId.startsWith('IAPT_'))) return 'ukllc';
    const written = col.header.trim().replace(/^\uFEFF/, '').replace(/^"(.*)"$/, '$1');
    if (col.fields.some((f) => f.name === written && f.name !== f.name.toLowerCase())) nhs++;
    else if (written === written.toLowerCase() && col.fields.some((f) => f.name !== f.name.toLowerCase())) ukllc++;
  }
  return ukllc > nhs ? 'ukllc' : 'nhs';
}

function describe(best: Scored, rest: Scored[], columns: HeaderColumn[], dict: Dictionary): RecognisedTable {
  const cand = best.candidate;
  const evidence: Record<DataSetVersion, string[]> = { '2.0': [], '2.1': [] };
  const out: RecognisedColumn[] = columns.map((col, k) => {
    if (!best.members[k]) return { index: col.index, header: col.header, field: null };
    const field = dict.field(col.key, cand.id) ?? null;
    const inTable = col.fields.filter((f) => cand.memberTableIds.has(f.tableId));
    const versions = new Set(inTable.flatMap((f) => f.versions));
    if (versions.size === 1) evidence[[...versions][0]].push(col.header);
    return { index: col.index, header: col.header, field };
  });
  if (cand.layout === 'nhs' && cand.versions.length === 1) {
    evidence[cand.versions[0]].push(`${cand.id} (table exists only in v${cand.versions[0]})`);
  }
  const has20 = evidence['2.0'].length > 0;
  const has21 = evidence['2.1'].length > 0;
  const version: RecognisedTable['version'] = has20 === has21 ? 'unknown' : has20 ? '2.0' : '2.1';
  return {
    layout: cand.layout,
    id: cand.id,
    name: cand.name,
    nhsTables: [...cand.nhsTables],
    version,
    versionEvidence: evidence,
    score: Math.round(best.score * 1000) / 1000,
    columns: out,
    recognised: out.filter((c) => c.field !== null).map((c) => c.header),
    unrecognised: out.filter((c) => c.field === null).map((c) => c.header),
    keyFieldsPresent: best.keysPresent,
    keyFieldsMissing: best.keysMissing,
    alternatives: rest.map((s) => ({ layout: s.candidate.layout, id: s.candidate.id, score: Math.round(s.score * 1000) / 1000 })),
  };
}

/** Index of the first header column named like any of `names` (case-insensitive, trimmed); -1 when absent. */
export function columnIndex(header: readonly string[], ...names: string[]): number {
  const wanted = new Set(names.map(normaliseColumnName));
  for (let k = 0; k < header.length; k++) if (wanted.has(normaliseColumnName(header[k]))) return k;
  return -1;
}
