/**
 * Every numeric linking rule exactly at its threshold, one unit below and one unit above, with the
 * SHIPPED rules (src/timeline/link-rules.json) wherever the input alone can reach the edge.
 *
 * tests/timeline/links.test.ts moves the thresholds themselves across a fixed pair of records
 * (`at(score)`); here the rules stay as shipped and the records move across them. Each expected
 * outcome is a literal worked out by hand from the README ("Cross-agency links"); nothing is
 * computed with the code under test.
 *
 * How the edges are reached by hand. A word weighs ln((N + 1) / df) over the N records that have
 * words and the df of them that use it. When every word of the lighter record is used by exactly
 * two records (itself and one other), all its words weigh the same, ln((N + 1) / 2), and the
 * weighted overlap coefficient is simply (words shared) / (words of the lighter record): 3 of 5
 * is 0.6, 2 of 5 is 0.4, 2 of 10 is 0.2. A third record `c`, on another day and never linked,
 * holds the lighter record's other words so that they too are used by two records. The heavier
 * record's own words (used by it alone) weigh ln((N + 1) / 1), more than the shared ones, so the
 * record named "a" is always the lighter one.
 */
import { describe, expect, it } from 'vitest';
import { contentWords, DEFAULT_LINK_RULES, hashWord, linkEvents, validateLinkRules, wordHashes, type LinkRules } from '../../src/timeline/links.js';
import { namedDays, YEARLESS_DAYS_BACK } from '../../src/timeline/mentions.js';
import { dayNumber } from '../../src/model/calendar.js';
import type { ChronologyEvent, CrossAgencyLink, IngestIssue, Precision } from '../../src/model/types.js';

interface Row { id: string; agency: string; start: string; summary: string; type?: string; precision?: Precision; end?: string }

function ev(r: Row): ChronologyEvent {
  return {
    id: r.id, agency: r.agency, summary: r.summary,
    date: { start: r.start, end: r.end, precision: r.precision ?? (r.start.length > 10 ? 'minute' : 'day'), text: r.start, approximate: undefined },
    type: r.type, practitioner: undefined, outcome: undefined, significance: undefined, sequence: undefined,
    informationSource: undefined, subjects: undefined, reference: undefined, extra: {}, source: { file: `${r.id}.csv`, line: 2 }, flags: [],
  };
}

/** Links and issues of events given in any order (merged by start, as the merge orders them). */
function run(rows: Row[], rules: LinkRules = DEFAULT_LINK_RULES): { links: CrossAgencyLink[]; issues: IngestIssue[] } {
  const events = rows.map(ev).sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : 0));
  return linkEvents(events, rules);
}
const links = (rows: Row[], rules?: LinkRules): CrossAgencyLink[] => run(rows, rules).links;
const sameEvent = (ls: CrossAgencyLink[]): string[] => ls.filter((l) => l.kind === 'same-event').map((l) => [...l.events].sort().join(' ')).sort();
const refersTo = (ls: CrossAgencyLink[]): Array<{ from: string; to: string[] }> =>
  ls.filter((l) => l.kind === 'refers-to').map((l) => ({ from: l.from!, to: l.to! }));
const row = (id: string, start: string, summary: string, agency = id.toUpperCase()): Row => ({ id, agency, start, summary });
const at = (similarity: Partial<LinkRules['similarity']>): LinkRules => ({ ...DEFAULT_LINK_RULES, similarity: { ...DEFAULT_LINK_RULES.similarity, ...similarity } });

