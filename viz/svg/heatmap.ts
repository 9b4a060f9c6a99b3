/**
 * The involvement heatmap (the RCA toolkit's time-person grid): agencies down, periods across,
 * each cell shaded by how many records the agency made in the period, with the count written in
 * it where it fits. Layout (pure, returning coordinates) is separate from painting.
 */
import type { InvolvementGrid } from '../../src/analytics/types.js';
import { contrast, SEQUENTIAL, textOn } from './colour.js';
import { BODY_FONT_PX, line, PAGE_MARGIN, PX_PER_MM, rect, svgDocument, text, TITLE_FONT_PX, titleText } from './svg.js';
import { textBox, textWidth, truncate, type TextBox } from './text.js';

export interface HeatmapOptions {
  /** Width on the page in mm (170 for A4 portrait text width, 257 A4 landscape, 400 A3 landscape). */
  widthMm?: number;
  title?: string;
}

/** The smallest text (the body size: the legibility floor). */
export const MIN_FONT_PX = BODY_FONT_PX;
const ROW_HEIGHT = 22;
const MARGIN = PAGE_MARGIN;
const EMPTY_FILL = '#f2f2f2';
const GRID_STROKE = '#ffffff';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface PlacedText { x: number; y: number; content: string; size: number; anchor: 'start' | 'middle' | 'end'; fill: string; weight?: 'bold' }
export interface PlacedCell { x: number; y: number; width: number; height: number; fill: string; agency: string; period: string; count: number }

export interface HeatmapLayout {
  width: number;
  height: number;
  cells: PlacedCell[];
  texts: PlacedText[];
  title: string;
  desc: string;
}

/** A period key as a short column label: `Mar 21`, `2021 Q1`, `13/09/21`. */
export function periodLabel(key: string, period: InvolvementGrid['period']): string {
  if (period === 'month') return `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(2, 4)}`;
  if (period === 'quarter') return `${key.slice(0, 4)} ${key.slice(5)}`;
  return `${key.slice(8, 10)}/${key.slice(5, 7)}/${key.slice(2, 4)}`;
}

function shade(count: number, max: number): string {
  if (count === 0) return EMPTY_FILL;
  const steps = SEQUENTIAL.length - 1;
  return SEQUENTIAL[Math.min(steps, Math.max(0, Math.ceil((count / max) * steps) - 1))]!;
}

