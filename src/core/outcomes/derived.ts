// NHS derived IDS101 fields: compare them with the recomputation, or compute from them when no scores exist.
import type { MeasureThresholds } from './schema';
import { parseScore } from './series';
import { EPS, type Thresholds } from './thresholds';
import type { DerivedFields, MeasureSeries, PathwayOutcome, ScorePoint } from './types';

/** Derived flag fields and the recomputed value each is compared with. */
const FLAG_FIELDS: [string, (o: PathwayOutcome) => boolean | null][] = [
  ['Caseness_Flag', (o) => o.caseness === true],
  ['NotCaseness_Flag', (o) => o.caseness === false],
  ['Recovery_Flag', (o) => o.recovery],
  ['ReliableImprovement_Flag', (o) => o.reliableImprovement],
  ['ReliableDeterioration_Flag', (o) => o.reliableDeterioration],
  ['NoChange_Flag', (o) => o.noReliableChange],
];

/** Every derived column the engine reads (NHS technical names; UK LLC uses the same names in lower case). */
export function derivedColumnNames(thresholds: Thresholds): string[] {
  const names = ['CompletedTreatment_Flag', 'TreatmentCareContact_Count', 'ADSM', 'ADSM_FirstScore', 'ADSM_LastScore', ...FLAG_FIELDS.map(([f]) => f)];
  for (const m of thresholds.measures) if (m.derivedFields) names.push(m.derivedFields.first, m.derivedFields.last);
  return names;
}

export function parseFlag(text: string): boolean | null | 'invalid' {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (['true', '1', 'y', 'yes', 't'].includes(t)) return true;
  if (['false', '0', 'n', 'no', 'f'].includes(t)) return false;
  return 'invalid';
}

export interface Disagreement {
  pathwayId: string;
  field: string;
  /** value as written in the extract */
  extract: string;
  /** recomputed value ('' = absent) */
  computed: string;
  file: string;
  line: number;
}

function sameScore(a: string, b: string): boolean {
  if (a.trim() === '' || b.trim() === '') return a.trim() === b.trim();
  const x = Number(a); const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? Math.abs(x - y) < EPS : a.trim() === b.trim();
}

/**
 * Disagreements between the extract's derived fields and the recomputed verdict. Score fields are compared only
 * when the verdict came from session-level scores; flags only for pathways that finished a course.
 */
export function compareDerived(
  derived: DerivedFields, outcome: PathwayOutcome, series: ReadonlyMap<string, MeasureSeries>, thresholds: Thresholds,
  place: { file: string; line: number }, opts: { contacts: boolean; complaints: boolean },
): Disagreement[] {
  const out: Disagreement[] = [];
  const push = (field: string, extract: string, computed: string) =>
    out.push({ pathwayId: outcome.pathwayId, field, extract, computed, file: place.file, line: place.line });
  const has = (f: string) => Object.prototype.hasOwnProperty.call(derived, f);
  const completed = Boolean(outcome.dischargeDate) && outcome.treatmentAppointments >= thresholds.minimumTreatmentAppointments;
  if (opts.contacts) {
    if (has('CompletedTreatment_Flag')) {
      const v = parseFlag(derived.CompletedTreatment_Flag);
      if (v !== null && v !== completed) push('CompletedTreatment_Flag', derived.CompletedTreatment_Flag, String(completed));
    }
    if (has('TreatmentCareContact_Count') && derived.TreatmentCareContact_Count.trim() !== ''
      && Number(derived.TreatmentCareContact_Count) !== outcome.treatmentAppointments) {
      push('TreatmentCareContact_Count', derived.TreatmentCareContact_Count, String(outcome.treatmentAppointments));
    }
  }
  if (outcome.basis === 'scores') {
    for (const m of thresholds.measures) {
      if (!m.derivedFields) continue;
      const s = series.get(m.id);
      const first = s ? s.first.raw : '';
      const last = s?.paired ? s.last.raw : '';
      if (has(m.derivedFields.first) && !sameScore(derived[m.derivedFields.first], first)) push(m.derivedFields.first, derived[m.derivedFields.first], first);
      if (has(m.derivedFields.last) && !sameScore(derived[m.derivedFields.last], last)) push(m.derivedFields.last, derived[m.derivedFields.last], last);
    }
    if (opts.complaints) {
      const adsm = thresholds.adsmForComplaint(outcome.presentingComplaint);
      if (has('ADSM') && derived.ADSM.trim() !== '' && derived.ADSM.trim().toLowerCase() !== (adsm?.adsmLabel ?? '').toLowerCase()) {
        push('ADSM', derived.ADSM, adsm?.adsmLabel ?? '');
      }
    }
  }
  if (outcome.finishedCourse) {
    for (const [field, get] of FLAG_FIELDS) {
      if (!has(field)) continue;
      const v = parseFlag(derived[field]);
      const mine = get(outcome) === true;
      if (v !== null && v !== mine) push(field, derived[field], String(mine));
    }
  }
  return out;
}

/**
 * First/last series from the derived first/last score fields (LastScore present = paired). Per measure, its own
 * fields (e.g. AnxietyInventory_FirstScore) when filled; else the generic ADSM_FirstScore/ADSM_LastScore when the
 * derived ADSM label names that measure (spec 4). Values are read like session-level scores (parseScore).
 */
export function seriesFromDerived(derived: DerivedFields, thresholds: Thresholds, onBad: (field: string, value: string, problem: string) => void): Map<string, MeasureSeries> {
  const out = new Map<string, MeasureSeries>();
  const point = (value: number, raw: string, which: 'first' | 'last'): ScorePoint => ({ value, raw, date: '', time: '', occasion: which, seq: which === 'first' ? 0 : 1 });
  const read = (field: string, m: MeasureThresholds): { value: number; raw: string } | null => {
    const v = (derived[field] ?? '').trim();
    if (v === '') return null;
    const parsed = parseScore(v, m);
    if ('problem' in parsed) { onBad(field, v, parsed.problem); return null; }
    return { value: parsed.value, raw: v };
  };
  const adsmMeasure = thresholds.measureForAdsmLabel(derived.ADSM ?? '');
  for (const m of thresholds.measures) {
    if (!m.derivedFields) continue;
    let fields = m.derivedFields;
    if ((derived[fields.first] ?? '').trim() === '' && adsmMeasure === m) fields = { first: 'ADSM_FirstScore', last: 'ADSM_LastScore' };
    const f = read(fields.first, m);
    if (!f) continue;
    const l = read(fields.last, m);
    out.set(m.id, { first: point(f.value, f.raw, 'first'), last: l ? point(l.value, l.raw, 'last') : point(f.value, f.raw, 'first'), paired: l !== null, count: l ? 2 : 1 });
  }
  return out;
}
