/**
 * Linking rules from home-ed-w's and moved-n's misses, each a rule of how agencies write, tested
 * both ways at its edge: "Present:" says a meeting was held; a meeting named with a day before the
 * record's own ("CP plan (ICPC 07/10)") is a meeting held before, so the record is neither a record
 * of it nor a mention of it by purpose; a record opening "PPN re…" or "PPN:" is a record of being
 * told; a night named runs past midnight; a meeting's record names an agency's records sentence by
 * sentence. Every expectation is worked out by hand from the rules as the README words them.
 */
import { describe, expect, it } from 'vitest';
import { links, refersTo, sameEvent, type Row } from './link-cases.js';

describe('"Present:" says the meeting was held', () => {
  const hv: Row = { id: 'hv', agency: 'HV', start: '2024-01-16', summary: 'Core group held at the children\'s centre.' };
  const csc = (summary: string): Row => ({ id: 'csc', agency: 'CSC', start: '2024-01-16', summary });
  it('a record naming the meeting with a purpose word ("minutes") and "Present:" is a record of it: one event', () => {
    expect(sameEvent(links([hv, csc('Core group minutes typed up. Present: SW, HV, DSL. Plan reviewed.')]))).toEqual(['csc hv']);
  });
  it('"Present at" and "present were" too', () => {
    expect(sameEvent(links([hv, csc('Core group minutes typed up. Present at the meeting: SW, HV.')]))).toEqual(['csc hv']);
    expect(sameEvent(links([hv, csc('Core group minutes typed up. Present were SW, HV, DSL.')]))).toEqual(['csc hv']);
  });
  it('not "present" with neither a colon nor "were"/"at" after it: the minutes are only mentioned', () => {
    expect(sameEvent(links([hv, csc('Core group minutes typed up. Mum present.')]))).toEqual([]);
  });
});

describe('a meeting named with a day before the record\'s own is a meeting held before', () => {
  const conference: Row = { id: 'conf', agency: 'CSC', start: '2024-10-21', summary: 'Initial child protection conference held. CP plan - neglect.' };
  const hv = (day: string): Row => ({ id: 'hv', agency: 'HV', start: '2024-10-21', summary: `Handover call with the new 0-19 team: CP plan (ICPC ${day}), speech delay, boosters outstanding.` });
  const received: Row = { id: 'new', agency: '0-19', start: '2024-10-24', summary: 'Handover from the old HV team noted (call 21/10): speech delay, boosters outstanding.' };
  it('named with the record\'s own day, it is a record of that meeting: one event with the conference', () => {
    expect(sameEvent(links([conference, hv('21/10')]))).toEqual(['conf hv']);
  });
  it.each([['the day before', '20/10'], ['two weeks before', '07/10'], ['a date with its year', '07/10/2024']])('named with %s, it is no record of the meeting held that day', (_, day) => {
    // The records share one informative word ("plan"): no link by wording either.
    expect(sameEvent(links([conference, hv(day)]))).toEqual([]);
  });
  it('and no mention of it by purpose: a later record naming its day refers to it', () => {
    // "new" names 21/10 and shares handover, call, team, speech, delay, boosters, outstanding with
    // hv, and no word with the conference: it refers to hv alone.
    expect(refersTo(links([conference, hv('07/10'), received]))).toEqual([{ from: 'new', to: ['hv'] }]);
  });
});

describe('records of being told: opening "PPN re" or "PPN:"', () => {
  const police: Row = { id: 'police', agency: 'Police', start: '2024-05-18T23:00', summary: 'PPN submitted to MASH after shouting at Tanners Row, broken glass, Jade intoxicated.' };
  const checks: Row = { id: 'checks', agency: 'CSC', start: '2024-06-05', summary: 'Checks: PPN 20/05 (Tanners Row, broken glass, Jade intoxicated).' };
  it.each([
    ['"PPN re"', 'PPN re incident 18/05 at Tanners Row: broken glass, Jade intoxicated.'],
    ['"PPN:"', 'PPN: shouting at Tanners Row on 18/05, broken glass, Jade intoxicated.'],
  ])('a record opening %s reports the incident and is no target of a later report', (_, summary) => {
    const ppn: Row = { id: 'ppn', agency: 'CSC', start: '2024-05-20', summary };
    expect(refersTo(links([police, ppn, checks]))).toEqual([{ from: 'ppn', to: ['police'] }]);
  });
  it('not "PPN" opening another sentence ("PPN checked"): that record is an event a later report may name', () => {
    const ppn: Row = { id: 'ppn', agency: 'CSC', start: '2024-05-20', summary: 'PPN checked against the incident of 18/05 at Tanners Row: broken glass, Jade intoxicated.' };
    expect(refersTo(links([police, ppn, checks]))).toEqual([{ from: 'ppn', to: ['police'] }, { from: 'checks', to: ['ppn'] }]);
  });
  it('a police record opening "PPN submitted" is the incident itself: the notification refers to it', () => {
    const note: Row = { id: 'note', agency: 'CSC', start: '2024-05-20', summary: 'Notification re the incident of 18/05 at Tanners Row: broken glass.' };
    expect(refersTo(links([police, note]))).toEqual([{ from: 'note', to: ['police'] }]);
  });
});

