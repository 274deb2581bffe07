// Loads data/outcome-thresholds.json, applies caller overrides and indexes it for the rule engine.
import builtinJson from '../../../data/outcome-thresholds.json';
import {
  thresholdOverridesSchema, thresholdsFileSchema,
  type MeasureThresholds, type ThresholdOverrides, type ThresholdsFile,
} from './schema';

export class ThresholdsError extends Error {}

function formatIssues(where: string, issues: { path: (string | number)[]; message: string }[]): string {
  return issues.slice(0, 5).map((i) => `${where}: ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('\n');
}

export function parseThresholdsFile(json: unknown, where = 'outcome thresholds'): ThresholdsFile {
  const parsed = thresholdsFileSchema.safeParse(json);
  if (!parsed.success) throw new ThresholdsError(formatIssues(where, parsed.error.issues));
  return parsed.data;
}

/** Normalise a presenting complaint code: upper case, no dots or spaces ("f40.0" → "F400"). */
export function normaliseComplaintCode(code: string): string {
  return code.trim().toUpperCase().replace(/[.\s]/g, '');
}

/** Indexed, immutable view of the thresholds used by the engine. */
export class Thresholds {
  readonly measures: readonly MeasureThresholds[];
  readonly depression: MeasureThresholds;
  readonly anxietyDefault: MeasureThresholds;
  readonly attendedCodes: ReadonlySet<string>;
  readonly treatmentAppTypes: ReadonlySet<string>;
  readonly minimumTreatmentAppointments: number;
  readonly primarySignificance: string;
  readonly secondarySignificance: string;
  readonly version: string;
  private readonly bySnomedCode = new Map<string, MeasureThresholds>();
  private readonly byIdMap = new Map<string, MeasureThresholds>();
  private readonly byAdsmLabel = new Map<string, MeasureThresholds>();

  constructor(readonly file: ThresholdsFile) {
    this.version = file.version;
    this.measures = file.measures;
    for (const m of file.measures) {
      this.byIdMap.set(m.id, m);
      for (const c of m.snomed) this.bySnomedCode.set(c, m);
      if (m.adsmLabel) this.byAdsmLabel.set(m.adsmLabel.toLowerCase(), m);
    }
    this.depression = file.measures.find((m) => m.role === 'depression')!;
    this.anxietyDefault = file.measures.find((m) => m.role === 'anxiety-default')!;
    this.attendedCodes = new Set(file.appointments.attendedCodes.codes.map(normaliseAttendCode));
    this.treatmentAppTypes = new Set(file.appointments.treatmentAppTypes.codes.map(normaliseAppType));
    this.minimumTreatmentAppointments = file.appointments.minimumTreatmentAppointments.value;
    this.primarySignificance = file.presentingComplaintSignificance.primary;
    this.secondarySignificance = file.presentingComplaintSignificance.secondary;
  }

  measure(id: string): MeasureThresholds | undefined { return this.byIdMap.get(id); }
  measureForSnomed(code: string): MeasureThresholds | undefined { return this.bySnomedCode.get(code.trim()); }
  measureForAdsmLabel(label: string): MeasureThresholds | undefined { return this.byAdsmLabel.get(label.trim().toLowerCase()); }

  /** The anxiety disorder specific measure paired with a presenting complaint code, if any. */
  adsmForComplaint(code: string | null | undefined): MeasureThresholds | undefined {
    if (!code) return undefined;
    const c = normaliseComplaintCode(code);
    for (const m of this.measures) {
      if (m.role !== 'adsm') continue;
      for (const p of m.presentingComplaints) {
        if (p.match === 'exact' ? c === p.code : c.startsWith(p.code)) return m;
      }
    }
    return undefined;
  }

  /** A measure can decide outcomes only when both its caseness and reliable-change values are known. */
  usable(m: MeasureThresholds): boolean { return m.caseness !== null && m.reliableChange !== null; }

  isAttended(code: string): boolean { return this.attendedCodes.has(normaliseAttendCode(code)); }
  isTreatmentAppType(code: string): boolean { return this.treatmentAppTypes.has(normaliseAppType(code)); }
}

/** AttendOrDNACode is a one-digit national code; "05" (or " 5") means 5. */
export function normaliseAttendCode(code: string): string {
  const t = code.trim();
  return /^\d+$/.test(t) ? String(Number(t)) : t;
}

/** AppType is a two-digit national code; Excel strips the leading zero ("2" means "02"). */
export function normaliseAppType(code: string): string {
  const t = code.trim();
  return /^\d$/.test(t) ? `0${t}` : t;
}

/** Score at caseness under a measure's rule (>= or strictly >). Unknown rule → null. */
export function atCaseness(m: MeasureThresholds, score: number): boolean | null {
  if (!m.caseness) return null;
  return m.caseness.comparison === '>' ? score > m.caseness.value + EPS : score >= m.caseness.value - EPS;
}

/** Tolerance for decimal scores (e.g. MI 2.3 − 1.57 must count as exactly 0.73). */
export const EPS = 1e-9;

export function applyOverrides(file: ThresholdsFile, overrides: unknown, where = 'iapt.outcomes.thresholds'): ThresholdsFile {
  if (overrides === undefined || overrides === null) return file;
  const parsed = thresholdOverridesSchema.safeParse(overrides);
  if (!parsed.success) throw new ThresholdsError(formatIssues(where, parsed.error.issues));
  const o: ThresholdOverrides = parsed.data;
  const known = new Set(file.measures.map((m) => m.id));
  const unknown = Object.keys(o).filter((id) => !known.has(id));
  if (unknown.length) throw new ThresholdsError(`${where}: unknown measure ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  const measures = file.measures.map((m) => {
    const x = o[m.id];
    if (!x) return m;
    return {
      ...m,
      caseness: x.caseness === undefined ? m.caseness : x.caseness,
      reliableChange: x.reliableChange === undefined ? m.reliableChange : x.reliableChange,
      snomed: x.snomed ?? m.snomed,
      note: `${m.note ?? ''} Overridden by ${where}.`.trim(),
    };
  });
  return parseThresholdsFile({ ...file, measures }, where);
}

let builtin: Thresholds | undefined;
/** Built-in thresholds (cached). */
export function builtinThresholds(): Thresholds {
  builtin ??= new Thresholds(parseThresholdsFile(builtinJson, 'data/outcome-thresholds.json'));
  return builtin;
}

/** Built-in thresholds with caller overrides applied (throws ThresholdsError with the JSON path on bad input). */
export function thresholdsWith(overrides: unknown): Thresholds {
  if (overrides === undefined || overrides === null || (typeof overrides === 'object' && Object.keys(overrides).length === 0)) {
    return builtinThresholds();
  }
  return new Thresholds(applyOverrides(builtinThresholds().file, overrides));
}
