/**
 * A review's agency files in, one merged chronology out: the orchestration the CLI and the server
 * share. Every file is ingested before anything is merged, so one file that cannot be read means
 * no merged chronology at all, and every such file is reported (not only the first).
 */
import { isThroughlineError, type ThroughlineError } from '../model/errors.js';
import type { AgencyChronology, DateOrder, Timeline } from '../model/types.js';
import { fileSlugs, ingest } from '../ingest/ingest.js';
import type { AgencyProfile } from '../ingest/profile.js';
import { merge, type MergeOptions } from '../timeline/merge.js';

/** One agency's file as it was received, with what a person has said about it. */
export interface AgencyFile {
  /** The file's name (or path): it names the file in every issue and gives event ids their stem. */
  name: string;
  bytes: Uint8Array;
  /** The agency, overriding any profile, agency column or the file's name. */
  agency?: string;
  /** Profiles that may apply to this file (their `files` globs still choose), the last winning. */
  profiles?: readonly AgencyProfile[];
  dateOrder?: DateOrder;
}

export type MergedFiles =
  | { ok: true; timeline: Timeline; chronologies: AgencyChronology[] }
  | { ok: false; failures: ThroughlineError[] };

/** A step of the work, for whoever shows progress: each file as its reading starts (`index` files read before it), then the merge. */
export type MergeStep = { phase: 'reading'; file: string; index: number } | { phase: 'merging' };

/** Ingests every file (ids stemmed by unique file slugs) and merges them, or lists every file that could not be read. */
export function mergeAgencyFiles(files: readonly AgencyFile[], options: MergeOptions = {}, onStep: (step: MergeStep) => void = () => {}): MergedFiles {
  const slugs = fileSlugs(files.map((f) => f.name));
  const chronologies: AgencyChronology[] = [];
  const failures: ThroughlineError[] = [];
  files.forEach((f, i) => {
    onStep({ phase: 'reading', file: f.name, index: i });
    try {
      chronologies.push(ingest({ file: f.name, content: f.bytes }, {
        agency: f.agency, profiles: f.profiles, dateOrder: f.dateOrder, idPrefix: slugs[i],
      }));
    } catch (e) {
      if (!isThroughlineError(e)) throw e;
      failures.push(e);
    }
  });
  if (failures.length > 0) return { ok: false, failures };
  onStep({ phase: 'merging' });
  return { ok: true, timeline: merge(chronologies, options), chronologies };
}
