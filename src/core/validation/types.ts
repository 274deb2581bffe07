// Public shapes of validation: findings, rule specs compiled from the catalogue, and rule descriptions for docs.

export type Severity = 'error' | 'warning' | 'information';
export type CatalogueSeverity = 'REJECT_FILE' | 'REJECT_GROUP' | 'REJECT_RECORD' | 'WARNING';

/** Another place a finding points at (the parent row that is missing, the row a value was compared with). */
export interface RelatedLocation {
  file: string;
  /** 1-based line */
  line: number;
  /** 1-based field position; 0 = the whole line */
  column: number;
  message: string;
}

export interface Finding {
  file: string;
  /** 1-based line (the header is line 1) */
  line: number;
  /** 1-based position of the field in its row; 1 for row- or file-level findings */
  column: number;
  /** header name of the field ('' when the finding is about the row or file) */
  field: string;
  /** the value as written ('' when none) */
  value: string;
  /** official catalogue id (IDS20156) or project id (IAPTX010) */
  rule: string;
  severity: Severity;
  message: string;
  related?: RelatedLocation[];
  /** the certain repair of a spreadsheet-damaged value */
  fix?: { value: string; title: string };
}

/** A field of an NHS table, e.g. IDS201.AppType. */
export interface FieldRef {
  table: string;
  name: string;
}

export type ConditionSpec =
  | { field: FieldRef; is: 'blank' | 'present' }
  | { field: FieldRef; is: 'in' | 'notIn'; values: string[] }
  | { field: FieldRef; is: 'equalsField' | 'onOrBeforeField'; other: FieldRef };

/** What a rule checks, in this project's rule kinds (several catalogue kinds may share one). */
export type RuleSpec =
  | { kind: 'notBlank'; field: FieldRef }
  | { kind: 'notBothBlank'; field: FieldRef; other: FieldRef }
  | { kind: 'length'; field: FieldRef; min: number; max: number; digitsOnly: boolean }
  | { kind: 'pattern'; field: FieldRef; regex: RegExp; mustMatch: boolean; description: string }
  | { kind: 'inSet'; field: FieldRef; values: string[] | null }
  | { kind: 'date' | 'time' | 'datetime'; field: FieldRef }
  | { kind: 'dateOrder'; field: FieldRef; other: FieldRef; op: 'onOrAfter' | 'onOrBefore'; offset: { years: number; days: number } }
  | { kind: 'dateNotBefore'; field: FieldRef; date: string }
  | { kind: 'monthNotBefore'; field: FieldRef; other: FieldRef }
  | { kind: 'unique'; table: string; fields: string[]; onlyWhenBlank?: string; onlyWhenIn?: { field: string; values: string[] } }
  | { kind: 'parent'; child: string; parent: string; key: string }
  | { kind: 'compare'; target: FieldRef; when: ConditionSpec[]; require: ConditionSpec; expected: string }
  | { kind: 'snomed'; field: FieldRef; maxLength: number | null }
  | { kind: 'findCode'; scheme: FieldRef; code: FieldRef }
  | { kind: 'assessmentCode'; field: FieldRef }
  | { kind: 'assessmentScore' | 'scoreFormat'; code: FieldRef; score: FieldRef }
  | { kind: 'nhsNumber'; field: FieldRef };

export interface CompiledRule {
  id: string;
  /** the catalogue's kind name, e.g. column_value_in_set */
  catalogueKind: string;
  group: string;
  catalogueSeverity: CatalogueSeverity;
  severity: Severity;
  /** NHS table id the rule is about, e.g. IDS201 */
  table: string;
  /** the official message (for reference; findings use their own words) */
  officialMessage: string;
  spec: RuleSpec;
}

export interface LeftOutRule {
  id: string;
  catalogueKind: string;
  severity: CatalogueSeverity;
  table: string;
  officialMessage: string;
  reason: string;
}
