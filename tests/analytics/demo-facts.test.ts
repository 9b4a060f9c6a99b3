/**
 * The demo case's analysis against facts derived by hand, from the rows and the written rules, by
 * someone who did not read the code or its output: fixtures/demo/analysis-by-hand.md (the
 * reasoning) and analysis-by-hand.json (the facts), summarised in EXPECTED.md. Where the hand
 * derivation records a doubt, the test keeps to what holds under every reading it considered.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { demoTimeline } from '../helpers/demo.js';

interface Gap { from: string; to: string; days: number; fromRow?: string; toRow?: string; notSeenRows?: string[]; note?: string }
interface Hand {
  options: { child: string[]; dob: string; period: 'month' };
  sightings: Array<{ row: string; decision: 'seen' | 'not-seen'; rule: string }>;
  childNotSeen: Gap[];
  overallGaps: Gap[];
  byAgency: Array<{ agency: string; from: string; to: string; days: number }>;
  patterns: Array<{ rule: string; rows: string[]; count: number; from: string; to: string; intervals?: number[]; escalating?: boolean; values?: number[] }>;
  referrals: Array<{ row: string; days?: number; noTimelyResponse: boolean; to: string }>;
  grid: Record<string, Record<string, number>>;
  timing: Array<{ row: string; age: string }>;
  episodes: { usualDensity: number; threshold: number; suggested: Array<{ from: string; to: string; agencies: string[]; events: string[] }> };
  balance: {
    tags: Array<{ event: string; tag: 'good' | 'missed'; by: 'agency' | 'rule' }>;
    byAgency: Array<{ agency: string; good: number; missed: number }>;
    total: { good: number; missed: number };
    byEpisode: Array<{ from: string; to: string; good: number; missed: number }>;
  };
  network: { absences: Array<{ date: string; recordedBy: string[]; absent: string[] }> };
}

const hand = JSON.parse(readFileSync('fixtures/demo/analysis-by-hand.json', 'utf8')) as Hand;
const demo = demoTimeline();
const a = analyse(demo, { child: hand.options.child, dob: hand.options.dob, period: hand.options.period });

/** `police.csv:17` → the event's id, through the event's own source (never by rebuilding the id). */
const idOf = new Map(demo.events.map((e) => [`${e.source.file.replace(/^.*[\\/]/, '')}:${e.source.line}`, e.id]));
const ids = (rows: readonly string[]): string[] => rows.map((r) => {
  const id = idOf.get(r);
  if (id === undefined) throw new Error(`${r} is not an event of the demo case`);
  return id;
});
const pattern = (rule: string) => a.patterns.filter((p) => p.rule === rule);
const handPattern = (rule: string) => hand.patterns.find((p) => p.rule === rule)!;

