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
    // Spoken to by phone is not seen; a record that says seen was.
    ['FSW rang - spoke to Lacey briefly on mum\'s phone', 'not-seen (child-spoken-to-by-phone)'],
    ['Spoke to Lacey on the telephone about school', 'not-seen (child-spoken-to-by-phone)'],
    ['Phoned mum, then spoke to Lacey, who said she was bored', 'not-seen (child-spoken-to-by-phone)'],
    ['Home visit, Lacey seen in her room. Later spoke to Lacey on the phone', 'seen (child-seen)'],
    // The child's own words quoted: seen, unless by call, text, email, letter or video.
    ['End of year check-in. L: \'I\'ll be around in the holidays\'', 'seen (child-quoted)'],
    ['Lacey said \'he hit mum\' and cried', 'seen (child-quoted)'],
    ['Call from mum. Lacey said \'I am OK\'', undefined],
    ['Mum said \'Lacey is fine\'', undefined],
    // Found, located, conveyed: seen; not found is not.
    ['Lacey found at a friend\'s flat and conveyed home by police', 'seen (child-found)'],
    ['Police conveyed Lacey home at 02:00', 'seen (child-found)'],
    ['Lacey missing overnight, not found', undefined],
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

describe('the child seen without the word "seen" (each rule at its edges)', () => {
  /** One record of `agency` with this summary; the child is "L" or "Lacey". */
  const at = (agency: string, summary: string): string | undefined => {
    const t = caseTimeline([{ file: 'rec.csv', agency, header: 'Date,Summary', rows: [`01/03/2021,"${summary}"`] }]);
    const s = analyse(t, { child: ['L', 'Lacey'] }).sightings;
    return s.length === 0 ? undefined : `${s[0]!.decision} (${s[0]!.rule})`;
  };
  const CSC = "Children's Social Care";

  it.each([
    // Weighed: a weight in kilograms on a record about the child.
    [CSC, 'Wt 20.8kg, plotted on the 6th centile', 'seen (child-measured)'],
    [CSC, 'Weight: 12 kg', 'seen (child-measured)'],
    [CSC, 'Weight to be checked at the next clinic', undefined],
    [CSC, 'Mother - weight 80kg at her booking appointment', undefined],
    // Direct work, a session or a one-to-one with the child.
    [CSC, '4 x direct work sessions with Lacey in school', 'seen (child-seen)'],
    [CSC, 'Direct work with Lacey about her worries', 'seen (child-seen)'],
    [CSC, 'Session with mum about routines', undefined],
    ['School Nursing', '1:1 in school (sexual health offer)', 'seen (child-one-to-one)'],
    ['School Nursing', 'One-to-one in the medical room', 'seen (child-one-to-one)'],
    ['School Nursing', '1:1 with mum about her drinking', undefined],
    ['School Nursing', 'Clinic moved to 11:15 and 21:10 slots', undefined],
    // The child attended (within 12 characters of the name), not a notification of it.
    [CSC, 'Lacey (age 14yr) attended the walk-in with an older female', 'seen (child-attended-self)'],
    [CSC, 'Lacey (age 14yrs) attended the walk-in with an older female', undefined],
    [CSC, "Lacey's mum attended the meeting", undefined],
    [CSC, 'Lacey did not attend her appointment', 'not-seen (was-not-brought)'],
    [CSC, 'ED notification received: Lacey attended on 18/04 with a bruise', undefined],
  ])('%s: "%s" → %s', (agency, summary, decision) => expect(at(agency, summary)).toBe(decision));

  it.each([
    // At school, a child who speaks, arrives or is described was there to be seen.
    ['School', 'Lacey back today after 7 days absent', 'seen (child-at-school)'],
    ['St Aidan\'s CE Primary School', 'Lacey said she was hungry', 'seen (child-at-school)'],
    ['School', 'Lacey told the learning mentor she is sad all the time', 'seen (child-at-school)'],
    ['Education Welfare', 'Lacey brought in by Nan, hair unwashed', 'seen (child-at-school)'],
    ['School', 'Lacey told by her teacher to wait outside', undefined],
    ['School', 'Telephone call from mum: Lacey said to be unwell', undefined],
    ['School', 'Mum said Lacey was wearing her brother\'s shoes', undefined],
    // Described as the staff found them.
    ['Little Acorns Nursery', 'Mum collected late. Lacey quiet.', 'seen (child-at-school)'],
    ['Nursery', 'Lacey very clingy, cried for mum', 'seen (child-at-school)'],
    ['School', 'Lacey was tearful in maths', 'seen (child-at-school)'],
    ['School', 'Mum said Lacey is tearful at home', undefined],
    ['Childminder', 'Lacey started today, settling well', 'seen (child-at-school)'],
    // Described next to the name, not anywhere after it ("not in since term started").
    ['School', 'Lacey not in since term started on Monday', undefined],
    ['School', 'Lacey has not started yet', undefined],
    ['School', 'Lacey not in today, mum says tired', undefined],
    ['School', 'Lacey not in, nan said she arrived home late', undefined],
    ['School', 'Lacey came in late; mum said she overslept', 'seen (child-at-school)'],
    // A phone call, text or email says nothing of the child in front of staff; a phone named in what was done after does not make the record one.
    ['School', 'Lacey arrived with a bruise to her cheek. DSL consulted SW by phone', 'seen (child-at-school)'],
    ['School', 'Received a call from mum: Lacey said to be unwell', undefined],
    ['School', 'Mum rang - Lacey said she felt sick in the night', undefined],
    ['School', 'Dad explained on the phone that Lacey was tired', undefined],
    ['Nursery', 'Lacey collected by nan. Mum informed by phone', 'seen (child-collected)'],
    // Collected, picked up or dropped off at the setting: the child was there.
    ['Little Acorns Nursery', 'Mum collected 40 mins late, smelled strongly of alcohol, unsteady', 'seen (child-collected)'],
    ['Nursery', 'Collected by nan (Lorraine) at 12:00', 'seen (child-collected)'],
    ['School', 'Dropped off by dad at 08:50', 'seen (child-collected)'],
    ['Nursery', 'Cries at drop off, settles within 10 minutes', 'seen (child-collected)'],
    ['Nursery', 'Nan will collect on Thursdays from now on', undefined],
    ['Nursery', 'To be collected by nan today', undefined],
    ['Nursery', 'Mum phoned: nan collected her early for the dentist', undefined],
    ['Nursery', 'Text from mum - Lacey collected by dad', undefined],
    ['School', 'Mason collected by mum at 15:15', undefined],
    ['School', 'Mason collected Lacey at 15:15', 'seen (child-collected)'],
    ['School', 'Lacey collected by mum at 15:15', 'seen (child-collected)'],
    ['School', 'Children collected by MGM', 'seen (child-collected)'],
    ['School', 'Mason Whitlock was collected by dad', undefined],
    [CSC, 'Collected by nan from school', undefined],
    // The same words in another agency's record say nothing of where the child was.
    [CSC, 'Lacey said she was hungry', undefined],
    [CSC, 'Lacey quiet', undefined],
  ])('%s: "%s" → %s', (agency, summary, decision) => expect(at(agency, summary)).toBe(decision));

  it('a child who fell asleep was watched doing it: no not-seen decision; one found asleep was not seen', () => {
    expect(at(CSC, 'L fell asleep in the car on the way home')).toBeUndefined();
    expect(at('School', 'Lacey falls asleep in lessons most afternoons')).toBeUndefined();
    expect(at('School', 'Lacey looked pale and tired')).toBe('seen (child-at-school)');
    expect(at(CSC, 'L asleep upstairs')).toBe('not-seen (child-not-seen)');
    expect(at(CSC, 'L was asleep, not woken')).toBe('not-seen (child-not-seen)');
  });
});
