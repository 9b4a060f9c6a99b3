/**
 * Edges the mutation run found unguarded (mutants that survived the rest of the suite): which
 * records a pattern counts, where a run of qualifying windows ends, the number a threshold reads,
 * the escalation run, undated sightings, how a referral is read (received or sent, to whom, and
 * which record answers it) and how the child's name is read from a subjects column.
 *
 * Every expectation is a literal worked out by hand from the case built in the test; the
 * comment beside each says how.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { validateRules } from '../../src/analytics/rules.js';
import type { Timeline } from '../../src/model/types.js';
import { caseTimeline, sameEvent, type CaseFile } from './cases.js';

const CSC = "Children's Social Care";
const one = (file: string, agency: string, header: string, rows: string[]): CaseFile => ({ file, agency, header, rows });
/** The shipped rules with `patterns` replaced by these alone. */
const withPatterns = (patterns: unknown[]) => validateRules({ patterns }, 'rules.json');
/** One school file's rows, analysed under these pattern rules alone. */
const schoolPatterns = (rows: string[], patterns: unknown[]) =>
  analyse(caseTimeline([one('x.csv', 'School', 'Date,Event', rows)]), { rules: withPatterns(patterns), child: ['L'] }).patterns;

describe('which records a pattern counts: a threshold any dated record, a span only records on a known day (patterns.ts matching)', () => {
  const attendance = { id: 'att', kind: 'threshold', title: 'Attendance', match: 'attendance (\\d+)%', below: 90 };
  it('a threshold counts a day and a month, never an undated record', () => {
    // x-2 (01/03/2021, 85) and x-3 (April 2021, 84) are below 90 and dated; x-4 (80, date "not
    // known") is undated and left out. From the first day of x-2 to the last day of April (x-3).
    expect(schoolPatterns(['01/03/2021,Attendance 85%', 'April 2021,Attendance 84%', 'not known,Attendance 80%'], [attendance])).toEqual([{
      rule: 'att', title: 'Attendance', kind: 'threshold', events: ['x-2', 'x-3'], count: 2, from: '2021-03-01', to: '2021-04-30',
      values: [{ event: 'x-2', value: 85 }, { event: 'x-3', value: 84 }],
    }]);
  });
  it('an undated record alone below the threshold is no finding', () => {
    // The only match is undated: nothing to report (and no date to give it).
    expect(schoolPatterns(['not known,Attendance 80%', '01/03/2021,Attendance 95%'], [attendance])).toEqual([]);
  });
  const letters = { id: 'letters', kind: 'repeat', title: 'Letters', match: 'letter', min: 3 };
  it('repeat (min 3): two letters on days, one in a month and one undated are one short', () => {
    // Only x-2 and x-3 are on known days: 2 < 3, no finding.
    expect(schoolPatterns(['01/03/2021,Letter sent', '02/03/2021,Letter sent', 'April 2021,Letter sent', 'not known,Letter sent'], [letters])).toEqual([]);
  });
  it('repeat (min 3): a third letter on a day makes the run of the three on days only', () => {
    // x-2, x-3, x-4 on 01–03/03/2021; April 2021 (x-5) and the undated x-6 stay out.
    expect(schoolPatterns(['01/03/2021,Letter sent', '02/03/2021,Letter sent', '03/03/2021,Letter sent', 'April 2021,Letter sent', 'not known,Letter sent'], [letters])).toEqual([
      { rule: 'letters', title: 'Letters', kind: 'repeat', events: ['x-2', 'x-3', 'x-4'], count: 3, from: '2021-03-01', to: '2021-03-03' },
    ]);
  });
});

