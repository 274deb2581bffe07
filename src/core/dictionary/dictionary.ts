// The in-memory dictionary: built once from the validated data file (plus optional user overlays),
// indexed for O(1) lookup by normalised column name, code list id and SNOMED code.
import { patternMatches } from './safeRegex';
import type { DictionaryFile } from './schema';
import type {
  AssessmentEntry, CodeEntry, CodeList, DataSetVersion, Decoded, FieldEntry, TableEntry, UkllcTableEntry,
} from './types';

/** Lower-case, trimmed, BOM and surrounding quotes removed: the key both naming schemes share. */
export function normaliseColumnName(name: string): string {
  let s = name.replace(/^\uFEFF/, '').trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim();
  return s.toLowerCase();
}

/** Pseudo table id used for UK LLC-only columns that appear in every themed table. */
export const UKLLC_ANY_TABLE = 'UKLLC';

export class Dictionary {
  readonly dataVersion: string;
  readonly title: string;
  readonly tables: TableEntry[];
  readonly ukllcTables: UkllcTableEntry[];
  /** UK LLC-only columns (cohortkey_e, extract dates, split circumstances) as fields */
  readonly ukllcColumns: FieldEntry[];
  private readonly byName = new Map<string, FieldEntry[]>();
  private readonly tableById = new Map<string, TableEntry>();
  private readonly ukllcByName = new Map<string, UkllcTableEntry>();
  private readonly lists = new Map<string, CodeList>();
  private readonly bySnomed = new Map<string, AssessmentEntry>();

  constructor(file: DictionaryFile) {
    this.dataVersion = file.data_version;
    this.title = file.title;
    this.tables = file.tables.map((t) => {
      const table: TableEntry = {
        id: t.id, name: t.name, technicalName: t.technical_name, versions: t.versions, keyFields: t.key_fields,
        parent: t.parent, ukllcTables: t.ukllc_tables, source: t.source, fields: [],
      };
      table.fields = t.fields.map((f) => ({
        name: f.name, ukllcName: f.ukllc_name, ukllcNameStatus: f.ukllc_name_status, label: f.label, type: f.type,
        codelist: f.codelist, range: f.range ? { min: f.range[0], max: f.range[1] } : null, mandatory: f.mandatory,
        versions: f.versions, origin: f.origin, tableId: t.id, note: f.note, source: f.source,
      }));
      return table;
    });
    this.ukllcColumns = file.ukllc_columns.map((c) => ({
      name: c.name, ukllcName: c.name, ukllcNameStatus: c.status, label: c.label, type: c.type, codelist: c.codelist,
      range: null, mandatory: null, versions: ['2.0', '2.1'] as DataSetVersion[], origin: 'derived' as const,
      tableId: c.tables === 'all' ? UKLLC_ANY_TABLE : c.tables[0], note: c.note, source: c.source,
    }));
    const ukllcExtras = new Map<string, string[]>();
    for (const c of file.ukllc_columns) {
      const tables = c.tables === 'all' ? file.ukllc_tables.map((t) => t.name) : c.tables;
      for (const t of tables) ukllcExtras.set(t, [...(ukllcExtras.get(t) ?? []), c.name]);
    }
    this.ukllcTables = file.ukllc_tables.map((t) => ({
      name: t.name, nhsTables: t.nhs_tables, extraColumns: ukllcExtras.get(t.name) ?? [], source: t.source,
    }));
    for (const t of this.tables) {
      this.tableById.set(t.id.toLowerCase(), t);
      for (const f of t.fields) {
        this.index(f.name, f);
        if (f.ukllcName.toLowerCase() !== f.name.toLowerCase()) this.index(f.ukllcName, f);
      }
    }
    file.ukllc_columns.forEach((c, i) => {
      for (const n of [c.name, ...c.aliases]) this.index(n, this.ukllcColumns[i]);
    });
    for (const t of this.ukllcTables) this.ukllcByName.set(t.name.toLowerCase(), t);
    for (const [id, c] of Object.entries(file.codelists)) {
      this.lists.set(id, {
        id, label: c.label, system: c.system, status: c.status, notes: c.notes ?? undefined, source: c.source,
        codes: new Map(c.codes.map((code) => [code.code, { ...code } as CodeEntry])),
        pattern: c.pattern ? { regex: new RegExp(c.pattern.regex), description: c.pattern.description } : undefined,
      });
    }
    for (const a of file.assessments) {
      this.bySnomed.set(a.snomed, {
        snomed: a.snomed, name: a.name, tool: a.tool, min: a.min, max: a.max,
        answerCodes: a.answer_codes ? Object.keys(a.answer_codes) : undefined, answerMeanings: a.answer_codes,
        derivedFields: a.derived_fields, adsmLabel: a.adsm_label, adsmFor: a.adsm_for, status: a.status,
        note: a.note, source: a.source,
      });
    }
  }

  private index(name: string, field: FieldEntry): void {
    const key = normaliseColumnName(name);
    const list = this.byName.get(key);
    if (!list) this.byName.set(key, [field]);
    else if (!list.includes(field)) list.push(field);
  }

  table(id: string): TableEntry | undefined {
    return this.tableById.get(id.trim().toLowerCase());
  }

  ukllcTable(name: string): UkllcTableEntry | undefined {
    // accept a versioned name such as nhsd.IAPT_care_activities_v0003
    const bare = name.trim().toLowerCase().replace(/^nhsd\./, '').replace(/_v\d{4}$/, '');
    return this.ukllcByName.get(bare);
  }

