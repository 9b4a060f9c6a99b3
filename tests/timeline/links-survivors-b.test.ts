/**
 * The linking rules that StrykerJS found no test holding, from `grown` on in src/timeline/links.ts
 * (the same-event groups and their reasons, the refers-to links and the records they list, the
 * time and word thresholds at their edges, and chronologies too large for linking's first
 * arrays). Every expectation is a literal worked out by hand from the rules in the README
 * ("Cross-agency links"), as in edges.test.ts: a word weighs ln((N + 1) / df) over the N records
 * with words and the df of them that use it; the shared words must weigh at least
 * minSharedRarity (1.5) × ln((N + 1) / 2); the score is their weight over the lighter record's.
 *
 * Mutants of that part left without a test, and why:
 *
 * Speed only (the prefix filter and the arrays behind it):
 * - grown: `values.length / 2` for `* 2` (every caller asks for at least the length it writes
 *   to, so a copy of just that length holds the same; it only grows more often); `fill !== 0` →
 *   `true` (a new typed array is zeros already).
 * - similarPairs' prefix: every mutant of the loop that finds where it ends (`from + size ± …`,
 *   `k > from`, `k++`, `k < from`, `rest -=`, the condition `true`/`false`/`<`, an empty body or
 *   branch, `Math.max(prefixEnd, k + 1)`, `k <= prefixEnd`, `from + size + minWords`) only makes
 *   the prefix longer (or leaves it whole), so more candidates reach similarEdge, which decides
 *   each one exactly. Which records enter a day's list (`true`, `||`, either half `true`) adds only
 *   records that similarEdge or mayBeOneEvent then refuses: too few words, or told of.
 * - `testedBy[o] === m` → `false`: a pair sharing several prefix words is compared again and its
 *   edge pushed twice; duplicate edges make the same group, members, reasons and confidence.
 * - posting one word too many (`k <= from + size`): one more candidate, which similarEdge decides.
 * - the heaviest-first sort's tie-break (`x + y`): records of equal weight may probe each other
 *   in either order; the pair found is the same.
 * - groupsFromEdges' union-find: `parent.get(r) !== r` → `true` (no record is ever its own
 *   parent), no path compression (`c !== r` → `false`), `ra !== rb` → `true` (a record made its
 *   own parent stops find just the same).
 *
 * A guard made redundant by a later check:
 * - similarEdge `apart !== null` → `true` (`null > maxMinutesApart` is false for any rule).
 * - acrossMidnight: which records are compared (the late ones' test `true` or `||`, or its word
 *   count `true`; the early ones' `minutes > maxMinutesApart` → `false` or `>=`, or their word
 *   count `false`): a record outside the window is more than maxMinutesApart from every record
 *   across midnight (one at exactly maxMinutesApart after midnight is at least maxMinutesApart + 1
 *   after any record of the day before), and one with too few words shares too few; similarEdge
 *   refuses both.
 * - referenceTargets: `wordCount < minSharedWords` → `false` for the reporting record or the
 *   target (fewer words than minSharedWords share fewer; `shared < minSharedWords` refuses them).
 * - referenceTargets' duplicate check (`false`, `true`, `() => undefined`): a record names each
 *   day once (namedDays returns distinct days; the day and the day before only when it names
 *   none) and a target is on one day, so no target is found twice.
 * - referenceLinks `k === i` → `false`: the reporting record is in targets, so `targets.has(k)`
 *   skips it; `f.role[k] === TOLD_OF` → `false`: a group's record in words of being told is a
 *   meeting record found to report (role set for targets' records only), so `targets.has(k)`
 *   skips it too (a record in words of being told that is no meeting is in no group).
 * - groupsFromEdges: `onDays.length > 0` → `true` or `>= 0` (every edge has a record on a known
 *   day: a week's record is only ever linked to a day's); `kinds.length === 1` → `false` (one
 *   reason joined is itself); `every` → `some` for the "similar wording" form of the reason (a
 *   group is all meeting edges or all similar-wording edges: a meeting's record is never compared
 *   by wording).
 *
 * Not seen outside linking: an edge's confidence is read only as "high or not", so 'medium' → ""
 * (similarEdge, periodMeetingEdges) changes nothing.
 *
 * A sort whose order cannot be seen:
 * - groupsFromEdges: the groups' roots (`a + b`): roots are created in order of each group's
 *   first edge, and edges are sorted by their first record, the group's least, so already in
 *   order; a group's days (no sort): its records are in merged order, which is by date.
 *
 * Equal only at the edge of the 1e-9 rounding tolerance: `<=` for `<` in similarEdge's
 * minSharedRarity and score checks and referenceTargets' score check, `>` for `>=` in the
 * prefix's rest check and in the high-confidence check of a refers-to link. They differ only
 * when a value lies exactly 1e-9 below its threshold in floating point; the tolerance is there to
 * absorb rounding, and no record or sensible rule value meets its own edge.
 *
 * Observable, not tested here:
 * - grown `Math.min(size, values.length * 2)` for `Math.max`: the word-id store (65,536 to
 *   start) would come up short only for one record of more than 131,072 distinct words; the
 *   record that shows it takes about two seconds to link, which every mutant the test reaches
 *   would pay in each mutation run.
 * - `grown(nextPosting, postings - size)`: on a day of more than 1024 word postings a probe
 *   follows a posting link that was never written and loops for ever. The test "a busy day…"
 *   below reaches it that way, which the mutation run counts as a kill (a timeout); the mutant
 *   never gives a wrong answer that a test could check.
 */
