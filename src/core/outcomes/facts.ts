// Compact index of the facts each pathway needs, filled while the tables stream past (never whole rows).
// Contacts live in typed arrays keyed by (pathway, CareContactId): contact and activity ids are provider-local, so
// two pathways may both have a contact "CC1" (issue 13 item 3). A child row that names no pathway is looked up by
// its bare id, which answers only when exactly one pathway has it. Scores are reduced to first/last on arrival.
import { addToSeries, compareIds } from './series';
import type { ComplaintFact, DerivedFields, MeasureSeries, ScorePoint } from './types';

export interface PathwayAcc {
  index: number;
  id: string;
  participantId: string;
  referralDate: string;
  dischargeDate: string;
  /** extract end date of the referral row kept (UK LLC), '' otherwise */
  extractEnd: string;
  complaint?: ComplaintFact;
  series: Map<string, MeasureSeries>;
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
const AMBIGUOUS = -1;

/** Growable typed array. */
class Column<T extends Int32Array | Uint8Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) { this.data = make(1024); }
  push(v: number): number {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  get(i: number): number { return this.data[i]; }
  set(i: number, v: number): void { this.data[i] = v; }
}

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

export class FactsIndex {
  readonly pathways: PathwayAcc[] = [];
  private readonly byId = new Map<string, PathwayAcc>();
  /** ServiceRequestId → pathway (raw submissions without PathwayID) */
  private readonly byServiceRequest = new Map<string, PathwayAcc | null>();
  /** "<pathway index>\0<CareContactId>" → contact index */
  private readonly contactIndex = new Map<string, number>();
  /** bare CareContactId → contact index, or AMBIGUOUS when several pathways use the id */
  private readonly bareContacts = new Map<string, number>();
  private readonly contactIds: string[] = [];
  private readonly contactPathway = new Column((n) => new Int32Array(n));
  private readonly contactDate = new Column((n) => new Int32Array(n));
  private readonly contactTime = new Column((n) => new Int32Array(n));
  private readonly contactFlags = new Column((n) => new Uint8Array(n));
  /** "<pathway index>\0<CareActId>" → contact index; bare CareActId → contact index or AMBIGUOUS */
  private readonly activities = new Map<string, number>();
  private readonly bareActivities = new Map<string, number>();
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
      p = { index: this.pathways.length, id, participantId: '', referralDate: '', dischargeDate: '', extractEnd: '', series: new Map(), treatmentAppointments: 0, place: { file: '', line: 0 }, rowHash: 0 };
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
    return this.contactIndex.get(`${pathway.index}\u0000${id}`);
  }

  /** Records a new care contact of a pathway; returns its index. */
  addContact(id: string, pathway: PathwayAcc, date: string, time: string, flags: number): number {
    const i = this.contactPathway.push(pathway.index);
    this.contactIndex.set(`${pathway.index}\u0000${id}`, i);
    const bare = this.bareContacts.get(id);
    this.bareContacts.set(id, bare === undefined ? i : AMBIGUOUS);
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
    const i = this.bareContacts.get(id);
    return i === undefined ? 'none' : i === AMBIGUOUS ? 'ambiguous' : i;
  }
  contactInfo(i: number): { pathway: PathwayAcc; id: string; date: string; time: string; attended: boolean; treatment: boolean; flags: number } {
    const flags = this.contactFlags.get(i);
    return {
      pathway: this.pathways[this.contactPathway.get(i)],
      id: this.contactIds[i],
      date: dateText(this.contactDate.get(i)),
      time: timeText(this.contactTime.get(i)),
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
    const key = `${pw}\u0000${careActId}`;
    const known = this.activities.get(key);
    if (known === contact) return 'same';
    if (known !== undefined) {
      if (compareIds(this.contactIds[contact], this.contactIds[known]) < 0) this.activities.set(key, contact);
      return 'conflict';
    }
    this.activities.set(key, contact);
    const bare = this.bareActivities.get(careActId);
    this.bareActivities.set(careActId, bare === undefined ? contact : AMBIGUOUS);
    return 'new';
  }
  /** The contact of a care activity: within a pathway when one is given, else by bare CareActId. */
  activityContact(careActId: string, pathway?: PathwayAcc): Lookup {
    if (pathway) return this.activities.get(`${pathway.index}\u0000${careActId}`) ?? 'none';
    const i = this.bareActivities.get(careActId);
    return i === undefined ? 'none' : i === AMBIGUOUS ? 'ambiguous' : i;
  }

  nextSeq(): number { return this.seq++; }

  addScore(pathway: PathwayAcc, measure: string, point: ScorePoint): void {
    pathway.series.set(measure, addToSeries(pathway.series.get(measure), point));
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
