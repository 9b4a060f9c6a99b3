/**
 * Dates and times as agencies write them, read without inventing precision.
 *
 * The rule practitioners rely on: assumed information is never displayed. "April 2021" is month
 * precision and stays so; "w/c 13/09/2021" is a week; "c. 12/07/2021" is a day marked approximate.
 * Impossible dates (31/04/2021, 29/02/2021) are failures, never rolled over into the next month.
 *
 * The common forms (dd/mm/yyyy, ISO) take a hand-written fast path: a merge of a million rows
 * reads a million dates, and a general parser costs several microseconds each. date-fns does the
 * calendar arithmetic (week ends, Excel serials) on the rare forms.
 */
// Each function from its own module: the package's index loads all of date-fns (about 0.15 s of start-up).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import {
  MONTHS, MONTH_NAMES, dayFromNumber, dayNumber, daysInMonth, fullYear, isoDay,
} from '../model/calendar.js';
import type { DateOrder, HeadingPeriod, PartialDate, Precision } from '../model/types.js';

/** Excel serial numbers are read as dates only in this range: 1 Jan 1960 to 31 Dec 2099. */
export const EXCEL_SERIAL_MIN = 21916;
export const EXCEL_SERIAL_MAX = 73050;

export type DateFailureCode = 'date-missing' | 'date-unreadable' | 'date-impossible' | 'date-range-reversed';

export interface DateFailure {
  ok: false;
  code: DateFailureCode;
  /** Plain English: what is wrong with this value and what was expected. */
  reason: string;
}

export interface DateSuccess {
  ok: true;
  date: Omit<PartialDate, 'text'>;
}

export type DateParse = DateSuccess | DateFailure;

export interface ClockTime {
  hour: number;
  minute: number;
}

export type TimeParse = { ok: true; time: ClockTime | null } | { ok: false; reason: string };

const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary|uary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * `yyyy-mm-ddTHH:MM`, built as one flat string: a concatenation this long would be a rope (a V8
 * ConsString) that every later read of a million dates flattens, allocating as it goes.
 */
export function withTime(day: string, time: ClockTime): string {
  if (day.length !== 10) return `${day}T${pad2(time.hour)}:${pad2(time.minute)}`;
  const { hour, minute } = time;
  const c = (i: number): number => day.charCodeAt(i);
  return String.fromCharCode(c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7), c(8), c(9), 84,
    48 + Math.floor(hour / 10), 48 + (hour % 10), 58, 48 + Math.floor(minute / 10), 48 + (minute % 10));
}

const fail = (code: DateFailureCode, reason: string): DateFailure => ({ ok: false, code, reason });

