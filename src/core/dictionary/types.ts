// Public shape of the IAPT dictionary as the rest of core sees it (the JSON file's schema lives in schema.ts).
// Contract shared by csv/tables/hover/validation/outcomes/synth: change only with care.

export type DataSetVersion = '2.0' | '2.1';
export type FieldType = 'code' | 'date' | 'datetime' | 'integer' | 'decimal' | 'string' | 'id';
export type Layout = 'nhs' | 'ukllc';
/** confirmed = stated by a cited source; inferred = derived by pattern or from a secondary source */
export type Status = 'confirmed' | 'inferred';
/** Which code system a code list uses. */
export type CodeSystem = 'national' | 'snomed' | 'icd10' | 'icd10-or-snomed' | 'derived' | 'iso639' | 'free-text-group';

export interface FieldEntry {
  /** NHS technical name, e.g. "EndCode" */
  name: string;
  /** UK LLC lower-case name, e.g. "endcode" */
  ukllcName: string;
  ukllcNameStatus: Status;
  /** NHS Data Dictionary element name or derived-field label */
  label: string;
  type: FieldType;
  codelist: string | null;
  range: { min: number; max: number } | null;
  mandatory: boolean | null;
  versions: DataSetVersion[];
  origin: 'submitted' | 'derived';
  /** IDS table id the field belongs to, e.g. "IDS101" */
  tableId: string;
  note?: string;
  source: string[];
}

export interface TableEntry {
  id: string; // "IDS101"
  name: string; // "Service or team referral"
  technicalName: string;
  versions: DataSetVersion[];
  keyFields: string[];
  parent: string | null;
  /** UK LLC themed tables this NHS table is merged into (may be several, e.g. IDS902) */
  ukllcTables: string[];
  fields: FieldEntry[];
  source: string[];
}

export interface CodeEntry {
  code: string;
  meaning: string | null; // null when the source gives valid values only
  /** versions in which the code is valid (empty = known only as legacy / derived) */
  versions: DataSetVersion[];
  legacy?: boolean;
  /** grouping entries (e.g. "F32*") match codes by prefix */
  prefixes?: string[];
}

export interface CodeList {
  id: string;
  label: string;
  system: CodeSystem;
  codes: Map<string, CodeEntry>;
  status: Status;
  notes?: string;
  source: string[];
  /** values matching this pattern are valid without a listed meaning (e.g. ISO 639-1 language codes) */
  pattern?: { regex: RegExp; description: string };
}

export interface AssessmentEntry {
  snomed: string;
  name: string;
  tool: string;
  /** null when answers are codes (Y/N/NA) rather than numbers */
  min: number | null;
  max: number | null;
  answerCodes?: string[];
  answerMeanings?: Record<string, string>;
  derivedFields: string[];
  /** name of the ADSM (derived IDS101 ADSM code), when this is an anxiety disorder specific measure */
  adsmLabel?: string;
  adsmFor?: string[];
  status: Status;
  note?: string;
  source: string[];
}

export interface UkllcTableEntry {
  name: string; // "IAPT_demographics_and_referral"
  nhsTables: string[];
  /** extra UK LLC-only columns (cohortkey_e, extract dates, split SocPerCircumstance) */
  extraColumns: string[];
  source: string[];
}

export interface Decoded {
  column: string;
  /** the table id the field was resolved in, or null when the column is unknown */
  table: string | null;
  label: string | null;
  value: string;
  /** human meaning of the value; null when unknown / not coded */
  meaning: string | null;
  codelist: string | null;
  system: CodeSystem | null;
  /** versions in which this value is valid for this field (empty when invalid or unknown) */
  versions: DataSetVersion[];
  status: 'valid' | 'not-in-codelist' | 'unknown-column' | 'not-coded' | 'valid-no-meaning';
  /** extra explanation, e.g. Excel damage detected ("7.20433E+08"), legacy code */
  note?: string;
  /** the code list entry that matched when it is a grouping (e.g. "F32*" for F321) */
  matched?: string;
}
