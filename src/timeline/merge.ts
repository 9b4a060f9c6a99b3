/**
 * All agencies' chronologies → one merged, traceable timeline: one order, the review scope
 * applied, cross-agency links found, per-file reports and every issue kept.
 */
import { ThroughlineError } from '../model/errors.js';
import {
  TIMELINE_FORMAT_VERSION, type AgencyChronology, type AgencyFileReport, type ChronologyEvent, type IngestIssue,
  type Timeline, type TimelineStats,
} from '../model/types.js';
import { DEFAULT_LINK_RULES, linkEvents, type LinkRules } from './links.js';
import { agencyOrder, orderEvents } from './order.js';
import { checkScope, inScope } from './scope.js';

export interface MergeOptions {
  /** First day of the review scope, `yyyy-mm-dd` (`parseScope` reads `01/01/2021` or `2021`). */
  from?: string;
  /** Last day of the review scope, `yyyy-mm-dd` (`parseScope` reads `2022` as 2022-12-31). */
  to?: string;
  /** Keep events outside the scope, flagged `out-of-scope`, instead of excluding them. */
  includeOutOfScope?: boolean;
  /** Agencies to put first on the same date and time, in this order; the rest follow alphabetically. */
  agencyOrder?: readonly string[];
  linkRules?: LinkRules;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export function merge(chronologies: readonly AgencyChronology[], options: MergeOptions = {}): Timeline {
  const seenFiles = new Set<string>();
  for (const c of chronologies) {
    if (seenFiles.has(c.report.file)) throw new ThroughlineError('duplicate-file', `${c.report.file} is given twice`, c.report.file);
    seenFiles.add(c.report.file);
  }
  const bounds = checkScope(options.from, options.to);
  const includeOutOfScope = options.includeOutOfScope ?? false;
  // Every agency has its place in the order, even one whose events are all out of scope.
  const agencies = new Set<string>();
  const files: AgencyFileReport[] = [];
  const kept: AgencyChronology[] = [];
  for (const c of chronologies) {
    let outOfScope = 0;
    const events: ChronologyEvent[] = [];
    for (const e of c.events) {
      agencies.add(e.agency);
      if (inScope(e, bounds)) { events.push(e); continue; }
      outOfScope++;
      if (includeOutOfScope) events.push({ ...e, flags: [...e.flags, 'out-of-scope'] });
    }
    const report = { ...c.report, outOfScope };
    files.push(report);
    kept.push({ report, events, issues: c.issues });
  }

  const order = agencyOrder(agencies, options.agencyOrder);
  const { events, position } = orderEvents(kept, order);
  // Linking reads the events in the order they were built, not scattered in merged order.
  const linking = linkEvents(events, options.linkRules ?? DEFAULT_LINK_RULES, position);
  const issues = sortIssues([...chronologies.flatMap((c) => c.issues), ...linking.issues], chronologies.map((c) => c.report.file));
  return {
    version: TIMELINE_FORMAT_VERSION,
    scope: { ...bounds, includeOutOfScope },
    agencyOrder: order,
    events,
    links: linking.links,
    issues,
    files,
    stats: timelineStats(files, kept, linking.links, issues),
  };
}

/** Issues in file order (as given), then line, then severity; whole-file issues first in each file. */
function sortIssues(issues: IngestIssue[], fileOrder: string[]): IngestIssue[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (rank.get(a.issue.file) ?? -1) - (rank.get(b.issue.file) ?? -1)
      || a.issue.line - b.issue.line || SEVERITY_RANK[a.issue.severity] - SEVERITY_RANK[b.issue.severity] || a.i - b.i)
    .map((x) => x.issue);
}

/** Figures of the merged chronology, read from the kept events file by file (the order they were built in, the fastest to read). */
function timelineStats(files: AgencyFileReport[], kept: readonly AgencyChronology[], links: Timeline['links'], issues: IngestIssue[]): TimelineStats {
  const count = { error: 0, warning: 0, info: 0 };
  for (const i of issues) count[i.severity]++;
  const sameEvent = links.filter((l) => l.kind !== 'refers-to');
  // Whole dates compare as their days do (a day sorts before its own times), so only the two
  // winners are cut to their day.
  let first: string | undefined;
  let last: string | undefined;
  const agencies = new Set<string>();
  let events = 0;
  for (const c of kept) for (const e of c.events) {
    events++;
    agencies.add(e.agency);
    const s = e.date.start;
    if (s === '') continue;
    const end = e.date.end ?? s;
    if (first === undefined || s < first) first = s;
    if (last === undefined || end > last) last = end;
  }
  if (first !== undefined) first = first.slice(0, 10);
  if (last !== undefined) last = last.slice(0, 10);
  const stats: TimelineStats = {
    files: files.length,
    agencies: agencies.size,
    rows: files.reduce((n, f) => n + f.rows, 0),
    events,
    usable: files.reduce((n, f) => n + f.events, 0),
    unusable: files.reduce((n, f) => n + f.unusable, 0),
    outOfScope: files.reduce((n, f) => n + f.outOfScope, 0),
    linkedGroups: sameEvent.length,
    linkedEvents: sameEvent.reduce((n, l) => n + l.events.length, 0),
    references: links.length - sameEvent.length,
    issues: count,
  };
  if (first !== undefined) stats.first = first;
  if (last !== undefined) stats.last = last;
  return stats;
}
