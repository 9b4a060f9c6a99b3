import { describe, expect, it } from 'vitest';
import { parseDate, parseTime, dateOrderEvidence, withHeadingPeriod } from '../../src/ingest/dates.js';
import { displayDate, displayTime } from '../../src/model/calendar.js';
import type { HeadingPeriod, PartialDate, Precision } from '../../src/model/types.js';
import { runs } from '../helpers/runs.js';

type Expect = [start: string, precision: Precision, end?: string, approximate?: boolean];

// The specification of the date reader: input as written → what throughline says it means.
const READ: Array<[string, Expect]> = [
  ['22/05/2016', ['2016-05-22', 'day']],
  ['2/5/2016', ['2016-05-02', 'day']],
  ['22/05/16', ['2016-05-22', 'day']],
  ['2/5/16', ['2016-05-02', 'day']],
  ['22-05-2016', ['2016-05-22', 'day']],
  ['22.05.16', ['2016-05-22', 'day']],
  ['22.05/16', ['2016-05-22', 'day']],
  ['22/05.2016', ['2016-05-22', 'day']],
  ['22 / 05 / 2016', ['2016-05-22', 'day']],
  ['01/01/29', ['2029-01-01', 'day']],
  ['01/01/30', ['1930-01-01', 'day']],
  ['2021-03-14', ['2021-03-14', 'day']],
  ['2021/03/14', ['2021-03-14', 'day']],
  ['2021-03-14T22:15', ['2021-03-14T22:15', 'minute']],
  ['2021-03-14T22:15:59', ['2021-03-14T22:15', 'minute']],
  ['2021-03-14 22:15:00', ['2021-03-14T22:15', 'minute']],
  ['2021-03-14 00:00:00', ['2021-03-14', 'day']],
  ['3 Mar 2021', ['2021-03-03', 'day']],
  ['03-Mar-21', ['2021-03-03', 'day']],
  ['22-May-16', ['2016-05-22', 'day']],
  ['3rd March 2021', ['2021-03-03', 'day']],
  ['1st of June 2021', ['2021-06-01', 'day']],
  ['22nd Sept 2021', ['2021-09-22', 'day']],
  ['Wednesday 3 March 2021', ['2021-03-03', 'day']],
  // The weekday as agencies abbreviate it ("Weds" as well as "Wed"), before a day written in words.
  ['Weds 25th May 2022', ['2022-05-25', 'day']],
  ['Wed 25th May 2022', ['2022-05-25', 'day']],
  ['Tues 22nd Feb 2022', ['2022-02-22', 'day']],
  ['Thurs 10th Mar 2022', ['2022-03-10', 'day']],
  ['March 3, 2021', ['2021-03-03', 'day']],
  ['April 2021', ['2021-04-01', 'month']],
  ['Apr-21', ['2021-04-01', 'month']],
  ['apr 2021', ['2021-04-01', 'month']],
  ['04/2021', ['2021-04-01', 'month']],
  ['2021-04', ['2021-04-01', 'month']],
  ['2021', ['2021-01-01', 'year']],
  ['w/c 13/09/2021', ['2021-09-13', 'week', '2021-09-19']],
  ['W/C 13.09.21', ['2021-09-13', 'week', '2021-09-19']],
  ['week commencing 22/03/2021', ['2021-03-22', 'week', '2021-03-28']],
  // A week ending on the day written: the six days before it and the day (Sunday 19/09/2021).
  ['w/e 19/09/2021', ['2021-09-13', 'week', '2021-09-19']],
  ['W/E 19.09.21', ['2021-09-13', 'week', '2021-09-19']],
  ['week ending 19/09/2021', ['2021-09-13', 'week', '2021-09-19']],
  ['w/e 02/03/2020', ['2020-02-25', 'week', '2020-03-02']],
  ['01/06/2021 - 05/06/2021', ['2021-06-01', 'day', '2021-06-05']],
  ['01/06/2021 to 05/06/2021', ['2021-06-01', 'day', '2021-06-05']],
  ['01/06/2021-05/06/2021', ['2021-06-01', 'day', '2021-06-05']],
  ['01/06/2021 – 05/06/2021', ['2021-06-01', 'day', '2021-06-05']],
  ['1 - 5 June 2021', ['2021-06-01', 'day', '2021-06-05']],
  ['14th-15th March 2021', ['2021-03-14', 'day', '2021-03-15']],
  ['14-15 March 2021', ['2021-03-14', 'day', '2021-03-15']],
  ['14/03/2021 22:15 - 14/03/2021 23:40', ['2021-03-14T22:15', 'minute', '2021-03-14T23:40']],
  ['April - June 2021', ['2021-04-01', 'month', '2021-06-30']],
  ['March 2021 to 14/06/2021', ['2021-03-01', 'month', '2021-06-14']],
  ['2021-06-01 - 2021-06-05', ['2021-06-01', 'day', '2021-06-05']],
  ['?12/07/2021', ['2021-07-12', 'day', undefined, true]],
  ['12/07/2021?', ['2021-07-12', 'day', undefined, true]],
  ['c. 12/07/2021', ['2021-07-12', 'day', undefined, true]],
  ['c.05/2021', ['2021-05-01', 'month', undefined, true]],
  ['circa 2019', ['2019-01-01', 'year', undefined, true]],
  ['approx 12/07/2021', ['2021-07-12', 'day', undefined, true]],
  ['Approximately July 2021', ['2021-07-01', 'month', undefined, true]],
  ['12/07/2021 (approx)', ['2021-07-12', 'day', undefined, true]],
  ['late 2021', ['2021-01-01', 'year', undefined, true]],
  ['44500', ['2021-10-31', 'day']],
  ['44197', ['2021-01-01', 'day']],
  ['44270.927083', ['2021-03-15T22:15', 'minute']],
  ['14/03/2021 22:15', ['2021-03-14T22:15', 'minute']],
  ['14/03/2021 2215', ['2021-03-14T22:15', 'minute']],
  ['14/03/2021 9.30am', ['2021-03-14T09:30', 'minute']],
  ['14/03/2021 9:30 pm', ['2021-03-14T21:30', 'minute']],
  ['14/03/2021 at 10:00', ['2021-03-14T10:00', 'minute']],
  ['3 March 2021 14:05', ['2021-03-03T14:05', 'minute']],
  ['29/02/2020', ['2020-02-29', 'day']],
  ['29/02/2000', ['2000-02-29', 'day']],
  // BST changeovers: the wall clock as written, never shifted through UTC.
  ['28/03/2021 01:30', ['2021-03-28T01:30', 'minute']],
  ['31/10/2021 01:30', ['2021-10-31T01:30', 'minute']],
  ['w/c 22/03/2021', ['2021-03-22', 'week', '2021-03-28']],
  ['w/c 25/10/2021', ['2021-10-25', 'week', '2021-10-31']],
  ['44283', ['2021-03-28', 'day']],
  // Timestamps with an offset name an instant: shown as the London wall clock at that instant.
  ['2021-03-28T00:30:00Z', ['2021-03-28T00:30', 'minute']],
  ['2021-03-28T01:30:00Z', ['2021-03-28T02:30', 'minute']],
  ['2021-10-31T00:30:00Z', ['2021-10-31T01:30', 'minute']],
  ['2021-10-31T01:30:00Z', ['2021-10-31T01:30', 'minute']],
  ['2021-07-01T23:30:00Z', ['2021-07-02T00:30', 'minute']],
  ['2021-07-01T12:00:00+02:00', ['2021-07-01T11:00', 'minute']],
  ['44500.0625', ['2021-10-31T01:30', 'minute']],
];

