// Delimiter detection on a sample of the file: quote-aware counts of each candidate per record.
import type { CsvDelimiter } from './types';

/** Candidates in order of preference when the evidence is equal. */
export const DELIMITER_CANDIDATES: readonly CsvDelimiter[] = [',', '\t', '|', ';'];
/** Records of the sample that are looked at (the header and the first data rows). */
const SAMPLE_RECORDS = 50;
/** Chars of the sample that are looked at. */
export const DELIMITER_SAMPLE_CHARS = 64 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface DetectDelimiterOptions {
  /** delimiter when no candidate occurs (default comma) */
  fallback?: CsvDelimiter;
  /** false when the sample is only the start of the text (its last record may be cut); default true */
  wholeText?: boolean;
}

/**
 * Picks the delimiter whose count per record (outside quotes) is the most consistent across the sample,
 * then the one with most fields, then by the order comma, tab, pipe, semicolon. A sample in which no
 * candidate occurs (a one-column file) gives `fallback` (comma unless told, e.g. tab for a .tsv file).
 */
export function detectDelimiter(sample: string, options: DetectDelimiterOptions = {}): CsvDelimiter {
  const fallback = options.fallback ?? ',';
  const wholeText = (options.wholeText ?? true) && sample.length <= DELIMITER_SAMPLE_CHARS;
  const text = sample.length > DELIMITER_SAMPLE_CHARS ? sample.slice(0, DELIMITER_SAMPLE_CHARS) : sample;
  const codes = DELIMITER_CANDIDATES.map((c) => c.charCodeAt(0));
  const counts: number[][] = DELIMITER_CANDIDATES.map(() => []);
  const current = DELIMITER_CANDIDATES.map(() => 0);
  let inQuotes = false;
  let recordHasText = false;
  let complete = 0;
  const n = text.length;
  for (let i = 0; i < n && complete < SAMPLE_RECORDS; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      inQuotes = !inQuotes; // '""' toggles twice: right for RFC 4180 text
      recordHasText = true;
      continue;
    }
    if (inQuotes) continue;
    if (c === LF || c === CR) {
      if (recordHasText) {
        for (let k = 0; k < codes.length; k++) {
          counts[k].push(current[k]);
          current[k] = 0;
        }
        complete++;
      }
      recordHasText = false;
      continue;
    }
    recordHasText = true;
    for (let k = 0; k < codes.length; k++) if (c === codes[k]) current[k]++;
  }
  // a last record without line break counts only when the sample is the whole text or no record is complete
  if (recordHasText && complete < SAMPLE_RECORDS && (wholeText || complete === 0)) {
    for (let k = 0; k < codes.length; k++) counts[k].push(current[k]);
  }
  let best = -1;
  let bestConsistency = 0;
  let bestFields = 0;
  for (let k = 0; k < codes.length; k++) {
    const { mode, share } = modeOf(counts[k]);
    if (mode === 0) continue;
    if (share > bestConsistency || (share === bestConsistency && mode > bestFields)) {
      best = k;
      bestConsistency = share;
      bestFields = mode;
    }
  }
  return best === -1 ? fallback : DELIMITER_CANDIDATES[best];
}

/** Most frequent non-zero count and the share of records having exactly it. */
function modeOf(values: number[]): { mode: number; share: number } {
  if (values.length === 0) return { mode: 0, share: 0 };
  const freq = new Map<number, number>();
  for (const v of values) if (v > 0) freq.set(v, (freq.get(v) ?? 0) + 1);
  let mode = 0;
  let top = 0;
  for (const [v, f] of freq) {
    if (f > top || (f === top && v > mode)) {
      mode = v;
      top = f;
    }
  }
  return { mode, share: top / values.length };
}

/** Fallback delimiter for a file name (tab for .tsv / .tab, comma otherwise). */
export function delimiterForFileName(fileName: string | undefined): CsvDelimiter {
  return fileName && /\.(tsv|tab)$/i.test(fileName) ? '\t' : ',';
}
