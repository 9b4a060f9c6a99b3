/**
 * Linking rules from the unseen cases' misses (sibling-e, moved-n, and the call every case's key
 * holds), each a rule of how agencies write, tested both ways at its edge: a record that opens
 * with a happening of its own and goes on to name an earlier day is an event as well as a report;
 * a call between two agencies recorded at both ends is one event; a record never reports its own
 * event; a referral received, "informed by X that" and "told of" are records of being told; a
 * meeting's notification or actions received are no record of the meeting. Every expectation is
 * worked out by hand from the rules as the README words them.
 */
import { describe, expect, it } from 'vitest';
import { links, refersTo, sameEvent, type Row } from './link-cases.js';
import { DEFAULT_LINK_RULES, validateLinkRules } from '../../src/timeline/links.js';

describe('a record that opens with a happening of its own, then names an earlier day', () => {
  const first: Row = { id: 'gp1', agency: 'GP', start: '2024-07-10T09:10', summary: 'Pre-school booster (DTaP/IPV, MMR2) - WAS NOT BROUGHT. Letter to mum to rebook.' };
  const again = (summary: string): Row => ({ id: 'gp2', agency: 'GP', start: '2024-08-07T14:40', summary });
  const hv: Row = { id: 'hv', agency: 'HV', start: '2024-08-09', summary: 'Task received: pre-school booster WNB again on 07/08.' };
  it('reports the earlier record, and is an event too (fromIsEvent): a later report may refer to it', () => {
    const ls = links([first, again('Pre-school booster - was not brought again (also WNB 10/07). HV informed by task.'), hv]);
    expect(refersTo(ls)).toEqual([{ from: 'gp2', to: ['gp1'] }, { from: 'hv', to: ['gp2'] }]);
    expect(ls.find((l) => l.from === 'gp2')).toMatchObject({ fromIsEvent: true });
    expect(ls.find((l) => l.from === 'gp2')!.reason).toBe('GP record of 07/08/2024 reports the event of 10/07/2024 recorded by GP, and opens with a happening of its own');
    expect(ls.find((l) => l.from === 'hv')!.fromIsEvent).toBeUndefined();
  });
  it.each([
    // The day named in the opening clause: a report only.
    ['the day in its opening clause', 'Pre-school booster not brought again on 10/07 - HV informed by task.'],
    // A heading ended by a colon is how a record of being told is headed.
    ['a heading with a colon', 'Pre-school booster WNB: not brought again, also 10/07. HV informed by task.'],
    // One informative word is no happening.
    ['one word before the full stop', 'Booster. Pre-school booster not brought again, also 10/07. HV informed by task.'],
    // Nothing after the opening clause: the whole record is the report.
    ['no clause after it', 'Pre-school booster was not brought again, also WNB 10/07'],
  ])('not when %s: a report only, which a later report still refers to by its day', (_, summary) => {
    const ls = links([first, again(summary), hv]);
    expect(refersTo(ls)).toEqual([{ from: 'gp2', to: ['gp1'] }, { from: 'hv', to: ['gp2'] }]);
    expect(ls.find((l) => l.from === 'gp2')!.fromIsEvent).toBeUndefined();
  });
  it('not a record in words of being told, however it opens', () => {
    const ls = links([first, again('Pre-school booster reminder sent. Letter received from the clinic: WNB 10/07.'), hv]);
    expect(ls.find((l) => l.from === 'gp2')!.fromIsEvent).toBeUndefined();
  });
});