const FAILS: Array<[string, string, RegExp]> = [
  ['', 'date-missing', /blank/],
  ['   ', 'date-missing', /blank/],
  ['31/04/2021', 'date-impossible', /April 2021 has 30 days/],
  ['29/02/2021', 'date-impossible', /2021 is not a leap year/],
  ['29/02/1900', 'date-impossible', /not a leap year/],
  ['32/01/2021', 'date-impossible', /January 2021 has 31 days/],
  ['14/13/2021', 'date-impossible', /month 13/],
  ['00/01/2021', 'date-impossible', /not a real date/],
  ['13/2021', 'date-impossible', /month 13/],
  ['TBC', 'date-unreadable', /not a date/],
  ['see notes', 'date-unreadable', /not a date/],
  ['14/03', 'date-unreadable', /not a date/],
  ['Summer 2021', 'date-unreadable', /not a date/],
  // One letter past an abbreviation is no weekday.
  ['Wedss 25th May 2022', 'date-unreadable', /not a date/],
  ['05/06/2021 - 01/06/2021', 'date-range-reversed', /ends before it starts/],
  ['14/03/2021 lunchtime', 'date-unreadable', /not a time/],
  ['14/03/2021 25:00', 'date-unreadable', /not a time/],
  ['99999', 'date-unreadable', /Excel/],
  ['w/c April 2021', 'date-unreadable', /week commencing/],
  ['w/e April 2021', 'date-unreadable', /week ending/],
];

