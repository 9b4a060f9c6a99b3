/**
 * Which records of a merged chronology a person asked to see: by agency, type, flag, date range
 * and text. The one filter the review server's timeline route and the web app's views share.
 * Dates keep their precision: a record dated "April 2021" is in a range when April 2021 overlaps
 * it, and a record with no readable date is in no range.
 */
import type { ChronologyEvent, EventFlag } from '../model/types.js';
import { eventPeriod } from '../model/calendar.js';
import { parseScope } from '../ingest/arguments.js';

export interface EventFilter {
  /** Agencies to keep (none: all). */
  agency?: readonly string[];
  /** The record's type, whole and in any case. */
  type?: string;
  /** Flags a record must all carry. */
  flag?: readonly string[];
  /** The range as a person types it (`01/03/2021`, `March 2021`, `2021-03-01`); a bad one throws the coded error of `parseScope`. */
  from?: string;
  to?: string;
  /** Text in the summary, type, outcome, practitioner, date as written, or any other column. */
  q?: string;
}

/** Whether the filter keeps everything. */
export function isEmptyFilter(f: EventFilter): boolean {
  return (f.agency === undefined || f.agency.length === 0) && (f.type ?? '') === '' && (f.flag === undefined || f.flag.length === 0)
    && (f.from ?? '') === '' && (f.to ?? '') === '' && (f.q ?? '').trim() === '';
}

/** The text a record is searched in, lower case. */
export function searchText(e: ChronologyEvent): string {
  return [e.summary, e.type, e.outcome, e.practitioner, e.date.text, ...Object.values(e.extra ?? {})].join(' ').toLowerCase();
}

/** The test a record must pass; the range is read once, here. */
export function eventMatcher(f: EventFilter, text: (e: ChronologyEvent) => string = searchText): (e: ChronologyEvent) => boolean {
  const range = parseScope((f.from ?? '') === '' ? undefined : f.from, (f.to ?? '') === '' ? undefined : f.to);
  const agencies = f.agency && f.agency.length > 0 ? new Set(f.agency) : undefined;
  const type = (f.type ?? '') === '' ? undefined : f.type!.toLowerCase();
  const flags = f.flag && f.flag.length > 0 ? f.flag : undefined;
  const words = f.q?.trim().toLowerCase();
  return (e) => {
    if (agencies && !agencies.has(e.agency)) return false;
    if (type && (e.type ?? '').toLowerCase() !== type) return false;
    if (flags && !flags.every((flag) => e.flags.includes(flag as EventFlag))) return false;
    if (range.from !== undefined || range.to !== undefined) {
      const p = eventPeriod(e.date);
      if (!p) return false;
      if (range.from !== undefined && p.last < range.from) return false;
      if (range.to !== undefined && p.first > range.to) return false;
    }
    return !words || text(e).includes(words);
  };
}

/** The records the filter keeps, in merged order (the same array when it keeps everything). */
export function filterEvents(events: readonly ChronologyEvent[], f: EventFilter): readonly ChronologyEvent[] {
  if (isEmptyFilter(f)) return events;
  return events.filter(eventMatcher(f));
}
