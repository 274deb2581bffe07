// Builds the project's own dictionary data file (data/iapt-dictionary.json) from the sourced reference
// (../shared/reference/iapt-dictionary.json). Run after the reference changes:
//   node scripts/build-dictionary.mjs [path/to/iapt-dictionary.json]
// The output is committed; the extension and CLI never read ../shared at run time.
// What this adds: a schema/data version, a code system per code list, per-code version validity,
// the UK LLC themed tables as entries, and the project's fixed names for UK LLC columns that the
// sources do not name (marked inferred, with the source that describes the concept).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] ?? resolve(root, '../shared/reference/iapt-dictionary.json');
const ref = JSON.parse(readFileSync(input, 'utf8'));

const asArray = (s) => (s == null ? [] : Array.isArray(s) ? s : [s]);
const CLASSIFICATION_NOTE = 'code system assigned by IAPT Explorer from the code list label and notes';

/** Which code system each list uses (project classification from the lists' labels/notes). */
const SYSTEM = {
  language_code: 'iso639',
  boolean_flag: 'derived',
  presenting_complaint_category: 'derived',
  adsm_derived: 'derived',
  iet_programme_category: 'free-text-group',
  problem_descriptor_icd10: 'icd10-or-snomed',
  long_term_condition_snomed: 'snomed',
  social_personal_circumstance_snomed: 'snomed',
  therapy_type_snomed: 'snomed',
  coded_assessment_tool_type: 'snomed',
};

/** Versions in which a code list's field exists: union over the fields that use it. */
const listVersions = new Map();
for (const t of ref.tables) for (const f of t.fields) {
  if (!f.codelist) continue;
  const set = listVersions.get(f.codelist) ?? new Set();
  for (const v of f.versions) set.add(v);
  listVersions.set(f.codelist, set);
}

const codelists = {};
for (const [id, c] of Object.entries(ref.codelists)) {
  const versions = [...(listVersions.get(id) ?? new Set(['2.0', '2.1']))].sort();
  const v20 = Array.isArray(c.valid_codes_v2_0) ? new Set(c.valid_codes_v2_0.map(String)) : null;
  const general = Array.isArray(c.valid_codes) ? c.valid_codes : Array.isArray(c.valid_codes_inferred) ? c.valid_codes_inferred : [];
  const codes = new Map();
  const add = (code, meaning, vs, extra = {}) => {
    const prev = codes.get(code);
    codes.set(code, { code, meaning: meaning ?? prev?.meaning ?? null, versions: vs, ...extra });
  };
  // With a v2.0 validation list, only its codes are valid (in every version the list's fields exist in:
  // no separate v2.1 list was found, see the reference's conventions). Without one, every listed code is valid.
  const validVersions = (code) => (v20 ? (v20.has(code) ? versions : []) : versions);
  for (const [code, meaning] of Object.entries(c.codes ?? {})) add(code, meaning, validVersions(code));
  for (const code of v20 ?? []) if (!codes.has(code)) add(code, null, versions);
  for (const code of general) if (!codes.has(String(code))) add(String(code), null, versions);
  if (c.legacy_codes_v1_5 && typeof c.legacy_codes_v1_5 === 'object') {
    for (const [code, meaning] of Object.entries(c.legacy_codes_v1_5)) add(code, meaning, [], { legacy: true });
  }
  const entry = {
    label: c.label,
    system: SYSTEM[id] ?? 'national',
    system_note: CLASSIFICATION_NOTE,
    status: /inferred|secondary/i.test(String(c.status ?? '')) ? 'inferred' : 'confirmed',
    status_detail: c.status ?? null,
    notes: c.notes ?? null,
    source: [...asArray(c.source), ...asArray(c.legacy_source)],
    codes: [...codes.values()],
  };
  // Grouping entries such as "F32*" or "F40*/F41*/F42*/F43* (other)" match codes by prefix.
  for (const code of entry.codes) {
    const prefixes = [...code.code.matchAll(/([A-Z]\d{1,3})\*/g)].map((m) => m[1]);
    if (prefixes.length) code.prefixes = prefixes;
  }
  if (id === 'problem_descriptor_icd10') {
    entry.pattern = { regex: '^([A-Z][0-9]{2}[0-9A-Z]{0,4}|[0-9]{6,18})$', description: 'an ICD-10 code (FindSchemeInUse 01) or SNOMED CT concept (04) outside the groups NHS England reports separately: counted as "other recorded problems"' };
  }
  if (id === 'language_code') {
    entry.pattern = { regex: '^([a-z]{2}|q[1-5])$', description: String(c.valid_codes_v2_0) };
  }
  codelists[id] = entry;
}

const tables = ref.tables.map((t) => ({
  id: t.id,
  name: t.name,
  technical_name: t.technical_name,
  versions: t.versions,
  // key fields are plain column names; a bracketed remark ("ServiceRequestId (submitted key)") moves to the note
  key_fields: (t.key_fields ?? []).map((k) => k.replace(/\s*\(.*\)\s*$/, '')),
  ...(keyFieldsNote(t) ? { key_fields_note: keyFieldsNote(t) } : {}),
  parent: t.parent ?? null,
  ukllc_tables: t.ukllc_table ? t.ukllc_table.split(/\s+and\s+/) : [],
  source: asArray(t.source),
  fields: t.fields.map((f) => ({
    name: f.name,
    ukllc_name: f.ukllc_name,
    ukllc_name_status: String(f.ukllc_name_status).startsWith('confirmed') ? 'confirmed' : 'inferred',
    label: f.label,
    type: f.type,
    codelist: f.codelist ?? null,
    range: f.range ?? null,
    mandatory: f.mandatory ?? null,
    versions: f.versions,
    origin: f.origin,
    ...(f.note ? { note: f.note } : {}),
    ...(f.format_v2_0 ? { format_v2_0: f.format_v2_0 } : {}),
    ...(f.deprecated_in ? { deprecated_in: f.deprecated_in } : {}),
    source: asArray(f.source),
  })),
}));