/** Checks a calendar day, explaining an impossible one in the terms a person would use. */
function checkDay(year: number, month: number, day: number, text: string, order?: DateOrder): DateFailure | null {
  if (year < 1000 || year > 2999) return fail('date-impossible', `"${text}" has the year ${year}, which cannot be right`);
  if (month < 1 || month > 12) {
    const hint = order === 'day-first' && day >= 1 && day <= 12 && month <= 31
      ? ' (the file is read day-first; if it is month-first, force it with --date-order month-first)'
      : '';
    return fail('date-impossible', `"${text}" has month ${month}, and there are only 12 months${hint}`);
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    if (month === 2 && day === 29) return fail('date-impossible', `"${text}" is 29 February, but ${year} is not a leap year`);
    return fail('date-impossible', `"${text}" is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth(year, month)} days`);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------

const TIME_HM = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?\s*(am|pm|a\.m\.?|p\.m\.?)?(?:\s*hrs?)?$/;
const TIME_H_AMPM = /^(\d{1,2})\s*(am|pm|a\.m\.?|p\.m\.?)$/;
const TIME_HHMM = /^(\d{2})(\d{2})\s*(hrs?|h|am|pm)?$/;
const TIME_HMM_AMPM = /^(\d)(\d{2})\s*(am|pm)$/;
const TIME_EXCEL_FRACTION = /^0?\.\d+$/;
const NO_TIME = new Set(['', '-', '--', 'n/a', 'na', 'n.a.', 'unknown', 'not known', 'not recorded', 'nk', 'n/k', 'tbc', '?']);

function clock(hour: number, minute: number, meridiem: string | undefined): ClockTime | null {
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.startsWith('p');
    return { hour: (hour % 12) + (pm ? 12 : 0), minute };
  }
  if (hour > 23) return null;
  return { hour, minute };
}

/**
 * Reads a clock time: `22:15`, `22.15`, `2215`, `2215hrs`, `9.30am`, `9:30 pm`, `9am`, `noon`,
 * `22:15:00` (seconds dropped: throughline keeps minute precision), or an Excel day fraction.
 * Blank and "not known" values are no time (`time: null`), not a failure.
 */
export function parseTime(raw: string): TimeParse {
  // Most time cells are plain HH:MM: read in place.
  const fast = raw.length === 5 ? fastClock(raw, 0) : null;
  if (fast) return { ok: true, time: fast };
  const text = raw.trim().toLowerCase();
  if (NO_TIME.has(text)) return { ok: true, time: null };
  if (text === 'noon' || text === 'midday' || text === '12 noon') return { ok: true, time: { hour: 12, minute: 0 } };
  if (text === 'midnight') return { ok: true, time: { hour: 0, minute: 0 } };
  let m = TIME_HM.exec(text);
  let t: ClockTime | null = null;
  // "0.75" is no hour and 75 minutes, so it is Excel's day fraction (18:00); "0.45" stays 00:45.
  if (m && !(clock(Number(m[1]), Number(m[2]), m[4]) === null && TIME_EXCEL_FRACTION.test(text))) t = clock(Number(m[1]), Number(m[2]), m[4]);
  else if ((m = TIME_H_AMPM.exec(text))) t = clock(Number(m[1]), 0, m[2]);
  else if ((m = TIME_HMM_AMPM.exec(text))) t = clock(Number(m[1]), Number(m[2]), m[3]);
  else if ((m = TIME_HHMM.exec(text))) {
    const mer = m[3] === 'am' || m[3] === 'pm' ? m[3] : undefined;
    t = clock(Number(m[1]), Number(m[2]), mer);
  } else if (TIME_EXCEL_FRACTION.test(text)) {
    const minutes = Math.round(Number(text) * 1440);
    if (minutes < 1440) t = { hour: Math.floor(minutes / 60), minute: minutes % 60 };
  } else {
    return { ok: false, reason: `"${raw.trim()}" is not a time (expected e.g. 22:15, 2215 or 9.30am)` };
  }
  if (!t) return { ok: false, reason: `"${raw.trim()}" is not a real time of day` };
  return { ok: true, time: t };
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/** Uncertainty markers, kept as the `approximate` flag. */
const UNCERTAIN_PREFIX = /^(?:\?+\s*|~\s*|c\.\s*|ca\.?\s+|c\s+(?=\d)|circa\s+|approx(?:imately|\.)?\s*|about\s+|around\s+|est(?:imated|\.)?\s+|early\s+|mid[\s-]+|late\s+|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)/;
const UNCERTAIN_SUFFIX = /(?:\s*\?+|\s*\(approx(?:imate)?\.?\)|\s+approx(?:imately|\.)?)$/;
const WEEK_PREFIX = /^(?:w\/c|w\/b|w\.c\.|wc|wb|week\s+commencing|week\s+beginning|week\s+starting)[\s:.]*/;
const WEEK_END_PREFIX = /^(?:w\/e|w\.e\.|week\s+ending)[\s:.]*/;
const WEEKDAY = /^(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+/;

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:t|\s+)(.+?))?(z|[+-]\d{2}:?\d{2})?$/;
const NUMERIC_DMY = /^(\d{1,2})\s*[-/.\\]\s*(\d{1,2})\s*[-/.\\]\s*(\d{4}|\d{2})(?:(?:t|\s+)(.+))?$/;
const DAY_MONTHNAME_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s./-]*${MONTH_WORD}\\.?[\\s./,-]*'?(\\d{4}|\\d{2})(?:\\s+(.+))?$`);
const MONTHNAME_DAY_YEAR = new RegExp(`^${MONTH_WORD}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?:\\s+(.+))?$`);
const MONTHNAME_YEAR = new RegExp(`^${MONTH_WORD}\\.?[\\s./,-]*'?(\\d{4}|\\d{2})$`);
const NUMERIC_MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const YEAR_ONLY = /^(\d{4})$/;
const EXCEL_SERIAL = /^(\d{5})(\.\d+)?$/;
const RANGE_SPLIT = /\s+(?:-|–|—|to|until|till)\s+|\s*[–—]\s*|(?<=[/.]\d{4})\s*-\s*(?=\d)|(?<=^\d{1,2}(?:st|nd|rd|th)?)\s*-\s*(?=\d{1,2}(?:st|nd|rd|th)?\s*[a-z])/;

