// Hand-made extracts for the edge-case tests: rows given in NHS table terms, written in either layout.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeOutcomes, type ComputeOptions, type OutcomeResult, type OutcomeTableInput } from '../../../src/core/outcomes';

export type Row = Record<string, string>;
export interface NhsRows {
  IDS101: Row[];
  IDS201?: Row[];
  IDS202?: Row[];
  IDS603?: Row[];
  IDS606?: Row[];
  IDS607?: Row[];
}
export type Layout = 'nhs' | 'ukllc';

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function csv(rows: Row[], lower: boolean): string {
  const header: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!header.includes(k)) header.push(k);
  const lines = [header.map((h) => (lower ? h.toLowerCase() : h)).join(',')];
  for (const r of rows) lines.push(header.map((h) => quote(r[h] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

/** Default UK LLC extract period for rows that do not name one. */
export const PERIOD = { extract_start_date: '2023-04-01', extract_end_date: '2024-06-30' };

/** The same extract written as UK LLC tables: contacts joined with their activities, both score levels in one table. */
export function ukllcTables(t: NhsRows): Record<string, Row[]> {
  const stamp = (r: Row): Row => ({ ...r, extract_start_date: r.extract_start_date ?? PERIOD.extract_start_date, extract_end_date: r.extract_end_date ?? PERIOD.extract_end_date });
  const strip = (r: Row): Row => { const { ServiceRequestId: _s, ...rest } = r; return rest; };
  const acts = t.IDS202 ?? [];
  const care: Row[] = [];
  for (const c of t.IDS201 ?? []) {
    const mine = acts.filter((a) => a.CareContactId === c.CareContactId && a.PathwayID === c.PathwayID);
    if (mine.length === 0) care.push(stamp(strip(c)));
    for (const a of mine) care.push(stamp(strip({ ...c, CareActId: a.CareActId })));
  }
  const out: Record<string, Row[]> = { IAPT_demographics_and_referral: (t.IDS101).map((r) => stamp(strip(r))) };
  if (t.IDS201) out.IAPT_care_activities = care;
  if (t.IDS603) out.IAPT_mental_and_physical_health_conditions = t.IDS603.map((r) => stamp(strip(r)));
  if (t.IDS606 || t.IDS607) out.IAPT_coded_scored_assessments = [...(t.IDS606 ?? []), ...(t.IDS607 ?? [])].map((r) => stamp(strip(r)));
  return out;
}

const dirs: string[] = [];
export function cleanupTables(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Writes the tables (NHS names, or UK LLC tables in lower case) and returns the engine's inputs. */
export function writeTables(layout: Layout, t: NhsRows | Record<string, Row[]>): OutcomeTableInput[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `iapt-edge-${layout}-`));
  dirs.push(dir);
  const tables = layout === 'nhs' ? (t as Record<string, Row[] | undefined>) : ('IDS101' in t ? ukllcTables(t as NhsRows) : t);
  const out: OutcomeTableInput[] = [];
  for (const [id, rows] of Object.entries(tables)) {
    if (!rows) continue;
    const file = path.join(dir, `${id}.csv`);
    fs.writeFileSync(file, csv(rows, layout === 'ukllc'));
    out.push({ path: file, name: `${id}.csv`, layout, tableId: id });
  }
  return out;
}

export async function compute(layout: Layout, t: NhsRows | Record<string, Row[]>, options: ComputeOptions = {}): Promise<OutcomeResult> {
  return computeOutcomes(writeTables(layout, t), options);
}

export function pathway(r: OutcomeResult, id: string) {
  const p = r.pathways.find((x) => x.pathwayId === id);
  if (!p) throw new Error(`pathway ${id} missing from ${r.pathways.map((x) => x.pathwayId).join(', ')}`);
  return p;
}

/** [caseness, recovery, RI, RD, no change, reliable recovery] */
export const flagsOf = (p: ReturnType<typeof pathway>) => [p.caseness, p.recovery, p.reliableImprovement, p.reliableDeterioration, p.noReliableChange, p.reliableRecovery];

export const kinds = (r: OutcomeResult) => Object.fromEntries([...r.issues, ...r.setAside].map((g) => [g.kind, g.count]));

/** file:line of every example of one kind */
export const places = (r: OutcomeResult, kind: string) => [...r.issues, ...r.setAside].find((g) => g.kind === kind)?.examples.map((e) => `${e.file}:${e.line}`) ?? [];

export const PHQ9 = '720433000';
export const GAD7 = '445455005';
export const SPIN = '445552006';
export const HAI = '446793008';
export const MI = '473354003';

/** A referral row: referred 2024-01-01, discharged 2024-04-30. */
export const referral = (id: string, over: Row = {}): Row => ({ PathwayID: id, ServiceRequestId: `SR-${id}`, Person_ID: `P-${id}`, ReferralRequestReceivedDate: '2024-01-01', ServDischDate: '2024-04-30', ...over });
/** An attended treatment contact. */
export const contactRow = (pw: string, id: string, date: string, over: Row = {}): Row => ({ CareContactId: id, ServiceRequestId: `SR-${pw}`, PathwayID: pw, CareContDate: date, CareContTime: '10:00:00', AppType: '02', AttendOrDNACode: '5', ...over });
export const activityRow = (pw: string, contact: string, act: string): Row => ({ CareActId: act, CareContactId: contact, PathwayID: pw });
export const contactScore = (pw: string, act: string, tool: string, score: string): Row => ({ CareActId: act, PathwayID: pw, CodedAssToolType: tool, PersScore: score });
export const referralScore = (pw: string, tool: string, score: string, date: string, over: Row = {}): Row => ({ ServiceRequestId: `SR-${pw}`, PathwayID: pw, CodedAssToolType: tool, PersScore: score, AssToolCompDate: date, ...over });
export const complaintRow = (pw: string, code: string, over: Row = {}): Row => ({ ServiceRequestId: `SR-${pw}`, PathwayID: pw, PresComp: code, PresCompCodSig: '1', PresCompDate: '2024-01-05', ...over });
