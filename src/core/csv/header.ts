// Checks of the header row (the scanner's first record): missing header, empty and duplicate column names.
// Linear in the header's length: field positions are found by one forward walk (PositionCursor), never by
// re-scanning from the record start per column (a 100,000-column header is normal input for this code).
import { PositionCursor } from './positions';
import type { CsvProblemKind } from './types';

type Report = (kind: CsvProblemKind, line: number, column: number, message: string, field?: number) => void;

const LOOKS_LIKE_DATA = /^\s*[-+]?[\d.:/\s-]+$/;

/** Reports header problems; `offsets` are the (ascending) char offsets of the header's fields in `text`. */
export function checkHeader(fields: string[], offsets: number[], text: string, start: number, line: number, lineStart: number, report: Report): void {
  const cursor = new PositionCursor(text, start, line, lineStart);
  if (fields.every((f) => f.trim() === '')) {
    report('missing-header', line, 1, 'the first row is empty: no header row');
    return;
  }
  if (fields.length > 1 && fields.every((f) => LOOKS_LIKE_DATA.test(f) || f.trim() === '')) {
    report('missing-header', line, 1, 'the first row looks like data (only numbers/dates), not a header row');
  }
  const seen = new Map<string, number>();
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k];
    const name = f.trim().toLowerCase();
    if (name === '') {
      const p = cursor.at(offsets[k]);
      report('empty-column-name', p.line, p.column, `column ${k + 1} has no name in the header row`, k + 1);
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      const p = cursor.at(offsets[k]);
      report('duplicate-column', p.line, p.column, `column '${f.trim()}' appears twice in the header (columns ${first + 1} and ${k + 1})`, k + 1);
    } else seen.set(name, k);
  }
}
