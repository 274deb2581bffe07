// Where a finding's field sits in its line of text (for editor ranges): the field's start and end characters.
import { parseCsvText } from '../csv';

/** [start, end) characters of field `position` (1-based) in one line, or the whole line when it is not found. */
export function fieldRangeInLine(lineText: string, position: number, delimiter: string): { start: number; end: number } {
  const parsed = parseCsvText(lineText, { delimiter, offsets: true });
  const row = parsed.headerRow;
  const offsets = row?.fieldOffsets;
  if (!row || !offsets || position < 1 || position > offsets.length) return { start: 0, end: lineText.length };
  const start = offsets[position - 1];
  const end = position < offsets.length ? offsets[position] - delimiter.length : (row.endOffset ?? lineText.length);
  return { start, end: Math.max(start, end) };
}
