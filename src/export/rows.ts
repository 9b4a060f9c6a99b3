/**
 * The report author's view of a merged event, shared by the CSV and Markdown tables: the date as
 * a person writes it, the agency and the team inside it that made the record, the source as
 * `file:line`, the other records of the same real-world event.
 */
import { displayDate, displayTime } from '../model/calendar.js';
import type { ChronologyEvent, EventFlag, Timeline } from '../model/types.js';

export const TABLE_HEADINGS = ['Date', 'Time', 'Agency', 'Team', 'Type', 'Event', 'Outcome', 'Significance', 'Source', 'Linked with', 'Notes'] as const;

const FLAG_NOTES: Partial<Record<EventFlag, string>> = {
  approximate: 'date approximate',
  'period-start': 'sorted at the start of its period',
  undated: 'date unreadable: see issues',
  'no-summary': 'event text made from the row\'s other cells (or none): see issues',
  'out-of-scope': 'outside the review scope',
  'time-unreadable': 'time unreadable: see issues',
};

/**
 * Event id → "Agency (id); …" for every other record of its same-event group, "reports Agency
 * (id)" for the event a record reports, and "reported by Agency (id)" for the records reporting it.
 */
export function linkedWith(timeline: Pick<Timeline, 'events' | 'links'>): Map<string, string> {
  const agencyOf = new Map<string, string>();
  const linked = new Set<string>();
  for (const l of timeline.links) for (const id of l.events) linked.add(id);
  for (const e of timeline.events) if (linked.has(e.id)) agencyOf.set(e.id, e.agency);
  const name = (id: string): string => `${agencyOf.get(id) ?? ''} (${id})`;
  const parts = new Map<string, string[]>();
  const add = (id: string, part: string): void => { (parts.get(id) ?? parts.set(id, []).get(id)!).push(part); };
  for (const l of timeline.links) {
    if (l.kind === 'refers-to' && l.from !== undefined && l.to !== undefined) {
      add(l.from, `reports ${l.to.map(name).join(', ')}`);
      for (const id of l.to) add(id, `reported by ${name(l.from)}`);
      continue;
    }
    for (const id of l.events) add(id, l.events.filter((o) => o !== id).map(name).join('; '));
  }
  return new Map([...parts].map(([id, p]) => [id, p.join('; ')]));
}

export function eventRow(e: ChronologyEvent, linked: Map<string, string>): string[] {
  const notes = e.flags.map((f) => FLAG_NOTES[f]).filter((n): n is string => n !== undefined);
  return [
    displayDate(e.date),
    displayTime(e.date),
    e.agency,
    e.team ?? '',
    e.type ?? '',
    e.summary,
    e.outcome ?? '',
    e.significance ?? '',
    `${e.source.file}:${e.source.line}`,
    linked.get(e.id) ?? '',
    notes.join('; '),
  ];
}