import { describe, expect, it } from 'vitest';
import { links, refersTo, sameEvent, similarity, type Row } from './link-cases.js';
import { hashWord, timedThreshold } from '../../src/timeline/links.js';
import type { CrossAgencyLink } from '../../src/model/types.js';

const row = (id: string, agency: string, start: string, summary: string): Row => ({ id, agency, start, summary });

/**
 * `n` distinct words no other record uses: letters only (a digit would make no word), no plural
 * "s" to drop, none a stopword, and no two with the same hash (words are compared by hash).
 */
function fillerWords(n: number, from = 0): string[] {
  const letters = 'abcdefghijklmnopqrtu';
  const out: string[] = [];
  const hashes = new Set<number>();
  for (let i = from; out.length < n; i++) {
    let word = 'zq';
    for (let x = i, d = 0; d < 4; d++, x = Math.floor(x / letters.length)) word += letters[x % letters.length];
    if (hashes.has(hashWord(word))) continue;
    hashes.add(hashWord(word));
    out.push(word);
  }
  return out;
}

describe('the reason a similar-wording link gives', () => {
  // Both records use the same six words (toddler, plastic, bead, lodged, right, nostril), so they
  // are one event at any time apart within the window (score 1, six words of weight ln 1.5 each).
  const police = (start: string): Row => row('police', 'Police', start, 'Toddler with plastic bead lodged in right nostril');
  const ed = (start: string): Row => row('ed', 'ED', start, 'Plastic bead lodged in right nostril of toddler');
  const reason = (ls: CrossAgencyLink[]): string[] => ls.map((l) => l.reason);
  it('names the first five shared words in alphabetical order, and how many minutes apart: "minute" for 1, "minutes" for 0 and 2', () => {
    const words = 'similar wording (bead, lodged, nostril, plastic, right)';
    expect(reason(links([police('2022-03-04T18:50'), ed('2022-03-04T18:50')]))).toEqual([`Recorded by Police and ED on 04/03/2022: ${words}, 0 minutes apart`]);
    expect(reason(links([police('2022-03-04T18:50'), ed('2022-03-04T18:51')]))).toEqual([`Recorded by Police and ED on 04/03/2022: ${words}, 1 minute apart`]);
    expect(reason(links([police('2022-03-04T18:50'), ed('2022-03-04T18:52')]))).toEqual([`Recorded by Police and ED on 04/03/2022: ${words}, 2 minutes apart`]);
  });
  it('says no time when either record is untimed', () => {
    expect(reason(links([police('2022-03-04'), ed('2022-03-04')]))).toEqual(['Recorded by Police and ED on 04/03/2022: similar wording (bead, lodged, nostril, plastic, right)']);
    expect(reason(links([police('2022-03-04'), ed('2022-03-04T18:51')]))).toEqual(['Recorded by Police and ED on 04/03/2022: similar wording (bead, lodged, nostril, plastic, right)']);
  });
});

