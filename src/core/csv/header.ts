// Checks of the header row (the scanner's first record): missing header, empty and duplicate column names.
import { positionIn } from './positions';
import type { CsvProblemKind } from './types';

type Report = (kind: CsvProblemKind, line: number, column: number, message: string, field?: number) => void;

/** Reports header problems; `offsets` are the char offsets of the header's fields in `text`. */
export function checkHeader(fields: string[], offsets: number[], text: string, start: number, line: number, lineStart: number, report: Report): void {
  const at = (k: number) => positionIn(text, start, line, lineStart, offsets[k]);
  if (fields.every((f) => f.trim() === '')) {
    report('missing-header', line, 1, 'the first row is empty: no header row');
    return;
  }
  if (fields.length > 1 && fields.every((f) => /^\s*[-+]?[\d.:/\s-]+$/.test(f) || f.trim() === '')) {
    report('missing-header', line, 1, 'the first row looks like data (only numbers/dates), not a header row');
  }
  const seen = new Map<string, number>();
  fields.forEach((f, k) => {
    const name = f.trim().toLowerCase();
    if (name === '') {
      const p = at(k);
      report('empty-column-name', p.line, p.column, `column ${k + 1} has no name in the header row`, k + 1);
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      const p = at(k);
      report('duplicate-column', p.line, p.column, `column '${f.trim()}' appears twice in the header (columns ${first + 1} and ${k + 1})`, k + 1);
    } else seen.set(name, k);
  });
}
