/**
 * The date and time readers at their edges, each expectation worked out by hand from the calendar
 * and the rules the README states: the first and last real day of a month and of the years a date
 * may have, the minute and hour limits of a clock time, the Excel serial range, the year-only
 * range, and the message a person gets for each impossible value. The fast path for plain
 * dd/mm/yyyy and yyyy-mm-dd cells is held to the general reader on a fixed table of edge cells
 * (the random property in dates.test.ts runs fewer cases under mutation testing; this table
 * does not change).
 */
import { describe, expect, it } from 'vitest';
import { combineDateTime, dateOrderEvidence, fastClock, parseDate, parseFastDayFirst, parseTime, withHeadingPeriod, withTime } from '../../src/ingest/dates.js';

const read = (raw: string, order?: 'day-first' | 'month-first') => {
  const r = parseDate(raw, order);
  return r.ok ? r.date : { code: r.code, reason: r.reason };
};

describe('the fast path and the general reader agree on edge cells', () => {
  // Each cell read as written (fast path when plain) and with a space either side (always the general reader).
  const CELLS = [
    '01/01/2021', '1/1/2021', '01/1/2021', '31/12/2021', '31/04/2021', '30/04/2021', '29/02/2020', '29/02/2021', '29/02/1900', '29/02/2000',
    '00/01/2021', '01/00/2021', '01/13/2021', '32/01/2021', '01-02-2021', '01.02.2021', '01/02-2021', '001/02/2021', '01/002/2021',
    '2021-02-01', '2021-2-1', '2021/02/01', '2021.02.01', '2021-02-29', '2020-02-29', '2021-13-01', '2021-00-10', '2021-01-32', '0999-01-01',
    '01/02/21', '01/02/999', '01/02/2021 23:59', '01/02/2021 24:00', '01/02/2021 12:60', '01/02/2021 00:00', '01/02/2021T12:00',
    '01/02/2021t12:00', '01/02/2021 12:00:00', '01/02/2021 00:00:00', '01/02/2021 12:00:60', '2021-02-01 07:05', '2021-02-01T07:05:09',
    '01/02/2021 1:00', '01/02/2021 12:0', '01/02/2021x12:00', '1/2/2021 09:30', '1/2/21 09:30', '2999-12-31', '3000-01-01', '31/12/2999',
    '01/01/3000', '01/01/1000', '01/01/0999',
  ];
  it.each(CELLS)('%s', (cell) => {
    expect(read(cell)).toEqual(read(` ${cell} `));
  });
  it('and the cells above say what the calendar says', () => {
    expect(read('31/04/2021')).toEqual({ code: 'date-impossible', reason: '"31/04/2021" is not a real date: April 2021 has 30 days' });
    expect(read('30/04/2021')).toEqual({ start: '2021-04-30', precision: 'day' });
    expect(read('29/02/2021')).toEqual({ code: 'date-impossible', reason: '"29/02/2021" is 29 February, but 2021 is not a leap year' });
    expect(read('29/02/2020')).toEqual({ start: '2020-02-29', precision: 'day' });
    // 1900 is a century not divisible by 400: not a leap year; 2000 is.
    expect(read('29/02/1900')).toEqual({ code: 'date-impossible', reason: '"29/02/1900" is 29 February, but 1900 is not a leap year' });
    expect(read('29/02/2000')).toEqual({ start: '2000-02-29', precision: 'day' });
    expect(read('30/02/2020')).toEqual({ code: 'date-impossible', reason: '"30/02/2020" is not a real date: February 2020 has 29 days' });
    expect(read('01/02/2021 23:59')).toEqual({ start: '2021-02-01T23:59', precision: 'minute' });
    expect(read('01/02/2021 00:00:00')).toEqual({ start: '2021-02-01', precision: 'day' });
    expect(read('01/02/2021 00:00')).toEqual({ start: '2021-02-01T00:00', precision: 'minute' });
    expect(read('2021-2-1')).toEqual({ start: '2021-02-01', precision: 'day' });
  });
});