describe('the demo case, against the facts derived by hand', () => {
  it('reads the hand derivation (32 decisions, 7 not-seen gaps of 28 days or more)', () => {
    expect(hand.sightings).toHaveLength(32);
    expect(hand.childNotSeen.map((g) => g.days)).toEqual([166, 87, 60, 50, 49, 43, 31]);
  });
  it('decides every sighting as the hand did, by the same rule', () => {
    const byHand = Object.fromEntries(hand.sightings.map((s) => [idOf.get(s.row), `${s.decision} (${s.rule})`]));
    const byProgram = Object.fromEntries(a.sightings.map((s) => [s.event, `${s.decision} (${s.rule})`]));
    expect(byProgram).toEqual(byHand);
  });
  it('finds the same periods when the child was not seen: the longest 166 days, the 87 of the story second', () => {
    // A gap may start at either record of one event on its day (the hand's note: "fromRow also …").
    const starts = (g: Gap): string[] => ids([g.fromRow!, ...(/fromRow also (\S+)/.exec(g.note ?? '')?.slice(1) ?? [])]);
    const program = a.gaps.childNotSeen.filter((g) => g.days >= 28);
    expect(program.map((g) => ({ from: g.from, to: g.to, days: g.days, after: g.after, notSeen: g.notSeen ?? [] })))
      .toEqual(hand.childNotSeen.map((g) => ({ from: g.from, to: g.to, days: g.days, after: ids([g.toRow!])[0], notSeen: ids(g.notSeenRows!) })));
    program.forEach((g, k) => expect(starts(hand.childNotSeen[k]!)).toContain(g.before));
    expect(starts(hand.childNotSeen[6]!)).toEqual(['csc-case-notes-17', 'health-visiting-7']);
  });
  it('finds the same silences of every agency (overall: 65 and 32 days, then two of 27)', () => {
    expect(a.gaps.overall.slice(0, 2).map((g) => [g.from, g.to, g.days])).toEqual(hand.overallGaps.slice(0, 2).map((g) => [g.from, g.to, g.days]));
    expect(a.gaps.overall.slice(2, 4).map((g) => g.days)).toEqual([27, 27]);
    const longest = new Map<string, { from: string; to: string; days: number }>();
    for (const g of a.gaps.byAgency) if (!longest.has(g.agency!)) longest.set(g.agency!, { from: g.from, to: g.to, days: g.days });
    expect(Object.fromEntries(longest)).toEqual(Object.fromEntries(hand.byAgency.map((g) => [g.agency, { from: g.from, to: g.to, days: g.days }])));
  });
  it('finds the police domestic call-outs, their intervals and the escalation', () => {
    const h = handPattern('domestic-abuse-callouts');
    expect(pattern('domestic-abuse-callouts').map((p) => ({ events: p.events, intervals: p.intervals, escalating: p.escalating })))
      .toEqual([{ events: ids(h.rows), intervals: [77, 62, 43, 28, 314, 42, 28, 14], escalating: true }]);
    expect(h.intervals).toEqual([77, 62, 43, 28, 314, 42, 28, 14]);
  });
  it('reports the six ED attendances, each three within a year, as one run, never split in two', () => {
    expect(pattern('repeat-ed-attendances').map((p) => p.events)).toEqual([ids(handPattern('repeat-ed-attendances').rows)]);
    expect(handPattern('repeat-ed-attendances').count).toBe(6);
  });
  it('finds the missed health appointments, the NFA referrals and the low attendance', () => {
    for (const rule of ['missed-health-appointments', 'repeat-nfa-referrals', 'low-school-attendance']) {
      expect(pattern(rule).map((p) => p.events), rule).toEqual([ids(handPattern(rule).rows)]);
    }
    expect(pattern('low-school-attendance')[0]!.values!.map((v) => v.value)).toEqual(handPattern('low-school-attendance').values);
  });
  it('counts the changes of the family\'s social worker, not the allocation of a police investigation', () => {
    // By hand: five CSC rows, and police.csv:2 "Investigation allocated to DC Frost", which the
    // hand derivation names a false match of the words "allocated to" (its doubts, and the note).
    const h = handPattern('worker-changes');
    expect(h.rows).toContain('police.csv:2');
    expect(pattern('worker-changes').map((p) => p.events)).toEqual([ids(h.rows.filter((r) => r !== 'police.csv:2'))]);
  });
  it('flags the two referrals that had no response within 7 days, and no referral to a body outside the review', () => {
    const late = hand.referrals.filter((r) => r.noTimelyResponse);
    expect(late.map((r) => [r.row, r.days])).toEqual([['police.csv:9', 11], ['police.csv:5', 17]]);
    expect(a.referrals.filter((r) => r.noTimelyResponse).map((r) => [r.event, r.days])).toEqual(late.map((r) => [ids([r.row])[0], r.days]));
    // "ED IDVA referral to MARAC": MARAC is none of the agencies; "police aware" does not make Police its receiver.
    expect(a.referrals.find((r) => r.event === ids(['hospital_ed.csv:13'])[0])).toMatchObject({ to: "(none of the chronology's agencies)", noTimelyResponse: false });
  });
  it('counts every agency\'s records per month as the hand did', () => {
    const program: Record<string, Record<string, number>> = {};
    for (const c of a.grid.cells) if (c.count > 0) (program[c.agency] ??= {})[c.period] = c.count;
    expect(program).toEqual(hand.grid);
  });
  it('gives the child\'s age at the records the hand checked against the records\' own words', () => {
    const wanted = hand.timing.filter((t) => /^\d+ months$|^\d+ years \d+ months$/.test(t.age));
    expect(wanted.map((t) => t.age)).toEqual(['19 months', '20 months', '23 months', '3 years 3 months']);
    const age = new Map(a.timing.map((t) => [t.event, t.age]));
    expect(wanted.map((t) => age.get(ids([t.row])[0]!))).toEqual(wanted.map((t) => t.age));
  });
  it('suggests the three key practice episodes the hand found (usual density 3, so 8 records), each with every record in it', () => {
    // By hand: 103 windows, median count 3, threshold max(8, 2 × 3) = 8; three dense spans.
    expect([hand.episodes.usualDensity, hand.episodes.threshold]).toEqual([3, 8]);
    expect(hand.episodes.suggested.map((e) => [e.from, e.to, e.events.length])).toEqual([
      ['2021-05-21', '2021-06-15', 14], ['2021-06-24', '2021-07-08', 8], ['2022-11-12', '2022-11-29', 13],
    ]);
    const suggested = a.episodes.filter((e) => e.source === 'suggested');
    expect(suggested.map(({ from, to, agencies, events }) => ({ from, to, agencies, events })))
      .toEqual(hand.episodes.suggested.map(({ from, to, agencies, events }) => ({ from, to, agencies, events })));
  });
  it('counts good practice and missed opportunities as the hand did: per agency, in all, per episode, and who tagged each', () => {
    expect(hand.balance.total).toEqual({ good: 10, missed: 29 });
    expect(a.balance.total).toEqual(hand.balance.total);
    expect(a.balance.byAgency).toEqual(hand.balance.byAgency);
    expect([...a.balance.tags].sort((x, y) => x.event.localeCompare(y.event) || x.tag.localeCompare(y.tag)))
      .toEqual([...hand.balance.tags].sort((x, y) => x.event.localeCompare(y.event) || x.tag.localeCompare(y.tag)));
    expect(a.balance.byEpisode.map(({ good, missed }) => ({ good, missed }))).toEqual(hand.balance.byEpisode.map(({ good, missed }) => ({ good, missed })));
  });
  it('names the agencies absent from each multi-agency meeting as the hand did (8 meetings, 23 absences)', () => {
    expect(hand.network.absences.flatMap((m) => m.absent)).toHaveLength(23);
    expect(a.network.absences.map(({ date, recordedBy, absent }) => ({ date, recordedBy, absent })))
      .toEqual(hand.network.absences.map(({ date, recordedBy, absent }) => ({ date, recordedBy, absent })));
  });
});