describe('parseDate reads the forms UK agencies write', () => {
  it.each(READ)('%s', (text, [start, precision, end, approximate]) => {
    const r = parseDate(text);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.date.start).toBe(start);
    expect(r.date.precision).toBe(precision);
    expect(r.date.end).toBe(end);
    expect(r.date.approximate ?? false).toBe(approximate ?? false);
  });
});

describe('parseDate reports what it cannot read, never rolling over', () => {
  it.each(FAILS)('%j → %s', (text, code, reason) => {
    const r = parseDate(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.reason).toMatch(reason);
  });
});

describe('date order', () => {
  it('reads numeric dates month-first when told', () => {
    const r = parseDate('03/14/2021', 'month-first');
    expect(r.ok && r.date.start).toBe('2021-03-14');
    const s = parseDate('3/14/2021 10:15:00 PM', 'month-first');
    expect(s.ok && s.date.start).toBe('2021-03-14T22:15');
  });
  it('keeps unambiguous forms the same whatever the order', () => {
    for (const text of ['2021-03-04', '4 March 2021', 'April 2021']) {
      const a = parseDate(text, 'day-first');
      const b = parseDate(text, 'month-first');
      expect(a).toEqual(b);
    }
  });
  it('month-first 03/04/2021 is 4 March, day-first is 3 April', () => {
    expect(parseDate('03/04/2021', 'month-first').ok && (parseDate('03/04/2021', 'month-first') as { date: PartialDate }).date.start).toBe('2021-03-04');
    expect((parseDate('03/04/2021') as { date: PartialDate }).date.start).toBe('2021-04-03');
  });
  it.each([
    ['14/03/2021', 'day-first'], ['03/14/2021', 'month-first'], ['03/04/2021', 'ambiguous'], ['04/04/2021', null],
    ['w/c 14/03/2021', 'day-first'], ['2021-03-14', null], ['April 2021', null],
  ] as const)('evidence of %s is %s', (text, evidence) => {
    expect(dateOrderEvidence(text)).toBe(evidence);
  });
});

const TIMES: Array<[string, string | null]> = [
  ['22:15', '22:15'], ['2215', '22:15'], ['2215hrs', '22:15'], ['22.15', '22:15'], ['9.30am', '09:30'],
  ['9:30 pm', '21:30'], ['9:30 PM', '21:30'], ['12:15am', '00:15'], ['12pm', '12:00'], ['9am', '09:00'],
  ['930am', '09:30'], ['22:15:30', '22:15'], ['0.5', '12:00'], ['noon', '12:00'], ['', null], ['N/A', null],
  ['unknown', null],
];