interface Single {
  year: number;
  month?: number;
  day?: number;
  time?: ClockTime;
  precision: Precision;
}

type SingleParse = { ok: true; value: Single } | DateFailure;

const CLEAN_EXCESS = /[\s,]+$/;

function excelSerialToDay(serial: number): string {
  // Day 1 is 1900-01-01 and Excel counts a 29 Feb 1900 that never was: from day 61 on, the
  // serial is days since 1899-12-30. Local-time date-fns arithmetic, never through UTC.
  return format(addDays(new Date(1899, 11, 30), serial), 'yyyy-MM-dd');
}

function timeSuffix(rest: string | undefined, text: string): { ok: true; time?: ClockTime } | DateFailure {
  if (rest === undefined) return { ok: true };
  const cleaned = rest.replace(/^(?:at|@)\s*/, '').trim();
  if (cleaned === '' || cleaned === '00:00:00' || cleaned === '0:00:00') return { ok: true };
  const t = parseTime(cleaned);
  if (!t.ok) return fail('date-unreadable', `"${text}" has "${rest.trim()}" after the date, which is not a time`);
  return t.time ? { ok: true, time: t.time } : { ok: true };
}

function dayResult(y: number, m: number, d: number, rest: string | undefined, text: string, order?: DateOrder): SingleParse {
  const bad = checkDay(y, m, d, text, order);
  if (bad) return bad;
  const t = timeSuffix(rest, text);
  if (!t.ok) return t;
  return t.time
    ? { ok: true, value: { year: y, month: m, day: d, time: t.time, precision: 'minute' } }
    : { ok: true, value: { year: y, month: m, day: d, precision: 'day' } };
}

function parseSingle(s: string, text: string, order: DateOrder): SingleParse {
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(s))) {
    const local = dayResult(Number(m[1]), Number(m[2]), Number(m[3]), m[4], text);
    return m[5] && local.ok && local.value.time ? { ok: true, value: toLondon(local.value, m[5]) } : local;
  }
  if ((m = NUMERIC_DMY.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]!);
    return order === 'day-first' ? dayResult(y, b, a, m[4], text, order) : dayResult(y, a, b, m[4], text, order);
  }
  if ((m = DAY_MONTHNAME_YEAR.exec(s))) return dayResult(fullYear(m[3]!), MONTHS[m[2]!]!, Number(m[1]), m[4], text);
  if ((m = MONTHNAME_DAY_YEAR.exec(s))) return dayResult(Number(m[3]), MONTHS[m[1]!]!, Number(m[2]), m[4], text);
  if ((m = MONTHNAME_YEAR.exec(s))) return monthResult(fullYear(m[2]!), MONTHS[m[1]!]!, text);
  if ((m = NUMERIC_MONTH_YEAR.exec(s))) return monthResult(Number(m[2]), Number(m[1]), text);
  if ((m = ISO_MONTH.exec(s))) return monthResult(Number(m[1]), Number(m[2]), text);
  if ((m = YEAR_ONLY.exec(s))) {
    const y = Number(m[1]);
    if (y < 1900 || y > 2099) return fail('date-unreadable', `"${text}" is a number, not a year this review could cover`);
    return { ok: true, value: { year: y, precision: 'year' } };
  }
  if ((m = EXCEL_SERIAL.exec(s))) {
    const serial = Number(m[1]);
    if (serial < EXCEL_SERIAL_MIN || serial > EXCEL_SERIAL_MAX) {
      return fail('date-unreadable', `"${text}" looks like an Excel date number, but it is outside 1960–2099`);
    }
    const day = excelSerialToDay(serial);
    const [yy, mm, dd] = day.split('-').map(Number) as [number, number, number];
    if (m[2]) {
      const minutes = Math.round(Number(m[2]) * 1440);
      if (minutes > 0 && minutes < 1440) {
        return { ok: true, value: { year: yy, month: mm, day: dd, time: { hour: Math.floor(minutes / 60), minute: minutes % 60 }, precision: 'minute' } };
      }
    }
    return { ok: true, value: { year: yy, month: mm, day: dd, precision: 'day' } };
  }
  return fail('date-unreadable', `"${text}" is not a date throughline can read (expected e.g. 14/03/2021, 2021-03-14, 3 March 2021, April 2021 or w/c 13/09/2021)`);
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/**
 * A system export's timestamp with an explicit offset (`Z`, `+01:00`) names an instant; the
 * chronology shows the Europe/London wall clock at that instant, as every other row does.
 */
