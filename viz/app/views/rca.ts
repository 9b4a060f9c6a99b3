/**
 * Building the cause analysis: the why-chain text in an editor beside the live diagrams (the
 * engine's own renderers), with lint, unconfirmed causes and roots without actions listed as
 * you type; cite the record selected in the timeline as evidence; add an action with owner, due
 * date and strength; save a version, see the history, restore one.
 */
import { api, ApiFailure, reviewPath } from '../api.js';
import { fill, h } from '../dom.js';
import type { ReviewState } from '../state.js';
import { canWrite } from './review.js';
import { citeEvidence, insertAction, lineAt, type Edit } from '../whys-edit.js';
import type { RcaReport } from '../../../src/rca/analyse.js';
import { count } from '../../../src/model/words.js';

interface GraphSummary { id: string; title: string; latest: number; versions?: Array<{ version: number; format: string; note: string | null; author: string; createdAt: string }> }
interface GraphDetail { graph: GraphSummary; source: string; format: 'whys' | 'fishbone' | 'json' }

const STARTER = 'problem P1: What happened to the child (date)\n  why: A first cause (category) [evidence: ]\n';

function reportView(report: RcaReport): HTMLElement {
  const items = (title: string, list: string[]) => h('div', {}, h('h4', {}, `${title} (${list.length})`), list.length === 0 ? h('p', {}, 'None.') : h('ul', {}, ...list.map((x) => h('li', {}, x))));
  const problems = report.problems.map((p) => `${p.label}: ${count(p.rootCauseCount, 'root cause')}, ${count(p.pathCount, 'path')}, the deepest ${count(p.depth, 'step')}`);
  return h('div', { class: 'rca-report' },
    h('p', {}, problems.join('; ') || 'No problem yet.'),
    items('Problems in the text', report.validation.map((i) => `${i.line !== undefined ? `line ${i.line}: ` : ''}${i.message} (${i.severity})`)),
    items('Lint', report.lint.map((l) => `${l.cause}: ${l.message}`)),
    items('Causes without evidence (unconfirmed)', report.unconfirmed),
    items('Root causes without an action', report.actions.rootCausesWithoutAction),
    items('Evidence not in the chronology', report.evidence.unknownEvents.map((e) => `${e.event} (${e.evidence})`)));
}

