/**
 * The Salford case discussion: the five stages side by side on one screen, as the tool
 * prescribes, so the group can refer back. Each stage keeps "what worked well" beside "what we are
 * worried about"; the facts are records of the merged chronology (cite the one selected in the
 * timeline); the problem tree's roots may name causes of a cause analysis; each action is aimed
 * at roots. Saved as a whole; what the chronology and the cause analysis do not bear out is listed.
 */
import { api, ApiFailure, reviewPath } from '../api.js';
import { fill, h } from '../dom.js';
import type { ReviewState } from '../state.js';
import { canWrite } from './review.js';
import { actionsText, idList, lines, parseActions, parseRoots, rootsText } from '../practice-edit.js';
import { SALFORD_STAGES, type SalfordIssue, type SalfordRecord, type SalfordStageId } from '../../../src/review/salford.js';
import { displayDate } from '../../../src/model/calendar.js';

interface SalfordView { record: SalfordRecord; issues: SalfordIssue[]; updatedAt?: string }

const area = (id: string, value: string, rows = 4, readonly = false) => {
  const t = h('textarea', { id, rows, ...(readonly ? { readonly: true } : {}) });
  t.value = value;
  return t;
};

export async function showSalford(el: HTMLElement, state: ReviewState): Promise<void> {
  const id = state.review.id;
  const write = canWrite(state, 'findings');
  const view = await api<SalfordView>(reviewPath(id, '/salford'));
  const graphs = await api<Array<{ id: string; title: string }>>(reviewPath(id, '/rca'));
  const r = view.record;
  const issues = h('div', { 'aria-live': 'polite', id: 'salford-issues' });
  const status = h('p', { role: 'status', id: 'salford-status' });
  const showIssues = (list: SalfordIssue[]) => fill(issues, list.length === 0
    ? h('p', {}, 'Nothing in the record goes beyond the chronology and the cause analysis.')
    : h('div', {}, h('h3', {}, `To look at (${list.length})`), h('ul', {}, ...list.map((i) => h('li', {}, `${r.wording[i.stage].label}: ${i.message}`)))));

  const sides = new Map<SalfordStageId, { well: HTMLTextAreaElement; worried: HTMLTextAreaElement }>();
  const wordingInputs = new Map<SalfordStageId, { label: HTMLInputElement; prompt: HTMLInputElement }>();
  const facts = area('salford-facts', r.facts.join(', '), 2, !write);
  const hypotheses = area('salford-hypotheses', r.hypotheses.join('\n'), 4, !write);
  const problem = h('input', { id: 'salford-problem', value: r.tree.problem, ...(write ? {} : { readonly: true }) });
  const roots = area('salford-roots', rootsText(r.tree.roots), 4, !write);
  const branches = area('salford-branches', r.tree.branches.join('\n'), 3, !write);
  const graph = h('select', { id: 'salford-graph', ...(write ? {} : { disabled: true }) }, h('option', { value: '' }, 'None'), ...graphs.map((g) => h('option', { value: g.id, ...(g.id === r.tree.graph ? { selected: true } : {}) }, g.title)));
  const actions = area('salford-actions', actionsText(r.actions), 5, !write);

  const factList = h('ul', { class: 'facts' });
  const showFacts = (): void => {
    fill(factList, ...idList(facts.value).map((f) => {
      const e = state.chronology?.byId.get(f);
      return h('li', {}, e ? `${displayDate(e.date)} · ${e.agency} · ${e.summary} (${f})` : `${f}: not a record of the chronology`);
    }));
  };
  facts.addEventListener('input', showFacts);
  const cite = write ? h('button', { type: 'button', class: 'secondary' }, 'Cite the record selected in the timeline') : null;
  cite?.addEventListener('click', () => {
    if (!state.selected) { status.textContent = 'Select a record in the timeline first.'; return; }
    const ids = idList(facts.value);
    if (ids.includes(state.selected)) { status.textContent = `${state.selected} is already a fact here.`; return; }
    facts.value = [...ids, state.selected].join(', ');
    showFacts();
    status.textContent = `${state.selected} added to the facts.`;
  });

  const extra: Record<SalfordStageId, HTMLElement[]> = {
    facts: [h('div', { class: 'field' }, h('label', { for: 'salford-facts' }, 'Records (ids)'), facts), ...(cite ? [cite] : []), factList],
    feelings: [],
    hypotheses: [h('div', { class: 'field' }, h('label', { for: 'salford-hypotheses' }, 'Hypotheses (one a line)'), hypotheses)],
    rca: [
      h('div', { class: 'field' }, h('label', { for: 'salford-problem' }, 'The problem (the trunk)'), problem),
      h('div', { class: 'field' }, h('label', { for: 'salford-graph' }, 'Cause analysis the roots belong to'), graph),
      h('div', { class: 'field' }, h('label', { for: 'salford-roots' }, 'Root causes (the roots; one a line, r1, r2… in order; [cause: c3] ties one to the cause analysis)'), roots),
      h('div', { class: 'field' }, h('label', { for: 'salford-branches' }, 'Consequences (the branches; one a line)'), branches),
    ],
    next: [h('div', { class: 'field' }, h('label', { for: 'salford-actions' }, 'Actions (one a line: [roots: r1] [owner: …] [due: 31/03/2027])'), actions)],
  };

  const columns = SALFORD_STAGES.map((s, i) => {
    const well = area(`salford-${s}-well`, r.stages[s].workedWell.join('\n'), 4, !write);
    const worried = area(`salford-${s}-worried`, r.stages[s].worried.join('\n'), 4, !write);
    sides.set(s, { well, worried });
    const label = h('input', { id: `salford-${s}-label`, value: r.wording[s].label });
    const prompt = h('input', { id: `salford-${s}-prompt`, value: r.wording[s].prompt });
    wordingInputs.set(s, { label, prompt });
    return h('section', { class: 'card stage', 'aria-labelledby': `stage-${s}` },
      h('h3', { id: `stage-${s}` }, `${i + 1}. ${r.wording[s].label}`),
      h('p', { class: 'hint' }, r.wording[s].prompt),
      ...extra[s],
      h('div', { class: 'field' }, h('label', { for: `salford-${s}-well` }, 'What worked well'), well),
      h('div', { class: 'field' }, h('label', { for: `salford-${s}-worried` }, 'What we are worried about'), worried));
  });

  const wording = h('details', {}, h('summary', {}, 'The stages\' wording (the official labels and prompts are not confirmed: use your partnership\'s)'),
    ...SALFORD_STAGES.map((s) => h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: `salford-${s}-label` }, `Stage ${SALFORD_STAGES.indexOf(s) + 1} label`), wordingInputs.get(s)!.label),
      h('div', { class: 'field grow' }, h('label', { for: `salford-${s}-prompt` }, `Stage ${SALFORD_STAGES.indexOf(s) + 1} prompt`), wordingInputs.get(s)!.prompt))));

  const recordNow = () => ({
    wording: Object.fromEntries(SALFORD_STAGES.map((s) => [s, { label: wordingInputs.get(s)!.label.value, prompt: wordingInputs.get(s)!.prompt.value }])),
    stages: Object.fromEntries(SALFORD_STAGES.map((s) => [s, { workedWell: lines(sides.get(s)!.well.value), worried: lines(sides.get(s)!.worried.value) }])),
    facts: idList(facts.value),
    hypotheses: lines(hypotheses.value),
    tree: { ...(graph.value ? { graph: graph.value } : {}), problem: problem.value, roots: parseRoots(roots.value), branches: lines(branches.value) },
    actions: parseActions(actions.value),
  });
  const save = write ? h('button', { type: 'submit' }, 'Save the discussion') : null;
  const form = h('form', { 'aria-label': 'Salford case discussion' }, h('div', { class: 'stages' }, ...columns), write ? wording : null, save, status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.textContent = '';
    try {
      const saved = await api<SalfordView>(reviewPath(id, '/salford'), { method: 'PUT', json: { record: recordNow() } });
      Object.assign(r, saved.record);
      showIssues(saved.issues);
      status.textContent = 'Saved.';
    } catch (e) {
      status.textContent = e instanceof ApiFailure ? e.message : 'Not saved.';
    }
  });

  fill(el, h('h2', {}, 'Salford case discussion'),
    h('p', {}, 'Five stages side by side, from the facts to what needs to happen next; each keeps what worked well beside what we are worried about.'),
    form, issues);
  showFacts();
  showIssues(view.issues);
}
