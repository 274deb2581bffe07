// zod schema of the dictionary data file (data/iapt-dictionary.json) and of user overlay files
// (setting iapt.dictionary.paths). The overlay schema is the same shape with every part optional.
import { z } from 'zod';
import { unsafePatternReason } from './safeRegex';

const version = z.enum(['2.0', '2.1']);
const status = z.enum(['confirmed', 'inferred']);
const sources = z.array(z.string().min(1)).min(1, 'every entry needs at least one source');

export const fieldSchema = z.object({
  name: z.string().min(1),
  ukllc_name: z.string().min(1),
  ukllc_name_status: status,
  label: z.string().min(1),
  type: z.enum(['code', 'date', 'datetime', 'integer', 'decimal', 'string', 'id']),
  codelist: z.string().nullable(),
  range: z.tuple([z.number(), z.number()]).nullable(),
  mandatory: z.boolean().nullable(),
  versions: z.array(version).min(1),
  origin: z.enum(['submitted', 'derived']),
  note: z.string().optional(),
  format_v2_0: z.string().optional(),
  deprecated_in: z.unknown().optional(),
  source: sources,
});

export const tableSchema = z.object({
  id: z.string().regex(/^IDS\d{3}$/, 'table ids look like IDS101'),
  name: z.string().min(1),
  technical_name: z.string().min(1),
  versions: z.array(version).min(1),
  key_fields: z.array(z.string().regex(/^[A-Za-z0-9_]+$/, 'key fields are column names')),
  key_fields_note: z.string().optional(),
  parent: z.string().nullable(),
  ukllc_tables: z.array(z.string()),
  source: sources,
  fields: z.array(fieldSchema),
});

export const codeSchema = z.object({
  code: z.string().min(1),
  meaning: z.string().nullable(),
  versions: z.array(version),
  legacy: z.boolean().optional(),
  /** a grouping entry (e.g. "F32*") matches every code that starts with one of these */
  prefixes: z.array(z.string().min(1)).optional(),
});

export const codelistSchema = z.object({
  label: z.string().min(1),
  system: z.enum(['national', 'snomed', 'icd10', 'icd10-or-snomed', 'derived', 'iso639', 'free-text-group']),
  system_note: z.string().optional(),
  status,
  status_detail: z.string().nullable().optional(),
  notes: z.string().nullable().optional(),
  source: sources,
  codes: z.array(codeSchema),
  /** checked at load: compiles, and cannot backtrack catastrophically (see safeRegex.ts) */
  pattern: z.object({
    regex: z.string().superRefine((source, ctx) => {
      const reason = unsafePatternReason(source);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    }),
    description: z.string(),
  }).optional(),
});

export const assessmentSchema = z.object({
  snomed: z.string().regex(/^\d{6,18}$/, 'a SNOMED CT concept id is 6 to 18 digits'),
  name: z.string().min(1),
  tool: z.string().min(1),
  min: z.number().nullable(),
  max: z.number().nullable(),
  answer_codes: z.record(z.string(), z.string()).optional(),
  derived_fields: z.array(z.string()),
  adsm_label: z.string().optional(),
  adsm_for: z.array(z.string()).optional(),
  status,
  note: z.string().optional(),
  caseness_note: z.string().optional(),
  source: sources,
});

export const ukllcTableSchema = z.object({
  name: z.string().regex(/^IAPT_[a-z_]+$/, 'UK LLC table names look like IAPT_care_activities'),
  nhs_tables: z.array(z.string()),
  source: sources,
});

export const ukllcColumnSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]+$/, 'UK LLC column names are lower case'),
  label: z.string().min(1),
  type: z.enum(['code', 'date', 'datetime', 'integer', 'decimal', 'string', 'id']),
  codelist: z.string().nullable(),
  tables: z.union([z.literal('all'), z.array(z.string())]),
  status,
  aliases: z.array(z.string()),
  note: z.string().optional(),
  source: sources,
});

export const dictionaryFileSchema = z.object({
  schema_version: z.literal(1),
  data_version: z.string(),
  title: z.string(),
  generated_from: z.string().optional(),
  conventions: z.record(z.string(), z.unknown()).optional(),
  data_set_versions: z.record(z.string(), z.string()).optional(),
  data_set_version_sources: z.array(z.string()).optional(),
  tables: z.array(tableSchema),
  ukllc_tables: z.array(ukllcTableSchema),
  ukllc_columns: z.array(ukllcColumnSchema),
  codelists: z.record(z.string(), codelistSchema),
  assessments: z.array(assessmentSchema),
});
export type DictionaryFile = z.infer<typeof dictionaryFileSchema>;

/**
 * A user's overlay file: adds or overrides entries. Tables are matched by id and fields by name
 * (a field given for an existing table replaces the field of that name or is added); code lists by id
 * (codes are merged, an overlay code replaces the built-in one); assessments by SNOMED code.
 */
export const dictionaryOverlaySchema = z
  .object({
    schema_version: z.literal(1),
    title: z.string().optional(),
    tables: z.array(tableSchema.partial({ versions: true, key_fields: true, parent: true, ukllc_tables: true, technical_name: true, name: true }).extend({ fields: z.array(fieldSchema).default([]) })).optional(),
    codelists: z.record(z.string(), codelistSchema.partial({ label: true, system: true, status: true }).extend({ codes: z.array(codeSchema).default([]) })).optional(),
    assessments: z.array(assessmentSchema).optional(),
    ukllc_columns: z.array(ukllcColumnSchema).optional(),
  })
  .strict();
export type DictionaryOverlay = z.infer<typeof dictionaryOverlaySchema>;

/** Formats zod issues as "file: $.path.to[3].field: message" lines. */
export function formatSchemaIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${jsonPath(issue.path)}: ${issue.message}`);
}

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`;
  return out;
}
