/**
 * Behaviours of linking (src/timeline/links.ts, up to periodMeetingEdges) that no other test
 * pinned: StrykerJS left the mutants listed in /tmp/links-surv-a.txt alive. Each test states the
 * rule it holds; every expectation is worked out by hand from the README ("Cross-agency links")
 * and the rules in link-rules.json, never computed with the code under test.
 *
 * The scanning tests come first and must stay first: the byte and word buffers of the scanner are
 * module state, and they catch a buffer that grows too little only while it is still small.
 *
 * Mutants of that list judged equivalent (no input can tell them from the code), by kind:
 *
 * Speed only
 * - 168 `Math.max(text.length * 3 + 1, byteScratch.length / 2)`: the byte buffer grows to exactly
 *   3L + 1 instead of doubling (it grows only when it holds 3L bytes or fewer, so 3L + 1 is the
 *   larger); it is always big enough, it is just reallocated more often.
 * - 261 `/(?!)/` for `/^(?!)/`: both never match; the anchor only makes the failure immediate.
 * - 424 `if (true)` for `if (known === undefined)`: which meeting a type names is worked out again
 *   for every record instead of once per type; the expressions are not global, so the answer is
 *   the same.
 * - 468 `if (true)` for `if (w >= inRecord.length)`: grown() returns the array unchanged when it is
 *   long enough.
 * - 506 the rarity sort removed, its comparator `false`, or `df[x] - df[y] && x - y`: the words are
 *   then ordered by id (or left unsorted) instead of by rarity. Every consumer (the insertion sort,
 *   the merge in overlap(), prefix filtering) needs only one fixed order for all records; similarPairs
 *   is "exact for any fixed order of words" (links-property.test.ts compares it with every pair).
 *   Sums of weights taken in another order differ in the last bits only, which every threshold
 *   absorbs (1e-9).
 * - 515 `let k = from - 1`: the extra first step moves wordIds[from - 1] onto itself (or writes
 *   index -1 of a typed array, which is ignored).
 * - 625 `true` for `agencies > 1` (or `agencies >= 1`): a day of one agency is compared too, and
 *   mayBeOneEvent refuses every pair of it (one agency).
 * - 630 edge sort mutated (`true`, `false`, `&&`, `x.a + y.a`, `x.b + y.b`): groupsFromEdges does
 *   not depend on the order of the edges: union-find keeps the least member as root, members,
 *   roots and reasons are sorted, and confidence is "every edge high".
 *
 * Redundant guard or bound (a later check, or the data, already decides)
 * - 61 `/[^A-Za-z0-9]/` for `/[^A-Za-z0-9]+/`: splitting at every separator only adds empty
 *   strings, which the three-letter minimum drops.
 * - 81 `r.pattern` for `r?.pattern`: a null or undefined entry already fails `typeof r?.name`, and
 *   `||` stops there.
 * - 82 and 86 `new RegExp(x, "")` for `new RegExp(x, 'i')` in validateLinkRules: without the `u`
 *   flag, `i` changes no syntax, so the same patterns are refused.
 * - 123 `join("Stryker was here!")` for `join('')`: only reached with one agency or none, where
 *   the separator is never written.
 * - 168 `text.length * 3 - 1`: a text holding a word (three ASCII letters, one byte each) takes at
 *   most 3L − 6 bytes, so 3L − 1 still leaves room for the closing space; a text that fills 3L
 *   bytes has no word to lose.
 * - 168 `byteScratch.length < text.length * 3`: the buffer's length is 1024 × 2^k or 3L + 1, never
 *   a multiple of 3, so it never equals 3L.
 * - 275 `i <= pattern.length`: the extra step reads `undefined`, which matches no branch that
 *   changes the output.
 * - 381 and 383 `fill(+1)` for `fill(-1)` (minutes, kind): only records never given a day keep the
 *   fill (unusable, undated, dated to a period), and those are in no day run, so neither array is
 *   read for them; where referenceLinks reads the minutes of two period records, both hold the
 *   same fill, so "later" stays false.
 * - 431 `if (true)` for `if (outcome !== undefined)`: namedDays(undefined) reads the text
 *   "undefined", which names no day.
 * - 433 `if (true)` and `more.length >= 0`: namedDays returns distinct days, so the union with no
 *   more days is the same list.
 * - 450 `true` for `outcome !== undefined` (in the toldOf test): toldOf then reads "undefined",
 *   which the shipped pattern does not match. (The `role[i] === ORDINARY` mutant of that line is
 *   not equivalent; see the note at the end of this comment.)
 * - 463 `if (false)` for `if (count < minWords) continue`: the distinct words are never more than
 *   the words, so the check after dedup refuses the same records; the extra words it registers
 *   are used by no record, change no other word's relative order, and are never weighed.
 * - 505 `w <= f.vocabulary`: the extra write is past the end of a typed array, and is dropped.
 * - 535 `rx <= ry` in `else if (rx < ry)`: rx === ry was handled by the branch before.
 * - 570 `x <= d` in runOf: x === d has returned already.
 * - 596 `|| false` for `|| features.day[i] === NO_DAY`: a record without a day is in no day run,
 *   so it is never compared by wording, and the one other reader of its role, referenceLinks,
 *   skips it anyway because it has targets of its own (`targets.has(k)`). (Period records that
 *   are no meeting are TOLD_OF from linkFeatures already.)
 * - 621 `""` for `'medium'` (consecutive-day meeting edge): an edge's confidence is only ever
 *   compared with 'high', so "" and 'medium' give a medium group alike.
 * - 625 `true` for `size >= 2`: a day of one record has one agency, so `agencies > 1` refuses it.
 * - 647 `p <= f.periodMeetings.length`: the extra step reads undefined, its day loop does not
 *   run, and `days !== 1` skips it.
 * - 663 `here && true`: d only increases and `day` holds an earlier d (or NO_DAY), so
 *   `d !== day` is always true. (The other two `true` mutants of that line count days without
 *   the meeting: killed below.)
 *
 * Mutants already killed by tests/timeline/edges.test.ts, links.test.ts or
 * links-property.test.ts (written after the mutation run) are not repeated here.
 *
 * Not pinned: 450 `true` for `role[i] === ORDINARY`. The mutant makes a record that only mentions
 * a meeting and is in words of being told ("Core group minutes received") a told-of record; the
 * code keeps it a mention, and a mention can be linked to another agency's record by wording.
 * The README says a record in words of being told is never the same event as another, so the
 * mutant agrees with the README and the code does not: reported as a bug, not pinned by a test.
 */
