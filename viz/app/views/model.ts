/**
 * Choosing the review model: the guide's questions, its advice redrawn as they are answered (each
 * reason in the policy's own words), and the model chosen with why, kept in the review's terms.
 * Only a review's author changes its terms; everyone else sees the advice and the choice.
 */
import { api, ApiFailure, reviewPath } from '../api.js';
import { fill, h } from '../dom.js';
import { invalidate, type ReviewState } from '../state.js';
import { FACT_QUESTIONS, FITS, type CaseFacts, type Fit, type ModelAdvice, type ReviewModelAdvice } from '../../../src/review/models.js';

const FIT_LABELS: Record<Fit, string> = {
  recommended: 'Recommended', possible: 'Possible: weigh the reasons against', 'not indicated': 'Not indicated by the answers so far', 'not advised': 'Not advised',
};

/** The terms as the API takes them back: every field kept, the model's three changed. */
function termsWith(state: ReviewState, change: { model: string; modelReason: string; modelFacts: CaseFacts }): Record<string, unknown> {
  const t = state.review.terms;
  return {
    childNames: t.childNames, agencyOrder: t.agencyOrder,
    ...(t.from ? { from: t.from } : {}), ...(t.to ? { to: t.to } : {}), ...(t.dob ? { dob: t.dob } : {}),
    ...change,
  };
}

function reasons(title: string, list: ModelAdvice['for']): HTMLElement | null {
  if (list.length === 0) return null;
  return h('div', {}, h('h4', {}, title), h('ul', {}, ...list.map((r) => h('li', {}, h('q', {}, r.because), ` (${r.facts.join(', ')})`))));
}

export async function showModel(el: HTMLElement, state: ReviewState): Promise<void> {
  const id = state.review.id;
  const author = state.review.role === 'author';
  const facts: CaseFacts = { ...(state.review.terms.modelFacts ?? {}) };
  const advice = h('div', { 'aria-live': 'polite', id: 'model-advice' });
  const chosen = h('div', { id: 'model-chosen' });
  const message = h('p', { role: 'status' });

  const questions = FACT_QUESTIONS.map((q) => {
    if (q.type === 'count') {
      const input = h('input', { type: 'number', min: 1, step: 1, id: `fact-${q.id}`, value: facts.agencies ?? '', inputmode: 'numeric' });
      input.addEventListener('input', () => {
        const n = Number(input.value);
        if (input.value.trim() !== '' && Number.isInteger(n) && n >= 1) facts.agencies = n; else delete facts.agencies;
        void redraw();
      });
      return h('div', { class: 'field' }, h('label', { for: `fact-${q.id}` }, q.question), input);
    }
    const options: Array<[string, boolean | undefined]> = [['Yes', true], ['No', false], ['Not known', undefined]];
    return h('fieldset', { class: 'check' }, h('legend', {}, q.question), ...options.map(([label, value]) => {
      const radio = h('input', { type: 'radio', name: `fact-${q.id}`, id: `fact-${q.id}-${label.toLowerCase().replace(' ', '-')}`, value: label, ...(facts[q.id] === value ? { checked: true } : {}) });
      radio.addEventListener('change', () => {
        if (value === undefined) delete facts[q.id]; else (facts as Record<string, boolean>)[q.id] = value;
        void redraw();
      });
      return h('label', {}, radio, ` ${label}`);
    }));
  });

  const showChosen = (): void => {
    const t = state.review.terms;
    fill(chosen, t.model
      ? h('p', {}, h('strong', {}, `Chosen: ${t.model}.`), ` Why: ${t.modelReason ?? 'not recorded'}`)
      : h('p', {}, 'No review model chosen yet.'));
  };

  async function choose(m: ModelAdvice, why: string): Promise<void> {
    message.textContent = '';
    try {
      // The guide checks the choice (a reason is needed) before the terms keep it.
      await api<ReviewModelAdvice>('/api/review-models/advice', { json: { facts, model: m.id, why } });
      const review = await api<ReviewState['review']>(reviewPath(id), { method: 'PATCH', json: { terms: termsWith(state, { model: m.name, modelReason: why.trim(), modelFacts: facts }) } });
      invalidate();
      state.review = review;
      showChosen();
      message.textContent = `${m.name} recorded as the review model.`;
    } catch (e) {
      message.textContent = e instanceof ApiFailure ? e.message : 'The choice could not be saved.';
    }
  }

  function modelCard(m: ModelAdvice): HTMLElement {
    const why = h('textarea', { rows: 2, id: `why-${m.id}` });
    const form = author ? h('form', { class: 'inline' }, h('div', { class: 'field grow' }, h('label', { for: `why-${m.id}` }, `Why ${m.name}`), why), h('button', { type: 'submit' }, 'Choose this model')) : null;
    form?.addEventListener('submit', (ev) => { ev.preventDefault(); void choose(m, why.value); });
    return h('section', { class: 'card', 'aria-labelledby': `model-${m.id}` },
      h('h3', { id: `model-${m.id}` }, m.name, m.combines ? h('span', { class: 'hint' }, ' (can be used within any other model)') : null),
      h('p', {}, 'When it fits: ', h('q', {}, m.fits)),
      reasons('The policy rules it out here', m.rulesOut), reasons('For it', m.for), reasons('Against it', m.against),
      m.fit !== 'not advised' && m.guards.length > 0 ? h('div', {}, h('h4', {}, 'If chosen, guard against'), h('ul', {}, ...m.guards.map((g) => h('li', {}, h('q', {}, g.drawback), ` ${g.advice}`)))) : null,
      form);
  }

  let asked = 0;
  async function redraw(): Promise<void> {
    const mine = ++asked;
    const a = await api<ReviewModelAdvice>('/api/review-models/advice', { json: { facts } });
    if (mine !== asked) return; // a later answer has been given meanwhile
    fill(advice,
      h('p', {}, a.unanswered.length === 0 ? 'Every question is answered.' : `${a.unanswered.length} of ${FACT_QUESTIONS.length} questions not answered; an answer could change the advice.`),
      ...FITS.flatMap((fit) => {
        const models = a.models.filter((m) => m.fit === fit);
        return models.length === 0 ? [] : [h('h2', {}, `${FIT_LABELS[fit]} (${models.length})`), ...models.map(modelCard)];
      }));
  }

  fill(el,
    h('section', { class: 'card', 'aria-labelledby': 'model-title' },
      h('h2', { id: 'model-title' }, 'Choosing the review model'),
      h('p', {}, 'Answer what you know about the case. The guide weighs the partnership policy\'s eight review models against the answers, quoting the policy for every reason; a question left "Not known" is not guessed.'),
      chosen, message, ...questions),
    advice);
  showChosen();
  await redraw();
}