describe('a group whose records were linked pair by pair for different reasons', () => {
  // N = 3: every word is in two records (ln 2) but "removed" (ED's alone). The ambulance's four
  // words are all in the ED record (score 1, 30 minutes apart), so are the school's (20 minutes);
  // the ambulance and the school share none. Edges in record order: ambulance–ED, then school–ED.
  const ls = links([
    row('amb', 'Ambulance', '2022-03-04T10:00', 'Bead lodged in right nostril'),
    row('school', 'School', '2022-03-04T10:10', 'Bruise to left upper arm'),
    row('ed', 'ED', '2022-03-04T10:30', 'Bead lodged in right nostril removed; bruise to left upper arm noted'),
  ]);
  it('lists its records and agencies in chronology order, not in the order the pairs were found', () => {
    expect(ls.map((l) => [l.kind, l.events, l.agencies])).toEqual([['same-event', ['amb', 'school', 'ed'], ['Ambulance', 'School', 'ED']]]);
  });
  it('gives every reason, in alphabetical order, separated by semicolons', () => {
    expect(ls.map((l) => l.reason)).toEqual([
      'Recorded by Ambulance, School and ED on 04/03/2022: similar wording (arm, bruise, left, upper), 20 minutes apart; '
        + 'similar wording (bead, lodged, nostril, right), 30 minutes apart',
    ]);
  });
});

describe('a record timed at midnight (00:00) is timed', () => {
  // N = 3 (the GP's record, on another day, holds the ED record's other three words): the ED
  // record's five words weigh ln 2 each; it shares bead and nostril with the police record, whose
  // own four words weigh ln 4. Score 2 ln 2 / 5 ln 2 = 0.4: below minOverlap (0.6) when either
  // is untimed; 30 minutes apart the timed threshold is 0.4 × (1/2 + 1/2 × 30/120) = 0.25.
  const ed = (start: string): Row => row('ed', 'ED', start, 'Bead, nostril: removed with forceps, discharged');
  const police = (start: string): Row => row('police', 'Police', start, 'Call: bead in nostril, officers checked address');
  const gp = row('gp', 'GP', '2022-03-20', 'Forceps removed, discharged');
  it('the lighter record at 00:00 and the heavier at 00:30 are one event (30 minutes apart)', () => {
    expect(sameEvent(links([ed('2022-03-05T00:00'), police('2022-03-05T00:30'), gp]))).toEqual(['ed police']);
  });
  it('the heavier record at 00:00 and the lighter at 00:30 are one event', () => {
    expect(sameEvent(links([police('2022-03-05T00:00'), ed('2022-03-05T00:30'), gp]))).toEqual(['ed police']);
  });
  it('an untimed record and one at 00:30 are not (0.4 is below minOverlap), nor one at 00:00 and one untimed', () => {
    expect(links([ed('2022-03-05'), police('2022-03-05T00:30'), gp])).toEqual([]);
    expect(links([police('2022-03-05T00:00'), ed('2022-03-05'), gp])).toEqual([]);
    // The same records, both timed: linked (so the two above are refused by the rule, not by their words).
    expect(sameEvent(links([police('2022-03-05T00:00'), ed('2022-03-05T00:00'), gp]))).toEqual(['ed police']);
  });
});

