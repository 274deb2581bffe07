// Ground truth per pathway, computed directly from what the generator produced, following
// outcomes-spec.md sections 1-5 (and issue 5's wording of them). Deliberately independent of src/core/outcomes.
import type { MeasureProfile, SynthProfile } from './profile';
import { isoOf } from './dates';
import type { Pathway } from './model';

/** Keys in this exact order: the outcome engine's per-pathway CSV columns. */
export interface PathwayTruth {
  pathway_id: string;
  participant_id: string;
  referral_date: string;
  discharge_date: string | null;
  treatment_appointments: number;
  finished_course: boolean;
  presenting_complaint: string | null;
  anxiety_measure: string | null;
  phq9_first: number | null;
  phq9_last: number | null;
  anxiety_first: number | null;
  anxiety_last: number | null;
  caseness: boolean | null;
  recovery: boolean | null;
  reliable_improvement: boolean | null;
  reliable_deterioration: boolean | null;
  no_reliable_change: boolean | null;
  reliable_recovery: boolean | null;
}

export const TRUTH_KEYS: (keyof PathwayTruth)[] = [
  'pathway_id', 'participant_id', 'referral_date', 'discharge_date', 'treatment_appointments', 'finished_course',
  'presenting_complaint', 'anxiety_measure', 'phq9_first', 'phq9_last', 'anxiety_first', 'anxiety_last', 'caseness',
  'recovery', 'reliable_improvement', 'reliable_deterioration', 'no_reliable_change', 'reliable_recovery',
];

const TREATMENT_APP_TYPES = new Set(['02', '03', '05']);
const ATTENDED = new Set(['5', '6']);

/** ADSM by presenting complaint code (outcomes-spec.md section 2.1). */
export function adsmForComplaint(code: string | null): string | null {
  if (!code) return null;
  if (code.startsWith('F400')) return 'MI';
  if (code.startsWith('F401')) return 'SPIN';
  if (code.startsWith('F410')) return 'PDSS';
  if (code.startsWith('F42')) return 'OCI';
  if (code.startsWith('F431')) return 'PCL-5';
  if (code.startsWith('F452')) return 'HAI';
  if (code === '83482000') return 'BIQ';
  if (code.startsWith('K58')) return 'IBS-SSS';
  if (code === '723916001') return 'PHQ-15';
  return null;
}

export interface ScoreSeries { first: number | null; last: number | null; count: number }

/** The presenting complaint chosen for a pathway: primary before secondary, latest date, highest id. */
export function selectComplaint(p: Pathway): string | null {
  let best: Pathway['complaints'][number] | null = null;
  for (const c of p.complaints) {
    if (!best) { best = c; continue; }
    const rank = (x: typeof c) => [x.significance === '1' ? 1 : 0, x.day];
    const [a1, a2] = rank(c);
    const [b1, b2] = rank(best);
    if (a1 > b1 || (a1 === b1 && (a2 > b2 || (a2 === b2 && c.uniqueId > best.uniqueId)))) best = c;
  }
  return best ? best.code : null;
}

/** First and last score of one tool from attended contacts and referral-level assessments up to `until`. */
export function scoreSeries(p: Pathway, tool: string, until: number | null): ScoreSeries {
  const items: { day: number; minutes: number; value: number }[] = [];
  for (const r of p.referralAssessments) {
    if (r.tool === tool && (until === null || r.day <= until)) items.push({ day: r.day, minutes: r.minutes, value: Number(r.score) });
  }
  for (const c of p.contacts) {
    if (!ATTENDED.has(c.attend) || (until !== null && c.day > until)) continue;
    for (const a of c.activities) for (const s of a.scores) if (s.tool === tool) items.push({ day: c.day, minutes: c.minutes, value: Number(s.score) });
  }
  if (items.length === 0) return { first: null, last: null, count: 0 };
  items.sort((x, y) => x.day - y.day || x.minutes - y.minutes);
  return { first: items[0].value, last: items.length >= 2 ? items[items.length - 1].value : null, count: items.length };
}

export function treatmentAppointments(p: Pathway, until: number | null): number {
  let n = 0;
  for (const c of p.contacts) {
    if (ATTENDED.has(c.attend) && TREATMENT_APP_TYPES.has(c.appType) && (until === null || c.day <= until)) n++;
  }
  return n;
}

