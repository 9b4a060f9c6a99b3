/** analyse() on the demo case (its facts derived by hand are checked in demo-facts.test.ts) and on small cases at each rule's edge. */
import { differenceInCalendarDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { DEFAULT_RULES, validateRules } from '../../src/analytics/rules.js';
import { ageText } from '../../src/analytics/timing.js';
import { periodOf, periodBounds } from '../../src/analytics/grid.js';
import { dayFromNumber, dayNumber } from '../../src/model/calendar.js';
import { ingest } from '../../src/ingest/ingest.js';
import { demoTimeline } from '../helpers/demo.js';
import { merge } from '../../src/timeline/merge.js';
import type { Timeline } from '../../src/model/types.js';

const demo = demoTimeline();
const a = analyse(demo, { child: ['L', 'Lacey'], dob: '2019-08-14' });

// The demo case's gaps, sightings, patterns, referrals, grid and ages are checked against the facts
// derived by hand (fixtures/demo/analysis-by-hand.json) in demo-facts.test.ts.

describe('demo case: referrals, sharing, episodes, balance, timing', () => {
  it('times each referral to the first response and flags slow ones', () => {
    expect(a.referrals.find((r) => r.event === 'police-5')).toEqual({ event: 'police-5', from: 'Police', to: "Children's Social Care", date: '2022-10-29', response: 'csc-case-notes-38', days: 17, noTimelyResponse: true });
    expect(a.referrals.find((r) => r.event === 'hospital-ed-14')).toMatchObject({ to: "Children's Social Care", response: 'csc-case-notes-39', days: 1, noTimelyResponse: false });
    expect(a.referrals.find((r) => r.event === 'csc-case-notes-9')).toMatchObject({ from: 'Northmoor Hospital ED', to: "Children's Social Care", days: 0 });
  });
  it('builds the information-sharing graph with graphology and notes who was absent from meetings', () => {
    const g = a.network.graph;
    expect(g.nodes.map((n) => n.key)).toEqual(demo.agencyOrder);
    expect(g.edges.find((e) => e.key === "referral:Police->Children's Social Care")?.attributes).toMatchObject({ kind: 'referral' });
    const strategy = a.network.absences.find((x) => x.meeting === 'Strategy discussion' && x.date === '2021-06-03')!;
    expect(strategy).toMatchObject({ recordedBy: ["Children's Social Care", 'Health Visiting', 'Police'] });
    expect(strategy.absent).toEqual(expect.arrayContaining(['GP', 'School']));
    // Only same-event links are meetings: a record reporting an earlier event is not one.
    // By hand from EXPECTED.md's ten groups: eight are meetings every member's record names (the
    // strategy discussions of 03/06/2021 and 26/11/2022, the joint home visit of 09/06/2021, the
    // ICPC, the first core group, the two review conferences, the strategy meeting of 28/11/2022);
    // the two domestic assaults (police and ED) are linked by their wording.
    const meetings = new Set(demo.links.filter((l) => l.kind === 'same-event' && !l.reason.startsWith('Recorded by')).map((l) => l.id));
    expect(meetings.size).toBe(8);
    expect(a.network.absences.map((x) => x.link).filter((id) => !meetings.has(id))).toEqual([]);
    expect(a.network.absences).toHaveLength(meetings.size);
  });
  it('suggests key practice episodes where activity is dense, listing every record', () => {
    // By hand (analysis-by-hand.md, section 9; all three episodes are checked in demo-facts.test.ts).
    const first = a.episodes[0]!;
    expect(first).toMatchObject({ source: 'suggested', from: '2021-05-21', to: '2021-06-15' });
    expect(first.events).toEqual(expect.arrayContaining(['police-14', 'csc-case-notes-15', 'health-visiting-6']));
  });
  it('counts good practice and missed opportunities per agency, saying who tagged them', () => {
    // By hand from health_visiting.csv's "Impact (Either Positive or Negative)" column: "Positive"
    // on lines 2, 3, 6, 8, 13 (5 good); "Negative" or "Missed opportunity" on lines 4, 5, 10, 11,
    // 16, 17, 18, 19, 20 (9 missed). Of the rows with the column blank (7, 9, 14, 15, 21), line 14's
    // text, "L's speech delay", is the rules' "delay": a tenth missed, by rule.
    const hv = a.balance.byAgency.find((x) => x.agency === 'Health Visiting')!;
    expect(hv).toEqual({ agency: 'Health Visiting', good: 5, missed: 10 });
    expect(a.balance.tags.filter((t) => t.event === 'health-visiting-14')).toEqual([{ event: 'health-visiting-14', tag: 'missed', by: 'rule' }]);
    expect(a.balance.tags.find((t) => t.event === 'csc-case-notes-15' && t.tag === 'good')).toMatchObject({ by: 'agency' });
    expect(a.balance.tags.find((t) => t.event === 'csc-case-notes-15' && t.tag === 'missed')).toMatchObject({ by: 'agency' });
    const tagged = analyse(demo, { tags: { 'police-15': 'good' } });
    expect(tagged.balance.tags.filter((t) => t.event === 'police-15')).toEqual([{ event: 'police-15', tag: 'good', by: 'user' }]);
  });
  it('gives the age at each record and the interval since the previous one', () => {
    expect(a.timing.find((t) => t.event === 'hospital-ed-3')).toMatchObject({ age: '20 months', ageDays: 613 });
    expect(a.timing.find((t) => t.event === 'hospital-ed-14')).toMatchObject({ age: '3 years 3 months' });
    expect(a.timing.find((t) => t.event === 'csc-case-notes-9')!.sincePrevious).toBe(1);
  });
  it('places a month in its month and in no week', () => {
    const monthly = a.grid;
    expect(monthly.cells.find((c) => c.period === '2021-04' && c.agency === "Children's Social Care")!.events).toContain('csc-case-notes-8');
    const weekly = analyse(demo, { period: 'week' }).grid;
    expect(weekly.notPlaced).toContain('csc-case-notes-8');
    // The weekly cells do hold the records of a day (CSC's 19/04/2021, the next line), not this one.
    const placed = weekly.cells.flatMap((c) => c.events);
    expect(placed).toContain('csc-case-notes-9');
    expect(placed).not.toContain('csc-case-notes-8');
  });
});

// Small cases at each rule's edge.
const tl = (rows: string[], file = 'x.csv'): Timeline => merge([ingest({ file, content: ['Date,Event', ...rows].join('\n') })]);

describe('rule edges', () => {
  const ed = (dates: string[]) => merge([ingest({ file: 'ed.csv', content: ['Date,Patient,Presenting Complaint', ...dates.map((d) => `${d},Child L,Fall`)].join('\n') }, { agency: 'Hospital ED' })]);
  const edPattern = (t: Timeline) => analyse(t, { child: ['L'] }).patterns.filter((p) => p.rule === 'repeat-ed-attendances');
  it('counts three attendances within exactly 365 days', () => expect(edPattern(ed(['01/03/2020', '01/09/2020', '01/03/2021']))).toHaveLength(1));
  it('not three spread over 366 days (across 29 February)', () => expect(edPattern(ed(['01/03/2019', '01/09/2019', '01/03/2020']))).toHaveLength(0));
  it('not two', () => expect(edPattern(ed(['01/03/2020', '02/03/2020']))).toHaveLength(0));
  it('two was-not-brought records make a pattern, one does not', () => {
    const wnb = (n: number) => analyse(tl(Array.from({ length: n }, (_, i) => `0${i + 1}/02/2021,Was not brought to clinic`), 'gp.csv')).patterns.filter((p) => p.rule === 'missed-health-appointments');
    expect(wnb(1)).toHaveLength(0);
    expect(wnb(2)).toHaveLength(1);
  });
  it('a missed appointment is a health agency\'s record about the child: not social care\'s no-access visit, not the mother\'s', () => {
    const missed = (file: string, rows: string[]) => analyse(tl(rows, file), { child: ['L'] }).patterns.filter((p) => p.rule === 'missed-health-appointments').map((p) => p.events);
    expect(missed('health_visiting.csv', ['01/02/2021,Planned visit - no access', '05/02/2021,L not brought to clinic'])).toEqual([['health-visiting-2', 'health-visiting-3']]);
    expect(missed('social_care.csv', ['01/02/2021,Planned visit - no access', '05/02/2021,Home visit - no access'])).toEqual([]);
    expect(missed('gp.csv', ['01/02/2021,Mother: DNA smear test', '05/02/2021,L was not brought to asthma review'])).toEqual([]);
  });
  it('escalation needs the latest intervals to shorten', () => {
    const dv = (dates: string[]) => analyse(merge([ingest({ file: 'police.csv', content: ['Date,Details', ...dates.map((d) => `${d},Domestic incident`)].join('\n') })])).patterns.find((p) => p.rule === 'domestic-abuse-callouts')!;
    expect(dv(['01/01/2021', '01/03/2021', '01/04/2021', '15/04/2021', '20/04/2021']).escalating).toBe(true);
    expect(dv(['01/01/2021', '05/01/2021', '01/02/2021', '01/05/2021']).escalating).toBe(false);
  });
  it('a month-precision sighting never marks a day as seen', () => {
    const t = tl(['01/03/2021,L seen at home', 'April 2021,L seen by the health visitor', '30/05/2021,L seen at clinic']);
    const r = analyse(t, { child: ['L'] });
    expect(r.sightings.find((s) => s.event === 'x-3')).toMatchObject({ decision: 'seen', onKnownDay: false });
    expect(r.gaps.childNotSeen).toEqual([{ from: '2021-03-01', to: '2021-05-30', days: 90, before: 'x-2', after: 'x-4', uncertain: ['x-3'] }]);
  });
  it('a referral with no response in time is flagged; one answered in time is not', () => {
    const t = merge([
      ingest({ file: 'police.csv', content: 'Date,Details\n01/03/2021,Domestic incident. PPN to CSC\n01/04/2021,Domestic incident. PPN to CSC\n' }),
      ingest({ file: 'csc.csv', content: 'Date,Event\n05/03/2021,Contact received from police\n20/04/2021,Strategy discussion\n' }, { agency: "Children's Social Care" }),
    ]);
    const all = analyse(t).referrals;
    expect(all.find((x) => x.event === 'csc-2')).toMatchObject({ from: 'Police', to: "Children's Social Care", response: 'csc-2', days: 0 });
    const r = all.filter((x) => x.event.startsWith('police'));
    expect(r).toEqual([
      { event: 'police-2', from: 'Police', to: "Children's Social Care", date: '2021-03-01', response: 'csc-2', days: 4, noTimelyResponse: false },
      { event: 'police-3', from: 'Police', to: "Children's Social Care", date: '2021-04-01', response: 'csc-3', days: 19, noTimelyResponse: true },
    ]);
  });
});

describe('rules are data, checked whole', () => {
  it.each([
    [{ seen: [{ id: 'x', decision: 'maybe', match: 'x' }] }, 'seen[0].decision'],
    [{ patterns: [{ id: 'p', kind: 'repeat', title: 'T', match: '(' }] }, 'patterns[0].match'],
    [{ patterns: [{ id: 'p', kind: 'repeat', title: 'T', match: 'x' }] }, 'patterns[0].min'],
    [{ referrals: { match: 'x', outgoing: 'x', incoming: 'x', responseWithinDays: -1 } }, 'referrals.responseWithinDays'],
    [{ colour: 'red' }, 'colour'],
    [{ episodes: { windowDays: 0, minEvents: 2, minAgencies: 1 } }, 'episodes.windowDays'],
  ])('a malformed file names the offending key (%#)', (rules, key) => {
    expect(() => validateRules(rules, 'rules.json')).toThrow(expect.objectContaining({ code: 'rules-invalid', message: expect.stringContaining(`"${key}"`) }));
  });
  it('applies an edited copy and leaves the defaults untouched', () => {
    const before = JSON.stringify(DEFAULT_RULES);
    const rules = validateRules({ patterns: [{ id: 'letters', kind: 'repeat', title: 'Letters', match: 'letter', min: 2 }] }, 'rules.json');
    const r = analyse(tl(['01/01/2021,Letter sent', '02/01/2021,Letter sent again']), { rules });
    expect(r.patterns.map((p) => p.rule)).toEqual(['letters']);
    expect(JSON.stringify(DEFAULT_RULES)).toBe(before);
  });
});

describe('calendar arithmetic', () => {
  it.each(['1970-01-01', '2000-02-29', '2020-02-29', '2021-03-28', '2021-10-31', '1900-03-01', '2099-12-31'])('day numbers agree with date-fns across BST and leap years (%s)', (day) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    expect(dayNumber(day)).toBe(differenceInCalendarDays(new Date(y, m - 1, d), new Date(1970, 0, 1)));
    expect(dayFromNumber(dayNumber(day))).toBe(day);
  });
  it('weeks start on Monday, the BST changeover Sunday included', () => {
    expect(periodOf('2021-03-28', 'week')).toBe('2021-03-22');
    expect(periodOf('2021-03-29', 'week')).toBe('2021-03-29');
    expect(periodBounds('2021-Q1', 'quarter')).toEqual({ from: '2021-01-01', to: '2021-03-31' });
    expect(periodBounds('2020-02', 'month')).toEqual({ from: '2020-02-01', to: '2020-02-29' });
  });
  it.each([
    ['2019-08-14', '2019-08-20', '6 days'], ['2019-08-14', '2019-09-14', '1 month'], ['2019-08-14', '2021-04-18', '20 months'],
    ['2019-08-14', '2021-08-14', '2 years'], ['2019-01-31', '2019-02-28', '1 month'], ['2020-02-29', '2021-02-28', '12 months'],
  ])('age from %s on %s is %s', (dob, day, text) => expect(ageText(dob, day)).toBe(text));
});