import { describe, expect, it } from 'vitest';
import { links, merged, refersTo, run, sameEvent, similarity, type Row } from './link-cases.js';
import { DEFAULT_LINK_RULES, hashWord, linkEvents, topLevelAlternatives, validateLinkRules, wordHashes, type LinkRules } from '../../src/timeline/links.js';
import type { CrossAgencyLink } from '../../src/model/types.js';

const sameEventConfidence = (ls: CrossAgencyLink[]): string[] =>
  ls.filter((l) => l.kind === 'same-event').map((l) => `${[...l.events].sort().join(' ')} ${l.confidence}`).sort();
const row = (id: string, start: string, summary: string, agency = id.toUpperCase()): Row => ({ id, agency, start, summary });

const CONSONANTS = 'bcdfghjklmnpqrtvwxz';
/**
 * `count` made-up words of five consonants, each hashing apart from the others and from `avoid`:
 * no stopword (every stopword has a vowel), no plural "s", no digit, so each is one content word.
 * They follow a fixed pseudo-random sequence: words made in alphabetical order hash to the word
 * table's slots too evenly, and would hardly ever collide, which is what its growth must handle.
 */
function madeUpWords(count: number, avoid: readonly string[] = []): string[] {
  const seen = new Set(avoid.map(hashWord));
  const out: string[] = [];
  let x = 1;
  while (out.length < count) {
    let word = '';
    for (let k = 0; k < 5; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      word += CONSONANTS[(x >>> 16) % CONSONANTS.length];
    }
    const h = hashWord(word);
    if (seen.has(h)) continue;
    seen.add(h);
    out.push(word);
  }
  return out;
}

