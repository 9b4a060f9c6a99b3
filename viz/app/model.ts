/**
 * The web app's data shaping, apart from the DOM (unit-tested in tests/app/): the merged
 * chronology's pages put together, each record placed on the time axis at its own precision (a
 * day is a mark, a week or a month a span, an undated record only in the table), lanes, linked
 * groups, the shaded spells, and the zoom and pan of the axis. Days are UTC midnights, so the axis
 * never moves an hour at the clock changes.
 */
import type { ChronologyEvent, CrossAgencyLink, Precision, ReviewScope, TimelineStats } from '../../src/model/types.js';
import type { Analysis, DecisionPoint } from '../../src/analytics/types.js';
import { knownRecords } from '../../src/analytics/known.js';
import type { UserTag } from '../../src/analytics/balance.js';
import type { EpisodeDefinition } from '../../src/analytics/episodes.js';
import type { KnownBy } from './state.js';
import { displayDate, displayTime, eventPeriod } from '../../src/model/calendar.js';

/** One page of `GET /api/reviews/:id/timeline`. */
export interface TimelinePage {
  version: string;
  scope: ReviewScope;
  agencyOrder: string[];
  total: number;
  offset: number;
  limit: number;
  events: ChronologyEvent[];
  links: CrossAgencyLink[];
  stats: TimelineStats;
}

/** The whole merged chronology, from its pages. */
export interface Chronology {
  agencyOrder: string[];
  events: ChronologyEvent[];
  links: CrossAgencyLink[];
  stats: TimelineStats;
  scope: ReviewScope;
  byId: Map<string, ChronologyEvent>;
  /** The links each record is in. */
  linksOf: Map<string, CrossAgencyLink[]>;
}

/** The pages put together in order; a link on two pages is kept once. */
export function chronologyOf(pages: readonly TimelinePage[]): Chronology {
  const events = pages.flatMap((p) => p.events);
  const links = new Map<string, CrossAgencyLink>();
  for (const p of pages) for (const l of p.links) links.set(l.id, l);
  const byId = new Map(events.map((e) => [e.id, e]));
  const linksOf = new Map<string, CrossAgencyLink[]>();
  for (const l of links.values()) for (const id of l.events) linksOf.set(id, [...(linksOf.get(id) ?? []), l]);
  const first = pages[0];
  return {
    agencyOrder: first?.agencyOrder ?? [], events, links: [...links.values()], byId, linksOf,
    stats: first?.stats ?? ({} as TimelineStats), scope: first?.scope ?? { includeOutOfScope: false },
  };
}

const DAY = 86_400_000;
/** A `yyyy-mm-dd` day as the UTC midnight that starts it. */
export const dayStart = (iso: string): Date => new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)));
/** A date back to its `yyyy-mm-dd` day. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** A record's date as it wrote it, at its precision, with its time when it has one ("31/10/2021 01:30", "April 2021"). */
export function whenOf(e: ChronologyEvent): string {
  const time = displayTime(e.date);
  return time === '' ? displayDate(e.date) : `${displayDate(e.date)} ${time}`;
}

/** A record on the axis: from the start of its first day to the end of its last. */
export interface Mark {
  id: string;
  agency: string;
  x1: Date;
  x2: Date;
  /** A day or a time: drawn as a mark, not a span. */
  point: boolean;
  precision: Precision;
  /** The date as the record wrote it, at its precision ("April 2021", never 01/04/2021). */
  when: string;
  summary: string;
}

const POINT: ReadonlySet<Precision> = new Set(['minute', 'day']);

/** The records that can be placed in time, as marks; the others (no readable date) are counted. */
export function marksOf(events: readonly ChronologyEvent[]): { marks: Mark[]; undated: number } {
  const marks: Mark[] = [];
  let undated = 0;
  for (const e of events) {
    const p = eventPeriod(e.date);
    if (!p) { undated++; continue; }
    const point = POINT.has(e.date.precision) && p.first === p.last;
    marks.push({
      id: e.id, agency: e.agency, x1: dayStart(p.first), x2: new Date(dayStart(p.last).getTime() + DAY), point,
      precision: e.date.precision, when: whenOf(e), summary: e.summary,
    });
  }
  return { marks, undated };
}

/** The lanes to draw: the review's agency order, then any agency it does not name, keeping only `present` ones. */
export function lanesOf(agencyOrder: readonly string[], present: Iterable<string>): string[] {
  const seen = new Set(present);
  const lanes = agencyOrder.filter((a) => seen.has(a));
  for (const a of [...seen].sort()) if (!lanes.includes(a)) lanes.push(a);
  return lanes;
}