describe('a call between two agencies, recorded at both ends, is one event', () => {
  const ed: Row = { id: 'ed', agency: 'ED', start: '2023-05-13T19:52', summary: 'Head injury - fell from sofa onto coffee table' };
  // The agencies by names the rules' refersTo.agencies know them by ("health visit", "social care").
  const csc = (start: string, summary = 'Call from HV Nicola Brady: Elsie was taken to A&E on Saturday evening with a bump to her forehead, fell off the sofa.'): Row => ({ id: 'csc', agency: "Children's Social Care", start, summary });
  const hv = (start: string, summary = 'Telephoned SW Kate Osei to share the ED attendance - she had not been told.'): Row => ({ id: 'hv', agency: 'Health Visiting', start, summary });
  it('the told record and the teller agency\'s record saying it telephoned the told agency: the same event; the told record still reports the attendance', () => {
    const ls = links([ed, csc('2023-05-15T09:40'), hv('2023-05-15T09:40')]);
    expect(sameEvent(ls)).toEqual(['csc hv']);
    expect(ls.find((l) => l.kind === 'same-event')).toMatchObject({ confidence: 'medium', reason: "Call between agencies, recorded at both ends on 15/05/2023, recorded by Children's Social Care and Health Visiting" });
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['ed'] }]);
  });
  it('timed at most 120 minutes apart (similarity.maxMinutesApart), or either untimed', () => {
    expect(sameEvent(links([ed, csc('2023-05-15T11:40'), hv('2023-05-15T09:40')]))).toEqual(['csc hv']);
    expect(sameEvent(links([ed, csc('2023-05-15T11:41'), hv('2023-05-15T09:40')]))).toEqual([]);
    expect(sameEvent(links([ed, csc('2023-05-15T16:00'), hv('2023-05-15')]))).toEqual(['csc hv']);
  });
  it('not on another day', () => {
    expect(sameEvent(links([ed, csc('2023-05-16T09:40'), hv('2023-05-15T09:40')]))).toEqual([]);
  });
  it('not when the teller\'s record names no contact, or not the told agency', () => {
    expect(sameEvent(links([ed, csc('2023-05-15T09:40'), hv('2023-05-15T09:40', 'Clinic: weight 10.2kg, development on track.')]))).toEqual([]);
    expect(sameEvent(links([ed, csc('2023-05-15T09:40'), hv('2023-05-15T09:40', 'Telephoned GP to share the ED attendance.')]))).toEqual([]);
  });
  it('not when the told record names no agency as its teller ("Call from mother")', () => {
    expect(sameEvent(links([ed, csc('2023-05-15T09:40', 'Call from mother: Elsie was taken to A&E on Saturday evening.'), hv('2023-05-15T09:40')]))).toEqual([]);
  });
  it('not when two of the teller agency\'s records that day fit: which was the call would be a guess', () => {
    const second: Row = { id: 'hv2', agency: 'Health Visiting', start: '2023-05-15T10:00', summary: 'Rang SW again re the ED attendance, left a message.' };
    expect(sameEvent(links([ed, csc('2023-05-15T09:40'), hv('2023-05-15T09:40'), second]))).toEqual([]);
  });
  it('not a record already one event with another\'s: the incident that says at its end it informed the told agency', () => {
    const amb: Row = { id: 'amb', agency: 'Ambulance', start: '2024-06-22T13:15', summary: 'Child unresponsive, white powder residue in a grip bag on the coffee table, mum asleep on sofa. Conveyed.' };
    const police: Row = { id: 'police', agency: 'Police', start: '2024-06-22T13:30', summary: 'Officers on scene. Child unresponsive, white powder residue in a grip bag on the coffee table, mum asleep on the sofa, arrested. CSC EDT informed by phone 15:05.' };
    const edt: Row = { id: 'edt', agency: 'CSC', start: '2024-06-22T15:05', summary: 'Call from police (PS Danes): child taken to hospital by ambulance, white powder on the coffee table, mum arrested.' };
    expect(sameEvent(links([amb, police, edt]))).toEqual(['amb police']);
    // The control: without the ambulance's record, the police record is the call's other end.
    expect(sameEvent(links([police, edt]))).toEqual(['edt police']);
  });
  it('a told record with no day named reports its day or the day before, but never the other end of its own call', () => {
    const school: Row = { id: 'school', agency: 'School', start: '2022-09-14', summary: 'DSL telephoned MASH at 2.30pm and sent the online referral form: neglect, weight loss, absence.' };
    const mash: Row = { id: 'mash', agency: 'CSC', start: '2022-09-14T14:35', summary: 'Telephone referral from St Aidan\'s DSL J. Okoro: neglect, weight loss, absence, online form to follow.' };
    const ls = links([school, mash]);
    expect(sameEvent(ls)).toEqual(['mash school']);
    expect(refersTo(ls)).toEqual([]);
  });
  it('rules without "contacted" link no call; its expression is checked', () => {
    const { contacted: _, ...without } = DEFAULT_LINK_RULES;
    expect(sameEvent(links([ed, csc('2023-05-15T09:40'), hv('2023-05-15T09:40')], without))).toEqual([]);
    expect(() => validateLinkRules({ ...DEFAULT_LINK_RULES, contacted: '(' })).toThrow('"contacted" is invalid');
  });
});

describe('more ways of saying another agency told the record', () => {
  const ed: Row = { id: 'ed', agency: 'ED', start: '2021-03-14T22:05', summary: 'Head injury - fell from sofa per mother' };
  const amb: Row = { id: 'amb', agency: 'Ambulance', start: '2021-03-14T21:30', summary: 'Head injury, 2 year old fell from sofa, conveyed' };
  it.each([
    'Referral received from ED: head injury to 2 year old, fell from sofa',
    'Urgent referral from ED paediatric liaison: head injury to 2 year old, fell from sofa',
    'Informed by A&E (liaison nurse) that the 2 year old fell from the sofa: head injury',
    'Told of A&E attendance, head injury, fell from sofa',
  ])('"%s" reports the attendance of its day or the day before', (summary) => {
    const ls = links([amb, ed, { id: 'csc', agency: 'CSC', start: '2021-03-15T08:30', summary }]);
    expect(sameEvent(ls)).toEqual(['amb ed']);
    expect(refersTo(ls)).toEqual([{ from: 'csc', to: ['amb', 'ed'] }]);
  });
  it('a referral from the family is no agency telling: the record is not one of being told', () => {
    const ls = links([amb, ed, { id: 'csc', agency: 'CSC', start: '2021-03-15T08:30', summary: 'Self-referral from mum: head injury to 2 year old, fell from sofa' }]);
    expect(refersTo(ls)).toEqual([]);
  });
});

