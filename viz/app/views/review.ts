/** One review: its title, terms, and tabs for its review model, its files, timeline, analysis, cause analysis, Salford case discussion, findings and downloads. */
import { fill, h } from '../dom.js';
import { reviewState, type ReviewState } from '../state.js';
import type { Account } from './reviews.js';

type View = (el: HTMLElement, s: ReviewState) => Promise<void> | void;
/** Each tab's view, loaded when first opened (the timeline and analysis bring Observable Plot), while the review's data is fetched. */
const VIEWS: Record<Tab, () => Promise<View>> = {
  model: () => import('./model.js').then((m) => m.showModel),
  files: () => import('./files.js').then((m) => m.showFiles),
  timeline: () => import('./timeline.js').then((m) => m.showTimeline),
  analysis: () => import('./analysis.js').then((m) => m.showAnalysis),
  rca: () => import('./rca.js').then((m) => m.showRca),
  salford: () => import('./salford.js').then((m) => m.showSalford),
  findings: () => import('./findings.js').then((m) => m.showFindings),
  downloads: () => import('./downloads.js').then((m) => m.showDownloads),
};

export const TABS = ['model', 'files', 'timeline', 'analysis', 'rca', 'salford', 'findings', 'downloads'] as const;
export type Tab = (typeof TABS)[number];
const LABELS: Record<Tab, string> = { model: 'Review model', files: 'Files', timeline: 'Timeline', analysis: 'Analysis', rca: 'Cause analysis', salford: 'Case discussion', findings: 'Findings', downloads: 'Downloads' };

export const canWrite = (state: ReviewState, what: 'chronology' | 'findings'): boolean =>
  state.review.role === 'author' || (what === 'findings' && state.review.role === 'investigator');

export async function showReview(main: HTMLElement, id: string, tab: Tab, _me: Account): Promise<void> {
  const progress = h('p', { class: 'progress', role: 'status' }, 'Loading the merged chronology…');
  fill(main, progress);
  const [state, view] = await Promise.all([reviewState(id, (text) => { progress.textContent = text; }), VIEWS[tab]()]);
  const body = h('div', { class: 'tab-body' });
  const t = state.review.terms;
  fill(main,
    h('div', { class: 'review-head' },
      h('h1', {}, state.review.title),
      h('p', { class: 'terms' }, [
        t.from || t.to ? `Scope ${t.from ?? '…'} to ${t.to ?? '…'}` : 'No scope set',
        t.childNames.length > 0 ? `child: ${t.childNames.join(', ')}` : '',
        t.model ? `model: ${t.model}` : '',
        `your role: ${state.review.role}`,
      ].filter((s) => s !== '').join(' · '))),
    h('nav', { class: 'tabs', 'aria-label': 'Review' }, ...TABS.map((k) => h('a', {
      href: `#/reviews/${encodeURIComponent(id)}/${k}`, ...(k === tab ? { 'aria-current': 'page' } : {}),
    }, LABELS[k]))),
    body);
  document.title = `${LABELS[tab]} · ${state.review.title} · throughline`;
  await view(body, state);
}

/** The chronology cannot be merged: say which files and why, and where to fix them. */
export function failureNote(state: ReviewState): HTMLElement | null {
  if (!state.failure) return null;
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, state.failure.message),
    h('ul', {}, ...state.failure.failures.map((f) => h('li', {}, `${f.file ?? 'a file'}: ${f.message} (${f.code})`))),
    h('p', {}, h('a', { href: `#/reviews/${encodeURIComponent(state.review.id)}/files` }, 'Fix them on the Files tab')));
}
