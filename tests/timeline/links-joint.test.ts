/**
 * Linking rules from moved-n's misses, each a rule of how agencies write, tested both ways at its
 * edge: one happening two agencies attended, each naming the other, is one event; a word saying a
 * meeting was held counts only in the sentence that names the meeting or the next ("Ambulance
 * attended. DASH HIGH - MARAC." is no MARAC); a DASH grade or a risk level before a meeting's name
 * refers the case to it; a record that names a meeting only after its first sentence records a
 * happening of its own; a name's initial ("K. Osei") ends no sentence; a domestic abuse incident
 * or call-out named is the police's. Every expectation is worked out by hand from the rules as the
 * README words them.
 */
import { describe, expect, it } from 'vitest';
import { links, refersTo, sameEvent, type Row } from './link-cases.js';

describe('one happening attended by two agencies, each naming the other', () => {
  // The two share one informative word ("arrested"): wording alone links nothing (two needed).
  const police: Row = { id: 'police', agency: 'Police', start: '2024-06-22T01:10', summary: 'Call from neighbour - screaming. Jade facial injuries, nose bleeding - ambulance requested. Liam arrested.' };
  const crew = (start: string, summary = 'Police on scene, partner arrested. Epistaxis, swollen nose.'): Row => ({ id: `crew${start.slice(11, 13)}${start.slice(14)}`, agency: 'Ambulance Service', start, summary });
  it('eleven minutes apart: one event', () => {
    expect(sameEvent(links([police, crew('2024-06-22T01:21')]))).toEqual(['crew0121 police']);
  });
  it('at most maxMinutesApart (120) apart: 120 minutes is one event, 121 is not', () => {
    expect(sameEvent(links([police, crew('2024-06-22T03:10')]))).toEqual(['crew0310 police']);
    expect(sameEvent(links([police, crew('2024-06-22T03:11')]))).toEqual([]);
  });
  it('not when only one names the other: the crew\'s record names no police', () => {
    expect(sameEvent(links([police, crew('2024-06-22T01:21', 'Partner arrested. Epistaxis, swollen nose.')]))).toEqual([]);
  });
  it('not when one is dated to the day only: no minutes apart to weigh', () => {
    expect(sameEvent(links([police, crew('2024-06-22')]))).toEqual([]);
  });
  it('not when two records of the other agency fit: which was the happening would be a guess', () => {
    expect(sameEvent(links([police, crew('2024-06-22T01:21'), crew('2024-06-22T01:40')]))).toEqual([]);
  });
  it('not an agency named only in a sentence of contacting it ("CSC EDT informed by phone 20:30"): a call, not a partner there', () => {
    const found: Row = { id: 'police', agency: 'Police', start: '2023-06-12T19:45', summary: 'Kai located at Saltmouth station with a male aged 19, £460 cash, 2 phones. Returned home 23:30.' };
    const edt = (summary: string): Row => ({ id: 'edt', agency: 'CSC', start: '2023-06-12T20:30', summary });
    const told = 'DS Varma (Op Sentinel) rang: Kai found in Saltmouth tonight. Being brought home by police.';
    expect(sameEvent(links([{ ...found, summary: `${found.summary} Castlemere CSC EDT informed by phone 20:30.` }, edt(told)]))).toEqual([]);
    // The same words, the EDT named as there ("EDT SW met officers at the station"): one happening.
    expect(sameEvent(links([{ ...found, summary: `${found.summary} EDT SW met officers at the station.` }, edt(told)]))).toEqual(['edt police']);
  });
  it('not a referral received ("Referred from ED"): a contact of its own, after the happening', () => {
    const ed: Row = { id: 'ed', agency: 'Emergency Department', start: '2022-06-19T01:15', summary: 'Assault - punched face by partner. Discharged to maternity triage for fetal check.' };
    const maternity = (summary: string): Row => ({ id: 'mat', agency: 'Maternity Unit', start: '2022-06-19T02:05', summary });
    expect(sameEvent(links([ed, maternity('Referred from ED after reported assault. CTG reassuring, FM present.')]))).toEqual([]);
    expect(sameEvent(links([ed, maternity('Midwife came down to ED after reported assault. CTG reassuring, FM present.')]))).toEqual(['ed mat']);
  });
});