describe('impossible days, months and years', () => {
  it('a year must be 1000–2999: 999 and 3000 are refused, 1000 and 2999 read', () => {
    expect(read('2999-12-31')).toEqual({ start: '2999-12-31', precision: 'day' });
    expect(read('3000-01-01')).toEqual({ code: 'date-impossible', reason: '"3000-01-01" has the year 3000, which cannot be right' });
    expect(read('1000-01-01')).toEqual({ start: '1000-01-01', precision: 'day' });
    expect(read('0999-01-01')).toEqual({ code: 'date-impossible', reason: '"0999-01-01" has the year 999, which cannot be right' });
  });
  it('a month must be 1–12; read day-first, a month over 12 that could be a day says how to force month-first', () => {
    expect(read('05/13/2021')).toEqual({ code: 'date-impossible', reason: '"05/13/2021" has month 13, and there are only 12 months (the file is read day-first; if it is month-first, force it with --date-order month-first)' });
    // No hint when the first number could not be a month (13), or the second could not be a day (32).
    expect(read('13/13/2021')).toEqual({ code: 'date-impossible', reason: '"13/13/2021" has month 13, and there are only 12 months' });
    expect(read('05/32/2021')).toEqual({ code: 'date-impossible', reason: '"05/32/2021" has month 32, and there are only 12 months' });
    expect(read('05/31/2021')).toMatchObject({ reason: expect.stringContaining('force it with --date-order month-first') });
    // Month-first, the same cell is a day.
    expect(read('05/13/2021', 'month-first')).toEqual({ start: '2021-05-13', precision: 'day' });
    expect(read('00/05/2021')).toEqual({ code: 'date-impossible', reason: '"00/05/2021" is not a real date: May 2021 has 31 days' });
    expect(read('13/2021')).toEqual({ code: 'date-impossible', reason: '"13/2021" has month 13, and there are only 12 months' });
    expect(read('00/2021')).toEqual({ code: 'date-impossible', reason: '"00/2021" has month 0, and there are only 12 months' });
    expect(read('12/2021')).toEqual({ start: '2021-12-01', precision: 'month' });
    // A month alone keeps to the same years as a day: 1000–2999.
    expect(read('3000-01')).toEqual({ code: 'date-impossible', reason: '"3000-01" has the year 3000, which cannot be right' });
    expect(read('2999-12')).toEqual({ start: '2999-12-01', precision: 'month' });
    expect(read('1000-01')).toEqual({ start: '1000-01-01', precision: 'month' });
    expect(read('0999-12')).toEqual({ code: 'date-impossible', reason: '"0999-12" has the year 999, which cannot be right' });
    // The hint needs a first number that could be a month: 1 and 12 could, 0 could not.
    expect(read('01/13/2021')).toMatchObject({ reason: expect.stringContaining('force it with --date-order month-first') });
    expect(read('12/13/2021')).toMatchObject({ reason: expect.stringContaining('force it with --date-order month-first') });
    expect(read('00/13/2021')).toEqual({ code: 'date-impossible', reason: '"00/13/2021" has month 13, and there are only 12 months' });
    // Read month-first, no hint is given: the order was already the other one.
    expect(read('13/13/2021', 'month-first')).toEqual({ code: 'date-impossible', reason: '"13/13/2021" has month 13, and there are only 12 months' });
    expect(read('01/2021')).toEqual({ start: '2021-01-01', precision: 'month' });
  });
  it('a year alone must be 1900–2099', () => {
    expect(read('1900')).toEqual({ start: '1900-01-01', precision: 'year' });
    expect(read('2099')).toEqual({ start: '2099-01-01', precision: 'year' });
    expect(read('1899')).toEqual({ code: 'date-unreadable', reason: '"1899" is a number, not a year this review could cover' });
    expect(read('2100')).toEqual({ code: 'date-unreadable', reason: '"2100" is a number, not a year this review could cover' });
  });
  it('an Excel serial is read only for 1960–2099: 21916 is 01/01/1960, 73050 is 31/12/2099', () => {
    expect(read('21916')).toEqual({ start: '1960-01-01', precision: 'day' });
    expect(read('73050')).toEqual({ start: '2099-12-31', precision: 'day' });
    expect(read('21915')).toEqual({ code: 'date-unreadable', reason: '"21915" looks like an Excel date number, but it is outside 1960–2099' });
    expect(read('73051')).toEqual({ code: 'date-unreadable', reason: '"73051" looks like an Excel date number, but it is outside 1960–2099' });
    // 44000 days after 30/12/1899 is 18/06/2020; half a day is noon; a fraction that rounds to a whole day adds no time.
    expect(read('44000')).toEqual({ start: '2020-06-18', precision: 'day' });
    expect(read('44000.5')).toEqual({ start: '2020-06-18T12:00', precision: 'minute' });
    expect(read('44000.0003')).toEqual({ start: '2020-06-18', precision: 'day' });
    expect(read('44000.0007')).toEqual({ start: '2020-06-18T00:01', precision: 'minute' });
    expect(read('44000.9993')).toEqual({ start: '2020-06-18T23:59', precision: 'minute' });
    expect(read('44000.9997')).toEqual({ start: '2020-06-18', precision: 'day' });
  });
  it('blank, nothing but a marker, a week with no day, a reversed range, and text after a date', () => {
    expect(read('  ')).toEqual({ code: 'date-missing', reason: 'the date is blank' });
    expect(read('approx')).toEqual({ code: 'date-unreadable', reason: '"approx" has no date in it' });
    expect(read('w/c March 2021')).toEqual({ code: 'date-unreadable', reason: '"w/c March 2021" says "week commencing" but does not give a day' });
    expect(read('w/e March 2021')).toEqual({ code: 'date-unreadable', reason: '"w/e March 2021" says "week ending" but does not give a day' });
    expect(read('05/06/2021 - 01/06/2021')).toEqual({ code: 'date-range-reversed', reason: '"05/06/2021 - 01/06/2021" ends before it starts' });
    expect(read('01/06/2021 - 01/06/2021')).toEqual({ start: '2021-06-01', end: '2021-06-01', precision: 'day' });
    expect(read('3 March 2021 teatime')).toEqual({ code: 'date-unreadable', reason: '"3 March 2021 teatime" has "teatime" after the date, which is not a time' });
    expect(read('3 March 2021 at 9am')).toEqual({ start: '2021-03-03T09:00', precision: 'minute' });
    expect(read('3 March 2021 n/k')).toEqual({ start: '2021-03-03', precision: 'day' });
  });
  it('a range is as precise as its coarser end; a week is seven days from or to its day', () => {
    expect(read('March 2021 - 14/06/2021')).toEqual({ start: '2021-03-01', end: '2021-06-14', precision: 'month' });
    // A year at the right-hand end runs to its last day; a minute at the left keeps the range a day range.
    expect(read('March 2021 - 2022')).toEqual({ start: '2021-03-01', end: '2022-12-31', precision: 'year' });
    expect(read('01/03/2021 10:00 - 05/03/2021')).toEqual({ start: '2021-03-01', end: '2021-03-05', precision: 'day' });
    expect(read('01/03/2021 10:00 - 01/03/2021 11:30')).toEqual({ start: '2021-03-01T10:00', end: '2021-03-01T11:30', precision: 'minute' });
    expect(read('1 - 5 June 2021')).toEqual({ start: '2021-06-01', end: '2021-06-05', precision: 'day' });
    // A left-hand side that leaves out what the right says is completed from it: the year, or the month and year.
    expect(read('01/06 - 05/06/2021')).toEqual({ start: '2021-06-01', end: '2021-06-05', precision: 'day' });
    expect(read('1 June - 5 July 2021')).toEqual({ start: '2021-06-01', end: '2021-07-05', precision: 'day' });
    expect(read('June - July 2021')).toEqual({ start: '2021-06-01', end: '2021-07-31', precision: 'month' });
    expect(read('1st - 5th June 2021')).toEqual({ start: '2021-06-01', end: '2021-06-05', precision: 'day' });
    // Read month-first, a bare day number before "5 June" is not taken as a day of June.
    expect(read('1 - 5 June 2021', 'month-first')).toMatchObject({ code: 'date-unreadable' });
    expect(read('w/c 13/09/2021')).toEqual({ start: '2021-09-13', end: '2021-09-19', precision: 'week' });
    expect(read('w/e 19/09/2021')).toEqual({ start: '2021-09-13', end: '2021-09-19', precision: 'week' });
  });
});