function toLondon(v: Single, offset: string): Single {
  const sign = offset === 'z' ? 0 : offset[0] === '-' ? -1 : 1;
  const digits = offset.replace(/[^0-9]/g, '');
  const offsetMinutes = sign * (Number(digits.slice(0, 2) || 0) * 60 + Number(digits.slice(2, 4) || 0));
  const instant = Date.UTC(v.year, v.month! - 1, v.day!, v.time!.hour, v.time!.minute) - offsetMinutes * 60_000;
  const parts: Record<string, number> = {};
  for (const p of LONDON.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, time: { hour: parts.hour!, minute: parts.minute! }, precision: 'minute' };
}

function monthResult(year: number, month: number, text: string): SingleParse {
  if (month < 1 || month > 12) return fail('date-impossible', `"${text}" has month ${month}, and there are only 12 months`);
  if (year < 1000 || year > 2999) return fail('date-impossible', `"${text}" has the year ${year}, which cannot be right`);
  return { ok: true, value: { year, month, precision: 'month' } };
}

function startOf(v: Single): string {
  const day = isoDay(v.year, v.month ?? 1, v.day ?? 1);
  return v.time ? withTime(day, v.time) : day;
}

/** The last day (or minute) a single value covers, inclusive. */
function endOf(v: Single): string {
  if (v.precision === 'minute') return startOf(v);
  if (v.precision === 'year') return isoDay(v.year, 12, 31);
  if (v.precision === 'month') return isoDay(v.year, v.month!, daysInMonth(v.year, v.month!));
  return isoDay(v.year, v.month!, v.day!);
}

const COARSER: Record<Precision, number> = { minute: 0, day: 1, week: 2, month: 3, year: 4, unknown: 5 };

/** A left-hand side of a range that leaves out what its right-hand side says: "1 - 5 June 2021". */
function completeLeft(left: string, right: Single, order: DateOrder): string | null {
  if (/^\d{1,2}(?:st|nd|rd|th)?$/.test(left) && right.month !== undefined) {
    return order === 'day-first' || right.day === undefined ? `${left} ${MONTH_NAMES[right.month - 1]!.toLowerCase()} ${right.year}` : null;
  }
  if (/^\d{1,2}\s*[-/.]\s*\d{1,2}$/.test(left)) return `${left}/${right.year}`;
  if (new RegExp(`^\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_WORD}$`).test(left)) return `${left} ${right.year}`;
  if (new RegExp(`^${MONTH_WORD}$`).test(left)) return `${left} ${right.year}`;
  return null;
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(CLEAN_EXCESS, '');
}

/**
 * Reads one date cell (which may carry a time) as written in a UK agency return.
 * `order` decides numeric dates such as 03/04/2021; everything else is unambiguous.
 */
