// The NHS catalogue as data: loads both validation data files (zod-checked once) and compiles each catalogue rule
// into one of this project's rule kinds, or lists it as left out with the reason. No per-rule code: the catalogue's
// fields, params and kwargs are read generically per catalogue kind; column comparisons (Python lambdas in the
// catalogue) come translated from data/validation-checks.json.
import catalogueData from '../../../data/nhs-iapt-v2.0-validation-rules.json';
import checksData from '../../../data/validation-checks.json';
import { builtinDictionary } from '../dictionary';
import { formatSchemaIssues } from '../dictionary/schema';
import { catalogueFileSchema, checksFileSchema, type CatalogueFile, type ChecksFile, type Condition, type RawRule } from './schema';
import type { CatalogueSeverity, CompiledRule, ConditionSpec, FieldRef, LeftOutRule, RuleSpec, Severity } from './types';

export interface Catalogue {
  file: CatalogueFile;
  checks: ChecksFile;
  rules: CompiledRule[];
  leftOut: LeftOutRule[];
}

let cached: Catalogue | undefined;

/** The validated, compiled catalogue (built once per process). Throws on invalid data: a build defect caught by tests. */
export function builtinCatalogue(): Catalogue {
  if (cached) return cached;
  const file = catalogueFileSchema.safeParse(catalogueData);
  if (!file.success) throw new Error(formatSchemaIssues('data/nhs-iapt-v2.0-validation-rules.json', file.error).join('\n'));
  const checks = checksFileSchema.safeParse(checksData);
  if (!checks.success) throw new Error(formatSchemaIssues('data/validation-checks.json', checks.error).join('\n'));
  cached = compileCatalogue(file.data, checks.data);
  return cached;
}

export function severityOf(s: CatalogueSeverity): Severity {
  return s === 'WARNING' ? 'warning' : 'error';
}

const ref = (s: string): FieldRef => {
  const [table, name] = s.split('.');
  return { table, name };
};

/** IDS id from a catalogue table name (IDS201CareContact, IDS201) or null (AllTables, OrgIDSubmit). */
function tableIdOf(name: string | null | undefined): string | null {
  const m = name ? /^(IDS\d{3})/.exec(name) : null;
  return m ? m[1] : null;
}

