// The rule kinds: each turns one compiled catalogue rule, bound to a file's columns, into a check of one row.
// A rule whose fields are not columns of the file (or whose other table is not among the files) is not bound.
import type { DataSetVersion, Dictionary, FieldEntry } from '../dictionary';
import { rowHash, type CrossFileState, type KeySet, type Lookup } from './crossFile';
import { shown, validCodesText, whatItIs } from './messages';
import type { CompiledRule, ConditionSpec, FieldRef, Finding, RelatedLocation, RuleSpec } from './types';
import { dayNumber, isDateTime, isIsoDate, isPlainNumber, isSnomedId, isTime, isValidNhsNumber, shiftDays } from './values';

/** Checks one row: `f` its fields, `line` its 1-based line. */
export type RowCheck = (f: string[], line: number) => void;

/** Where a value a rule needs comes from: this row, or another file joined on a link key. */
export type ValueSource =
  | { where: 'row'; col: number; header: string }
  | { where: 'lookup'; keyCol: number; lookup: Lookup; header: string; otherCol: number };

export interface BindContext {
  dict: Dictionary;
  file: string;
  header: string[];
  version: DataSetVersion | 'unknown';
  /** column of a field of this file's tables, -1 when absent */
  col(ref: FieldRef): number;
  /** the field entry of a column */
  fieldAt(col: number): FieldEntry | undefined;
  /** a field of this row or of a joined file; null when neither has it */
  source(ref: FieldRef): ValueSource | null;
  /** the parent key set a child's rows are checked against, and whether it is complete when this file is read */
  parentSet(parentTable: string, key: string): KeySet | null;
  state: CrossFileState;
  emit(f: Finding): void;
  /** columns of the current row found damaged by a spreadsheet (their other checks are skipped) */
  damaged: Uint8Array;
  catalogueSet(values: readonly string[]): Set<string>;
  snomedFormats: { icd10: RegExp; icd10Codes: string[]; snomedCodes: string[] };
}

/** The value a source gives for this row ('' when the joined row is missing). */
function valueOf(src: ValueSource, f: string[]): string {
  if (src.where === 'row') return (f[src.col] ?? '').trim();
  return src.lookup.map.get((f[src.keyCol] ?? '').trim())?.value ?? '';
}

/** The value and, for a joined file, where it came from (only built when a finding needs it). */
function get(src: ValueSource, f: string[]): { value: string; related?: RelatedLocation } {
  if (src.where === 'row') return { value: (f[src.col] ?? '').trim() };
  const key = (f[src.keyCol] ?? '').trim();
  const hit = src.lookup.map.get(key);
  if (!hit) return { value: '' };
  return { value: hit.value, related: src.lookup.related(key, src.header, src.otherCol + 1) };
}

