/**
 * The analysis's numbers of time at their edges, exactly at, one below and one above: gaps (a gap
 * is longer than a day; ten listed, three per agency; what lies inside one), the involvement
 * grid's periods (a record placed only when its whole date lies in one; weeks from Monday; the
 * last day of a month and the first of the next; quarters), the child's age at monthly birthdays
 * (31st and 29 February births included), the seen rules' reach, and the age that makes a subject
 * an adult. Expectations are literals worked out by hand, never by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { analyse, type AnalyseOptions } from '../../src/analytics/analyse.js';
import { ageText } from '../../src/analytics/timing.js';
import { dayFromNumber, dayNumber } from '../../src/model/calendar.js';
import type { Timeline } from '../../src/model/types.js';
import { caseTimeline, type CaseFile } from './cases.js';

const L: AnalyseOptions = { child: ['L'] };
const one = (file: string, agency: string, header: string, rows: string[]): CaseFile => ({ file, agency, header, rows });
/** A health visitor's file: `hv-2` is its first row. */
const hv = (rows: string[]): Timeline => caseTimeline([one('hv.csv', 'Health Visiting', 'Date,Event', rows)]);

/** Rows one after another, each `gaps[k]` days after the one before, from `start`: the input, not an expectation. */
const spaced = (start: string, gaps: number[], text: string): string[] => {
  let n = dayNumber(start);
  return [n, ...gaps.map((g) => (n += g))].map((d) => {
    const [y, m, day] = dayFromNumber(d).split('-');
    return `${day}/${m}/${y},${text}`;
  });
};

describe('a gap is a spell of more than one day between records (gaps.ts)', () => {
  it('records on the same day: no gap', () => {
    const g = analyse(hv(['01/03/2021,Visit', '01/03/2021,Phone call'])).gaps;
    expect([g.overall, g.byAgency]).toEqual([[], []]);
  });
  it('records on consecutive days: no gap (no day without a record)', () => {
    const g = analyse(hv(['01/03/2021,Visit', '02/03/2021,Visit'])).gaps;
    expect([g.overall, g.byAgency]).toEqual([[], []]);
  });
  it('records two days apart: a gap of 2 days, overall and in the agency', () => {
    const g = analyse(hv(['01/03/2021,Visit', '03/03/2021,Visit'])).gaps;
    expect(g.overall).toEqual([{ from: '2021-03-01', to: '2021-03-03', days: 2, before: 'hv-2', after: 'hv-3' }]);
    expect(g.byAgency).toEqual([{ from: '2021-03-01', to: '2021-03-03', days: 2, before: 'hv-2', after: 'hv-3', agency: 'Health Visiting' }]);
  });
  it('the child seen on consecutive days: no spell unseen; two days apart: a spell of 2 days', () => {
    expect(analyse(hv(['01/03/2021,L seen at home', '02/03/2021,L seen at clinic']), L).gaps.childNotSeen).toEqual([]);
    expect(analyse(hv(['01/03/2021,L seen at home', '03/03/2021,L seen at clinic']), L).gaps.childNotSeen)
      .toEqual([{ from: '2021-03-01', to: '2021-03-03', days: 2, before: 'hv-2', after: 'hv-3' }]);
  });
});

