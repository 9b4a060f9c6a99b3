/**
 * The web app's data shaping (viz/app/model.ts), apart from the DOM: each record placed at its
 * own precision, days as UTC midnights across the clock changes, lanes, linked groups, shaded
 * spells, and zoom and pan at their limits. Expected values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  chronologyOf, dayStart, episodeLabels, extentOf, groupLines, inDomain, isoDay, knownByOf, lanesOf, marksOf, MIN_SPAN, panned, spellsOf, thinned, withEpisode, withTag, zoomed,
  type Domain, type Mark, type Spell, type TimelinePage,
} from '../../viz/app/model.js';
import type { ChronologyEvent, CrossAgencyLink, PartialDate } from '../../src/model/types.js';

const DAY = 86_400_000;
const ev = (id: string, agency: string, date: PartialDate): ChronologyEvent => ({ id, agency, date, summary: `s ${id}`, extra: {}, source: { file: 'f.csv', line: 2 }, flags: [] });
const day = (iso: string): PartialDate => ({ start: iso, precision: 'day', text: iso });
const link = (id: string, kind: CrossAgencyLink['kind'], events: string[]): CrossAgencyLink => ({ id, kind, events, agencies: [], reason: 'r', confidence: 'high' });

describe('marksOf', () => {
  it('a day is a point a day wide; a month a span of its days; a time a point; an undated record is counted, not placed', () => {
    const { marks, undated } = marksOf([
      ev('d', 'GP', day('2021-03-28')),
      ev('m', 'GP', { start: '2021-04-01', end: '2021-04-30', precision: 'month', text: 'April 2021' }),
      ev('t', 'GP', { start: '2021-10-31T01:30', precision: 'minute', text: '31/10/2021 01:30' }),
      ev('u', 'GP', { start: '', precision: 'unknown', text: '??' }),
    ]);
    expect(undated).toBe(1);
    expect(marks.map((m) => [m.id, m.point, isoDay(m.x1), isoDay(m.x2), m.when])).toEqual([
      ['d', true, '2021-03-28', '2021-03-29', '28/03/2021'],
      ['m', false, '2021-04-01', '2021-05-01', 'April 2021'],
      ['t', true, '2021-10-31', '2021-11-01', '31/10/2021 01:30'],
    ]);
    // The clock changes on 28/03/2021 and 31/10/2021: on the UTC axis those days are still 24 hours.
    expect(marks[0]!.x2.getTime() - marks[0]!.x1.getTime()).toBe(DAY);
    expect(marks[2]!.x2.getTime() - marks[2]!.x1.getTime()).toBe(DAY);
    expect(dayStart('2021-03-28').toISOString()).toBe('2021-03-28T00:00:00.000Z');
  });
});

describe('chronologyOf and lanesOf', () => {
  it('puts pages together in order, keeps a link on two pages once, and knows each record\'s links', () => {
    const l = link('L1', 'same-event', ['a', 'c']);
    const page = (events: ChronologyEvent[], links: CrossAgencyLink[]): TimelinePage => ({ version: '1', scope: { includeOutOfScope: false }, agencyOrder: ['Police', 'GP'], total: 3, offset: 0, limit: 2, events, links, stats: {} as TimelinePage['stats'] });
    const c = chronologyOf([page([ev('a', 'Police', day('2021-01-01')), ev('b', 'GP', day('2021-01-02'))], [l]), page([ev('c', 'GP', day('2021-01-03'))], [l])]);
    expect(c.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(c.links).toHaveLength(1);
    expect(c.linksOf.get('c')).toEqual([l]);
    expect(c.linksOf.has('b')).toBe(false);
  });
  it('lanes follow the review\'s agency order, then agencies it does not name, alphabetically, and only agencies present', () => {
    expect(lanesOf(['Police', 'GP', 'School'], ['School', 'Zed', 'Police', 'Alpha'])).toEqual(['Police', 'School', 'Alpha', 'Zed']);
  });
});

describe('groupLines', () => {
  const { marks } = marksOf([ev('a', 'Police', day('2021-01-01')), ev('b', 'GP', day('2021-01-01')), ev('c', 'School', day('2021-02-01'))]);
  it('joins a group\'s marks at their middles; refers-to links only when asked; a group with one mark on the axis is not drawn', () => {
    const links = [link('S', 'same-event', ['a', 'b']), link('R', 'refers-to', ['c', 'a']), link('X', 'same-event', ['a', 'gone'])];
    expect(groupLines(links, marks, false).map((l) => l.link)).toEqual(['S']);
    const both = groupLines(links, marks, true);
    expect(both.map((l) => [l.link, l.points.map((p) => p.id)])).toEqual([['S', ['a', 'b']], ['R', ['c', 'a']]]);
    expect(both[0]!.points[0]!.x.toISOString()).toBe('2021-01-01T12:00:00.000Z');
  });
});

describe('spellsOf and episodeLabels', () => {
  it('episodes and not-seen spells run from the start of their first day to the end of their last', () => {
    const spells = spellsOf({
      episodes: [{ id: 'e1', title: 'Birth', from: '2021-01-01', to: '2021-01-10', source: 'user', agencies: [], events: [] }],
      gaps: { overall: [], byAgency: [], childNotSeen: [{ from: '2021-02-01', to: '2021-03-02', days: 29, before: 'a', after: 'b', provisional: true }] },
    });
    expect(spells.map((s) => [s.kind, s.title, isoDay(s.x1), isoDay(s.x2)])).toEqual([
      ['episode', 'Birth', '2021-01-01', '2021-01-11'], ['not-seen', 'Child not seen: 29 days (provisional)', '2021-02-01', '2021-03-03'],
    ]);
    expect(spellsOf(undefined)).toEqual([]);
  });
  it('a title is written only where 4 characters fit (5.5 px each, 4 px spare), cut with an ellipsis', () => {
    // A 100-day domain over 1,000 px: 10 px a day. An episode of d days has 10d − 4 px: 4 characters need 22 px (d = 2.6).
    const domain: Domain = [dayStart('2021-01-01'), dayStart('2021-04-11')];
    const ep = (days: number, title: string): Spell => ({ kind: 'episode', title, x1: dayStart('2021-02-01'), x2: new Date(dayStart('2021-02-01').getTime() + days * DAY) });
    expect(episodeLabels([ep(2.6, 'Birth of M')], domain, 1000).map((s) => s.title)).toEqual(['Bir…']);
    expect(episodeLabels([ep(2.5, 'Birth of M')], domain, 1000)).toEqual([]);
    // 6.3 days: 59 px, 10 characters: the whole title.
    expect(episodeLabels([ep(6.3, 'Birth of M')], domain, 1000).map((s) => s.title)).toEqual(['Birth of M']);
    // Part outside the domain does not count: from 10 days before it starts, 3 days inside: 26 px, 4 characters of "Early".
    const early: Spell = { kind: 'episode', title: 'Early', x1: dayStart('2020-12-22'), x2: dayStart('2021-01-04') };
    expect(episodeLabels([early], domain, 1000).map((s) => [s.title, isoDay(s.x1)])).toEqual([['Ear…', '2021-01-01']]);
  });
});

describe('thinned', () => {
  // A 100-day domain over 100 px: a pixel is a day; buckets of 4 px are 4 days, counted from the domain's start.
  const domain: Domain = [dayStart('2021-01-01'), dayStart('2021-04-11')];
  it('one day mark stands for the others of its lane within the same 4 px; other lanes and other buckets keep theirs', () => {
    const { marks } = marksOf([
      // Middles at 0.5, 1.5 and 3.5 days: bucket 0; 4.5 days: bucket 1.
      ev('a', 'GP', day('2021-01-01')), ev('b', 'GP', day('2021-01-02')), ev('c', 'GP', day('2021-01-04')), ev('d', 'GP', day('2021-01-05')),
      ev('e', 'Police', day('2021-01-02')),
    ]);
    expect(thinned(marks, domain, 100, 4).map((m) => m.id)).toEqual(['a', 'd', 'e']);
    // The selected record is drawn whatever stands for its bucket.
    expect(thinned(marks, domain, 100, 4, 'c').map((m) => m.id)).toEqual(['a', 'c', 'd', 'e']);
    // Zoomed in tenfold, a pixel is a tenth of a day: every record has its own bucket.
    expect(thinned(marks, [domain[0], dayStart('2021-01-11')], 100, 4).map((m) => m.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
  it('spans covering the same pixels are drawn once; a span a pixel longer is its own', () => {
    const month = (id: string, end: string): ChronologyEvent => ev(id, 'GP', { start: '2021-02-01', end, precision: 'month', text: 'February 2021' });
    const { marks } = marksOf([month('m1', '2021-02-28'), month('m2', '2021-02-28'), month('m3', '2021-03-01')]);
    expect(thinned(marks, domain, 100, 4).map((m) => m.id)).toEqual(['m1', 'm3']);
  });
});

describe('zoom and pan', () => {
  const extent: Domain = [dayStart('2021-01-01'), dayStart('2022-01-01')];
  const width = (d: Domain) => (d[1].getTime() - d[0].getTime()) / DAY;
  it('extentOf pads a day either side, three when everything is on one day, and is undefined with nothing', () => {
    const { marks } = marksOf([ev('a', 'GP', day('2021-03-01')), ev('b', 'GP', day('2021-03-10'))]);
    expect(extentOf(marks)!.map(isoDay)).toEqual(['2021-02-28', '2021-03-12']);
    const one = marksOf([ev('a', 'GP', day('2021-03-01'))]).marks;
    expect(extentOf(one)!.map(isoDay)).toEqual(['2021-02-26', '2021-03-05']);
    expect(extentOf([])).toBeUndefined();
  });
  it('zooms about the pointer, never narrower than a week: 8 days halved is 7, 14 halved is 7, 16 halved is 8', () => {
    expect(MIN_SPAN).toBe(7 * DAY);
    const at = (from: string, days: number): Domain => [dayStart(from), new Date(dayStart(from).getTime() + days * DAY)];
    expect(width(zoomed(at('2021-06-01', 8), 0.5, 0.5, extent))).toBe(7);
    expect(width(zoomed(at('2021-06-01', 14), 0.5, 0.5, extent))).toBe(7);
    expect(width(zoomed(at('2021-06-01', 16), 0.5, 0.5, extent))).toBe(8);
    // About the left edge (at = 0), the start stays put.
    expect(isoDay(zoomed(at('2021-06-01', 16), 0.5, 0, extent)[0])).toBe('2021-06-01');
    // About the middle, a 16-day view from 01/06 halves to 05/06–13/06.
    expect(zoomed(at('2021-06-01', 16), 0.5, 0.5, extent).map(isoDay)).toEqual(['2021-06-05', '2021-06-13']);
  });
  it('never wider than the whole, and kept inside it', () => {
    expect(zoomed(extent, 4, 0.5, extent).map(isoDay)).toEqual(['2021-01-01', '2022-01-01']);
    const late: Domain = [dayStart('2021-12-20'), dayStart('2021-12-30')];
    expect(panned(late, 1, extent).map(isoDay)).toEqual(['2021-12-22', '2022-01-01']);
    expect(panned(late, -0.5, extent).map(isoDay)).toEqual(['2021-12-15', '2021-12-25']);
    const early: Domain = [dayStart('2021-01-03'), dayStart('2021-01-13')];
    expect(panned(early, -1, extent).map(isoDay)).toEqual(['2021-01-01', '2021-01-11']);
  });
  it('inDomain keeps marks that overlap the view; one ending exactly at its start, or starting exactly at its end, is off it', () => {
    const { marks } = marksOf([ev('before', 'GP', day('2021-05-31')), ev('first', 'GP', day('2021-06-01')), ev('last', 'GP', day('2021-06-09')), ev('after', 'GP', day('2021-06-10'))]);
    const view: Domain = [dayStart('2021-06-01'), dayStart('2021-06-10')];
    expect(inDomain(marks, view).map((m: Mark) => m.id)).toEqual(['first', 'last']);
  });
});

describe('withTag: a record\'s tags with one more', () => {
  it('good and missed replace each other; an incident goes with either; the same tag twice is once', () => {
    expect(withTag(undefined, 'good')).toBe('good');
    expect(withTag('good', 'missed')).toBe('missed');
    expect(withTag('missed', 'incident')).toEqual(['missed', 'incident']);
    expect(withTag(['missed', 'incident'], 'good')).toEqual(['good', 'incident']);
    expect(withTag('incident', 'incident')).toBe('incident');
    expect(withTag(['good', 'incident'], 'incident')).toEqual(['good', 'incident']);
  });
});

describe('knownByOf: the chronology as a decision\'s agency could know it on its day', () => {
  it('its own records to that day, and each incident it knew by then with the record that showed it', () => {
    const events = [ev('p-1', 'Police', day('2021-03-01')), ev('c-1', 'CSC', day('2021-03-02')), ev('c-2', 'CSC', day('2021-03-09')), ev('p-2', 'Police', day('2021-03-08'))];
    const knowledge = {
      incidents: [{ id: 'p-1', events: ['p-1'], date: '2021-03-01', agencies: ['Police'], why: [{ kind: 'tagged' as const }] }],
      learned: [{ incident: 'p-1', agency: 'CSC', how: 'shared' as const, record: 'p-1', by: '2021-03-01', exact: true, days: 0 }],
      decisions: [{ event: 'c-1', agency: 'CSC', kind: 'nfa', title: 'No further action', date: '2021-03-02', known: 1, notKnown: 0 }],
      agencies: [], notPlaced: [],
    };
    const k = knownByOf({ knowledge } as unknown as Parameters<typeof knownByOf>[0], { events }, knowledge.decisions[0]!);
    expect({ ...k, records: [...k.records].sort() }).toEqual({ agency: 'CSC', on: '2021-03-02', event: 'c-1', title: 'no further action', records: ['c-1', 'p-1'] });
  });
});

describe('withEpisode: a reviewer\'s episodes with one written in', () => {
  const a = { title: 'A', from: '01/03/2021', to: '05/03/2021' };
  const b = { title: 'B', from: '2021-04-01', to: '2021-04-30' };
  const c = { title: 'C', from: '01/05/2021', to: '02/05/2021' };
  it('adds a new one at the end, the list given unchanged', () => {
    const mine = [a, b];
    expect(withEpisode(mine, c)).toEqual([a, b, c]);
    expect(mine).toEqual([a, b]);
  });
  it('replaces the one edited in its place, first and last alike', () => {
    expect(withEpisode([a, b], c, 0)).toEqual([c, b]);
    expect(withEpisode([a, b], c, 1)).toEqual([a, c]);
  });
  it('refuses a place outside the list rather than adding', () => {
    expect(() => withEpisode([a, b], c, 2)).toThrow('no episode 2 to change: there are 2');
    expect(() => withEpisode([a, b], c, -1)).toThrow('no episode -1 to change: there are 2');
    expect(() => withEpisode([], c, 0)).toThrow('no episode 0 to change: there are 0');
    expect(() => withEpisode([a], c, 0.5)).toThrow(RangeError);
  });
});