/** Binds a rule to a file, or returns null when it cannot be evaluated on it. */
export function bindRule(rule: CompiledRule, ctx: BindContext): RowCheck | null {
  const s = rule.spec;
  const finding = (line: number, col: number, value: string, message: string, related?: RelatedLocation[]): Finding => ({
    file: ctx.file, line, column: col + 1, field: ctx.header[col] ?? '', value, rule: rule.id, severity: rule.severity, message,
    ...(related && related.length ? { related } : {}),
  });
  const cell = (ref: FieldRef, test: (v: string, f: string[]) => string | null): RowCheck | null => {
    const c = ctx.col(ref);
    if (c < 0) return null;
    return (f, line) => {
      if (ctx.damaged[c]) return;
      const v = (f[c] ?? '').trim();
      const msg = test(v, f);
      if (msg !== null) ctx.emit(finding(line, c, v, msg));
    };
  };
  const name = (ref: FieldRef) => { const c = ctx.col(ref); return c >= 0 ? ctx.header[c] : ref.name; };
  switch (s.kind) {
    case 'notBlank':
      return cell(s.field, (v) => (v === '' ? `${name(s.field)} is blank; NHS England requires a value (${rule.catalogueSeverity})` : null));
    case 'notBothBlank': {
      const other = ctx.col(s.other);
      if (other < 0) return null;
      return cell(s.field, (v, f) => (v === '' && (f[other] ?? '').trim() === '' ? `${name(s.field)} and ${ctx.header[other]} are both blank; one of them is expected` : null));
    }
    case 'length':
      return cell(s.field, (v) => {
        if (v === '') return null;
        if (s.digitsOnly && !/^\d+$/.test(v)) return `${name(s.field)} '${shown(v)}' is not a whole number of digits (expected ${s.min}-${s.max} digits)`;
        if (v.length < s.min || v.length > s.max) return `${name(s.field)} '${shown(v)}' has ${v.length} character${v.length === 1 ? '' : 's'}; expected ${s.min === s.max ? s.min : `${s.min} to ${s.max}`}`;
        return null;
      });
    case 'pattern':
      return cell(s.field, (v) => (v === '' || s.regex.test(v) === s.mustMatch ? null
        : s.mustMatch ? `${name(s.field)} '${shown(v)}' does not match ${s.description}` : `${name(s.field)} '${shown(v)}' uses a format NHS England warns about (${s.description}); write it as YYYY-MM`));
    case 'inSet': {
      const c = ctx.col(s.field);
      if (c < 0) return null;
      const field = ctx.fieldAt(c);
      if (ctx.version !== 'unknown' && field && !field.versions.includes(ctx.version)) return null;
      const set = s.values ? ctx.catalogueSet(s.values) : null;
      const hint = validCodesText(ctx.dict, field, ctx.version, s.values);
      const known = new Map<string, string | null>();
      const label = name(s.field);
      return cell(s.field, (v) => {
        if (v === '') return null;
        // v2.0 files: the catalogue's set; v2.1: the dictionary's v2.1 list; unknown version: either.
        const inCatalogue = set ? set.has(v) : false;
        if (inCatalogue && ctx.version !== '2.1') return null;
        const hit = known.get(v);
        if (hit !== undefined) return hit;
        const answer = judge(v, inCatalogue);
        if (known.size < 10_000) known.set(v, answer);
        return answer;
      });
      function judge(v: string, inCatalogue: boolean): string | null {
        const decoded = field?.codelist ? ctx.dict.decode(ctx.header[c], v, field.tableId) : undefined;
        const inDictionary = decoded ? decoded.versions.includes(ctx.version === 'unknown' ? '2.1' : ctx.version) || (ctx.version === 'unknown' && decoded.versions.length > 0) : false;
        const ok = ctx.version === '2.1' ? (decoded ? inDictionary : inCatalogue) : set ? inCatalogue || (ctx.version === 'unknown' && inDictionary) : inDictionary;
        if (ok) return null;
        const note = decoded?.note ? ` (${decoded.note})` : '';
        return `${label} '${shown(v)}' is not a valid ${whatItIs(ctx.dict, field)}${ctx.version === 'unknown' ? '' : ` in v${ctx.version}`}${note}; valid: ${hint}`;
      }
    }
    case 'date':
      return cell(s.field, (v) => (v === '' || isIsoDate(v) ? null : `${name(s.field)} '${shown(v)}' is not a valid date; expected YYYY-MM-DD${/^\d{4}-\d{2}-\d{2}$/.test(v) ? ' (no such day)' : ''}`));
    case 'time':
      return cell(s.field, (v) => (v === '' || isTime(v) ? null : `${name(s.field)} '${shown(v)}' is not a valid time; expected HH:MM:SS`));
    case 'datetime':
      return cell(s.field, (v) => (v === '' || isDateTime(v) ? null : `${name(s.field)} '${shown(v)}' is not a valid date and time; expected YYYY-MM-DDTHH:MM:SS`));
    case 'dateOrder': {
      const other = ctx.source(s.other);
      if (!other) return null;
      const after = s.op === 'onOrAfter';
      const offset = s.offset.years || s.offset.days ? ` + ${[s.offset.years ? `${s.offset.years} year(s)` : '', s.offset.days ? `${s.offset.days} day(s)` : ''].filter(Boolean).join(' ')}` : '';
      const c = ctx.col(s.field);
      if (c < 0) return null;
      return (f, line) => {
        if (ctx.damaged[c]) return;
        const v = (f[c] ?? '').trim();
        const a = dayNumber(v);
        if (a === null) return;
        const b = dayNumber(valueOf(other, f));
        if (b === null) return;
        const bad = after ? a < shiftDays(b, s.offset) : a > shiftDays(b, s.offset);
        if (!bad) return;
        const o = get(other, f);
        const where = other.where === 'row' ? '' : ' (in the linked row)';
        ctx.emit(finding(line, c, v, `${name(s.field)} ${v} is ${after ? 'before' : 'after'} ${other.header} ${o.value}${offset}${where}; expected on or ${after ? 'after' : 'before'} it`, o.related ? [o.related] : undefined));
      };
    }
    case 'dateNotBefore': {
      const limit = dayNumber(s.date);
      return cell(s.field, (v) => { const a = dayNumber(v); return a !== null && limit !== null && a < limit ? `${name(s.field)} ${v} is before ${s.date}` : null; });
    }
    case 'monthNotBefore': {
      const other = ctx.source(s.other);
      const c = ctx.col(s.field);
      if (!other || c < 0) return null;
      return (f, line) => {
        const v = (f[c] ?? '').trim().replace('/', '-');
        if (!/^\d{4}-\d{2}$/.test(v)) return;
        const o = get(other, f);
        if (!isIsoDate(o.value)) return;
        if (v < o.value.slice(0, 7)) ctx.emit(finding(line, c, v, `${name(s.field)} ${v} is before the month of ${other.header} ${o.value}`, o.related ? [o.related] : undefined));
      };
    }
    case 'unique': return bindUnique(rule, s, ctx, finding);
    case 'parent': return bindParent(rule, s, ctx, finding);
    case 'compare': return bindCompare(s, ctx, finding);
    case 'snomed':
      return cell(s.field, (v) => {
        if (v === '') return null;
        const parts = s.maxLength !== null && s.maxLength > 18 ? v.split(/[^0-9]+/).filter(Boolean) : [v];
        if (s.maxLength !== null && v.length > s.maxLength) return `${name(s.field)} '${shown(v)}' is longer than ${s.maxLength} characters`;
        const bad = parts.length === 0 ? v : parts.find((p) => !isSnomedId(p));
        return bad === undefined ? null : `${name(s.field)} '${shown(v)}' is not a valid SNOMED CT identifier (6-18 digits with a valid partition and Verhoeff check digit)`;
      });
    case 'findCode': {
      const sc = ctx.col(s.scheme); const cc = ctx.col(s.code);
      if (sc < 0 || cc < 0) return null;
      const { icd10, icd10Codes, snomedCodes } = ctx.snomedFormats;
      return (f, line) => {
        if (ctx.damaged[cc] || ctx.damaged[sc]) return;
        const scheme = (f[sc] ?? '').trim(); const v = (f[cc] ?? '').trim();
        if (v === '') return;
        if (icd10Codes.includes(scheme) && !icd10.test(v)) ctx.emit(finding(line, cc, v, `${ctx.header[cc]} '${shown(v)}' is not an ICD-10 code, as ${ctx.header[sc]} ${scheme} says it is`));
        if (snomedCodes.includes(scheme) && !isSnomedId(v)) ctx.emit(finding(line, cc, v, `${ctx.header[cc]} '${shown(v)}' is not a SNOMED CT identifier, as ${ctx.header[sc]} ${scheme} says it is`));
      };
    }
    case 'assessmentCode':
      return cell(s.field, (v) => (v === '' || ctx.dict.assessment(v) ? null : `${name(s.field)} '${shown(v)}' is not one of the ${ctx.dict.assessments().length} IAPT coded assessments (e.g. 720433000 PHQ-9, 836521000000107 GAD-7)`));
    case 'assessmentScore':
    case 'scoreFormat': {
      const cc = ctx.col(s.code); const sc = ctx.col(s.score);
      if (cc < 0 || sc < 0) return null;
      return (f, line) => {
        if (ctx.damaged[cc] || ctx.damaged[sc]) return;
        const a = ctx.dict.assessment((f[cc] ?? '').trim());
        const v = (f[sc] ?? '').trim();
        if (!a || v === '') return;
        if (a.answerCodes) {
          if (s.kind === 'scoreFormat' && !a.answerCodes.includes(v)) ctx.emit(finding(line, sc, v, `${ctx.header[sc]} '${shown(v)}' is not an answer of ${a.name}; expected ${a.answerCodes.join(', ')}`));
          return;
        }
        if (a.min === null || a.max === null) return;
        const numeric = isPlainNumber(v);
        if (s.kind === 'scoreFormat' && !numeric) ctx.emit(finding(line, sc, v, `${ctx.header[sc]} '${shown(v)}' is not a number; ${a.name} scores are numbers ${a.min}-${a.max}`));
        if (s.kind === 'assessmentScore' && numeric && (Number(v) < a.min || Number(v) > a.max)) ctx.emit(finding(line, sc, v, `${ctx.header[sc]} ${v} is outside the ${a.name} range ${a.min}-${a.max}`));
      };
    }
    case 'nhsNumber':
      return cell(s.field, (v) => (v === '' || isValidNhsNumber(v) ? null : `${name(s.field)} '${shown(v)}' is not a valid NHS number (10 digits with a modulus 11 check digit)`));
  }
}