/** A same-event group drawn as one line through its records' marks (those on the axis). */
export interface GroupLine { link: string; kind: CrossAgencyLink['kind']; points: Array<{ id: string; agency: string; x: Date }> }

/** The linked groups among `marks`: a line through each group's marks, `refers-to` links only when asked for. */
export function groupLines(links: readonly CrossAgencyLink[], marks: readonly Mark[], withRefers: boolean): GroupLine[] {
  const at = new Map(marks.map((m) => [m.id, m]));
  const lines: GroupLine[] = [];
  for (const l of links) {
    if (l.kind === 'refers-to' && !withRefers) continue;
    const points = l.events.flatMap((id) => {
      const m = at.get(id);
      return m ? [{ id, agency: m.agency, x: new Date((m.x1.getTime() + m.x2.getTime()) / 2) }] : [];
    });
    if (points.length >= 2) lines.push({ link: l.id, kind: l.kind, points });
  }
  return lines;
}

/** A shaded spell: a key practice episode, or a time no agency saw the child. */
export interface Spell { kind: 'episode' | 'not-seen'; title: string; x1: Date; x2: Date }

export function spellsOf(analysis: Pick<Analysis, 'episodes' | 'gaps'> | undefined): Spell[] {
  if (!analysis) return [];
  const span = (from: string, to: string) => ({ x1: dayStart(from), x2: new Date(dayStart(to).getTime() + DAY) });
  return [
    ...analysis.episodes.map((e) => ({ kind: 'episode' as const, title: e.title, ...span(e.from, e.to) })),
    ...analysis.gaps.childNotSeen.map((g) => ({ kind: 'not-seen' as const, title: `Child not seen: ${g.days} days${g.provisional ? ' (provisional)' : ''}`, ...span(g.from, g.to) })),
  ];
}

export type Domain = readonly [Date, Date];

/** The marks' whole extent, with a day either side (a week when there is a single day). */
export function extentOf(marks: readonly Mark[]): Domain | undefined {
  if (marks.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of marks) { lo = Math.min(lo, m.x1.getTime()); hi = Math.max(hi, m.x2.getTime()); }
  const pad = hi - lo <= DAY ? 3 * DAY : DAY;
  return [new Date(lo - pad), new Date(hi + pad)];
}

/** The narrowest view: one week. */
export const MIN_SPAN = 7 * DAY;

/**
 * The domain zoomed by `factor` (below 1 zooms in) about `at` (a fraction across, 0–1), never
 * narrower than a week nor wider than the whole extent, and kept inside it.
 */
export function zoomed(domain: Domain, factor: number, at: number, extent: Domain): Domain {
  const [a, b] = [domain[0].getTime(), domain[1].getTime()];
  const full = extent[1].getTime() - extent[0].getTime();
  const width = Math.min(full, Math.max(MIN_SPAN, (b - a) * factor));
  const centre = a + (b - a) * Math.min(1, Math.max(0, at));
  const start = centre - width * Math.min(1, Math.max(0, at));
  return clamp(start, width, extent);
}

/** The domain moved by `fraction` of its width (negative: earlier), kept inside the extent. */
export function panned(domain: Domain, fraction: number, extent: Domain): Domain {
  const [a, b] = [domain[0].getTime(), domain[1].getTime()];
  return clamp(a + (b - a) * fraction, b - a, extent);
}

function clamp(start: number, width: number, extent: Domain): Domain {
  const lo = extent[0].getTime();
  const hi = extent[1].getTime();
  const s = Math.min(Math.max(start, lo), Math.max(lo, hi - width));
  return [new Date(s), new Date(Math.min(hi, s + width))];
}

/** The marks that overlap the domain (drawn; the others are off the axis). */
export function inDomain(marks: readonly Mark[], domain: Domain): Mark[] {
  const [a, b] = [domain[0].getTime(), domain[1].getTime()];
  return marks.filter((m) => m.x2.getTime() > a && m.x1.getTime() < b);
}

/** Every distinct value of a record field, sorted, for a filter's choices. */
export function choices(events: readonly ChronologyEvent[], field: 'agency' | 'type'): string[] {
  return [...new Set(events.map((e) => e[field]).filter((v): v is string => v !== undefined && v !== ''))].sort((a, b) => a.localeCompare(b));
}