function keyFieldsNote(t) {
  const remarks = (t.key_fields ?? []).filter((k) => /\(.*\)/.test(k));
  const parts = [t.key_fields_note, remarks.length ? `key fields as given by the source: ${remarks.join('; ')}` : null].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

const guidebook = 'https://github.com/UKLLC/Guidebook/blob/d5194fb981336074853df95af8f8cded383e0dcc/ukllc_book/docs/linked_health_data/nhs_england/mental_health_datasets/iapt/understanding_iapt.md';
const multipleRows = 'https://github.com/UKLLC/Guidebook/blob/d5194fb981336074853df95af8f8cded383e0dcc/ukllc_book/docs/linked_health_data/nhs_england/mental_health_datasets/iapt/iapt_multiple_rows.md';
const socSplit = ['religion', 'sexorien', 'smokingstatus', 'asylumstatus', 'alcoholusestatus', 'drugusestatus', 'gamblingstatus', 'other'];

/** UK LLC-only columns: the participant key, the extract period, the split SocPerCircumstance columns. */
const ukllcColumns = [
  { name: 'cohortkey_e', label: 'UK LLC participant key (links a participant across IAPT tables)', type: 'id', codelist: null, tables: 'all', status: 'confirmed', aliases: [], source: [guidebook] },
  { name: 'extract_start_date', label: 'Start of the extract period this row comes from (1 April; first extract 1 Sep 2020)', type: 'date', codelist: null, tables: 'all', status: 'inferred', aliases: ['extractstartdate', 'extract_start', 'extractstart'], note: 'The UK LLC Guidebook describes extract start/end dates but does not publish the column names; IAPT Explorer uses extract_start_date and accepts the aliases.', source: [multipleRows] },
  { name: 'extract_end_date', label: 'End of the extract period this row comes from (the month the extract was taken)', type: 'date', codelist: null, tables: 'all', status: 'inferred', aliases: ['extractenddate', 'extract_end', 'extractend', 'extract_date'], note: 'Column name not published by UK LLC; see extract_start_date.', source: [multipleRows] },
  ...socSplit.map((s) => ({ name: `${s}_socpercircumstance`, label: `Social and personal circumstance (SNOMED CT), UK LLC ${s} split of IDS011 SocPerCircumstance`, type: 'code', codelist: 'social_personal_circumstance_snomed', tables: ['IAPT_demographics_and_referral'], status: 'confirmed', aliases: [], source: [guidebook] })),
  { name: 'menphyshealthcondition', label: 'Mental or physical health condition code (UK LLC merge of IDS602 LongTermCondition and IDS603 PresComp; ICD-10 or SNOMED CT)', type: 'code', codelist: 'problem_descriptor_icd10', tables: ['IAPT_mental_and_physical_health_conditions'], status: 'confirmed', aliases: [], source: [guidebook] },
  { name: 'menphyshealthconddescription_icd10_master', label: 'ICD-10 description of the mental or physical health condition code (UK LLC)', type: 'string', codelist: null, tables: ['IAPT_mental_and_physical_health_conditions'], status: 'confirmed', aliases: [], source: [guidebook] },
];

const ukllcTables = ref.meta.ukllc_tables.names.map((name) => ({
  name,
  nhs_tables: ref.tables.filter((t) => (t.ukllc_table ?? '').split(/\s+and\s+/).includes(name)).map((t) => t.id),
  source: asArray(ref.meta.ukllc_tables.source),
}));

const out = {
  schema_version: 1,
  data_version: '2026.11.0',
  title: ref.meta.title,
  generated_from: 'shared/reference/iapt-dictionary.json by scripts/build-dictionary.mjs',
  conventions: ref.meta.conventions,
  data_set_versions: ref.meta.versions,
  data_set_version_sources: ref.meta.version_sources,
  tables,
  ukllc_tables: ukllcTables,
  ukllc_columns: ukllcColumns,
  codelists,
  assessments: ref.assessments.map((a) => ({
    snomed: a.snomed,
    name: a.name,
    tool: a.tool,
    min: typeof a.min === 'number' ? a.min : null,
    max: typeof a.max === 'number' ? a.max : null,
    ...(a.answer_codes ? { answer_codes: a.answer_codes } : {}),
    derived_fields: a.derived_fields ?? [],
    ...(a.adsm_label ? { adsm_label: a.adsm_label } : {}),
    ...(a.adsm_for ? { adsm_for: asArray(a.adsm_for) } : {}),
    status: /inferred/i.test(String(a.status ?? '')) ? 'inferred' : 'confirmed',
    ...(a.note ? { note: a.note } : {}),
    ...(a.caseness_note ? { caseness_note: a.caseness_note } : {}),
    source: [...asArray(a.source), ...asArray(a.adsm_source), ...asArray(a.caseness_source), ...asArray(a.note_source)],
  })),
};

mkdirSync(resolve(root, 'data'), { recursive: true });
writeFileSync(resolve(root, 'data/iapt-dictionary.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`data/iapt-dictionary.json: ${tables.length} tables, ${tables.reduce((n, t) => n + t.fields.length, 0)} fields, ${Object.keys(codelists).length} code lists, ${out.assessments.length} assessments`);

