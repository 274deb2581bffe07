// zod schema of data/outcome-thresholds.json (thresholds and pairing rules as versioned, sourced data).
import { z } from 'zod';

export const VERIFICATION = ['verified', 'unverified', 'not-found'] as const;
const verification = z.enum(VERIFICATION);
const sources = z.array(z.string().url()).min(1);

export const casenessSchema = z.object({
  comparison: z.enum(['>=', '>']),
  value: z.number().finite(),
});

export const measureSchema = z.object({
  /** short id written in the CSV's anxiety_measure column, e.g. "PHQ-9", "MI" */
  id: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(['depression', 'anxiety-default', 'adsm']),
  /** SNOMED CT codes of CodedAssToolType that carry this measure */
  snomed: z.array(z.string().regex(/^\d+$/)),
  /** value of the NHS derived IDS101 field ADSM for this measure */
  adsmLabel: z.string().nullable(),
  /** NHS derived IDS101 first/last score fields */
  derivedFields: z.object({ first: z.string(), last: z.string() }).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** whole numbers only (false for a mean item score such as MI, where decimals are valid) */
  integer: z.boolean().default(true),
  caseness: casenessSchema.nullable(),
  reliableChange: z.number().positive().nullable(),
  presentingComplaints: z.array(z.object({ match: z.enum(['prefix', 'exact']), code: z.string().min(1) })),
  verification: z.object({ caseness: verification, reliableChange: verification, pairing: verification }),
  note: z.string().optional(),
  source: sources,
});

const codeSet = z.object({
  codes: z.array(z.string().min(1)).min(1),
  status: verification,
  source: sources,
  note: z.string().optional(),
});

export const thresholdsFileSchema = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  description: z.string(),
  conventions: z.record(z.string()),
  appointments: z.object({
    attendedCodes: codeSet,
    treatmentAppTypes: codeSet,
    minimumTreatmentAppointments: z.object({ value: z.number().int().positive(), status: verification, source: sources }),
  }),
  presentingComplaintSignificance: z.object({
    primary: z.string(),
    secondary: z.string(),
    status: verification,
    source: sources,
    note: z.string().optional(),
  }),
  measures: z.array(measureSchema).min(2),
}).superRefine((file, ctx) => {
  const ids = new Set<string>();
  const codes = new Map<string, string>();
  file.measures.forEach((m, i) => {
    if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['measures', i, 'id'], message: `duplicate measure id ${m.id}` });
    ids.add(m.id);
    m.snomed.forEach((c, j) => {
      const other = codes.get(c);
      if (other) ctx.addIssue({ code: 'custom', path: ['measures', i, 'snomed', j], message: `SNOMED ${c} already belongs to ${other}` });
      codes.set(c, m.id);
    });
  });
  for (const role of ['depression', 'anxiety-default'] as const) {
    if (file.measures.filter((m) => m.role === role).length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['measures'], message: `exactly one measure must have role '${role}'` });
    }
  }
});

export type Caseness = z.infer<typeof casenessSchema>;
export type MeasureThresholds = z.infer<typeof measureSchema>;
export type ThresholdsFile = z.infer<typeof thresholdsFileSchema>;

/** Caller overrides (engine options; the extension maps the `iapt.outcomes.thresholds` setting onto this). */
export const thresholdOverridesSchema = z.record(z.object({
  caseness: casenessSchema.nullable().optional(),
  reliableChange: z.number().positive().nullable().optional(),
  snomed: z.array(z.string().regex(/^\d+$/)).optional(),
}).strict());
export type ThresholdOverrides = z.infer<typeof thresholdOverridesSchema>;