describe('scanning a text for its words (first: the buffers are module state)', () => {
  it('a text of three-byte characters, longer than the byte buffer, keeps the word at its end', () => {
    // 1000 "€" are 3000 bytes of UTF-8, nearly three times the buffer's first 1024 bytes.
    expect(wordHashes(`${'€'.repeat(1000)} zebra`)).toEqual([hashWord('zebra')]);
    expect(wordHashes(`${'€'.repeat(5000)} zebra`)).toEqual([hashWord('zebra')]);
  });
  it('a text of more than 256 words, repeats counted, keeps the words after the 256th', () => {
    expect(wordHashes(`${'zebra '.repeat(300)}yak`)).toEqual([hashWord('zebra'), hashWord('yak')].sort((x, y) => x - y));
  });
});

describe('a meeting pattern\'s top-level alternatives', () => {
  it('a group at the very start of the pattern is one alternative with what follows it', () => {
    expect(topLevelAlternatives('(child protection|CP) conference|ICPC')).toEqual(['(child protection|CP) conference', 'ICPC']);
  });
  it('a "|" or "(" inside a character class splits nothing', () => {
    expect(topLevelAlternatives('s[.(|]47|strategy')).toEqual(['s[.(|]47', 'strategy']);
  });
  it('an escaped "|" splits nothing', () => {
    expect(topLevelAlternatives('s\\|47|strategy')).toEqual(['s\\|47', 'strategy']);
  });
});

describe('validateLinkRules: the timed overlap is a share too', () => {
  const withTimed = (minOverlapTimed: number): LinkRules => similarity({ minOverlapTimed });
  it('similarity.minOverlapTimed 1 is kept, 1.01 refused (0 to 1, as minOverlap)', () => {
    expect(validateLinkRules(withTimed(1), 'r.json').similarity.minOverlapTimed).toBe(1);
    expect(() => validateLinkRules(withTimed(1.01), 'r.json')).toThrow('r.json: "similarity.minOverlapTimed" is invalid: expected a number from 0 to 1');
  });
});

describe('linkEvents: its arguments and what it reports', () => {
  it('refuses a read order that does not list every position', () => {
    const events = merged([row('a', '2021-05-01', 'alpha bravo'), row('b', '2021-05-01', 'alpha bravo charlie')]);
    expect(() => linkEvents(events, DEFAULT_LINK_RULES, [0])).toThrow(RangeError);
    expect(() => linkEvents(events, DEFAULT_LINK_RULES, [0])).toThrow(/^readOrder lists 1 positions for 2 events$/);
  });
  it('a day with more records than maxEventsPerDay: one info issue, not for any file; its meetings are still linked, its wording is not', () => {
    const rows = [
      row('a', '2021-05-01', 'alpha bravo'),
      row('b', '2021-05-01', 'alpha bravo charlie'),
      row('csc', '2021-05-01', 'Core group held at the family centre; plan reviewed'),
      row('hv', '2021-05-01', 'Attended core group, weight discussed'),
    ];
    const busy = run(rows, { ...DEFAULT_LINK_RULES, maxEventsPerDay: 3 });
    expect(sameEvent(busy.links)).toEqual(['csc hv']);
    expect(busy.issues).toEqual([{
      file: '', line: 0, severity: 'info', code: 'link-day-too-busy',
      message: '4 events on 01/05/2021 are more than the 3 per day that linking compares; only meetings were linked on that day',
    }]);
    // At the limit (4 of 4) the day is compared: a and b are one event by wording.
    const full = run(rows, { ...DEFAULT_LINK_RULES, maxEventsPerDay: 4 });
    expect(sameEvent(full.links)).toEqual(['a b', 'csc hv']);
    expect(full.issues).toEqual([]);
  });
  it('an undated record is left out, and the records around it are linked', () => {
    const ls = links([row('u', '', 'alpha bravo charlie'), row('a', '2021-05-01', 'alpha bravo'), row('b', '2021-05-01', 'alpha bravo charlie')]);
    expect(sameEvent(ls)).toEqual(['a b']);
  });
});

