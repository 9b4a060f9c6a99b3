/**
 * The linking rules a reviewer relies on, each at its edge: a meeting mentioned is not a meeting
 * held; two agencies told of one earlier event are not one event, and each refers to it; a terse
 * system line and a long narrative of one incident are one event; a meeting is not the incident
 * it discussed; the time window, the overlap thresholds and the days named in a record's text.
 * Every expectation is worked out by hand from the rules in the README ("Cross-agency links").
 */
import { describe, expect, it } from 'vitest';
import { links, refersTo, sameEvent, type Row } from './link-cases.js';
import { DEFAULT_LINK_RULES, validateLinkRules, type LinkRules } from '../../src/timeline/links.js';
import { namedDays } from '../../src/timeline/mentions.js';
import { dayNumber } from '../../src/model/calendar.js';
import type { Precision } from '../../src/model/types.js';

describe('a meeting mentioned is not a meeting held', () => {
  const held = [
    { id: 'csc', agency: 'CSC', start: '2021-07-08', summary: 'Core group held at the family centre; plan reviewed' },
    { id: 'hv', agency: 'HV', start: '2021-07-08', summary: 'Attended core group, weight discussed' },
  ];
  it.each([
    ['the day before', '2021-07-07', 'Information sent ahead of the core group to the social worker'],
    ['the same day', '2021-07-08', 'Report sent for the core group; unable to attend'],
    ['the day after', '2021-07-09', 'Core group minutes received and filed'],
    ['the day before (invitation)', '2021-07-07', 'Invited to core group tomorrow'],
    ['the same day (its own absence)', '2021-07-08', 'GP did not attend the core group; no report requested'],
    ['the same day (not attended)', '2021-07-08', 'Core group today - not attended'],
    ['the day after (minutes, absence)', '2021-07-09', 'Core group minutes received. GP did not attend the core group'],
    ['the same day (a form for it)', '2021-07-08', 'Core group form completed and returned to the chair for core group on 08/07'],
    ['the same day (sent to its office)', '2021-07-08', 'Health report completed and sent to the Core Group Unit'],
    ['the day after (told it was held)', '2021-07-09', 'Core group was held yesterday (08/07). School did not attend - DSL on a course'],
    ['the day after (told it was held, a date)', '2021-07-09', 'Email from CSC: core group held on 08/07, outcome requested'],
  ])('%s: "%s"', (_, start, summary) => {
    const ls = links([...held, { id: 'school', agency: 'School', start, summary }]);
    expect(sameEvent(ls)).toEqual(['csc hv']);
  });
  it('a record of the meeting joins on the same day (high) and the next (medium)', () => {
    const ls = links([...held, { id: 'school', agency: 'School', start: '2021-07-09', summary: 'DSL attended core group yesterday evening' }]);
    expect(ls.filter((l) => l.kind === 'same-event').map((l) => [[...l.events].sort().join(' '), l.confidence])).toEqual([['csc hv school', 'medium']]);
  });
  it('a record saying the meeting was held on an earlier day is a record of it when it says its agency took part', () => {
    const ls = links([...held, { id: 'school', agency: 'School', start: '2021-07-09', summary: 'Core group held yesterday (08/07): DSL attended, plan agreed' }]);
    expect(sameEvent(ls)).toEqual(['csc hv school']);
  });
  it('a record whose type names the meeting is a record of it, whatever its text says', () => {
    const ls = links([...held, { id: 'gp', agency: 'GP', start: '2021-07-08', type: 'Core group', summary: 'Report for the group sent' }]);
    expect(sameEvent(ls)).toEqual(['csc gp hv']);
  });
  it('a text that says the meeting took place as well as a purpose is a record of it', () => {
    const ls = links([...held, { id: 'gp', agency: 'GP', start: '2021-07-08', summary: 'GP attended the core group and tabled the report for core group members' }]);
    expect(sameEvent(ls)).toEqual(['csc gp hv']);
  });
});

describe('meetings named by their abbreviations alone', () => {
  it.each([
    ['TAF at school with dad and DSL', 'Team Around the Family meeting held', 'team around the family meeting'],
    ['MAPPA L2 meeting, risk plan updated', 'MAPPA level 2: DI attended', 'MAPPA meeting'],
    ['RCPC: plans continue', 'Review child protection conference held', 'review child protection conference'],
    ['Attended Initial CP Conference and gave EH report', 'ICPC at Civic Centre attended', 'initial child protection conference'],
    ['Review CP conference: plans continue', 'RCPC held', 'review child protection conference'],
    // "conf", "grp", "CG mtg": practitioners' shorthand for the conference and the core group.
    ['Attended initial CP conf. Report: keywork 80%', 'ICPC (pre-birth) held', 'initial child protection conference'],
    ['Review CP conf: plans continue', 'RCPC held', 'review child protection conference'],
    ['core grp at the flat, baby seen', 'Core group held at family home', 'core group'],
    ['CG mtg at the family centre', 'Core group: plan reviewed', 'core group'],
    // The exploitation panel by its names (MACE, MASE, "exploitation panel"), and the youth
    // justice referral order panel.
    ['MACE - J heard as new referral; risk rated significant', 'Exploitation panel - DSL attended', 'exploitation panel'],
    ['MASE: actions agreed', 'Child sexual exploitation meeting held', 'exploitation panel'],
    ['CCE panel - YJS attended', 'Contextual safeguarding panel: J discussed', 'exploitation panel'],
    ['Referral order panel - key worker attended with J and mum', 'Youth offender panel held: contract agreed', 'referral order panel'],
    // The pre-birth planning meeting and the discharge planning meeting by their shorthand.
    ['PBPM at hospital with SW and HV', 'Pre-birth planning mtg: HV to do new birth visit', 'pre-birth planning meeting'],
    ['DPM on the ward, plan agreed', 'Discharge planning mtg with ward MW', 'discharge planning meeting'],
    // A text naming two meetings is of the one it names first, whatever their order in the rules.
    ['Pre-birth planning meeting at hospital. Birth plan agreed; DPM before discharge.', 'PBPM held', 'pre-birth planning meeting'],
  ])('"%s" and "%s" are one %s', (first, second, name) => {
    const ls = links([{ id: 'a', agency: 'A', start: '2022-11-17', summary: first }, { id: 'b', agency: 'B', start: '2022-11-17', summary: second }]);
    expect(ls.map((l) => [l.kind, [...l.events].sort().join(' '), l.reason.split(' on ')[0]!.toLowerCase()])).toEqual([['same-event', 'a b', name.toLowerCase()]]);
  });
});