export async function showRca(el: HTMLElement, state: ReviewState): Promise<void> {
  const id = state.review.id;
  const write = canWrite(state, 'findings');
  const graphs = await api<GraphSummary[]>(reviewPath(id, '/rca'));
  const picker = h('select', { id: 'rca-pick' }, ...graphs.map((g) => h('option', { value: g.id }, g.title)));
  const area = h('div', { class: 'rca-area' });
  const newTitle = h('input', { id: 'rca-new-title', placeholder: 'e.g. Why did the injury happen?' });
  const newError = h('p', { class: 'error', role: 'alert' });
  const create = write ? h('form', { class: 'inline' }, h('div', { class: 'field' }, h('label', { for: 'rca-new-title' }, 'New cause analysis'), newTitle),
    h('button', { type: 'submit' }, 'Create'), newError) : null;
  create?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const made = await api<{ graph: GraphSummary }>(reviewPath(id, '/rca'), { json: { title: newTitle.value || 'Cause analysis', format: 'whys', source: STARTER } });
      await showRca(el, state);
      (el.querySelector('#rca-pick') as HTMLSelectElement).value = made.graph.id;
      el.querySelector('#rca-pick')!.dispatchEvent(new Event('change'));
    } catch (e) { newError.textContent = e instanceof ApiFailure ? e.message : 'Not created.'; }
  });
  picker.addEventListener('change', () => { void openGraph(picker.value); });
  fill(el, h('div', { class: 'inline' }, graphs.length > 0 ? h('div', { class: 'field' }, h('label', { for: 'rca-pick' }, 'Cause analysis'), picker) : h('p', {}, 'No cause analysis yet.'), create), area);

  async function openGraph(graphId: string): Promise<void> {
    const detail = await api<GraphDetail>(reviewPath(id, `/rca/${graphId}`));
    const editor = h('textarea', { id: 'rca-source', class: 'source', rows: 22, spellcheck: 'false', wrap: 'off', 'aria-describedby': 'rca-help', ...(write ? {} : { readonly: true }) });
    editor.value = detail.source;
    const report = h('div', { 'aria-live': 'polite' });
    const diagramPick = h('select', { id: 'rca-diagram' }, ...(['causes', 'fishbone', 'whys'] as const).map((d) => h('option', { value: d }, d === 'causes' ? 'Cause graph' : d === 'fishbone' ? 'Fishbone' : 'Why-chain')));
    const figure = h('figure', { class: 'rca-figure' });
    const msg = h('p', { role: 'status' });
    let blobUrl = '';
    const body = () => ({ title: detail.graph.title, format: detail.format, source: editor.value });
    const refresh = async (): Promise<void> => {
      try {
        fill(report, reportView(await api<RcaReport>(reviewPath(id, '/rca-draft'), { json: body() })));
        const res = await fetch(reviewPath(id, `/rca-draft/diagrams/${diagramPick.value}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
        if (!res.ok) { fill(figure, h('p', {}, 'The diagram cannot be drawn until the text reads.')); return; }
        if (blobUrl) URL.revokeObjectURL(blobUrl);
        blobUrl = URL.createObjectURL(await res.blob());
        const label = diagramPick.selectedOptions[0]?.textContent ?? 'Diagram';
        fill(figure, h('img', { src: blobUrl, alt: `${label} of "${detail.graph.title}" as currently typed` }), h('figcaption', {}, `${label}, drawn by the engine as it will be downloaded.`));
      } catch (e) {
        fill(report, h('p', { class: 'error', role: 'alert' }, e instanceof ApiFailure ? e.message : 'The analysis failed.'));
      }
    };
    let typing = 0;
    editor.addEventListener('input', () => { clearTimeout(typing); typing = window.setTimeout(() => { void refresh(); }, 400); });
    diagramPick.addEventListener('change', () => { void refresh(); });
    const applyEdit = (edit: Edit): void => {
      if (!edit.changed) { msg.textContent = edit.reason ?? 'Nothing changed.'; return; }
      editor.value = edit.text;
      msg.textContent = 'Changed: not saved yet.';
      void refresh();
    };
    const cite = h('button', { type: 'button', class: 'secondary', onclick: () => {
      if (!state.selected) { msg.textContent = 'Select a record on the Timeline tab first.'; return; }
      applyEdit(citeEvidence(editor.value, lineAt(editor.value, editor.selectionStart), state.selected));
    } }, state.selected ? `Cite ${state.selected} on the cursor's line` : 'Cite the record selected in the timeline');
    const act = { text: h('input', { id: 'act-text' }), owner: h('input', { id: 'act-owner', size: 10 }), due: h('input', { id: 'act-due', size: 10, placeholder: 'dd/mm/yyyy' }),
      strength: h('select', { id: 'act-strength' }, ...['', 'stronger', 'intermediate', 'weaker'].map((s) => h('option', { value: s }, s || 'not stated'))) };
    const actionForm = h('form', { class: 'inline action-form' },
      h('div', { class: 'field grow' }, h('label', { for: 'act-text' }, 'Action'), act.text),
      h('div', { class: 'field' }, h('label', { for: 'act-owner' }, 'Owner'), act.owner),
      h('div', { class: 'field' }, h('label', { for: 'act-due' }, 'Due'), act.due),
      h('div', { class: 'field' }, h('label', { for: 'act-strength' }, 'Strength'), act.strength),
      h('button', { type: 'submit', class: 'secondary' }, 'Add under the cursor\'s cause'));
    actionForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      applyEdit(insertAction(editor.value, lineAt(editor.value, editor.selectionStart), { text: act.text.value, owner: act.owner.value, due: act.due.value, strength: act.strength.value as '' }));
    });
    const note = h('input', { id: 'rca-note', placeholder: 'what changed' });
    const history = h('ol', { class: 'history' }, ...(detail.graph.versions ?? []).map((v) => h('li', {},
      `Version ${v.version}, ${v.author}, ${v.createdAt.slice(0, 16).replace('T', ' ')}${v.note ? `: ${v.note}` : ''} `,
      write && v.version !== detail.graph.latest ? h('button', { type: 'button', class: 'link', onclick: async () => {
        await api(reviewPath(id, `/rca/${graphId}/versions/${v.version}/restore`), { method: 'POST' });
        await openGraph(graphId);
      } }, `Restore version ${v.version}`) : null)));
    const save = h('form', { class: 'inline' }, h('div', { class: 'field grow' }, h('label', { for: 'rca-note' }, 'Note for this version'), note),
      h('button', { type: 'submit' }, 'Save version'));
    save.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api(reviewPath(id, `/rca/${graphId}`), { method: 'PUT', json: { format: detail.format, source: editor.value, ...(note.value ? { note: note.value } : {}) } });
        await openGraph(graphId);
      } catch (e) { msg.textContent = e instanceof ApiFailure ? e.message : 'Not saved.'; }
    });
    fill(area,
      h('div', { class: 'rca-split' },
        h('div', { class: 'rca-edit' },
          h('label', { for: 'rca-source' }, `${detail.graph.title} (${detail.format === 'whys' ? 'why-chain text' : detail.format})`),
          h('p', { id: 'rca-help', class: 'hint' }, 'One line per problem, why, and, or !action; indent a cause under what it causes. [evidence: id] cites a record.'),
          editor, write ? h('div', { class: 'inline' }, cite) : null, write ? actionForm : null, write ? save : null, msg,
          h('h3', {}, 'History'), history),
        h('div', { class: 'rca-live' }, h('div', { class: 'field' }, h('label', { for: 'rca-diagram' }, 'Diagram'), diagramPick), figure, h('h3', {}, 'As you type'), report)));
    await refresh();
  }
  if (graphs.length > 0) await openGraph(graphs[0]!.id);
}
