/**
 * The days a record's text names ("seen in ED 03/02", "on 30/10", "the incident of 12th November
 * 2022", "on Saturday"): how a notification or a letter received says which earlier event it
 * reports. Each candidate is read on the calendar of the model, day-first as UK narrative is
 * written (month words and two-digit years as the ingest parser reads them); a date without a
 * year is in the record's year, or the year before when that is at most YEARLESS_DAYS_BACK
 * before the record; a day of the week is the last such day before the record's.
 */
import { MONTHS, dayFromNumber, dayNumber, fullYear, isoDay, isRealDay } from '../model/calendar.js';

/**
 * A day and month, with an optional year: `03/02`, `3/2/21`, `03.02.2021`, `3rd Feb`, `3 February
 * 2021`. Not a clock time (`10.05`, `9.15am`, `at 10/30` never reach the parser as dates: a time
 * has a point, not a slash, and a point-separated pair needs its year), not part of a longer
 * number or fraction (`24/7/365`, `1/2/3/4`).
 */
const NAMED_DAY = /(?<![\d/.])(\d{1,2})(?:\/(\d{1,2})(?:\/(\d{4}|\d{2}))?|\.(\d{1,2})\.(\d{4}|\d{2}))(?![\d/]|\.\d)|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?(?:\s+(\d{4}))?\b/g;
/** Quotes, brackets, bullets and spaces before a record's (or a type's) first word. */
export const LEADING_MARKS = /^[\s"'“‘([*•-]+/;
/** How far back a date written without its year may lie in the year before the record's. */
export const YEARLESS_DAYS_BACK = 92;
/** Words naming the day before the record's: "yesterday", "last night", "the previous day". */
const RELATIVE_DAY = /\b(?:yesterday|last night|the (?:previous|preceding) (?:day|evening|night)|the day before|the night before)\b/gi;
/**
 * A night named ("last night", "on Saturday night", "the night before") runs past midnight: an
 * incident of "Saturday night" is often recorded in the first hours of Sunday.
 */
const NIGHT = /\b(?:last|the (?:previous|preceding)) night\b|\bnight before\b/i;
const NIGHT_AFTER = /^\s+night\b/i;
const NONE: readonly number[] = Object.freeze([]);
/**
 * A day of the week ("on Saturday", "arrested Tues", "stabbed Saturday night"): the last such day
 * before the record's. Not a day to come or a habit ("next Monday", "every Friday", "Mondays",
 * "Thursday week": NOT_PAST_BEFORE and NOT_PAST_AFTER), nor the weekday of a date written
 * beside it ("Fri 30th Sept"); abbreviations only where they are no other word (not "sat",
 * "sun", "wed", "mon"). Found by a plain expression and the words around it read after: a look
 * behind at every place of every text costs about a second a million records.
 */
const WEEKDAY = /\b((?:sun|mon|tues|wednes|thurs|fri|satur)day|tues?|weds|thu(?:rs?)?|fri)\b/gi;
/** Words just before a weekday that make it one to come or a habit. */
const NOT_PAST_BEFORE = /\b(?:next|every|each|following|coming|until|till|by|before)\s+$/i;
/** Words just after a weekday that make it a date's weekday or one to come. */
const NOT_PAST_AFTER = /^\s*(?:\d|week\b)/i;
/** Each weekday's place (Sunday 0) by its name's first three letters. */
const WEEKDAY_INDEX: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
/** A quick test before the full expression: most records name no date at all. */
const MAY_NAME_DAY = /\d[/.]\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]{3}/;

/**
 * The day numbers a text names that fall on or before `onDay` and no more than `maxDaysBack`
 * before it, distinct, in the order first named.
 */
export function namedDays(text: string, onDay: number, maxDaysBack: number): readonly number[] {
  // "yesterday", "last night": the day before the record.
  RELATIVE_DAY.lastIndex = 0;
  const yesterday = RELATIVE_DAY.test(text);
  let out: number[] | undefined = yesterday ? [onDay - 1] : undefined;
  // "last night": the day before, and the record's own day for what happened after midnight.
  if (yesterday && NIGHT.test(text)) (out ??= []).push(onDay);
  // 1970-01-01, day 0, was a Thursday.
  const ownWeekday = (((onDay + 4) % 7) + 7) % 7;
  WEEKDAY.lastIndex = 0;
  for (let m = WEEKDAY.exec(text); m !== null; m = WEEKDAY.exec(text)) {
    const end = m.index + m[0].length;
    if (NOT_PAST_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index)) || NOT_PAST_AFTER.test(text.slice(end, end + 6))) continue;
    const back = (ownWeekday - WEEKDAY_INDEX[m[1]!.slice(0, 3).toLowerCase()]! + 7) % 7 || 7;
    if (back > maxDaysBack) continue;
    if (out === undefined) out = [onDay - back];
    else if (!out.includes(onDay - back)) out.push(onDay - back);
    // "Saturday night": the Saturday, and the Sunday's first hours.
    if (NIGHT_AFTER.test(text.slice(end, end + 7)) && !out.includes(onDay - back + 1)) out.push(onDay - back + 1);
  }
  // Most records name no day: they share one empty answer rather than a million of their own.
  if (!MAY_NAME_DAY.test(text)) return out ?? NONE;
  out ??= [];
  const ownYear = Number(dayFromNumber(onDay).slice(0, 4));
  NAMED_DAY.lastIndex = 0;
  for (let m = NAMED_DAY.exec(text); m !== null; m = NAMED_DAY.exec(text)) {
    const day = Number(m[1] ?? m[6]!);
    const month = m[7] !== undefined ? MONTHS[m[7].toLowerCase()] : Number(m[2] ?? m[4]!);
    const year = m[3] ?? m[5] ?? m[8];
    const candidates = year !== undefined ? [fullYear(year)] : [ownYear, ownYear - 1];
    for (const y of candidates) {
      if (month === undefined || !isRealDay(y, month, day)) break;
      const n = dayNumber(isoDay(y, month, day));
      // Without a year: this year, or last year when that is the recent past (a letter in
      // January about 28/12); a day later this year is a date to come, not an event reported.
      if (n > onDay) continue;
      if (year === undefined && y !== candidates[0] && onDay - n > YEARLESS_DAYS_BACK) break;
      if (onDay - n <= maxDaysBack && !out.includes(n)) out.push(n);
      break;
    }
  }
  return out;
}

