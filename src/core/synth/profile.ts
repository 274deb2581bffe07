// The generator's distributions, read from data/synth-profile.json and validated with zod.
import { z } from 'zod';
import profileJson from '../../../data/synth-profile.json';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const weights = z.record(z.string(), z.number().nonnegative());
const range = z.tuple([z.number(), z.number()]);
const sources = z.array(z.string()).min(1);

export const anxietyMeasureNames = ['GAD-7', 'MI', 'SPIN', 'PDSS', 'OCI', 'PCL-5', 'HAI', 'BIQ', 'PHQ-15', 'IBS-SSS'] as const;
export type AnxietyMeasureName = (typeof anxietyMeasureNames)[number];

const measureSchema = z.object({
  snomed: z.string().regex(/^\d+$/),
  min: z.number(),
  max: z.number(),
  decimals: z.number().int().min(0).max(2),
  caseness: z.number(),
  casenessComparison: z.enum(['>=', '>']),
  reliableChange: z.number().positive(),
  baselineMean: z.number(),
  baselineSd: z.number().positive(),
  thresholdStatus: z.string(),
  baselineStatus: z.string(),
  note: z.string().optional(),
  source: sources,
});
export type MeasureProfile = z.infer<typeof measureSchema>;

const complaintSchema = z.object({
  id: z.string(),
  codes: z.array(z.string()),
  scheme: z.enum(['01', '04']),
  share: z.number().nonnegative(),
  adsm: z.enum(anxietyMeasureNames).nullable(),
  responseShift: z.number(),
  note: z.string().optional(),
});
export type ComplaintProfile = z.infer<typeof complaintSchema>;

export const synthProfileSchema = z.object({
  version: z.number().int(),
  description: z.string(),
  window: z.object({ referralStart: isoDate, referralEnd: isoDate, dataCutoff: isoDate, status: z.string(), note: z.string(), source: sources }),
  ukllcExtracts: z.object({
    firstStart: isoDate,
    endMonths: z.array(z.number().int().min(1).max(12)).min(1),
    /** share of event rows whose earlier extracts of a year hold a value corrected in the latest one (0 = none) */
    revisedShare: z.number().min(0).max(1).default(0),
    status: z.string(),
    note: z.string(),
    source: sources,
  }),
  targets: z.object({
    period: z.string(),
    recovery_rate_pct: z.number(),
    reliable_improvement_rate_pct: z.number(),
    reliable_recovery_rate_pct: z.number(),
    reliable_deterioration_rate_pct: z.number(),
    no_reliable_change_rate_pct: z.number(),
    not_at_caseness_share_pct: z.number(),
    status: z.string(),
    note: z.string(),
    source: sources,
  }),
  measures: z.record(z.enum(anxietyMeasureNames).or(z.literal('PHQ-9')), measureSchema),
  wsas: z.object({
    items: z.array(z.string().regex(/^\d+$/)).length(5),
    min: z.number(), max: z.number(), baselineMean: z.number(), baselineSd: z.number(), recordedShare: z.number(),
    status: z.string(), source: sources,
  }),
  complaints: z.object({ status: z.string(), source: sources, list: z.array(complaintSchema).min(1) }),
  secondaryComplaintShare: z.object({ value: z.number(), status: z.string() }),
  revisedComplaintShare: z.object({ value: z.number(), status: z.string(), note: z.string().optional() }),
  people: z.object({
    referralsPerPersonWeights: z.array(z.number()).min(1).max(4),
    reReferralGapDays: range,
    ageMean: z.number(), ageSd: z.number(), ageMin: z.number(), ageMax: z.number(),
    genderWeights: weights,
    ethnicWeights: weights,
    careClusterShare: z.number(),
    status: z.string(), source: sources,
  }),
  referral: z.object({
    sourceOfReferralWeights: weights,
    routeWeights: z.object({ not_seen: z.number(), assessed_only: z.number(), treated: z.number() }),
    notSeenEndCodes: weights,
    assessedOnlyEndCodes: weights,
    completedEndCodes: weights,
    droppedOutEndCodes: weights,
    daysToAssessment: range,
    daysAssessmentToTreatment: range,
    daysBetweenSessions: range,
    daysLastSessionToDischarge: range,
    lowIntensitySessions: range,
    stepUpShare: z.number(),
    highIntensityOnlyShare: z.number(),
    highIntensitySessions: range,
    dropoutHazardPerSession: z.number(),
    assessmentAndTreatmentShare: z.number(),
    reviewShare: z.number(),
    followUpShare: z.number(),
    ietShare: z.number(),
    ltcShare: z.number(),
    onwardReferralShareOfEndCode13: z.number(),
    pauseShare: z.number(),
    status: z.string(), note: z.string().optional(), source: sources,
  }),
  attendance: z.object({ weights, status: z.string(), source: sources }),
  scoring: z.object({
    completionPerAttendedContact: z.number(),
    firstOnlyShare: z.number(),
    noScoresShare: z.number(),
    referralLevelScreeningShare: z.number(),
    status: z.string(), source: sources,
  }),
  trajectory: z.object({
    severityCorrelation: z.number(),
    responderShare: z.number().min(0).max(1),
    responderMean: z.number(),
    responderSd: z.number(),
    nonResponderMean: z.number(),
    nonResponderSd: z.number(),
    measureResponseSd: z.number(),
    endNoiseSd: z.number(),
    sessionNoiseSd: z.number(),
    progressExponent: z.number(),
    status: z.string(), note: z.string(), source: sources,
  }),
  codes: z.object({
    lowIntensityTherapy: weights,
    highIntensityTherapy: weights,
    consMediumUsed: weights,
    consMechanism: weights,
    v21From: isoDate,
    employmentStatus: weights,
    ietProgramme: weights,
    longTermCondition: weights,
    careCluster: weights,
    peqTreatment: z.array(z.string()),
    peqShare: z.number(),
    status: z.string(), source: sources,
  }),
});
export type SynthProfile = z.infer<typeof synthProfileSchema>;

let cached: SynthProfile | null = null;

/** The built-in profile (validated once). Throws with the zod path when the data file is malformed. */
export function builtinSynthProfile(): SynthProfile {
  if (!cached) cached = parseSynthProfile(profileJson);
  return cached;
}

export function parseSynthProfile(json: unknown): SynthProfile {
  const result = synthProfileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`data/synth-profile.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const profile = result.data;
  if (!profile.measures['PHQ-9'] || !profile.measures['GAD-7']) throw new Error('data/synth-profile.json: measures must include PHQ-9 and GAD-7');
  for (const c of profile.complaints.list) {
    if (c.adsm && !profile.measures[c.adsm]) throw new Error(`data/synth-profile.json: complaint ${c.id} pairs with ${c.adsm}, which has no measure entry`);
  }
  return profile;
}
