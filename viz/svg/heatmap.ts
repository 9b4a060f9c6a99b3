/**
 * The involvement heatmap (the RCA toolkit's time-person grid): agencies down, periods across,
 * each cell shaded by how many records the agency made in the period, with the count written in
 * it where it fits. One count scale colours the cells and gives the legend its swatches. Layout
 * (pure, returning coordinates) is separate from painting.
 */
import type { InvolvementGrid } from '../../src/analytics/types.js';
import { contrast, textOn } from './colour.js';
import { gridTextBoxes, renderGrid, type GridLayout, type PlacedText } from './grid.js';
import { legendRow } from './legend.js';
import { countScale, countSwatches } from './scales.js';
import { BODY_FONT_PX, PAGE_MARGIN, PX_PER_MM, TITLE_FONT_PX, TITLE_LINE, titleText } from './svg.js';
import { textWidth, wrapText } from './text.js';
import { ukFormat } from './ticks.js';

export interface HeatmapOptions {
  /** Width on the page in mm (170 for A4 portrait text width, 257 A4 landscape, 400 A3 landscape). */
  widthMm?: number;
  title?: string;
}

/** The smallest text (the body size: the legibility floor). */
export const MIN_FONT_PX = BODY_FONT_PX;
const ROW_HEIGHT = 22;
/** Between the lines of an agency name wrapped in the left column (the row grows to hold them). */
const LINE_HEIGHT = 13;
const MARGIN = PAGE_MARGIN;
const MONTH_LABEL = ukFormat('%b %y');
const WEEK_LABEL = ukFormat('%d/%m/%y');

export interface PlacedCell { x: number; y: number; width: number; height: number; fill: string; agency: string; period: string; count: number }

export type HeatmapLayout = GridLayout<PlacedCell>;

/** A period key as a short column label: `Mar 21`, `2021 Q1`, `13/09/21`. */
export function periodLabel(key: string, period: InvolvementGrid['period']): string {
  if (period === 'quarter') return `${key.slice(0, 4)} ${key.slice(5)}`;
  const date = new Date(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, period === 'month' ? 1 : Number(key.slice(8, 10))));
  return (period === 'month' ? MONTH_LABEL : WEEK_LABEL)(date);
}

export function layoutHeatmap(grid: InvolvementGrid, options: HeatmapOptions = {}): HeatmapLayout {
  const width = (options.widthMm ?? 170) * PX_PER_MM;
  const size = MIN_FONT_PX;
  const title = options.title ?? `Records per ${grid.period}, by agency`;
  const agencies = grid.agencies.map((a) => a.agency);
  const periods = grid.periods;
  // The left column fits the longest name up to 30% of the width; a longer name wraps and its row grows.
  const labelWidth = Math.min(width * 0.3, Math.max(0, ...agencies.map((a) => textWidth(a, size))) + 8);
  const names = agencies.map((a) => wrapText(a, labelWidth - 8, size));
  const rowHeights = names.map((lines) => Math.max(ROW_HEIGHT, lines.length * LINE_HEIGHT + 8));
  const left = MARGIN + labelWidth;
  // The title, wrapped whole; the column labels start under it.
  const heading = titleText(title, width);
  const top = heading.height + 26;
  const columnWidth = periods.length > 0 ? (width - left - MARGIN) / periods.length : 0;
  const count = new Map(grid.cells.map((c) => [`${c.agency}\u0000${c.period}`, c.count]));
  const max = grid.cells.reduce((m, c) => Math.max(m, c.count), 1);
  const colour = countScale(max);
  const texts: PlacedText[] = heading.lines.map((content, i) => ({ x: MARGIN, y: MARGIN + 16 + i * TITLE_LINE, content, size: TITLE_FONT_PX, anchor: 'start', fill: '#1a1a1a', weight: 'bold' }));
  const cells: PlacedCell[] = [];

  // Column labels: every k-th period, k as small as keeps neighbouring labels apart.
  const widest = Math.max(0, ...periods.map((p) => textWidth(periodLabel(p.period, grid.period), size)));
  const step = Math.max(1, Math.ceil((widest + 6) / Math.max(columnWidth, 1e-9)));
  periods.forEach((p, k) => {
    if (k % step !== 0) return;
    const content = periodLabel(p.period, grid.period);
    const x = left + (k + 0.5) * columnWidth;
    // A label that would run off the picture (the last narrow column's) is left out.
    if (x + textWidth(content, size) / 2 > width) return;
    texts.push({ x, y: top - 6, content, size, anchor: 'middle', fill: '#1a1a1a' });
  });
  let y = top;
  agencies.forEach((agency, r) => {
    const height = rowHeights[r]!;
    const lines = names[r]!;
    lines.forEach((content, i) => {
      texts.push({ x: left - 8, y: y + height / 2 + (i - (lines.length - 1) / 2) * LINE_HEIGHT + size * 0.35, content, size, anchor: 'end', fill: '#1a1a1a' });
    });
    periods.forEach((p, k) => {
      const n = count.get(`${agency}\u0000${p.period}`) ?? 0;
      const fill = colour(n);
      const x = left + k * columnWidth;
      cells.push({ x, y, width: columnWidth, height, fill, agency, period: p.period, count: n });
      if (n > 0 && textWidth(String(n), size) + 4 <= columnWidth) {
        texts.push({ x: x + columnWidth / 2, y: y + height / 2 + size * 0.35, content: String(n), size, anchor: 'middle', fill: textOn(fill) });
      }
    });
    y += height;
  });

  // The legend: every colour the scale gives, with the counts that get it.
  const swatches = countSwatches(colour, max).map((s) => ({ label: s.label, swatch: { shape: 'box' as const, fill: s.fill } }));
  const legendTop = y + 16;
  const legend = legendRow(MARGIN, legendTop + 12, width - 2 * MARGIN, swatches, 'Records:');
  const height = legendTop + legend.height + MARGIN;
  const busiest = grid.agencies.reduce((b, a) => (a.count > (b?.count ?? -1) ? a : b), grid.agencies[0]);
  const span = periods.length > 0 ? `${periodLabel(periods[0]!.period, grid.period)} to ${periodLabel(periods[periods.length - 1]!.period, grid.period)}` : 'no dated records';
  const desc = `Heatmap of how many records each of ${agencies.length} agencies made per ${grid.period}, ${span}. `
    + `Darker cells mean more records; pale grey means none.${busiest ? ` Most records: ${busiest.agency} (${busiest.count}).` : ''}`;
  return { width, height, cells, texts, legend: { body: legend.body, boxes: legend.boxes }, title, desc };
}

export function renderHeatmap(grid: InvolvementGrid, options: HeatmapOptions = {}): string {
  return renderGrid(layoutHeatmap(grid, options));
}

/** Every text's box, for collision tests. */
export const heatmapTextBoxes = gridTextBoxes;

/** The lowest contrast of any text against what lies under it (white page or its cell). */
export function lowestTextContrast(layout: HeatmapLayout): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const t of layout.texts) {
    const under = layout.cells.find((c) => t.x >= c.x && t.x <= c.x + c.width && t.y - t.size * 0.35 >= c.y && t.y - t.size * 0.35 <= c.y + c.height);
    lowest = Math.min(lowest, contrast(t.fill, under ? under.fill : '#ffffff'));
  }
  return lowest;
}