describe('records of one meeting on one day, or on consecutive days', () => {
  const cscCore = row('csc', '2021-07-08', 'Core group held at the family centre; plan reviewed');
  it('two records of one agency are not linked; another agency\'s record joins them both', () => {
    const second = row('csc2', '2021-07-08', 'Core group: plan reviewed, actions agreed', 'CSC');
    expect(sameEvent(links([cscCore, second]))).toEqual([]);
    expect(sameEvent(links([cscCore, second, row('hv', '2021-07-08', 'Attended core group, weight discussed')]))).toEqual(['csc csc2 hv']);
  });
  it('on consecutive days, two records of one agency are not linked; another agency\'s are (medium)', () => {
    expect(sameEventConfidence(links([cscCore, row('csc2', '2021-07-09', 'Core group: plan reviewed, actions agreed', 'CSC')]))).toEqual([]);
    expect(sameEventConfidence(links([cscCore, row('hv', '2021-07-09', 'Attended core group, weight discussed')]))).toEqual(['csc hv medium']);
  });
  it('two days apart they are not linked, even with a record on the day between', () => {
    const between = row('school', '2021-07-09', 'Attendance reviewed with parent');
    expect(sameEvent(links([cscCore, between, row('hv', '2021-07-10', 'Attended core group, weight discussed')]))).toEqual([]);
    expect(sameEvent(links([cscCore, between, row('hv', '2021-07-09', 'Attended core group, weight discussed')]))).toEqual(['csc hv']);
  });
  it('two agencies\' records of one day are high confidence, whatever was recorded the day before', () => {
    const ls = links([
      row('school', '2021-07-07', 'Attendance reviewed with parent'),
      cscCore,
      row('hv', '2021-07-08', 'Attended core group, weight discussed'),
    ]);
    expect(sameEventConfidence(ls)).toEqual(['csc hv high']);
  });
});

describe('a record of a meeting dated only to its week', () => {
  const housingWeek: Row = { ...row('housing', '2022-02-07', 'Housing rep attended MARAC', 'Housing'), precision: 'week', end: '2022-02-13' };
  const marac = (id: string, agency: string, start: string): Row => row(id, start, 'Case heard at MARAC, actions agreed', agency);
  it('joins the meeting when another day of the week holds only other records', () => {
    const ls = links([housingWeek, marac('police', 'Police', '2022-02-08'), row('school', '2022-02-10', 'Attendance reviewed with parent')]);
    expect(sameEventConfidence(ls)).toEqual(['housing police medium']);
  });
  it('a day of the week holding only another agency\'s other records is no day of the meeting', () => {
    expect(sameEvent(links([housingWeek, row('school', '2022-02-10', 'Attendance reviewed with parent')]))).toEqual([]);
    expect(sameEvent(links([housingWeek, marac('school', 'School', '2022-02-10')]))).toEqual(['housing school']);
  });
  it('is not linked to its own agency\'s record of the meeting', () => {
    expect(sameEvent(links([housingWeek, marac('housing2', 'Housing', '2022-02-08')]))).toEqual([]);
    // With another agency's record of that day, the week's record joins through that agency only.
    expect(sameEvent(links([housingWeek, marac('housing2', 'Housing', '2022-02-08'), marac('police', 'Police', '2022-02-08')]))).toEqual(['housing housing2 police']);
  });
});