describe('a type names the kind of record, a text opening with a meeting says which it was', () => {
  const chair: Row = { id: 'csc', agency: 'CSC', start: '2023-01-11', type: 'RCPC', summary: 'Review Child Protection Conference. Attended: mother, SW, DSL, school nurse.' };
  const school = (summary: string): Row => ({ id: 'school', agency: 'School', start: '2023-01-11', type: 'Child protection conference', summary });
  it('typed "Child protection conference" (read as an initial one), opening "Review CP conference" or "RCPC": the review conference', () => {
    expect(sameEvent(links([chair, school('Review CP conference - DSL attended. Attendance 90.2%.')]))).toEqual(['csc school']);
    expect(sameEvent(links([chair, school('RCPC - DSL attended. CP plans ended, Child in Need plan.')]))).toEqual(['csc school']);
  });
  it('not when the text names the meeting after its opening, nor when it only mentions it: the type decides', () => {
    expect(sameEvent(links([chair, school('DSL attended. Review CP conference: plans continue.')]))).toEqual([]);
    expect(sameEvent(links([chair, school('RCPC minutes received from the chair.')]))).toEqual([]);
    // The control: typed as the review conference, the same record is one with the chair's.
    expect(sameEvent(links([chair, { ...school('DSL attended. Review CP conference: plans continue.'), type: 'Review conference' }]))).toEqual(['csc school']);
  });
});

describe('the shorthand is a meeting only as a whole word', () => {
  it.each([
    ['CP confirmed by the GP', 'CP conference held'],
    ['Conference call with the GP about the plan', 'Initial CP conference held'],
    ['CG referral to the paediatrician', 'Core group held'],
    // A referral to the panel, its minutes: not the panel.
    ['Referral to MACE submitted', 'MACE held: actions agreed'],
    ['Exploitation panel minutes received', 'Exploitation panel held'],
    ['Menace caller, threats to staff', 'MACE held: actions agreed'],
  ])('"%s" is no record of the meeting "%s"', (first, second) => {
    expect(sameEvent(links([{ id: 'a', agency: 'A', start: '2022-11-17', summary: first }, { id: 'b', agency: 'B', start: '2022-11-17', summary: second }]))).toEqual([]);
  });
});

describe('a record of a meeting dated only to its week', () => {
  const week = (summary: string, start = '2022-02-07', end = '2022-02-13', precision: Precision = 'week'): Row => ({ id: 'housing', agency: 'Housing', start, end, precision, summary });
  const marac = (id: string, agency: string, start: string): Row => ({ id, agency, start, summary: 'Case heard at MARAC, actions agreed' });
  it('joins the meeting another agency recorded on a day of that week (medium)', () => {
    const ls = links([week('Housing rep attended MARAC'), marac('police', 'Police', '2022-02-08T10:00'), marac('csc', 'CSC', '2022-02-08')]);
    expect(ls.filter((l) => l.kind === 'same-event').map((l) => [[...l.events].sort().join(' '), l.confidence, l.reason])).toEqual([
      ['csc housing police', 'medium', 'MARAC on 08/02/2022, recorded by Housing, CSC and Police'],
    ]);
  });
  it('on the last day of the week too; not the day after it', () => {
    expect(sameEvent(links([week('Housing rep attended MARAC'), marac('police', 'Police', '2022-02-13')]))).toEqual(['housing police']);
    expect(sameEvent(links([week('Housing rep attended MARAC'), marac('police', 'Police', '2022-02-14')]))).toEqual([]);
  });
  it('not when two days of the week hold such a meeting: which one is not known', () => {
    expect(sameEvent(links([week('Housing rep attended MARAC'), marac('police', 'Police', '2022-02-08'), marac('csc', 'CSC', '2022-02-10')]))).toEqual([]);
  });
  it('not a record dated to a month: too long to say', () => {
    expect(sameEvent(links([week('Housing rep attended MARAC', '2022-02-01', undefined, 'month'), marac('police', 'Police', '2022-02-08')]))).toEqual([]);
  });
  it('not a week record that only mentions the meeting', () => {
    expect(sameEvent(links([week('Information sent to the MARAC coordinator'), marac('police', 'Police', '2022-02-08')]))).toEqual([]);
  });
});