describe('where a run of qualifying windows ends (patterns.ts clusters)', () => {
  const runs = (rows: string[], min: number, withinDays: number) =>
    schoolPatterns(rows, [{ id: 'letters', kind: 'repeat', title: 'Letters', match: 'letter', min, withinDays }]).map((p) => [p.events, p.from, p.to]);
  it('min 2 within 3 days: a letter exactly 3 days on joins, 4 days on starts afresh', () => {
    // 28/12/2020→01/01 is 4 days (no); 01/01→04/01 is 3 days (qualifies), 04/01→07/01 is 3 days
    // (qualifies, shares 04/01: one run), 07/01→11/01 is 4 days (no), 11/01→14/01 is 3 days (a new run).
    expect(runs(['28/12/2020,Letter', '01/01/2021,Letter', '04/01/2021,Letter', '07/01/2021,Letter', '11/01/2021,Letter', '14/01/2021,Letter'], 2, 3)).toEqual([
      [['x-3', 'x-4', 'x-5'], '2021-01-01', '2021-01-07'],
      [['x-6', 'x-7'], '2021-01-11', '2021-01-14'],
    ]);
  });
  it('min 3 within 2 days: the run ends at the last letter of its last window', () => {
    // Windows of three: (1,2,3 Jan) 2 days yes; (2,3,4) 2 yes, joins: run to 4 Jan; (3,4,7) 4 no;
    // (4,7,8) 4 no; (7,8,9) 2 yes, shares nothing with the first run: a second run.
    expect(runs(['01/01/2021,Letter', '02/01/2021,Letter', '03/01/2021,Letter', '04/01/2021,Letter', '07/01/2021,Letter', '08/01/2021,Letter', '09/01/2021,Letter'], 3, 2)).toEqual([
      [['x-2', 'x-3', 'x-4', 'x-5'], '2021-01-01', '2021-01-04'],
      [['x-6', 'x-7', 'x-8'], '2021-01-07', '2021-01-09'],
    ]);
  });
  it('a run that goes on to the last letter takes no more than there are', () => {
    // (1,2) (2,3) (3,4) each 1 day: one run of all four.
    expect(runs(['01/01/2021,Letter', '02/01/2021,Letter', '03/01/2021,Letter', '04/01/2021,Letter'], 2, 1)).toEqual([
      [['x-2', 'x-3', 'x-4', 'x-5'], '2021-01-01', '2021-01-04'],
    ]);
  });
});

describe('the number a threshold reads: the first group that matched (patterns.ts threshold)', () => {
  it('the shipped rule: a number in its first group or in its second', () => {
    // "Attendance 85%" fills the first alternative's group (85); "Attendance %: 70" only the
    // second's (70); 95 is not below 90.
    const t = caseTimeline([one('school.csv', 'School', 'Date,Event', ['01/03/2021,Attendance 85%', '02/03/2021,Attendance %: 70', '03/03/2021,Attendance 95%'])]);
    expect(analyse(t, { child: ['L'] }).patterns.filter((p) => p.rule === 'low-school-attendance')).toEqual([{
      rule: 'low-school-attendance', title: 'School attendance below 90%', kind: 'threshold', events: ['school-2', 'school-3'], count: 2,
      from: '2021-03-01', to: '2021-03-02', values: [{ event: 'school-2', value: 85 }, { event: 'school-3', value: 70 }],
    }]);
  });
  it('a record the rule matches without capturing a number gives no value', () => {
    // "Attendance not recorded" matches the second alternative, which has no group: no number, so
    // only x-3's 80 is a value.
    const rule = { id: 'att', kind: 'threshold', title: 'Attendance', match: 'attendance (?:(\\d+)%|not recorded)', below: 90 };
    expect(schoolPatterns(['01/03/2021,Attendance not recorded', '02/03/2021,Attendance 80%'], [rule]).map((p) => p.values)).toEqual([[{ event: 'x-3', value: 80 }]]);
  });
  it('a rule of every record (".") read in an outcome a record lacks: nothing matched there, no value, no failure', () => {
    // x-2 has no outcome: "." finds nothing in it. x-3's outcome "85" matches, but "." has no
    // group, so no number: no finding at all.
    const rule = { id: 'any', kind: 'threshold', title: 'Any', match: '.', field: 'outcome', below: 90 };
    const t = caseTimeline([one('x.csv', 'School', 'Date,Event,Outcome', ['01/03/2021,Attendance checked,', '02/03/2021,Attendance checked,85'])]);
    expect(analyse(t, { rules: withPatterns([rule]), child: ['L'] }).patterns).toEqual([]);
  });
});

