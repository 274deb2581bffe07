// User dictionary overlays: parse (with JSON positions), validate with the same zod shapes, merge.
import { dictionaryOverlaySchema, formatSchemaIssues, jsonPath, type DictionaryFile, type DictionaryOverlay } from './schema';

export interface OverlayError {
  file: string;
  /** JSON path of the offending entry ("$" for the whole file) */
  path: string;
  /** 1-based line/column, when the JSON itself does not parse */
  line?: number;
  column?: number;
  message: string;
}

export function parseOverlay(file: string, text: string): { ok: true; overlay: DictionaryOverlay } | { ok: false; errors: OverlayError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? lineColumn(text, Number(pos[1])) : undefined;
    return { ok: false, errors: [{ file, path: '$', ...at, message: `${file}${at ? `:${at.line}:${at.column}` : ''}: not valid JSON (${msg})` }] };
  }
  const parsed = dictionaryOverlaySchema.safeParse(json);
  if (!parsed.success) {
    const lines = formatSchemaIssues(file, parsed.error);
    return { ok: false, errors: parsed.error.issues.map((issue, i) => ({ file, path: jsonPath(issue.path), message: lines[i] })) };
  }
  return { ok: true, overlay: parsed.data };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return { line, column: offset - last };
}

/** Returns a new data file with the overlay applied (the input is not modified). */
export function applyOverlay(base: DictionaryFile, overlay: DictionaryOverlay): DictionaryFile {
  // code lists by id in a null-prototype object: ids such as 'constructor', 'toString' or '__proto__' are plain ids
  const codelists: DictionaryFile['codelists'] = Object.assign(Object.create(null) as DictionaryFile['codelists'], base.codelists);
  const out: DictionaryFile = { ...base, tables: base.tables.map((t) => ({ ...t, fields: [...t.fields] })), codelists };
  for (const t of overlay.tables ?? []) {
    const existing = out.tables.find((x) => x.id === t.id);
    if (existing) {
      for (const f of t.fields) {
        const i = existing.fields.findIndex((x) => x.name.toLowerCase() === f.name.toLowerCase());
        if (i >= 0) existing.fields[i] = f; else existing.fields.push(f);
      }
    } else {
      out.tables.push({
        id: t.id, name: t.name ?? t.id, technical_name: t.technical_name ?? t.id, versions: t.versions ?? ['2.0', '2.1'],
        key_fields: t.key_fields ?? [], parent: t.parent ?? null, ukllc_tables: t.ukllc_tables ?? [], source: t.source, fields: t.fields,
      });
    }
  }
  for (const [id, c] of Object.entries(overlay.codelists ?? {})) {
    const existing = Object.hasOwn(out.codelists, id) ? out.codelists[id] : undefined;
    if (existing) {
      const codes = new Map(existing.codes.map((x) => [x.code, x]));
      for (const code of c.codes) codes.set(code.code, code);
      out.codelists[id] = { ...existing, ...c, label: c.label ?? existing.label, system: c.system ?? existing.system, status: c.status ?? existing.status, source: [...existing.source, ...c.source], codes: [...codes.values()] };
    } else {
      out.codelists[id] = { label: c.label ?? id, system: c.system ?? 'national', status: c.status ?? 'inferred', ...c };
    }
  }
  if (overlay.assessments) {
    const bySnomed = new Map(base.assessments.map((a) => [a.snomed, a]));
    for (const a of overlay.assessments) bySnomed.set(a.snomed, a);
    out.assessments = [...bySnomed.values()];
  }
  if (overlay.ukllc_columns) {
    const byName = new Map(base.ukllc_columns.map((c) => [c.name, c]));
    for (const c of overlay.ukllc_columns) byName.set(c.name, c);
    out.ukllc_columns = [...byName.values()];
  }
  return out;
}

/** Every field's code list must exist. */
export function checkReferences(file: DictionaryFile, name: string): OverlayError[] {
  const errors: OverlayError[] = [];
  file.tables.forEach((t, ti) => t.fields.forEach((f, fi) => {
    if (f.codelist && !Object.hasOwn(file.codelists, f.codelist)) {
      const path = `$.tables[${ti}].fields[${fi}].codelist`;
      errors.push({ file: name, path, message: `${name}: ${path}: code list '${f.codelist}' of field ${t.id}.${f.name} does not exist` });
    }
  }));
  file.ukllc_columns.forEach((c, i) => {
    if (c.codelist && !Object.hasOwn(file.codelists, c.codelist)) {
      const path = `$.ukllc_columns[${i}].codelist`;
      errors.push({ file: name, path, message: `${name}: ${path}: code list '${c.codelist}' does not exist` });
    }
  });
  return errors;
}