describe('the shipped rules are the values these tests were worked out for', () => {
  it('similarity 0.6 / 0.4 / 2 / 1.5 / 120, refersTo 0.2 / 2 / 366, 400 a day; a yearless date 92 days back', () => {
    expect(DEFAULT_LINK_RULES.similarity).toEqual({ minOverlap: 0.6, minOverlapTimed: 0.4, minSharedWords: 2, minSharedRarity: 1.5, maxMinutesApart: 120 });
    const { agencies, ...numbers } = DEFAULT_LINK_RULES.refersTo;
    expect(numbers).toEqual({ minOverlap: 0.2, minSharedWords: 2, maxDaysBack: 366 });
    // The agencies a report may name (tests/timeline/links.test.ts, "names the agency and the day").
    expect(agencies!.map((a) => a.agency)).toEqual([
      '\\bED\\b|A&E|emergency|accident', 'police', '\\bGP\\b|surgery|general practi|medical (?:practice|centre|center)', 'ambulance|paramedic',
      'school|academy|education|nursery|college', 'health visit|\\b0[- ](?:19|25)\\b|healthy child', "social care|children'?s services|\\bCSC\\b|\\bMASH\\b", 'midwi|maternity', 'housing',
      '(?<!adolescent )mental health|psychiatr|\\bCMHT\\b', 'CAMHS|child and adolescent mental',
    ]);
    expect(DEFAULT_LINK_RULES.maxEventsPerDay).toBe(400);
    expect(YEARLESS_DAYS_BACK).toBe(92);
  });
});

describe('similarity.minOverlap (0.6, untimed records of one day), by the records', () => {
  // N = 3; every word of a weighs ln 2, so the score is shared / 5, 7 or 8.
  it('3 of 5 words shared (0.6, the edge): one event', () => {
    expect(sameEvent(links([
      row('a', '2021-05-01', 'alpha bravo charlie delta echo'),
      row('b', '2021-05-01', 'alpha bravo charlie xray yankee zulu'),
      row('c', '2021-04-01', 'delta echo'),
    ]))).toEqual(['a b']);
  });
  it('4 of 7 (0.571, below): not one event', () => {
    expect(sameEvent(links([
      row('a', '2021-05-01', 'alpha bravo charlie delta echo foxtrot golf'),
      row('b', '2021-05-01', 'alpha bravo charlie delta xray yankee zulu'),
      row('c', '2021-04-01', 'echo foxtrot golf'),
    ]))).toEqual([]);
  });
  it('5 of 8 (0.625, above): one event', () => {
    expect(sameEvent(links([
      row('a', '2021-05-01', 'alpha bravo charlie delta echo foxtrot golf hotel'),
      row('b', '2021-05-01', 'alpha bravo charlie delta echo xray yankee zulu'),
      row('c', '2021-04-01', 'foxtrot golf hotel'),
    ]))).toEqual(['a b']);
  });
});

describe('similarity.minOverlapTimed (0.4), rising evenly from 0.2 at the same minute to 0.4 at 120 minutes apart, by the records', () => {
  it('120 minutes apart, threshold 0.4: 2 of 5 (0.4) links, 3 of 8 (0.375) does not, 3 of 7 (0.429) links', () => {
    expect(sameEvent(links([
      row('a', '2021-05-01T10:00', 'alpha bravo charlie delta echo'),
      row('b', '2021-05-01T12:00', 'alpha bravo xray yankee zulu'),
      row('c', '2021-04-01', 'charlie delta echo'),
    ]))).toEqual(['a b']);
    expect(sameEvent(links([
      row('a', '2021-05-01T10:00', 'alpha bravo charlie delta echo foxtrot golf hotel'),
      row('b', '2021-05-01T12:00', 'alpha bravo charlie xray yankee zulu'),
      row('c', '2021-04-01', 'delta echo foxtrot golf hotel'),
    ]))).toEqual([]);
    expect(sameEvent(links([
      row('a', '2021-05-01T10:00', 'alpha bravo charlie delta echo foxtrot golf'),
      row('b', '2021-05-01T12:00', 'alpha bravo charlie xray yankee zulu'),
      row('c', '2021-04-01', 'delta echo foxtrot golf'),
    ]))).toEqual(['a b']);
  });
  it('60 minutes apart, threshold 0.4 × 3/4 = 0.3: 3 of 10 (0.3) links, 2 of 7 (0.286) does not, 2 of 6 (0.333) links', () => {
    expect(sameEvent(links([
      row('a', '2021-05-01T10:00', 'alpha bravo charlie delta echo foxtrot golf hotel india juliet'),
      row('b', '2021-05-01T11:00', 'alpha bravo charlie xray yankee zulu amber'),
      row('c', '2021-04-01', 'delta echo foxtrot golf hotel india juliet'),
    ]))).toEqual(['a b']);
    expect(sameEvent(links([
      row('a', '2021-05-01T10:00', 'alpha bravo charlie delta echo foxtrot golf'),
      row('b', '2021-05-01T11:00', 'alpha bravo xray yankee zulu'),
      row('c', '2021-04-01', 'charlie delta echo foxtrot golf'),
    ]))).toEqual([]);
    expect(sameEvent(links([
      row('a', '2021-05-01T10:00', 'alpha bravo charlie delta echo foxtrot'),
      row('b', '2021-05-01T11:00', 'alpha bravo xray yankee zulu'),
      row('c', '2021-04-01', 'charlie delta echo foxtrot'),
    ]))).toEqual(['a b']);
  });
  it('at the same minute, threshold 0.2: 2 of 10 (0.2) links, 2 of 11 (0.182) does not, 2 of 9 (0.222) links', () => {
    const ten = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet';
    const b = row('b', '2021-05-01T10:00', 'alpha bravo xray yankee zulu amber coral');
    expect(sameEvent(links([row('a', '2021-05-01T10:00', ten), b, row('c', '2021-04-01', 'charlie delta echo foxtrot golf hotel india juliet')]))).toEqual(['a b']);
    expect(sameEvent(links([row('a', '2021-05-01T10:00', `${ten} kilo`), b, row('c', '2021-04-01', 'charlie delta echo foxtrot golf hotel india juliet kilo')]))).toEqual([]);
    expect(sameEvent(links([row('a', '2021-05-01T10:00', 'alpha bravo charlie delta echo foxtrot golf hotel india'), b, row('c', '2021-04-01', 'charlie delta echo foxtrot golf hotel india')]))).toEqual(['a b']);
  });
});

