/**
 * Key practice episodes: spans picked out for analysis. Suggested ones are spans of dense
 * multi-agency activity (at least `minEvents` records from `minAgencies` agencies within a
 * `windowDays` window, and `timesUsual` times the case's median window; overlapping windows
 * joined); a reviewer's own come from an episodes file (title, from, to). Every record in the
 * span is listed.
 */
import { ThroughlineError } from '../model/errors.js';
import { dayFromNumber, displayDay } from '../ingest/dates.js';
import { parseScope, eventPeriod } from '../timeline/scope.js';
import type { AnalysisContext } from './context.js';
import type { Episode } from './types.js';

export interface EpisodeDefinition { title: string; from: string; to: string }

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

function eventsWithin(ctx: AnalysisContext, from: string, to: string): number[] {
  const out: number[] = [];
  ctx.events.forEach((e, i) => {
    const p = eventPeriod(e.date);
    if (p && p.first >= from && p.last <= to) out.push(i);
  });
  return out;
}

/** The median of small non-negative counts, by their histogram (linear, no sort). */
function median(counts: Int32Array): number {
  if (counts.length === 0) return 0;
  let max = 0;
  for (const c of counts) if (c > max) max = c;
  const histogram = new Int32Array(max + 1);
  for (const c of counts) histogram[c]!++;
  const half = Math.floor(counts.length / 2);
  let seen = 0;
  for (let v = 0; v <= max; v++) {
    seen += histogram[v]!;
    if (seen > half) return v;
  }
  return max;
}

export function keyPracticeEpisodes(ctx: AnalysisContext, defined: readonly EpisodeDefinition[]): Episode[] {
  const episodes: Episode[] = [];
  const describe = (id: string, title: string, from: string, to: string, source: Episode['source']): Episode => {
    const members = eventsWithin(ctx, from, to);
    const agencies = ctx.timeline.agencyOrder.filter((a) => members.some((i) => ctx.events[i]!.agency === a));
    return { id, title, from, to, source, agencies, events: members.map((i) => ctx.events[i]!.id) };
  };
  defined.forEach((d, n) => episodes.push(describe(`kpe-${n + 1}`, d.title, d.from, d.to, 'user')));

  const { windowDays, minEvents, minAgencies, timesUsual } = ctx.rules.episodes;
  let datedCount = 0;
  for (let i = 0; i < ctx.events.length; i++) if (!Number.isNaN(ctx.day[i]!)) datedCount++;
  const dated = new Int32Array(datedCount);
  for (let i = 0, k = 0; i < ctx.events.length; i++) if (!Number.isNaN(ctx.day[i]!)) dated[k++] = i;
  // Each record opens a window; count the records (and agencies) in it.
  const agencyOf = new Int32Array(dated.length);
  for (let k = 0; k < dated.length; k++) agencyOf[k] = ctx.agency[dated[k]!]!;
  const counts = new Int32Array(dated.length);
  const agencyCounts = new Int32Array(dated.length);
  const inWindow = new Int32Array(ctx.timeline.agencyOrder.length);
  let distinct = 0;
  for (let lo = 0, hi = 0; lo < dated.length; lo++) {
    while (hi < dated.length && ctx.day[dated[hi]!]! - ctx.day[dated[lo]!]! <= windowDays) {
      if (inWindow[agencyOf[hi]!]++ === 0) distinct++;
      hi++;
    }
    counts[lo] = hi - lo;
    agencyCounts[lo] = distinct;
    if (--inWindow[agencyOf[lo]!]! === 0) distinct--;
  }
  // Dense is relative to the case: a busy case's ordinary fortnight is not an episode.
  const usual = median(counts);
  const threshold = Math.max(minEvents, timesUsual * usual);
  const spans: Array<[number, number]> = [];
  for (let lo = 0; lo < dated.length; lo++) {
    if (counts[lo]! < threshold || agencyCounts[lo]! < minAgencies) continue;
    const start = ctx.day[dated[lo]!]!;
    const end = ctx.day[dated[lo + counts[lo]! - 1]!]!;
    const last = spans[spans.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end); else spans.push([start, end]);
  }
  spans.forEach(([start, end], n) => {
    const from = dayFromNumber(start);
    const to = dayFromNumber(end);
    const title = `Dense multi-agency activity, ${displayDay(from)} to ${displayDay(to)}`;
    episodes.push(describe(`suggested-${n + 1}`, title, from, to, 'suggested'));
  });
  return episodes;
}