describe('escalation: the latest intervals each shorter than the one before, three or more (patterns.ts ESCALATION_RUN)', () => {
  const calls = (dates: string[]) => schoolPatterns(dates.map((d) => `${d},Call-out`), [{ id: 'calls', kind: 'escalation', title: 'Calls', match: 'call-out', min: 1 }])
    .map((p) => [p.events.length, p.intervals, p.escalating]);
  it('one call-out: no intervals, not escalating', () => expect(calls(['01/01/2021'])).toEqual([[1, [], false]]));
  it('one interval (30): not escalating', () => expect(calls(['01/01/2021', '31/01/2021'])).toEqual([[2, [30], false]]));
  it('two shortening (30, 20): not yet', () => expect(calls(['01/01/2021', '31/01/2021', '20/02/2021'])).toEqual([[3, [30, 20], false]]));
  it('three shortening (30, 20, 10): escalating', () => {
    // 31/01 + 20 = 20/02; 20/02 + 10 = 02/03 (February 2021 has 28 days).
    expect(calls(['01/01/2021', '31/01/2021', '20/02/2021', '02/03/2021'])).toEqual([[4, [30, 20, 10], true]]);
  });
  it('a repeated interval between (30, 20, 20, 10): the latest run is two, not escalating', () => {
    // 20/02 + 20 = 12/03; 12/03 + 10 = 22/03. 10 < 20 but 20 is not < 20.
    expect(calls(['01/01/2021', '31/01/2021', '20/02/2021', '12/03/2021', '22/03/2021'])).toEqual([[5, [30, 20, 20, 10], false]]);
  });
  it('a longer interval before the latest three (20, 30, 20, 10): escalating', () => {
    // 21/01 + 30 = 20/02; then 12/03 (20) and 22/03 (10): 10 < 20 < 30, and 30 is not < 20.
    expect(calls(['01/01/2021', '21/01/2021', '20/02/2021', '12/03/2021', '22/03/2021'])).toEqual([[5, [20, 30, 20, 10], true]]);
  });
});

describe('a record saying the child was seen is a sighting only when it is dated (sightings.ts)', () => {
  it('a day and a month are sightings (the month on no known day); an undated record is none', () => {
    // hv-2 (01/03/2021) and hv-4 (April 2021) are dated; hv-3 ("not known") is not. All three say
    // "L seen", the child-seen rule.
    const t = caseTimeline([one('hv.csv', 'Health Visiting', 'Date,Summary', ['01/03/2021,L seen at clinic', 'not known,L seen at home', 'April 2021,L seen at home'])]);
    expect(analyse(t, { child: ['L'] }).sightings).toEqual([
      { event: 'hv-2', decision: 'seen', rule: 'child-seen', onKnownDay: true },
      { event: 'hv-4', decision: 'seen', rule: 'child-seen', onKnownDay: false },
    ]);
  });
});

