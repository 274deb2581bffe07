// Facts and verdicts of the outcome engine (the unit is the pathway, i.e. the referral).

/** Where a fact was read (1-based physical line of the row), for explanations and bad-input reports. */
export interface SourcePlace {
  file: string;
  line: number;
}

/** UK LLC extract period of a row (the cells as written); absent in the NHS layout. */
export interface ExtractStamp {
  extractStart?: string;
  extractEnd?: string;
}

/** One care contact of a pathway (a CareContactId is provider-local: it identifies a contact only within its pathway). */
export interface ContactFact extends ExtractStamp {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM:SS or '' */
  time: string;
  /** AppType as written (e.g. "02") */
  appType: string;
  /** AttendOrDNACode as written (e.g. "5") */
  attend: string;
  place?: SourcePlace;
}

/** One coded scored assessment. `contactId` set = care-activity level (IDS607); unset = referral level (IDS606). */
export interface ScoreFact extends ExtractStamp {
  /** measure id from the thresholds (e.g. "PHQ-9", "GAD-7", "SPIN") */
  measure: string;
  /** the value read from `raw` (the engine re-reads `raw`: plain decimal numerals only, see parseScore) */
  value: number;
  /** the score as written in the extract (PersScore) */
  raw: string;
  /** date of the score (referral level: AssToolCompDate; contact level: the contact's date, filled by the engine when empty) */
  date?: string;
  time?: string;
  contactId?: string;
  /** CareActId (contact level) or the IDS606 row's unique id: a tie-break of the total order of scores */
  rowId?: string;
  place?: SourcePlace;
}

export interface ComplaintFact {
  /** the code used for pairing: Validated_PresentingComplaint when populated, else PresComp */
  code: string;
  /** true when `code` is the NHS validated presenting complaint (ranks first, spec 2.1 / META-M M203) */
  validated?: boolean;
  /** PresCompCodSig: "1" (or "01") primary, "2" secondary */
  significance: string;
  /** YYYY-MM-DD or '' */
  date: string;
  /** the row's unique id (UniqueID_IDS603 or similar); compared numerically when both are numbers */
  id: string;
  place?: SourcePlace;
}

/** NHS derived IDS101 fields as written in the extract (keys are the NHS technical names, e.g. "PHQ9_FirstScore"). */
export type DerivedFields = Record<string, string>;

export interface PathwayFacts {
  pathwayId: string;
  participantId: string;
  /** YYYY-MM-DD or '' */
  referralDate: string;
  /** YYYY-MM-DD or '' */
  dischargeDate: string;
  contacts: ContactFact[];
  scores: ScoreFact[];
  complaints: ComplaintFact[];
  derived?: DerivedFields;
  /**
   * true when the extract has no presenting-complaint table at all: the derived `ADSM` label then stands in for the
   * complaint. When the table is present and a pathway has no complaint, GAD-7 is used (spec 2.1 "missing").
   */
  noComplaintTable?: boolean;
  /** where the referral row was read */
  place?: SourcePlace;
}

/** A first or last score as used by the engine. */
export interface ScorePoint {
  value: number;
  raw: string;
  date: string;
  time: string;
  /** the event a score belongs to: its calendar day (two scores pair only when their days differ) */
  occasion: string;
  /** reading order (informational only: never used to order scores) */
  seq: number;
  /** 0 = referral level (IDS606), 1 = care-activity level (IDS607): referral level sorts first on the same date and time */
  level?: 0 | 1;
  /** tie-break id (contact id, then CareActId or IDS606 row id) */
  tie?: string;
  place?: SourcePlace;
}

/** First and last eligible score of one measure on one pathway. */
export interface MeasureSeries {
  first: ScorePoint;
  last: ScorePoint;
  /** first and last on different days (whether they come from IDS606 or IDS607) */
  paired: boolean;
  count: number;
}

export type ExclusionReason =
  | 'no discharge date'
  | 'discharge date outside period'
  | 'no attended treatment appointment'
  | 'one attended treatment appointment';

export interface PathwayOutcome {
  pathwayId: string;
  participantId: string;
  referralDate: string;
  dischargeDate: string;
  treatmentAppointments: number;
  finishedCourse: boolean;
  /** why the pathway is not in the finished-course cohort (null when finished) */
  exclusion: ExclusionReason | null;
  presentingComplaint: string;
  /** anxiety measure id, '' when none could be chosen */
  anxietyMeasure: string;
  phq9First: string;
  phq9Last: string;
  anxietyFirst: string;
  anxietyLast: string;
  /** null = unknown (or not finished) */
  caseness: boolean | null;
  recovery: boolean | null;
  reliableImprovement: boolean | null;
  reliableDeterioration: boolean | null;
  noReliableChange: boolean | null;
  reliableRecovery: boolean | null;
  /** 'scores' = recomputed from session-level scores; 'derived-fields' = from the extract's NHS derived first/last scores */
  basis: 'scores' | 'derived-fields';
  /** notes about choices made for this pathway (e.g. an ADSM without thresholds) */
  notes: string[];
}