  /** Every field whose NHS or UK LLC name (or alias) matches, case-insensitively, in table order. */
  fields(column: string): FieldEntry[] {
    return this.byName.get(normaliseColumnName(column)) ?? [];
  }

  /**
   * The best field for a column. With a table (IDS id or UK LLC table name), a field of that table
   * (or of one of the NHS tables merged into it) wins; otherwise submitted items before derived fields.
   */
  field(column: string, tableId?: string): FieldEntry | undefined {
    const candidates = this.fields(column);
    if (candidates.length <= 1 || !tableId) return pickDefault(candidates);
    const ukllc = this.ukllcTable(tableId);
    const wanted = new Set(ukllc ? [...ukllc.nhsTables, ukllc.name, UKLLC_ANY_TABLE] : [tableId.toUpperCase()]);
    return pickDefault(candidates.filter((f) => wanted.has(f.tableId))) ?? pickDefault(candidates);
  }

  codelist(id: string): CodeList | undefined {
    return this.lists.get(id);
  }

  codelistIds(): string[] {
    return [...this.lists.keys()];
  }

  assessment(snomed: string): AssessmentEntry | undefined {
    return this.bySnomed.get(snomed.trim());
  }

  assessments(): AssessmentEntry[] {
    return [...this.bySnomed.values()];
  }

  /** What a value of a column means: the hover's and `iapt decode`'s answer. Never guesses. */
  decode(column: string, rawValue: string, tableId?: string): Decoded {
    const value = rawValue.trim();
    const field = this.field(column, tableId);
    const base = { column, value, table: field?.tableId ?? null, label: field?.label ?? null };
    if (!field) {
      return { ...base, meaning: null, codelist: null, system: null, versions: [], status: 'unknown-column' };
    }
    const list = field.codelist ? this.codelist(field.codelist) : undefined;
    if (!list) {
      return { ...base, meaning: null, codelist: null, system: null, versions: [], status: 'not-coded' };
    }
    const common = { ...base, codelist: list.id, system: list.system };
    const entry = list.codes.get(value) ?? groupOf(list, value);
    if (entry) {
      const matched = entry.code !== value ? { matched: entry.code } : {};
      // Derived fields carry NHS England's own values (e.g. -1, -3) which submission validation never saw.
      const codeVersions = field.origin === 'derived' && !entry.legacy ? field.versions : entry.versions;
      const versions = field.versions.filter((v) => codeVersions.includes(v));
      if (entry.legacy) {
        return { ...common, meaning: entry.meaning, versions: [], status: 'not-in-codelist', note: 'legacy code from data set v1.5, not valid in v2.0 or v2.1' };
      }
      if (versions.length === 0) {
        return { ...common, meaning: entry.meaning, versions, status: 'not-in-codelist', note: `listed in ${list.id} but not accepted by data set ${field.versions.join('/')} validation` };
      }
      return { ...common, ...matched, meaning: entry.meaning, versions, status: entry.meaning === null ? 'valid-no-meaning' : 'valid' };
    }
    if (list.pattern && patternMatches(list.pattern.regex, value)) {
      return { ...common, meaning: null, versions: field.versions, status: 'valid-no-meaning', note: list.pattern.description };
    }
    return { ...common, meaning: null, versions: [], status: 'not-in-codelist', note: damageNote(value, list) };
  }
}

/**
 * The grouping entry a code belongs to: the longest matching prefix, the first listed on a tie.
 * ICD-10 codes are compared without dots and in upper case (F32.1 → F321), as NHS England cleans them.
 */
function groupOf(list: CodeList, value: string): CodeEntry | undefined {
  const code = value.toUpperCase().replace(/\./g, '');
  if (code !== value && list.codes.has(code)) return list.codes.get(code);
  let best: CodeEntry | undefined;
  let bestLength = 0;
  for (const entry of list.codes.values()) {
    for (const prefix of entry.prefixes ?? []) {
      if (prefix.length > bestLength && code.startsWith(prefix)) { best = entry; bestLength = prefix.length; }
    }
  }
  return best;
}

function pickDefault(fields: FieldEntry[]): FieldEntry | undefined {
  return fields.find((f) => f.origin === 'submitted') ?? fields[0];
}

/** Explains typical spreadsheet damage without guessing the value. */
function damageNote(value: string, list: CodeList): string | undefined {
  if (value === '') return 'empty value';
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(value)) {
    const approx = Number(value);
    const near = [...list.codes.keys()].filter((c) => /^\d+$/.test(c) && Math.abs(Number(c) - approx) / approx < 1e-5);
    return `looks like a spreadsheet's scientific notation (${value} ≈ ${approx}); the exact code is lost` +
      (near.length ? `; codes of that size in ${list.id}: ${near.slice(0, 5).join(', ')}` : '');
  }
  if (/^\d+$/.test(value)) {
    const padded = [...list.codes.keys()].filter((c) => /^0+\d+$/.test(c) && c.replace(/^0+/, '') === value);
    if (padded.length) return `leading zero possibly stripped (spreadsheet damage?): ${padded.join(', ')} is in ${list.id}`;
  }
  const other = [...list.codes.keys()].find((c) => c.toLowerCase() === value.toLowerCase());
  if (other) return `differs only in case from ${other}, which is in ${list.id}`;
  return undefined;
}