/** Column names quoted in a Python expression: IDS201['CareContDate'] or 'CareContDate'. */
export function namesInExpression(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:IDS\d{3}\[)?["'](\w+)["']\]?/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

function stringParam(rule: RawRule, i: number): string | undefined {
  const p = rule.params[i];
  return typeof p === 'string' ? p : undefined;
}

function numberKw(rule: RawRule, ...names: string[]): number | null {
  for (const n of names) if (typeof rule.kwargs[n] === 'number') return rule.kwargs[n] as number;
  return null;
}

function offsetOf(text: unknown): { years: number; days: number } {
  const s = typeof text === 'string' ? text : '';
  return { years: Number(/years=(\d+)/.exec(s)?.[1] ?? 0), days: Number(/days=(\d+)/.exec(s)?.[1] ?? 0) };
}

/** The rule's one field: from `fields`, else a column name in params / kwargs with the table of the rule. */
function singleField(rule: RawRule): FieldRef | null {
  if (rule.fields.length > 0) return ref(rule.fields[0]);
  const table = tableIdOf(rule.table) ?? tableIdOf(rule.kwargs.table_name as string | undefined);
  const name = stringParam(rule, 0) ?? (rule.kwargs._ as string | undefined) ?? (rule.kwargs.column as string | undefined);
  if (!table || !name) return null;
  const names = namesInExpression(name);
  return { table, name: names[0] ?? name };
}

function conditionOf(c: Condition): ConditionSpec {
  if (c.is === 'in' || c.is === 'notIn') return { field: ref(c.field), is: c.is, values: c.values! };
  if (c.is === 'equalsField' || c.is === 'onOrBeforeField') return { field: ref(c.field), is: c.is, other: ref(c.other!) };
  return { field: ref(c.field), is: c.is };
}

type Compiled = { spec: RuleSpec } | { reason: string };

function compileOne(rule: RawRule, checks: ChecksFile, parentKey: (child: string, parent: string) => string | null): Compiled {
  const byRule = checks.left_out.by_rule[rule.id];
  if (byRule) return { reason: byRule };
  const byKind = checks.left_out.by_kind[rule.kind];
  if (byKind) return { reason: byKind };
  const field = singleField(rule);
  const need = (f: FieldRef | null, make: (f: FieldRef) => RuleSpec): Compiled => (f ? { spec: make(f) } : { reason: 'the catalogue entry names no field' });
  switch (rule.kind) {
    case 'column_not_blank': return need(field, (f) => ({ kind: 'notBlank', field: f }));
    case 'column_not_blank_with_condition': {
      const other = Array.isArray(rule.params[0]) ? String((rule.params[0] as unknown[])[0]) : null;
      return need(field, (f) => (other ? { kind: 'notBothBlank', field: f, other: { table: f.table, name: other } } : { kind: 'notBlank', field: f }));
    }
    case 'column_is_alphanumeric':
    case 'column_is_numeric': {
      const min = numberKw(rule, 'min_len') ?? 0; const max = numberKw(rule, 'max_len') ?? Number.MAX_SAFE_INTEGER;
      return need(field, (f) => ({ kind: 'length', field: f, min, max, digitsOnly: rule.kind === 'column_is_numeric' }));
    }
    case 'column_format':
    case 'column_not_in_format': {
      const named = stringParam(rule, 1);
      if (named === 'POSTCODE_PATTERN') {
        const p = checks.formats.postcode;
        return need(field, (f) => ({ kind: 'pattern', field: f, regex: new RegExp(p.pattern, p.flags), mustMatch: true, description: p.description }));
      }
      const pattern = rule.fields.length > 0 ? stringParam(rule, 0) : stringParam(rule, 1);
      if (!pattern) return { reason: 'the catalogue entry gives no pattern' };
      const mustMatch = rule.kind === 'column_format';
      return need(field, (f) => ({ kind: 'pattern', field: f, regex: new RegExp(pattern), mustMatch, description: `the pattern ${pattern}` }));
    }
    case 'column_value_in_set': {
      const p = rule.params[0];
      return need(field, (f) => ({ kind: 'inSet', field: f, values: Array.isArray(p) ? p.map(String) : null }));
    }
    case 'is_valid_date_column': return need(field, (f) => ({ kind: 'date', field: f }));
    case 'is_valid_time_column': return need(field, (f) => ({ kind: 'time', field: f }));
    case 'is_valid_datetime_column': return need(field, (f) => ({ kind: 'datetime', field: f }));
    case 'iapt_date_on_or_after_date':
    case 'iapt_date_before_or_on_date': {
      if (rule.fields.length < 2) return { reason: 'compares with a value the extract does not carry' };
      return { spec: { kind: 'dateOrder', field: ref(rule.fields[0]), other: ref(rule.fields[1]), op: rule.kind === 'iapt_date_on_or_after_date' ? 'onOrAfter' : 'onOrBefore', offset: offsetOf(rule.kwargs.offset) } };
    }
    case 'date_before_specified_date': {
      const date = stringParam(rule, 0);
      return date ? need(field, (f) => ({ kind: 'dateNotBefore', field: f, date })) : { reason: 'the catalogue entry gives no date' };
    }
    case 'onset_date_is_after_birth_date':
      return { spec: { kind: 'monthNotBefore', field: ref(rule.fields[0]), other: ref(rule.fields[1]) } };
    case 'uniqueness':
    case 'uniqueness_with_condition':
    case 'uniqueness_iapt_carecontact': {
      const table = tableIdOf(rule.table);
      const p0 = rule.params[0];
      const fields = Array.isArray(p0) ? p0.map(String) : typeof p0 === 'string' ? namesInExpression(p0) : [];
      if (!table || fields.length === 0) return { reason: 'the catalogue entry names no key fields' };
      const spec: RuleSpec = { kind: 'unique', table, fields };
      if (rule.kind === 'uniqueness_with_condition') {
        const cond = stringParam(rule, 1) ?? (rule.kwargs.side_condition as string | undefined) ?? '';
        const blank = /isNull/.test(cond) ? namesInExpression(cond)[0] : undefined;
        if (!blank) return { reason: 'the side condition is not a blank test' };
        spec.onlyWhenBlank = blank;
      }
      if (rule.kind === 'uniqueness_iapt_carecontact') {
        const f = stringParam(rule, 1);
        if (!f) return { reason: 'the catalogue entry names no attendance field' };
        const values = [...rule.message.matchAll(/'(\d)'/g)].map((m) => m[1]);
        spec.onlyWhenIn = { field: f, values };
      }
      return { spec };
    }
    case 'referential_integrity': {
      const p = rule.params[0] as { child_table?: string; parent_table?: string } | undefined;
      const child = p?.child_table; const parent = p?.parent_table;
      if (!child || !parent) return { reason: 'the catalogue entry names no tables' };
      const key = parentKey(child, parent);
      return key ? { spec: { kind: 'parent', child, parent, key } } : { reason: `no link key between ${child} and ${parent} in the dictionary` };
    }
    case 'column_comparison': {
      const c = checks.comparisons.find((x) => x.rule === rule.id);
      if (!c) return { reason: 'the comparison is Python code with no translation in data/validation-checks.json' };
      return { spec: { kind: 'compare', target: ref(c.target), when: c.when.map(conditionOf), require: conditionOf(c.require), expected: c.expected } };
    }
    case 'is_valid_snomed_ct': {
      const max = numberKw(rule, 'max_length');
      return need(field, (f) => ({ kind: 'snomed', field: f, maxLength: max }));
    }
    case 'is_valid_find_code':
      return { spec: { kind: 'findCode', scheme: ref(rule.fields[0]), code: ref(rule.fields[1]) } };
    case 'is_valid_assessment_scale_code': return need(field, (f) => ({ kind: 'assessmentCode', field: f }));
    case 'is_valid_assessment_scale_score':
    case 'is_valid_score_format_for_snomed_code': {
      const code = rule.kwargs.code_field; const score = rule.kwargs.score_field;
      if (typeof code !== 'string' || typeof score !== 'string') return { reason: 'the catalogue entry names no code/score fields' };
      return { spec: { kind: rule.kind === 'is_valid_assessment_scale_score' ? 'assessmentScore' : 'scoreFormat', code: ref(code), score: ref(score) } };
    }
    case 'column_value_valid_nhs_number': return need(field, (f) => ({ kind: 'nhsNumber', field: f }));
    default:
      return { reason: `catalogue kind ${rule.kind} has no evaluator in this project` };
  }
}

function tableOfSpec(spec: RuleSpec): string {
  switch (spec.kind) {
    case 'unique': return spec.table;
    case 'parent': return spec.child;
    case 'compare': return spec.target.table;
    case 'findCode': return spec.code.table;
    case 'assessmentScore': case 'scoreFormat': return spec.score.table;
    default: return spec.field.table;
  }
}

/** Link key between two NHS tables: the dictionary's parent link ("IDS101 via ServiceRequestId"), either way. */
export type ParentKeyOf = (child: string, parent: string) => string | null;

export function compileCatalogue(file: CatalogueFile, checks: ChecksFile, parentKey: ParentKeyOf = defaultParentKey): Catalogue {
  const rules: CompiledRule[] = [];
  const leftOut: LeftOutRule[] = [];
  for (const raw of file.rules) {
    const c = compileOne(raw, checks, parentKey);
    const table = tableIdOf(raw.table) ?? tableIdOf(raw.fields[0]) ?? tableIdOf(raw.kwargs.table_name as string) ?? tableIdOf(stringParam(raw, 0)) ?? (raw.table ?? '');
    if ('reason' in c) {
      leftOut.push({ id: raw.id, catalogueKind: raw.kind, severity: raw.severity, table, officialMessage: raw.message, reason: c.reason });
      continue;
    }
    rules.push({
      id: raw.id, catalogueKind: raw.kind, group: checks.kind_groups[raw.kind] ?? 'format', catalogueSeverity: raw.severity,
      severity: severityOf(raw.severity), table: tableOfSpec(c.spec), officialMessage: raw.message, spec: c.spec,
    });
  }
  for (const [id, r] of Object.entries(file.rules_without_declarative_definition)) {
    leftOut.push({ id, catalogueKind: '(none)', severity: r.severity, table: tableIdOf(id.replace(/^IDS(\d{3}).*/, 'IDS$1')) ?? '', officialMessage: r.message, reason: checks.left_out.by_rule[id] ?? 'no declarative definition' });
  }
  return { file, checks, rules, leftOut };
}

function defaultParentKey(child: string, parent: string): string | null {
  const dict = builtinDictionary();
  const via = (from: string, to: string) => {
    const p = dict.table(from)?.parent;
    const m = p ? /^(IDS\d{3}) via (\w+)$/.exec(p) : null;
    return m && m[1] === to ? m[2] : null;
  };
  return via(child, parent) ?? via(parent, child);
}