describe('two agencies told of one earlier event', () => {
  const rows: Row[] = [
    { id: 'ed', agency: 'ED', start: '2022-02-03T16:40', summary: 'DOG BITE L HAND, WOUND CLEANED' },
    { id: 'csc', agency: 'CSC', start: '2022-02-05', summary: 'Notification: A&E on 03/02 with a dog bite to the hand' },
    { id: 'hv', agency: 'HV', start: '2022-02-05', summary: 'Discharge letter received, seen in ED 03/02, dog bite to left hand, wound cleaned' },
  ];
  const ls = links(rows);
  it('are not one event', () => expect(sameEvent(ls)).toEqual([]));
  it('each refers to the record of the event itself', () => {
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['ed'] }, { from: 'hv', to: ['ed'] }]);
    expect(ls.find((l) => l.from === 'hv')).toMatchObject({ kind: 'refers-to', events: ['ed', 'hv'], agencies: ['ED', 'HV'] });
    expect(ls.find((l) => l.from === 'hv')!.reason).toBe('HV record of 05/02/2022 reports the event of 03/02/2022 recorded by ED');
  });
  it('never refer to a later record; a record of their own agency can be the one they report', () => {
    const later = links([...rows, { id: 'ed2', agency: 'ED', start: '2022-02-05T18:00', summary: 'DOG BITE L HAND REVIEW' }]);
    // The same two as without ed2: ed2 (18:00 on the 5th) is later than both, and names no day itself.
    expect(refersTo(later)).toEqual([{ from: 'csc', to: ['ed'] }, { from: 'hv', to: ['ed'] }]);
    const own = links([{ id: 'a', agency: 'CSC', start: '2022-02-03', summary: 'Dog bite to hand reported' }, { ...rows[1]! }]);
    expect(refersTo(own)).toEqual([{ from: 'csc', to: ['a'] }]);
  });
  it('refer to every record of the event reported: the group of the ambulance call and the ED arrival', () => {
    const ls = links([
      { id: 'amb', agency: 'Ambulance', start: '2022-02-03T16:05', summary: 'DOG BITE TO L HAND, WOUND DRESSED, CONVEYED' },
      { id: 'ed', agency: 'ED', start: '2022-02-03T16:40', summary: 'DOG BITE L HAND, WOUND CLEANED' },
      { id: 'csc', agency: 'CSC', start: '2022-02-05', summary: 'Notification: A&E on 03/02 with a dog bite to the hand' },
    ]);
    expect(sameEvent(ls)).toEqual(['amb ed']);
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['amb', 'ed'] }]);
  });
  it('"informed by" after a family member names who was told, not the recording agency: the ambulance call is still the ED arrival', () => {
    const call = (tail: string): Row => ({ id: 'amb', agency: 'Ambulance', start: '2022-02-03T16:05', summary: `DOG BITE TO L HAND, WOUND DRESSED, CONVEYED. ${tail}` });
    const ed: Row = { id: 'ed', agency: 'ED', start: '2022-02-03T16:40', summary: 'DOG BITE L HAND, WOUND DRESSED' };
    // The family member up to 20 characters before "informed by" (not past a full stop).
    expect(sameEvent(links([call('MUM AT WORK - INFORMED BY NEIGHBOUR'), ed]))).toEqual(['amb ed']);
    expect(sameEvent(links([call('Mum at work til late - informed by neighbour'), ed]))).toEqual(['amb ed']);
    expect(sameEvent(links([call('Mum at work till late - informed by neighbour'), ed]))).toEqual([]);
    // With nobody named before it, the recording agency was told: no same event.
    expect(sameEvent(links([call('Informed by phone'), ed]))).toEqual([]);
    expect(sameEvent(links([call('Mum at work. Informed by phone'), ed]))).toEqual([]);
    expect(sameEvent(links([call('Informed by neighbour'), ed]))).toEqual([]);
  });
  it('"X informed by phone" (or email, letter, task) says X was told, by the recording agency: whoever X is, and however far before', () => {
    const call = (tail: string): Row => ({ id: 'amb', agency: 'Ambulance', start: '2022-02-03T16:05', summary: `DOG BITE TO L HAND, WOUND DRESSED, CONVEYED. ${tail}` });
    const ed: Row = { id: 'ed', agency: 'ED', start: '2022-02-03T16:40', summary: 'DOG BITE L HAND, WOUND DRESSED' };
    expect(sameEvent(links([call('CSC EDT informed by phone 16:30'), ed]))).toEqual(['amb ed']);
    expect(sameEvent(links([call('Mum at work till late - informed by phone'), ed]))).toEqual(['amb ed']);
    expect(sameEvent(links([call('SW K. Osei informed by secure email'), ed]))).toEqual(['amb ed']);
    expect(sameEvent(links([call('GP informed by letter'), ed]))).toEqual(['amb ed']);
    expect(sameEvent(links([call('HV informed by task'), ed]))).toEqual(['amb ed']);
    // Opening its sentence: the recording agency was told.
    expect(sameEvent(links([call('"Informed by email from school'), ed]))).toEqual([]);
  });
  it('a record in words of being told that names no day reports an event of that day or the day before', () => {
    const police: Row = { id: 'police', agency: 'Police', start: '2024-01-05T15:13', summary: 'Domestic incident at the family home: mother assaulted by partner, children present, partner arrested' };
    const told = (start: string): Row => ({ id: 'csc', agency: 'CSC', start, summary: 'Police notification: domestic incident at family home, mother assaulted by partner, partner arrested' });
    expect(refersTo(links([police, told('2024-01-05T15:38')]))).toEqual([{ from: 'csc', to: ['police'] }]);
    expect(refersTo(links([police, told('2024-01-06')]))).toEqual([{ from: 'csc', to: ['police'] }]);
    // Two days later: no day named, so not found; and never the same event.
    const later = links([police, told('2024-01-07')]);
    expect(refersTo(later)).toEqual([]);
    expect(sameEvent(later)).toEqual([]);
    // Timed before the incident it would report: not that incident.
    expect(refersTo(links([police, told('2024-01-05T15:00')]))).toEqual([]);
  });
  it('a record of a meeting is the meeting, whatever it says it received', () => {
    const ls = links([
      { id: 'csc', agency: 'CSC', start: '2022-10-25', type: 'ICPC', summary: 'Initial Child Protection Conference. Attended: Dad, school DSL, Probation OM. Police report received.' },
      { id: 'school', agency: 'School', start: '2022-10-25T10:00', summary: 'ICPC at Civic Centre - DSL attended. Children made subject to plans.' },
    ]);
    expect(sameEvent(ls)).toEqual(['csc school']);
    expect(refersTo(ls)).toEqual([]);
  });
  it('"yesterday" names the day before', () => {
    const ls = links([rows[0]!, { id: 'gp', agency: 'GP', start: '2022-02-04', summary: 'Seen following dog bite to hand in ED yesterday' }]);
    expect(refersTo(ls)).toEqual([{ from: 'gp', to: ['ed'] }]);
  });
  it('on the same day, a timed record refers only to one timed no later', () => {
    const ed = { id: 'ed', agency: 'ED', start: '2022-02-03T16:40', summary: 'DOG BITE L HAND' };
    const before = links([ed, { id: 'csc', agency: 'CSC', start: '2022-02-03T16:39', summary: 'Told of A&E attendance 03/02, dog bite to hand' }]);
    const after = links([ed, { id: 'csc', agency: 'CSC', start: '2022-02-03T16:40', summary: 'Told of A&E attendance 03/02, dog bite to hand' }]);
    expect(refersTo(before)).toEqual([]);
    expect(refersTo(after)).toEqual([{ from: 'csc', to: ['ed'] }]);
  });
  it('need two shared words: one is not enough, unless the record names the agency (below)', () => {
    const one = links([rows[0]!, { id: 'csc', agency: 'CSC', start: '2022-02-05', summary: 'Notification: seen on 03/02 with a bite' }]);
    expect(refersTo(one)).toEqual([]);
    const named = links([rows[0]!, { id: 'csc', agency: 'CSC', start: '2022-02-05', summary: 'Notification: A&E on 03/02 with a bite' }]);
    expect(refersTo(named)).toEqual([{ from: 'csc', to: ['ed'] }]);
  });
  it('a record dated to a month refers to an event within it', () => {
    const ls = links([rows[0]!, { id: 'hv', agency: 'HV', start: '2022-02-01', precision: 'month', summary: 'ED notification: dog bite to hand on 03/02' }]);
    expect(refersTo(ls)).toEqual([{ from: 'hv', to: ['ed'] }]);
    expect(ls[0]!.reason).toBe('HV record of February 2022 reports the event of 03/02/2022 recorded by ED');
  });
});