describe('which records are records of a meeting', () => {
  it('a record saying the meeting was held on its own day is a record of it (the day before is in links.test.ts)', () => {
    const ls = links([
      row('csc', '2022-01-17', 'RCPC held, plans continue'),
      row('school', '2022-01-17', 'RCPC held on 17/01, plans continue'),
    ]);
    expect(sameEventConfidence(ls)).toEqual(['csc school high']);
  });
  it('a record naming a review conference only as a purpose is no record of it', () => {
    const ls = links([
      row('csc', '2022-01-17', 'RCPC held, plans continue'),
      row('school', '2022-01-17', 'Report sent for the RCPC'),
      row('gp', '2022-01-17', 'RCPC attended by GP'),
    ]);
    expect(sameEvent(ls)).toEqual(['csc gp']);
  });
  it('a record without a type is judged by its text alone (a pattern matching "undefined" does not see it)', () => {
    const rules: LinkRules = { ...DEFAULT_LINK_RULES, meetings: [...DEFAULT_LINK_RULES.meetings, { name: 'attendance penalty', pattern: 'fined' }] };
    const ls = links([
      row('a', '2021-05-01', 'alpha bravo charlie'),
      row('b', '2021-05-01', 'delta echo foxtrot'),
      { ...row('c', '2021-05-01', 'golf hotel'), type: 'Parent fined' },
      { ...row('d', '2021-05-01', 'india juliet'), type: 'Parent fined' },
    ], rules);
    expect(sameEventConfidence(ls)).toEqual(['c d high']);
  });
  it('a record the combined meeting expression matches but no one pattern does is an ordinary record', () => {
    // Combined, the second pattern's \1 refers to the first pattern's group, which never takes
    // part, so "echo" alone matches it; the pattern itself needs "echoecho".
    const rules: LinkRules = { ...DEFAULT_LINK_RULES, meetings: [{ name: 'core group', pattern: '(core) group' }, { name: 'echo meeting', pattern: '(echo)\\1' }] };
    const ls = links([row('a', '2021-05-01', 'echo alpha bravo'), row('b', '2021-05-01', 'echo alpha bravo charlie')], rules);
    expect(ls.map((l) => [l.kind, [...l.events].sort().join(' '), l.confidence])).toEqual([['same-event', 'a b', 'medium']]);
    expect(ls[0]!.reason).toMatch(/similar wording/);
  });
  it('a meeting pattern matching only an empty string (a look-ahead) still makes two agencies\' records one meeting', () => {
    const rules: LinkRules = { ...DEFAULT_LINK_RULES, meetings: [{ name: 'strategy discussion', pattern: '(?=strategy discussion)' }] };
    const ls = links([
      row('police', '2022-03-04', 'Strategy discussion with social care and health', 'Police'),
      row('csc', '2022-03-04', 'Strategy discussion: police, health, school', 'CSC'),
    ], rules);
    expect(ls.map((l) => [l.kind, [...l.events].sort().join(' '), l.confidence, l.reason])).toEqual([
      ['same-event', 'csc police', 'high', 'Strategy discussion on 04/03/2022, recorded by Police and CSC'],
    ]);
  });
  it('a look-ahead meeting pattern after a purpose word does not stall linking', () => {
    // The mention check skips a match of no length; taken as a name, "Report for " before it
    // would send the check round the same empty match for ever.
    const rules: LinkRules = { ...DEFAULT_LINK_RULES, meetings: [{ name: 'strategy discussion', pattern: '(?=strategy discussion)' }] };
    const ls = links([
      row('gp', '2022-03-04', 'Report for strategy discussion sent to social worker'),
      row('a', '2022-03-04', 'alpha bravo'),
      row('b', '2022-03-04', 'alpha bravo charlie'),
    ], rules);
    expect(sameEvent(ls)).toEqual(['a b']);
  });
});

