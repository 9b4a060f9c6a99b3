/**
 * The merged timeline: a swimlane per agency on a real time axis with UK date labels. Records
 * dated to a day are marks shaped by type; a week, month, year or range is a span, never a false
 * point; records of one real-world event are joined across lanes; the review scope is marked,
 * key practice episodes are bands, spells when no agency saw the child are shaded, and the
 * linked events are labelled in rows above the lanes, packed so no two labels overlap: a label
 * with no room at its link becomes a numbered callout, listed whole in a key beneath. Above a
 * density threshold the marks become per-lane density strips, so the file stays small.
 */
import { scaleUtc } from 'd3-scale';
import { utcDay, utcMonday, utcMonth, utcYear, type TimeInterval } from 'd3-time';
import type { Episode, Gap } from '../../src/analytics/types.js';
import { dayFromNumber, dayNumber, displayDay, eventPeriod } from '../../src/model/calendar.js';
import type { ChronologyEvent, Timeline } from '../../src/model/types.js';
import { isOnKnownDay } from '../../src/timeline/scope.js';
import { callout, calloutKey, calloutWidth, CALLOUT_HEIGHT } from './callouts.js';
import { PROBLEM_STROKE } from './colour.js';
import { legendRow, type LegendEntry } from './legend.js';
import { countScale, countSwatches, EMPTY_FILL } from './scales.js';
import { BODY_FONT_PX, element, line, num, PAGE_MARGIN, PX_PER_MM, rect, svgDocument, text, titleText } from './svg.js';
import { textBox, textWidth, wrapText, type TextBox } from './text.js';
import { dateOfDay, dayOfDate, timeAxis, type TimeAxis } from './ticks.js';
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
  /**
   * The chronology as one agency could know it on one day (`knownRecords`): the records in
   * `records` drawn as usual, every other record hollow and grey, the day marked with a line.
   */
  knownBy?: { agency: string; on: string; records: ReadonlySet<string> };
}

export const DEFAULT_DENSITY_THRESHOLD = 20_000;
export const NOT_SEEN_MIN_DAYS = 42;
const SIZE = BODY_FONT_PX;
const LANE = 26;
/** Between the lines of an agency name wrapped in the lane labels (the lane grows to hold them). */
const LINE_HEIGHT = 13;
const MARGIN = PAGE_MARGIN;
const LABEL_ROW = 15;
const MAX_LABEL_ROWS = 6;
/** A link label wider than this (or a fifth of the plot, if more) becomes a callout: a label stays near its link. */
const INLINE_LABEL_MAX = 150;
/** Space kept between labels in a row. */
const LABEL_GAP = 6;
/** Density strips: the finest of these periods whose bins are at least this many px wide. */
const MIN_BIN = 2;
const BINS: ReadonlyArray<[string, TimeInterval]> = [['day', utcDay], ['week', utcMonday], ['month', utcMonth], ['quarter', utcMonth.every(3)!], ['year', utcYear]];
const MARK_COLOUR = '#31688e';
const SPAN_COLOUR = '#6ece58';
const LINK_COLOUR = '#8c8c8c';
const EPISODE_FILL = '#e3eef9';
const NOT_SEEN_FILL = '#fbe3e3';
/** A record the agency is not shown to have known (`knownBy`). */
const UNKNOWN_STROKE = '#8c8c8c';
const UNKNOWN_FILL = '#e6e6e6';

/** A record's mark, from its type and text: meetings square, visits circles, calls diamonds, ED triangles. */
export function markShape(e: ChronologyEvent): 'square' | 'circle' | 'diamond' | 'triangle' {
  const t = `${e.type ?? ''} ${e.summary}`.toLowerCase();
  if (/conference|strategy|core group|meeting|\bicpc\b|\brcpc\b/.test(t)) return 'square';
  if (/\bcall\b|phone|telephone/.test(t)) return 'diamond';
  if (/\bed\b|a&e|emergency|hospital|attend/.test(t)) return 'triangle';
  return 'circle';
}

interface LinkLabel { day: number; content: string }