describe('timedThreshold: half of minOverlapTimed at the same minute, all of it at maxMinutesApart', () => {
  it('0, 60 and 120 minutes apart of 120: 0.2, 0.3 and 0.4 of minOverlapTimed 0.4', () => {
    expect(timedThreshold(0.4, 0, 120)).toBeCloseTo(0.2, 12);
    expect(timedThreshold(0.4, 60, 120)).toBeCloseTo(0.3, 12);
    expect(timedThreshold(0.4, 120, 120)).toBeCloseTo(0.4, 12);
  });
  it('maxMinutesApart 0: only records at the same minute are compared, and they need half of minOverlapTimed', () => {
    expect(timedThreshold(0.4, 0, 0)).toBeCloseTo(0.2, 12);
    expect(timedThreshold(0.9, 0, 0)).toBeCloseTo(0.45, 12);
  });
  it('maxMinutesApart 0 by the records: score 0.4 at the same minute links (0.2 needed), a minute apart does not', () => {
    // The records of "a record timed at midnight" above: score 0.4.
    const rules = similarity({ maxMinutesApart: 0 });
    const ed = (start: string): Row => row('ed', 'ED', start, 'Bead, nostril: removed with forceps, discharged');
    const police = (start: string): Row => row('police', 'Police', start, 'Call: bead in nostril, officers checked address');
    const gp = row('gp', 'GP', '2022-03-20', 'Forceps removed, discharged');
    expect(sameEvent(links([ed('2022-03-05T10:00'), police('2022-03-05T10:00'), gp], rules))).toEqual(['ed police']);
    expect(sameEvent(links([ed('2022-03-05T10:00'), police('2022-03-05T10:01'), gp], rules))).toEqual([]);
  });
});

describe('a record in words of being told is never the same event as another, either side of midnight', () => {
  const incident = 'Domestic incident: partner arrested, kitchen knife seized';
  const notification = 'Police notification: domestic incident, partner arrested, kitchen knife seized';
  it('told after midnight of an incident before it: it refers to the incident and is not the same event', () => {
    // Alone, the two would be one event (all seven words of the incident shared, 15 minutes apart).
    const ls = links([row('police', 'Police', '2024-01-04T23:55', incident), row('csc', 'CSC', '2024-01-05T00:10', notification)]);
    expect(ls.map((l) => [l.kind, l.events])).toEqual([['refers-to', ['police', 'csc']]]);
  });
  it('told before midnight: not the same event as a record after midnight with the words it shares', () => {
    // N = 3. Partner, arrested, kitchen and knife are in all three records (ln 4/3 each, 1.151 in
    // all, above 1.5 × ln 2 = 1.040); the ambulance record weighs 1.151 + ln 4 (wound) = 2.537,
    // so with the police record (40 minutes apart, 0.267 needed) it scores 0.454: one event.
    // The notification scores the same with the ambulance record (15 minutes apart) but is told of.
    const ls = links([
      row('police', 'Police', '2024-01-04T23:30', incident),
      row('csc', 'CSC', '2024-01-04T23:55', notification),
      row('amb', 'Ambulance', '2024-01-05T00:10', 'Kitchen knife wound, partner arrested'),
    ]);
    expect(sameEvent(ls)).toEqual(['amb police']);
    // The ambulance's record is of the next day, after the day the notification names.
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['police'] }]);
  });
});

describe('a meeting is its own event, even when its record is the lighter of the pair', () => {
  it('a strategy discussion of the incident is not the incident; the ED record of it is', () => {
    // N = 3. ED and police share bead and nostril (in three records, ln 4/3) and year and old
    // (in two, ln 2): 1.962, over the ED record's 1.962 + 2 ln 4 = 4.735 is 0.414, above the 0.225
    // needed 15 minutes apart. The strategy discussion shares plastic, lodged, right, bead and
    // nostril with the police record (0.489 of its weight, 10 minutes apart) but is a meeting.
    const ls = links([
      row('police', 'Police', '2022-03-04T19:05', 'Officers at Northmoor ED: 2 year old brought in by father with a plastic bead lodged in her right nostril. Father says she pushed it in while playing. Officers to attend the address; PPN to follow.'),
      row('ed', 'ED', '2022-03-04T18:50', 'FOREIGN BODY R NOSTRIL, BEAD, 2 YEAR OLD'),
      row('csc', 'CSC', '2022-03-04T19:15', 'Strategy discussion: plastic bead lodged in right nostril'),
    ]);
    expect(sameEvent(ls)).toEqual(['ed police']);
  });
});