describe('how a referral is read: received, or sent to whom (referrals.ts)', () => {
  /** A record of `agency` on 01/03/2021, and a police and a CSC record after it. */
  const read = (agency: string, text: string, rules?: ReturnType<typeof validateRules>) => analyse(caseTimeline([
    one('a.csv', agency, 'Date,Event', [`01/03/2021,${text}`]),
    one('p.csv', 'Police', 'Date,Event', ['04/03/2021,Officer visit']),
    one('c.csv', CSC, 'Date,Event', ['03/03/2021,Strategy discussion']),
  ]), rules ? { rules } : {}).referrals.filter((r) => r.event === 'a-2');

  it('the agency named before the referral words: received from it, its own response', () => {
    // "Police" at 0, "PPN" at 7; no outgoing or incoming words.
    expect(read('Hospital ED', 'Police PPN re domestic incident')).toEqual([
      { event: 'a-2', from: 'Police', to: 'Hospital ED', date: '2021-03-01', response: 'a-2', days: 0, noTimelyResponse: false },
    ]);
  });
  it('the agency named after the referral words, without "to": sent to it', () => {
    // "Referral" at 0, "police" at 15; "Referral made," is not "referral … to"; nothing incoming.
    // The police record of 04/03 answers it: 3 days.
    expect(read('Hospital ED', 'Referral made, police to visit')).toEqual([
      { event: 'a-2', from: 'Hospital ED', to: 'Police', date: '2021-03-01', response: 'p-2', days: 3, noTimelyResponse: false },
    ]);
  });
  it('sent words win over an agency named before them, and the receiver is looked for after them', () => {
    // "Police aware. " (14 characters) names the police first; "Referral sent to" (16 characters,
    // from 14) is outgoing: sent, to the agency after position 30, CSC (its record of 03/03: 2 days).
    expect(read('School', 'Police aware. Referral sent to CSC')).toEqual([
      { event: 'a-2', from: 'School', to: CSC, date: '2021-03-01', response: 'c-2', days: 2, noTimelyResponse: false },
    ]);
  });
  it('no agency named and no sent or incoming words: from the recording agency to no one stated', () => {
    expect(read('School', 'Referral considered by DSL')).toEqual([
      { event: 'a-2', from: 'School', to: '(not stated)', date: '2021-03-01', noTimelyResponse: false },
    ]);
  });
  it('a notice named after its sender ("PPN", the police\'s) where the referral words begin: received from it, its own response', () => {
    // CSC's front door records the police's notice: "PPN" at 0 is both the referral words and
    // the police's name; the shipped notice rule is "\\bPPN\\b". Nothing outgoing or incoming.
    expect(read(CSC, 'PPN: DA incident at home, children present')).toEqual([
      { event: 'a-2', from: 'Police', to: CSC, date: '2021-03-01', response: 'a-2', days: 0, noTimelyResponse: false },
    ]);
  });
  it('without the notice rule the same record is one sent to the agency its words name', () => {
    // The shipped referrals with "notice" left out: "PPN" names the police after (at) the
    // referral words, so sent to the police, whose record of 04/03 answers it (3 days).
    const { notice: _notice, ...referrals } = validateRules({}, 'rules.json').referrals;
    expect(read(CSC, 'PPN: DA incident at home, children present', validateRules({ referrals }, 'rules.json'))).toEqual([
      { event: 'a-2', from: CSC, to: 'Police', date: '2021-03-01', response: 'p-2', days: 3, noTimelyResponse: false },
    ]);
  });
  it('a notice sent on ("PPN to CSC") is sent, whoever records it', () => {
    expect(read('Hospital ED', 'PPN to CSC re DA')).toEqual([
      { event: 'a-2', from: 'Hospital ED', to: CSC, date: '2021-03-01', response: 'c-2', days: 2, noTimelyResponse: false },
    ]);
  });
  it('an agency named where the referral words begin is not named before them: sent to it', () => {
    // Rules where the referral words themselves name CSC ("MASH", CSC's pattern): "MASH referral"
    // and CSC both at 0. Not before: sent to CSC, answered by its record of 03/03 (2 days).
    const rules = validateRules({ referrals: { match: '\\bMASH referral\\b', outgoing: '\\bsent to\\b', incoming: '\\breceived\\b', responseWithinDays: 7 } }, 'rules.json');
    expect(read('School', 'MASH referral made', rules)).toEqual([
      { event: 'a-2', from: 'School', to: CSC, date: '2021-03-01', response: 'c-2', days: 2, noTimelyResponse: false },
    ]);
  });
});

describe('the response: the receiving agency\'s first record after the referral in the merged order (referrals.ts)', () => {
  /** Police "PPN to CSC" at 12:00 on 05/03/2021 among CSC's records, the timeline linked as given. */
  const timeline = (links: Parameters<typeof caseTimeline>[1] = []): Timeline => caseTimeline([
    one('police.csv', 'Police', 'Date,Details', ['05/03/2021 12:00,Domestic incident. PPN to CSC']),
    one('csc.csv', CSC, 'Date,Event', [
      '01/03/2021,Visit', '02/03/2021,Visit', '03/03/2021,Visit', '04/03/2021,Visit',
      '05/03/2021 09:00,Visit', '05/03/2021 15:00,Visit', '06/03/2021,Visit', '08/03/2021,Visit',
    ]),
  ], links);
  const referral = (t: Timeline) => analyse(t).referrals.filter((r) => r.event === 'police-2');
  it('CSC\'s record at 15:00 the same day, not the one at 09:00 before it: 0 days', () => {
    // Merged order on 05/03: CSC 09:00 (csc-6), the PPN at 12:00, CSC 15:00 (csc-7).
    expect(referral(timeline())).toEqual([
      { event: 'police-2', from: 'Police', to: CSC, date: '2021-03-05', response: 'csc-7', days: 0, noTimelyResponse: false },
    ]);
  });
  it('a record of the same event is passed over: the next one after, never one before', () => {
    // csc-7 is linked as the same event as the PPN: the response is csc-8 on 06/03, 1 day.
    expect(referral(timeline([sameEvent('L1', ['police-2', 'csc-7'], ['Police', CSC])]))).toEqual([
      { event: 'police-2', from: 'Police', to: CSC, date: '2021-03-05', response: 'csc-8', days: 1, noTimelyResponse: false },
    ]);
  });
  it('no record of the receiver after it: no response, flagged', () => {
    const t = caseTimeline([
      one('police.csv', 'Police', 'Date,Details', ['05/03/2021 12:00,Domestic incident. PPN to CSC']),
      one('csc.csv', CSC, 'Date,Event', ['01/03/2021,Visit', '02/03/2021,Visit', '05/03/2021 09:00,Visit']),
    ]);
    expect(referral(t)).toEqual([{ event: 'police-2', from: 'Police', to: CSC, date: '2021-03-05', noTimelyResponse: true }]);
  });
});

