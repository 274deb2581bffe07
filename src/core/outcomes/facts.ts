// Compact index of the facts each pathway needs, filled while the tables stream past (never whole rows).
// Contacts live in typed arrays keyed by (pathway, CareContactId): contact and activity ids are provider-local, so
// two pathways may both have a contact "CC1" (issue 13 item 3). A child row that names no pathway is looked up by
// its bare id, which answers only when exactly one pathway has it. Scores are reduced to first/last on arrival.
import { addToSeries, compareIds } from './series';
import type { ComplaintFact, DerivedFields, MeasureSeries, ScorePoint } from './types';
import { GrowableColumn } from '../util/growable';

export interface PathwayAcc {
  index: number;
  id: string;
  participantId: string;
  referralDate: string;
  dischargeDate: string;
  /** extract end date of the referral row kept (UK LLC), '' otherwise */
  extractEnd: string;
  complaint?: ComplaintFact;
  /** first/last per measure id (a plain object: a Map per pathway costs ~180 bytes more; `seriesOf` gives the Map) */
  series: Record<string, MeasureSeries> | undefined;
  treatmentAppointments: number;
  derived?: DerivedFields;
  /** where the kept referral row is (for disagreement reports) */
  place: { file: string; line: number };
  /** the kept referral row's ServDischDate was written but unreadable (treated as not discharged) */
  dischargeUnreadable?: boolean;
  /** hash of the kept referral row's text: the last tie-break between rows of one pathway (order-independent) */
  rowHash: number;
}

/** Result of looking up a provider-local id: the contact index, 'none' or 'ambiguous' (several pathways have it). */
export type Lookup = number | 'none' | 'ambiguous';

export const ATTENDED = 1;
export const TREATMENT_TYPE = 2;

