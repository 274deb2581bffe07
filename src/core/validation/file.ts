// One file's validation: binds the catalogue rules and the project checks to its columns, then checks each row
// as it streams past (or each record of an editor document). Rows with the wrong number of fields are reported
// once as structure and get no field checks (their values may sit under the wrong column).
import type { CsvProblem, CsvRecord } from '../csv';
import type { Dictionary, FieldEntry } from '../dictionary';
import type { RecognisedTable } from '../tables';
import type { Catalogue } from './catalogue';
import { CrossFileState, type KeySet, type Lookup } from './crossFile';
import { bindRule, parentCheck, type BindContext, type RowCheck, type ValueSource } from './kinds';
import { derivedScoreCheck, duplicateRowCheck, spreadsheetCheck, ukllcRepeatCheck, uncoveredFieldCheck, type ProjectContext } from './project';
import type { CompiledRule, FieldRef, Finding, Severity } from './types';

export interface FileLinks {
  /** a field of another file joined to this row; null when not available (yet) */
  source(ref: FieldRef, header: string[], self: number): ValueSource | null;
  /** the key set of a parent table's link column; null when no file among the inputs is that table */
  parentSet(table: string, key: string): KeySet | null;
  /** UK LLC orphan check: the parent key set for this themed table, with the key column's name */
  ukllcParent(header: string[]): { set: KeySet; key: string } | null;
}

export interface FileValidatorOptions {
  file: string;
  header: string[];
  recognised: RecognisedTable | null;
  dict: Dictionary;
  catalogue: Catalogue;
  /** rules to apply (already filtered by the user's settings) */
  rules: CompiledRule[];
  /** severity of a project check, null when off */
  check(id: string): Severity | null;
  emit(f: Finding): void;
  state: CrossFileState;
  links?: FileLinks;
  /** key sets and lookups this file feeds for other files */
  feeds?: { col: number; set: KeySet }[];
  lookups?: { keyCol: number; valueCol: number; lookup: Lookup }[];
}

/** Columns of a recognised table: `IDS201.AppType` -> column index, for every NHS table the file holds. */
export function columnMap(header: string[], recognised: RecognisedTable | null, dict: Dictionary): { map: Map<string, number>; fields: (FieldEntry | undefined)[] } {
  const map = new Map<string, number>();
  const fields: (FieldEntry | undefined)[] = header.map(() => undefined);
  if (!recognised) return { map, fields };
  const tables = new Set([...recognised.nhsTables, 'UKLLC']);
  for (const c of recognised.columns) {
    if (c.field) fields[c.index] = c.field;
    for (const f of dict.fields(c.header)) {
      if (!tables.has(f.tableId)) continue;
      const id = `${f.tableId}.${f.name}`;
      if (!map.has(id)) map.set(id, c.index);
    }
  }
  return { map, fields };
}

export class FileValidator {
  private readonly checks: RowCheck[] = [];
  /** key sets and lookups for other files: fed from every row, ragged ones too (their keys are usually right) */
  private readonly feeders: RowCheck[] = [];
  private readonly damaged: Uint8Array;
  private readonly width: number;
  rows = 0;
  /** catalogue rules bound to this file */
  readonly boundRules: string[] = [];

  private badText: ((f: Finding) => void) | undefined;
  private readonly textSeverity: Severity | null;
  private readonly file: string;
  private readonly header: string[];

