/**
 * What the page keeps about the open review: its merged chronology and analysis (loaded once per
 * revision and view: personalised, or anonymised through the review's glossary), and what the
 * person is looking at (filter, focus, selection, the axis's domain), which survives moving
 * between tabs.
 */
import { api, ApiFailure, reviewPath } from './api.js';
import { chronologyOf, type Chronology, type Domain, type TimelinePage } from './model.js';
import type { Analysis } from '../../src/analytics/types.js';
import type { EventFilter } from '../../src/review/filter.js';
import type { ReviewSummary } from './views/reviews.js';

export interface Failure { file?: string; code: string; message: string }

export interface Focus { title: string; ids: ReadonlySet<string> }

/** The chronology as one agency could know it on a day (a decision point's): the records it is shown to have known. */
export interface KnownBy { agency: string; on: string; event: string; title: string; records: ReadonlySet<string> }

export interface ReviewState {
  review: ReviewSummary;
  chronology?: Chronology;
  /** The reason the chronology cannot be merged (every file that cannot be read), if it cannot. */
  failure?: { message: string; failures: Failure[] };
  analysis?: Analysis;
  filter: EventFilter;
  focus?: Focus;
  knownBy?: KnownBy;
  selected?: string;
  domain?: Domain;
  withRefers: boolean;
  /** Whether the chronology, the analysis, the diagrams and the downloads are anonymised (`anonymise=true`). */
  anonymised: boolean;
  /** Why the anonymised view was asked for and refused (no glossary, undecided words): the page stays personalised and says so once. */
  refusal?: { code: string; message: string };
}

let current: ReviewState | undefined;

/** The view each review was last asked for: anonymised or not. */
const anonymisedWanted = new Map<string, boolean>();

/** Asks for a review's anonymised (or personalised) view: the next `reviewState` loads it. */
export function setAnonymised(id: string, on: boolean): void {
  anonymisedWanted.set(id, on);
}

/** The query a request for the state's view adds (`&anonymise=true` when anonymised). */
export const viewQuery = (state: ReviewState, first: '?' | '&' = '&'): string => (state.anonymised ? `${first}anonymise=true` : '');

/** The codes with which the server refuses to anonymise (and the page stays personalised). */
const REFUSALS = new Set(['glossary-missing', 'names-undecided']);

/** Events per page when the chronology is fetched (the API's largest page). */
export const PAGE = 10_000;

export interface Status { revision: number; chronology: 'ready' | 'working' | 'not-started'; progress?: { phase: string; file?: string; filesRead?: number; files?: number }; queued: number }

/** What a status says, in words. */
export function progressText(s: Status): string {
  if (s.chronology === 'ready') return 'The merged chronology is ready.';
  const p = s.progress;
  if (!p || p.phase === 'queued') return 'Waiting for other work to finish…';
  if (p.phase === 'reading') return `Reading ${p.file} (file ${(p.filesRead ?? 0) + 1} of ${p.files})…`;
  if (p.phase === 'merging') return `Merging ${p.files} files…`;
  return 'Working…';
}

/** The review's state, its chronology fetched page by page when its revision has moved on. */
export async function reviewState(id: string, onProgress: (text: string) => void = () => {}): Promise<ReviewState> {
  const review = await api<ReviewSummary>(reviewPath(id));
  const anonymised = anonymisedWanted.get(id) ?? false;
  if (current && current.review.id === id && current.review.revision === review.revision && current.anonymised === anonymised && (current.chronology || current.failure)) {
    current.review = review;
    return current;
  }
  const keep = current && current.review.id === id ? current : undefined;
  const state: ReviewState = { review, filter: keep?.filter ?? {}, withRefers: keep?.withRefers ?? false, ...(keep?.selected ? { selected: keep.selected } : {}), anonymised };
  current = state;
  // The first page asks for the merge; the status says how far it has got meanwhile.
  let done = false;
  const poll = async (): Promise<void> => {
    while (!done) {
      await new Promise((r) => setTimeout(r, 400));
      if (done) return;
      try { onProgress(progressText(await api<Status>(reviewPath(id, '/status')))); } catch { return; }
    }
  };
  void poll();
  try {
    try {
      state.chronology = await chronologyPages(id, state);
    } catch (e) {
      // Refused anonymised (no glossary, a word undecided): personalised it stays, saying why.
      if (!state.anonymised || !(e instanceof ApiFailure) || !REFUSALS.has(e.code)) throw e;
      state.anonymised = false;
      anonymisedWanted.set(id, false);
      state.refusal = { code: e.code, message: e.message };
      state.chronology = await chronologyPages(id, state);
    }
  } catch (e) {
    if (!(e instanceof ApiFailure) || e.code !== 'chronology-invalid') throw e;
    state.failure = { message: e.message, failures: (e.extra.failures ?? []) as Failure[] };
  } finally {
    done = true;
  }
  return state;
}

/** The merged chronology in the state's view, page by page. */
async function chronologyPages(id: string, state: ReviewState): Promise<Chronology> {
  const pages: TimelinePage[] = [];
  do {
    pages.push(await api<TimelinePage>(reviewPath(id, `/timeline?offset=${pages.length * PAGE}&limit=${PAGE}${viewQuery(state)}`)));
  } while (pages.length * PAGE < pages[0]!.total);
  return chronologyOf(pages);
}

/** The review's analysis (month grid) in the state's view, fetched once per revision. */
export async function analysisOf(state: ReviewState): Promise<Analysis | undefined> {
  if (state.failure) return undefined;
  state.analysis ??= await api<Analysis>(reviewPath(state.review.id, `/analysis${viewQuery(state, '?')}`));
  return state.analysis;
}

/** Forget what was loaded, so the next view fetches it again (after an upload, a mapping, a tag). */
export function invalidate(): void {
  if (current) { delete current.chronology; delete current.analysis; delete current.failure; current.review = { ...current.review, revision: -1 }; }
}
