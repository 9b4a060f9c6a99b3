/**
 * Where linked records are (src/timeline/positions.ts): linking leaves their places beside the
 * events so an analysis need not read every id; a place is trusted only when the id there is the
 * one asked for, so a timeline read back from JSON or reordered since is answered by a sweep,
 * never wrongly. How many events are read is counted through a proxy: the speed is the point.
 */
import { describe, expect, it } from 'vitest';
import { placesOf, positionsOf, rememberPositions } from '../../src/timeline/positions.js';
import type { ChronologyEvent } from '../../src/model/types.js';
import { demoTimeline } from '../helpers/demo.js';

const ev = (id: string): ChronologyEvent => ({
  id, agency: 'GP', summary: id, date: { start: '2021-03-01', precision: 'day', text: '01/03/2021' }, source: { file: 'gp.csv', line: 2 }, extra: {}, flags: [],
});

/** The events behind a proxy that counts the places read (`events[i]`), and the count. */
function counted(events: ChronologyEvent[]): { events: ChronologyEvent[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(events, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { events: proxy, reads: () => reads };
}

describe('positionsOf', () => {
  it('finds each id by one sweep that stops at the last wanted; an id not there is left out', () => {
    const { events, reads } = counted(['a', 'b', 'c', 'd', 'e', 'f'].map(ev));
    expect([...positionsOf(events, ['c', 'b'])].sort()).toEqual([['b', 1], ['c', 2]]);
    // Places 0, 1 and 2 read: the sweep stopped once both were found.
    expect(reads()).toBe(3);
    const missing = counted(['a', 'b', 'c'].map(ev));
    expect([...positionsOf(missing.events, ['b', 'zz'])]).toEqual([['b', 1]]);
    // An id not in the timeline makes the sweep read every place.
    expect(missing.reads()).toBe(3);
  });

  it('remembers what a sweep found: asked again, it reads only the places it answers with', () => {
    const { events, reads } = counted(['a', 'b', 'c', 'd', 'e', 'f'].map(ev));
    positionsOf(events, ['e']);
    const before = reads();
    expect([...positionsOf(events, ['e'])]).toEqual([['e', 4]]);
    expect(reads() - before).toBe(1);
  });

  it('trusts a remembered place only when the id there is the one asked for (the events reordered since)', () => {
    const list = ['a', 'b', 'c', 'd'].map(ev);
    rememberPositions(list, new Map([['a', 0], ['d', 3]]));
    list.reverse();
    expect([...positionsOf(list, ['a', 'd'])].sort()).toEqual([['a', 3], ['d', 0]]);
    // A place past the end is not trusted either.
    const short = ['a', 'b'].map(ev);
    rememberPositions(short, new Map([['b', 7]]));
    expect([...positionsOf(short, ['b'])]).toEqual([['b', 1]]);
  });

  it('after a merge, the linked records\' places come from linking: finding them reads only their own ids', () => {
    const t = demoTimeline();
    const ids = [...new Set(t.links.flatMap((l) => [...l.events, ...(l.from ? [l.from] : []), ...(l.to ?? [])]))];
    // The demo's links name records (EXPECTED.md: its same-event groups and refers-to links).
    expect(ids.length).toBeGreaterThan(10);
    // Each event put behind a proxy that counts reads of its id, in place: the array stays the one linking saw.
    let idReads = 0;
    t.events.forEach((e, i) => {
      t.events[i] = new Proxy(e, { get(target, key, receiver) { if (key === 'id') idReads++; return Reflect.get(target, key, receiver) as unknown; } });
    });
    const answer = positionsOf(t.events, ids);
    expect(answer.size).toBe(ids.length);
    // One check per id, no sweep over the demo's other events.
    expect(idReads).toBe(ids.length);
    for (const [id, i] of answer) expect(t.events[i]!.id).toBe(id);
    // A copy (a timeline read back from JSON) has no places remembered: the same answer, by a sweep.
    const copy = JSON.parse(JSON.stringify(t.events)) as ChronologyEvent[];
    const c = counted(copy);
    expect(positionsOf(c.events, ids)).toEqual(answer);
    expect(c.reads()).toBeGreaterThan(ids.length);
  });
});

describe('placesOf', () => {
  it('answers place by place: a record named twice at both, one not there and one not given at -1', () => {
    const { events, reads } = counted(['a', 'b', 'c', 'd'].map(ev));
    expect(Array.from(placesOf(events, ['c', undefined, 'zz', 'a', 'c']))).toEqual([2, -1, -1, 0, 2]);
    // 'zz' is not there: the sweep read every place, once.
    expect(reads()).toBe(4);
    // What the sweep found is remembered: asked again, one read for each record asked about.
    const before = reads();
    expect(Array.from(placesOf(events, ['a', 'c']))).toEqual([0, 2]);
    expect(reads() - before).toBe(2);
  });

  it('is positionsOf place by place', () => {
    const t = demoTimeline();
    const ids = t.links.flatMap((l) => [...l.events, ...(l.from ? [l.from] : []), ...(l.to ?? [])]);
    const places = placesOf(t.events, ids);
    const map = positionsOf(t.events, ids);
    expect(places.length).toBe(ids.length);
    expect(ids.map((id) => map.get(id) ?? -1)).toEqual(Array.from(places));
    expect(Array.from(places).every((i, x) => t.events[i]!.id === ids[x])).toBe(true);
  });
});