describe('refers-to: every record of the day named that shares the words', () => {
  // N = 3: dog, bite and hand are in the bite's record and the notification, tetanus, booster and
  // given in the booster's record and the notification (ln 2 each); the rest in one (ln 4).
  const ls = links([
    row('bite', 'ED', '2022-02-03T16:40', 'DOG BITE L HAND, WOUND CLEANED'),
    row('booster', 'ED', '2022-02-03T18:00', 'Tetanus booster given'),
    row('csc', 'CSC', '2022-02-05', 'Notification: A&E on 03/02, dog bite to hand, tetanus booster given'),
  ]);
  it('refers to both records of that day, in chronology order', () => {
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['bite', 'booster'] }]);
    expect(ls[0]!.reason).toBe('CSC record of 05/02/2022 reports the event of 03/02/2022 recorded by ED');
  });
  it('is of medium confidence when one target shares less than 0.6 of the lighter record\'s weight', () => {
    // Booster: 3 ln 2 of its 3 ln 2, 1 (high). Bite: 3 ln 2 of its 7 ln 2, 0.43 (below 0.6).
    expect(ls.map((l) => l.confidence)).toEqual(['medium']);
  });
});

describe('refers-to: a record that reports an earlier event is still what a report of its own day refers to', () => {
  const bite = row('ed', 'ED', '2022-02-03T16:40', 'DOG BITE L HAND, WOUND CLEANED');
  it('a record naming only its own day is still a target: the notification refers to it and to the bite', () => {
    // N = 3: dog, bite, hand in all three (ln 4/3), wound in two (ln 2). The review shares 1.556
    // of the bite record's 2.942 (0.53); the notification 0.863 of its own 2.249 (0.38) with each.
    const ls = links([
      { ...bite, start: '2022-02-03T10:00' },
      row('review', 'ED', '2022-02-03T15:00', 'Review of 03/02 attendance: dog bite to hand, wound healing'),
      row('csc', 'CSC', '2022-02-05', 'Notification: A&E on 03/02 with a dog bite to the hand'),
    ]);
    expect(refersTo(ls)).toEqual([{ from: 'review', to: ['ed'] }, { from: 'csc', to: ['ed', 'review'] }]);
  });
  it('a record naming an earlier day reports it, and a notification naming the record\'s own day refers to the record', () => {
    // N = 3: dog, bite, hand in all three (ln 4/3), two words of its own each (ln 4): 0.863 of
    // 3.636 (0.237) for the GP with the bite, and for the notification with the GP.
    const ls = links([
      bite,
      row('gp', 'GP', '2022-02-04', 'Seen following dog bite to hand in ED yesterday'),
      row('csc', 'CSC', '2022-02-06', 'Notification: GP appointment on 04/02 after dog bite to hand'),
    ]);
    // "GP appointment on 04/02" is the GP's record of 04/02, whatever earlier day it names.
    expect(refersTo(ls)).toEqual([{ from: 'gp', to: ['ed'] }, { from: 'csc', to: ['gp'] }]);
  });
  it('a record naming its own day and an earlier one reports: the notification refers to both records of that day', () => {
    // N = 4: dog, bite, hand in all four (ln 5/4), dressing in three (ln 5/3), wound in two (ln 5/2),
    // the rest in one (ln 5). GP with the bite: 1.586 of 3.195 (0.50); the GP and the notification
    // each with the nurse: 1.180 of 2.790 (0.42); the notification with the GP the same.
    const ls = links([
      bite,
      row('nurse', 'GP', '2022-02-04T09:00', 'Dog bite to hand: dressing applied'),
      row('gp', 'GP', '2022-02-04T10:00', 'Dressing changed 04/02, wound from dog bite to hand in ED yesterday'),
      row('csc', 'CSC', '2022-02-06', 'Notification: GP dressing on 04/02 after dog bite to hand'),
    ]);
    expect(refersTo(ls)).toEqual([{ from: 'gp', to: ['ed', 'nurse'] }, { from: 'csc', to: ['nurse', 'gp'] }]);
  });
});

