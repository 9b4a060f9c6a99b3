/**
 * The one order of a merged chronology: date, then time, then the agency order, then within one
 * agency file its sequence column, then the file's own order — deterministic and stable.
 * (Sequence numbers of different agencies count different things, so they are never compared.)
 *
 * - On the same day, events without a time come before timed ones, and a week, month or year
 *   sorts at the start of its period, before the days that begin on the same date.
 * - Undated (unusable) events come last, in agency, file and line order.
 * - "The file's own order" is its line order, reversed for a file written newest-first, so that a
 *   file merges the same whether written ascending or descending.
 * - The agency order is the user's (`--agency-order`), then the remaining agencies alphabetically.
 */
import type { AgencyChronology, ChronologyEvent, Precision } from '../model/types.js';

const PRECISION_RANK: Record<Precision, number> = { year: 0, month: 1, week: 2, day: 3, minute: 4, unknown: 5 };

/** A number that orders dates: yyyymmddHHMM, with untimed days before 00:00 and coarser periods first. */
export function dateSortKey(start: string, precision: Precision): number {
  if (precision === 'unknown' || start === '') return Number.POSITIVE_INFINITY;
  // Read the digits in place: a million keys without a million substrings.
  const d = (i: number): number => start.charCodeAt(i) - 48;
  const ymd = (d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)) * 10000 + (d(5) * 10 + d(6)) * 100 + d(8) * 10 + d(9);
  const hm = start.length > 10 ? (d(11) * 10 + d(12)) * 100 + d(14) * 10 + d(15) + 1 : 0;
  return (ymd * 10000 + hm) * 8 + PRECISION_RANK[precision];
}

/** The agency order: the user's list first (in its order), then every other agency alphabetically. */
export function agencyOrder(agencies: Iterable<string>, preferred: readonly string[] = []): string[] {
  const all = new Set(agencies);
  const first = preferred.filter((a) => all.has(a));
  const rest = [...all].filter((a) => !first.includes(a)).sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  return [...first, ...rest];
}

function sequenceKey(sequence: string | undefined): number {
  if (sequence === undefined) return Number.POSITIVE_INFINITY;
  const n = Number(sequence.replace(/^[^0-9.]+/, ''));
  return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
}

/**
 * Sorts every file's events into the merged order (a new array; inputs are not changed), and says
 * where each went: `position[k]` is the merged position of the k-th event counted file by file in
 * the files' own order (the order the events were built in).
 */
export function orderEvents(chronologies: readonly AgencyChronology[], order: readonly string[]): { events: ChronologyEvent[]; position: Int32Array } {
  const agencyRank = new Map(order.map((a, i) => [a, i]));
  const total = chronologies.reduce((n, c) => n + c.events.length, 0);
  const events: ChronologyEvent[] = new Array(total);
  const dateKey = new Float64Array(total);
  const seqKey = new Float64Array(total);
  const agencyKey = new Int32Array(total);
  const fileKey = new Int32Array(total);
  const positionKey = new Float64Array(total);
  let k = 0;
  chronologies.forEach((c, fileIndex) => {
    const direction = c.report.order === 'descending' ? -1 : 1;
    for (const e of c.events) {
      events[k] = e;
      dateKey[k] = dateSortKey(e.date.start, e.date.precision);
      seqKey[k] = sequenceKey(e.sequence);
      agencyKey[k] = agencyRank.get(e.agency) ?? order.length;
      // Undated events keep plain file and line order; dated ones follow the file's direction.
      const line = dateKey[k] === Number.POSITIVE_INFINITY ? e.source.line : direction * e.source.line;
      fileKey[k] = fileIndex;
      positionKey[k] = line;
      k++;
    }
  });
  const index: number[] = new Array(total);
  for (let i = 0; i < total; i++) index[i] = i;
  const sorted = index.sort((a, b) =>
    dateKey[a]! - dateKey[b]! || agencyKey[a]! - agencyKey[b]! || fileKey[a]! - fileKey[b]!
    || seqKey[a]! - seqKey[b]! || positionKey[a]! - positionKey[b]!);
  const position = new Int32Array(total);
  const merged: ChronologyEvent[] = new Array(total);
  for (let i = 0; i < total; i++) {
    merged[i] = events[sorted[i]!]!;
    position[sorted[i]!] = i;
  }
  return { events: merged, position };
}
