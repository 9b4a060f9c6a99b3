/**
 * The merged timeline: a swimlane per agency on a real time axis with UK date labels. Records
 * dated to a day are marks shaped by type; a week, month, year or range is a span, never a false
 * point; records of one real-world event are joined across lanes; the review scope is marked,
 * key practice episodes are bands, spells when no agency saw the child are shaded, and the
 * linked events are labelled in rows above the lanes, packed so no two labels overlap. Above a
 * density threshold the marks become per-lane density strips, so the file stays small.
 */
import type { Episode, Gap } from '../../src/analytics/types.js';
import { dayFromNumber, dayNumber, displayDay, eventPeriod } from '../../src/model/calendar.js';
import type { ChronologyEvent, Timeline } from '../../src/model/types.js';
import { isOnKnownDay } from '../../src/timeline/scope.js';
import { PROBLEM_STROKE, SEQUENTIAL } from './colour.js';
import { BODY_FONT_PX, element, line, num, PAGE_MARGIN, PX_PER_MM, rect, svgDocument, text, titleText } from './svg.js';
import { textBox, textWidth, truncate, type TextBox } from './text.js';
import { count } from '../../src/model/words.js';

export interface TimelineOptions {
  widthMm?: number;
  title?: string;
  /** Agencies to draw, in this order (default: the timeline's agency order). */
  agencies?: readonly string[];
  /** The period drawn, yyyy-mm-dd (default: the review scope, else the records' span). */
  from?: string;
  to?: string;
  episodes?: readonly Episode[];
  childNotSeen?: readonly Gap[];
  /** Label the records several agencies made of one event (default true). */
  labelLinks?: boolean;
  /** From this many records up, lanes are drawn as density strips. */
  densityThreshold?: number;
  /** Spells without a sighting shorter than this many days are not shaded (default 42: six weeks). */
  notSeenMinDays?: number;
}

export const DEFAULT_DENSITY_THRESHOLD = 20_000;
export const NOT_SEEN_MIN_DAYS = 42;
const SIZE = BODY_FONT_PX;
const LANE = 26;
const MARGIN = PAGE_MARGIN;
const LABEL_ROW = 15;
const MAX_LABEL_ROWS = 6;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MARK_COLOUR = '#31688e';
const SPAN_COLOUR = '#6ece58';
const LINK_COLOUR = '#8c8c8c';
const EPISODE_FILL = '#e3eef9';
const NOT_SEEN_FILL = '#fbe3e3';

/** A record's mark, from its type and text: meetings square, visits circles, calls diamonds, ED triangles. */
export function markShape(e: ChronologyEvent): 'square' | 'circle' | 'diamond' | 'triangle' {
  const t = `${e.type ?? ''} ${e.summary}`.toLowerCase();
  if (/conference|strategy|core group|meeting|\bicpc\b|\brcpc\b/.test(t)) return 'square';
  if (/\bcall\b|phone|telephone/.test(t)) return 'diamond';
  if (/\bed\b|a&e|emergency|hospital|attend/.test(t)) return 'triangle';
  return 'circle';
}

interface Tick { day: number; label: string }

/** Ticks at the finest of month, quarter, half-year, year, 2, 5 or 10 years whose labels fit. */
function ticks(start: number, end: number, plotWidth: number): Tick[] {
  const first = dayFromNumber(start);
  const year0 = Number(first.slice(0, 4));
  const month0 = Number(first.slice(5, 7));
  for (const months of [1, 3, 6, 12, 24, 60, 120]) {
    const out: Tick[] = [];
    let y = year0;
    let m = month0;
    // Start at the first boundary of this step on or after the start.
    while ((m - 1) % Math.min(months, 12) !== 0 || (months > 12 && y % (months / 12) !== 0)) { m++; if (m > 12) { m = 1; y++; } }
    for (;;) {
      const day = dayNumber(`${y}-${String(m).padStart(2, '0')}-01`);
      if (day > end) break;
      if (day >= start) out.push({ day, label: months >= 12 ? String(y) : `${MONTHS[m - 1]} ${y}` });
      m += months;
      while (m > 12) { m -= 12; y++; }
    }
    const widest = Math.max(0, ...out.map((t) => textWidth(t.label, SIZE)));
    const spacing = out.length > 1 ? ((out[1]!.day - out[0]!.day) / Math.max(1, end - start)) * plotWidth : plotWidth;
    if (widest + 8 <= spacing) return out;
  }
  return [];
}

