// computeOutcomes: recognised tables in, per-pathway verdicts + NHS-style summary out (streaming, cancellable).
import { builtinDictionary } from '../dictionary';
import { compareDerived, derivedColumnNames, parseFlag, seriesFromDerived, type Disagreement } from './derived';
import { FactsIndex, seriesOf, type PathwayAcc } from './facts';
import { RowIssues, type RowIssueGroup } from './issues';
import { loadTables, tableRole, type LoadHooks, type OutcomeTableInput } from './load';
import { addToCounts, emptyCounts, summarise, type OutcomeCounts, type OutcomeSummary } from './rates';
import { emptyStats, type LoadContext, type LoadStats } from './rows';
import { decideOutcome, type Period } from './rules';
import { builtinThresholds, type Thresholds } from './thresholds';
import type { ExclusionReason, PathwayOutcome } from './types';

export class OutcomeInputError extends Error {}

export interface ComputeOptions {
  thresholds?: Thresholds;
  period?: Period;
  /** UK LLC extract-period de-duplication (default true). false exists only so tests can show what it protects against. */
  dedupeExtracts?: boolean;
}

export interface OutcomeResult {
  /** one verdict per pathway (only pathways discharged within the period, when one is given) */
  pathways: PathwayOutcome[];
  summary: OutcomeSummary;
  counts: OutcomeCounts;
  /** pathways not in the finished-course cohort, by reason (includes those outside the period) */
  exclusions: Partial<Record<ExclusionReason, number>>;
  /** derived-field disagreements (at most MAX_DISAGREEMENTS stored; disagreementCount counts all) */
  disagreements: Disagreement[];
  disagreementCount: number;
  disagreementsByField: Record<string, number>;
  /** problem rows by kind, with examples (skipped, or kept with the problem treated as unknown) */
  issues: RowIssueGroup[];
  /** rows set aside by a rule (superseded extract, score after discharge, not an outcome measure…), by reason */
  setAside: RowIssueGroup[];
  /** what is missing and what that means for the results */
  warnings: string[];
  /** 'scores' = recomputed from session-level scores; 'derived-fields' = from NHS derived first/last scores */
  basis: 'scores' | 'derived-fields';
  tables: { name: string; tableId: string; layout: string; used: boolean }[];
  /** rowsRead = rowsUsed + rowsIgnored (rowsIgnored = skipped problem rows + rows set aside) */
  stats: LoadStats & { pathways: number; contacts: number; rowsIgnored: number };
  thresholdsVersion: string;
  period?: Period;
}

export const MAX_DISAGREEMENTS = 100_000;

function missingTableWarnings(roles: Set<string>, derivedFirstScores: boolean, derivedCounts: boolean): string[] {
  const w: string[] = [];
  if (!roles.has('contacts')) {
    w.push(derivedCounts
      ? 'No care contact table (IDS201 or IAPT_care_activities): attended treatment appointments are taken from the referral table\'s TreatmentCareContact_Count / CompletedTreatment_Flag.'
      : 'No care contact table (IDS201 or IAPT_care_activities): attended treatment appointments cannot be counted, so no pathway can be counted as having finished a course of treatment.');
  }
  if (!roles.has('scores')) {
    w.push(derivedFirstScores
      ? 'No coded scored assessments (IDS606/IDS607 or IAPT_coded_scored_assessments): outcomes are computed from the extract\'s NHS derived first/last scores (PHQ9_FirstScore, GAD_FirstScore, ADSM …), not recomputed from session-level scores.'
      : 'No coded scored assessments (IDS606/IDS607 or IAPT_coded_scored_assessments) and no derived first/last scores: caseness is unknown and no pathway can recover or change reliably.');
  }
  if (!roles.has('complaints')) {
    w.push('No presenting complaints (IDS603 or IAPT_mental_and_physical_health_conditions): the anxiety disorder specific measure cannot be chosen by presenting complaint, so the anxiety measure follows the referral table\'s derived ADSM field where it has one, else GAD-7.');
  }
  return w;
}

