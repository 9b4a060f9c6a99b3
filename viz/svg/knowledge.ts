/**
 * What each agency knew, as a matrix for the overview report: the incidents the review follows
 * down the side (in date order), the agencies across, each cell the day the agency is first shown
 * to have known of the incident (or "not shown"), shaded by how long after the incident that was.
 * The date is written in every cell, so the shade is never the only carrier; a record dated only
 * to a week or month gives its date as written ("Apr 2021"), never a day. Layout (pure, returning
 * coordinates) is separate from painting.
 */
import { scaleThreshold } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { quantize } from 'd3-interpolate';
import type { Knowledge, Learned } from '../../src/analytics/types.js';
import { displayDay, MONTH_NAMES } from '../../src/model/calendar.js';
import type { PartialDate, Timeline } from '../../src/model/types.js';
import { count } from '../../src/model/words.js';
import { textOn } from './colour.js';
import { gridTextBoxes, renderGrid, type GridLayout, type PlacedText } from './grid.js';
import { legendRow } from './legend.js';
import { EMPTY_FILL } from './scales.js';
import { BODY_FONT_PX, PAGE_MARGIN, PX_PER_MM, TITLE_FONT_PX, TITLE_LINE, titleText } from './svg.js';
import { textWidth, wrapText } from './text.js';

export interface KnowledgeOptions {
  /** Width on the page in mm (170 for A4 portrait text width, 257 A4 landscape). */
  widthMm?: number;
  title?: string;
}

const SIZE = BODY_FONT_PX;
const ROW_HEIGHT = 20;
const LINE_HEIGHT = 13;
const MARGIN = PAGE_MARGIN;

/**
 * The lag classes: the lowest number of days of each after the first (the same day). Shorter is
 * lighter, so the cells that took longest stand out.
 */
export const LAG_BREAKS: readonly number[] = [1, 8, 31, 91];
export const LAG_LABELS: readonly string[] = ['same day', '1–7 days', '8–30 days', '31–90 days', 'over 90 days'];
const LAG_FILLS: readonly string[] = quantize((t) => interpolateViridis(1 - (0.1 + 0.8 * t)), LAG_LABELS.length);
export const lagFill = scaleThreshold<number, string>().domain([...LAG_BREAKS]).range([...LAG_FILLS]);

export interface KnowledgeCell { x: number; y: number; width: number; height: number; fill: string; incident: string; agency: string; content: string; days?: number }

export type KnowledgeLayout = GridLayout<KnowledgeCell>;

/** A date as short as a cell needs, at its own precision: `14/03/21`, `w/c 13/09/21`, `Apr 21`. */
function shortDate(date: PartialDate | undefined, fallback: string): string {
  if (date === undefined || date.precision === 'minute' || date.precision === 'day') return `${fallback.slice(8, 10)}/${fallback.slice(5, 7)}/${fallback.slice(2, 4)}`;
  const start = date.start.slice(0, 10);
  if (date.precision === 'week') return `w/c ${start.slice(8, 10)}/${start.slice(5, 7)}/${start.slice(2, 4)}`;
  if (date.precision === 'month') return `${MONTH_NAMES[Number(start.slice(5, 7)) - 1]!.slice(0, 3)} ${start.slice(2, 4)}`;
  return start.slice(0, 4);
}