describe('per-event facts worked out once', () => {
  it('indexes each event\'s agency and link, and where each link starts', async () => {
    const { buildContext } = await import('../../src/analytics/context.js');
    const ctx = buildContext(demo, DEFAULT_RULES, ['L']);
    // Whole lists compared, not expectations in callbacks: a list that came out empty fails.
    expect(demo.events).toHaveLength(115);
    expect(demo.events.map((_, i) => demo.agencyOrder[ctx.agency[i]!])).toEqual(demo.events.map((e) => e.agency));
    // Same-event links only: a refers-to link never makes two records one. EXPECTED.md's ten groups.
    const same = (l: Timeline['links'][number]) => l.kind === 'same-event';
    expect(demo.links.filter(same)).toHaveLength(10);
    expect(demo.links.filter((l) => !same(l)).length).toBeGreaterThan(0);
    expect(demo.events.map((_, i) => ctx.linkOf(i))).toEqual(demo.events.map((e) => demo.links.findIndex((l) => same(l) && l.events.includes(e.id))));
    // Where each link starts: the index of its first record; -1 for a refers-to link.
    const starts = (links: Timeline['links']): number[] => links.map((l) => (same(l) ? demo.events.findIndex((e) => e.id === l.events[0]) : -1));
    expect(demo.links.map((_, k) => ctx.linkStart[k])).toEqual(starts(demo.links));
    expect(starts(demo.links).filter((s) => s !== -1)).toHaveLength(10);
    // Links listed out of record order (a timeline edited by hand) are found all the same.
    const reversed = buildContext({ ...demo, links: [...demo.links].reverse() }, DEFAULT_RULES, ['L']);
    expect(demo.links.map((_, k) => reversed.linkStart[k])).toEqual(starts([...demo.links].reverse()));
  });
  it('refuses a hand-made timeline whose event names an agency missing from agencyOrder', () => {
    const broken: Timeline = { ...demo, agencyOrder: demo.agencyOrder.filter((x) => x !== 'Police') };
    expect(() => analyse(broken)).toThrow(expect.objectContaining({ code: 'timeline-invalid', message: expect.stringContaining('"Police" is not in the timeline\'s agencyOrder') }));
  });
  it('counts each meeting once per pair of agencies, even when a hand-made link repeats an agency', () => {
    const link = demo.links.find((l) => !l.reason.startsWith('Recorded by'))!;
    const twice: Timeline = { ...demo, links: demo.links.map((l) => (l === link ? { ...l, agencies: [...l.agencies, l.agencies[0]!] } : l)) };
    const edges = (t: Timeline) => analyse(t, { child: ['L'] }).network.edges.filter((e) => e.kind === 'meeting');
    expect(edges(twice)).toEqual(edges(demo));
  });
});