describe('words of being told, in any case', () => {
  it('"POLICE NOTIFICATION" in capitals is a record of being told: it refers to the incident and is not the incident', () => {
    const ls = links([
      row('police', '2024-01-05T15:13', 'Domestic incident at the family home: mother assaulted by partner, children present, partner arrested', 'Police'),
      row('csc', '2024-01-05T15:38', 'POLICE NOTIFICATION: domestic incident at family home, mother assaulted by partner, partner arrested', 'CSC'),
    ]);
    expect(sameEvent(ls)).toEqual([]);
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['police'] }]);
  });
});

describe('a record of a meeting is the meeting, whatever it says it received', () => {
  it('in words of being told and naming no day, it refers to no incident of its day or the day before', () => {
    const incident = row('police', '2022-10-24T22:10', 'Domestic incident: mother assaulted by partner, partner arrested', 'Police');
    const meeting = row('csc', '2022-10-25', 'Strategy discussion held. Police report received: mother assaulted by partner, partner arrested', 'CSC');
    const ls = links([incident, meeting, row('police2', '2022-10-25', 'Strategy discussion with social care', 'Police')]);
    expect(sameEvent(ls)).toEqual(['csc police2']);
    expect(refersTo(ls)).toEqual([]);
    // The same words in an ordinary record: it reports the incident of the day before.
    const told = row('hv', '2022-10-25', 'Police report received, mother assaulted by partner, partner arrested', 'HV');
    expect(refersTo(links([incident, told]))).toEqual([{ from: 'hv', to: ['police'] }]);
  });
});

describe('a record found to report an earlier event is never the same event as another', () => {
  const ed = row('ed', '2022-02-03T16:40', 'DOG BITE L HAND, WOUND CLEANED');
  it('a record naming an earlier day it shares words with is not one event with a like record of its own day', () => {
    const ls = links([
      ed,
      row('gp', '2022-02-05', 'Dog bite to left hand on 03/02, wound cleaned'),
      row('hv', '2022-02-05', 'Dog bite to left hand, wound cleaned'),
    ]);
    expect(refersTo(ls)).toEqual([{ from: 'gp', to: ['ed'] }]);
    expect(sameEvent(ls)).toEqual([]);
  });
  it('naming an earlier day as well as its own, it reports the earlier event and is not one event with its own day\'s record', () => {
    const ls = links([
      ed,
      row('hv', '2022-02-05T09:00', 'Dog bite to left hand, wound cleaned, dressing checked'),
      row('gp', '2022-02-05', 'Dog bite to left hand 03/02, wound cleaned, dressing checked 05/02'),
    ]);
    expect(refersTo(ls)).toEqual([{ from: 'gp', to: ['ed', 'hv'] }]);
    expect(sameEvent(ls)).toEqual([]);
  });
  it('a record naming only its own day reports no earlier event: it can be one event with another agency\'s record', () => {
    const ls = links([
      row('ed', '2022-02-05T10:00', 'Dog bite to left hand, wound cleaned'),
      row('csc', '2022-02-05', 'Dog bite to left hand on 05/02, wound cleaned'),
    ]);
    expect(sameEvent(ls)).toEqual(['csc ed']);
  });
});