describe('parseTime', () => {
  it.each(TIMES)('%j', (text, expected) => {
    const r = parseTime(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.time ? `${String(r.time.hour).padStart(2, '0')}:${String(r.time.minute).padStart(2, '0')}` : null).toBe(expected);
  });
  it.each(['24:00', '13pm', '22:60', 'evening', '9.3'])('rejects %j', (text) => {
    expect(parseTime(text).ok).toBe(false);
  });
});

describe('displayDate says no more than the source said', () => {
  const show = (text: string): string => {
    const r = parseDate(text);
    if (!r.ok) throw new Error(r.reason);
    return displayDate({ ...r.date, text });
  };
  it.each([
    ['April 2021', 'April 2021'], ['Apr-21', 'April 2021'], ['2021', '2021'], ['w/c 13/09/2021', 'w/c 13/09/2021'],
    ['2021-03-14', '14/03/2021'], ['14/03/2021 22:15', '14/03/2021'], ['c. 12/07/2021', 'c. 12/07/2021'],
    ['01/06/2021 to 05/06/2021', '01/06/2021 – 05/06/2021'], ['April - June 2021', 'April 2021 – June 2021'],
  ])('%s → %s', (text, shown) => {
    expect(show(text)).toBe(shown);
  });
  it('shows a range of times on one day in the time column', () => {
    const r = parseDate('14/03/2021 22:15 - 14/03/2021 23:40');
    if (!r.ok) throw new Error(r.reason);
    expect(displayDate({ ...r.date, text: '' })).toBe('14/03/2021');
    expect(displayTime({ ...r.date, text: '' })).toBe('22:15–23:40');
  });
  it('never prints a month-precision date as the first of the month', () => {
    expect(show('April 2021')).not.toContain('01/04/2021');
  });
});

describe('the fast paths agree with the general reader', () => {
  // The fast paths take only exact shapes (one space, two-digit hours); the same text with the
  // space doubled or padded goes through the general reader, which must say the same.
  const two = (n: number): string => String(n).padStart(2, '0');
  it('for dates with a time (dd/mm/yyyy HH:MM[:SS], yyyy-mm-ddTHH:MM)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1899, max: 2100 }),
      fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
      fc.constantFrom(' ', 'T', 't'), fc.boolean(), fc.constantFrom<'day-first' | 'month-first'>('day-first', 'month-first'),
      (d, m, y, hh, mm, ss, between, iso, order) => {
        const time = `${two(hh)}:${two(mm)}${ss === null ? '' : `:${two(ss)}`}`;
        const day = iso ? `${y}-${two(m)}-${two(d)}` : `${two(d)}/${two(m)}/${y}`;
        const fast = parseDate(`${day}${between}${time}`, order);
        const general = parseDate(`${day}${between === ' ' ? '  ' : between}${time} `, order);
        if (fast.ok && general.ok) expect(fast.date).toEqual(general.date);
        else expect(fast.ok).toBe(general.ok);
      }), { numRuns: runs(10000) });
  });
  it('for times (HH:MM)', () => {
    for (let h = 0; h <= 25; h++) {
      for (let m = 0; m <= 61; m++) expect(parseTime(`${two(h)}:${two(m)}`)).toEqual(parseTime(` ${two(h)}:${two(m)} `));
    }
  });
  it('a spreadsheet midnight with seconds is a day, a written 00:00 a time', () => {
    expect(parseDate('05/12/2021 00:00:00')).toEqual({ ok: true, date: { start: '2021-12-05', precision: 'day' } });
    expect(parseDate('05/12/2021 00:00')).toEqual({ ok: true, date: { start: '2021-12-05T00:00', precision: 'minute' } });
    expect(parseDate('05/12/2021 00:00:01')).toEqual({ ok: true, date: { start: '2021-12-05T00:00', precision: 'minute' } });
    expect(parseDate('2021-12-05T00:00:00')).toEqual({ ok: true, date: { start: '2021-12-05', precision: 'day' } });
  });
});

