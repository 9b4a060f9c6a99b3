/**
 * Questioning the chronology: the involvement heatmap, times no agency saw the child, patterns,
 * referrals, the information-sharing network, key practice episodes (add, edit and remove your own),
 * good practice and missed opportunities, what each agency knew at each decision. Each finding
 * opens its records in the timeline; a decision opens the timeline as its agency could know it.
 */
import * as Plot from '@observablehq/plot';
import { api, ApiFailure, reviewPath } from '../api.js';
import { officeSafe } from '../plots.js';
import { fill, h } from '../dom.js';
import { analysisOf, invalidate, reviewState, type ReviewState } from '../state.js';
import { canWrite, failureNote } from './review.js';
import { displayDay } from '../../../src/model/calendar.js';
import type { Analysis } from '../../../src/analytics/types.js';
import { knownByOf, withEpisode } from '../model.js';

/** Opens a finding's records in the timeline. */
function opener(state: ReviewState, title: string, ids: readonly string[]): HTMLElement {
  return h('button', { type: 'button', class: 'link', onclick: () => {
    state.focus = { title, ids: new Set(ids) };
    location.hash = `#/reviews/${encodeURIComponent(state.review.id)}/timeline`;
  } }, `Open ${ids.length} record${ids.length === 1 ? '' : 's'}`);
}

function table(caption: string, head: string[], rows: Array<Array<string | number | Node>>): HTMLElement {
  if (rows.length === 0) return h('p', {}, `${caption}: none found.`);
  return h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c instanceof Node ? c : String(c)))))));
}

function heatmap(a: Analysis): HTMLElement {
  const cells = a.grid.cells;
  if (cells.length === 0) return h('p', {}, 'No records to place on the grid.');
  const periods = a.grid.periods.map((p) => p.period);
  const agencies = a.grid.agencies.map((x) => x.agency);
  const plot = Plot.plot({
    width: Math.max(640, periods.length * 22 + 200), height: agencies.length * 28 + 80, marginLeft: 170, marginBottom: 60,
    className: 'hm-plot',
    x: { domain: periods, label: null, tickRotate: -60 }, y: { domain: agencies, label: null },
    color: { scheme: 'blues', type: 'sqrt', legend: true, label: 'records' },
    marks: [
      Plot.cell(cells, { x: 'period', y: 'agency', fill: 'count', inset: 0.5 }),
      Plot.text(cells, { x: 'period', y: 'agency', text: (d: { count: number }) => String(d.count), fill: (d: { count: number }) => (d.count > 6 ? 'white' : 'black'), fontSize: 9 }),
    ],
  });
  const counts = new Map(cells.map((c) => [`${c.agency}\u0000${c.period}`, c.count]));
  return h('figure', { class: 'heatmap' }, h('div', { class: 'scroll-x' }, officeSafe(plot, { label: `Heatmap of records per agency and ${a.grid.period}; the same counts are in the table below it.` })),
    h('figcaption', {}, `Records per agency and ${a.grid.period}: each cell's number is its count (the shade repeats it).`),
    h('details', {}, h('summary', {}, 'The same counts as a table'), h('div', { class: 'scroll-x' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Agency'), ...periods.map((p) => h('th', { scope: 'col' }, p)))),
      h('tbody', {}, ...agencies.map((ag) => h('tr', {}, h('th', { scope: 'row' }, ag), ...periods.map((p) => h('td', {}, String(counts.get(`${ag}\u0000${p}`) ?? 0))))))))));
}