export function layoutKnowledge(knowledge: Knowledge, timeline: Timeline, options: KnowledgeOptions = {}): KnowledgeLayout {
  const width = (options.widthMm ?? 170) * PX_PER_MM;
  const title = options.title ?? 'What each agency knew: the day each is first shown to have known of each incident';
  const agencies = timeline.agencyOrder;
  const dates = new Map<string, PartialDate>();
  const records = new Set(knowledge.learned.filter((f) => !f.exact).map((f) => f.record));
  for (const e of timeline.events) if (records.has(e.id)) dates.set(e.id, e.date);
  const facts = new Map<string, Learned>(knowledge.learned.map((f) => [`${f.incident}\u0000${f.agency}`, f]));

  const labels = knowledge.incidents.map((i) => `${displayDay(i.date)} ${i.id}`);
  const labelWidth = Math.min(width * 0.3, Math.max(textWidth('Incident', SIZE, true), ...labels.map((l) => textWidth(l, SIZE))) + 8);
  const left = MARGIN + labelWidth;
  const columnWidth = agencies.length > 0 ? (width - left - MARGIN) / agencies.length : 0;
  const heading = titleText(title, width);
  const headers = agencies.map((a) => wrapText(a, Math.max(columnWidth - 4, 1), SIZE, true));
  const headerLines = Math.max(1, ...headers.map((h) => h.length));
  const top = heading.height + 14 + headerLines * LINE_HEIGHT;
  const texts: PlacedText[] = heading.lines.map((content, i) => ({ x: MARGIN, y: MARGIN + 16 + i * TITLE_LINE, content, size: TITLE_FONT_PX, anchor: 'start', fill: '#1a1a1a', weight: 'bold' }));
  texts.push({ x: left - 8, y: top - 6, content: 'Incident', size: SIZE, anchor: 'end', fill: '#1a1a1a', weight: 'bold' });
  headers.forEach((lines, k) => {
    lines.forEach((content, n) => {
      texts.push({ x: left + (k + 0.5) * columnWidth, y: top - 6 - (lines.length - 1 - n) * LINE_HEIGHT, content, size: SIZE, anchor: 'middle', fill: '#1a1a1a', weight: 'bold' });
    });
  });
  const cells: KnowledgeCell[] = [];
  let y = top;
  let shown = 0;
  knowledge.incidents.forEach((incident, r) => {
    const label = wrapText(labels[r]!, labelWidth - 8, SIZE);
    const height = Math.max(ROW_HEIGHT, label.length * LINE_HEIGHT + 6);
    label.forEach((content, n) => texts.push({ x: left - 8, y: y + height / 2 + (n - (label.length - 1) / 2) * LINE_HEIGHT + SIZE * 0.35, content, size: SIZE, anchor: 'end', fill: '#1a1a1a' }));
    agencies.forEach((agency, k) => {
      const f = facts.get(`${incident.id}\u0000${agency}`);
      const x = left + k * columnWidth;
      const fill = f === undefined ? EMPTY_FILL : lagFill(f.days);
      // The date as the record gives it; where it does not fit, the days after the incident; else a dash.
      const candidates = f === undefined ? ['not shown', '–'] : [shortDate(f.exact ? undefined : dates.get(f.record), f.by), `+${f.days}d`, '•'];
      const content = candidates.find((c) => textWidth(c, SIZE) + 4 <= columnWidth) ?? '';
      cells.push({ x, y, width: columnWidth, height, fill, incident: incident.id, agency, content, ...(f ? { days: f.days } : {}) });
      if (f !== undefined) shown++;
      if (content !== '') texts.push({ x: x + columnWidth / 2, y: y + height / 2 + SIZE * 0.35, content, size: SIZE, anchor: 'middle', fill: f === undefined ? '#4d4d4d' : textOn(fill) });
    });
    y += height;
  });
  if (knowledge.incidents.length === 0) {
    texts.push({ x: MARGIN, y: y + 16, content: 'No incidents: no record refers to another, and no pattern finding names records.', size: SIZE, anchor: 'start', fill: '#3a3a3a' });
    y += 24;
  }
  const legendTop = y + 16;
  const legend = legendRow(MARGIN, legendTop + 12, width - 2 * MARGIN, [
    ...LAG_LABELS.map((label, n) => ({ label, swatch: { shape: 'box' as const, fill: LAG_FILLS[n]! } })),
    { label: 'not shown in the records', swatch: { shape: 'box' as const, fill: EMPTY_FILL } },
  ], 'Known after the incident:');
  const height = legendTop + legend.height + MARGIN;
  const desc = `Matrix of ${count(knowledge.incidents.length, 'incident')} (rows, in date order) by ${count(agencies.length, 'agency', 'agencies')} (columns). `
    + `Each cell gives the date the agency is first shown by the records to have known of the incident, shaded from light (the same day) to dark (over 90 days later); `
    + `${count(knowledge.incidents.length * agencies.length - shown, 'cell')} say not shown, meaning no record shows the agency knew.`;
  return { width, height, cells, texts, legend: { body: legend.body, boxes: legend.boxes }, title, desc };
}

export function renderKnowledge(knowledge: Knowledge, timeline: Timeline, options: KnowledgeOptions = {}): string {
  return renderGrid(layoutKnowledge(knowledge, timeline, options));
}

/** Every text's box, for collision tests. */
export const knowledgeTextBoxes = gridTextBoxes;
