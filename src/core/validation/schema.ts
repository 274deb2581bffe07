// zod schemas of the two validation data files: NHS England's catalogue (data/nhs-iapt-v2.0-validation-rules.json,
// copied unchanged) and how this project applies it plus its own checks (data/validation-checks.json).
import { z } from 'zod';

export const catalogueSeverity = z.enum(['REJECT_FILE', 'REJECT_GROUP', 'REJECT_RECORD', 'WARNING']);

export const rawRuleSchema = z.object({
  id: z.string().regex(/^IDS(REJ)?\d{3,5}$/, 'rule ids look like IDS00131 or IDSREJ006'),
  kind: z.string().min(1),
  table: z.string().nullable(),
  fields: z.array(z.string().regex(/^IDS\d{3}\.\w+$/, 'fields look like IDS201.AppType')),
  params: z.array(z.unknown()),
  kwargs: z.record(z.unknown()),
  severity: catalogueSeverity,
  message: z.string().min(1),
});

export const catalogueFileSchema = z.object({
  schema_version: z.literal(1),
  data_version: z.string().min(1),
  title: z.string(),
  source: z.string().min(1),
  source_url: z.string().url(),
  licence: z.string().min(1),
  severity_meaning: z.record(z.string()),
  rules: z.array(rawRuleSchema).min(1),
  rules_without_declarative_definition: z.record(z.object({ severity: catalogueSeverity, message: z.string() })),
});

const fieldRef = z.string().regex(/^IDS\d{3}\.\w+$/);
const condition = z.object({
  field: fieldRef,
  is: z.enum(['blank', 'present', 'in', 'notIn', 'equalsField', 'onOrBeforeField']),
  values: z.array(z.string()).optional(),
  other: fieldRef.optional(),
}).refine((c) => (c.is === 'in' || c.is === 'notIn' ? c.values !== undefined : true), 'in / notIn need values')
  .refine((c) => (c.is === 'equalsField' || c.is === 'onOrBeforeField' ? c.other !== undefined : true), 'equalsField / onOrBeforeField need other');

const sources = z.array(z.string().min(1)).min(1);
const format = z.object({ pattern: z.string().min(1), flags: z.string(), description: z.string(), source: sources });

export const projectCheckSchema = z.object({
  id: z.string().regex(/^IAPTX\d{3}$/, 'project check ids look like IAPTX001'),
  group: z.string().min(1),
  severity: z.enum(['error', 'warning', 'information']),
  title: z.string().min(1),
  description: z.string().min(1),
  csv_problems: z.array(z.string()).optional(),
});

export const checksFileSchema = z.object({
  schema_version: z.literal(1),
  data_version: z.string().min(1),
  title: z.string(),
  conventions: z.record(z.string()),
  link_keys: z.object({ note: z.string(), keys: z.array(z.string().min(1)).min(1), source: sources }),
  comparisons: z.array(z.object({
    rule: z.string().min(1),
    target: fieldRef,
    when: z.array(condition),
    require: condition,
    expected: z.string().min(1),
    note: z.string().optional(),
  })),
  formats: z.object({
    postcode: format,
    icd10: format,
    find_schemes: z.object({ icd10: z.array(z.string()), snomed: z.array(z.string()), source: sources }),
  }),
  left_out: z.object({ by_kind: z.record(z.string().min(1)), by_rule: z.record(z.string().min(1)) }),
  groups: z.record(z.string().min(1)),
  kind_groups: z.record(z.string().min(1)),
  project_checks: z.array(projectCheckSchema).min(1),
  ukllc: z.object({ record_level_kinds: z.array(z.string()), note: z.string(), source: sources }),
});

export type RawRule = z.infer<typeof rawRuleSchema>;
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;
export type ChecksFile = z.infer<typeof checksFileSchema>;
export type Condition = z.infer<typeof condition>;
export type ProjectCheck = z.infer<typeof projectCheckSchema>;
