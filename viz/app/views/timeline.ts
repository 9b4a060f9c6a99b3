/**
 * The merged chronology seen whole: swimlanes per agency on a real time axis (Observable Plot),
 * precision shown honestly (a day is a mark, a week or a month a span), linked groups joined,
 * `refers-to` links on demand, key practice episodes and child-not-seen spells shaded. Zoom and
 * pan with the wheel, a drag or the keyboard; shift-drag to look at a period. Filters by agency,
 * type, flag, date and text; a tooltip on hover; the full record, its source and its links in a
 * side panel; the merged table beside it, virtualised, in step both ways.
 */
import * as Plot from '@observablehq/plot';
import { api, ApiFailure, reviewPath } from '../api.js';
import { officeSafe } from '../plots.js';
import { fill, h } from '../dom.js';
import { analysisOf, invalidate, type ReviewState } from '../state.js';
import { atDecision } from '../../../src/analytics/known.js';
import { displayDay } from '../../../src/model/calendar.js';
import type { DecisionPoint } from '../../../src/analytics/types.js';
import { canWrite, failureNote } from './review.js';
import {
  choices, episodeLabels, whenOf, extentOf, flagChoices, groupLines, inDomain, knownByOf, lanesOf, marksOf, panned, spellsOf, TAG_WORDS, thinned, withTag, zoomed,
  type Domain, type Mark, type Tag,
} from '../model.js';
import { eventMatcher, isEmptyFilter, searchText, type EventFilter } from '../../../src/review/filter.js';
import type { ChronologyEvent } from '../../../src/model/types.js';

const ROW = 30;
/** A record the agency is not shown to have known, seen as it could know it. */
const UNKNOWN = '#8c8c8c';
const MARGIN_LEFT = 170;
const LANE = 34;

/** Search text per record, made once per chronology. */
const texts = new WeakMap<ChronologyEvent, string>();
const textOf = (e: ChronologyEvent): string => {
  let t = texts.get(e);
  if (t === undefined) { t = searchText(e); texts.set(e, t); }
  return t;
};

/** Each record's mark, made once per chronology (undefined: no readable date). */
const markCache = new WeakMap<ChronologyEvent, Mark | null>();
function marksFor(events: readonly ChronologyEvent[]): { marks: Mark[]; undated: number } {
  const marks: Mark[] = [];
  let undated = 0;
  for (const e of events) {
    let m = markCache.get(e);
    if (m === undefined) { m = marksOf([e]).marks[0] ?? null; markCache.set(e, m); }
    if (m) marks.push(m); else undated++;
  }
  return { marks, undated };
}

/** The records a view shows: the filter's, within a finding's records when one is open. */
export function visibleEvents(state: ReviewState): ChronologyEvent[] {
  const events = state.chronology?.events ?? [];
  const focus = state.focus?.ids;
  if (isEmptyFilter(state.filter) && !focus) return [...events];
  const keep = eventMatcher(state.filter, textOf);
  return events.filter((e) => (!focus || focus.has(e.id)) && keep(e));
}

