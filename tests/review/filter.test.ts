/**
 * The filter the server's timeline route and the web app share (src/review/filter.ts): each
 * condition on small hand-made records, a date range at its edges for each precision, and the
 * records with no readable date kept out of any range.
 */
import { describe, expect, it } from 'vitest';
import { eventMatcher, filterEvents, isEmptyFilter, searchText } from '../../src/review/filter.js';
import type { ChronologyEvent, PartialDate } from '../../src/model/types.js';

const ev = (id: string, date: PartialDate, more: Partial<ChronologyEvent> = {}): ChronologyEvent => ({
  id, agency: 'Police', date, summary: `record ${id}`, extra: {}, source: { file: 'police.csv', line: 2 }, flags: [], ...more,
});
const day = (iso: string): PartialDate => ({ start: iso, precision: 'day', text: iso });
const april: PartialDate = { start: '2021-04-01', end: '2021-04-30', precision: 'month', text: 'April 2021' };
const undated: PartialDate = { start: '', precision: 'unknown', text: 'unknown' };

const EVENTS = [
  ev('a', day('2021-03-31')), ev('b', april, { agency: 'GP', type: 'Home Visit', flags: ['approximate'] }), ev('c', day('2021-05-01'), { extra: { Ward: 'Northside' } }),
  ev('d', undated, { flags: ['undated'] }),
];
const ids = (f: Parameters<typeof filterEvents>[1]) => filterEvents(EVENTS, f).map((e) => e.id);

describe('filterEvents', () => {
  it('keeps everything, as the same array, when nothing is asked', () => {
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ agency: [], q: '  ', from: '', to: '' })).toBe(true);
    expect(isEmptyFilter({ q: 'x' })).toBe(false);
    expect(filterEvents(EVENTS, {})).toBe(EVENTS);
  });
  it('a month-dated record is in a range that touches its month, on either edge, and not one that stops a day short', () => {
    // April 2021 runs 01/04–30/04: a range ending 01/04 or starting 30/04 touches it; ending 31/03 or starting 01/05 does not.
    expect(ids({ to: '01/04/2021' })).toEqual(['a', 'b']);
    expect(ids({ to: '31/03/2021' })).toEqual(['a']);
    expect(ids({ from: '30/04/2021' })).toEqual(['b', 'c']);
    expect(ids({ from: '01/05/2021' })).toEqual(['c']);
    // A range given as a month covers the whole month.
    expect(ids({ from: 'April 2021', to: 'April 2021' })).toEqual(['b']);
  });
  it('a record with no readable date is in no range, but in every filter without one', () => {
    expect(ids({ from: '2000' })).not.toContain('d');
    expect(ids({ flag: ['undated'] })).toEqual(['d']);
  });
  it('agency, type (whole, any case), every flag asked for, and text in any column', () => {
    expect(ids({ agency: ['GP'] })).toEqual(['b']);
    expect(ids({ agency: ['GP', 'Police'] })).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ type: 'home visit' })).toEqual(['b']);
    expect(ids({ type: 'home' })).toEqual([]);
    expect(ids({ flag: ['approximate', 'undated'] })).toEqual([]);
    expect(ids({ q: 'NORTHSIDE' })).toEqual(['c']);
    expect(ids({ q: 'april 2021' })).toEqual(['b']);
    expect(searchText(EVENTS[2]!)).toBe('record c    2021-05-01 northside');
  });
  it('a range that cannot be read throws the coded error of the scope reader', () => {
    expect(() => eventMatcher({ from: '31/02/2021' })).toThrow(expect.objectContaining({ code: expect.stringMatching(/date|scope/) }));
  });
});
