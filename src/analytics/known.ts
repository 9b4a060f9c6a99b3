/**
 * What each agency knew, read back from the analysis (`knowledge`): at one decision point, what
 * its agency knew and did not; on one day, which records an agency could have known. Pure and
 * small, with no rules: the report, the diagrams and the web app read the analysis with it.
 */
import { dayNumber, eventPeriod } from '../model/calendar.js';
import type { ChronologyEvent } from '../model/types.js';
import type { DecisionPoint, Knowledge, KnownIncident, Learned, UnknownIncident } from './types.js';

/**
 * At one decision point: the incidents on or before its day that its agency is shown to have
 * known of by then (how, by which record, since when), and those it is not, with the agencies the
 * records show knew of each by then; each with its age in days at the decision. In incident order.
 */
export function atDecision(knowledge: Knowledge, point: DecisionPoint): { known: KnownIncident[]; notKnown: UnknownIncident[] } {
  const decided = dayNumber(point.date);
  const facts = new Map<string, Learned[]>();
  for (const f of knowledge.learned) {
    let list = facts.get(f.incident);
    if (!list) facts.set(f.incident, (list = []));
    list.push(f);
  }
  const known: KnownIncident[] = [];
  const notKnown: UnknownIncident[] = [];
  for (const incident of knowledge.incidents) {
    const day = dayNumber(incident.date);
    if (day > decided) break;
    const age = decided - day;
    const byThen = (facts.get(incident.id) ?? []).filter((f) => dayNumber(f.by) <= decided);
    const mine = byThen.find((f) => f.agency === point.agency);
    if (mine !== undefined) known.push({ incident: incident.id, age, how: mine.how, record: mine.record, since: mine.by, exact: mine.exact });
    else notKnown.push({ incident: incident.id, age, knownTo: byThen.map((f) => ({ agency: f.agency, how: f.how, record: f.record, since: f.by, exact: f.exact })) });
  }
  return { known, notKnown };
}


/**
 * The records an agency could have known on a day, as the records show it: its own records up to
 * then (a record dated to a week, month or year only once the whole of it is past: until then it
 * may have been written later), and for each incident it is shown to have known of by then, the
 * incident's records and the record that showed it. Everything else in the chronology it is not
 * shown to have known (`render timeline --as-known-by`).
 */
export function knownRecords(knowledge: Knowledge, timeline: { readonly events: readonly ChronologyEvent[] }, agency: string, on: string): Set<string> {
  const day = dayNumber(on);
  const known = new Set<string>();
  for (const e of timeline.events) {
    if (e.agency !== agency) continue;
    const period = eventPeriod(e.date);
    if (period !== null && dayNumber(period.last) <= day) known.add(e.id);
  }
  const incidents = new Map(knowledge.incidents.map((i) => [i.id, i]));
  for (const f of knowledge.learned) {
    if (f.agency !== agency || dayNumber(f.by) > day) continue;
    for (const id of incidents.get(f.incident)?.events ?? []) known.add(id);
    known.add(f.record);
  }
  return known;
}