async function episodesSection(state: ReviewState, a: Analysis, refresh: () => Promise<void>): Promise<HTMLElement> {
  const write = canWrite(state, 'findings');
  const settings = await api<{ episodes?: Array<{ title: string; from: string; to: string }> }>(reviewPath(state.review.id, '/settings'));
  const mine = settings.episodes ?? [];
  const save = async (episodes: typeof mine, msg: HTMLElement): Promise<void> => {
    try {
      await api(reviewPath(state.review.id, '/settings/episodes'), { method: 'PUT', json: { value: episodes.length === 0 ? null : episodes } });
      invalidate();
      await refresh();
    } catch (e) {
      msg.textContent = e instanceof ApiFailure ? e.message : 'The episodes could not be saved.';
    }
  };
  const msg = h('p', { class: 'error', role: 'alert' });
  const title = h('input', { id: 'ep-title', required: true });
  const from = h('input', { id: 'ep-from', required: true, placeholder: 'e.g. 21/05/2021' });
  const to = h('input', { id: 'ep-to', required: true, placeholder: 'e.g. 15/06/2021' });
  // The form adds an episode, or changes the one being edited (its place in the list kept).
  let editing: number | undefined;
  const submit = h('button', { type: 'submit' }, 'Add episode');
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Cancel');
  const edit = (i: number): void => {
    editing = i;
    title.value = mine[i]!.title;
    from.value = mine[i]!.from;
    to.value = mine[i]!.to;
    submit.textContent = 'Save episode';
    cancel.hidden = false;
    title.focus();
  };
  cancel.addEventListener('click', () => {
    editing = undefined;
    title.value = from.value = to.value = '';
    submit.textContent = 'Add episode';
    cancel.hidden = true;
  });
  const form = write ? h('form', { class: 'inline', 'aria-label': 'Your episode' },
    h('div', { class: 'field' }, h('label', { for: 'ep-title' }, 'Title'), title),
    h('div', { class: 'field' }, h('label', { for: 'ep-from' }, 'From'), from),
    h('div', { class: 'field' }, h('label', { for: 'ep-to' }, 'To'), to),
    submit, cancel, msg) : null;
  form?.addEventListener('submit', (ev) => { ev.preventDefault(); void save(withEpisode(mine, { title: title.value, from: from.value, to: to.value }, editing), msg); });
  return h('section', { 'aria-labelledby': 'h-episodes' }, h('h2', { id: 'h-episodes' }, 'Key practice episodes'),
    table('Episodes (suggested from the records, and your own)', ['Episode', 'From', 'To', 'Agencies', 'Source', 'Records', ''], a.episodes.map((e) => {
      const i = mine.findIndex((m) => m.title === e.title);
      return [e.title, displayDay(e.from), displayDay(e.to), e.agencies.join(', '), e.source, opener(state, `episode "${e.title}"`, e.events),
        write && e.source === 'user' && i >= 0 ? h('span', {},
          h('button', { type: 'button', class: 'link', 'aria-label': `Edit episode "${e.title}"`, onclick: () => edit(i) }, 'Edit'), ' ',
          h('button', { type: 'button', class: 'link', 'aria-label': `Remove episode "${e.title}"`, onclick: () => { void save(mine.filter((_, j) => j !== i), msg); } }, 'Remove')) : ''];
    })), form ?? h('p', {}, ''));
}

