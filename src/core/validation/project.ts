// The project's own row checks (ids IAPTX…, described in data/validation-checks.json): spreadsheet damage with
// quick fixes only where the intended value is certain, exact duplicate rows, derived scores out of range and UK LLC
// rows repeated across extract periods. Duplicates are found by a 52-bit row fingerprint (no rows kept).
import type { DataSetVersion, Dictionary, FieldEntry } from '../dictionary';
import { excelScientific } from '../synth/defects';
import { rowHash } from './crossFile';
import type { RowCheck } from './kinds';
import { shown, validCodesText, whatItIs } from './messages';
import type { Finding, Severity } from './types';
import { isIsoDate, isPlainNumber } from './values';

export interface ProjectContext {
  dict: Dictionary;
  file: string;
  header: string[];
  fieldAt(col: number): FieldEntry | undefined;
  layout: 'nhs' | 'ukllc' | null;
  emit(f: Finding): void;
  damaged: Uint8Array;
  /** severity of a project check (data), or null when the check is turned off */
  check(id: string): Severity | null;
}

const SCIENTIFIC = /^\d(\.\d+)?E\+\d{1,2}$/i;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;

/** Spreadsheet damage of codes, long numbers and dates: IAPTX010/011/012. Runs first on each row. */
export function spreadsheetCheck(ctx: ProjectContext): RowCheck | null {
  const codeCols: { col: number; padded: Map<string, string[]> }[] = [];
  const longCols: { col: number; candidates: string[] }[] = [];
  const dateCols: number[] = [];
  for (let c = 0; c < ctx.header.length; c++) {
    const field = ctx.fieldAt(c);
    if (!field) continue;
    const list = field.codelist ? ctx.dict.codelist(field.codelist) : undefined;
    if (list) {
      const padded = new Map<string, string[]>();
      for (const code of list.codes.keys()) {
        if (!/^0+\d+$/.test(code)) continue;
        const bare = code.replace(/^0+/, '');
        padded.set(bare, [...(padded.get(bare) ?? []), code]);
      }
      if (padded.size > 0) codeCols.push({ col: c, padded });
    }
    if (field.type === 'code' || field.type === 'id' || field.type === 'string') {
      const candidates = field.name === 'CodedAssToolType' ? ctx.dict.assessments().map((a) => a.snomed)
        : list ? [...list.codes.keys()].filter((k) => /^\d{6,}$/.test(k)) : [];
      longCols.push({ col: c, candidates });
    }
    if (field.type === 'date') dateCols.push(c);
  }
  const lead = ctx.check('IAPTX010'); const sci = ctx.check('IAPTX011'); const date = ctx.check('IAPTX012');
  const emit = (line: number, col: number, value: string, rule: string, severity: Severity, message: string, fix?: string) => {
    ctx.damaged[col] = 1;
    ctx.emit({ file: ctx.file, line, column: col + 1, field: ctx.header[col], value, rule, severity, message, ...(fix !== undefined ? { fix: { value: fix, title: `Replace '${value}' with '${fix}'` } } : {}) });
  };
  return (f, line) => {
    if (lead) {
      for (const { col, padded } of codeCols) {
        const v = f[col] ?? '';
        const options = padded.get(v);
        if (!options) continue;
        const field = ctx.fieldAt(col)!;
        if (ctx.dict.codelist(field.codelist!)!.codes.has(v)) continue;
        emit(line, col, v, 'IAPTX010', lead, options.length === 1
          ? `${ctx.header[col]} '${v}' lost its leading zero (a spreadsheet read it as a number); the code is ${options[0]}`
          : `${ctx.header[col]} '${v}' looks like a code that lost leading zeros: ${options.join(' or ')}`, options.length === 1 ? options[0] : undefined);
      }
    }
    if (sci) {
      for (const { col, candidates } of longCols) {
        const v = f[col] ?? '';
        if (v.length < 5 || v.charCodeAt(1) !== 46 || !SCIENTIFIC.test(v)) continue;
        const matches = candidates.filter((c) => excelScientific(c) === v.toUpperCase());
        emit(line, col, v, 'IAPTX011', sci, `${ctx.header[col]} '${v}' is a number in scientific notation (a spreadsheet's display of ${Number(v)}); the exact digits are lost`
          + (matches.length === 1 ? `; the only known code it can be is ${matches[0]}` : matches.length > 1 ? `; it could be ${matches.join(', ')}` : ''), matches.length === 1 ? matches[0] : undefined);
      }
    }
    if (date) {
      for (const col of dateCols) {
        const v = f[col] ?? '';
        if (v.length < 6 || v.length > 10 || (v.charCodeAt(1) !== 47 && v.charCodeAt(2) !== 47 && v.charCodeAt(1) !== 46 && v.charCodeAt(2) !== 46 && v.charCodeAt(4) === 45)) continue;
        const m = DMY.exec(v);
        if (!m) continue;
        const day = Number(m[1]); const month = Number(m[2]);
        const year = m[3].length === 4 ? m[3] : null;
        const iso = year ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : '';
        const certain = year !== null && day > 12 && isIsoDate(iso);
        emit(line, col, v, 'IAPTX012', date, `${ctx.header[col]} '${v}' is a reformatted date; IAPT dates are YYYY-MM-DD`
          + (certain ? ` (${iso})` : year ? ` (${iso} if day/month, or the other way round: day and month cannot be told apart)` : ' (two-digit year: the century is not certain)'), certain ? iso : undefined);
      }
    }
  };
}

