// Date and time parsing for outcome facts: ISO dates (optionally with a time), and UK day-first dates.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UK = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** the number written by `length` ASCII digits at `start`, -1 when any is not a digit */
function digits(t: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export interface ParsedDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM:SS, or '' when the value carried no time */
  time: string;
}

/** Parse a date or date-time cell; null when it is not a real calendar date. */
export function parseDateTime(text: string): ParsedDateTime | null {
  const t = text.trim();
  if (t.length === 10 && t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45) {
    // fast path for the common YYYY-MM-DD
    const y = digits(t, 0, 4); const m = digits(t, 5, 2); const d = digits(t, 8, 2);
    return y >= 0 && m >= 0 && d >= 0 && validDate(y, m, d) ? { date: t, time: '' } : null;
  }
  let y: number, m: number, d: number, hh: string | undefined, mm: string | undefined, ss: string | undefined;
  let match = ISO.exec(t);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    [hh, mm, ss] = [match[4], match[5], match[6]];
  } else if ((match = UK.exec(t))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    [hh, mm, ss] = [match[4], match[5], match[6]];
  } else {
    return null;
  }
  if (!validDate(y, m, d)) return null;
  const time = hh === undefined ? '' : `${hh}:${mm}:${ss ?? '00'}`;
  if (time && (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59)) return null;
  return { date: `${y}-${pad(m)}-${pad(d)}`, time };
}

/** Parse a time-of-day cell (HH:MM[:SS]) or the time part of a date-time; null when invalid. */
export function parseTime(text: string): string | null {
  const t = text.trim();
  const match = TIME.exec(t);
  if (match) {
    const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return null;
    return `${pad(h)}:${pad(m)}:${pad(s)}`;
  }
  const dt = parseDateTime(t);
  return dt && dt.time ? dt.time : null;
}

/** Financial year (April–March) of a YYYY-MM-DD date, named by its first calendar year: 2021-03-31 → 2020. */
export function financialYear(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= 4 ? y : y - 1;
}