export async function computeOutcomes(tables: readonly OutcomeTableInput[], options: ComputeOptions = {}, hooks: LoadHooks = {}): Promise<OutcomeResult> {
  const thresholds = options.thresholds ?? builtinThresholds();
  const used = tables.filter((t) => tableRole(t.tableId));
  const roles = new Set(used.map((t) => tableRole(t.tableId)!));
  if (!roles.has('referral')) {
    throw new OutcomeInputError('No referral table (IDS101 or IAPT_demographics_and_referral) among the files: it gives each pathway its id and discharge date, which every outcome needs. '
      + `Tables found: ${tables.length ? tables.map((t) => `${t.name ?? t.path} (${t.tableId})`).join(', ') : 'none'}.`);
  }
  const warnings: string[] = [];
  const layouts = new Set(used.map((t) => t.layout));
  if (layouts.size > 1) warnings.push('Tables of both layouts (NHS and UK LLC) were given; they are computed together, so pathway ids must not overlap.');
  const byId = new Map<string, string[]>();
  for (const t of used) byId.set(t.tableId, [...(byId.get(t.tableId) ?? []), t.name ?? t.path]);
  for (const [id, names] of byId) {
    if (names.length > 1) warnings.push(`${names.length} files are ${id} (${names.join(', ')}): their rows are combined as one extract (a pathway found in several is read as one). Give one extract at a time if they are different extracts.`);
  }
  if (roles.has('scores') && used.some((t) => t.tableId === 'IDS607') && !used.some((t) => t.tableId === 'IDS202')) {
    warnings.push('IDS607 (care activity scores) without IDS202 (care activity): its scores cannot reach their care contact\'s date and attendance and are skipped as "unknown care activity".');
  }
  const dict = builtinDictionary();
  const index = new FactsIndex();
  const issues = new RowIssues();
  const stats = emptyStats();
  const ctx: LoadContext = {
    index, thresholds, issues, stats,
    derivedNames: derivedColumnNames(thresholds),
    isOtherAssessment: (code) => dict.assessment(code) !== undefined,
    dedupeExtracts: options.dedupeExtracts,
  };
  await loadTables(used, ctx, hooks, warnings);
  hooks.signal?.throwIfAborted();

  const anyDerived = (names: string[]) => index.pathways.some((p) => p.derived && names.some((n) => (p.derived![n] ?? '') !== ''));
  const derivedFirstScores = anyDerived(thresholds.measures.flatMap((m) => (m.derivedFields ? [m.derivedFields.first] : [])));
  const derivedCounts = anyDerived(['TreatmentCareContact_Count', 'CompletedTreatment_Flag']);
  warnings.unshift(...missingTableWarnings(roles, derivedFirstScores, derivedCounts));
  const basis: OutcomeResult['basis'] = !roles.has('scores') && derivedFirstScores ? 'derived-fields' : 'scores';
  if (roles.has('contacts')) index.countTreatmentAppointments();
  else if (derivedCounts) for (const p of index.pathways) p.treatmentAppointments = derivedTreatmentCount(p, thresholds.minimumTreatmentAppointments);

  const counts = emptyCounts();
  const exclusions: OutcomeResult['exclusions'] = {};
  const pathways: PathwayOutcome[] = [];
  const disagreements: Disagreement[] = [];
  const byField: Record<string, number> = {};
  let disagreementCount = 0;
  const period = options.period;
  const hasPeriod = Boolean(period?.from || period?.to);
  for (const p of index.pathways) {
    const badDerived: string[] = [];
    const series = basis === 'derived-fields' && p.derived
      ? seriesFromDerived(p.derived, thresholds, (f, v, problem) => badDerived.push(`${f} "${v}" not used (${problem})`))
      : seriesOf(p);
    const o = decideOutcome({
      pathwayId: p.id, participantId: p.participantId, referralDate: p.referralDate, dischargeDate: p.dischargeDate,
      treatmentAppointments: p.treatmentAppointments, presentingComplaint: p.complaint?.code ?? '', series, basis,
      adsmLabel: p.derived?.ADSM, noComplaintTable: !roles.has('complaints'),
      notes: p.dischargeUnreadable ? [...badDerived, 'ServDischDate unreadable: treated as not discharged'] : badDerived,
    }, thresholds, period);
    if (o.exclusion) exclusions[o.exclusion] = (exclusions[o.exclusion] ?? 0) + 1;
    if (hasPeriod && (o.exclusion === 'no discharge date' || o.exclusion === 'discharge date outside period')) continue;
    pathways.push(o);
    addToCounts(counts, o);
    if (p.derived) {
      for (const d of compareDerived(p.derived, o, series, thresholds, p.place, { contacts: roles.has('contacts') && !p.dischargeUnreadable, complaints: roles.has('complaints') })) {
        disagreementCount++;
        byField[d.field] = (byField[d.field] ?? 0) + 1;
        if (disagreements.length < MAX_DISAGREEMENTS) disagreements.push(d);
      }
    }
  }
  return {
    pathways,
    summary: summarise(counts, disagreementCount),
    counts,
    exclusions,
    disagreements,
    disagreementCount,
    disagreementsByField: byField,
    issues: issues.list(),
    setAside: issues.setAside(),
    warnings: [...warnings, ...unusableMeasureWarnings(pathways)],
    basis,
    tables: tables.map((t) => ({ name: t.name ?? t.path, tableId: t.tableId, layout: t.layout, used: Boolean(tableRole(t.tableId)) })),
    stats: { ...stats, pathways: index.pathwayCount, contacts: index.contactCount, rowsIgnored: issues.ignored },
    thresholdsVersion: thresholds.version,
    period,
  };
}

/** Anxiety measures a presenting complaint asks for but the thresholds cannot rate (e.g. CFQ for G933), named once each. */
function unusableMeasureWarnings(pathways: readonly PathwayOutcome[]): string[] {
  const byMeasure = new Map<string, number>();
  for (const o of pathways) {
    for (const n of o.notes) {
      const m = /^(\S+) \(the anxiety measure paired with/.exec(n);
      if (m) byMeasure.set(m[1], (byMeasure.get(m[1]) ?? 0) + 1);
    }
  }
  return [...byMeasure].map(([m, n]) => `${m}: ${n} pathway(s) have a presenting complaint paired with ${m}, which has no caseness or reliable-change value in data/outcome-thresholds.json; GAD-7 was used for them instead (supply values with the iapt.outcomes.thresholds setting).`);
}

function derivedTreatmentCount(p: PathwayAcc, minimum: number): number {
  const n = Number(p.derived?.TreatmentCareContact_Count ?? '');
  if ((p.derived?.TreatmentCareContact_Count ?? '').trim() !== '' && Number.isInteger(n) && n >= 0) return n;
  return parseFlag(p.derived?.CompletedTreatment_Flag ?? '') === true ? minimum : 0;
}