describe('the ten longest gaps overall and when the child was not seen; three per agency (gaps.ts GAPS_LISTED, GAPS_PER_AGENCY)', () => {
  it('9 gaps: all 9, longest first', () => {
    expect(analyse(hv(spaced('2021-01-01', [2, 3, 4, 5, 6, 7, 8, 9, 10], 'Visit'))).gaps.overall.map((g) => g.days)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2]);
  });
  it('10 gaps: all 10', () => {
    expect(analyse(hv(spaced('2021-01-01', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'Visit'))).gaps.overall.map((g) => g.days)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  });
  it('11 gaps: the 10 longest, the shortest (2 days, hv-2 to hv-3) left out', () => {
    const overall = analyse(hv(spaced('2021-01-01', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 'Visit'))).gaps.overall;
    expect(overall.map((g) => g.days)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(overall.map((g) => g.before)).toEqual(['hv-12', 'hv-11', 'hv-10', 'hv-9', 'hv-8', 'hv-7', 'hv-6', 'hv-5', 'hv-4', 'hv-3']);
  });
  it('11 spells without the child seen: the 10 longest', () => {
    expect(analyse(hv(spaced('2021-01-01', [12, 2, 11, 3, 10, 4, 9, 5, 8, 6, 7], 'L seen')), L).gaps.childNotSeen.map((g) => g.days))
      .toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
  });
  it('an agency\'s 2 gaps: both; 3: all three; 4: the three longest', () => {
    const byAgency = (gaps: number[]) => analyse(hv(spaced('2021-01-01', gaps, 'Visit'))).gaps.byAgency.map((g) => g.days);
    expect(byAgency([2, 3])).toEqual([3, 2]);
    expect(byAgency([2, 3, 4])).toEqual([4, 3, 2]);
    expect(byAgency([2, 3, 4, 5])).toEqual([5, 4, 3]);
  });
  it('overall, gaps of equal length are listed earliest first; of 11 equal gaps the first 10 are kept', () => {
    const three = analyse(hv(spaced('2021-01-01', [3, 3, 3], 'Visit'))).gaps.overall.map((g) => [g.from, g.days]);
    expect(three).toEqual([['2021-01-01', 3], ['2021-01-04', 3], ['2021-01-07', 3]]);
    const eleven = analyse(hv(spaced('2021-01-01', [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 'Visit'))).gaps.overall.map((g) => g.before);
    expect(eleven).toEqual(['hv-2', 'hv-3', 'hv-4', 'hv-5', 'hv-6', 'hv-7', 'hv-8', 'hv-9', 'hv-10', 'hv-11']);
  });
  it('an agency\'s gaps of equal length: the earlier kept, and listed first', () => {
    // 01/01 +10 → 11/01 +5 → 16/01 +5 → 21/01 +5 → 26/01: 10, then three of 5; the first two 5s stay.
    const gaps = analyse(hv(spaced('2021-01-01', [10, 5, 5, 5], 'Visit'))).gaps.byAgency.map((g) => [g.from, g.days]);
    expect(gaps).toEqual([['2021-01-01', 10], ['2021-01-11', 5], ['2021-01-16', 5]]);
  });
});

describe('what lies inside a spell in which the child was not seen (gaps.ts)', () => {
  it('not-seen records strictly between the two days the child was seen; not those on either day', () => {
    const t = hv([
      '01/03/2021,L seen at home', '01/03/2021,Visit - no access', '02/03/2021,Visit - no access',
      '30/03/2021,Visit - no access', '31/03/2021,Visit - no access', '31/03/2021,L seen at clinic',
    ]);
    expect(analyse(t, L).gaps.childNotSeen).toEqual([{ from: '2021-03-01', to: '2021-03-31', days: 30, before: 'hv-2', after: 'hv-7', notSeen: ['hv-4', 'hv-5'] }]);
  });
  it('a sighting in March is uncertain in a spell from 30/03 (it may be on 31/03); not in one from 31/03 (it cannot fall inside)', () => {
    const from30 = analyse(hv(['30/03/2021,L seen at home', 'March 2021,L seen at clinic', '10/05/2021,L seen at home']), L).gaps;
    expect(from30.childNotSeen).toEqual([{ from: '2021-03-30', to: '2021-05-10', days: 41, before: 'hv-2', after: 'hv-4', uncertain: ['hv-3'] }]);
    expect(from30.overall).toEqual([{ from: '2021-03-30', to: '2021-05-10', days: 41, before: 'hv-2', after: 'hv-4', uncertain: ['hv-3'] }]);
    const from31 = analyse(hv(['31/03/2021,L seen at home', 'March 2021,L seen at clinic', '10/05/2021,L seen at home']), L).gaps;
    expect(from31.childNotSeen).toEqual([{ from: '2021-03-31', to: '2021-05-10', days: 40, before: 'hv-2', after: 'hv-4' }]);
    expect(from31.overall).toEqual([{ from: '2021-03-31', to: '2021-05-10', days: 40, before: 'hv-2', after: 'hv-4' }]);
  });
  it('a sighting in May is uncertain in a spell to 02/05 (it may be on 01/05); not in one to 01/05', () => {
    const to02 = analyse(hv(['10/03/2021,L seen at home', 'May 2021,L seen at clinic', '02/05/2021,L seen at home']), L).gaps.childNotSeen;
    expect(to02).toEqual([{ from: '2021-03-10', to: '2021-05-02', days: 53, before: 'hv-2', after: 'hv-4', uncertain: ['hv-3'] }]);
    const to01 = analyse(hv(['10/03/2021,L seen at home', 'May 2021,L seen at clinic', '01/05/2021,L seen at home']), L).gaps.childNotSeen;
    expect(to01).toEqual([{ from: '2021-03-10', to: '2021-05-01', days: 52, before: 'hv-2', after: 'hv-4' }]);
  });
});

describe('the involvement grid: a record is placed in a period only if its whole date lies in it (grid.ts)', () => {
  const school = (rows: string[]) => caseTimeline([one('school.csv', 'School', 'Date,Event', rows)]);
  const placed = (rows: string[], period: 'week' | 'month' | 'quarter') => {
    const grid = analyse(school(rows), { period }).grid;
    return { cells: grid.cells.map((c) => [c.period, c.events]), notPlaced: grid.notPlaced };
  };
  it('months: the last day of a month in it, the first day of the next in the next; 29 February in February', () => {
    expect(placed(['29/02/2020,a', '01/03/2020,b', '31/03/2021,c', '01/04/2021,d'], 'month')).toEqual({
      cells: [['2020-02', ['school-2']], ['2020-03', ['school-3']], ['2021-03', ['school-4']], ['2021-04', ['school-5']]], notPlaced: [],
    });
  });
  it('months: the periods run through the empty ones, each from its first day to its last', () => {
    const periods = analyse(school(['29/02/2020,a', '01/04/2020,b']), { period: 'month' }).grid.periods;
    expect(periods).toEqual([
      { period: '2020-02', from: '2020-02-01', to: '2020-02-29', agencies: ['School'], count: 1 },
      { period: '2020-03', from: '2020-03-01', to: '2020-03-31', agencies: [], count: 0 },
      { period: '2020-04', from: '2020-04-01', to: '2020-04-30', agencies: ['School'], count: 1 },
    ]);
    expect(analyse(school(['28/02/2021,a', '31/12/2021,b']), { period: 'month' }).grid.periods.filter((p) => p.period === '2021-02' || p.period === '2021-12'))
      .toEqual([
        { period: '2021-02', from: '2021-02-01', to: '2021-02-28', agencies: ['School'], count: 1 },
        { period: '2021-12', from: '2021-12-01', to: '2021-12-31', agencies: ['School'], count: 1 },
      ]);
  });
  it('months: a span within March is March\'s; one over 31/03–01/04 is placed nowhere; "April 2021" is April\'s; "2021" is no month\'s', () => {
    expect(placed(['29/03/2021 - 31/03/2021,a', '31/03/2021 - 01/04/2021,b', 'April 2021,c', '2021,d'], 'month')).toEqual({
      cells: [['2021-03', ['school-2']], ['2021-04', ['school-4']]], notPlaced: ['school-5', 'school-3'],
    });
  });
  it('weeks start on Monday: Sunday 14/03/2021 in the week of 08/03, Monday 15/03 and Sunday 21/03 in the week of 15/03, Monday 22/03 in the next', () => {
    expect(placed(['14/03/2021,a', '15/03/2021,b', '21/03/2021,c', '22/03/2021,d'], 'week')).toEqual({
      cells: [['2021-03-08', ['school-2']], ['2021-03-15', ['school-3', 'school-4']], ['2021-03-22', ['school-5']]], notPlaced: [],
    });
  });
  it('weeks across the new year: Sunday 03/01/2021 in the week of Monday 28/12/2020, which ends on 03/01', () => {
    const grid = analyse(school(['03/01/2021,a', '04/01/2021,b']), { period: 'week' }).grid;
    expect(grid.periods).toEqual([
      { period: '2020-12-28', from: '2020-12-28', to: '2021-01-03', agencies: ['School'], count: 1 },
      { period: '2021-01-04', from: '2021-01-04', to: '2021-01-10', agencies: ['School'], count: 1 },
    ]);
  });
  it('weeks: a span Monday to Sunday is placed; Monday to the next Monday, or Sunday to Sunday, is not; nor a month', () => {
    expect(placed(['15/03/2021 - 21/03/2021,a', '15/03/2021 - 22/03/2021,b', '14/03/2021 - 21/03/2021,c', 'w/c 15/03/2021,d', 'w/c 16/03/2021,e', 'April 2021,f'], 'week')).toEqual({
      cells: [['2021-03-15', ['school-5', 'school-2']]], notPlaced: ['school-4', 'school-3', 'school-6', 'school-7'],
    });
  });
  it('quarters: 31/03 in Q1 and 01/04 in Q2, 30/06 in Q2 and 01/07 in Q3, 30/09 in Q3 and 01/10 in Q4, 31/12 in Q4 and 01/01 in the next year\'s Q1', () => {
    const grid = analyse(school(['31/03/2021,a', '01/04/2021,b', '30/06/2021,c', '01/07/2021,d', '30/09/2021,e', '01/10/2021,f', '31/12/2021,g', '01/01/2022,h']), { period: 'quarter' }).grid;
    expect(grid.periods).toEqual([
      { period: '2021-Q1', from: '2021-01-01', to: '2021-03-31', agencies: ['School'], count: 1 },
      { period: '2021-Q2', from: '2021-04-01', to: '2021-06-30', agencies: ['School'], count: 2 },
      { period: '2021-Q3', from: '2021-07-01', to: '2021-09-30', agencies: ['School'], count: 2 },
      { period: '2021-Q4', from: '2021-10-01', to: '2021-12-31', agencies: ['School'], count: 2 },
      { period: '2022-Q1', from: '2022-01-01', to: '2022-03-31', agencies: ['School'], count: 1 },
    ]);
    expect(grid.cells.map((c) => [c.period, c.events])).toEqual([
      ['2021-Q1', ['school-2']], ['2021-Q2', ['school-3', 'school-4']], ['2021-Q3', ['school-5', 'school-6']], ['2021-Q4', ['school-7', 'school-8']], ['2022-Q1', ['school-9']],
    ]);
  });
  it('quarters: a span 01/04–30/06 and "April 2021" are Q2\'s; a span over 31/03–01/04 is placed nowhere', () => {
    expect(placed(['01/04/2021 - 30/06/2021,a', 'April 2021,b', '31/03/2021 - 01/04/2021,c'], 'quarter')).toEqual({
      cells: [['2021-Q2', ['school-3', 'school-2']]], notPlaced: ['school-4'],
    });
  });
});

/**
 * "every agency's first and last contact" — on an agency's last day, two timed records at 10:00
 * and 15:00: the last contact is the one at 15:00 (grid.ts once kept the first record of the last
 * day, comparing days strictly).
 */
describe('the involvement grid: each agency\'s first and last contact', () => {
  const sameDay = () => analyse(caseTimeline([one('school.csv', 'School', 'Date,Event', ['14/03/2021 10:00,Visit', '14/03/2021 15:00,Phone call'])])).grid.agencies;
  it('two records on one day at 10:00 and 15:00: the first contact is the one at 10:00', () => {
    expect(sameDay().map((a) => [a.agency, a.count, a.first, a.firstEvent])).toEqual([['School', 2, '2021-03-14', 'school-2']]);
  });
  it('two records on one day at 10:00 and 15:00: the last contact is the one at 15:00', () => {
    expect(sameDay().map((a) => [a.agency, a.last, a.lastEvent])).toEqual([['School', '2021-03-14', 'school-3']]);
  });
  it('records on two days: the first contact on the first day, the last on the last', () => {
    const grid = analyse(caseTimeline([one('school.csv', 'School', 'Date,Event', ['13/03/2021,Visit', '14/03/2021,Phone call'])])).grid;
    expect(grid.agencies).toEqual([{ agency: 'School', count: 2, first: '2021-03-13', firstEvent: 'school-2', last: '2021-03-14', lastEvent: 'school-3' }]);
  });
});

describe('the child\'s age: days under a month, months under two years, then years and months (timing.ts ageText)', () => {
  it.each([
    // Born on the 15th: a month old on the 15th of the next month.
    ['2020-01-15', '2020-01-15', '0 days'], ['2020-01-15', '2020-01-16', '1 day'], ['2020-01-15', '2020-01-17', '2 days'],
    ['2020-01-15', '2020-02-14', '30 days'], ['2020-01-15', '2020-02-15', '1 month'], ['2020-01-15', '2020-02-16', '1 month'],
    ['2020-01-15', '2020-03-14', '1 month'], ['2020-01-15', '2020-03-15', '2 months'], ['2020-01-15', '2020-03-16', '2 months'],
    // Born on the 31st: the birthday of a shorter month is its last day.
    ['2021-01-31', '2021-02-27', '27 days'], ['2021-01-31', '2021-02-28', '1 month'], ['2021-01-31', '2021-03-01', '1 month'],
    ['2021-01-31', '2021-03-30', '1 month'], ['2021-01-31', '2021-03-31', '2 months'], ['2021-01-31', '2021-04-01', '2 months'],
    ['2021-01-31', '2021-04-29', '2 months'], ['2021-01-31', '2021-04-30', '3 months'], ['2021-01-31', '2021-05-01', '3 months'],
    ['2020-01-31', '2020-02-28', '28 days'], ['2020-01-31', '2020-02-29', '1 month'], ['2020-01-31', '2020-03-01', '1 month'],
    // Born on 29 February: on 28 February in other years.
    ['2020-02-29', '2020-03-28', '28 days'], ['2020-02-29', '2020-03-29', '1 month'], ['2020-02-29', '2020-03-30', '1 month'],
    ['2020-02-29', '2021-02-27', '11 months'], ['2020-02-29', '2021-02-28', '12 months'], ['2020-02-29', '2021-03-01', '12 months'],
    ['2020-02-29', '2022-02-27', '23 months'], ['2020-02-29', '2022-02-28', '2 years'], ['2020-02-29', '2022-03-01', '2 years'],
    ['2020-02-29', '2024-02-28', '3 years 11 months'], ['2020-02-29', '2024-02-29', '4 years'], ['2020-02-29', '2024-03-01', '4 years'],
    // Two years: 23 months, then years.
    ['2019-08-14', '2021-08-13', '23 months'], ['2019-08-14', '2021-08-14', '2 years'], ['2019-08-14', '2021-08-15', '2 years'],
    ['2019-08-14', '2021-09-13', '2 years'], ['2019-08-14', '2021-09-14', '2 years 1 month'], ['2019-08-14', '2021-10-14', '2 years 2 months'],
    ['2019-08-14', '2022-08-13', '2 years 11 months'], ['2019-08-14', '2022-08-14', '3 years'], ['2019-08-14', '2022-09-14', '3 years 1 month'],
  ])('born %s, on %s: %s', (dob, day, text) => expect(ageText(dob, day)).toBe(text));

  it('a record the day before the birth has no age; on the day, 0 days; the day after, 1 day', () => {
    const t = hv(['13/08/2019,Antenatal visit', '14/08/2019,Birth notification', '15/08/2019,New birth visit']);
    const timing = analyse(t, { dob: '2019-08-14' }).timing;
    expect(timing).toHaveLength(3);
    expect(timing[0]).toStrictEqual({ event: 'hv-2', sincePrevious: undefined });
    expect(timing[1]).toStrictEqual({ event: 'hv-3', age: '0 days', ageDays: 0, sincePrevious: 1 });
    expect(timing[2]).toStrictEqual({ event: 'hv-4', age: '1 day', ageDays: 1, sincePrevious: 1 });
  });
  it('the days since the previous record: 0 on the same day, then the days between', () => {
    const t = hv(['01/03/2021,Visit', '01/03/2021,Phone call', '31/03/2021,Visit', 'April 2021,Letter', '01/05/2021,Visit']);
    expect(analyse(t).timing.map((x) => [x.event, x.sincePrevious])).toEqual([['hv-2', undefined], ['hv-3', 0], ['hv-4', 30], ['hv-6', 31]]);
  });
});

describe('the seen rules\' reach (rules.json seen): how far a name may stand from the word that decides', () => {
  /** The decision on one record `L<n characters>…`: the characters between are a space, x's and a space. */
  const between = (n: number) => ` ${'x'.repeat(n - 2)} `;
  const decision = (summary: string) => analyse(hv([`01/03/2021,${summary}`]), L).sightings.map((s) => [s.decision, s.rule]);
  it('child-seen: "L … seen" with 39 or 40 characters between; 41 are too many', () => {
    expect(decision(`L${between(39)}seen`)).toEqual([['seen', 'child-seen']]);
    expect(decision(`L${between(40)}seen`)).toEqual([['seen', 'child-seen']]);
    expect(decision(`L${between(41)}seen`)).toEqual([]);
  });
  it('child-seen-alone: "L … seen alone" with 40 characters between; 41 are too many', () => {
    expect(decision(`L${between(40)}seen alone`)).toEqual([['seen', 'child-seen-alone']]);
    expect(decision(`L${between(41)}seen alone`)).toEqual([]);
  });
  it('child-not-seen: "L … not seen" with 59 or 60 characters between; 61 are too many', () => {
    expect(decision(`L${between(59)}not seen`)).toEqual([['not-seen', 'child-not-seen']]);
    expect(decision(`L${between(60)}not seen`)).toEqual([['not-seen', 'child-not-seen']]);
    expect(decision(`L${between(61)}not seen`)).toEqual([]);
  });
  it('child-not-seen: "L … asleep" with 19 or 20 characters between; 21 are too many', () => {
    expect(decision(`L${between(19)}asleep`)).toEqual([['not-seen', 'child-not-seen']]);
    expect(decision(`L${between(20)}asleep`)).toEqual([['not-seen', 'child-not-seen']]);
    expect(decision(`L${between(21)}asleep`)).toEqual([]);
  });
});

describe('school attendance: the number read up to 20 characters after "attendance" (rules.json low-school-attendance)', () => {
  const values = (summary: string) => analyse(caseTimeline([one('school.csv', 'School', 'Date,Event', [`01/03/2021,${summary}`])])).patterns
    .filter((p) => p.rule === 'low-school-attendance').flatMap((p) => p.values!.map((v) => v.value));
  it('19 and 20 characters between: read; 21: not', () => {
    expect(values(`Attendance ${'x'.repeat(17)} 85%`)).toEqual([85]);
    expect(values(`Attendance ${'x'.repeat(18)} 85%`)).toEqual([85]);
    expect(values(`Attendance ${'x'.repeat(19)} 85%`)).toEqual([]);
  });
});

describe('a subject aged 18 or more is an adult, never the child (child.ts ADULT_AGE)', () => {
  const fromSubjects = (subject: string) => analyse(caseTimeline([one('gp.csv', 'GP', 'Date,Patient,Event', [`01/03/2021,${subject},Consultation`])]))
    .child.found.filter((f) => f.how.includes('subjects')).map((f) => f.name);
  it.each([['Jo (17y)', ['Jo']], ['Jo (18y)', []], ['Jo (19y)', []], ['Jo (17 years)', ['Jo']], ['Jo (18 years)', []]] as const)('%s: %j', (subject, names) => {
    expect(fromSubjects(subject)).toEqual(names);
  });
});