type MakeFinding = (line: number, col: number, value: string, message: string, related?: RelatedLocation[]) => Finding;

function bindUnique(rule: CompiledRule, s: Extract<RuleSpec, { kind: 'unique' }>, ctx: BindContext, finding: MakeFinding): RowCheck | null {
  const cols = s.fields.map((n) => ctx.col({ table: s.table, name: n }));
  if (cols.some((c) => c < 0)) return null;
  const blankCol = s.onlyWhenBlank ? ctx.col({ table: s.table, name: s.onlyWhenBlank }) : -1;
  const inCol = s.onlyWhenIn ? ctx.col({ table: s.table, name: s.onlyWhenIn.field }) : -1;
  if ((s.onlyWhenBlank && blankCol < 0) || (s.onlyWhenIn && inCol < 0)) return null;
  // key -> first line, by a 52-bit fingerprint of the key's values (no key strings kept: bounded memory on big
  // files; a false repeat needs two different keys with the same fingerprint, odds below 1 in 2 000 at 2 M keys)
  const seen = new Map<number, number>();
  const names = cols.map((c) => ctx.header[c]).join(' + ');
  const keyFields: string[] = cols.map(() => '');
  return (f, line) => {
    if (blankCol >= 0 && (f[blankCol] ?? '').trim() !== '') return;
    if (inCol >= 0 && !s.onlyWhenIn!.values.includes((f[inCol] ?? '').trim())) return;
    for (let i = 0; i < cols.length; i++) keyFields[i] = (f[cols[i]] ?? '').trim();
    if (cols.length === 1 && keyFields[0] === '') return;
    const key = rowHash(keyFields);
    const first = seen.get(key);
    if (first === undefined) { seen.set(key, line); return; }
    const shownKey = cols.map((c) => (f[c] ?? '').trim()).join(' + ');
    ctx.emit(finding(line, cols[0], (f[cols[0]] ?? '').trim(), `${names} '${shown(shownKey, 80)}' already appears on line ${first}; NHS England expects one ${rule.table} row per ${names}`, [{ file: ctx.file, line: first, column: cols[0] + 1, message: 'first row with this key' }]));
  };
}