export function parseDate(raw: string, order: DateOrder = 'day-first'): DateParse {
  const fast = order === 'day-first' ? parseFastDayFirst(raw) : null;
  if (fast) return fast;
  const text = raw.trim();
  if (text === '') return fail('date-missing', 'the date is blank');
  let s = normalise(text);
  let approximate = false;
  let week: 'start' | 'end' | undefined;
  for (let changed = true; changed;) {
    changed = false;
    const before = s;
    s = s.replace(UNCERTAIN_PREFIX, '').replace(UNCERTAIN_SUFFIX, '').trim();
    if (s !== before) { approximate = true; changed = true; }
    const w = s.replace(WEEK_PREFIX, '');
    if (w !== s) { week = 'start'; s = w.trim(); changed = true; }
    const we = s.replace(WEEK_END_PREFIX, '');
    if (we !== s) { week = 'end'; s = we.trim(); changed = true; }
    const wd = s.replace(WEEKDAY, '');
    if (wd !== s) { s = wd; changed = true; }
  }
  if (s === '') return fail('date-unreadable', `"${text}" has no date in it`);

  const parts = s.split(RANGE_SPLIT).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 2) return parseRange(parts[0]!, parts[1]!, text, order, approximate);

  const single = parseSingle(s, text, order);
  if (!single.ok) return single;
  const v = single.value;
  if (week) {
    if (v.precision !== 'day') return fail('date-unreadable', `"${text}" says "week ${week === 'start' ? 'commencing' : 'ending'}" but does not give a day`);
    return ok(weekOf(isoDay(v.year, v.month!, v.day!), week), approximate);
  }
  return ok({ start: startOf(v), precision: v.precision }, approximate);
}

/** The week that starts, or ends, on a day. */
function weekOf(day: string, side: 'start' | 'end'): Omit<PartialDate, 'text'> {
  const n = dayNumber(day);
  return side === 'start'
    ? { start: day, end: dayFromNumber(n + 6), precision: 'week' }
    : { start: dayFromNumber(n - 6), end: day, precision: 'week' };
}

/**
 * A date read from a column whose heading names a period ("Week Commencing", "Week Ending",
 * "Month", "Year"): a single day stands for that period. A value that says more or otherwise
 * (a time, a range, already a week, month or year) keeps what it says.
 */
export function withHeadingPeriod(date: Omit<PartialDate, 'text'>, period: HeadingPeriod): Omit<PartialDate, 'text'> {
  if (date.precision !== 'day' || date.end !== undefined) return date;
  const day = date.start;
  const out: Omit<PartialDate, 'text'> = period === 'week-start' ? weekOf(day, 'start')
    : period === 'week-end' ? weekOf(day, 'end')
      : period === 'month' ? { start: `${day.slice(0, 8)}01`, precision: 'month' }
        : { start: `${day.slice(0, 4)}-01-01`, precision: 'year' };
  return date.approximate ? { ...out, approximate: true } : out;
}

function parseRange(left: string, right: string, text: string, order: DateOrder, approximate: boolean): DateParse {
  const r = parseSingle(right, text, order);
  if (!r.ok) return r;
  let l = parseSingle(left, text, order);
  if (!l.ok) {
    const completed = completeLeft(left, r.value, order);
    if (!completed) return l;
    l = parseSingle(completed, text, order);
    if (!l.ok) return l;
  }
  const a = l.value;
  const b = r.value;
  const start = startOf(a);
  const end = endOf(b);
  if (end < start) return fail('date-range-reversed', `"${text}" ends before it starts`);
  // A range is as precise as its coarser end: "March 2021 – 14/06/2021" is month precision.
  const precision = COARSER[a.precision] >= COARSER[b.precision] ? a.precision : b.precision;
  const both = precision === 'minute' ? { start, end } : { start: start.slice(0, 10), end: end.slice(0, 10) };
  return ok({ start: both.start, end: both.end, precision }, approximate);
}

function ok(date: Omit<PartialDate, 'text'>, approximate: boolean): DateSuccess {
  return { ok: true, date: approximate ? { ...date, approximate: true } : date };
}

const C0 = 48;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * dd/mm/yyyy, d/m/yyyy and yyyy-mm-dd (with `/`, `-` or `.`), nothing else, no surrounding text:
 * most rows of most returns. Anything unusual falls through to the general reader. (Exported so
 * that the tests pin which cells take it: a fast path that declined everything would still give
 * every right answer, only slowly.)
 */