function atCaseness(m: MeasureProfile, v: number): boolean {
  return m.casenessComparison === '>' ? v > m.caseness : v >= m.caseness;
}

/** Reliable change on hundredths so that decimal measures (MI) compare exactly. */
function reliablyDown(m: MeasureProfile, first: number, last: number): boolean {
  return Math.round(first * 100) - Math.round(last * 100) >= Math.round(m.reliableChange * 100);
}
function reliablyUp(m: MeasureProfile, first: number, last: number): boolean {
  return Math.round(last * 100) - Math.round(first * 100) >= Math.round(m.reliableChange * 100);
}

export interface TruthDetail { truth: PathwayTruth; adsmLabelMeasure: string | null; gad: ScoreSeries; adsm: ScoreSeries | null }

/**
 * Truth as of day `asOf` (null = the whole pathway); `asOf` lets UK LLC extract rows carry the NHS derived
 * fields as they stood at each extract's end.
 */
export function pathwayTruth(p: Pathway, participantId: string, profile: SynthProfile, asOf: number | null = null): TruthDetail {
  const discharge = p.dischargeDay !== null && (asOf === null || p.dischargeDay <= asOf) ? p.dischargeDay : null;
  const until = discharge ?? asOf;
  const treatments = treatmentAppointments(p, until);
  const finished = discharge !== null && treatments >= 2;
  const complaint = selectComplaint(asOf === null ? p : { ...p, complaints: p.complaints.filter((c) => c.day <= asOf) });
  const phq = profile.measures['PHQ-9']!;
  const gadProfile = profile.measures['GAD-7']!;
  const d = scoreSeries(p, phq.snomed, until);
  const gad = scoreSeries(p, gadProfile.snomed, until);
  const adsmName = adsmForComplaint(complaint);
  const adsmProfile = adsmName ? profile.measures[adsmName as keyof typeof profile.measures] : undefined;
  const adsm = adsmProfile ? scoreSeries(p, adsmProfile.snomed, until) : null;
  // anxiety side: the ADSM when paired, else GAD-7 when paired; when neither is paired the ADSM if it has any score
  let anxietyName = 'GAD-7';
  let a = gad;
  let aProfile = gadProfile;
  if (adsm && adsmProfile && (adsm.last !== null || (gad.last === null && adsm.count > 0))) {
    anxietyName = adsmName!;
    a = adsm;
    aProfile = adsmProfile;
  }
  const truth: PathwayTruth = {
    pathway_id: p.pathwayId,
    participant_id: participantId,
    referral_date: isoOf(p.referralDay),
    discharge_date: discharge === null ? null : isoOf(discharge),
    treatment_appointments: treatments,
    finished_course: finished,
    presenting_complaint: complaint,
    anxiety_measure: anxietyName,
    phq9_first: d.first,
    phq9_last: d.last,
    anxiety_first: a.first,
    anxiety_last: a.last,
    caseness: null,
    recovery: null,
    reliable_improvement: null,
    reliable_deterioration: null,
    no_reliable_change: null,
    reliable_recovery: null,
  };
  if (finished) {
    const caseD = d.first !== null && atCaseness(phq, d.first);
    const caseA = a.first !== null && atCaseness(aProfile, a.first);
    truth.caseness = caseD || caseA ? true : d.first !== null && a.first !== null ? false : null;
    truth.recovery = truth.caseness === true && d.last !== null && a.last !== null && !atCaseness(phq, d.last) && !atCaseness(aProfile, a.last);
    const paired = d.first !== null && d.last !== null && a.first !== null && a.last !== null;
    const up = paired && (reliablyUp(phq, d.first!, d.last!) || reliablyUp(aProfile, a.first!, a.last!));
    const down = paired && (reliablyDown(phq, d.first!, d.last!) || reliablyDown(aProfile, a.first!, a.last!));
    truth.reliable_improvement = paired && down && !up;
    truth.reliable_deterioration = paired && up;
    truth.no_reliable_change = paired && !down && !up;
    truth.reliable_recovery = truth.recovery && truth.reliable_improvement;
  }
  return { truth, adsmLabelMeasure: adsm && adsm.count > 0 ? adsmName : null, gad, adsm };
}
