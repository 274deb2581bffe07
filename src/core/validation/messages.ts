// Findings' messages in this project's words: the field, the value and what was expected, decoded through the
// dictionary (code lists per version). Values from the file are quoted as written; escaping for a given output
// (terminal, markdown) is the front-end's job.
import type { Dictionary, DataSetVersion, FieldEntry } from '../dictionary';

const MAX_LISTED = 8;

/** "01 Assessment, 02 Treatment, …" for a field's code list in a version ('unknown' = either). */
export function validCodesText(dict: Dictionary, field: FieldEntry | undefined, version: DataSetVersion | 'unknown', fallback: readonly string[] | null): string {
  const list = field?.codelist ? dict.codelist(field.codelist) : undefined;
  if (list && list.codes.size > 0) {
    const entries = [...list.codes.values()].filter((e) => !e.legacy && (version === 'unknown' ? e.versions.length > 0 : e.versions.includes(version)));
    if (entries.length > 0) {
      const shown = entries.slice(0, MAX_LISTED).map((e) => (e.meaning ? `${e.code} ${e.meaning}` : e.code));
      return shown.join(', ') + (entries.length > MAX_LISTED ? `, … (${entries.length} codes)` : '');
    }
    if (list.pattern) return list.pattern.description;
  }
  if (fallback) return fallback.slice(0, MAX_LISTED).join(', ') + (fallback.length > MAX_LISTED ? ', …' : '');
  return 'a code of its list';
}

/** "appointment type (IAPT)" from the field's code list label, else its data dictionary label. */
export function whatItIs(dict: Dictionary, field: FieldEntry | undefined): string {
  const list = field?.codelist ? dict.codelist(field.codelist) : undefined;
  const label = list?.label ?? field?.label ?? 'value';
  return label.charAt(0).toLowerCase() + label.slice(1).toLowerCase();
}

/** Shortens a value for a message (a 1 MB field stays a readable message). */
export function shown(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}… (${value.length} characters)` : value;
}
