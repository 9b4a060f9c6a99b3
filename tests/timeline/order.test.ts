/**
 * The merged order at each of its edges, with the keys worked out by hand: a date's number
 * (yyyymmddHHMM, an untimed day before 00:00, a month before the days that start with it), the
 * agency order (the user's first, then case-insensitive, then by case), a file's sequence numbers
 * (read after a leading prefix, else last), a newest-first file's own order reversed, undated
 * records last in plain line order. In process, so the mutation run reaches them.
 */
import { describe, expect, it } from 'vitest';
import { agencyOrder, dateSortKey, orderEvents } from '../../src/timeline/order.js';
import type { AgencyChronology, ChronologyEvent, Precision } from '../../src/model/types.js';

describe('dateSortKey', () => {
  it.each([
    // (yyyymmdd × 10000 + HHMM + 1 when timed, else 0) × 8 + the precision's rank (year 0 … minute 4).
    ['2021-03-14', 'day', 1_616_825_120_003],
    ['2021-03-14T22:15', 'minute', 1_616_825_137_732],
    ['2021-03-14T00:00', 'minute', 1_616_825_120_012],
    ['2021-03-01', 'month', 1_616_824_080_001],
    ['2021-01-01', 'year', 1_616_808_080_000],
    ['1999-12-31', 'day', 1_599_298_480_003],
    ['2021-03-08', 'week', 1_616_824_640_002],
  ] as Array<[string, Precision, number]>)('%s (%s) is %d', (start, precision, key) => {
    expect(dateSortKey(start, precision)).toBe(key);
  });

  it('undated records (unknown precision, or no start) sort after every date', () => {
    expect(dateSortKey('', 'day')).toBe(Number.POSITIVE_INFINITY);
    expect(dateSortKey('2021-03-14', 'unknown')).toBe(Number.POSITIVE_INFINITY);
  });

  it('orders across centuries and within a day', () => {
    expect(dateSortKey('1999-12-31', 'day')).toBeLessThan(dateSortKey('2000-01-01', 'day'));
    expect(dateSortKey('1899-12-31', 'day')).toBeLessThan(dateSortKey('1900-01-01', 'day'));
    expect(dateSortKey('2021-03-14', 'day')).toBeLessThan(dateSortKey('2021-03-14T00:00', 'minute'));
    expect(dateSortKey('2021-03-14T09:59', 'minute')).toBeLessThan(dateSortKey('2021-03-14T10:00', 'minute'));
    expect(dateSortKey('2021-03-14T10:09', 'minute')).toBeLessThan(dateSortKey('2021-03-14T10:10', 'minute'));
    expect(dateSortKey('2021-03-01', 'month')).toBeLessThan(dateSortKey('2021-03-01', 'week'));
  });
});

describe('agencyOrder', () => {
  it('the user\'s agencies first in their order (those present only), then the rest case-insensitively, then by case', () => {
    expect(agencyOrder(['school', 'GP', 'Police', 'police', 'CSC', 'ambulance'], ['Police', 'Housing', 'CSC']))
      .toEqual(['Police', 'CSC', 'ambulance', 'GP', 'police', 'school']);
    expect(agencyOrder(['b', 'B', 'a', 'A'])).toEqual(['A', 'a', 'B', 'b']);
    expect(agencyOrder(['b', 'a', 'c'], [])).toEqual(['a', 'b', 'c']);
  });
});

let line = 1;
const ev = (agency: string, start: string, precision: Precision, extra: Partial<ChronologyEvent> = {}): ChronologyEvent => {
  line++;
  return { id: `${agency}-${line}`, agency, summary: `${agency} ${line}`, date: { start, precision, text: start }, source: { file: `${agency}.csv`, line }, extra: {}, flags: [], ...extra };
};
const file = (events: ChronologyEvent[], order: 'ascending' | 'descending' = 'ascending'): AgencyChronology =>
  ({ report: { file: `${events[0]!.agency}.csv`, order }, events, issues: [] }) as unknown as AgencyChronology;
const ids = (chronologies: AgencyChronology[], order: string[]) => orderEvents(chronologies, order).events.map((e) => e.id);

describe('orderEvents', () => {
  it('date, then agency order, then file, then sequence number, then the file\'s own order', () => {
    line = 1;
    const gp = file([ev('gp', '2021-03-02', 'day'), ev('gp', '2021-03-01', 'day'), ev('gp', '2021-03-01', 'day')]);
    const hv = file([ev('hv', '2021-03-01', 'day'), ev('hv', '2021-02-28', 'day')]);
    expect(ids([gp, hv], ['hv', 'gp'])).toEqual(['hv-6', 'hv-5', 'gp-3', 'gp-4', 'gp-2']);
    expect(ids([gp, hv], ['gp', 'hv'])).toEqual(['hv-6', 'gp-3', 'gp-4', 'hv-5', 'gp-2']);
  });

  it('sequence numbers are read after a leading prefix; one that is no number sorts after those that are', () => {
    line = 1;
    const seq = (s: string) => ev('police', '2021-03-01', 'day', { sequence: s });
    // Lines 2..6: "INC-10", "INC-9", "AB12", "12-3" (no number: a dash inside), "200".
    const police = file([seq('INC-10'), seq('INC-9'), seq('AB12'), seq('12-3'), seq('200')]);
    expect(ids([police], ['police'])).toEqual(['police-3', 'police-2', 'police-4', 'police-6', 'police-5']);
  });

  it('a newest-first file\'s dated records in reverse line order; its undated ones last, in line order', () => {
    line = 1;
    const csc = file([ev('csc', '2021-03-05', 'day'), ev('csc', '2021-03-01', 'day'), ev('csc', '2021-03-01', 'day'), ev('csc', '', 'unknown'), ev('csc', '', 'unknown')], 'descending');
    expect(ids([csc], ['csc'])).toEqual(['csc-4', 'csc-3', 'csc-2', 'csc-5', 'csc-6']);
    line = 1;
    const asc = file([ev('gp', '', 'unknown'), ev('gp', '2021-03-01', 'day'), ev('gp', '2021-03-01', 'day'), ev('gp', '', 'unknown')]);
    expect(ids([asc], ['gp'])).toEqual(['gp-3', 'gp-4', 'gp-2', 'gp-5']);
  });

  it('says where each record went, counted file by file', () => {
    line = 1;
    const gp = file([ev('gp', '2021-03-02', 'day'), ev('gp', '2021-03-01', 'day')]);
    const hv = file([ev('hv', '2021-03-01T09:00', 'minute')]);
    // Built order gp-2, gp-3, hv-4; merged order gp-3, hv-4, gp-2 (an untimed day before 09:00; the day after last).
    expect([...orderEvents([gp, hv], ['gp', 'hv']).position]).toEqual([2, 0, 1]);
  });
});
