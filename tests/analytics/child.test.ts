/**
 * Who the child is when no name is given: inferred from the returns (a subjects column, "Child X",
 * the name said to be seen), said how, and every not-seen finding marked provisional until the
 * reviewer confirms the names with --child.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { analysisJsonChunks, analysisMarkdownChunks } from '../../src/export/analysis.js';
import { demoTimeline } from '../helpers/demo.js';
import { caseTimeline, type CaseFile } from './cases.js';

const RULE_WORDS = ['child', 'baby', 'infant'].map((name) => ({ name, how: ['rules'], detail: 'a word for the child in the rules (rules.json "child")' }));
const inferred = (files: CaseFile[]) => analyse(caseTimeline(files)).child.found.filter((n) => !n.how.includes('rules'));

describe('demo case without --child', () => {
  const demo = demoTimeline();
  const a = analyse(demo, { dob: '2019-08-14' });
  it('infers L three ways, and says how', () => {
    // fixtures/demo/EXPECTED.md lists the ED attendances: L 6 times, the mother 5, M 2 — the
    // "Patient" column's 13 values. Read in the demo returns: "Child L" is written in the police
    // records of 26/11 and 28/11/2022 (2); "L seen" (or "weighed") in CSC's records of 05/05/21,
    // 03/06/21, 09/06/21, 04/11/21 ("seen but asleep"), 09/03/22, the HV's of 21/05/21, 09/06/21,
    // 12/07/21 (weighed), 10/09/21, 22/03/22 and the GP's of 12/12/21: 11 records, 3 agencies.
    expect(a.child).toEqual({
      names: ['L', 'child', 'baby', 'infant'],
      found: [{
        name: 'L', how: ['subjects', 'child-label', 'seen-records'],
        detail: 'the subjects column ("Patient") names L in 6 of 13 records with a subject; "Child L" is written in 2 records; said to be seen in 11 records by 3 agencies',
      }, ...RULE_WORDS],
      confirmed: false,
      dob: '2019-08-14',
    });
  });
  it('finds the child unseen for 166 days at the longest (not 309), provisional', () => {
    // By hand, from EXPECTED.md's facts: after the SW saw L alone on 09/03/2022 the HV saw L on
    // 22/03/2022 (health_visiting.csv line 20, "L seen with mother"); the ED attendance of
    // 18/06/2022 ended "did not wait" (not seen); L was next seen at ED on 04/09/2022:
    // 9 days of March + 30 + 31 + 30 + 31 + 31 + 4 = 166. Knowing L only as "child" gave 309.
    expect(a.gaps.childNotSeen[0]).toEqual({
      from: '2022-03-22', to: '2022-09-04', days: 166, before: 'health-visiting-20', after: 'hospital-ed-12', notSeen: ['hospital-ed-10'], provisional: true,
    });
    // L is seen on fourteen days: those of the records listed above but 04/11/21 (asleep, so not
    // seen) — 05/05, 21/05, 03/06, 09/06, 12/07, 10/09, 12/12/21, 09/03, 22/03/22 — and at ED on
    // 18/04, 10/07, 30/10/21, 04/09 and 25/11/22 (18/06/22 ended "did not wait"). No two are a day
    // apart, so there are 13 gaps and the list holds the ten longest (GAPS_LISTED), all provisional.
    expect(a.gaps.childNotSeen).toHaveLength(10);
    expect(a.gaps.childNotSeen.filter((g) => g.provisional !== true)).toEqual([]);
  });
  it('finds the same periods as with --child L, only provisional', () => {
    const confirmed = analyse(demo, { child: ['L'] }).gaps.childNotSeen;
    expect(confirmed).toHaveLength(10);
    expect(a.gaps.childNotSeen).toEqual(confirmed.map((g) => ({ ...g, provisional: true })));
  });
  it('says so in the Markdown, at the top and beside each period', () => {
    const md = [...analysisMarkdownChunks(a, demo)].join('');
    const note = 'provisional: the child\'s name was inferred as L (the subjects column ("Patient") names L in 6 of 13 records with a subject; "Child L" is written in 2 records; said to be seen in 11 records by 3 agencies); give --child to confirm.';
    expect(md.split(note)).toHaveLength(3);
    expect(md).toContain('| 22/03/2022 | 04/09/2022 | 166 | health-visiting-20 (fixtures/demo/health_visiting.csv:20) | hospital-ed-12 (fixtures/demo/hospital_ed.csv:12) | provisional (the child\'s name inferred). not seen: hospital-ed-10');
  });
  it('with --child: confirmed, and nothing provisional in the JSON or the Markdown', () => {
    const c = analyse(demo, { child: ['L', 'Lacey'] });
    expect(c.child).toEqual({
      names: ['L', 'Lacey', 'child', 'baby', 'infant'],
      found: [{ name: 'L', how: ['given'], detail: 'given by the reviewer (--child)' }, { name: 'Lacey', how: ['given'], detail: 'given by the reviewer (--child)' }, ...RULE_WORDS],
      confirmed: true,
    });
    expect(c.gaps.childNotSeen[0]).toMatchObject({ days: 166 });
    expect(c.gaps.childNotSeen.filter((g) => 'provisional' in g)).toEqual([]);
    expect([...analysisJsonChunks(c)].join('')).not.toContain('provisional');
    expect([...analysisMarkdownChunks(c, demo)].join('')).not.toContain('provisional');
  });
  it('is deterministic', () => {
    const again = analyse(demo, { dob: '2019-08-14' });
    expect([...analysisJsonChunks(again)].join('')).toBe([...analysisJsonChunks(a)].join(''));
  });
});

describe('a subjects column: its most frequent value naming a child', () => {
  const ed = (subjects: string[]): CaseFile => ({
    file: 'ed.csv', agency: 'Hospital ED', header: 'Date,Patient,Presenting Complaint', rows: subjects.map((s, i) => `0${i + 1}/03/2021,${s},Unwell`),
  });
  it('Child A, never the mother nor the sibling', () => {
    expect(inferred([ed(['Mother (30y)', 'Child A (2y)', 'Mother (30y)', 'Sibling B (5y)', 'Child A (2y)', 'Mother (30y)'])])).toEqual([
      { name: 'A', how: ['subjects'], detail: 'the subjects column ("Patient") names A in 2 of 6 records with a subject' },
    ]);
  });
  it.each([[17, ['Jo']], [18, []], [19, []]])('a subject aged %i is %s', (age, names) => {
    expect(inferred([ed([`Jo (${age}y)`])]).map((n) => n.name)).toEqual(names);
  });
  it('a first name; on a tie, the first written', () => {
    expect(inferred([ed(['Lacey Brennan', 'Mason Brennan'])]).map((n) => n.name)).toEqual(['Lacey']);
    expect(inferred([ed(['Lacey Brennan', 'Mason Brennan', 'Mason Brennan'])]).map((n) => n.name)).toEqual(['Mason']);
  });
});

describe('"Child X" written in the records', () => {
  const csc = (rows: string[]): CaseFile => ({ file: 'csc.csv', agency: "Children's Social Care", header: 'Date,Event', rows: rows.map((r, i) => `0${i + 1}/03/2021,${r}`) });
  it('the most frequent label, never "Child Protection" or "Child in Need"', () => {
    expect(inferred([csc(['Child Protection conference', 'Child J at school', 'Child K at home', 'Child In Need plan', 'Child K at nursery'])])).toEqual([
      { name: 'K', how: ['child-label'], detail: '"Child K" is written in 2 records' },
    ]);
  });
  it('on a tie, the first written', () => {
    expect(inferred([csc(['Child J at school', 'Child K at home'])]).map((n) => n.name)).toEqual(['J']);
  });
  it('"Baby R" and "Infant R" are labels too', () => {
    expect(inferred([csc(['Baby R at home', 'Infant R at clinic', 'Baby Unit referral'])])).toEqual([
      { name: 'R', how: ['child-label'], detail: '"Baby R" is written in 2 records' },
    ]);
  });
});

describe('the name records say was seen', () => {
  const file = (name: string, agency: string, rows: string[]): CaseFile => ({ file: `${name}.csv`, agency, header: 'Date,Summary', rows: rows.map((r, i) => `0${i + 1}/03/2021,${r}`) });
  it('ranked by agencies first: two agencies beat three records in one', () => {
    expect(inferred([
      file('hv', 'Health Visiting', ['J seen at clinic', 'J seen at home', 'J weighed', 'Mother seen alone']),
      file('gp', 'GP', ['K seen with mother', 'Patient seen', 'Dr saw Mother']),
      file('csc', "Children's Social Care", ['Saw K at school']),
    ])).toEqual([{ name: 'K', how: ['seen-records'], detail: 'said to be seen in 2 records by 2 agencies' }]);
  });
  it('on equal agencies, more records', () => {
    expect(inferred([
      file('hv', 'Health Visiting', ['J seen at clinic', 'J seen at home']),
      file('gp', 'GP', ['K seen with mother', 'J examined']),
      file('csc', "Children's Social Care", ['Saw K at school']),
    ]).map((n) => n.name)).toEqual(['J']);
  });
  it('never a sibling named so in a subjects column', () => {
    expect(inferred([
      { file: 'ed.csv', agency: 'Hospital ED', header: 'Date,Patient,Presenting Complaint', rows: ['01/03/2021,Sibling M (6y),Wheeze'] },
      file('csc', "Children's Social Care", ['M seen alone', 'M seen at school', 'M seen at home', 'L seen asleep']),
    ])).toEqual([{ name: 'L', how: ['seen-records'], detail: 'said to be seen in 1 record by 1 agency' }]);
  });
});

describe('names found are provisional; names given are not', () => {
  const hv: CaseFile = { file: 'hv.csv', agency: 'Health Visiting', header: 'Date,Summary', rows: ['01/03/2021,L seen at clinic', '10/03/2021,L seen at home'] };
  it('inferred: the not-seen period is provisional', () => {
    expect(analyse(caseTimeline([hv])).gaps.childNotSeen).toEqual([{ from: '2021-03-01', to: '2021-03-10', days: 9, before: 'hv-2', after: 'hv-3', provisional: true }]);
  });
  it('given: the same period, not provisional', () => {
    expect(analyse(caseTimeline([hv]), { child: ['L'] }).gaps.childNotSeen).toEqual([{ from: '2021-03-01', to: '2021-03-10', days: 9, before: 'hv-2', after: 'hv-3' }]);
  });
  it('nothing found: only the rules\' words stand for the child, and the note says so', () => {
    const t = caseTimeline([{ file: 'hv.csv', agency: 'Health Visiting', header: 'Date,Summary', rows: ['01/03/2021,Child seen at clinic', '10/03/2021,Child seen at home'] }]);
    const a = analyse(t);
    expect(a.child).toEqual({ names: ['child', 'baby', 'infant'], found: RULE_WORDS, confirmed: false });
    expect(a.gaps.childNotSeen).toEqual([{ from: '2021-03-01', to: '2021-03-10', days: 9, before: 'hv-2', after: 'hv-3', provisional: true }]);
    expect([...analysisMarkdownChunks(a, t)].join('')).toContain(
      'provisional: no name for the child was given or found in the returns, so only the words child, baby, infant stand for the child; give --child to confirm.',
    );
  });
});
