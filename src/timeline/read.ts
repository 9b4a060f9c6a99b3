/**
 * A merged timeline read back from its JSON (what `throughline merge --format json` wrote), so
 * analyses can start from a saved merge. The shape is checked enough to fail clearly on anything
 * else; the event ids stay exactly as merge gave them.
 */
import { ThroughlineError } from '../model/errors.js';
import { PRECISIONS, TIMELINE_FORMAT_VERSION, type ChronologyEvent, type Timeline } from '../model/types.js';

export function timelineFromJson(value: unknown, name: string): Timeline {
  const bad = (what: string): ThroughlineError =>
    new ThroughlineError('timeline-invalid', `${name}: not a merged timeline from throughline merge --format json: ${what}`, name);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('expected a JSON object');
  const t = value as Record<string, unknown>;
  if (typeof t.version !== 'string') throw bad('no "version"');
  if (t.version.split('.')[0] !== TIMELINE_FORMAT_VERSION.split('.')[0]) {
    throw bad(`version ${t.version} is not ${TIMELINE_FORMAT_VERSION.split('.')[0]}.x, which this throughline reads`);
  }
  for (const key of ['events', 'links', 'issues', 'files', 'agencyOrder']) if (!Array.isArray(t[key])) throw bad(`no list "${key}"`);
  const agencies = new Set(t.agencyOrder as unknown[]);
  (t.events as unknown[]).forEach((e, i) => {
    const ev = e as Partial<ChronologyEvent>;
    if (typeof ev?.id !== 'string' || typeof ev.agency !== 'string' || typeof ev.summary !== 'string') throw bad(`events[${i}] needs "id", "agency" and "summary"`);
    if (!agencies.has(ev.agency)) throw bad(`events[${i}].agency "${ev.agency}" is not in "agencyOrder"`);
    if (!ev.date || typeof ev.date.start !== 'string' || !PRECISIONS.includes(ev.date.precision!)) throw bad(`events[${i}].date needs "start" and a "precision"`);
    if (!ev.source || typeof ev.source.file !== 'string' || !Number.isInteger(ev.source.line)) throw bad(`events[${i}].source needs "file" and "line"`);
    ev.extra ??= {};
    ev.flags ??= [];
  });
  // Links before version 1.1 were all groups of one event.
  (t.links as unknown[]).forEach((l, i) => {
    const link = l as { kind?: string; events?: unknown };
    if (typeof link !== 'object' || link === null || !Array.isArray(link.events)) throw bad(`links[${i}] needs "events"`);
    link.kind ??= 'same-event';
  });
  return value as Timeline;
}