describe('the child\'s name from a subjects column (child.ts)', () => {
  const inferred = (files: CaseFile[]) => analyse(caseTimeline(files)).child.found.filter((n) => !n.how.includes('rules'));
  const ed = (subjects: string[]): CaseFile => ({
    file: 'ed.csv', agency: 'Hospital ED', header: 'Date,Patient,Presenting Complaint',
    rows: subjects.map((s, i) => `${String(i + 1).padStart(2, '0')}/03/2021,${s},Unwell`),
  });
  const subjectsName = (subjects: string[]) => inferred([ed(subjects)]).map((n) => [n.name, n.how, n.detail]);

  it('on a tie within one record, the name written first: subjects', () => {
    // "Child A; Child B" names both once, in the same record: A, written first.
    expect(subjectsName(['Child A; Child B'])).toEqual([['A', ['subjects'], 'the subjects column ("Patient") names A in 1 of 1 record with a subject']]);
  });
  it('on a tie within one record, the name written first: "Child X" labels and names seen', () => {
    const csc = (row: string): CaseFile => one('csc.csv', CSC, 'Date,Event', [`01/03/2021,${row}`]);
    // J and K each in one record, the same record: J, written first.
    expect(inferred([csc('Child J and Child K at school')])).toEqual([{ name: 'J', how: ['child-label'], detail: '"Child J" is written in 1 record' }]);
    expect(inferred([csc('J seen, K seen at home')])).toEqual([{ name: 'J', how: ['seen-records'], detail: 'said to be seen in 1 record by 1 agency' }]);
  });
  it('a sibling\'s whole name, hyphen or apostrophe and all, is never the child', () => {
    // Mary-Jane, D'Arcy and D’Arcy are each a brother's or sister's name, then written alone twice:
    // left out, so Rose (once) is the child.
    expect(subjectsName([
      'Sister Mary-Jane (6y)', 'Mary-Jane (6y)', 'Mary-Jane (6y)',
      "Brother D'Arcy (8y)", "D'Arcy (8y)", "D'Arcy (8y)",
      'Brother D’Arcy (9y)', 'D’Arcy (9y)', 'D’Arcy (9y)',
      'Rose (2y)',
    ])).toEqual([['Rose', ['subjects'], 'the subjects column ("Patient") names Rose in 1 of 10 records with a subject']]);
  });
  it.each([
    ['Child  L (2y)', 'L'],
    ['Child Mary-Jane (2y)', 'Mary-Jane'],
    ["Child D'Arcy (2y)", "D'Arcy"],
    ['Child D’Arcy (2y)', 'D’Arcy'],
    ['Baby Rose', 'Rose'],
    ['Infant Rose', 'Rose'],
  ])('the label "%s" names %s', (cell, name) => {
    expect(subjectsName([cell]).map(([n, how]) => [n, how])).toEqual([[name, ['subjects']]]);
  });
  it('"Child l" (no capital) names no one', () => expect(subjectsName(['Child l (2y)'])).toEqual([]));
  it('no name, a heading word and "Child Protection" are not names, whatever their count', () => {
    // "not known" has no capitalised word; "Patient" is a heading word; "Protection" follows
    // "Child" without being a name. Each twice; Rose once: Rose.
    expect(subjectsName(['not known', 'not known', 'Patient (3y)', 'Patient (3y)', 'Child Protection', 'Child Protection', 'Rose (2y)']))
      .toEqual([['Rose', ['subjects'], 'the subjects column ("Patient") names Rose in 1 of 7 records with a subject']]);
  });
});