/** Exact duplicate rows: IAPTX020, by row fingerprint (the first row's line kept). */
export function duplicateRowCheck(ctx: ProjectContext): RowCheck | null {
  const severity = ctx.check('IAPTX020');
  if (!severity) return null;
  const seen = new Map<number, number>();
  return (f, line) => {
    const h = rowHash(f);
    const first = seen.get(h);
    if (first === undefined) { seen.set(h, line); return; }
    ctx.emit({ file: ctx.file, line, column: 1, field: ctx.header[0] ?? '', value: '', rule: 'IAPTX020', severity,
      message: `this row repeats line ${first} exactly`, related: [{ file: ctx.file, line: first, column: 0, message: 'the same row' }] });
  };
}

/** NHS derived first/last scores that are not numbers or outside the field's range: IAPTX040. */
export function derivedScoreCheck(ctx: ProjectContext): RowCheck | null {
  const severity = ctx.check('IAPTX040');
  if (!severity) return null;
  const cols: { col: number; min: number; max: number }[] = [];
  for (let c = 0; c < ctx.header.length; c++) {
    const field = ctx.fieldAt(c);
    if (field?.origin === 'derived' && field.range && /Score$/.test(field.name)) cols.push({ col: c, ...field.range });
  }
  if (cols.length === 0) return null;
  return (f, line) => {
    for (const { col, min, max } of cols) {
      const v = (f[col] ?? '').trim();
      if (v === '') continue;
      const bad = !isPlainNumber(v) ? `is not a number (expected ${min}-${max})` : Number(v) < min || Number(v) > max ? `is outside the range ${min}-${max}` : null;
      if (bad) ctx.emit({ file: ctx.file, line, column: col + 1, field: ctx.header[col], value: v, rule: 'IAPTX040', severity, message: `${ctx.header[col]} '${shown(v)}' ${bad}` });
    }
  };
}

