// Scores and contacts of one pathway: which count, in what order, and first/last per measure. The streaming loader
// and the per-pathway API (computePathwayOutcome, explainPathwayScores) call these same functions.
//
// Rules (open choices marked; spec = outcomes-spec.md):
// - A score is read from its text: plain decimal numerals only (no sign other than '-', no exponent, hex, spaces),
//   integers for integer measures (decimals only where the measure is a mean item score: MI), within the measure's
//   range (data/outcome-thresholds.json `min`/`max`/`integer`). Anything else is 'not numeric' / 'not an integer' /
//   'out of range' and is not used.
// - Eligible (spec 4, working assumption): referral-level (IDS606) scores and scores at attended contacts (any
//   AppType), dated on or before the discharge date. Open choice: scores dated before the referral date are used
//   (NHS England's derivation takes the referral's own records and documents no referral-date cut; they are reported).
// - Total order (issue 13 item 6): date, then time (untimed before timed), then referral level before care-activity
//   level, then contact id, then CareActId / IDS606 row id (numeric when numeric), then value, then the text.
//   First = least, last = greatest: no verdict depends on row order.
// - Exact duplicates (same measure, date, time, level, contact and value) are one score.
// - Paired (spec 4, META-M M199/M201): first and last on different days, whether from IDS606 or IDS607 (open choice:
//   a same-day repeat is a re-entry of one occasion, not a second measurement).
import { latestExtractRows } from './extracts';
import type { Thresholds } from './thresholds';
import type { MeasureThresholds } from './schema';
import type { ContactFact, MeasureSeries, ScorePoint, SourcePlace } from './types';

/** Numeric comparison when both ids are plain non-negative integers, else text order. Negative when a < b. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = a.replace(/^0+(?=\d)/, ''); const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ScoreFormatProblem = 'not numeric' | 'not an integer' | 'out of range';
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** The value of a score as written, or why it cannot be used. The text is taken as is (not trimmed). */
export function parseScore(raw: string, m: Pick<MeasureThresholds, 'min' | 'max' | 'integer'>): { value: number } | { problem: ScoreFormatProblem } {
  if (!PLAIN_DECIMAL.test(raw)) return { problem: 'not numeric' };
  if (m.integer !== false && raw.includes('.')) return { problem: 'not an integer' };
  const value = Number(raw);
  if ((m.min !== null && value < m.min) || (m.max !== null && value > m.max)) return { problem: 'out of range' };
  return { value };
}

/** The total order of scores. Negative when a comes before b. */
export function compareScorePoints(a: ScorePoint, b: ScorePoint): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.time !== b.time) return a.time < b.time ? -1 : 1; // '' (no time) sorts first
  const la = a.level ?? 0; const lb = b.level ?? 0;
  if (la !== lb) return la - lb;
  const t = compareTies(a.tie ?? '', b.tie ?? '');
  if (t !== 0) return t;
  if (a.value !== b.value) return a.value - b.value;
  return a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0;
}

/** compares "\0"-separated id lists part by part with compareIds (no allocation when the lists are equal) */
function compareTies(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0; let j = 0;
  for (;;) {
    const ei = a.indexOf('\u0000', i); const ej = b.indexOf('\u0000', j);
    const c = compareIds(a.slice(i, ei < 0 ? a.length : ei), b.slice(j, ej < 0 ? b.length : ej));
    if (c !== 0 || (ei < 0 && ej < 0)) return c;
    if (ei < 0) return -1;
    if (ej < 0) return 1;
    i = ei + 1; j = ej + 1;
  }
}

/** Same score event twice (ties and values equal; the row id may differ). */
export function sameScore(a: ScorePoint, b: ScorePoint): boolean {
  return a.date === b.date && a.time === b.time && (a.level ?? 0) === (b.level ?? 0)
    && (a.tie ?? '').split('\u0000')[0] === (b.tie ?? '').split('\u0000')[0] && a.value === b.value;
}

/** Adds one eligible score to a measure's series: first = least, last = greatest in the total order. */
export function addToSeries(series: MeasureSeries | undefined, p: ScorePoint): MeasureSeries {
  if (!series) return { first: p, last: p, paired: false, count: 1 };
  series.count++;
  if (compareScorePoints(p, series.first) < 0) series.first = p;
  if (compareScorePoints(p, series.last) > 0) series.last = p;
  series.paired = series.first.date !== series.last.date;
  return series;
}

/** Why an otherwise well-formed score does not count towards first/last. */
export type ScoreSkip = 'contact not attended' | 'after discharge' | 'unknown contact' | 'no date';

/**
 * Decide whether a score counts (attended contact or referral level, on or before the discharge date) and where it
 * sits in the total order. Returns the ScorePoint or the reason it does not count.
 */
