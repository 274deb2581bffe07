// Planted defects: damages a share of rows the way real extracts get damaged and records each one exactly
// (file, 1-based physical line, 1-based column in header order) for the manifest.
import type { Dictionary } from '../dictionary';
import type { Prng } from './prng';
import type { CsvSink } from './sink';
import type { TableSpec } from './tables';
import { orphanId } from './model';

export const DEFECT_KINDS = [
  'code_not_in_list', 'score_out_of_range', 'impossible_date', 'malformed_date', 'discharge_before_referral',
  'orphan_row', 'duplicate_row', 'excel_leading_zero', 'excel_scientific', 'ragged_row', 'unclosed_quote',
  'derived_field_corrupted',
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface DefectEntry {
  file: string;
  line: number;
  column: number;
  kind: DefectKind;
  pathway_id?: string;
  detail: string;
}

/** Parent-link keys replaced in orphan rows, and the row's own id (given a fresh unused value too). */
const ORPHAN_KEYS: Record<string, { link: string[]; own: string[] }> = {
  IDS004: { link: ['LocalPatientId', 'Person_ID'], own: [] },
  IDS803: { link: ['LocalPatientId', 'Person_ID'], own: [] },
  IDS101: { link: ['LocalPatientId', 'Person_ID'], own: ['ServiceRequestId', 'PathwayID'] },
  IDS105: { link: ['ServiceRequestId', 'PathwayID'], own: [] },
  IDS108: { link: ['ServiceRequestId', 'PathwayID'], own: ['PauseID'] },
  IDS201: { link: ['ServiceRequestId', 'PathwayID'], own: ['CareContactId'] },
  IDS202: { link: ['CareContactId'], own: ['CareActId'] },
  IDS205: { link: ['ServiceRequestId', 'PathwayID'], own: [] },
  IDS602: { link: ['ServiceRequestId', 'PathwayID'], own: [] },
  IDS603: { link: ['ServiceRequestId', 'PathwayID'], own: ['UniqueID_IDS603'] },
  IDS606: { link: ['ServiceRequestId', 'PathwayID'], own: [] },
  IDS607: { link: ['CareActId'], own: [] },
  IAPT_employment_status: { link: ['cohortkey_e'], own: [] },
  IAPT_care_cluster: { link: ['cohortkey_e'], own: [] },
  IAPT_internet_enabled_therapies: { link: ['PathwayID'], own: [] },
  IAPT_care_activities: { link: ['PathwayID'], own: ['CareContactId', 'CareActId'] },
  IAPT_coded_scored_assessments: { link: ['PathwayID'], own: [] },
  IAPT_mental_and_physical_health_conditions: { link: ['PathwayID'], own: ['UniqueID_IDS603'] },
  IAPT_onward_referrals: { link: ['PathwayID'], own: [] },
  IAPT_waiting_time_pauses: { link: ['PathwayID'], own: ['PauseID'] },
};

const ID_PREFIX: Record<string, string> = {
  LocalPatientId: 'LP', Person_ID: 'P', cohortkey_e: 'CK', ServiceRequestId: 'SR', PathwayID: 'PW', CareContactId: 'CC',
  CareActId: 'CA', PauseID: 'PZ', UniqueID_IDS603: 'PC',
};

export interface RowContext {
  pathwayId?: string;
  /** key of a derived field this row carries in corrupted form */
  corrupted?: { key: string; detail: string };
}

export class DefectPlanter {
  private readonly counts = new Map<DefectKind, number>();
  private orphans = 0;
  private lastRow = new Map<CsvSink, { spec: TableSpec; fields: string[]; ctx: RowContext }>();

  constructor(
    private readonly rate: number,
    private readonly rng: Prng,
    private readonly dict: Dictionary,
    private readonly report: (d: DefectEntry) => void,
  ) {}

  /** Writes one record of `spec` to `sink`, maybe damaged (or followed by a damaged extra row). */
  write(sink: CsvSink, spec: TableSpec, record: Record<string, string>, ctx: RowContext): void {
    const fields = spec.columns.map((c) => record[c.key] ?? '');
    this.lastRow.set(sink, { spec, fields, ctx });
    const line = sink.line + 1;
    if (ctx.corrupted) {
      const col = spec.columns.findIndex((c) => c.key === ctx.corrupted!.key);
      this.add(spec, line, col + 1, 'derived_field_corrupted', ctx.pathwayId, ctx.corrupted.detail);
    }
    // one defect per row: a row carrying a corrupted derived field gets no other damage
    if (this.rate <= 0 || !this.rng.chance(this.rate) || ctx.corrupted) { sink.record(fields); return; }
    const kinds = this.applicable(spec, fields);
    let kind = kinds[0];
    for (const k of kinds) if ((this.counts.get(k) ?? 0) < (this.counts.get(kind) ?? 0)) kind = k;
    const pick = (role: string, test: (v: string, i: number) => boolean = (v) => v !== '') => {
      const idx = spec.columns.map((c, i) => (c.role === role && test(fields[i], i) ? i : -1)).filter((i) => i >= 0);
      return this.rng.pick(idx);
    };
    const col = (key: string) => spec.columns.findIndex((c) => c.key === key);
    switch (kind) {
      case 'duplicate_row': {
        sink.record(fields);
        this.add(spec, sink.record(fields), 1, kind, ctx.pathwayId, `exact copy of line ${line}`);
        return;
      }
      case 'orphan_row': {
        sink.record(fields);
        const keys = ORPHAN_KEYS[spec.table];
        const copy = fields.slice();
        const n = ++this.orphans;
        for (const key of [...keys.link, ...keys.own]) {
          const i = col(key);
          if (i >= 0) copy[i] = orphanId(ID_PREFIX[key], n);
        }
        const linkCol = col(keys.link[0]);
        const pw = col('PathwayID');
        this.add(spec, sink.record(copy), linkCol + 1, kind, pw >= 0 ? copy[pw] : ctx.pathwayId, `${spec.columns[linkCol].header} ${copy[linkCol]} does not exist in the parent table`);
        return;
      }
      case 'ragged_row': {
        const drop = this.rng.chance(0.5);
        const damaged = drop ? fields.slice(0, -1) : [...fields, ''];
        this.add(spec, sink.record(damaged), drop ? fields.length : fields.length + 1, kind, ctx.pathwayId,
          drop ? `${fields.length - 1} fields instead of ${fields.length} (last one missing)` : `${fields.length + 1} fields instead of ${fields.length}`);
        return;
      }
      default: {
        const { index, value, detail } = this.damage(kind, spec, fields, pick, col);
        const old = fields[index];
        fields[index] = value;
        this.add(spec, sink.record(fields), index + 1, kind, ctx.pathwayId, `${spec.columns[index].header}: ${old} -> ${value}${detail}`);
      }
    }
  }

  /** Appends one record with an unclosed quote as the very last record of the given sink. */
  finish(sink: CsvSink): void {
    const last = this.lastRow.get(sink);
    if (!last) return;
    const { spec, fields, ctx } = last;
    let i = spec.columns.findIndex((c, k) => c.role !== 'key' && fields[k] !== '');
    if (i < 0) i = fields.length - 1;
    const text = fields.map((f, k) => (k === i ? `"${f}` : f)).join(',');
    this.add(spec, sink.rawRecord(text), i + 1, 'unclosed_quote', ctx.pathwayId, `copy of the previous record with an opening quote in ${spec.columns[i].header} that is never closed`);
  }

  private applicable(spec: TableSpec, fields: string[]): DefectKind[] {
    const kinds: DefectKind[] = ['duplicate_row', 'ragged_row'];
    const has = (role: string, test: (v: string) => boolean = (v) => v !== '') =>
      spec.columns.some((c, i) => c.role === role && test(fields[i]));
    if (has('code', (v) => v !== '' && !/^\d{9,}$/.test(v))) kinds.push('code_not_in_list');
    if (has('code', (v) => /^0\d$/.test(v))) kinds.push('excel_leading_zero');
    if (spec.columns.some((c, i) => (c.key === 'CodedAssToolType' || c.key === 'CodeProcAndProcStatus') && /^\d{9,}$/.test(fields[i]))) kinds.push('excel_scientific');
    if (has('score', (v) => v !== '')) kinds.push('score_out_of_range');
    if (has('date')) kinds.push('impossible_date', 'malformed_date');
    const disch = spec.columns.findIndex((c) => c.key === 'ServDischDate');
    if (disch >= 0 && fields[disch] !== '') kinds.push('discharge_before_referral');
    if (ORPHAN_KEYS[spec.table]) kinds.push('orphan_row');
    return kinds;
  }

  private damage(kind: DefectKind, spec: TableSpec, fields: string[], pick: (role: string, test?: (v: string, i: number) => boolean) => number, col: (key: string) => number): { index: number; value: string; detail: string } {
    switch (kind) {
      case 'code_not_in_list': {
        const index = pick('code', (v) => v !== '' && !/^\d{9,}$/.test(v));
        const list = spec.columns[index].field?.codelist ? this.dict.codelist(spec.columns[index].field!.codelist!) : undefined;
        const value = ['Z9', 'QQ', '999', 'XX1'].find((v) => !list?.codes.has(v)) ?? 'not-a-code';
        return { index, value, detail: ' (not in its code list)' };
      }
      case 'excel_leading_zero': {
        const index = pick('code', (v) => /^0\d$/.test(v));
        return { index, value: fields[index].slice(1), detail: ' (leading zero stripped)' };
      }
      case 'excel_scientific': {
        const index = spec.columns.findIndex((c, i) => (c.key === 'CodedAssToolType' || c.key === 'CodeProcAndProcStatus') && /^\d{9,}$/.test(fields[i]));
        return { index, value: excelScientific(fields[index]), detail: ' (scientific notation)' };
      }
      case 'score_out_of_range': {
        const index = pick('score');
        const tool = fields[col('CodedAssToolType')];
        const max = this.dict.assessment(tool)?.max ?? 27;
        return { index, value: String(Math.ceil(max) + 1 + this.rng.int(0, 20)), detail: ` (above the maximum ${max})` };
      }
      case 'impossible_date': {
        const index = pick('date');
        const year = fields[index].slice(0, 4);
        return { index, value: `${/^\d{4}$/.test(year) ? year : '2021'}-02-30`, detail: ' (no such day)' };
      }
      case 'malformed_date': {
        const index = pick('date');
        const [y, m, d] = fields[index].split('-');
        return { index, value: `${d}/${m}/${y}`, detail: ' (DD/MM/YYYY instead of YYYY-MM-DD)' };
      }
      case 'discharge_before_referral': {
        const index = col('ServDischDate');
        const ref = fields[col('ReferralRequestReceivedDate')];
        const day = Math.round(Date.parse(`${ref}T00:00:00Z`) / 86_400_000) - this.rng.int(1, 60);
        return { index, value: new Date(day * 86_400_000).toISOString().slice(0, 10), detail: ` (referral received ${ref})` };
      }
      default:
        throw new Error(`synth: defect kind ${kind} is not a cell damage`);
    }
  }

  private add(spec: TableSpec, line: number, column: number, kind: DefectKind, pathwayId: string | undefined, detail: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const entry: DefectEntry = { file: spec.file, line, column, kind, detail };
    if (pathwayId) entry.pathway_id = pathwayId;
    this.report(entry);
  }
}

/** What a spreadsheet shows for a long number in General format: 720433000 -> 7.20433E+08. */
export function excelScientific(digits: string): string {
  const [mantissa, exp] = Number(digits).toExponential(5).split('e');
  const m = mantissa.replace(/\.?0+$/, '');
  const e = Number(exp);
  return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}