function bindParent(rule: CompiledRule, s: Extract<RuleSpec, { kind: 'parent' }>, ctx: BindContext, finding: MakeFinding): RowCheck | null {
  const c = ctx.col({ table: s.child, name: s.key });
  if (c < 0) return null;
  const set = ctx.parentSet(s.parent, s.key);
  if (!set) return null;
  return parentCheck(ctx, c, set, s.parent, `every ${s.child} row needs one (${rule.catalogueSeverity})`, finding);
}

/** Checks a child's link column against a parent key set, now or (parent not yet read) after all files. */
export function parentCheck(ctx: BindContext, c: number, set: KeySet, parentName: string, expectation: string, finding: MakeFinding): RowCheck {
  const header = ctx.header[c];
  const make = (key: string, line: number): Finding => finding(line, c, key,
    `${header} '${shown(key)}' has no row in ${parentName} (${set.files.join(', ')}); ${expectation}`,
    set.files.map((file) => ({ file, line: 1, column: 0, message: `${parentName}: no row with ${header} '${shown(key)}'` })));
  if (set.complete) {
    return (f, line) => {
      const v = (f[c] ?? '').trim();
      if (v !== '' && !set.keys.has(v)) ctx.emit(make(v, line));
    };
  }
  const rows = new Map<string, number[]>();
  ctx.state.deferred.push({ set, rows, finding: make });
  return (f, line) => {
    const v = (f[c] ?? '').trim();
    if (v === '' || set.keys.has(v)) return;
    const lines = rows.get(v);
    if (lines) lines.push(line); else rows.set(v, [line]);
  };
}