/** yyyymmdd number of a YYYY-MM-DD date ('' → 0) */
export function dateNumber(date: string): number {
  return date ? Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10)) : 0;
}
export function dateText(n: number): string {
  if (!n) return '';
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
/** seconds since midnight of HH:MM:SS ('' → -1) */
export function timeNumber(time: string): number {
  return time ? Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60 + Number(time.slice(6, 8)) : -1;
}
export function timeText(n: number): string {
  if (n < 0) return '';
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(Math.floor(n / 3600))}:${p(Math.floor(n / 60) % 60)}:${p(n % 60)}`;
}

/** The series of a pathway as the rules take them (measure id → first/last), in the order the measures were met. */
export function seriesOf(p: PathwayAcc): Map<string, MeasureSeries> {
  return new Map(p.series ? Object.entries(p.series) : []);
}

export class FactsIndex {
  readonly pathways: PathwayAcc[] = [];
  private readonly byId = new Map<string, PathwayAcc>();
  /** ServiceRequestId → pathway (raw submissions without PathwayID) */
  private readonly byServiceRequest = new Map<string, PathwayAcc | null>();
  /**
   * CareContactId → its most recent contact; contacts of other pathways with the same id are chained through
   * `contactNext` (ids are provider-local, issue 13 item 3). No composite key strings: one Map entry per distinct id.
   */
  private readonly contactById = new Map<string, number>();
  private readonly contactNext = new GrowableColumn((n) => new Int32Array(n));
  private readonly contactIds: string[] = [];
  private readonly contactPathway = new GrowableColumn((n) => new Int32Array(n));
  private readonly contactDate = new GrowableColumn((n) => new Int32Array(n));
  private readonly contactTime = new GrowableColumn((n) => new Int32Array(n));
  private readonly contactFlags = new GrowableColumn((n) => new Uint8Array(n));
  /**
   * CareActId → its most recent activity slot; one slot per (pathway, CareActId), chained like contacts. A slot holds
   * the contact the pathway's activity belongs to, and the contact it was first recorded with (the bare lookup's answer).
   */
  private readonly activityById = new Map<string, number>();
  private readonly activityNext = new GrowableColumn((n) => new Int32Array(n));
  private readonly activityContactOf = new GrowableColumn((n) => new Int32Array(n));
  private readonly activityFirstContact = new GrowableColumn((n) => new Int32Array(n));
  private seq = 0;

  get pathwayCount(): number { return this.pathways.length; }
  get contactCount(): number { return this.contactPathway.length; }

  pathway(id: string): PathwayAcc | undefined { return this.byId.get(id); }
  /** the pathway of a ServiceRequestId (undefined when unknown or shared by several pathways) */
  pathwayByServiceRequest(id: string): PathwayAcc | undefined { return this.byServiceRequest.get(id) ?? undefined; }

  /** The pathway of a referral row (created on first sight). */
  upsertPathway(id: string, serviceRequestId: string): PathwayAcc {
    let p = this.byId.get(id);
    if (!p) {
      // every field set here, so all pathways share one shape with in-object fields (no property backing store)
      p = { index: this.pathways.length, id, participantId: '', referralDate: '', dischargeDate: '', extractEnd: '', complaint: undefined, series: undefined, treatmentAppointments: 0, derived: undefined, place: { file: '', line: 0 }, dischargeUnreadable: false, rowHash: 0 };
      this.pathways.push(p);
      this.byId.set(id, p);
    }
    if (serviceRequestId) {
      // a ServiceRequestId shared by two pathways names neither (never attributed by row order)
      const seen = this.byServiceRequest.get(serviceRequestId);
      this.byServiceRequest.set(serviceRequestId, seen === undefined || seen === p ? p : null);
    }
    return p;
  }

  /** The contact of a pathway with this CareContactId (undefined when none). */
  contactOf(pathway: PathwayAcc, id: string): number | undefined {
    for (let i = this.contactById.get(id) ?? -1; i >= 0; i = this.contactNext.get(i)) {
      if (this.contactPathway.get(i) === pathway.index) return i;
    }
    return undefined;
  }

  /** one string per distinct date / time of day (scores keep them: a few thousand strings, not one per score) */
  private readonly dateTexts = new Map<number, string>();
  private readonly timeTexts = new Map<number, string>();
  private dateTextOf(n: number): string {
    let t = this.dateTexts.get(n);
    if (t === undefined) { t = dateText(n); this.dateTexts.set(n, t); }
    return t;
  }
  private timeTextOf(n: number): string {
    let t = this.timeTexts.get(n);
    if (t === undefined) { t = timeText(n); this.timeTexts.set(n, t); }
    return t;
  }

  /** Records a new care contact of a pathway; returns its index. */
  addContact(id: string, pathway: PathwayAcc, date: string, time: string, flags: number): number {
    const i = this.contactPathway.push(pathway.index);
    this.contactNext.push(this.contactById.get(id) ?? -1);
    this.contactById.set(id, i);
    this.contactIds.push(id);
    this.contactDate.push(dateNumber(date));
    this.contactTime.push(timeNumber(time));
    this.contactFlags.push(flags);
    return i;
  }

  /** Replaces the values of a contact (a preferred row of the same contact). */
  updateContact(i: number, date: string, time: string, flags: number): void {
    this.contactDate.set(i, dateNumber(date));
    this.contactTime.set(i, timeNumber(time));
    this.contactFlags.set(i, flags);
  }

  /** A contact by bare CareContactId (for rows that name no pathway). */
  contact(id: string): Lookup {
    const i = this.contactById.get(id);
    return i === undefined ? 'none' : this.contactNext.get(i) >= 0 ? 'ambiguous' : i;
  }
  contactInfo(i: number): { pathway: PathwayAcc; id: string; date: string; time: string; attended: boolean; treatment: boolean; flags: number } {
    const flags = this.contactFlags.get(i);
    return {
      pathway: this.pathways[this.contactPathway.get(i)],
      id: this.contactIds[i],
      date: this.dateTextOf(this.contactDate.get(i)),
      time: this.timeTextOf(this.contactTime.get(i)),
      attended: (flags & ATTENDED) !== 0,
      treatment: (flags & TREATMENT_TYPE) !== 0,
      flags,
    };
  }

  /**
   * Records a care activity of a contact: 'new', 'same' (already known for this contact) or 'conflict' (the pathway
   * already has this CareActId under another contact; the contact with the lower CareContactId keeps it, whatever
   * the row order).
   */
  addActivity(careActId: string, contact: number): 'new' | 'same' | 'conflict' {
    const pw = this.contactPathway.get(contact);
    const slot = this.activitySlot(careActId, pw);
    if (slot >= 0) {
      const known = this.activityContactOf.get(slot);
      if (known === contact) return 'same';
      if (compareIds(this.contactIds[contact], this.contactIds[known]) < 0) this.activityContactOf.set(slot, contact);
      return 'conflict';
    }
    const s = this.activityContactOf.push(contact);
    this.activityFirstContact.push(contact);
    this.activityNext.push(this.activityById.get(careActId) ?? -1);
    this.activityById.set(careActId, s);
    return 'new';
  }
  /** the activity slot of a pathway's CareActId, -1 when none */
  private activitySlot(careActId: string, pathwayIndex: number): number {
    for (let s = this.activityById.get(careActId) ?? -1; s >= 0; s = this.activityNext.get(s)) {
      if (this.contactPathway.get(this.activityContactOf.get(s)) === pathwayIndex) return s;
    }
    return -1;
  }
  /** The contact of a care activity: within a pathway when one is given, else by bare CareActId. */
  activityContact(careActId: string, pathway?: PathwayAcc): Lookup {
    if (pathway) {
      const s = this.activitySlot(careActId, pathway.index);
      return s < 0 ? 'none' : this.activityContactOf.get(s);
    }
    const s = this.activityById.get(careActId);
    return s === undefined ? 'none' : this.activityNext.get(s) >= 0 ? 'ambiguous' : this.activityFirstContact.get(s);
  }

  nextSeq(): number { return this.seq++; }

  addScore(pathway: PathwayAcc, measure: string, point: ScorePoint): void {
    const series = (pathway.series ??= {});
    series[measure] = addToSeries(series[measure], point);
  }

  /** Counts attended treatment appointments (on or before discharge) into each pathway. */
  countTreatmentAppointments(): void {
    for (const p of this.pathways) p.treatmentAppointments = 0;
    const discharge = this.pathways.map((p) => dateNumber(p.dischargeDate));
    for (let i = 0; i < this.contactPathway.length; i++) {
      const f = this.contactFlags.get(i);
      if ((f & (ATTENDED | TREATMENT_TYPE)) !== (ATTENDED | TREATMENT_TYPE)) continue;
      const pw = this.contactPathway.get(i);
      const d = this.contactDate.get(i);
      if (d === 0) continue; // date unknown: cannot be placed on or before the discharge
      if (discharge[pw] && d > discharge[pw]) continue;
      this.pathways[pw].treatmentAppointments++;
    }
  }
}
