// data/chart-measures.json: measures the chart sums from item scores (WSAS) and the marker shape per appointment type.
import { z } from 'zod';
import chartJson from '../../../data/chart-measures.json';
import { normaliseAppType } from '../outcomes/thresholds';
import { shapeSchema, type Shape } from './protocol';

const bandSchema = z.object({ min: z.number(), max: z.number(), label: z.string().min(1) });
const summedSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  items: z.array(z.string().regex(/^\d{6,18}$/)).min(1),
  min: z.number(),
  max: z.number(),
  bands: z.array(bandSchema),
  status: z.enum(['confirmed', 'inferred']),
  source: z.array(z.string().min(1)).min(1),
  note: z.string().optional(),
});
export const chartConfigSchema = z.object({
  $comment: z.string().optional(),
  version: z.number().int().positive(),
  summedMeasures: z.array(summedSchema),
  appointmentShapes: z.object({
    codes: z.record(z.string(), shapeSchema),
    otherwise: shapeSchema,
    referralLevel: shapeSchema,
    source: z.array(z.string().min(1)).min(1),
  }),
});
export type ChartConfig = z.infer<typeof chartConfigSchema>;
export type SummedMeasure = z.infer<typeof summedSchema>;

export function parseChartConfig(json: unknown): ChartConfig {
  const parsed = chartConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`data/chart-measures.json is invalid:\n${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

let builtin: ChartConfig | undefined;
export function builtinChartConfig(): ChartConfig {
  builtin ??= parseChartConfig(chartJson);
  return builtin;
}

/** Marker shape of a contact's AppType ('' = a referral-level score with no contact). */
export function shapeFor(config: ChartConfig, appType: string): Shape {
  if (appType === '') return config.appointmentShapes.referralLevel;
  return config.appointmentShapes.codes[normaliseAppType(appType)] ?? config.appointmentShapes.otherwise;
}
