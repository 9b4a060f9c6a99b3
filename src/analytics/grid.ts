/**
 * The involvement grid (the RCA toolkit's time-person grid): agency × period counts with event
 * types, each agency's first and last contact, and the agencies involved in each period. An event
 * is placed in a period only when its whole date lies inside it: "April 2021" is in April's
 * column of a monthly grid, but in no week of a weekly one (it is listed as not placed).
 */
import { dayFromNumber, dayNumber, eventPeriod } from '../model/calendar.js';
import type { AnalysisContext } from './context.js';
import type { GridCell, GridPeriod, InvolvementGrid } from './types.js';

/** The period a day falls in: `2021-03-15` (the Monday of its week), `2021-03`, or `2021-Q1`. */
export function periodOf(day: string, period: GridPeriod): string {
  if (period === 'month') return day.slice(0, 7);
  if (period === 'quarter') return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  const n = dayNumber(day);
  return dayFromNumber(n - ((((n + 3) % 7) + 7) % 7));
}

/** First and last day of a period key. */
export function periodBounds(key: string, period: GridPeriod): { from: string; to: string } {
  if (period === 'week') return { from: key, to: dayFromNumber(dayNumber(key) + 6) };
  const year = Number(key.slice(0, 4));
  const firstMonth = period === 'month' ? Number(key.slice(5, 7)) : (Number(key.slice(6)) - 1) * 3 + 1;
  const lastMonth = period === 'month' ? firstMonth : firstMonth + 2;
  const from = `${key.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`;
  const next = lastMonth === 12 ? `${year + 1}-01-01` : `${key.slice(0, 4)}-${String(lastMonth + 1).padStart(2, '0')}-01`;
  return { from, to: dayFromNumber(dayNumber(next) - 1) };
}

function nextPeriod(key: string, period: GridPeriod): string {
  const { to } = periodBounds(key, period);
  return periodOf(dayFromNumber(dayNumber(to) + 1), period);
}

/** A cell while the grid is built, with its types counted in a short list found by comparing strings. */
interface CellTally { cell: GridCell; types: string[]; counts: number[] }

export function involvementGrid(ctx: AnalysisContext, period: GridPeriod): InvolvementGrid {
  const order = ctx.timeline.agencyOrder;
  // A cell has a few types: comparing strings finds each one sooner than hashing a million type
  // strings would (as a map, or the `types` object, keyed by them does). The counts become the
  // cell's `types` object at the end.
  const cells = new Map<string, CellTally>();
  const notPlaced: string[] = [];
  const stats = order.map(() => ({ count: 0, first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY, firstEvent: '', lastEvent: '' }));
  // Each agency's cell for the period it was last seen in: records come in date order.
  const current: Array<CellTally | undefined> = order.map(() => undefined);
  let firstKey: string | undefined;
  let latestKey: string | undefined;
  let lastDay = Number.NaN;
  let lastKey = '';
  for (let i = 0; i < ctx.events.length; i++) {
    const e = ctx.events[i]!;
    const ai = ctx.agency[i]!;
    const a = stats[ai]!;
    let first = ctx.day[i]!;
    let last = first;
    if (Number.isNaN(first)) {
      const p = eventPeriod(e.date);
      if (!p) { notPlaced.push(e.id); continue; }
      first = dayNumber(p.first);
      last = dayNumber(p.last);
    }
    if (first < a.first) { a.first = first; a.firstEvent = e.id; }
    // On a tie the later record in the merged order is the last contact (15:00 after 10:00).
    if (last >= a.last) { a.last = last; a.lastEvent = e.id; }
    if (first !== lastDay) { lastDay = first; lastKey = periodOf(dayFromNumber(first), period); }
    const key = lastKey;
    if (last !== first && key !== periodOf(dayFromNumber(last), period)) { notPlaced.push(e.id); continue; }
    a.count++;
    let tally = current[ai];
    if (tally === undefined || tally.cell.period !== key) {
      const cellKey = `${e.agency}\u0000${key}`;
      tally = cells.get(cellKey);
      if (!tally) cells.set(cellKey, (tally = { cell: { agency: e.agency, period: key, count: 0, types: {}, events: [] }, types: [], counts: [] }));
      current[ai] = tally;
    }
    tally.cell.count++;
    tally.cell.events.push(e.id);
    const type = e.type ?? '(no type)';
    const t = tally.types.indexOf(type);
    if (t === -1) { tally.types.push(type); tally.counts.push(1); } else tally.counts[t]!++;
    if (firstKey === undefined || key < firstKey) firstKey = key;
    if (latestKey === undefined || key > latestKey) latestKey = key;
  }
  for (const { cell, types, counts } of cells.values()) cell.types = Object.fromEntries(types.map((t, k) => [t, counts[k]!]));
  const agencies: InvolvementGrid['agencies'] = order.map((agency, ai) => {
    const a = stats[ai]!;
    return a.firstEvent === ''
      ? { agency, count: a.count }
      : { agency, count: a.count, first: dayFromNumber(a.first), firstEvent: a.firstEvent, last: dayFromNumber(a.last), lastEvent: a.lastEvent };
  });
  const periods: InvolvementGrid['periods'] = [];
  if (firstKey !== undefined && latestKey !== undefined) {
    for (let key = firstKey; key <= latestKey; key = nextPeriod(key, period)) {
      const involved = order.filter((agency) => cells.has(`${agency}\u0000${key}`));
      const count = involved.reduce((n, agency) => n + cells.get(`${agency}\u0000${key}`)!.cell.count, 0);
      periods.push({ period: key, ...periodBounds(key, period), agencies: involved, count });
    }
  }
  const rank = new Map(order.map((a, i) => [a, i]));
  return {
    period,
    periods,
    agencies,
    cells: [...cells.values()].map((t) => t.cell).sort((x, y) => (x.period < y.period ? -1 : x.period > y.period ? 1 : rank.get(x.agency)! - rank.get(y.agency)!)),
    notPlaced,
  };
}
