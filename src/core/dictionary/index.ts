// Entry point of the dictionary: the built-in data (validated once, cached) and user overlays.
import builtinData from '../../../data/iapt-dictionary.json';
import { Dictionary } from './dictionary';
import { applyOverlay, checkReferences, parseOverlay, type OverlayError } from './overlay';
import { dictionaryFileSchema, formatSchemaIssues, type DictionaryFile } from './schema';

export { Dictionary, normaliseColumnName, UKLLC_ANY_TABLE } from './dictionary';
export { CODE_SYSTEM_NAMES } from './systems';
export type { OverlayError } from './overlay';
export type * from './types';

let cachedFile: DictionaryFile | undefined;
let cached: Dictionary | undefined;

/** The validated built-in data file. Throws (a build defect, caught by the unit tests) if it is invalid. */
export function builtinDictionaryFile(): DictionaryFile {
  if (!cachedFile) {
    const parsed = dictionaryFileSchema.safeParse(builtinData);
    if (!parsed.success) throw new Error(formatSchemaIssues('data/iapt-dictionary.json', parsed.error).join('\n'));
    const refErrors = checkReferences(parsed.data, 'data/iapt-dictionary.json');
    if (refErrors.length) throw new Error(refErrors.map((e) => e.message).join('\n'));
    cachedFile = parsed.data;
  }
  return cachedFile;
}

/** The built-in dictionary, built once per process. */
export function builtinDictionary(): Dictionary {
  cached ??= new Dictionary(builtinDictionaryFile());
  return cached;
}

export interface OverlaySource {
  /** path or URI shown in messages */
  file: string;
  text: string;
}

/**
 * The built-in dictionary with the user's overlay files applied in order. A bad file contributes
 * errors naming the file and JSON path and is skipped; the others and the built-in data still apply.
 */
export function dictionaryWithOverlays(sources: OverlaySource[]): { dictionary: Dictionary; errors: OverlayError[] } {
  if (sources.length === 0) return { dictionary: builtinDictionary(), errors: [] };
  let file = builtinDictionaryFile();
  const errors: OverlayError[] = [];
  let dictionary: Dictionary | undefined;
  for (const source of sources) {
    // one bad file is reported and skipped, whatever goes wrong with it; the others still apply
    try {
      const parsed = parseOverlay(source.file, source.text);
      if (!parsed.ok) { errors.push(...parsed.errors); continue; }
      const merged = applyOverlay(file, parsed.overlay);
      const refErrors = checkReferences(merged, source.file);
      if (refErrors.length) { errors.push(...refErrors); continue; }
      dictionary = new Dictionary(merged);
      file = merged;
    } catch (err) {
      errors.push({ file: source.file, path: '$', message: `${source.file}: cannot be applied (${err instanceof Error ? err.message : String(err)})` });
    }
  }
  return { dictionary: dictionary ?? builtinDictionary(), errors };
}
