// The NHS Talking Therapies outcome rules for one pathway (outcomes-spec.md sections 1, 2 and 5).
import { atCaseness, EPS, type Thresholds } from './thresholds';
import type { MeasureThresholds } from './schema';
import { seriesFromFacts } from './explain';
import { compareIds, countTreatmentAppointments } from './series';
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
  /** NHS derived ADSM label (e.g. "SocialPhobia") */
  adsmLabel?: string;
  /**
   * true when the extract has no presenting-complaint table: the ADSM label then stands in for the complaint.
   * Open choice: with the table present, a pathway without a complaint uses GAD-7 (spec 2.1 "missing" → GAD-7) and a
   * differing ADSM label is only noted (the derived-field comparison reports it too).
   */
  noComplaintTable?: boolean;
}

/** PresCompCodSig as a number when written as digits ("01" = "1"), else as written. */
function significance(text: string): string {
  const t = text.trim();
  return /^\d+$/.test(t) ? String(Number(t)) : t;
}

/**
 * One presenting complaint per pathway (spec 2.1, META-M M203): Validated_PresentingComplaint populated first, then
 * coded before blank, then primary before secondary before other (PresCompCodSig, "01" = "1"), then the latest date,
 * then the highest IDS603 id (numeric when both are digits). A total order: row order never matters.
 */
export function choosePresentingComplaint(complaints: readonly ComplaintFact[], thresholds: Thresholds): ComplaintFact | undefined {
  const primary = significance(thresholds.primarySignificance);
  const secondary = significance(thresholds.secondarySignificance);
  const rank = (c: ComplaintFact) => { const s = significance(c.significance); return s === primary ? 0 : s === secondary ? 1 : 2; };
  let best: ComplaintFact | undefined;
  for (const c of complaints) {
    if (!best || compareComplaints(c, best, rank) < 0) best = c;
  }
  return best;
}

/** negative when a comes before b */
function compareComplaints(a: ComplaintFact, b: ComplaintFact, rank: (c: ComplaintFact) => number): number {
  const validated = (c: ComplaintFact) => (c.validated && c.code.trim() !== '' ? 0 : 1);
  if (validated(a) !== validated(b)) return validated(a) - validated(b);
  const blank = (c: ComplaintFact) => (c.code.trim() === '' ? 1 : 0);
  if (blank(a) !== blank(b)) return blank(a) - blank(b);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.date !== b.date) return a.date > b.date ? -1 : 1;
  const id = compareIds(b.id, a.id);
  if (id !== 0) return id;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
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
    return { measure: gad, notes: [`${adsm.id} (the anxiety measure paired with ${complaint || adsmLabel}) has no caseness or reliable-change value in the thresholds; ${gad.id} used`] };
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
  const label = inp.adsmLabel?.trim() ?? '';
  const { measure: anx, notes: choiceNotes } = chooseAnxietyMeasure(inp.presentingComplaint, inp.series, thresholds, inp.noComplaintTable ? label : undefined);
  if (!inp.presentingComplaint && !inp.noComplaintTable && label && thresholds.measureForAdsmLabel(label)) {
    choiceNotes.push(`no presenting complaint: ${anx.id} used (spec 2.1), although the derived ADSM field says ${label}`);
  }
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
    treatmentAppointments: countTreatmentAppointments(facts.contacts, facts.dischargeDate, thresholds, facts.pathwayId),
    presentingComplaint: complaint?.code.trim() ?? '',
    series: seriesFromFacts(facts, thresholds),
    adsmLabel: facts.derived?.ADSM ?? facts.derived?.adsm,
    noComplaintTable: facts.noComplaintTable,
  }, thresholds, period);
}
