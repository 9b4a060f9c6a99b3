/**
 * The review's scope, each edge on its own: an event ending on the scope's first day is in it, one
 * ending the day before is not; one starting on its last day is in it, one starting the day after
 * is not; each bound alone; undated events always in. Which events are on one known day. And
 * merge's own checks and figures: a file given twice, issues in the order the files were given
 * (then line, then severity), the first and last days of the chronology. In process, so the
 * mutation run reaches them (the command line's tests run in a child process).
 */
import { describe, expect, it } from 'vitest';
import { checkScope, inScope, isOnKnownDay } from '../../src/timeline/scope.js';
import { merge } from '../../src/timeline/merge.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { ChronologyEvent, IngestIssue, PartialDate } from '../../src/model/types.js';
import { isThroughlineError } from '../../src/model/errors.js';

const ev = (date: PartialDate): ChronologyEvent => ({
  id: 'gp-2', agency: 'GP', summary: 'Seen', date, source: { file: 'gp.csv', line: 2 }, extra: {}, flags: [],
});
const day = (start: string): ChronologyEvent => ev({ start, precision: 'day', text: start });

describe('isOnKnownDay', () => {
  it.each([
    [{ start: '2021-03-01', precision: 'day', text: '01/03/2021' }, true],
    [{ start: '2021-03-01T09:00', precision: 'minute', text: '01/03/2021 09:00' }, true],
    [{ start: '2021-03-01T09:00', end: '2021-03-01T10:00', precision: 'minute', text: '01/03/2021 09:00-10:00' }, true],
    [{ start: '2021-03-01', end: '2021-03-05', precision: 'day', text: '01/03/2021 - 05/03/2021' }, false],
    [{ start: '2021-03-01', precision: 'week', text: 'w/c 01/03/2021' }, false],
    [{ start: '2021-03-01', precision: 'month', text: 'March 2021' }, false],
    [{ start: '', precision: 'day', text: '' }, false],
    [{ start: '', precision: 'unknown', text: 'unknown' }, false],
  ] as Array<[PartialDate, boolean]>)('%o is on a known day: %s', (date, expected) => {
    expect(isOnKnownDay(ev(date))).toBe(expected);
  });
});

describe('checkScope', () => {
  it('keeps the days given, either alone, or both with the first on or before the last', () => {
    expect(checkScope('2021-01-01', '2021-12-31')).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect(checkScope('2021-06-01', '2021-06-01')).toEqual({ from: '2021-06-01', to: '2021-06-01' });
    expect(checkScope('2021-06-01', undefined)).toEqual({ from: '2021-06-01' });
    expect(checkScope(undefined, '2021-06-01')).toEqual({ to: '2021-06-01' });
    expect(checkScope(undefined, undefined)).toEqual({});
  });

  it('refuses a day not written yyyy-mm-dd, and a scope that ends the day before it starts, saying which', () => {
    const message = (from?: string, to?: string): string => {
      try { checkScope(from, to); } catch (e) { expect(isThroughlineError(e) && e.code).toBe('scope-invalid'); return (e as Error).message; }
      return 'not refused';
    };
    expect(message('01/01/2021', undefined)).toBe('the scope\'s from is "01/01/2021": expected a day written yyyy-mm-dd, e.g. 2021-01-01');
    expect(message(undefined, '2021-02-30')).toBe('the scope\'s to is "2021-02-30": expected a day written yyyy-mm-dd, e.g. 2021-01-01');
    expect(message('2021-06-02', '2021-06-01')).toBe('the review scope ends (2021-06-01) before it starts (2021-06-02)');
  });
});