/** UK LLC rows repeated in another extract period: IAPTX060 (information). */
export function ukllcRepeatCheck(ctx: ProjectContext): RowCheck | null {
  const severity = ctx.check('IAPTX060');
  if (!severity || ctx.layout !== 'ukllc') return null;
  const periodCols = new Set<number>();
  ctx.header.forEach((h, i) => { if (ctx.fieldAt(i)?.name === 'extract_start_date' || ctx.fieldAt(i)?.name === 'extract_end_date') periodCols.add(i); });
  if (periodCols.size === 0) return null;
  const period = (f: string[]) => [...periodCols].map((c) => (f[c] ?? '').trim()).join(' to ');
  const seen = new Map<number, { line: number; period: string }>();
  return (f, line) => {
    const h = rowHash(f, periodCols);
    const first = seen.get(h);
    if (!first) { seen.set(h, { line, period: period(f) }); return; }
    const p = period(f);
    if (p === first.period) return;
    ctx.emit({ file: ctx.file, line, column: 1, field: ctx.header[0] ?? '', value: '', rule: 'IAPTX060', severity,
      message: `this row repeats line ${first.line} (extract period ${first.period}) in extract period ${p}; de-duplicate before counting`,
      related: [{ file: ctx.file, line: first.line, column: 0, message: `the same row in extract period ${first.period}` }] });
  };
}

/**
 * Dates and national codes the catalogue has no rule for (IAPTX013, IAPTX014): every date field must be a real
 * date and every nationally coded field a code of its list in the file's version, per the dictionary.
 */
export function uncoveredFieldCheck(ctx: ProjectContext, version: DataSetVersion | 'unknown', covered: { dates: Set<number>; codes: Set<number> }): RowCheck | null {
  const dateSev = ctx.check('IAPTX013'); const codeSev = ctx.check('IAPTX014'); const textSev = ctx.check('IAPTX015');
  const dates: number[] = []; const codes: number[] = [];
  for (let c = 0; c < ctx.header.length; c++) {
    const field = ctx.fieldAt(c);
    if (!field) continue;
    if (dateSev && field.type === 'date' && !covered.dates.has(c)) dates.push(c);
    const list = field.codelist ? ctx.dict.codelist(field.codelist) : undefined;
    if (list && !covered.codes.has(c) && ((codeSev && (list.system === 'national' || list.system === 'derived')) || (textSev && list.system === 'free-text-group'))) codes.push(c);
  }
  if (dates.length === 0 && codes.length === 0) return null;
  /** per code column: value -> message (null = valid); codes repeat, so each is decoded once */
  const known = codes.map(() => new Map<string, string | null>());
  const judge = (c: number, v: string): string | null => {
    const field = ctx.fieldAt(c)!;
    const d = ctx.dict.decode(ctx.header[c], v, field.tableId);
    const ok = version === 'unknown' ? d.versions.length > 0 : d.versions.includes(version);
    if (ok || d.status === 'unknown-column' || d.status === 'not-coded') return null;
    return `${ctx.header[c]} '${shown(v)}' is not a valid ${whatItIs(ctx.dict, field)}${version === 'unknown' ? '' : ` in v${version}`}${d.note ? ` (${d.note})` : ''}; valid: ${validCodesText(ctx.dict, field, version, null)}`;
  };
  return (f, line) => {
    for (const c of dates) {
      const v = (f[c] ?? '').trim();
      if (v === '' || ctx.damaged[c] || isIsoDate(v)) continue;
      ctx.emit({ file: ctx.file, line, column: c + 1, field: ctx.header[c], value: v, rule: 'IAPTX013', severity: dateSev!, message: `${ctx.header[c]} '${shown(v)}' is not a valid date; expected YYYY-MM-DD${/^\d{4}-\d{2}-\d{2}$/.test(v) ? ' (no such day)' : ''}` });
    }
    for (let k = 0; k < codes.length; k++) {
      const c = codes[k];
      const v = (f[c] ?? '').trim();
      if (v === '' || ctx.damaged[c]) continue;
      let message = known[k].get(v);
      if (message === undefined) {
        message = judge(c, v);
        if (known[k].size < 10_000) known[k].set(v, message);
      }
      if (message === null) continue;
      const freeText = ctx.dict.codelist(ctx.fieldAt(c)!.codelist!)!.system === 'free-text-group';
      ctx.emit({ file: ctx.file, line, column: c + 1, field: ctx.header[c], value: v, rule: freeText ? 'IAPTX015' : 'IAPTX014', severity: freeText ? textSev! : codeSev!, message });
    }
  };
}
