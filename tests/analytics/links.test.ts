/**
 * Analytics read only same-event links as "one real-world event": a refers-to link (a record that
 * reports an earlier event recorded elsewhere) never makes two records one. A link without a kind
 * (a timeline written before links had kinds) is a same-event link.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { buildContext } from '../../src/analytics/context.js';
import { DEFAULT_RULES } from '../../src/analytics/rules.js';
import { caseTimeline, kindless, refersTo, sameEvent } from './cases.js';

const CSC = "Children's Social Care";

// Two records of referrals closed with no further action, two days apart: csc-2 and police-2.
const nfa = (links: Parameters<typeof caseTimeline>[1]) => caseTimeline([
  { file: 'csc.csv', agency: CSC, header: 'Date,Event', rows: ['16/03/2021,Referral closed - no further action'] },
  { file: 'police.csv', agency: 'Police', header: 'Date,Details', rows: ['18/03/2021,Told by CSC: referral closed NFA'] },
], links);
const nfaPattern = (links: Parameters<typeof caseTimeline>[1]) => analyse(nfa(links)).patterns.filter((p) => p.rule === 'repeat-nfa-referrals');

describe('patterns count a same-event group once, and refers-to records apart', () => {
  it('two records with no link: two referrals closed, a pattern (min 2)', () => {
    expect(nfaPattern([]).map((p) => p.events)).toEqual([['csc-2', 'police-2']]);
  });
  it('linked as the same event: one referral, no pattern', () => {
    expect(nfaPattern([sameEvent('link-1', ['csc-2', 'police-2'], [CSC, 'Police'])])).toEqual([]);
  });
  it('a link without a kind is read as same-event: no pattern', () => {
    expect(nfaPattern([kindless(sameEvent('link-1', ['csc-2', 'police-2'], [CSC, 'Police']))])).toEqual([]);
  });
  it('linked as refers-to: still two records, the pattern stands', () => {
    expect(nfaPattern([refersTo('link-1', 'police-2', ['csc-2'], [CSC, 'Police'])]).map((p) => p.events)).toEqual([['csc-2', 'police-2']]);
  });
});

describe('the context indexes same-event links only', () => {
  const t = nfa([refersTo('link-1', 'police-2', ['csc-2'], [CSC, 'Police']), sameEvent('link-2', ['csc-2', 'police-2'], [CSC, 'Police'])]);
  const ctx = buildContext(t, DEFAULT_RULES, ['L']);
  const at = (id: string) => t.events.findIndex((e) => e.id === id);
  it('linkOf gives the same-event link, never the refers-to one', () => {
    expect([ctx.linkOf(at('csc-2')), ctx.linkOf(at('police-2'))]).toEqual([1, 1]);
    const only = buildContext(nfa([refersTo('link-1', 'police-2', ['csc-2'], [CSC, 'Police'])]), DEFAULT_RULES, ['L']);
    expect([only.linkOf(0), only.linkOf(1)]).toEqual([-1, -1]);
  });
  it('linkStart finds the same-event link behind a refers-to link (-1 for the refers-to link)', () => {
    expect(Array.from(ctx.linkStart)).toEqual([-1, at('csc-2')]);
  });
  it('isReport is true for the refers-to link\'s from only', () => {
    expect(t.events.map((e, i) => [e.id, ctx.isReport(i)])).toEqual([['csc-2', false], ['police-2', true]]);
  });
});

describe('a referral\'s response is not a record of the same event, but may be a record that reports it', () => {
  const referral = (links: Parameters<typeof caseTimeline>[1]) => analyse(caseTimeline([
    { file: 'police.csv', agency: 'Police', header: 'Date,Details', rows: ['01/03/2021,Domestic incident. PPN to CSC'] },
    { file: 'csc.csv', agency: CSC, header: 'Date,Event', rows: ['03/03/2021,Police PPN about the incident of 01/03 reviewed'] },
  ], links)).referrals.find((r) => r.event === 'police-2');
  it('refers-to: the CSC record is the response, 2 days on', () => {
    expect(referral([refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])])).toEqual({
      event: 'police-2', from: 'Police', to: CSC, date: '2021-03-01', response: 'csc-2', days: 2, noTimelyResponse: false,
    });
  });
  it('same-event: the CSC record is the referral itself, so no response is recorded', () => {
    expect(referral([sameEvent('link-1', ['police-2', 'csc-2'], ['Police', CSC])])).toEqual({
      event: 'police-2', from: 'Police', to: CSC, date: '2021-03-01', noTimelyResponse: true,
    });
  });
});

describe('the sharing network: a meeting is a same-event link, never a refers-to link', () => {
  const rows = {
    csc: { file: 'csc.csv', agency: CSC, header: 'Date,Event', rows: ['01/03/2021,Strategy discussion with police'] },
    police: { file: 'police.csv', agency: 'Police', header: 'Date,Details', rows: ['01/03/2021,Strategy discussion with CSC'] },
    // Involved 90 days before the meeting: possibly absent from it.
    school: { file: 'school.csv', agency: 'School', header: 'Date,Concern', rows: ['01/12/2020,M tired in class'] },
  };
  const network = (links: Parameters<typeof caseTimeline>[1]) => analyse(caseTimeline([rows.csc, rows.police, rows.school], links)).network;
  it('same-event: a meeting edge between the two agencies and School possibly absent (90 days before, at the edge)', () => {
    const n = network([sameEvent('link-1', ['csc-2', 'police-2'], [CSC, 'Police'])]);
    expect(n.edges.filter((e) => e.kind === 'meeting')).toEqual([{ from: CSC, to: 'Police', kind: 'meeting', count: 1, events: ['link-1'] }]);
    expect(n.absences).toEqual([{ link: 'link-1', meeting: 'Strategy discussion', date: '2021-03-01', recordedBy: [CSC, 'Police'], absent: ['School'] }]);
  });
  it('refers-to: no meeting edge and no absence', () => {
    const n = network([refersTo('link-1', 'police-2', ['csc-2'], [CSC, 'Police'])]);
    expect(n.edges.filter((e) => e.kind === 'meeting')).toEqual([]);
    expect(n.absences).toEqual([]);
  });
});

describe('linkedPlaces: where the records the links name are, found once for every link', () => {
  const t = caseTimeline([
    { file: 'csc.csv', agency: CSC, header: 'Date,Event', rows: ['16/03/2021,Referral closed - no further action', '20/03/2021,Strategy discussion with police'] },
    { file: 'police.csv', agency: 'Police', header: 'Date,Details', rows: ['18/03/2021,Told by CSC: referral closed NFA', '20/03/2021,Strategy discussion with CSC', '22/03/2021,Patrol'] },
  ], [refersTo('link-1', 'police-2', ['csc-2', 'csc-9'], [CSC, 'Police']), sameEvent('link-2', ['csc-3', 'police-3'], [CSC, 'Police'])]);
  const ctx = buildContext(t, DEFAULT_RULES, ['L']);
  const at = (id: string) => t.events.findIndex((e) => e.id === id);
  const placesOfLink = (k: number) => Array.from(ctx.linkedPlaces.subarray(ctx.linkEnds[k], ctx.linkEnds[k + 1]));
  it("gives a refers-to link's report then its targets, and a same-event link's records, link by link", () => {
    // Every one of them is somewhere (no -1 from findIndex), at four different places.
    expect(new Set(['police-2', 'csc-2', 'csc-3', 'police-3'].map(at)).size).toBe(4);
    expect(at('police-2')).toBeGreaterThanOrEqual(0);
    expect(Array.from(ctx.linkEnds)).toEqual([0, 3, 5]);
    // csc-9 is not in the timeline: -1 in its place.
    expect(placesOfLink(0)).toEqual([at('police-2'), at('csc-2'), -1]);
    expect(placesOfLink(1)).toEqual([at('csc-3'), at('police-3')]);
  });
  it('knows from them which records report, and which same-event link each record is in; nothing for a record no link names', () => {
    expect(at('police-4')).toBeGreaterThanOrEqual(0);
    expect(t.events.map((_, i) => ctx.isReport(i))).toEqual(t.events.map((e) => e.id === 'police-2'));
    expect(t.events.map((_, i) => ctx.linkOf(i))).toEqual(t.events.map((e) => (e.id === 'csc-3' || e.id === 'police-3' ? 1 : -1)));
    expect(ctx.membersOf(1)).toEqual([at('csc-3'), at('police-3')].sort((a, b) => a - b));
    expect(ctx.membersOf(0)).toEqual([]);
  });
  it('a link without a report holds -1 in its place, and makes no record a report', () => {
    const { from: _, ...noFrom } = refersTo('link-1', 'police-2', ['csc-2'], [CSC, 'Police']);
    const c = buildContext({ ...t, links: [noFrom] }, DEFAULT_RULES, ['L']);
    expect(Array.from(c.linkEnds)).toEqual([0, 2]);
    expect(Array.from(c.linkedPlaces)).toEqual([-1, at('csc-2')]);
    expect(t.events.some((_, i) => c.isReport(i))).toBe(false);
  });
});
