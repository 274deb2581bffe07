// Compact index of the facts each pathway needs, filled while the tables stream past (never whole rows).
// Contacts live in typed arrays keyed by CareContactId; scores are reduced to first/last per measure on arrival.
import { addToSeries } from './series';
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
}

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
  private readonly byServiceRequest = new Map<string, PathwayAcc>();
  private readonly contactIndex = new Map<string, number>();
  private readonly contactPathway = new Column((n) => new Int32Array(n));
  private readonly contactDate = new Column((n) => new Int32Array(n));
  private readonly contactTime = new Column((n) => new Int32Array(n));
  private readonly contactFlags = new Column((n) => new Uint8Array(n));
  /** CareActId → contact index */
  private readonly activities = new Map<string, number>();
  private seq = 0;

  get pathwayCount(): number { return this.pathways.length; }
  get contactCount(): number { return this.contactPathway.length; }

  pathway(id: string): PathwayAcc | undefined { return this.byId.get(id); }
  pathwayByServiceRequest(id: string): PathwayAcc | undefined { return this.byServiceRequest.get(id); }

  /** The pathway of a referral row (created on first sight). */
  upsertPathway(id: string, serviceRequestId: string): PathwayAcc {
    let p = this.byId.get(id);
    if (!p) {
      p = { index: this.pathways.length, id, participantId: '', referralDate: '', dischargeDate: '', extractEnd: '', series: new Map(), treatmentAppointments: 0, place: { file: '', line: 0 } };
      this.pathways.push(p);
      this.byId.set(id, p);
    }
    if (serviceRequestId && !this.byServiceRequest.has(serviceRequestId)) this.byServiceRequest.set(serviceRequestId, p);
    return p;
  }

  /** Records (or updates, for a repeated id) one care contact. */
  addContact(id: string, pathway: PathwayAcc, date: string, time: string, flags: number): void {
    const existing = this.contactIndex.get(id);
    const i = existing ?? this.contactPathway.push(pathway.index);
    if (existing === undefined) {
      this.contactIndex.set(id, i);
      this.contactDate.push(dateNumber(date));
      this.contactTime.push(timeNumber(time));
      this.contactFlags.push(flags);
    } else {
      this.contactPathway.set(i, pathway.index);
      this.contactDate.set(i, dateNumber(date));
      this.contactTime.set(i, timeNumber(time));
      this.contactFlags.set(i, flags);
    }
  }

  contact(id: string): number | undefined { return this.contactIndex.get(id); }
  contactInfo(i: number): { pathway: PathwayAcc; date: string; time: string; attended: boolean } {
    return {
      pathway: this.pathways[this.contactPathway.get(i)],
      date: dateText(this.contactDate.get(i)),
      time: timeText(this.contactTime.get(i)),
      attended: (this.contactFlags.get(i) & ATTENDED) !== 0,
    };
  }

  addActivity(careActId: string, contactId: string): boolean {
    const i = this.contactIndex.get(contactId);
    if (i === undefined) return false;
    this.activities.set(careActId, i);
    return true;
  }
  activityContact(careActId: string): number | undefined { return this.activities.get(careActId); }

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
      if (discharge[pw] && d > discharge[pw]) continue;
      this.pathways[pw].treatmentAppointments++;
    }
  }
}