describe('one incident in a long narrative and a terse system line', () => {
  const police = (start: string): Row => ({ id: 'police', agency: 'Police', start, summary: 'Officers at Northmoor ED: 2 year old brought in by father with a plastic bead lodged in her right nostril. Father says she pushed it in while playing. Officers to attend the address; PPN to follow.' });
  const ed = (start: string): Row => ({ id: 'ed', agency: 'ED', start, summary: 'FB R NOSTRIL, BEAD PER DAD' });
  it('are one event when timed minutes apart', () => {
    const ls = links([police('2022-03-04T19:05'), ed('2022-03-04T18:50')]);
    expect(sameEvent(ls)).toEqual(['ed police']);
    expect(ls[0]!.reason).toBe('Recorded by ED and Police on 04/03/2022: similar wording (bead, nostril), 15 minutes apart');
  });
  it('a record that also gives when it closed is still on its day, at its start', () => {
    const closed = { ...police('2022-03-04T19:05'), end: '2022-03-04T23:40' };
    expect(sameEvent(links([closed, ed('2022-03-04T18:50')]))).toEqual(['ed police']);
    // A range of days is not: which day it was is not known.
    const days = { ...police('2022-03-04'), end: '2022-03-06' };
    expect(sameEvent(links([days, ed('2022-03-04T18:50')]))).toEqual([]);
  });
  it('at exactly maxMinutesApart (120) they are linked, one minute more and they are not', () => {
    expect(sameEvent(links([police('2022-03-04T20:50'), ed('2022-03-04T18:50')]))).toEqual(['ed police']);
    expect(sameEvent(links([police('2022-03-04T20:51'), ed('2022-03-04T18:50')]))).toEqual([]);
  });
  it('either side of midnight: 23:50 and 00:15 are one event, 21:00 and 00:15 are not', () => {
    expect(sameEvent(links([ed('2022-03-04T23:50'), police('2022-03-05T00:15')]))).toEqual(['ed police']);
    expect(sameEvent(links([ed('2022-03-04T21:00'), police('2022-03-05T00:15')]))).toEqual([]);
  });
  it('a meeting that discussed the incident is not the incident', () => {
    const strategy = { id: 'csc', agency: 'CSC', start: '2022-03-04T21:00', summary: 'Strategy discussion with police: bead in right nostril, father says she pushed it in' };
    expect(sameEvent(links([ed('2022-03-04T18:50'), strategy]))).toEqual([]);
  });
});

