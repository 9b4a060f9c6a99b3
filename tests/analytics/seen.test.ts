/**
 * Was the child seen? The decisions a not-seen finding rests on, each written by hand: a child
 * asleep and not woken has not been seen (even "seen but asleep": no one saw how the child was);
 * "not seen" is never read as "seen"; a "Child seen?" column says so itself; present, spoken with.
 * The child is "L" (given), the records are a social worker's.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { caseTimeline } from './cases.js';

const decide = (summary: string): string | undefined => {
  const t = caseTimeline([{ file: 'csc.csv', agency: "Children's Social Care", header: 'Date,Summary', rows: [`01/03/2021,"${summary}"`] }]);
  const s = analyse(t, { child: ['L', 'Lacey'] }).sightings;
  return s.length === 0 ? undefined : `${s[0]!.decision} (${s[0]!.rule})`;
};

describe('seen and not seen', () => {
  it.each([
    ['L seen but asleep (not woken)', 'not-seen (child-not-seen)'],
    ['Child (2) asleep in mother\'s bed - seen.', 'not-seen (child-not-seen)'],
    ['L asleep, not woken', 'not-seen (child-not-seen)'],
    ['L asleep upstairs - not seen', 'not-seen (child-not-seen)'],
    ['L asleep upstairs', 'not-seen (child-not-seen)'],
    ['Lacey not in school since the summer and not seen by school since 20/07', 'not-seen (child-not-seen)'],
    ['Lacey has not been seen by school since July', 'not-seen (child-not-seen)'],
    ['Lacey not in school since the summer, never seen by the new teacher', 'not-seen (child-not-seen)'],
    ['Lacey present throughout the visit', 'seen (child-seen)'],
    ['Spoke with Lacey about the summer holidays', 'seen (child-seen)'],
    ['Met with Lacey at school', 'seen (child-seen)'],
    ['Mother spoke to the social worker', undefined],
  ])('"%s": %s', (summary, decision) => expect(decide(summary)).toBe(decision));
});

describe('a "Child seen?" column says itself', () => {
  const decideColumn = (value: string): string | undefined => {
    const t = caseTimeline([{ file: 'csc.csv', agency: "Children's Social Care", header: 'Date,Summary,Child Seen?', rows: [`01/03/2021,Case closed to CSC – step down to Early Help,${value}`] }]);
    const s = analyse(t, { child: ['L'] }).sightings;
    return s.length === 0 ? undefined : `${s[0]!.decision} (${s[0]!.rule})`;
  };
  it.each([
    ['N', 'not-seen (seen-column-no)'], ['No', 'not-seen (seen-column-no)'], ['Y', 'seen (seen-column-yes)'], ['yes', 'seen (seen-column-yes)'], ['', undefined],
  ])('%s → %s', (value, decision) => expect(decideColumn(value)).toBe(decision));
});
