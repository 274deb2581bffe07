// The score chart's data and the messages between the extension and its webview, as zod schemas: both sides
// validate what they receive. Pure TypeScript with zod only (bundled into the browser script too).
import { z } from 'zod';

export const SHAPES = ['circle', 'square', 'diamond', 'triangle', 'cross', 'star', 'hexagon'] as const;
export const shapeSchema = z.enum(SHAPES);
export type Shape = z.infer<typeof shapeSchema>;

/** Why the engine did not use a score ("" never appears: used points have reason null). */
export const pointSchema = z.object({
  /** 1-based position of the scoring occasion among the pathway's dated occasions (null: no date) */
  session: z.number().int().positive().nullable(),
  /** YYYY-MM-DD, '' when the score has no date */
  date: z.string(),
  time: z.string(),
  /** AppType as written, '' for referral-level scores (IDS606) */
  appType: z.string(),
  appTypeLabel: z.string(),
  /** AttendOrDNACode as written, '' for referral-level scores */
  attend: z.string(),
  attendLabel: z.string(),
  shape: shapeSchema,
  /** the score as written */
  raw: z.string(),
  /** the score as a number, null when not numeric */
  value: z.number().nullable(),
  /** severity band of the score, null when the measure has none or the value is outside every band */
  band: z.string().nullable(),
  /** true when the engine counted this score towards first/last */
  used: z.boolean(),
  /** the engine's first / last score of this measure (both for a single unpaired score) */
  first: z.boolean(),
  last: z.boolean(),
  /** why the engine did not use it (null when used) */
  reason: z.string().nullable(),
  /** true when the value is outside the measure's range (drawn flagged) */
  outOfRange: z.boolean(),
  contactId: z.string(),
  file: z.string(),
  line: z.number().int().nonnegative(),
});
export type ChartPoint = z.infer<typeof pointSchema>;

export const measureSchema = z.object({
  id: z.string(),
  name: z.string(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  caseness: z.object({ comparison: z.enum(['>=', '>']), value: z.number() }).nullable(),
  reliableChange: z.number().nullable(),
  /** true for PHQ-9 and the anxiety measure the engine chose for this pathway */
  verdictMeasure: z.boolean(),
  /** 'outcome' = one of the engine's measures; 'context' = drawn for context only (WSAS) */
  kind: z.enum(['outcome', 'context']),
  /** first and last scores paired (two different occasions) */
  paired: z.boolean(),
  /** the reliable-change band around the engine's first score, null without a first score or a reliable-change value */
  changeBand: z.object({ low: z.number(), high: z.number(), around: z.number() }).nullable(),
  points: z.array(pointSchema),
  notes: z.array(z.string()),
});
export type ChartMeasure = z.infer<typeof measureSchema>;

export const verdictSchema = z.object({
  finishedCourse: z.boolean(),
  exclusion: z.string().nullable(),
  treatmentAppointments: z.number(),
  presentingComplaint: z.string(),
  anxietyMeasure: z.string(),
  caseness: z.boolean().nullable(),
  recovery: z.boolean().nullable(),
  reliableImprovement: z.boolean().nullable(),
  reliableDeterioration: z.boolean().nullable(),
  noReliableChange: z.boolean().nullable(),
  reliableRecovery: z.boolean().nullable(),
  notes: z.array(z.string()),
});
export type ChartVerdict = z.infer<typeof verdictSchema>;

export const pathwaySchema = z.object({
  pathwayId: z.string(),
  participantId: z.string().nullable(),
  layout: z.enum(['nhs', 'ukllc']),
  referralDate: z.string(),
  dischargeDate: z.string(),
  verdict: verdictSchema,
  measures: z.array(measureSchema),
  /** rows the chart could not place (skipped by the engine for reasons other than scores), with file:line */
  notes: z.array(z.string()),
});
export type ChartPathway = z.infer<typeof pathwaySchema>;

export const selectionSchema = z.object({
  kind: z.enum(['participant', 'pathway']),
  id: z.string().min(1).max(500),
  /** the extract's folder, when the ID was chosen in one extract (the same ID in two extracts is two things) */
  folder: z.string().max(4096).optional(),
});
export type ChartSelection = z.infer<typeof selectionSchema>;

export const chartDataSchema = z.object({
  selection: selectionSchema,
  title: z.string(),
  participantId: z.string().nullable(),
  /** in referral-date order */
  pathways: z.array(pathwaySchema),
  /** shown instead of a chart when there is nothing to draw */
  empty: z.string().nullable(),
});
export type ChartData = z.infer<typeof chartDataSchema>;

export const viewStateSchema = z.object({
  selection: selectionSchema.optional(),
  x: z.enum(['date', 'session']).default('date'),
  view: z.enum(['chart', 'table']).default('chart'),
});
export type ChartViewState = z.infer<typeof viewStateSchema>;

/** extension → webview */
export const toWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), data: chartDataSchema }),
  z.object({ type: z.literal('loading'), selection: selectionSchema, message: z.string() }),
  z.object({ type: z.literal('error'), message: z.string() }),
  z.object({ type: z.literal('saved'), message: z.string() }),
  /** export what is on screen (the webview answers with an 'export' message) */
  z.object({ type: z.literal('export'), format: z.enum(['png', 'svg']) }),
  /** test and automation hook: the webview answers with a 'dom' message describing what it rendered */
  z.object({ type: z.literal('describe'), requestId: z.number().int() }),
]);
export type ToWebview = z.infer<typeof toWebviewSchema>;

export const domPointSchema = z.object({
  pathway: z.string(), measure: z.string(), raw: z.string(), date: z.string(),
  used: z.boolean(), first: z.boolean(), last: z.boolean(), reason: z.string(),
});

/** webview → extension */
export const fromWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('export'), format: z.enum(['png', 'svg']), /** SVG text, or PNG as base64 */ content: z.string().max(50_000_000) }),
  z.object({ type: z.literal('copyCsv') }),
  z.object({ type: z.literal('reveal'), file: z.string(), line: z.number().int().positive() }),
  z.object({
    type: z.literal('dom'),
    requestId: z.number().int(),
    view: z.enum(['chart', 'table']),
    x: z.enum(['date', 'session']),
    points: z.array(domPointSchema),
    text: z.string(),
    /** each script element of the page: its src, or the start of its text */
    scripts: z.array(z.string()),
    /** the page's Content-Security-Policy as delivered */
    csp: z.string(),
    /** elements a value parsed as HTML would have created */
    images: z.number().int(),
  }),
]);
export type FromWebview = z.infer<typeof fromWebviewSchema>;
export type DomPoint = z.infer<typeof domPointSchema>;
