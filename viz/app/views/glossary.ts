/**
 * The review's glossary: its people (each replaced by their pseudonym when the review is
 * anonymised), abbreviations (listed with their meaning, never replaced) and words dismissed as
 * not a name, edited in place by the author and saved whole. Below it the name check: the words of
 * everything the review publishes that look like a person's name and that the glossary does not
 * decide, each with where it occurs, to add with a pseudonym or dismiss as not a name.
 */
import { api, ApiFailure, reviewPath } from '../api.js';
import { fill, h } from '../dom.js';
import { invalidate, type ReviewState } from '../state.js';
import { canWrite } from './review.js';

type Kind = 'person' | 'abbreviation' | 'not a name';
interface Entry { name: string; pseudonym: string; kind: Kind }
interface Undecided { word: string; why: string; count: number; places: number; where: Array<{ place: string; field?: string; record?: string }> }

const KINDS: ReadonlyArray<readonly [Kind, string]> = [['person', 'Person'], ['abbreviation', 'Abbreviation'], ['not a name', 'Not a name']];
const kindLabel = (k: Kind): string => KINDS.find(([x]) => x === k)![1];

/** Where a word occurs, as a person reads it: `gp.csv:10 (outcome), record gp-10`. */
const placesOf = (u: Undecided): string => u.where.map((w) => `${w.place}${w.field ? ` (${w.field})` : ''}${w.record ? `, record ${w.record}` : ''}`).join('; ')
  + (u.places > u.where.length ? `; and ${u.places - u.where.length} more` : '');

