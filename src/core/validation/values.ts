// Value predicates shared by the rule kinds: calendar dates, times, NHS number and SNOMED CT check digits.
// Pure functions of one string; no state.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,6})?)?$/;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real calendar date written YYYY-MM-DD (the format of IAPT extracts). */
export function isIsoDate(value: string): boolean {
  return dayNumber(value) !== null;
}

const digit = (value: string, i: number) => value.charCodeAt(i) - 48;

/** A time of day HH:MM or HH:MM:SS (optionally with fractions of a second). */
export function isTime(value: string): boolean {
  return TIME.test(value);
}

/** A date and time: YYYY-MM-DD, then T or a space, then a time (an optional Z or ±HH:MM offset). */
export function isDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](.+?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  return m !== null && isIsoDate(m[1]) && isTime(m[2]);
}

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, else null. */
export function dayNumber(value: string): number | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || !DATE.test(value)) return null;
  const y = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const m = digit(value, 5) * 10 + digit(value, 6);
  const d = digit(value, 8) * 10 + digit(value, 9);
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  // days from civil (proleptic Gregorian), 1970-01-01 = 0
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date plus whole years and days (29 Feb + 1 year = 1 Mar), as a day number. */
export function shiftDays(day: number, offset: { years: number; days: number }): number {
  if (offset.years === 0) return day + offset.days;
  const d = new Date(day * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() + offset.years);
  return Math.round(d.getTime() / 86_400_000) + offset.days;
}

/** NHS number: 10 digits whose modulus 11 check digit is right (NHS Data Dictionary, NHS NUMBER). */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/ /g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

// Verhoeff dihedral group tables (the check digit scheme of SNOMED CT identifiers).
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

export function verhoeffValid(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) c = D[c][P[i % 8][digits.charCodeAt(digits.length - 1 - i) - 48]];
  return c === 0;
}

/**
 * A SNOMED CT identifier: 6 to 18 digits, no leading zero, a partition identifier of a short-format (0x) or
 * long-format (1x) component, and a valid Verhoeff check digit (SNOMED CT Technical Implementation Guide 6.7).
 */
export function isSnomedId(value: string): boolean {
  if (!/^[1-9]\d{5,17}$/.test(value)) return false;
  const partition = value.slice(-3, -1);
  if (!/^[01][0-5]$/.test(partition)) return false;
  return verhoeffValid(value);
}

/** A plain decimal number (no exponent, no thousands separators). */
export function isPlainNumber(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value);
}
