// The NHS Talking Therapies outcome rules for one pathway (outcomes-spec.md sections 1, 2 and 5).
import { atCaseness, EPS, type Thresholds } from './thresholds';
import type { MeasureThresholds } from './schema';
import { countTreatmentAppointments, seriesFromFacts } from './series';
import type { ComplaintFact, ExclusionReason, MeasureSeries, PathwayFacts, PathwayOutcome } from './types';

export interface Period {
  /** inclusive YYYY-MM-DD bounds on the discharge date */
  from?: string;
  to?: string;
}

/** Everything the rules need about one pathway, already reduced (first/last per measure, chosen complaint). */
export interface OutcomeInputs {
  pathwayId: string;
  participantId: string;
  referralDate: string;
  dischargeDate: string;
  treatmentAppointments: number;
  /** the pathway's presenting complaint code ('' when none) */
  presentingComplaint: string;
  /** first/last per measure id */
  series: ReadonlyMap<string, MeasureSeries>;
  basis?: PathwayOutcome['basis'];
  notes?: string[];
  /** NHS derived ADSM label (e.g. "SocialPhobia"), used only when there is no presenting complaint */
  adsmLabel?: string;
}

/** One presenting complaint per pathway: coded before blank, primary before secondary, then latest date, then highest id. */
export function choosePresentingComplaint(complaints: readonly ComplaintFact[], thresholds: Thresholds): ComplaintFact | undefined {
  const rank = (c: ComplaintFact) => (c.significance.trim() === thresholds.primarySignificance ? 0
    : c.significance.trim() === thresholds.secondarySignificance ? 1 : 2);
  let best: ComplaintFact | undefined;
  for (const c of complaints) {
    if (!best || compareComplaints(c, best, rank) < 0) best = c;
  }
  return best;
}

function compareIds(a: string, b: string): number {
  const na = Number(a); const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** negative when a comes before b */
function compareComplaints(a: ComplaintFact, b: ComplaintFact, rank: (c: ComplaintFact) => number): number {
  const blank = (c: ComplaintFact) => (c.code.trim() === '' ? 1 : 0);
  if (blank(a) !== blank(b)) return blank(a) - blank(b);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.date !== b.date) return a.date > b.date ? -1 : 1;
  return -compareIds(a.id, b.id);
}

export interface AnxietyChoice {
  measure: MeasureThresholds;
  notes: string[];
}

/**
 * The anxiety measure: the ADSM matched to the presenting complaint when it is paired, else GAD-7 when paired;
 * when neither is paired, the ADSM if it has any score, else GAD-7. An ADSM without caseness/reliable-change
 * values cannot decide outcomes, so GAD-7 is used (with a note).
 */
export function chooseAnxietyMeasure(
  complaint: string, series: ReadonlyMap<string, MeasureSeries>, thresholds: Thresholds, adsmLabel?: string,
): AnxietyChoice {
  const gad = thresholds.anxietyDefault;
  const adsm = complaint ? thresholds.adsmForComplaint(complaint) : adsmLabel ? thresholds.measureForAdsmLabel(adsmLabel) : undefined;
  if (!adsm || adsm.role !== 'adsm') return { measure: gad, notes: [] };
  if (!thresholds.usable(adsm)) {
    return { measure: gad, notes: [`${adsm.id} (paired with ${complaint || adsmLabel}) has no caseness or reliable-change value; ${gad.id} used`] };
  }
  const a = series.get(adsm.id); const g = series.get(gad.id);
  if (a?.paired) return { measure: adsm, notes: [] };
  if (g?.paired) return { measure: gad, notes: a ? [`${adsm.id} not paired; paired ${gad.id} used`] : [] };
  return { measure: a ? adsm : gad, notes: [] };
}

