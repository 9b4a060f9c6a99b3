/**
 * Small hand-made cases for the analytics tests: agency files ingested and merged as the CLI does,
 * then given exactly the links a test needs (merge's own links are replaced, so each test states
 * every link it relies on).
 */
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import type { CrossAgencyLink, Timeline } from '../../src/model/types.js';

/** One agency file: its name (the event ids are its stem and line: `gp.csv` line 2 → `gp-2`), agency, header and rows. */
export interface CaseFile { file: string; agency: string; header: string; rows: string[] }

export function caseTimeline(files: readonly CaseFile[], links: readonly CrossAgencyLink[] = []): Timeline {
  const t = merge(files.map((f) => ingest({ file: f.file, content: [f.header, ...f.rows].join('\n') }, { agency: f.agency })));
  return { ...t, links: [...links] };
}

export function sameEvent(id: string, events: string[], agencies: string[], reason = 'Strategy discussion on 01/03/2021'): CrossAgencyLink {
  return { id, kind: 'same-event', events, agencies, reason, confidence: 'high' };
}

/** `from` reports the earlier event recorded as `to`. */
export function refersTo(id: string, from: string, to: string[], agencies: string[]): CrossAgencyLink {
  return { id, kind: 'refers-to', events: [...to, from], agencies, reason: `${from} reports an earlier event`, confidence: 'medium', from, to };
}

/** A link as a timeline written before links had kinds carries it. */
export function kindless(link: CrossAgencyLink): CrossAgencyLink {
  const { kind: _kind, ...rest } = link;
  return rest as CrossAgencyLink;
}
