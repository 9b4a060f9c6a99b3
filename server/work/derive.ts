/**
 * The heavy work of a review, done off the request thread (see pool.ts): its files read and merged
 * into one chronology, and its analysis; or one uploaded file read alone, to refuse it if it is
 * not a chronology. Plain data in and out, so it crosses to a worker thread and back.
 */
import { mergeAgencyFiles, type AgencyFile } from '../../src/review/chronology.js';
import { ingest } from '../../src/ingest/ingest.js';
import { analyse, type AnalyseOptions } from '../../src/analytics/analyse.js';
import type { MergeOptions } from '../../src/timeline/merge.js';
import type { Analysis, GridPeriod } from '../../src/analytics/types.js';
import type { Timeline } from '../../src/model/types.js';
import { isThroughlineError } from '../../src/model/errors.js';

/** A coded error as plain data (a class does not survive the trip between threads). */
export interface CodedFailure { code: string; message: string; file?: string }

export type Merged = { ok: true; timeline: Timeline } | { ok: false; failures: CodedFailure[] };

export type Task =
  | { kind: 'derive'; key: string; files?: AgencyFile[]; merge: MergeOptions; analyse?: Omit<AnalyseOptions, 'period'> & { period: GridPeriod } }
  | { kind: 'check'; file: AgencyFile };

export type TaskResult =
  | { kind: 'derive'; merged?: Merged; analysis?: Analysis }
  | { kind: 'check'; failure?: CodedFailure };

const failure = (e: unknown): CodedFailure => {
  if (!isThroughlineError(e)) throw e;
  return { code: e.code, message: e.message, ...(e.file !== undefined ? { file: e.file } : {}) };
};

/** Merged chronologies kept by the thread that made them (`reviewId@revision`), so another period's analysis need not merge again. */
const kept = new Map<string, Merged>();
const KEPT = 4;

export function runTask(task: Task): TaskResult {
  if (task.kind === 'check') {
    try {
      ingest({ file: task.file.name, content: task.file.bytes }, { agency: task.file.agency, profiles: task.file.profiles, dateOrder: task.file.dateOrder });
      return { kind: 'check' };
    } catch (e) {
      return { kind: 'check', failure: failure(e) };
    }
  }
  let merged = kept.get(task.key);
  const fresh = merged === undefined;
  if (!merged) {
    if (!task.files) throw new Error(`no files sent for ${task.key}`);
    try {
      const m = mergeAgencyFiles(task.files, task.merge);
      merged = m.ok ? { ok: true, timeline: m.timeline } : { ok: false, failures: m.failures.map(failure) };
    } catch (e) {
      merged = { ok: false, failures: [failure(e)] };
    }
    kept.set(task.key, merged);
    while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  }
  let analysis: Analysis | undefined;
  if (task.analyse && merged.ok) analysis = analyse(merged.timeline, task.analyse);
  return { kind: 'derive', ...(fresh || task.files ? { merged } : {}), ...(analysis ? { analysis } : {}) };
}
