/**
 * Where linked records are in a timeline's events. The analyses start from a link's record ids
 * and need their places; finding a few thousand ids among a million by reading every id costs
 * about as much as a whole analysis section (each id is a string elsewhere in memory). Linking
 * knows the places already: it leaves them here, beside the events array (never in the
 * timeline's JSON), and a reader checks each one against the id at that place before trusting it,
 * so a timeline read back from JSON or edited since is answered by a sweep instead, never wrongly.
 */
import type { ChronologyEvent } from '../model/types.js';

const KNOWN = new WeakMap<readonly ChronologyEvent[], Map<string, number>>();

/** Remembers where records are in `events` (by id), for `positionsOf`. */
export function rememberPositions(events: readonly ChronologyEvent[], positions: ReadonlyMap<string, number>): void {
  let known = KNOWN.get(events);
  if (!known) KNOWN.set(events, (known = new Map()));
  for (const [id, i] of positions) known.set(id, i);
}

/**
 * Where each of `ids` is in `events`: those remembered, checked; the rest by one sweep (which
 * stops once all are found, and is remembered for the next question). An id not in `events` is
 * left out of the answer.
 */
export function positionsOf(events: readonly ChronologyEvent[], ids: Iterable<string>): Map<string, number> {
  const list = [...ids];
  const places = placesOf(events, list);
  const out = new Map<string, number>();
  for (let x = 0; x < list.length; x++) if (places[x] !== -1) out.set(list[x]!, places[x]!);
  return out;
}

/**
 * The same, place by place: where `ids[x]` is, at x (-1 where `events` has no record of that id,
 * or no id is given). A record named twice is found once.
 */
export function placesOf(events: readonly ChronologyEvent[], ids: ReadonlyArray<string | undefined>): Int32Array {
  const known = KNOWN.get(events);
  const out = new Int32Array(ids.length).fill(-1);
  const missing = new Set<string>();
  for (let x = 0; x < ids.length; x++) {
    const id = ids[x];
    if (id === undefined) continue;
    const i = known?.get(id);
    if (i !== undefined && events[i]?.id === id) out[x] = i;
    else missing.add(id);
  }
  if (missing.size === 0) return out;
  const found = new Map<string, number>();
  for (let i = 0; i < events.length && found.size < missing.size; i++) {
    const id = events[i]!.id;
    if (missing.has(id) && !found.has(id)) found.set(id, i);
  }
  for (let x = 0; x < ids.length; x++) {
    if (out[x] !== -1 || ids[x] === undefined) continue;
    const i = found.get(ids[x]!);
    if (i !== undefined) out[x] = i;
  }
  rememberPositions(events, found);
  return out;
}