describe('similarity.minSharedRarity (1.5 words only the two records use, × ln((N + 1) / 2))', () => {
  // N = 7: a, b and five fillers on other days. "zebra" is used by a and b only: ln(8/2) = ln 4,
  // the unit. "common" is used by a, b and k − 2 fillers: ln(8/k). Together they must weigh
  // 1.5 × ln 4 = ln 8. a's words are all shared (score 1), so only this rule decides.
  const rows = (k: number): Row[] => {
    const fillers = ['golf hotel', 'india juliet', 'kilo lima', 'mike oscar', 'papa romeo'];
    return [
      row('a', '2021-05-01', 'zebra common'),
      row('b', '2021-05-01', 'zebra common xray yankee'),
      ...fillers.map((w, i) => row(`f${i}`, `2021-04-0${i + 1}`, i < k - 2 ? `${w} common` : w, 'F')),
    ];
  };
  it('"common" in 4 records: ln 4 + ln 2 = ln 8, exactly 1.5 units (the edge): one event', () => {
    expect(sameEvent(links(rows(4)))).toEqual(['a b']);
  });
  it('in 5 records: ln 4 + ln 1.6 < ln 8 (below): not one event', () => {
    expect(sameEvent(links(rows(5)))).toEqual([]);
  });
  it('in 3 records: ln 4 + ln(8/3) > ln 8 (above): one event', () => {
    expect(sameEvent(links(rows(3)))).toEqual(['a b']);
  });
});