  constructor(o: FileValidatorOptions) {
    this.width = o.header.length;
    this.file = o.file;
    this.header = o.header;
    this.textSeverity = o.check('IAPTX003');
    if (this.textSeverity) this.badText = o.emit;
    this.damaged = new Uint8Array(Math.max(1, o.header.length));
    if (!o.recognised) return;
    const { map, fields } = columnMap(o.header, o.recognised, o.dict);
    const col = (ref: FieldRef) => map.get(`${ref.table}.${ref.name}`) ?? -1;
    const fieldAt = (c: number) => fields[c];
    for (const f of o.feeds ?? []) this.feeders.push((row) => { const v = (row[f.col] ?? '').trim(); if (v !== '') f.set.keys.add(v); });
    for (const l of o.lookups ?? []) {
      this.feeders.push((row, line) => {
        const key = l.keyCol < 0 ? '' : (row[l.keyCol] ?? '').trim();
        const value = (row[l.valueCol] ?? '').trim();
        if (!l.lookup.map.has(key) && (key !== '' || l.keyCol < 0)) l.lookup.map.set(key, { value, line, file: l.lookup.files.indexOf(o.file) });
      });
    }
    const project: ProjectContext = { dict: o.dict, file: o.file, header: o.header, fieldAt, layout: o.recognised.layout, emit: o.emit, damaged: this.damaged, check: o.check };
    const damage = spreadsheetCheck(project);
    if (damage) this.checks.push(damage);
    const ctx: BindContext = {
      dict: o.dict, file: o.file, header: o.header, version: o.recognised.version, col, fieldAt,
      source: (ref) => {
        const c = col(ref);
        if (c >= 0) return { where: 'row', col: c, header: o.header[c] };
        return o.links?.source(ref, o.header, -1) ?? null;
      },
      parentSet: (table, key) => o.links?.parentSet(table, key) ?? null,
      state: o.state, emit: o.emit, damaged: this.damaged,
      catalogueSet: catalogueSetCache(),
      snomedFormats: snomedFormats(o.catalogue),
    };
    const covered = { dates: new Set<number>(), codes: new Set<number>() };
    const skip = new Set(o.recognised.layout === 'ukllc' ? o.catalogue.checks.ukllc.record_level_kinds : []);
    for (const rule of o.rules) {
      if (skip.has(rule.spec.kind)) continue;
      const check = bindRule(rule, ctx);
      if (!check) continue;
      this.checks.push(check);
      this.boundRules.push(rule.id);
      if (rule.spec.kind === 'date') covered.dates.add(col(rule.spec.field));
      if (rule.spec.kind === 'inSet') covered.codes.add(col(rule.spec.field));
    }
    const uncovered = uncoveredFieldCheck(project, o.recognised.version, covered);
    if (uncovered) this.checks.push(uncovered);
    const orphan = o.check('IAPTX030');
    const parent = orphan && o.recognised.layout === 'ukllc' ? o.links?.ukllcParent(o.header) : null;
    if (orphan && parent) {
      const c = o.header.findIndex((h) => h.trim().toLowerCase() === parent.key.toLowerCase());
      const make = (line: number, cc: number, value: string, message: string, related?: Finding['related']): Finding =>
        ({ file: o.file, line, column: cc + 1, field: o.header[cc], value, rule: 'IAPTX030', severity: orphan, message, ...(related ? { related } : {}) });
      this.checks.push(parentCheckFor(ctx, c, parent.set, make));
    }
    for (const make of [duplicateRowCheck, derivedScoreCheck, ukllcRepeatCheck]) {
      const check = make(project);
      if (check) this.checks.push(check);
    }
  }

  /** Invalid UTF-8 decodes to U+FFFD: reported once per file (IAPTX003), at its first row. */
  private checkText(f: string[], line: number): void {
    for (let i = 0; i < f.length; i++) {
      if (f[i].indexOf('\uFFFD') < 0) continue;
      this.badText!({ file: this.file, line, column: i + 1, field: this.header[i] ?? '', value: f[i], rule: 'IAPTX003', severity: this.textSeverity!,
        message: `invalid UTF-8 in this field (shown as \uFFFD); save the file as UTF-8. Further rows with invalid bytes are not reported` });
      this.badText = undefined;
      return;
    }
  }

  /** Checks one record (call in file order). */
  record(r: CsvRecord): void {
    this.rows++;
    const line = r.line;
    const f = r.fields;
    for (let i = 0; i < this.feeders.length; i++) this.feeders[i](f, line);
    if (this.badText) this.checkText(f, line);
    if (f.length !== this.width) return;
    for (let i = 0; i < f.length; i++) {
      const v = f[i];
      if (v.length > 0 && (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32)) f[i] = v.trim();
    }
    const checks = this.checks;
    for (let i = 0; i < checks.length; i++) checks[i](f, line);
    this.damaged.fill(0);
  }
}

function parentCheckFor(ctx: BindContext, c: number, set: KeySet, make: Parameters<typeof parentCheck>[5]): RowCheck {
  return parentCheck(ctx, c, set, 'IAPT_demographics_and_referral', 'each row of a themed table belongs to a pathway or participant of the referral table', make);
}

function catalogueSetCache(): (values: readonly string[]) => Set<string> {
  const cache = new Map<readonly string[], Set<string>>();
  return (values) => {
    let s = cache.get(values);
    if (!s) { s = new Set(values); cache.set(values, s); }
    return s;
  };
}

function snomedFormats(cat: Catalogue): BindContext['snomedFormats'] {
  const f = cat.checks.formats;
  return { icd10: new RegExp(f.icd10.pattern, f.icd10.flags), icd10Codes: f.find_schemes.icd10, snomedCodes: f.find_schemes.snomed };
}

/** The structural finding of a CSV problem (project checks IAPTX001-007), or null when that check is off. */
export function problemFinding(p: CsvProblem, file: string, header: string[], cat: Catalogue, check: (id: string) => Severity | null): Finding | null {
  const def = cat.checks.project_checks.find((c) => c.csv_problems?.includes(p.kind));
  if (!def) return null;
  const severity = check(def.id);
  if (!severity) return null;
  const col = p.field ?? 1;
  return { file, line: p.line, column: col, field: header[col - 1] ?? '', value: '', rule: def.id, severity, message: p.message };
}

export { CrossFileState };