describe('a meeting\'s notification or actions received are no record of the meeting', () => {
  const marac: Row[] = [
    { id: 'csc', agency: 'CSC', start: '2024-09-26T10:00', summary: 'SW attended MARAC. Case heard, referral after the DA incident of 14/09.' },
    { id: 'police', agency: 'Police', start: '2024-09-26T10:00', summary: 'MARAC - case heard. DA marker, IDVA allocated.' },
  ];
  it.each([
    ['the same day', '2024-09-26', 'MARAC notification received: mother high-risk DA victim. Alert added.'],
    ['the next day', '2024-09-27', 'MARAC actions received: HV to flag records and share with GP.'],
  ])('%s: "%s"', (_, start, summary) => {
    expect(sameEvent(links([...marac, { id: 'gp', agency: 'GP', start, summary }]))).toEqual(['csc police']);
  });
  it('a record of the meeting listing its actions is the meeting', () => {
    expect(sameEvent(links([...marac, { id: 'hv', agency: 'HV', start: '2024-09-26T10:00', summary: 'HV attended MARAC. Actions: flag records.' }]))).toEqual(['csc hv police']);
  });
});

describe('a mental health service and the GP by the names practitioners use', () => {
  const amh: Row = { id: 'amh', agency: 'Adult Mental Health', start: '2023-04-15T10:20', summary: 'Seen in ARI ED at 10.20 - brought in by ambulance after taking 24 paracetamol with vodka. NAC completed.' };
  it('"liaison psychiatry" names the mental health service: the email reports its only record of that Saturday, on one shared word', () => {
    const hv: Row = { id: 'hv', agency: 'Health Visiting', start: '2023-04-17T15:40', summary: 'Email from liaison psychiatry: Jade assessed in ARI on Saturday morning after an overdose, referred on.' };
    expect(refersTo(links([amh, hv]))).toEqual([{ from: 'hv', to: ['amh'] }]);
    // Without the name, one shared word ("ARI") is not enough.
    expect(refersTo(links([amh, { ...hv, summary: 'Email from the liaison team: Jade assessed in ARI on Saturday morning after an overdose, referred on.' }]))).toEqual([]);
  });
  it('"CMHT" and "CPN" name it too', () => {
    const discharged: Row = { id: 'amh', agency: 'Adult Mental Health', start: '2024-05-09', summary: 'Jade did not attend on 18/04, 25/04 or 07/05. Discharged to GP care.' };
    const gp: Row = { id: 'gp', agency: 'GP', start: '2024-06-24T09:40', summary: 'Summary emailed to SW: mother discharged from CMHT 09/05/24 (letter received).' };
    expect(refersTo(links([discharged, gp]))).toEqual([{ from: 'gp', to: ['amh'] }]);
  });
  it('"at the doctor\'s" names the GP', () => {
    const gp: Row = { id: 'gp', agency: 'GP', start: '2024-01-24T11:10', summary: 'Brought by grandmother. Cough 4 days, wheeze. Salbutamol via spacer.' };
    const nursery = (summary: string): Row => ({ id: 'nursery', agency: 'Little Acorns Nursery', start: '2024-01-25T12:05', summary });
    expect(refersTo(links([gp, nursery("Collected by nan. Nan said Elsie was at the doctor's yesterday with her chest and has an inhaler now - wheeze.")]))).toEqual([{ from: 'nursery', to: ['gp'] }]);
    expect(refersTo(links([gp, nursery('Collected by nan. Nan said Elsie was poorly yesterday with her chest and has an inhaler now - wheeze.')]))).toEqual([]);
  });
});

describe('told by another agency of a meeting held on an earlier day: a report of it, not a record of it', () => {
  const csc: Row = { id: 'csc', agency: "Children's Social Care", start: '2023-08-24T15:30', summary: 'Joint s47 visit with DC Fraser. Elsie seen with mum. Lockable tin for medication seen.' };
  const police: Row = { id: 'police', agency: 'Police', start: '2023-08-24T15:30', summary: 'Joint visit with SW (s47). Elsie seen in the lounge. Medication now in a locked tin.' };
  const hv = (summary: string): Row => ({ id: 'hv', agency: 'Health Visiting', start: '2023-08-25T12:20', summary });
  it('"SW rang: … joint visit with police yesterday" does not join the visit; it reports it', () => {
    const ls = links([csc, police, hv('SW K. Osei rang: Connor arrested on Wednesday. Joint visit with police yesterday - medication now locked away in a tin.')]);
    expect(sameEvent(ls)).toEqual(['csc police']);
    expect(refersTo(ls)).toEqual([{ from: 'hv', to: ['csc', 'police'] }]);
  });
  it('the control: a record of its own agency\'s part in it, the day after, joins it', () => {
    expect(sameEvent(links([csc, police, hv('Joint visit with police and SW yesterday - HV attended, medication now locked away in a tin.')]))).toEqual(['csc hv police']);
  });
});