describe('the overlap thresholds, at their edges', () => {
  // Two records only: N = 2. Shared words (df 2) weigh ln(3/2), the others (df 1) ln(3).
  // a: "alpha bravo charlie" — b: "alpha bravo delta echo". Shared alpha, bravo.
  // Lighter record a weighs 2 ln 1.5 + ln 3; score = 2 ln 1.5 / (2 ln 1.5 + ln 3) ≈ 0.42467.
  const score = (2 * Math.log(1.5)) / (2 * Math.log(1.5) + Math.log(3));
  const a = (start: string): Row => ({ id: 'a', agency: 'A', start, summary: 'alpha bravo charlie' });
  const b = (start: string): Row => ({ id: 'b', agency: 'B', start, summary: 'alpha bravo delta echo' });
  const at = (similarity: Partial<LinkRules['similarity']>): LinkRules => ({ ...DEFAULT_LINK_RULES, similarity: { ...DEFAULT_LINK_RULES.similarity, ...similarity } });
  it('untimed: minOverlap at the score links, just above it does not', () => {
    expect(score).toBeCloseTo(0.42467, 5);
    expect(sameEvent(links([a('2021-05-01'), b('2021-05-01')], at({ minOverlap: score })))).toEqual(['a b']);
    expect(sameEvent(links([a('2021-05-01'), b('2021-05-01')], at({ minOverlap: 0.43 })))).toEqual([]);
    expect(sameEvent(links([a('2021-05-01'), b('2021-05-01')], at({ minOverlap: 0.42 })))).toEqual(['a b']);
  });
  it('both timed within the window: minOverlapTimed decides, not minOverlap, halved at the same minute', () => {
    // At maxMinutesApart (120) the threshold is minOverlapTimed itself.
    const far = [a('2021-05-01T10:00'), b('2021-05-01T12:00')];
    expect(sameEvent(links(far, at({ minOverlap: 0.9, minOverlapTimed: 0.42 })))).toEqual(['a b']);
    expect(sameEvent(links(far, at({ minOverlap: 0.9, minOverlapTimed: 0.43 })))).toEqual([]);
    // At the same minute it is half: 0.84 / 2 = 0.42 links, 0.86 / 2 = 0.43 does not.
    const same = [a('2021-05-01T10:00'), b('2021-05-01T10:00')];
    expect(sameEvent(links(same, at({ minOverlap: 0.9, minOverlapTimed: 0.84 })))).toEqual(['a b']);
    expect(sameEvent(links(same, at({ minOverlap: 0.9, minOverlapTimed: 0.86 })))).toEqual([]);
    // 60 minutes apart: three quarters. 0.56 × 0.75 = 0.42 links, 0.58 × 0.75 = 0.435 does not.
    const half = [a('2021-05-01T10:00'), b('2021-05-01T11:00')];
    expect(sameEvent(links(half, at({ minOverlap: 0.9, minOverlapTimed: 0.56 })))).toEqual(['a b']);
    expect(sameEvent(links(half, at({ minOverlap: 0.9, minOverlapTimed: 0.58 })))).toEqual([]);
    // One timed, one not: the untimed threshold.
    expect(sameEvent(links([a('2021-05-01T10:00'), b('2021-05-01')], at({ minOverlap: 0.9, minOverlapTimed: 0.42 })))).toEqual([]);
  });
  it('minSharedWords: two shared words pass at 2, not at 3', () => {
    expect(sameEvent(links([a('2021-05-01'), b('2021-05-01')], at({ minOverlap: 0.4, minSharedWords: 2 })))).toEqual(['a b']);
    expect(sameEvent(links([a('2021-05-01'), b('2021-05-01')], at({ minOverlap: 0.4, minSharedWords: 3 })))).toEqual([]);
  });
  it('minSharedRarity: the shared words must weigh that many words only the two records use (here 2 × ln 1.5, so 2 and not 2.01)', () => {
    // Both shared words are used by just these two records: each weighs ln((2 + 1) / 2), the unit.
    expect(sameEvent(links([a('2021-05-01'), b('2021-05-01')], at({ minOverlap: 0.4, minSharedRarity: 2 })))).toEqual(['a b']);
    expect(sameEvent(links([a('2021-05-01'), b('2021-05-01')], at({ minOverlap: 0.4, minSharedRarity: 2.01 })))).toEqual([]);
  });
  it('common words are no evidence, however much of a short record they cover ("Letter sent to father")', () => {
    const common = Array.from({ length: 10 }, (_, i): Row => ({ id: `x${i}`, agency: `X${i}`, start: `2021-04-${String(i + 10)}`, summary: `Letter sent about item ${String.fromCharCode(97 + i)}lpha` }));
    const short: Row = { id: 'csc', agency: 'CSC', start: '2021-05-01', summary: 'Letter sent to father.' };
    const long: Row = { id: 'hv', agency: 'HV', start: '2021-05-01', summary: 'Weighed 8.1kg (9th centile). Immunisations up to date. Letter sent to family. Discussed with manager.' };
    // "letter" and "sent" are in 12 of 12 records: shared weight 2 ln(13/12) ≈ 0.16, far below 1.5 ln(13/2) ≈ 2.81.
    expect(sameEvent(links([...common, short, long]))).toEqual([]);
    // Without the rule the short record, wholly covered, would be linked (score 1).
    expect(sameEvent(links([...common, short, long], at({ minSharedRarity: 0 })))).toEqual(['csc hv']);
  });
  it('the shipped threshold (0.6) keeps apart two records of one agency\'s different events sharing common words', () => {
    expect(sameEvent(links([a('2021-05-01'), b('2021-05-01')]))).toEqual([]);
  });
});

