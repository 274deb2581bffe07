// Severity bands and caseness thresholds for total-score measures (PHQ-9, GAD-7), read from
// data/severity-bands.json and validated with zod: bands must cover the measure's range without gaps or overlaps.
import { z } from 'zod';
import bandsJson from '../../../data/severity-bands.json';

const status = z.enum(['confirmed', 'inferred']);
const sources = z.array(z.string().min(1)).min(1);

const bandSchema = z.object({
  min: z.number(),
  max: z.number(),
  label: z.string().min(1),
  note: z.string().optional(),
});

const measureSchema = z
  .object({
    name: z.string().min(1),
    snomed: z.array(z.string().regex(/^\d{6,18}$/)).min(1),
    derivedFields: z.array(z.string().min(1)),
    min: z.number(),
    max: z.number(),
    bands: z.array(bandSchema).min(1),
    bandsStatus: status,
    bandsSource: sources,
    caseness: z
      .object({
        threshold: z.number(),
        comparison: z.enum(['>=', '>']),
        status,
        source: sources,
      })
      .nullable(),
  })
  .superRefine((m, ctx) => {
    const bands = [...m.bands].sort((a, b) => a.min - b.min);
    let expected = m.min;
    bands.forEach((b, i) => {
      if (b.min > b.max) ctx.addIssue({ code: 'custom', path: ['bands', i], message: `band ${b.label}: min ${b.min} > max ${b.max}` });
      if (b.min !== expected) ctx.addIssue({ code: 'custom', path: ['bands', i], message: `band ${b.label} starts at ${b.min}, expected ${expected} (gap or overlap)` });
      expected = b.max + 1;
    });
    if (expected - 1 !== m.max) ctx.addIssue({ code: 'custom', path: ['bands'], message: `bands end at ${expected - 1}, measure max is ${m.max}` });
  });

export const severityBandsSchema = z.object({
  $comment: z.string().optional(),
  version: z.number().int().positive(),
  measures: z.array(measureSchema),
});

export type SeverityMeasure = z.infer<typeof measureSchema>;
export type SeverityBand = z.infer<typeof bandSchema>;

export class SeverityBands {
  private readonly bySnomed = new Map<string, SeverityMeasure>();
  private readonly byDerivedField = new Map<string, SeverityMeasure>();

  constructor(readonly measures: readonly SeverityMeasure[]) {
    for (const m of measures) {
      for (const code of m.snomed) this.bySnomed.set(code, m);
      for (const f of m.derivedFields) this.byDerivedField.set(f.toLowerCase(), m);
    }
  }

  /** Measure by its SNOMED CT code (CodedAssToolType value). */
  forTool(snomed: string): SeverityMeasure | undefined {
    return this.bySnomed.get(snomed.trim());
  }

  /** Measure held by a derived field such as PHQ9_FirstScore (case-insensitive). */
  forDerivedField(fieldName: string): SeverityMeasure | undefined {
    return this.byDerivedField.get(fieldName.trim().toLowerCase());
  }
}

/** Band holding an integer or decimal score; undefined when the score is outside every band. */
export function bandFor(measure: SeverityMeasure, score: number): SeverityBand | undefined {
  return measure.bands.find((b) => score >= b.min && score <= b.max);
}

/** Whether a score is at caseness for the measure; undefined when the measure has no caseness threshold. */
export function atCaseness(measure: SeverityMeasure, score: number): boolean | undefined {
  const c = measure.caseness;
  if (!c) return undefined;
  return c.comparison === '>=' ? score >= c.threshold : score > c.threshold;
}

/** Parse and validate severity-band JSON; throws an Error naming the JSON path of the first problems. */
export function parseSeverityBands(json: unknown): SeverityBands {
  const parsed = severityBandsSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`severity-bands.json is invalid:\n${lines.join('\n')}`);
  }
  return new SeverityBands(parsed.data.measures);
}

let builtin: SeverityBands | undefined;
/** The built-in bands from data/severity-bands.json (parsed once). */
export function builtinSeverityBands(): SeverityBands {
  builtin ??= parseSeverityBands(bandsJson);
  return builtin;
}