describe('a night named runs past midnight', () => {
  // Sunday 26/03/2023, 00:40: the police record of what a child calls "Saturday night".
  const police: Row = { id: 'police', agency: 'Police', start: '2023-03-26T00:40', summary: 'Neighbour reports banging. Dean kicked the bedroom door in.' };
  const sw = (summary: string): Row => ({ id: 'sw', agency: 'CSC', start: '2023-03-29', summary });
  it('"on Saturday night" reports the incident recorded in the Sunday\'s first hours', () => {
    expect(refersTo(links([police, sw('Willow says Dean kicked her bedroom door in on Saturday night.')]))).toEqual([{ from: 'sw', to: ['police'] }]);
  });
  it('not "on Saturday evening", nor "on Saturday": the Saturday alone, which holds no record', () => {
    expect(refersTo(links([police, sw('Willow says Dean kicked her bedroom door in on Saturday evening.')]))).toEqual([]);
    expect(refersTo(links([police, sw('Willow says Dean kicked her bedroom door in on Saturday.')]))).toEqual([]);
  });
});

describe('a meeting\'s record reports the records of the days it names beside an agency, sentence by sentence', () => {
  // Police records of two call-outs, and an ED record; each shares the one word "call" or
  // "attendance" with the meeting's record, far below refersTo.minOverlap of its words.
  const p1: Row = { id: 'p1', agency: 'Police', start: '2022-10-29T23:38', summary: 'DA call: neighbour reports screaming, partner arrested.' };
  const p2: Row = { id: 'p2', agency: 'Police', start: '2023-03-26T00:40', summary: 'DA call: bedroom door kicked in, partner left voluntarily.' };
  const strat = (summary: string): Row => ({ id: 'strat', agency: 'CSC', start: '2023-03-28T11:00', type: 'Strategy discussion', summary });
  it('"Police: DA call-outs 29/10/22 and 26/03/23": each the police\'s only record of its day', () => {
    const ls = links([p1, p2, strat('Strategy discussion (Teams). Present: SW, DS Kerr, school nurse. Police: call-outs 29/10/22 and 26/03/23. Decision: s47 threshold not met.')]);
    expect(refersTo(ls)).toEqual([{ from: 'strat', to: ['p1', 'p2'] }]);
  });
  it('not when the days are named in a sentence that names no agency', () => {
    const ls = links([p1, p2, strat('Strategy discussion (Teams). Present: SW, DS Kerr, police, school nurse. Call-outs 29/10/22 and 26/03/23 discussed. Decision: s47 threshold not met.')]);
    expect(refersTo(ls)).toEqual([]);
  });
  it('a day belongs to the agency named nearest before it: the ED\'s 29/10, not the police\'s', () => {
    const ed: Row = { id: 'ed', agency: 'ED', start: '2022-10-29T14:00', summary: 'Attendance: cut to the hand, glued.' };
    const ls = links([ed, p1, p2, strat('Strategy discussion. Conference heard of the police call-out on 26/03/23 and the ED attendance on 29/10/22. Decision: s47 threshold not met.')]);
    expect(refersTo(ls)).toEqual([{ from: 'strat', to: ['ed', 'p2'] }]);
  });
  it('not when the agency has two records that day: which one is meant would be a guess', () => {
    const p3: Row = { ...p2, id: 'p3', start: '2023-03-26T09:00', summary: 'DA call: follow-up visit, no answer.' };
    const ls = links([p1, p2, p3, strat('Strategy discussion (Teams). Police: call-outs 29/10/22 and 26/03/23. Decision: s47 threshold not met.')]);
    expect(refersTo(ls)).toEqual([{ from: 'strat', to: ['p1'] }]);
  });
});
