/**
 * Missed appointments are the child's, not an agency's own absence from a multi-agency meeting.
 * The meetings are the link rules' (`{meeting}` in a rule stands for them, abbreviations too).
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { compile, DEFAULT_MEETINGS, validateRules } from '../../src/analytics/rules.js';
import { DEFAULT_LINK_RULES } from '../../src/timeline/links.js';
import { caseTimeline } from './cases.js';

/** Each row with a was-not-brought record beside it, so that a row counted makes a pattern of two (min 2) and one left out makes none. */
const missed = (row: string, options: Parameters<typeof analyse>[1] = {}) => analyse(caseTimeline([{
  file: 'hv.csv', agency: 'Health Visiting', header: 'Date,Summary', rows: ['01/03/2021,L was not brought to the hearing clinic', `02/03/2021,${row}`],
}]), options).patterns.filter((p) => p.rule === 'missed-health-appointments').map((p) => p.events);
const counted = [['hv-2', 'hv-3']];

describe('an agency\'s own absence from a meeting is not a missed appointment', () => {
  it.each([
    'School did not attend the RCPC',
    'GP did not attend core group',
    'HV did not attend the TAF',
    'Did not attend the CGM; apologies sent',
    'GP did not attend the ICPC',
    'School DNA the strategy meeting',
    'ICPC held today: GP did not attend, report received',
    'GP did not attend the rescheduled core group',
    'Police did not attend the professionals meeting',
    'HV did not attend the conference',
  ])('%s', (row) => expect(missed(row)).toEqual([]));
  it.each([
    'L did not attend the paediatric appointment',
    'L was not brought to the dentist',
    'WNB to audiology',
    'Did not attend the paediatric appointment',
  ])('the child\'s missed appointment counts: %s', (row) => expect(missed(row, { child: ['L'] })).toEqual(counted));
  it.each([
    'Discharged back to GP after 2 x WNB (per access policy)',
    'CAMHS letter: discharged after two WNB. Plan: rebook if mum requests',
    'Report: WNB x4 in 12 months',
  ])('a record counting missed appointments is none itself: %s', (row) => {
    expect(missed(row)).toEqual([]);
    // Without the counting words it would be one.
    expect(missed(row.replace(/after (?:2 x|two) |x4 /, ''))).toEqual(counted);
  });
  it('up to two words between "did not attend" and the meeting are read through; three are not', () => {
    expect(missed('GP did not attend core group')).toEqual([]);
    expect(missed('GP did not attend the core group')).toEqual([]);
    expect(missed('GP did not attend the rescheduled core group')).toEqual([]);
    expect(missed('GP did not attend the twice rescheduled core group')).toEqual(counted);
  });
  it('a meeting named up to 60 characters before "did not attend" is the one not attended; 61 is too far', () => {
    // n characters between the meeting's name and "did not attend" (not at the record's start,
    // where the meeting's name makes the record one of the meeting whatever follows).
    const gap = (n: number) => `Noted that the core group ${'x'.repeat(n - 2)} did not attend`;
    expect(missed(gap(59))).toEqual([]);
    expect(missed(gap(60))).toEqual([]);
    expect(missed(gap(61))).toEqual(counted);
  });
});

describe('{meeting} is the link rules\' meeting vocabulary', () => {
  it('is imported from the link rules, not copied', () => {
    expect(DEFAULT_MEETINGS).toEqual(DEFAULT_LINK_RULES.meetings.map((m) => m.pattern));
  });
  it.each([
    ['ICPC', true], ['RCPC', true], ['CGM', true], ['core group', true], ['strategy discussion', true], ['TAF', true],
    ['the GP surgery', false], ['clinic', false],
  ])('"%s" is a meeting: %s', (text, is) => expect(compile('^{meeting}$', []).test(text)).toBe(is));
  it('follows the meetings given (e.g. from --link-rules)', () => {
    const huddle = ['\\bhuddle\\b'];
    expect(compile('{meeting}', [], huddle).test('the daily huddle')).toBe(true);
    expect(compile('{meeting}', [], huddle).test('ICPC')).toBe(false);
    expect(missed('GP did not attend the huddle')).toEqual(counted);
    expect(missed('GP did not attend the huddle', { meetings: huddle })).toEqual([]);
  });
  it('with no meetings at all, {meeting} matches nothing', () => expect(compile('{meeting}', [], []).test('ICPC')).toBe(false));
  it('can be used in any rule', () => {
    const rules = validateRules({ patterns: [{ id: 'm', kind: 'repeat', title: 'Meetings', match: '{meeting}', min: 2 }] }, 'rules.json');
    const t = caseTimeline([{ file: 'csc.csv', agency: "Children's Social Care", header: 'Date,Event', rows: ['01/03/2021,ICPC held', '02/03/2021,Core group', '03/03/2021,Home visit'] }]);
    expect(analyse(t, { rules }).patterns.map((p) => p.events)).toEqual([['csc-2', 'csc-3']]);
  });
  it('a name or a meeting with $ signs in it is taken as written', () => {
    expect(compile('^{child}$', ['A$&B']).test('A$&B')).toBe(true);
    expect(compile('^{meeting}$', [], ["x$'y|z"]).test('z')).toBe(true);
  });
});
