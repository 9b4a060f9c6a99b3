/**
 * Dates a person types rather than an agency exports: the review scope (`--from 2021`), the
 * child's date of birth (`--dob 14/08/2019`) and a reviewer's episodes file. Read by the same
 * parser as the chronologies, into the `yyyy-mm-dd` days the merge and the analysis take.
 */
import { ThroughlineError } from '../model/errors.js';
import { eventPeriod } from '../model/calendar.js';
import type { ScopeBounds } from '../timeline/scope.js';
import type { EpisodeDefinition } from '../analytics/episodes.js';
import { parseDate } from './dates.js';

/** Reads `--from`/`--to` as a person writes them: `--from 2021` is 2021-01-01, `--to 2021` is 2021-12-31. */
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

/** Reads one day as a person writes it (`--on 04/03/2020`) into `yyyy-mm-dd`; the error names the option. */
export function parseDay(text: string, option: string, code = 'day-invalid'): string {
  const parsed = parseDate(text);
  if (!parsed.ok || parsed.date.precision !== 'day' || parsed.date.end !== undefined) {
    throw new ThroughlineError(code, `${option} ${text}: expected a single day, e.g. 14/08/2019${parsed.ok ? '' : ` (${parsed.reason})`}`);
  }
  return parsed.date.start;
}

/** Reads a date of birth as a person writes it (one day) into `yyyy-mm-dd`. */
export function parseDob(text: string): string {
  return parseDay(text, '--dob', 'dob-invalid');
}

/** Checks a user's episodes file: a list of { title, from, to }, dates as a person writes them. */
export function validateEpisodes(value: unknown, name: string): EpisodeDefinition[] {
  const bad = (key: string, expected: string): ThroughlineError =>
    new ThroughlineError('episodes-invalid', `${name}: "${key}" is invalid: expected ${expected}`, name);
  if (!Array.isArray(value)) throw bad('(root)', 'a list of { "title", "from", "to" }');
  return value.map((x: unknown, i: number) => {
    if (typeof x !== 'object' || x === null) throw bad(`[${i}]`, 'an object');
    const o = x as Record<string, unknown>;
    if (typeof o.title !== 'string' || o.title.trim() === '') throw bad(`[${i}].title`, 'a title');
    if (typeof o.from !== 'string') throw bad(`[${i}].from`, 'a date, e.g. 01/06/2021');
    if (typeof o.to !== 'string') throw bad(`[${i}].to`, 'a date, e.g. 30/06/2021');
    try {
      const s = parseScope(o.from, o.to);
      return { title: o.title, from: s.from!, to: s.to! };
    } catch (e) {
      throw bad(`[${i}]`, `readable dates from ≤ to (${(e as Error).message})`);
    }
  });
}
