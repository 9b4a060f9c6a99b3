/**
 * One review: its title, terms, the switch between the personalised working view and the
 * anonymised one, and tabs for its review model, its files, timeline, analysis, cause analysis,
 * Salford case discussion, findings, glossary and downloads.
 */
import { ApiFailure } from '../api.js';
import { fill, h } from '../dom.js';
import { reviewState, setAnonymised, type ReviewState } from '../state.js';
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
  glossary: () => import('./glossary.js').then((m) => m.showGlossary),
  downloads: () => import('./downloads.js').then((m) => m.showDownloads),
};

export const TABS = ['model', 'files', 'timeline', 'analysis', 'rca', 'salford', 'findings', 'glossary', 'downloads'] as const;
export type Tab = (typeof TABS)[number];
const LABELS: Record<Tab, string> = { model: 'Review model', files: 'Files', timeline: 'Timeline', analysis: 'Analysis', rca: 'Cause analysis', salford: 'Case discussion', findings: 'Findings', glossary: 'Glossary', downloads: 'Downloads' };

export const canWrite = (state: ReviewState, what: 'chronology' | 'findings'): boolean =>
  state.review.role === 'author' || (what === 'findings' && state.review.role === 'investigator');

export async function showReview(main: HTMLElement, id: string, tab: Tab, me: Account): Promise<void> {
  const progress = h('p', { class: 'progress', role: 'status' }, 'Loading the merged chronology…');
  fill(main, progress);
  const [state, view] = await Promise.all([reviewState(id, (text) => { progress.textContent = text; }), VIEWS[tab]()]);
  const body = h('div', { class: 'tab-body' });
  const t = state.review.terms;
  // The view switched: the review is loaded again in it, and the focus kept on the switch.
  const switchView = (anonymised: boolean): void => {
    setAnonymised(id, anonymised);
    showReview(main, id, tab, me)
      .then(() => (main.querySelector('input[name="view"]:checked') as HTMLInputElement | null)?.focus())
      .catch((e: unknown) => fill(main, h('div', { class: 'error', role: 'alert' }, h('p', {}, e instanceof ApiFailure ? `${e.message} (${e.code})` : 'The page could not load. Reload to try again.'))));
  };
  fill(main,
    h('div', { class: 'review-head' },
      // The title is the author's own words and may name the child: the anonymised view does not show it.
      h('h1', {}, state.anonymised ? 'This review, anonymised' : state.review.title),
      h('p', { class: 'terms' }, [
        t.from || t.to ? `Scope ${t.from ?? '…'} to ${t.to ?? '…'}` : 'No scope set',
        // The child's names are the terms' own: the anonymised view does not show them.
        t.childNames.length > 0 ? (state.anonymised ? 'child\'s names hidden' : `child: ${t.childNames.join(', ')}`) : '',
        t.model ? `model: ${t.model}` : '',
        `your role: ${state.review.role}`,
      ].filter((s) => s !== '').join(' · ')),
      viewSwitch(state, switchView),
      refusalNote(state)),
    h('nav', { class: 'tabs', 'aria-label': 'Review' }, ...TABS.map((k) => h('a', {
      href: `#/reviews/${encodeURIComponent(id)}/${k}`, ...(k === tab ? { 'aria-current': 'page' } : {}),
    }, LABELS[k]))),
    body);
  document.title = `${LABELS[tab]} · ${state.anonymised ? 'anonymised review' : state.review.title} · throughline`;
  await view(body, state);
}

/**
 * The personalised working view or the anonymised one (every person in the glossary by their
 * pseudonym): two radio buttons, for the timeline, the analysis, the diagrams and the downloads.
 */
function viewSwitch(state: ReviewState, onChange: (anonymised: boolean) => void): HTMLElement {
  const choice = (anonymised: boolean, label: string): HTMLElement => {
    const value = anonymised ? 'anonymised' : 'personalised';
    const input = h('input', { type: 'radio', name: 'view', id: `view-${value}`, value, ...(state.anonymised === anonymised ? { checked: true } : {}) });
    input.addEventListener('change', () => { if (input.checked) onChange(anonymised); });
    return h('span', { class: 'check' }, input, h('label', { for: `view-${value}` }, label));
  };
  return h('fieldset', { class: 'view-switch', 'aria-describedby': 'view-hint' }, h('legend', {}, 'Names'),
    choice(false, 'Personalised'), choice(true, 'Anonymised'),
    h('span', { id: 'view-hint', class: 'hint' }, state.anonymised
      ? 'Anonymised: every person the review\'s glossary names is shown by their pseudonym in the timeline, the analysis, the diagrams and the downloads. The tabs where the review is written (model, cause analysis, case discussion, findings) keep the text as written, to edit; the overview report anonymises them.'
      : 'Personalised: the working view, with names as the records wrote them.'));
}

/** The anonymised view was refused (no glossary, a word undecided): said once, beside the switch, with where to put it right. */
function refusalNote(state: ReviewState): HTMLElement | null {
  const refusal = state.refusal;
  if (!refusal) return null;
  delete state.refusal;
  const glossary = `#/reviews/${encodeURIComponent(state.review.id)}/glossary`;
  return h('div', { class: 'error refusal', role: 'alert' },
    h('p', {}, 'The anonymised view was refused, so the page stays personalised.'),
    h('p', { class: 'message' }, refusal.message),
    h('p', {}, h('a', { href: glossary }, refusal.code === 'glossary-missing' ? 'Set the review\'s glossary on the Glossary tab' : 'Decide these words on the Glossary tab')));
}

/** The chronology cannot be merged: say which files and why, and where to fix them. */
export function failureNote(state: ReviewState): HTMLElement | null {
  if (!state.failure) return null;
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, state.failure.message),
    h('ul', {}, ...state.failure.failures.map((f) => h('li', {}, `${f.file ?? 'a file'}: ${f.message} (${f.code})`))),
    h('p', {}, h('a', { href: `#/reviews/${encodeURIComponent(state.review.id)}/files` }, 'Fix them on the Files tab')));
}
