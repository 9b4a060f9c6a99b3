/**
 * The review's scope (terms of reference): events whose period lies wholly outside it are
 * excluded from the merged chronology, or kept and marked when the user asks.
 */
import { ThroughlineError } from '../model/errors.js';
import type { ChronologyEvent, PartialDate } from '../model/types.js';
import { daysInMonth, parseDate } from '../ingest/dates.js';

export interface ScopeBounds {
  from?: string;
  to?: string;
}

/**
 * Whether an event's date is one known day: a day, or a minute (its start known to the minute,
 * even when the record also gives when it closed), not a range of days, a week or coarser.
 */
export function isOnKnownDay(e: ChronologyEvent): boolean {
  if (e.date.start === '') return false;
  return e.date.precision === 'minute' || (e.date.precision === 'day' && e.date.end === undefined);
}

/** The first and last day an event's date covers (inclusive), or null when undated. */
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

/** Reads `--from`/`--to` as a person writes them: `--to 2021` means the end of 2021. */
export function parseScope(from: string | undefined, to: string | undefined): ScopeBounds {
  const bound = (text: string, which: 'from' | 'to'): string => {
    const parsed = parseDate(text, 'day-first');
    if (!parsed.ok) throw new ThroughlineError('scope-invalid', `--${which} ${text}: ${parsed.reason}`);
    const period = eventPeriod({ ...parsed.date, text });
    return which === 'from' ? period!.first : period!.last;
  };
  const scope: ScopeBounds = {};
  if (from !== undefined) scope.from = bound(from, 'from');
  if (to !== undefined) scope.to = bound(to, 'to');
  if (scope.from && scope.to && scope.to < scope.from) {
    throw new ThroughlineError('scope-invalid', `the review scope ends (${to}) before it starts (${from})`);
  }
  return scope;
}

/** An event is in scope when any part of its period falls inside the scope; undated events always are. */
export function inScope(event: ChronologyEvent, scope: ScopeBounds): boolean {
  if (scope.from === undefined && scope.to === undefined) return true;
  const period = eventPeriod(event.date);
  if (!period) return true;
  if (scope.from !== undefined && period.last < scope.from) return false;
  if (scope.to !== undefined && period.first > scope.to) return false;
  return true;
}