describe('the refers-to threshold, at its edge', () => {
  // As above: the lighter record (the target, 3 words) against the report naming its day; the
  // digits of the date are no words. Score 2 ln 1.5 / (2 ln 1.5 + ln 3) ≈ 0.42467.
  const score = (2 * Math.log(1.5)) / (2 * Math.log(1.5) + Math.log(3));
  const rows: Row[] = [
    { id: 'a', agency: 'A', start: '2021-05-01', summary: 'alpha bravo charlie' },
    { id: 'b', agency: 'B', start: '2021-05-03', summary: 'on 01/05 alpha bravo delta echo' },
  ];
  const at = (minOverlap: number): LinkRules => ({ ...DEFAULT_LINK_RULES, refersTo: { ...DEFAULT_LINK_RULES.refersTo, minOverlap } });
  it('links at the score and just below it, not just above', () => {
    expect(refersTo(links(rows, at(score)))).toEqual([{ from: 'b', to: ['a'] }]);
    expect(refersTo(links(rows, at(0.42)))).toEqual([{ from: 'b', to: ['a'] }]);
    expect(refersTo(links(rows, at(0.43)))).toEqual([]);
  });
  it('maxDaysBack: a day named 2 days back is found at 2, not at 1', () => {
    const back = (maxDaysBack: number): LinkRules => ({ ...DEFAULT_LINK_RULES, refersTo: { ...DEFAULT_LINK_RULES.refersTo, minOverlap: 0.2, maxDaysBack } });
    expect(refersTo(links(rows, back(2)))).toEqual([{ from: 'b', to: ['a'] }]);
    expect(refersTo(links(rows, back(1)))).toEqual([]);
  });
  it('never points to a record that only mentions a meeting', () => {
    const ls = links([
      { id: 'hv', agency: 'HV', start: '2022-12-08', summary: 'Core group today - not attended (clinic clash). SW to send minutes.' },
      { id: 'csc', agency: 'CSC', start: '2022-12-08', summary: 'Core group held: methadone script supervised, plan continues' },
      { id: 'hv2', agency: 'HV', start: '2022-12-09', summary: 'Minutes of the core group of 08/12 received from SW: methadone supervised' },
    ]);
    expect(refersTo(ls)).toEqual([{ from: 'hv2', to: ['csc'] }]);
  });
});

describe('the days a record names', () => {
  const on = dayNumber('2022-02-05');
  const day = (iso: string): number => dayNumber(iso);
  it.each([
    ['seen in ED yesterday', ['2022-02-04']],
    // A night runs past midnight: "last night" is the day before and the record's own day's first hours.
    ['called out last night; letter of 03/02', ['2022-02-04', '2022-02-05', '2022-02-03']],
    ['the night before', ['2022-02-04', '2022-02-05']],
    ['the previous evening', ['2022-02-04']],
    ['seen in ED 03/02', ['2022-02-03']],
    ['on 3/2/22 and again on 04.02.2022', ['2022-02-03', '2022-02-04']],
    ['the incident of 3rd February', ['2022-02-03']],
    ['on the 28 Dec', ['2021-12-28']],
    ['letter dated 28/12 received', ['2021-12-28']],
    ['3 March 2021', ['2021-03-03']],
    // A day of the week: the last such day before the record's (the 5th was a Saturday).
    ['went to A&E on Thursday', ['2022-02-03']],
    ['arrested Tues on Linden Parade', ['2022-02-01']],
    // "Saturday night": the Saturday and the Sunday's first hours; not "Saturday evening", nor a habit ("Saturday nights").
    ['stabbed Saturday night', ['2022-01-29', '2022-01-30']],
    ['stabbed Saturday evening', ['2022-01-29']],
    ['out on Saturday nights', ['2022-01-29']],
    ['seen on Friday; letter of 03/02', ['2022-02-04', '2022-02-03']],
    // The weekday of a date written beside it is that date's.
    ['DPM Fri 4th Feb', ['2022-02-04']],
  ])('"%s"', (text, expected) => {
    expect(namedDays(text, on, 366)).toEqual(expected.map(day));
  });
  it.each([
    'call at 10.05 about the visit', 'seen at 9.15am', 'appointment 07/02 next week', '31/02 typed in error', 'ratio 1/2/3/4', '3 dogs barking',
    'on 03/02/2020 (more than a year back)', 'seen today',
    'appointment next Monday', 'clinic every Friday', 'groups on Mondays and Wednesdays', 'sat with mum in the sun', 'review Thursday week',
  ])('names nothing: "%s"', (text) => {
    expect(namedDays(text, on, 366)).toEqual([]);
  });
  it('"Friday night" written on the Saturday: the Friday and the record\'s own day', () => {
    expect(namedDays('DA incident on Friday night', on, 366)).toEqual([day('2022-02-04'), day('2022-02-05')]);
  });
  it('a day of the week as far back as maxDaysBack and no further', () => {
    // Thursday the 3rd is two days before the record.
    expect(namedDays('on Thursday', on, 2)).toEqual([day('2022-02-03')]);
    expect(namedDays('on Thursday', on, 1)).toEqual([]);
  });
});