describe('withHeadingPeriod: a day under a heading that names a period stands for that period', () => {
  const under = (period: HeadingPeriod, text: string): Omit<PartialDate, 'text'> => {
    const r = parseDate(text);
    if (!r.ok) throw new Error(r.reason);
    return withHeadingPeriod(r.date, period);
  };
  it.each<[HeadingPeriod, string, Omit<PartialDate, 'text'>]>([
    // Monday 13/09/2021 + 6 days = Sunday 19/09/2021.
    ['week-start', '13/09/2021', { start: '2021-09-13', end: '2021-09-19', precision: 'week' }],
    // Across a month and a leap day: 26/02/2024 + 6 = 03/03/2024 (29/02 counted).
    ['week-start', '26/02/2024', { start: '2024-02-26', end: '2024-03-03', precision: 'week' }],
    // Across the year: 29/12/2021 + 6 = 04/01/2022.
    ['week-start', '29/12/2021', { start: '2021-12-29', end: '2022-01-04', precision: 'week' }],
    // Across the BST change (28/03/2021): calendar days, no clock.
    ['week-start', '27/03/2021', { start: '2021-03-27', end: '2021-04-02', precision: 'week' }],
    // Friday 17/09/2021 − 6 days = Saturday 11/09/2021.
    ['week-end', '17/09/2021', { start: '2021-09-11', end: '2021-09-17', precision: 'week' }],
    // 02/03/2020 − 6 = 25/02/2020 (29/02/2020 counted).
    ['week-end', '02/03/2020', { start: '2020-02-25', end: '2020-03-02', precision: 'week' }],
    ['week-end', '03/01/2022', { start: '2021-12-28', end: '2022-01-03', precision: 'week' }],
    ['month', '14/04/2021', { start: '2021-04-01', precision: 'month' }],
    ['month', '29/02/2024', { start: '2024-02-01', precision: 'month' }],
    ['year', '14/04/2021', { start: '2021-01-01', precision: 'year' }],
    // An Excel serial is a day like any other: 44452 = 13/09/2021.
    ['week-start', '44452', { start: '2021-09-13', end: '2021-09-19', precision: 'week' }],
  ])('%s, %s', (period, text, expected) => {
    expect(under(period, text)).toEqual(expected);
  });
  it('keeps the approximate mark', () => {
    expect(under('week-start', 'c. 13/09/2021')).toEqual({ start: '2021-09-13', end: '2021-09-19', precision: 'week', approximate: true });
    expect(under('month', '?14/04/2021')).toEqual({ start: '2021-04-01', precision: 'month', approximate: true });
  });
  it.each<[HeadingPeriod, string, Omit<PartialDate, 'text'>]>([
    // The cell says more (a time) or otherwise (a range, a week, a month, a year): it keeps what it says.
    ['week-start', '13/09/2021 10:15', { start: '2021-09-13T10:15', precision: 'minute' }],
    ['week-start', '13/09/2021 - 15/09/2021', { start: '2021-09-13', end: '2021-09-15', precision: 'day' }],
    ['week-end', 'w/c 13/09/2021', { start: '2021-09-13', end: '2021-09-19', precision: 'week' }],
    ['week-start', 'April 2021', { start: '2021-04-01', precision: 'month' }],
    ['month', '2021', { start: '2021-01-01', precision: 'year' }],
    ['year', 'April 2021', { start: '2021-04-01', precision: 'month' }],
  ])('%s leaves %s as written', (period, text, expected) => {
    expect(under(period, text)).toEqual(expected);
  });
  it('does not change its input', () => {
    const day = { start: '2021-09-13', precision: 'day' as const };
    withHeadingPeriod(day, 'week-start');
    expect(day).toEqual({ start: '2021-09-13', precision: 'day' });
  });
});
