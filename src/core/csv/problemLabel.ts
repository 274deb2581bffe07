// Short labels of CSV problems for grouping them in reports: a ragged row is "too many fields" or "too few fields",
// never one group for both (the scanner starts each ragged-row message with one of these).
import type { CsvProblem } from './types';

export const TOO_MANY_FIELDS = 'too many fields';
export const TOO_FEW_FIELDS = 'too few fields';

/** The problem's kind, with ragged rows told apart: "ragged-row (too many fields)" / "ragged-row (too few fields)". */
export function problemLabel(p: Pick<CsvProblem, 'kind' | 'message'>): string {
  if (p.kind !== 'ragged-row') return p.kind;
  if (p.message.startsWith(TOO_MANY_FIELDS)) return `${p.kind} (${TOO_MANY_FIELDS})`;
  if (p.message.startsWith(TOO_FEW_FIELDS)) return `${p.kind} (${TOO_FEW_FIELDS})`;
  return p.kind;
}
