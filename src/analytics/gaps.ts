/**
 * Silences in the chronology: the longest spells with no event at all, per agency, and — the one
 * reviewers most need — spells in which no agency saw the child. A gap runs from the day of one
 * event to the day of the next; only events dated to a day bound a gap (a month is not a day),
 * and coarser events that might fall inside are listed as `uncertain`.
 */
import { dayFromNumber, dayNumber, eventPeriod } from '../model/calendar.js';
import type { AnalysisContext } from './context.js';
import type { Gap, Sighting } from './types.js';

/** How many gaps each list keeps (longest first). */
export const GAPS_LISTED = 10;
/** How many gaps are kept for each agency. */
export const GAPS_PER_AGENCY = 3;

/**
 * Keeps the `limit` longest gaps offered (longest first, then earliest), each a pair of records
 * (indices into the events, both on known days). Only those become findings.
 */
class LongestGaps {
  private readonly kept: Array<{ a: number; b: number; days: number }> = [];

  constructor(private readonly ctx: AnalysisContext, private readonly limit: number, private readonly agency?: string) {}

  offer(a: number, b: number): void {
    const days = this.ctx.day[b]! - this.ctx.day[a]!;
    if (days <= 1) return;
    const kept = this.kept;
    // Offered in record order, so a tie keeps the earlier gap.
    if (kept.length === this.limit && days <= kept[kept.length - 1]!.days) return;
    let at = kept.length;
    while (at > 0 && days > kept[at - 1]!.days) at--;
    kept.splice(at, 0, { a, b, days });
    if (kept.length > this.limit) kept.pop();
  }

  gaps(): Gap[] {
    return this.kept.map(({ a, b, days }) => {
      const gap: Gap = { from: dayFromNumber(this.ctx.day[a]!), to: dayFromNumber(this.ctx.day[b]!), days, before: this.ctx.events[a]!.id, after: this.ctx.events[b]!.id };
      if (this.agency !== undefined) gap.agency = this.agency;
      return gap;
    });
  }
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
  // One pass: each record on a known day closes the gap since the previous one, overall and in its agency.
  const overallGaps = new LongestGaps(ctx, GAPS_LISTED);
  const order = ctx.timeline.agencyOrder;
  const perAgency = order.map((agency) => new LongestGaps(ctx, GAPS_PER_AGENCY, agency));
  const previousOf = new Int32Array(order.length).fill(-1);
  let previous = -1;
  for (let i = 0; i < ctx.events.length; i++) {
    if (Number.isNaN(ctx.day[i]!)) continue;
    if (previous !== -1) overallGaps.offer(previous, i);
    previous = i;
    const ai = ctx.agency[i]!;
    if (previousOf[ai] !== -1) perAgency[ai]!.offer(previousOf[ai]!, i);
    previousOf[ai] = i;
  }
  const coarse: Coarse[] = [];
  for (const e of ctx.events) {
    if (e.date.precision !== 'week' && e.date.precision !== 'month' && e.date.precision !== 'year' && e.date.end === undefined) continue;
    const p = eventPeriod(e.date);
    if (p) coarse.push({ id: e.id, agency: e.agency, ...p });
  }
  const overall = overallGaps.gaps();
  for (const g of overall) {
    const u = uncertainIn(coarse, g);
    if (u.length > 0) g.uncertain = u;
  }
  const agencyGaps: Gap[] = [];
  for (const [ai, agency] of order.entries()) {
    const gaps = perAgency[ai]!.gaps();
    for (const g of gaps) {
      const u = uncertainIn(coarse, g, agency);
      if (u.length > 0) g.uncertain = u;
    }
    agencyGaps.push(...gaps);
  }

  const seenGaps = new LongestGaps(ctx, GAPS_LISTED);
  let lastSeen = -1;
  sightingIndex.forEach((i, k) => {
    if (sightings[k]!.decision !== 'seen' || !sightings[k]!.onKnownDay) return;
    if (lastSeen !== -1) seenGaps.offer(lastSeen, i);
    lastSeen = i;
  });

  const notSeen = sightingIndex.filter((i, k) => sightings[k]!.decision === 'not-seen' && !Number.isNaN(ctx.day[i]!));
  const seenIds = new Set(sightings.filter((s) => s.decision === 'seen').map((s) => s.event));
  const childNotSeen = seenGaps.gaps();
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