/** Every flag some record carries, sorted. */
export function flagChoices(events: readonly ChronologyEvent[]): string[] {
  return [...new Set(events.flatMap((e) => e.flags))].sort();
}

/** About how wide a character of the 10 px labels is. */
const CHAR_PX = 5.5;

/**
 * The episodes whose titles can be written over them: each title cut to the episode's width on
 * the axis (with an ellipsis), and left out when not even a few letters fit; the legend and the
 * Analysis tab name every episode.
 */
export function episodeLabels(spells: readonly Spell[], domain: Domain, plotWidth: number): Array<Spell & { title: string }> {
  const perMs = plotWidth / (domain[1].getTime() - domain[0].getTime());
  const out: Spell[] = [];
  for (const s of spells) {
    if (s.kind !== 'episode') continue;
    const x1 = Math.max(s.x1.getTime(), domain[0].getTime());
    const x2 = Math.min(s.x2.getTime(), domain[1].getTime());
    const fits = Math.floor(((x2 - x1) * perMs - 4) / CHAR_PX);
    if (fits < 4) continue;
    out.push({ ...s, x1: new Date(x1), title: s.title.length <= fits ? s.title : `${s.title.slice(0, fits - 1)}…` });
  }
  return out;
}

/**
 * The marks worth drawing at this zoom: where several records of one lane fall within `px` pixels
 * of each other (a day mark) or share the same pixels (a span), one stands for them all, so the
 * whole of a 10,000-record chronology draws as a few thousand marks and stays quick; zooming in
 * brings every record back. `keep` (the selected record) is always drawn.
 */
export function thinned(marks: readonly Mark[], domain: Domain, plotWidth: number, px = 2, keep?: string): Mark[] {
  const a = domain[0].getTime();
  const perPx = (domain[1].getTime() - a) / Math.max(1, plotWidth);
  const lanes = new Map<string, { points: Set<number>; spans: Set<number> }>();
  const out: Mark[] = [];
  for (const m of marks) {
    let lane = lanes.get(m.agency);
    if (!lane) { lane = { points: new Set(), spans: new Set() }; lanes.set(m.agency, lane); }
    const [seen, key] = m.point
      ? [lane.points, Math.floor(((m.x1.getTime() + m.x2.getTime()) / 2 - a) / perPx / px)]
      : [lane.spans, Math.round((m.x1.getTime() - a) / perPx) * 1e6 + Math.round((m.x2.getTime() - a) / perPx)];
    if (m.id === keep || !seen.has(key)) {
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}

/** A reviewer's tag on a record (the tags setting): the engine's own. */
export type Tag = UserTag;
export const TAG_WORDS: Record<Tag, string> = { good: 'Good practice', missed: 'Missed opportunity', incident: 'Incident to follow' };

/** A record's tags with one more: good practice and a missed opportunity exclude each other; an incident goes with either. */
export function withTag(current: Tag | Tag[] | undefined, tag: Tag): Tag | Tag[] {
  const list = current === undefined ? [] : Array.isArray(current) ? current : [current];
  const kept = list.filter((t) => t !== tag && (tag === 'incident' || t === 'incident'));
  const next = [...kept, tag].sort((a, b) => TAG_ORDER.indexOf(a) - TAG_ORDER.indexOf(b));
  return next.length === 1 ? next[0]! : next;
}
const TAG_ORDER: readonly Tag[] = ['good', 'missed', 'incident'];

/**
 * A reviewer's episodes with one written in: a new one added at the end, or the one at `at`
 * replaced in its place (an edit keeps the order the reviewer gave them). The list given is not
 * changed; `at` outside it is refused, never silently turned into an addition.
 */
export function withEpisode(mine: readonly EpisodeDefinition[], episode: EpisodeDefinition, at?: number): EpisodeDefinition[] {
  if (at === undefined) return [...mine, episode];
  if (!Number.isInteger(at) || at < 0 || at >= mine.length) throw new RangeError(`no episode ${at} to change: there are ${mine.length}`);
  return mine.map((m, i) => (i === at ? episode : m));
}

/** The chronology as the decision's agency could know it on its day. */
export function knownByOf(analysis: Analysis, chronology: { events: readonly ChronologyEvent[] }, decision: DecisionPoint): KnownBy {
  return {
    agency: decision.agency, on: decision.date, event: decision.event, title: decision.title.toLowerCase(),
    records: knownRecords(analysis.knowledge, chronology, decision.agency, decision.date),
  };
}

