/**
 * Silences in the chronology: the longest spells with no event at all, per agency, and — the one
 * reviewers most need — spells in which no agency saw the child. A gap runs from the day of one
 * event to the day of the next; only events dated to a day bound a gap (a month is not a day),
 * and coarser events that might fall inside are listed as `uncertain`.
 */
import { dayFromNumber, dayNumber } from '../ingest/dates.js';
import { eventPeriod } from '../timeline/scope.js';
import type { AnalysisContext } from './context.js';
import type { Gap, Sighting } from './types.js';

/** How many gaps each list keeps (longest first). */
export const GAPS_LISTED = 10;
/** How many gaps are kept for each agency. */
export const GAPS_PER_AGENCY = 3;

/**
 * The `limit` longest gaps between consecutive members (indices into the events, in merged order,
 * all on known days), longest first, then earliest. Only those are turned into findings.
 */
function longestGaps(ctx: AnalysisContext, members: readonly number[], limit: number, agency?: string): Gap[] {
  const kept: number[] = [];
  const earlier = (x: number, y: number): boolean => {
    const dx = ctx.day[members[x]!]! - ctx.day[members[x - 1]!]!;
    const dy = ctx.day[members[y]!]! - ctx.day[members[y - 1]!]!;
    return dx > dy || (dx === dy && x < y);
  };
  for (let k = 1; k < members.length; k++) {
    const days = ctx.day[members[k]!]! - ctx.day[members[k - 1]!]!;
    if (days <= 1) continue;
    if (kept.length === limit) {
      const worst = kept[kept.length - 1]!;
      if (!earlier(k, worst)) continue;
      kept.pop();
    }
    let at = kept.length;
    while (at > 0 && earlier(k, kept[at - 1]!)) at--;
    kept.splice(at, 0, k);
  }
  return kept.map((k) => {
    const a = members[k - 1]!;
    const b = members[k]!;
    const gap: Gap = { from: dayFromNumber(ctx.day[a]!), to: dayFromNumber(ctx.day[b]!), days: ctx.day[b]! - ctx.day[a]!, before: ctx.events[a]!.id, after: ctx.events[b]!.id };
    if (agency !== undefined) gap.agency = agency;
    return gap;
  });
}

/** Coarse-dated events (of `agency`, if given) whose period overlaps the gap. */
function uncertainIn(coarse: readonly Coarse[], gap: Gap, agency?: string): string[] {
  const out: string[] = [];
  for (const c of coarse) {
    if (agency !== undefined && c.agency !== agency) continue;
    if (c.last > gap.from && c.first < gap.to) out.push(c.id);
  }
  return out;
}

interface Coarse { id: string; agency: string; first: string; last: string }

export function findGaps(ctx: AnalysisContext, sightings: readonly Sighting[], sightingIndex: readonly number[]): { overall: Gap[]; byAgency: Gap[]; childNotSeen: Gap[] } {
  const dated: number[] = [];
  const byAgency = new Map<string, number[]>();
  for (let i = 0; i < ctx.events.length; i++) {
    if (Number.isNaN(ctx.day[i]!)) continue;
    dated.push(i);
    const agency = ctx.events[i]!.agency;
    const list = byAgency.get(agency);
    if (list) list.push(i); else byAgency.set(agency, [i]);
  }
  const coarse: Coarse[] = [];
  for (const e of ctx.events) {
    if (e.date.precision !== 'week' && e.date.precision !== 'month' && e.date.precision !== 'year' && e.date.end === undefined) continue;
    const p = eventPeriod(e.date);
    if (p) coarse.push({ id: e.id, agency: e.agency, ...p });
  }
  const overall = longestGaps(ctx, dated, GAPS_LISTED);
  for (const g of overall) {
    const u = uncertainIn(coarse, g);
    if (u.length > 0) g.uncertain = u;
  }
  const agencyGaps: Gap[] = [];
  for (const agency of ctx.timeline.agencyOrder) {
    const gaps = longestGaps(ctx, byAgency.get(agency) ?? [], GAPS_PER_AGENCY, agency);
    for (const g of gaps) {
      const u = uncertainIn(coarse, g, agency);
      if (u.length > 0) g.uncertain = u;
    }
    agencyGaps.push(...gaps);
  }

  const seen = sightingIndex.filter((_, k) => sightings[k]!.decision === 'seen' && sightings[k]!.onKnownDay);

  const notSeen = sightingIndex.filter((i, k) => sightings[k]!.decision === 'not-seen' && !Number.isNaN(ctx.day[i]!));
  const seenIds = new Set(sightings.filter((s) => s.decision === 'seen').map((s) => s.event));
  const childNotSeen = longestGaps(ctx, seen, GAPS_LISTED);
  for (const g of childNotSeen) {
    const from = dayNumber(g.from);
    const to = dayNumber(g.to);
    const attempts = notSeen.filter((i) => ctx.day[i]! > from && ctx.day[i]! < to).map((i) => ctx.events[i]!.id);
    if (attempts.length > 0) g.notSeen = attempts;
    const u = uncertainIn(coarse, g).filter((id) => seenIds.has(id));
    if (u.length > 0) g.uncertain = u;
  }
  agencyGaps.sort((a, b) => b.days - a.days || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { overall, byAgency: agencyGaps, childNotSeen };
}