export interface TimelineLayout { width: number; height: number; body: string[]; boxes: TextBox[]; title: string; desc: string; marks: number; aggregated: boolean }

export function layoutTimeline(timeline: Timeline, options: TimelineOptions = {}): TimelineLayout {
  const width = (options.widthMm ?? 170) * PX_PER_MM;
  const title = options.title ?? 'Merged chronology';
  const agencies = (options.agencies ?? timeline.agencyOrder).filter((a) => timeline.agencyOrder.includes(a));
  const laneOf = new Map(agencies.map((a, i) => [a, i]));
  const events = timeline.events.filter((e) => laneOf.has(e.agency));
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const p = eventPeriod(e.date);
    if (!p) continue;
    lo = Math.min(lo, dayNumber(p.first));
    hi = Math.max(hi, dayNumber(p.last));
  }
  const from = options.from ?? timeline.scope.from;
  const to = options.to ?? timeline.scope.to;
  // With no scope and no dated record there is no period to draw: no axis dates are made up.
  const dated = from !== undefined || to !== undefined || Number.isFinite(lo);
  const start = from !== undefined ? dayNumber(from) : Number.isFinite(lo) ? lo : 0;
  const end = Math.max(start + 1, to !== undefined ? dayNumber(to) : Number.isFinite(hi) ? hi : start + 1);
  const labelWidth = Math.min(width * 0.25, Math.max(0, ...agencies.map((a) => textWidth(a, SIZE))) + 10);
  const plotLeft = MARGIN + labelWidth;
  const plotRight = width - MARGIN;
  const plotWidth = plotRight - plotLeft;
  const x = (day: number): number => plotLeft + ((day - start) / (end - start)) * plotWidth;
  const inView = (first: number, last: number): boolean => last >= start && first <= end;
  const clamp = (v: number): number => Math.min(plotRight, Math.max(plotLeft, v));

  // Link labels, packed into rows above the lanes (first row where they fit, left to right).
  const boxes: TextBox[] = [];
  const body: string[] = [];
  const labels: Array<{ x: number; row: number; content: string }> = [];
  if (options.labelLinks ?? true) {
    const rowsEnd: number[] = [];
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const link of timeline.links) {
      if (link.kind === 'refers-to') continue;
      const first = byId.get(link.events[0]!);
      if (!first || !isOnKnownDay(first)) continue;
      const day = dayNumber(first.date.start);
      if (!inView(day, day)) continue;
      // A meeting's link is labelled with its name; a link by wording with the words shared.
      const words = /similar wording \(([^)]*)\)/.exec(link.reason);
      const content = truncate(words ? words[1]! : link.reason.replace(/ on \d.*$/, ''), 150, SIZE);
      const lx = x(day);
      const w = textWidth(content, SIZE);
      const left = Math.min(lx, plotRight - w);
      let row = rowsEnd.findIndex((endX) => endX + 6 <= left);
      if (row === -1) {
        if (rowsEnd.length >= MAX_LABEL_ROWS) continue;
        row = rowsEnd.length;
        rowsEnd.push(0);
      }
      rowsEnd[row] = left + w;
      labels.push({ x: left, row, content });
    }
  }
  const labelRows = Math.max(0, ...labels.map((l) => l.row + 1));
  const lanesTop = MARGIN + 30 + labelRows * LABEL_ROW + 4;
  const lanesBottom = lanesTop + agencies.length * LANE;
  const axisY = lanesBottom + 4;

  // Backgrounds: episodes, spells the child was not seen, lanes.
  const notSeen = (options.childNotSeen ?? []).filter((g) => g.days >= (options.notSeenMinDays ?? NOT_SEEN_MIN_DAYS));
  // A spell found with names inferred, not given, is provisional: outlined dashed, and said so.
  const provisional = notSeen.some((g) => g.provisional === true);
  for (const g of notSeen) {
    const a = dayNumber(g.from);
    const b = dayNumber(g.to);
    if (!inView(a, b)) continue;
    body.push(g.provisional === true
      ? rect(clamp(x(a)), lanesTop, clamp(x(b)) - clamp(x(a)), lanesBottom - lanesTop, NOT_SEEN_FILL, PROBLEM_STROKE, { 'stroke-dasharray': '4 3' })
      : rect(clamp(x(a)), lanesTop, clamp(x(b)) - clamp(x(a)), lanesBottom - lanesTop, NOT_SEEN_FILL));
  }
  for (const ep of options.episodes ?? []) {
    const a = dayNumber(ep.from);
    const b = dayNumber(ep.to);
    if (inView(a, b)) body.push(rect(clamp(x(a)), lanesTop, Math.max(1, clamp(x(b)) - clamp(x(a))), lanesBottom - lanesTop, EPISODE_FILL));
  }
  agencies.forEach((agency, i) => {
    const y = lanesTop + i * LANE;
    body.push(line(plotLeft, y + LANE, plotRight, y + LANE, '#d9d9d9'));
    const content = truncate(agency, labelWidth - 10, SIZE);
    body.push(text(plotLeft - 8, y + LANE / 2 + SIZE * 0.35, content, { size: SIZE, anchor: 'end' }));
    boxes.push(textBox(plotLeft - 8, y + LANE / 2 + SIZE * 0.35, content, SIZE, 'end'));
  });

  // Records.
  const aggregated = events.length >= (options.densityThreshold ?? DEFAULT_DENSITY_THRESHOLD);
  let marks = 0;
  const position = new Map<string, { x: number; y: number }>();
  if (aggregated) {
    const BIN = 2;
    const bins = Math.ceil(plotWidth / BIN);
    // One pass over the records, counting into each lane's bins.
    const laneCounts = agencies.map(() => new Int32Array(bins));
    for (const e of events) {
      if (!isOnKnownDay(e)) continue;
      const d = dayNumber(e.date.start);
      if (inView(d, d)) laneCounts[laneOf.get(e.agency)!]![Math.min(bins - 1, Math.floor((x(d) - plotLeft) / BIN))]!++;
    }
    laneCounts.forEach((counts, i) => {
      const max = Math.max(1, ...counts);
      const y = lanesTop + i * LANE + 5;
      for (let b = 0; b < bins; b++) {
        if (counts[b] === 0) continue;
        const shade = SEQUENTIAL[Math.min(SEQUENTIAL.length - 1, Math.floor((counts[b]! / max) * (SEQUENTIAL.length - 1)))]!;
        body.push(rect(plotLeft + b * BIN, y, BIN, LANE - 10, shade));
        marks++;
      }
    });
  } else {
    for (const e of events) {
      const lane = laneOf.get(e.agency)!;
      const cy = lanesTop + lane * LANE + LANE / 2;
      const p = eventPeriod(e.date);
      if (!p) continue;
      const a = dayNumber(p.first);
      const b = dayNumber(p.last);
      if (!inView(a, b)) continue;
      if (!isOnKnownDay(e)) {
        // A week, month, year or range: a span over the days it may be, never a point.
        body.push(rect(clamp(x(a)), cy - 3, Math.max(2, clamp(x(b + 1)) - clamp(x(a))), 6, SPAN_COLOUR, '#35b779'));
        marks++;
        continue;
      }
      const cx = x(a);
      position.set(e.id, { x: cx, y: cy });
      const shape = markShape(e);
      if (shape === 'circle') body.push(element('circle', { cx, cy, r: 3.5, fill: MARK_COLOUR }));
      else if (shape === 'square') body.push(rect(cx - 3.5, cy - 3.5, 7, 7, MARK_COLOUR));
      else if (shape === 'diamond') body.push(element('path', { d: `M${num(cx)},${num(cy - 4.5)} L${num(cx + 4.5)},${num(cy)} L${num(cx)},${num(cy + 4.5)} L${num(cx - 4.5)},${num(cy)} Z`, fill: MARK_COLOUR }));
      else body.push(element('path', { d: `M${num(cx)},${num(cy - 4.5)} L${num(cx + 4.5)},${num(cy + 3.5)} L${num(cx - 4.5)},${num(cy + 3.5)} Z`, fill: MARK_COLOUR }));
      marks++;
    }
    // Links: one line through the records of the same event, lane to lane.
    for (const link of timeline.links) {
      if (link.kind === 'refers-to') continue;
      const points = link.events.map((id) => position.get(id)).filter((p): p is { x: number; y: number } => p !== undefined).sort((p, q) => p.y - q.y);
      if (points.length < 2) continue;
      body.push(element('path', { d: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)},${num(p.y)}`).join(' '), fill: 'none', stroke: LINK_COLOUR, 'stroke-width': 1.2 }));
    }
  }

  // Review scope, axis, labels, title and legend.
  for (const bound of [timeline.scope.from, timeline.scope.to]) {
    if (bound === undefined) continue;
    const d = dayNumber(bound);
    if (inView(d, d)) body.push(line(x(d), lanesTop - 2, x(d), lanesBottom, PROBLEM_STROKE, 1.5, { 'stroke-dasharray': '5 3' }));
  }
  body.push(line(plotLeft, axisY, plotRight, axisY, '#404040'));
  for (const t of dated ? ticks(start, end, plotWidth) : []) {
    body.push(line(x(t.day), axisY, x(t.day), axisY + 4, '#404040'));
    // A label that would run off the picture (a tick at the very edge) is left out; its tick stays.
    const box = textBox(x(t.day), axisY + 5 + SIZE, t.label, SIZE, 'middle');
    if (box.x < 0 || box.x + box.width > width) continue;
    body.push(text(x(t.day), axisY + 5 + SIZE, t.label, { size: SIZE, anchor: 'middle' }));
    boxes.push(box);
  }
  if (!dated) {
    const note = 'no dated records';
    body.push(text((plotLeft + plotRight) / 2, axisY + 5 + SIZE, note, { size: SIZE, anchor: 'middle', fill: '#3a3a3a' }));
    boxes.push(textBox((plotLeft + plotRight) / 2, axisY + 5 + SIZE, note, SIZE, 'middle'));
  }
  for (const l of labels) {
    const y = MARGIN + 30 + l.row * LABEL_ROW + SIZE;
    body.push(text(l.x, y, l.content, { size: SIZE, fill: '#3a3a3a' }));
    boxes.push(textBox(l.x, y, l.content, SIZE));
  }
  const heading = titleText(title, width);
  body.unshift(heading.svg);
  boxes.push(heading.box);
  const legendY = axisY + SIZE + 24;
  const legend: Array<[string, string]> = [
    [MARK_COLOUR, 'record on a known day'], [SPAN_COLOUR, 'week, month or year'], [EPISODE_FILL, 'key practice episode'], [NOT_SEEN_FILL, provisional ? 'child not seen (provisional: names inferred)' : 'child not seen'],
  ];
  let lx = MARGIN;
  for (const [fill, label] of legend) {
    body.push(rect(lx, legendY - 9, 10, 10, fill, '#8c8c8c'));
    body.push(text(lx + 14, legendY, label, { size: SIZE }));
    boxes.push(textBox(lx + 14, legendY, label, SIZE));
    lx += 14 + textWidth(label, SIZE) + 14;
  }
  const height = legendY + MARGIN;
  const span = dated ? `from ${displayDay(dayFromNumber(start))} to ${displayDay(dayFromNumber(end))}` : 'none of them dated';
  const desc = `Timeline of ${count(events.length, 'record')} from ${count(agencies.length, 'agency', 'agencies')}, one lane each, ${span}. `
    + `${aggregated ? 'Records are drawn as density strips (darker: more records). ' : 'Records dated to a day are marks; weeks, months and years are spans; records of the same event are joined across lanes. '}`
    + `${count((options.episodes ?? []).length, 'key practice episode')} shaded blue; ${count(notSeen.length, 'spell')} of ${options.notSeenMinDays ?? NOT_SEEN_MIN_DAYS} days or more when no agency saw the child shaded pink`
    + `${provisional ? ' (provisional: found with the child\'s names inferred from the records, not given; dashed outline)' : ''}.`;
  return { width, height, body, boxes, title, desc, marks, aggregated };
}

export function renderTimeline(timeline: Timeline, options: TimelineOptions = {}): string {
  const layout = layoutTimeline(timeline, options);
  return svgDocument({ width: layout.width, height: layout.height, title: layout.title, desc: layout.desc, body: layout.body });
}