export function parseFastDayFirst(raw: string): DateParse | null {
  // A time after one space or a T: HH:MM or HH:MM:SS (a system export's timestamp).
  if (raw.length > 10) {
    const timeLength = raw.charCodeAt(raw.length - 3) === 58 && raw.charCodeAt(raw.length - 6) === 58 ? 8 : 5;
    const at = raw.length - timeLength - 1;
    if (at < 8 || at > 10) return null;
    const between = raw.charCodeAt(at);
    if (between !== 32 && between !== 84 && between !== 116) return null;
    const day = parseFastDayFirst(raw.slice(0, at));
    if (day === null || !day.ok) return null;
    const time = fastClock(raw, at + 1);
    if (time === null) return null;
    // A midnight with seconds is how spreadsheets write a date with no time.
    if (raw.length - at === 9 && raw.endsWith('00:00:00')) return day;
    return { ok: true, date: { start: withTime(day.date.start, time), precision: 'minute' } };
  }
  const n = raw.length;
  if (n < 8 || n > 10) return null;
  let i = 0;
  let a = 0;
  let c = raw.charCodeAt(0);
  if (!isDigit(c)) return null;
  while (i < n && isDigit((c = raw.charCodeAt(i)))) { a = a * 10 + c - C0; i++; }
  const aLen = i;
  if (i >= n) return null;
  const sep = raw.charCodeAt(i);
  if (sep !== 47 && sep !== 45 && sep !== 46) return null;
  i++;
  let b = 0;
  const bStart = i;
  while (i < n && isDigit((c = raw.charCodeAt(i)))) { b = b * 10 + c - C0; i++; }
  const bLen = i - bStart;
  if (bLen < 1 || bLen > 2 || i >= n || raw.charCodeAt(i) !== sep) return null;
  i++;
  let y = 0;
  const yStart = i;
  while (i < n && isDigit((c = raw.charCodeAt(i)))) { y = y * 10 + c - C0; i++; }
  if (i !== n) return null;
  const yLen = i - yStart;
  let year: number;
  let month: number;
  let day: number;
  if (aLen === 4 && yLen <= 2 && yLen >= 1) { year = a; month = b; day = y; }
  else if (aLen <= 2 && yLen === 4) { year = y; month = b; day = a; }
  else return null;
  // Anything the general reader would refuse (with its reason) is left to it.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1000 || year > 2999) return null;
  return { ok: true, date: { start: isoDay(year, month, day), precision: 'day' } };
}

/** `HH:MM` or `HH:MM:SS` (two-digit hours) from `from` to the end of `raw`, or null for anything else. */
export function fastClock(raw: string, from: number): ClockTime | null {
  const n = raw.length - from;
  if (n !== 5 && n !== 8) return null;
  const d = (k: number): number => {
    const c = raw.charCodeAt(from + k);
    return isDigit(c) ? c - C0 : -100;
  };
  if (raw.charCodeAt(from + 2) !== 58 || (n === 8 && (raw.charCodeAt(from + 5) !== 58 || d(6) < 0 || d(7) < 0))) return null;
  const hour = d(0) * 10 + d(1);
  const minute = d(3) * 10 + d(4);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 ? { hour, minute } : null;
}

/**
 * What one value says about a file's date order: a numeric date whose first part exceeds 12 can
 * only be day-first (`14/03/2021`), one whose second part does only month-first (`03/14/2021`).
 */
export function dateOrderEvidence(raw: string): 'day-first' | 'month-first' | 'ambiguous' | null {
  const m = /^\D*?(\d{1,2})\s*[-/.\\]\s*(\d{1,2})\s*[-/.\\]\s*\d{2,4}/.exec(raw);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && b <= 12) return 'day-first';
  if (b > 12 && a <= 12) return 'month-first';
  if (a <= 12 && b <= 12) return a === b ? null : 'ambiguous';
  return null;
}

/** Combines a date with a separate time cell. A time never adds precision to a coarse date. */
export function combineDateTime(date: Omit<PartialDate, 'text'>, time: ClockTime): Omit<PartialDate, 'text'> {
  if (date.precision !== 'day' || date.end !== undefined) return date;
  return { ...date, start: withTime(date.start, time), precision: 'minute' };
}
