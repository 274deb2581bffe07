// Search and position helpers of the scanner (indexOr is on the hot path; the others run only on problem paths).

const QUOTE = 34;
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

/** Start offset of field k of the record at `start` (quote-aware; used only on problem paths). */
export function nthFieldStart(text: string, start: number, k: number, delim: number): number {
  let inQuotes = false;
  let field = 0;
  for (let p = start; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === delim && !inQuotes && ++field === k) return p + 1;
  }
  return text.length;
}

export function headerOffsets(text: string, start: number, count: number, delim: number): number[] {
  const offsets = [start];
  for (let k = 1; k < count; k++) offsets.push(nthFieldStart(text, start, k, delim));
  return offsets;
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
