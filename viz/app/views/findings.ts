/**
 * Findings and recommendations: each finding with the records and causes that evidence it; each
 * recommendation SMART (owner agency, measure, due date), aimed at root causes, with its RCA2
 * strength, and its status moved on (open, in progress, evidenced, closed) with why, every change
 * kept. The checks (evidence not in the chronology, symptoms aimed at, roots with no
 * recommendation, weaker-only plans, overdue) are listed after each save.
 */
import { api, ApiFailure, reviewPath } from '../api.js';
import { fill, h } from '../dom.js';
import type { ReviewState } from '../state.js';
import { canWrite } from './review.js';
import { idList } from '../practice-edit.js';
import { RECOMMENDATION_STATUSES, type FindingsIssue, type FindingsRecord, type Recommendation } from '../../../src/review/findings.js';
import { ACTION_STRENGTHS } from '../../../src/rca/model.js';
import { displayDay } from '../../../src/model/calendar.js';

interface FindingsView { record: FindingsRecord; issues: FindingsIssue[] }
/** A recommendation as the form holds it: its due date as typed. */
type Draft = Omit<Recommendation, 'due' | 'status' | 'history'> & { due: string; status?: Recommendation['status']; history?: Recommendation['history'] };

/** The next free id with this prefix (F1, F2…). */
const nextId = (prefix: string, taken: readonly string[]): string => {
  let n = 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

export async function showFindings(el: HTMLElement, state: ReviewState): Promise<void> {
  const id = state.review.id;
  const write = canWrite(state, 'findings');
  const graphs = await api<Array<{ id: string; title: string }>>(reviewPath(id, '/rca'));
  let view = await api<FindingsView>(reviewPath(id, '/findings'));
  const findings = view.record.findings.map((f) => ({ ...f }));
  const recommendations: Draft[] = view.record.recommendations.map((r) => ({ ...r, due: displayDay(r.due) }));
  const graph = h('select', { id: 'findings-graph', ...(write ? {} : { disabled: true }) }, h('option', { value: '' }, 'None'),
    ...graphs.map((g) => h('option', { value: g.id, ...(g.id === view.record.graph ? { selected: true } : {}) }, g.title)));
  const list = h('div');
  const issues = h('div', { 'aria-live': 'polite', id: 'findings-issues' });
  const status = h('p', { role: 'status', id: 'findings-status' });
  const ro = write ? {} : { readonly: true };

  const input = (label: string, fieldId: string, value: string, set: (v: string) => void, multiline = false) => {
    const control = multiline ? h('textarea', { id: fieldId, rows: 2, ...ro }) : h('input', { id: fieldId, value, ...ro });
    if (multiline) (control as HTMLTextAreaElement).value = value;
    control.addEventListener('input', () => set(control.value));
    return h('div', { class: 'field' }, h('label', { for: fieldId }, label), control);
  };

  const showIssues = (list: FindingsIssue[]) => fill(issues, list.length === 0
    ? h('p', {}, 'Every finding is evidenced and every root cause has a recommendation aimed at it.')
    : h('div', {}, h('h3', {}, `To look at (${list.length})`), h('ul', {}, ...list.map((i) => h('li', {}, i.message)))));

  function findingCard(f: FindingsRecord['findings'][number]): HTMLElement {
    const remove = write ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove finding ${f.id}` }, 'Remove') : null;
    remove?.addEventListener('click', () => { findings.splice(findings.indexOf(f), 1); draw(); });
    return h('section', { class: 'card', 'aria-labelledby': `finding-${f.id}` }, h('h4', { id: `finding-${f.id}` }, `Finding ${f.id}`),
      input('Title', `f-${f.id}-title`, f.title, (v) => { f.title = v; }),
      input('What was found', `f-${f.id}-text`, f.text, (v) => { f.text = v; }, true),
      h('div', { class: 'row' },
        input('Evidence: records (ids)', `f-${f.id}-events`, f.events.join(', '), (v) => { f.events = idList(v); }),
        input('Evidence: causes (ids)', `f-${f.id}-causes`, f.causes.join(', '), (v) => { f.causes = idList(v); })),
      remove);
  }

  function recommendationCard(r: Draft): HTMLElement {
    const strength = h('select', { id: `r-${r.id}-strength`, ...(write ? {} : { disabled: true }) }, ...ACTION_STRENGTHS.map((s) => h('option', { value: s, ...(s === r.strength ? { selected: true } : {}) }, s)));
    strength.addEventListener('change', () => { r.strength = strength.value as Recommendation['strength']; });
    const remove = write ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove recommendation ${r.id}` }, 'Remove') : null;
    remove?.addEventListener('click', () => { recommendations.splice(recommendations.indexOf(r), 1); draw(); });
    const history = r.history && r.history.length > 0 ? h('table', {}, h('caption', {}, `Status history of ${r.id}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'On'), h('th', { scope: 'col' }, 'By'), h('th', { scope: 'col' }, 'Why'))),
      h('tbody', {}, ...r.history.map((c) => h('tr', {}, h('td', {}, c.status), h('td', {}, displayDay(c.on)), h('td', {}, c.by), h('td', {}, c.note))))) : h('p', {}, 'Not saved yet: it starts open when saved.');
    let move: HTMLElement | null = null;
    if (write && r.status) {
      const next = h('select', { id: `r-${r.id}-next` }, ...RECOMMENDATION_STATUSES.filter((s) => s !== r.status).map((s) => h('option', { value: s }, s)));
      const note = h('input', { id: `r-${r.id}-note` });
      const go = h('button', { type: 'button' }, 'Change status');
      go.addEventListener('click', async () => {
        status.textContent = '';
        try {
          view = await api<FindingsView>(reviewPath(id, `/recommendations/${encodeURIComponent(r.id)}/status`), { json: { status: next.value, note: note.value } });
          const saved = view.record.recommendations.find((x) => x.id === r.id)!;
          r.status = saved.status;
          r.history = saved.history;
          draw();
          showIssues(view.issues);
          status.textContent = `${r.id} is now ${saved.status}.`;
        } catch (e) { status.textContent = e instanceof ApiFailure ? e.message : 'The status was not changed.'; }
      });
      move = h('div', { class: 'inline' }, h('div', { class: 'field' }, h('label', { for: `r-${r.id}-next` }, 'New status'), next),
        h('div', { class: 'field grow' }, h('label', { for: `r-${r.id}-note` }, 'Why (for evidenced: what the evidence is)'), note), go);
    }
    return h('section', { class: 'card', 'aria-labelledby': `rec-${r.id}` }, h('h4', { id: `rec-${r.id}` }, `Recommendation ${r.id}${r.status ? ` (${r.status})` : ''}`),
      input('What is recommended', `r-${r.id}-text`, r.text, (v) => { r.text = v; }, true),
      h('div', { class: 'row' },
        input('Owner agency', `r-${r.id}-owner`, r.owner, (v) => { r.owner = v; }),
        input('Measure of success', `r-${r.id}-measure`, r.measure, (v) => { r.measure = v; }),
        input('Due', `r-${r.id}-due`, r.due, (v) => { r.due = v; })),
      h('div', { class: 'row' },
        input('Root causes addressed (ids)', `r-${r.id}-roots`, r.rootCauses.join(', '), (v) => { r.rootCauses = idList(v); }),
        input('Findings answered (ids)', `r-${r.id}-findings`, r.findings.join(', '), (v) => { r.findings = idList(v); }),
        h('div', { class: 'field' }, h('label', { for: `r-${r.id}-strength` }, 'Strength (RCA2)'), strength)),
      history, move, remove);
  }

  function draw(): void {
    const addFinding = write ? h('button', { type: 'button', class: 'secondary' }, 'Add a finding') : null;
    addFinding?.addEventListener('click', () => { findings.push({ id: nextId('F', findings.map((f) => f.id)), title: '', text: '', events: [], causes: [] }); draw(); });
    const addRecommendation = write ? h('button', { type: 'button', class: 'secondary' }, 'Add a recommendation') : null;
    addRecommendation?.addEventListener('click', () => {
      recommendations.push({ id: nextId('R', recommendations.map((r) => r.id)), text: '', owner: '', measure: '', due: '', rootCauses: [], findings: [], strength: 'intermediate' });
      draw();
    });
    fill(list, h('h3', {}, `Findings (${findings.length})`), ...findings.map(findingCard), addFinding,
      h('h3', {}, `Recommendations (${recommendations.length})`), ...recommendations.map(recommendationCard), addRecommendation);
  }

  const save = write ? h('button', { type: 'submit' }, 'Save findings and recommendations') : null;
  const form = h('form', { 'aria-label': 'Findings and recommendations' },
    h('div', { class: 'field' }, h('label', { for: 'findings-graph' }, 'Cause analysis the causes belong to'), graph), list, save, status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.textContent = '';
    try {
      view = await api<FindingsView>(reviewPath(id, '/findings'), { method: 'PUT', json: { record: { ...(graph.value ? { graph: graph.value } : {}), findings, recommendations: recommendations.map(({ status: _s, history: _h, ...r }) => r) } } });
      recommendations.splice(0, recommendations.length, ...view.record.recommendations.map((r) => ({ ...r, due: displayDay(r.due) })));
      draw();
      showIssues(view.issues);
      status.textContent = 'Saved.';
    } catch (e) { status.textContent = e instanceof ApiFailure ? e.message : 'Not saved.'; }
  });
  fill(el, h('h2', {}, 'Findings and recommendations'), form, issues);
  draw();
  showIssues(view.issues);
}
