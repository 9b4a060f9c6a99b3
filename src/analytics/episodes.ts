/**
 * Key practice episodes: spans picked out for analysis. Suggested ones are spans of dense
 * multi-agency activity (at least `minEvents` records from `minAgencies` agencies within a
 * `windowDays` window, and `timesUsual` times the case's median window; overlapping windows
 * joined); a reviewer's own come from an episodes file (title, from, to). Every record in the
 * span is listed.
 */
import { ThroughlineError } from '../model/errors.js';
import { dayFromNumber, displayDay, eventPeriod } from '../model/calendar.js';
import { checkScope } from '../timeline/scope.js';
import type { AnalysisContext } from './context.js';
import type { Episode } from './types.js';

/** A reviewer's episode: its title and its first and last day, `yyyy-mm-dd` (`validateEpisodes` reads a file of them). */
export interface EpisodeDefinition { title: string; from: string; to: string }

function checkEpisode(d: EpisodeDefinition, n: number): void {
  try {
    const s = checkScope(d.from, d.to);
    if (s.from === undefined || s.to === undefined) throw new Error('from and to are both needed');
  } catch (e) {
    throw new ThroughlineError('episodes-invalid', `episode ${n + 1} ("${d.title}"): ${(e as Error).message}`);
  }
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
  defined.forEach((d, n) => {
    checkEpisode(d, n);
    episodes.push(describe(`kpe-${n + 1}`, d.title, d.from, d.to, 'user'));
  });

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