describe('no word in common is no evidence, whatever the rules\' numbers allow', () => {
  const rules = (similarity: Partial<LinkRules['similarity']>, refersTo: Partial<LinkRules['refersTo']> = {}): LinkRules => ({
    ...DEFAULT_LINK_RULES, similarity: { ...DEFAULT_LINK_RULES.similarity, ...similarity }, refersTo: { ...DEFAULT_LINK_RULES.refersTo, ...refersTo },
  });
  it('minSharedWords 0: a record of no content words is linked to nothing across midnight', () => {
    const rows: Row[] = [
      { id: 'police', agency: 'Police', start: '2022-03-03T23:50', summary: 'Call from neighbour reporting shouting at the flat' },
      { id: 'ed', agency: 'ED', start: '2022-03-04T00:10', summary: 'Seen at home.' },
    ];
    expect(links(rows, rules({ minSharedWords: 0, minSharedRarity: 0 }))).toEqual([]);
    // The same pair sharing its words is linked across midnight: the path is open, the wordless record is what is refused.
    expect(sameEvent(links([rows[0]!, { ...rows[1]!, summary: 'Neighbour reporting shouting at the flat, call' }], rules({ minSharedWords: 0, minSharedRarity: 0 })))).toEqual(['ed police']);
  });
  it('refersTo.minSharedWords 0: a record naming a day but no content word refers to nothing', () => {
    const rows: Row[] = [
      { id: 'ed', agency: 'ED', start: '2022-03-04T10:00', summary: 'Scald to left forearm, dressing applied' },
      { id: 'hv', agency: 'HV', start: '2022-03-07', summary: 'Seen 04/03.' },
    ];
    expect(refersTo(links(rows, rules({}, { minSharedWords: 0 })))).toEqual([]);
  });
  it('maxMinutesApart beyond a day: an untimed record is no minute before midnight', () => {
    const rows: Row[] = [
      { id: 'police', agency: 'Police', start: '2022-03-03', summary: 'Domestic incident at the flat, partner arrested' },
      { id: 'csc', agency: 'CSC', start: '2022-03-04T00:00', summary: 'Domestic incident at the flat, partner arrested' },
    ];
    expect(links(rows, rules({ maxMinutesApart: 2000 }))).toEqual([]);
    // Timed at 23:30 instead, the two are 30 minutes apart: one event.
    expect(sameEvent(links([{ ...rows[0]!, start: '2022-03-03T23:30' }, rows[1]!], rules({ maxMinutesApart: 2000 })))).toEqual(['csc police']);
  });
});