/** What each agency knew: incidents by agency (the day each is first shown to have known), and each decision point. */
function knowledgeSection(state: ReviewState, a: Analysis, cite: (id: string) => string): HTMLElement {
  const k = a.knowledge;
  const agencies = state.chronology!.agencyOrder;
  const fact = new Map(k.learned.map((f) => [`${f.incident}\u0000${f.agency}`, f]));
  const seeAsKnown = (d: Analysis['knowledge']['decisions'][number]) => h('button', { type: 'button', class: 'link', onclick: () => {
    state.knownBy = knownByOf(a, state.chronology!, d);
    delete state.focus;
    state.selected = d.event;
    location.hash = `#/reviews/${encodeURIComponent(state.review.id)}/timeline`;
  } }, `See it as ${d.agency} could know it`);
  return h('section', { 'aria-labelledby': 'h-knowledge' }, h('h2', { id: 'h-knowledge' }, 'What each agency knew'),
    h('p', {}, `From the records alone: ${k.incidents.length} incidents the review follows, and for each agency the first day a record shows it knew of each. `
      + '"Not shown" means no record shows it, not that the agency did not know.'),
    k.incidents.length === 0 ? h('p', {}, 'No incidents: no record refers to another, and no pattern finding names records.')
      : h('div', { class: 'scroll-x' }, h('table', {}, h('caption', {}, 'Incidents, and when each agency is first shown to have known of them'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Incident'), ...agencies.map((ag) => h('th', { scope: 'col' }, ag)))),
        h('tbody', {}, ...k.incidents.map((i) => h('tr', {}, h('th', { scope: 'row' }, `${displayDay(i.date)} ${cite(i.id)}`),
          ...agencies.map((ag) => { const f = fact.get(`${i.id}\u0000${ag}`); return h('td', {}, f ? `${f.exact ? displayDay(f.by) : `by ${displayDay(f.by)}`} (${f.how}${f.days > 0 ? `, ${f.days} days` : ''})` : 'not shown'); })))))),
    table('Decision points', ['Date', 'Agency', 'Decision', 'Record', 'Incidents known', 'Not shown as known', ''], k.decisions.map((d) => [
      displayDay(d.date), d.agency, d.title, cite(d.event), d.known, d.notKnown, seeAsKnown(d)])));
}

export async function showAnalysis(el: HTMLElement, state: ReviewState): Promise<void> {
  if (!state.chronology) { fill(el, failureNote(state)); return; }
  fill(el, h('p', { role: 'status' }, 'Analysing…'));
  const a = (await analysisOf(state))!;
  const cite = (id: string) => {
    const e = state.chronology!.byId.get(id);
    return e ? `${id} (${e.source.file}:${e.source.line})` : id;
  };
  const gapRows = a.gaps.childNotSeen.map((g) => [displayDay(g.from), displayDay(g.to), g.days, `${cite(g.before)} → ${cite(g.after)}`, g.provisional ? 'provisional' : '', opener(state, `child not seen ${displayDay(g.from)}–${displayDay(g.to)}`, [g.before, g.after])]);
  fill(el,
    a.child.confirmed ? null : h('p', { class: 'notice' }, `The child's names were inferred (${a.child.names.join(', ')}): set them in the review's terms to confirm the not-seen findings.`),
    h('section', { 'aria-labelledby': 'h-heat' }, h('h2', { id: 'h-heat' }, 'Who was involved when'), heatmap(a)),
    h('section', { 'aria-labelledby': 'h-gaps' }, h('h2', { id: 'h-gaps' }, 'When no agency saw the child'),
      table('Periods the child was not seen', ['From', 'To', 'Days', 'Between', '', 'Records'], gapRows)),
    h('section', { 'aria-labelledby': 'h-patterns' }, h('h2', { id: 'h-patterns' }, 'Patterns'),
      table('Repeated patterns', ['Pattern', 'Count', 'From', 'To', 'Records'], a.patterns.map((p) => [p.title, p.count, displayDay(p.from), displayDay(p.to), opener(state, p.title, p.events)]))),
    h('section', { 'aria-labelledby': 'h-referrals' }, h('h2', { id: 'h-referrals' }, 'Referrals'),
      table('Referrals and their responses', ['Date', 'From', 'To', 'Response', 'Timely', 'Record'], a.referrals.map((r) => [
        displayDay(r.date), r.from, r.to, r.response ? `${cite(r.response)} after ${r.days} days` : 'none recorded', r.noTimelyResponse ? 'no' : 'yes',
        opener(state, `referral ${r.event}`, [r.event, ...(r.response ? [r.response] : [])])]))),
    h('section', { 'aria-labelledby': 'h-network' }, h('h2', { id: 'h-network' }, 'Information sharing'),
      table('Who shared with whom', ['From', 'To', 'How', 'Times', 'Records'], a.network.edges.map((e) => [e.from, e.to, e.kind, e.count, opener(state, `${e.from} → ${e.to} (${e.kind})`, e.events)])),
      table('Agencies not recorded at meetings', ['Date', 'Meeting', 'Recorded by', 'Not recorded'], a.network.absences.map((m) => [displayDay(m.date), m.meeting, m.recordedBy.join(', '), m.absent.join(', ')]))),
    await episodesSection(state, a, async () => showAnalysis(el, await reviewState(state.review.id))),
    knowledgeSection(state, a, cite),
    h('section', { 'aria-labelledby': 'h-balance' }, h('h2', { id: 'h-balance' }, 'Good practice and missed opportunities'),
      h('p', {}, `${a.balance.total.good} good practice, ${a.balance.total.missed} missed opportunities (tag a record from its panel on the Timeline tab).`),
      table('By agency', ['Agency', 'Good practice', 'Missed'], a.balance.byAgency.map((b) => [b.agency, b.good, b.missed])),
      table('Tagged records', ['Record', 'Tag', 'By', ''], a.balance.tags.map((t) => [cite(t.event), t.tag === 'good' ? 'good practice' : 'missed opportunity', t.by, opener(state, `${t.tag} ${t.event}`, [t.event])]))));
}