describe('refers-to: the reported record\'s same-event group, no record later than the report', () => {
  // N = 3. The notification shares domestic and incident with the police record (2 ln 2 of its
  // 5 ln 2: 0.4), nothing with the ambulance's. The police and ambulance records share assaulted,
  // partner and arrested (3 ln 2 of 5 ln 2: 0.6, above any timed threshold): one event, so the
  // notification refers to the ambulance's record too, unless it is later than the notification.
  const police = (start: string): Row => row('police', 'Police', start, 'Domestic incident: mother assaulted by partner, partner arrested');
  const amb = (start: string): Row => row('amb', 'Ambulance', start, 'Partner arrested; mother assaulted, facial injury treated');
  const told = (start: string): Row => row('csc', 'CSC', start, 'Police notification: domestic incident');
  it('a group record timed before the report, on its day, is referred to', () => {
    const ls = links([police('2024-01-05T10:00'), amb('2024-01-05T10:15'), told('2024-01-05T10:30')]);
    expect(sameEvent(ls)).toEqual(['amb police']);
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['police', 'amb'] }]);
  });
  it('at the same minute as the report: referred to', () => {
    expect(refersTo(links([police('2024-01-05T10:00'), amb('2024-01-05T10:30'), told('2024-01-05T10:30')]))).toEqual([{ from: 'csc', to: ['police', 'amb'] }]);
  });
  it('a minute or more after the report: not referred to', () => {
    expect(refersTo(links([police('2024-01-05T10:00'), amb('2024-01-05T10:31'), told('2024-01-05T10:30')]))).toEqual([{ from: 'csc', to: ['police'] }]);
    expect(refersTo(links([police('2024-01-05T10:00'), amb('2024-01-05T11:00'), told('2024-01-05T10:30')]))).toEqual([{ from: 'csc', to: ['police'] }]);
  });
  it('a report at 00:00 is timed: a group record at 00:30 is after it', () => {
    expect(refersTo(links([police('2024-01-05T00:00'), told('2024-01-05T00:00'), amb('2024-01-05T00:30')]))).toEqual([{ from: 'csc', to: ['police'] }]);
  });
  it('an untimed report has no time to compare: every group record of its day is referred to', () => {
    expect(refersTo(links([told('2024-01-05'), police('2024-01-05T10:00'), amb('2024-01-05T11:00')]))).toEqual([{ from: 'csc', to: ['police', 'amb'] }]);
  });
  it('the report\'s time of day does not matter on an earlier day: a group record of the day before at 11:00 is referred to by a report at 10:00', () => {
    const ls = links([police('2024-01-04T09:00'), amb('2024-01-04T11:00'), told('2024-01-05T10:00')]);
    expect(sameEvent(ls)).toEqual(['amb police']);
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['police', 'amb'] }]);
  });
});

