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

describe('a consultation face to face: the child seen by the GP (child-consulted)', () => {
  /** One record of `agency`, with a Consultation Type column and, when given, a Patient column. */
  const consult = (agency: string, type: string, text: string, patient?: string): string | undefined => {
    const header = patient === undefined ? 'Date,Consultation Type,Free Text' : 'Date,Consultation Type,Patient,Free Text';
    const row = patient === undefined ? `01/03/2021,${type},"${text}"` : `01/03/2021,${type},${patient},"${text}"`;
    const s = analyse(caseTimeline([{ file: 'gp.csv', agency, header, rows: [row] }]), { child: ['L'] }).sightings;
    return s.length === 0 ? undefined : `${s[0]!.decision} (${s[0]!.rule})`;
  };
  it.each([
    // No word says "seen": the consultation's type does.
    ['GP Practice', 'Face to face', 'Brought by mum\'s partner - diarrhoea 2/7. Well hydrated, abdo soft.', 'seen (child-consulted)'],
    ['GP', 'F2F', 'Cough 3/7, chest clear.', 'seen (child-consulted)'],
    ['Oakfield Surgery', 'Face-to-face', 'Eczema flare; emollients.', 'seen (child-consulted)'],
    // Reporting yesterday's fall, the consultation is still today's: not passed over as second-hand.
    ['GP', 'Face to face', 'Seen with mother following ambulance service advice yesterday - rolled off bed.', 'seen (child-consulted)'],
    // A missed one is decided by the rule before it; a call or a letter is no sighting.
    ['GP', 'Face to face - WNB', 'Not brought to the appointment booked this morning.', 'not-seen (was-not-brought)'],
    ['GP', 'Telephone', 'Mum phoned re cough; advice given.', undefined],
    ['GP', 'Correspondence', 'Face to face review letter sent to mum.', undefined],
    // Not a GP's or a health centre's: a school's face to face meeting with a parent is no sighting of the child.
    ['School', 'Face to face', 'Meeting with mum about attendance.', undefined],
  ])('%s, %s: "%s" → %s', (agency, type, text, decision) => expect(consult(agency, type, text)).toBe(decision));
  it('the patient another person: no sighting of the child', () => {
    expect(consult('GP', 'Face to face', 'Pos pregnancy test; on methadone.', 'Kayleigh MORTON')).toBeUndefined();
    expect(consult('GP', 'Face to face', 'Cough 3/7, chest clear.', 'L')).toBe('seen (child-consulted)');
  });
});