export async function showTimeline(el: HTMLElement, state: ReviewState): Promise<void> {
  if (!state.chronology) { fill(el, failureNote(state)); return; }
  const chronology = state.chronology;
  // The shaded spells come with the analysis: the chart is drawn first and again when it arrives.
  let spells: ReturnType<typeof spellsOf> = spellsOf(state.analysis);
  const all = marksFor(chronology.events);
  const extent = extentOf(all.marks);

  // ---- filters
  const agencies = lanesOf(chronology.agencyOrder, choices(chronology.events, 'agency'));
  const agencyBoxes = agencies.map((a, i) => {
    const box = h('input', { type: 'checkbox', id: `agency-${i}`, value: a, ...(state.filter.agency?.includes(a) ?? true ? { checked: true } : {}) });
    return { a, box, row: h('span', { class: 'check' }, box, h('label', { for: `agency-${i}` }, a)) };
  });
  const type = h('select', { id: 'filter-type' }, h('option', { value: '' }, 'Any type'), ...choices(chronology.events, 'type').map((t) => h('option', { value: t, ...(state.filter.type === t ? { selected: true } : {}) }, t)));
  const flag = h('select', { id: 'filter-flag' }, h('option', { value: '' }, 'Any'), ...flagChoices(chronology.events).map((f) => h('option', { value: f, ...(state.filter.flag?.[0] === f ? { selected: true } : {}) }, f)));
  const from = h('input', { id: 'filter-from', value: state.filter.from ?? '', placeholder: 'e.g. 03/2021', size: 11 });
  const to = h('input', { id: 'filter-to', value: state.filter.to ?? '', placeholder: 'e.g. 2022', size: 11 });
  const q = h('input', { id: 'filter-q', type: 'search', value: state.filter.q ?? '', placeholder: 'words in any column' });
  const refers = h('input', { id: 'filter-refers', type: 'checkbox', ...(state.withRefers ? { checked: true } : {}) });
  const filterError = h('p', { class: 'error', role: 'alert' });
  const count = h('p', { class: 'count', role: 'status' });
  const banner = h('div', { class: 'focus-banner' });

  // ---- chart, table, panel
  const chart = h('div', {
    class: 'chart', tabindex: 0, role: 'group', 'aria-roledescription': 'timeline',
    'aria-label': 'Merged timeline. Plus and minus zoom, left and right arrows move in time, Home shows it all, up and down arrows select the previous or next record, shift-drag looks at a period.',
  });
  const tip = h('div', { class: 'tip', role: 'tooltip', hidden: true });
  const ring = h('div', { class: 'ring', hidden: true });
  const chartWrap = h('div', { class: 'chart-wrap' }, chart, ring, tip);
  const tableBody = h('tbody', {});
  const table = h('table', { class: 'grid', role: 'grid', 'aria-label': 'Merged chronology' },
    h('thead', {}, h('tr', { 'aria-rowindex': 1 }, ...['Date as written', 'Agency', 'Type', 'Summary', 'Source', 'Links'].map((c) => h('th', { scope: 'col' }, c)))),
    tableBody);
  const scroller = h('div', { class: 'table-scroll', tabindex: -1 }, table);
  const panel = h('aside', { class: 'panel', 'aria-labelledby': 'panel-title' }, h('h2', { id: 'panel-title' }, 'Record'), h('p', {}, 'Select a record in the timeline or the table.'));

  let events: ChronologyEvent[] = [];
  /** The chart's width, kept by a ResizeObserver (read once the page is laid out). */
  let chartWidth = 0;
  let marks: Mark[] = [];
  let domain: Domain | undefined = state.domain ?? extent;
  let plotted: { x: Plot.Scale; y: Plot.Scale; svg: Element; shown: Mark[] } | undefined;

  const readFilter = (): EventFilter => {
    const chosen = agencyBoxes.filter((b) => b.box.checked).map((b) => b.a);
    return {
      ...(chosen.length < agencyBoxes.length ? { agency: chosen } : {}),
      ...(type.value ? { type: type.value } : {}), ...(flag.value ? { flag: [flag.value] } : {}),
      ...(from.value.trim() ? { from: from.value.trim() } : {}), ...(to.value.trim() ? { to: to.value.trim() } : {}),
      ...(q.value.trim() ? { q: q.value } : {}),
    };
  };

  const apply = (): void => {
    const next = readFilter();
    try {
      eventMatcher(next);
      filterError.textContent = '';
      state.filter = next;
    } catch (e) {
      filterError.textContent = e instanceof Error ? e.message.replace(/^--(from|to) /, '$1: ') : 'That date cannot be read.';
      return;
    }
    state.withRefers = refers.checked;
    events = visibleEvents(state);
    const placed = marksFor(events);
    marks = placed.marks;
    count.textContent = `${events.length} of ${chronology.events.length} records shown${placed.undated > 0 ? `; ${placed.undated} with no readable date are in the table only` : ''}.`;
    const kb = state.knownBy;
    fill(banner, state.focus ? h('p', {}, `Showing the ${state.focus.ids.size} records of: ${state.focus.title}. `,
      h('button', { type: 'button', class: 'link', onclick: () => { delete state.focus; apply(); } }, 'Show all records')) : null,
    kb ? h('p', { class: 'known-by' }, `Seen as ${kb.agency} could know it on ${displayDay(kb.on)} (${kb.title}, ${kb.event}): `
      + `${kb.records.size} records its own or shown by the records to be known to it by then are drawn as usual; the others are hollow and grey. `,
    h('button', { type: 'button', class: 'link', onclick: () => { delete state.knownBy; apply(); } }, 'Show the chronology whole')) : null);
    draw();
    renderRows(true);
  };

  // ---- the chart
  const draw = (): void => {
    if (!domain) { fill(chart, h('p', {}, 'No record has a readable date.')); plotted = undefined; return; }
    state.domain = domain;
    const lanes = lanesOf(chronology.agencyOrder, new Set(events.map((e) => e.agency)));
    const width = Math.max(480, chartWidth || 900);
    const shown = thinned(inDomain(marks, domain), domain, width - MARGIN_LEFT - 16, 4, state.selected);
    const lines = groupLines(chronology.links, shown, state.withRefers).flatMap((l) => l.points.map((p) => ({ ...p, link: l.link, kind: l.kind })));
    const mid = (m: Mark) => new Date((m.x1.getTime() + m.x2.getTime()) / 2);
    const knownBy = state.knownBy;
    const known = (m: Mark): boolean => knownBy === undefined || knownBy.records.has(m.id);
    const plot = Plot.plot({
      width, height: Math.max(120, lanes.length * LANE + 50), marginLeft: MARGIN_LEFT, marginRight: 16, marginTop: 24,
      className: 'tl-plot',
      x: { type: 'utc', domain: [...domain], label: null, grid: true },
      y: { domain: lanes, label: null, padding: 0.1 },
      color: { domain: agencies, scheme: 'tableau10' },
      marks: [
        Plot.rectX(spells.filter((s) => s.kind === 'not-seen'), { x1: 'x1', x2: 'x2', fill: '#d9d9d9', fillOpacity: 0.55 }),
        Plot.rectX(spells.filter((s) => s.kind === 'episode'), { x1: 'x1', x2: 'x2', fill: '#f6dc8c', fillOpacity: 0.45 }),
        Plot.text(episodeLabels(spells, domain, width - MARGIN_LEFT - 16), { x: 'x1', text: 'title', frameAnchor: 'top', textAnchor: 'start', dx: 3, dy: -14, fontSize: 10 }),
        Plot.barX(shown.filter((m) => !m.point && known(m)), { x1: 'x1', x2: 'x2', y: 'agency', fill: 'agency', fillOpacity: 0.35, stroke: 'agency', insetTop: 9, insetBottom: 9 }),
        Plot.barX(shown.filter((m) => !m.point && !known(m)), { x1: 'x1', x2: 'x2', y: 'agency', fill: '#f2f2f2', stroke: UNKNOWN, insetTop: 9, insetBottom: 9 }),
        Plot.line(lines.filter((p) => p.kind === 'same-event'), { x: 'x', y: 'agency', z: 'link', stroke: '#333', strokeWidth: 1.5 }),
        Plot.line(lines.filter((p) => p.kind === 'refers-to'), { x: 'x', y: 'agency', z: 'link', stroke: '#7a3e9d', strokeWidth: 1.2, strokeDasharray: '4,3' }),
        Plot.dot(shown.filter((m) => m.point && known(m)), { x: mid, y: 'agency', fill: 'agency', stroke: 'white', strokeWidth: 0.8, r: 4.5 }),
        // As one agency could know it: what it is not shown to have known, hollow and grey; the day, a rule.
        Plot.dot(shown.filter((m) => m.point && !known(m)), { x: mid, y: 'agency', fill: 'white', stroke: UNKNOWN, strokeWidth: 1.2, r: 4 }),
        ...(state.knownBy ? [Plot.ruleX([new Date(`${state.knownBy.on}T12:00:00Z`)], { stroke: '#1a1a1a', strokeWidth: 1.5 })] : []),
      ],
    });
    fill(chart, officeSafe(plot, 'hidden'));
    // For the benchmark (bench/app.ts): when the timeline was first drawn.
    if (performance.getEntriesByName('timeline-drawn').length === 0) performance.mark('timeline-drawn');
    plotted = { x: plot.scale('x')!, y: plot.scale('y')!, svg: plot, shown };
    placeRing();
  };

  const xy = (m: Mark): { x: number; y: number } | undefined => {
    if (!plotted) return undefined;
    const x = plotted.x.apply!(new Date((m.x1.getTime() + m.x2.getTime()) / 2)) as number;
    const y = plotted.y.apply!(m.agency) as number | undefined;
    if (y === undefined || Number.isNaN(x)) return undefined;
    return { x, y: y + (plotted.y.bandwidth ?? 0) / 2 };
  };

  const placeRing = (): void => {
    const m = state.selected ? plotted?.shown.find((s) => s.id === state.selected) : undefined;
    const at = m ? xy(m) : undefined;
    ring.hidden = !at;
    if (at) { ring.style.left = `${at.x - 9}px`; ring.style.top = `${at.y - 9}px`; }
  };

  /** The record nearest a point on the chart (within 14 px), or none. */
  const nearest = (ev: MouseEvent): Mark | undefined => {
    if (!plotted) return undefined;
    const box = chart.getBoundingClientRect();
    const px = ev.clientX - box.left;
    const py = ev.clientY - box.top;
    let best: Mark | undefined;
    let bestD = 14 * 14;
    for (const m of plotted.shown) {
      const at = xy(m);
      if (!at) continue;
      if (!m.point) {
        const x1 = plotted.x.apply!(m.x1) as number;
        const x2 = plotted.x.apply!(m.x2) as number;
        if (px >= x1 && px <= x2 && Math.abs(py - at.y) < 8) return m;
      }
      const d = (at.x - px) ** 2 + (at.y - py) ** 2;
      if (d < bestD) { bestD = d; best = m; }
    }
    return best;
  };

  const fraction = (clientX: number): number => {
    const box = chart.getBoundingClientRect();
    return (clientX - box.left - MARGIN_LEFT) / Math.max(1, box.width - MARGIN_LEFT - 16);
  };

  let redraw = 0;
  const setDomain = (d: Domain): void => {
    domain = d;
    cancelAnimationFrame(redraw);
    redraw = requestAnimationFrame(draw);
  };

  chart.addEventListener('wheel', (ev) => {
    if (!domain || !extent) return;
    ev.preventDefault();
    setDomain(zoomed(domain, ev.deltaY > 0 ? 1.25 : 0.8, fraction(ev.clientX), extent));
  }, { passive: false });

  let drag: { x: number; domain: Domain; brush: boolean; moved: boolean } | undefined;
  const brush = h('div', { class: 'brush', hidden: true });
  chartWrap.append(brush);
  chart.addEventListener('pointerdown', (ev) => {
    if (!domain) return;
    drag = { x: ev.clientX, domain, brush: ev.shiftKey, moved: false };
    chart.setPointerCapture(ev.pointerId);
  });
  chart.addEventListener('pointermove', (ev) => {
    if (drag && extent) {
      const dx = ev.clientX - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      if (drag.brush) {
        const box = chart.getBoundingClientRect();
        brush.hidden = false;
        brush.style.left = `${Math.min(drag.x, ev.clientX) - box.left}px`;
        brush.style.width = `${Math.abs(dx)}px`;
      } else if (drag.moved) {
        setDomain(panned(drag.domain, -dx / Math.max(1, chart.clientWidth - MARGIN_LEFT - 16), extent));
      }
      return;
    }
    const m = nearest(ev);
    tip.hidden = !m;
    if (m) {
      const at = xy(m)!;
      fill(tip, h('strong', {}, `${m.when} · ${m.agency}`), h('br'), m.summary.length > 160 ? `${m.summary.slice(0, 160)}…` : m.summary);
      tip.style.left = `${Math.min(at.x + 12, chart.clientWidth - 260)}px`;
      tip.style.top = `${at.y + 12}px`;
    }
  });
  chart.addEventListener('pointerleave', () => { tip.hidden = true; });
  chart.addEventListener('pointerup', (ev) => {
    const d = drag;
    drag = undefined;
    brush.hidden = true;
    if (!d || !extent) return;
    if (d.brush && d.moved && plotted) {
      const a = plotted.x.invert!(Math.min(d.x, ev.clientX) - chart.getBoundingClientRect().left) as Date;
      const b = plotted.x.invert!(Math.max(d.x, ev.clientX) - chart.getBoundingClientRect().left) as Date;
      setDomain(zoomed([a, b], 1, 0.5, extent));
      return;
    }
    if (!d.moved) {
      const m = nearest(ev);
      if (m) select(m.id, 'chart');
    }
  });
  chart.addEventListener('keydown', (ev) => {
    if (!domain || !extent) return;
    const keys: Record<string, () => void> = {
      '+': () => setDomain(zoomed(domain!, 0.7, 0.5, extent)), '=': () => setDomain(zoomed(domain!, 0.7, 0.5, extent)),
      '-': () => setDomain(zoomed(domain!, 1 / 0.7, 0.5, extent)),
      ArrowLeft: () => setDomain(panned(domain!, -0.2, extent)), ArrowRight: () => setDomain(panned(domain!, 0.2, extent)),
      Home: () => setDomain(extent),
      ArrowDown: () => step(1), ArrowUp: () => step(-1),
    };
    const act = keys[ev.key];
    if (act) { ev.preventDefault(); act(); }
  });

  // ---- the table, virtualised
  let rowsShown = { from: -1, to: -1 };
  const renderRows = (force = false): void => {
    // The table's height is fixed by the stylesheet: reading it would lay the page out again.
    const height = 420;
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - 10);
    const last = Math.min(events.length, first + Math.ceil(height / ROW) + 20);
    if (!force && first === rowsShown.from && last === rowsShown.to) return;
    rowsShown = { from: first, to: last };
    table.setAttribute('aria-rowcount', String(events.length + 1));
    const rows: HTMLElement[] = [h('tr', { class: 'spacer', 'aria-hidden': 'true', style: undefined })];
    (rows[0] as HTMLElement).style.height = `${first * ROW}px`;
    for (let i = first; i < last; i++) {
      const e = events[i]!;
      const selected = e.id === state.selected;
      const links = chronology.linksOf.get(e.id)?.length ?? 0;
      const tr = h('tr', { 'data-id': e.id, 'aria-rowindex': i + 2, 'aria-selected': selected ? 'true' : 'false', tabindex: selected ? 0 : -1, class: selected ? 'selected' : undefined },
        h('td', {}, whenOf(e)), h('td', {}, e.agency), h('td', {}, e.type ?? ''), h('td', { class: 'summary' }, e.summary),
        h('td', {}, `${e.source.file}:${e.source.line}`), h('td', {}, links > 0 ? String(links) : ''));
      tr.addEventListener('click', () => select(e.id, 'table'));
      rows.push(tr);
    }
    const tail = h('tr', { class: 'spacer', 'aria-hidden': 'true' });
    tail.style.height = `${(events.length - last) * ROW}px`;
    rows.push(tail);
    tableBody.replaceChildren(...rows);
  };
  scroller.addEventListener('scroll', () => renderRows());
  table.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') { ev.preventDefault(); step(ev.key === 'ArrowDown' ? 1 : -1, 'table'); }
  });

  const step = (by: number, from: 'chart' | 'table' = 'chart'): void => {
    if (events.length === 0) return;
    const i = events.findIndex((e) => e.id === state.selected);
    const next = events[Math.min(events.length - 1, Math.max(0, i < 0 ? 0 : i + by))]!;
    select(next.id, from);
  };

  // ---- selection, in step everywhere
  const select = (id: string, from: 'chart' | 'table' | 'panel'): void => {
    state.selected = id;
    const i = events.findIndex((e) => e.id === id);
    if (i >= 0 && from !== 'table') {
      const top = i * ROW;
      if (top < scroller.scrollTop || top > scroller.scrollTop + scroller.clientHeight - ROW * 2) scroller.scrollTop = Math.max(0, top - ROW * 3);
    }
    renderRows(true);
    if (from === 'table') (tableBody.querySelector(`tr[data-id="${CSS.escape(id)}"]`) as HTMLElement | null)?.focus();
    // A record off the axis brings the axis to it.
    const m = marks.find((x) => x.id === id);
    if (m && domain && extent && (m.x2 <= domain[0] || m.x1 >= domain[1])) {
      const width = domain[1].getTime() - domain[0].getTime();
      setDomain(zoomed([new Date(m.x1.getTime() - width / 2), new Date(m.x1.getTime() + width / 2)], 1, 0.5, extent));
    } else {
      placeRing();
    }
    showPanel(id);
  };

  const showPanel = (id: string): void => {
    const e = chronology.byId.get(id);
    if (!e) return;
    const item = (k: string, v: string | undefined) => (v === undefined || v === '' ? [] : [h('dt', {}, k), h('dd', {}, v)]);
    const links = chronology.linksOf.get(id) ?? [];
    const tagButtons = canWrite(state, 'findings') ? h('div', { class: 'tags' }, h('span', {}, 'Tag: '),
      ...(['good', 'missed', 'incident', null] as const).map((tag) => h('button', { type: 'button', class: 'secondary', onclick: () => { void tagRecord(id, tag); } },
        tag === null ? 'Clear tags' : TAG_WORDS[tag]))) : null;
    const decision = state.analysis?.knowledge.decisions.find((d) => d.event === id);
    fill(panel,
      h('h2', { id: 'panel-title' }, `Record ${e.id}`),
      h('dl', {},
        ...item('Date as written', e.date.text), ...item('Read as', `${whenOf(e)} (${e.date.precision}${e.date.approximate ? ', approximate' : ''})`),
        ...item('Agency', e.agency), ...item('Type', e.type), ...item('Practitioner', e.practitioner), ...item('Team', e.team),
        ...item('Summary', e.summary), ...item('Outcome', e.outcome), ...item('Significance', e.significance), ...item('Subjects', e.subjects),
        ...item('Reference', e.reference),
        ...Object.entries(e.extra).flatMap(([k, v]) => item(k, v)),
        ...item('Source', `${e.source.file}, line ${e.source.line}`), ...item('Flags', e.flags.join(', '))),
      links.length > 0 ? h('h3', {}, 'Linked records') : null,
      links.length > 0 ? h('ul', { class: 'links' }, ...links.map((l) => h('li', {},
        h('span', {}, `${l.kind} (${l.confidence}): ${l.reason} `),
        ...l.events.filter((other) => other !== id).map((other) => h('button', { type: 'button', class: 'link', onclick: () => select(other, 'panel') }, other))))) : null,
      decision ? decisionNote(state, decision, () => apply()) : null,
      tagButtons,
      h('p', { class: 'hint' }, 'To cite this record as evidence, open the Cause analysis tab: it offers the selected record.'));
  };

  const tagRecord = async (id: string, tag: Tag | null): Promise<void> => {
    try {
      const settings = await api<{ tags?: Record<string, Tag | Tag[]> }>(reviewPath(state.review.id, '/settings'));
      const tags = { ...(settings.tags ?? {}) };
      if (tag === null) delete tags[id]; else tags[id] = withTag(tags[id], tag);
      await api(reviewPath(state.review.id, '/settings/tags'), { method: 'PUT', json: { value: tags } });
      invalidate();
      panel.append(h('p', { role: 'status' }, tag === null ? `Tags cleared on ${id}.` : `${id} tagged ${TAG_WORDS[tag].toLowerCase()}.`));
    } catch (e) {
      panel.append(h('p', { class: 'error', role: 'alert' }, e instanceof ApiFailure ? e.message : 'The tag could not be saved.'));
    }
  };

  // ---- wiring
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the records' },
    h('fieldset', { class: 'agencies' }, h('legend', {}, 'Agencies'), ...agencyBoxes.map((b) => b.row)),
    h('div', { class: 'field' }, h('label', { for: 'filter-type' }, 'Type'), type),
    h('div', { class: 'field' }, h('label', { for: 'filter-flag' }, 'Flag'), flag),
    h('div', { class: 'field' }, h('label', { for: 'filter-from' }, 'From'), from),
    h('div', { class: 'field' }, h('label', { for: 'filter-to' }, 'To'), to),
    h('div', { class: 'field grow' }, h('label', { for: 'filter-q' }, 'Text'), q),
    h('span', { class: 'check' }, refers, h('label', { for: 'filter-refers' }, 'Show “refers to” links')),
    h('button', { type: 'reset', class: 'secondary' }, 'Clear filters'),
    filterError);
  filters.addEventListener('submit', (ev) => ev.preventDefault());
  // The text box is applied as it is typed; its change on leaving it would only redraw the table
  // under the pointer and lose the click that took the focus away.
  filters.addEventListener('change', (ev) => { if (ev.target !== q) apply(); });
  let typing = 0;
  q.addEventListener('input', () => { clearTimeout(typing); typing = window.setTimeout(apply, 120); });
  // A reset puts each field back to its value as drawn, which is the filter kept from before: empty them.
  filters.addEventListener('reset', () => setTimeout(() => {
    for (const b of agencyBoxes) b.box.checked = true;
    for (const field of [type, flag, from, to, q]) field.value = '';
    refers.checked = false;
    apply();
  }));

  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Time axis' },
    h('button', { type: 'button', class: 'secondary', onclick: () => domain && extent && setDomain(zoomed(domain, 0.6, 0.5, extent)) }, 'Zoom in'),
    h('button', { type: 'button', class: 'secondary', onclick: () => domain && extent && setDomain(zoomed(domain, 1 / 0.6, 0.5, extent)) }, 'Zoom out'),
    h('button', { type: 'button', class: 'secondary', onclick: () => domain && extent && setDomain(panned(domain, -0.3, extent)) }, 'Earlier'),
    h('button', { type: 'button', class: 'secondary', onclick: () => domain && extent && setDomain(panned(domain, 0.3, extent)) }, 'Later'),
    h('button', { type: 'button', class: 'secondary', onclick: () => extent && setDomain(extent) }, 'Whole chronology'),
    count);
  const legend = h('p', { class: 'legend' },
    h('span', { class: 'key key-episode' }), ' key practice episode (titled at the top) ',
    h('span', { class: 'key key-notseen' }), ' no agency saw the child ',
    h('span', { class: 'key key-line' }), ' records of the same event, joined ',
    '· a dot is a record dated to the day; a bar spans a week or month as the record wrote it.');

  fill(el, filters, banner, toolbar, chartWrap, legend, h('div', { class: 'split' }, scroller, panel));
  chartWidth = chart.clientWidth;
  apply();
  if (state.selected) select(state.selected, 'chart');
  if (!state.analysis) {
    void analysisOf(state).then((a) => {
      spells = spellsOf(a);
      if (el.isConnected) draw();
    }).catch(() => { /* the Analysis tab says why */ });
  }
  // Drawn again when the page's width changes (not for the observer's first report).
  new ResizeObserver(([entry]) => {
    const w = Math.round(entry!.contentRect.width);
    if (w === chartWidth) return;
    chartWidth = w;
    cancelAnimationFrame(redraw);
    redraw = requestAnimationFrame(draw);
  }).observe(chart);
}

/** A decision point in the record panel: what its agency knew, and the timeline as it could know it. */
function decisionNote(state: ReviewState, decision: DecisionPoint, redraw: () => void): HTMLElement {
  const { known, notKnown } = atDecision(state.analysis!.knowledge, decision);
  return h('div', { class: 'decision' },
    h('h3', {}, `Decision: ${decision.title.toLowerCase()} (${decision.agency})`),
    h('p', {}, `Of ${known.length + notKnown.length} incidents on or before ${displayDay(decision.date)}, ${known.length} shown as known to ${decision.agency}; `
      + `${notKnown.length} not shown as known to it (${notKnown.map((x) => x.incident).join(', ') || 'none'}).`),
    h('button', { type: 'button', class: 'secondary', onclick: () => {
      state.knownBy = knownByOf(state.analysis!, state.chronology!, decision);
      redraw();
    } }, `See the chronology as ${decision.agency} could know it`));
}