describe('refers-to: the records referred to, and the days named, in chronology order', () => {
  // The housing record, dated to the week of 07/02, is of the MARAC the police recorded on 09/02
  // (the only day of that week with one). The letter names 09/02 first and 08/02 second; it shares
  // case, heard, actions and agreed with the police record and bruise, left and arm with the GP's
  // (N = 4, ln 5/2 each: 0.8 and 0.63 of the lighter, both high), and refers to the MARAC's
  // housing record through its group.
  const ls = links([
    { id: 'housing', agency: 'Housing', start: '2022-02-07', end: '2022-02-13', precision: 'week', summary: 'Housing rep attended MARAC' },
    row('gp', 'GP', '2022-02-08', 'Bruise to left arm, photographed'),
    row('police', 'Police', '2022-02-09', 'Case heard at MARAC, actions agreed'),
    row('csc', 'CSC', '2022-02-10', 'Letter received: case heard 09/02, actions agreed; bruise to left arm 08/02'),
  ]);
  it('lists the records referred to by their place in the chronology, whatever the order they were found in', () => {
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['housing', 'gp', 'police'] }]);
    expect(ls.find((l) => l.kind === 'refers-to')).toMatchObject({ events: ['housing', 'gp', 'police', 'csc'], agencies: ['Housing', 'GP', 'Police', 'CSC'], confidence: 'high' });
  });
  it('names the days in date order, joined by "and", and the agencies in the order of their records', () => {
    expect(ls.find((l) => l.kind === 'refers-to')!.reason).toBe('CSC record of 10/02/2022 reports the event of 08/02/2022 and 09/02/2022 recorded by Housing, GP and Police');
  });
});

describe('refersTo.minSharedWords (2): records with exactly that many words take part', () => {
  const bite = row('ed', 'ED', '2022-02-03T16:40', 'DOG BITE L HAND, WOUND CLEANED');
  it('a report of 1 word (below) refers to nothing; of 2 (the edge) and 3 (above) to the record it shares them with', () => {
    // N = 2; the report's words are all in the bite's record: score 1.
    expect(refersTo(links([bite, row('csc', 'CSC', '2022-02-05', 'Bite 03/02')]))).toEqual([]);
    expect(refersTo(links([bite, row('csc', 'CSC', '2022-02-05', 'Dog bite 03/02')]))).toEqual([{ from: 'csc', to: ['ed'] }]);
    expect(refersTo(links([bite, row('csc', 'CSC', '2022-02-05', 'Dog bite, hand 03/02')]))).toEqual([{ from: 'csc', to: ['ed'] }]);
  });
  it('a record of 1 word (below) is not referred to; one of 2 (the edge) or 3 (above) is', () => {
    const told = row('csc', 'CSC', '2022-02-05', 'Notification: A&E on 03/02 with a dog bite to the hand');
    expect(refersTo(links([row('ed', 'ED', '2022-02-03', 'BITE'), told]))).toEqual([]);
    expect(refersTo(links([row('ed', 'ED', '2022-02-03', 'DOG BITE'), told]))).toEqual([{ from: 'csc', to: ['ed'] }]);
    expect(refersTo(links([row('ed', 'ED', '2022-02-03', 'DOG BITE, HAND'), told]))).toEqual([{ from: 'csc', to: ['ed'] }]);
  });
});

describe('refers-to on the report\'s own day: a timed record no later than a timed report', () => {
  // A notification naming no day reports an event of its day or the day before; N = 2, its four
  // words are all in the incident's record (score 1).
  const incident = (start: string): Row => row('police', 'Police', start, 'Domestic incident: partner arrested, kitchen knife seized');
  const told = (start: string): Row => row('csc', 'CSC', start, 'Police notification: domestic incident, partner arrested');
  it('an untimed report refers to a timed record of its day', () => {
    expect(refersTo(links([told('2024-01-05'), incident('2024-01-05T15:13')]))).toEqual([{ from: 'csc', to: ['police'] }]);
  });
  it('a report at 00:00 is timed: it refers to a record at 00:00, not to one at 00:30; one at 00:30 refers to a record at 00:00', () => {
    expect(refersTo(links([incident('2024-01-05T00:00'), told('2024-01-05T00:00')]))).toEqual([{ from: 'csc', to: ['police'] }]);
    expect(refersTo(links([told('2024-01-05T00:00'), incident('2024-01-05T00:30')]))).toEqual([]);
    expect(refersTo(links([incident('2024-01-05T00:00'), told('2024-01-05T00:30')]))).toEqual([{ from: 'csc', to: ['police'] }]);
  });
});