describe('inScope: an event is in scope when any part of its period is', () => {
  const scope = { from: '2021-03-10', to: '2021-03-20' };
  it('at the first day: ending on it is in, ending the day before is out', () => {
    expect(inScope(day('2021-03-10'), scope)).toBe(true);
    expect(inScope(day('2021-03-09'), scope)).toBe(false);
    expect(inScope(ev({ start: '2021-03-01', end: '2021-03-10', precision: 'day', text: '' }), scope)).toBe(true);
    expect(inScope(ev({ start: '2021-03-01', end: '2021-03-09', precision: 'day', text: '' }), scope)).toBe(false);
  });

  it('at the last day: starting on it is in, starting the day after is out', () => {
    expect(inScope(day('2021-03-20'), scope)).toBe(true);
    expect(inScope(day('2021-03-21'), scope)).toBe(false);
    expect(inScope(ev({ start: '2021-03-20T23:59', precision: 'minute', text: '' }), scope)).toBe(true);
  });

  it('a month that overlaps the scope is in; one wholly before or after is out', () => {
    expect(inScope(ev({ start: '2021-03-01', precision: 'month', text: 'March 2021' }), scope)).toBe(true);
    expect(inScope(ev({ start: '2021-02-01', precision: 'month', text: 'Feb 2021' }), scope)).toBe(false);
    expect(inScope(ev({ start: '2021-04-01', precision: 'month', text: 'Apr 2021' }), scope)).toBe(false);
  });

  it('each bound alone bounds its own side only', () => {
    expect(inScope(day('2030-01-01'), { from: '2021-03-10' })).toBe(true);
    expect(inScope(day('2021-03-09'), { from: '2021-03-10' })).toBe(false);
    expect(inScope(day('1990-01-01'), { to: '2021-03-20' })).toBe(true);
    expect(inScope(day('2021-03-21'), { to: '2021-03-20' })).toBe(false);
    expect(inScope(day('2021-03-21'), {})).toBe(true);
  });

  it('an undated event is always in', () => {
    expect(inScope(ev({ start: '', precision: 'unknown', text: 'unknown' }), scope)).toBe(true);
  });
});

const file = (name: string, rows: string[]) => ingest({ file: name, content: ['Date,Summary', ...rows].join('\n') }, { agency: name.replace('.csv', '').toUpperCase() });

describe('merge', () => {
  it('refuses a file given twice, naming it', () => {
    expect.assertions(3);
    try {
      merge([file('gp.csv', ['01/03/2021,Seen']), file('hv.csv', ['02/03/2021,Visit']), file('gp.csv', ['03/03/2021,Seen again'])]);
    } catch (e) {
      expect(isThroughlineError(e) && e.code).toBe('duplicate-file');
      expect((e as Error).message).toBe('gp.csv is given twice');
      expect(isThroughlineError(e) && e.file).toBe('gp.csv');
    }
  });

  it('lists issues in the order the files were given, then by line, then errors before warnings before notes; issues of no file first', () => {
    const issue = (f: string, line: number, severity: IngestIssue['severity'], code: string): IngestIssue => ({ file: f, line, severity, code, message: code });
    const b = file('b.csv', ['01/03/2021,Seen']);
    const a = file('a.csv', ['02/03/2021,Seen']);
    const c = file('c.csv', ['03/03/2021,Seen']);
    b.issues = [issue('b.csv', 5, 'info', 'b5-info'), issue('b.csv', 5, 'error', 'b5-error'), issue('b.csv', 2, 'warning', 'b2-warning'), issue('b.csv', 5, 'error', 'b5-error-second')];
    a.issues = [issue('a.csv', 3, 'warning', 'a3'), issue('a.csv', 0, 'info', 'a0')];
    c.issues = [issue('c.csv', 1, 'info', 'c1'), issue('', 0, 'info', 'no-file')];
    const t = merge([b, a, c]);
    expect(t.issues.map((i) => i.code)).toEqual(['no-file', 'b2-warning', 'b5-error', 'b5-error-second', 'b5-info', 'a0', 'a3', 'c1']);
  });

  it('gives the first and last days of the chronology, as days, from the earliest start and the latest end', () => {
    const gp = ingest({ file: 'gp.csv', content: 'Date,Time,Summary\n05/03/2021,09:30,Seen\n01/03/2021,23:10,Phoned\nunknown,,Letter' }, { agency: 'GP' });
    const hv = ingest({ file: 'hv.csv', content: 'From,To,Summary\n02/03/2021,20/03/2021,Visits\n04/03/2021,,Weighed' }, { agency: 'HV' });
    const t = merge([gp, hv]);
    expect([t.stats.first, t.stats.last]).toEqual(['2021-03-01', '2021-03-20']);
    // The last record timed: the last day is still a day.
    const timed = merge([ingest({ file: 'ed.csv', content: 'Date,Time,Summary\n05/03/2021,09:30,Seen\n07/03/2021,23:45,Seen again' }, { agency: 'ED' })]);
    expect([timed.stats.first, timed.stats.last]).toEqual(['2021-03-05', '2021-03-07']);
    // Nothing dated: neither is given.
    const undated = merge([ingest({ file: 'x.csv', content: 'Date,Summary\nunknown,Letter' }, { agency: 'X' })]);
    expect(undated.stats.first).toBeUndefined();
    expect(undated.stats.last).toBeUndefined();
    expect(undated.stats.events).toBe(undated.events.length);
  });
});
