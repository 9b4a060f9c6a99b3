/**
 * The calendar of a chronology: day arithmetic and the display of a `PartialDate`, used by every
 * layer (the ingest parser, the merge, analytics, exports and renderers).
 *
 * Pure arithmetic on the proleptic Gregorian calendar: no clock, no time zone, no daylight saving.
 * The rule practitioners rely on holds in the display: "April 2021" stays month precision and is
 * never printed as 01/04/2021.
 */
import type { PartialDate, Precision } from './types.js';

/** Month words as agencies write them (with the common misspelling "febuary"), to month numbers. */
export const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, febuary: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10,
  october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

export const MONTH_NAMES: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'];

/** Two-digit years: 00–29 are 2000–2029, 30–99 are 1930–1999 (the pivot Excel uses). */
export const TWO_DIGIT_YEAR_PIVOT = 30;

/** A year as written: two digits by the pivot, otherwise as it stands. */
export function fullYear(digits: string): number {
  const y = Number(digits);
  if (digits.length === 2) return y < TWO_DIGIT_YEAR_PIVOT ? 2000 + y : 1900 + y;
  return y;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number): string => String(n).padStart(4, '0');

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** `yyyy-mm-dd` of a year, month and day (not checked: see `isRealDay`). */
export function isoDay(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Whether a year, month and day name a day that exists (years 1000–2999, as chronologies hold). */
export function isRealDay(year: number, month: number, day: number): boolean {
  return year >= 1000 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The date as a person writes it in the UK, saying no more than the source said. */
export function displayDate(date: PartialDate): string {
  if (date.precision === 'unknown') return date.text;
  const prefix = date.approximate ? 'c. ' : '';
  const one = (iso: string, precision: Precision): string => {
    const y = iso.slice(0, 4);
    const m = Number(iso.slice(5, 7));
    if (precision === 'year') return y;
    if (precision === 'month') return `${MONTH_NAMES[m - 1]} ${y}`;
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${y}`;
  };
  if (date.precision === 'week') return `${prefix}w/c ${one(date.start, 'day')}`;
  if (date.end !== undefined && one(date.end, date.precision) !== one(date.start, date.precision)) {
    return `${prefix}${one(date.start, date.precision)} – ${one(date.end, date.precision)}`;
  }
  return prefix + one(date.start, date.precision);
}

/** The first and last day a date covers (inclusive), or null when undated. */
export function eventPeriod(date: PartialDate): { first: string; last: string } | null {
  if (date.precision === 'unknown' || date.start === '') return null;
  const first = date.start.slice(0, 10);
  if (date.end !== undefined) return { first, last: date.end.slice(0, 10) };
  const year = Number(first.slice(0, 4));
  if (date.precision === 'year') return { first, last: `${first.slice(0, 4)}-12-31` };
  if (date.precision === 'month') {
    const month = Number(first.slice(5, 7));
    return { first, last: `${first.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}` };
  }
  return { first, last: first };
}

/** A `yyyy-mm-dd` day as a person writes it: `14/03/2021`. */
export function displayDay(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The clock time of a minute-precision date for display (`22:15`, `22:15–23:40`), or the empty string. */
export function displayTime(date: PartialDate): string {
  if (date.precision !== 'minute') return '';
  const start = date.start.slice(11, 16);
  return date.end !== undefined && date.end.length > 10 ? `${start}–${date.end.slice(11, 16)}` : start;
}

/**
 * Days since 1970-01-01 of a `yyyy-mm-dd` day (the proleptic Gregorian calendar; Hinnant's
 * days_from_civil).
 */
export function dayNumber(iso: string): number {
  const digit = (i: number): number => iso.charCodeAt(i) - 48;
  let y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The `yyyy-mm-dd` day of a day number (the inverse of dayNumber). */
export function dayFromNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return isoDay(era * 400 + yoe + (m <= 2 ? 1 : 0), m, d);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a text is one real day written `yyyy-mm-dd`. */
export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}
