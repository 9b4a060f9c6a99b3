/**
 * For each record dated to a day: the child's age then (when a date of birth is given), as a
 * person says it, and the days since the previous record dated to a day.
 */
import { dayNumber, daysInMonth } from '../model/calendar.js';
import type { AnalysisContext } from './context.js';
import type { EventTiming } from './types.js';
import { count } from '../model/words.js';

/** Age as a child health record gives it: days under a month, months under two years, then years and months. */
export function ageText(dob: string, day: string): string {
  const [by, bm, bd] = [Number(dob.slice(0, 4)), Number(dob.slice(5, 7)), Number(dob.slice(8, 10))];
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  let months = (y - by) * 12 + (m - bm);
  // A birthday on the 31st is reached on the last day of a shorter month.
  if (d < Math.min(bd, daysInMonth(y, m))) months--;
  if (months < 1) {
    const days = dayNumber(day) - dayNumber(dob);
    return count(days, 'day');
  }
  if (months < 24) return count(months, 'month');
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? `${years} years` : `${years} years ${count(rest, 'month')}`;
}

export function eventTiming(ctx: AnalysisContext, dob?: string): EventTiming[] {
  const out: EventTiming[] = [];
  const birth = dob !== undefined ? dayNumber(dob) : undefined;
  let previous = Number.NaN;
  for (let i = 0; i < ctx.events.length; i++) {
    const day = ctx.day[i]!;
    if (Number.isNaN(day)) continue;
    const e = ctx.events[i]!;
    const since = Number.isNaN(previous) ? undefined : day - previous;
    previous = day;
    // Built whole in one literal per case (absent values are left out of the JSON).
    out.push(dob !== undefined && birth !== undefined && day >= birth
      ? { event: e.id, age: ageText(dob, e.date.start.slice(0, 10)), ageDays: day - birth, sincePrevious: since }
      : { event: e.id, sincePrevious: since });
  }
  return out;
}