describe('a held word says a meeting took place only in the sentence naming it or the next', () => {
  // The IDVA's record of the MARAC that day, and a police record naming it.
  const idva: Row = { id: 'idva', agency: 'IDVA', start: '2024-04-10', summary: 'MARAC held: case heard, safety plan agreed.' };
  const police = (summary: string): Row => ({ id: 'police', agency: 'Police', start: '2024-04-10', summary });
  it('"Ambulance attended. DASH HIGH - MARAC.": the ambulance attended, the case is referred; no record of the MARAC', () => {
    expect(sameEvent(links([idva, police('Liam pushed Jade into a wall, cut lip. Nico seen, no injuries. Ambulance attended. DASH HIGH - MARAC.')]))).toEqual([]);
  });
  it('"MARAC - DS attended.": the MARAC was attended, one event with the IDVA\'s record', () => {
    expect(sameEvent(links([idva, police('MARAC - DS attended, case heard.')]))).toEqual(['idva police']);
  });
  it('a risk level before the name refers too ("HIGH risk - MARAC"); "MARAC threshold not met" names no MARAC held', () => {
    expect(sameEvent(links([idva, police('Liam arrested. HIGH risk - MARAC.')]))).toEqual([]);
    expect(sameEvent(links([idva, police('Risk raised to medium, MARAC threshold not met.')]))).toEqual([]);
    // Without the risk words, the name alone is a record of the meeting.
    expect(sameEvent(links([idva, police('Liam arrested. MARAC.')]))).toEqual(['idva police']);
  });
});

describe('a record naming a meeting only after its first sentence records a happening of its own', () => {
  const police = (summary: string): Row => ({ id: 'police', agency: 'Police', start: '2025-03-30T00:45', summary });
  const csc: Row = { id: 'csc', agency: 'CSC', start: '2025-03-31', summary: 'Strategy information: Liam forced entry 30/03, pushed Jade into the wall and punched her.' };
  it('named last ("… punched her. DASH HIGH - MARAC referral."): the incident, which a later record reports', () => {
    expect(refersTo(links([police('Liam forced entry to the flat, pushed Jade into the wall and punched her. DASH HIGH - MARAC referral.'), csc]))).toEqual([{ from: 'csc', to: ['police'] }]);
  });
  it('named in the first sentence ("MARAC referral for Jade: …"): a record about the meeting, no target', () => {
    expect(refersTo(links([police('MARAC referral for Jade: Liam forced entry, pushed Jade into the wall and punched her.'), csc]))).toEqual([]);
  });
  it('a name\'s initial ends no sentence: "Referral by DS R. Ward for MARAC: …" names it in the first', () => {
    expect(refersTo(links([police('Referral by DS R. Ward for MARAC: Liam forced entry, pushed Jade into the wall and punched her.'), csc]))).toEqual([]);
  });
});

describe('a domestic abuse incident or call-out named is the police\'s', () => {
  // One word in common ("door"): too few by wording (two needed); enough for the police's only
  // record of the day when the record names the police beside the day.
  const police: Row = { id: 'police', agency: 'Police', start: '2023-03-26T00:40', summary: 'Neighbour reports shouting and banging; bedroom door panel kicked in.' };
  const nurse = (summary: string): Row => ({ id: 'nurse', agency: 'School Nursing', start: '2023-03-28T11:00', summary });
  it.each([
    ['"DA incident 26/03"', 'Call to SW re the DA incident 26/03: health history given, enuresis, door alarm.'],
    ['"domestic call-out on 26/03"', 'Call to SW re the domestic call-out on 26/03: health history given, enuresis, door alarm.'],
    ['"domestic abuse incident of 26/03"', 'Call to SW re the domestic abuse incident of 26/03: health history given, enuresis, door alarm.'],
  ])('%s reports the police\'s record of that day', (_, summary) => {
    expect(refersTo(links([police, nurse(summary)]))).toEqual([{ from: 'nurse', to: ['police'] }]);
  });
  it('not "the incident 26/03": no agency named, and one word is too few', () => {
    expect(refersTo(links([police, nurse('Call to SW re the incident 26/03: health history given, enuresis, door alarm.')]))).toEqual([]);
  });
});
