// Facts and verdicts of the outcome engine (the unit is the pathway, i.e. the referral).

/** One care contact of a pathway. */
export interface ContactFact {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM:SS or '' */
  time: string;
  /** AppType as written (e.g. "02") */
  appType: string;
  /** AttendOrDNACode as written (e.g. "5") */
  attend: string;
}

/** One coded scored assessment. `contactId` set = care-activity level (IDS607); unset = referral level (IDS606). */
export interface ScoreFact {
  /** measure id from the thresholds (e.g. "PHQ-9", "GAD-7", "SPIN") */
  measure: string;
  value: number;
  /** the score as written in the extract */
  raw: string;
  /** date of the score (referral level: AssToolCompDate; contact level: the contact's date, filled by the engine when empty) */
  date?: string;
  time?: string;
  contactId?: string;
}

export interface ComplaintFact {
  code: string;
  /** PresCompCodSig: "1" primary, "2" secondary */
  significance: string;
  /** YYYY-MM-DD or '' */
  date: string;
  /** the row's unique id (UniqueID_IDS603 or similar); compared numerically when both are numbers */
  id: string;
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
}

/** A first or last score as used by the engine. */
export interface ScorePoint {
  value: number;
  raw: string;
  date: string;
  time: string;
  /** what makes two scores "different": "c:<contact id>" or "d:<date>" for referral-level scores */
  occasion: string;
  seq: number;
}

/** First and last eligible score of one measure on one pathway. */
export interface MeasureSeries {
  first: ScorePoint;
  last: ScorePoint;
  /** scores from at least two different contacts (or dates, for referral-level scores) */
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
