/**
 * The merged timeline as JSON, written in chunks: a million-event document is larger than the
 * longest string V8 allows, so it is never built whole. Keys come out in one fixed order, so the
 * same input gives byte-identical output.
 */
import type { ChronologyEvent, Timeline } from '../model/types.js';
import { batched, each } from './chunks.js';

/** The event with its keys in the documented order. */
export function canonicalEvent(e: ChronologyEvent): Record<string, unknown> {
  const date: Record<string, unknown> = { start: e.date.start };
  if (e.date.end !== undefined) date.end = e.date.end;
  date.precision = e.date.precision;
  date.text = e.date.text;
  if (e.date.approximate) date.approximate = true;
  const out: Record<string, unknown> = { id: e.id, agency: e.agency, date, summary: e.summary };
  for (const k of ['type', 'practitioner', 'team', 'outcome', 'significance', 'sequence', 'informationSource', 'subjects', 'reference'] as const) {
    if (e[k] !== undefined) out[k] = e[k];
  }
  out.extra = e.extra;
  out.source = { file: e.source.file, line: e.source.line };
  out.flags = e.flags;
  return out;
}

export function* timelineJsonChunks(timeline: Timeline): Generator<string> {
  const head = {
    version: timeline.version,
    scope: timeline.scope,
    agencyOrder: timeline.agencyOrder,
    stats: timeline.stats,
    files: timeline.files,
    links: timeline.links,
    issues: timeline.issues,
  };
  const open = JSON.stringify(head, null, 1);
  yield `${open.slice(0, -2)},\n "events": [`;
  yield* batched(each(timeline.events, (e, n) => `${n === 0 ? '\n  ' : ',\n  '}${JSON.stringify(canonicalEvent(e))}`));
  yield `${timeline.events.length === 0 ? ']' : '\n ]'}\n}\n`;
}
