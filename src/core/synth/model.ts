// The generator's intended world: people, their pathways (referrals), care contacts, activities and scores.
// Pure data, independent of the output layout; emit-nhs.ts / emit-ukllc.ts turn it into rows.

export interface ScoreRecord {
  /** SNOMED CT code of the coded scored assessment (CodedAssToolType) */
  tool: string;
  /** score as written in the extract (PersScore) */
  score: string;
}

export interface CareActivity {
  id: string; // CareActId
  therapy: string; // CodeProcAndProcStatus ('' for assessment)
  carePerson: string;
  minutes: number;
  scores: ScoreRecord[]; // IDS607 rows
}

export interface CareContact {
  id: string; // CareContactId
  day: number;
  minutes: number; // time of day
  appType: string;
  attend: string; // AttendOrDNACode
  medium: string; // ConsMediumUsed (v2.0) / ConsMechanism (v2.1) code
  durationMinutes: number;
  activities: CareActivity[]; // attended contacts only
}

export interface ReferralAssessment {
  day: number;
  minutes: number;
  tool: string;
  score: string;
}

export interface PresentingComplaintRecord {
  uniqueId: string;
  code: string;
  scheme: string;
  significance: '1' | '2';
  day: number;
}

export interface Pathway {
  pathwayId: string;
  serviceRequestId: string;
  referralDay: number;
  sourceOfReferral: string;
  dischargeDay: number | null;
  endCode: string | null;
  complaintId: string;
  complaints: PresentingComplaintRecord[];
  /** ADSM (profile measure name) recorded for this pathway, null when none */
  adsm: string | null;
  contacts: CareContact[];
  referralAssessments: ReferralAssessment[]; // IDS606
  employment: { day: number; status: string }[];
  iet: { startDay: number; endDay: number; programme: string; minutes: number; carePerson: string } | null;
  ltc: string | null;
  onward: { day: number; minutes: number; org: string } | null;
  pauses: { id: string; startDay: number; endDay: number }[];
}

export interface Person {
  localPatientId: string;
  personId: string;
  cohortKey: string;
  birthDay: number;
  gender: string;
  ethnic: string;
  careCluster: { code: string; startDay: number; endDay: number | null } | null;
  pathways: Pathway[];
}

/** Counter-based identifiers: every id is unique within one extract and fixed-width. */
export class IdFactory {
  private counters = new Map<string, number>();
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return prefix + String(n).padStart(9, '0');
  }
}

/** Identifier that no generated row uses (for planted orphan rows). */
export function orphanId(prefix: string, n: number): string {
  return prefix + String(900_000_000 + n).padStart(9, '0');
}