describe('similarity.minSharedWords (2), by the records', () => {
  // minSharedRarity set to 0, or a single shared word would fail that rule too. Eight fillers
  // make "common" heavy with use (df 9 of N = 10, ln(11/9) ≈ 0.2), so a's score stays ≥ 0.89.
  const fillers = ['golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'oscar'].map((w, i) => row(`f${i}`, `2021-04-0${i + 1}`, `${w} common`, 'F'));
  const rules = at({ minSharedRarity: 0 });
  it('1 shared word (below): not one event', () => {
    expect(sameEvent(links([row('a', '2021-05-01', 'alpha common'), row('b', '2021-05-01', 'alpha xray yankee'), ...fillers], rules))).toEqual([]);
  });
  it('2 shared words (the edge): one event', () => {
    expect(sameEvent(links([row('a', '2021-05-01', 'alpha bravo common'), row('b', '2021-05-01', 'alpha bravo xray yankee'), ...fillers], rules))).toEqual(['a b']);
  });
  it('3 shared words (above): one event', () => {
    expect(sameEvent(links([row('a', '2021-05-01', 'alpha bravo charlie common'), row('b', '2021-05-01', 'alpha bravo charlie xray'), ...fillers], rules))).toEqual(['a b']);
  });
});

describe('similarity.maxMinutesApart (120)', () => {
  // a's two words are both b's: score 1 at any time within the window.
  const a = (start: string): Row => row('a', start, 'alpha bravo');
  const b = (start: string): Row => row('b', start, 'alpha bravo charlie');
  it('119 minutes apart on one day: one event (120 and 121 are in links.test.ts)', () => {
    expect(sameEvent(links([a('2022-03-04T18:50'), b('2022-03-04T20:49')]))).toEqual(['a b']);
  });
  it('across midnight, the later record at 00:00: 22:00 (120 apart) and 22:01 (119) link, 21:59 (121) does not', () => {
    expect(sameEvent(links([a('2022-03-04T22:00'), b('2022-03-05T00:00')]))).toEqual(['a b']);
    expect(sameEvent(links([a('2022-03-04T22:01'), b('2022-03-05T00:00')]))).toEqual(['a b']);
    expect(sameEvent(links([a('2022-03-04T21:59'), b('2022-03-05T00:00')]))).toEqual([]);
  });
  it('across midnight, the earlier record at 23:59: 01:59 (120 apart) and 01:58 (119) link, 02:00 (121) does not', () => {
    expect(sameEvent(links([a('2022-03-04T23:59'), b('2022-03-05T01:59')]))).toEqual(['a b']);
    expect(sameEvent(links([a('2022-03-04T23:59'), b('2022-03-05T01:58')]))).toEqual(['a b']);
    expect(sameEvent(links([a('2022-03-04T23:59'), b('2022-03-05T02:00')]))).toEqual([]);
  });
});

describe('refersTo.minOverlap (0.2), by the records', () => {
  // b, two days later, names a's day; N = 3 and a's words weigh ln 2 each: score = shared / a's words.
  const b = row('b', '2021-05-03', 'on 01/05 alpha bravo xray yankee zulu amber coral');
  it('2 of 10 (0.2, the edge): b refers to a', () => {
    expect(refersTo(links([row('a', '2021-05-01', 'alpha bravo charlie delta echo foxtrot golf hotel india juliet'), b, row('c', '2021-04-01', 'charlie delta echo foxtrot golf hotel india juliet')])))
      .toEqual([{ from: 'b', to: ['a'] }]);
  });
  it('2 of 11 (0.182, below): no reference', () => {
    expect(refersTo(links([row('a', '2021-05-01', 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo'), b, row('c', '2021-04-01', 'charlie delta echo foxtrot golf hotel india juliet kilo')])))
      .toEqual([]);
  });
  it('2 of 9 (0.222, above): b refers to a', () => {
    expect(refersTo(links([row('a', '2021-05-01', 'alpha bravo charlie delta echo foxtrot golf hotel india'), b, row('c', '2021-04-01', 'charlie delta echo foxtrot golf hotel india')])))
      .toEqual([{ from: 'b', to: ['a'] }]);
  });
});

describe('refersTo.minSharedWords (2), by the records', () => {
  // a's three words each used by two records: 1, 2 or 3 of 3 shared are all ≥ 0.2.
  const a = row('a', '2021-05-01', 'alpha bravo charlie');
  it('1 shared word (below): no reference', () => {
    expect(refersTo(links([a, row('b', '2021-05-03', 'on 01/05 alpha xray yankee'), row('c', '2021-04-01', 'bravo charlie')]))).toEqual([]);
  });
  it('2 shared words (the edge): b refers to a', () => {
    expect(refersTo(links([a, row('b', '2021-05-03', 'on 01/05 alpha bravo xray yankee'), row('c', '2021-04-01', 'charlie golf')]))).toEqual([{ from: 'b', to: ['a'] }]);
  });
  it('3 shared words (above): b refers to a', () => {
    expect(refersTo(links([a, row('b', '2021-05-03', 'on 01/05 alpha bravo charlie xray'), row('c', '2021-04-01', 'golf hotel')]))).toEqual([{ from: 'b', to: ['a'] }]);
  });
});

describe('refersTo.maxDaysBack (366): a day named 365, 366 and 367 days before the record', () => {
  // 01/05/2021 to 01/05/2022 is 365 days (no 29 February between); 30/04/2021 is 366, 29/04/2021 367.
  const pair = (named: string, iso: string): Row[] => [
    row('a', iso, 'alpha bravo charlie'),
    row('b', '2022-05-01', `letter about the events of ${named}: alpha bravo charlie xray`),
  ];
  it('365 days back (below): b refers to a', () => expect(refersTo(links(pair('01/05/2021', '2021-05-01')))).toEqual([{ from: 'b', to: ['a'] }]));
  it('366 days back (the edge): b refers to a', () => expect(refersTo(links(pair('30/04/2021', '2021-04-30')))).toEqual([{ from: 'b', to: ['a'] }]));
  it('367 days back (above): no reference', () => expect(refersTo(links(pair('29/04/2021', '2021-04-29')))).toEqual([]));
  it('namedDays keeps the same edge', () => {
    const on = dayNumber('2022-05-01');
    expect(namedDays('on 30/04/2021', on, 366)).toEqual([dayNumber('2021-04-30')]);
    expect(namedDays('on 29/04/2021', on, 366)).toEqual([]);
  });
});

describe('a date without its year (YEARLESS_DAYS_BACK 92)', () => {
  // The record is of 01/02/2022. 01/11/2021 is 30 + 31 + 31 = 92 days before it.
  const on = dayNumber('2022-02-01');
  it.each([
    ['02/11', '2021-11-02', '91 days back: last year'],
    ['01/11', '2021-11-01', '92 days back (the edge): last year'],
    ['2nd November', '2021-11-02', '91 days back, in words'],
    ['1st November', '2021-11-01', '92 days back, in words (the edge)'],
    ['31/01', '2022-01-31', 'the day before, this year'],
    ['01/02', '2022-02-01', 'the record\'s own day: this year, 0 days back'],
  ])('"%s" is %s (%s)', (text, iso) => {
    expect(namedDays(`seen on ${text}`, on, 366)).toEqual([dayNumber(iso)]);
  });
  it.each([
    ['31/10', '93 days back: too far for a date without its year'],
    ['31st October', '93 days back, in words'],
    ['02/02', 'a day after the record: not this year (a date to come), and last year is 364 days back'],
  ])('"%s" names no day (%s)', (text) => {
    expect(namedDays(`seen on ${text}`, on, 366)).toEqual([]);
  });
});

describe('a meeting record dated to a short range (MEETING_PERIOD_DAYS 7)', () => {
  const housing = (end: string): Row => ({ id: 'housing', agency: 'Housing', start: '2022-02-07', end, precision: 'day', summary: 'Housing rep attended MARAC' });
  const police = row('police', '2022-02-08', 'Case heard at MARAC, actions agreed', 'Police');
  it('a range of 6 days (07/02–12/02, below): joins the meeting', () => expect(sameEvent(links([housing('2022-02-12'), police]))).toEqual(['housing police']));
  it('a range of 7 days (07/02–13/02, the edge): joins the meeting', () => expect(sameEvent(links([housing('2022-02-13'), police]))).toEqual(['housing police']));
  it('a range of 8 days (07/02–14/02, above): too long to say', () => expect(sameEvent(links([housing('2022-02-14'), police]))).toEqual([]));
});

describe('records of one meeting on consecutive days: the next day, not the one after', () => {
  const csc = row('csc', '2021-07-08', 'Core group held at the family centre; plan reviewed');
  it('0 days apart high, 1 day medium, 2 days not linked', () => {
    const conf = (start: string) => links([csc, row('hv', start, 'Attended core group, weight discussed')]).map((l) => [l.kind, [...l.events].sort().join(' '), l.confidence]);
    expect(conf('2021-07-08')).toEqual([['same-event', 'csc hv', 'high']]);
    expect(conf('2021-07-09')).toEqual([['same-event', 'csc hv', 'medium']]);
    expect(conf('2021-07-10')).toEqual([]);
  });
});

describe('on the record\'s own day, a timed target no later than it', () => {
  it('a target one minute earlier is referred to (16:39 and 16:40 are in links.test.ts)', () => {
    const ed = row('ed', '2022-02-03T16:40', 'DOG BITE L HAND');
    expect(refersTo(links([ed, row('csc', '2022-02-03T16:41', 'Told of A&E attendance 03/02, dog bite to hand')]))).toEqual([{ from: 'csc', to: ['ed'] }]);
  });
});

describe('maxEventsPerDay (400): the records of a day compared by wording', () => {
  // a and b are one event by wording; the rest of the day's records have no words.
  const day = (total: number): Row[] => [
    row('a', '2021-05-01', 'alpha bravo'),
    row('b', '2021-05-01', 'alpha bravo charlie'),
    ...Array.from({ length: total - 2 }, (_, i) => row(`x${i}`, '2021-05-01', '-', 'X')),
  ];
  it('399 records (below): compared, no issue', () => {
    const r = run(day(399));
    expect(sameEvent(r.links)).toEqual(['a b']);
    expect(r.issues).toEqual([]);
  });
  it('400 records (the edge): compared, no issue', () => {
    const r = run(day(400));
    expect(sameEvent(r.links)).toEqual(['a b']);
    expect(r.issues).toEqual([]);
  });
  it('401 records (above): not compared, and said so', () => {
    const r = run(day(401));
    expect(sameEvent(r.links)).toEqual([]);
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([
      ['link-day-too-busy', '401 events on 01/05/2021 are more than the 400 per day that linking compares; only meetings were linked on that day'],
    ]);
  });
});

describe('a refers-to link is high confidence when every target shares at least 0.6 of the lighter record\'s word weight', () => {
  // N = 3, a's words weigh ln 2 each: score = shared / a's words.
  const confidence = (a: string, b: string, c: string): string[] => links([row('a', '2021-05-01', a), row('b', '2021-05-03', `on 01/05 ${b}`), row('c', '2021-04-01', c)])
    .filter((l) => l.kind === 'refers-to').map((l) => `${l.from}→${l.to!.join(',')} ${l.confidence}`);
  it('3 of 5 (0.6, the edge): high', () => {
    expect(confidence('alpha bravo charlie delta echo', 'alpha bravo charlie xray yankee zulu', 'delta echo')).toEqual(['b→a high']);
  });
  it('4 of 7 (0.571, below): medium', () => {
    expect(confidence('alpha bravo charlie delta echo foxtrot golf', 'alpha bravo charlie delta xray yankee zulu', 'echo foxtrot golf')).toEqual(['b→a medium']);
  });
  it('5 of 8 (0.625, above): high', () => {
    expect(confidence('alpha bravo charlie delta echo foxtrot golf hotel', 'alpha bravo charlie delta echo xray yankee zulu', 'foxtrot golf hotel')).toEqual(['b→a high']);
  });
  it('6 of 10 (0.6 again, with N = 4 so each word weighs ln 2.5): high', () => {
    // d is a fourth record, on another day, with words of its own. Six of ten equal weights are
    // 0.6 exactly; summed in floating point they come to 0.5999999999999999, which every overlap
    // threshold, the high-confidence one included, absorbs (each allows 1e-9).
    const ls = links([
      row('a', '2021-05-01', 'alpha bravo charlie delta echo foxtrot golf hotel india juliet'),
      row('b', '2021-05-03', 'on 01/05 alpha bravo charlie delta echo foxtrot xray yankee zulu'),
      row('c', '2021-04-01', 'golf hotel india juliet'),
      row('d', '2021-03-01', 'amber coral'),
    ]);
    expect(ls.filter((l) => l.kind === 'refers-to').map((l) => `${l.from}→${l.to!.join(',')} ${l.confidence}`)).toEqual(['b→a high']);
  });
});

describe('validateLinkRules: the ranges a user\'s rules must keep', () => {
  const edit = (change: (r: Record<string, any>) => void): Record<string, any> => {
    const copy = JSON.parse(JSON.stringify(DEFAULT_LINK_RULES)) as Record<string, any>;
    change(copy);
    return copy;
  };
  it('a meeting pattern must need some text and keep no group numbers or names of its own', () => {
    const meeting = (pattern: string) => () => validateLinkRules(edit((r) => { r.meetings[3].pattern = pattern; }), 'r.json');
    const empty = 'r.json: "meetings[3].pattern" is invalid: expected a pattern that needs some text (this one matches an empty text: a stray "|"?)';
    const groups = 'r.json: "meetings[3].pattern" is invalid: expected a pattern without back-references or named groups (the meetings\' patterns are tried together)';
    expect(meeting('\\bcore group\\b|')).toThrow(empty);
    expect(meeting('(?:)')).toThrow(empty);
    expect(meeting('x*')).toThrow(empty);
    expect(meeting('(c)(d)\\2')).toThrow(groups);
    expect(meeting('(?<kind>core) group')).toThrow(groups);
    expect(meeting('(?<k>core) \\k<k>')).toThrow(groups);
    // Look-behinds, plain groups and one character are kept.
    expect(meeting('(?<!not )\\bcore group\\b')().meetings[3]!.pattern).toBe('(?<!not )\\bcore group\\b');
    expect(meeting('(?<=the )(core) group')().meetings[3]!.pattern).toBe('(?<=the )(core) group');
    expect(meeting('x')().meetings[3]!.pattern).toBe('x');
    // The shipped ones all pass.
    expect(validateLinkRules(edit(() => {}), 'r.json').meetings).toEqual(DEFAULT_LINK_RULES.meetings);
  });
  it('a share (minOverlap) from 0 to 1: 0 and 1 are kept, -0.01 and 1.01 refused', () => {
    expect(validateLinkRules(edit((r) => { r.similarity.minOverlap = 0; }), 'r.json').similarity.minOverlap).toBe(0);
    expect(validateLinkRules(edit((r) => { r.similarity.minOverlap = 1; }), 'r.json').similarity.minOverlap).toBe(1);
    expect(() => validateLinkRules(edit((r) => { r.similarity.minOverlap = -0.01; }), 'r.json')).toThrow('r.json: "similarity.minOverlap" is invalid: expected a number, 0 or more');
    expect(() => validateLinkRules(edit((r) => { r.similarity.minOverlap = 1.01; }), 'r.json')).toThrow('r.json: "similarity.minOverlap" is invalid: expected a number from 0 to 1');
    expect(() => validateLinkRules(edit((r) => { r.refersTo.minOverlap = 1.01; }), 'r.json')).toThrow('r.json: "refersTo.minOverlap" is invalid: expected a number from 0 to 1');
  });
  it('a count (maxMinutesApart) 0 or more: 0 kept, -1 refused', () => {
    expect(validateLinkRules(edit((r) => { r.similarity.maxMinutesApart = 0; }), 'r.json').similarity.maxMinutesApart).toBe(0);
    expect(() => validateLinkRules(edit((r) => { r.similarity.maxMinutesApart = -1; }), 'r.json')).toThrow('r.json: "similarity.maxMinutesApart" is invalid: expected a number, 0 or more');
  });
  it('maxEventsPerDay 2 or more: 1 refused, 2 and 3 kept', () => {
    expect(() => validateLinkRules(edit((r) => { r.maxEventsPerDay = 1; }), 'r.json')).toThrow('r.json: "maxEventsPerDay" is invalid: expected a number, 2 or more');
    expect(validateLinkRules(edit((r) => { r.maxEventsPerDay = 2; }), 'r.json').maxEventsPerDay).toBe(2);
    expect(validateLinkRules(edit((r) => { r.maxEventsPerDay = 3; }), 'r.json').maxEventsPerDay).toBe(3);
  });
});

describe('validateLinkRules: each shape it refuses, with the key and what was expected', () => {
  const edit = (change: (r: Record<string, any>) => void): Record<string, any> => {
    const copy = JSON.parse(JSON.stringify(DEFAULT_LINK_RULES)) as Record<string, any>;
    change(copy);
    return copy;
  };
  const refusal = (value: unknown): string => {
    try { validateLinkRules(value, 'r.json'); } catch (e) { return (e as Error).message.replace(/^r\.json: /, ''); }
    return 'not refused';
  };
  it.each([
    ['null', null, '"(root)" is invalid: expected a JSON object'],
    ['a string', 'rules', '"(root)" is invalid: expected a JSON object'],
    ['no meetings list', edit((r) => { r.meetings = {}; }), '"meetings" is invalid: expected a list of { name, pattern }'],
    ['a meeting without a pattern', edit((r) => { r.meetings[1] = { name: 'x' }; }), '"meetings[1]" is invalid: expected { "name": string, "pattern": string }'],
    ['a meeting without a name', edit((r) => { r.meetings[0] = { pattern: 'x' }; }), '"meetings[0]" is invalid: expected { "name": string, "pattern": string }'],
    ['a meeting that is not an object', edit((r) => { r.meetings[0] = null; }), '"meetings[0]" is invalid: expected { "name": string, "pattern": string }'],
    ['a meeting pattern that is no expression', edit((r) => { r.meetings[0].pattern = '('; }), /^"meetings\[0\]\.pattern" is invalid: expected a regular expression \(Invalid regular expression: .+\)$/],
    ['a mention pattern that is not a string', edit((r) => { r.meetingMention.held = 3; }), '"meetingMention.held" is invalid: expected a regular expression (string)'],
    ['a mention pattern that is no expression', edit((r) => { r.meetingMention.after = '[a'; }), /^"meetingMention\.after" is invalid: expected a regular expression \(Invalid regular expression: .+\)$/],
    ['toldOf missing', edit((r) => { delete r.toldOf; }), '"toldOf" is invalid: expected a regular expression (string)'],
    ['no similarity object', edit((r) => { r.similarity = null; }), '"similarity" is invalid: expected an object'],
    ['refersTo not an object', edit((r) => { r.refersTo = 5; }), '"refersTo" is invalid: expected an object'],
    ['the old minJaccard', edit((r) => { r.similarity.minJaccard = 0.5; }), '"similarity.minJaccard" is invalid: expected minOverlap and minOverlapTimed instead (since version 1.1 wording is compared by a weighted overlap coefficient)'],
    ['a count that is a string', edit((r) => { r.refersTo.maxDaysBack = '30'; }), '"refersTo.maxDaysBack" is invalid: expected a number, 0 or more'],
    ['a count missing', edit((r) => { delete r.similarity.minSharedWords; }), '"similarity.minSharedWords" is invalid: expected a number, 0 or more'],
    ['maxEventsPerDay missing', edit((r) => { delete r.maxEventsPerDay; }), '"maxEventsPerDay" is invalid: expected a number, 2 or more'],
  ])('refuses %s', (_what, value, expected) => {
    if (typeof expected === 'string') expect(refusal(value)).toBe(expected);
    else expect(refusal(value)).toMatch(expected);
  });
  it('keeps a valid copy whole (its comment aside)', () => {
    const { $comment: _comment, ...rules } = DEFAULT_LINK_RULES as LinkRules & { $comment?: string };
    expect(validateLinkRules(edit(() => undefined), 'r.json')).toEqual(rules);
  });
});

describe('words: at least 3 letters; a plural "s" dropped from words longer than 4', () => {
  it('2 letters are no word, 3 and 4 are', () => {
    expect(contentWords('ab abc abcd')).toEqual(['abc', 'abcd']);
    expect(wordHashes('ab abc abcd')).toEqual([hashWord('abc'), hashWord('abcd')].sort((x, y) => x - y));
  });
  it('"bus" (3) and "bags" (4) keep their "s"; "bangs" (5) loses it; "glass" keeps its "ss"', () => {
    expect(contentWords('bus bags bangs glass')).toEqual(['bus', 'bags', 'bang', 'glass']);
    expect(wordHashes('bags')).toEqual([hashWord('bags')]);
    expect(wordHashes('bangs')).toEqual([hashWord('bang')]);
    expect(wordHashes('glass')).toEqual([hashWord('glass')]);
  });
});
