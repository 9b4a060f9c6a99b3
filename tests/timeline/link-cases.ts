/**
 * Small timelines for the linking tests, written as rows: each row an event of its own file, in
 * the merged order (by start; rows of one start keep their order), and what linking made of them.
 */
import { DEFAULT_LINK_RULES, linkEvents, type LinkRules } from '../../src/timeline/links.js';
import type { ChronologyEvent, CrossAgencyLink, IngestIssue, Precision } from '../../src/model/types.js';

export interface Row {
  id: string; agency: string; start: string; summary: string; type?: string; precision?: Precision; end?: string;
  /** The row's reference column, its outcome and its other columns, when it has them. */
  reference?: string; outcome?: string; extra?: Record<string, string>;
}

/** The row as an event: dated to the minute when its start has a time, to the day otherwise, undated when blank. */
export function ev(r: Row): ChronologyEvent {
  return {
    id: r.id, agency: r.agency, summary: r.summary,
    date: { start: r.start, end: r.end, precision: r.precision ?? (r.start === '' ? 'unknown' : r.start.length > 10 ? 'minute' : 'day'), text: r.start, approximate: undefined },
    type: r.type, practitioner: undefined, outcome: r.outcome, significance: undefined, sequence: undefined,
    informationSource: undefined, subjects: undefined, reference: r.reference, extra: r.extra ?? {}, source: { file: `${r.id}.csv`, line: 2 }, flags: [],
  };
}

/** Events in merged order (by start; rows of one start keep their order). */
export const merged = (rows: Row[]): ChronologyEvent[] => rows.map(ev).sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : 0));
export function run(rows: Row[], rules: LinkRules = DEFAULT_LINK_RULES): { links: CrossAgencyLink[]; issues: IngestIssue[] } {
  return linkEvents(merged(rows), rules);
}
export const links = (rows: Row[], rules?: LinkRules): CrossAgencyLink[] => run(rows, rules).links;
/** The same-event groups, each as its sorted ids. */
export const sameEvent = (ls: CrossAgencyLink[]): string[] => ls.filter((l) => l.kind === 'same-event').map((l) => [...l.events].sort().join(' ')).sort();
export const refersTo = (ls: CrossAgencyLink[]): Array<{ from: string; to: string[] }> =>
  ls.filter((l) => l.kind === 'refers-to').map((l) => ({ from: l.from!, to: l.to! }));
/** The shipped rules with some similarity numbers changed. */
export const similarity = (change: Partial<LinkRules['similarity']>): LinkRules => ({ ...DEFAULT_LINK_RULES, similarity: { ...DEFAULT_LINK_RULES.similarity, ...change } });
