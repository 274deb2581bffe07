// Search and position helpers of the scanner (indexOr is on the hot path; the others run only on problem paths).

const LF = 10;
const CR = 13;

export function indexOr(text: string, char: string, from: number, n: number): number {
  const k = text.indexOf(char, from);
  return k === -1 ? n : k;
}

/** 1-based line/column of `offset`, scanning from a record start whose line and line start are known. */
export function positionIn(text: string, from: number, line: number, lineStart: number, offset: number): { line: number; column: number } {
  for (let p = from; p < offset; p++) {
    const c = text.charCodeAt(p);
    if (c === LF || (c === CR && text.charCodeAt(p + 1) !== LF)) {
      line++;
      lineStart = p + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Line/column of ascending offsets within one record, by a single forward walk: the positions of all of a record's
 * fields cost one pass over the record, not one pass per field.
 */
export class PositionCursor {
  private p: number;

  constructor(private readonly text: string, from: number, private line: number, private lineStart: number) {
    this.p = from;
  }

  /** 1-based line/column of `offset` (at or after the previous offset asked for). */
  at(offset: number): { line: number; column: number } {
    const text = this.text;
    for (let p = this.p; p < offset; p++) {
      const c = text.charCodeAt(p);
      if (c === LF || (c === CR && text.charCodeAt(p + 1) !== LF)) {
        this.line++;
        this.lineStart = p + 1;
      }
    }
    if (offset > this.p) this.p = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

/** Index of the last of `count` ascending start offsets that is at or before `offset` (-1 when none): binary search. */
export function lastStartAtOrBefore(count: number, startAt: (i: number) => number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (startAt(mid) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
