/** The reviews a person is a member of; a new review with its terms of reference; setting a password after a sign-in link. */
import { api, ApiFailure } from '../api.js';
import { fill, h } from '../dom.js';
import { REVIEW_MODELS, type CaseFacts } from '../../../src/review/models.js';

export interface Account { id: number; username: string; displayName: string; isAdmin: boolean; hasPassword: boolean }
export interface Terms { from?: string; to?: string; childNames: string[]; dob?: string; model?: string; modelReason?: string; modelFacts?: CaseFacts; agencyOrder: string[] }
export interface ReviewSummary { id: string; title: string; role: 'author' | 'investigator' | 'viewer'; revision: number; terms: Terms; updatedAt: string }

/** A labelled field: the label names the input for screen readers. */
export function field(id: string, label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  input.id = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null, input);
}

const list = (text: string): string[] => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

function passwordForm(): HTMLElement {
  const input = h('input', { type: 'password', autocomplete: 'new-password', minlength: 12, required: true });
  const msg = h('p', { role: 'status' });
  const form = h('form', { class: 'card notice' },
    h('h2', {}, 'Set a password'),
    h('p', {}, 'You signed in with a one-time link. Set a password (12 characters or more) to sign in again.'),
    field('new-password', 'New password', input), h('button', { type: 'submit' }, 'Set password'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('/api/me/password', { method: 'PUT', json: { password: input.value } });
      fill(form, h('p', { role: 'status' }, 'Password set.'));
    } catch (e) {
      msg.textContent = e instanceof ApiFailure ? e.message : 'The password could not be set.';
    }
  });
  return form;
}

function createForm(): HTMLElement {
  const title = h('input', { required: true, maxlength: 300 });
  const from = h('input', { placeholder: 'e.g. 01/01/2021' });
  const to = h('input', { placeholder: 'e.g. 30/11/2022' });
  const child = h('input', { placeholder: 'e.g. L, Lacey' });
  const dob = h('input', { placeholder: 'e.g. 14/08/2019' });
  const model = h('select', {}, h('option', { value: '' }, 'Not chosen yet'), ...REVIEW_MODELS.map((m) => h('option', { value: m.name }, m.name)));
  const why = h('textarea', { rows: 2 });
  const agencies = h('input', { placeholder: 'e.g. Police, Children\'s Social Care, GP' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card', 'aria-labelledby': 'new-review' },
    h('h2', { id: 'new-review' }, 'New review'),
    field('review-title', 'Title', title),
    h('fieldset', {}, h('legend', {}, 'Terms of reference'),
      h('div', { class: 'row' }, field('review-from', 'Scope from', from, 'A day, month or year as you would write it'), field('review-to', 'Scope to', to)),
      h('div', { class: 'row' }, field('review-child', 'Child\'s names', child, 'As the records write them, comma-separated'), field('review-dob', 'Date of birth', dob)),
      h('div', { class: 'row' }, field('review-model', 'Review model', model, 'The Review model tab weighs them against the case'), field('review-why', 'Why this model', why)),
      field('review-agencies', 'Agency order', agencies, 'The lanes of the timeline, top to bottom, comma-separated')),
    h('button', { type: 'submit' }, 'Create review'), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const r = await api<ReviewSummary>('/api/reviews', { json: {
        title: title.value,
        terms: { from: from.value, to: to.value, childNames: list(child.value), dob: dob.value, model: model.value, modelReason: why.value, agencyOrder: list(agencies.value) },
      } });
      location.hash = `#/reviews/${encodeURIComponent(r.id)}/files`;
    } catch (e) {
      error.textContent = e instanceof ApiFailure ? e.message : 'The review could not be created.';
    }
  });
  return form;
}

export async function showReviews(main: HTMLElement, me: Account): Promise<ReviewSummary[]> {
  const reviews = await api<ReviewSummary[]>('/api/reviews');
  fill(main,
    h('h1', {}, 'Your reviews'),
    me.hasPassword ? null : passwordForm(),
    reviews.length === 0
      ? h('p', {}, 'You are not a member of any review yet. Create one, or ask a review\'s author to add you.')
      : h('ul', { class: 'reviews' }, ...reviews.map((r) => h('li', {},
        h('a', { href: `#/reviews/${encodeURIComponent(r.id)}/timeline` }, r.title),
        h('span', { class: 'role' }, ` — ${r.role}`)))),
    createForm());
  return reviews;
}