const OK = { ok: true } as const;
const NOT_OK = { ok: false } as const;

function bindCompare(s: Extract<RuleSpec, { kind: 'compare' }>, ctx: BindContext, finding: MakeFinding): RowCheck | null {
  const target = ctx.col(s.target);
  if (target < 0) return null;
  type Bound = (f: string[]) => { ok: boolean; related?: RelatedLocation };
  const bind = (c: ConditionSpec): Bound | null => {
    const src = ctx.source(c.field);
    if (!src) return null;
    switch (c.is) {
      case 'blank': return (f) => (valueOf(src, f) === '' ? OK : NOT_OK);
      case 'present': return (f) => (valueOf(src, f) !== '' ? OK : NOT_OK);
      case 'in': return (f) => (c.values.includes(valueOf(src, f)) ? OK : NOT_OK);
      case 'notIn': return (f) => { const v = valueOf(src, f); return v === '' || !c.values.includes(v) ? OK : NOT_OK; };
      case 'equalsField':
      case 'onOrBeforeField': {
        const other = ctx.source(c.other);
        if (!other) return null;
        return (f) => {
          const a = valueOf(src, f);
          if (a === '' || valueOf(other, f) === '') return OK;
          const b = get(other, f);
          if (c.is === 'equalsField') return { ok: a === b.value, related: b.related };
          const x = dayNumber(a); const y = dayNumber(b.value);
          return { ok: x === null || y === null || x <= y, related: b.related };
        };
      }
    }
  };
  const when = s.when.map(bind);
  const require = bind(s.require);
  if (!require || when.some((w) => w === null)) return null;
  return (f, line) => {
    if (ctx.damaged[target]) return;
    for (const w of when) if (!w!(f).ok) return;
    const r = require(f);
    if (r.ok) return;
    const v = (f[target] ?? '').trim();
    ctx.emit(finding(line, target, v, `${ctx.header[target]} ${v === '' ? 'is blank' : `'${shown(v)}'`}: expected ${s.expected}`, r.related ? [r.related] : undefined));
  };
}