describe('clock times', () => {
  const time = (raw: string) => {
    const r = parseTime(raw);
    return r.ok ? r.time : r.reason;
  };
  it('minutes to 59 and hours to 23; with am/pm, hours 1–12, 12am midnight and 12pm noon', () => {
    expect(time('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(time('24:00')).toBe('"24:00" is not a real time of day');
    expect(time('12:60')).toBe('"12:60" is not a real time of day');
    expect(time('0:00')).toEqual({ hour: 0, minute: 0 });
    expect(time('12am')).toEqual({ hour: 0, minute: 0 });
    expect(time('12pm')).toEqual({ hour: 12, minute: 0 });
    expect(time('1am')).toEqual({ hour: 1, minute: 0 });
    expect(time('11.59pm')).toEqual({ hour: 23, minute: 59 });
    expect(time('0am')).toBe('"0am" is not a real time of day');
    expect(time('13pm')).toBe('"13pm" is not a real time of day');
    expect(time('930pm')).toEqual({ hour: 21, minute: 30 });
    expect(time('2215hrs')).toEqual({ hour: 22, minute: 15 });
    expect(time('2360')).toBe('"2360" is not a real time of day');
    expect(time('1230am')).toEqual({ hour: 0, minute: 30 });
  });
  it('words for noon and midnight; blank and not-known cells are no time, not a failure', () => {
    expect([time('noon'), time('Midday'), time('12 noon'), time('midnight')]).toEqual([{ hour: 12, minute: 0 }, { hour: 12, minute: 0 }, { hour: 12, minute: 0 }, { hour: 0, minute: 0 }]);
    expect([time(''), time(' N/A '), time('not recorded'), time('?')]).toEqual([null, null, null, null]);
    expect(time('teatime')).toBe('"teatime" is not a time (expected e.g. 22:15, 2215 or 9.30am)');
  });
  it('an Excel day fraction: .5 is noon, a fraction that rounds to 1440 minutes is no real time', () => {
    expect(time('.5')).toEqual({ hour: 12, minute: 0 });
    // 0.75 cannot be 0 h 75 min, so it is three quarters of a day; 0.45 is a real 00:45 and stays one.
    expect(time('0.75')).toEqual({ hour: 18, minute: 0 });
    expect(time('0.45')).toEqual({ hour: 0, minute: 45 });
    expect(time('0.9993')).toEqual({ hour: 23, minute: 59 });
    expect(time('0.9997')).toBe('"0.9997" is not a real time of day');
  });
  it('withTime writes the minute after a day, and after a coarser start as it is', () => {
    expect(withTime('2021-03-28', { hour: 1, minute: 5 })).toBe('2021-03-28T01:05');
    expect(withTime('2021-03-28', { hour: 23, minute: 59 })).toBe('2021-03-28T23:59');
    expect(withTime('2021-03', { hour: 9, minute: 0 })).toBe('2021-03T09:00');
  });
});

describe('date order evidence, heading periods and separate time cells', () => {
  it('a first part over 12 is day-first, a second over 12 month-first; both 12 or under is ambiguous unless equal', () => {
    expect(dateOrderEvidence('13/12/2021')).toBe('day-first');
    expect(dateOrderEvidence('12/13/2021')).toBe('month-first');
    expect(dateOrderEvidence('12/12/2021')).toBeNull();
    expect(dateOrderEvidence('11/12/2021')).toBe('ambiguous');
    expect(dateOrderEvidence('13/13/2021')).toBeNull();
    // Both over 12 says nothing either, equal or not; 12 itself is still a possible month.
    expect(dateOrderEvidence('13/14/2021')).toBeNull();
    expect(dateOrderEvidence('12/11/2021')).toBe('ambiguous');
    expect(dateOrderEvidence('11/12/21')).toBe('ambiguous');
    expect(dateOrderEvidence('March 2021')).toBeNull();
  });
  it('a heading period widens a plain day only, and keeps approximate', () => {
    const day = { start: '2021-09-15', precision: 'day' as const };
    expect(withHeadingPeriod(day, 'week-start')).toEqual({ start: '2021-09-15', end: '2021-09-21', precision: 'week' });
    expect(withHeadingPeriod(day, 'week-end')).toEqual({ start: '2021-09-09', end: '2021-09-15', precision: 'week' });
    expect(withHeadingPeriod(day, 'month')).toEqual({ start: '2021-09-01', precision: 'month' });
    expect(withHeadingPeriod(day, 'year')).toEqual({ start: '2021-01-01', precision: 'year' });
    expect(withHeadingPeriod({ ...day, approximate: true }, 'month')).toEqual({ start: '2021-09-01', precision: 'month', approximate: true });
    const range = { start: '2021-09-15', end: '2021-09-16', precision: 'day' as const };
    expect(withHeadingPeriod(range, 'month')).toBe(range);
  });
  it('a separate time cell adds the minute to a plain day only', () => {
    expect(combineDateTime({ start: '2021-09-15', precision: 'day' }, { hour: 9, minute: 30 })).toEqual({ start: '2021-09-15T09:30', precision: 'minute' });
    const month = { start: '2021-09-01', precision: 'month' as const };
    expect(combineDateTime(month, { hour: 9, minute: 30 })).toBe(month);
    const range = { start: '2021-09-15', end: '2021-09-16', precision: 'day' as const };
    expect(combineDateTime(range, { hour: 9, minute: 30 })).toBe(range);
  });
});

describe('which cells take the fast path', () => {
  // The general reader gives the same answers (above); what the fast path adds is speed, so the
  // cells it must take are pinned here, and the ones it must leave to the general reader.
  it('takes plain day-first and ISO days, with a time after one space or a T', () => {
    const TAKEN: Array<[string, string, 'day' | 'minute']> = [
      ['01/02/2021', '2021-02-01', 'day'], ['1/2/2021', '2021-02-01', 'day'], ['01-02-2021', '2021-02-01', 'day'], ['01.02.2021', '2021-02-01', 'day'],
      ['2021-02-01', '2021-02-01', 'day'], ['2021/2/1', '2021-02-01', 'day'], ['31/12/2999', '2999-12-31', 'day'], ['01/01/1000', '1000-01-01', 'day'],
      ['01/02/2021 12:00', '2021-02-01T12:00', 'minute'], ['01/02/2021T23:59', '2021-02-01T23:59', 'minute'], ['01/02/2021t00:00', '2021-02-01T00:00', 'minute'],
      ['2021-02-01 07:05:09', '2021-02-01T07:05', 'minute'], ['1/2/2021 09:30', '2021-02-01T09:30', 'minute'], ['01/02/2021 00:00:00', '2021-02-01', 'day'],
    ];
    for (const [cell, start, precision] of TAKEN) expect([cell, parseFastDayFirst(cell)]).toEqual([cell, { ok: true, date: { start, precision } }]);
  });
  it('leaves everything else to the general reader', () => {
    const LEFT = [
      ' 01/02/2021', '01/02/2021 ', '1/2/21', '01/02/21', '01/02-2021', '001/02/2021', '01/002/2021', '2021-02-001', 'a1/02/2021', '01/02/2o21',
      '31/04/2021', '29/02/2021', '00/01/2021', '01/13/2021', '01/00/2021', '01/01/0999', '01/01/3000', '2021-13-01', '2021-01-32',
      '01/02/2021 1:00', '01/02/2021  12:00', '01/02/2021x12:00', '01/02/2021 24:00', '01/02/2021 12:60', '01/02/2021 12:00:6', '01/02/2021 12-00',
      '31/04/2021 12:00', '1/2/21 09:30', '01/02/2021 12:00:0x', '3 March 2021', 'March 2021', '2021',
    ];
    for (const cell of LEFT) expect([cell, parseFastDayFirst(cell)]).toEqual([cell, null]);
  });
  it('reads a plain HH:MM or HH:MM:SS clock in place, and nothing else', () => {
    expect(fastClock('22:15', 0)).toEqual({ hour: 22, minute: 15 });
    expect(fastClock('x 00:00', 2)).toEqual({ hour: 0, minute: 0 });
    expect(fastClock('23:59:59', 0)).toEqual({ hour: 23, minute: 59 });
    for (const cell of ['24:00', '12:60', '9:30', '09:3', '09.30', '09:30:5', '09:30-00', 'ab:cd', '12:00:x0']) expect([cell, fastClock(cell, 0)]).toEqual([cell, null]);
  });
});