describe('similarity rules at their lowest', () => {
  it('minSharedWords 0: a record with no content word is no similar wording of another', () => {
    const rules = similarity({ minSharedWords: 0, minSharedRarity: 0 });
    // "Seen at home": stopwords and a two-letter word. The other two share bruise, left and arm.
    expect(sameEvent(links([
      row('gp', 'GP', '2022-03-04', 'Bruise to left arm'),
      row('school', 'School', '2022-03-04', 'Bruise on left arm'),
      row('hv', 'HV', '2022-03-04', 'Seen at home.'),
    ], rules))).toEqual(['gp school']);
  });
  it('minSharedWords 1, minSharedRarity 0: records at the same minute sharing only the lighter one\'s commonest word are one event', () => {
    // N = 4: police is in all four records (ln 5/4 = 0.223), bruise in three (ln 5/3 = 0.511). The
    // ED record weighs 0.734 and shares only "police" with the police record: 0.223 / 0.734 = 0.304,
    // above the 0.2 needed at the same minute.
    const rules = similarity({ minSharedWords: 1, minSharedRarity: 0 });
    expect(sameEvent(links([
      row('ed', 'ED', '2022-03-04T10:00', 'Bruise reported to police'),
      row('police', 'Police', '2022-03-04T10:00', 'Police attended, neighbour called'),
      row('gp', 'GP', '2022-03-10', 'Bruise on arm, police aware'),
      row('school', 'School', '2022-03-20', 'Bruise noticed, police informed'),
    ], rules))).toEqual(['ed police']);
  });
});

describe('chronologies larger than linking\'s first arrays', () => {
  it('every word of the first record counts, however many it has (4200 here, more than the 4096 first made room for)', () => {
    // N = 2: dog, bite and hand (after the 4200 words) are in both records, ln 1.5 each: 1.216 of
    // the notification's 1.216 + ln 3 = 2.315, 0.53.
    const ls = links([
      row('police', 'Police', '2022-02-03', `${fillerWords(4200).join(' ')} Dog bite to hand, wound cleaned`),
      row('csc', 'CSC', '2022-02-05', 'Notification: A&E on 03/02 with a dog bite to the hand'),
    ]);
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['police'] }]);
  });
  it('a word repeated in a record counts once, in a chronology of more than 4096 words', () => {
    // N = 3 (the housing record, on another day, holds 4200 words of its own). Bead and nostril
    // are in two records (ln 2 each, 1.386, above 1.5 × ln 2), whatever the ED record repeats, and
    // they are all the school's words: score 1.
    expect(sameEvent(links([
      row('housing', 'Housing', '2022-01-10', fillerWords(4200).join(' ')),
      row('ed', 'ED', '2022-03-04', 'Bead in nostril; bead removed from nostril'),
      row('school', 'School', '2022-03-04', 'Bead up nostril'),
    ]))).toEqual(['ed school']);
  });
  it('a busy day: records whose words come after the first 1024 of the day are still compared', () => {
    // The police record's 1000 words and the ED record's 95 are their own (ln 4); bead, lodged,
    // right, nostril and removed are in the ED record and the school's (ln 2), all the school's
    // words: score 1. The heaviest record is compared first, so the ED record's shared words are
    // the 1096th to 1100th of the day.
    const words = fillerWords(1095);
    expect(sameEvent(links([
      row('police', 'Police', '2022-03-04T10:00', words.slice(0, 1000).join(' ')),
      row('ed', 'ED', '2022-03-04T10:30', `${words.slice(1000).join(' ')} bead lodged right nostril removed`),
      row('school', 'School', '2022-03-04T11:00', 'Bead lodged in right nostril, removed'),
    ]))).toEqual(['ed school']);
  });
});