/** The label of each same-event link whose first record is on a known day in view, in time order. */
function linkLabels(timeline: Timeline, events: readonly ChronologyEvent[], inView: (day: number) => boolean): LinkLabel[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  const out: LinkLabel[] = [];
  for (const link of timeline.links) {
    if (link.kind === 'refers-to') continue;
    const first = byId.get(link.events[0]!);
    if (!first || !isOnKnownDay(first)) continue;
    const day = dayNumber(first.date.start);
    // A meeting's link is labelled with its name; a link by wording with the words shared.
    const words = /similar wording \(([^)]*)\)/.exec(link.reason);
    const content = (words ? words[1]! : link.reason.replace(/ on \d.*$/, '')).trim();
    if (inView(day) && content !== '') out.push({ day, content });
  }
  // A stable sort: links of one day keep the timeline's order.
  return out.sort((p, q) => p.day - q.day);
}

interface RowLabel { x: number; row: number; content: string }
interface RowCallout { cx: number; row: number; n: number; content: string }

/**
 * Link labels in rows above the lanes, left to right in time order, each in the first row with
 * room: whole where it fits at its link, otherwise a callout numbered in time order; a link with
 * no room even for a callout in any row is left unlabelled.
 */
function placeLinkLabels(labels: readonly LinkLabel[], x: (day: number) => number, plotLeft: number, plotRight: number): { inline: RowLabel[]; callouts: RowCallout[]; unlabelled: number } {
  const rowsEnd: number[] = [];
  // The first row with room from `left` on, a new row while there are fewer than MAX_LABEL_ROWS, else -1.
  const freeRow = (left: number): number => {
    const row = rowsEnd.findIndex((end) => end + LABEL_GAP <= left);
    if (row !== -1 || rowsEnd.length >= MAX_LABEL_ROWS) return row;
    rowsEnd.push(0);
    return rowsEnd.length - 1;
  };
  const plotWidth = plotRight - plotLeft;
  const inlineMax = Math.min(plotWidth, Math.max(INLINE_LABEL_MAX, plotWidth / 5));
  const inline: RowLabel[] = [];
  const callouts: RowCallout[] = [];
  let unlabelled = 0;
  for (const l of labels) {
    const w = textWidth(l.content, SIZE);
    const left = Math.min(x(l.day), plotRight - w);
    const row = w <= inlineMax ? freeRow(left) : -1;
    if (row !== -1) {
      rowsEnd[row] = left + w;
      inline.push({ x: left, row, content: l.content });
      continue;
    }
    const n = callouts.length + 1;
    const half = calloutWidth(n, SIZE) / 2;
    const cx = Math.min(plotRight - half, Math.max(plotLeft + half, x(l.day)));
    const at = freeRow(cx - half);
    if (at === -1) { unlabelled++; continue; }
    rowsEnd[at] = cx + half;
    callouts.push({ cx, row: at, n, content: l.content });
  }
  return { inline, callouts, unlabelled };
}

/** The first index of `starts` (ascending days) on or before `day`. */
function binOf(starts: readonly number[], day: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= day) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** Density bins from `start` to `end`: the finest period in BINS at least MIN_BIN px wide (else years), and the first day of each bin. */
function densityBins(start: number, end: number, plotWidth: number): { period: string; starts: number[] } {
  let bins = { period: '', starts: [] as number[] };
  for (const [period, interval] of BINS) {
    bins = { period, starts: interval.range(interval.floor(dateOfDay(start)), dateOfDay(end + 1)).map(dayOfDate) };
    if (plotWidth / bins.starts.length >= MIN_BIN) break;
  }
  return bins;
}

export interface TimelineLayout {
  width: number;
  height: number;
  body: string[];
  boxes: TextBox[];
  title: string;
  desc: string;
  marks: number;
  aggregated: boolean;
  /** The time axis: its step (`3 months`) and ticks. */
  axis: TimeAxis;
  /** Link labels too long for their place, numbered in time order and listed in the key. */
  callouts: string[];
}

