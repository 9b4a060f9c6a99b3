/**
 * The review's scope (terms of reference): events whose period lies wholly outside it are
 * excluded from the merged chronology, or kept and marked when the user asks.
 */
import { ThroughlineError } from '../model/errors.js';
import type { ChronologyEvent } from '../model/types.js';
import { eventPeriod, isIsoDay } from '../model/calendar.js';

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

/**
 * The scope's bounds, checked: each a real day written `yyyy-mm-dd`, the first not after the
 * last. Dates as a person writes them (`2021`, `April 2021`) are read by `parseScope` in the
 * ingest layer, which gives days.
 */
export function checkScope(from: string | undefined, to: string | undefined): ScopeBounds {
  const scope: ScopeBounds = {};
  for (const [which, day] of [['from', from], ['to', to]] as const) {
    if (day === undefined) continue;
    if (!isIsoDay(day)) throw new ThroughlineError('scope-invalid', `the scope's ${which} is "${day}": expected a day written yyyy-mm-dd, e.g. 2021-01-01`);
    scope[which] = day;
  }
  if (scope.from && scope.to && scope.to < scope.from) {
    throw new ThroughlineError('scope-invalid', `the review scope ends (${scope.to}) before it starts (${scope.from})`);
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
