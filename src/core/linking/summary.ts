// Readable lines for linked records and pathways (tree labels, `iapt pathway --format text`), built from the
// dictionary and the hover model: "2023-04-12 · Treatment · Attended · Telephone", "EndCode: 46 — Completed treatment".
import * as path from 'node:path';
import { builtinDictionary, type Dictionary } from '../dictionary';
import { clip, describeCell, type CellHover } from '../hover';
import type { PathwayOutcome } from '../outcomes';
import { recogniseTable, type RecognisedTable } from '../tables';
import { pathwayVerdict, verdictText, type VerdictOptions } from './verdict';
import type { LinkedPathway, LinkedRecord } from './types';

const MAX_PARTS = 5;
const MAX_MEANING = 40;
const EXTRACT_DATE = /^\s*extract_(start|end)_date\s*$/i;

const tables = new Map<string, RecognisedTable | null>();

/** The recognised table of a record's header (cached per header). */
function tableOf(r: LinkedRecord, dict: Dictionary): RecognisedTable | null {
  const header = Object.keys(r.fields);
  const key = `${r.layout}\u0000${r.tableId}\u0000${header.join('\u0001')}`;
  let t = tables.get(key);
  if (t === undefined) {
    t = recogniseTable(header, dict, path.basename(r.file));
    if (t && t.id !== r.tableId) t = { ...t, id: r.tableId, layout: r.layout };
    tables.set(key, t);
  }
  return t;
}

export interface FieldLine {
  column: string;
  value: string;
  /** decoded code, score reading or the field's label; null when the column is not in the dictionary */
  meaning: string | null;
  /** true when meaning decodes the value (a code or a score), false when it is the field's label */
  decoded: boolean;
}

function meaningOf(h: CellHover | undefined): string | null {
  if (!h) return null;
  if (h.score?.measure) {
    const s = h.score;
    const bits = [s.measure!.name];
    if (s.band) bits.push(s.band.label);
    if (s.caseness) bits.push(s.caseness.atCaseness ? 'at caseness' : 'below caseness');
    if (s.inRange === false) bits.push('out of range');
    return bits.join(', ');
  }
  if (h.code) {
    if (h.code.meaning) return h.code.meaning;
    if (h.code.status === 'not-in-codelist') return `not in code list ${h.code.codelistLabel ?? h.code.codelist ?? ''}`.trim();
  }
  return h.field?.label ?? null;
}

/** Every field of the record with its meaning (the hover model's reading of each cell). */
export function recordFields(r: LinkedRecord, dict: Dictionary = builtinDictionary()): FieldLine[] {
  const header = Object.keys(r.fields);
  const row = header.map((h) => r.fields[h]);
  const table = tableOf(r, dict);
  return header.map((column, i) => {
    const value = row[i];
    if (!table) return { column, value, meaning: null, decoded: false };
    const h = describeCell(dict, { table, header, row, column: i });
    const meaning = value.trim() !== '' ? meaningOf(h) : null;
    // a meaning that only repeats the value (flags written True / False) decodes nothing
    const decoded = meaning !== null && meaning.toLowerCase() !== value.trim().toLowerCase()
      && Boolean(h?.score?.measure || h?.code?.meaning || h?.code?.status === 'not-in-codelist');
    return { column, value, meaning: decoded ? meaning : (h?.field?.label ?? null), decoded };
  });
}

/** "name: value — meaning" */
export function fieldText(f: FieldLine): string {
  return `${f.column}: ${f.value}${f.meaning ? ` — ${f.meaning}` : ''}`;
}

/** One decoded line for a record: its first date, its decoded codes, its score ("PHQ-9 14"). */
export function recordSummary(r: LinkedRecord, dict: Dictionary = builtinDictionary()): string {
  const header = Object.keys(r.fields);
  const row = header.map((h) => r.fields[h]);
  const table = tableOf(r, dict);
  if (!table) return clip(row.filter((v) => v.trim() !== '').join(' · '), 120);
  const parts: string[] = [];
  let date = '';
  for (let i = 0; i < header.length && parts.length < MAX_PARTS; i++) {
    const value = row[i].trim();
    if (value === '') continue;
    const col = table.columns.find((c) => c.index === i);
    const field = col?.field;
    // keys, derived fields and UK LLC extract dates say nothing about the event itself
    if (!field || field.type === 'id' || field.origin === 'derived' || EXTRACT_DATE.test(header[i])) continue;
    if (field.type === 'date' || field.type === 'datetime') { if (!date) date = value; continue; }
    const h = describeCell(dict, { table, header, row, column: i });
    if (h?.score?.measure && h.score.measure.from === 'tool-column') parts.push(`${h.score.measure.name} ${value}`);
    else if (h?.code?.assessment) continue; // the tool is named with its score
    else if (h?.code?.meaning) parts.push(clip(h.code.meaning, MAX_MEANING));
  }
  return [date, ...parts].filter((s) => s !== '').join(' · ') || '(no decoded values)';
}

export interface PathwaySummary {
  referralDate: string;
  dischargeDate: string;
  /** decoded EndCode, '' when none */
  endReason: string;
  verdict: PathwayOutcome | null;
  /** "2023-04-12 → 2023-09-01" */
  label: string;
  /** "Completed treatment · finished course: yes · recovered" */
  description: string;
}

const REFERRAL_TABLES = new Set(['IDS101', 'IAPT_demographics_and_referral']);

/** The pathway's label and description: referral → discharge, end reason, finished course, outcome verdict. */
export function pathwaySummary(pw: LinkedPathway, opts: VerdictOptions & { dictionary?: Dictionary } = {}): PathwaySummary {
  const dict = opts.dictionary ?? builtinDictionary();
  const referrals = Object.entries(pw.tables).filter(([t]) => REFERRAL_TABLES.has(t)).flatMap(([, rs]) => rs);
  const kept = referrals.filter((r) => r.kept);
  const ref = kept[kept.length - 1] ?? referrals[referrals.length - 1];
  const get = (name: string) => {
    if (!ref) return '';
    const key = Object.keys(ref.fields).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? ref.fields[key].trim() : '';
  };
  const referralDate = get('ReferralRequestReceivedDate');
  const dischargeDate = get('ServDischDate');
  const endCode = get('EndCode');
  const endReason = endCode ? (dict.decode('EndCode', endCode, 'IDS101').meaning ?? `EndCode ${endCode}`) : '';
  const verdict = pathwayVerdict(pw, opts);
  const label = `${referralDate || '?'} → ${dischargeDate || 'open'}`;
  const description = [
    endReason,
    verdict ? `finished course: ${verdict.finishedCourse ? 'yes' : 'no'}` : '',
    verdictText(verdict),
  ].filter((s) => s !== '').join(' · ');
  return { referralDate, dischargeDate, endReason, verdict, label, description };
}