/** The tab; `said` is what the last change did, announced and focused when the tab is drawn again after it. */
export async function showGlossary(el: HTMLElement, state: ReviewState, said?: string): Promise<void> {
  const id = state.review.id;
  const write = canWrite(state, 'chronology');
  const glossary = await api<{ set: boolean; entries: Entry[] }>(reviewPath(id, '/glossary'));
  const entries = glossary.entries.map((e) => ({ ...e }));
  // What went wrong, said beside what was done: deciding a word, or saving the entries.
  const problem = h('p', { class: 'error', role: 'alert' });
  const saveProblem = h('p', { class: 'error', role: 'alert' });
  const done = h('p', { class: 'done', role: 'status', tabindex: -1 }, said ?? '');

  /** Saved: the review's revision moves on, so everything is loaded again, in the view chosen. */
  const changed = async (request: () => Promise<unknown>, message: string, alert = problem): Promise<void> => {
    try {
      await request();
    } catch (e) {
      alert.textContent = e instanceof ApiFailure ? e.message : 'The glossary could not be saved.';
      return;
    }
    invalidate();
    await showGlossary(el, state, message);
  };

  // ---- the entries
  const body = h('tbody', {});
  const rows = (): void => {
    fill(body, ...entries.map((e, i) => {
      if (!write) return h('tr', {}, h('td', {}, e.name), h('td', {}, e.pseudonym), h('td', {}, kindLabel(e.kind)));
      const n = i + 1;
      const name = h('input', { value: e.name, 'aria-label': `Name, entry ${n}`, size: 22 });
      name.addEventListener('input', () => { e.name = name.value; });
      const pseudonym = h('input', { value: e.pseudonym, 'aria-label': `Pseudonym or meaning, entry ${n}`, size: 22 });
      pseudonym.addEventListener('input', () => { e.pseudonym = pseudonym.value; });
      const kind = h('select', { 'aria-label': `Kind, entry ${n}` }, ...KINDS.map(([k, label]) => h('option', { value: k, ...(e.kind === k ? { selected: true } : {}) }, label)));
      kind.addEventListener('change', () => { e.kind = kind.value as Kind; });
      const remove = h('button', { type: 'button', class: 'link', 'aria-label': `Remove entry ${n}${e.name ? ` (${e.name})` : ''}` }, 'Remove');
      remove.addEventListener('click', () => { entries.splice(i, 1); rows(); });
      return h('tr', {}, h('td', {}, name), h('td', {}, pseudonym), h('td', {}, kind), h('td', {}, remove));
    }));
  };
  rows();
  const table = h('table', { class: 'glossary' }, h('caption', {}, `Entries (${entries.length})`),
    h('thead', {}, h('tr', {}, ...['Name', 'Pseudonym or meaning', 'Kind', ...(write ? ['Change'] : [])].map((c) => h('th', { scope: 'col' }, c)))),
    body);
  const form = h('form', { 'aria-labelledby': 'glossary-title' }, h('div', { class: 'scroll-x' }, table),
    write ? h('div', {},
      h('button', { type: 'button', class: 'secondary', onclick: () => {
        entries.push({ name: '', pseudonym: '', kind: 'person' });
        rows();
        (body.querySelector('tr:last-child input') as HTMLInputElement | null)?.focus();
      } }, 'Add an entry'),
      h('button', { type: 'submit' }, 'Save glossary'), saveProblem) : null);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    // A row left empty is not an entry.
    const kept = entries.filter((e) => e.name.trim() !== '' || e.pseudonym.trim() !== '');
    void changed(() => api(reviewPath(id, '/glossary'), { method: 'PUT', json: { entries: kept } }), `The glossary is saved: ${kept.length} entries.`, saveProblem);
  });

  // ---- the name check, loaded after the page is drawn (it reads everything the review publishes)
  const check = h('div', { class: 'name-check' }, h('p', { role: 'status' }, 'Checking the review for words that look like names…'));
  const decide = (u: Undecided, i: number): HTMLElement => {
    const pseudonym = h('input', { id: `pseudonym-${i}`, size: 18 });
    const add = h('button', { type: 'button', 'aria-label': `Add to glossary: ${u.word}` }, 'Add to glossary');
    add.addEventListener('click', () => {
      const p = pseudonym.value.trim();
      if (p === '') { problem.textContent = `Give "${u.word}" a pseudonym first (how the anonymised review will name them).`; pseudonym.focus(); return; }
      void changed(() => api(reviewPath(id, '/glossary/entries'), { json: { name: u.word, pseudonym: p, kind: 'person' } }), `"${u.word}" is in the glossary as "${p}".`);
    });
    const dismiss = h('button', { type: 'button', class: 'secondary', 'aria-label': `Not a name: ${u.word}` }, 'Not a name');
    dismiss.addEventListener('click', () => {
      void changed(() => api(reviewPath(id, '/glossary/entries'), { json: { name: u.word, kind: 'not a name' } }), `"${u.word}" is dismissed: not a name.`);
    });
    return h('div', { class: 'inline decide' }, h('div', { class: 'field' }, h('label', { for: `pseudonym-${i}` }, `Pseudonym for ${u.word}`), pseudonym), add, dismiss);
  };
  const loadCheck = async (): Promise<void> => {
    try {
      const r = await api<{ glossary: boolean; undecided: Undecided[] }>(reviewPath(id, '/glossary/check'));
      fill(check,
        r.glossary ? null : h('p', { class: 'notice' }, 'The review has no glossary yet: every word that looks like a name is listed.'),
        r.undecided.length === 0
          ? h('p', { role: 'status' }, 'No word is undecided: the review can be anonymised.')
          : h('p', { role: 'status' }, `${r.undecided.length} ${r.undecided.length === 1 ? 'word looks' : 'words look'} like a name and ${r.undecided.length === 1 ? 'is' : 'are'} not decided: anonymising is refused until each is added with a pseudonym or dismissed.`),
        r.undecided.length === 0 ? null : h('ul', { class: 'undecided' }, ...r.undecided.map((u, i) => h('li', { 'data-word': u.word },
          h('strong', {}, u.word), ` (${u.why}; ${u.count === 1 ? 'once' : `${u.count} times`}): `, h('span', { class: 'places' }, placesOf(u)),
          write ? decide(u, i) : null))));
    } catch (e) {
      fill(check, h('p', { class: 'error', role: 'alert' }, e instanceof ApiFailure ? e.message : 'The name check could not be made.'));
    }
  };

  // The words to decide first (what stops the review being anonymised), then the entries.
  fill(el,
    h('section', { class: 'card', 'aria-labelledby': 'check-title' },
      h('h2', { id: 'check-title' }, 'Words that look like names'),
      h('p', { class: 'hint' }, 'Read in the chronology, the analysis, the review model, the findings, the case discussion and every cause analysis, after the glossary has replaced its people.'),
      done, problem, check),
    h('section', { class: 'card', 'aria-labelledby': 'glossary-title' },
      h('h2', { id: 'glossary-title' }, 'Glossary'),
      h('p', {}, 'When the review is anonymised, every person here is replaced by their pseudonym, wherever the name is written ("Kerry\'s" becomes "Mother\'s"). '
        + 'An abbreviation is listed with its meaning in the report and never replaced; "not a name" marks a word the name check flagged that is not a person (a place, a drug).'),
      glossary.set ? null : h('p', { class: 'notice' }, 'This review has no glossary yet, so it cannot be anonymised: add its people below, or from the name check above.'),
      form));
  if (said) done.focus();
  await loadCheck();
}