describe('a report that names the agency and the day: one word in common is enough for that agency\'s only record of the day', () => {
  const ed: Row = { id: 'ed', agency: 'ED', start: '2022-11-20T19:48', summary: 'Unsettled, crying, infantile colic, discharged' };
  const csc = (summary: string, start = '2022-11-25'): Row => ({ id: 'csc', agency: 'CSC', start, summary });
  it('names A&E and the day, shares one word ("crying"): refers to the ED\'s record', () => {
    expect(refersTo(links([ed, csc('Mum says she took him to A&E on 20/11 as he was crying')]))).toEqual([{ from: 'csc', to: ['ed'] }]);
    expect(refersTo(links([ed, csc('Mum phoned: took him to A&E yesterday evening as he was crying', '2022-11-21')]))).toEqual([{ from: 'csc', to: ['ed'] }]);
  });
  it('the hospital and its paediatric staff name the ED: a child taken to hospital was taken to its emergency department', () => {
    expect(refersTo(links([ed, csc('Mum says she took him to the hospital on Sunday as he was crying', '2022-11-22')]))).toEqual([{ from: 'csc', to: ['ed'] }]);
    expect(refersTo(links([ed, csc('Paediatric liaison: seen on 20/11, crying')]))).toEqual([{ from: 'csc', to: ['ed'] }]);
    // Not a word naming no agency ("home"), with one word in common.
    expect(refersTo(links([ed, csc('Mum says she took him home on Sunday as he was crying', '2022-11-22')]))).toEqual([]);
  });
  it('not with no word in common', () => {
    expect(refersTo(links([ed, csc('Mum says she took him to A&E on 20/11, sent home')]))).toEqual([]);
  });
  it('not when the agency has two records that day: which one would be a guess', () => {
    const other: Row = { id: 'ed2', agency: 'ED', start: '2022-11-20T10:00', summary: 'Fall from sofa, bump to head, discharged' };
    expect(refersTo(links([other, ed, csc('Mum says she took him to A&E on 20/11 as he was crying')]))).toEqual([]);
  });
  it('not when the agency named is not the record\'s, or none is named', () => {
    expect(refersTo(links([ed, csc('Mum says she took him to the GP on 20/11 as he was crying')]))).toEqual([]);
    expect(refersTo(links([ed, csc('Mum says she took him out on 20/11 as he was crying')]))).toEqual([]);
  });
  it('not a day named as the start of a period ("since 20/11")', () => {
    expect(refersTo(links([ed, csc('Mum says no A&E visits since 20/11, crying less')]))).toEqual([]);
  });
  it('from a meeting\'s record only when the sentence naming the day names the agency; never to one', () => {
    expect(refersTo(links([ed, csc('Core group: mum said she took him to A&E on 20/11 as he was crying')]))).toEqual([{ from: 'csc', to: ['ed'] }]);
    expect(refersTo(links([ed, csc('Core group: A&E attendance discussed. Mum said on 20/11 he was crying')]))).toEqual([]);
    // One word in common ("neglect"), the police named: but the police's record of the day is a meeting's.
    const meeting: Row = { id: 'police', agency: 'Police', start: '2022-11-20', summary: 'Strategy discussion held: concerns about neglect' };
    expect(refersTo(links([meeting, csc('Police told us on 20/11 about the neglect')]))).toEqual([]);
    expect(refersTo(links([{ ...meeting, summary: 'Welfare check: concerns about neglect' }, csc('Police told us on 20/11 about the neglect')]))).toEqual([{ from: 'csc', to: ['police'] }]);
  });
  it('the rules\' agencies are checked: a list of { agency, named } expressions, at most 30', () => {
    const refusal = (agencies: unknown): string => {
      try { validateLinkRules({ ...DEFAULT_LINK_RULES, refersTo: { ...DEFAULT_LINK_RULES.refersTo, agencies } }, 'r.json'); return 'accepted'; } catch (e) { return (e as Error).message; }
    };
    expect(refusal([{ agency: 'police', named: 'police' }])).toBe('accepted');
    expect(refusal('police')).toBe('r.json: "refersTo.agencies" is invalid: expected a list of at most 30 { agency, named }');
    expect(refusal(Array.from({ length: 30 }, () => ({ agency: 'a', named: 'b' })))).toBe('accepted');
    expect(refusal(Array.from({ length: 31 }, () => ({ agency: 'a', named: 'b' })))).toBe('r.json: "refersTo.agencies" is invalid: expected a list of at most 30 { agency, named }');
    expect(refusal([null])).toBe('r.json: "refersTo.agencies[0]" is invalid: expected { "agency": string, "named": string }');
    expect(refusal([{ agency: '(', named: 'x' }])).toMatch(/^r\.json: "refersTo\.agencies\[0\]\.agency" is invalid: expected a regular expression/);
    expect(refusal([{ agency: 'x', named: 3 }])).toBe('r.json: "refersTo.agencies[0].named" is invalid: expected a regular expression (string)');
  });
});

describe('a record that opens by saying another agency told it', () => {
  const police: Row = {
    id: 'police', agency: 'Police', start: '2022-12-23T02:50',
    summary: 'Vehicle stop Dunmere Rd: car stopped, two adult males arrested. Jamie found in the rear, taken home by officers. Mother had not reported him missing.',
  };
  const csc = (summary: string): Row => ({ id: 'csc', agency: 'CSC', start: '2022-12-23T03:30', summary });
  const story = 'J found in a car stopped on Dunmere Rd with two adult males (arrested). Taken home. Mother had not reported him missing.';
  it('without the telling, the two records are one event (the control)', () => {
    expect(sameEvent(links([police, csc(story)]))).toEqual(['csc police']);
  });
  it('told by the other agency, it reports that agency\'s record of the event', () => {
    for (const head of ['Police rang EDT:', 'Police informed EDT:', 'PCSO Daniels phoned:', 'Call from police:', 'Email from Dunmere police -', 'Telephone call from the police re', 'Call from EGH paediatric registrar:']) {
      const ls = links([police, csc(`${head} ${story}`)]);
      expect([head, sameEvent(ls)]).toEqual([head, []]);
      expect([head, refersTo(ls)]).toEqual([head, [{ from: 'csc', to: ['police'] }]]);
    }
  });
  it('told by no agency, by its own, or there itself, it is the event', () => {
    for (const head of [
      'Call from mother:', 'Call from Mr Brown stating police told him:', 'SW rang EDT:', 'Call from EDT SW:',
      // The telling words must open the record.
      'Home visit done; police rang EDT:',
    ]) {
      expect([head, sameEvent(links([police, csc(`${head} ${story}`)]))]).toEqual([head, ['csc police']]);
    }
    // Told, then there: "EDT SW attended with police".
    expect(sameEvent(links([police, csc(`Call from police: ${story} EDT SW attended 03:40 with police.`)]))).toEqual(['csc police']);
    expect(sameEvent(links([police, csc(`Call from police: ${story} Police attended 03:40.`)]))).toEqual([]);
  });
  it('rules without tellers read as before; a teller expression needs its group', () => {
    const { tellers: _, ...without } = DEFAULT_LINK_RULES;
    expect(sameEvent(links([police, csc(`Police rang EDT: ${story}`)], without))).toEqual(['csc police']);
    expect(() => validateLinkRules({ ...DEFAULT_LINK_RULES, tellers: ['^call from (\\w+)'] })).toThrow('"tellers[0]" is invalid: expected a regular expression with a group named teller: (?<teller>…)');
  });
});