export function layoutHeatmap(grid: InvolvementGrid, options: HeatmapOptions = {}): HeatmapLayout {
  const width = (options.widthMm ?? 170) * PX_PER_MM;
  const size = MIN_FONT_PX;
  const title = options.title ?? `Records per ${grid.period}, by agency`;
  const agencies = grid.agencies.map((a) => a.agency);
  const periods = grid.periods;
  const labelWidth = Math.min(width * 0.3, Math.max(0, ...agencies.map((a) => textWidth(a, size))) + 8);
  const left = MARGIN + labelWidth;
  const top = MARGIN + 24 + size + 10;
  const columnWidth = periods.length > 0 ? (width - left - MARGIN) / periods.length : 0;
  const count = new Map(grid.cells.map((c) => [`${c.agency}\u0000${c.period}`, c.count]));
  const max = Math.max(1, ...grid.cells.map((c) => c.count));
  const texts: PlacedText[] = [{ x: MARGIN, y: MARGIN + 16, content: titleText(title, width).content, size: TITLE_FONT_PX, anchor: 'start', fill: '#1a1a1a', weight: 'bold' }];
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
  agencies.forEach((agency, r) => {
    const y = top + r * ROW_HEIGHT;
    texts.push({ x: left - 8, y: y + ROW_HEIGHT / 2 + size * 0.35, content: truncate(agency, labelWidth - 8, size), size, anchor: 'end', fill: '#1a1a1a' });
    periods.forEach((p, k) => {
      const n = count.get(`${agency}\u0000${p.period}`) ?? 0;
      const fill = shade(n, max);
      const x = left + k * columnWidth;
      cells.push({ x, y, width: columnWidth, height: ROW_HEIGHT, fill, agency, period: p.period, count: n });
      if (n > 0 && textWidth(String(n), size) + 4 <= columnWidth) {
        texts.push({ x: x + columnWidth / 2, y: y + ROW_HEIGHT / 2 + size * 0.35, content: String(n), size, anchor: 'middle', fill: textOn(fill) });
      }
    });
  });

  // Legend: the empty swatch, then the palette's light, middle and dark ends with their counts.
  const legendTop = top + agencies.length * ROW_HEIGHT + 16;
  const swatches: Array<[string, string]> = [[EMPTY_FILL, 'none'], [SEQUENTIAL[0]!, '1'], [SEQUENTIAL[Math.floor(SEQUENTIAL.length / 2)]!, `about ${Math.round(max / 2)}`], [SEQUENTIAL[SEQUENTIAL.length - 1]!, String(max)]];
  let x = MARGIN;
  texts.push({ x, y: legendTop + 12, content: 'Records:', size, anchor: 'start', fill: '#1a1a1a' });
  x += textWidth('Records:', size) + 8;
  for (const [fill, label] of swatches) {
    cells.push({ x, y: legendTop + 2, width: 14, height: 14, fill, agency: '', period: 'legend', count: 0 });
    texts.push({ x: x + 18, y: legendTop + 12, content: label, size, anchor: 'start', fill: '#1a1a1a' });
    x += 18 + textWidth(label, size) + 14;
  }
  const height = legendTop + 16 + MARGIN;
  const busiest = grid.agencies.reduce((b, a) => (a.count > (b?.count ?? -1) ? a : b), grid.agencies[0]);
  const span = periods.length > 0 ? `${periodLabel(periods[0]!.period, grid.period)} to ${periodLabel(periods[periods.length - 1]!.period, grid.period)}` : 'no dated records';
  const desc = `Heatmap of how many records each of ${agencies.length} agencies made per ${grid.period}, ${span}. `
    + `Darker cells mean more records; pale grey means none.${busiest ? ` Most records: ${busiest.agency} (${busiest.count}).` : ''}`;
  return { width, height, cells, texts, title, desc };
}

export function renderHeatmap(grid: InvolvementGrid, options: HeatmapOptions = {}): string {
  const layout = layoutHeatmap(grid, options);
  const body: string[] = [];
  for (const c of layout.cells) body.push(rect(c.x, c.y, c.width, c.height, c.fill, c.period === 'legend' ? '#8c8c8c' : GRID_STROKE));
  const gridBottom = Math.max(...layout.cells.filter((c) => c.period !== 'legend').map((c) => c.y + c.height), 0);
  if (gridBottom > 0) body.push(line(MARGIN, gridBottom, layout.width - MARGIN, gridBottom, '#8c8c8c'));
  for (const t of layout.texts) body.push(text(t.x, t.y, t.content, { size: t.size, fill: t.fill, anchor: t.anchor, ...(t.weight ? { weight: t.weight } : {}) }));
  return svgDocument({ width: layout.width, height: layout.height, title: layout.title, desc: layout.desc, body });
}

/** Every text's box, for collision tests. */
export function heatmapTextBoxes(layout: HeatmapLayout): TextBox[] {
  return layout.texts.map((t) => textBox(t.x, t.y, t.content, t.size, t.anchor));
}

/** The lowest contrast of any text against what lies under it (white page or its cell). */
export function lowestTextContrast(layout: HeatmapLayout): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const t of layout.texts) {
    const under = layout.cells.find((c) => c.period !== 'legend' && t.x >= c.x && t.x <= c.x + c.width && t.y - t.size * 0.35 >= c.y && t.y - t.size * 0.35 <= c.y + c.height);
    lowest = Math.min(lowest, contrast(t.fill, under ? under.fill : '#ffffff'));
  }
  return lowest;
}