export function scorePoint(
  score: { value: number; raw: string; date?: string; time?: string; contactId?: string; rowId?: string; place?: SourcePlace },
  contact: Pick<ContactFact, 'date' | 'time' | 'attend'> | undefined,
  dischargeDate: string,
  thresholds: Thresholds,
  seq: number,
): ScorePoint | ScoreSkip {
  let date: string; let time: string; let level: 0 | 1; let tie: string;
  if (score.contactId !== undefined && score.contactId !== '') {
    if (!contact) return 'unknown contact';
    if (!thresholds.isAttended(contact.attend)) return 'contact not attended';
    date = contact.date || score.date || '';
    time = contact.time || score.time || '';
    level = 1;
    tie = `${score.contactId}\u0000${score.rowId ?? ''}`;
  } else {
    date = score.date ?? '';
    time = score.time ?? '';
    level = 0;
    tie = `\u0000${score.rowId ?? ''}`;
  }
  if (!date) return 'no date';
  if (dischargeDate && date > dischargeDate) return 'after discharge';
  return { value: score.value, raw: score.raw, date, time, occasion: date, seq, level, tie, place: score.place };
}

/**
 * Conflicting rows of one contact (same pathway and CareContactId, different attendance, type or date): open choice,
 * resolved without regard to row order. Attended before not attended (a later record of attendance corrects a
 * placeholder), then treatment AppType before other, then the earliest date and time, then the codes as written.
 * Negative when a is preferred.
 */
export function preferContact(a: Pick<ContactFact, 'date' | 'time' | 'appType' | 'attend'>, b: Pick<ContactFact, 'date' | 'time' | 'appType' | 'attend'>, thresholds: Thresholds): number {
  const att = Number(thresholds.isAttended(b.attend)) - Number(thresholds.isAttended(a.attend));
  if (att) return att;
  const tr = Number(thresholds.isTreatmentAppType(b.appType)) - Number(thresholds.isTreatmentAppType(a.appType));
  if (tr) return tr;
  const da = a.date || '9999'; const db = b.date || '9999';
  if (da !== db) return da < db ? -1 : 1;
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  if (a.appType !== b.appType) return a.appType < b.appType ? -1 : 1;
  return a.attend < b.attend ? -1 : a.attend > b.attend ? 1 : 0;
}

/** Do two rows of one contact disagree on anything the engine uses? */
export function contactsConflict(a: Pick<ContactFact, 'date' | 'time' | 'appType' | 'attend'>, b: Pick<ContactFact, 'date' | 'time' | 'appType' | 'attend'>, thresholds: Thresholds): boolean {
  return a.date !== b.date || a.time !== b.time || thresholds.isAttended(a.attend) !== thresholds.isAttended(b.attend)
    || thresholds.isTreatmentAppType(a.appType) !== thresholds.isTreatmentAppType(b.appType);
}

/** One row per CareContactId (UK LLC superseded extract rows dropped first; conflicts resolved by preferContact). */
export function mergedContacts(contacts: readonly ContactFact[], pathwayId: string, thresholds: Thresholds): Map<string, ContactFact> {
  const decisions = latestExtractRows(contacts, (c) => ({ pathwayId, extractStart: c.extractStart, extractEnd: c.extractEnd }));
  const out = new Map<string, ContactFact>();
  contacts.forEach((c, i) => {
    if (!decisions[i].kept) return;
    const prev = out.get(c.id);
    if (!prev || preferContact(c, prev, thresholds) < 0) out.set(c.id, c);
  });
  return out;
}

/** Attended treatment appointments (distinct contacts, AppType 02/03/05, dated, on or before the discharge date). */
export function countTreatmentAppointments(contacts: readonly ContactFact[], dischargeDate: string, thresholds: Thresholds, pathwayId = ''): number {
  let n = 0;
  for (const c of mergedContacts(contacts, pathwayId, thresholds).values()) if (isTreatmentAppointment(c, dischargeDate, thresholds)) n++;
  return n;
}

/**
 * Open choice: contacts dated before the referral date count (NHS England's TreatmentCareContact_Count counts the
 * referral's contacts; no referral-date cut is documented); the loader reports them. A contact whose date is
 * unknown (empty or unreadable) cannot be placed before the discharge and does not count.
 */
export function isTreatmentAppointment(c: Pick<ContactFact, 'date' | 'appType' | 'attend'>, dischargeDate: string, thresholds: Thresholds): boolean {
  return c.date !== '' && thresholds.isAttended(c.attend) && thresholds.isTreatmentAppType(c.appType) && !(dischargeDate && c.date > dischargeDate);
}