function exclusionFor(inp: OutcomeInputs, thresholds: Thresholds, period?: Period): ExclusionReason | null {
  if (!inp.dischargeDate) return 'no discharge date';
  if ((period?.from && inp.dischargeDate < period.from) || (period?.to && inp.dischargeDate > period.to)) return 'discharge date outside period';
  if (inp.treatmentAppointments < thresholds.minimumTreatmentAppointments) {
    return inp.treatmentAppointments === 0 ? 'no attended treatment appointment' : 'one attended treatment appointment';
  }
  return null;
}

function reliable(m: MeasureThresholds, first: number, last: number): { improved: boolean; deteriorated: boolean } {
  const rc = m.reliableChange as number;
  return { improved: first - last >= rc - EPS, deteriorated: last - first >= rc - EPS };
}

/** Apply the rules to reduced inputs. */
export function decideOutcome(inp: OutcomeInputs, thresholds: Thresholds, period?: Period): PathwayOutcome {
  const dep = thresholds.depression;
  const { measure: anx, notes: choiceNotes } = chooseAnxietyMeasure(inp.presentingComplaint, inp.series, thresholds, inp.adsmLabel);
  const d = inp.series.get(dep.id);
  const a = inp.series.get(anx.id);
  const exclusion = exclusionFor(inp, thresholds, period);
  const out: PathwayOutcome = {
    pathwayId: inp.pathwayId,
    participantId: inp.participantId,
    referralDate: inp.referralDate,
    dischargeDate: inp.dischargeDate,
    treatmentAppointments: inp.treatmentAppointments,
    finishedCourse: exclusion === null,
    exclusion,
    presentingComplaint: inp.presentingComplaint,
    anxietyMeasure: anx.id,
    phq9First: d ? d.first.raw : '',
    phq9Last: d?.paired ? d.last.raw : '',
    anxietyFirst: a ? a.first.raw : '',
    anxietyLast: a?.paired ? a.last.raw : '',
    caseness: null,
    recovery: null,
    reliableImprovement: null,
    reliableDeterioration: null,
    noReliableChange: null,
    reliableRecovery: null,
    basis: inp.basis ?? 'scores',
    notes: [...(inp.notes ?? []), ...choiceNotes],
  };
  if (exclusion !== null) return out;
  if (!thresholds.usable(dep)) {
    out.notes.push(`${dep.id} has no caseness or reliable-change value; flags not computed`);
    return out;
  }
  const caseD = d ? atCaseness(dep, d.first.value) : null;
  const caseA = a ? atCaseness(anx, a.first.value) : null;
  out.caseness = caseD === true || caseA === true ? true : caseD === false && caseA === false ? false : null;
  const paired = Boolean(d?.paired && a?.paired);
  out.recovery = out.caseness === true && paired
    && atCaseness(dep, d!.last.value) === false && atCaseness(anx, a!.last.value) === false;
  if (paired) {
    const rd = reliable(dep, d!.first.value, d!.last.value);
    const ra = reliable(anx, a!.first.value, a!.last.value);
    out.reliableDeterioration = rd.deteriorated || ra.deteriorated;
    out.reliableImprovement = (rd.improved || ra.improved) && !out.reliableDeterioration;
    out.noReliableChange = !out.reliableImprovement && !out.reliableDeterioration;
  } else {
    out.reliableImprovement = false;
    out.reliableDeterioration = false;
    out.noReliableChange = false;
  }
  out.reliableRecovery = out.recovery && out.reliableImprovement;
  return out;
}

/** The per-pathway verdict from full facts (contacts, scores, complaints). */
export function computePathwayOutcome(facts: PathwayFacts, thresholds: Thresholds, period?: Period): PathwayOutcome {
  const complaint = choosePresentingComplaint(facts.complaints, thresholds);
  return decideOutcome({
    pathwayId: facts.pathwayId,
    participantId: facts.participantId,
    referralDate: facts.referralDate,
    dischargeDate: facts.dischargeDate,
    treatmentAppointments: countTreatmentAppointments(facts.contacts, facts.dischargeDate, thresholds),
    presentingComplaint: complaint?.code.trim() ?? '',
    series: seriesFromFacts(facts, thresholds),
  }, thresholds, period);
}
