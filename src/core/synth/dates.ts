// Day numbers (days since 1970-01-01, UTC) and their YYYY-MM-DD text, cached: the generator formats millions of dates.
const MS_PER_DAY = 86_400_000;
const cache = new Map<number, string>();

export function dayOf(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${iso}`);
  return Math.round(t / MS_PER_DAY);
}

export function isoOf(day: number): string {
  let s = cache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    cache.set(day, s);
  }
  return s;
}

/** Last day of the month containing the given year/month (month 1-12). */
export function lastDayOfMonth(year: number, month: number): number {
  return Math.round(Date.UTC(year, month, 0) / MS_PER_DAY);
}

export function ymd(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** Time of day as HH:MM:SS from minutes after midnight. */
export function timeOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:00`;
}

/** Whole years between two days (age at a date). */
export function yearsBetween(birth: number, at: number): number {
  const b = ymd(birth);
  const a = ymd(at);
  let years = a.year - b.year;
  if (a.month < b.month || (a.month === b.month && a.date < b.date)) years--;
  return years;
}