describe('a record with fewer words than minSharedWords is not counted in N', () => {
  // a and b share two words. N counts the records with at least 2 words (the fewest either rule
  // can use). Shared words (df 2) weigh ln((N + 1) / 2), charlie (df 1) ln(N + 1); a's score is
  // 2 ln((N + 1) / 2) / (2 ln((N + 1) / 2) + ln(N + 1)): 0.598 at N = 14, 0.6 at N = 15
  // (6 ln 2 / 10 ln 2), 0.602 at N = 16; the threshold is 0.6.
  const pair = [row('a', '2021-05-01', 'alpha bravo charlie'), row('b', '2021-05-01', 'alpha bravo delta echo')];
  const fillers = (count: number, summary: string): Row[] => Array.from({ length: count }, (_, i) => row(`f${i}`, `2021-04-${String(i + 1).padStart(2, '0')}`, summary, 'X'));
  it('12 two-word records besides a and b (N = 14, below): not one event', () => {
    expect(sameEvent(links([...pair, ...fillers(12, 'Telephoned grandparent')]))).toEqual([]);
  });
  it('13 two-word records (N = 15, the edge): one event', () => {
    expect(sameEvent(links([...pair, ...fillers(13, 'Telephoned grandparent')]))).toEqual(['a b']);
  });
  it('14 two-word records (N = 16, above): one event', () => {
    expect(sameEvent(links([...pair, ...fillers(14, 'Telephoned grandparent')]))).toEqual(['a b']);
  });
  it('20 one-word records count for nothing (N = 2, score 0.42): not one event', () => {
    expect(sameEvent(links([...pair, ...fillers(20, 'Telephoned.')]))).toEqual([]);
  });
});

describe('the words two records share are their own', () => {
  // t's words are "alpha" (df 2) and "bravo" (df 1); r shares only "alpha". k, stored between
  // them, begins with "common" (df 3, its rarer word), which r also uses but t does not.
  const fillers = [
    row('f1', '2021-04-01', 'golf common usual', 'F'),
    row('f2', '2021-04-02', 'hotel usual', 'F'),
    row('f3', '2021-04-03', 'india usual', 'F'),
    row('f4', '2021-04-04', 'juliet usual', 'F'),
  ];
  const t = row('t', '2021-05-01', 'alpha bravo', 'A');
  const k = row('k', '2021-05-02', 'common usual', 'K');
  it('one word shared with the day named is not the two a reference needs, whatever the next record stored holds', () => {
    expect(refersTo(links([...fillers, t, k, row('r', '2021-05-03', 'on 01/05 alpha common xray', 'B')]))).toEqual([]);
    expect(refersTo(links([...fillers, t, k, row('r', '2021-05-03', 'on 01/05 alpha bravo xray', 'B')]))).toEqual([{ from: 'r', to: ['t'] }]);
  });
});

describe('a chronology of more than 4096 distinct words', () => {
  it('words first seen before the word table grows are the same words after it (minOverlap 1: one word lost would show)', () => {
    // 4250 words: p's 50 get the first ids, f1's 1950 the next, a's own 50 the ids around 2048,
    // where the table grows (and is rehashed); b looks all 100 up after that; f2 takes the count
    // past 4096, where it grows again.
    const words = madeUpWords(4250);
    const early = words.slice(0, 50);
    const late = words.slice(2000, 2050);
    const both = [...early, ...late].join(' ');
    const ls = links([
      row('p', '2021-01-01', early.join(' ')),
      row('f1', '2021-02-01', words.slice(50, 2000).join(' ')),
      row('a', '2021-05-01', both),
      row('b', '2021-05-01', both),
      row('f2', '2021-06-01', words.slice(2050).join(' ')),
    ], similarity({ minOverlap: 1 }));
    expect(sameEvent(ls)).toEqual(['a b']);
  });
  it('a word repeated in a record counts once when its id is 4096 or more', () => {
    // f's 4096 words take ids 0 to 4095, so "alpha" is id 4096 and "bravo" 4097. Counted once, a's
    // two words are both b's (score 1, two shared words of df 2 among N = 3: 2 ln 2 ≥ 1.5 ln 2).
    const filler = madeUpWords(4096, ['alpha', 'bravo', 'charlie']);
    const ls = links([
      row('f', '2021-02-01', filler.join(' ')),
      row('a', '2021-05-01', 'alpha bravo '.repeat(10)),
      row('b', '2021-05-01', 'alpha bravo charlie'),
    ]);
    expect(sameEvent(ls)).toEqual(['a b']);
  });
});