export function layoutTimeline(timeline: Timeline, options: TimelineOptions = {}): TimelineLayout {
  const width = (options.widthMm ?? 170) * PX_PER_MM;
  const knownBy = options.knownBy;
  const title = options.title ?? (knownBy ? `The chronology as ${knownBy.agency} could know it on ${displayDay(knownBy.on)}` : 'Merged chronology');
  const unknown = (e: ChronologyEvent): boolean => knownBy !== undefined && !knownBy.records.has(e.id);
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
  // Lane labels fit the longest agency name up to a quarter of the width; a longer one wraps and its lane grows.
  const labelWidth = Math.min(width * 0.25, Math.max(0, ...agencies.map((a) => textWidth(a, SIZE))) + 10);
  const laneNames = agencies.map((a) => wrapText(a, labelWidth - 10, SIZE));
  const laneHeights = laneNames.map((lines) => Math.max(LANE, lines.length * LINE_HEIGHT + 8));
  const plotLeft = MARGIN + labelWidth;
  const plotRight = width - MARGIN;
  const plotWidth = plotRight - plotLeft;
  const time = scaleUtc().domain([dateOfDay(start), dateOfDay(end)]).range([plotLeft, plotRight]);
  const x = (day: number): number => time(dateOfDay(day));
  const inView = (first: number, last: number): boolean => last >= start && first <= end;
  const clamp = (v: number): number => Math.min(plotRight, Math.max(plotLeft, v));

  const boxes: TextBox[] = [];
  const body: string[] = [];
  const { inline, callouts, unlabelled } = options.labelLinks ?? true
    ? placeLinkLabels(linkLabels(timeline, events, (day) => inView(day, day)), x, plotLeft, plotRight)
    : { inline: [], callouts: [], unlabelled: 0 };
  // The title, wrapped whole; the label rows start under it.
  const heading = titleText(title, width);
  const rowsTop = heading.height + 11;
  const labelRows = Math.max(0, ...inline.map((l) => l.row + 1), ...callouts.map((c) => c.row + 1));
  const lanesTop = rowsTop + labelRows * LABEL_ROW + 4;
  const laneTops = laneHeights.map((_, i) => lanesTop + laneHeights.slice(0, i).reduce((sum, h) => sum + h, 0));
  const lanesBottom = lanesTop + laneHeights.reduce((sum, h) => sum + h, 0);
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
  laneNames.forEach((lines, i) => {
    const y = laneTops[i]!;
    const h = laneHeights[i]!;
    body.push(line(plotLeft, y + h, plotRight, y + h, '#d9d9d9'));
    lines.forEach((content, k) => {
      const baseline = y + h / 2 + (k - (lines.length - 1) / 2) * LINE_HEIGHT + SIZE * 0.35;
      body.push(text(plotLeft - 8, baseline, content, { size: SIZE, anchor: 'end' }));
      boxes.push(textBox(plotLeft - 8, baseline, content, SIZE, 'end'));
    });
  });

  // Records.
  const aggregated = events.length >= (options.densityThreshold ?? DEFAULT_DENSITY_THRESHOLD);
  let marks = 0;
  let density: { period: string; swatches: LegendEntry[] } | undefined;
  const position = new Map<string, { x: number; y: number }>();
  if (aggregated) {
    // One pass over the records, counting into each lane's bins; one count scale for every lane and the legend.
    const bins = densityBins(start, end, plotWidth);
    const laneCounts = agencies.map(() => new Int32Array(bins.starts.length));
    for (const e of events) {
      if (!isOnKnownDay(e) || unknown(e)) continue;
      const d = dayNumber(e.date.start);
      if (inView(d, d)) laneCounts[laneOf.get(e.agency)!]![binOf(bins.starts, d)]!++;
    }
    const max = laneCounts.reduce((m, counts) => counts.reduce((n, c) => Math.max(n, c), m), 1);
    const colour = countScale(max);
    laneCounts.forEach((counts, i) => {
      const y = laneTops[i]! + 5;
      counts.forEach((n, b) => {
        if (n === 0) return;
        const left = clamp(x(bins.starts[b]!));
        body.push(rect(left, y, clamp(x(bins.starts[b + 1] ?? end + 1)) - left, laneHeights[i]! - 10, colour(n)));
        marks++;
      });
    });
    // Empty bins are left white, so the legend leaves out the scale's empty fill.
    density = { period: bins.period, swatches: countSwatches(colour, max).filter((s) => s.fill !== EMPTY_FILL).map((s) => ({ label: s.label, swatch: { shape: 'box' as const, fill: s.fill } })) };
  } else {
    for (const e of events) {
      const lane = laneOf.get(e.agency)!;
      const cy = laneTops[lane]! + laneHeights[lane]! / 2;
      const p = eventPeriod(e.date);
      if (!p) continue;
      const a = dayNumber(p.first);
      const b = dayNumber(p.last);
      if (!inView(a, b)) continue;
      const greyed = unknown(e);
      if (!isOnKnownDay(e)) {
        // A week, month, year or range: a span over the days it may be, never a point.
        body.push(rect(clamp(x(a)), cy - 3, Math.max(2, clamp(x(b + 1)) - clamp(x(a))), 6, greyed ? UNKNOWN_FILL : SPAN_COLOUR, greyed ? UNKNOWN_STROKE : '#35b779'));
        marks++;
        continue;
      }
      const cx = x(a);
      position.set(e.id, { x: cx, y: cy });
      const shape = markShape(e);
      // A record the agency is not shown to have known: the same shape, hollow and grey.
      const paint = greyed ? { fill: '#ffffff', stroke: UNKNOWN_STROKE, 'stroke-width': 1 } : { fill: MARK_COLOUR };
      if (shape === 'circle') body.push(element('circle', { cx, cy, r: 3.5, ...paint }));
      else if (shape === 'square') body.push(element('rect', { x: cx - 3.5, y: cy - 3.5, width: 7, height: 7, ...paint }));
      else if (shape === 'diamond') body.push(element('path', { d: `M${num(cx)},${num(cy - 4.5)} L${num(cx + 4.5)},${num(cy)} L${num(cx)},${num(cy + 4.5)} L${num(cx - 4.5)},${num(cy)} Z`, ...paint }));
      else body.push(element('path', { d: `M${num(cx)},${num(cy - 4.5)} L${num(cx + 4.5)},${num(cy + 3.5)} L${num(cx - 4.5)},${num(cy + 3.5)} Z`, ...paint }));
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

  // Review scope, axis, labels, title, legend and the callouts' key.
  for (const bound of [timeline.scope.from, timeline.scope.to]) {
    if (bound === undefined) continue;
    const d = dayNumber(bound);
    if (inView(d, d)) body.push(line(x(d), lanesTop - 2, x(d), lanesBottom, PROBLEM_STROKE, 1.5, { 'stroke-dasharray': '5 3' }));
  }
  if (knownBy !== undefined) {
    const d = dayNumber(knownBy.on);
    if (inView(d, d)) body.push(line(x(d), lanesTop - 2, x(d), lanesBottom, '#1a1a1a', 1.5));
  }
  body.push(line(plotLeft, axisY, plotRight, axisY, '#404040'));
  const axis: TimeAxis = dated ? timeAxis(time, width, axisY + 5 + SIZE, SIZE) : { step: 'none', ticks: [] };
  for (const t of axis.ticks) {
    body.push(line(x(t.day), axisY, x(t.day), axisY + 4, '#404040'));
    if (!t.label) continue;
    body.push(text(x(t.day), axisY + 5 + SIZE, t.label.text, { size: SIZE, anchor: 'middle' }));
    boxes.push(t.label);
  }
  if (!dated) {
    const note = 'no dated records';
    body.push(text((plotLeft + plotRight) / 2, axisY + 5 + SIZE, note, { size: SIZE, anchor: 'middle', fill: '#3a3a3a' }));
    boxes.push(textBox((plotLeft + plotRight) / 2, axisY + 5 + SIZE, note, SIZE, 'middle'));
  }
  const rowBaseline = (row: number): number => rowsTop + row * LABEL_ROW + SIZE;
  for (const l of inline) {
    body.push(text(l.x, rowBaseline(l.row), l.content, { size: SIZE, fill: '#3a3a3a' }));
    boxes.push(textBox(l.x, rowBaseline(l.row), l.content, SIZE));
  }
  for (const c of callouts) {
    const marker = callout(c.cx, rowBaseline(c.row), c.n, SIZE);
    body.push(...marker.body);
    boxes.push(marker.box);
  }
  body.unshift(heading.svg);
  boxes.push(heading.box);
  const legendY = axisY + SIZE + 24;
  const notSeenLabel = provisional ? 'child not seen (provisional: names inferred)' : 'child not seen';
  const entries: LegendEntry[] = [
    ...density?.swatches ?? [{ label: 'record on a known day', swatch: { shape: 'box', fill: MARK_COLOUR } }, { label: 'week, month or year', swatch: { shape: 'box', fill: SPAN_COLOUR } }],
    { label: 'key practice episode', swatch: { shape: 'box', fill: EPISODE_FILL } }, { label: notSeenLabel, swatch: { shape: 'box', fill: NOT_SEEN_FILL } },
    ...knownBy ? [
      { label: `not shown as known to ${knownBy.agency} (hollow, grey)`, swatch: { shape: 'box' as const, fill: '#ffffff', stroke: UNKNOWN_STROKE } },
      { label: displayDay(knownBy.on), swatch: { shape: 'line' as const, stroke: '#1a1a1a', strokeWidth: 1.5 } },
    ] : [],
  ];
  const legend = legendRow(MARGIN, legendY, width - 2 * MARGIN, entries, density ? `Records per ${density.period}:` : undefined);
  body.push(...legend.body);
  boxes.push(...legend.boxes);
  // The last baseline drawn: the legend's last row, or the key's last line.
  let bottom = legend.last;
  if (callouts.length > 0) {
    const key = calloutKey(MARGIN, bottom + CALLOUT_HEIGHT + 8, width - 2 * MARGIN, callouts.map((c) => c.content), SIZE);
    body.push(...key.body);
    boxes.push(...key.boxes);
    bottom = key.last;
  }
  const height = bottom + MARGIN;
  const span = dated ? `from ${displayDay(dayFromNumber(start))} to ${displayDay(dayFromNumber(end))}` : 'none of them dated';
  const desc = `Timeline of ${count(events.length, 'record')} from ${count(agencies.length, 'agency', 'agencies')}, one lane each, ${span}. `
    + `${density ? `Records are drawn as density strips of records per ${density.period} (darker: more records). ` : 'Records dated to a day are marks; weeks, months and years are spans; records of the same event are joined across lanes. '}`
    + `${count((options.episodes ?? []).length, 'key practice episode')} shaded blue; ${count(notSeen.length, 'spell')} of ${options.notSeenMinDays ?? NOT_SEEN_MIN_DAYS} days or more when no agency saw the child shaded pink`
    + `${provisional ? ' (provisional: found with the child\'s names inferred from the records, not given; dashed outline)' : ''}.`
    + `${unlabelled > 0 ? ` ${count(unlabelled, 'linked event')} not labelled, for want of room.` : ''}`
    + `${knownBy ? ` As ${knownBy.agency} could know it on ${displayDay(knownBy.on)}: ${count(events.filter((e) => !unknown(e)).length, 'record')} its own or shown by the records to be known to it by then; the others ${density ? 'left out of the strips' : 'drawn hollow and grey'}, and the day marked by a line.` : ''}`;
  return { width, height, body, boxes, title, desc, marks, aggregated, axis, callouts: callouts.map((c) => c.content) };
}

export function renderTimeline(timeline: Timeline, options: TimelineOptions = {}): string {
  const layout = layoutTimeline(timeline, options);
  return svgDocument({ width: layout.width, height: layout.height, title: layout.title, desc: layout.desc, body: layout.body });
}
